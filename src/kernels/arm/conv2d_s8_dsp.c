/*
 * conv2d_s8_dsp.c — CONV_2D, int8, for cores with the DSP extension.
 * Bit-exact with mote_ref_conv2d_s8 (groups = 1).
 *
 * No arena scratch. Two paths:
 *
 * Widened weights (K = kh*kw*in_c <= 200): the filter rows of a block of
 * four output channels (K <= 100) or two (K <= 200) are widened once per
 * block into int16 pairs on the stack (800 bytes; mote_arm_widen_rows), then
 * every output pixel runs mote_arm_wdot4/2: per four depth values one input
 * word widened with the offset, one LDRD and two SMLAD per row (15
 * instructions for 16 MACs). Interior pixels read their kh filter-row runs
 * straight from the input when kw*in_c is a multiple of 4; other pixels
 * (borders, dilation, odd run lengths) first gather their K inputs into a
 * 200-byte stack patch in filter order, writing the input zero point for
 * padded taps: (zp + input_offset) = 0, so a padded tap adds exactly 0, as
 * the reference's skipped taps do.
 *
 * Otherwise, direct: four output channels at a time, and for each output
 * pixel the in-bounds part of every filter row is one contiguous run in
 * the input and in the filter (dilation 1), handed to mote_arm_dot4_s8,
 * which widens both in registers. Padded taps are skipped, as in the
 * reference. The four results are requantized and stored as one word;
 * channels past the last block go one by one.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_kernels.h"

/* First filter tap index whose coordinate o + d * t lies in [0, n),
 * and one past the last, clamped to [0, taps]. */
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

/* Accumulate, for the filter rows at w (row stride K, rows = 4 or 1), the
 * in-bounds taps of output pixel (oy, ox). Padded taps are skipped, as the
 * reference skips them. */
static void pixel_dot(const mote_conv_s8_params *p, const mote_dims *id, const int8_t *in_batch,
                      const mote_dims *fd, int32_t oy, int32_t ox, const int8_t *w, int32_t K,
                      int32_t rows, int32_t off2, int32_t *acc)
{
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, row = fd->w * C;
    const int32_t y0 = oy * g->stride_h - g->pad_h, x0 = ox * g->stride_w - g->pad_w;
    int32_t ky, kx, kx_lo, kx_hi, ky_lo, ky_hi;

    tap_range(y0, g->dilation_h, id->h, fd->h, &ky_lo, &ky_hi);
    tap_range(x0, g->dilation_w, id->w, fd->w, &kx_lo, &kx_hi);
    if (kx_hi <= kx_lo) return;
    for (ky = ky_lo; ky < ky_hi; ++ky) {
        const int8_t *in_row = in_batch + (y0 + g->dilation_h * ky) * id->w * C;
        const int8_t *wr = w + ky * row;
        if (g->dilation_w == 1) {
            const int32_t n = (kx_hi - kx_lo) * C;
            const int8_t *x = in_row + (x0 + kx_lo) * C;
            if (rows == 4)
                mote_arm_dot4_s8(wr + kx_lo * C, K, x, n, off2, acc);
            else
                acc[0] = mote_arm_dot1_s8(wr + kx_lo * C, x, n, off2, acc[0]);
        } else {
            for (kx = kx_lo; kx < kx_hi; ++kx) {
                const int8_t *x = in_row + (x0 + g->dilation_w * kx) * C;
                if (rows == 4)
                    mote_arm_dot4_s8(wr + kx * C, K, x, C, off2, acc);
                else
                    acc[0] = mote_arm_dot1_s8(wr + kx * C, x, C, off2, acc[0]);
            }
        }
    }
}

#define CONV_WB_WORDS 152 /* widened weights: 4 rows x 19 groups, 2 x 38, ... */
#define CONV_PATCH 152    /* bytes of one pixel's gathered inputs */
#define CONV_MAX_BLOCKS 3 /* channel blocks sharing one pixel's input */

/* Pointwise, nb blocks of four channels widened at wb (8 * g words each):
 * pixel by pixel, every block against the pixel's run of 4 * g inputs. */
static __attribute__((noinline)) void pw_blocks(const int32_t *wb, int32_t g, int32_t nb,
                                                const int8_t *x, int32_t C, int32_t npix,
                                                int8_t *out, int32_t OC, int32_t off2,
                                                const int32_t (*bs)[4], const mote_arm_rq4 *rq)
{
    int32_t i, bl;
    for (i = 0; i < npix; ++i, x += C, out += OC)
        for (bl = 0; bl < nb; ++bl) {
            int32_t acc[4];
            acc[0] = bs[bl][0];
            acc[1] = bs[bl][1];
            acc[2] = bs[bl][2];
            acc[3] = bs[bl][3];
            mote_arm_wdot4_run(wb + bl * 8 * g, x, g, off2, acc);
            mote_arm_st32(out + 4 * bl, mote_arm_rq4_pack(&rq[bl], acc[0], acc[1], acc[2], acc[3]));
        }
}

/* The widened-weight path; returns the number of output channels done
 * (a multiple of its block size, 0 when K is too large). */
static int32_t conv_widened(const mote_conv_s8_params *p, const mote_requant *q,
                            const mote_dims *id, const int8_t *input, const mote_dims *fd,
                            const int8_t *filter, const int32_t *bias, const mote_dims *od,
                            int8_t *output)
{
    int32_t wb[CONV_WB_WORDS];
    int32_t pt32[CONV_PATCH / 4]; /* the patch, word aligned */
    mote_arm_rq4 rq[CONV_MAX_BLOCKS];
    int8_t *pt = (int8_t *)pt32;
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, K = fd->h * fd->w * C, G = (K + 3) / 4, OC = od->c;
    const int32_t R = 8 * G <= CONV_WB_WORDS ? 4 : 0; /* 2-row blocks (wdot2) lose to dot4 */
    const int32_t IH = id->h, IW = id->w, KH = fd->h, KW = fd->w;
    const int32_t rstride = g->dilation_h * IW * C;
    /* rows of kw * C inputs map onto whole groups of the widened weights */
    const int rowwise = (KW * C) % 4 == 0;
    const int32_t gd = (KW * C) / 4, off2 = mote_arm_dup16(p->input_offset);
    const int8_t zp = (int8_t)(-p->input_offset);
    int32_t o, b, oy, ox, nb, blk;

    if (R == 0 || 4 * G > CONV_PATCH) return 0;
    nb = CONV_WB_WORDS / (2 * R * G);
    if (nb > CONV_MAX_BLOCKS) nb = CONV_MAX_BLOCKS;
    for (o = 0; o + R <= OC;) {
        int32_t bs[CONV_MAX_BLOCKS][4];
        if (nb > (OC - o) / R) nb = (OC - o) / R;
        for (blk = 0; blk < nb; ++blk) {
            const int32_t c0 = o + blk * R;
            int32_t r;
            mote_arm_widen_rows(wb + blk * 2 * R * G, filter + c0 * K, K, R, G);
            for (r = 0; r < 4; ++r)
                bs[blk][r] = bias && r < R ? bias[c0 + r] : 0;
            if (R == 4)
                mote_arm_rq4_prep(&rq[blk], q->multiplier, q->shift, c0, 0, p->output_offset,
                                  p->act_min, p->act_max);
        }
        if (R == 4 && nb > 1 && KH == 1 && KW == 1 && C % 4 == 0 && g->stride_h == 1 &&
            g->stride_w == 1 && g->pad_h == 0 && g->pad_w == 0 && od->h == IH && od->w == IW) {
            pw_blocks(wb, G, nb, input, C, od->n * IH * IW, output + o, OC, off2,
                      (const int32_t(*)[4])bs, rq);
            o += nb * R;
            continue;
        }
        if (R == 4 && nb == 1 && KH == 1 && KW == 1 && C % 4 == 0 && g->stride_h == 1 &&
            g->stride_w == 1 && g->pad_h == 0 && g->pad_w == 0 && od->h == IH && od->w == IW) {
            /* 1x1, stride 1: pixel i reads input pixel i, one run of C */
            const int32_t npix = od->n * IH * IW;
            const int8_t *x = input;
            int8_t *out = output + o;
            int32_t i;
            for (i = 0; i < npix; ++i, x += C, out += OC) {
                int32_t acc[4];
                acc[0] = bs[0][0];
                acc[1] = bs[0][1];
                acc[2] = bs[0][2];
                acc[3] = bs[0][3];
                mote_arm_wdot4_run(wb, x, G, off2, acc);
                mote_arm_st32(out, mote_arm_rq4_pack(&rq[0], acc[0], acc[1], acc[2], acc[3]));
            }
            o += R;
            continue;
        }
        for (b = 0; b < od->n; ++b) {
            const int8_t *in_batch = input + b * IH * IW * C;
            int8_t *out = output + b * od->h * od->w * OC + o;
            for (oy = 0; oy < od->h; ++oy) {
                const int32_t y0 = oy * g->stride_h - g->pad_h;
                int32_t ky_lo = 0, ky_hi = KH;
                if (y0 < 0 || y0 + g->dilation_h * (KH - 1) >= IH)
                    tap_range(y0, g->dilation_h, IH, KH, &ky_lo, &ky_hi);
                for (ox = 0; ox < od->w; ++ox, out += OC) {
                    const int32_t x0 = ox * g->stride_w - g->pad_w;
                    const int8_t *x;
                    int32_t nrows, gr, rs, w0, kx_lo, kx_hi;
                    if (x0 >= 0 && x0 + g->dilation_w * (KW - 1) < IW) {
                        kx_lo = 0;
                        kx_hi = KW;
                    } else {
                        tap_range(x0, g->dilation_w, IW, KW, &kx_lo, &kx_hi);
                    }
                    if (rowwise) {
                        /* rows wholly outside add nothing: skipped, as the
                         * reference skips them; the weights start at ky_lo */
                        nrows = ky_hi - ky_lo;
                        gr = gd;
                        w0 = ky_lo * gd;
                        if (g->dilation_w == 1 && kx_lo == 0 && kx_hi == KW && gd > 2) {
                            x = in_batch + ((y0 + g->dilation_h * ky_lo) * IW + x0) * C;
                            rs = rstride;
                        } else if (g->dilation_w == 1 && kx_lo == 0 && kx_hi == KW) {
                            /* short rows (first layers, few channels): copied
                             * word by word into one run */
                            const int8_t *src =
                                in_batch + ((y0 + g->dilation_h * ky_lo) * IW + x0) * C;
                            int32_t r, j;
                            for (r = 0; r < nrows; ++r, src += rstride)
                                for (j = 0; j < gd; ++j)
                                    pt32[r * gd + j] = (int32_t)mote_arm_ld32(src + 4 * j);
                            x = pt;
                            gr = nrows * gd;
                            nrows = 1;
                            rs = 0;
                        } else {
                            /* the patch rows are contiguous: one run */
                            mote_arm_gather_rows(pt, g, id, in_batch, fd, y0, x0, ky_lo, ky_hi,
                                                 kx_lo, kx_hi, zp);
                            x = pt;
                            gr = nrows * gd;
                            nrows = 1;
                            rs = 0;
                        }
                    } else {
                        int32_t i;
                        for (i = 0; i < ky_lo * KW * C; ++i)
                            pt[i] = zp;
                        mote_arm_gather_rows(pt + i, g, id, in_batch, fd, y0, x0, ky_lo, ky_hi,
                                             kx_lo, kx_hi, zp);
                        for (i = ky_hi * KW * C; i < 4 * G; ++i)
                            pt[i] = zp;
                        x = pt;
                        nrows = 1;
                        gr = G;
                        w0 = 0;
                        rs = 0;
                    }
                    if (nrows <= 0) {
                        gr = 0;
                        nrows = 0;
                    }
                    for (blk = 0; blk < nb; ++blk) {
                        const int32_t *wk = wb + blk * 2 * R * G + w0 * 2 * R;
                        int8_t *ob = out + blk * R;
                        int32_t acc[4];
                        acc[0] = bs[blk][0];
                        acc[1] = bs[blk][1];
                        acc[2] = bs[blk][2];
                        acc[3] = bs[blk][3];
                        if (R == 4 && nrows == 1 && gr > 0) {
                            mote_arm_wdot4_run(wk, x, gr, off2, acc);
                            mote_arm_st32(
                                ob, mote_arm_rq4_pack(&rq[blk], acc[0], acc[1], acc[2], acc[3]));
                        } else if (R == 4) {
                            mote_arm_wdot4(wk, x, rs, nrows, gr, off2, acc);
                            mote_arm_st32(
                                ob, mote_arm_rq4_pack(&rq[blk], acc[0], acc[1], acc[2], acc[3]));
                        } else {
                            const int32_t c0 = o + blk * R;
                            mote_arm_wdot2(wk, x, rs, nrows, gr, off2, acc);
                            ob[0] = mote_arm_out_s8(acc[0], q->multiplier[c0], q->shift[c0],
                                                    p->output_offset, p->act_min, p->act_max);
                            ob[1] = mote_arm_out_s8(acc[1], q->multiplier[c0 + 1], q->shift[c0 + 1],
                                                    p->output_offset, p->act_min, p->act_max);
                        }
                    }
                }
            }
        }
        o += nb * R;
    }
    return o;
}

#define PW_XW_WORDS 512 /* in-place pointwise: widened inputs of a pixel chunk (2 KB) */

/* Per-call constants of pw_px (words; offsets fixed in the asm). */
typedef struct pw_ctx {
    const int32_t *wb; /* 0: four widened filter rows (mote_arm_widen_rows layout) */
    int32_t g8;        /* 4: bytes of one pixel's widened inputs (8 per group, groups even) */
    int32_t oc;        /* 8: output pixel stride */
    int32_t n;         /* 12: pixels (>= 1) */
    int32_t ooff;      /* 16: output zero point */
    uint32_t lo4;      /* 20: act_min in every byte */
    uint32_t hi4;      /* 24: act_max in every byte */
    int32_t full;      /* 28: the act range is [-128, 127] */
    int32_t bias[4];   /* 32 */
    int32_t rq[12];    /* 48: per channel (multiplier, 2^(e-2), e-1), every shift <= -2 */
} pw_ctx;

/*
 * n pixels (widened inputs at xw, one after the other) against one block of
 * four widened filter rows: the mote_arm_wwdot4 loop (two groups per
 * iteration, 24 instructions for 32 MACs), then the output stage of
 * mote_arm_requant_e2 (same arithmetic), zero point, SSAT, BFI packing and
 * clamp, one word stored per pixel: all in registers (naked: the loop
 * needs 13 of them).
 */
__attribute__((naked, noinline)) static void pw_px(const int32_t *xw __attribute__((unused)),
                                                   int8_t *out __attribute__((unused)),
                                                   const int32_t *unused __attribute__((unused)),
                                                   const pw_ctx *ctx __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "sub     sp, sp, #8\n\t"
                     "str     r1, [sp, #0]\n\t"
                     "ldr     r4, [r3, #12]\n\t"
                     "str     r4, [sp, #4]\n\t"
                     "1:\n\t"
                     "ldr     r1, [r3, #0]\n\t"
                     "ldr     r2, [r3, #4]\n\t"
                     "add     r2, r2, r0\n\t"
                     "add     r12, r3, #32\n\t"
                     "ldm     r12, {r4, r5, r6, r7}\n\t"
                     "2:\n\t"
                     "ldrd    r8, r9, [r0], #8\n\t"
                     "ldm     r1!, {r10, r11, r12, lr}\n\t"
                     "smlad   r4, r10, r8, r4\n\t"
                     "smlad   r4, r11, r9, r4\n\t"
                     "smlad   r5, r12, r8, r5\n\t"
                     "smlad   r5, lr, r9, r5\n\t"
                     "ldm     r1!, {r10, r11, r12, lr}\n\t"
                     "smlad   r6, r10, r8, r6\n\t"
                     "smlad   r6, r11, r9, r6\n\t"
                     "smlad   r7, r12, r8, r7\n\t"
                     "smlad   r7, lr, r9, r7\n\t"
                     "ldrd    r8, r9, [r0], #8\n\t"
                     "ldm     r1!, {r10, r11, r12, lr}\n\t"
                     "smlad   r4, r10, r8, r4\n\t"
                     "smlad   r4, r11, r9, r4\n\t"
                     "smlad   r5, r12, r8, r5\n\t"
                     "smlad   r5, lr, r9, r5\n\t"
                     "ldm     r1!, {r10, r11, r12, lr}\n\t"
                     "smlad   r6, r10, r8, r6\n\t"
                     "smlad   r6, r11, r9, r6\n\t"
                     "smlad   r7, r12, r8, r7\n\t"
                     "smlad   r7, lr, r9, r7\n\t"
                     "cmp     r0, r2\n\t"
                     "bne     2b\n\t"
                     "add     r12, r3, #48\n\t"
                     "ldm     r12!, {r8, r9, r10}\n\t"
                     "add     r9, r9, r4, asr #31\n\t"
                     "and     r1, r4, #0x80000000\n\t"
                     "orr     r1, r1, #0x40000000\n\t"
                     "smlal   r1, r9, r4, r8\n\t"
                     "asr     r4, r9, r10\n\t"
                     "ldm     r12!, {r8, r9, r10}\n\t"
                     "add     r9, r9, r5, asr #31\n\t"
                     "and     r1, r5, #0x80000000\n\t"
                     "orr     r1, r1, #0x40000000\n\t"
                     "smlal   r1, r9, r5, r8\n\t"
                     "asr     r5, r9, r10\n\t"
                     "ldm     r12!, {r8, r9, r10}\n\t"
                     "add     r9, r9, r6, asr #31\n\t"
                     "and     r1, r6, #0x80000000\n\t"
                     "orr     r1, r1, #0x40000000\n\t"
                     "smlal   r1, r9, r6, r8\n\t"
                     "asr     r6, r9, r10\n\t"
                     "ldm     r12!, {r8, r9, r10}\n\t"
                     "add     r9, r9, r7, asr #31\n\t"
                     "and     r1, r7, #0x80000000\n\t"
                     "orr     r1, r1, #0x40000000\n\t"
                     "smlal   r1, r9, r7, r8\n\t"
                     "asr     r7, r9, r10\n\t"
                     "ldr     r1, [r3, #16]\n\t"
                     "add     r4, r4, r1\n\t"
                     "ssat    r4, #8, r4\n\t"
                     "add     r5, r5, r1\n\t"
                     "ssat    r5, #8, r5\n\t"
                     "add     r6, r6, r1\n\t"
                     "ssat    r6, #8, r6\n\t"
                     "add     r7, r7, r1\n\t"
                     "ssat    r7, #8, r7\n\t"
                     "bfi     r4, r5, #8, #8\n\t"
                     "bfi     r4, r6, #16, #8\n\t"
                     "bfi     r4, r7, #24, #8\n\t"
                     "ldr     r1, [r3, #28]\n\t"
                     "cbnz    r1, 3f\n\t"
                     "ldr     r8, [r3, #20]\n\t"
                     "ssub8   r9, r4, r8\n\t"
                     "sel     r4, r4, r8\n\t"
                     "ldr     r8, [r3, #24]\n\t"
                     "ssub8   r9, r8, r4\n\t"
                     "sel     r4, r4, r8\n\t"
                     "3:\n\t"
                     "ldr     r1, [sp, #0]\n\t"
                     "ldr     r2, [r3, #8]\n\t"
                     "str     r4, [r1]\n\t"
                     "add     r1, r1, r2\n\t"
                     "str     r1, [sp, #0]\n\t"
                     "ldr     r1, [sp, #4]\n\t"
                     "subs    r1, r1, #1\n\t"
                     "str     r1, [sp, #4]\n\t"
                     "bne     1b\n\t"
                     "add     sp, sp, #8\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}

/*
 * Pointwise (1x1, stride 1, no padding), C % 4 == 0, C <= 128, OC % 4 == 0,
 * in place (C == OC) or not: chunks of pixels are widened with the input
 * offset into a 2 KB stack buffer (so that, in place, their outputs may
 * overwrite them), then for each block of four output channels the filter
 * rows are widened (1 KB) and every pixel of the chunk runs pw_px (both
 * operands widened: 11 instructions for 16 MACs, output stage in
 * registers) or, for an odd number of groups or a shift > -2,
 * mote_arm_wwdot4 and the C output stage.
 */
#define PW_WB_WORDS 256
static void pw_chunks(const mote_conv_s8_params *p, const mote_requant *q, int32_t C, int32_t OC,
                      int32_t npix, const int8_t *input, int8_t *output, const int8_t *filter,
                      const int32_t *bias)
{
    int32_t xw[PW_XW_WORDS];
    int32_t wb[PW_WB_WORDS];
    const int32_t G = C / 4, P = PW_XW_WORDS / (2 * G), off2 = mote_arm_dup16(p->input_offset);
    pw_ctx ctx;
    int32_t i0, n, t, j, o;
    ctx.wb = wb;
    ctx.g8 = 8 * G;
    ctx.oc = OC;
    ctx.ooff = p->output_offset;
    ctx.lo4 = mote_arm_dup8(p->act_min);
    ctx.hi4 = mote_arm_dup8(p->act_max);
    ctx.full = p->act_min <= -128 && p->act_max >= 127;
    for (i0 = 0; i0 < npix; i0 += n) {
        n = npix - i0 < P ? npix - i0 : P;
        {
            const int8_t *src = input + i0 * C;
            int32_t *d = xw;
            for (j = 0; j < n * G; ++j, src += 4, d += 2) {
                const uint32_t v = mote_arm_ld32(src);
                d[0] = mote_arm_even(v, off2);
                d[1] = mote_arm_odd(v, off2);
            }
        }
        for (o = 0; o < OC; o += 4) {
            mote_arm_rq4 rq;
            const int32_t b0 = bias ? bias[o] : 0, b1 = bias ? bias[o + 1] : 0;
            const int32_t b2 = bias ? bias[o + 2] : 0, b3 = bias ? bias[o + 3] : 0;
            int8_t *out = output + i0 * OC + o;
            const int32_t *x = xw;
            {
                /* four filter rows, whole groups (C % 4 == 0) */
                const int8_t *w0 = filter + o * C;
                int32_t *d = wb;
                for (j = 0; j < G; ++j, w0 += 4, d += 8) {
                    const uint32_t v0 = mote_arm_ld32(w0), v1 = mote_arm_ld32(w0 + C);
                    const uint32_t v2 = mote_arm_ld32(w0 + 2 * C), v3 = mote_arm_ld32(w0 + 3 * C);
                    d[0] = mote_arm_even0(v0);
                    d[1] = mote_arm_odd0(v0);
                    d[2] = mote_arm_even0(v1);
                    d[3] = mote_arm_odd0(v1);
                    d[4] = mote_arm_even0(v2);
                    d[5] = mote_arm_odd0(v2);
                    d[6] = mote_arm_even0(v3);
                    d[7] = mote_arm_odd0(v3);
                }
            }
            if (G % 2 == 0) {
                int32_t fast = 1;
                for (t = 0; t < 4; ++t) {
                    const int32_t sh = q->shift[o + t];
                    ctx.bias[t] = bias ? bias[o + t] : 0;
                    ctx.rq[3 * t] = q->multiplier[o + t];
                    ctx.rq[3 * t + 1] = sh <= -2 ? (int32_t)1 << (-sh - 2) : 0;
                    ctx.rq[3 * t + 2] = -sh - 1;
                    fast &= sh <= -2;
                }
                if (fast) {
                    ctx.n = n;
                    pw_px(xw, out, NULL, &ctx);
                    continue;
                }
            }
            mote_arm_rq4_prep(&rq, q->multiplier, q->shift, o, 0, p->output_offset, p->act_min,
                              p->act_max);
            for (t = 0; t < n; ++t, x += 2 * G, out += OC) {
                int32_t acc[4];
                acc[0] = b0;
                acc[1] = b1;
                acc[2] = b2;
                acc[3] = b3;
                mote_arm_wwdot4(x, wb, G, acc);
                mote_arm_st32(out, mote_arm_rq4_pack(&rq, acc[0], acc[1], acc[2], acc[3]));
            }
        }
    }
}

#define CONV_XW_WORDS 320 /* widened patch: K <= 640 inputs (1.25 KB) */

/* Input value k of a widened patch (group k / 4: (x0, x2), (x1, x3)). */
MOTE_ARM_INLINE int32_t patch_at(const int32_t *xw, int32_t k)
{
    const uint32_t v = (uint32_t)xw[2 * (k >> 2) + (k & 1)];
    return (int16_t)(uint16_t)((k & 2) ? v >> 16 : v);
}

/* nb blocks of four output channels of one pixel against its widened
 * patch xw (g groups), each stored as one word; a function of its own so
 * that the per-block work has the registers to itself. lims: output zero
 * point, "range is full", act_min and act_max in every byte. */
static __attribute__((noinline)) void blocks_dsp(const int32_t *xw, const int8_t *w, int32_t K,
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
 * The patch path (K <= 512, any geometry): output pixel by output pixel,
 * the pixel's K inputs are gathered in filter order (the input zero point
 * for padded taps, so that they add exactly 0 once the offset is added,
 * as the reference's skipped taps do), then widened in place with the
 * offset into int16 pairs: a 1 KB stack patch, built once per pixel and
 * shared by every output channel. Four output channels at a time run
 * mote_arm_xdot4 against the int8 filter rows; the last K % 4 depth
 * values and the last OC % 4 channels in C.
 */
static void conv_patch(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                       const int8_t *input, const mote_dims *fd, const int8_t *filter,
                       const int32_t *bias, const mote_dims *od, int8_t *output)
{
    int32_t xw[CONV_XW_WORDS];
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
            int32_t ky_lo = 0, ky_hi = KH, i;
            if (y0 < 0 || y0 + g->dilation_h * (KH - 1) >= IH)
                tap_range(y0, g->dilation_h, IH, KH, &ky_lo, &ky_hi);
            for (ox = 0; ox < od->w; ++ox, out += OC) {
                const int32_t x0 = ox * g->stride_w - g->pad_w;
                int32_t kx_lo = 0, kx_hi = KW;
                if (x0 < 0 || x0 + g->dilation_w * (KW - 1) >= IW)
                    tap_range(x0, g->dilation_w, IW, KW, &kx_lo, &kx_hi);
                /* gather: rows outside, then the rows inside, then the tail */
                i = ky_lo * KW * C;
                mote_arm_fill_zp(raw, zp, i);
                if (ky_hi > ky_lo) {
                    mote_arm_gather_rows(raw + i, g, id, in_batch, fd, y0, x0, ky_lo, ky_hi, kx_lo,
                                         kx_hi, zp);
                    i = ky_hi * KW * C;
                }
                mote_arm_fill_zp(raw + i, zp, 4 * G - i);
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
                    blocks_dsp(xw, filter, K, G, nsafe, bias, out, q->multiplier, q->shift, lims);
                    o = 4 * nsafe;
                }
                for (; o + 4 <= OC; o += 4) {
                    const int8_t *w = filter + o * K;
                    int32_t acc[4];
                    acc[0] = bias ? bias[o] : 0;
                    acc[1] = bias ? bias[o + 1] : 0;
                    acc[2] = bias ? bias[o + 2] : 0;
                    acc[3] = bias ? bias[o + 3] : 0;
                    if ((o + 3) * K + 4 * G <= OC * K) {
                        /* the last group's weight words stay inside the
                         * filter (bytes past a row meet zero inputs) */
                        mote_arm_xdot4(xw, w, K, G, acc);
                        mote_arm_st32(out + o, mote_arm_pack4_q(q, o, acc, ooff, full, lo4, hi4));
                        continue;
                    }
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

/* Per-call constants of c2_blocks (words; offsets fixed in the asm). */
#define C2_MAX_PAIRS 32 /* output channels <= 64 */
#define C2_XW_WORDS 288 /* two interleaved widened patches: K <= 288 */
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
    int32_t prs[C2_MAX_PAIRS][8];
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
static int conv_2x2(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                    const int8_t *input, const mote_dims *fd, const int8_t *filter,
                    const int32_t *bias, const mote_dims *od, int8_t *output)
{
    int32_t xw[2 * C2_XW_WORDS / 2];
    int32_t raw32[C2_XW_WORDS / 4];
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

    if (K % 8 != 0 || K < 64 || K > C2_XW_WORDS || OC % 2 != 0 || OC > 2 * C2_MAX_PAIRS ||
        input == output)
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
                tap_range(y0, g->dilation_h, IH, KH, &ky_lo, &ky_hi);
            for (ox = 0; ox < od->w; ox += 2) {
                const int two = ox + 1 < od->w;
                for (k = 0; k < 2; ++k) {
                    const int32_t x0 = (two ? ox + k : ox) * g->stride_w - g->pad_w;
                    int32_t kx_lo = 0, kx_hi = KW, i;
                    if (x0 < 0 || x0 + g->dilation_w * (KW - 1) >= IW)
                        tap_range(x0, g->dilation_w, IW, KW, &kx_lo, &kx_hi);
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

mote_status mote_arm_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                               const mote_dims *input_dims, const int8_t *input,
                               const mote_dims *filter_dims, const int8_t *filter,
                               const int32_t *bias, const mote_dims *output_dims, int8_t *output,
                               void *scratch)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    int32_t K, b, oy, ox, o, OC, off2;
    int pw1;
    (void)scratch;

    if (!p || !q || !q->multiplier || !q->shift || !input_dims || !input || !filter_dims ||
        !filter || !output_dims || !output)
        return MOTE_E_ARG;
    if (!mote_arm_conv2d_s8_fits(p, id, fd, od)) return MOTE_E_ARG;
    K = fd->h * fd->w * fd->c;
    OC = od->c;
    off2 = mote_arm_dup16(p->input_offset);
    /* 1x1, stride 1, no padding: pixel i reads input pixel i, one run */
    pw1 = fd->h == 1 && fd->w == 1 && p->geom.stride_h == 1 && p->geom.stride_w == 1 &&
          p->geom.pad_h == 0 && p->geom.pad_w == 0 && od->h == id->h && od->w == id->w;

    /* the widened weights pay off over many pixels (an in-place row call
     * may hand over one short row) */
    if (pw1 && K % 4 == 0 && OC % 4 == 0 && 2 * K <= PW_WB_WORDS &&
        (input == output ? OC == K : K % 8 == 0)) {
        pw_chunks(p, q, K, OC, od->n * od->h * od->w, input, output, filter, bias);
        return MOTE_OK;
    }
    if (pw1 && input == output && (K + 3) / 4 * 2 <= CONV_XW_WORDS) {
        /* in place (arm_steps_dsp.c): pixel by pixel, each pixel's inputs
         * are in the patch before its outputs overwrite them */
        conv_patch(p, q, id, input, fd, filter, bias, od, output);
        return MOTE_OK;
    }
    /* widened weights: pointwise over many pixels, or few output channels
     * (first layers: the gathered pixel is shared by every block) */
    if ((K + 3) / 4 * 8 <= CONV_WB_WORDS &&
        ((pw1 && od->n * od->h * od->w >= 16) || (OC <= 16 && input != output))) {
        o = conv_widened(p, q, id, input, fd, filter, bias, od, output);
    } else if (conv_2x2(p, q, id, input, fd, filter, bias, od, output)) {
        return MOTE_OK;
    } else if ((K + 3) / 4 * 2 <= CONV_XW_WORDS) {
        conv_patch(p, q, id, input, fd, filter, bias, od, output);
        return MOTE_OK;
    } else {
        o = 0;
    }
    for (; o + 4 <= OC; o += 4) {
        mote_arm_rq4 rq;
        const int32_t b0 = bias ? bias[o] : 0, b1 = bias ? bias[o + 1] : 0;
        const int32_t b2 = bias ? bias[o + 2] : 0, b3 = bias ? bias[o + 3] : 0;
        mote_arm_rq4_prep(&rq, q->multiplier, q->shift, o, 0, p->output_offset, p->act_min,
                          p->act_max);
        for (b = 0; b < od->n; ++b) {
            const int8_t *in_batch = input + b * id->h * id->w * id->c;
            int8_t *out = output + b * od->h * od->w * OC + o;
            for (oy = 0; oy < od->h; ++oy)
                for (ox = 0; ox < od->w; ++ox, out += OC) {
                    int32_t acc[4];
                    acc[0] = b0;
                    acc[1] = b1;
                    acc[2] = b2;
                    acc[3] = b3;
                    if (pw1)
                        mote_arm_dot4_s8(filter + o * K, K, in_batch + (oy * id->w + ox) * K, K,
                                         off2, acc);
                    else
                        pixel_dot(p, id, in_batch, fd, oy, ox, filter + o * K, K, 4, off2, acc);
                    mote_arm_st32(out, mote_arm_rq4_pack(&rq, acc[0], acc[1], acc[2], acc[3]));
                }
        }
    }
    for (; o < OC; ++o) {
        const int32_t m = q->multiplier[o], sh = q->shift[o];
        for (b = 0; b < od->n; ++b) {
            const int8_t *in_batch = input + b * id->h * id->w * id->c;
            int8_t *out = output + b * od->h * od->w * OC + o;
            for (oy = 0; oy < od->h; ++oy)
                for (ox = 0; ox < od->w; ++ox, out += OC) {
                    int32_t acc = bias ? bias[o] : 0;
                    pixel_dot(p, id, in_batch, fd, oy, ox, filter + o * K, K, 1, off2, &acc);
                    *out = mote_arm_out_s8(acc, m, sh, p->output_offset, p->act_min, p->act_max);
                }
        }
    }
    return MOTE_OK;
}

#else
typedef int mote_arm_unused_;
#endif
