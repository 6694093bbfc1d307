/*
 * conv2d_s8_pws_dsp.c — CONV_2D, int8, DSP extension: strided pointwise
 * convolutions (1x1, stride > 1 on some axis, no padding, K % 8 == 0,
 * K <= 128, out_c % 4 == 0, not in place; arm_paths.h,
 * MOTE_ARM_CONV_PWS), the arm_dsp_pws row. IC's (ResNet-8) shortcut
 * convolutions 32x32x16 -> 16x16x32 and 16x16x32 -> 8x8x64.
 *
 * A 1x1 filter at stride s reads one input pixel per output pixel (the
 * pixels of one output row are s * C bytes apart). Three kernels:
 * C = 16, pws16: a pixel's inputs in registers, one pass over a
 * per-channel stream; C % 16 == 0 from 32, pwsb: one pixel x four
 * channels over gathered, widened pixels; both with a three-instruction
 * output stage (below). Any other C, or a channel that output stage
 * refuses: the gathered pixels through the pixel-chunk path's engine
 * (mote_arm_pw_chunk). The patch path, which these steps took before,
 * widens the int8 filter rows again for every pixel (21 instructions per
 * 16 MACs).
 *
 * Bit-exact with mote_ref_conv2d_s8 (the chunk engine's arithmetic).
 */
#include "kernels/arm/arm_paths.h"
#include "kernels/arm/arm_rows.h"

/* The rows' cases (portable: the host plans for the device): out of place,
 * and in place row by row (each row call out of place, as
 * mote_arm_conv_rows makes them: arm_rows.c's rule for the rows rows). */
int mote_arm_conv_pws_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_PWS;
}

int mote_arm_conv_rows_pws_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 1) == MOTE_ARM_CONV_RING &&
           mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_PWS;
}

#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"

/* The stack buffer: the four widened filter rows (8 G words) and the
 * chunk's widened pixels (2 G words each). 768 words: IC's 16x16x32 ->
 * 8x8x64 step (G = 8) takes its 64 pixels in two chunks; a band call of
 * its 32x32x16 -> 16x16x32 step (one output row: 16 pixels, G = 4) one. */
#define PWS_BUF_WORDS 768

/*
 * n >= 1 pixels, `step` bytes apart from src, each `pairs` >= 1 pairs of
 * groups of four int8 (C = 8 pairs bytes, any alignment: LDR), widened with
 * the offset pair off2 into d (mote_arm_widen_in's layout, pixel after
 * pixel): nine instructions per pair of groups.
 */
__attribute__((naked, noinline)) static void
pws_widen(int32_t *d __attribute__((unused)), const int8_t *src __attribute__((unused)),
          int32_t n __attribute__((unused)), int32_t pairs __attribute__((unused)),
          int32_t step __attribute__((unused)), int32_t off2 __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, lr}\n\t"
                     "ldrd    r4, r5, [sp, #32]\n\t" /* step, off2 */
                     "1:\n\t"
                     "mov     r6, r1\n\t"
                     "mov     r7, r3\n\t"
                     "2:\n\t"
                     "ldr     r9, [r6], #4\n\t"
                     "ldr     lr, [r6], #4\n\t"
                     "sxtab16 r8, r5, r9\n\t"
                     "sxtab16 r9, r5, r9, ror #8\n\t"
                     "sxtab16 r10, r5, lr\n\t"
                     "sxtab16 lr, r5, lr, ror #8\n\t"
                     "stm     r0!, {r8, r9, r10, lr}\n\t"
                     "subs    r7, r7, #1\n\t"
                     "bne     2b\n\t"
                     "add     r1, r1, r4\n\t"
                     "subs    r2, r2, #1\n\t"
                     "bne     1b\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, pc}\n\t");
}

/*
 * Sixteen input channels (IC's 32x32x16 -> 16x16x32): the K = 16 row of
 * the pwk path (conv2d_s8_pwk_dsp.c: a pixel's eight widened input pairs
 * in registers, one pass over a per-channel stream) with the pixels read
 * at the stride, and an output stage of three instructions: with the
 * inputs widened doubled (SADD16) and the bias doubled, the accumulator is
 * 2 acc (|acc| < 2^29 + 2^19: the stream takes |bias| < 2^29), and
 *   mul_high(acc, m) = floor((acc m + 2^30) / 2^31)
 *                    = floor((2 acc m + 2^31) / 2^32) = SMMULR(2 acc, m)
 * (TFLite's nudge and truncation toward zero give this floor in both
 * signs). The rounding divide by 2^e (e = -shift in [1, 22]) with the
 * output zero point folded in is floor((y + kq - [y < 0]) / 2^e), kq =
 * 2^(e-1) + ooff 2^e; [y < 0] may be [acc < 0] (m >= 0: y <= 0 when acc
 * < 0, and y = 0 rounds to 0 either way for e >= 1), so SMMLAR's addend
 * is kq + (2 acc >> 31) and an ASR finishes (|y| < 2^30, kq < 2^29 + 2^21:
 * no wrap). Per channel: four LDM, eight SMLAD, ADD, SMMLAR, ASR, then
 * SSAT / BFI: 15 instructions for 16 MACs before the packing (18 in pwk).
 * Stream per channel (12 words): 2 bias, the eight weight pairs, m, kq, e.
 */
#define PWS16_WORDS 576 /* 48 output channels */

typedef struct pws16_src {
    const int8_t *filter; /* 0: OC rows of 16 bytes (any alignment) */
    const int32_t *bias;  /* 4: the first channel's bias (or a 0 word) */
    int32_t bstep;        /* 8: bytes from one channel's bias to the next (0: no bias) */
    const int32_t *mult;  /* 12 */
    const int8_t *shift;  /* 16 */
    int32_t oc;           /* 20: channels (>= 1) */
    int32_t ooff;         /* 24: output zero point */
} pws16_src;

/* The stream into ws: 1, or 0 at the first channel it cannot take (|bias|
 * >= 2^29, multiplier < 0, shift outside [-22, -1]). */
/* clang-format off */
__attribute__((naked, noinline)) static int pws16_stream(int32_t *ws __attribute__((unused)),
                                                         const pws16_src *a __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "ldm     r1, {r2, r3, r4, r5, r6, r7, r8}\n\t"
                     "1:\n\t"
                     "ldr     r10, [r3]\n\t"
                     "add     r3, r3, r4\n\t"
                     "add     r11, r10, #0x20000000\n\t"
                     "cmp     r11, #0x40000000\n\t" /* |bias| < 2^29 */
                     "bhs     9f\n\t"
                     "lsl     r10, r10, #1\n\t"
                     "str     r10, [r0], #4\n\t"
                     "ldr     r10, [r2], #4\n\t"
                     "sxtb16  r11, r10\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "strd    r11, r10, [r0], #8\n\t"
                     "ldr     r10, [r2], #4\n\t"
                     "sxtb16  r11, r10\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "strd    r11, r10, [r0], #8\n\t"
                     "ldr     r10, [r2], #4\n\t"
                     "sxtb16  r11, r10\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "strd    r11, r10, [r0], #8\n\t"
                     "ldr     r10, [r2], #4\n\t"
                     "sxtb16  r11, r10\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "strd    r11, r10, [r0], #8\n\t"
                     "ldr     r10, [r5], #4\n\t"  /* m >= 0 */
                     "cmp     r10, #0\n\t"
                     "blt     9f\n\t"
                     "ldrsb   r12, [r6], #1\n\t"
                     "rsb     r12, r12, #0\n\t"   /* e */
                     "sub     r11, r12, #1\n\t"
                     "cmp     r11, #21\n\t"       /* e - 1 in [0, 21] */
                     "bhi     9f\n\t"
                     "mov     lr, #1\n\t"
                     "lsl     r11, lr, r11\n\t"
                     "lsl     lr, r8, r12\n\t"
                     "add     r11, r11, lr\n\t"   /* kq */
                     "stm     r0!, {r10, r11, r12}\n\t"
                     "subs    r7, r7, #1\n\t"
                     "bne     1b\n\t"
                     "movs    r0, #1\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t"
                     "9:\n\t"
                     "movs    r0, #0\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}
/* clang-format on */

/* What the pixel loop reads (offsets fixed in its asm; copied to its frame). */
typedef struct pws16_ctx {
    const int32_t *ws;   /* 0: the first channel's stream */
    const int8_t *in;    /* 4: this pixel's inputs */
    int32_t n;           /* 8: pixels left (>= 1) */
    int32_t step;        /* 12: bytes from one pixel's inputs to the next */
    int32_t off2;        /* 16: input offset in both halves */
    int8_t *out;         /* 20: this block's outputs */
    const int32_t *wend; /* 24: the stream's end */
    uint32_t lo4, hi4;   /* 28: activation range, every byte */
} pws16_ctx;

/* clang-format off */
#define PWS16_BLOCK                                                                                \
    MOTE_ARM_K16_CH                                                                                \
    "ssat    r10, #8, r9\n\t"                                                                      \
    MOTE_ARM_K16_CH                                                                                \
    "ssat    r9, #8, r9\n\t"                                                                       \
    "bfi     r10, r9, #8, #8\n\t"                                                                  \
    MOTE_ARM_K16_CH                                                                                \
    "ssat    r9, #8, r9\n\t"                                                                       \
    "bfi     r10, r9, #16, #8\n\t"                                                                 \
    MOTE_ARM_K16_CH                                                                                \
    "ssat    r9, #8, r9\n\t"                                                                       \
    "bfi     r10, r9, #24, #8\n\t"
/* clang-format on */

#define PWS16_CLAMP                                                                                \
    "ldrd    r11, r12, [sp, #28]\n\t"                                                              \
    "ssub8   r9, r10, r11\n\t"                                                                     \
    "sel     r10, r10, r11\n\t"                                                                    \
    "ssub8   r9, r12, r10\n\t"                                                                     \
    "sel     r10, r10, r12\n\t"

/* one input word (r9 .. lr) widened with the offset (r10) and doubled into two registers */
#define PWS16_IN(w, a, b)                                                                          \
    "sxtab16 " a ", r10, " w "\n\t"                                                                \
    "sxtab16 " b ", r10, " w ", ror #8\n\t"                                                        \
    "sadd16  " a ", " a ", " a "\n\t"                                                              \
    "sadd16  " b ", " b ", " b "\n\t"

/* n pixels of one output row against every channel of the stream. */
/* clang-format off */
#define PWS16_FN(NAME, CLAMP)                                                                      \
    __attribute__((naked, noinline)) static void NAME(const pws16_ctx *ctx __attribute__((unused)))\
    {                                                                                              \
        __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"                      \
                         "ldm     r0, {r1, r2, r3, r4, r5, r6, r7, r8, r9}\n\t"                    \
                         "push    {r1, r2, r3, r4, r5, r6, r7, r8, r9}\n\t"                        \
                         "1:\n\t"                                                                  \
                         "ldr     r8, [sp, #4]\n\t"                                                \
                         "ldr     r10, [sp, #12]\n\t"                                              \
                         "ldr     r9, [r8]\n\t"                                                    \
                         "ldr     r11, [r8, #4]\n\t"                                               \
                         "ldr     r12, [r8, #8]\n\t"                                               \
                         "ldr     lr, [r8, #12]\n\t"                                               \
                         "add     r8, r8, r10\n\t"                                                 \
                         "str     r8, [sp, #4]\n\t"                                                \
                         "ldr     r10, [sp, #16]\n\t"                                              \
                         PWS16_IN("r9", "r0", "r1")                                                \
                         PWS16_IN("r11", "r2", "r3")                                               \
                         PWS16_IN("r12", "r4", "r5")                                               \
                         PWS16_IN("lr", "r6", "r7")                                                \
                         "ldr     r8, [sp, #0]\n\t"                                                \
                         "2:\n\t"                                                                  \
                         PWS16_BLOCK                                                               \
                         CLAMP                                                                     \
                         "ldrd    r9, r11, [sp, #20]\n\t" /* out, wend */                          \
                         "str     r10, [r9], #4\n\t"                                               \
                         "str     r9, [sp, #20]\n\t"                                               \
                         "cmp     r8, r11\n\t"                                                     \
                         "bne     2b\n\t"                                                          \
                         "ldr     r9, [sp, #8]\n\t"                                                \
                         "subs    r9, r9, #1\n\t"                                                  \
                         "str     r9, [sp, #8]\n\t"                                                \
                         "bne     1b\n\t"                                                          \
                         "add     sp, sp, #36\n\t"                                                 \
                         "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");                    \
    }
/* clang-format on */

PWS16_FN(pws16_full, "")
PWS16_FN(pws16_clamp, PWS16_CLAMP)
#undef PWS16_FN
#undef PWS16_IN
#undef PWS16_CLAMP
#undef PWS16_BLOCK

/* C = 16: 1, or 0 (nothing written) when the stream refuses a channel. */
static __attribute__((noinline)) int pws16(const mote_conv_s8_params *p, const mote_requant *q,
                                           const mote_dims *id, const int8_t *input,
                                           const mote_dims *od, const int8_t *filter,
                                           const int32_t *bias, int8_t *output)
{
    static const int32_t zero = 0;
    int32_t ws[PWS16_WORDS];
    pws16_src src;
    pws16_ctx cx;
    const int32_t OC = od->c, OW = od->w, rows = od->n * od->h;
    const int full = p->act_min <= -128 && p->act_max >= 127;
    int32_t r;
    src.filter = filter;
    src.bias = bias ? bias : &zero;
    src.bstep = bias ? 4 : 0;
    src.mult = q->multiplier;
    src.shift = q->shift;
    src.oc = OC;
    src.ooff = p->output_offset;
    if (!pws16_stream(ws, &src)) return 0;
    cx.ws = ws;
    cx.wend = ws + 12 * OC;
    cx.step = p->geom.stride_w * 16;
    cx.off2 = mote_arm_dup16(p->input_offset);
    cx.lo4 = mote_arm_dup8(p->act_min);
    cx.hi4 = mote_arm_dup8(p->act_max);
    cx.out = output;
    for (r = 0; r < rows; ++r) {
        const int32_t b = r / od->h, y = r - b * od->h;
        cx.in = input +
                ((size_t)b * (size_t)id->h + (size_t)(y * p->geom.stride_h)) * (size_t)id->w * 16u;
        cx.n = OW;
        (full ? pws16_full : pws16_clamp)(&cx); /* it advances its frame's copy of out only */
        cx.out += (size_t)OW * (size_t)OC;
    }
    return 1;
}

/*
 * C % 16 == 0, C >= 32 (IC's 16x16x32 -> 8x8x64): one pixel x four
 * channels as in the pixel-chunk engine (both operands widened, four groups
 * per loop iteration: 11 instructions per 16 MACs), with pws16's output
 * stage (inputs widened doubled, biases doubled: ADD / SMMLAR / ASR per
 * channel). Chunks of pixels are gathered, widened and doubled into the
 * stack buffer; per chunk and block of four channels a stream: the four
 * doubled biases, the four filter rows widened group by group (row r's
 * pairs at 8j + 2r, 8j + 2r + 1), then (m, kq, e) per channel.
 */
#define PWSB_BUF_WORDS 1104 /* IC's 64 pixels of 32 channels in one chunk */

/* n pixels as pws_widen, each value doubled (SADD16: |2 x| <= 512) */
__attribute__((naked, noinline)) static void
pws_widen2(int32_t *d __attribute__((unused)), const int8_t *src __attribute__((unused)),
           int32_t n __attribute__((unused)), int32_t pairs __attribute__((unused)),
           int32_t step __attribute__((unused)), int32_t off2 __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, lr}\n\t"
                     "ldrd    r4, r5, [sp, #32]\n\t" /* step, off2 */
                     "1:\n\t"
                     "mov     r6, r1\n\t"
                     "mov     r7, r3\n\t"
                     "2:\n\t"
                     "ldr     r9, [r6], #4\n\t"
                     "ldr     lr, [r6], #4\n\t"
                     "sxtab16 r8, r5, r9\n\t"
                     "sxtab16 r9, r5, r9, ror #8\n\t"
                     "sxtab16 r10, r5, lr\n\t"
                     "sxtab16 lr, r5, lr, ror #8\n\t"
                     "sadd16  r8, r8, r8\n\t"
                     "sadd16  r9, r9, r9\n\t"
                     "sadd16  r10, r10, r10\n\t"
                     "sadd16  lr, lr, lr\n\t"
                     "stm     r0!, {r8, r9, r10, lr}\n\t"
                     "subs    r7, r7, #1\n\t"
                     "bne     2b\n\t"
                     "add     r1, r1, r4\n\t"
                     "subs    r2, r2, #1\n\t"
                     "bne     1b\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, pc}\n\t");
}

/* Four int8 filter rows (w, w + C, w + 2C, w + 3C; any alignment) widened
 * into d, g groups of eight words (row r's group j at d[8j + 2r],
 * d[8j + 2r + 1]). g >= 1. */
__attribute__((naked, noinline)) static void pwsb_rows(int32_t *d __attribute__((unused)),
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

/* What pwsb_px reads and writes (offsets fixed in its asm). */
typedef struct pwsb_ctx {
    const int32_t *ws; /* 0: the block's stream */
    int32_t g8;        /* 4: bytes of one pixel's widened inputs (8 G, G % 4 == 0) */
    int8_t *out;       /* 8: this pixel's four outputs (advanced by the asm) */
    int32_t oc;        /* 12: output pixel stride */
    uint32_t lo4, hi4; /* 16: activation range, every byte */
} pwsb_ctx;

/* one group of one pixel (r8, r9) against the four rows (r1): 11 instructions for 16 MACs */
#define PWSB_GROUP                                                                                 \
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

/* accumulator a requantized in place (constants from r1) */
#define PWSB_OUT(a)                                                                                \
    "ldm     r1!, {r8, r9, r10}\n\t"                                                               \
    "add     r9, r9, " a ", asr #31\n\t"                                                           \
    "smmlar  " a ", " a ", r8, r9\n\t"                                                             \
    "asr     " a ", " a ", r10\n\t"

#define PWSB_CLAMP                                                                                 \
    "ldrd    r8, r9, [r3, #16]\n\t"                                                                \
    "ssub8   r10, r4, r8\n\t"                                                                      \
    "sel     r4, r4, r8\n\t"                                                                       \
    "ssub8   r10, r9, r4\n\t"                                                                      \
    "sel     r4, r4, r9\n\t"

/* The widened pixels from xw to xend against the block of the context. */
/* clang-format off */
#define PWSB_FN(NAME, CLAMP)                                                                       \
    __attribute__((naked, noinline)) static void NAME(const int32_t *xw __attribute__((unused)),   \
                                                      const int32_t *xend __attribute__((unused)), \
                                                      pwsb_ctx *ctx __attribute__((unused)))       \
    {                                                                                              \
        __asm__ volatile("push    {r1, r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"                  \
                         "mov     r3, r2\n\t"                                                      \
                         "1:\n\t"                                                                  \
                         "ldm     r3, {r1, r2}\n\t"                                                \
                         "ldm     r1!, {r4, r5, r6, r7}\n\t"                                       \
                         "add     r2, r2, r0\n\t"                                                  \
                         "2:\n\t"                                                                  \
                         PWSB_GROUP                                                                \
                         PWSB_GROUP                                                                \
                         PWSB_GROUP                                                                \
                         PWSB_GROUP                                                                \
                         "cmp     r0, r2\n\t"                                                      \
                         "bne     2b\n\t"                                                          \
                         PWSB_OUT("r4")                                                            \
                         PWSB_OUT("r5")                                                            \
                         PWSB_OUT("r6")                                                            \
                         PWSB_OUT("r7")                                                            \
                         "ssat    r4, #8, r4\n\t"                                                  \
                         "ssat    r5, #8, r5\n\t"                                                  \
                         "ssat    r6, #8, r6\n\t"                                                  \
                         "ssat    r7, #8, r7\n\t"                                                  \
                         "bfi     r4, r5, #8, #8\n\t"                                              \
                         "bfi     r4, r6, #16, #8\n\t"                                             \
                         "bfi     r4, r7, #24, #8\n\t"                                             \
                         CLAMP                                                                     \
                         "ldrd    r8, r9, [r3, #8]\n\t"                                            \
                         "str     r4, [r8]\n\t"                                                    \
                         "add     r8, r8, r9\n\t"                                                  \
                         "str     r8, [r3, #8]\n\t"                                                \
                         "ldr     r9, [sp]\n\t"                                                    \
                         "cmp     r0, r9\n\t"                                                      \
                         "bne     1b\n\t"                                                          \
                         "pop     {r1, r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");                \
    }
/* clang-format on */

PWSB_FN(pwsb_full, "")
PWSB_FN(pwsb_clamp, PWSB_CLAMP)
#undef PWSB_FN
#undef PWSB_CLAMP
#undef PWSB_OUT
#undef PWSB_GROUP

/* C % 16 == 0, 32 <= C <= 128: 1, or 0 when a channel is outside the
 * output stage's range (outputs may have been written: the caller runs
 * the chunk path over all of them). */
static __attribute__((noinline)) int pwsb(const mote_conv_s8_params *p, const mote_requant *q,
                                          const mote_dims *id, const int8_t *input,
                                          const mote_dims *od, const int8_t *filter,
                                          const int32_t *bias, int8_t *output)
{
    int32_t buf[PWSB_BUF_WORDS];
    const int32_t C = id->c, G = C / 4, OC = od->c, OW = od->w;
    const int32_t SW = 4 + 8 * G + 12; /* stream words */
    int32_t *const xw = buf + SW;
    const int32_t P = (PWSB_BUF_WORDS - SW) / (2 * G), off2 = mote_arm_dup16(p->input_offset);
    const int32_t sh = p->geom.stride_h, sw = p->geom.stride_w, rows = od->n * od->h;
    const int full = p->act_min <= -128 && p->act_max >= 127;
    int32_t r = 0, x = 0, n = 0, o, t;
    int8_t *out = output;
    pwsb_ctx cx;
    cx.ws = buf;
    cx.g8 = 8 * G;
    cx.oc = OC;
    cx.lo4 = mote_arm_dup8(p->act_min);
    cx.hi4 = mote_arm_dup8(p->act_max);
    while (r < rows) {
        const int32_t b = r / od->h, y = r - b * od->h;
        int32_t k = OW - x < P - n ? OW - x : P - n;
        const int8_t *src =
            input +
            (((size_t)b * (size_t)id->h + (size_t)(y * sh)) * (size_t)id->w + (size_t)(x * sw)) *
                (size_t)C;
        pws_widen2(xw + n * 2 * G, src, k, G / 2, sw * C, off2);
        n += k;
        x += k;
        if (x == OW) x = 0, ++r;
        if (n < P && r < rows) continue;
        for (o = 0; o < OC; o += 4) { /* the chunk against each block */
            int32_t *c = buf + 4 + 8 * G;
            for (t = 0; t < 4; ++t, c += 3) {
                const int32_t bv = bias ? bias[o + t] : 0, m = q->multiplier[o + t];
                const int32_t e = -q->shift[o + t];
                if (bv < -(1 << 29) || bv >= (1 << 29) || m < 0 || e < 1 || e > 22) return 0;
                buf[t] = 2 * bv;
                c[0] = m;
                c[1] = (int32_t)((1u << (e - 1)) + ((uint32_t)p->output_offset << e));
                c[2] = e;
            }
            pwsb_rows(buf + 4, filter + (size_t)o * (size_t)C, C, G);
            cx.out = out + o;
            (full ? pwsb_full : pwsb_clamp)(xw, xw + n * 2 * G, &cx);
        }
        out += (size_t)n * (size_t)OC;
        n = 0;
    }
    return 1;
}

/* Any C % 8 == 0 up to 128: chunks of gathered, widened pixels through
 * mote_arm_pw_chunk (a frame of its own: pws16's stream is not on the
 * stack with it). */
static __attribute__((noinline)) void pws_chunks(const mote_conv_s8_params *p,
                                                 const mote_requant *q, const mote_dims *id,
                                                 const int8_t *input, const mote_dims *od,
                                                 const int8_t *filter, const int32_t *bias,
                                                 int8_t *output)
{
    int32_t buf[PWS_BUF_WORDS];
    const int32_t C = id->c, G = C / 4, OC = od->c, OW = od->w;
    const int32_t P = (PWS_BUF_WORDS - 8 * G) / (2 * G), off2 = mote_arm_dup16(p->input_offset);
    const int32_t sh = p->geom.stride_h, sw = p->geom.stride_w;
    const int32_t rows = od->n * od->h; /* output rows over the batches */
    int32_t *const xw = buf + 8 * G;
    int32_t r = 0, x = 0, n = 0; /* next pixel to gather: row r, column x; n gathered */
    int8_t *out = output;
    while (r < rows) {
        const int32_t b = r / od->h, y = r - b * od->h;
        int32_t k = OW - x < P - n ? OW - x : P - n;
        const int8_t *src =
            input +
            (((size_t)b * (size_t)id->h + (size_t)(y * sh)) * (size_t)id->w + (size_t)(x * sw)) *
                (size_t)C;
        pws_widen(xw + n * 2 * G, src, k, G / 2, sw * C, off2);
        n += k;
        x += k;
        if (x == OW) x = 0, ++r;
        if (n == P || r == rows) {
            mote_arm_pw_chunk(p, q, G, OC, n, xw, out, filter, bias, buf);
            out += (size_t)n * (size_t)OC;
            n = 0;
        }
    }
}

void mote_arm_conv_pws(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                       const int8_t *input, const mote_dims *od, const int8_t *filter,
                       const int32_t *bias, int8_t *output)
{
    if (id->c == 16 && od->c * 12 <= PWS16_WORDS && p->input_offset >= -128 &&
        p->input_offset <= 128 && pws16(p, q, id, input, od, filter, bias, output))
        return;
    if (id->c % 16 == 0 && id->c >= 32 && p->input_offset >= -128 && p->input_offset <= 128 &&
        pwsb(p, q, id, input, od, filter, bias, output))
        return;
    pws_chunks(p, q, id, input, od, filter, bias, output);
}

mote_status mote_arm_conv_pws_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    const int8_t *in = (const int8_t *)io->in[0], *w = (const int8_t *)io->in[1];
    int8_t *out = (int8_t *)io->out[0];
    if (in == NULL || w == NULL || out == NULL ||
        mote_arm_conv2d_s8_step_path(s, in == out) != MOTE_ARM_CONV_PWS)
        return MOTE_E_ARG;
    mote_arm_conv_pws(&s->p, &q, &s->in, in, &s->out, w, (const int32_t *)io->in[2], out);
    return MOTE_OK;
}

/* One row call of the in-place rows (out of place). */
static mote_status pws_row(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                           const int8_t *input, const mote_dims *fd, const int8_t *filter,
                           const int32_t *bias, const mote_dims *od, int8_t *output)
{
    if (mote_arm_conv2d_s8_path(p, id, fd, od, input == output) != MOTE_ARM_CONV_PWS)
        return MOTE_E_ARG;
    mote_arm_conv_pws(p, q, id, input, od, filter, bias, output);
    return MOTE_OK;
}

mote_status mote_arm_conv_rows_pws_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (io->in[0] == NULL || io->in[1] == NULL || io->out[0] == NULL ||
        mote_arm_conv2d_s8_step_path(s, io->in[0] == io->out[0]) != MOTE_ARM_CONV_RING)
        return MOTE_E_ARG;
    return mote_arm_conv_rows(pws_row, s, &q, io);
}

#endif
