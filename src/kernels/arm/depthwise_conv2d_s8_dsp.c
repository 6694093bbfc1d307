/*
 * depthwise_conv2d_s8_dsp.c — DEPTHWISE_CONV_2D, int8, depth multiplier 1,
 * for cores with the DSP extension. Bit-exact with
 * mote_ref_depthwise_conv2d_s8.
 *
 * Channels go four at a time. The filter of each group of four is widened
 * once per call into scratch as two int16 pairs per tap ((w0, w2), (w1, w3),
 * one LDRD). Per tap: one 32-bit input load, two SXTAB16 (which also add the
 * input offset), four SMLABB/SMLATT: eight instructions per four MACs.
 * A 3x3 window wholly inside the input (any stride) is unrolled; border
 * pixels and other sizes loop over the in-bounds taps only (padded taps
 * add nothing, as in the reference). Channels past the last group of four
 * take a scalar loop.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_kernels.h"

static void tap_range(int32_t o, int32_t d, int32_t n, int32_t taps, int32_t *lo, int32_t *hi)
{
    int32_t a = o >= 0 ? 0 : (-o + d - 1) / d;
    int32_t b = o >= n ? 0 : (n - 1 - o) / d + 1;
    if (a > taps) a = taps;
    if (b > taps) b = taps;
    if (b < a) b = a;
    *lo = a;
    *hi = b;
}

typedef struct acc4 {
    int32_t a0, a1, a2, a3;
} acc4;

/* One tap for four channels: x points at the input, wp at its filter pair. */
MOTE_ARM_INLINE void tap4(acc4 *a, const int8_t *x, const int32_t *wp, int32_t off2)
{
    const uint32_t v = mote_arm_ld32(x);
    const int32_t xe = mote_arm_even(v, off2), xo = mote_arm_odd(v, off2);
    const int32_t we = wp[0], wo = wp[1];
    a->a0 = __smlabb(we, xe, a->a0);
    a->a2 = __smlatt(we, xe, a->a2);
    a->a1 = __smlabb(wo, xo, a->a1);
    a->a3 = __smlatt(wo, xo, a->a3);
}

/* The output stage's constants, copied out of the parameter structs:
 * int8 stores may alias anything, so fields read through pointers would
 * be reloaded after every output byte. */
#define OUT1(c, acc) mote_arm_out_s8((acc), mult[c], shift[c], ooff, lo, hi)

mote_status mote_arm_depthwise_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                                         const mote_dims *input_dims, const int8_t *input,
                                         const mote_dims *filter_dims, const int8_t *filter,
                                         const int32_t *bias, const mote_dims *output_dims,
                                         int8_t *output, void *scratch)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    const mote_conv_geom *g;
    const int32_t C = id ? id->c : 0, C4 = C & ~3;
    int32_t *wpk = (int32_t *)scratch; /* [tap][C4 / 4][2] */
    int32_t off2, b, oy, ox, c, t, taps;

    if (!p || !q || !q->multiplier || !q->shift || !input_dims || !input || !filter_dims ||
        !filter || !output_dims || !output)
        return MOTE_E_ARG;
    if (!mote_arm_depthwise_conv2d_s8_fits(p, id, fd, od)) return MOTE_E_ARG;
    if (C4 > 0 && !scratch) return MOTE_E_ARG;
    g = &p->geom;
    off2 = mote_arm_dup16(p->input_offset);
    {
        const int32_t *const mult = q->multiplier;
        const int8_t *const shift = q->shift;
        const int32_t ooff = p->output_offset, lo = p->act_min, hi = p->act_max;
        const int32_t in_off = p->input_offset;
        const int32_t IH = id->h, IW = id->w, KH = fd->h, KW = fd->w;
        const int32_t sh = g->stride_h, sw = g->stride_w, ph = g->pad_h, pw = g->pad_w;
        const int32_t dh = g->dilation_h, dw = g->dilation_w;
        const int32_t ON = od->n, OH = od->h, OW = od->w;
        taps = fd->h * fd->w;

        for (t = 0; t < taps; ++t)
            for (c = 0; c < C4; c += 4) {
                const uint32_t w = mote_arm_ld32(filter + t * C + c);
                wpk[(t * C4 + c) / 2] = mote_arm_even0(w);
                wpk[(t * C4 + c) / 2 + 1] = mote_arm_odd0(w);
            }

        for (b = 0; b < ON; ++b) {
            const int8_t *in_batch = input + b * IH * IW * C;
            for (oy = 0; oy < OH; ++oy) {
                const int32_t y0 = oy * sh - ph;
                int32_t ky_lo, ky_hi;
                tap_range(y0, dh, IH, KH, &ky_lo, &ky_hi);
                for (ox = 0; ox < OW; ++ox) {
                    const int32_t x0 = ox * sw - pw;
                    int8_t *out_px = output + ((b * OH + oy) * OW + ox) * C;
                    int32_t kx_lo, kx_hi, ky, kx;
                    int interior3;
                    tap_range(x0, dw, IW, KW, &kx_lo, &kx_hi);
                    interior3 = KH == 3 && KW == 3 && dh == 1 && dw == 1 && ky_lo == 0 &&
                                ky_hi == 3 && kx_lo == 0 && kx_hi == 3;
                    for (c = 0; c < C4; c += 4) {
                        acc4 a;
                        a.a0 = bias ? bias[c] : 0;
                        a.a1 = bias ? bias[c + 1] : 0;
                        a.a2 = bias ? bias[c + 2] : 0;
                        a.a3 = bias ? bias[c + 3] : 0;
                        if (interior3) {
                            const int8_t *r0 = in_batch + (y0 * IW + x0) * C + c;
                            const int8_t *r1 = r0 + IW * C, *r2 = r1 + IW * C;
                            const int32_t *w0 = wpk + c / 2, *w1 = w0 + 3 * C4 / 2,
                                          *w2 = w1 + 3 * C4 / 2;
                            tap4(&a, r0, w0, off2);
                            tap4(&a, r0 + C, w0 + C4 / 2, off2);
                            tap4(&a, r0 + 2 * C, w0 + C4, off2);
                            tap4(&a, r1, w1, off2);
                            tap4(&a, r1 + C, w1 + C4 / 2, off2);
                            tap4(&a, r1 + 2 * C, w1 + C4, off2);
                            tap4(&a, r2, w2, off2);
                            tap4(&a, r2 + C, w2 + C4 / 2, off2);
                            tap4(&a, r2 + 2 * C, w2 + C4, off2);
                        } else {
                            for (ky = ky_lo; ky < ky_hi; ++ky) {
                                const int32_t y = y0 + dh * ky;
                                const int8_t *x = in_batch + (y * IW + x0 + dw * kx_lo) * C + c;
                                const int32_t *w = wpk + ((ky * KW + kx_lo) * C4 + c) / 2;
                                for (kx = kx_lo; kx < kx_hi; ++kx) {
                                    tap4(&a, x, w, off2);
                                    x += dw * C;
                                    w += C4 / 2;
                                }
                            }
                        }
                        out_px[c] = OUT1(c, a.a0);
                        out_px[c + 1] = OUT1(c + 1, a.a1);
                        out_px[c + 2] = OUT1(c + 2, a.a2);
                        out_px[c + 3] = OUT1(c + 3, a.a3);
                    }
                    for (c = C4; c < C; ++c) {
                        int32_t acc = bias ? bias[c] : 0;
                        for (ky = ky_lo; ky < ky_hi; ++ky) {
                            const int32_t y = y0 + dh * ky;
                            for (kx = kx_lo; kx < kx_hi; ++kx) {
                                const int32_t x = x0 + dw * kx;
                                acc += filter[(ky * KW + kx) * C + c] *
                                       (in_batch[(y * IW + x) * C + c] + in_off);
                            }
                        }
                        out_px[c] = OUT1(c, acc);
                    }
                }
            }
        }
    }
    return MOTE_OK;
}

#else
typedef int mote_arm_unused_;
#endif
