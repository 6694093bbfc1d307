/*
 * conv2d_s8_pw_dsp.c — CONV_2D, int8, DSP extension: the pixel-chunk path
 * for pointwise convolutions (1x1, stride 1, no padding; arm_paths.h),
 * in place or not. Bit-exact with mote_ref_conv2d_s8.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_paths.h"

/* Per-call constants of pw_px8 and pw_pxz8 (words; offsets fixed in the
 * asm). */
typedef struct pw_ctx {
    const int32_t *wb;   /* 0: four widened filter rows (mote_arm_widen_rows layout) */
    const int32_t *wend; /* 4: their end (wb + 8 G words): the group loop's end */
    uint32_t entry;      /* 8: where a pixel enters the group loop (set by the asm) */
    int32_t n;           /* 12: pixels (>= 1) */
    int32_t ooff;        /* 16: output zero point (pw_pxz8) */
    uint32_t lo4;        /* 20: act_min in every byte */
    uint32_t hi4;        /* 24: act_max in every byte */
    int32_t full;        /* 28: the act range is [-128, 127] */
    int32_t bias[4];     /* 32 */
    int32_t rq[12];      /* 48: per channel (multiplier, 2^(e-2) [+ zp * 2^(e-1) when every */
                         /* shift is in [-23, -2]: |high word| < 2^30 + 2^29, no wrap], e-1) */
    int32_t g8;          /* 96: bytes of one pixel's widened inputs (8 per group, groups even) */
    int32_t oc;          /* 100: output pixel stride */
} pw_ctx;

/* One group (four input bytes) of one pixel against the four widened filter
 * rows: 11 instructions (44 bytes: every one a 32-bit encoding) for 16 MACs. */
#define PW_ONE_GROUP                                                                               \
    "ldrd    r8, r9, [r0], #8\n\t"                                                                 \
    "ldm     r1!, {r10, r11, r12, lr}\n\t"                                                         \
    "smlad   r4, r10, r8, r4\n\t"                                                                  \
    "smlad   r4, r11, r9, r4\n\t"                                                                  \
    "smlad   r5, r12, r8, r5\n\t"                                                                  \
    "smlad   r5, lr, r9, r5\n\t"                                                                   \
    "ldm     r1!, {r10, r11, r12, lr}\n\t"                                                         \
    "smlad   r6, r10, r8, r6\n\t"                                                                  \
    "smlad   r6, r11, r9, r6\n\t"                                                                  \
    "smlad   r7, r12, r8, r7\n\t"                                                                  \
    "smlad   r7, lr, r9, r7\n\t"

/* Two groups: 22 instructions (88 bytes) for 32 MACs. */
#define PW_TWO_GROUPS PW_ONE_GROUP PW_ONE_GROUP

/*
 * n pixels (widened inputs at xw, one after the other) against one block of
 * four widened filter rows: the group loop (eight groups per iteration, 90
 * instructions for 128 MACs; with G % 8 != 0 groups a pixel enters it
 * (8 - G % 8) / 2 pairs in, at the entry the prologue computes from the
 * pairs' fixed 88 bytes: one LDM loads the filter rows, their end and the
 * entry into the PC; the loop ends with the filter rows), then the output
 * stage of mote_arm_requant_e2 (same arithmetic; the output zero point is
 * in the high word's addend, a multiple of 2^(e-1), so the shift adds it
 * exactly), SSAT, BFI packing and clamp, one word stored per pixel: all in
 * registers (naked: the loop needs 13 of them). The input pointer runs on
 * from pixel to pixel; the output pointer, the end and the output stride
 * are on the stack (one LDM).
 */
/* clang-format would join the asm strings and macros of a line: one instruction a line */
/* clang-format off */
#define PW_PX_FN(NAME, OSTAGE)                                                                     \
    __attribute__((naked, noinline)) static void NAME(                                             \
        const int32_t *xw __attribute__((unused)), int8_t *out __attribute__((unused)),            \
        const int32_t *unused __attribute__((unused)), pw_ctx *ctx __attribute__((unused)))        \
    {                                                                                              \
        __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"                      \
                         "sub     sp, sp, #16\n\t"                                                 \
                         "ldr     r4, [r3, #12]\n\t"                                               \
                         "ldr     r5, [r3, #96]\n\t"                                               \
                         "mla     r4, r4, r5, r0\n\t"                                              \
                         "strd    r1, r4, [sp]\n\t"                                                \
                         "rsb     r5, r5, #0\n\t"                                                  \
                         "ubfx    r5, r5, #4, #2\n\t" /* pairs skipped: -(G / 2) mod 4 */          \
                         "movs    r6, #88\n\t"                                                     \
                         "adr     r4, 2f\n\t"                                                      \
                         "mla     r4, r5, r6, r4\n\t"                                              \
                         "orr     r4, r4, #1\n\t"                                                  \
                         "str     r4, [r3, #8]\n\t"                                                \
                         "ldr     r5, [r3, #100]\n\t"                                              \
                         "str     r5, [sp, #8]\n\t"                                                \
                         "1:\n\t"                                                                  \
                         "ldrd    r4, r5, [r3, #32]\n\t"                                           \
                         "ldrd    r6, r7, [r3, #40]\n\t"                                           \
                         "ldm     r3, {r1, r2, pc}\n\t"                                            \
                         ".p2align 2\n\t"                                                          \
                         "2:\n\t"                                                                  \
                         PW_TWO_GROUPS                                                             \
                         PW_TWO_GROUPS                                                             \
                         PW_TWO_GROUPS                                                             \
                         PW_TWO_GROUPS                                                             \
                         "9:\n\t"                                                                  \
                         ".if (9b - 2b) != 352\n\t"                                                \
                         ".error \"pw_px8: a pair of groups is not 88 bytes\"\n\t"                 \
                         ".endif\n\t"                                                              \
                         "cmp     r1, r2\n\t"                                                      \
                         "bne     2b\n\t"                                                          \
                         "add     r12, r3, #48\n\t"                                                \
                         "ldm     r12!, {r8, r9, r10}\n\t"                                         \
                         "add     r9, r9, r4, asr #31\n\t"                                         \
                         "and     r1, r4, #0x80000000\n\t"                                         \
                         "orr     r1, r1, #0x40000000\n\t"                                         \
                         "smlal   r1, r9, r4, r8\n\t"                                              \
                         "asr     r4, r9, r10\n\t"                                                 \
                         "ldm     r12!, {r8, r9, r10}\n\t"                                         \
                         "add     r9, r9, r5, asr #31\n\t"                                         \
                         "and     r1, r5, #0x80000000\n\t"                                         \
                         "orr     r1, r1, #0x40000000\n\t"                                         \
                         "smlal   r1, r9, r5, r8\n\t"                                              \
                         "asr     r5, r9, r10\n\t"                                                 \
                         "ldm     r12!, {r8, r9, r10}\n\t"                                         \
                         "add     r9, r9, r6, asr #31\n\t"                                         \
                         "and     r1, r6, #0x80000000\n\t"                                         \
                         "orr     r1, r1, #0x40000000\n\t"                                         \
                         "smlal   r1, r9, r6, r8\n\t"                                              \
                         "asr     r6, r9, r10\n\t"                                                 \
                         "ldm     r12!, {r8, r9, r10}\n\t"                                         \
                         "add     r9, r9, r7, asr #31\n\t"                                         \
                         "and     r1, r7, #0x80000000\n\t"                                         \
                         "orr     r1, r1, #0x40000000\n\t"                                         \
                         "smlal   r1, r9, r7, r8\n\t"                                              \
                         "asr     r7, r9, r10\n\t"                                                 \
                         OSTAGE                                                                    \
                         "ssat    r4, #8, r4\n\t"                                                  \
                         "ssat    r5, #8, r5\n\t"                                                  \
                         "ssat    r6, #8, r6\n\t"                                                  \
                         "ssat    r7, #8, r7\n\t"                                                  \
                         "bfi     r4, r5, #8, #8\n\t"                                              \
                         "bfi     r4, r6, #16, #8\n\t"                                             \
                         "bfi     r4, r7, #24, #8\n\t"                                             \
                         "ldr     r1, [r3, #28]\n\t"                                               \
                         "cbnz    r1, 3f\n\t"                                                      \
                         "ldrd    r8, r10, [r3, #20]\n\t"                                          \
                         "ssub8   r9, r4, r8\n\t"                                                  \
                         "sel     r4, r4, r8\n\t"                                                  \
                         "ssub8   r9, r10, r4\n\t"                                                 \
                         "sel     r4, r4, r10\n\t"                                                 \
                         "3:\n\t"                                                                  \
                         "ldm     sp, {r8, r9, r10}\n\t"                                           \
                         "str     r4, [r8]\n\t"                                                    \
                         "add     r8, r8, r10\n\t"                                                 \
                         "str     r8, [sp]\n\t"                                                    \
                         "cmp     r0, r9\n\t"                                                      \
                         "bne     1b\n\t"                                                          \
                         "add     sp, sp, #16\n\t"                                                 \
                         "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");                    \
    }
/* clang-format on */

/* The output zero point added after the shift (a shift below -23: not
 * folded into the addend). */
#define PW_ADD_ZP                                                                                  \
    "ldr     r1, [r3, #16]\n\t"                                                                    \
    "add     r4, r4, r1\n\t"                                                                       \
    "add     r5, r5, r1\n\t"                                                                       \
    "add     r6, r6, r1\n\t"                                                                       \
    "add     r7, r7, r1\n\t"

/* pw_px8: the zero point in the addend (every shift in [-23, -2]); pw_pxz8:
 * the zero point added (every shift <= -2). Any even number of groups. */
PW_PX_FN(pw_px8, "")
PW_PX_FN(pw_pxz8, PW_ADD_ZP)

/* g >= 1 groups of four int8 values from src (any alignment) widened with
 * the offset pair off2 into d (mote_arm_even, mote_arm_odd): 5 instructions
 * per group (two per iteration). */
__attribute__((naked, noinline)) void mote_arm_widen_in(int32_t *d __attribute__((unused)),
                                                        const int8_t *src __attribute__((unused)),
                                                        int32_t g __attribute__((unused)),
                                                        int32_t off2 __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7}\n\t"
                     "lsrs    r2, r2, #1\n\t" /* pairs; C: one group first */
                     "bcc     2f\n\t"
                     "ldr     r4, [r1], #4\n\t"
                     "sxtab16 r5, r3, r4\n\t"
                     "sxtab16 r6, r3, r4, ror #8\n\t"
                     "strd    r5, r6, [r0], #8\n\t"
                     "2:\n\t"
                     "cbz     r2, 3f\n\t"
                     "1:\n\t"
                     "ldr     r4, [r1], #4\n\t"
                     "ldr     r7, [r1], #4\n\t"
                     "sxtab16 r5, r3, r4\n\t"
                     "sxtab16 r6, r3, r4, ror #8\n\t"
                     "strd    r5, r6, [r0], #8\n\t"
                     "sxtab16 r5, r3, r7\n\t"
                     "sxtab16 r6, r3, r7, ror #8\n\t"
                     "strd    r5, r6, [r0], #8\n\t"
                     "subs    r2, r2, #1\n\t"
                     "bne     1b\n\t"
                     "3:\n\t"
                     "pop     {r4, r5, r6, r7}\n\t"
                     "bx      lr\n\t");
}

/* Four int8 filter rows (w, w + C, w + 2C, w + 3C; C = 4g bytes, any
 * alignment: LDR) widened into d, g groups of eight words (row r's group j
 * at d[8j + 2r], d[8j + 2r + 1], as mote_arm_even0 / mote_arm_odd0): 17
 * instructions per group. g >= 1. */
__attribute__((naked, noinline)) static void widen_rows4(int32_t *d __attribute__((unused)),
                                                         const int8_t *w __attribute__((unused)),
                                                         int32_t C __attribute__((unused)),
                                                         int32_t g __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
                     "1:\n\t"
                     "ldr     r4, [r1]\n\t"
                     "ldr     r5, [r1, r2]\n\t"
                     "add     r12, r1, r2, lsl #1\n\t"
                     "ldr     r6, [r12]\n\t"
                     "ldr     r7, [r12, r2]\n\t"
                     "sxtb16  r8, r4\n\t"
                     "sxtb16  r9, r4, ror #8\n\t"
                     "sxtb16  r10, r5\n\t"
                     "sxtb16  r11, r5, ror #8\n\t"
                     "stm     r0!, {r8, r9, r10, r11}\n\t"
                     "sxtb16  r8, r6\n\t"
                     "sxtb16  r9, r6, ror #8\n\t"
                     "sxtb16  r10, r7\n\t"
                     "sxtb16  r11, r7, ror #8\n\t"
                     "stm     r0!, {r8, r9, r10, r11}\n\t"
                     "add     r1, r1, #4\n\t"
                     "subs    r3, r3, #1\n\t"
                     "bne     1b\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
                     "bx      lr\n\t");
}

/*
 * n widened pixels (xw, 2G words each; G = K / 4 groups) against every
 * block of four output channels (int8 filter rows of 4G bytes; OC % 4 ==
 * 0): for each block the filter rows are widened into wb (8G words, G <=
 * 32) and every
 * pixel runs pw_px8 (both operands widened: 11 instructions for 16 MACs,
 * output stage in registers) or, for an odd number of groups or a shift
 * > -2, mote_arm_wwdot4 and the C output stage. Outputs of pixel t at
 * output + t * OC. Shared by the pixel-chunk and the patch paths.
 */
void mote_arm_pw_chunk(const mote_conv_s8_params *p, const mote_requant *q, int32_t G, int32_t OC,
                       int32_t n, const int32_t *xw, int8_t *output, const int8_t *filter,
                       const int32_t *bias, int32_t *wb)
{
    const int32_t C = 4 * G;
    pw_ctx ctx;
    int32_t t, o;
    ctx.wb = wb;
    ctx.wend = wb + 8 * G;
    ctx.g8 = 8 * G;
    ctx.oc = OC;
    ctx.n = n;
    ctx.ooff = p->output_offset;
    ctx.lo4 = mote_arm_dup8(p->act_min);
    ctx.hi4 = mote_arm_dup8(p->act_max);
    ctx.full = p->act_min <= -128 && p->act_max >= 127;
    for (o = 0; o < OC; o += 4) {
        mote_arm_rq4 rq;
        int8_t *out = output + o;
        const int32_t *x = xw;
        int32_t b0, b1, b2, b3;
        widen_rows4(wb, filter + o * C, C, G); /* four rows, whole groups */
        if (G % 2 == 0) {
            /* the block's constants while every shift is <= -2 (one pass) */
            int32_t fold = 1, *r = ctx.rq;
            for (t = 0; t < 4; ++t, r += 3) {
                const int32_t sh = q->shift[o + t];
                if (sh > -2) break;
                fold &= sh >= -23;
                ctx.bias[t] = bias ? bias[o + t] : 0;
                r[0] = q->multiplier[o + t];
                r[1] = (int32_t)1 << (-sh - 2);
                r[2] = -sh - 1;
            }
            if (t == 4) {
                if (!fold) {
                    pw_pxz8(xw, out, NULL, &ctx);
                    continue;
                }
                for (t = 0, r = ctx.rq; t < 4; ++t, r += 3)
                    r[1] += p->output_offset * ((int32_t)1 << r[2]);
                pw_px8(xw, out, NULL, &ctx);
                continue;
            }
        }
        b0 = bias ? bias[o] : 0;
        b1 = bias ? bias[o + 1] : 0;
        b2 = bias ? bias[o + 2] : 0;
        b3 = bias ? bias[o + 3] : 0;
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

/* The chunk buffer of mote_arm_conv_pw: 64 words past the patch path's, so
 * that 36-pixel (6x6) steps at C = 128 take four chunks of nine pixels, not
 * five (the filter rows are widened once per chunk). */
#define PW_BUF_WORDS (MOTE_ARM_PW_BUF_WORDS + 64)

/*
 * Pointwise (1x1, stride 1, no padding), C % 4 == 0, C <= 128, OC % 4 == 0,
 * in place (C == OC) or not: chunks of pixels are widened with the input
 * offset into a 3.25 KB stack buffer (PW_BUF_WORDS) (so that, in place, their outputs may
 * overwrite them), the four widened filter rows (2C words) at its start,
 * then mote_arm_pw_chunk.
 */
void mote_arm_conv_pw(const mote_conv_s8_params *p, const mote_requant *q, int32_t C, int32_t OC,
                      int32_t npix, const int8_t *input, int8_t *output, const int8_t *filter,
                      const int32_t *bias)
{
    int32_t buf[PW_BUF_WORDS];
    int32_t *xw = buf + 2 * C;
    const int32_t G = C / 4, P = (PW_BUF_WORDS - 2 * C) / (2 * G),
                  off2 = mote_arm_dup16(p->input_offset);
    int32_t i0, n;
    for (i0 = 0; i0 < npix; i0 += n) {
        n = npix - i0 < P ? npix - i0 : P;
        mote_arm_widen_in(xw, input + i0 * C, n * G, off2);
        mote_arm_pw_chunk(p, q, G, OC, n, xw, output + i0 * OC, filter, bias, buf);
    }
}

#else
typedef int mote_arm_unused_;
#endif
