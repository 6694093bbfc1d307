/*
 * conv2d_s8_4px_dsp.c — CONV_2D, int8, DSP extension: four output pixels by
 * one output channel (arm_paths.h, mote_arm_p4_ok). Bit-exact with
 * mote_ref_conv2d_s8.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_paths.h"

/* Per-call constants of p4_blocks (words; offsets fixed in the asm). */
typedef struct p4_ctx {
    int32_t kb;        /* 0: bytes of one two-pixel patch (4K; pixels 2, 3 follow 0, 1) */
    int32_t nch;       /* 4: output channels (>= 1) */
    int32_t d1;        /* 8: bytes from pixel 0's outputs to pixel 1's */
    int32_t d2;        /* 12: ... to pixel 2's */
    int32_t d3;        /* 16: ... to pixel 3's */
    uint32_t lo4;      /* 20: act_min in every byte */
    uint32_t hi4;      /* 24: act_max in every byte */
    int32_t full;      /* 28: the act range is [-128, 127] */
    const int32_t *pr; /* 32: per channel (m, hq, e-1, bias) */
    int32_t entry;     /* 36: (-groups) mod 4: where the first pass enters the loop */
    int32_t skip;      /* 40: p4_part: filter bytes from one part's end to the next row's */
    int32_t prs[MOTE_ARM_P4_MAX_OC][4];
} p4_ctx;

/* One group of four depth values of p4_blocks' loop: the filter word, two
 * SXTB16, then pixels 0 and 1 (one LDM of their interleaved words, four
 * SMLAD) and pixels 2 and 3 (the same): 13 instructions for 16 MACs. */
#define P4_GROUP                                                                                   \
    "ldr     r12, [r1], #4\n\t"                                                                    \
    "sxtb16  r3, r12\n\t"                                                                          \
    "sxtb16  r12, r12, ror #8\n\t"                                                                 \
    "ldm     r0!, {r8, r9, r10, r11}\n\t"                                                          \
    "smlad   r4, r3, r8, r4\n\t"                                                                   \
    "smlad   r4, r12, r9, r4\n\t"                                                                  \
    "smlad   r5, r3, r10, r5\n\t"                                                                  \
    "smlad   r5, r12, r11, r5\n\t"                                                                 \
    "ldm     lr!, {r8, r9, r10, r11}\n\t"                                                          \
    "smlad   r6, r3, r8, r6\n\t"                                                                   \
    "smlad   r6, r12, r9, r6\n\t"                                                                  \
    "smlad   r7, r3, r10, r7\n\t"                                                                  \
    "smlad   r7, r12, r11, r7\n\t"

/* The output stage of one accumulator: mote_arm_requant_e2 (r8 = m, r9 =
 * hq with the zero point folded, r10 = e - 1), as in the 2x2 path. */
#define P4_RQ(acc)                                                                                 \
    "add     r11, r9, " acc ", asr #31\n\t"                                                        \
    "and     r0, " acc ", #0x80000000\n\t"                                                         \
    "orr     r0, r0, #0x40000000\n\t"                                                              \
    "smlal   r0, r11, " acc ", r8\n\t"                                                             \
    "asr     " acc ", r11, r10\n\t"

#define P4_RQ4 P4_RQ("r4") P4_RQ("r5") P4_RQ("r6") P4_RQ("r7")

/* After P4_RQ4: SSAT, the clamp on the packed bytes when the act range is
 * narrower (the context at [sp + 8]), then one byte per pixel at the
 * output pointer kept at [sp + OUT] (advanced by one channel). */
#define P4_STORE4(OUT)                                                                             \
    "ssat    r4, #8, r4\n\t"                                                                       \
    "ssat    r5, #8, r5\n\t"                                                                       \
    "ssat    r6, #8, r6\n\t"                                                                       \
    "ssat    r7, #8, r7\n\t"                                                                       \
    "ldr     r3, [sp, #8]\n\t"                                                                     \
    "ldr     r0, [r3, #28]\n\t"                                                                    \
    "cbnz    r0, 3f\n\t"                                                                           \
    "bfi     r4, r5, #8, #8\n\t"                                                                   \
    "bfi     r4, r6, #16, #8\n\t"                                                                  \
    "bfi     r4, r7, #24, #8\n\t"                                                                  \
    "ldrd    r8, r10, [r3, #20]\n\t"                                                               \
    "ssub8   r9, r4, r8\n\t"                                                                       \
    "sel     r4, r4, r8\n\t"                                                                       \
    "ssub8   r9, r10, r4\n\t"                                                                      \
    "sel     r4, r4, r10\n\t"                                                                      \
    "lsr     r5, r4, #8\n\t"                                                                       \
    "lsr     r6, r4, #16\n\t"                                                                      \
    "lsr     r7, r4, #24\n\t"                                                                      \
    "3:\n\t"                                                                                       \
    "ldr     r2, [sp, #" OUT "]\n\t"                                                               \
    "ldrd    r8, r9, [r3, #8]\n\t"                                                                 \
    "ldr     r10, [r3, #16]\n\t"                                                                   \
    "strb    r5, [r2, r8]\n\t"                                                                     \
    "strb    r6, [r2, r9]\n\t"                                                                     \
    "strb    r7, [r2, r10]\n\t"                                                                    \
    "strb    r4, [r2], #1\n\t"                                                                     \
    "str     r2, [sp, #" OUT "]\n\t"

/*
 * Four output pixels x every output channel: the filter rows are walked
 * once (row after row: r1 never rewinds), each filter word against the
 * four pixels' widened inputs (xw: pixels 0 and 1 interleaved as in the
 * 2x2 path, then pixels 2 and 3); four groups per iteration, the first
 * pass entered through a TBB so that any group count works. Then the
 * output stage (mote_arm_requant_e2, zero point folded), SSAT, the clamp
 * on the packed bytes when the act range is narrower, one byte per pixel.
 * Hand-written (naked): the loop needs all 14 registers.
 * Stack: [sp] xw, [sp+4] xw + kb (the end of pixels 0 and 1, the start of
 * 2 and 3), [sp+8] ctx, [sp+12] channels left, [sp+16] pr, [sp+20] out,
 * [sp+24] the loop entry (read once per call, not per channel).
 */
__attribute__((naked, noinline)) static void p4_blocks(const int32_t *xw __attribute__((unused)),
                                                       const int8_t *w __attribute__((unused)),
                                                       int8_t *out __attribute__((unused)),
                                                       const p4_ctx *ctx __attribute__((unused)))
{
    // clang-format off
    __asm__ volatile(
        "push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
        "sub     sp, sp, #32\n\t"
        "ldr     r4, [r3, #0]\n\t"
        "add     r4, r4, r0\n\t"
        "strd    r0, r4, [sp, #0]\n\t"
        "str     r3, [sp, #8]\n\t"
        "ldr     r4, [r3, #4]\n\t"
        "str     r4, [sp, #12]\n\t"
        "ldr     r4, [r3, #32]\n\t"
        "str     r4, [sp, #16]\n\t"
        "str     r2, [sp, #20]\n\t"
        "ldr     r4, [r3, #36]\n\t"
        "str     r4, [sp, #24]\n\t"
        "1:\n\t"
        "ldrd    r0, r2, [sp, #0]\n\t"
        "mov     lr, r2\n\t"
        "ldr     r12, [sp, #16]\n\t"
        "ldr     r4, [r12, #12]\n\t"
        "mov     r5, r4\n\t"
        "mov     r6, r4\n\t"
        "mov     r7, r4\n\t"
        "ldr     r8, [sp, #24]\n\t"
        "tbb     [pc, r8]\n\t"
        ".Lp4_tab:\n\t"
        ".byte   (.Lp4_e0 - .Lp4_tab) / 2\n\t"
        ".byte   (.Lp4_e1 - .Lp4_tab) / 2\n\t"
        ".byte   (.Lp4_e2 - .Lp4_tab) / 2\n\t"
        ".byte   (.Lp4_e3 - .Lp4_tab) / 2\n\t"
        ".p2align 1\n\t"
        ".Lp4_e0:\n\t"
        P4_GROUP
        ".Lp4_e1:\n\t"
        P4_GROUP
        ".Lp4_e2:\n\t"
        P4_GROUP
        ".Lp4_e3:\n\t"
        P4_GROUP
        "cmp     r0, r2\n\t"
        "bne     .Lp4_e0\n\t"
        "ldr     r12, [sp, #16]\n\t"
        "ldm     r12!, {r8, r9, r10, r11}\n\t"
        "str     r12, [sp, #16]\n\t"
        P4_RQ4
        P4_STORE4("20")
        "ldr     r0, [sp, #12]\n\t"
        "subs    r0, r0, #1\n\t"
        "str     r0, [sp, #12]\n\t"
        "bne     1b\n\t"
        "add     sp, sp, #32\n\t"
        "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
    // clang-format on
}

/* Stack buffer of one input row's window for a block of four pixels of
 * one output row (p4_rows): (3 stride + KW) columns of C / 2 words, or in
 * the large frame (K > 144, kept near its old size) one pair's (stride +
 * KW) columns. */
#define P4_WL_SMALL 144
#define P4_WL_BIG 64

// clang-format off
/*
 * n >= 1 groups of four int8 inputs from src (any alignment) widened with
 * the offset pair off2 into d, contiguous: d[2g] the even bytes, d[2g+1]
 * the odd ones. Four groups per iteration (four LDR, eight SXTAB16, two
 * STM), then one group at a time.
 */
__attribute__((naked, noinline)) static void p4_widen(int32_t *d __attribute__((unused)),
                                                      const int8_t *src __attribute__((unused)),
                                                      int32_t n __attribute__((unused)),
                                                      int32_t off2 __attribute__((unused)))
{
    __asm__ volatile(
        "push    {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
        "subs    r2, r2, #4\n\t"
        "blt     2f\n\t"
        "1:\n\t"
        "ldr     r4, [r1], #4\n\t"
        "ldr     r5, [r1], #4\n\t"
        "ldr     r6, [r1], #4\n\t"
        "ldr     r7, [r1], #4\n\t"
        "sxtab16 r8, r3, r4\n\t"
        "sxtab16 r9, r3, r4, ror #8\n\t"
        "sxtab16 r10, r3, r5\n\t"
        "sxtab16 r11, r3, r5, ror #8\n\t"
        "stm     r0!, {r8, r9, r10, r11}\n\t"
        "sxtab16 r8, r3, r6\n\t"
        "sxtab16 r9, r3, r6, ror #8\n\t"
        "sxtab16 r10, r3, r7\n\t"
        "sxtab16 r11, r3, r7, ror #8\n\t"
        "stm     r0!, {r8, r9, r10, r11}\n\t"
        "subs    r2, r2, #4\n\t"
        "bge     1b\n\t"
        "2:\n\t"
        "adds    r2, r2, #4\n\t"
        "beq     4f\n\t"
        "3:\n\t"
        "ldr     r4, [r1], #4\n\t"
        "sxtab16 r8, r3, r4\n\t"
        "sxtab16 r9, r3, r4, ror #8\n\t"
        "stm     r0!, {r8, r9}\n\t"
        "subs    r2, r2, #1\n\t"
        "bne     3b\n\t"
        "4:\n\t"
        "pop     {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
        "bx      lr\n\t");
}

/*
 * n >= 1 groups of two pixels' widened inputs (a and b: two words a group,
 * contiguous) interleaved into d as p4_blocks reads them (a's two words,
 * then b's, per group): two groups per LDM, LDM, STM, four per iteration.
 */
__attribute__((naked, noinline)) static void p4_pair(int32_t *d __attribute__((unused)),
                                                     const int32_t *a __attribute__((unused)),
                                                     const int32_t *b __attribute__((unused)),
                                                     int32_t n __attribute__((unused)))
{
    __asm__ volatile(
        "push    {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
        "subs    r3, r3, #4\n\t"
        "blt     2f\n\t"
        "1:\n\t"
        "ldm     r1!, {r4, r5, r8, r9}\n\t"
        "ldm     r2!, {r6, r7, r10, r11}\n\t"
        "stm     r0!, {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
        "ldm     r1!, {r4, r5, r8, r9}\n\t"
        "ldm     r2!, {r6, r7, r10, r11}\n\t"
        "stm     r0!, {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
        "subs    r3, r3, #4\n\t"
        "bge     1b\n\t"
        "2:\n\t"
        "adds    r3, r3, #4\n\t"
        "beq     4f\n\t"
        "3:\n\t"
        "ldm     r1!, {r4, r5}\n\t"
        "ldm     r2!, {r6, r7}\n\t"
        "stm     r0!, {r4, r5, r6, r7}\n\t"
        "subs    r3, r3, #1\n\t"
        "bne     3b\n\t"
        "4:\n\t"
        "pop     {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
        "bx      lr\n\t");
}
// clang-format on

/* The input columns x .. x + ncol - 1 of one input row (row: its first
 * byte) widened into wl (C / 2 words a column), columns outside the input
 * as zero words. */
static void p4_win(int32_t *wl, const int8_t *row, int32_t x, int32_t ncol, int32_t C, int32_t IW,
                   int32_t off2)
{
    const int32_t cw = C / 2;
    int32_t cl = -x, cr = IW - x, j;
    if (cl < 0) cl = 0;
    if (cr > ncol) cr = ncol;
    if (cr < cl) cr = cl;
    if (cl > 0) /* the window's left edge is past the input's */
        for (j = 0; j < cl * cw; ++j)
            wl[j] = 0;
    if (cr < ncol) /* its right edge */
        for (j = cr * cw; j < ncol * cw; ++j)
            wl[j] = 0;
    if (cr > cl) p4_widen(wl + cl * cw, row + (x + cl) * C, (cr - cl) * C / 4, off2);
}

/*
 * The patches of four pixels of one output row (dilation_w 1), pixel 0 at
 * (y0, x0), the next ones s columns apart, into xw as p4_blocks reads
 * them: per filter row, the input row's window widened once into wl
 * (wl_words; all four pixels' columns, x0 .. x0 + 3s + KW - 1, or when
 * they do not fit, those of pixels 0 and 1, then of 2 and 3), then each
 * pixel's KW columns copied from there into its slots; a filter row
 * outside the input is zero words in every slot (the reference skips
 * those taps). Returns 0 (nothing written) when even one pair's columns
 * do not fit wl.
 */
static int p4_rows(int32_t *xw, int32_t *wl, int32_t wl_words, const mote_conv_geom *g,
                   const mote_dims *id, const int8_t *in_batch, const mote_dims *fd, int32_t y0,
                   int32_t x0, int32_t off2)
{
    const int32_t C = id->c, cw = C / 2, gc = C / 4, s = g->stride_w, KW = fd->w, IW = id->w;
    const int32_t K = fd->h * KW * C, gd = KW * gc, ncol = 3 * s + KW;
    int32_t r, j, cl = -x0, cr = IW - x0;
    if (ncol * cw > wl_words) {
        if ((s + KW) * cw > wl_words) return 0;
        cl = -1; /* one pair at a time */
    } else {
        /* every row: the columns inside widened, the others zero words */
        if (cl < 0) cl = 0;
        if (cr > ncol) cr = ncol;
        if (cr < cl) cr = cl;
        if (cl > 0 || cr < ncol) p4_win(wl, in_batch, x0, ncol, C, IW, off2);
    }
    for (r = 0; r < fd->h; ++r) {
        const int32_t y = y0 + r * g->dilation_h;
        const int8_t *row = in_batch + y * IW * C;
        int32_t *d = xw + 4 * r * gd;
        if (y < 0 || y >= id->h) {
            for (j = 0; j < 4 * gd; ++j)
                d[j] = d[K + j] = 0;
            continue;
        }
        if (cl >= 0) {
            if (cr > cl) p4_widen(wl + cl * cw, row + (x0 + cl) * C, (cr - cl) * gc, off2);
            p4_pair(d, wl, wl + s * cw, gd);
            p4_pair(d + K, wl + 2 * s * cw, wl + 3 * s * cw, gd);
        } else {
            p4_win(wl, row, x0, s + KW, C, IW, off2);
            p4_pair(d, wl, wl + s * cw, gd);
            p4_win(wl, row, x0 + 2 * s, s + KW, C, IW, off2);
            p4_pair(d + K, wl, wl + s * cw, gd);
        }
    }
    return 1;
}

/*
 * Four pixels x one channel (mote_arm_p4_ok, every shift in [-23, -2],
 * output zero point in [-128, 127], not in place). The output pixels are
 * taken four at a time in storage order (across rows and batches: each
 * pixel's window is its own); each pixel's K inputs are widened with the
 * offset by the 2x2 path's helpers (straight from the input rows when
 * the window is inside, else tap by tap, taps outside as zero words, as
 * the reference skips them) into its slot of xw, then p4_blocks runs every
 * output channel. A last block of one to three pixels repeats its last
 * pixel in the empty slots, their outputs stored over that pixel's (the
 * same bytes). Returns 0 when the case does not fit (nothing written).
 */
static int conv_4px(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                    const int8_t *input, const mote_dims *fd, const int8_t *filter,
                    const int32_t *bias, const mote_dims *od, int8_t *output, int32_t *xw,
                    int32_t *wl, int32_t wl_words)
{
    p4_ctx c;
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, K = fd->h * fd->w * C, OC = od->c;
    const int32_t IH = id->h, IW = id->w, KH = fd->h, KW = fd->w, OH = od->h, OW = od->w;
    const int32_t npix = od->n * OH * OW, gd = KW * C / 4;
    const int32_t off2 = mote_arm_dup16(p->input_offset);
    int32_t o, t, k, b = 0, oy = 0, ox = 0;

    if (!mote_arm_p4_ok(K, C, OC, 0) || input == output || p->output_offset < -128 ||
        p->output_offset > 127)
        return 0;
    for (o = 0; o < OC; ++o) {
        if (!mote_arm_c2_chan(p, q, o, &c.prs[o][0])) return 0;
        c.prs[o][3] = bias ? bias[o] : 0;
    }
    c.kb = 4 * K;
    c.nch = OC;
    c.lo4 = mote_arm_dup8(p->act_min);
    c.hi4 = mote_arm_dup8(p->act_max);
    c.full = p->act_min <= -128 && p->act_max >= 127;
    c.pr = &c.prs[0][0];
    c.entry = (4 - (K / 4) % 4) % 4;
    for (t = 0; t < npix; t += 4) {
        int32_t last = 0;
        if (g->dilation_w == 1 && ox + 4 <= OW &&
            p4_rows(xw, wl, wl_words, g, id, input + b * IH * IW * C, fd,
                    oy * g->stride_h - g->pad_h, ox * g->stride_w - g->pad_w, off2)) {
            /* four pixels of one output row: each input row's window widened once */
            ox += 4;
            if (ox == OW) {
                ox = 0;
                if (++oy == OH) {
                    oy = 0;
                    ++b;
                }
            }
            k = 4;
            last = 3;
        } else {
            k = 0;
        }
        for (; k < 4 && t + k < npix; ++k) {
            const int8_t *in_batch = input + b * IH * IW * C;
            const int32_t y0 = oy * g->stride_h - g->pad_h, x0 = ox * g->stride_w - g->pad_w;
            int32_t *d = xw + (k >= 2 ? K : 0) + 2 * (k & 1);
            int32_t ky_lo = 0, ky_hi = KH, kx_lo = 0, kx_hi = KW;
            if (y0 < 0 || y0 + g->dilation_h * (KH - 1) >= IH)
                mote_arm_tap_range(y0, g->dilation_h, IH, KH, &ky_lo, &ky_hi);
            if (x0 < 0 || x0 + g->dilation_w * (KW - 1) >= IW)
                mote_arm_tap_range(x0, g->dilation_w, IW, KW, &kx_lo, &kx_hi);
            if (g->dilation_w == 1 && ky_lo == 0 && ky_hi == KH && kx_lo == 0 && kx_hi == KW) {
                /* wholly inside: widen straight from the input rows */
                const int8_t *src = in_batch + (y0 * IW + x0) * C;
                int32_t r;
                for (r = 0; r < KH; ++r, src += g->dilation_h * IW * C)
                    d = mote_arm_c2_widen(d, src, gd, off2);
            } else {
                mote_arm_c2_taps(d, g, id, in_batch, fd, y0, x0, ky_lo, ky_hi, kx_lo, kx_hi, off2);
            }
            last = k;
            if (++ox == OW) {
                ox = 0;
                if (++oy == OH) {
                    oy = 0;
                    ++b;
                }
            }
        }
        /* a short last block: the empty slots repeat its last pixel */
        for (; k < 4; ++k) {
            const int32_t *s = xw + (last >= 2 ? K : 0) + 2 * (last & 1);
            int32_t *d = xw + (k >= 2 ? K : 0) + 2 * (k & 1), j;
            for (j = 0; j < K; j += 4) {
                d[j] = s[j];
                d[j + 1] = s[j + 1];
            }
        }
        c.d1 = (last >= 1 ? 1 : last) * OC;
        c.d2 = (last >= 2 ? 2 : last) * OC;
        c.d3 = last * OC;
        p4_blocks(xw, filter, output + t * OC, &c);
    }
    return 1;
}

/* K past MOTE_ARM_P4_MAX_K (conv_4px_split): the patch in parts of at most
 * P4_PART_G groups, the four accumulators of each channel kept in int32
 * between parts. */
#define P4_PART_G 48

// clang-format off
/*
 * One part of the patch (ctx->kb, ctx->entry for its groups) x every
 * output channel: the four accumulators start from part[4o..4o+3] and
 * go back there; the filter rows are read from w, ctx->skip bytes skipped
 * after each row's part. The loop is p4_blocks'.
 * Stack: [sp] xw, [sp+4] xw + kb, [sp+8] ctx, [sp+12] channels left,
 * [sp+16] skip, [sp+20] part, [sp+24] the loop entry.
 */
__attribute__((naked, noinline)) static void p4_part(const int32_t *xw __attribute__((unused)),
                                                     const int8_t *w __attribute__((unused)),
                                                     int32_t *part __attribute__((unused)),
                                                     const p4_ctx *ctx __attribute__((unused)))
{
    __asm__ volatile(
        "push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
        "sub     sp, sp, #32\n\t"
        "ldr     r4, [r3, #0]\n\t"
        "add     r4, r4, r0\n\t"
        "strd    r0, r4, [sp, #0]\n\t"
        "str     r3, [sp, #8]\n\t"
        "ldr     r4, [r3, #4]\n\t"
        "str     r4, [sp, #12]\n\t"
        "ldr     r4, [r3, #40]\n\t"
        "str     r4, [sp, #16]\n\t"
        "str     r2, [sp, #20]\n\t"
        "ldr     r4, [r3, #36]\n\t"
        "str     r4, [sp, #24]\n\t"
        "1:\n\t"
        "ldrd    r0, r2, [sp, #0]\n\t"
        "mov     lr, r2\n\t"
        "ldr     r12, [sp, #20]\n\t"
        "ldm     r12, {r4, r5, r6, r7}\n\t"
        "ldr     r8, [sp, #24]\n\t"
        "tbb     [pc, r8]\n\t"
        ".Lq4_tab:\n\t"
        ".byte   (.Lq4_e0 - .Lq4_tab) / 2\n\t"
        ".byte   (.Lq4_e1 - .Lq4_tab) / 2\n\t"
        ".byte   (.Lq4_e2 - .Lq4_tab) / 2\n\t"
        ".byte   (.Lq4_e3 - .Lq4_tab) / 2\n\t"
        ".p2align 1\n\t"
        ".Lq4_e0:\n\t"
        P4_GROUP
        ".Lq4_e1:\n\t"
        P4_GROUP
        ".Lq4_e2:\n\t"
        P4_GROUP
        ".Lq4_e3:\n\t"
        P4_GROUP
        "cmp     r0, r2\n\t"
        "bne     .Lq4_e0\n\t"
        "ldr     r12, [sp, #20]\n\t"
        "stm     r12!, {r4, r5, r6, r7}\n\t"
        "str     r12, [sp, #20]\n\t"
        "ldr     r8, [sp, #16]\n\t"
        "add     r1, r1, r8\n\t"
        "ldr     r0, [sp, #12]\n\t"
        "subs    r0, r0, #1\n\t"
        "str     r0, [sp, #12]\n\t"
        "bne     1b\n\t"
        "add     sp, sp, #32\n\t"
        "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}

/*
 * The output stage of p4_blocks over the accumulators p4_part left in
 * part (four a channel), every output channel.
 * Stack: [sp] part, [sp+4] out, [sp+8] ctx, [sp+12] channels left.
 */
__attribute__((naked, noinline)) static void p4_out(const int32_t *part __attribute__((unused)),
                                                    int8_t *out __attribute__((unused)),
                                                    const p4_ctx *ctx __attribute__((unused)))
{
    __asm__ volatile(
        "push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
        "sub     sp, sp, #16\n\t"
        "str     r0, [sp, #0]\n\t"
        "str     r1, [sp, #4]\n\t"
        "str     r2, [sp, #8]\n\t"
        "ldr     r4, [r2, #4]\n\t"
        "str     r4, [sp, #12]\n\t"
        "ldr     r12, [r2, #32]\n\t"
        "1:\n\t"
        "ldr     r0, [sp, #0]\n\t"
        "ldm     r0!, {r4, r5, r6, r7}\n\t"
        "str     r0, [sp, #0]\n\t"
        "ldm     r12!, {r8, r9, r10, r11}\n\t"
        P4_RQ4
        P4_STORE4("4")
        "ldr     r0, [sp, #12]\n\t"
        "subs    r0, r0, #1\n\t"
        "str     r0, [sp, #12]\n\t"
        "bne     1b\n\t"
        "add     sp, sp, #16\n\t"
        "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}
// clang-format on

/* Groups g0 .. g0 + n - 1 of the patch of the pixel at (y0, x0) (C % 4 ==
 * 0: every tap is C / 4 whole groups), widened with the offset into the
 * slot d of an interleaved part (d[0], d[1], d[4], d[5], ...); taps
 * outside the input as zero words. */
static void p4_part_taps(int32_t *d, const mote_conv_geom *g, const mote_dims *id,
                         const int8_t *in_batch, const mote_dims *fd, int32_t y0, int32_t x0,
                         int32_t g0, int32_t n, int32_t off2)
{
    const int32_t gc = id->c / 4, g1 = g0 + n;
    int32_t t = g0 / gc, j;
    for (; t * gc < g1; ++t) {
        const int32_t y = y0 + (t / fd->w) * g->dilation_h, x = x0 + (t % fd->w) * g->dilation_w;
        const int32_t a = t * gc > g0 ? t * gc : g0, e = (t + 1) * gc < g1 ? (t + 1) * gc : g1;
        int32_t *dt = d + 4 * (a - g0);
        if (y >= 0 && y < id->h && x >= 0 && x < id->w) {
            (void)mote_arm_c2_widen(dt, in_batch + (y * id->w + x) * id->c + 4 * (a - t * gc),
                                    e - a, off2);
        } else {
            for (j = 0; j < e - a; ++j, dt += 4)
                dt[0] = dt[1] = 0;
        }
    }
}

/*
 * K past MOTE_ARM_P4_MAX_K (up to twice that): conv_4px's blocks of four
 * pixels (across rows; a short last block repeats its last pixel), the
 * patch in parts of at most P4_PART_G groups, each part's four slots
 * widened tap by tap (p4_part_taps), every channel's accumulators carried
 * in part between them (the first part starts from the bias), then p4_out.
 * The same sums in the same int32 arithmetic as one pass (the order of
 * the additions does not change an int32 sum that never overflows: at most
 * 576 products of 255 x 128 and a bias).
 */
static __attribute__((noinline)) int conv_4px_split(const mote_conv_s8_params *p,
                                                    const mote_requant *q, const mote_dims *id,
                                                    const int8_t *input, const mote_dims *fd,
                                                    const int8_t *filter, const int32_t *bias,
                                                    const mote_dims *od, int8_t *output)
{
    int32_t xw[8 * P4_PART_G], part[4 * MOTE_ARM_P4_MAX_OC];
    p4_ctx c;
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, K = fd->h * fd->w * C, G = K / 4, OC = od->c;
    const int32_t OH = od->h, OW = od->w, npix = od->n * OH * OW;
    const int32_t off2 = mote_arm_dup16(p->input_offset);
    int32_t o, t, k, g0, j;
    if (!mote_arm_p4_ok(K, C, OC, 0) || input == output || p->output_offset < -128 ||
        p->output_offset > 127)
        return 0;
    for (o = 0; o < OC; ++o) {
        if (!mote_arm_c2_chan(p, q, o, &c.prs[o][0])) return 0;
        c.prs[o][3] = bias ? bias[o] : 0;
    }
    c.nch = OC;
    c.lo4 = mote_arm_dup8(p->act_min);
    c.hi4 = mote_arm_dup8(p->act_max);
    c.full = p->act_min <= -128 && p->act_max >= 127;
    c.pr = &c.prs[0][0];
    for (t = 0; t < npix; t += 4) {
        const int32_t last = npix - t >= 4 ? 3 : npix - t - 1;
        for (o = 0; o < OC; ++o)
            for (j = 0; j < 4; ++j)
                part[4 * o + j] = c.prs[o][3];
        for (g0 = 0; g0 < G; g0 += P4_PART_G) {
            const int32_t n = G - g0 < P4_PART_G ? G - g0 : P4_PART_G;
            for (k = 0; k < 4; ++k) {
                const int32_t i = t + (k <= last ? k : last), bo = i / (OH * OW);
                const int32_t oy = i / OW % OH, ox = i % OW;
                p4_part_taps(xw + (k >= 2 ? 4 * n : 0) + 2 * (k & 1), g, id,
                             input + bo * id->h * id->w * C, fd, oy * g->stride_h - g->pad_h,
                             ox * g->stride_w - g->pad_w, g0, n, off2);
            }
            c.kb = 16 * n;
            c.entry = (4 - n % 4) % 4;
            c.skip = K - 4 * n;
            p4_part(xw, filter + 4 * g0, part, &c);
        }
        c.d1 = (last >= 1 ? 1 : last) * OC;
        c.d2 = (last >= 2 ? 2 : last) * OC;
        c.d3 = last * OC;
        p4_out(part, output + t * OC, &c);
    }
    return 1;
}

/* Two frames, as the 2x2 path has: the patches of a K up to 144 (2K words,
 * the 2x2 path's small frame), or up to 288, so that the common case keeps
 * the smaller stack. */
static __attribute__((noinline)) int conv_4px_small(const mote_conv_s8_params *p,
                                                    const mote_requant *q, const mote_dims *id,
                                                    const int8_t *input, const mote_dims *fd,
                                                    const int8_t *filter, const int32_t *bias,
                                                    const mote_dims *od, int8_t *output)
{
    int32_t xw[MOTE_ARM_P4_MAX_K], wl[P4_WL_SMALL];
    return conv_4px(p, q, id, input, fd, filter, bias, od, output, xw, wl, P4_WL_SMALL);
}

static __attribute__((noinline)) int conv_4px_big(const mote_conv_s8_params *p,
                                                  const mote_requant *q, const mote_dims *id,
                                                  const int8_t *input, const mote_dims *fd,
                                                  const int8_t *filter, const int32_t *bias,
                                                  const mote_dims *od, int8_t *output)
{
    int32_t xw[2 * MOTE_ARM_P4_MAX_K], wl[P4_WL_BIG];
    return conv_4px(p, q, id, input, fd, filter, bias, od, output, xw, wl, P4_WL_BIG);
}

int mote_arm_conv_4px(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                      const int8_t *input, const mote_dims *fd, const int8_t *filter,
                      const int32_t *bias, const mote_dims *od, int8_t *output)
{
    const int32_t K = fd->h * fd->w * id->c;
    if (2 * K <= MOTE_ARM_P4_MAX_K)
        return conv_4px_small(p, q, id, input, fd, filter, bias, od, output);
    if (K > MOTE_ARM_P4_MAX_K) return conv_4px_split(p, q, id, input, fd, filter, bias, od, output);
    return conv_4px_big(p, q, id, input, fd, filter, bias, od, output);
}

#else
typedef int mote_arm_unused_;
#endif
