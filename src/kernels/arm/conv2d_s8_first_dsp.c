/*
 * conv2d_s8_first_dsp.c — CONV_2D, int8, DSP extension: first layers, few
 * input channels (C <= 4, 8 or 16 output channels; arm_paths.h,
 * mote_arm_first_ok). With K = 27 the fixed per-pixel work of the other
 * paths (a byte patch gathered per pixel, four channels per weight pass,
 * the output stage) costs as much as the MACs. Here:
 *
 * - each input row a call reads is widened once into int16 (input offset
 *   added; columns outside the image 0, so a padded tap adds exactly 0, as
 *   the reference's skipped taps do), into a ring of KH rows on the stack:
 *   each filter row's window is then one run of KW * C values, padded to
 *   an even count by one value whose weight is 0;
 * - the weights of a block of eight output channels are widened once per
 *   call into a stream (build_stream): the biases, per filter row a jump
 *   offset, per input word the eight channels' int16 pairs, the step to the
 *   next row's ring slot (rewritten per output row), then the output
 *   stage's per-channel constants;
 * - one hand-written loop per output row and block (first_row8): per input
 *   word one load, two LDM, one LDRD and eight SMLAD (12 instructions for
 *   16 MACs),
 *   the eight accumulators in registers, no loop count per word (a jump
 *   into an unrolled run);
 * - the output stage of the pwk row and the 3x3 depthwise int16 lines
 *   (weights and biases doubled in the stream, SMMLAR of 2 acc, the output
 *   zero point folded into the high-word addend: five instructions per
 *   output with the load of its constants), which needs every shift in
 *   [-23, -1] and every bias in [-2^29, 2^29]; otherwise the call returns
 *   0 and the caller runs the patch path. With act_min >= zp the stream's
 *   end mark jumps to a copy of the stage without the sign correction
 *   (four instructions; F8_OUT_NOSIGN says why that is exact).
 *
 * Bit-exact with mote_ref_conv2d_s8.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_paths.h"
#include "kernels/arm/arm_rows.h"

/* Words of one eight-channel stream (first_row8): eight biases, per filter
 * row a jump offset, 8 * WR weight words and a step, the end mark (a jump
 * to the output stage), then
 * three output-stage words per channel (m, H, e), the activation range and whether
 * it is [-128, 127] (no clamp). */
#define FIRST_WS_WORDS (8 + 4 * 2 + 8 * MOTE_ARM_FIRST_NW + 1 + 24 + 3)
#define FIRST_STEP_BYTES 48 /* one unrolled input word of first_row8: 12 32-bit instructions */
/* The jump of the first filter row (from the pixel's start) and of the
 * others (from the end of the run, where the step to the next row and its
 * jump are one LDRD: the run ends 12 bytes before the address its
 * ADD PC reads); the end mark's jump lands right there, on the output
 * stage. */
#define FIRST_JUMP0(WR) ((MOTE_ARM_FIRST_WR - (WR)) * FIRST_STEP_BYTES)
#define FIRST_JUMP(WR) (-((WR)*FIRST_STEP_BYTES + 12))
#define FIRST_END_BYTES 0
/* The end mark's jump when act_min >= zp: onto the output stage's copy
 * without the sign correction (F8_OUT_NOSIGN), that many bytes past the
 * first (checked by the asm). */
#define FIRST_END_NOSIGN 162
#define FIRST_STR_(x) #x
#define FIRST_STR(x) FIRST_STR_(x)

/* What first_row8 reads (offsets fixed in its asm). */
typedef struct first_ctx {
    const int32_t *ws; /* 0: the stream */
    const int16_t *px; /* 4: the first pixel's window (first filter row) */
    int8_t *out;       /* 8: its eight outputs */
    int32_t npix;      /* 12: pixels (>= 1) */
    int32_t ostep;     /* 16: bytes from one pixel's outputs to the next (the
                        * next pixel's window is the last row step's work) */
} first_ctx;

/* One input word against eight channels' weight pairs (r0): two LDM of
 * three words and one LDRD (the three registers the accumulators leave),
 * eight SMLAD: 12 instructions for 16 MACs; every instruction 32-bit (the
 * jump into the run counts on FIRST_STEP_BYTES). */
#define F8_STEP                                                                                    \
    "ldr.w   r2, [r1], #4\n\t"                                                                     \
    "ldm.w   r0!, {r11, r12, lr}\n\t"                                                              \
    "smlad   r3, r11, r2, r3\n\t"                                                                  \
    "smlad   r4, r12, r2, r4\n\t"                                                                  \
    "smlad   r5, lr, r2, r5\n\t"                                                                   \
    "ldm.w   r0!, {r11, r12, lr}\n\t"                                                              \
    "smlad   r6, r11, r2, r6\n\t"                                                                  \
    "smlad   r7, r12, r2, r7\n\t"                                                                  \
    "smlad   r8, lr, r2, r8\n\t"                                                                   \
    "ldrd    r11, r12, [r0], #8\n\t"                                                               \
    "smlad   r9, r11, r2, r9\n\t"                                                                  \
    "smlad   r10, r12, r2, r10\n\t"

/* The output stage of the accumulator acc (r3 .. r10), that of the pwk row
 * and the 3x3 depthwise int16 lines (weights and bias doubled in the
 * stream, so SMMLAR of 2 acc gives the reference's
 * SaturatingRoundingDoublingHighMul; see arm_requant.h): m, H (the zero
 * point folded in) and e from the stream, H - [acc < 0] + SMMLAR, >> e,
 * SSAT: five instructions, against seven for mote_arm_requant_e2 with
 * SMLAL. */
#define F8_OUT(acc)                                                                                \
    "ldm     r0!, {r2, r11, r12}\n\t"                                                              \
    "add     r11, r11, " acc ", asr #31\n\t"                                                       \
    "smmlar  " acc ", " acc ", r2, r11\n\t"                                                        \
    "asr     " acc ", " acc ", r12\n\t"                                                            \
    "ssat    " acc ", #8, " acc "\n\t"
/* F8_OUT without the sign correction (H - [acc < 0]: the reference rounds
 * halves away from zero), for a range with act_min >= zp: the correction
 * only moves outputs of a negative accumulator, and with m >= 0 and e >= 1
 * those are <= zp with or without it (H = 2^(e-1) + zp 2^e plus a rounded
 * product <= 0, shifted by e), so the clamp makes them act_min either way
 * (ReLU / ReLU6: VWW's and IC's first layers). Four instructions. */
#define F8_OUT_NOSIGN(acc)                                                                         \
    "ldm     r0!, {r2, r11, r12}\n\t"                                                              \
    "smmlar  " acc ", " acc ", r2, r11\n\t"                                                        \
    "asr     " acc ", " acc ", r12\n\t"                                                            \
    "ssat    " acc ", #8, " acc "\n\t"

/*
 * A run of pixels against one eight-channel stream: per pixel the biases
 * (one LDM), per filter row a jump into the unrolled run of
 * MOTE_ARM_FIRST_WR input words so that exactly WR of them execute (12
 * instructions for 16 MACs), at the run's end the row step and the next
 * row's jump (one LDRD, three instructions a row), then the output stage
 * (requantize, pack, clamp unless the range is [-128, 127]: two words
 * stored). Hand-written (naked): the accumulators and the loop need all 14
 * registers; the context is copied to the stack.
 */
/* clang-format off */
__attribute__((naked, noinline)) static void first_row8(const first_ctx *ctx
                                                        __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "ldm     r0, {r1, r2, r3, r4, r5}\n\t"
                     "push    {r1, r2, r3, r4, r5}\n\t"
                     "ldr     r1, [sp, #4]\n\t"
                     "4:\n\t" /* a pixel: r1 its window (kept across pixels) */
                     "ldr     r0, [sp, #0]\n\t"
                     "ldm     r0!, {r3, r4, r5, r6, r7, r8, r9, r10, r11}\n\t" /* and the jump */
                     "add     pc, r11\n\t"
                     "nop\n\t" /* pc reads as the add's address + 4: the run's start */
                     "6:\n\t"
                     F8_STEP F8_STEP F8_STEP F8_STEP F8_STEP F8_STEP F8_STEP F8_STEP
                     "7:\n\t" /* MOTE_ARM_FIRST_WR * FIRST_STEP_BYTES */
                     ".if (7b - 6b) != 8 * 48\n\t"
                     ".error \"first_row8: an input word is not FIRST_STEP_BYTES\"\n\t"
                     ".endif\n\t"
                     /* the row step and the next row's jump (FIRST_JUMP: back
                      * into the run; FIRST_END_BYTES: on to the output stage) */
                     "ldrd    r2, r11, [r0], #8\n\t"
                     "add.w   r1, r1, r2\n\t"
                     "add     pc, r11\n\t"
                     "nop\n\t"
                     "3:\n\t"
                     ".if (3b - 7b) != 12\n\t"
                     ".error \"first_row8: the output stage is not 12 bytes past the run\"\n\t"
                     ".endif\n\t"
                     F8_OUT("r3") F8_OUT("r4") F8_OUT("r5") F8_OUT("r6")
                     F8_OUT("r7") F8_OUT("r8") F8_OUT("r9") F8_OUT("r10")
                     "b.n     8f\n\t" /* 16-bit: the .if below needs a fixed size */
                     "30:\n\t" /* act_min >= zp: the end mark's jump is FIRST_END_NOSIGN */
                     ".if (30b - 3b) != " FIRST_STR(FIRST_END_NOSIGN) "\n\t"
                     ".error \"first_row8: the stage without the sign is not FIRST_END_NOSIGN past the first\"\n\t"
                     ".endif\n\t"
                     F8_OUT_NOSIGN("r3") F8_OUT_NOSIGN("r4") F8_OUT_NOSIGN("r5")
                     F8_OUT_NOSIGN("r6") F8_OUT_NOSIGN("r7") F8_OUT_NOSIGN("r8")
                     F8_OUT_NOSIGN("r9") F8_OUT_NOSIGN("r10")
                     "8:\n\t"
                     "bfi     r3, r4, #8, #8\n\t"
                     "bfi     r3, r5, #16, #8\n\t"
                     "bfi     r3, r6, #24, #8\n\t"
                     "bfi     r7, r8, #8, #8\n\t"
                     "bfi     r7, r9, #16, #8\n\t"
                     "bfi     r7, r10, #24, #8\n\t"
                     "ldr     r2, [r0, #8]\n\t" /* the full range: no clamp */
                     "cbnz    r2, 5f\n\t"
                     "ldrd    r2, r12, [r0]\n\t"
                     "ssub8   r11, r3, r2\n\t" /* GE: out >= act_min */
                     "sel     r3, r3, r2\n\t"
                     "ssub8   r11, r12, r3\n\t" /* GE: act_max >= out */
                     "sel     r3, r3, r12\n\t"
                     "ssub8   r11, r7, r2\n\t"
                     "sel     r7, r7, r2\n\t"
                     "ssub8   r11, r12, r7\n\t"
                     "sel     r7, r7, r12\n\t"
                     "5:\n\t" /* out, pixels left (one LDRD, one STRD), the out step */
                     "ldrd    r2, r4, [sp, #8]\n\t"
                     "ldr     r5, [sp, #16]\n\t"
                     "str     r3, [r2]\n\t"
                     "str     r7, [r2, #4]\n\t"
                     "add     r2, r2, r5\n\t"
                     "subs    r4, r4, #1\n\t"
                     "strd    r2, r4, [sp, #8]\n\t"
                     "bne     4b\n\t"
                     "add     sp, sp, #20\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}
/* clang-format on */

/* Sixteen input values per pass from s (any alignment) to end16 (a
 * multiple of 16 bytes on), widened with the offset (off2 in both halves)
 * into t (word-aligned: one STM per eight values): SXTAB16 twice per word
 * read, PKHBT / PKHTB back into order; 24 instructions for 16 values,
 * against 38 for the compiler's loop below (which reloads its end per
 * pass). Every input row a call reads goes through it once. */
/* clang-format off */
__attribute__((naked, noinline)) static void widen16(int16_t *t __attribute__((unused)),
                                                     const int8_t *s __attribute__((unused)),
                                                     const int8_t *end16 __attribute__((unused)),
                                                     int32_t off2 __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7}\n\t" /* four registers: it runs at the deepest frame */
                     "1:\n\t"
                     "ldr     r5, [r1], #4\n\t"
                     "ldr     r7, [r1], #4\n\t"
                     "sxtab16 r12, r3, r5\n\t"
                     "sxtab16 r5, r3, r5, ror #8\n\t"
                     "pkhbt   r4, r12, r5, lsl #16\n\t"
                     "pkhtb   r5, r5, r12, asr #16\n\t"
                     "sxtab16 r12, r3, r7\n\t"
                     "sxtab16 r7, r3, r7, ror #8\n\t"
                     "pkhbt   r6, r12, r7, lsl #16\n\t"
                     "pkhtb   r7, r7, r12, asr #16\n\t"
                     "stm     r0!, {r4, r5, r6, r7}\n\t"
                     "ldr     r5, [r1], #4\n\t"
                     "ldr     r7, [r1], #4\n\t"
                     "sxtab16 r12, r3, r5\n\t"
                     "sxtab16 r5, r3, r5, ror #8\n\t"
                     "pkhbt   r4, r12, r5, lsl #16\n\t"
                     "pkhtb   r5, r5, r12, asr #16\n\t"
                     "sxtab16 r12, r3, r7\n\t"
                     "sxtab16 r7, r3, r7, ror #8\n\t"
                     "pkhbt   r6, r12, r7, lsl #16\n\t"
                     "pkhtb   r7, r7, r12, asr #16\n\t"
                     "stm     r0!, {r4, r5, r6, r7}\n\t"
                     "cmp     r1, r2\n\t"
                     "bne     1b\n\t"
                     "pop     {r4, r5, r6, r7}\n\t"
                     "bx      lr\n\t");
}
/* clang-format on */

/* ncol columns of the input row `in` (iw columns of C), starting at input
 * column x0, widened into d with the offset added (off2 in both halves);
 * columns outside [0, iw) are 0; then zeros up to n values in all. */
static void widen_row(int16_t *d, const int8_t *in, int32_t iw, int32_t C, int32_t x0, int32_t ncol,
                      int32_t n, int32_t off2)
{
    int32_t lead = x0 < 0 ? -x0 : 0, cnt, i = 0, j;
    if (lead > ncol) lead = ncol;
    cnt = iw - (x0 + lead);
    if (cnt > ncol - lead) cnt = ncol - lead;
    if (cnt < 0) cnt = 0;
    for (j = 0; j < lead * C; ++j)
        d[j] = 0;
    if (cnt > 0) {
        const int8_t *s = in + (x0 + lead) * C;
        int16_t *t = d + lead * C;
        const int32_t m = cnt * C;
        const int8_t *end8 = s + (m & ~7), *end = s + (m & ~3);
        if (m >= 16 && ((uintptr_t)t & 3) == 0) {
            /* the usual case: the row from its first column */
            widen16(t, s, s + (m & ~15), off2);
            t += m & ~15;
            s += m & ~15;
        }
        /* four values per word read: SXTAB16 twice, PKHBT / PKHTB back
         * into order (t may be halfword aligned: word stores); two words
         * per iteration while eight values remain */
        while (s != end8) {
            const uint32_t v = mote_arm_ld32(s), u = mote_arm_ld32(s + 4);
            const int32_t e = mote_arm_even(v, off2), o = mote_arm_odd(v, off2);
            const int32_t e2 = mote_arm_even(u, off2), o2 = mote_arm_odd(u, off2);
            uint32_t lo, hi, lo2, hi2;
            __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(lo) : "r"(e), "r"(o));
            __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(hi) : "r"(o), "r"(e));
            __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(lo2) : "r"(e2), "r"(o2));
            __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(hi2) : "r"(o2), "r"(e2));
            mote_arm_st32(t, lo);
            mote_arm_st32(t + 2, hi);
            mote_arm_st32(t + 4, lo2);
            mote_arm_st32(t + 6, hi2);
            s += 8;
            t += 8;
        }
        while (s != end) {
            const uint32_t v = mote_arm_ld32(s);
            const int32_t e = mote_arm_even(v, off2), o = mote_arm_odd(v, off2);
            uint32_t lo, hi;
            __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(lo) : "r"(e), "r"(o));
            __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(hi) : "r"(o), "r"(e));
            mote_arm_st32(t, lo);
            mote_arm_st32(t + 2, hi);
            s += 4;
            t += 4;
        }
        for (i = m & ~3; i < m; ++i, ++s, ++t)
            *t = (int16_t)(*s + (int16_t)off2);
    }
    for (j = (lead + cnt) * C; j < n; ++j)
        d[j] = 0;
}

/* The filter rows of eight output channels (8 * KH rows of n = RW bytes,
 * one after the other from w, any alignment) doubled (|2w| <= 256: int16;
 * the output stage takes 2 acc) as int16 pairs into the stream: channel c's
 * row ky at d + c + ky * (2 + 8 WR) words, its pairs 8 words apart: four
 * bytes per load (SXTB16 twice, SADD16, PKHBT / PKHTB back into order),
 * then a last pair and a last byte (paired with 0). n >= 1, KH >= 1.
 * Hand-written, all rows in one call: the stream is built on every call, in
 * a band chain on every band, and a call per row cost as much as its
 * bytes. */
/* clang-format off */
__attribute__((naked, noinline)) static void pack_rows(int32_t *d __attribute__((unused)),
                                                       const int8_t *w __attribute__((unused)),
                                                       int32_t n __attribute__((unused)),
                                                       int32_t kh __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, lr}\n\t"
                     "mov     r8, #8\n\t"          /* channels */
                     "cmp     r2, #9\n\t"          /* 3x3 over 3 channels: rows of their own */
                     "beq     20f\n\t"
                     "0:\n\t"
                     "mov     r6, r0\n\t"          /* the channel's first pair */
                     "mov     r7, r3\n\t"          /* its rows */
                     "3:\n\t"
                     "subs    r12, r2, #4\n\t"
                     "blt     2f\n\t"
                     "1:\n\t"
                     "ldr     r4, [r1], #4\n\t"
                     "sxtb16  r5, r4\n\t"
                     "sxtb16  r4, r4, ror #8\n\t"
                     "sadd16  r5, r5, r5\n\t"
                     "sadd16  r4, r4, r4\n\t"
                     "pkhbt   lr, r5, r4, lsl #16\n\t"
                     "pkhtb   r4, r4, r5, asr #16\n\t"
                     "str     lr, [r0], #32\n\t"
                     "str     r4, [r0], #32\n\t"
                     "subs    r12, r12, #4\n\t"
                     "bge     1b\n\t"
                     "2:\n\t"
                     "adds    r12, r12, #4\n\t" /* bytes left: 0 .. 3 */
                     "beq     9f\n\t"
                     "cmp     r12, #2\n\t"
                     "blt     5f\n\t"
                     "ldrsb   r4, [r1], #1\n\t"
                     "ldrsb   r5, [r1], #1\n\t"
                     "pkhbt   r4, r4, r5, lsl #16\n\t"
                     "sadd16  r4, r4, r4\n\t"
                     "str     r4, [r0], #32\n\t"
                     "subs    r12, r12, #2\n\t"
                     "beq     9f\n\t"
                     "5:\n\t"
                     "ldrsb   r4, [r1], #1\n\t"
                     "lsl     r4, r4, #1\n\t"
                     "uxth    r4, r4\n\t"
                     "str     r4, [r0], #32\n\t"
                     "9:\n\t"
                     "add     r0, r0, #8\n\t"   /* past the step and the next jump */
                     "subs    r7, r7, #1\n\t"
                     "bne     3b\n\t"
                     "add     r0, r6, #4\n\t"   /* the next channel */
                     "subs    r8, r8, #1\n\t"
                     "bne     0b\n\t"
                     "pop     {r4, r5, r6, r7, r8, pc}\n\t"
                     /* n = 9 (VWW's and IC's first layers): two words and
                      * a byte a row, no loop or tests within the row (25
                      * instructions a row, against 35) */
                     "20:\n\t"
                     "mov     r6, r0\n\t"
                     "mov     r7, r3\n\t"
                     "21:\n\t"
                     "ldr     r4, [r1], #4\n\t"
                     "ldr     r12, [r1], #4\n\t"
                     "sxtb16  r5, r4\n\t"
                     "sxtb16  r4, r4, ror #8\n\t"
                     "sadd16  r5, r5, r5\n\t"
                     "sadd16  r4, r4, r4\n\t"
                     "pkhbt   lr, r5, r4, lsl #16\n\t"
                     "pkhtb   r4, r4, r5, asr #16\n\t"
                     "str     lr, [r0], #32\n\t"
                     "str     r4, [r0], #32\n\t"
                     "sxtb16  r5, r12\n\t"
                     "sxtb16  r12, r12, ror #8\n\t"
                     "sadd16  r5, r5, r5\n\t"
                     "sadd16  r12, r12, r12\n\t"
                     "pkhbt   lr, r5, r12, lsl #16\n\t"
                     "pkhtb   r12, r12, r5, asr #16\n\t"
                     "str     lr, [r0], #32\n\t"
                     "str     r12, [r0], #32\n\t"
                     "ldrsb   r4, [r1], #1\n\t"
                     "lsl     r4, r4, #1\n\t"
                     "uxth    r4, r4\n\t"
                     "str     r4, [r0], #32\n\t"
                     "add     r0, r0, #8\n\t"   /* past the step and the next jump */
                     "subs    r7, r7, #1\n\t"
                     "bne     21b\n\t"
                     "add     r0, r6, #4\n\t"   /* the next channel */
                     "subs    r8, r8, #1\n\t"
                     "bne     20b\n\t"
                     "pop     {r4, r5, r6, r7, r8, pc}\n\t");
}
/* clang-format on */

/* The stream of output channels c0 .. c0 + 7 (first_row8), biases and
 * weights doubled; 0 when a shift is outside [-23, -1] or a bias outside
 * [-2^29, 2^29] (the output stage's range: with K <= 4 * 16 taps |acc| <
 * 2^29 + 2^21, so |2 acc| < 2^31 and H + x cannot wrap, |H| <= 2^30 +
 * 2^22). */
static int build_stream(int32_t *ws, const mote_conv_s8_params *p, const mote_requant *q,
                        const int8_t *filter, const int32_t *bias, int32_t c0, int32_t K,
                        int32_t KH, int32_t RW, int32_t WR, int32_t adv)
{
    const uint32_t h1 = 2 * (uint32_t)p->output_offset + 1;
    const int32_t *mult = q->multiplier;
    const int8_t *shift = q->shift;
    int32_t ky, c;
    for (c = 0; c < 8; ++c) {
        const int32_t b = bias ? bias[c0 + c] : 0;
        if (b < -(1 << 29) || b > (1 << 29)) return 0;
        ws[c] = 2 * b;
    }
    ws += 8;
    /* per filter row: the jump, WR words of the eight channels, the step */
    for (ky = 0; ky < KH; ++ky) {
        ws[ky * (2 + 8 * WR)] = ky ? FIRST_JUMP(WR) : FIRST_JUMP0(WR);
        ws[ky * (2 + 8 * WR) + 1 + 8 * WR] = adv;
    }
    /* channel by channel, its filter rows one after the other */
    pack_rows(ws + 1, filter + c0 * K, RW, KH);
    ws += KH * (2 + 8 * WR);
    /* the output stage: without the sign correction when act_min >= zp */
    *ws++ = p->act_min >= p->output_offset ? FIRST_END_NOSIGN : FIRST_END_BYTES;
    for (c = c0; c < c0 + 8; ++c, ws += 3) {
        const int32_t e = -shift[c];
        if (e < 1 || e > 23) return 0;
        ws[0] = mult[c];
        ws[1] = (int32_t)(h1 << (e - 1)); /* H = 2^(e-1) + zp 2^e */
        ws[2] = e;
    }
    *ws++ = (int32_t)mote_arm_dup8(p->act_min);
    *ws++ = (int32_t)mote_arm_dup8(p->act_max);
    *ws = p->act_min <= -128 && p->act_max >= 127;
    return 1;
}

int mote_arm_conv_first(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                        const int8_t *input, const mote_dims *fd, const int8_t *filter,
                        const int32_t *bias, const mote_dims *od, int8_t *output)
{
    int16_t xw[MOTE_ARM_FIRST_XW] __attribute__((aligned(4)));
    int32_t ws[2][FIRST_WS_WORDS];
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, KH = fd->h, KW = fd->w, K = KH * KW * C, OC = od->c;
    const int32_t RW = KW * C, WR = (RW + 1) / 2, nb = OC / 8;
    const int32_t ncol = (od->w - 1) * g->stride_w + KW;
    const int32_t L = (ncol * C + 2) & ~1; /* values per widened row: even, one spare */
    const int32_t off2 = mote_arm_dup16(p->input_offset);
    const int32_t pstep = 2 * g->stride_w * C; /* bytes from one pixel's window to the next */
    int32_t b, oy, ky, blk;
    first_ctx cx;

    if (!mote_arm_first_ok(p, id, fd, od)) return 0;
    for (blk = 0; blk < nb; ++blk)
        if (!build_stream(ws[blk], p, q, filter, bias, 8 * blk, K, KH, RW, WR, 0)) return 0;
    cx.npix = od->w;
    cx.ostep = OC;
    for (b = 0; b < od->n; ++b) {
        const int8_t *in_batch = input + b * id->h * id->w * C;
        int8_t *out = output + b * od->h * od->w * OC;
        int32_t held[4]; /* the input row each ring slot holds */
        for (ky = 0; ky < KH; ++ky)
            held[ky] = INT32_MIN;
        for (oy = 0; oy < od->h; ++oy, out += od->w * OC) {
            const int32_t y0 = oy * g->stride_h - g->pad_h;
            int8_t slot[5]; /* ring slots 0 .. 3: bytes keep the frame small */
            /* the window's rows in a ring of KH slots (row y in slot y mod KH):
             * each input row widened once per call (KH >= 1: mote_arm_first_ok) */
            slot[0] = 0;
            for (ky = 0; ky < KH; ++ky) {
                const int32_t y = y0 + ky, sl = ((y % KH) + KH) % KH;
                int16_t *d = xw + sl * L;
                slot[ky] = (int8_t)sl;
                if (held[sl] == y) continue;
                held[sl] = y;
                if (y >= 0 && y < id->h)
                    widen_row(d, in_batch + y * id->w * C, id->w, C, -g->pad_w, ncol, L, off2);
                else
                    widen_row(d, in_batch, 0, C, 0, 0, L, off2);
            }
            slot[KH] = slot[0];
            for (blk = 0; blk < nb; ++blk) {
                /* each filter row's step to the next row's slot; the last
                 * row's back to the first row's slot, one pixel on */
                int32_t *adv = ws[blk] + 8 + 1 + 8 * WR;
                for (ky = 0; ky < KH; ++ky, adv += 2 + 8 * WR)
                    *adv = 2 * L * (slot[ky + 1] - slot[ky]) - 4 * WR;
                adv[-(2 + 8 * WR)] += pstep;
                cx.ws = ws[blk];
                cx.px = xw + slot[0] * L;
                cx.out = out + 8 * blk;
                first_row8(&cx);
            }
        }
    }
    return 1;
}

/* The step entry of the arm_dsp_first row (the patch path for shifts it
 * refuses: mote_arm_conv_or_patch). */
mote_status mote_arm_conv_first_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    const int8_t *in = (const int8_t *)io->in[0], *w = (const int8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int8_t *out = (int8_t *)io->out[0];
    if (in == NULL || w == NULL || out == NULL ||
        mote_arm_conv2d_s8_step_path(s, in == out) != MOTE_ARM_CONV_FIRST)
        return MOTE_E_ARG;
    mote_arm_conv_or_patch(mote_arm_conv_first, &s->p, &q, &s->in, in, &s->filter, w, bias, &s->out,
                           out);
    return MOTE_OK;
}

#else
typedef int mote_arm_unused_;
#endif
