/*
 * mve_chain_s8.c — Helium (MVE, Cortex-M55) rows for the layers of a band
 * chain that the general rows of mve_s8.c run at a poor rate.
 *
 * arm_mve_first: CONV_2D int8, 3x3 window over 3 input channels, stride 1
 * or 2 along rows, undilated, 4 .. 16 output channels in blocks of four
 * (the first layer of VWW and IC: 3 -> 8 and 3 -> 16). The general patch
 * path gathers a run of windows into a stack buffer and sweeps it once per
 * block of four channels, each sweep with its own seeds, pointers and loop
 * set-up per pixel; here one pass per pixel (assembly) loads the three
 * 9-byte window rows straight from the input (predicated, so nothing past
 * them is read), lays them end to end in 48 bytes of stack (the 27-byte
 * window as two vectors), and runs every block of the pixel from a table
 * built once per call: each channel's weights zero-padded to 32 bytes,
 * then the block's seeds and output-stage constants, so one pointer walks
 * it with immediate offsets. Pixels whose window leaves the input (the
 * padded edges) go through the same assembly, their rows first built in a
 * stack array with the input zero point in the padded taps.
 *
 * Seeds are bias + off * sum(w) (mve_s8.c): sum(w * (x + off)) =
 * sum(w * x) + off * sum(w) modulo 2^32, padded taps holding -off add 0.
 * The output stage is mve_s8.c's rqv_apply per lane.
 */
#include <stddef.h>
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_rows.h"

/* What the row takes (portable: the planner asks on any host). In place
 * the step hands over to the general Helium row. */
static int first_shape(const mote_conv_s8_step *s)
{
    const mote_conv_geom *g = &s->p.geom;
    return s->channels == s->out.c && mote_arm_conv2d_s8_fits(&s->p, &s->in, &s->filter, &s->out) &&
           s->in.c == 3 && s->filter.h == 3 && s->filter.w == 3 && g->dilation_h == 1 &&
           g->dilation_w == 1 && (g->stride_w == 1 || g->stride_w == 2) && g->stride_h >= 1 &&
           s->out.c % 4 == 0 && s->out.c >= 4 && s->out.c <= 16;
}

int mote_mve_conv_first_fits(const void *step)
{
    return first_shape((const mote_conv_s8_step *)step);
}

/* arm_mve_pwk: pointwise (1x1, stride 1, no padding), 8 or 16 input
 * channels, output channels a multiple of 4 up to 64. */
static int pwk_shape(const mote_conv_s8_step *s)
{
    const mote_conv_geom *g = &s->p.geom;
    return s->channels == s->out.c && mote_arm_conv2d_s8_fits(&s->p, &s->in, &s->filter, &s->out) &&
           (s->in.c == 8 || s->in.c == 16) && s->filter.h == 1 && s->filter.w == 1 &&
           g->stride_h == 1 && g->stride_w == 1 && g->pad_h == 0 && g->pad_w == 0 &&
           s->out.h == s->in.h && s->out.w == s->in.w && s->out.c % 4 == 0 && s->out.c >= 4 &&
           s->out.c <= 64;
}

int mote_mve_conv_pwk_fits(const void *step)
{
    return pwk_shape((const mote_conv_s8_step *)step);
}

#if defined(__ARM_FEATURE_MVE) && defined(__ARM_FEATURE_DSP)

#include <arm_mve.h>
#include <string.h>

/* One block of four output channels in the table (224 bytes, offsets
 * fixed in the assembly): channel j's 27 weights at 32 * j, zero to 32 *
 * j + 31; then per lane the seed, left shift, multiplier, negative-shift
 * mask and right shift (<= 0). */
typedef struct first_blk {
    int8_t w[4][32];  /* 0 */
    int32_t seed[4];  /* 128 */
    int32_t lsh[4];   /* 144 */
    int32_t m[4];     /* 160 */
    int32_t emask[4]; /* 176 */
    int32_t rsh[4];   /* 192 */
} first_blk;

/* What first_asm reads (offsets fixed in its assembly). */
typedef struct first_ctx {
    const int8_t *row[3]; /* 0, 4, 8: window rows of the first pixel */
    int32_t cnt;          /* 12: pixels, >= 1, each stride * 3 bytes on */
    int8_t *out;          /* 16: the first pixel's output, blocks of 4 bytes */
    const first_blk *tab; /* 20 */
    int32_t nblk;         /* 24: blocks of four channels */
    int32_t ooff;         /* 28: output zero point */
    int32_t lo, hi;       /* 32, 36: activation range */
} first_ctx;
typedef char first_layout_check[offsetof(first_blk, rsh) == 192 && sizeof(first_blk) == 208 &&
                                        offsetof(first_ctx, hi) == 36 && sizeof(void *) == 4
                                    ? 1
                                    : -1];

/* The window rows of a pixel (P0: the first nine lanes), the row
 * pointers on to the next pixel's: stride 1 or 2, 3 bytes a pixel. */
#define FIRST_LOADS_S1                                                                             \
    "vldrbt.u8 q0, [r8], #3\n\t"                                                                   \
    "vldrbt.u8 q1, [r9], #3\n\t"                                                                   \
    "vldrbt.u8 q2, [r10], #3\n\t"
#define FIRST_LOADS_S2                                                                             \
    "vldrbt.u8 q0, [r8], #6\n\t"                                                                   \
    "vldrbt.u8 q1, [r9], #6\n\t"                                                                   \
    "vldrbt.u8 q2, [r10], #6\n\t"

/* cnt pixels: the three rows of 9 bytes (P0 = first nine lanes; the
 * predicated loads zero the others) stored 9 bytes apart in 48 bytes of
 * stack, so its first 27 bytes are the window and the next 7 zero; the
 * window as two vectors (q0, q1). Per block of four channels: 8 loads of
 * weights and VMLADAV / VMLADAVA into r0, r2, r4, r6 (even registers), the
 * sums into one vector, the seeds added, the output stage (rq: rqv_apply
 * of mve_s8.c, its constants loaded from the block as it goes, the zero
 * point in r1), clamp (q4, q5) and one 4-byte store; r7 walks the table,
 * lr counts blocks (DLS / LE). loads: FIRST_LOADS_S1 / _S2. */
/* The set-up: clamp bounds, row pointers, count, out, table, blocks,
 * zero point, P0 = nine lanes. */
#define FIRST_PRO                                                                                  \
    "push {r4-r11, lr}\n\t"                                                                        \
    "vpush {d8-d15}\n\t"                                                                           \
    "sub sp, #48\n\t"                                                                              \
    "ldr r2, [r0, #32]\n\t"                                                                        \
    "vdup.32 q4, r2\n\t"                                                                           \
    "ldr r2, [r0, #36]\n\t"                                                                        \
    "vdup.32 q5, r2\n\t"                                                                           \
    "ldr r8, [r0]\n\t"                                                                             \
    "ldr r9, [r0, #4]\n\t"                                                                         \
    "ldr r10, [r0, #8]\n\t"                                                                        \
    "ldr r3, [r0, #12]\n\t"                                                                        \
    "ldr r5, [r0, #16]\n\t"                                                                        \
    "ldr r12, [r0, #20]\n\t"                                                                       \
    "ldr r11, [r0, #24]\n\t"                                                                       \
    "ldr r1, [r0, #28]\n\t"                                                                        \
    "movs r2, #9\n\t"                                                                              \
    "vctp.8 r2\n"

/* The window of a pixel into q0, q1 through the 48 bytes of stack. */
#define FIRST_WIN(loads)                                                                           \
    "vpsttt\n\t" loads "vstrb.8 q0, [sp]\n\t"                                                      \
    "vstrb.8 q1, [sp, #9]\n\t"                                                                     \
    "vstrb.8 q2, [sp, #18]\n\t"                                                                    \
    "vldrw.u32 q0, [sp]\n\t"                                                                       \
    "vldrw.u32 q1, [sp, #16]\n\t"

/* One block of four channels at r7, r7 on to the next block. */
#define FIRST_BLK(rq)                                                                              \
    "vldrw.u32 q2, [r7], #208\n\t"                                                                 \
    "vmladav.s8 r0, q2, q0\n\t"                                                                    \
    "vldrw.u32 q2, [r7, #-192]\n\t"                                                                \
    "vmladava.s8 r0, q2, q1\n\t"                                                                   \
    "vldrw.u32 q2, [r7, #-176]\n\t"                                                                \
    "vmladav.s8 r2, q2, q0\n\t"                                                                    \
    "vldrw.u32 q2, [r7, #-160]\n\t"                                                                \
    "vmladava.s8 r2, q2, q1\n\t"                                                                   \
    "vldrw.u32 q2, [r7, #-144]\n\t"                                                                \
    "vmladav.s8 r4, q2, q0\n\t"                                                                    \
    "vldrw.u32 q2, [r7, #-128]\n\t"                                                                \
    "vmladava.s8 r4, q2, q1\n\t"                                                                   \
    "vldrw.u32 q2, [r7, #-112]\n\t"                                                                \
    "vmladav.s8 r6, q2, q0\n\t"                                                                    \
    "vldrw.u32 q2, [r7, #-96]\n\t"                                                                 \
    "vmladava.s8 r6, q2, q1\n\t"                                                                   \
    "vmov q3[2], q3[0], r0, r4\n\t"                                                                \
    "vmov q3[3], q3[1], r2, r6\n\t"                                                                \
    "vldrw.u32 q6, [r7, #-80]\n\t"                                                                 \
    "vadd.i32 q3, q3, q6\n\t" rq "vmax.s32 q3, q3, q4\n\t"                                         \
    "vmin.s32 q3, q3, q5\n\t"                                                                      \
    "vstrb.32 q3, [r5], #4\n\t"

#define FIRST_EPI                                                                                  \
    "add sp, #48\n\t"                                                                              \
    "vpop {d8-d15}\n\t"                                                                            \
    "pop {r4-r11, pc}\n"

#define FIRST_ASM(loads, rq)                                                                       \
    FIRST_PRO "1:\n\t" FIRST_WIN(loads) "mov r7, r12\n\t"                                          \
                                        "dls lr, r11\n"                                            \
                                        "2:\n\t" FIRST_BLK(rq) "le lr, 2b\n\t"                     \
                                                               "subs r3, #1\n\t"                   \
                                                               "bne 1b\n\t" FIRST_EPI

/* Eight channels (two blocks, VWW's first layer), zero point -128 over
 * all of int8 (act_min >= the zero point), every shift negative: both
 * blocks unrolled, the pixels in a low-overhead loop (DLS / LE);
 * saturation (VQMOVNB) instead of the clamp frees q4, q5 and q7 (q6 stays
 * the loads' scratch), which hold the first block's seeds, multipliers
 * and shifts for the call; the table read at fixed offsets from r12. */
#define FIRST_BLK0S                                                                                \
    "vldrw.u32 q2, [r12, #0]\n\t"                                                                  \
    "vmladav.s8 r0, q2, q0\n\t"                                                                    \
    "vldrw.u32 q2, [r12, #16]\n\t"                                                                 \
    "vmladava.s8 r0, q2, q1\n\t"                                                                   \
    "vldrw.u32 q2, [r12, #32]\n\t"                                                                 \
    "vmladav.s8 r2, q2, q0\n\t"                                                                    \
    "vldrw.u32 q2, [r12, #48]\n\t"                                                                 \
    "vmladava.s8 r2, q2, q1\n\t"                                                                   \
    "vldrw.u32 q2, [r12, #64]\n\t"                                                                 \
    "vmladav.s8 r4, q2, q0\n\t"                                                                    \
    "vldrw.u32 q2, [r12, #80]\n\t"                                                                 \
    "vmladava.s8 r4, q2, q1\n\t"                                                                   \
    "vldrw.u32 q2, [r12, #96]\n\t"                                                                 \
    "vmladav.s8 r6, q2, q0\n\t"                                                                    \
    "vldrw.u32 q2, [r12, #112]\n\t"                                                                \
    "vmladava.s8 r6, q2, q1\n\t"                                                                   \
    "vmov q3[2], q3[0], r0, r4\n\t"                                                                \
    "vmov q3[3], q3[1], r2, r6\n\t"                                                                \
    "vadd.i32 q3, q3, q4\n\t"                                                                      \
    "vqrdmulh.s32 q3, q3, q5\n\t"                                                                  \
    "vrshl.s32 q3, q3, q7\n\t"                                                                     \
    "vadd.i32 q3, q3, r1\n\t"                                                                      \
    "vqmovnb.s32 q3, q3\n\t"                                                                       \
    "vqmovnb.s16 q3, q3\n\t"                                                                       \
    "vstrb.32 q3, [r5], #4\n\t"
#define FIRST_BLK1S                                                                                \
    "vldrw.u32 q2, [r12, #208]\n\t"                                                                \
    "vmladav.s8 r0, q2, q0\n\t"                                                                    \
    "vldrw.u32 q2, [r12, #224]\n\t"                                                                \
    "vmladava.s8 r0, q2, q1\n\t"                                                                   \
    "vldrw.u32 q2, [r12, #240]\n\t"                                                                \
    "vmladav.s8 r2, q2, q0\n\t"                                                                    \
    "vldrw.u32 q2, [r12, #256]\n\t"                                                                \
    "vmladava.s8 r2, q2, q1\n\t"                                                                   \
    "vldrw.u32 q2, [r12, #272]\n\t"                                                                \
    "vmladav.s8 r4, q2, q0\n\t"                                                                    \
    "vldrw.u32 q2, [r12, #288]\n\t"                                                                \
    "vmladava.s8 r4, q2, q1\n\t"                                                                   \
    "vldrw.u32 q2, [r12, #304]\n\t"                                                                \
    "vmladav.s8 r6, q2, q0\n\t"                                                                    \
    "vldrw.u32 q2, [r12, #320]\n\t"                                                                \
    "vmladava.s8 r6, q2, q1\n\t"                                                                   \
    "vmov q3[2], q3[0], r0, r4\n\t"                                                                \
    "vmov q3[3], q3[1], r2, r6\n\t"                                                                \
    "vldrw.u32 q6, [r12, #336]\n\t"                                                                \
    "vadd.i32 q3, q3, q6\n\t"                                                                      \
    "vldrw.u32 q6, [r12, #368]\n\t"                                                                \
    "vqrdmulh.s32 q3, q3, q6\n\t"                                                                  \
    "vldrw.u32 q6, [r12, #400]\n\t"                                                                \
    "vrshl.s32 q3, q3, q6\n\t"                                                                     \
    "vadd.i32 q3, q3, r1\n\t"                                                                      \
    "vqmovnb.s32 q3, q3\n\t"                                                                       \
    "vqmovnb.s16 q3, q3\n\t"                                                                       \
    "vstrb.32 q3, [r5], #4\n\t"
#define FIRST_ASM2S(loads)                                                                         \
    FIRST_PRO "vldrw.u32 q4, [r12, #128]\n\t"                                                      \
              "vldrw.u32 q5, [r12, #160]\n\t"                                                      \
              "vldrw.u32 q7, [r12, #192]\n\t"                                                      \
              "dls lr, r3\n"                                                                       \
              "1:\n\t" FIRST_WIN(loads) FIRST_BLK0S FIRST_BLK1S "le lr, 1b\n\t" FIRST_EPI

/* The output stage of q3, any shifts: left shift, multiplier, the
 * negative-shift mask and right shift from the block, zero point r1. */
#define FIRST_RQ                                                                                   \
    "vldrw.u32 q6, [r7, #-64]\n\t"                                                                 \
    "vshl.s32 q3, q3, q6\n\t"                                                                      \
    "vldrw.u32 q6, [r7, #-48]\n\t"                                                                 \
    "vqrdmulh.s32 q3, q3, q6\n\t"                                                                  \
    "vshr.s32 q7, q3, #31\n\t"                                                                     \
    "vldrw.u32 q6, [r7, #-32]\n\t"                                                                 \
    "vand q7, q7, q6\n\t"                                                                          \
    "vadd.i32 q3, q3, q7\n\t"                                                                      \
    "vldrw.u32 q6, [r7, #-16]\n\t"                                                                 \
    "vrshl.s32 q3, q3, q6\n\t"                                                                     \
    "vadd.i32 q3, q3, r1\n\t"
/* Every shift negative (left shift 0, mask all ones). */
#define FIRST_RQN                                                                                  \
    "vldrw.u32 q6, [r7, #-48]\n\t"                                                                 \
    "vqrdmulh.s32 q3, q3, q6\n\t"                                                                  \
    "vshr.s32 q7, q3, #31\n\t"                                                                     \
    "vadd.i32 q3, q3, q7\n\t"                                                                      \
    "vldrw.u32 q6, [r7, #-16]\n\t"                                                                 \
    "vrshl.s32 q3, q3, q6\n\t"                                                                     \
    "vadd.i32 q3, q3, r1\n\t"

/* The same two when act_min >= the zero point: the sign correction only
 * moves negative products, which round to <= 0 either way and so clamp
 * to act_min (zero point + (<= 0) <= act_min); dead, dropped. */
#define FIRST_RQP                                                                                  \
    "vldrw.u32 q6, [r7, #-64]\n\t"                                                                 \
    "vshl.s32 q3, q3, q6\n\t"                                                                      \
    "vldrw.u32 q6, [r7, #-48]\n\t"                                                                 \
    "vqrdmulh.s32 q3, q3, q6\n\t"                                                                  \
    "vldrw.u32 q6, [r7, #-16]\n\t"                                                                 \
    "vrshl.s32 q3, q3, q6\n\t"                                                                     \
    "vadd.i32 q3, q3, r1\n\t"
#define FIRST_RQNP                                                                                 \
    "vldrw.u32 q6, [r7, #-48]\n\t"                                                                 \
    "vqrdmulh.s32 q3, q3, q6\n\t"                                                                  \
    "vldrw.u32 q6, [r7, #-16]\n\t"                                                                 \
    "vrshl.s32 q3, q3, q6\n\t"                                                                     \
    "vadd.i32 q3, q3, r1\n\t"

#define MVE_FIRST_UNUSED __attribute__((unused))
#define FIRST_FN(name, loads, rq)                                                                  \
    static __attribute__((naked, noinline)) void name(MVE_FIRST_UNUSED const first_ctx *c)         \
    {                                                                                              \
        __asm__ volatile(FIRST_ASM(loads, rq));                                                    \
    }
FIRST_FN(first_asm_s1, FIRST_LOADS_S1, FIRST_RQ)
FIRST_FN(first_asm_s2, FIRST_LOADS_S2, FIRST_RQ)
FIRST_FN(first_asm_s1n, FIRST_LOADS_S1, FIRST_RQN)
FIRST_FN(first_asm_s2n, FIRST_LOADS_S2, FIRST_RQN)
FIRST_FN(first_asm_s1p, FIRST_LOADS_S1, FIRST_RQP)
FIRST_FN(first_asm_s2p, FIRST_LOADS_S2, FIRST_RQP)
FIRST_FN(first_asm_s1np, FIRST_LOADS_S1, FIRST_RQNP)
FIRST_FN(first_asm_s2np, FIRST_LOADS_S2, FIRST_RQNP)
static __attribute__((naked, noinline)) void first_asm2s_s1(MVE_FIRST_UNUSED const first_ctx *c)
{
    __asm__ volatile(FIRST_ASM2S(FIRST_LOADS_S1));
}
static __attribute__((naked, noinline)) void first_asm2s_s2(MVE_FIRST_UNUSED const first_ctx *c)
{
    __asm__ volatile(FIRST_ASM2S(FIRST_LOADS_S2));
}

/* The table: per block of four channels their weights (27 bytes each,
 * zero to 32), seeds and output-stage constants. 1 when every shift is
 * negative. */
static int first_table(first_blk *tab, int32_t OC, const int8_t *w, const int32_t *bias,
                       int32_t off, const mote_requant *q)
{
    const mve_pred16_t p11 = vctp8q(11);
    const int32x4_t zero = vdupq_n_s32(0);
    int32_t o, j;
    int neg = 1;
    for (o = 0; o < OC; o += 4) {
        first_blk *b = &tab[o / 4];
        const int32x4_t sh = vldrbq_s32(q->shift + o);
        int32_t sw[4];
        for (j = 0; j < 4; ++j) {
            const int8_t *wr = w + 27 * (o + j);
            const int8x16_t a = vldrbq_s8(wr), c = vldrbq_z_s8(wr + 16, p11);
            vst1q_s8(b->w[j], a);
            vst1q_s8(b->w[j] + 16, c);
            sw[j] = vaddvaq_s8(vaddvq_s8(a), c);
        }
        vst1q_s32(b->seed, vmlaq_n_s32(bias ? vld1q_s32(bias + o) : zero, vld1q_s32(sw), off));
        vst1q_s32(b->m, vld1q_s32(q->multiplier + o));
        vst1q_s32(b->lsh, vmaxq_s32(sh, zero));
        vst1q_s32(b->rsh, vminq_s32(sh, zero));
        vst1q_s32(b->emask, vpselq_s32(vdupq_n_s32(-1), zero, vcmpltq_n_s32(sh, 0)));
        neg &= vcmpltq_n_s32(sh, 0) == 0xFFFF;
    }
    return neg;
}

/* The rows of a window that leaves the input: e (3 rows of 16 bytes),
 * the input zero point where a tap is padding. */
static void first_edge(int8_t e[3][16], const int8_t *in_b, int32_t IH, int32_t IW, int32_t y0,
                       int32_t x0, int8_t zp)
{
    const int8x16_t z = vdupq_n_s8(zp);
    int32_t ky, kx;
    for (ky = 0; ky < 3; ++ky) {
        const int32_t y = y0 + ky;
        if (y < 0 || y >= IH) {
            vst1q_s8(e[ky], z);
        } else if (x0 >= 0) {
            /* the columns x0 .. IW - 1 (none when x0 >= IW), then padding */
            const int32_t nx = IW - x0 <= 0 ? 0 : IW - x0 < 3 ? IW - x0 : 3;
            const mve_pred16_t pv = vctp8q((uint32_t)(nx * 3));
            const int8_t *src = in_b + (y * IW + x0) * 3;
            vst1q_s8(e[ky], vpselq_s8(vldrbq_z_s8(src, pv), z, pv));
        } else {
            for (kx = 0; kx < 3; ++kx) {
                const int32_t x = x0 + kx;
                int8_t *d = &e[ky][3 * kx];
                if (x >= 0 && x < IW) {
                    const int8_t *src = in_b + (y * IW + x) * 3;
                    d[0] = src[0];
                    d[1] = src[1];
                    d[2] = src[2];
                } else {
                    d[0] = d[1] = d[2] = zp;
                }
            }
        }
    }
}
mote_status mote_mve_conv_first_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    const int8_t *in = (const int8_t *)io->in[0], *w = (const int8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int8_t *out = (int8_t *)io->out[0];
    const mote_conv_geom *g = &s->p.geom;
    const int32_t IH = s->in.h, IW = s->in.w, OH = s->out.h, OW = s->out.w, OC = s->out.c;
    const int32_t sh = g->stride_h, sw = g->stride_w;
    const int8_t zp = (int8_t)(-s->p.input_offset);
    void (*run)(const first_ctx *);
    first_blk tab[4];
    int8_t e[3][16];
    first_ctx c;
    int32_t b, oy, ox;

    if (in == NULL || w == NULL || out == NULL || !first_shape(s)) return MOTE_E_ARG;
    /* in place: the general row's row-by-row protocol */
    if (in == out) return mote_mve_conv2d_s8_step(step, io);
    if (first_table(tab, OC, w, bias, s->p.input_offset, &q)) {
        if (s->p.output_offset == -128 && s->p.act_min == -128 && s->p.act_max == 127 && OC == 8)
            run = sw == 1 ? first_asm2s_s1 : first_asm2s_s2;
        else if (s->p.act_min >= s->p.output_offset)
            run = sw == 1 ? first_asm_s1np : first_asm_s2np;
        else
            run = sw == 1 ? first_asm_s1n : first_asm_s2n;
    } else if (s->p.act_min >= s->p.output_offset) {
        run = sw == 1 ? first_asm_s1p : first_asm_s2p;
    } else {
        run = sw == 1 ? first_asm_s1 : first_asm_s2;
    }
    c.tab = tab;
    c.nblk = OC / 4;
    c.ooff = s->p.output_offset;
    c.lo = s->p.act_min;
    c.hi = s->p.act_max;
    for (b = 0; b < s->out.n; ++b) {
        const int8_t *in_b = in + b * IH * IW * 3;
        c.out = out + b * OH * OW * OC;
        for (oy = 0; oy < OH; ++oy) {
            const int32_t y0 = oy * sh - g->pad_h;
            const int rows_in = y0 >= 0 && y0 + 3 <= IH;
            for (ox = 0; ox < OW;) {
                const int32_t x0 = ox * sw - g->pad_w;
                if (rows_in && x0 >= 0 && x0 + 3 <= IW) {
                    /* interior pixels up to the last whose window ends in the row */
                    int32_t cnt = (IW - 3 - x0) / sw + 1;
                    if (cnt > OW - ox) cnt = OW - ox;
                    c.row[0] = in_b + (y0 * IW + x0) * 3;
                    c.row[1] = c.row[0] + IW * 3;
                    c.row[2] = c.row[1] + IW * 3;
                    c.cnt = cnt;
                } else {
                    first_edge(e, in_b, IH, IW, y0, x0, zp);
                    c.row[0] = e[0];
                    c.row[1] = e[1];
                    c.row[2] = e[2];
                    c.cnt = 1;
                }
                run(&c);
                ox += c.cnt;
                c.out += c.cnt * OC;
            }
        }
    }
    return MOTE_OK;
}

/* ---- arm_mve_pwk ---------------------------------------------------------
 * The general pointwise path (mat_mve of mve_s8.c) sweeps the pixels once
 * per block of four output channels; per pixel it reloads the block's
 * filter rows, its seeds and pointers, and runs a one-iteration
 * low-overhead loop; per block and call it makes its seeds and constants
 * (a band chain calls it once per band). Here a block's four filter rows
 * (zero-padded to 16 bytes) stay in q4 .. q7 for the sweep, and the
 * block's seeds, multipliers and right shifts come from a table the call
 * builds once with vector operations. Blocks whose shifts are all negative
 * (every layer seen so far) take the assembly; others a C loop. */

/* One block of four output channels (offsets fixed in the assembly). */
typedef struct pwk_blk {
    int8_t w[4][16]; /* 0: filter rows, zero past K */
    int32_t seed[4]; /* 64 */
    int32_t m[4];    /* 80 */
    int32_t rsh[4];  /* 96: the shifts (all < 0: asm) */
    int32_t lsh[4];  /* 112: max(shift, 0) (C loop) */
} pwk_blk;

/* What pwk_asm reads (offsets fixed in its assembly). */
typedef struct pwk_ctx {
    const int8_t *x;    /* 0: first pixel, K bytes a pixel */
    int32_t npix;       /* 4: >= 1 */
    int8_t *out;        /* 8: the block's first output */
    int32_t os;         /* 12: bytes from one pixel's outputs to the next's */
    const pwk_blk *blk; /* 16 */
    int32_t ooff;       /* 20 */
    int32_t lo, hi;     /* 24, 28 */
} pwk_ctx;
typedef char
    pwk_layout_check[offsetof(pwk_blk, lsh) == 112 && offsetof(pwk_ctx, hi) == 28 ? 1 : -1];

/* One pixel of a block, x in q0: VMLADAVA.S8 of the four rows in q4 ..
 * q7 onto the seeds in r0, r2, r4, r6 (even registers), the sums into one
 * vector, the output stage for negative shifts (rqv_apply of mve_s8.c with
 * lsh 0, emask -1: multiplier q2, shift q3, zero point r10; sign: its
 * sign correction or nothing), clamp (PWK_CLAMP / PWK_SAT), one 4-byte
 * store, r5 on by r11. */
#define PWK_PIXEL(sign, clamp)                                                                     \
    "ldrd r0, r2, [r7, #64]\n\t"                                                                   \
    "ldrd r4, r6, [r7, #72]\n\t"                                                                   \
    "vmladava.s8 r0, q4, q0\n\t"                                                                   \
    "vmladava.s8 r2, q5, q0\n\t"                                                                   \
    "vmladava.s8 r4, q6, q0\n\t"                                                                   \
    "vmladava.s8 r6, q7, q0\n\t"                                                                   \
    "vmov q1[2], q1[0], r0, r4\n\t"                                                                \
    "vmov q1[3], q1[1], r2, r6\n\t"                                                                \
    "vqrdmulh.s32 q1, q1, q2\n\t" sign "vrshl.s32 q1, q1, q3\n\t"                                  \
    "vadd.i32 q1, q1, r10\n\t" clamp "vstrb.32 q1, [r5]\n\t"                                       \
    "add r5, r11\n\t"

/* The sign correction (x is dead by then). PWK_NOSIGN: act_min >= the zero
 * point, where it only moves negative products, which round to <= 0
 * either way and so clamp to act_min (zero point + (<= 0) <= act_min). */
#define PWK_SIGN                                                                                   \
    "vshr.s32 q0, q1, #31\n\t"                                                                     \
    "vadd.i32 q1, q1, q0\n\t"
#define PWK_NOSIGN ""

/* npix pixels of one block: x K on per pixel into xq (16 bytes read, the
 * rows' zero tail cancels the next pixel's bytes), then pixel; all but the
 * last in a low-overhead loop (WLS / LE, none when npix is 1), the last
 * pixel's load predicated to K bytes (P0), so nothing past the input is
 * read. xk: K as an immediate; pro: more set-up. */
#define PWK_ASM(xk, xq, pro, pixel)                                                                \
    "push {r4-r11, lr}\n\t"                                                                        \
    "vpush {d8-d15}\n\t"                                                                           \
    "ldr r1, [r0]\n\t"                                                                             \
    "ldr r3, [r0, #4]\n\t"                                                                         \
    "ldr r5, [r0, #8]\n\t"                                                                         \
    "ldr r11, [r0, #12]\n\t"                                                                       \
    "ldr r7, [r0, #16]\n\t"                                                                        \
    "ldr r10, [r0, #20]\n\t"                                                                       \
    "ldrd r8, r9, [r0, #24]\n\t"                                                                   \
    "vldrw.u32 q4, [r7]\n\t"                                                                       \
    "vldrw.u32 q5, [r7, #16]\n\t"                                                                  \
    "vldrw.u32 q6, [r7, #32]\n\t"                                                                  \
    "vldrw.u32 q7, [r7, #48]\n\t"                                                                  \
    "vldrw.u32 q2, [r7, #80]\n\t"                                                                  \
    "vldrw.u32 q3, [r7, #96]\n\t" pro "movs r2, #" xk "\n\t"                                       \
    "vctp.8 r2\n\t"                                                                                \
    "subs r3, #1\n\t"                                                                              \
    "wls lr, r3, 3f\n"                                                                             \
    "1:\n\t"                                                                                       \
    "vldrb.8 " xq ", [r1], #" xk "\n\t" pixel "le lr, 1b\n"                                        \
    "3:\n\t"                                                                                       \
    "vpst\n\t"                                                                                     \
    "vldrbt.8 " xq ", [r1]\n\t" pixel "vpop {d8-d15}\n\t"                                          \
    "pop {r4-r11, pc}\n"

/* The whole int8 range and act_min (-128) >= the zero point (so -128):
 * x in q1, the seeds in q0 for the whole sweep (one VADD instead of
 * reloading them per pixel), no sign correction, saturation (PWK_SAT);
 * pwk_all's sweep. */
#define PWK_PIXEL_Q(st)                                                                            \
    "vmladav.s8 r0, q4, q1\n\t"                                                                    \
    "vmladav.s8 r2, q5, q1\n\t"                                                                    \
    "vmladav.s8 r4, q6, q1\n\t"                                                                    \
    "vmladav.s8 r6, q7, q1\n\t"                                                                    \
    "vmov q1[2], q1[0], r0, r4\n\t"                                                                \
    "vmov q1[3], q1[1], r2, r6\n\t"                                                                \
    "vadd.i32 q1, q1, q0\n\t"                                                                      \
    "vqrdmulh.s32 q1, q1, q2\n\t"                                                                  \
    "vrshl.s32 q1, q1, q3\n\t"                                                                     \
    "vadd.i32 q1, q1, r10\n\t" PWK_SAT st
/* The store and out step: any (r11), or an immediate (post-increment). */
#define PWK_ST_R                                                                                   \
    "vstrb.32 q1, [r5]\n\t"                                                                        \
    "add r5, r11\n\t"
#define PWK_ST_I(os) "vstrb.32 q1, [r5], #" os "\n\t"

/* Clamp to [r8, r9] through q0 (x is dead by then). */
#define PWK_CLAMP                                                                                  \
    "vdup.32 q0, r8\n\t"                                                                           \
    "vmax.s32 q1, q1, q0\n\t"                                                                      \
    "vdup.32 q0, r9\n\t"                                                                           \
    "vmin.s32 q1, q1, q0\n\t"
/* The whole int8 range (ReLU with zero point -128, or none): saturate to
 * int16 then int8; lane j's byte lands in byte 4j, which VSTRB.32 stores. */
#define PWK_SAT                                                                                    \
    "vqmovnb.s32 q1, q1\n\t"                                                                       \
    "vqmovnb.s16 q1, q1\n\t"
#define PWK_FN(name, xk, sign, clamp)                                                              \
    static __attribute__((naked, noinline)) void name(MVE_FIRST_UNUSED const pwk_ctx *c)           \
    {                                                                                              \
        __asm__ volatile(PWK_ASM(xk, "q0", "", PWK_PIXEL(sign, clamp)));                           \
    }
PWK_FN(pwk_asm8, "8", PWK_SIGN, PWK_CLAMP)
PWK_FN(pwk_asm16, "16", PWK_SIGN, PWK_CLAMP)
PWK_FN(pwk_asm8p, "8", PWK_NOSIGN, PWK_CLAMP)
PWK_FN(pwk_asm16p, "16", PWK_NOSIGN, PWK_CLAMP)
PWK_FN(pwk_asm8ss, "8", PWK_SIGN, PWK_SAT)
PWK_FN(pwk_asm16ss, "16", PWK_SIGN, PWK_SAT)

/* PWK_PIXEL_Q's case (zero point -128 over all of int8), every shift
 * negative, a bias: every block in one call, its constants made in the
 * assembly from the step's arrays (no table, no call per block; a band
 * chain runs the row once per band). Offsets fixed in the assembly. */
typedef struct pwk_all_ctx {
    const int8_t *x;     /* 0: first pixel */
    int32_t npix;        /* 4: >= 1 */
    int8_t *out;         /* 8: the first block's first output */
    int32_t os;          /* 12: out step, OC */
    const int8_t *w;     /* 16: filter rows, K bytes each */
    int32_t ooff;        /* 20: -128 */
    const int32_t *bias; /* 24 */
    const int32_t *mult; /* 28 */
    const int8_t *shift; /* 32: all < 0 */
    int32_t end;         /* 36: 16 * blocks */
    int32_t off;         /* 40: input offset */
} pwk_all_ctx;
typedef char pwk_all_layout_check[offsetof(pwk_all_ctx, off) == 40 ? 1 : -1];

/* r12 the context, r7 the filter rows (on by K per row), r8 the block's
 * out, r9 16 * block. Per block: the four rows (predicated to K bytes,
 * zero past), their sums (VADDV) times the input offset plus the bias:
 * the seeds (q0); multipliers (q2), shifts (q3); then PWK_ASM's sweep. */
#define PWK_ALL_ASM(xk, st)                                                                        \
    "push {r4-r11, lr}\n\t"                                                                        \
    "vpush {d8-d15}\n\t"                                                                           \
    "mov r12, r0\n\t"                                                                              \
    "ldr r7, [r12, #16]\n\t"                                                                       \
    "ldr r8, [r12, #8]\n\t"                                                                        \
    "ldr r10, [r12, #20]\n\t"                                                                      \
    "ldr r11, [r12, #12]\n\t"                                                                      \
    "movs r9, #0\n\t"                                                                              \
    "movs r2, #" xk "\n\t"                                                                         \
    "vctp.8 r2\n"                                                                                  \
    "4:\n\t"                                                                                       \
    "vpstttt\n\t"                                                                                  \
    "vldrbt.u8 q4, [r7], #" xk "\n\t"                                                              \
    "vldrbt.u8 q5, [r7], #" xk "\n\t"                                                              \
    "vldrbt.u8 q6, [r7], #" xk "\n\t"                                                              \
    "vldrbt.u8 q7, [r7], #" xk "\n\t"                                                              \
    "vaddv.s8 r0, q4\n\t"                                                                          \
    "vaddv.s8 r2, q5\n\t"                                                                          \
    "vaddv.s8 r4, q6\n\t"                                                                          \
    "vaddv.s8 r6, q7\n\t"                                                                          \
    "vmov q0[2], q0[0], r0, r4\n\t"                                                                \
    "vmov q0[3], q0[1], r2, r6\n\t"                                                                \
    "ldr r0, [r12, #40]\n\t"                                                                       \
    "vmul.i32 q0, q0, r0\n\t"                                                                      \
    "ldr r0, [r12, #24]\n\t"                                                                       \
    "add r0, r9\n\t"                                                                               \
    "vldrw.u32 q1, [r0]\n\t"                                                                       \
    "vadd.i32 q0, q0, q1\n\t"                                                                      \
    "ldr r0, [r12, #28]\n\t"                                                                       \
    "add r0, r9\n\t"                                                                               \
    "vldrw.u32 q2, [r0]\n\t"                                                                       \
    "ldr r0, [r12, #32]\n\t"                                                                       \
    "add.w r0, r0, r9, lsr #2\n\t"                                                                 \
    "vldrb.s32 q3, [r0]\n\t"                                                                       \
    "ldr r1, [r12]\n\t"                                                                            \
    "ldr r3, [r12, #4]\n\t"                                                                        \
    "mov r5, r8\n\t"                                                                               \
    "subs r3, #1\n\t"                                                                              \
    "wls lr, r3, 3f\n"                                                                             \
    "1:\n\t"                                                                                       \
    "vldrb.8 q1, [r1], #" xk                                                                       \
    "\n\t" PWK_PIXEL_Q(st) "le lr, 1b\n"                                                           \
                           "3:\n\t"                                                                \
                           "vpst\n\t"                                                              \
                           "vldrbt.8 q1, [r1]\n\t" PWK_PIXEL_Q(st) "adds r8, #4\n\t"               \
                                                                   "adds r9, #16\n\t"              \
                                                                   "ldr r0, [r12, #36]\n\t"        \
                                                                   "cmp r9, r0\n\t"                \
                                                                   "blo 4b\n\t"                    \
                                                                   "vpop {d8-d15}\n\t"             \
                                                                   "pop {r4-r11, pc}\n"
#define PWK_ALL_FN(name, xk, st)                                                                   \
    static __attribute__((naked, noinline)) void name(MVE_FIRST_UNUSED const pwk_all_ctx *c)       \
    {                                                                                              \
        __asm__ volatile(PWK_ALL_ASM(xk, st));                                                     \
    }
PWK_ALL_FN(pwk_all8, "8", PWK_ST_R)
PWK_ALL_FN(pwk_all16, "16", PWK_ST_R)
/* VWW's and person_detect's shapes, 8 -> 16 and 16 -> 32: the out step
 * as the store's post-increment. */
PWK_ALL_FN(pwk_all8o16, "8", PWK_ST_I("16"))
PWK_ALL_FN(pwk_all16o32, "16", PWK_ST_I("32"))

/* A block with a shift >= 0: the whole output stage (rqv_apply of
 * mve_s8.c) per pixel, in C. */
static __attribute__((noinline)) void pwk_block_c(const pwk_ctx *c, int32_t K)
{
    const pwk_blk *b = c->blk;
    const mve_pred16_t pk = vctp8q((uint32_t)K);
    const int8x16_t w0 = vld1q_s8(b->w[0]), w1 = vld1q_s8(b->w[1]);
    const int8x16_t w2 = vld1q_s8(b->w[2]), w3 = vld1q_s8(b->w[3]);
    const int32x4_t seed = vld1q_s32(b->seed), m = vld1q_s32(b->m);
    const int32x4_t rsh = vminq_s32(vld1q_s32(b->rsh), vdupq_n_s32(0)), lsh = vld1q_s32(b->lsh);
    const int32x4_t emask = vpselq_s32(vdupq_n_s32(-1), vdupq_n_s32(0), vcmpltq_n_s32(rsh, 0));
    const int8_t *x = c->x;
    int8_t *out = c->out;
    int32_t px;
    for (px = 0; px < c->npix; ++px, x += K, out += c->os) {
        const int8x16_t xv = vldrbq_z_s8(x, pk);
        int32x4_t v = vdupq_n_s32(vmladavq_s8(w0, xv));
        v = vsetq_lane_s32(vmladavq_s8(w1, xv), v, 1);
        v = vsetq_lane_s32(vmladavq_s8(w2, xv), v, 2);
        v = vsetq_lane_s32(vmladavq_s8(w3, xv), v, 3);
        v = vaddq_s32(v, seed);
        v = vqrdmulhq_s32(vshlq_s32(v, lsh), m);
        v = vaddq_s32(v, vandq_s32(vshrq_n_s32(v, 31), emask));
        v = vaddq_n_s32(vrshlq_s32(v, rsh), c->ooff);
        v = vminq_s32(vmaxq_s32(v, vdupq_n_s32(c->lo)), vdupq_n_s32(c->hi));
        vstrbq_s32(out, v);
    }
}

mote_status mote_mve_conv_pwk_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    const int8_t *in = (const int8_t *)io->in[0], *w = (const int8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int8_t *out = (int8_t *)io->out[0];
    const int32_t K = s->in.c, OC = s->out.c, off = s->p.input_offset;
    const mve_pred16_t pk = vctp8q((uint32_t)K);
    int32_t o;
    pwk_blk blk;
    pwk_ctx c;

    if (in == NULL || w == NULL || out == NULL || !pwk_shape(s)) return MOTE_E_ARG;
    /* in place: the general row (it runs pointwise whole when it can) */
    if (in == out) return mote_mve_conv2d_s8_step(step, io);
    c.npix = s->out.n * s->out.h * s->out.w;
    if (bias != NULL && s->p.output_offset == -128 && s->p.act_min == -128 && s->p.act_max == 127) {
        mve_pred16_t neg = 0xFFFF;
        for (o = 0; o < OC; o += 4)
            neg &= vcmpltq_n_s32(vldrbq_s32(q.shift + o), 0);
        if (neg == 0xFFFF) {
            const pwk_all_ctx a = {in,   c.npix,       out,     OC,     w,  -128,
                                   bias, q.multiplier, q.shift, 4 * OC, off};
            if (K == 8)
                (OC == 16 ? pwk_all8o16 : pwk_all8)(&a);
            else
                (OC == 32 ? pwk_all16o32 : pwk_all16)(&a);
            return MOTE_OK;
        }
    }
    c.os = OC;
    c.ooff = s->p.output_offset;
    c.lo = s->p.act_min;
    c.hi = s->p.act_max;
    c.blk = &blk;
    for (o = 0; o < OC; o += 4) {
        /* the block's table: rows, seeds bias + off * sum(w), constants */
        const int8_t *wb = w + o * K;
        const int8x16_t r0 = vldrbq_z_s8(wb, pk), r1 = vldrbq_z_s8(wb + K, pk);
        const int8x16_t r2 = vldrbq_z_s8(wb + 2 * K, pk), r3 = vldrbq_z_s8(wb + 3 * K, pk);
        const int32x4_t sh = vldrbq_s32(q.shift + o);
        int32x4_t sw = vdupq_n_s32(vaddvq_s8(r0));
        sw = vsetq_lane_s32(vaddvq_s8(r1), sw, 1);
        sw = vsetq_lane_s32(vaddvq_s8(r2), sw, 2);
        sw = vsetq_lane_s32(vaddvq_s8(r3), sw, 3);
        vst1q_s8(blk.w[0], r0);
        vst1q_s8(blk.w[1], r1);
        vst1q_s8(blk.w[2], r2);
        vst1q_s8(blk.w[3], r3);
        vst1q_s32(blk.seed, vmlaq_n_s32(bias ? vld1q_s32(bias + o) : vdupq_n_s32(0), sw, off));
        vst1q_s32(blk.m, vld1q_s32(q.multiplier + o));
        vst1q_s32(blk.rsh, sh);
        vst1q_s32(blk.lsh, vmaxq_s32(sh, vdupq_n_s32(0)));
        c.x = in;
        c.out = out + o;
        if (vcmpltq_n_s32(sh, 0) != 0xFFFF)
            pwk_block_c(&c, K); /* a shift >= 0 */
        else if (c.lo == -128 && c.hi == 127)
            /* the correction is dead when ooff is -128 too, but that case
             * runs in pwk_all unless it has no bias (no model seen) */
            (K == 16 ? pwk_asm16ss : pwk_asm8ss)(&c);
        else
            (c.lo < c.ooff ? (K == 16 ? pwk_asm16 : pwk_asm8)
                           : (K == 16 ? pwk_asm16p : pwk_asm8p))(&c);
    }
    return MOTE_OK;
}

#endif
