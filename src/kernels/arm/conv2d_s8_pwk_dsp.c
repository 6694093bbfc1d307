/*
 * conv2d_s8_pwk_dsp.c — CONV_2D, int8, DSP extension: pointwise
 * convolutions of 8 or 16 input channels (1x1, stride 1, no padding,
 * K = 8 or 16, out_c % 4 == 0, out_c * (K / 2 + 4) <= MOTE_ARM_PWK_WORDS,
 * not in place; arm_paths.h, MOTE_ARM_CONV_PWK), the arm_dsp_pwk row.
 * VWW's and person_detect's 48x48x8 -> 48x48x16 and 24x24x16 -> 24x24x32
 * layers.
 *
 * With K = 8 or 16 a pixel's inputs, widened with the input offset, fit in
 * four or eight registers. Each call lays out a stream per output channel
 * (bias, the K / 2 widened weight pairs, the output stage's multiplier,
 * high-word addend with the output zero point folded in, and shift); then
 * per pixel one pass over every channel: the channel's words by LDM, K / 2
 * SMLAD and the output stage of the 3x3 depthwise int16 lines (weights and
 * bias doubled in the stream, so SMMLAR of 2 acc gives the reference's
 * SaturatingRoundingDoublingHighMul; ADD of the sign into the addend,
 * SMMLAR, ASR, SSAT: four instructions, against six for the folded
 * mote_arm_requant_e2 with SMLAL; see depthwise_conv2d_s8_3x3_dsp.c and
 * arm_requant.h for why it is exact), four channels packed into one
 * word and stored. No filter rows are widened per pixel block and no loop
 * state is reloaded per channel, which is what the pixel-chunk path
 * (conv2d_s8_pw_dsp.c) spends on so short a K; its per-call set-up (the
 * filter rows of every four-channel block widened) also costs more in a
 * band chain, where each call is one row.
 *
 * Shifts outside [-23, -1] or biases outside [-2^29, 2^29) (the output
 * stage's range: |2 acc| < 2^31, and H + x cannot wrap with |zp 2^e| <=
 * 2^30, |x| <= |acc| < 2^29 + 2^19): the call returns 0 and the step runs
 * the pixel-chunk path.
 *
 * Bit-exact with mote_ref_conv2d_s8.
 */
#include "kernels/arm/arm_paths.h"
#include "kernels/arm/arm_rows.h"

/* The row's cases (portable: the host plans for the device). */
int mote_arm_conv_pwk_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_PWK;
}

#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"

/* Whether the output stage may drop its sign correction (the H - [acc < 0]
 * that rounds halves away from zero as the reference does): it only moves
 * outputs of a negative accumulator, and with m >= 0 and e >= 1 those are
 * <= zp with or without it (H = 2^(e-1) + zp 2^e plus a rounded product
 * <= 0, shifted by e); with act_min >= zp (ReLU / ReLU6: VWW's and
 * person_detect's layers) the clamp makes them act_min either way. One
 * instruction less an output (the _relu loops; a ReLU's [-128, 127] with
 * zp = -128 as well: VWW's layers 2 and 4). */
#define PWK_NOSIGN(p) ((p)->act_min >= (p)->output_offset)

/* What the pixel loops read (offsets fixed in their asm; copied to their
 * frame, where pwk16 also keeps its input and output pointers). */
typedef struct pwk_ctx {
    const int32_t *ws;   /* 0: the stream of the first channel */
    const int32_t *wend; /* 4: its end (unused: marked in the stream) */
    const int8_t *in;    /* 8: the first pixel's inputs */
    const int8_t *iend;  /* 12: past the last pixel's */
    int8_t *out;         /* 16: the first pixel's outputs */
    int32_t off2;        /* 20: input offset in both halves */
    uint32_t lo4;        /* 24: act_min in every byte */
    uint32_t hi4;        /* 28: act_max in every byte */
} pwk_ctx;

/* One output channel against the pixel's widened inputs (r0 .. r3): all
 * eight words of its stream in one LDM (the doubled bias, the four weight
 * pairs, the output stage's m, H, e), four SMLAD (2 acc), requantized (H -
 * [acc < 0] + SMMLAR, then >> e: the zero point is in H) into r5, before
 * SSAT. SIGN is PW8_SIGN (the H - [acc < 0] correction) or nothing (see
 * PWK_NOSIGN below). */
#define PW8_SIGN "add     r11, r11, r5, asr #31\n\t"
/* clang-format off */
#define PW8_CH(SIGN)                                                                               \
    "ldm     r4!, {r5, r6, r7, r8, r9, r10, r11, r12}\n\t"                                         \
    "smlad   r5, r6, r0, r5\n\t"                                                                   \
    "smlad   r5, r7, r1, r5\n\t"                                                                   \
    "smlad   r5, r8, r2, r5\n\t"                                                                   \
    "smlad   r5, r9, r3, r5\n\t"                                                                   \
    SIGN                                                                                           \
    "smmlar  r5, r5, r10, r11\n\t"                                                                 \
    "asr     r5, r5, r12\n\t"
/* clang-format on */

/* Four channels packed into lr (SSAT, BFI). */
/* clang-format off */
#define PW8_BLOCK(SIGN)                                                                            \
    PW8_CH(SIGN)                                                                                   \
    "ssat    lr, #8, r5\n\t"                                                                       \
    PW8_CH(SIGN)                                                                                   \
    "ssat    r5, #8, r5\n\t"                                                                       \
    "bfi     lr, r5, #8, #8\n\t"                                                                   \
    PW8_CH(SIGN)                                                                                   \
    "ssat    r5, #8, r5\n\t"                                                                       \
    "bfi     lr, r5, #16, #8\n\t"                                                                  \
    PW8_CH(SIGN)                                                                                   \
    "ssat    r5, #8, r5\n\t"                                                                       \
    "bfi     lr, r5, #24, #8\n\t"
/* clang-format on */

/* The activation range on the packed word lr (SSUB8 / SEL against the
 * bounds on the frame). */
#define PW8_CLAMP                                                                                  \
    "ldrd    r6, r7, [sp, #24]\n\t"                                                                \
    "ssub8   r8, lr, r6\n\t"                                                                       \
    "sel     lr, lr, r6\n\t"                                                                       \
    "ssub8   r8, r7, lr\n\t"                                                                       \
    "sel     lr, lr, r7\n\t"

/*
 * K = 8: every pixel of the context against every channel of the stream:
 * registers r0 .. r3 the pixel's widened inputs, r4 the stream, r5 .. r12
 * one channel's words, lr the packed outputs; the input and output
 * pointers on the frame (the context), the stream's end marked in its last
 * e word (bit 8, which ASR's shift count, the register's low byte, does
 * not see). Hand-written (naked): the loop needs all 14 registers.
 */
/* clang-format off */
#define PW8_FN(NAME, CLAMP, SIGN)                                                                  \
    __attribute__((naked, noinline)) static void NAME(const pwk_ctx *ctx __attribute__((unused)))  \
    {                                                                                              \
        __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"                      \
                         "ldm     r0, {r1, r2, r3, r4, r5, r6, r7, r8}\n\t"                        \
                         "push    {r1, r2, r3, r4, r5, r6, r7, r8}\n\t"                            \
                         "1:\n\t"                                                                  \
                         "ldr     r6, [sp, #8]\n\t"                                                \
                         "ldr     r8, [sp, #20]\n\t"                                               \
                         "ldr     r5, [r6], #4\n\t"                                                \
                         "ldr     r7, [r6], #4\n\t"                                                \
                         "str     r6, [sp, #8]\n\t"                                                \
                         "ldr     r4, [sp, #0]\n\t"                                                \
                         "sxtab16 r0, r8, r5\n\t"                                                  \
                         "sxtab16 r1, r8, r5, ror #8\n\t"                                          \
                         "sxtab16 r2, r8, r7\n\t"                                                  \
                         "sxtab16 r3, r8, r7, ror #8\n\t"                                          \
                         "2:\n\t"                                                                  \
                         PW8_BLOCK(SIGN)                                                           \
                         CLAMP                                                                     \
                         "ldr     r6, [sp, #16]\n\t"                                               \
                         "str     lr, [r6], #4\n\t"                                                \
                         "str     r6, [sp, #16]\n\t"                                               \
                         "tst     r12, #0x100\n\t" /* the last block's end mark */                 \
                         "beq     2b\n\t"                                                          \
                         "ldrd    r5, r6, [sp, #8]\n\t"                                            \
                         "cmp     r5, r6\n\t"                                                      \
                         "bne     1b\n\t"                                                          \
                         "add     sp, sp, #32\n\t"                                                 \
                         "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");                    \
    }
/* clang-format on */

/* pw8_full: the act range is [-128, 127] (SSAT alone clamps); pw8_clamp:
 * any other range; the _relu ones the same with act_min >= zp
 * (PWK_NOSIGN: ReLU / ReLU6 layers, whose [-128, 127] has zp = -128). */
PW8_FN(pw8_full, "", PW8_SIGN)
PW8_FN(pw8_clamp, PW8_CLAMP, PW8_SIGN)
PW8_FN(pw8_full_relu, "", "")
PW8_FN(pw8_relu, PW8_CLAMP, "")

/* MOTE_ARM_K16_CH (arm_dsp.h) without the H - [acc < 0] correction
 * (PWK_NOSIGN): the pixel loops of pw16_full_relu and pw16_relu. */
#define PW16_CH_NOSIGN                                                                             \
    MOTE_ARM_K16_DOT                                                                               \
    "smmlar  r9, r9, lr, r11\n\t"                                                                  \
    "asr     r9, r9, r12\n\t"

/* clang-format off */
#define PW16_BLOCK(CH)                                                                             \
    CH                                                                                             \
    "ssat    r10, #8, r9\n\t"                                                                      \
    CH                                                                                             \
    "ssat    r9, #8, r9\n\t"                                                                       \
    "bfi     r10, r9, #8, #8\n\t"                                                                  \
    CH                                                                                             \
    "ssat    r9, #8, r9\n\t"                                                                       \
    "bfi     r10, r9, #16, #8\n\t"                                                                 \
    CH                                                                                             \
    "ssat    r9, #8, r9\n\t"                                                                       \
    "bfi     r10, r9, #24, #8\n\t"
/* clang-format on */

#define PW16_CLAMP                                                                                 \
    "ldrd    r11, r12, [sp, #24]\n\t"                                                              \
    "ssub8   r9, r10, r11\n\t"                                                                     \
    "sel     r10, r10, r11\n\t"                                                                    \
    "ssub8   r9, r12, r10\n\t"                                                                     \
    "sel     r10, r10, r12\n\t"

/*
 * K = 16: registers r0 .. r7 the pixel's widened inputs, r8 the stream,
 * r9 the accumulator, r11, r12, lr the channel's words, r10 the packed
 * outputs; the input and output pointers on the frame, the stream's end
 * marked as pw8's (bit 8 of the last e word).
 */
/* clang-format off */
#define PW16_FN(NAME, CLAMP, CH)                                                                   \
    __attribute__((naked, noinline)) static void NAME(const pwk_ctx *ctx __attribute__((unused)))  \
    {                                                                                              \
        __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"                      \
                         "ldm     r0, {r1, r2, r3, r4, r5, r6, r7, r8}\n\t"                        \
                         "push    {r1, r2, r3, r4, r5, r6, r7, r8}\n\t"                            \
                         "1:\n\t"                                                                  \
                         "ldr     r8, [sp, #8]\n\t"                                                \
                         "ldr     r10, [sp, #20]\n\t"                                              \
                         "ldr     r9, [r8], #4\n\t"                                                \
                         "ldr     r11, [r8], #4\n\t"                                               \
                         "ldr     r12, [r8], #4\n\t"                                               \
                         "ldr     lr, [r8], #4\n\t"                                                \
                         "str     r8, [sp, #8]\n\t"                                                \
                         "sxtab16 r0, r10, r9\n\t"                                                 \
                         "sxtab16 r1, r10, r9, ror #8\n\t"                                         \
                         "sxtab16 r2, r10, r11\n\t"                                                \
                         "sxtab16 r3, r10, r11, ror #8\n\t"                                        \
                         "sxtab16 r4, r10, r12\n\t"                                                \
                         "sxtab16 r5, r10, r12, ror #8\n\t"                                        \
                         "sxtab16 r6, r10, lr\n\t"                                                 \
                         "sxtab16 r7, r10, lr, ror #8\n\t"                                         \
                         "ldr     r8, [sp, #0]\n\t"                                                \
                         "2:\n\t"                                                                  \
                         PW16_BLOCK(CH)                                                            \
                         "tst     r12, #0x100\n\t" /* the end mark (SSUB8 keeps Z) */              \
                         CLAMP                                                                     \
                         "ldr     r9, [sp, #16]\n\t"                                               \
                         "str     r10, [r9], #4\n\t"                                               \
                         "str     r9, [sp, #16]\n\t"                                               \
                         "beq     2b\n\t"                                                          \
                         "ldrd    r9, r11, [sp, #8]\n\t"                                           \
                         "cmp     r9, r11\n\t"                                                     \
                         "bne     1b\n\t"                                                          \
                         "add     sp, sp, #32\n\t"                                                 \
                         "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");                    \
    }
/* clang-format on */

PW16_FN(pw16_full, "", MOTE_ARM_K16_CH)
PW16_FN(pw16_clamp, PW16_CLAMP, MOTE_ARM_K16_CH)
PW16_FN(pw16_full_relu, "", PW16_CH_NOSIGN)
PW16_FN(pw16_relu, PW16_CLAMP, PW16_CH_NOSIGN)

/* What pwk_stream reads (offsets fixed in its asm). */
typedef struct pwk_src {
    const int8_t *filter; /* 0: OC rows of K bytes (any alignment) */
    const int32_t *bias;  /* 4: the first channel's bias (or a 0 word) */
    int32_t bstep;        /* 8: bytes from one channel's bias to the next (0: no bias) */
    const int32_t *mult;  /* 12: multipliers */
    const int8_t *shift;  /* 16: shifts */
    int32_t oc;           /* 20: channels (>= 1) */
    int32_t pairs;        /* 24: K / 8 (filter words in pairs: 1 or 2) */
    int32_t h1;           /* 28: 2 zp + 1 (zp the output zero point) */
} pwk_src;

/* One channel's bias (doubled) and its first eight filter bytes as four
 * doubled weight pairs, stored by one STM with the bias: SXTB16 of the
 * filter word and of it rotated by 8, SADD16 (|2w| <= 256: int16). The
 * bias range is checked once per stream: r8 ORs every bias + 2^29, whose
 * bits 30 and 31 are clear exactly when all of them are in [-2^29, 2^29). */
#define PWS_HEAD                                                                                   \
    "ldr     r1, [r3]\n\t"                                                                         \
    "add     r3, r3, r4\n\t"                                                                       \
    "add     r10, r1, #0x20000000\n\t"                                                             \
    "orr     r8, r8, r10\n\t"                                                                      \
    "lsl     r1, r1, #1\n\t"                                                                       \
    "ldr     r11, [r2], #4\n\t"                                                                    \
    "ldr     lr, [r2], #4\n\t"                                                                     \
    "sxtb16  r10, r11\n\t"                                                                         \
    "sxtb16  r11, r11, ror #8\n\t"                                                                 \
    "sxtb16  r12, lr\n\t"                                                                          \
    "sxtb16  lr, lr, ror #8\n\t"                                                                   \
    "sadd16  r10, r10, r10\n\t"                                                                    \
    "sadd16  r11, r11, r11\n\t"                                                                    \
    "sadd16  r12, r12, r12\n\t"                                                                    \
    "sadd16  lr, lr, lr\n\t"                                                                       \
    "stm     r0!, {r1, r10, r11, r12, lr}\n\t"

/* K = 16: the next eight filter bytes, four more pairs. */
#define PWS_MORE                                                                                   \
    "ldr     r11, [r2], #4\n\t"                                                                    \
    "ldr     lr, [r2], #4\n\t"                                                                     \
    "sxtb16  r10, r11\n\t"                                                                         \
    "sxtb16  r11, r11, ror #8\n\t"                                                                 \
    "sxtb16  r12, lr\n\t"                                                                          \
    "sxtb16  lr, lr, ror #8\n\t"                                                                   \
    "sadd16  r10, r10, r10\n\t"                                                                    \
    "sadd16  r11, r11, r11\n\t"                                                                    \
    "sadd16  r12, r12, r12\n\t"                                                                    \
    "sadd16  lr, lr, lr\n\t"                                                                       \
    "stm     r0!, {r10, r11, r12, lr}\n\t"

/* The output stage's m, H = (2 zp + 1) 2^(e-1), e (e = -shift, e - 1 in
 * [0, 22], else out at once), then the next channel. */
#define PWS_TAIL(LOOP)                                                                             \
    "ldr     r1, [r5], #4\n\t"                                                                     \
    "ldrsb   r12, [r6], #1\n\t"                                                                    \
    "mvn     r11, r12\n\t"                                                                         \
    "cmp     r11, #22\n\t"                                                                         \
    "bhi     9f\n\t"                                                                               \
    "rsb     r12, r12, #0\n\t"                                                                     \
    "lsl     r11, r9, r11\n\t"                                                                     \
    "stm     r0!, {r1, r11, r12}\n\t"                                                              \
    "subs    r7, r7, #1\n\t"                                                                       \
    "bne     " LOOP "\n\t"

/*
 * The per-channel stream of the pixel loops into ws (word-aligned): 2 bias,
 * the K / 2 weight pairs doubled (|2w| <= 256: int16) in the order the
 * inputs are widened ((0, 2), (1, 3), (4, 6), (5, 7), ...: SXTB16 of each
 * filter word and of it rotated by 8, SADD16), multiplier, H = 2^(e-1) +
 * zp 2^e, e (e = -shift). 1, or 0 when a bias is outside [-2^29, 2^29) or
 * a shift outside [-23, -1]. Hand-written: it runs on every call, in a
 * band chain once per row (VWW: 48 calls, 45 K instructions of the chain
 * before the loops below), so a loop of its own per K (no test per
 * channel), the bias and four weight pairs stored by one STM, the bias
 * range tested once per stream (26 instructions a channel at K = 8, 37 at
 * K = 16, were 31 and 43).
 */
/* clang-format off */
__attribute__((naked, noinline)) static int pwk_stream(int32_t *ws __attribute__((unused)),
                                                       const pwk_src *a __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "ldm     r1, {r2, r3, r4, r5, r6, r7, r8, r9}\n\t"
                     "cmp     r8, #2\n\t"
                     "mov     r8, #0\n\t" /* the biases + 2^29, ORed */
                     "beq     2f\n\t"
                     "1:\n\t" /* K = 8 */
                     PWS_HEAD
                     PWS_TAIL("1b")
                     "b       3f\n\t"
                     "2:\n\t" /* K = 16 */
                     PWS_HEAD
                     PWS_MORE
                     PWS_TAIL("2b")
                     "3:\n\t"
                     "tst     r8, #0xc0000000\n\t"
                     "bne     9f\n\t"
                     "movs    r0, #1\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t"
                     "9:\n\t"
                     "movs    r0, #0\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}
/* clang-format on */

int mote_arm_conv_pwk(const mote_conv_s8_params *p, const mote_requant *q, int32_t C, int32_t OC,
                      int32_t npix, const int8_t *input, int8_t *output, const int8_t *filter,
                      const int32_t *bias)
{
    static const int32_t zero = 0;
    int32_t ws[MOTE_ARM_PWK_WORDS];
    pwk_ctx cx;
    pwk_src src;
    const int full = p->act_min <= -128 && p->act_max >= 127;
    if ((C != 8 && C != 16) || OC < 4 || OC % 4 != 0 || OC * (C / 2 + 4) > MOTE_ARM_PWK_WORDS ||
        npix < 1)
        return 0;
    src.filter = filter;
    src.bias = bias ? bias : &zero;
    src.bstep = bias ? 4 : 0;
    src.mult = q->multiplier;
    src.shift = q->shift;
    src.oc = OC;
    src.pairs = C / 8;
    src.h1 = 2 * p->output_offset + 1;
    if (!pwk_stream(ws, &src)) return 0;
    cx.ws = ws;
    cx.wend = ws + OC * (C / 2 + 4);
    cx.in = input;
    cx.iend = input + (size_t)npix * (size_t)C;
    cx.out = output;
    cx.off2 = mote_arm_dup16(p->input_offset);
    cx.lo4 = mote_arm_dup8(p->act_min);
    cx.hi4 = mote_arm_dup8(p->act_max);
    /* the end mark the loops test (e < 256); read by the asm through cx.ws,
     * which cppcheck does not see */
    // cppcheck-suppress unreadVariable
    ws[OC * (C / 2 + 4) - 1] |= 0x100;
    if (C == 8)
        (PWK_NOSIGN(p) ? (full ? pw8_full_relu : pw8_relu) : full ? pw8_full : pw8_clamp)(&cx);
    else
        (PWK_NOSIGN(p) ? (full ? pw16_full_relu : pw16_relu) : full ? pw16_full : pw16_clamp)(&cx);
    return 1;
}

/* The step entry of the arm_dsp_pwk row (the pixel-chunk path for shifts
 * it refuses). */
mote_status mote_arm_conv_pwk_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    const int8_t *in = (const int8_t *)io->in[0], *w = (const int8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int8_t *out = (int8_t *)io->out[0];
    const int32_t npix = s->out.n * s->out.h * s->out.w;
    if (in == NULL || w == NULL || out == NULL ||
        mote_arm_conv2d_s8_step_path(s, in == out) != MOTE_ARM_CONV_PWK)
        return MOTE_E_ARG;
    if (!mote_arm_conv_pwk(&s->p, &q, s->filter.c, s->out.c, npix, in, out, w, bias))
        mote_arm_conv_pw(&s->p, &q, s->filter.c, s->out.c, npix, in, out, w, bias);
    return MOTE_OK;
}

#endif
