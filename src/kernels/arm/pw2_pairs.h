/*
 * pw2_pairs.h — the channel-pair loop of the pixel-chunk pointwise path
 * (conv2d_s8_pw_dsp.c), shared by its two builds: eight groups unrolled
 * with a pass check (the stack path, which KWS links: flash), and all 32
 * unrolled with none (conv2d_s8_pw_room_dsp.c: the arena-room path, which
 * KWS does not link).
 */
#ifndef MOTE_KERNELS_ARM_PW2_PAIRS_H
#define MOTE_KERNELS_ARM_PW2_PAIRS_H

#include <stddef.h>
#include <stdint.h>

/* What pw2_pairs reads and writes (words; offsets fixed in the asm, most
 * relative to R = &rq[0]). The C sets the constants and the pair pointers
 * (filter .. pairs) before each call; the asm writes the rest. */
typedef struct pw2_ctx {
    const int32_t *wb;       /* 0: the channel pair's widened filter rows (4G words) */
    int32_t g;               /* 4: groups, 1 .. 32 (K <= 128) */
    int32_t rq[6];           /* 8 (R): per channel m, h, e: h = 2^(e-1), plus */
                             /* zp * 2^e unless PW2_ZP (e = -shift <= 23: no wrap) */
    const void *rq_pc;       /* R+24: PW2_RQ, PW2_RQN or PW2_RQ_E2 (pw2_pairs' labels) */
    uint32_t lo4;            /* R+28: act_min in every byte */
    uint32_t hi4;            /* R+32: act_max in every byte */
    int8_t *out;             /* R+36: the pixel pair's outputs (channel c0) */
    int32_t oc;              /* R+40: output pixel stride (0 for a lone pixel) */
    const int32_t *end;      /* R+44: end of the pixel pairs */
    int32_t zp;              /* R+48: output zero point */
    uint32_t stage;          /* R+52: the stage of the mode (PW2_ZP | PW2_CLAMP) */
    const int32_t *tail;     /* R+56: a last pair holding one pixel twice, or NULL */
    const int32_t *tail_end; /* R+60 */
    int32_t oc0;             /* R+64: oc, end and tail at each channel pair's start */
    const int32_t *end0;     /* R+68 */
    const int32_t *tail0;    /* R+72 */
    const int8_t *filter;    /* R+76: the channel pair's filter rows */
    int32_t C;               /* R+80: bytes of a filter row (4G) */
    const int32_t *mult;     /* R+84: the pair's multipliers */
    const int8_t *shift;     /* R+88: its shifts */
    const int32_t *bias;     /* R+92: its biases, or NULL */
    int8_t *outp;            /* R+96: its outputs for the first pixel pair */
    int32_t pairs;           /* R+100: channel pairs left (>= 1) */
    uint32_t clamp;          /* R+104: PW2_CLAMP or 0, and PW2_NOSIGN */
    const int32_t *xw;       /* R+108: the first pixel pair (the tail for one pixel) */
} pw2_ctx;

/* The asm's offsets (C99: no static assertion; a negative array size fails the build). */
typedef char
    pw2_ctx_layout_[offsetof(pw2_ctx, rq_pc) == 32 && offsetof(pw2_ctx, xw) == 116 ? 1 : -1];

/* Stage modes: the zero point added after the shift (a shift below -23),
 * the activation range narrower than [-128, 127]. */
#define PW2_ZP 1u
#define PW2_CLAMP 2u
/* With clamp (not a mode: the mode's stage table holds its four entries
 * twice): act_min >= zp, PW2_RQN for the pairs PW2_RQ would take (no field
 * of its own: a larger ctx grew KWS's invoke stack). */
#define PW2_NOSIGN 4u

/* One group of a pixel pair (r2-r5, from r0) against a channel pair
 * (r10-lr, from r1): 10 instructions, 38 bytes (the first LDM has a 16-bit
 * encoding). Accumulators: r6 p0c0, r7 p0c1, r8 p1c0, r9 p1c1. */
#define PW2_GROUP                                                                                  \
    "ldm     r0!, {r2, r3, r4, r5}\n\t"                                                            \
    "ldm     r1!, {r10, r11, r12, lr}\n\t"                                                         \
    "smlad   r6, r2, r10, r6\n\t"                                                                  \
    "smlad   r6, r3, r11, r6\n\t"                                                                  \
    "smlad   r7, r2, r12, r7\n\t"                                                                  \
    "smlad   r7, r3, lr, r7\n\t"                                                                   \
    "smlad   r8, r4, r10, r8\n\t"                                                                  \
    "smlad   r8, r5, r11, r8\n\t"                                                                  \
    "smlad   r9, r4, r12, r9\n\t"                                                                  \
    "smlad   r9, r5, lr, r9\n\t"
#define PW2_GROUP4 PW2_GROUP PW2_GROUP PW2_GROUP PW2_GROUP

/* The output stage of mote_arm_requant_e2 for accumulator a with the
 * channel constants m2 = 2m - 2^32 (m << 1: m >= 2^30), h = 2^(e-1)
 * (+ zp 2^e), e: SMMLAR adds a m2 = 2am - a 2^32 and the rounding 2^31
 * to (h - [a < 0] + a) 2^32, so the high word is h - [a < 0] +
 * floor((2am + 2^31) / 2^32) (mod 2^32), and shifted by e it is
 * floor((am + 2^30 + 2^(30+e) - [a < 0] 2^31) / 2^(31+e)), the sum of
 * mote_arm_requant_e2: four instructions, not five. Exact while that
 * high word fits: |bias| + |h| < 2^31 - 2^23 (|a m / 2^31| < |a| <=
 * |bias| + 2^22 for K <= 128), which pw2_pairs checks per channel pair,
 * and m != 0. r11 free. */
#define PW2_RQ(a, m2, h, e)                                                                        \
    "add     r11, " h ", " a ", asr #31\n\t"                                                       \
    "add     r11, r11, " a "\n\t"                                                                  \
    "smmlar  " a ", " a ", " m2 ", r11\n\t"                                                        \
    "asr     " a ", " a ", " e "\n\t"

/* PW2_RQ without the sign correction (- [a < 0]: the reference rounds
 * halves away from zero), for act_min >= zp (ReLU / ReLU6: VWW's,
 * person_detect's and KWS's layers): the correction only moves outputs of
 * a negative accumulator, and with m >= 0 and e >= 1 those are <= zp with
 * or without it (h = 2^(e-1) (+ zp 2^e) plus floor((2am + 2^31) / 2^32)
 * <= 0, shifted by e; the zero point added after it for PW2_ZP), so the
 * clamp (or SSAT at zp = -128) makes them act_min either way. Three
 * instructions. */
#define PW2_RQN(a, m2, h, e)                                                                       \
    "add     r11, " h ", " a "\n\t"                                                                \
    "smmlar  " a ", " a ", " m2 ", r11\n\t"                                                        \
    "asr     " a ", " a ", " e "\n\t"

/* mote_arm_requant_e2's output stage for any accumulator (a pair PW2_RQ
 * does not take: VWW's dead channels, biases near 2^30), with m, hq = 2^(e-2) (+ zp
 * 2^(e-1)), e - 1: the 64-bit addend built in r11 and lr, SMLAL. */
#define PW2_RQ_E2(a, m, hq, e1)                                                                    \
    "add     r11, " hq ", " a ", asr #31\n\t"                                                      \
    "and     lr, " a ", #0x80000000\n\t"                                                           \
    "orr     lr, lr, #0x40000000\n\t"                                                              \
    "smlal   lr, r11, " a ", " m "\n\t"                                                            \
    "asr     " a ", r11, " e1 "\n\t"

/* SSAT, BFI packing: r6 = (p0c0, p0c1, p1c0, p1c1). */
#define PW2_PACK                                                                                   \
    "ssat    r6, #8, r6\n\t"                                                                       \
    "ssat    r7, #8, r7\n\t"                                                                       \
    "ssat    r8, #8, r8\n\t"                                                                       \
    "ssat    r9, #8, r9\n\t"                                                                       \
    "bfi     r6, r7, #8, #8\n\t"                                                                   \
    "bfi     r6, r8, #16, #8\n\t"                                                                  \
    "bfi     r6, r9, #24, #8\n\t"

/* SSAT, two BFI: r6 = (p0c0, p0c1), r8 = (p1c0, p1c1) in the low halves. */
#define PW2_PACK2                                                                                  \
    "ssat    r6, #8, r6\n\t"                                                                       \
    "ssat    r7, #8, r7\n\t"                                                                       \
    "ssat    r8, #8, r8\n\t"                                                                       \
    "ssat    r9, #8, r9\n\t"                                                                       \
    "bfi     r6, r7, #8, #8\n\t"                                                                   \
    "bfi     r8, r9, #8, #8\n\t"

/* PW2_STORE from PW2_PACK2's two registers (no clamp: no word to SEL). */
#define PW2_STORE2                                                                                 \
    "strh    r8, [r3, r4]\n\t"                                                                     \
    "strh    r6, [r3]\n\t"                                                                         \
    "add     r3, r3, r4, lsl #1\n\t"                                                               \
    "str     r3, [r12, #8]\n\t"                                                                    \
    "cmp     r0, r5\n\t"                                                                           \
    "bne     1b\n\t"

/* A halfword per pixel, p1's first (for the tail's duplicate oc is 0 and
 * p0's store wins); the next pair's outputs 2 oc on; the next pair. */
#define PW2_STORE                                                                                  \
    "lsr     r7, r6, #16\n\t"                                                                      \
    "strh    r7, [r3, r4]\n\t"                                                                     \
    "strh    r6, [r3]\n\t"                                                                         \
    "add     r3, r3, r4, lsl #1\n\t"                                                               \
    "str     r3, [r12, #8]\n\t"                                                                    \
    "cmp     r0, r5\n\t"                                                                           \
    "bne     1b\n\t"

/* One channel's constants: m (rm) from r8, the shift from r9; a zero
 * multiplier as shift -2 (it gives the zero point whatever the shift);
 * to 9f (the caller's general stage) for a shift above -2; e (re),
 * 2^(e-1) (rh, r7 = 1); PW2_ZP into r10 when e > 23. */
#define PW2_CH(rm, rh, re)                                                                         \
    "ldr     " rm ", [r8], #4\n\t"                                                                 \
    "ldrsb   " re ", [r9], #1\n\t"                                                                 \
    "cmp     " rm ", #0\n\t"                                                                       \
    "it      eq\n\t"                                                                               \
    "mvneq   " re ", #1\n\t"                                                                       \
    "cmn     " re ", #1\n\t"                                                                       \
    "bge     9f\n\t"                                                                               \
    "rsb     " re ", " re ", #0\n\t"                                                               \
    "sub     " rh ", " re ", #1\n\t"                                                               \
    "lsl     " rh ", r7, " rh "\n\t"                                                               \
    "cmp     " re ", #23\n\t"                                                                      \
    "it      gt\n\t"                                                                               \
    "orrgt   r10, r10, #1\n\t"

/*
 * Every channel pair left (ctx->pairs; filter rows, multipliers, shifts,
 * biases and outputs from the ctx pointers) against the pixel pairs from
 * ctx->xw to ctx->end0 (then the tail pair, if any). Per channel pair: its
 * two filter rows widened into wb (c0 even, c0 odd, c1 even, c1 odd per
 * group: 7 instructions a group with LDR, any alignment; 6 four groups at
 * a time with two LDM when word-aligned), its constants, the stage of its
 * mode. Per pixel pair one LDM sets the weight pointer, the accumulators
 * (the biases) and the PC (the entry into the unrolled groups, from g:
 * these words sit at the bottom of the frame); then the output stage of
 * mote_arm_requant_e2 (same arithmetic), one LDM of the rest of the
 * context that also jumps to the mode's stage tail (zero point added,
 * packed clamp), SSAT, BFI packing, a halfword per pixel. Returns 0, or
 * the channel pairs left when one has a shift above -2 (its rows widened:
 * the caller runs it, pw2_general). Naked: the groups need 14 registers.
 * The body of such a function, with NG groups unrolled (GROUPS), entered
 * SKIP groups in (two instructions: r2 = groups skipped, from r2 = G),
 * and PASS at the end of the groups (nothing, or a check that loops back
 * to 2: while the weight pointer r1 is below the rows' end at [sp, #28]).
 */
/* clang-format would join the asm strings and macros of a line: one instruction a line */
/* clang-format off */
#define PW2_PAIRS_ASM(SKIP, GROUPS, NG, PASS) \
    "push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t" \
    "ldr     r2, [r0, #4]\n\t" \
    "ldr     r4, [r0]\n\t" \
    "add     r5, r4, r2, lsl #4\n\t" /* the rows' end: 16 bytes a group */ \
    SKIP \
    "movs    r3, #38\n\t" \
    "adr     r6, 2f\n\t" \
    "mla     r2, r2, r3, r6\n\t" \
    "adds    r2, r2, #1\n\t" /* Thumb (the entry is even) */ \
    "add     r3, r0, #8\n\t" \
    "sub     sp, sp, #32\n\t" \
    "str     r4, [sp]\n\t" \
    "str     r5, [sp, #28]\n\t" \
    "strd    r2, r3, [sp, #20]\n\t" /* the entry, R */ \
    "10:\n\t" /* a channel pair: its rows widened */ \
    "ldr     lr, [sp, #24]\n\t" \
    "ldr     r0, [sp]\n\t" \
    "ldrd    r1, r2, [lr, #76]\n\t" \
    "ldr     r3, [lr, #-4]\n\t" \
    "add     r12, r1, r2\n\t" \
    "add     r2, r12, r2\n\t" \
    "str     r2, [lr, #76]\n\t" \
    "tst     r1, #3\n\t" /* C % 4 == 0: both rows aligned or neither */ \
    "ite     eq\n\t" \
    "biceq   r2, r3, #3\n\t" /* groups four at a time, or none */ \
    "movne   r2, #0\n\t" \
    "subs    r3, r3, r2\n\t" \
    "beq     12f\n\t" \
    "11:\n\t" \
    "ldr     r5, [r12], #4\n\t" \
    "ldr     r4, [r1], #4\n\t" \
    "sxtb16  r6, r4\n\t" \
    "sxtb16  r7, r4, ror #8\n\t" \
    "sxtb16  r8, r5\n\t" \
    "sxtb16  r9, r5, ror #8\n\t" \
    "stm     r0!, {r6, r7, r8, r9}\n\t" \
    "subs    r3, r3, #1\n\t" \
    "bne     11b\n\t" \
    "12:\n\t" \
    "cbz     r2, 14f\n\t" \
    "add     lr, r0, r2, lsl #4\n\t" \
    "13:\n\t" \
    "ldm     r1!, {r3, r4, r5, r6}\n\t" \
    "ldm     r12!, {r8, r9, r10, r11}\n\t" \
    "sxtb16  r2, r3\n\t" \
    "sxtb16  r3, r3, ror #8\n\t" \
    "sxtb16  r7, r8\n\t" \
    "sxtb16  r8, r8, ror #8\n\t" \
    "stm     r0!, {r2, r3, r7, r8}\n\t" \
    "sxtb16  r2, r4\n\t" \
    "sxtb16  r3, r4, ror #8\n\t" \
    "sxtb16  r7, r9\n\t" \
    "sxtb16  r8, r9, ror #8\n\t" \
    "stm     r0!, {r2, r3, r7, r8}\n\t" \
    "sxtb16  r2, r5\n\t" \
    "sxtb16  r3, r5, ror #8\n\t" \
    "sxtb16  r7, r10\n\t" \
    "sxtb16  r8, r10, ror #8\n\t" \
    "stm     r0!, {r2, r3, r7, r8}\n\t" \
    "sxtb16  r2, r6\n\t" \
    "sxtb16  r3, r6, ror #8\n\t" \
    "sxtb16  r7, r11\n\t" \
    "sxtb16  r8, r11, ror #8\n\t" \
    "stm     r0!, {r2, r3, r7, r8}\n\t" \
    "cmp     r0, lr\n\t" \
    "bne     13b\n\t" \
    "14:\n\t" /* its constants */ \
    "ldr     r12, [sp, #24]\n\t" \
    "ldrd    r8, r9, [r12, #84]\n\t" \
    "ldr     r10, [r12, #104]\n\t" \
    "movs    r7, #1\n\t" \
    PW2_CH("r1", "r2", "r3") \
    PW2_CH("r4", "r5", "r6") \
    "strd    r8, r9, [r12, #84]\n\t" \
    "tst     r10, #1\n\t" \
    "bne     15f\n\t" \
    "ldr     r7, [r12, #48]\n\t" /* the zero point in h */ \
    "lsl     r11, r7, r3\n\t" \
    "add     r2, r2, r11\n\t" \
    "lsl     r11, r7, r6\n\t" \
    "add     r5, r5, r11\n\t" \
    "15:\n\t" \
    "adr     r0, 8f\n\t" \
    "ldr     r7, [r0, r10, lsl #2]\n\t" \
    "str     r7, [r12, #52]\n\t" /* the mode's stage */ \
    "and     r11, r10, #4\n\t" /* PW2_RQ, or PW2_RQN with PW2_NOSIGN */ \
    "add     r11, r0, r11, lsl #1\n\t" \
    "ldr     r11, [r11, #32]\n\t" \
    "ldr     r7, [r12, #92]\n\t" /* its biases */ \
    "movs    r8, #0\n\t" \
    "movs    r9, #0\n\t" \
    "cbz     r7, 23f\n\t" \
    "ldr     r8, [r7], #4\n\t" /* LDR, as the C rows: an unaligned table works */ \
    "ldr     r9, [r7], #4\n\t" \
    "str     r7, [r12, #92]\n\t" \
    "23:\n\t" /* PW2_RQ's conditions: m != 0, |bias| + |h| < 2^31 - 2^23 */ \
    "cbz     r1, 22f\n\t" \
    "cbz     r4, 22f\n\t" \
    "eor     r7, r8, r8, asr #31\n\t" \
    "eor     lr, r2, r2, asr #31\n\t" \
    "add     r7, r7, lr\n\t" \
    "cmp     r7, #0x7f800000\n\t" \
    "bhs     22f\n\t" \
    "eor     r7, r9, r9, asr #31\n\t" \
    "eor     lr, r5, r5, asr #31\n\t" \
    "add     r7, r7, lr\n\t" \
    "cmp     r7, #0x7f800000\n\t" \
    "bhs     22f\n\t" \
    "lsl     r1, r1, #1\n\t" /* m2 */ \
    "lsl     r4, r4, #1\n\t" \
    "b       16f\n\t" \
    "22:\n\t" /* PW2_RQ_E2: 2^(e-2) (+ zp 2^(e-1)), e - 1 */ \
    "asr     r2, r2, #1\n\t" \
    "sub     r3, r3, #1\n\t" \
    "asr     r5, r5, #1\n\t" \
    "sub     r6, r6, #1\n\t" \
    "ldr     r11, [r0, #36]\n\t" \
    "16:\n\t" \
    "stm     r12, {r1, r2, r3, r4, r5, r6, r11}\n\t" \
    "strd    r8, r9, [sp, #4]\n\t" \
    "strd    r8, r9, [sp, #12]\n\t" \
    "ldr     r1, [r12, #96]\n\t" /* its outputs, the pixel pairs */ \
    "adds    r2, r1, #2\n\t" \
    "str     r2, [r12, #96]\n\t" \
    "ldrd    r2, r3, [r12, #64]\n\t" \
    "ldr     r4, [r12, #72]\n\t" \
    "ldr     r0, [r12, #108]\n\t" \
    "str     r1, [r12, #36]\n\t" \
    "strd    r2, r3, [r12, #40]\n\t" \
    "str     r4, [r12, #56]\n\t" \
    "1:\n\t" \
    "ldm     sp, {r1, r6, r7, r8, r9, pc}\n\t" \
    ".p2align 2\n\t" \
    "2:\n\t" \
    GROUPS \
    "19:\n\t" \
    ".if (19b - 2b) != " #NG " * 38\n\t" \
    ".error \"pw2_pairs: a group is not 38 bytes\"\n\t" \
    ".endif\n\t" \
    PASS \
    "ldr     r12, [sp, #24]\n\t" \
    /* the channels' constants and their output stage */ \
    "ldm     r12!, {r1, r2, r3, r4, r5, r10, pc}\n\t" \
    "20:\n\t" \
    PW2_RQ("r6", "r1", "r2", "r3") \
    PW2_RQ("r8", "r1", "r2", "r3") \
    PW2_RQ("r7", "r4", "r5", "r10") \
    PW2_RQ("r9", "r4", "r5", "r10") \
    /* lo4 hi4 out oc end zp, and the mode's stage */ \
    "ldm     r12, {r1, r2, r3, r4, r5, r10, pc}\n\t" \
    "21:\n\t" \
    PW2_RQ_E2("r6", "r1", "r2", "r3") \
    PW2_RQ_E2("r8", "r1", "r2", "r3") \
    PW2_RQ_E2("r7", "r4", "r5", "r10") \
    PW2_RQ_E2("r9", "r4", "r5", "r10") \
    "ldm     r12, {r1, r2, r3, r4, r5, r10, pc}\n\t" \
    "24:\n\t" \
    PW2_RQN("r6", "r1", "r2", "r3") \
    PW2_RQN("r8", "r1", "r2", "r3") \
    PW2_RQN("r7", "r4", "r5", "r10") \
    PW2_RQN("r9", "r4", "r5", "r10") \
    "ldm     r12, {r1, r2, r3, r4, r5, r10, pc}\n\t" \
    "4:\n\t" /* PW2_ZP | PW2_CLAMP */ \
    "add     r6, r6, r10\n\t" \
    "add     r7, r7, r10\n\t" \
    "add     r8, r8, r10\n\t" \
    "add     r9, r9, r10\n\t" \
    "5:\n\t" /* PW2_CLAMP */ \
    PW2_PACK \
    "ssub8   r7, r6, r1\n\t" \
    "sel     r6, r6, r1\n\t" \
    "ssub8   r7, r2, r6\n\t" \
    "sel     r6, r6, r2\n\t" \
    PW2_STORE \
    "b       3f\n\t" \
    "6:\n\t" /* PW2_ZP */ \
    "add     r6, r6, r10\n\t" \
    "add     r7, r7, r10\n\t" \
    "add     r8, r8, r10\n\t" \
    "add     r9, r9, r10\n\t" \
    "7:\n\t" /* 0 */ \
    PW2_PACK2 \
    PW2_STORE2 \
    "3:\n\t" \
    "ldrd    r0, r1, [r12, #28]\n\t" /* the tail pair, its end */ \
    "cbz     r0, 17f\n\t" \
    "movs    r2, #0\n\t" \
    "str     r2, [r12, #28]\n\t" \
    "str     r2, [r12, #12]\n\t" /* oc = 0: p0's store wins */ \
    "str     r1, [r12, #16]\n\t" /* end */ \
    "b       1b\n\t" \
    "17:\n\t" /* the next channel pair */ \
    "ldr     r12, [sp, #24]\n\t" \
    "ldr     r0, [r12, #100]\n\t" \
    "subs    r0, r0, #1\n\t" \
    "str     r0, [r12, #100]\n\t" \
    "bne     10b\n\t" \
    "b       18f\n\t" \
    "9:\n\t" /* a shift above -2: the pairs left */ \
    "ldr     r12, [sp, #24]\n\t" \
    "ldr     r0, [r12, #100]\n\t" \
    "18:\n\t" \
    "add     sp, sp, #32\n\t" \
    "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t" \
    ".p2align 2\n\t" \
    "8:\n\t" \
    ".word   7b + 1, 6b + 1, 5b + 1, 4b + 1, 7b + 1, 6b + 1, 5b + 1, 4b + 1\n\t" \
    ".word   20b + 1, 21b + 1, 24b + 1\n\t"
/* clang-format on */

/* A pw2_pairs function (the body above in a naked function). */
typedef int32_t (*mote_arm_pw2_fn)(pw2_ctx *ctx);

/* All 32 groups unrolled (conv2d_s8_pw_room_dsp.c). */
int32_t mote_arm_pw2_pairs_all(pw2_ctx *ctx);

#endif /* MOTE_KERNELS_ARM_PW2_PAIRS_H */
