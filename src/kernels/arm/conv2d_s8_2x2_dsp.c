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
    int32_t ooff;  /* 12: output zero point (folded into pr's high-word addends, unused) */
    uint32_t lo4;  /* 16: act_min in every byte */
    uint32_t hi4;  /* 20: act_max in every byte */
    int32_t full;  /* 24: the act range is [-128, 127] */
    const int32_t *pr; /* 28: per pair: bias[2], then per channel (m, hq, e-1) */
    int32_t dpix;      /* 32: bytes from the first pixel's outputs to the second's */
    int32_t adv;       /* 36: from the end of a pair's first row to the next pair (2K - Kp) */
    int32_t prs[MOTE_ARM_C2_MAX_PAIRS][8];
} c2_ctx;

/* One group of four depth values of c2_blocks' loop: both pixels' widened
 * inputs in one LDM, then each channel's filter row (at r1 + lr and r1):
 * one load, two SXTB16, four SMLAD. */
#define C2_GROUP                                                                                   \
    "ldm     r0!, {r8, r9, r10, r11}\n\t"                                                          \
    "ldr     r12, [r1, lr]\n\t"                                                                    \
    "sxtb16  r3, r12\n\t"                                                                          \
    "sxtb16  r12, r12, ror #8\n\t"                                                                 \
    "smlad   r5, r3, r8, r5\n\t"                                                                   \
    "smlad   r5, r12, r9, r5\n\t"                                                                  \
    "smlad   r7, r3, r10, r7\n\t"                                                                  \
    "smlad   r7, r12, r11, r7\n\t"                                                                 \
    "ldr     r12, [r1], #4\n\t"                                                                    \
    "sxtb16  r3, r12\n\t"                                                                          \
    "sxtb16  r12, r12, ror #8\n\t"                                                                 \
    "smlad   r4, r3, r8, r4\n\t"                                                                   \
    "smlad   r4, r12, r9, r4\n\t"                                                                  \
    "smlad   r6, r3, r10, r6\n\t"                                                                  \
    "smlad   r6, r12, r11, r6\n\t"

/*
 * Two output pixels x every pair of output channels: per group of four
 * depth values one LDM of both pixels' widened inputs (interleaved), then
 * per filter row one load, two SXTB16 and four SMLAD: 15 instructions for
 * 16 MACs, four groups per iteration (entered half way when the group
 * count is 2 mod 4); then the output stage of mote_arm_requant_e2 (same arithmetic),
 * the zero point folded in (conv_2x2), SSAT, packing, clamp, and one
 * halfword stored per pixel.
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
                     "sub     r8, r2, r0\n\t"
                     "tst     r8, #32\n\t"
                     "bne     4f\n\t"
                     "2:\n\t" C2_GROUP C2_GROUP "4:\n\t" C2_GROUP C2_GROUP "cmp     r0, r2\n\t"
                     "bne     2b\n\t"
                     "ldr     r3, [sp, #16]\n\t"
                     "ldr     r0, [r3, #36]\n\t"
                     "add     r1, r1, r0\n\t"
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
                     "ssat    r4, #8, r4\n\t"
                     "ssat    r5, #8, r5\n\t"
                     "ssat    r6, #8, r6\n\t"
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

/* d[0] = lo, d[1] = hi in one STRD (d word-aligned) */
static inline __attribute__((always_inline)) void c2_st2(int32_t *d, int32_t lo, int32_t hi)
{
    __asm__ volatile("strd    %1, %2, [%0]" : : "r"(d), "r"(lo), "r"(hi) : "memory");
}

/* n groups of four int8 inputs from src, widened with the offset into
 * one pixel's slots of the interleaved patch (d[0], d[1], then d[4], d[5],
 * ...); four groups per iteration. Returns d past the last group. Shared
 * with the four-pixel path (conv2d_s8_4px_dsp.c). */
int32_t *mote_arm_c2_widen(int32_t *d, const int8_t *src, int32_t n, int32_t off2)
{
    const int8_t *end = src + 4 * n;
    for (; end - src >= 16; src += 16, d += 16) {
        const uint32_t a = mote_arm_ld32(src), b = mote_arm_ld32(src + 4);
        const uint32_t c = mote_arm_ld32(src + 8), e = mote_arm_ld32(src + 12);
        /* d[0], d[1], d[4], d[5], d[8], d[9], d[12], d[13]: four STRD */
        __asm__ volatile("strd    %1, %2, [%0]\n\t"
                         "strd    %3, %4, [%0, #16]\n\t"
                         "strd    %5, %6, [%0, #32]\n\t"
                         "strd    %7, %8, [%0, #48]"
                         :
                         : "r"(d), "r"(mote_arm_even(a, off2)), "r"(mote_arm_odd(a, off2)),
                           "r"(mote_arm_even(b, off2)), "r"(mote_arm_odd(b, off2)),
                           "r"(mote_arm_even(c, off2)), "r"(mote_arm_odd(c, off2)),
                           "r"(mote_arm_even(e, off2)), "r"(mote_arm_odd(e, off2))
                         : "memory");
    }
    for (; src != end; src += 4, d += 4) {
        const uint32_t v = mote_arm_ld32(src);
        c2_st2(d, mote_arm_even(v, off2), mote_arm_odd(v, off2));
    }
    return d;
}

/* The K inputs of the pixel at (y0, x0) (window rows ky_lo .. ky_hi - 1,
 * columns kx_lo .. kx_hi - 1 inside the input), widened with the offset
 * into slot k of the interleaved patch xw (words 4j + 2k, 4j + 2k + 1 of
 * group j), for C % 4 == 0: every tap is C / 4 whole groups, read straight
 * from the input; a tap outside adds nothing (zero words, as the
 * reference skips it). */
void mote_arm_c2_taps(int32_t *xw, const mote_conv_geom *g, const mote_dims *id,
                      const int8_t *in_batch, const mote_dims *fd, int32_t y0, int32_t x0,
                      int32_t ky_lo, int32_t ky_hi, int32_t kx_lo, int32_t kx_hi, int32_t off2)
{
    const int32_t C = id->c, gc = C / 4, KW = fd->w;
    int32_t *d = xw;
    int32_t ky, kx, j;
    for (ky = 0; ky < fd->h; ++ky) {
        const int in_y = ky >= ky_lo && ky < ky_hi;
        for (kx = 0; kx < KW; ++kx) {
            if (in_y && kx >= kx_lo && kx < kx_hi) {
                d = mote_arm_c2_widen(
                    d, in_batch + ((y0 + g->dilation_h * ky) * id->w + x0 + g->dilation_w * kx) * C,
                    gc, off2);
            } else {
                for (j = 0; j < gc; ++j, d += 4)
                    d[0] = d[1] = 0;
            }
        }
    }
}

/*
 * 2 x 2 blocking (mote_arm_c2_ok, every shift in [-23, -2], not in place): output
 * pixels two at a time along a row (the last one of an odd row paired with
 * itself); both pixels' K inputs are widened with the offset and
 * interleaved, then c2_blocks. Taps outside the input add exactly nothing
 * (zero words, or the input zero point in a gathered byte patch: zp +
 * input_offset = 0), as the reference's skipped taps do. A K that is not
 * a multiple of 8 (few input channels) is padded to Kp with zero inputs;
 * the filter rows are then read Kp bytes from each row start, the bytes
 * past a row (the next row's) meeting those zeros, except past the last
 * row: the last pair runs on a padded copy of its two rows. xw holds
 * xw_words. Returns 0 when the case does not fit.
 */
static int conv_2x2(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                    const int8_t *input, const mote_dims *fd, const int8_t *filter,
                    const int32_t *bias, const mote_dims *od, int8_t *output, int32_t *xw,
                    int32_t xw_words)
{
    int32_t raw32[MOTE_ARM_C2_XW_WORDS / 4];
    int32_t wl32[2 * MOTE_ARM_C2_SMALL_K / 4]; /* the last pair's rows, padded */
    int8_t *raw = (int8_t *)raw32, *wl = (int8_t *)wl32;
    c2_ctx c;
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, K = fd->h * fd->w * C, Kp = (K + 7) / 8 * 8, G = Kp / 4, OC = od->c;
    const int32_t IH = id->h, IW = id->w, KH = fd->h, KW = fd->w;
    const int32_t off2 = mote_arm_dup16(p->input_offset);
    const int8_t zp = (int8_t)(-p->input_offset);
    const int pw1 = KH == 1 && KW == 1 && g->stride_h == 1 && g->stride_w == 1 && g->pad_h == 0 &&
                    g->pad_w == 0 && od->h == IH && od->w == IW;
    /* taps of whole groups: widened straight from the input (any K);
     * else a byte patch (K <= 288) */
    const int taps = C % 4 == 0;
    /* rows of KW * C inputs are whole groups: interior windows are widened
     * straight from the input rows */
    const int rowwise = g->dilation_w == 1 && (KW * C) % 4 == 0;
    const int32_t gd = KW * C / 4, pad = Kp != K;
    int32_t o, b, oy, ox, j, k;

    if (!mote_arm_c2_ok(K, C, OC, pw1) || Kp > xw_words || (!taps && Kp > MOTE_ARM_C2_XW_WORDS) ||
        (pad && Kp > MOTE_ARM_C2_SMALL_K) || input == output)
        return 0;
    /* The output zero point rides in the high-word addend of
     * mote_arm_requant_e2: hq = 2^(e-2) + ooff 2^(e-1), a multiple of
     * 2^(e-1) above 2^(e-2), shifts out as exactly ooff. No overflow for
     * e <= 23: the high word of acc m is below 2^30 in size, and
     * 2^30 + 2^21 + 1 + 128 2^22 < 2^31. Shifts past that take the patch
     * path (as shifts above -2 do). */
    if (p->output_offset < -128 || p->output_offset > 127) return 0;
    for (o = 0; o < OC; ++o) {
        if (!mote_arm_c2_chan(p, q, o, &c.prs[o / 2][2 + 3 * (o % 2)])) return 0;
        c.prs[o / 2][o % 2] = bias ? bias[o] : 0;
    }
    if (pad) {
        /* the last two rows, each padded with zero weights to Kp */
        for (k = 0; k < 2; ++k) {
            memcpy(wl + k * Kp, filter + (OC - 2 + k) * K, (size_t)K);
            memset(wl + k * Kp + K, 0, (size_t)(Kp - K));
        }
        /* the byte patch's padding (the interior copies never write it) */
        mote_arm_fill_zp(raw + K, zp, Kp - K);
    }
    c.g16 = 16 * G;
    c.ooff = p->output_offset;
    c.lo4 = mote_arm_dup8(p->act_min);
    c.hi4 = mote_arm_dup8(p->act_max);
    c.full = p->act_min <= -128 && p->act_max >= 127;
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
                    int32_t kx_lo = 0, kx_hi = KW;
                    const int inside = ky_lo == 0 && ky_hi == KH;
                    if (x0 < 0 || x0 + g->dilation_w * (KW - 1) >= IW)
                        mote_arm_tap_range(x0, g->dilation_w, IW, KW, &kx_lo, &kx_hi);
                    if (rowwise && inside && kx_lo == 0 && kx_hi == KW) {
                        /* wholly inside: widen straight from the input rows */
                        const int8_t *src = in_batch + (y0 * IW + x0) * C;
                        int32_t *d = xw + 2 * k, r;
                        for (r = 0; r < KH; ++r, src += g->dilation_h * IW * C)
                            d = mote_arm_c2_widen(d, src, gd, off2);
                        continue;
                    }
                    if (taps) {
                        mote_arm_c2_taps(xw + 2 * k, g, id, in_batch, fd, y0, x0, ky_lo, ky_hi,
                                         kx_lo, kx_hi, off2);
                        continue;
                    }
                    if (g->dilation_w == 1 && inside && kx_lo == 0 && kx_hi == KW && gd >= 1) {
                        /* wholly inside, rows of KW * C bytes that are not
                         * whole groups: each row copied word by word, its
                         * last word ending at the row's last byte (it
                         * overlaps the one before; nothing past the row is
                         * read) */
                        const int8_t *src = in_batch + (y0 * IW + x0) * C;
                        const int32_t n = KW * C;
                        int8_t *d = raw;
                        int32_t r;
                        for (r = 0; r < KH; ++r, src += g->dilation_h * IW * C, d += n) {
                            for (j = 0; j + 4 < n; j += 4)
                                mote_arm_st32(d + j, mote_arm_ld32(src + j));
                            mote_arm_st32(d + n - 4, mote_arm_ld32(src + n - 4));
                        }
                    } else {
                        mote_arm_gather_window(raw, Kp, g, id, in_batch, fd, y0, x0, ky_lo, ky_hi,
                                               kx_lo, kx_hi, zp);
                    }
                    (void)mote_arm_c2_widen(xw + 2 * k, raw, G, off2);
                }
                c.dpix = two ? OC : 0;
                c.k = K;
                c.adv = 2 * K - Kp;
                c.pr = &c.prs[0][0];
                c.npair = OC / 2 - pad;
                if (c.npair > 0) c2_blocks(xw, filter, out, &c);
                if (pad) {
                    c.k = Kp;
                    c.adv = Kp;
                    c.pr = &c.prs[OC / 2 - 1][0];
                    c.npair = 1;
                    c2_blocks(xw, wl, out + OC - 2, &c);
                }
                out += two ? 2 * OC : OC;
            }
        }
    }
    return 1;
}

/* Two frames: the patches of a K up to 288, or up to 576 (in_c % 4 == 0),
 * so that the common case keeps the smaller stack. */
static __attribute__((noinline)) int conv_2x2_small(const mote_conv_s8_params *p,
                                                    const mote_requant *q, const mote_dims *id,
                                                    const int8_t *input, const mote_dims *fd,
                                                    const int8_t *filter, const int32_t *bias,
                                                    const mote_dims *od, int8_t *output)
{
    int32_t xw[MOTE_ARM_C2_XW_WORDS];
    return conv_2x2(p, q, id, input, fd, filter, bias, od, output, xw, MOTE_ARM_C2_XW_WORDS);
}

static __attribute__((noinline)) int conv_2x2_big(const mote_conv_s8_params *p,
                                                  const mote_requant *q, const mote_dims *id,
                                                  const int8_t *input, const mote_dims *fd,
                                                  const int8_t *filter, const int32_t *bias,
                                                  const mote_dims *od, int8_t *output)
{
    int32_t xw[MOTE_ARM_C2_XW_BIG];
    return conv_2x2(p, q, id, input, fd, filter, bias, od, output, xw, MOTE_ARM_C2_XW_BIG);
}

int mote_arm_conv_2x2(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                      const int8_t *input, const mote_dims *fd, const int8_t *filter,
                      const int32_t *bias, const mote_dims *od, int8_t *output)
{
    const int32_t K = fd->h * fd->w * id->c;
    if (K <= MOTE_ARM_C2_XW_WORDS)
        return conv_2x2_small(p, q, id, input, fd, filter, bias, od, output);
    return conv_2x2_big(p, q, id, input, fd, filter, bias, od, output);
}

#else
typedef int mote_arm_unused_;
#endif
