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

/*
 * Four output pixels x every output channel: the filter rows are walked
 * once (row after row: r1 never rewinds), each filter word against the
 * four pixels' widened inputs (xw: pixels 0 and 1 interleaved as in the
 * 2x2 path, then pixels 2 and 3); four groups per iteration, the first
 * pass entered through a TBB so that any group count works. Then the
 * output stage (mote_arm_requant_e2, zero point folded), SSAT, the clamp
 * on the packed bytes when the act range is narrower, one byte per pixel.
 * Hand-written (naked): the loop needs all 14 registers.
 * Stack: [sp] xw, [sp+4] out, [sp+8] ctx, [sp+12] channels left, [sp+16] pr.
 */
__attribute__((naked, noinline)) static void p4_blocks(const int32_t *xw __attribute__((unused)),
                                                       const int8_t *w __attribute__((unused)),
                                                       int8_t *out __attribute__((unused)),
                                                       const p4_ctx *ctx __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "sub     sp, sp, #20\n\t"
                     "str     r0, [sp, #0]\n\t"
                     "str     r2, [sp, #4]\n\t"
                     "str     r3, [sp, #8]\n\t"
                     "ldr     r4, [r3, #4]\n\t"
                     "str     r4, [sp, #12]\n\t"
                     "ldr     r4, [r3, #32]\n\t"
                     "str     r4, [sp, #16]\n\t"
                     "1:\n\t"
                     "ldr     r3, [sp, #8]\n\t"
                     "ldr     r0, [sp, #0]\n\t"
                     "ldr     r2, [r3, #0]\n\t"
                     "add     r2, r2, r0\n\t"
                     "mov     lr, r2\n\t"
                     "ldr     r12, [sp, #16]\n\t"
                     "ldr     r4, [r12, #12]\n\t"
                     "mov     r5, r4\n\t"
                     "mov     r6, r4\n\t"
                     "mov     r7, r4\n\t"
                     "ldr     r8, [r3, #36]\n\t"
                     "tbb     [pc, r8]\n\t"
                     ".Lp4_tab:\n\t"
                     ".byte   (.Lp4_e0 - .Lp4_tab) / 2\n\t"
                     ".byte   (.Lp4_e1 - .Lp4_tab) / 2\n\t"
                     ".byte   (.Lp4_e2 - .Lp4_tab) / 2\n\t"
                     ".byte   (.Lp4_e3 - .Lp4_tab) / 2\n\t"
                     ".p2align 1\n\t"
                     ".Lp4_e0:\n\t" P4_GROUP ".Lp4_e1:\n\t" P4_GROUP ".Lp4_e2:\n\t" P4_GROUP
                     ".Lp4_e3:\n\t" P4_GROUP "cmp     r0, r2\n\t"
                     "bne     .Lp4_e0\n\t"
                     "ldr     r12, [sp, #16]\n\t"
                     "ldm     r12!, {r8, r9, r10, r11}\n\t"
                     "str     r12, [sp, #16]\n\t" P4_RQ4 "ssat    r4, #8, r4\n\t"
                     "ssat    r5, #8, r5\n\t"
                     "ssat    r6, #8, r6\n\t"
                     "ssat    r7, #8, r7\n\t"
                     "ldr     r3, [sp, #8]\n\t"
                     "ldr     r0, [r3, #28]\n\t"
                     "cbnz    r0, 3f\n\t"
                     "bfi     r4, r5, #8, #8\n\t"
                     "bfi     r4, r6, #16, #8\n\t"
                     "bfi     r4, r7, #24, #8\n\t"
                     "ldr     r8, [r3, #20]\n\t"
                     "ssub8   r9, r4, r8\n\t"
                     "sel     r4, r4, r8\n\t"
                     "ldr     r8, [r3, #24]\n\t"
                     "ssub8   r9, r8, r4\n\t"
                     "sel     r4, r4, r8\n\t"
                     "lsr     r5, r4, #8\n\t"
                     "lsr     r6, r4, #16\n\t"
                     "lsr     r7, r4, #24\n\t"
                     "3:\n\t"
                     "ldr     r2, [sp, #4]\n\t"
                     "ldrd    r8, r9, [r3, #8]\n\t"
                     "ldr     r10, [r3, #16]\n\t"
                     "strb    r4, [r2]\n\t"
                     "strb    r5, [r2, r8]\n\t"
                     "strb    r6, [r2, r9]\n\t"
                     "strb    r7, [r2, r10]\n\t"
                     "add     r2, r2, #1\n\t"
                     "str     r2, [sp, #4]\n\t"
                     "ldr     r0, [sp, #12]\n\t"
                     "subs    r0, r0, #1\n\t"
                     "str     r0, [sp, #12]\n\t"
                     "bne     1b\n\t"
                     "add     sp, sp, #20\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
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
                    const int32_t *bias, const mote_dims *od, int8_t *output, int32_t *xw)
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
        for (k = 0; k < 4 && t + k < npix; ++k) {
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

/* Two frames, as the 2x2 path has: the patches of a K up to 144 (2K words,
 * the 2x2 path's small frame), or up to 288, so that the common case keeps
 * the smaller stack. */
static __attribute__((noinline)) int conv_4px_small(const mote_conv_s8_params *p,
                                                    const mote_requant *q, const mote_dims *id,
                                                    const int8_t *input, const mote_dims *fd,
                                                    const int8_t *filter, const int32_t *bias,
                                                    const mote_dims *od, int8_t *output)
{
    int32_t xw[MOTE_ARM_P4_MAX_K];
    return conv_4px(p, q, id, input, fd, filter, bias, od, output, xw);
}

static __attribute__((noinline)) int conv_4px_big(const mote_conv_s8_params *p,
                                                  const mote_requant *q, const mote_dims *id,
                                                  const int8_t *input, const mote_dims *fd,
                                                  const int8_t *filter, const int32_t *bias,
                                                  const mote_dims *od, int8_t *output)
{
    int32_t xw[2 * MOTE_ARM_P4_MAX_K];
    return conv_4px(p, q, id, input, fd, filter, bias, od, output, xw);
}

int mote_arm_conv_4px(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                      const int8_t *input, const mote_dims *fd, const int8_t *filter,
                      const int32_t *bias, const mote_dims *od, int8_t *output)
{
    const int32_t K = fd->h * fd->w * id->c;
    if (2 * K <= MOTE_ARM_P4_MAX_K)
        return conv_4px_small(p, q, id, input, fd, filter, bias, od, output);
    return conv_4px_big(p, q, id, input, fd, filter, bias, od, output);
}

#else
typedef int mote_arm_unused_;
#endif
