/*
 * conv2d_s8_2x2_dsp.c — CONV_2D, int8, DSP extension: 2 x 2 blocking (two
 * output pixels by two output channels; arm_paths.h). Bit-exact with
 * mote_ref_conv2d_s8.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_paths.h"

/* Per-call constants of c2_blocks (words; offsets fixed in the asm). */
typedef struct c2_ctx {
    int32_t g16;   /* 0: bytes of the two interleaved widened patches (16 per group, groups even) */
    int32_t k;     /* 4: K: the filter row stride */
    int32_t npair; /* 8: pairs of output channels (>= 1) */
    int32_t ooff;  /* 12: output zero point */
    uint32_t lo4;  /* 16: act_min in every byte */
    uint32_t hi4;  /* 20: act_max in every byte */
    int32_t full;  /* 24: the act range is [-128, 127] */
    const int32_t *pr; /* 28: per pair: bias[2], then per channel (m, 2^(e-2), e-1) */
    int32_t dpix;      /* 32: bytes from the first pixel's outputs to the second's */
    int32_t prs[MOTE_ARM_C2_MAX_PAIRS][8];
} c2_ctx;

/*
 * Two output pixels x every pair of output channels: per group of four
 * depth values one LDM of both pixels' widened inputs (interleaved), then
 * per filter row one load, two SXTB16 and four SMLAD: 15 instructions for
 * 16 MACs; then the output stage of mote_arm_requant_e2 (same arithmetic),
 * zero point, SSAT, packing, clamp, and one halfword stored per pixel.
 * Hand-written (naked): the loop needs all 14 registers (the context is
 * kept on the stack meanwhile).
 */
__attribute__((naked, noinline)) static void c2_blocks(const int32_t *xw __attribute__((unused)),
                                                       const int8_t *w __attribute__((unused)),
                                                       int8_t *out __attribute__((unused)),
                                                       const c2_ctx *ctx __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "sub     sp, sp, #24\n\t"
                     "str     r0, [sp, #0]\n\t"
                     "str     r2, [sp, #4]\n\t"
                     "ldr     r4, [r3, #8]\n\t"
                     "str     r4, [sp, #8]\n\t"
                     "ldr     r4, [r3, #28]\n\t"
                     "str     r4, [sp, #12]\n\t"
                     "str     r3, [sp, #16]\n\t"
                     "1:\n\t"
                     "ldr     r0, [sp, #0]\n\t"
                     "ldr     r2, [r3, #0]\n\t"
                     "add     r2, r2, r0\n\t"
                     "ldr     lr, [r3, #4]\n\t"
                     "ldr     r12, [sp, #12]\n\t"
                     "ldm     r12!, {r4, r5}\n\t"
                     "str     r12, [sp, #12]\n\t"
                     "mov     r6, r4\n\t"
                     "mov     r7, r5\n\t"
                     "2:\n\t"
                     "ldm     r0!, {r8, r9, r10, r11}\n\t"
                     "ldr     r12, [r1, lr]\n\t"
                     "sxtb16  r3, r12\n\t"
                     "sxtb16  r12, r12, ror #8\n\t"
                     "smlad   r5, r3, r8, r5\n\t"
                     "smlad   r5, r12, r9, r5\n\t"
                     "smlad   r7, r3, r10, r7\n\t"
                     "smlad   r7, r12, r11, r7\n\t"
                     "ldr     r12, [r1], #4\n\t"
                     "sxtb16  r3, r12\n\t"
                     "sxtb16  r12, r12, ror #8\n\t"
                     "smlad   r4, r3, r8, r4\n\t"
                     "smlad   r4, r12, r9, r4\n\t"
                     "smlad   r6, r3, r10, r6\n\t"
                     "smlad   r6, r12, r11, r6\n\t"
                     "ldm     r0!, {r8, r9, r10, r11}\n\t"
                     "ldr     r12, [r1, lr]\n\t"
                     "sxtb16  r3, r12\n\t"
                     "sxtb16  r12, r12, ror #8\n\t"
                     "smlad   r5, r3, r8, r5\n\t"
                     "smlad   r5, r12, r9, r5\n\t"
                     "smlad   r7, r3, r10, r7\n\t"
                     "smlad   r7, r12, r11, r7\n\t"
                     "ldr     r12, [r1], #4\n\t"
                     "sxtb16  r3, r12\n\t"
                     "sxtb16  r12, r12, ror #8\n\t"
                     "smlad   r4, r3, r8, r4\n\t"
                     "smlad   r4, r12, r9, r4\n\t"
                     "smlad   r6, r3, r10, r6\n\t"
                     "smlad   r6, r12, r11, r6\n\t"
                     "cmp     r0, r2\n\t"
                     "bne     2b\n\t"
                     "add     r1, r1, lr\n\t"
                     "ldr     r12, [sp, #12]\n\t"
                     "ldm     r12!, {r8, r9, r10}\n\t"
                     "add     r11, r9, r4, asr #31\n\t"
                     "and     r0, r4, #0x80000000\n\t"
                     "orr     r0, r0, #0x40000000\n\t"
                     "smlal   r0, r11, r4, r8\n\t"
                     "asr     r4, r11, r10\n\t"
                     "add     r11, r9, r6, asr #31\n\t"
                     "and     r0, r6, #0x80000000\n\t"
                     "orr     r0, r0, #0x40000000\n\t"
                     "smlal   r0, r11, r6, r8\n\t"
                     "asr     r6, r11, r10\n\t"
                     "ldm     r12!, {r8, r9, r10}\n\t"
                     "add     r11, r9, r5, asr #31\n\t"
                     "and     r0, r5, #0x80000000\n\t"
                     "orr     r0, r0, #0x40000000\n\t"
                     "smlal   r0, r11, r5, r8\n\t"
                     "asr     r5, r11, r10\n\t"
                     "add     r11, r9, r7, asr #31\n\t"
                     "and     r0, r7, #0x80000000\n\t"
                     "orr     r0, r0, #0x40000000\n\t"
                     "smlal   r0, r11, r7, r8\n\t"
                     "asr     r7, r11, r10\n\t"
                     "str     r12, [sp, #12]\n\t"
                     "ldr     r3, [sp, #16]\n\t"
                     "ldr     r0, [r3, #12]\n\t"
                     "add     r4, r4, r0\n\t"
                     "ssat    r4, #8, r4\n\t"
                     "add     r5, r5, r0\n\t"
                     "ssat    r5, #8, r5\n\t"
                     "add     r6, r6, r0\n\t"
                     "ssat    r6, #8, r6\n\t"
                     "add     r7, r7, r0\n\t"
                     "ssat    r7, #8, r7\n\t"
                     "bfi     r4, r5, #8, #8\n\t"
                     "bfi     r4, r6, #16, #8\n\t"
                     "bfi     r4, r7, #24, #8\n\t"
                     "ldr     r0, [r3, #24]\n\t"
                     "cbnz    r0, 3f\n\t"
                     "ldr     r8, [r3, #16]\n\t"
                     "ssub8   r9, r4, r8\n\t"
                     "sel     r4, r4, r8\n\t"
                     "ldr     r8, [r3, #20]\n\t"
                     "ssub8   r9, r8, r4\n\t"
                     "sel     r4, r4, r8\n\t"
                     "3:\n\t"
                     "ldr     r0, [sp, #4]\n\t"
                     "ldr     r2, [r3, #32]\n\t"
                     "strh    r4, [r0]\n\t"
                     "lsr     r4, r4, #16\n\t"
                     "strh    r4, [r0, r2]\n\t"
                     "add     r0, r0, #2\n\t"
                     "str     r0, [sp, #4]\n\t"
                     "ldr     r0, [sp, #8]\n\t"
                     "subs    r0, r0, #1\n\t"
                     "str     r0, [sp, #8]\n\t"
                     "bne     1b\n\t"
                     "add     sp, sp, #24\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}

/*
 * 2 x 2 blocking (K % 8 == 0, 64 <= K <= 288, OC even, OC <= 64, every shift
 * <= -2, not in place): output pixels two at a time along a row (the last
 * one of an odd row paired with itself); both pixels' K inputs are
 * gathered (the input zero point for padded taps: zp + input_offset = 0,
 * so they add exactly nothing, as the reference's skipped taps do),
 * widened with the offset and interleaved, then c2_blocks. Returns 0 when
 * the case does not fit.
 */
int mote_arm_conv_2x2(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                      const int8_t *input, const mote_dims *fd, const int8_t *filter,
                      const int32_t *bias, const mote_dims *od, int8_t *output)
{
    int32_t xw[2 * MOTE_ARM_C2_XW_WORDS / 2];
    int32_t raw32[MOTE_ARM_C2_XW_WORDS / 4];
    int8_t *raw = (int8_t *)raw32;
    c2_ctx c;
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, K = fd->h * fd->w * C, G = K / 4, OC = od->c;
    const int32_t IH = id->h, IW = id->w, KH = fd->h, KW = fd->w;
    const int32_t off2 = mote_arm_dup16(p->input_offset);
    const int8_t zp = (int8_t)(-p->input_offset);
    int32_t o, b, oy, ox, j, k;

    /* rows of KW * C inputs are whole groups: interior windows are widened
     * straight from the input */
    const int rowwise = g->dilation_w == 1 && (KW * C) % 4 == 0;
    const int32_t gd = KW * C / 4;

    if (K % 8 != 0 || K < 64 || K > MOTE_ARM_C2_XW_WORDS || OC % 2 != 0 ||
        OC > 2 * MOTE_ARM_C2_MAX_PAIRS || input == output)
        return 0;
    for (o = 0; o < OC; ++o) {
        const int32_t sh = q->shift[o];
        if (sh > -2) return 0;
        c.prs[o / 2][o % 2] = bias ? bias[o] : 0;
        c.prs[o / 2][2 + 3 * (o % 2)] = q->multiplier[o];
        c.prs[o / 2][3 + 3 * (o % 2)] = (int32_t)1 << (-sh - 2);
        c.prs[o / 2][4 + 3 * (o % 2)] = -sh - 1;
    }
    c.g16 = 16 * G;
    c.k = K;
    c.npair = OC / 2;
    c.ooff = p->output_offset;
    c.lo4 = mote_arm_dup8(p->act_min);
    c.hi4 = mote_arm_dup8(p->act_max);
    c.full = p->act_min <= -128 && p->act_max >= 127;
    c.pr = &c.prs[0][0];
    for (b = 0; b < od->n; ++b) {
        const int8_t *in_batch = input + b * IH * IW * C;
        int8_t *out = output + b * od->h * od->w * OC;
        for (oy = 0; oy < od->h; ++oy) {
            const int32_t y0 = oy * g->stride_h - g->pad_h;
            int32_t ky_lo = 0, ky_hi = KH;
            if (y0 < 0 || y0 + g->dilation_h * (KH - 1) >= IH)
                mote_arm_tap_range(y0, g->dilation_h, IH, KH, &ky_lo, &ky_hi);
            for (ox = 0; ox < od->w; ox += 2) {
                const int two = ox + 1 < od->w;
                for (k = 0; k < 2; ++k) {
                    const int32_t x0 = (two ? ox + k : ox) * g->stride_w - g->pad_w;
                    int32_t kx_lo = 0, kx_hi = KW, i;
                    if (x0 < 0 || x0 + g->dilation_w * (KW - 1) >= IW)
                        mote_arm_tap_range(x0, g->dilation_w, IW, KW, &kx_lo, &kx_hi);
                    if (rowwise && ky_lo == 0 && ky_hi == KH && kx_lo == 0 && kx_hi == KW) {
                        /* wholly inside: widen straight from the input rows */
                        const int8_t *src = in_batch + (y0 * IW + x0) * C;
                        int32_t *d = xw + 2 * k, r;
                        for (r = 0; r < KH; ++r, src += g->dilation_h * IW * C) {
                            for (j = 0; j < gd; ++j, d += 4) {
                                const uint32_t v = mote_arm_ld32(src + 4 * j);
                                d[0] = mote_arm_even(v, off2);
                                d[1] = mote_arm_odd(v, off2);
                            }
                        }
                        continue;
                    }
                    i = ky_lo * KW * C;
                    mote_arm_fill_zp(raw, zp, i);
                    if (ky_hi > ky_lo) {
                        mote_arm_gather_rows(raw + i, g, id, in_batch, fd, y0, x0, ky_lo, ky_hi,
                                             kx_lo, kx_hi, zp);
                        i = ky_hi * KW * C;
                    }
                    mote_arm_fill_zp(raw + i, zp, K - i);
                    for (j = 0; j < G; ++j) {
                        const uint32_t v = (uint32_t)raw32[j];
                        xw[4 * j + 2 * k] = mote_arm_even(v, off2);
                        xw[4 * j + 2 * k + 1] = mote_arm_odd(v, off2);
                    }
                }
                c.dpix = two ? OC : 0;
                c2_blocks(xw, filter, out, &c);
                out += two ? 2 * OC : OC;
            }
        }
    }
    return 1;
}

#else
typedef int mote_arm_unused_;
#endif
