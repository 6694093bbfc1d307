/*
 * conv2d_s8_pwn_dsp.c — CONV_2D, int8, DSP extension: pointwise steps of
 * few pixels (1x1, stride 1, no padding, out of place, batch 1, 2 ..
 * MOTE_ARM_PWN_MAX_PIX pixels, MOTE_ARM_PWN_MIN_K <= K <= MOTE_ARM_PW4_MAX_K,
 * K % 8 == 0, OC % 4 == 0: steps the pixel-chunk or the pw4 path would
 * take), in arena room free at the step: the arm_dsp_pwn row. VWW's and
 * person_detect's 6x6 and 3x3 planes (64 .. 256 channels). One pixel
 * (SWW's last layer) is left to the pixel-chunk row: 2 K instructions
 * there cost 4 KB of code in an image that has no other use for this one.
 * Bit-exact with mote_ref_conv2d_s8.
 *
 * Output channels whose filter row is all zero (VWW's 6x6 and 3x3 layers:
 * 21 .. 234 of their 128 or 256; the row's bias alone decides the output)
 * or whose multiplier is 0 give one output for every pixel: computed once,
 * with no MAC. On planes past MOTE_ARM_PWN_FEW_PIX pixels where none of 16
 * rows sampled starts with eight zero bytes (person_detect) the row it
 * displaces runs the step instead
 * (its room is at least that row's), as it is then the faster.
 *
 * With so few pixels every pixel is widened (doubled, with the input
 * offset) once into the room, and each channel pair's two filter rows are
 * widened once per layer, interleaved per group of four depth values; then
 * per pixel pair a run of 10-instruction groups (one LDM of the pair's
 * four filter words, one of the two pixels' four words, eight SMLAD: 16
 * MACs), and a lone last pixel two groups at a time (11 instructions, 16
 * MACs). The pw4 path streams int8 filter rows (13 instructions for 16
 * MACs, its five-pixel blocks 16 for 20) and re-extends them per four- or
 * five-pixel block; the pixel-chunk path pairs 9 pixels as 10. The pixels
 * are doubled (2 (x + off) fits int16), so the accumulators are doubled
 * too: the output stage is pwk's SMMLAR one (conv2d_s8_pwk_dsp.c header:
 * ADD of the sign into H = 2^(e-1) + zp 2^e, SMMLAR with the multiplier,
 * ASR e; exact for shifts in [-23, -1] and biases in [-2^29, 2^29], with
 * |sum| <= 256 * 128 * 255 < 2^23 here), 4 instructions with SSAT where
 * pw4 takes 6.
 *
 * The room (mote_arm_pwn_room; core/steps.c, mote_steps_room, places it
 * only where the arena is free anyway): the live channel pairs' stream (14
 * words each), the widened pixels (2K words each), one channel pair's
 * widened rows (4K words), a byte per channel. Without room, a room not
 * word aligned, a filter not word aligned (LDRD), or a live channel's
 * shift or bias outside the stage's range, the step runs the row the rule
 * gives it (arm_dsp_pw or arm_dsp_pw4).
 */
#include "kernels/arm/arm_paths.h"
#include "kernels/arm/arm_rows.h"
#include "kernels/kernel_table.h"

/* The row's cases (portable: the host plans for the device). */
int mote_arm_conv_pwn_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const int path = mote_arm_conv2d_s8_step_path(step, 0);
    const int32_t K = s->filter.c;
    return (path == MOTE_ARM_CONV_PW || path == MOTE_ARM_CONV_PW4) && s->out.n == 1 &&
           s->out.h <= MOTE_ARM_PWN_MAX_PIX && s->out.w <= MOTE_ARM_PWN_MAX_PIX &&
           s->out.h * s->out.w <= MOTE_ARM_PWN_MAX_PIX && s->out.h * s->out.w >= 2 && K % 8 == 0 &&
           K >= MOTE_ARM_PWN_MIN_K && K <= MOTE_ARM_PW4_MAX_K && s->out.c % 4 == 0;
}

/* Words of the room for OC channels, npix pixels of depth K: the stream
 * (OC / 2 entries of 14 words), the widened pixels, a channel pair's
 * widened rows, a byte per channel. */
static int32_t pwn_words(int32_t K, int32_t OC, int32_t npix)
{
    const int32_t own = 7 * OC + K / 2 * npix + K + OC / 4;
    const int32_t pw = K <= 128 ? mote_arm_pw_room_words(K, npix, 1) : 0;
    return own > pw ? own : pw; /* the pixel-chunk row's, in one chunk, when it runs */
}

/* The room's bytes in choice k (0: no more choices, or a step the row does
 * not take): k = 1 this row's (at least the pixel-chunk row's in one
 * chunk); then, where the arena has less, what the pixel-chunk row itself
 * would ask in k - 1 chunks (mote_arm_room: while they hold more pixels
 * than its stack buffer), for the steps this row hands it (K <= 128). */
uint32_t mote_arm_pwn_room_bytes(const void *step, int32_t k)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const int32_t K = s->filter.c, npix = s->out.h * s->out.w;
    int32_t words;
    if (k < 1 || k > 11 || !mote_arm_conv_pwn_fits(step)) return 0;
    if (k == 1) return 4u * (uint32_t)pwn_words(K, s->out.c, npix);
    if (K > 128) return 0;
    words = mote_arm_pw_room_words(K, npix, k - 1);
    return words / K * 2 - 2 > mote_arm_pw_stack_pixels(K) ? 4u * (uint32_t)words : 0u;
}

/* mote_kernel_room_slot for the arm_dsp_pwn row (NULL for another row):
 * the room recorded as arm_dsp_pw's (its offset from the output, + 4 + k,
 * in depth_multiplier). */
int32_t *mote_arm_pwn_room(int32_t row, void *step, int32_t k, uint32_t *bytes)
{
    int32_t *slot = mote_arm_room_slot_if(row, step, mote_arm_conv_pwn_fits);
    if (slot != NULL) *bytes = mote_arm_pwn_room_bytes(step, k);
    return slot;
}

#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_kernels.h"

/* What pwn_run reads (offsets fixed in its asm). */
typedef struct pwn_ctx {
    const int32_t *xw;     /* 0: the widened pixel pairs, then the lone pixel */
    int32_t npairs;        /* 4: pixel pairs */
    int32_t lone;          /* 8: 1: a last pixel alone */
    int32_t *wf;           /* 12: a channel pair's widened rows (4K words) */
    int32_t g;             /* 16: groups of four depth values (K / 4, even) */
    int32_t unused20;      /* 20 */
    const int32_t *stream; /* 24: PWN_ENTRY words per channel pair */
    int32_t nchp;          /* 28: channel pairs (>= 1) */
    int32_t unused32;      /* 32 */
    int32_t oc;            /* 36: output pixel stride */
    uint32_t lo4;          /* 40: act_min in every byte */
    uint32_t hi4;          /* 44: act_max in every byte */
    int32_t full;          /* 48: the act range is [-128, 127]: no clamp */
} pwn_ctx;

/* One group of a pixel pair: the channel pair's four filter words (r6 ..
 * r9: c0 even, c0 odd, c1 even, c1 odd), the two pixels' (r10 .. lr: p0
 * even, p0 odd, p1 even, p1 odd); r2 = p0 c0, r3 = p0 c1, r4 = p1 c0,
 * r5 = p1 c1. */
#define PWN_GROUP                                                                                  \
    "ldm     r1!, {r6, r7, r8, r9}\n\t"                                                            \
    "ldm     r0!, {r10, r11, r12, lr}\n\t"                                                         \
    "smlad   r2, r6, r10, r2\n\t"                                                                  \
    "smlad   r2, r7, r11, r2\n\t"                                                                  \
    "smlad   r3, r8, r10, r3\n\t"                                                                  \
    "smlad   r3, r9, r11, r3\n\t"                                                                  \
    "smlad   r4, r6, r12, r4\n\t"                                                                  \
    "smlad   r4, r7, lr, r4\n\t"                                                                   \
    "smlad   r5, r8, r12, r5\n\t"                                                                  \
    "smlad   r5, r9, lr, r5\n\t"

/* Two groups of the lone pixel: eight filter words (r4 .. r11), the
 * pixel's two words per group (r12, lr); r2 = c0, r3 = c1. */
#define PWN_LONE2                                                                                  \
    "ldm     r1!, {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"                                          \
    "ldrd    r12, lr, [r0], #8\n\t"                                                                \
    "smlad   r2, r4, r12, r2\n\t"                                                                  \
    "smlad   r2, r5, lr, r2\n\t"                                                                   \
    "smlad   r3, r6, r12, r3\n\t"                                                                  \
    "smlad   r3, r7, lr, r3\n\t"                                                                   \
    "ldrd    r12, lr, [r0], #8\n\t"                                                                \
    "smlad   r2, r8, r12, r2\n\t"                                                                  \
    "smlad   r2, r9, lr, r2\n\t"                                                                   \
    "smlad   r3, r10, r12, r3\n\t"                                                                 \
    "smlad   r3, r11, lr, r3\n\t"

/* Two groups of both filter rows widened (r0: c0's row, r1: c1's, r2 the
 * widened rows): c0 even, c0 odd, c1 even, c1 odd per group. */
#define PWN_WIDEN2                                                                                 \
    "ldrd    r5, r9, [r0], #8\n\t"                                                                 \
    "ldrd    r7, r11, [r1], #8\n\t"                                                                \
    "sxtb16  r4, r5\n\t"                                                                           \
    "sxtb16  r5, r5, ror #8\n\t"                                                                   \
    "sxtb16  r6, r7\n\t"                                                                           \
    "sxtb16  r7, r7, ror #8\n\t"                                                                   \
    "sxtb16  r8, r9\n\t"                                                                           \
    "sxtb16  r9, r9, ror #8\n\t"                                                                   \
    "sxtb16  r10, r11\n\t"                                                                         \
    "sxtb16  r11, r11, ror #8\n\t"                                                                 \
    "stm     r2!, {r4, r5, r6, r7, r8, r9, r10, r11}\n\t"

/* The output stage of doubled accumulator a with m, H, e in the given
 * registers (r12 scratch), saturated to int8. */
#define PWN_RQ(a, m, h, e)                                                                         \
    "add     r12, " h ", " a ", asr #31\n\t"                                                       \
    "smmlar  " a ", " a ", " m ", r12\n\t"                                                         \
    "asr     " a ", " a ", " e "\n\t"                                                              \
    "ssat    " a ", #8, " a "\n\t"

/* The activation range on the packed word r2 (r6, r7, r8 scratch). */
#define PWN_CLAMP                                                                                  \
    "ldrd    r6, r7, [sp, #60]\n\t"                                                                \
    "ssub8   r8, r2, r6\n\t"                                                                       \
    "sel     r2, r2, r6\n\t"                                                                       \
    "ssub8   r8, r7, r2\n\t"                                                                       \
    "sel     r2, r2, r7\n\t"

/*
 * Every channel pair of the stream (any two output channels, or one twice):
 * its constants to the frame (0: seeds 2b0 2b1 2b0 2b1, 16: m0 m1 H0 H1
 * e0 e1), its two filter rows widened (four groups an iteration, entered
 * -G/2 mod 4 pairs of groups in), then per pixel pair the group run (32
 * groups unrolled, entered -G mod 32 groups in: K = 128 one pass, 256
 * two), the output stage, four byte stores (the two channels' outputs at
 * any distance); then the lone pixel (16 double groups unrolled). The rest
 * of the frame: 40 the pair entry, 44 the widened rows' end, 48 and 52 the
 * block's outputs of c0 and c1, 56 the pairs' end, 60 lo4, 64 hi4, 68 the
 * lone entry, 72 the stream, 76 OC, 80 channel pairs left, 88 the widened
 * rows, 92 xw, 96 lone, 100 full, 104 the widening entry.
 * Hand-written (naked): the group run needs all 14 registers.
 */
__attribute__((naked, noinline)) static void pwn_run(const pwn_ctx *c __attribute__((unused)))
{
    /* clang-format would join the asm strings and macros of a line: one instruction a line */
    /* clang-format off */
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "sub     sp, sp, #108\n\t"
                     "ldr     r1, [r0, #0]\n\t"
                     "str     r1, [sp, #92]\n\t"
                     "ldr     r2, [r0, #4]\n\t"
                     "ldr     r3, [r0, #16]\n\t"
                     "lsls    r4, r3, #4\n\t"          /* 16G: bytes of a pair, of the rows */
                     "mla     r5, r2, r4, r1\n\t"
                     "str     r5, [sp, #56]\n\t"
                     "ldr     r6, [r0, #12]\n\t"
                     "str     r6, [sp, #88]\n\t"
                     "add     r6, r6, r4\n\t"
                     "str     r6, [sp, #44]\n\t"
                     "ldr     r1, [r0, #8]\n\t"
                     "str     r1, [sp, #96]\n\t"
                     "ldrd    r1, r2, [r0, #24]\n\t"
                     "str     r1, [sp, #72]\n\t"
                     "str     r2, [sp, #80]\n\t"
                     "ldr     r1, [r0, #36]\n\t"
                     "str     r1, [sp, #76]\n\t"
                     "ldrd    r1, r2, [r0, #40]\n\t"
                     "strd    r1, r2, [sp, #60]\n\t"
                     "ldr     r1, [r0, #48]\n\t"
                     "str     r1, [sp, #100]\n\t"
                     /* the entries: pairs -G mod 32 groups (40 bytes) in, the lone
                      * pixel and the widening -G/2 mod 16 / mod 4 double groups (44) */
                     "negs    r4, r3\n\t"
                     "and     r4, r4, #31\n\t"
                     "movs    r5, #40\n\t"
                     "adr     r6, 2f\n\t"
                     "mla     r4, r4, r5, r6\n\t"
                     "adds    r4, r4, #1\n\t"          /* Thumb */
                     "str     r4, [sp, #40]\n\t"
                     "lsrs    r3, r3, #1\n\t"
                     "negs    r4, r3\n\t"
                     "and     r4, r4, #15\n\t"
                     "movs    r5, #44\n\t"
                     "adr     r6, 3f\n\t"
                     "mla     r4, r4, r5, r6\n\t"
                     "adds    r4, r4, #1\n\t"
                     "str     r4, [sp, #68]\n\t"
                     "negs    r4, r3\n\t"
                     "and     r4, r4, #3\n\t"
                     "adr     r6, 4f\n\t"
                     "mla     r4, r4, r5, r6\n\t"
                     "adds    r4, r4, #1\n\t"
                     "str     r4, [sp, #104]\n\t"
                     "b       0f\n\t"
                     /* the widening: four double groups an iteration */
                     ".p2align 2\n\t"
                     "4:\n\t"
                     PWN_WIDEN2 PWN_WIDEN2 PWN_WIDEN2 PWN_WIDEN2
                     "5:\n\t"
                     ".if (5b - 4b) != 4 * 44\n\t"
                     ".error \"pwn_run: a widening step is not 44 bytes\"\n\t"
                     ".endif\n\t"
                     "cmp     r2, r3\n\t"
                     "bne     4b\n\t"
                     "ldr     r0, [sp, #92]\n\t"
                     "ldr     r6, [sp, #56]\n\t"
                     "cmp     r0, r6\n\t"
                     "beq     7f\n\t"
                     /* a pixel pair */
                     "1:\n\t"
                     "ldr     r1, [sp, #88]\n\t"
                     "ldm     sp, {r2, r3, r4, r5}\n\t"
                     "ldr     pc, [sp, #40]\n\t"
                     ".p2align 2\n\t"
                     "2:\n\t"
                     PWN_GROUP PWN_GROUP PWN_GROUP PWN_GROUP
                     PWN_GROUP PWN_GROUP PWN_GROUP PWN_GROUP
                     PWN_GROUP PWN_GROUP PWN_GROUP PWN_GROUP
                     PWN_GROUP PWN_GROUP PWN_GROUP PWN_GROUP
                     PWN_GROUP PWN_GROUP PWN_GROUP PWN_GROUP
                     PWN_GROUP PWN_GROUP PWN_GROUP PWN_GROUP
                     PWN_GROUP PWN_GROUP PWN_GROUP PWN_GROUP
                     PWN_GROUP PWN_GROUP PWN_GROUP PWN_GROUP
                     "6:\n\t"
                     ".if (6b - 2b) != 32 * 40\n\t"
                     ".error \"pwn_run: a group is not 40 bytes\"\n\t"
                     ".endif\n\t"
                     "ldr     r6, [sp, #44]\n\t"
                     "cmp     r1, r6\n\t"
                     "bne     2b\n\t"
                     "add     r12, sp, #16\n\t"
                     "ldm     r12, {r6, r7, r8, r9, r10, r11}\n\t"
                     PWN_RQ("r2", "r6", "r8", "r10")
                     PWN_RQ("r4", "r6", "r8", "r10")
                     PWN_RQ("r3", "r7", "r9", "r11")
                     PWN_RQ("r5", "r7", "r9", "r11")
                     "ldr     r6, [sp, #100]\n\t"     /* the act range: packed, clamped */
                     "cbnz    r6, 8f\n\t"
                     "bfi     r2, r3, #8, #8\n\t"
                     "bfi     r2, r4, #16, #8\n\t"
                     "bfi     r2, r5, #24, #8\n\t"
                     PWN_CLAMP
                     "ubfx    r3, r2, #8, #8\n\t"
                     "ubfx    r4, r2, #16, #8\n\t"
                     "lsrs    r5, r2, #24\n\t"
                     "8:\n\t"
                     "ldrd    r6, r7, [sp, #48]\n\t"
                     "ldr     r8, [sp, #76]\n\t"
                     "strb    r2, [r6]\n\t"
                     "strb    r3, [r7]\n\t"
                     "strb    r4, [r6, r8]\n\t"
                     "strb    r5, [r7, r8]\n\t"
                     "add     r6, r6, r8, lsl #1\n\t"
                     "add     r7, r7, r8, lsl #1\n\t"
                     "strd    r6, r7, [sp, #48]\n\t"
                     "ldr     r6, [sp, #56]\n\t"
                     "cmp     r0, r6\n\t"
                     "bne     1b\n\t"
                     /* the lone pixel (r0: its words) */
                     "7:\n\t"
                     "ldr     r6, [sp, #96]\n\t"
                     "cmp     r6, #0\n\t"
                     "beq     9f\n\t"
                     "ldr     r1, [sp, #88]\n\t"
                     "ldrd    r2, r3, [sp]\n\t"
                     "ldr     pc, [sp, #68]\n\t"
                     ".p2align 2\n\t"
                     "3:\n\t"
                     PWN_LONE2 PWN_LONE2 PWN_LONE2 PWN_LONE2
                     PWN_LONE2 PWN_LONE2 PWN_LONE2 PWN_LONE2
                     PWN_LONE2 PWN_LONE2 PWN_LONE2 PWN_LONE2
                     PWN_LONE2 PWN_LONE2 PWN_LONE2 PWN_LONE2
                     "6:\n\t"
                     ".if (6b - 3b) != 16 * 44\n\t"
                     ".error \"pwn_run: a double group is not 44 bytes\"\n\t"
                     ".endif\n\t"
                     "ldr     r12, [sp, #44]\n\t"
                     "cmp     r1, r12\n\t"
                     "bne     3b\n\t"
                     "add     r12, sp, #16\n\t"
                     "ldm     r12, {r6, r7, r8, r9, r10, r11}\n\t"
                     PWN_RQ("r2", "r6", "r8", "r10")
                     PWN_RQ("r3", "r7", "r9", "r11")
                     "ldr     r6, [sp, #100]\n\t"
                     "cbnz    r6, 8f\n\t"
                     "bfi     r2, r3, #8, #8\n\t"
                     PWN_CLAMP
                     "ubfx    r3, r2, #8, #8\n\t"
                     "8:\n\t"
                     "ldrd    r6, r7, [sp, #48]\n\t"
                     "strb    r2, [r6]\n\t"
                     "strb    r3, [r7]\n\t"
                     /* the next channel pair */
                     "9:\n\t"
                     "ldr     r6, [sp, #80]\n\t"
                     "subs    r6, r6, #1\n\t"
                     "str     r6, [sp, #80]\n\t"
                     "beq     10f\n\t"
                     "0:\n\t"                          /* a channel pair: constants, rows */
                     "ldr     r0, [sp, #72]\n\t"
                     "ldm     r0!, {r2, r3, r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
                     "stm     sp, {r2, r3, r4, r5, r6, r7, r8, r9, r10, r11}\n\t"
                     "ldm     r0!, {r4, r5, r6, r7}\n\t" /* rows c0, c1; outputs c0, c1 */
                     "str     r0, [sp, #72]\n\t"
                     "strd    r6, r7, [sp, #48]\n\t"
                     "mov     r0, r4\n\t"
                     "mov     r1, r5\n\t"
                     "ldr     r2, [sp, #88]\n\t"
                     "ldr     r3, [sp, #44]\n\t"
                     "ldr     pc, [sp, #104]\n\t"
                     "10:\n\t"
                     "add     sp, sp, #108\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
    /* clang-format on */
}

/* 1 when the words from w to end (a multiple of 8 apart) are all zero:
 * eight words a load, seven ORR, out at the first nonzero block. */
__attribute__((naked, noinline)) static int pwn_zero8(const int32_t *w __attribute__((unused)),
                                                      const int32_t *end __attribute__((unused)))
{
    /* clang-format off */
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9}\n\t"
                     "cmp     r0, r1\n\t"
                     "beq     2f\n\t"
                     "1:\n\t"
                     "ldm     r0!, {r2, r3, r4, r5, r6, r7, r8, r9}\n\t"
                     "orr     r2, r2, r3\n\t"
                     "orr     r4, r4, r5\n\t"
                     "orr     r6, r6, r7\n\t"
                     "orr     r8, r8, r9\n\t"
                     "orr     r2, r2, r4\n\t"
                     "orr     r6, r6, r8\n\t"
                     "orrs    r2, r2, r6\n\t"
                     "bne     3f\n\t"
                     "cmp     r0, r1\n\t"
                     "bne     1b\n\t"
                     "2:\n\t"
                     "movs    r0, #1\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9}\n\t"
                     "bx      lr\n\t"
                     "3:\n\t"
                     "movs    r0, #0\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9}\n\t"
                     "bx      lr\n\t");
    /* clang-format on */
}

/* 1 when filter row w (K bytes, word aligned, K % 8 == 0) is all zero: a
 * live row mostly answers from its first two words. */
static inline __attribute__((always_inline)) int pwn_row_zero(const int8_t *w, int32_t K)
{
    const int32_t *r = (const int32_t *)(const void *)w;
    const int32_t n = K / 4, h = n % 8;
    int32_t j;
    if ((r[0] | r[1]) != 0) return 0;
    for (j = 2; j < h; ++j)
        if (r[j] != 0) return 0;
    return pwn_zero8(r + h, r + n);
}

/* The same for the Helium side (mve_pwn_s8.c; inlined above). */
int mote_arm_pwn_row_zero(const int8_t *w, int32_t K)
{
    return pwn_row_zero(w, K);
}

/*
 * Two passes over the output channels, then pwn_run. The first, writing
 * no output, sorts them: a channel whose filter row is all zero (VWW's
 * 3x3 layers: 224 and 234 of 256) or whose multiplier is 0 has one output
 * for every pixel, requantized from its bias alone; the others (live) go
 * into the stream two by two in order (the last one twice when they are
 * odd), each needing a shift in [-23, -1] and a bias in [-2^29, 2^29] (the
 * output stage's range), else 0 (the caller runs the rule's path). The
 * second writes the constant channels; then the pixels are widened and
 * pwn_run runs the live pairs. 0 also for a filter not word aligned.
 * Each stream entry (PWN_ENTRY words, the two channels' interleaved): 2b0
 * 2b1 2b0 2b1, m0 m1, H0 H1 (H = 2^(e-1) + zp 2^e), e0 e1 (e = -shift),
 * the two filter rows, the two channels' first outputs.
 */
#define PWN_ENTRY 14
int mote_arm_conv_pwn(const mote_conv_s8_params *p, const mote_requant *q, int32_t C, int32_t OC,
                      int32_t npix, const int8_t *input, int8_t *output, const int8_t *filter,
                      const int32_t *bias, int32_t *buf)
{
    const int32_t G = C / 4, zp = p->output_offset;
    const int32_t off2 = mote_arm_dup16(p->input_offset);
    int32_t *const xw = buf + PWN_ENTRY * (OC / 2);
    int32_t *const wf = xw + 2 * G * npix;
    uint8_t *const cst = (uint8_t *)(void *)(wf + 4 * G); /* 1: a constant channel */
    static const int32_t zero = 0;
    const int32_t *bp = bias ? bias : &zero;
    const int32_t bstep = bias ? 1 : 0;
    const uint32_t h1 = (uint32_t)(2 * zp + 1);
    int32_t *st = buf, *d;
    pwn_ctx cx;
    int32_t o, t, j, live = 0, nconst = 0;
    if (((uintptr_t)filter & 3u) != 0 || npix < 1) return 0;
    for (o = 0; o < OC; ++o, bp += bstep) {
        const int8_t *row = filter + o * C;
        const int32_t sh = q->shift[o], m = q->multiplier[o], b = *bp;
        int32_t *const h = st + (live & 1); /* this channel's words: every other */
        if (m == 0 || pwn_row_zero(row, C)) {
            cst[o] = 1;
            ++nconst;
            continue;
        }
        cst[o] = 0;
        if (sh < -23 || sh > -1 || b < -(1 << 29) || b > (1 << 29)) return 0;
        h[0] = h[2] = 2 * b;
        h[4] = m;
        h[6] = (int32_t)(h1 << (-sh - 1));
        h[8] = -sh;
        h[10] = (int32_t)(intptr_t)row;
        h[12] = (int32_t)(intptr_t)(output + o);
        st += (live & 1) * PWN_ENTRY;
        ++live;
    }
    if (live & 1) /* the last live channel twice */
        for (j = 0; j < PWN_ENTRY; j += 2)
            st[j + 1] = st[j];
    if (nconst > 0) {
        /* the constant channels' outputs in the first pixel, then that
         * pixel copied forward to the others a word at a time (the copy
         * reads what it wrote one pixel on); the live channels' are
         * written over them below */
        const int32_t n = (npix - 1) * OC;
        for (o = 0; o < OC; ++o)
            if (cst[o])
                output[o] = mote_arm_out_s8(bias ? bias[o] : 0, q->multiplier[o], q->shift[o], zp,
                                            p->act_min, p->act_max);
        for (j = 0; j + 8 <= n; j += 8) { /* each load after the store before it: OC may be 4 */
            mote_arm_st32(output + OC + j, mote_arm_ld32(output + j));
            mote_arm_st32(output + OC + j + 4, mote_arm_ld32(output + j + 4));
        }
        if (j < n) mote_arm_st32(output + OC + j, mote_arm_ld32(output + j));
    }
    if (live == 0) return 1;
    /* the pixels in pairs (p0 even, p0 odd, p1 even, p1 odd per group),
     * then a lone last one, each value 2 (x + off) */
    d = xw;
    for (t = 0; t + 1 < npix; t += 2) {
        const int8_t *s0 = input + t * C, *s1 = s0 + C;
        for (j = 0; j < G; ++j, d += 4) {
            const uint32_t v0 = mote_arm_ld32(s0 + 4 * j), v1 = mote_arm_ld32(s1 + 4 * j);
            const int32_t e0 = mote_arm_even(v0, off2), o0 = mote_arm_odd(v0, off2);
            const int32_t e1 = mote_arm_even(v1, off2), o1 = mote_arm_odd(v1, off2);
            d[0] = __sadd16(e0, e0);
            d[1] = __sadd16(o0, o0);
            d[2] = __sadd16(e1, e1);
            d[3] = __sadd16(o1, o1);
        }
    }
    if (npix % 2 != 0) {
        const int8_t *s0 = input + (npix - 1) * C;
        for (j = 0; j < G; ++j, d += 2) {
            const uint32_t v0 = mote_arm_ld32(s0 + 4 * j);
            const int32_t e0 = mote_arm_even(v0, off2), o0 = mote_arm_odd(v0, off2);
            d[0] = __sadd16(e0, e0);
            d[1] = __sadd16(o0, o0);
        }
    }
    cx.xw = xw;
    cx.npairs = npix / 2;
    cx.lone = npix % 2;
    cx.wf = wf;
    cx.g = G;
    cx.unused20 = 0;
    cx.stream = buf;
    cx.nchp = (live + 1) / 2;
    cx.unused32 = 0;
    cx.oc = OC;
    cx.lo4 = mote_arm_dup8(p->act_min);
    cx.hi4 = mote_arm_dup8(p->act_max);
    cx.full = p->act_min <= -128 && p->act_max >= 127;
    pwn_run(&cx);
    return 1;
}

/* 1 when at least `need` of 16 filter rows (K bytes each) spread over the
 * OC start with eight zero bytes: a quick sample (a row is not read past
 * them) of the rows likely all zero, which the kernels then skip. With
 * fewer (a model without such rows: person_detect) the row it displaces
 * is the faster. */
int mote_arm_pwn_sparse(const int8_t *w, int32_t K, int32_t OC, int32_t need)
{
    int32_t j, zero = 0;
    for (j = 0; j < 16; ++j) {
        const int8_t *r = w + (2 * j + 1) * OC / 32 * K;
        zero += (mote_arm_ld32(r) | mote_arm_ld32(r + 4)) == 0;
    }
    return zero >= need;
}

/* The step entry of the arm_dsp_pwn row: the room core/steps.c recorded
 * (as arm_dsp_pw's: its offset from the output, + 4 + k, k = 1, in
 * depth_multiplier), else the path the rule gives the step. */
mote_status mote_arm_conv_pwn_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    const int32_t tag = s->p.depth_multiplier, k = (tag & 15) - 4;
    const int8_t *in = (const int8_t *)io->in[0], *w = (const int8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int8_t *out = (int8_t *)io->out[0];
    const int32_t npix = s->out.h * s->out.w, C = s->filter.c, OC = s->out.c;
    int32_t *buf;
    if (in == NULL || w == NULL || out == NULL || in == out) return MOTE_E_ARG;
    buf = k >= 1 ? (int32_t *)(void *)(out + (tag - 4 - k)) : NULL;
    if (buf != NULL && ((uintptr_t)buf & 3u) != 0) buf = NULL;
    /* (the rows it hands a step check their own path) */
    if (buf != NULL && k == 1 &&
        (npix <= MOTE_ARM_PWN_FEW_PIX || mote_arm_pwn_sparse(w, C, OC, 1))) {
        if (!mote_arm_conv_pwn_fits(s)) return MOTE_E_ARG;
        if (mote_arm_conv_pwn(&s->p, &q, C, OC, npix, in, out, w, bias, buf)) return MOTE_OK;
    }
    /* the row this one displaces: pw4, or the pixel chunks in the room
     * (one chunk in this row's, k - 1 in the one it asked for that row)
     * or without (its stack buffer) */
    if (mote_arm_conv2d_s8_step_path(s, 0) == MOTE_ARM_CONV_PW4)
        return mote_arm_conv_pw4_step(step, io);
    if (buf == NULL) return mote_arm_conv_pw_room_step(step, io);
    mote_arm_conv_pw_buf(&s->p, &q, C, OC, npix, in, out, w, bias, buf,
                         mote_arm_pw_room_words(C, npix, k > 1 ? k - 1 : 1));
    return MOTE_OK;
}

#else
typedef int mote_arm_unused_pwn_;
#endif
