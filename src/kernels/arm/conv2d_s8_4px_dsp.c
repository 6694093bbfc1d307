/*
 * conv2d_s8_4px_dsp.c — CONV_2D, int8, DSP extension: four output pixels by
 * one output channel (arm_paths.h, mote_arm_p4_ok). Bit-exact with
 * mote_ref_conv2d_s8.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_paths.h"

/*
 * The widened patches of a block of four pixels (xw) are one stream: per
 * group of four depth values, eight words, pixel 0's two (the even and the
 * odd int16 pairs), then pixel 1's, 2's and 3's. The loop reads it with
 * LDMs of six words (three per group of three groups: 4 LDM for 24 words
 * instead of 6 of four), which leaves no register for the stream's end:
 * it is compared from the frame once per eight triples.
 *
 * The frame of p4_blocks, p4_part and p4_out (words; offsets fixed in the
 * asm, copied to the stack on entry with one LDM / STM pair): the output
 * pointer, the channel record's and the pixels' distances first, so that
 * after a channel's loop one LDM from sp loads all five (P4_OUTSET) and
 * one STRD puts both pointers back.
 */
typedef struct p4_frame {
    int8_t *out;         /* 0: pixel 0's output of the current channel (p4_part: the sums) */
    const int32_t *pr;   /* 4: the current channel's record (p4_ctx), advanced */
    int32_t d1, d2, d3;  /* 8, 12, 16: bytes from pixel 0's outputs to pixel 1's, 2's, 3's */
    const int32_t *xw;   /* 20: the stream (p4_out: the sums, advanced) */
    int32_t e1;          /* 24: groups mod 24, the first dispatch's index */
    int32_t e2;          /* 28: where the first pass enters the triples (8: none) */
    const int32_t *xend; /* 32: the stream's end */
    const int32_t *pend; /* 36: the channel records' end (p4_part: the sums' end) */
    int32_t mode;        /* 40: the output stage's form (P4_OUT; p4_part: skip) */
    uint32_t lo4;        /* 44: act_min in every byte */
    uint32_t hi4;        /* 48: act_max in every byte */
} p4_frame;

/* The per-call constants: the frame and the channel records ((bias, m,
 * hq, e - 1), or in modes 0 and 1 (bias, m2, c, e): P4_OUT). */
typedef struct p4_ctx {
    p4_frame f;
    int32_t prs[MOTE_ARM_P4_MAX_OC][4];
} p4_ctx;

// clang-format off
/* r0 = the frame (p4_frame *): saved registers, then the frame copied to
 * [sp] (52 bytes); leaves r3 = frame.pr. */
#define P4_FRAME_IN                                                                                \
    "push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"                                           \
    "sub     sp, sp, #52\n\t"                                                                      \
    "ldm     r0!, {r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, lr}\n\t"                         \
    "stm     sp, {r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, lr}\n\t"                          \
    "ldr     r2, [r0]\n\t"                                                                         \
    "str     r2, [sp, #48]\n\t"

#define P4_FRAME_OUT                                                                               \
    "add     sp, sp, #52\n\t"                                                                      \
    "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t"

/* One group alone (the groups past a multiple of three, before the
 * triples): the filter word (r1), two SXTB16, two LDM of four words (pixels
 * 0 and 1, then 2 and 3), eight SMLAD into r4..r7: 13 instructions. */
#define P4_GROUP1                                                                                  \
    "ldr     r3, [r1], #4\n\t"                                                                     \
    "sxtb16  r2, r3\n\t"                                                                           \
    "sxtb16  r3, r3, ror #8\n\t"                                                                   \
    "ldm     r0!, {r8, r9, r10, r11}\n\t"                                                          \
    "smlad   r4, r2, r8, r4\n\t"                                                                   \
    "smlad   r4, r3, r9, r4\n\t"                                                                   \
    "smlad   r5, r2, r10, r5\n\t"                                                                  \
    "smlad   r5, r3, r11, r5\n\t"                                                                  \
    "ldm     r0!, {r8, r9, r10, r11}\n\t"                                                          \
    "smlad   r6, r2, r8, r6\n\t"                                                                   \
    "smlad   r6, r3, r9, r6\n\t"                                                                   \
    "smlad   r7, r2, r10, r7\n\t"                                                                  \
    "smlad   r7, r3, r11, r7\n\t"

/* Three groups: their 24 stream words in four LDM of six (r8..r12, lr;
 * an LDM straddles two groups: the next filter word is widened between
 * its SMLADs), three filter words, 24 SMLAD: 37 instructions for 48 MACs
 * (three single groups take 39). */
#define P4_TRIPLE                                                                                  \
    "ldr     r3, [r1], #4\n\t"                                                                     \
    "sxtb16  r2, r3\n\t"                                                                           \
    "sxtb16  r3, r3, ror #8\n\t"                                                                   \
    "ldm     r0!, {r8, r9, r10, r11, r12, lr}\n\t"                                                 \
    "smlad   r4, r2, r8, r4\n\t"                                                                   \
    "smlad   r4, r3, r9, r4\n\t"                                                                   \
    "smlad   r5, r2, r10, r5\n\t"                                                                  \
    "smlad   r5, r3, r11, r5\n\t"                                                                  \
    "smlad   r6, r2, r12, r6\n\t"                                                                  \
    "smlad   r6, r3, lr, r6\n\t"                                                                   \
    "ldm     r0!, {r8, r9, r10, r11, r12, lr}\n\t"                                                 \
    "smlad   r7, r2, r8, r7\n\t"                                                                   \
    "smlad   r7, r3, r9, r7\n\t"                                                                   \
    "ldr     r3, [r1], #4\n\t"                                                                     \
    "sxtb16  r2, r3\n\t"                                                                           \
    "sxtb16  r3, r3, ror #8\n\t"                                                                   \
    "smlad   r4, r2, r10, r4\n\t"                                                                  \
    "smlad   r4, r3, r11, r4\n\t"                                                                  \
    "smlad   r5, r2, r12, r5\n\t"                                                                  \
    "smlad   r5, r3, lr, r5\n\t"                                                                   \
    "ldm     r0!, {r8, r9, r10, r11, r12, lr}\n\t"                                                 \
    "smlad   r6, r2, r8, r6\n\t"                                                                   \
    "smlad   r6, r3, r9, r6\n\t"                                                                   \
    "smlad   r7, r2, r10, r7\n\t"                                                                  \
    "smlad   r7, r3, r11, r7\n\t"                                                                  \
    "ldr     r3, [r1], #4\n\t"                                                                     \
    "sxtb16  r2, r3\n\t"                                                                           \
    "sxtb16  r3, r3, ror #8\n\t"                                                                   \
    "smlad   r4, r2, r12, r4\n\t"                                                                  \
    "smlad   r4, r3, lr, r4\n\t"                                                                   \
    "ldm     r0!, {r8, r9, r10, r11, r12, lr}\n\t"                                                 \
    "smlad   r5, r2, r8, r5\n\t"                                                                   \
    "smlad   r5, r3, r9, r5\n\t"                                                                   \
    "smlad   r6, r2, r10, r6\n\t"                                                                  \
    "smlad   r6, r3, r11, r6\n\t"                                                                  \
    "smlad   r7, r2, r12, r7\n\t"                                                                  \
    "smlad   r7, r3, lr, r7\n\t"

/* One channel's pass over the stream, accumulators r4..r7 set, r1 the
 * filter row: the first TBH (index groups mod 24) enters the triples or,
 * for groups not a multiple of three, runs one or two single groups and a
 * second TBH (frame.e2) enters the triples (or skips them: fewer than
 * three groups). Eight triples per iteration (IC's 36 groups run in two
 * passes, 72 in three, its parts of 48 in two), the stream's end compared
 * from the frame. L makes the labels unique. */
#define P4_LOOP(L)                                                                                 \
    "ldr     r0, [sp, #20]\n\t"                                                                    \
    "ldrd    r8, lr, [sp, #24]\n\t"                                                                \
    "tbh     [pc, r8, lsl #1]\n\t"                                                                 \
    ".L" L "_a:\n\t"                                                                               \
    ".hword  (.L" L "_t0 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r1 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r2 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_t7 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r1 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r2 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_t6 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r1 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r2 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_t5 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r1 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r2 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_t4 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r1 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r2 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_t3 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r1 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r2 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_t2 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r1 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r2 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_t1 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r1 - .L" L "_a) / 2\n\t"                                                     \
    ".hword  (.L" L "_r2 - .L" L "_a) / 2\n\t"                                                     \
    ".L" L "_r2:\n\t" P4_GROUP1                                                                    \
    ".L" L "_r1:\n\t" P4_GROUP1                                                                    \
    "tbh     [pc, lr, lsl #1]\n\t"                                                                 \
    ".L" L "_b:\n\t"                                                                               \
    ".hword  (.L" L "_t0 - .L" L "_b) / 2\n\t"                                                     \
    ".hword  (.L" L "_t1 - .L" L "_b) / 2\n\t"                                                     \
    ".hword  (.L" L "_t2 - .L" L "_b) / 2\n\t"                                                     \
    ".hword  (.L" L "_t3 - .L" L "_b) / 2\n\t"                                                     \
    ".hword  (.L" L "_t4 - .L" L "_b) / 2\n\t"                                                     \
    ".hword  (.L" L "_t5 - .L" L "_b) / 2\n\t"                                                     \
    ".hword  (.L" L "_t6 - .L" L "_b) / 2\n\t"                                                     \
    ".hword  (.L" L "_t7 - .L" L "_b) / 2\n\t"                                                     \
    ".hword  (.L" L "_z - .L" L "_b) / 2\n\t"                                                      \
    ".p2align 1\n\t"                                                                               \
    ".L" L "_t0:\n\t" P4_TRIPLE                                                                    \
    ".L" L "_t1:\n\t" P4_TRIPLE                                                                    \
    ".L" L "_t2:\n\t" P4_TRIPLE                                                                    \
    ".L" L "_t3:\n\t" P4_TRIPLE                                                                    \
    ".L" L "_t4:\n\t" P4_TRIPLE                                                                    \
    ".L" L "_t5:\n\t" P4_TRIPLE                                                                    \
    ".L" L "_t6:\n\t" P4_TRIPLE                                                                    \
    ".L" L "_t7:\n\t" P4_TRIPLE                                                                    \
    "ldr     r2, [sp, #32]\n\t"                                                                    \
    "cmp     r0, r2\n\t"                                                                           \
    "bne     .L" L "_t0\n\t"                                                                       \
    ".L" L "_z:\n\t"

/* The output stage of one accumulator, exact for every int32 sum
 * (mode 2): mote_arm_requant_e2 (r8 = m, r9 = hq with the zero point
 * folded, r10 = e - 1), as in the 2x2 path. */
#define P4_RQ(acc)                                                                                 \
    "add     r11, r9, " acc ", asr #31\n\t"                                                        \
    "and     r0, " acc ", #0x80000000\n\t"                                                         \
    "orr     r0, r0, #0x40000000\n\t"                                                              \
    "smlal   r0, r11, " acc ", r8\n\t"                                                             \
    "asr     " acc ", r11, r10\n\t"

/*
 * The short forms (modes 0 and 1; r8 = m2 = 2m - 2^32, r9 = c = 2^(e-1) +
 * zp 2^e, r10 = e). mul_high(acc, m) = floor((2 acc m + 2^31) / 2^32) =
 * x, and SMMLAR of acc by m2 with the high-word addend acc + a gives
 * a - acc + x + acc = a + x (mod 2^32: the addend may wrap); the rounding
 * shift of x by e, ties away from zero, plus the zero point is
 * (x + c - [acc < 0]) >> e (arm_requant.h: [x < 0] may be [acc < 0]).
 * Exact while a + x fits int32: p4_setup takes them only for |bias| <=
 * 2^29 (then |x| <= |acc| < 2^29 + 2^25, |c| <= 2^30 + 2^22) and m >=
 * 2^30. Mode 0 drops the [acc < 0] term: it only lowers results that are
 * already <= the zero point, and when act_min >= zp those clamp to act_min
 * either way (ReLU layers).
 */
#define P4_RQS(acc)                                                                                \
    "add     r0, r9, " acc ", asr #31\n\t"                                                         \
    "add     r0, r0, " acc "\n\t"                                                                  \
    "smmlar  " acc ", " acc ", r8, r0\n\t"                                                         \
    "asr     " acc ", " acc ", r10\n\t"

#define P4_RQF(acc)                                                                                \
    "add     r0, r9, " acc "\n\t"                                                                  \
    "smmlar  " acc ", " acc ", r8, r0\n\t"                                                         \
    "asr     " acc ", " acc ", r10\n\t"

#define P4_SSAT4                                                                                   \
    "ssat    r4, #8, r4\n\t"                                                                       \
    "ssat    r5, #8, r5\n\t"                                                                       \
    "ssat    r6, #8, r6\n\t"                                                                       \
    "ssat    r7, #8, r7\n\t"

/* After a channel's accumulators: the output pointer (r2), the record
 * (r3), the distances (r11, r12, lr) in one LDM from the frame, the
 * record's (bias, m, c, e) in one more (the bias into r0, unused). */
#define P4_OUTSET                                                                                  \
    "ldm     sp, {r2, r3, r11, r12, lr}\n\t"                                                       \
    "ldm     r3!, {r0, r8, r9, r10}\n\t"

/* The channel loop's test: r3 (the next record) against frame.pend. */
#define P4_NEXT                                                                                    \
    "ldr     r0, [sp, #36]\n\t"                                                                    \
    "cmp     r3, r0\n\t"                                                                           \
    "bne     1b\n\t"

/* One byte per pixel, the output pointer advanced by one channel and put
 * back with the record's (one STRD). */
#define P4_ST4                                                                                     \
    "strb    r5, [r2, r11]\n\t"                                                                    \
    "strb    r6, [r2, r12]\n\t"                                                                    \
    "strb    r7, [r2, lr]\n\t"                                                                     \
    "strb    r4, [r2], #1\n\t"                                                                     \
    "strd    r2, r3, [sp]\n\t"

/*
 * The output stage of r4..r7 with the channel's record in r8..r10, by
 * frame.mode (TBB): 0 and 1 the short forms (the act range [-128, 127]:
 * SSAT is the clamp), 2 the exact form, SSAT, and the clamp on the packed
 * bytes (SSUB8 / SEL against act_min and act_max in every byte). Then
 * P4_ST4 and NEXT (the channel loop's test and branch back), written twice
 * so that mode 1 does not branch to mode 0's; past the last channel
 * both leave at the end. Keeps r2, r3, r12 and lr (mode 2's requantization
 * takes r11 and loads it again).
 */
#define P4_OUT(L, NEXT)                                                                                \
    "ldr     r0, [sp, #40]\n\t"                                                                    \
    "tbb     [pc, r0]\n\t"                                                                         \
    ".L" L "_m:\n\t"                                                                               \
    ".byte   (.L" L "_m0 - .L" L "_m) / 2\n\t"                                                     \
    ".byte   (.L" L "_m1 - .L" L "_m) / 2\n\t"                                                     \
    ".byte   (.L" L "_m2 - .L" L "_m) / 2\n\t"                                                     \
    ".p2align 1\n\t"                                                                               \
    ".L" L "_m2:\n\t"                                                                              \
    P4_RQ("r4") P4_RQ("r5") P4_RQ("r6") P4_RQ("r7")                                                \
    P4_SSAT4                                                                                       \
    "bfi     r4, r5, #8, #8\n\t"                                                                   \
    "bfi     r4, r6, #16, #8\n\t"                                                                  \
    "bfi     r4, r7, #24, #8\n\t"                                                                  \
    "ldrd    r8, r10, [sp, #44]\n\t"                                                               \
    "ssub8   r9, r4, r8\n\t"                                                                       \
    "sel     r4, r4, r8\n\t"                                                                       \
    "ssub8   r9, r10, r4\n\t"                                                                      \
    "sel     r4, r4, r10\n\t"                                                                      \
    "lsr     r5, r4, #8\n\t"                                                                       \
    "lsr     r6, r4, #16\n\t"                                                                      \
    "lsr     r7, r4, #24\n\t"                                                                      \
    "ldr     r11, [sp, #8]\n\t"                                                                    \
    "b       .L" L "_st\n\t"                                                                       \
    ".L" L "_m1:\n\t"                                                                              \
    P4_RQS("r4") P4_RQS("r5") P4_RQS("r6") P4_RQS("r7")                                            \
    P4_SSAT4                                                                                       \
    P4_ST4                                                                                         \
    NEXT                                                                                           \
    "b       .L" L "_z2\n\t"                                                                       \
    ".L" L "_m0:\n\t"                                                                              \
    P4_RQF("r4") P4_RQF("r5") P4_RQF("r6") P4_RQF("r7")                                            \
    P4_SSAT4                                                                                       \
    ".L" L "_st:\n\t"                                                                              \
    P4_ST4                                                                                         \
    NEXT                                                                                           \
    ".L" L "_z2:\n\t"

// clang-format on

/*
 * Four output pixels x every output channel (f: the frame; w: the filter):
 * the filter rows are walked once (row after row: r1 never rewinds), each
 * filter word against the four pixels' widened inputs (the stream), then
 * the output stage (P4_OUT), one byte per pixel. The accumulators start
 * from the channel's bias, its record's first word (r3 points at the
 * record from one channel to the next).
 * Hand-written (naked): the loop needs all 14 registers.
 */
__attribute__((naked, noinline)) static void p4_blocks(const p4_frame *f __attribute__((unused)),
                                                       const int8_t *w __attribute__((unused)))
{
    // clang-format off
    __asm__ volatile(
        P4_FRAME_IN
        "1:\n\t"
        "ldr     r4, [r3]\n\t"
        "mov     r5, r4\n\t"
        "mov     r6, r4\n\t"
        "mov     r7, r4\n\t"
        P4_LOOP("p4b")
        P4_OUTSET
        P4_OUT("p4b", P4_NEXT)
        P4_FRAME_OUT);
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
 * n >= 1 groups of four pixels' widened inputs (pixel k's at a + k * S
 * words: two words a group, contiguous) into the stream at d (eight words
 * a group): four LDM of two, one STM of eight a group, two groups per
 * iteration.
 */
__attribute__((naked, noinline)) static void p4_quad(int32_t *d __attribute__((unused)),
                                                     const int32_t *a __attribute__((unused)),
                                                     int32_t S __attribute__((unused)),
                                                     int32_t n __attribute__((unused)))
{
    __asm__ volatile(
        "push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
        "lsl     r2, r2, #2\n\t"
        "add     r12, r1, r2\n\t"
        "add     lr, r12, r2\n\t"
        "add     r2, lr, r2\n\t"
        "tst     r3, #1\n\t"
        "beq     1f\n\t"
        "ldm     r1!, {r4, r5}\n\t"
        "ldm     r12!, {r6, r7}\n\t"
        "ldm     lr!, {r8, r9}\n\t"
        "ldm     r2!, {r10, r11}\n\t"
        "stm     r0!, {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
        "subs    r3, r3, #1\n\t"
        "beq     2f\n\t"
        "1:\n\t"
        "ldm     r1!, {r4, r5}\n\t"
        "ldm     r12!, {r6, r7}\n\t"
        "ldm     lr!, {r8, r9}\n\t"
        "ldm     r2!, {r10, r11}\n\t"
        "stm     r0!, {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
        "ldm     r1!, {r4, r5}\n\t"
        "ldm     r12!, {r6, r7}\n\t"
        "ldm     lr!, {r8, r9}\n\t"
        "ldm     r2!, {r10, r11}\n\t"
        "stm     r0!, {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
        "subs    r3, r3, #2\n\t"
        "bne     1b\n\t"
        "2:\n\t"
        "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}

/*
 * n >= 1 groups of two pixels' widened inputs (a, b: two words a group,
 * contiguous) into two adjacent slots of the stream at d (pixels 0 and 1,
 * or 2 and 3: four of the eight words a group), two groups per iteration.
 */
__attribute__((naked, noinline)) static void p4_pair(int32_t *d __attribute__((unused)),
                                                     const int32_t *a __attribute__((unused)),
                                                     const int32_t *b __attribute__((unused)),
                                                     int32_t n __attribute__((unused)))
{
    __asm__ volatile(
        "push    {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
        "tst     r3, #1\n\t"
        "beq     1f\n\t"
        "ldm     r1!, {r4, r5}\n\t"
        "ldm     r2!, {r6, r7}\n\t"
        "stm     r0, {r4, r5, r6, r7}\n\t"
        "add     r0, r0, #32\n\t"
        "subs    r3, r3, #1\n\t"
        "beq     2f\n\t"
        "1:\n\t"
        "ldm     r1!, {r4, r5, r8, r9}\n\t"
        "ldm     r2!, {r6, r7, r10, r11}\n\t"
        "stm     r0, {r4, r5, r6, r7}\n\t"
        "add     r0, r0, #32\n\t"
        "stm     r0, {r8, r9, r10, r11}\n\t"
        "add     r0, r0, #32\n\t"
        "subs    r3, r3, #2\n\t"
        "bne     1b\n\t"
        "2:\n\t"
        "pop     {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
        "bx      lr\n\t");
}

/* One group of p4_direct: four words of int8 inputs (pixel 0's at r1,
 * advanced; 1's at r1 + sC, 2's at r1 + 2 sC, 3's at lr, advanced),
 * widened with the offset pair (r12), eight words stored. */
#define P4_DGROUP                                                                                  \
    "ldr     r7, [r1, r2]\n\t"                                                                     \
    "ldr     r9, [r1, r2, lsl #1]\n\t"                                                             \
    "ldr     r11, [lr], #4\n\t"                                                                    \
    "ldr     r5, [r1], #4\n\t"                                                                     \
    "sxtab16 r4, r12, r5\n\t"                                                                      \
    "sxtab16 r5, r12, r5, ror #8\n\t"                                                              \
    "sxtab16 r6, r12, r7\n\t"                                                                      \
    "sxtab16 r7, r12, r7, ror #8\n\t"                                                              \
    "sxtab16 r8, r12, r9\n\t"                                                                      \
    "sxtab16 r9, r12, r9, ror #8\n\t"                                                              \
    "sxtab16 r10, r12, r11\n\t"                                                                    \
    "sxtab16 r11, r12, r11, ror #8\n\t"                                                            \
    "stm     r0!, {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"

/*
 * n >= 1 groups of one filter row of four pixels whose columns are all
 * inside the input (pixel k's inputs at src + k * sC bytes, contiguous)
 * widened with the offset pair off2 straight into the stream at d: 13
 * instructions a group (four LDR, eight SXTAB16, one STM), two groups per
 * iteration; no window buffer, no copy (p4_rows' interior blocks).
 */
__attribute__((naked, noinline)) static void p4_direct(int32_t *d __attribute__((unused)),
                                                       const int8_t *src __attribute__((unused)),
                                                       int32_t sC __attribute__((unused)),
                                                       int32_t n __attribute__((unused)),
                                                       int32_t off2 __attribute__((unused)))
{
    __asm__ volatile(
        "push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
        "ldr     r12, [sp, #36]\n\t"
        "add     lr, r1, r2, lsl #1\n\t"
        "add     lr, lr, r2\n\t"
        "tst     r3, #1\n\t"
        "beq     1f\n\t"
        P4_DGROUP
        "subs    r3, r3, #1\n\t"
        "beq     2f\n\t"
        "1:\n\t"
        P4_DGROUP
        P4_DGROUP
        "subs    r3, r3, #2\n\t"
        "bne     1b\n\t"
        "2:\n\t"
        "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}

/*
 * n >= 1 groups of four int8 inputs from src (any alignment) widened with
 * the offset pair off2 into one pixel's slot of the stream (d[0], d[1],
 * then d[8], d[9], ...); returns d past the last group.
 */
__attribute__((naked, noinline)) static int32_t *p4_widen8(int32_t *d __attribute__((unused)),
                                                           const int8_t *src
                                                           __attribute__((unused)),
                                                           int32_t n __attribute__((unused)),
                                                           int32_t off2 __attribute__((unused)))
{
    __asm__ volatile(
        "push    {r4, r5, r6, r7}\n\t"
        "tst     r2, #1\n\t"
        "beq     1f\n\t"
        "ldr     r4, [r1], #4\n\t"
        "sxtab16 r5, r3, r4\n\t"
        "sxtab16 r6, r3, r4, ror #8\n\t"
        "strd    r5, r6, [r0], #32\n\t"
        "subs    r2, r2, #1\n\t"
        "beq     2f\n\t"
        "1:\n\t"
        "ldr     r4, [r1], #4\n\t"
        "ldr     r7, [r1], #4\n\t"
        "sxtab16 r5, r3, r4\n\t"
        "sxtab16 r6, r3, r4, ror #8\n\t"
        "strd    r5, r6, [r0], #32\n\t"
        "sxtab16 r5, r3, r7\n\t"
        "sxtab16 r6, r3, r7, ror #8\n\t"
        "strd    r5, r6, [r0], #32\n\t"
        "subs    r2, r2, #2\n\t"
        "bne     1b\n\t"
        "2:\n\t"
        "pop     {r4, r5, r6, r7}\n\t"
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
 * (y0, x0), the next ones s columns apart, into the stream xw: per filter
 * row, the input row's window widened once into wl (wl_words; all four
 * pixels' columns, x0 .. x0 + 3s + KW - 1, or when they do not fit, those
 * of pixels 0 and 1, then of 2 and 3), then the pixels' KW columns copied
 * from there into their slots; a filter row outside the input is zero
 * words in every slot (the reference skips those taps). Returns 0
 * (nothing written) when even one pair's columns do not fit wl.
 */
static int p4_rows(int32_t *xw, int32_t *wl, int32_t wl_words, const mote_conv_geom *g,
                   const mote_dims *id, const int8_t *in_batch, const mote_dims *fd, int32_t y0,
                   int32_t x0, int32_t off2)
{
    const int32_t C = id->c, cw = C / 2, gc = C / 4, s = g->stride_w, KW = fd->w, IW = id->w;
    const int32_t gd = KW * gc, ncol = 3 * s + KW;
    int32_t r, j, cl = -x0, cr = IW - x0;
    if (x0 >= 0 && x0 + ncol <= IW) {
        /* every column inside: each pixel's row widened straight into its
         * slots (no window: the copy would cost about what it saves) */
        for (r = 0; r < fd->h; ++r) {
            const int32_t y = y0 + r * g->dilation_h;
            int32_t *d = xw + 8 * r * gd;
            if (y < 0 || y >= id->h) {
                for (j = 0; j < 8 * gd; ++j)
                    d[j] = 0;
            } else {
                p4_direct(d, in_batch + (y * IW + x0) * C, s * C, gd, off2);
            }
        }
        return 1;
    }
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
        int32_t *d = xw + 8 * r * gd;
        if (y < 0 || y >= id->h) {
            for (j = 0; j < 8 * gd; ++j)
                d[j] = 0;
            continue;
        }
        if (cl >= 0) {
            if (cr > cl) p4_widen(wl + cl * cw, row + (x0 + cl) * C, (cr - cl) * gc, off2);
            p4_quad(d, wl, s * cw, gd);
        } else {
            p4_win(wl, row, x0, s + KW, C, IW, off2);
            p4_pair(d, wl, wl + s * cw, gd);
            p4_win(wl, row, x0 + 2 * s, s + KW, C, IW, off2);
            p4_pair(d + 4, wl, wl + s * cw, gd);
        }
    }
    return 1;
}

/* Groups g0 .. g0 + n - 1 of the patch of the pixel at (y0, x0) (C % 4 ==
 * 0: every tap is C / 4 whole groups), widened with the offset into the
 * slot d of the stream (d[0], d[1], d[8], d[9], ...); taps outside the
 * input as zero words. */
static void p4_taps(int32_t *d, const mote_conv_geom *g, const mote_dims *id,
                    const int8_t *in_batch, const mote_dims *fd, int32_t y0, int32_t x0, int32_t g0,
                    int32_t n, int32_t off2)
{
    const int32_t gc = id->c / 4, g1 = g0 + n;
    int32_t t = g0 / gc, j;
    for (; t * gc < g1; ++t) {
        const int32_t y = y0 + (t / fd->w) * g->dilation_h, x = x0 + (t % fd->w) * g->dilation_w;
        const int32_t a = t * gc > g0 ? t * gc : g0, e = (t + 1) * gc < g1 ? (t + 1) * gc : g1;
        int32_t *dt = d + 8 * (a - g0);
        if (y >= 0 && y < id->h && x >= 0 && x < id->w) {
            (void)p4_widen8(dt, in_batch + (y * id->w + x) * id->c + 4 * (a - t * gc), e - a, off2);
        } else {
            for (j = 0; j < e - a; ++j, dt += 8)
                dt[0] = dt[1] = 0;
        }
    }
}

/* The loop's entry for a pass of G groups (P4_LOOP). */
static void p4_entry(p4_frame *f, int32_t G)
{
    f->e1 = G % 24;
    f->e2 = G >= 3 ? (8 - (G / 3) % 8) % 8 : 8;
}

/* The frame's per-call fields and the channel records; 0 when a shift is
 * outside the fold's range. The output stage's mode (P4_OUT): the short
 * forms when the act range is [-128, 127], every |bias| <= 2^29 and every
 * multiplier >= 2^30, without the sign term (0) when act_min >= the zero
 * point; else the exact form (2). */
static int p4_setup(p4_ctx *c, const mote_conv_s8_params *p, const mote_requant *q,
                    const int32_t *bias, int32_t OC)
{
    const uint32_t zp = (uint32_t)p->output_offset;
    int32_t o, fast = p->act_min <= -128 && p->act_max >= 127;
    /* the short forms' records (one pass: the rule's rows call this per
     * output row), turned into the exact form's below when a channel does
     * not allow them */
    for (o = 0; o < OC; ++o) {
        const int32_t e = -q->shift[o], m = q->multiplier[o], bv = bias ? bias[o] : 0;
        if (e < 2 || e > 23) return 0; /* the fold's range (mote_arm_c2_chan) */
        c->prs[o][0] = bv;
        c->prs[o][1] = (int32_t)((uint32_t)m << 1);
        c->prs[o][2] = (int32_t)((1u << (e - 1)) + (zp << e));
        c->prs[o][3] = e;
        fast &= (m >= (1 << 30)) & (bv <= (1 << 29)) & (bv >= -(1 << 29));
    }
    if (!fast)
        for (o = 0; o < OC; ++o) {
            c->prs[o][1] = q->multiplier[o];
            c->prs[o][2] >>= 1; /* hq = 2^(e-2) + zp 2^(e-1): c is even (e >= 2) */
            c->prs[o][3] -= 1;
        }
    c->f.lo4 = mote_arm_dup8(p->act_min);
    c->f.hi4 = mote_arm_dup8(p->act_max);
    c->f.mode = fast ? (p->act_min >= p->output_offset ? 0 : 1) : 2;
    c->f.pr = &c->prs[0][0];
    c->f.pend = &c->prs[OC][0];
    return 1;
}

/* Pixel 1's, 2's and 3's outputs from pixel 0's (a short last block stores
 * its missing pixels over its last one). */
static void p4_dists(p4_frame *f, int32_t last, int32_t OC)
{
    f->d1 = (last >= 1 ? 1 : last) * OC;
    f->d2 = (last >= 2 ? 2 : last) * OC;
    f->d3 = last * OC;
}

/*
 * Four pixels x one channel (mote_arm_p4_ok, every shift in [-23, -2],
 * output zero point in [-128, 127], not in place). The output pixels are
 * taken four at a time in storage order (across rows and batches: each
 * pixel's window is its own); four pixels of one output row are widened
 * row by row (p4_rows), others pixel by pixel (straight from the input
 * rows when the window is inside, else tap by tap, taps outside as zero
 * words, as the reference skips them) into their slots of the stream xw,
 * then p4_blocks runs every output channel. A last block of one to three
 * pixels repeats its last pixel in the empty slots, their outputs stored
 * over that pixel's (the same bytes). Returns 0 when the case does not
 * fit (nothing written).
 */
static int conv_4px(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                    const int8_t *input, const mote_dims *fd, const int8_t *filter,
                    const int32_t *bias, const mote_dims *od, int8_t *output, int32_t *xw,
                    int32_t *wl, int32_t wl_words)
{
    p4_ctx c;
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, K = fd->h * fd->w * C, G = K / 4, OC = od->c;
    const int32_t IH = id->h, IW = id->w, KH = fd->h, KW = fd->w, OH = od->h, OW = od->w;
    const int32_t npix = od->n * OH * OW, gd = KW * C / 4;
    const int32_t off2 = mote_arm_dup16(p->input_offset);
    int32_t t, k, j, b = 0, oy = 0, ox = 0;

    if (!mote_arm_p4_ok(K, C, OC, 0) || input == output || p->output_offset < -128 ||
        p->output_offset > 127 || !p4_setup(&c, p, q, bias, OC))
        return 0;
    c.f.xw = xw;
    c.f.xend = xw + 8 * G;
    p4_entry(&c.f, G);
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
            int32_t *d = xw + 2 * k;
            if (g->dilation_w == 1 && y0 >= 0 && y0 + g->dilation_h * (KH - 1) < IH && x0 >= 0 &&
                x0 + KW - 1 < IW) {
                /* wholly inside: widen straight from the input rows */
                const int8_t *src = in_batch + (y0 * IW + x0) * C;
                int32_t r;
                for (r = 0; r < KH; ++r, src += g->dilation_h * IW * C)
                    d = p4_widen8(d, src, gd, off2);
            } else {
                p4_taps(d, g, id, in_batch, fd, y0, x0, 0, G, off2);
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
            const int32_t *s = xw + 2 * last;
            int32_t *d = xw + 2 * k;
            for (j = 0; j < 8 * G; j += 8) {
                d[j] = s[j];
                d[j + 1] = s[j + 1];
            }
        }
        c.f.out = output + t * OC;
        p4_dists(&c.f, last, OC);
        p4_blocks(&c.f, filter);
    }
    return 1;
}

/* K past MOTE_ARM_P4_MAX_K (conv_4px_split): the patch in parts of at most
 * P4_PART_G groups, the four accumulators of each channel kept in int32
 * between parts. */
#define P4_PART_G 48

// clang-format off
/*
 * One part of the patch (frame.xw .. frame.xend, frame.e1 / e2 for its
 * groups) x every output channel: the four accumulators start from the
 * sums at frame.out and go back there; the filter rows are read from w,
 * frame.mode (skip) bytes skipped after each row's part. The loop is
 * p4_blocks'.
 */
__attribute__((naked, noinline)) static void p4_part(const p4_frame *f __attribute__((unused)),
                                                     const int8_t *w __attribute__((unused)))
{
    __asm__ volatile(
        P4_FRAME_IN
        "1:\n\t"
        "ldr     r12, [sp, #0]\n\t"
        "ldm     r12, {r4, r5, r6, r7}\n\t"
        P4_LOOP("p4q")
        "ldr     r12, [sp, #0]\n\t"
        "stm     r12!, {r4, r5, r6, r7}\n\t"
        "str     r12, [sp, #0]\n\t"
        "ldr     r8, [sp, #40]\n\t"
        "add     r1, r1, r8\n\t"
        "ldr     r0, [sp, #36]\n\t"
        "cmp     r12, r0\n\t"
        "bne     1b\n\t"
        P4_FRAME_OUT);
}

/*
 * The output stage of p4_blocks over the sums p4_part left (frame.xw, four
 * a channel), every output channel.
 */
__attribute__((naked, noinline)) static void p4_out(const p4_frame *f __attribute__((unused)))
{
    __asm__ volatile(
        P4_FRAME_IN
        "1:\n\t"
        "ldr     r0, [sp, #20]\n\t"
        "ldm     r0!, {r4, r5, r6, r7}\n\t"
        "str     r0, [sp, #20]\n\t"
        P4_OUTSET
        P4_OUT("p4o", P4_NEXT)
        P4_FRAME_OUT);
}
// clang-format on

/*
 * K past MOTE_ARM_P4_MAX_K (up to twice that): conv_4px's blocks of four
 * pixels (across rows; a short last block repeats its last pixel), the
 * patch in parts of at most P4_PART_G groups, each part's four slots
 * widened tap by tap (p4_taps), every channel's accumulators carried in
 * part between them (the first part starts from the bias), then p4_out.
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
    p4_frame pf;
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, K = fd->h * fd->w * C, G = K / 4, OC = od->c;
    const int32_t OH = od->h, OW = od->w, npix = od->n * OH * OW;
    const int32_t off2 = mote_arm_dup16(p->input_offset);
    int32_t o, t, k, g0, j;
    if (!mote_arm_p4_ok(K, C, OC, 0) || input == output || p->output_offset < -128 ||
        p->output_offset > 127 || !p4_setup(&c, p, q, bias, OC))
        return 0;
    pf = c.f;
    pf.xw = xw;
    pf.pend = (const int32_t *)(part + 4 * OC);
    for (t = 0; t < npix; t += 4) {
        const int32_t last = npix - t >= 4 ? 3 : npix - t - 1;
        for (o = 0; o < OC; ++o)
            for (j = 0; j < 4; ++j)
                part[4 * o + j] = c.prs[o][0];
        for (g0 = 0; g0 < G; g0 += P4_PART_G) {
            const int32_t n = G - g0 < P4_PART_G ? G - g0 : P4_PART_G;
            for (k = 0; k < 4; ++k) {
                const int32_t i = t + (k <= last ? k : last), bo = i / (OH * OW);
                const int32_t oy = i / OW % OH, ox = i % OW;
                p4_taps(xw + 2 * k, g, id, input + bo * id->h * id->w * C, fd,
                        oy * g->stride_h - g->pad_h, ox * g->stride_w - g->pad_w, g0, n, off2);
            }
            pf.out = (int8_t *)part;
            pf.xend = xw + 8 * n;
            p4_entry(&pf, n);
            pf.mode = K - 4 * n;
            p4_part(&pf, filter + 4 * g0);
        }
        c.f.xw = part;
        c.f.out = output + t * OC;
        p4_dists(&c.f, last, OC);
        p4_out(&c.f);
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
