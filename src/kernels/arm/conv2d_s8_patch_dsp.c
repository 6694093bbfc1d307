/*
 * conv2d_s8_patch_dsp.c — CONV_2D, int8, DSP extension: the patch path
 * (K <= 640, any geometry; arm_paths.h), in place for pointwise steps.
 * Bit-exact with mote_ref_conv2d_s8.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_paths.h"

/* Input value k of a widened patch (group k / 4: (x0, x2), (x1, x3)). */
MOTE_ARM_INLINE int32_t patch_at(const int32_t *xw, int32_t k)
{
    const uint32_t v = (uint32_t)xw[2 * (k >> 2) + (k & 1)];
    return (int16_t)(uint16_t)((k & 2) ? v >> 16 : v);
}

/* nb blocks of four output channels of one pixel against its widened
 * patch xw (g groups), each stored as one word; a function of its own so
 * that the per-block work has the registers to itself (also the general
 * path of mote_arm_fc_xw, whose widened input row is such a patch). lims:
 * output zero point, "range is full", act_min and act_max in every byte. */
__attribute__((noinline)) void mote_arm_xw_blocks(const int32_t *xw, const int8_t *w, int32_t K,
                                                  int32_t g, int32_t nb, const int32_t *bias,
                                                  int8_t *out, const int32_t *mult,
                                                  const int8_t *shift, const uint32_t *lims)
{
    const int32_t ooff = (int32_t)lims[0];
    const int full = lims[1] != 0;
    int32_t bl;
    for (bl = 0; bl < nb; ++bl, w += 4 * K, out += 4) {
        const mote_requant q = {mult, shift};
        int32_t acc[4];
        if (bias) {
            acc[0] = bias[4 * bl];
            acc[1] = bias[4 * bl + 1];
            acc[2] = bias[4 * bl + 2];
            acc[3] = bias[4 * bl + 3];
        } else {
            acc[0] = acc[1] = acc[2] = acc[3] = 0;
        }
        mote_arm_xdot4(xw, w, K, g, acc);
        mote_arm_st32(out, mote_arm_pack4_q(&q, 4 * bl, acc, ooff, full, lims[2], lims[3]));
    }
}

/* Per-call constants of cv_blocks (words; offsets fixed in the asm). */
#define CV_MAX_BLOCKS 16 /* output channels <= 64 */
typedef struct cv_ctx {
    int32_t g8;         /* 0: bytes of the widened patch (8 per group, groups even) */
    int32_t k;          /* 4: K: the filter row stride */
    int32_t nblk;       /* 8: blocks of four output channels (>= 1) */
    int32_t ooff;       /* 12: output zero point */
    uint32_t lo4;       /* 16: act_min in every byte */
    uint32_t hi4;       /* 20: act_max in every byte */
    int32_t full;       /* 24: the act range is [-128, 127] */
    const int32_t *blk; /* 28: per block: bias[4], then per channel (m, 2^(e-2), e-1) */
    int32_t blks[CV_MAX_BLOCKS][16];
} cv_ctx;

/*
 * Every block of four output channels (int8 filter rows from w) against one
 * widened patch xw: the mote_arm_xdot4 loop (two groups per iteration, 21
 * instructions per 16 MACs), then the output stage of mote_arm_requant_e2
 * with the block's constants (same arithmetic), zero point, SSAT, BFI
 * packing, clamp; one word stored per block at out, out + 4, ...
 * Hand-written (naked): the loop needs 13 registers, the context a 14th.
 */
__attribute__((naked, noinline)) static void cv_blocks(const int32_t *xw __attribute__((unused)),
                                                       const int8_t *w __attribute__((unused)),
                                                       int8_t *out __attribute__((unused)),
                                                       const cv_ctx *ctx __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "sub     sp, sp, #16\n\t"
                     "str     r0, [sp, #0]\n\t"
                     "str     r2, [sp, #4]\n\t"
                     "ldr     r4, [r3, #8]\n\t"
                     "str     r4, [sp, #8]\n\t"
                     "ldr     r4, [r3, #28]\n\t"
                     "str     r4, [sp, #12]\n\t"
                     "1:\n\t"
                     "ldr     r0, [sp, #0]\n\t"
                     "ldr     r2, [r3, #0]\n\t"
                     "add     r2, r2, r0\n\t"
                     "ldr     lr, [r3, #4]\n\t"
                     "add     r12, r1, lr, lsl #1\n\t"
                     "ldr     r8, [sp, #12]\n\t"
                     "ldm     r8!, {r4, r5, r6, r7}\n\t"
                     "str     r8, [sp, #12]\n\t"
                     "2:\n\t"
                     "ldrd    r8, r9, [r0], #8\n\t"
                     "ldr     r10, [r1, lr]\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r5, r11, r8, r5\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r5, r10, r9, r5\n\t"
                     "ldr     r10, [r1], #4\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r4, r11, r8, r4\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r4, r10, r9, r4\n\t"
                     "ldr     r10, [r12, lr]\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r7, r11, r8, r7\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r7, r10, r9, r7\n\t"
                     "ldr     r10, [r12], #4\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r6, r11, r8, r6\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r6, r10, r9, r6\n\t"
                     "ldrd    r8, r9, [r0], #8\n\t"
                     "ldr     r10, [r1, lr]\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r5, r11, r8, r5\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r5, r10, r9, r5\n\t"
                     "ldr     r10, [r1], #4\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r4, r11, r8, r4\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r4, r10, r9, r4\n\t"
                     "ldr     r10, [r12, lr]\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r7, r11, r8, r7\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r7, r10, r9, r7\n\t"
                     "ldr     r10, [r12], #4\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r6, r11, r8, r6\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r6, r10, r9, r6\n\t"
                     "cmp     r0, r2\n\t"
                     "bne     2b\n\t"
                     "add     r1, r12, lr\n\t"
                     "ldr     r12, [sp, #12]\n\t"
                     "ldm     r12!, {r8, r9, r10}\n\t"
                     "add     r11, r9, r4, asr #31\n\t"
                     "and     r0, r4, #0x80000000\n\t"
                     "orr     r0, r0, #0x40000000\n\t"
                     "smlal   r0, r11, r4, r8\n\t"
                     "asr     r4, r11, r10\n\t"
                     "ldm     r12!, {r8, r9, r10}\n\t"
                     "add     r11, r9, r5, asr #31\n\t"
                     "and     r0, r5, #0x80000000\n\t"
                     "orr     r0, r0, #0x40000000\n\t"
                     "smlal   r0, r11, r5, r8\n\t"
                     "asr     r5, r11, r10\n\t"
                     "ldm     r12!, {r8, r9, r10}\n\t"
                     "add     r11, r9, r6, asr #31\n\t"
                     "and     r0, r6, #0x80000000\n\t"
                     "orr     r0, r0, #0x40000000\n\t"
                     "smlal   r0, r11, r6, r8\n\t"
                     "asr     r6, r11, r10\n\t"
                     "ldm     r12!, {r8, r9, r10}\n\t"
                     "add     r11, r9, r7, asr #31\n\t"
                     "and     r0, r7, #0x80000000\n\t"
                     "orr     r0, r0, #0x40000000\n\t"
                     "smlal   r0, r11, r7, r8\n\t"
                     "asr     r7, r11, r10\n\t"
                     "str     r12, [sp, #12]\n\t"
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
                     "str     r4, [r0], #4\n\t"
                     "str     r0, [sp, #4]\n\t"
                     "ldr     r0, [sp, #8]\n\t"
                     "subs    r0, r0, #1\n\t"
                     "str     r0, [sp, #8]\n\t"
                     "bne     1b\n\t"
                     "add     sp, sp, #16\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}

/*
 * The patch path, pixel by pixel (K <= 640, any geometry): output pixel by output pixel,
 * the pixel's K inputs are gathered in filter order (the input zero point
 * for padded taps, so that they add exactly 0 once the offset is added,
 * as the reference's skipped taps do), then widened in place with the
 * offset into int16 pairs: a 1 KB stack patch, built once per pixel and
 * shared by every output channel. Four output channels at a time run
 * mote_arm_xdot4 against the int8 filter rows; the last K % 4 depth
 * values and the last OC % 4 channels in C.
 */
static __attribute__((noinline)) void patch_pixels(const mote_conv_s8_params *p,
                                                   const mote_requant *q, const mote_dims *id,
                                                   const int8_t *input, const mote_dims *fd,
                                                   const int8_t *filter, const int32_t *bias,
                                                   const mote_dims *od, int8_t *output)
{
    int32_t xw[MOTE_ARM_CONV_XW_WORDS];
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, K = fd->h * fd->w * C, G = (K + 3) / 4, Gf = K / 4, OC = od->c;
    const int32_t IH = id->h, IW = id->w, KH = fd->h, KW = fd->w;
    const int32_t off2 = mote_arm_dup16(p->input_offset), ooff = p->output_offset;
    const int8_t zp = (int8_t)(-p->input_offset);
    const int full = p->act_min <= -128 && p->act_max >= 127;
    const uint32_t lo4 = mote_arm_dup8(p->act_min), hi4 = mote_arm_dup8(p->act_max);
    int8_t *raw = (int8_t *)xw + 4 * G; /* the int8 gather, in the patch's upper half */
    const uint32_t lims[4] = {(uint32_t)p->output_offset, (uint32_t)full, lo4, hi4};
    int32_t nsafe = 0;
    int32_t b, oy, ox, o, j, k;

    cv_ctx cv;
    int use_cv = OC % 4 == 0 && K % 8 == 0 && OC <= 4 * CV_MAX_BLOCKS;

    /* every block in cv_blocks when every shift is <= -2 */
    for (o = 0; use_cv && o < OC; ++o) {
        const int32_t sh = q->shift[o];
        if (sh > -2) {
            use_cv = 0;
            break;
        }
        cv.blks[o / 4][o % 4] = bias ? bias[o] : 0;
        cv.blks[o / 4][4 + 3 * (o % 4)] = q->multiplier[o];
        cv.blks[o / 4][5 + 3 * (o % 4)] = (int32_t)1 << (-sh - 2);
        cv.blks[o / 4][6 + 3 * (o % 4)] = -sh - 1;
    }
    cv.g8 = 8 * G;
    cv.k = K;
    cv.nblk = OC / 4;
    cv.ooff = ooff;
    cv.lo4 = lo4;
    cv.hi4 = hi4;
    cv.full = full;
    cv.blk = &cv.blks[0][0];
    /* blocks whose last group's weight words stay inside the filter (the
     * bytes past a row meet zero inputs): all four-row groups in the asm */
    while (4 * (nsafe + 1) <= OC && (4 * nsafe + 3) * K + 4 * G <= OC * K)
        ++nsafe;
    for (b = 0; b < od->n; ++b) {
        const int8_t *in_batch = input + b * IH * IW * C;
        int8_t *out = output + b * od->h * od->w * OC;
        for (oy = 0; oy < od->h; ++oy) {
            const int32_t y0 = oy * g->stride_h - g->pad_h;
            int32_t ky_lo = 0, ky_hi = KH;
            if (y0 < 0 || y0 + g->dilation_h * (KH - 1) >= IH)
                mote_arm_tap_range(y0, g->dilation_h, IH, KH, &ky_lo, &ky_hi);
            for (ox = 0; ox < od->w; ++ox, out += OC) {
                const int32_t x0 = ox * g->stride_w - g->pad_w;
                int32_t kx_lo = 0, kx_hi = KW;
                if (x0 < 0 || x0 + g->dilation_w * (KW - 1) >= IW)
                    mote_arm_tap_range(x0, g->dilation_w, IW, KW, &kx_lo, &kx_hi);
                /* gather: rows outside, then the rows inside, then the tail */
                mote_arm_gather_window(raw, 4 * G, g, id, in_batch, fd, y0, x0, ky_lo, ky_hi, kx_lo,
                                       kx_hi, zp);
                /* widen in place: group j's writes (bytes 8j .. 8j+7) never
                 * reach an unread group (from 4G + 4j + 4 on) */
                for (j = 0; j < G; ++j) {
                    const uint32_t v = mote_arm_ld32(raw + 4 * j);
                    xw[2 * j] = mote_arm_even(v, off2);
                    xw[2 * j + 1] = mote_arm_odd(v, off2);
                }
                if (use_cv) {
                    cv_blocks(xw, filter, out, &cv);
                    continue;
                }
                o = 0;
                if (nsafe > 0) {
                    mote_arm_xw_blocks(xw, filter, K, G, nsafe, bias, out, q->multiplier, q->shift,
                                       lims);
                    o = 4 * nsafe;
                }
                for (; o + 4 <= OC; o += 4) {
                    const int8_t *w = filter + o * K;
                    int32_t acc[4];
                    acc[0] = bias ? bias[o] : 0;
                    acc[1] = bias ? bias[o + 1] : 0;
                    acc[2] = bias ? bias[o + 2] : 0;
                    acc[3] = bias ? bias[o + 3] : 0;
                    /* past the nsafe blocks the last group's weight
                     * words would leave the filter: whole groups, then
                     * the last K % 4 values in C */
                    if (Gf > 0) mote_arm_xdot4(xw, w, K, Gf, acc);
                    for (k = 4 * Gf; k < K; ++k) {
                        const int32_t v = patch_at(xw, k);
                        acc[0] += w[k] * v;
                        acc[1] += w[K + k] * v;
                        acc[2] += w[2 * K + k] * v;
                        acc[3] += w[3 * K + k] * v;
                    }
                    mote_arm_st32(out + o, mote_arm_pack4_q(q, o, acc, ooff, full, lo4, hi4));
                }
                for (; o < OC; ++o) {
                    const int8_t *w = filter + o * K;
                    int32_t acc = bias ? bias[o] : 0;
                    for (k = 0; k < K; ++k)
                        acc += w[k] * patch_at(xw, k);
                    out[o] = mote_arm_out_s8(acc, q->multiplier[o], q->shift[o], ooff, p->act_min,
                                             p->act_max);
                }
            }
        }
    }
}

/* n rows (stride rs) of rg words each from src, widened with the offset
 * into d; each word shifted left by l bits, then right by r bits, and or-ed
 * with z (l = r = z = 0 but for a one-group row cut by the padding). */
static __attribute__((noinline)) void widen_runs(int32_t *d, const int8_t *src, int32_t rs,
                                                 int32_t n, int32_t rg, int32_t l, int32_t r,
                                                 uint32_t z, int32_t off2)
{
    int32_t j;
    for (; n > 0; --n, src += rs)
        for (j = 0; j < rg; ++j, d += 2) {
            const uint32_t v = ((mote_arm_ld32(src + 4 * j) << l) >> r) | z;
            d[0] = mote_arm_even(v, off2);
            d[1] = mote_arm_odd(v, off2);
        }
}

/*
 * The patch path in pixel chunks (K % 8 == 0, K <= 128, OC % 4 == 0:
 * mote_arm_patch_chunks_ok; any shift, mote_arm_pw_chunk's general stage
 * taking a pair with one above -2): the patches of up to
 * (MOTE_ARM_PW_BUF_WORDS - 2K) / (2G) output pixels (in output order) are
 * gathered and widened with the offset
 * into a 3 KB stack buffer after the widened filter rows, then
 * mote_arm_pw_chunk runs them against those rows (widened once per chunk
 * and block instead of SXTB16 per pixel). Every patch of a chunk is read before any of its outputs is
 * written, so this is safe wherever the pixel-by-pixel order is.
 */
__attribute__((noinline)) void
mote_arm_conv_patch_chunks(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                           const int8_t *input, const mote_dims *fd, const int8_t *filter,
                           const int32_t *bias, const mote_dims *od, int8_t *output)
{
    int32_t buf[MOTE_ARM_PW_BUF_WORDS];
    int32_t rawbuf[32];
    int8_t *raw = (int8_t *)rawbuf;
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, K = fd->h * fd->w * C, G = K / 4, OC = od->c;
    const int32_t IH = id->h, IW = id->w, KH = fd->h, KW = fd->w, OW = od->w;
    const int32_t P = (MOTE_ARM_PW_BUF_WORDS - 2 * K) / (2 * G), npix = od->h * OW;
    int32_t *xw = buf + 2 * K; /* after the widened filter rows */
    const int32_t off2 = mote_arm_dup16(p->input_offset);
    const int8_t zp = (int8_t)(-p->input_offset);
    /* groups per filter row when rows are whole groups of contiguous input */
    const int32_t RG = (KW * C) % 4 == 0 && g->dilation_w == 1 ? KW * C / 4 : 0;
    const uint32_t z4 = mote_arm_dup8(zp);
    int32_t b, i0, n, t, j;

    for (b = 0; b < od->n; ++b) {
        const int8_t *in_batch = input + b * IH * IW * C;
        int8_t *out = output + b * npix * OC;
        for (i0 = 0; i0 < npix; i0 += n) {
            n = npix - i0 < P ? npix - i0 : P;
            for (t = 0; t < n; ++t) {
                const int32_t oy = (i0 + t) / OW, ox = (i0 + t) % OW;
                const int32_t y0 = oy * g->stride_h - g->pad_h, x0 = ox * g->stride_w - g->pad_w;
                int32_t ky_lo = 0, ky_hi = KH, kx_lo = 0, kx_hi = KW;
                int32_t *d = xw + 2 * G * t;
                if (y0 < 0 || y0 + g->dilation_h * (KH - 1) >= IH)
                    mote_arm_tap_range(y0, g->dilation_h, IH, KH, &ky_lo, &ky_hi);
                if (x0 < 0 || x0 + g->dilation_w * (KW - 1) >= IW)
                    mote_arm_tap_range(x0, g->dilation_w, IW, KW, &kx_lo, &kx_hi);
                if (RG > 0 && (kx_hi - kx_lo == KW || (RG == 1 && IW * C >= 4 && kx_lo < kx_hi &&
                                                       (kx_lo == 0 || kx_hi == KW)))) {
                    /* filter rows of whole groups of contiguous input,
                     * loaded as words: rows in the padding widen to 0 (zero
                     * point plus offset); a one-group row cut by the left
                     * or right padding is the row's first or last word
                     * shifted, the zero point filling the gap */
                    const int32_t L = 8 * kx_lo * C, R = 8 * (KW - kx_hi) * C;
                    const uint32_t z = L ? z4 >> (32 - L) : R ? z4 << (32 - R) : 0u;
                    const int32_t at = R ? IW * C - 4 : L ? 0 : x0 * C;
                    int32_t *e = d + 2 * RG * KH;
                    for (j = 0; j < 2 * RG * ky_lo; ++j)
                        *d++ = 0;
                    if (ky_hi > ky_lo)
                        widen_runs(d, in_batch + (y0 + g->dilation_h * ky_lo) * IW * C + at,
                                   g->dilation_h * IW * C, ky_hi - ky_lo, RG, L, R, z, off2);
                    d += 2 * RG * (ky_hi - ky_lo);
                    while (d < e)
                        *d++ = 0;
                    continue;
                }
                mote_arm_gather_window(raw, K, g, id, in_batch, fd, y0, x0, ky_lo, ky_hi, kx_lo,
                                       kx_hi, zp);
                for (j = 0; j < G; ++j, d += 2) {
                    const uint32_t v = (uint32_t)rawbuf[j];
                    d[0] = mote_arm_even(v, off2);
                    d[1] = mote_arm_odd(v, off2);
                }
            }
            mote_arm_pw_chunk(p, q, G, OC, n, xw, out + i0 * OC, filter, bias, buf);
        }
    }
}

/* The patch path: pixel chunks when the case allows, else pixel by pixel. */
void mote_arm_conv_patch(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                         const int8_t *input, const mote_dims *fd, const int8_t *filter,
                         const int32_t *bias, const mote_dims *od, int8_t *output)
{
    const int32_t OC = od->c;
    int chunks = mote_arm_patch_chunks_ok(fd->h * fd->w * id->c, OC);
    int32_t o;
    for (o = 0; chunks && o < OC; ++o)
        if (q->shift[o] > -2) chunks = 0;
    if (chunks)
        mote_arm_conv_patch_chunks(p, q, id, input, fd, filter, bias, od, output);
    else
        patch_pixels(p, q, id, input, fd, filter, bias, od, output);
}

#else
typedef int mote_arm_unused_;
#endif
