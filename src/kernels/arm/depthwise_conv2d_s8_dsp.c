/*
 * depthwise_conv2d_s8_dsp.c — DEPTHWISE_CONV_2D, int8, depth multiplier 1,
 * for cores with the DSP extension. Bit-exact with
 * mote_ref_depthwise_conv2d_s8.
 *
 * Channels go four at a time, in the outer loop: the filter of one group of
 * four is widened into a small stack array (two int16 pairs per tap,
 * (w0, w2) and (w1, w3): one LDRD; at most MOTE_ARM_DW_MAX_TAPS taps), so
 * no arena scratch is needed, and the group's requantization constants are
 * prepared once. Per tap: one 32-bit input load, two SXTAB16 (which also
 * add the input offset), four SMLABB/SMLATT: eight instructions per four
 * MACs. A 3x3 window wholly inside the input (any stride) is one inline
 * asm block (dw3x3_asm: everything in registers);
 * border pixels and other sizes loop over the in-bounds taps only (padded
 * taps add nothing, as in the reference). The four outputs are stored as
 * one word. Channels past the last group of four take a scalar loop.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"

/* One tap of the 3x3 asm below: input word at [p + xoff], filter pair t. */
#define DW_TAP(ld, t)                                                                              \
    ld "sxtab16 %[xe], %[off], %[xo]\n\t"                                                          \
       "sxtab16 %[xo], %[off], %[xo], ror #8\n\t"                                                  \
       "ldrd    %[we], %[wo], [%[wk], #" t "]\n\t"                                                 \
       "smlabb  %[a0], %[we], %[xe], %[a0]\n\t"                                                    \
       "smlatt  %[a2], %[we], %[xe], %[a2]\n\t"                                                    \
       "smlabb  %[a1], %[wo], %[xo], %[a1]\n\t"                                                    \
       "smlatt  %[a3], %[wo], %[xo], %[a3]\n\t"
#define DW_ROW(t0, t1, t2)                                                                         \
    DW_TAP("ldr     %[xo], [%[p]]\n\t", t0)                                                        \
    DW_TAP("ldr     %[xo], [%[p], %[C]]\n\t", t1)                                                  \
    "add     %[p], %[p], %[C]\n\t" DW_TAP("ldr     %[xo], [%[p], %[C]]\n\t",                       \
                                          t2) "add     %[p], %[p], %[rs]\n\t"

/* The nine taps of a 3x3 window wholly inside the input, four channels:
 * p at the window's first input word, C the pixel stride, rs = row stride
 * - C; eight instructions per tap, everything in registers. */
MOTE_ARM_INLINE void dw3x3_asm(mote_arm_acc4 *a, const int8_t *p, int32_t C, int32_t rs,
                               const int32_t *wk, int32_t off2)
{
    int32_t a0 = a->a0, a1 = a->a1, a2 = a->a2, a3 = a->a3, xe, xo, we, wo;
    __asm__ volatile(DW_ROW("0", "8", "16") DW_ROW("24", "32", "40") DW_ROW("48", "56", "64")
                     : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [p] "+r"(p),
                       [xe] "=&r"(xe), [xo] "=&r"(xo), [we] "=&r"(we), [wo] "=&r"(wo)
                     : [C] "r"(C), [rs] "r"(rs), [wk] "r"(wk), [off] "r"(off2)
                     : "memory");
    a->a0 = a0;
    a->a1 = a1;
    a->a2 = a2;
    a->a3 = a3;
}

void mote_arm_dw_general(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                         const int8_t *input, const mote_dims *fd, const int8_t *filter,
                         const int32_t *bias, const mote_dims *od, int8_t *output)
{
    int32_t wk[2 * MOTE_ARM_DW_MAX_TAPS]; /* one channel group's filter, int16 pairs */
    int32_t off2, b, oy, ox, c, t;
    off2 = mote_arm_dup16(p->input_offset);
    {
        const mote_conv_geom *g = &p->geom;
        const int32_t C = id->c, C4 = C & ~3;
        const int32_t IH = id->h, IW = id->w, KH = fd->h, KW = fd->w, taps = KH * KW;
        const int32_t sh = g->stride_h, sw = g->stride_w, ph = g->pad_h, pw = g->pad_w;
        const int32_t dh = g->dilation_h, dw = g->dilation_w;
        const int32_t ON = od->n, OH = od->h, OW = od->w;
        const int32_t in_off = p->input_offset;
        const int is3 = KH == 3 && KW == 3 && dh == 1 && dw == 1;

        for (c = 0; c < C4; c += 4) {
            mote_arm_rq4 rq;
            const int32_t b0 = bias ? bias[c] : 0, b1 = bias ? bias[c + 1] : 0;
            const int32_t b2 = bias ? bias[c + 2] : 0, b3 = bias ? bias[c + 3] : 0;
            mote_arm_rq4_prep(&rq, q->multiplier, q->shift, c, 0, p->output_offset, p->act_min,
                              p->act_max);
            for (t = 0; t < taps; ++t) {
                const uint32_t w = mote_arm_ld32(filter + t * C + c);
                wk[2 * t] = mote_arm_even0(w);
                wk[2 * t + 1] = mote_arm_odd0(w);
            }
            for (b = 0; b < ON; ++b) {
                const int8_t *in_batch = input + b * IH * IW * C + c;
                int8_t *out = output + b * OH * OW * C + c;
                for (oy = 0; oy < OH; ++oy) {
                    const int32_t y0 = oy * sh - ph;
                    int32_t ky_lo = 0, ky_hi = KH;
                    if (y0 < 0 || y0 + dh * (KH - 1) >= IH)
                        mote_arm_tap_range(y0, dh, IH, KH, &ky_lo, &ky_hi);
                    for (ox = 0; ox < OW; ++ox, out += C) {
                        const int32_t x0 = ox * sw - pw;
                        int32_t kx_lo = 0, kx_hi = KW, ky, kx;
                        mote_arm_acc4 a;
                        a.a0 = b0;
                        a.a1 = b1;
                        a.a2 = b2;
                        a.a3 = b3;
                        if (x0 < 0 || x0 + dw * (KW - 1) >= IW)
                            mote_arm_tap_range(x0, dw, IW, KW, &kx_lo, &kx_hi);
                        if (is3 && ky_hi - ky_lo == 3 && kx_hi - kx_lo == 3) {
                            dw3x3_asm(&a, in_batch + (y0 * IW + x0) * C, C, IW * C - C, wk, off2);
                        } else {
                            for (ky = ky_lo; ky < ky_hi; ++ky) {
                                const int8_t *x =
                                    in_batch + ((y0 + dh * ky) * IW + x0 + dw * kx_lo) * C;
                                const int32_t *w = wk + 2 * (ky * KW + kx_lo);
                                for (kx = kx_lo; kx < kx_hi; ++kx) {
                                    mote_arm_tap4(&a, x, w, off2);
                                    x += dw * C;
                                    w += 2;
                                }
                            }
                        }
                        mote_arm_st32(out, mote_arm_rq4_pack(&rq, a.a0, a.a1, a.a2, a.a3));
                    }
                }
            }
        }
        for (c = C4; c < C; ++c) {
            const int32_t m = q->multiplier[c], s = q->shift[c];
            for (b = 0; b < ON; ++b) {
                const int8_t *in_batch = input + b * IH * IW * C;
                for (oy = 0; oy < OH; ++oy) {
                    const int32_t y0 = oy * sh - ph;
                    int32_t ky_lo, ky_hi;
                    mote_arm_tap_range(y0, dh, IH, KH, &ky_lo, &ky_hi);
                    for (ox = 0; ox < OW; ++ox) {
                        const int32_t x0 = ox * sw - pw;
                        int32_t kx_lo, kx_hi, ky, kx, acc = bias ? bias[c] : 0;
                        mote_arm_tap_range(x0, dw, IW, KW, &kx_lo, &kx_hi);
                        for (ky = ky_lo; ky < ky_hi; ++ky)
                            for (kx = kx_lo; kx < kx_hi; ++kx)
                                acc += filter[(ky * KW + kx) * C + c] *
                                       (in_batch[((y0 + dh * ky) * IW + x0 + dw * kx) * C + c] +
                                        in_off);
                        output[((b * OH + oy) * OW + ox) * C + c] =
                            mote_arm_out_s8(acc, m, s, p->output_offset, p->act_min, p->act_max);
                    }
                }
            }
        }
    }
}

mote_status mote_arm_depthwise_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                                         const mote_dims *input_dims, const int8_t *input,
                                         const mote_dims *filter_dims, const int8_t *filter,
                                         const int32_t *bias, const mote_dims *output_dims,
                                         int8_t *output, void *scratch)
{
    (void)scratch;
    if (!p || !q || !q->multiplier || !q->shift || !input_dims || !input || !filter_dims ||
        !filter || !output_dims || !output)
        return MOTE_E_ARG;
    switch (mote_arm_dw_s8_path(p, input_dims, filter_dims, output_dims, input == output)) {
    case MOTE_ARM_DW_3X3:
        if (input != output && mote_arm_dw_3x3_px_case(output_dims))
            mote_arm_dw_3x3_px(p, q, input_dims, input, filter, bias, output_dims, output);
        else if (input != output && mote_arm_dw_3x3_s2_case(p, input_dims, output_dims))
            mote_arm_dw_3x3_s2(p, q, input_dims, input, filter, bias, output_dims, output);
        else
            mote_arm_dw_3x3(p, q, input_dims, input, filter, bias, output_dims, output);
        return MOTE_OK;
    case MOTE_ARM_DW_GENERAL:
        mote_arm_dw_general(p, q, input_dims, input, filter_dims, filter, bias, output_dims,
                            output);
        return MOTE_OK;
    default: /* not taken, or in place and not the 3x3 path's case: mote_arm_conv_rows */
        return MOTE_E_ARG;
    }
}

#else
typedef int mote_arm_unused_;
#endif
