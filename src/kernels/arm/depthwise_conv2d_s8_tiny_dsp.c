/*
 * depthwise_conv2d_s8_tiny_dsp.c — DEPTHWISE_CONV_2D, int8, depth
 * multiplier 1, DSP extension: 3x3 at stride 1, padding 1, on planes six
 * or three pixels wide and at most six rows (VWW / person_detect layers
 * 13..21, 6x6x128, and 25, 3x3x256), out of place: the arm_dsp_tiny row,
 * listed before
 * arm_dsp_3x3_px (which these planes took before: 2 x 2 blocks of a ring
 * of int16 lines, per group tables). Bit-exact with
 * mote_ref_depthwise_conv2d_s8.
 *
 * Per group of four channels the whole plane is widened once into four
 * int16 planes of 8 rows (the input offset added; row 0 and row h + 1 are
 * the padding, zeroed once per call, so the top and bottom padding cost no
 * test), a padded row 16 bytes, pixel x of a row in half x & 1 of word
 * x / 2. Then one hand-written call does all outputs of the group's four
 * channels, channel by channel, a row of six (or three) at a time: with the
 * row's words
 * P0 = (x0, x1), P1 = (x2, x3), P2 = (x4, x5) and the filter line's pairs
 * A = (w0, w1), B = (w1, w2), the left and right padding never multiplied:
 *   out 0 += SMLAD(B, P0)          out 1 += SMLAD(A, P0) + SMLATB(B, P1)
 *   out 2 += SMLABT(A, P0) + SMLAD(B, P1)
 *   out 3 += SMLAD(A, P1) + SMLATB(B, P2)
 *   out 4 += SMLABT(A, P1) + SMLAD(B, P2)   out 5 += SMLAD(A, P2)
 * thirteen instructions per filter line for six outputs (one LDRD and one
 * LDR of data, one LDRD of weights; seven for three outputs, tdw_chan3); the
 * first and last output rows skip their zero line.
 * The output stage is the 3x3 int16 lines' (depthwise_conv2d_s8_3x3_dsp.c)
 * without their sign correction: weights and bias doubled, SMMLAR by m
 * into H = 2^(e-1) + zp 2^e, ASR by e, SSAT, three instructions an output.
 * The correction (H - 1 for a negative accumulator: the reference rounds
 * halves away from zero) only moves outputs of a negative accumulator, and
 * those are <= zp both ways (m >= 0), so with act_min >= zp (a ReLU / ReLU6
 * layer, every plane this row is for) the activation range makes them
 * act_min either way; the row's case asks for act_min >= zp (other layers
 * keep arm_dsp_3x3_px). Channels outside that stage's conditions
 * (e = -shift in [1, 22], bias in [-2^29, 2^29)) take a plain C loop with the
 * exact requantization. The activation range: one SEL pass over the
 * output words at the end, when it is not all of int8.
 */
#include "kernels/arm/arm_rows.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"

/* The row's case (portable: the host plans with it); act_min >= zp lets the
 * output stage drop its sign correction (see above). */
int mote_arm_dw_tiny_case(const mote_conv_s8_params *p, const mote_dims *id, const mote_dims *od)
{
    return p->geom.stride_h == 1 && p->geom.stride_w == 1 && p->geom.pad_h == 1 &&
           p->geom.pad_w == 1 && id->n == 1 && od->n == 1 && id->h == od->h && id->w == od->w &&
           id->c == od->c && (od->w == 6 || od->w == 3) && od->h >= 1 && od->h <= 6 &&
           p->act_min >= p->output_offset;
}

int mote_arm_dw_tiny_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return mote_arm_dw_step_path(step, 0) == MOTE_ARM_DW_3X3 &&
           mote_arm_dw_tiny_case(&s->p, &s->in, &s->out);
}

#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"

/* Per channel: m, H, e (first: one LDM a row for the output stage) and the
 * doubled bias (written by the group call itself), the doubled weight pairs
 * A, B of filter lines 0..2, and x: for
 * planes six wide the index of the first middle row to run (6 - h, 5 for
 * h = 1), for planes three wide the address where the middle rows end
 * (plane + 16 (h - 1)). 44 bytes (the asm's offsets). */
typedef struct tdw_tab {
    /* read by the asm only (LDM at fixed offsets) */
    // cppcheck-suppress unusedStructMember
    int32_t m, h, e, b2;
    int32_t w[6];
    uint32_t x;
} tdw_tab;

/* What the group call reads per channel, right after the four tables: the
 * next channel's shift, multiplier and bias (moved on by the call; the bias
 * of a model without one is four zeros, set again per group), h1 = 2 zp + 1,
 * and slow, made non-zero when a channel of the group is outside the asm
 * stage's conditions. */
typedef struct tdw_grp {
    tdw_tab t[4];
    const int8_t *sh;
    const int32_t *m, *b;
    uint32_t h1, slow;
} tdw_grp;
typedef char tdw_grp_layout[(sizeof(tdw_tab) == 44 && sizeof(void *) == 4) ? 1 : -1];

/* clang-format off */
/* line L of the window (padded row R: r0 + 16 R) starting from the bias (r9) */
#define TDW_INIT(L, R)                                                                             \
    "ldr     r9, [r1, #12]\n\t"                                                                    \
    "ldrd    r10, r11, [r1, #(16 + 8 * " #L ")]\n\t"                                                    \
    "ldrd    r12, lr, [r0, #(16 * " #R ")]\n\t"                                                    \
    "smlad   r4, r11, r12, r9\n\t"                                                                 \
    "smlad   r5, r10, r12, r9\n\t"                                                                 \
    "smlabt  r6, r10, r12, r9\n\t"                                                                 \
    "smlatb  r5, r11, lr, r5\n\t"                                                                  \
    "smlad   r6, r11, lr, r6\n\t"                                                                  \
    "smlad   r7, r10, lr, r9\n\t"                                                                  \
    "smlabt  r8, r10, lr, r9\n\t"                                                                  \
    "ldr     r12, [r0, #(16 * " #R " + 8)]\n\t"                                                    \
    "smlatb  r7, r11, r12, r7\n\t"                                                                 \
    "smlad   r8, r11, r12, r8\n\t"                                                                 \
    "smlad   r9, r10, r12, r9\n\t"
/* line L (padded row R) added to the six accumulators r4 .. r9 */
#define TDW_ACC(L, R)                                                                              \
    "ldrd    r10, r11, [r1, #(16 + 8 * " #L ")]\n\t"                                                    \
    "ldrd    r12, lr, [r0, #(16 * " #R ")]\n\t"                                                    \
    "smlad   r4, r11, r12, r4\n\t"                                                                 \
    "smlad   r5, r10, r12, r5\n\t"                                                                 \
    "smlabt  r6, r10, r12, r6\n\t"                                                                 \
    "smlatb  r5, r11, lr, r5\n\t"                                                                  \
    "smlad   r6, r11, lr, r6\n\t"                                                                  \
    "smlad   r7, r10, lr, r7\n\t"                                                                  \
    "smlabt  r8, r10, lr, r8\n\t"                                                                  \
    "ldr     r12, [r0, #(16 * " #R " + 8)]\n\t"                                                    \
    "smlatb  r7, r11, r12, r7\n\t"                                                                 \
    "smlad   r8, r11, r12, r8\n\t"                                                                 \
    "smlad   r9, r10, r12, r9\n\t"
/* the output stage up to the saturation of one accumulator (m r10, H r11, e
 * r12); no sign correction (act_min >= zp, see above) */
#define TDW_RQ(a)                                                                                  \
    "smmlar  " a ", " a ", r10, r11\n\t"                                                           \
    "asr     " a ", " a ", r12\n\t"                                                                \
    "ssat    " a ", #8, " a "\n\t"
/* six outputs to r2, r2 + C, .. (C r3); r2 moves to the next output row
 * (r0 stays: the rows' offsets are in the loads) */
#define TDW_OUT                                                                                    \
    "ldm     r1, {r10, r11, r12}\n\t"                                                              \
    TDW_RQ("r4") TDW_RQ("r5") TDW_RQ("r6") TDW_RQ("r7") TDW_RQ("r8") TDW_RQ("r9")                 \
    "strb    r4, [r2]\n\t"                                                                         \
    "strb    r5, [r2, r3]\n\t"                                                                     \
    "add     r2, r2, r3, lsl #1\n\t"                                                               \
    "strb    r6, [r2]\n\t"                                                                         \
    "strb    r7, [r2, r3]\n\t"                                                                     \
    "add     r2, r2, r3, lsl #1\n\t"                                                               \
    "strb    r8, [r2]\n\t"                                                                         \
    "strb    r9, [r2, r3]\n\t"                                                                     \
    "add     r2, r2, r3, lsl #1\n\t"
/* clang-format on */

/* clang-format off */
/*
 * The four channels of a group in one call: tables 44 bytes apart (the
 * tdw_grp fields after them on the stack), planes 128 bytes apart, outputs
 * one byte apart; the channel's plane and output pointers are pushed around
 * its rows. Per channel first the stage's constants from the model's
 * arrays: m, H = h1 << (e - 1), e = -shift, b2 = 2 b (17 instructions); a
 * shift outside [-22, -1] or a bias outside [-2^29, 2^29) sets slow (the
 * caller then redoes that channel in C).
 */
#define TDW_GRP_BEGIN                                                                              \
    "push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"                                           \
    "add     r12, r1, #176\n\t"                                                                    \
    "push    {r12}\n\t"                                                                            \
    "0:\n\t"                                                                                       \
    "push    {r0, r2}\n\t"                                                                         \
    "ldr     r12, [sp, #8]\n\t"                                                                    \
    "ldm     r12, {r8, r9, r10, r11}\n\t"                                                          \
    "ldrsb   r6, [r8], #1\n\t"                                                                     \
    "ldr     r4, [r9], #4\n\t"                                                                     \
    "ldr     r7, [r10], #4\n\t"                                                                    \
    "stm     r12, {r8, r9, r10}\n\t"                                                               \
    "add     r8, r6, #22\n\t"                                                                      \
    "cmp     r8, #22\n\t"                                                                          \
    "add     r8, r7, #0x20000000\n\t"                                                              \
    "it      lo\n\t"                                                                               \
    "cmplo   r8, #0x40000000\n\t"                                                                  \
    "bhs     9f\n\t"                                                                               \
    "8:\n\t"                                                                                       \
    "mvn     r5, r6\n\t"                                                                           \
    "lsl     r5, r11, r5\n\t"                                                                      \
    "rsb     r6, r6, #0\n\t"                                                                       \
    "lsl     r7, r7, #1\n\t"                                                                       \
    "stm     r1, {r4, r5, r6, r7}\n\t"
#define TDW_GRP_END                                                                                \
    "pop     {r0, r2}\n\t"                                                                         \
    "adds    r0, r0, #128\n\t"                                                                     \
    "adds    r2, r2, #1\n\t"                                                                       \
    "adds    r1, r1, #44\n\t"                                                                      \
    "ldr     r12, [sp]\n\t"                                                                        \
    "cmp     r1, r12\n\t"                                                                          \
    "blo     0b\n\t"                                                                               \
    "add     sp, sp, #4\n\t"                                                                       \
    "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t"                                           \
    "9:\n\t"                                                                                       \
    "str     r12, [r12, #16]\n\t"                                                                  \
    "b       8b\n\t"
/* clang-format on */

/*
 * One channel's outputs, per channel of the group: plane r0 (8 padded rows
 * of 8 int16, 16 bytes a row), table r1, output r2 (pixel 0 of the
 * channel), C r3. The first output row reads padded rows 1, 2 (row 0 is
 * zeros), the middle ones three, the last (when h >= 2) rows h - 1, h (row
 * h + 1 is zeros). The middle rows are written out four times, each with
 * its rows' offsets; after the first row r0 moves back 16 (6 - h) bytes and
 * TBH on the table's index (6 - h, or 5 for h = 1: nothing after the first
 * row) jumps to the first of the h - 2 needed, so no row costs a loop test
 * or a pointer step.
 */
/* clang-format off */
#define TDW_MID(y0, y1, y2) TDW_INIT(0, y0) TDW_ACC(1, y1) TDW_ACC(2, y2) TDW_OUT
__attribute__((naked, noinline)) static void tdw_chan(const int32_t *pl __attribute__((unused)),
                                                      tdw_grp *g __attribute__((unused)),
                                                      int8_t *out __attribute__((unused)),
                                                      int32_t c __attribute__((unused)))
{
    __asm__ volatile(TDW_GRP_BEGIN
                     /* first row: lines 1, 2 */
                     TDW_INIT(1, 1) TDW_ACC(2, 2) TDW_OUT
                     "ldr     r10, [r1, #40]\n\t"
                     "sub     r0, r0, r10, lsl #4\n\t"
                     "tbh     [pc, r10, lsl #1]\n\t"
                     ".Ltdw_tbh:\n\t"
                     ".hword  (.Ltdw_m4 - .Ltdw_tbh) / 2\n\t"
                     ".hword  (.Ltdw_m3 - .Ltdw_tbh) / 2\n\t"
                     ".hword  (.Ltdw_m2 - .Ltdw_tbh) / 2\n\t"
                     ".hword  (.Ltdw_m1 - .Ltdw_tbh) / 2\n\t"
                     ".hword  (.Ltdw_last - .Ltdw_tbh) / 2\n\t"
                     ".hword  (.Ltdw_end - .Ltdw_tbh) / 2\n\t"
                     /* middle rows: lines 0, 1, 2 */
                     ".Ltdw_m4:\n\t" TDW_MID(1, 2, 3)
                     ".Ltdw_m3:\n\t" TDW_MID(2, 3, 4)
                     ".Ltdw_m2:\n\t" TDW_MID(3, 4, 5)
                     ".Ltdw_m1:\n\t" TDW_MID(4, 5, 6)
                     /* last row: lines 0, 1 */
                     ".Ltdw_last:\n\t"
                     TDW_INIT(0, 5) TDW_ACC(1, 6) TDW_OUT
                     ".Ltdw_end:\n\t"
                     TDW_GRP_END);
}
/* clang-format on */

/* clang-format off */
/* Planes three wide: P0 = (x0, x1), P1 = (x2, -) of a padded row (the top
 * half of P1 is never read), outputs
 *   out0 += SMLAD(B, P0), out1 += SMLAD(A, P0) + SMLATB(B, P1),
 *   out2 += SMLABT(A, P0) + SMLABB(B, P1)
 * seven instructions per filter line for three outputs; bias r7, outputs
 * r4 .. r6, weights r10, r11, data r12, lr. */
#define TDW3_INIT(L)                                                                               \
    "ldr     r7, [r1, #12]\n\t"                                                                    \
    "ldrd    r10, r11, [r1, #(16 + 8 * " #L ")]\n\t"                                                    \
    "ldrd    r12, lr, [r0, #(16 * " #L ")]\n\t"                                                    \
    "smlad   r4, r11, r12, r7\n\t"                                                                 \
    "smlad   r5, r10, r12, r7\n\t"                                                                 \
    "smlabt  r6, r10, r12, r7\n\t"                                                                 \
    "smlatb  r5, r11, lr, r5\n\t"                                                                  \
    "smlabb  r6, r11, lr, r6\n\t"
#define TDW3_ACC(L)                                                                                \
    "ldrd    r10, r11, [r1, #(16 + 8 * " #L ")]\n\t"                                                    \
    "ldrd    r12, lr, [r0, #(16 * " #L ")]\n\t"                                                    \
    "smlad   r4, r11, r12, r4\n\t"                                                                 \
    "smlad   r5, r10, r12, r5\n\t"                                                                 \
    "smlabt  r6, r10, r12, r6\n\t"                                                                 \
    "smlatb  r5, r11, lr, r5\n\t"                                                                  \
    "smlabb  r6, r11, lr, r6\n\t"
#define TDW3_OUT                                                                                   \
    "ldm     r1, {r10, r11, r12}\n\t"                                                              \
    TDW_RQ("r4") TDW_RQ("r5") TDW_RQ("r6")                                                         \
    "strb    r4, [r2]\n\t"                                                                         \
    "strb    r5, [r2, r3]\n\t"                                                                     \
    "strb    r6, [r2, r3, lsl #1]\n\t"                                                             \
    "add     r2, r2, r3\n\t"                                                                       \
    "add     r2, r2, r3, lsl #1\n\t"                                                               \
    "adds    r0, r0, #16\n\t"
/* clang-format on */

/* tdw_chan for planes three wide: the middle rows in a loop (the table's
 * word: where they end, plane + 16 (h - 1)); a plane of one row (r0 past
 * that end after its first row) skips the last row. */
/* clang-format off */
__attribute__((naked, noinline)) static void tdw_chan3(const int32_t *pl __attribute__((unused)),
                                                       tdw_grp *g __attribute__((unused)),
                                                       int8_t *out __attribute__((unused)),
                                                       int32_t c __attribute__((unused)))
{
    __asm__ volatile(TDW_GRP_BEGIN
                     TDW3_INIT(1) TDW3_ACC(2) TDW3_OUT
                     "b       2f\n\t"
                     "1:\n\t" TDW3_INIT(0) TDW3_ACC(1) TDW3_ACC(2) TDW3_OUT
                     "2:\n\t"
                     "ldr     r10, [r1, #40]\n\t"
                     "cmp     r0, r10\n\t"
                     "blo     1b\n\t"
                     "bhi     3f\n\t"
                     TDW3_INIT(0) TDW3_ACC(1) TDW3_OUT
                     "3:\n\t"
                     TDW_GRP_END);
}
/* clang-format on */

/* (bottom of a, bottom of b) and (top of a, top of b) as int16 pairs */
static inline int32_t tdw_pkhbt(int32_t a, int32_t b)
{
    int32_t r;
    __asm__("pkhbt   %0, %1, %2, lsl #16" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static inline int32_t tdw_pkhtb(int32_t b, int32_t a)
{
    int32_t r;
    __asm__("pkhtb   %0, %1, %2, asr #16" : "=r"(r) : "r"(b), "r"(a));
    return r;
}

/*
 * n rows of six pixels (src, four channels each, C apart; rows follow each
 * other) into the four planes from row d on (planes 128 bytes apart, rows
 * 16), the input offset added. The
 * bytes are paired before widening: PKHBT of pixels a, b gives a0 a1 b0 b1,
 * PKHTB a2 a3 b2 b3, so SXTAB16 and SXTAB16 ROR #8 of those are already
 * the channels' pairs (a_k, b_k); pairs 0 and 1 of a channel go out in one
 * STRD. 37 instructions a row (24 values), the loop's three included.
 */
static inline __attribute__((always_inline)) void tdw_rows6(int32_t *d, const int8_t *src,
                                                            int32_t C, int32_t off2, int32_t n)
{
    int32_t a, b, t0, u0, t1, u1;
    __asm__ volatile("1:\n\t"
                     "ldr     %[a], [%[s]]\n\t"
                     "ldr     %[b], [%[s], %[C]]\n\t"
                     "add     %[s], %[s], %[C], lsl #1\n\t"
                     "pkhbt   %[t0], %[a], %[b], lsl #16\n\t"
                     "pkhtb   %[u0], %[b], %[a], asr #16\n\t"
                     "ldr     %[a], [%[s]]\n\t"
                     "ldr     %[b], [%[s], %[C]]\n\t"
                     "add     %[s], %[s], %[C], lsl #1\n\t"
                     "pkhbt   %[t1], %[a], %[b], lsl #16\n\t"
                     "pkhtb   %[u1], %[b], %[a], asr #16\n\t"
                     "sxtab16 %[a], %[o], %[t0]\n\t"
                     "sxtab16 %[b], %[o], %[t1]\n\t"
                     "strd    %[a], %[b], [%[d]]\n\t"
                     "sxtab16 %[a], %[o], %[t0], ror #8\n\t"
                     "sxtab16 %[b], %[o], %[t1], ror #8\n\t"
                     "strd    %[a], %[b], [%[d], #128]\n\t"
                     "sxtab16 %[a], %[o], %[u0]\n\t"
                     "sxtab16 %[b], %[o], %[u1]\n\t"
                     "strd    %[a], %[b], [%[d], #256]\n\t"
                     "sxtab16 %[a], %[o], %[u0], ror #8\n\t"
                     "sxtab16 %[b], %[o], %[u1], ror #8\n\t"
                     "strd    %[a], %[b], [%[d], #384]\n\t"
                     "ldr     %[a], [%[s]]\n\t"
                     "ldr     %[b], [%[s], %[C]]\n\t"
                     "add     %[s], %[s], %[C], lsl #1\n\t"
                     "pkhbt   %[t0], %[a], %[b], lsl #16\n\t"
                     "pkhtb   %[u0], %[b], %[a], asr #16\n\t"
                     "sxtab16 %[a], %[o], %[t0]\n\t"
                     "sxtab16 %[b], %[o], %[t0], ror #8\n\t"
                     "str     %[a], [%[d], #8]\n\t"
                     "str     %[b], [%[d], #136]\n\t"
                     "sxtab16 %[a], %[o], %[u0]\n\t"
                     "sxtab16 %[b], %[o], %[u0], ror #8\n\t"
                     "str     %[a], [%[d], #264]\n\t"
                     "str     %[b], [%[d], #392]\n\t"
                     "adds    %[d], %[d], #16\n\t"
                     "subs    %[n], %[n], #1\n\t"
                     "bne     1b"
                     : [s] "+r"(src), [d] "+r"(d), [n] "+r"(n), [a] "=&r"(a), [b] "=&r"(b),
                       [t0] "=&r"(t0), [u0] "=&r"(u0), [t1] "=&r"(t1), [u1] "=&r"(u1)
                     : [C] "r"(C), [o] "r"(off2)
                     : "memory", "cc");
}

/* The same for rows of three pixels: pixels 0, 1 as above, pixel 2 in
 * the bottom half of word 1 (its top half is never read); one STRD a
 * channel. 22 instructions a row (12 values). */
static inline __attribute__((always_inline)) void tdw_rows3(int32_t *d, const int8_t *src,
                                                            int32_t C, int32_t off2, int32_t n)
{
    int32_t a, b, t0, u0, x;
    __asm__ volatile("1:\n\t"
                     "ldr     %[a], [%[s]]\n\t"
                     "ldr     %[b], [%[s], %[C]]\n\t"
                     "pkhbt   %[t0], %[a], %[b], lsl #16\n\t"
                     "pkhtb   %[u0], %[b], %[a], asr #16\n\t"
                     "ldr     %[x], [%[s], %[C], lsl #1]\n\t"
                     "add     %[s], %[s], %[C]\n\t"
                     "add     %[s], %[s], %[C], lsl #1\n\t"
                     "sxtab16 %[a], %[o], %[t0]\n\t"
                     "sxtab16 %[b], %[o], %[x]\n\t"
                     "strd    %[a], %[b], [%[d]]\n\t"
                     "sxtab16 %[a], %[o], %[u0]\n\t"
                     "lsr     %[b], %[b], #16\n\t"
                     "strd    %[a], %[b], [%[d], #256]\n\t"
                     "sxtab16 %[a], %[o], %[t0], ror #8\n\t"
                     "sxtab16 %[b], %[o], %[x], ror #8\n\t"
                     "strd    %[a], %[b], [%[d], #128]\n\t"
                     "sxtab16 %[a], %[o], %[u0], ror #8\n\t"
                     "lsr     %[b], %[b], #16\n\t"
                     "strd    %[a], %[b], [%[d], #384]\n\t"
                     "adds    %[d], %[d], #16\n\t"
                     "subs    %[n], %[n], #1\n\t"
                     "bne     1b"
                     : [s] "+r"(src), [d] "+r"(d), [n] "+r"(n), [a] "=&r"(a), [b] "=&r"(b),
                       [t0] "=&r"(t0), [u0] "=&r"(u0), [x] "=&r"(x)
                     : [C] "r"(C), [o] "r"(off2)
                     : "memory", "cc");
}

/*
 * Filter line f (taps f, f + C, f + 2C, four channels each) of the group as
 * each channel's doubled pairs A = (w0, w1), B = (w1, w2) at tw (tables 44
 * bytes apart): SXTB16 of a tap word gives channels (0, 2), ROR #8 (1, 3),
 * SXTAB16 of itself doubles them, PKHBT / PKHTB pair the taps, one STRD a
 * channel. 27 instructions.
 */
static inline __attribute__((always_inline)) void tdw_wline(int32_t *tw, const int8_t *f, int32_t C)
{
    int32_t v0, v1, v2, e0, e1, e2, a, b;
    __asm__ volatile("ldr     %[v0], [%[f]]\n\t"
                     "ldr     %[v1], [%[f], %[C]]\n\t"
                     "ldr     %[v2], [%[f], %[C], lsl #1]\n\t"
                     "sxtb16  %[e0], %[v0]\n\t"
                     "sxtb16  %[e1], %[v1]\n\t"
                     "sxtb16  %[e2], %[v2]\n\t"
                     "sxtab16 %[e0], %[e0], %[v0]\n\t"
                     "sxtab16 %[e1], %[e1], %[v1]\n\t"
                     "sxtab16 %[e2], %[e2], %[v2]\n\t"
                     "pkhbt   %[a], %[e0], %[e1], lsl #16\n\t"
                     "pkhbt   %[b], %[e1], %[e2], lsl #16\n\t"
                     "strd    %[a], %[b], [%[t]]\n\t"
                     "pkhtb   %[a], %[e1], %[e0], asr #16\n\t"
                     "pkhtb   %[b], %[e2], %[e1], asr #16\n\t"
                     "strd    %[a], %[b], [%[t], #88]\n\t"
                     "sxtb16  %[e0], %[v0], ror #8\n\t"
                     "sxtb16  %[e1], %[v1], ror #8\n\t"
                     "sxtb16  %[e2], %[v2], ror #8\n\t"
                     "sxtab16 %[e0], %[e0], %[v0], ror #8\n\t"
                     "sxtab16 %[e1], %[e1], %[v1], ror #8\n\t"
                     "sxtab16 %[e2], %[e2], %[v2], ror #8\n\t"
                     "pkhbt   %[a], %[e0], %[e1], lsl #16\n\t"
                     "pkhbt   %[b], %[e1], %[e2], lsl #16\n\t"
                     "strd    %[a], %[b], [%[t], #44]\n\t"
                     "pkhtb   %[a], %[e1], %[e0], asr #16\n\t"
                     "pkhtb   %[b], %[e2], %[e1], asr #16\n\t"
                     "strd    %[a], %[b], [%[t], #132]"
                     : [v0] "=&r"(v0), [v1] "=&r"(v1), [v2] "=&r"(v2), [e0] "=&r"(e0),
                       [e1] "=&r"(e1), [e2] "=&r"(e2), [a] "=&r"(a), [b] "=&r"(b)
                     : [t] "r"(tw), [f] "r"(f), [C] "r"(C)
                     : "memory");
}

static const int32_t tdw_zero4[4] = {0, 0, 0, 0};

/* A channel outside the asm stage's conditions: the exact requantization
 * (arm_requant.h) on the widened plane (pixel x of row y in half x & 1 of
 * word 4 (y + 1) + x / 2), weights not doubled. */
static __attribute__((noinline)) void tdw_slow(const int32_t *pl, const int8_t *f, int32_t C,
                                               int32_t bias, int32_t m, int32_t sh,
                                               const mote_conv_s8_params *p, int32_t h, int32_t w,
                                               int8_t *out)
{
    int32_t y, x, ky, kx;
    for (y = 0; y < h; ++y)
        for (x = 0; x < w; ++x) {
            int32_t acc = bias;
            for (ky = 0; ky < 3; ++ky)
                for (kx = 0; kx < 3; ++kx) {
                    const int32_t ix = x + kx - 1;
                    if (ix >= 0 && ix < w) {
                        const uint32_t v = (uint32_t)pl[(y + ky) * 4 + (ix >> 1)];
                        acc += (int32_t)f[(ky * 3 + kx) * C] *
                               (int32_t)(int16_t)(ix & 1 ? v >> 16 : v & 0xFFFFu);
                    }
                }
            out[(y * w + x) * C] =
                mote_arm_out_s8(acc, m, sh, p->output_offset, p->act_min, p->act_max);
        }
}

void mote_arm_dw_tiny(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                      const int8_t *input, const int8_t *filter, const int32_t *bias,
                      const mote_dims *od, int8_t *output)
{
    int32_t pl[4 * 8 * 4];
    tdw_grp g;
    const int32_t C = od->c, h = od->h, w = od->w, npx = h * w;
    const int32_t off2 = mote_arm_dup16(p->input_offset);
    const uint32_t h1 = 2u * (uint32_t)p->output_offset + 1u; /* H = h1 << (e - 1) */
    int32_t c0, k;
    /* the group call for this plane's width and height */
    void (*const grp)(const int32_t *, tdw_grp *, int8_t *, int32_t) =
        w == 6 ? tdw_chan : tdw_chan3;
    (void)id;
    /* rows 0 and h + 1 of every plane stay zero (the padding) */
    memset(pl, 0, sizeof pl);
    for (k = 0; k < 4; ++k)
        g.t[k].x = w == 6 ? (uint32_t)(h >= 2 ? 6 - h : 5)
                          : (uint32_t)(uintptr_t)(pl + k * 32 + 4 * (h - 1));
    g.sh = q->shift;
    g.m = q->multiplier;
    g.b = bias;
    g.h1 = h1;
    g.slow = 0;
    for (c0 = 0; c0 < C; c0 += 4) {
        /* the group's four planes: pixels x, x + 1 of row y in word
         * 4 (y + 1) + x / 2 of each channel's plane (32 words a plane) */
        if (w == 6)
            tdw_rows6(pl + 4, input + c0, C, off2, h);
        else
            tdw_rows3(pl + 4, input + c0, C, off2, h);
        /* the four channels' doubled weight pairs, line by line */
        {
            const int8_t *f = filter + c0;
            tdw_wline(g.t[0].w, f, C);
            f += 3 * C;
            tdw_wline(g.t[0].w + 2, f, C);
            f += 3 * C;
            tdw_wline(g.t[0].w + 4, f, C);
        }
        if (bias == NULL) g.b = tdw_zero4;
        grp(pl, &g, output + c0, C);
        if (g.slow) {
            /* a channel outside the asm stage: the exact C loop */
            const int32_t *const bp = bias ? bias + c0 : tdw_zero4;
            g.slow = 0;
            for (k = 0; k < 4; ++k) {
                const int32_t sh = q->shift[c0 + k], b = bp[k];
                if ((uint32_t)(sh + 22) > 21u || (uint32_t)b + (1u << 29) >= (1u << 30))
                    tdw_slow(pl + k * 32, filter + c0 + k, C, b, q->multiplier[c0 + k], sh, p, h, w,
                             output + c0 + k);
            }
        }
    }
    if (p->act_min > -128 || p->act_max < 127) {
        /* the activation range on four channels at a time (C % 4 == 0) */
        const uint32_t lo = mote_arm_dup8(p->act_min), hi = mote_arm_dup8(p->act_max);
        int8_t *o = output, *oe = output + npx * C;
        for (; o < oe; o += 4) {
            uint32_t v = mote_arm_ld32(o), ge;
            __asm__("ssub8   %1, %0, %2\n\t"
                    "sel     %0, %0, %2\n\t"
                    "ssub8   %1, %3, %0\n\t"
                    "sel     %0, %0, %3"
                    : "+r"(v), "=&r"(ge)
                    : "r"(lo), "r"(hi));
            mote_arm_st32(o, v);
        }
    }
}

mote_status mote_arm_dw_tiny_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (io->in[0] == NULL || io->in[1] == NULL || io->out[0] == NULL || io->in[0] == io->out[0] ||
        !mote_arm_dw_tiny_fits(step))
        return MOTE_E_ARG;
    mote_arm_dw_tiny(&s->p, &q, &s->in, (const int8_t *)io->in[0], (const int8_t *)io->in[1],
                     (const int32_t *)io->in[2], &s->out, (int8_t *)io->out[0]);
    return MOTE_OK;
}

#endif /* __ARM_FEATURE_DSP */
