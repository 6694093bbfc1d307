/*
 * conv2d_s8_pw4_dsp.c — CONV_2D, int8, DSP extension: pointwise steps of
 * deep inputs (1x1, stride 1, no padding; 128 < K <= MOTE_ARM_PW4_MAX_K,
 * K % 8 == 0, OC % 4 == 0; arm_paths.h), in place or not: the rows
 * arm_dsp_pw4 and arm_dsp_pw4_ip. Bit-exact with mote_ref_conv2d_s8.
 *
 * Blocks of four pixels are widened once (with the input offset) into
 * int16 pairs, interleaved per group of four depth values: (p0 even, p0
 * odd, p1 even, p1 odd, ..., p3 odd), eight words. Each output channel
 * then streams its int8 filter row once per block: per group one LDR,
 * two SXTB16 and, for the four pixels, two LDM of four words and eight
 * SMLAD: 13 instructions for 16 MACs, with no widened copy of the filter
 * (the pixel-chunk path widens each channel pair's rows per chunk, and its
 * widened rows hold 128 depth values at most: at K = 256 a pair's rows
 * take 1 KB and a 9-pixel layer would re-widen them per 4-pixel chunk).
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_paths.h"
#include "kernels/arm/arm_rows.h"

/* Per-channel constants of pw4_chan (words; offsets fixed in the asm). */
/* The chunk buffer: the pixel-chunk path's two stack buffers together
 * (3 KB; the two paths never run nested), and the most blocks it holds. */
#define PW4_XW_WORDS (MOTE_ARM_PW_XW_WORDS + MOTE_ARM_PW_WB_WORDS)
#define PW4_MAX_BLOCKS (PW4_XW_WORDS / (8 * (128 / 4)))

typedef struct pw4_ctx {
    int32_t m;    /* 0: multiplier */
    int32_t hq;   /* 4: 2^(e-2) [+ zp * 2^(e-1) when e = -shift <= 23: no wrap] */
    int32_t e1;   /* 8: e - 1 */
    int32_t zpa;  /* 12: zp added after the shift (e > 23), else 0 */
    int32_t g32;  /* 16: bytes of one widened block (32 per group, groups even) */
    int32_t k;    /* 20: K, bytes of the filter row */
    int32_t bias; /* 24 */
    int32_t oc;   /* 28: output pixel stride */
    int32_t nblk; /* 32: blocks (>= 1) */
    uint32_t lo4; /* 36: act_min in every byte */
    uint32_t hi4; /* 40: act_max in every byte */
    int32_t *raw; /* 44: NULL, or where the accumulators go instead (shift > -2) */
    int32_t odd;  /* 48: unused (the asm enters its loop -G mod 8 groups in) */
    int32_t g40;  /* 52: bytes of one five-pixel block (40 per group) */
    /* The channel loop (PW4_NEXT): when shp is not NULL each channel's m,
     * hq, e1, zpa and bias above come from these (every shift <= -2), else
     * the caller sets them and nch is 1. */
    const int8_t *shp; /* 56: the next channel's shift */
    const int32_t *mp; /* 60: its multiplier */
    const int32_t *bp; /* 64: its bias (a zero when there is none) */
    int32_t bstep;     /* 68: bytes from one bias to the next (4, or 0) */
    int32_t zp;        /* 72: the output zero point */
    int32_t nch;       /* 76: output channels (filter rows; outputs 1 byte apart) */
} pw4_ctx;

/* One group of four depth values: the filter word widened, the four
 * pixels' pairs in two LDM. */
#define PW4_GROUP                                                                                  \
    "ldr     r8, [r1], #4\n\t"                                                                     \
    "sxtb16  r9, r8\n\t"                                                                           \
    "sxtb16  r8, r8, ror #8\n\t"                                                                   \
    "ldm     r0!, {r10, r11, r12, lr}\n\t"                                                         \
    "smlad   r4, r9, r10, r4\n\t"                                                                  \
    "smlad   r4, r8, r11, r4\n\t"                                                                  \
    "smlad   r5, r9, r12, r5\n\t"                                                                  \
    "smlad   r5, r8, lr, r5\n\t"                                                                   \
    "ldm     r0!, {r10, r11, r12, lr}\n\t"                                                         \
    "smlad   r6, r9, r10, r6\n\t"                                                                  \
    "smlad   r6, r8, r11, r6\n\t"                                                                  \
    "smlad   r7, r9, r12, r7\n\t"                                                                  \
    "smlad   r7, r8, lr, r7\n\t"

/* The next channel's constants into the context (r3) from shp, mp, bp
 * (r4: shp, not NULL; e = -shift >= 2): m, e1 = e - 1, bias, and hq =
 * 2^(e-2) + zp 2^(e-1), zpa = 0 when e <= 23, else hq = 2^(e-2), zpa = zp;
 * the pointers advance. What the C did per channel, without its calls
 * (VWW layer 26: two per channel, one per four- or five-pixel chunk):
 * r4-r10 scratch. */
#define PW4_NEXT                                                                                   \
    "ldrsb   r5, [r4], #1\n\t"                                                                     \
    "str     r4, [r3, #56]\n\t"                                                                    \
    "mvn     r8, r5\n\t"                                                                           \
    "ldr     r4, [r3, #60]\n\t"                                                                    \
    "ldr     r6, [r4], #4\n\t"                                                                     \
    "str     r4, [r3, #60]\n\t"                                                                    \
    "ldrd    r4, r7, [r3, #64]\n\t"                                                                \
    "ldr     r5, [r4]\n\t"                                                                         \
    "add     r4, r4, r7\n\t"                                                                       \
    "str     r4, [r3, #64]\n\t"                                                                    \
    "str     r5, [r3, #24]\n\t"                                                                    \
    "sub     r10, r8, #1\n\t"                                                                      \
    "mov     r7, #1\n\t"                                                                           \
    "lsl     r7, r7, r10\n\t"                                                                      \
    "ldr     r9, [r3, #72]\n\t"                                                                    \
    "cmp     r8, #22\n\t"                                                                          \
    "itte    le\n\t"                                                                               \
    "lslle   r10, r9, r8\n\t"                                                                      \
    "movle   r9, #0\n\t"                                                                           \
    "movgt   r10, #0\n\t"                                                                          \
    "add     r7, r7, r10\n\t"                                                                      \
    "stm     r3, {r6, r7, r8, r9}\n\t"

/* The output stage of mote_arm_requant_e2 for accumulator a (the zero
 * point in the addend, or in lr after the shift); r8-r10 hold m, hq, e1. */
#define PW4_RQ(a)                                                                                  \
    "add     r11, r9, " a ", asr #31\n\t"                                                          \
    "and     r12, " a ", #0x80000000\n\t"                                                          \
    "orr     r12, r12, #0x40000000\n\t"                                                            \
    "smlal   r12, r11, " a ", r8\n\t"                                                              \
    "asr     " a ", r11, r10\n\t"                                                                  \
    "add     " a ", " a ", lr\n\t"

/*
 * One output channel (filter row w) against ctx->nblk widened blocks at
 * xw: per block the loop above (eight groups per iteration, entered -G mod
 * 8 groups in through the address in the frame: one CMP and BNE per
 * eight groups, not four; VWW layer 26, K = 256: -16 a block), the output
 * stage, SSAT, BFI packing, clamp, then one byte per pixel at out,
 * out + OC, out + 2 OC, out + 3 OC; the next block's at out + 4 OC.
 * Then the next of ctx->nch channels (filter row w + K, outputs at out +
 * 1), its constants from PW4_NEXT when ctx->shp is set. On the stack: the
 * block's out, the blocks left, the channel's out, the channels left, xw,
 * the loop's entry.
 * Hand-written (naked): the loop needs all 14 registers but the context's.
 */
__attribute__((naked, noinline)) static void pw4_chan(const int32_t *xw __attribute__((unused)),
                                                      const int8_t *w __attribute__((unused)),
                                                      int8_t *out __attribute__((unused)),
                                                      const pw4_ctx *ctx __attribute__((unused)))
{
    /* clang-format would join the asm strings and macros of a line: one instruction a line */
    /* clang-format off */
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "sub     sp, sp, #24\n\t"
                     "ldr     r4, [r3, #76]\n\t"
                     "strd    r2, r4, [sp, #8]\n\t"
                     "str     r0, [sp, #16]\n\t"
                     "ldr     r4, [r3, #20]\n\t" /* the entry: -G mod 8 groups in */
                     "lsrs    r4, r4, #2\n\t"
                     "negs    r4, r4\n\t"
                     "and     r4, r4, #7\n\t"
                     "movs    r5, #52\n\t"
                     "adr     r6, 2f\n\t"
                     "mla     r4, r4, r5, r6\n\t"
                     "adds    r4, r4, #1\n\t" /* Thumb */
                     "str     r4, [sp, #20]\n\t"
                     "0:\n\t"
                     "ldr     r4, [r3, #56]\n\t"
                     "cbz     r4, 6f\n\t"
                     PW4_NEXT
                     "6:\n\t"
                     "ldr     r0, [sp, #16]\n\t"
                     "ldr     r2, [sp, #8]\n\t"
                     "ldr     r4, [r3, #32]\n\t"
                     "strd    r2, r4, [sp]\n\t"
                     "1:\n\t"
                     "ldr     r2, [r3, #16]\n\t"
                     "add     r2, r2, r0\n\t"
                     "ldr     r4, [r3, #24]\n\t"
                     "mov     r5, r4\n\t"
                     "mov     r6, r4\n\t"
                     "mov     r7, r4\n\t"
                     "ldr     r8, [sp, #20]\n\t"
                     "bx      r8\n\t"
                     ".p2align 2\n\t"
                     "2:\n\t"
                     PW4_GROUP PW4_GROUP PW4_GROUP PW4_GROUP
                     PW4_GROUP PW4_GROUP PW4_GROUP PW4_GROUP
                     "5:\n\t"
                     ".if (5b - 2b) != 8 * 52\n\t"
                     ".error \"pw4_chan: a group is not 52 bytes\"\n\t"
                     ".endif\n\t"
                     "cmp     r0, r2\n\t"
                     "bne     2b\n\t"
                     "ldr     r12, [r3, #20]\n\t"
                     "sub     r1, r1, r12\n\t"
                     "ldr     r2, [r3, #44]\n\t"
                     "cbz     r2, 3f\n\t"
                     "stm     r2!, {r4, r5, r6, r7}\n\t"
                     "str     r2, [r3, #44]\n\t"
                     "ldr     r12, [sp]\n\t"
                     "b       4f\n\t"
                     "3:\n\t"
                     "ldm     r3, {r8, r9, r10, lr}\n\t"
                     PW4_RQ("r4")
                     PW4_RQ("r5")
                     PW4_RQ("r6")
                     PW4_RQ("r7")
                     "ssat    r4, #8, r4\n\t"
                     "ssat    r5, #8, r5\n\t"
                     "ssat    r6, #8, r6\n\t"
                     "ssat    r7, #8, r7\n\t"
                     "bfi     r4, r5, #8, #8\n\t"
                     "bfi     r4, r6, #16, #8\n\t"
                     "bfi     r4, r7, #24, #8\n\t"
                     "ldrd    r8, r9, [r3, #36]\n\t"
                     "ssub8   r10, r4, r8\n\t"
                     "sel     r4, r4, r8\n\t"
                     "ssub8   r10, r9, r4\n\t"
                     "sel     r4, r4, r9\n\t"
                     "ldr     r12, [sp]\n\t"
                     "ldr     lr, [r3, #28]\n\t"
                     "strb    r4, [r12]\n\t"
                     "lsr     r4, r4, #8\n\t"
                     "strb    r4, [r12, lr]\n\t"
                     "add     r12, r12, lr, lsl #1\n\t"
                     "lsr     r4, r4, #8\n\t"
                     "strb    r4, [r12]\n\t"
                     "lsr     r4, r4, #8\n\t"
                     "strb    r4, [r12, lr]\n\t"
                     "add     r12, r12, lr, lsl #1\n\t"
                     "4:\n\t"
                     "ldr     lr, [sp, #4]\n\t"
                     "subs    lr, lr, #1\n\t"
                     "strd    r12, lr, [sp]\n\t"
                     "bne     1b\n\t"
                     /* the next channel: its filter row, its outputs one byte on */
                     "ldr     r4, [r3, #20]\n\t"
                     "add     r1, r1, r4\n\t"
                     "ldrd    r2, r4, [sp, #8]\n\t"
                     "add     r2, r2, #1\n\t"
                     "subs    r4, r4, #1\n\t"
                     "strd    r2, r4, [sp, #8]\n\t"
                     "bne     0b\n\t"
                     "add     sp, sp, #24\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
    /* clang-format on */
}

/* One group of a five-pixel block: the four pixels' as in PW4_GROUP, the
 * fifth pixel's pair in one LDRD, its accumulator in r3. */
#define PW5_GROUP                                                                                  \
    PW4_GROUP "ldrd    r10, r11, [r0], #8\n\t"                                                     \
              "smlad   r3, r9, r10, r3\n\t"                                                        \
              "smlad   r3, r8, r11, r3\n\t"

/*
 * One output channel (filter row w) against one five-pixel block at xw
 * (the chunk's last block when its pixels are 1 mod 4: the fifth pixel
 * costs an LDRD and two SMLAD per group instead of a pass of its own
 * through mote_arm_xdot4). Eight groups per iteration, entered -G mod 8
 * groups in (as pw4_chan).
 * Outputs at out + t * OC (t < 5), or the five accumulators at ctx->raw
 * (the fifth pixel's first). Then the next of ctx->nch channels, as
 * pw4_chan. On the stack: out, ctx, xw, the channels left, the entry.
 */
__attribute__((naked, noinline)) static void pw5_chan(const int32_t *xw __attribute__((unused)),
                                                      const int8_t *w __attribute__((unused)),
                                                      int8_t *out __attribute__((unused)),
                                                      const pw4_ctx *ctx __attribute__((unused)))
{
    /* clang-format off */
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "sub     sp, sp, #24\n\t"
                     "ldr     r4, [r3, #76]\n\t"
                     "strd    r0, r4, [sp, #8]\n\t"
                     "strd    r2, r3, [sp]\n\t"
                     "ldr     r4, [r3, #20]\n\t" /* the entry: -G mod 8 groups in */
                     "lsrs    r4, r4, #2\n\t"
                     "negs    r4, r4\n\t"
                     "and     r4, r4, #7\n\t"
                     "movs    r5, #64\n\t"
                     "adr     r6, 1f\n\t"
                     "mla     r4, r4, r5, r6\n\t"
                     "adds    r4, r4, #1\n\t" /* Thumb */
                     "str     r4, [sp, #16]\n\t"
                     "0:\n\t"
                     "ldr     r4, [r3, #56]\n\t"
                     "cbz     r4, 6f\n\t"
                     PW4_NEXT
                     "6:\n\t"
                     "ldr     r4, [r3, #52]\n\t"
                     "add     r2, r0, r4\n\t"
                     "ldr     r8, [sp, #16]\n\t"
                     "ldr     r4, [r3, #24]\n\t"
                     "mov     r5, r4\n\t"
                     "mov     r6, r4\n\t"
                     "mov     r7, r4\n\t"
                     "mov     r3, r4\n\t"
                     "bx      r8\n\t"
                     ".p2align 2\n\t"
                     "1:\n\t"
                     PW5_GROUP PW5_GROUP PW5_GROUP PW5_GROUP
                     PW5_GROUP PW5_GROUP PW5_GROUP PW5_GROUP
                     "5:\n\t"
                     ".if (5b - 1b) != 8 * 64\n\t"
                     ".error \"pw5_chan: a group is not 64 bytes\"\n\t"
                     ".endif\n\t"
                     "cmp     r0, r2\n\t"
                     "bne     1b\n\t"
                     "ldr     r12, [sp, #4]\n\t"
                     "ldr     r2, [r12, #44]\n\t"
                     "cbz     r2, 3f\n\t"
                     "stm     r2, {r3, r4, r5, r6, r7}\n\t"
                     "b       4f\n\t"
                     "3:\n\t"
                     "ldm     r12, {r8, r9, r10, lr}\n\t"
                     PW4_RQ("r3")
                     PW4_RQ("r4")
                     PW4_RQ("r5")
                     PW4_RQ("r6")
                     PW4_RQ("r7")
                     "ssat    r3, #8, r3\n\t"
                     "ssat    r4, #8, r4\n\t"
                     "ssat    r5, #8, r5\n\t"
                     "ssat    r6, #8, r6\n\t"
                     "ssat    r7, #8, r7\n\t"
                     "bfi     r4, r5, #8, #8\n\t"
                     "bfi     r4, r6, #16, #8\n\t"
                     "bfi     r4, r7, #24, #8\n\t"
                     "ldr     r12, [sp, #4]\n\t"
                     "ldrd    r8, r9, [r12, #36]\n\t"
                     "ldr     lr, [r12, #28]\n\t"
                     "ssub8   r10, r4, r8\n\t"
                     "sel     r4, r4, r8\n\t"
                     "ssub8   r10, r9, r4\n\t"
                     "sel     r4, r4, r9\n\t"
                     "ssub8   r10, r3, r8\n\t"
                     "sel     r3, r3, r8\n\t"
                     "ssub8   r10, r9, r3\n\t"
                     "sel     r3, r3, r9\n\t"
                     "ldr     r12, [sp]\n\t"
                     "strb    r4, [r12]\n\t"
                     "lsr     r4, r4, #8\n\t"
                     "strb    r4, [r12, lr]\n\t"
                     "add     r12, r12, lr, lsl #1\n\t"
                     "lsr     r4, r4, #8\n\t"
                     "strb    r4, [r12]\n\t"
                     "lsr     r4, r4, #8\n\t"
                     "strb    r4, [r12, lr]\n\t"
                     "strb    r3, [r12, lr, lsl #1]\n\t"
                     "4:\n\t"
                     /* the next channel (r1: its filter row already) */
                     "ldrd    r2, r3, [sp]\n\t"
                     "ldrd    r0, r4, [sp, #8]\n\t"
                     "add     r2, r2, #1\n\t"
                     "subs    r4, r4, #1\n\t"
                     "str     r2, [sp]\n\t"
                     "str     r4, [sp, #12]\n\t"
                     "bne     0b\n\t"
                     "add     sp, sp, #24\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
    /* clang-format on */
}

/* Widens wpx pixels (C apart, from src) interleaved per group of four
 * depth values, with the input offset; returns the end. */
static int32_t *pw4_widen(int32_t *d, const int8_t *src, int32_t C, int32_t G, int32_t wpx,
                          int32_t off2)
{
    int32_t j, t;
    for (j = 0; j < G; ++j)
        for (t = 0; t < wpx; ++t, d += 2) {
            const uint32_t v = mote_arm_ld32(src + t * C + 4 * j);
            d[0] = mote_arm_even(v, off2);
            d[1] = mote_arm_odd(v, off2);
        }
    return d;
}

/*
 * Chunks of 4 * floor(PW4_XW_WORDS / (8K)) pixels (at least four while
 * K <= MOTE_ARM_PW4_MAX_K), one more when that leaves a single last pixel
 * and the buffer holds it: the chunk's whole blocks are widened
 * interleaved; when its pixels are 1 mod 4 (and at least five) the last
 * block takes five pixels (pw5_chan), else its last npix % 4 pixels go
 * one after the other (the patch layout of mote_arm_xdot4); every input
 * of the chunk is read before any of its outputs is written, so the step
 * may run in place. Then per output channel pw4_chan over the blocks
 * (pw5_chan for a five-pixel one): every channel in one call when every
 * shift is <= -2 (PW4_NEXT), else a call per channel; and the last pixels
 * four channels at a time through mote_arm_xdot4.
 */
void mote_arm_conv_pw4(const mote_conv_s8_params *p, const mote_requant *q, int32_t C, int32_t OC,
                       int32_t npix, const int8_t *input, int8_t *output, const int8_t *filter,
                       const int32_t *bias)
{
    int32_t xw[PW4_XW_WORDS];
    const int32_t G = C / 4, P = PW4_XW_WORDS / (8 * G) * 4;
    const int32_t off2 = mote_arm_dup16(p->input_offset);
    pw4_ctx ctx;
    static const int32_t zero = 0;
    int32_t i0, n, nb, b, t, j, o, n4, r;
    int fast;
    ctx.g32 = 32 * G;
    ctx.g40 = 40 * G;
    ctx.k = C;
    ctx.oc = OC;
    ctx.lo4 = mote_arm_dup8(p->act_min);
    ctx.hi4 = mote_arm_dup8(p->act_max);
    ctx.raw = NULL;
    ctx.odd = 0;
    ctx.bstep = bias ? 4 : 0;
    ctx.zp = p->output_offset;
    /* every channel takes the asm output stage (shift <= -2): the channel
     * loop in the asm (PW4_NEXT), else one call per channel with the
     * constants set here */
    for (o = 0; o < OC && q->shift[o] <= -2; ++o) {
    }
    fast = o == OC;
    for (i0 = 0; i0 < npix; i0 += n) {
        const int8_t *src = input + i0 * C;
        int8_t *out = output + i0 * OC;
        int32_t *d = xw, *tail;
        int five;
        n = npix - i0 < P ? npix - i0 : P;
        if (npix - i0 == P + 1 && 2 * G * (P + 1) <= PW4_XW_WORDS) n = P + 1;
        nb = n / 4;
        five = n % 4 == 1 && nb > 0;
        n4 = five ? nb - 1 : nb; /* four-pixel blocks */
        for (b = 0; b < n4; ++b, src += 4 * C)
            d = pw4_widen(d, src, C, G, 4, off2);
        if (five) {
            d = pw4_widen(d, src, C, G, 5, off2);
            src += 5 * C;
        }
        tail = d;
        r = five ? 0 : n % 4; /* pixels through mote_arm_xdot4 */
        for (j = 0; j < r * G; ++j, src += 4, d += 2) {
            const uint32_t v = mote_arm_ld32(src);
            d[0] = mote_arm_even(v, off2);
            d[1] = mote_arm_odd(v, off2);
        }
        if (nb > 0 && fast) { /* every channel in one call (PW4_NEXT) */
            ctx.nblk = n4;
            ctx.nch = OC;
            if (n4 > 0) {
                ctx.shp = q->shift;
                ctx.mp = q->multiplier;
                ctx.bp = bias ? bias : &zero;
                pw4_chan(xw, filter, out, &ctx);
            }
            if (five) {
                ctx.shp = q->shift;
                ctx.mp = q->multiplier;
                ctx.bp = bias ? bias : &zero;
                pw5_chan(xw + 8 * G * n4, filter, out + 4 * n4 * OC, &ctx);
            }
        } else if (nb > 0) {
            int32_t *const x5 = xw + 8 * G * n4;
            int8_t *const out5 = out + 4 * n4 * OC;
            ctx.nblk = n4;
            ctx.nch = 1;
            ctx.shp = NULL;
            for (o = 0; o < OC; ++o) {
                const int32_t sh = q->shift[o], b0 = bias ? bias[o] : 0;
                ctx.bias = b0;
                if (sh <= -2) {
                    const int fold = sh >= -23;
                    ctx.m = q->multiplier[o];
                    ctx.e1 = -sh - 1;
                    ctx.hq = ((int32_t)1 << (-sh - 2)) +
                             (fold ? p->output_offset * ((int32_t)1 << (-sh - 1)) : 0);
                    ctx.zpa = fold ? 0 : p->output_offset;
                    if (n4 > 0) pw4_chan(xw, filter + o * C, out + o, &ctx);
                    if (five) pw5_chan(x5, filter + o * C, out5 + o, &ctx);
                } else { /* the accumulators, then the general output stage */
                    int32_t raw[PW4_MAX_BLOCKS * 4 + 1];
                    if (n4 > 0) {
                        ctx.raw = raw;
                        pw4_chan(xw, filter + o * C, out + o, &ctx);
                    }
                    if (five) { /* raw[4 * n4]: the fifth pixel, then the block's four */
                        ctx.raw = raw + 4 * n4;
                        pw5_chan(x5, filter + o * C, out5 + o, &ctx);
                        t = raw[4 * n4];
                        raw[4 * n4] = raw[4 * n4 + 1];
                        raw[4 * n4 + 1] = raw[4 * n4 + 2];
                        raw[4 * n4 + 2] = raw[4 * n4 + 3];
                        raw[4 * n4 + 3] = raw[4 * n4 + 4];
                        raw[4 * n4 + 4] = t;
                    }
                    ctx.raw = NULL;
                    for (t = 0; t < 4 * nb + five; ++t)
                        out[t * OC + o] = mote_arm_out_s8(raw[t], q->multiplier[o], sh,
                                                          p->output_offset, p->act_min, p->act_max);
                }
            }
        }
        for (t = 0; t < r; ++t, tail += 2 * G) {
            int8_t *po = out + (4 * nb + t) * OC;
            for (o = 0; o < OC; o += 4) {
                mote_arm_rq4 rq;
                int32_t acc[4];
                acc[0] = bias ? bias[o] : 0;
                acc[1] = bias ? bias[o + 1] : 0;
                acc[2] = bias ? bias[o + 2] : 0;
                acc[3] = bias ? bias[o + 3] : 0;
                mote_arm_xdot4(tail, filter + o * C, C, G, acc);
                mote_arm_rq4_prep(&rq, q->multiplier, q->shift, o, 0, p->output_offset, p->act_min,
                                  p->act_max);
                mote_arm_st32(po + o, mote_arm_rq4_pack(&rq, acc[0], acc[1], acc[2], acc[3]));
            }
        }
    }
}

/* The step entry of the rows arm_dsp_pw4 and arm_dsp_pw4_ip. */
mote_status mote_arm_conv_pw4_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (io->in[0] == NULL || io->in[1] == NULL || io->out[0] == NULL ||
        mote_arm_conv2d_s8_step_path(s, io->in[0] == io->out[0]) != MOTE_ARM_CONV_PW4)
        return MOTE_E_ARG;
    mote_arm_conv_pw4(&s->p, &q, s->filter.c, s->out.c, s->out.n * s->out.h * s->out.w,
                      (const int8_t *)io->in[0], (int8_t *)io->out[0], (const int8_t *)io->in[1],
                      (const int32_t *)io->in[2]);
    return MOTE_OK;
}

#else
typedef int mote_arm_unused_;
#endif
