/*
 * conv2d_s8_pw_dsp.c — CONV_2D, int8, DSP extension: the pixel-chunk path
 * for pointwise convolutions (1x1, stride 1, no padding; arm_paths.h),
 * in place or not. Bit-exact with mote_ref_conv2d_s8.
 *
 * Blocks of two pixels x two output channels: the pixels of a chunk are
 * widened (with the input offset) in pairs, interleaved per group of four
 * depth values (p0 even, p0 odd, p1 even, p1 odd), and so are the filter
 * rows of a channel pair (c0 even, c0 odd, c1 even, c1 odd), so that per
 * group one LDM loads each side and eight SMLAD do the 16 MACs: 10
 * instructions, against 11 for one pixel x four channels (LDRD + two LDM).
 * The groups are unrolled whole (up to 32, K <= 128) and entered at a
 * computed address: with four accumulators, eight operands and two
 * pointers no register is left for a loop end.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_paths.h"

/* What pw2_run reads (words; offsets fixed in the asm). The asm writes
 * mode (its stage's address), out, oc, end and tail: they are set before
 * every call. */
typedef struct pw2_ctx {
    const int32_t *wb;       /* 0: the channel pair's widened filter rows (widen_w2) */
    int32_t bias[4];         /* 4: b0, b1, b0, b1 */
    int32_t g;               /* 20: groups, 1 .. 32 (K <= 128) */
    int32_t rq[6];           /* 24: per channel m, hq, e - 1 (PW2_ZP: hq = 2^(e-2), else */
                             /* 2^(e-2) + zp * 2^(e-1), e = -shift <= 23: no wrap) */
    uint32_t lo4;            /* 48: act_min in every byte */
    uint32_t hi4;            /* 52: act_max in every byte */
    int8_t *out;             /* 56: the first pair's outputs (channel c0) */
    int32_t oc;              /* 60: output pixel stride (0 for a lone pixel) */
    const int32_t *end;      /* 64: end of the pairs */
    int32_t zp;              /* 68: output zero point */
    uint32_t mode;           /* 72: PW2_ZP | PW2_CLAMP */
    const int32_t *tail;     /* 76: a last pair holding one pixel twice, or NULL */
    const int32_t *tail_end; /* 80 */
} pw2_ctx;

/* Stage modes: the zero point added after the shift (a shift below -23),
 * the activation range narrower than [-128, 127]. */
#define PW2_ZP 1u
#define PW2_CLAMP 2u

/* One group of a pixel pair (r2-r5, from r0) against a channel pair
 * (r10-lr, from r1): 10 instructions, 38 bytes (the first LDM has a 16-bit
 * encoding). Accumulators: r6 p0c0, r7 p0c1, r8 p1c0, r9 p1c1. */
#define PW2_GROUP                                                                                  \
    "ldm     r0!, {r2, r3, r4, r5}\n\t"                                                           \
    "ldm     r1!, {r10, r11, r12, lr}\n\t"                                                        \
    "smlad   r6, r2, r10, r6\n\t"                                                                 \
    "smlad   r6, r3, r11, r6\n\t"                                                                 \
    "smlad   r7, r2, r12, r7\n\t"                                                                 \
    "smlad   r7, r3, lr, r7\n\t"                                                                  \
    "smlad   r8, r4, r10, r8\n\t"                                                                 \
    "smlad   r8, r5, r11, r8\n\t"                                                                 \
    "smlad   r9, r4, r12, r9\n\t"                                                                 \
    "smlad   r9, r5, lr, r9\n\t"
#define PW2_GROUP4 PW2_GROUP PW2_GROUP PW2_GROUP PW2_GROUP

/* The output stage of mote_arm_requant_e2 for accumulator a with the
 * channel constants m, hq, e1; r11 and lr free. */
#define PW2_RQ(a, m, hq, e1)                                                                       \
    "add     r11, " hq ", " a ", asr #31\n\t"                                                      \
    "and     lr, " a ", #0x80000000\n\t"                                                          \
    "orr     lr, lr, #0x40000000\n\t"                                                             \
    "smlal   lr, r11, " a ", " m "\n\t"                                                            \
    "asr     " a ", r11, " e1 "\n\t"

/* SSAT, BFI packing: r6 = (p0c0, p0c1, p1c0, p1c1). */
#define PW2_PACK                                                                                   \
    "ssat    r6, #8, r6\n\t"                                                                      \
    "ssat    r7, #8, r7\n\t"                                                                      \
    "ssat    r8, #8, r8\n\t"                                                                      \
    "ssat    r9, #8, r9\n\t"                                                                      \
    "bfi     r6, r7, #8, #8\n\t"                                                                  \
    "bfi     r6, r8, #16, #8\n\t"                                                                 \
    "bfi     r6, r9, #24, #8\n\t"

/* A halfword per pixel, p1's first (for the tail's duplicate oc is 0 and
 * p0's store wins); the next pair's outputs 2 oc on; the next pair. */
#define PW2_STORE                                                                                  \
    "lsr     r7, r6, #16\n\t"                                                                     \
    "strh    r7, [r3, r4]\n\t"                                                                    \
    "strh    r6, [r3]\n\t"                                                                        \
    "add     r3, r3, r4, lsl #1\n\t"                                                              \
    "str     r3, [r12, #8]\n\t"                                                                   \
    "cmp     r0, r5\n\t"                                                                          \
    "bne     1b\n\t"

/*
 * The pixel pairs from xw to ctx->end (then the tail pair, if any) against
 * one channel pair: per pair one LDM sets the weight pointer, the four
 * accumulators (the biases) and the PC (the entry into the unrolled
 * groups, computed here from g: these five words and the entry sit at the
 * bottom of the frame); then the output stage of mote_arm_requant_e2 (same
 * arithmetic), one LDM of the rest of the context that also jumps to the
 * stage's mode (the zero point added, the packed clamp: the four stage
 * tails, chosen here once per call), SSAT, BFI packing, the stores. Naked:
 * the groups need 14 registers.
 */
/* clang-format would join the asm strings and macros of a line: one instruction a line */
/* clang-format off */
__attribute__((naked, noinline)) static void pw2_run(const int32_t *xw __attribute__((unused)),
                                                     pw2_ctx *ctx __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "ldr     r7, [r1, #72]\n\t" /* the mode's stage */
                     "adr     r8, 8f\n\t"
                     "ldr     r7, [r8, r7, lsl #2]\n\t"
                     "str     r7, [r1, #72]\n\t"
                     "add     r12, r1, #24\n\t"
                     "ldm     r1, {r2, r3, r4, r5, r6, r7}\n\t"
                     "rsb     r7, r7, #32\n\t" /* groups skipped */
                     "movs    r8, #38\n\t"
                     "adr     r9, 2f\n\t"
                     "mla     r7, r7, r8, r9\n\t"
                     "orr     r7, r7, #1\n\t"
                     "push    {r12}\n\t"
                     "push    {r2, r3, r4, r5, r6, r7}\n\t"
                     "1:\n\t"
                     "ldm     sp, {r1, r6, r7, r8, r9, pc}\n\t"
                     ".p2align 2\n\t"
                     "2:\n\t"
                     PW2_GROUP4 PW2_GROUP4 PW2_GROUP4 PW2_GROUP4
                     PW2_GROUP4 PW2_GROUP4 PW2_GROUP4 PW2_GROUP4
                     "9:\n\t"
                     ".if (9b - 2b) != 32 * 38\n\t"
                     ".error \"pw2_run: a group is not 38 bytes\"\n\t"
                     ".endif\n\t"
                     "ldr     r12, [sp, #24]\n\t"
                     "ldm     r12!, {r1, r2, r3, r4, r5, r10}\n\t"
                     PW2_RQ("r6", "r1", "r2", "r3")
                     PW2_RQ("r8", "r1", "r2", "r3")
                     PW2_RQ("r7", "r4", "r5", "r10")
                     PW2_RQ("r9", "r4", "r5", "r10")
                     /* lo4 hi4 out oc end zp, and the mode's stage */
                     "ldm     r12, {r1, r2, r3, r4, r5, r10, pc}\n\t"
                     "4:\n\t" /* PW2_ZP | PW2_CLAMP */
                     "add     r6, r6, r10\n\t"
                     "add     r7, r7, r10\n\t"
                     "add     r8, r8, r10\n\t"
                     "add     r9, r9, r10\n\t"
                     "5:\n\t" /* PW2_CLAMP */
                     PW2_PACK
                     "ssub8   r7, r6, r1\n\t"
                     "sel     r6, r6, r1\n\t"
                     "ssub8   r7, r2, r6\n\t"
                     "sel     r6, r6, r2\n\t"
                     PW2_STORE
                     "b       3f\n\t"
                     "6:\n\t" /* PW2_ZP */
                     "add     r6, r6, r10\n\t"
                     "add     r7, r7, r10\n\t"
                     "add     r8, r8, r10\n\t"
                     "add     r9, r9, r10\n\t"
                     "7:\n\t" /* 0 */
                     PW2_PACK
                     PW2_STORE
                     "3:\n\t"
                     "ldrd    r0, r1, [r12, #28]\n\t" /* the tail pair, its end */
                     "cbz     r0, 3f\n\t"
                     "movs    r2, #0\n\t"
                     "str     r2, [r12, #28]\n\t"
                     "str     r2, [r12, #12]\n\t"
                     "str     r1, [r12, #16]\n\t"
                     "b       1b\n\t"
                     "3:\n\t"
                     "add     sp, sp, #28\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t"
                     ".p2align 2\n\t"
                     "8:\n\t"
                     ".word   7b + 1, 6b + 1, 5b + 1, 4b + 1\n\t");
}
/* clang-format on */

/* The filter rows w and w + C widened into d, g >= 1 groups of four words
 * (c0 even, c0 odd, c1 even, c1 odd): 7 instructions per group (LDR: any
 * alignment), or with both rows word-aligned 6 per group four groups at a
 * time (two LDM, then per group four SXTB16 and one STM). */
__attribute__((naked, noinline)) static void widen_w2(int32_t *d __attribute__((unused)),
                                                      const int8_t *w __attribute__((unused)),
                                                      int32_t C __attribute__((unused)),
                                                      int32_t g __attribute__((unused)))
{
    /* clang-format off */
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "add     r12, r1, r2\n\t"
                     "tst     r1, #3\n\t" /* C % 4 == 0: both rows aligned or neither */
                     "it      eq\n\t"
                     "biceq   r2, r3, #3\n\t" /* groups four at a time, or none */
                     "it      ne\n\t"
                     "movne   r2, #0\n\t"
                     "subs    r3, r3, r2\n\t"
                     "beq     2f\n\t"
                     "1:\n\t"
                     "ldr     r5, [r12], #4\n\t"
                     "ldr     r4, [r1], #4\n\t"
                     "sxtb16  r6, r4\n\t"
                     "sxtb16  r7, r4, ror #8\n\t"
                     "sxtb16  r8, r5\n\t"
                     "sxtb16  r9, r5, ror #8\n\t"
                     "stm     r0!, {r6, r7, r8, r9}\n\t"
                     "subs    r3, r3, #1\n\t"
                     "bne     1b\n\t"
                     "2:\n\t"
                     "cbz     r2, 4f\n\t"
                     "add     lr, r0, r2, lsl #4\n\t"
                     "3:\n\t"
                     "ldm     r1!, {r3, r4, r5, r6}\n\t"
                     "ldm     r12!, {r8, r9, r10, r11}\n\t"
                     "sxtb16  r2, r3\n\t"
                     "sxtb16  r3, r3, ror #8\n\t"
                     "sxtb16  r7, r8\n\t"
                     "sxtb16  r8, r8, ror #8\n\t"
                     "stm     r0!, {r2, r3, r7, r8}\n\t"
                     "sxtb16  r2, r4\n\t"
                     "sxtb16  r3, r4, ror #8\n\t"
                     "sxtb16  r7, r9\n\t"
                     "sxtb16  r8, r9, ror #8\n\t"
                     "stm     r0!, {r2, r3, r7, r8}\n\t"
                     "sxtb16  r2, r5\n\t"
                     "sxtb16  r3, r5, ror #8\n\t"
                     "sxtb16  r7, r10\n\t"
                     "sxtb16  r8, r10, ror #8\n\t"
                     "stm     r0!, {r2, r3, r7, r8}\n\t"
                     "sxtb16  r2, r6\n\t"
                     "sxtb16  r3, r6, ror #8\n\t"
                     "sxtb16  r7, r11\n\t"
                     "sxtb16  r8, r11, ror #8\n\t"
                     "stm     r0!, {r2, r3, r7, r8}\n\t"
                     "cmp     r0, lr\n\t"
                     "bne     3b\n\t"
                     "4:\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
    /* clang-format on */
}

/* np >= 1 pairs of consecutive pixels (4g bytes each, from src, any
 * alignment) widened with the offset pair off2 into d, interleaved per
 * group (p0 even, p0 odd, p1 even, p1 odd): 4g words per pair. */
__attribute__((naked, noinline)) static void widen_pairs(int32_t *d __attribute__((unused)),
                                                         const int8_t *src __attribute__((unused)),
                                                         int32_t g __attribute__((unused)),
                                                         int32_t off2 __attribute__((unused)),
                                                         int32_t np __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, lr}\n\t"
                     "ldr     lr, [sp, #32]\n\t"
                     "2:\n\t"
                     "add     r12, r1, r2, lsl #2\n\t"
                     "mov     r10, r2\n\t"
                     "1:\n\t"
                     "ldr     r5, [r12], #4\n\t"
                     "ldr     r4, [r1], #4\n\t"
                     "sxtab16 r6, r3, r4\n\t"
                     "sxtab16 r7, r3, r4, ror #8\n\t"
                     "sxtab16 r8, r3, r5\n\t"
                     "sxtab16 r9, r3, r5, ror #8\n\t"
                     "stm     r0!, {r6, r7, r8, r9}\n\t"
                     "subs    r10, r10, #1\n\t"
                     "bne     1b\n\t"
                     "mov     r1, r12\n\t"
                     "subs    lr, lr, #1\n\t"
                     "bne     2b\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, pc}\n\t");
}

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

/*
 * One channel of a pair whose shifts are not both <= -2: the accumulators
 * in C from the same widened operands (c = 0 or 1: the channel's words in
 * each group of wb), then the general output stage.
 */
static __attribute__((noinline)) void pw2_general(const mote_conv_s8_params *p,
                                                  const mote_requant *q, int32_t G, int32_t o,
                                                  int32_t OC, int32_t n, const int32_t *xw,
                                                  const int32_t *tail, const int32_t *wb,
                                                  const int32_t *bias, int8_t *output)
{
    int32_t t, j, c;
    for (c = 0; c < 2; ++c)
        for (t = 0; t < n; ++t) {
            const int32_t *x = (2 * (t / 2) + 1 < n ? xw + 4 * G * (t / 2) : tail) + 2 * (t % 2);
            int32_t a = bias ? bias[o + c] : 0;
            for (j = 0; j < 4 * G; j += 4) {
                a = __smlad(x[j], wb[j + 2 * c], a);
                a = __smlad(x[j + 1], wb[j + 2 * c + 1], a);
            }
            output[t * OC + o + c] = mote_arm_out_s8(a, q->multiplier[o + c], q->shift[o + c],
                                                     p->output_offset, p->act_min, p->act_max);
        }
}

/*
 * n >= 1 pixels widened in pairs (xw, 4G words a pair; with n odd the last
 * pixel twice at tail) against every output channel pair: the pair's
 * filter rows widened into wb (4G words), then pw2_run over the pixel
 * pairs, or pw2_general. Outputs of pixel t at output + t * OC.
 */
static void pw2_chunk(const mote_conv_s8_params *p, const mote_requant *q, int32_t G, int32_t OC,
                      int32_t n, const int32_t *xw, const int32_t *tail, int8_t *output,
                      const int8_t *filter, const int32_t *bias, int32_t *wb)
{
    const int32_t C = 4 * G, np = n / 2;
    const uint32_t clamp = p->act_min > -128 || p->act_max < 127 ? PW2_CLAMP : 0u;
    pw2_ctx ctx;
    int32_t o, c;
    ctx.wb = wb;
    ctx.g = G;
    ctx.zp = p->output_offset;
    ctx.lo4 = mote_arm_dup8(p->act_min);
    ctx.hi4 = mote_arm_dup8(p->act_max);
    for (o = 0; o < OC; o += 2) {
        /* a zero multiplier gives the zero point whatever the shift (as e = 2) */
        const int32_t s0 = q->multiplier[o] ? q->shift[o] : -2,
                      s1 = q->multiplier[o + 1] ? q->shift[o + 1] : -2;
        widen_w2(wb, filter + o * C, C, G);
        if (s0 > -2 || s1 > -2) {
            pw2_general(p, q, G, o, OC, n, xw, tail, wb, bias, output);
            continue;
        }
        ctx.mode = clamp | (s0 < -23 || s1 < -23 ? PW2_ZP : 0u);
        for (c = 0; c < 2; ++c) {
            const int32_t m = q->multiplier[o + c], e = m ? -q->shift[o + c] : 2;
            int32_t *r = ctx.rq + 3 * c;
            ctx.bias[c] = ctx.bias[c + 2] = bias ? bias[o + c] : 0;
            r[0] = m;
            r[1] = ((int32_t)1 << (e - 2)) +
                   (ctx.mode & PW2_ZP ? 0 : p->output_offset * ((int32_t)1 << (e - 1)));
            r[2] = e - 1;
        }
        ctx.out = output + o;
        ctx.tail_end = tail + 4 * G;
        if (np > 0) {
            ctx.oc = OC;
            ctx.end = xw + 4 * G * np;
            ctx.tail = n % 2 ? tail : NULL;
            pw2_run(xw, &ctx);
        } else { /* one pixel */
            ctx.oc = 0;
            ctx.end = ctx.tail_end;
            ctx.tail = NULL;
            pw2_run(tail, &ctx);
        }
    }
}

/*
 * n widened pixels (xw, 2G words each, mote_arm_widen_in layout; G <= 32)
 * against every output channel (int8 filter rows of 4G bytes; OC % 4 ==
 * 0), outputs of pixel t at output + t * OC; wb holds 8G words. The
 * pixels are interleaved in pairs in place (through the second half of
 * wb; a last odd pixel goes there twice), then pw2_chunk. Run by the
 * patch path.
 */
void mote_arm_pw_chunk(const mote_conv_s8_params *p, const mote_requant *q, int32_t G, int32_t OC,
                       int32_t n, const int32_t *xw, int8_t *output, const int8_t *filter,
                       const int32_t *bias, int32_t *wb)
{
    int32_t *const tmp = wb + 4 * G, *x = (int32_t *)(uintptr_t)xw;
    int32_t t, j;
    for (t = 0; t + 1 < n; t += 2, x += 4 * G) {
        for (j = 0; j < G; ++j) {
            tmp[4 * j] = x[2 * j];
            tmp[4 * j + 1] = x[2 * j + 1];
            tmp[4 * j + 2] = x[2 * G + 2 * j];
            tmp[4 * j + 3] = x[2 * G + 2 * j + 1];
        }
        memcpy(x, tmp, 16 * (size_t)G);
    }
    if (n % 2)
        for (j = 0; j < G; ++j) {
            tmp[4 * j] = tmp[4 * j + 2] = x[2 * j];
            tmp[4 * j + 1] = tmp[4 * j + 3] = x[2 * j + 1];
        }
    pw2_chunk(p, q, G, OC, n, xw, tmp, output, filter, bias, wb);
}

/* The chunk buffer of mote_arm_conv_pw (3.25 KB): the channel pair's
 * widened rows (4G words), then the pixel pairs. */
#define PW_BUF_WORDS (MOTE_ARM_PW_BUF_WORDS + 64)

/*
 * Pointwise (1x1, stride 1, no padding), C % 4 == 0, C <= 128, OC % 4 == 0,
 * in place (C == OC) or not: chunks of an even number of pixels (the last
 * may be odd: its last pixel is widened twice) are widened with the input
 * offset into a stack buffer (so that, in place, their outputs may
 * overwrite them), then pw2_chunk.
 */
void mote_arm_conv_pw(const mote_conv_s8_params *p, const mote_requant *q, int32_t C, int32_t OC,
                      int32_t npix, const int8_t *input, int8_t *output, const int8_t *filter,
                      const int32_t *bias)
{
    int32_t buf[PW_BUF_WORDS];
    int32_t *const xw = buf + C;
    const int32_t G = C / 4, P = (PW_BUF_WORDS - C) / C * 2,
                  off2 = mote_arm_dup16(p->input_offset);
    int32_t i0, n, j;
    for (i0 = 0; i0 < npix; i0 += n) {
        const int8_t *src = input + i0 * C;
        int32_t *tail;
        n = npix - i0 < P ? npix - i0 : P;
        if (n >= 2) widen_pairs(xw, src, G, off2, n / 2);
        tail = xw + 2 * G * (n & ~1);
        if (n % 2) {
            const int8_t *s = src + (n - 1) * C;
            for (j = 0; j < G; ++j) {
                const uint32_t v = mote_arm_ld32(s + 4 * j);
                tail[4 * j] = tail[4 * j + 2] = mote_arm_even(v, off2);
                tail[4 * j + 1] = tail[4 * j + 3] = mote_arm_odd(v, off2);
            }
        }
        pw2_chunk(p, q, G, OC, n, xw, tail, output + i0 * OC, filter, bias, buf);
    }
}

#else
typedef int mote_arm_unused_;
#endif
