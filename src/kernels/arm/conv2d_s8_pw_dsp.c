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

#include <stddef.h>
#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_paths.h"
#include "kernels/arm/pw2_pairs.h"

/*
 * pw2_pairs (pw2_pairs.h) with eight groups unrolled, entered -G mod 8
 * groups in; a pass ends comparing the weight pointer with the rows' end
 * kept in the frame (3 instructions a pass: K = 128 takes four).
 * Unrolling all 32 groups saves those (mote_arm_pw2_pairs_all) but costs
 * 912 bytes more, and 16 groups 304: the M4 KWS build's 40 KB of
 * flash_code holds neither with the other rows it links, so only the
 * arena-room path (which KWS does not link) runs the full one.
 */
/* clang-format off */
__attribute__((naked, noinline)) static int32_t pw2_pairs(pw2_ctx *ctx __attribute__((unused)))
{
    __asm__ volatile(PW2_PAIRS_ASM("negs    r2, r2\n\t"
                                   "and     r2, r2, #7\n\t", /* groups skipped: -G mod 8 */
                                   PW2_GROUP4 PW2_GROUP4, 8,
                                   "ldr     r2, [sp, #28]\n\t" /* 8 groups a pass (flash: KWS) */
                                   "cmp     r1, r2\n\t"
                                   "bne     2b\n\t"));
}
/* clang-format on */

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
                                                  const mote_requant *q, const pw2_ctx *ctx,
                                                  int32_t o, int32_t OC, int32_t n,
                                                  const int32_t *bias, int8_t *output)
{
    const int32_t G = ctx->g, *const xw = ctx->xw, *const tail = ctx->tail_end - 4 * G,
                  *const wb = ctx->wb;
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
 * pixel twice at tail) against every output channel pair: pw2_pairs, and
 * pw2_general for a pair it hands back (wb holds that pair's widened
 * rows). Outputs of pixel t at output + t * OC.
 */
static inline __attribute__((always_inline)) void
pw2_chunk_with(const mote_conv_s8_params *p, const mote_requant *q, int32_t G, int32_t OC,
               int32_t n, const int32_t *xw, const int32_t *tail, int8_t *output,
               const int8_t *filter, const int32_t *bias, int32_t *wb, mote_arm_pw2_fn pairs)
{
    const int32_t C = 4 * G, np = n / 2;
    pw2_ctx ctx;
    int32_t o = 0, left;
    ctx.wb = wb;
    ctx.g = G;
    ctx.zp = p->output_offset;
    ctx.lo4 = mote_arm_dup8(p->act_min);
    ctx.hi4 = mote_arm_dup8(p->act_max);
    ctx.clamp = (p->act_min > -128 || p->act_max < 127 ? PW2_CLAMP : 0u) |
                (p->act_min >= p->output_offset ? PW2_NOSIGN : 0u);
    ctx.tail_end = tail + 4 * G;
    ctx.C = C;
    if (np > 0) {
        ctx.xw = xw;
        ctx.oc0 = OC;
        ctx.end0 = xw + 4 * G * np;
        ctx.tail0 = n % 2 ? tail : NULL;
    } else { /* one pixel */
        ctx.xw = tail;
        ctx.oc0 = 0;
        ctx.end0 = ctx.tail_end;
        ctx.tail0 = NULL;
    }
    while (o < OC) {
        ctx.filter = filter + o * C;
        ctx.mult = q->multiplier + o;
        ctx.shift = q->shift + o;
        ctx.bias = bias ? bias + o : NULL;
        ctx.outp = output + o;
        ctx.pairs = (OC - o) / 2;
        left = pairs(&ctx);
        if (left == 0) break;
        o = OC - 2 * left;
        pw2_general(p, q, &ctx, o, OC, n, bias, output);
        o += 2;
    }
}

/* The stack path's (pw2_pairs: eight groups a pass). */
static void pw2_chunk(const mote_conv_s8_params *p, const mote_requant *q, int32_t G, int32_t OC,
                      int32_t n, const int32_t *xw, const int32_t *tail, int8_t *output,
                      const int8_t *filter, const int32_t *bias, int32_t *wb)
{
    pw2_chunk_with(p, q, G, OC, n, xw, tail, output, filter, bias, wb, pw2_pairs);
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

/* The chunk buffers of mote_arm_conv_pw: the channel pair's widened rows
 * (4G = C words), then the pixel pairs (C / 2 words a pixel). 3.25 KB
 * hold 24 pixels at C = 64; past C = 96, 3.5 KB (the 128-channel layers of
 * VWW and person_detect: 6x6 = 36 pixels in three chunks of 12, not four,
 * each chunk widening every filter row once more). */
#define PW_BUF_WORDS MOTE_ARM_PW_BUF_SMALL
#define PW_BUF_BIG MOTE_ARM_PW_BUF_BIG

/*
 * Chunks of an even number of pixels (the last may be odd: its last pixel
 * is widened twice) widened with the input offset into buf (words), so
 * that, in place, their outputs may overwrite them; then pw2_chunk.
 */
typedef void (*pw2_chunk_fn)(const mote_conv_s8_params *p, const mote_requant *q, int32_t G,
                             int32_t OC, int32_t n, const int32_t *xw, const int32_t *tail,
                             int8_t *output, const int8_t *filter, const int32_t *bias,
                             int32_t *wb);

static inline __attribute__((always_inline)) void
pw_chunks_with(const mote_conv_s8_params *p, const mote_requant *q, int32_t C, int32_t OC,
               int32_t npix, const int8_t *input, int8_t *output, const int8_t *filter,
               const int32_t *bias, int32_t *buf, int32_t words, pw2_chunk_fn chunk)
{
    int32_t *const xw = buf + C;
    const int32_t G = C / 4, P = (words - C) / C * 2, off2 = mote_arm_dup16(p->input_offset);
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
        chunk(p, q, G, OC, n, xw, tail, output + i0 * OC, filter, bias, buf);
    }
}

/* The stack path's (pw2_pairs: eight groups a pass). */
static void pw_chunks(const mote_conv_s8_params *p, const mote_requant *q, int32_t C, int32_t OC,
                      int32_t npix, const int8_t *input, int8_t *output, const int8_t *filter,
                      const int32_t *bias, int32_t *buf, int32_t words)
{
    pw_chunks_with(p, q, C, OC, npix, input, output, filter, bias, buf, words, pw2_chunk);
}

/* Each buffer in a frame of its own: smaller depths never pay for the
 * larger one. */
static __attribute__((noinline)) void pw_chunks_big(const mote_conv_s8_params *p,
                                                    const mote_requant *q, int32_t C, int32_t OC,
                                                    int32_t npix, const int8_t *input,
                                                    int8_t *output, const int8_t *filter,
                                                    const int32_t *bias)
{
    int32_t buf[PW_BUF_BIG];
    pw_chunks(p, q, C, OC, npix, input, output, filter, bias, buf, PW_BUF_BIG);
}

static __attribute__((noinline)) void pw_chunks_small(const mote_conv_s8_params *p,
                                                      const mote_requant *q, int32_t C, int32_t OC,
                                                      int32_t npix, const int8_t *input,
                                                      int8_t *output, const int8_t *filter,
                                                      const int32_t *bias)
{
    int32_t buf[PW_BUF_WORDS];
    pw_chunks(p, q, C, OC, npix, input, output, filter, bias, buf, PW_BUF_WORDS);
}

/* pw2_chunk with all 32 groups unrolled (mote_arm_pw2_pairs_all: no pass
 * checks), for the room path alone: KWS, whose steps get no room, links
 * neither. */
static void pw2_chunk_all(const mote_conv_s8_params *p, const mote_requant *q, int32_t G,
                          int32_t OC, int32_t n, const int32_t *xw, const int32_t *tail,
                          int8_t *output, const int8_t *filter, const int32_t *bias, int32_t *wb)
{
    pw2_chunk_with(p, q, G, OC, n, xw, tail, output, filter, bias, wb, mote_arm_pw2_pairs_all);
}

/* pw_chunks on the caller's buffer (the arena room the plan found free at
 * the step: the arm_dsp_pw and arm_dsp_pw_ip_room rows), in fewer chunks
 * than the stack buffer's (mote_arm_pw_room_words): each filter row is
 * widened once a chunk; and with pw2_chunk_all. */
void mote_arm_conv_pw_buf(const mote_conv_s8_params *p, const mote_requant *q, int32_t C,
                          int32_t OC, int32_t npix, const int8_t *input, int8_t *output,
                          const int8_t *filter, const int32_t *bias, int32_t *buf, int32_t words)
{
    pw_chunks_with(p, q, C, OC, npix, input, output, filter, bias, buf, words, pw2_chunk_all);
}

/*
 * Pointwise (1x1, stride 1, no padding), C % 4 == 0, C <= 128, OC % 4 == 0,
 * in place (C == OC) or not: pw_chunks on a stack buffer.
 */
void mote_arm_conv_pw(const mote_conv_s8_params *p, const mote_requant *q, int32_t C, int32_t OC,
                      int32_t npix, const int8_t *input, int8_t *output, const int8_t *filter,
                      const int32_t *bias)
{
    (C > 96 ? pw_chunks_big : pw_chunks_small)(p, q, C, OC, npix, input, output, filter, bias);
}

#else
typedef int mote_arm_unused_;
#endif
