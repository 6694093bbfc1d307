/*
 * mve_s8.c — CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED and ADD, int8,
 * with Helium (MVE, Cortex-M55). Bit-exact with the reference kernels; no
 * scratch (stack buffers only: 1 KB of gathered windows, 512 B of seeds).
 *
 * Dot products (conv, fully connected) run in a tail-predicated
 * low-overhead loop (DLSTP/LETP, inline assembly): 16 bytes of four filter
 * rows against one load of the input, VMLADAVA.S8 into four scalar
 * accumulators. The input offset is folded into per-channel seeds,
 * bias + off * sum(w): sum(w * (x + off)) = sum(w * x) + off * sum(w),
 * exactly modulo 2^32 as the reference's int32 accumulators (padded taps
 * hold the zero point -off, so they add 0). Pointwise layers and fully
 * connected ones run channel blocks outside and pixels inside (mat_mve);
 * other convolutions gather the windows of a run of pixels first
 * (conv_patch_mve).
 *
 * Depthwise runs pixel by pixel, 16 or 8 channels per block (assembly):
 * int16 lanes, VMULLB / VMULLT into even / odd int32 accumulators, the
 * output stage on per-channel constants gathered in that order, VMOVNT
 * back into channel order for one store.
 *
 * The output stage, four int32 lanes at a time: VQRDMULH is TFLite's
 * saturating rounding doubling high multiply exactly (both round half up
 * of (2ab + 2^31) / 2^32), and the rounding right shift with ties away
 * from zero is VRSHL of x - (x < 0) (arm_requant.h), for e > 0.
 */
#if defined(__ARM_FEATURE_MVE) && defined(__ARM_FEATURE_DSP)

#include <arm_mve.h>
#include <stddef.h>
#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_mve.h"

static void tap_range(int32_t o, int32_t d, int32_t n, int32_t taps, int32_t *lo, int32_t *hi)
{
    int32_t a = o >= 0 ? 0 : (-o + d - 1) / d;
    int32_t b = o >= n ? 0 : (n - 1 - o) / d + 1;
    if (a > taps) a = taps;
    if (b > taps) b = taps;
    if (b < a) b = a;
    *lo = a;
    *hi = b;
}

/* acc[r] += sum_k w[r*K + k] * (x[k] + off), r < rows (4 or 1), k < n. */
static void dot_mve(const int8_t *w, int32_t K, const int8_t *x, int32_t n, int32_t off,
                    int32_t rows, int32_t *acc)
{
    int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0, w0 = 0, w1 = 0, w2 = 0, w3 = 0;
    int32_t k;
    if (rows == 4) {
        for (k = 0; k < n; k += 16) {
            const mve_pred16_t pr = vctp8q((uint32_t)(n - k));
            const int8x16_t xv = vldrbq_z_s8(x + k, pr);
            const int8x16_t a = vldrbq_z_s8(w + k, pr);
            const int8x16_t b = vldrbq_z_s8(w + K + k, pr);
            const int8x16_t c = vldrbq_z_s8(w + 2 * K + k, pr);
            const int8x16_t d = vldrbq_z_s8(w + 3 * K + k, pr);
            s0 = vmladavaq_s8(s0, a, xv);
            w0 = vaddvaq_s8(w0, a);
            s1 = vmladavaq_s8(s1, b, xv);
            w1 = vaddvaq_s8(w1, b);
            s2 = vmladavaq_s8(s2, c, xv);
            w2 = vaddvaq_s8(w2, c);
            s3 = vmladavaq_s8(s3, d, xv);
            w3 = vaddvaq_s8(w3, d);
        }
        acc[0] += (int32_t)((uint32_t)s0 + (uint32_t)w0 * (uint32_t)off);
        acc[1] += (int32_t)((uint32_t)s1 + (uint32_t)w1 * (uint32_t)off);
        acc[2] += (int32_t)((uint32_t)s2 + (uint32_t)w2 * (uint32_t)off);
        acc[3] += (int32_t)((uint32_t)s3 + (uint32_t)w3 * (uint32_t)off);
    } else {
        for (k = 0; k < n; k += 16) {
            const mve_pred16_t pr = vctp8q((uint32_t)(n - k));
            const int8x16_t a = vldrbq_z_s8(w + k, pr);
            s0 = vmladavaq_s8(s0, a, vldrbq_z_s8(x + k, pr));
            w0 = vaddvaq_s8(w0, a);
        }
        acc[0] += (int32_t)((uint32_t)s0 + (uint32_t)w0 * (uint32_t)off);
    }
}

static void pixel_dot_mve(const mote_conv_s8_params *p, const mote_dims *id, const int8_t *in_batch,
                          const mote_dims *fd, int32_t oy, int32_t ox, const int8_t *w, int32_t K,
                          int32_t rows, int32_t *acc)
{
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, row = fd->w * C;
    const int32_t y0 = oy * g->stride_h - g->pad_h, x0 = ox * g->stride_w - g->pad_w;
    int32_t ky, kx, kx_lo, kx_hi, ky_lo, ky_hi;

    tap_range(y0, g->dilation_h, id->h, fd->h, &ky_lo, &ky_hi);
    tap_range(x0, g->dilation_w, id->w, fd->w, &kx_lo, &kx_hi);
    if (kx_hi <= kx_lo) return;
    for (ky = ky_lo; ky < ky_hi; ++ky) {
        const int8_t *in_row = in_batch + (y0 + g->dilation_h * ky) * id->w * C;
        const int8_t *wr = w + ky * row;
        if (g->dilation_w == 1) {
            dot_mve(wr + kx_lo * C, K, in_row + (x0 + kx_lo) * C, (kx_hi - kx_lo) * C,
                    p->input_offset, rows, acc);
        } else {
            for (kx = kx_lo; kx < kx_hi; ++kx)
                dot_mve(wr + kx * C, K, in_row + (x0 + g->dilation_w * kx) * C, C, p->input_offset,
                        rows, acc);
        }
    }
}

/* bias + off * sum(w) of one filter row: the accumulator's seed. */
static int32_t seed_mve(const int8_t *w, int32_t K, int32_t off, int32_t bias)
{
    int32_t sw = 0, k;
    for (k = 0; k < K; k += 16)
        sw = vaddvaq_s8(sw, vldrbq_z_s8(w + k, vctp8q((uint32_t)(K - k))));
    return (int32_t)((uint32_t)bias + (uint32_t)sw * (uint32_t)off);
}

/* Two filter rows with their sums (VADDVA), for the input offset when no
 * seeds are prepared: s[r] += sum_k w[r*K + k] * x[k], t[r] += sum_k
 * w[r*K + k], r < 2. (Four rows would need eight even registers.) */
#define MVE_DOT2S(x, w, K, cnt_, s0, s1, t0, t1)                                                   \
    do {                                                                                           \
        const int8_t *xp_ = (x), *w0_ = (w), *w1_ = w0_ + (K);                                     \
        __asm__ volatile("dlstp.8 lr, %[cnt]\n"                                                    \
                         "1:\n\t"                                                                  \
                         "vldrb.8 q0, [%[xp]], #16\n\t"                                            \
                         "vldrb.8 q1, [%[w0]], #16\n\t"                                            \
                         "vmladava.s8 %[a0], q1, q0\n\t"                                           \
                         "vaddva.s8 %[b0], q1\n\t"                                                 \
                         "vldrb.8 q1, [%[w1]], #16\n\t"                                            \
                         "vmladava.s8 %[a1], q1, q0\n\t"                                           \
                         "vaddva.s8 %[b1], q1\n\t"                                                 \
                         "letp lr, 1b\n"                                                           \
                         : [xp] "+r"(xp_), [w0] "+r"(w0_), [w1] "+r"(w1_), [a0] "+Te"(s0),         \
                           [a1] "+Te"(s1), [b0] "+Te"(t0), [b1] "+Te"(t1)                          \
                         : [cnt] "r"(cnt_)                                                         \
                         : "d0", "d1", "d2", "d3", "lr", "memory");                                \
    } while (0)

/* The output stage of four channels in vector form: per-channel
 * constants (mote_requantize per lane, then zero point and clamp). */
typedef struct rqv {
    int32x4_t m, lsh, rsh, emask, lo, hi;
    int32_t ooff;
} rqv;

static inline __attribute__((always_inline)) void rqv_prep(rqv *r, const int32_t *mult,
                                                           const int8_t *shift, int32_t c0,
                                                           int32_t per_tensor,
                                                           const int32_t *ooff_lo_hi)
{
    const int32x4_t zero = vdupq_n_s32(0);
    int32x4_t sv;
    if (per_tensor) {
        sv = vdupq_n_s32(shift[0]);
        r->m = vdupq_n_s32(mult[0]);
    } else {
        sv = vldrbq_s32(shift + c0);
        r->m = vldrwq_s32(mult + c0);
    }
    r->lsh = vmaxq_s32(sv, zero);
    r->rsh = vminq_s32(sv, zero);
    r->emask = vpselq_s32(vdupq_n_s32(-1), zero, vcmpltq_n_s32(sv, 0));
    r->ooff = ooff_lo_hi[0];
    r->lo = vdupq_n_s32(ooff_lo_hi[1]);
    r->hi = vdupq_n_s32(ooff_lo_hi[2]);
}

/* VQRDMULH is TFLite's saturating rounding doubling high multiply; the
 * rounding right shift with ties away from zero is VRSHL of x - (x < 0). */
static inline __attribute__((always_inline)) int32x4_t rqv_apply(const rqv *r, int32x4_t v)
{
    v = vqrdmulhq_s32(vshlq_s32(v, r->lsh), r->m);
    v = vaddq_s32(v, vandq_s32(vshrq_n_s32(v, 31), r->emask));
    v = vaddq_n_s32(vrshlq_s32(v, r->rsh), r->ooff);
    return vminq_s32(vmaxq_s32(v, r->lo), r->hi);
}

static inline __attribute__((always_inline)) int32x4_t vec4(int32_t a, int32_t b, int32_t c,
                                                            int32_t d)
{
    int32x4_t v = vdupq_n_s32(a);
    v = vsetq_lane_s32(b, v, 1);
    v = vsetq_lane_s32(c, v, 2);
    return vsetq_lane_s32(d, v, 3);
}

/* What mat4_asm reads (offsets fixed in its assembly): a block of four
 * output channels over npix pixels, the output stage in vector form. */
typedef struct mat4 {
    rqv r;              /* 0 .. 80: m, lsh, rsh, emask, lo, hi; 96: ooff */
    int32_t seed[4];    /* 104 .. 116 */
    const int8_t *w[4]; /* 120 .. 132: filter rows */
    int32_t K, npix;    /* 136, 140 */
    int32_t os, xadj;   /* 144, 148: out step, x back */
} mat4;
typedef char mat4_layout_check[offsetof(mat4, r.ooff) == 96 && offsetof(mat4, seed) == 104 &&
                                       offsetof(mat4, xadj) == 148
                                   ? 1
                                   : -1];

/* Four output channels of npix pixels (x: the first, r1; out: r5): per
 * pixel the seeds, a low-overhead loop (r11 its count) of 16 bytes of
 * each of the four filter rows against one load of x, VMLADAVA.S8 into
 * the even registers r0, r2, r4, r6 (it needs even ones), the four sums
 * into one vector (two two-lane VMOVs: lanes 0 and 2, 1 and 3), the
 * output stage of rqv_apply and one store; x steps on by the bytes the
 * loop read, xadj back. */
#define MAT4_ASM(dot_loop, pro, rq, adv)                                                           \
    "push {r4-r11, lr}\n\t"                                                                        \
    "vpush {d8-d15}\n\t"                                                                           \
    "mov r12, r0\n\t"                                                                              \
    "vldrw.u32 q2, [r12]\n\t"                                                                      \
    "vldrw.u32 q3, [r12, #16]\n\t"                                                                 \
    "vldrw.u32 q4, [r12, #32]\n\t"                                                                 \
    "vldrw.u32 q5, [r12, #48]\n\t"                                                                 \
    "vldrw.u32 q6, [r12, #64]\n\t"                                                                 \
    "vldrw.u32 q7, [r12, #80]\n\t" pro "mov r5, r2\n\t"                                            \
    "ldr r3, [r12, #140]\n\t"                                                                      \
    "ldr r11, [r12, #136]\n\t"                                                                     \
    "cmp r3, #0\n\t"                                                                               \
    "ble 3f\n"                                                                                     \
    "1:\n\t"                                                                                       \
    "ldrd r0, r2, [r12, #104]\n\t"                                                                 \
    "ldrd r4, r6, [r12, #112]\n\t"                                                                 \
    "ldrd r7, r8, [r12, #120]\n\t"                                                                 \
    "ldrd r9, r10, [r12, #128]\n\t" dot_loop "vmov q0[2], q0[0], r0, r4\n\t"                       \
    "vmov q0[3], q0[1], r2, r6\n\t" rq "vmax.s32 q0, q0, q6\n\t"                                   \
    "vmin.s32 q0, q0, q7\n\t"                                                                      \
    "vstrb.32 q0, [r5]\n\t" adv "subs r3, #1\n\t"                                                  \
    "bne 1b\n"                                                                                     \
    "3:\n\t"                                                                                       \
    "vpop {d8-d15}\n\t"                                                                            \
    "pop {r4-r11, pc}\n"

/* 16 bytes of x against 16 of each filter row. */
#define MAT4_STEP                                                                                  \
    "vldrb.8 q0, [r1], #16\n\t"                                                                    \
    "vldrb.8 q1, [r7], #16\n\t"                                                                    \
    "vmladava.s8 r0, q1, q0\n\t"                                                                   \
    "vldrb.8 q1, [r8], #16\n\t"                                                                    \
    "vmladava.s8 r2, q1, q0\n\t"                                                                   \
    "vldrb.8 q1, [r9], #16\n\t"                                                                    \
    "vmladava.s8 r4, q1, q0\n\t"                                                                   \
    "vldrb.8 q1, [r10], #16\n\t"                                                                   \
    "vmladava.s8 r6, q1, q0\n\t"

/* The output stage (rqv_apply) of q0: lsh q3, m q2, emask q5, rsh q4. */
#define MAT4_RQ                                                                                    \
    "vshl.s32 q0, q0, q3\n\t"                                                                      \
    "vqrdmulh.s32 q0, q0, q2\n\t"                                                                  \
    "vshr.s32 q1, q0, #31\n\t"                                                                     \
    "vand q1, q1, q5\n\t"                                                                          \
    "vadd.i32 q0, q0, q1\n\t"                                                                      \
    "vrshl.s32 q0, q0, q4\n\t"                                                                     \
    "ldr r7, [r12, #96]\n\t"                                                                       \
    "vadd.i32 q0, q0, r7\n\t"

/* The same when the four shifts are negative (lsh 0, emask -1): the zero
 * point in q5 (MAT4_RQN_PRO). */
#define MAT4_RQN_PRO                                                                               \
    "ldr r7, [r12, #96]\n\t"                                                                       \
    "vdup.32 q5, r7\n\t"
#define MAT4_RQN                                                                                   \
    "vqrdmulh.s32 q0, q0, q2\n\t"                                                                  \
    "vshr.s32 q1, q0, #31\n\t"                                                                     \
    "vadd.i32 q0, q0, q1\n\t"                                                                      \
    "vrshl.s32 q0, q0, q4\n\t"                                                                     \
    "vadd.i32 q0, q0, q5\n\t"

/* Any K (r11 = K): tail-predicated, ceil(K / 16) * 16 bytes read. */
#define MAT4_LOOP                                                                                  \
    "dlstp.8 lr, r11\n"                                                                            \
    "2:\n\t" MAT4_STEP "letp lr, 2b\n\t"
/* K a multiple of 64 (r11 = K / 64): four steps per iteration. */
#define MAT4_LOOP64                                                                                \
    "dls lr, r11\n"                                                                                \
    "2:\n\t" MAT4_STEP MAT4_STEP MAT4_STEP MAT4_STEP "le lr, 2b\n\t"

/* K <= 16 (r11 = K): one tail-predicated step per pixel, no write-back,
 * so the filter rows stay in r7 .. r10 (loaded once) and x steps on by K;
 * the out step via lr, the output stage's zero point too (MAT4_RQL). */
#define MAT4_ASM16(pro, rq)                                                                        \
    "push {r4-r11, lr}\n\t"                                                                        \
    "vpush {d8-d15}\n\t"                                                                           \
    "mov r12, r0\n\t"                                                                              \
    "vldrw.u32 q2, [r12]\n\t"                                                                      \
    "vldrw.u32 q3, [r12, #16]\n\t"                                                                 \
    "vldrw.u32 q4, [r12, #32]\n\t"                                                                 \
    "vldrw.u32 q5, [r12, #48]\n\t"                                                                 \
    "vldrw.u32 q6, [r12, #64]\n\t"                                                                 \
    "vldrw.u32 q7, [r12, #80]\n\t" pro "mov r5, r2\n\t"                                            \
    "ldr r3, [r12, #140]\n\t"                                                                      \
    "ldr r11, [r12, #136]\n\t"                                                                     \
    "ldrd r7, r8, [r12, #120]\n\t"                                                                 \
    "ldrd r9, r10, [r12, #128]\n\t"                                                                \
    "cmp r3, #0\n\t"                                                                               \
    "ble 3f\n"                                                                                     \
    "1:\n\t"                                                                                       \
    "ldrd r0, r2, [r12, #104]\n\t"                                                                 \
    "ldrd r4, r6, [r12, #112]\n\t"                                                                 \
    "dlstp.8 lr, r11\n"                                                                            \
    "2:\n\t"                                                                                       \
    "vldrb.8 q0, [r1]\n\t"                                                                         \
    "vldrb.8 q1, [r7]\n\t"                                                                         \
    "vmladava.s8 r0, q1, q0\n\t"                                                                   \
    "vldrb.8 q1, [r8]\n\t"                                                                         \
    "vmladava.s8 r2, q1, q0\n\t"                                                                   \
    "vldrb.8 q1, [r9]\n\t"                                                                         \
    "vmladava.s8 r4, q1, q0\n\t"                                                                   \
    "vldrb.8 q1, [r10]\n\t"                                                                        \
    "vmladava.s8 r6, q1, q0\n\t"                                                                   \
    "letp lr, 2b\n\t"                                                                              \
    "vmov q0[2], q0[0], r0, r4\n\t"                                                                \
    "vmov q0[3], q0[1], r2, r6\n\t" rq "vmax.s32 q0, q0, q6\n\t"                                   \
    "vmin.s32 q0, q0, q7\n\t"                                                                      \
    "vstrb.32 q0, [r5]\n\t"                                                                        \
    "ldr lr, [r12, #144]\n\t"                                                                      \
    "add r5, lr\n\t"                                                                               \
    "add r1, r11\n\t"                                                                              \
    "subs r3, #1\n\t"                                                                              \
    "bne 1b\n"                                                                                     \
    "3:\n\t"                                                                                       \
    "vpop {d8-d15}\n\t"                                                                            \
    "pop {r4-r11, pc}\n"

/* MAT4_RQ with the zero point through lr (r7 holds a filter row). */
#define MAT4_RQL                                                                                   \
    "vshl.s32 q0, q0, q3\n\t"                                                                      \
    "vqrdmulh.s32 q0, q0, q2\n\t"                                                                  \
    "vshr.s32 q1, q0, #31\n\t"                                                                     \
    "vand q1, q1, q5\n\t"                                                                          \
    "vadd.i32 q0, q0, q1\n\t"                                                                      \
    "vrshl.s32 q0, q0, q4\n\t"                                                                     \
    "ldr lr, [r12, #96]\n\t"                                                                       \
    "vadd.i32 q0, q0, lr\n\t"

/* Per pixel: out on by os, x back by xadj (the tail-predicated loop
 * reads whole vectors); K a multiple of 64 reads exactly K: no x step. */
#define MAT4_ADV                                                                                   \
    "ldrd r7, r8, [r12, #144]\n\t"                                                                 \
    "add r5, r7\n\t"                                                                               \
    "sub r1, r8\n\t"
#define MAT4_ADV64                                                                                 \
    "ldr r7, [r12, #144]\n\t"                                                                      \
    "add r5, r7\n\t"
#define MVE_UNUSED __attribute__((unused))
#define MAT4_FN(name, loop, pro, rq, adv)                                                          \
    static __attribute__((naked, noinline)) void name(                                             \
        MVE_UNUSED const mat4 *d, MVE_UNUSED const int8_t *x, MVE_UNUSED int8_t *out)              \
    {                                                                                              \
        __asm__ volatile(MAT4_ASM(loop, pro, rq, adv));                                            \
    }
MAT4_FN(mat4_asm, MAT4_LOOP, "", MAT4_RQ, MAT4_ADV)
MAT4_FN(mat4_asm64, MAT4_LOOP64, "", MAT4_RQ, MAT4_ADV64)
MAT4_FN(mat4_asmn, MAT4_LOOP, MAT4_RQN_PRO, MAT4_RQN, MAT4_ADV)
MAT4_FN(mat4_asm64n, MAT4_LOOP64, MAT4_RQN_PRO, MAT4_RQN, MAT4_ADV64)
#define MAT4_FN16(name, pro, rq)                                                                   \
    static __attribute__((naked, noinline)) void name(                                             \
        MVE_UNUSED const mat4 *d, MVE_UNUSED const int8_t *x, MVE_UNUSED int8_t *out)              \
    {                                                                                              \
        __asm__ volatile(MAT4_ASM16(pro, rq));                                                     \
    }
MAT4_FN16(mat4_asm16, "", MAT4_RQL)
MAT4_FN16(mat4_asm16n, MAT4_RQN_PRO, MAT4_RQN)

/* One row of K int8 times the filter rows of output channels 0 .. OC - 1,
 * no seeds: mat_mve for one pixel, the sums of the weights (for the input
 * offset) in the same loop as the dot products (MVE_DOT2S). */
static void vec1_mve(const int8_t *x, const int8_t *w, int32_t K, int32_t OC, const int32_t *bias,
                     int32_t off, const int32_t *mult, const int8_t *shift, int32_t per_tensor,
                     int8_t *out, const int32_t *ooff_lo_hi)
{
    int32_t o;
    for (o = 0; o + 4 <= OC; o += 4) {
        const int8_t *wb = w + o * K;
        int32_t b0 = bias ? bias[o] : 0, b1 = bias ? bias[o + 1] : 0;
        int32_t b2 = bias ? bias[o + 2] : 0, b3 = bias ? bias[o + 3] : 0;
        int32_t t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        rqv r;
        rqv_prep(&r, mult, shift, o, per_tensor, ooff_lo_hi);
        MVE_DOT2S(x, wb, K, K, b0, b1, t0, t1);
        MVE_DOT2S(x, wb + 2 * K, K, K, b2, b3, t2, t3);
        b0 = (int32_t)((uint32_t)b0 + (uint32_t)t0 * (uint32_t)off);
        b1 = (int32_t)((uint32_t)b1 + (uint32_t)t1 * (uint32_t)off);
        b2 = (int32_t)((uint32_t)b2 + (uint32_t)t2 * (uint32_t)off);
        b3 = (int32_t)((uint32_t)b3 + (uint32_t)t3 * (uint32_t)off);
        vstrbq_s32(out + o, rqv_apply(&r, vec4(b0, b1, b2, b3)));
    }
    for (; o < OC; ++o) {
        const int32_t k = per_tensor ? 0 : o;
        int32_t acc = bias ? bias[o] : 0;
        dot_mve(w + o * K, K, x, K, off, 1, &acc);
        out[o] =
            mote_arm_out_s8(acc, mult[k], shift[k], ooff_lo_hi[0], ooff_lo_hi[1], ooff_lo_hi[2]);
    }
}

/* npix rows of K int8 (x, x + K, ...) times the filter rows of output
 * channels 0 .. OC - 1 (4 at a time), seeds bias + off * sum(w): the
 * pointwise convolution and the fully connected layer. Channel blocks
 * outside, pixels inside, so a block's constants are made once. */
static void mat_mve(const int8_t *x, int32_t npix, const int8_t *w, int32_t K, int32_t OC,
                    const int32_t *seeds, const int32_t *bias, int32_t off, const int32_t *mult,
                    const int8_t *shift, int32_t per_tensor, int8_t *out, int32_t os,
                    const int32_t *ooff_lo_hi)
{
    int32_t o, px;
    if (!seeds && npix == 1) {
        vec1_mve(x, w, K, OC, bias, off, mult, shift, per_tensor, out, ooff_lo_hi);
        return;
    }
    for (o = 0; o + 4 <= OC; o += 4) {
        const int8_t *wb = w + o * K;
        int32_t b0 = bias ? bias[o] : 0, b1 = bias ? bias[o + 1] : 0;
        int32_t b2 = bias ? bias[o + 2] : 0, b3 = bias ? bias[o + 3] : 0;
        mat4 d;
        rqv_prep(&d.r, mult, shift, o, per_tensor, ooff_lo_hi);
        if (seeds) {
            b0 = seeds[o];
            b1 = seeds[o + 1];
            b2 = seeds[o + 2];
            b3 = seeds[o + 3];
        } else {
            b0 = seed_mve(wb, K, off, b0);
            b1 = seed_mve(wb + K, K, off, b1);
            b2 = seed_mve(wb + 2 * K, K, off, b2);
            b3 = seed_mve(wb + 3 * K, K, off, b3);
        }
        {
            d.seed[0] = b0;
            d.seed[1] = b1;
            d.seed[2] = b2;
            d.seed[3] = b3;
            d.w[0] = wb;
            d.w[1] = wb + K;
            d.w[2] = wb + 2 * K;
            d.w[3] = wb + 3 * K;
            d.npix = npix;
            d.os = os;
            d.K = K % 64 == 0 ? K / 64 : K;
            d.xadj = K % 64 == 0 ? 0 : ((K + 15) & ~15) - K;
            const int neg = per_tensor ? shift[0] < 0
                                       : shift[o] < 0 && shift[o + 1] < 0 && shift[o + 2] < 0 &&
                                             shift[o + 3] < 0;
            if (K <= 16) {
                d.K = K;
                (neg ? mat4_asm16n : mat4_asm16)(&d, x, out + o);
            } else if (neg)
                (K % 64 == 0 ? mat4_asm64n : mat4_asmn)(&d, x, out + o);
            else
                (K % 64 == 0 ? mat4_asm64 : mat4_asm)(&d, x, out + o);
        }
    }
    for (; o < OC; ++o) {
        const int32_t k = per_tensor ? 0 : o;
        for (px = 0; px < npix; ++px) {
            int32_t acc = bias ? bias[o] : 0;
            if (seeds) {
                acc = seeds[o];
                dot_mve(w + o * K, K, x + px * K, K, 0, 1, &acc);
            } else {
                dot_mve(w + o * K, K, x + px * K, K, off, 1, &acc);
            }
            out[px * os + o] = mote_arm_out_s8(acc, mult[k], shift[k], ooff_lo_hi[0], ooff_lo_hi[1],
                                               ooff_lo_hi[2]);
        }
    }
}

mote_status mote_mve_fully_connected_s8(const mote_fc_s8_params *p, const mote_requant *q,
                                        int32_t batches, int32_t depth, int32_t out_c,
                                        const int8_t *input, const int8_t *filter,
                                        const int32_t *bias, int8_t *output)
{
    int32_t lims[3];
    if (!p || !q || !q->multiplier || !q->shift || !input || !filter || !output) return MOTE_E_ARG;
    if (!mote_arm_fully_connected_s8_fits(p, batches, depth, out_c)) return MOTE_E_ARG;
    lims[0] = p->output_offset;
    lims[1] = p->act_min;
    lims[2] = p->act_max;
    mat_mve(input, batches, filter, depth, out_c, NULL, bias, p->input_offset, q->multiplier,
            q->shift, p->per_channel ? 0 : 1, output, out_c, lims);
    return MOTE_OK;
}

#define MVE_PATCH 1024 /* bytes: gathered windows of a run of pixels (K <= 1024) */
#define MVE_SEEDS 128  /* output channels per pass (their seeds: 512 bytes) */

/* n bytes from s to d (any n >= 0), 16 at a time, tail-predicated. */
static inline __attribute__((always_inline)) void copy_mve(int8_t *d, const int8_t *s, int32_t n)
{
    __asm__ volatile("wlstp.8 lr, %[n], 2f\n"
                     "1:\n\t"
                     "vldrb.8 q0, [%[s]], #16\n\t"
                     "vstrb.8 q0, [%[d]], #16\n\t"
                     "letp lr, 1b\n"
                     "2:\n"
                     : [d] "+r"(d), [s] "+r"(s)
                     : [n] "r"(n)
                     : "d0", "d1", "lr", "memory");
}

/* n bytes of zp at d (any n >= 0). */
static inline __attribute__((always_inline)) void fill_mve(int8_t *d, int32_t zp, int32_t n)
{
    __asm__ volatile("wlstp.8 lr, %[n], 2f\n\t"
                     "vdup.8 q0, %[z]\n"
                     "1:\n\t"
                     "vstrb.8 q0, [%[d]], #16\n\t"
                     "letp lr, 1b\n"
                     "2:\n"
                     : [d] "+r"(d)
                     : [n] "r"(n), [z] "r"(zp)
                     : "d0", "d1", "lr", "memory");
}

/* The window of output pixel (y0, x0) in filter order into x: rows
 * outside [ky_lo, ky_hi) and columns outside [kx_lo, kx_hi) are the
 * input zero point zp. */
static void gather_mve(int8_t *x, const mote_conv_geom *g, const mote_dims *id,
                       const int8_t *in_batch, int32_t KH, int32_t KW, int32_t y0, int32_t x0,
                       int32_t ky_lo, int32_t ky_hi, int32_t kx_lo, int32_t kx_hi, int32_t zp)
{
    const int32_t C = id->c, n = KW * C, lo = kx_lo * C, hi = kx_hi * C;
    const int32_t rs = g->dilation_h * id->w * C;
    const int8_t *src = in_batch + ((y0 + g->dilation_h * ky_lo) * id->w + x0) * C;
    int32_t ky;
    fill_mve(x, zp, ky_lo * n);
    x += ky_lo * n;
    for (ky = ky_lo; ky < ky_hi; ++ky, x += n, src += rs) {
        if (g->dilation_w == 1) {
            fill_mve(x, zp, lo);
            copy_mve(x + lo, src + lo, hi - lo);
            fill_mve(x + hi, zp, n - hi);
        } else {
            int32_t kx;
            fill_mve(x, zp, n);
            for (kx = kx_lo; kx < kx_hi; ++kx)
                copy_mve(x + kx * C, src + g->dilation_w * kx * C, C);
        }
    }
    fill_mve(x, zp, (KH - (ky_hi > ky_lo ? ky_hi : ky_lo)) * n);
}

/* The windows of cnt interior pixels, undilated (no padded taps), K bytes
 * apart in x: each KH rows of n bytes, rs apart in the input, src the
 * first pixel's, ps on to the next one's. Rows of at most 16 bytes (the
 * first layers: 3x3 of 3 channels) move in one predicated load and store
 * each, without gather_mve's fills and loop set-ups; its own function so
 * the pointers stay in registers. */
static __attribute__((noinline)) void gather_full_mve(int8_t *x, const int8_t *src, int32_t cnt,
                                                      int32_t K, int32_t KH, int32_t n, int32_t rs,
                                                      int32_t ps)
{
    int32_t i, ky;
    if (n <= 16) {
        const mve_pred16_t pr = vctp8q((uint32_t)n);
        for (i = 0; i < cnt; ++i, x += K, src += ps) {
            int8_t *xr = x;
            const int8_t *sr = src;
            for (ky = 0; ky < KH; ++ky, xr += n, sr += rs)
                vstrbq_p_s8(xr, vldrbq_z_s8(sr, pr), pr);
        }
    } else {
        for (i = 0; i < cnt; ++i, x += K, src += ps) {
            int8_t *xr = x;
            const int8_t *sr = src;
            for (ky = 0; ky < KH; ++ky, xr += n, sr += rs)
                copy_mve(xr, sr, n);
        }
    }
}

/* The patch path: the windows of a run of output pixels, each K inputs
 * in filter order (the input zero point for padded taps: they add exactly
 * 0 once the offset is folded into the seeds), gathered into a stack
 * buffer, then mat_mve over the run. In place (1x1 stride 1, OC <= C: the
 * outputs of a run end before the inputs not yet gathered) it is safe. */
static void conv_patch_mve(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                           const int8_t *input, const mote_dims *fd, const int8_t *filter,
                           const int32_t *bias, const mote_dims *od, int8_t *output)
{
    int32_t pt32[MVE_PATCH / 4];
    int8_t *pt = (int8_t *)pt32;
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, K = fd->h * fd->w * C, OC = od->c;
    const int32_t IH = id->h, IW = id->w, KH = fd->h, KW = fd->w;
    const int32_t off = p->input_offset;
    const int8_t zp = (int8_t)(-p->input_offset);
    const int32_t lims[3] = {p->output_offset, p->act_min, p->act_max};
    const int32_t run = MVE_PATCH / K; /* pixels per run */
    int32_t seed[MVE_SEEDS];
    int32_t b, oy, ox, o, o0;
    /* undilated: an interior window is KH rows of KW * C input bytes */
    const int full = g->dilation_h == 1 && g->dilation_w == 1;

    /* sum(w * (x + off)) = sum(w * x) + off * sum(w), exactly modulo 2^32
     * (the reference's int32 accumulators), also for padded taps, whose x
     * is the zero point -off. */
    for (o0 = 0; o0 < OC; o0 += MVE_SEEDS) {
        const int32_t o1 = OC - o0 < MVE_SEEDS ? OC : o0 + MVE_SEEDS;
        int8_t *out = output, *out_run = output;
        int32_t n = 0;
        for (o = o0; o < o1; ++o)
            seed[o - o0] = seed_mve(filter + o * K, K, off, bias ? bias[o] : 0);
        for (b = 0; b < od->n; ++b) {
            const int8_t *in_batch = input + b * IH * IW * C;
            for (oy = 0; oy < od->h; ++oy) {
                const int32_t y0 = oy * g->stride_h - g->pad_h;
                int32_t ky_lo = 0, ky_hi = KH;
                if (y0 < 0 || y0 + g->dilation_h * (KH - 1) >= IH)
                    tap_range(y0, g->dilation_h, IH, KH, &ky_lo, &ky_hi);
                for (ox = 0; ox < od->w;) {
                    const int32_t x0 = ox * g->stride_w - g->pad_w;
                    int8_t *x = pt + n * K;
                    int32_t cnt = 1;
                    if (full && ky_lo == 0 && ky_hi == KH && x0 >= 0 && x0 + KW <= IW) {
                        /* a stretch of interior pixels, up to the run's end:
                         * the last one with x0 + KW <= IW */
                        cnt = (IW - KW + g->pad_w) / g->stride_w - ox + 1;
                        if (cnt > od->w - ox) cnt = od->w - ox;
                        if (cnt > run - n) cnt = run - n;
                        gather_full_mve(x, in_batch + (y0 * IW + x0) * C, cnt, K, KH, KW * C,
                                        IW * C, g->stride_w * C);
                    } else {
                        int32_t kx_lo = 0, kx_hi = KW;
                        if (x0 < 0 || x0 + g->dilation_w * (KW - 1) >= IW)
                            tap_range(x0, g->dilation_w, IW, KW, &kx_lo, &kx_hi);
                        gather_mve(x, g, id, in_batch, KH, KW, y0, x0, ky_lo, ky_hi, kx_lo, kx_hi,
                                   zp);
                    }
                    ox += cnt;
                    out += cnt * OC;
                    n += cnt;
                    if (n == run) {
                        mat_mve(pt, n, filter + o0 * K, K, o1 - o0, seed, bias, off,
                                q->multiplier + o0, q->shift + o0, 0, out_run + o0, OC, lims);
                        out_run = out;
                        n = 0;
                    }
                }
            }
        }
        if (n > 0)
            mat_mve(pt, n, filter + o0 * K, K, o1 - o0, seed, bias, off, q->multiplier + o0,
                    q->shift + o0, 0, out_run + o0, OC, lims);
    }
}

mote_status mote_mve_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                               const mote_dims *input_dims, const int8_t *input,
                               const mote_dims *filter_dims, const int8_t *filter,
                               const int32_t *bias, const mote_dims *output_dims, int8_t *output)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    int32_t K, b, oy, ox, o, OC;

    if (!p || !q || !q->multiplier || !q->shift || !input_dims || !input || !filter_dims ||
        !filter || !output_dims || !output)
        return MOTE_E_ARG;
    if (!mote_arm_conv2d_s8_fits(p, id, fd, od)) return MOTE_E_ARG;
    K = fd->h * fd->w * fd->c;
    OC = od->c;
    if (fd->h == 1 && fd->w == 1 && p->geom.stride_h == 1 && p->geom.stride_w == 1 &&
        p->geom.pad_h == 0 && p->geom.pad_w == 0 && od->h == id->h && od->w == id->w &&
        input != output) {
        /* pointwise: every pixel of the batch is one row of K inputs */
        const int32_t lims[3] = {p->output_offset, p->act_min, p->act_max};
        mat_mve(input, od->n * od->h * od->w, filter, K, OC, NULL, bias, p->input_offset,
                q->multiplier, q->shift, 0, output, OC, lims);
        return MOTE_OK;
    }
    if (K <= MVE_PATCH) {
        conv_patch_mve(p, q, id, input, fd, filter, bias, od, output);
        return MOTE_OK;
    }
    for (o = 0; o + 4 <= OC; o += 4) {
        mote_arm_rq4 rq;
        const int32_t b0 = bias ? bias[o] : 0, b1 = bias ? bias[o + 1] : 0;
        const int32_t b2 = bias ? bias[o + 2] : 0, b3 = bias ? bias[o + 3] : 0;
        mote_arm_rq4_prep(&rq, q->multiplier, q->shift, o, 0, p->output_offset, p->act_min,
                          p->act_max);
        for (b = 0; b < od->n; ++b) {
            const int8_t *in_batch = input + b * id->h * id->w * id->c;
            int8_t *out = output + b * od->h * od->w * OC + o;
            for (oy = 0; oy < od->h; ++oy)
                for (ox = 0; ox < od->w; ++ox, out += OC) {
                    int32_t acc[4];
                    acc[0] = b0;
                    acc[1] = b1;
                    acc[2] = b2;
                    acc[3] = b3;
                    pixel_dot_mve(p, id, in_batch, fd, oy, ox, filter + o * K, K, 4, acc);
                    mote_arm_st32(out, mote_arm_rq4_pack(&rq, acc[0], acc[1], acc[2], acc[3]));
                }
        }
    }
    for (; o < OC; ++o) {
        const int32_t m = q->multiplier[o], sh = q->shift[o];
        for (b = 0; b < od->n; ++b) {
            const int8_t *in_batch = input + b * id->h * id->w * id->c;
            int8_t *out = output + b * od->h * od->w * OC + o;
            for (oy = 0; oy < od->h; ++oy)
                for (ox = 0; ox < od->w; ++ox, out += OC) {
                    int32_t acc = bias ? bias[o] : 0;
                    pixel_dot_mve(p, id, in_batch, fd, oy, ox, filter + o * K, K, 1, &acc);
                    *out = mote_arm_out_s8(acc, m, sh, p->output_offset, p->act_min, p->act_max);
                }
        }
    }
    return MOTE_OK;
}

/* Depthwise, channels c .. c + n - 1 (n <= 8) of one output pixel, the
 * window's valid taps ky in [ky_lo, ky_hi), kx in [kx_lo, kx_hi) from xp
 * (input of tap (ky_lo, kx_lo), channel c) and wp (its weights). Inputs
 * and weights load widened to int16 lanes, the input offset added there
 * (|x + off| <= 255); VMULLB / VMULLT multiply the even / odd lanes into
 * int32, so the accumulators hold channels c, c+2, c+4, c+6 and c+1, c+3,
 * c+5, c+7. They are requantized with constants gathered in the same
 * order (rqv_apply) and narrowed back into channel order (VMOVNB /
 * VMOVNT) for one byte store. full: n == 8, no predicates. */
static inline __attribute__((always_inline)) void
dw8_mve(const int8_t *xp, const int8_t *wp, int32_t nky, int32_t nkx, int32_t xrow, int32_t dwC,
        int32_t wrow, int32_t C, int16_t off, const mote_requant *q, const int32_t *bias,
        const int32_t *lims, int8_t *out, int32_t c, int32_t n, int full)
{
    const uint32x4_t ev = vidupq_n_u32(0, 2), odd = vidupq_n_u32(1, 2);
    const mve_pred16_t p16 = vctp16q((uint32_t)n);
    const mve_pred16_t pe = vcmphiq_u32(vdupq_n_u32((uint32_t)n), ev); /* lanes 2i < n */
    const mve_pred16_t po = vcmphiq_u32(vdupq_n_u32((uint32_t)n), odd);
    int32x4_t ae, ao, se, so;
    int16x8_t r16 = vdupq_n_s16(0);
    rqv r;
    int32_t ky, kx;
    if (full) {
        ae = bias ? vldrwq_gather_shifted_offset_s32(bias + c, ev) : vdupq_n_s32(0);
        ao = bias ? vldrwq_gather_shifted_offset_s32(bias + c, odd) : vdupq_n_s32(0);
    } else {
        ae = bias ? vldrwq_gather_shifted_offset_z_s32(bias + c, ev, pe) : vdupq_n_s32(0);
        ao = bias ? vldrwq_gather_shifted_offset_z_s32(bias + c, odd, po) : vdupq_n_s32(0);
    }
    for (ky = 0; ky < nky; ++ky, xp += xrow, wp += wrow) {
        const int8_t *x = xp, *w = wp;
        for (kx = 0; kx < nkx; ++kx, x += dwC, w += C) {
            int16x8_t xv, wv;
            if (full) {
                xv = vaddq_n_s16(vldrbq_s16(x), off);
                wv = vldrbq_s16(w);
            } else {
                xv = vaddq_n_s16(vldrbq_z_s16(x, p16), off);
                wv = vldrbq_z_s16(w, p16);
            }
            ae = vaddq_s32(ae, vmullbq_int_s16(xv, wv));
            ao = vaddq_s32(ao, vmulltq_int_s16(xv, wv));
        }
    }
    r.lo = vdupq_n_s32(lims[1]);
    r.hi = vdupq_n_s32(lims[2]);
    r.ooff = lims[0];
    if (full) {
        se = vldrbq_gather_offset_s32(q->shift + c, ev);
        so = vldrbq_gather_offset_s32(q->shift + c, odd);
        r.m = vldrwq_gather_shifted_offset_s32(q->multiplier + c, ev);
    } else {
        se = vldrbq_gather_offset_z_s32(q->shift + c, ev, pe);
        so = vldrbq_gather_offset_z_s32(q->shift + c, odd, po);
        r.m = vldrwq_gather_shifted_offset_z_s32(q->multiplier + c, ev, pe);
    }
    r.lsh = vmaxq_s32(se, vdupq_n_s32(0));
    r.rsh = vminq_s32(se, vdupq_n_s32(0));
    r.emask = vshrq_n_s32(r.rsh, 31);
    r16 = vmovnbq_s32(r16, rqv_apply(&r, ae));
    if (full)
        r.m = vldrwq_gather_shifted_offset_s32(q->multiplier + c, odd);
    else
        r.m = vldrwq_gather_shifted_offset_z_s32(q->multiplier + c, odd, po);
    r.lsh = vmaxq_s32(so, vdupq_n_s32(0));
    r.rsh = vminq_s32(so, vdupq_n_s32(0));
    r.emask = vshrq_n_s32(r.rsh, 31);
    r16 = vmovntq_s32(r16, rqv_apply(&r, ao));
    if (full)
        vstrbq_s16(out, r16);
    else
        vstrbq_p_s16(out, r16, p16);
}

/* What dw16_asm reads (offsets fixed in its assembly). */
typedef struct dwp {
    int32_t nky, nkx;     /* 0, 4: valid taps */
    int32_t xadj, wadj;   /* 8, 12: to the next tap row, after nkx taps */
    int32_t dwC, C;       /* 16, 20: input / weight step of a tap */
    int32_t off;          /* 24: input offset */
    const int32_t *bias;  /* 28: bias + c (a zero table when none) */
    const int8_t *shift;  /* 32: shift + c */
    const int32_t *mult;  /* 36: multiplier + c */
    int32_t ooff, lo, hi; /* 40, 44, 48: zero point, activation range */
    int32_t rsh_only;     /* 52: no shift of the call is > 0 (DW_RQR) */
} dwp;

/* The output stage of int32 lanes qa, channels at byte / word gather
 * offsets qo of shift (r4) and mult (r5); zero point r6, act_min q3,
 * act_max q7; q0-q2 scratch. */
#define DW_RQ(qa, qo)                                                                              \
    "vldrb.s32 q0, [r4, " qo "]\n\t"                                                               \
    "vmov.i32 q1, #0\n\t"                                                                          \
    "vmax.s32 q2, q0, q1\n\t"                                                                      \
    "vmin.s32 q0, q0, q1\n\t"                                                                      \
    "vshl.s32 " qa ", " qa ", q2\n\t"                                                              \
    "vldrw.u32 q2, [r5, " qo ", uxtw #2]\n\t"                                                      \
    "vqrdmulh.s32 " qa ", " qa ", q2\n\t"                                                          \
    "vshr.s32 q2, q0, #31\n\t"                                                                     \
    "vshr.s32 q1, " qa ", #31\n\t"                                                                 \
    "vand q2, q2, q1\n\t"                                                                          \
    "vadd.i32 " qa ", " qa ", q2\n\t"                                                              \
    "vrshl.s32 " qa ", " qa ", q0\n\t"                                                             \
    "vadd.i32 " qa ", " qa ", r6\n\t"                                                              \
    "vmax.s32 " qa ", " qa ", q3\n\t"                                                              \
    "vmin.s32 " qa ", " qa ", q7\n\t"

/* DW_RQ when every shift is <= 0 (dwp rsh_only): the left shift and the
 * split of the shift left out, the same result. */
#define DW_RQR(qa, qo)                                                                             \
    "vldrb.s32 q0, [r4, " qo "]\n\t"                                                               \
    "vldrw.u32 q2, [r5, " qo ", uxtw #2]\n\t"                                                      \
    "vqrdmulh.s32 " qa ", " qa ", q2\n\t"                                                          \
    "vshr.s32 q2, q0, #31\n\t"                                                                     \
    "vshr.s32 q1, " qa ", #31\n\t"                                                                 \
    "vand q2, q2, q1\n\t"                                                                          \
    "vadd.i32 " qa ", " qa ", q2\n\t"                                                              \
    "vrshl.s32 " qa ", " qa ", q0\n\t"                                                             \
    "vadd.i32 " qa ", " qa ", r6\n\t"                                                              \
    "vmax.s32 " qa ", " qa ", q3\n\t"                                                              \
    "vmin.s32 " qa ", " qa ", q7\n\t"

/* The end of a row of taps (loop label 4): x and w to the next row (dwp
 * xadj in r9, wadj in r10: DW_ROW_LOAD), r4 rows left, back to 1; label 3
 * follows. */
#define DW_NEXT_ROW                                                                                \
    "4:\n\t"                                                                                       \
    "add %[x], r9\n\t"                                                                             \
    "add %[w], r10\n\t"                                                                            \
    "subs r4, #1\n\t"                                                                              \
    "bgt 1b\n"                                                                                     \
    "3:\n\t"

/* The tap loop's constants, held in registers rather than reloaded per
 * row: nkx (r11), xadj (r9), wadj (r10). */
#define DW_ROW_LOAD                                                                                \
    "ldr r11, [%[d], #4]\n\t"                                                                      \
    "ldr r9, [%[d], #8]\n\t"                                                                       \
    "ldr r10, [%[d], #12]\n\t"

/* DW_RQ's operands: r4 shift, r5 mult, r6 zero point, q3 act_min, and
 * act_max in r8 (for q7 once the accumulators there are done). */
#define DW_RQ_LOAD                                                                                 \
    "ldr r4, [%[d], #32]\n\t"                                                                      \
    "ldr r5, [%[d], #36]\n\t"                                                                      \
    "ldr r6, [%[d], #40]\n\t"                                                                      \
    "ldr r8, [%[d], #44]\n\t"                                                                      \
    "vdup.32 q3, r8\n\t"                                                                           \
    "ldr r8, [%[d], #48]\n\t"

/* One tap of dw16_asm: sixteen products into q4-q7, x and w to the next
 * tap (r5 dwC, r6 C, ip input offset). */
#define DW16_TAP                                                                                   \
    "vldrb.s16 q0, [%[x]]\n\t"                                                                     \
    "vldrb.s16 q1, [%[w]]\n\t"                                                                     \
    "vadd.i16 q0, q0, ip\n\t"                                                                      \
    "vmullb.s16 q2, q0, q1\n\t"                                                                    \
    "vadd.i32 q4, q4, q2\n\t"                                                                      \
    "vmullt.s16 q2, q0, q1\n\t"                                                                    \
    "vadd.i32 q5, q5, q2\n\t"                                                                      \
    "vldrb.s16 q0, [%[x], #8]\n\t"                                                                 \
    "vldrb.s16 q1, [%[w], #8]\n\t"                                                                 \
    "vadd.i16 q0, q0, ip\n\t"                                                                      \
    "vmullb.s16 q2, q0, q1\n\t"                                                                    \
    "vadd.i32 q6, q6, q2\n\t"                                                                      \
    "vmullt.s16 q2, q0, q1\n\t"                                                                    \
    "vadd.i32 q7, q7, q2\n\t"                                                                      \
    "add %[x], r5\n\t"                                                                             \
    "add %[w], r6\n\t"

/* Sixteen channels of one output pixel (x, w: their first valid tap):
 * two halves of eight, each as dw8_mve, accumulators q4 (c, c+2, .., c+6),
 * q5 (c+1, .., c+7), q6 (c+8, .., c+14), q7 (c+9, .., c+15). */
static __attribute__((noinline)) void dw16_asm(const int8_t *x, const int8_t *w, const dwp *d,
                                               int8_t *out)
{
    __asm__ volatile(
        /* bias: even / odd lanes of each half */
        /* one offset vector (0, 2, 4, 6), the base moved for the others */
        "ldr r4, [%[d], #28]\n\t"
        "movs r6, #0\n\t"
        "vidup.u32 q0, r6, #2\n\t"
        "vldrw.u32 q4, [r4, q0, uxtw #2]\n\t"
        "add r6, r4, #4\n\t"
        "vldrw.u32 q5, [r6, q0, uxtw #2]\n\t"
        "add r6, r4, #32\n\t"
        "vldrw.u32 q6, [r6, q0, uxtw #2]\n\t"
        "add r6, r4, #36\n\t"
        "vldrw.u32 q7, [r6, q0, uxtw #2]\n\t" DW_ROW_LOAD "ldr r4, [%[d], #0]\n\t" /* rows left */
        "ldr r5, [%[d], #16]\n\t"                                                  /* dwC */
        "ldr r6, [%[d], #20]\n\t"                                                  /* C */
        "ldr ip, [%[d], #24]\n\t"                                                  /* off */
        "cmp r4, #0\n\t"
        "ble 3f\n\t"
        /* rows of three taps (every interior 3x3 pixel): the taps unrolled,
         * no loop per row */
        "cmp r11, #3\n\t"
        "bne 1f\n"
        "5:\n\t" DW16_TAP DW16_TAP DW16_TAP "add %[x], r9\n\t"
        "add %[w], r10\n\t"
        "subs r4, #1\n\t"
        "bgt 5b\n\t"
        "b 3f\n"
        "1:\n\t"
        "wls lr, r11, 4f\n"
        "2:\n\t" DW16_TAP "le lr, 2b\n" DW_NEXT_ROW DW_RQ_LOAD "ldr lr, [%[d], #52]\n\t"
        "cmp lr, #0\n\t"
        "bne 6f\n\t"
        /* the upper half first (q7, then q6, narrowed together), then q7 is
         * free to hold act_max for the lower half */
        "mov lr, #9\n\t"
        "vidup.u32 q2, lr, #2\n\t"
        "vldrb.s32 q0, [r4, q2]\n\t"
        "vldrw.u32 q1, [r5, q2, uxtw #2]\n\t"
        "vmov.i32 q2, #0\n\t"
        "vmax.s32 q2, q0, q2\n\t"
        "vshl.s32 q7, q7, q2\n\t"
        "vqrdmulh.s32 q7, q7, q1\n\t"
        "vmov.i32 q2, #0\n\t"
        "vmin.s32 q0, q0, q2\n\t"
        "vshr.s32 q2, q0, #31\n\t"
        "vshr.s32 q1, q7, #31\n\t"
        "vand q2, q2, q1\n\t"
        "vadd.i32 q7, q7, q2\n\t"
        "vrshl.s32 q7, q7, q0\n\t"
        "vadd.i32 q7, q7, r6\n\t"
        "vmax.s32 q7, q7, q3\n\t"
        "vdup.32 q2, r8\n\t"
        "vmin.s32 q7, q7, q2\n\t"
        "mov lr, #8\n\t"
        "vidup.u32 q2, lr, #2\n\t"
        "vldrb.s32 q0, [r4, q2]\n\t"
        "vldrw.u32 q1, [r5, q2, uxtw #2]\n\t"
        "vmov.i32 q2, #0\n\t"
        "vmax.s32 q2, q0, q2\n\t"
        "vshl.s32 q6, q6, q2\n\t"
        "vqrdmulh.s32 q6, q6, q1\n\t"
        "vmov.i32 q2, #0\n\t"
        "vmin.s32 q0, q0, q2\n\t"
        "vshr.s32 q2, q0, #31\n\t"
        "vshr.s32 q1, q6, #31\n\t"
        "vand q2, q2, q1\n\t"
        "vadd.i32 q6, q6, q2\n\t"
        "vrshl.s32 q6, q6, q0\n\t"
        "vadd.i32 q6, q6, r6\n\t"
        "vmax.s32 q6, q6, q3\n\t"
        "vdup.32 q2, r8\n\t"
        "vmin.s32 q6, q6, q2\n\t"
        "vmovnt.i32 q6, q7\n\t"
        "vstrb.16 q6, [%[o], #8]\n\t"
        "vdup.32 q7, r8\n\t"
        "mov lr, #1\n\t"
        "vidup.u32 q6, lr, #2\n\t" DW_RQ(
            "q5", "q6") "mov lr, #0\n\t"
                        "vidup.u32 q6, lr, #2\n\t" DW_RQ(
                            "q4", "q6") "vmovnt.i32 q4, q5\n\t"
                                        "vstrb.16 q4, [%[o]]\n\t"
                                        "b 7f\n"
                                        /* every shift <= 0: as above with DW_RQR */
                                        "6:\n\t"
                                        "mov lr, #9\n\t"
                                        "vidup.u32 q2, lr, #2\n\t"
                                        "vldrb.s32 q0, [r4, q2]\n\t"
                                        "vldrw.u32 q1, [r5, q2, uxtw #2]\n\t"
                                        "vqrdmulh.s32 q7, q7, q1\n\t"
                                        "vshr.s32 q2, q0, #31\n\t"
                                        "vshr.s32 q1, q7, #31\n\t"
                                        "vand q2, q2, q1\n\t"
                                        "vadd.i32 q7, q7, q2\n\t"
                                        "vrshl.s32 q7, q7, q0\n\t"
                                        "vadd.i32 q7, q7, r6\n\t"
                                        "vmax.s32 q7, q7, q3\n\t"
                                        "vdup.32 q2, r8\n\t"
                                        "vmin.s32 q7, q7, q2\n\t"
                                        "mov lr, #8\n\t"
                                        "vidup.u32 q2, lr, #2\n\t"
                                        "vldrb.s32 q0, [r4, q2]\n\t"
                                        "vldrw.u32 q1, [r5, q2, uxtw #2]\n\t"
                                        "vqrdmulh.s32 q6, q6, q1\n\t"
                                        "vshr.s32 q2, q0, #31\n\t"
                                        "vshr.s32 q1, q6, #31\n\t"
                                        "vand q2, q2, q1\n\t"
                                        "vadd.i32 q6, q6, q2\n\t"
                                        "vrshl.s32 q6, q6, q0\n\t"
                                        "vadd.i32 q6, q6, r6\n\t"
                                        "vmax.s32 q6, q6, q3\n\t"
                                        "vdup.32 q2, r8\n\t"
                                        "vmin.s32 q6, q6, q2\n\t"
                                        "vmovnt.i32 q6, q7\n\t"
                                        "vstrb.16 q6, [%[o], #8]\n\t"
                                        "vdup.32 q7, r8\n\t"
                                        "mov lr, #1\n\t"
                                        "vidup.u32 q6, lr, #2\n\t" DW_RQR(
                                            "q5", "q6") "mov lr, #0\n\t"
                                                        "vidup.u32 q6, lr, #2\n\t" DW_RQR(
                                                            "q4", "q6") "vmovnt.i32 q4, q5\n\t"
                                                                        "vstrb.16 q4, [%[o]]\n"
                                                                        "7:\n\t"
        : [x] "+r"(x), [w] "+r"(w)
        : [d] "r"(d), [o] "r"(out)
        : "r4", "r5", "r6", "r8", "r9", "r10", "r11", "ip", "lr", "d0", "d1", "d2", "d3", "d4",
          "d5", "d6", "d7", "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15", "cc", "memory");
}

/* Eight channels of one output pixel: dw16_asm's first half. */
static __attribute__((noinline)) void dw8_asm(const int8_t *x, const int8_t *w, const dwp *d,
                                              int8_t *out)
{
    __asm__ volatile(
        "ldr r4, [%[d], #28]\n\t"
        "movs r6, #0\n\t"
        "vidup.u32 q0, r6, #2\n\t"
        "vldrw.u32 q4, [r4, q0, uxtw #2]\n\t"
        "add r6, r4, #4\n\t"
        "vldrw.u32 q5, [r6, q0, uxtw #2]\n\t" DW_ROW_LOAD "ldr r4, [%[d], #0]\n\t"
        "ldr r5, [%[d], #16]\n\t"
        "ldr r6, [%[d], #20]\n\t"
        "ldr ip, [%[d], #24]\n\t"
        "cmp r4, #0\n\t"
        "ble 3f\n"
        "1:\n\t"
        "wls lr, r11, 4f\n"
        "2:\n\t"
        "vldrb.s16 q0, [%[x]]\n\t"
        "vldrb.s16 q1, [%[w]]\n\t"
        "vadd.i16 q0, q0, ip\n\t"
        "vmullb.s16 q2, q0, q1\n\t"
        "vadd.i32 q4, q4, q2\n\t"
        "vmullt.s16 q2, q0, q1\n\t"
        "vadd.i32 q5, q5, q2\n\t"
        "add %[x], r5\n\t"
        "add %[w], r6\n\t"
        "le lr, 2b\n" DW_NEXT_ROW DW_RQ_LOAD "vdup.32 q7, r8\n\t"
        "mov lr, #1\n\t"
        "vidup.u32 q6, lr, #2\n\t" DW_RQ("q5", "q6") "mov lr, #0\n\t"
                                                     "vidup.u32 q6, lr, #2\n\t" DW_RQ(
                                                         "q4", "q6") "vmovnt.i32 q4, q5\n\t"
                                                                     "vstrb.16 q4, [%[o]]\n\t"
        : [x] "+r"(x), [w] "+r"(w)
        : [d] "r"(d), [o] "r"(out)
        : "r4", "r5", "r6", "r8", "r9", "r10", "r11", "ip", "lr", "d0", "d1", "d2", "d3", "d4",
          "d5", "d6", "d7", "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15", "cc", "memory");
}

static const int32_t zero_bias[16];

/* Every channel of one output pixel: 16 at a time (dw16_asm), then 8
 * (dw8_asm), the rest in C. d holds the call's constants and the pixel's
 * taps; its bias / shift / mult are set here. */
static void dw_pixel_mve(const int8_t *xp, const int8_t *wp, dwp *d, const mote_requant *q,
                         const int32_t *bias, const int32_t *lims, int8_t *out)
{
    const int32_t C = d->C;
    int32_t c = 0;
    for (; c + 16 <= C; c += 16) {
        d->bias = bias ? bias + c : zero_bias;
        d->shift = q->shift + c;
        d->mult = q->multiplier + c;
        dw16_asm(xp + c, wp + c, d, out + c);
    }
    if (c + 8 <= C) {
        d->bias = bias ? bias + c : zero_bias;
        d->shift = q->shift + c;
        d->mult = q->multiplier + c;
        dw8_asm(xp + c, wp + c, d, out + c);
        c += 8;
    }
    if (c < C) {
        const int32_t xrow = d->xadj + d->nkx * d->dwC, wrow = d->wadj + d->nkx * C;
        dw8_mve(xp + c, wp + c, d->nky, d->nkx, xrow, d->dwC, wrow, C, (int16_t)d->off, q, bias,
                lims, out + c, c, C - c, 0);
    }
}

/* The 3x3 pair path (dilation 1, C % 8 == 0, every shift <= 0): channel
 * blocks of eight outside, pixels inside, two pixels a and b per step
 * sharing each tap's weight load. The pixels whose valid taps are the whole
 * window, or two of its rows (the top / bottom output rows) or two of its
 * columns (the left / right output columns), run so: every tap of the step
 * is valid for both pixels, so the input offset goes into per-channel
 * seeds, bias + off * sum(w) over those taps (exact modulo 2^32 as the
 * reference's int32 sums), and the tap loop adds none. Pixel b loads
 * through a gather (byte offsets from pixel a: the next pixel of the row,
 * or of the column for the left / right columns), so one pointer walks the
 * taps. The block's weights, seeds and output constants sit in dwr, in the
 * lane order of the VMULLB / VMULLT accumulators (even channels, then odd);
 * a walk (dwk) says which taps and which pixels. */
typedef struct dwr {
    int8_t w[72]; /* 0: taps (ky, kx) in order, 8 channels each */
    /* 72: keeps seed at offset 80, where the asm reads it */
    // cppcheck-suppress unusedStructMember
    int32_t pad_[2];
    int32_t seed[5][8];   /* 80: all taps; without row 0, row 2, column 0, column 2 */
    int32_t mult[8];      /* 240, 256: even lanes, odd lanes */
    int32_t rsh[8];       /* 272, 288: shifts (<= 0) */
    int32_t lo[4], hi[4]; /* 304, 320: activation range */
    int32_t ooff;         /* 336: zero point */
} dwr;
typedef char dwr_layout_check[offsetof(dwr, seed) == 80 && offsetof(dwr, mult) == 240 &&
                                      offsetof(dwr, lo) == 304 && offsetof(dwr, ooff) == 336
                                  ? 1
                                  : -1];

typedef struct dwk {
    const int8_t *w;      /* 0: the first valid tap's weights (in dwr w) */
    const int32_t *seed;  /* 4: its seeds (a row of dwr seed) */
    int32_t dwC, xadj;    /* 8, 12: tap step, to the next tap row */
    int32_t pstep, ostep; /* 16, 20: to the next pair's input, pixel b's output offset */
    uint16_t qb[8];       /* 24: pixel b's byte offsets from pixel a */
} dwk;
typedef char dwk_layout_check[offsetof(dwk, dwC) == 8 && offsetof(dwk, qb) == 24 ? 1 : -1];

/* One tap (weights at byte imm from the walk's w): pixel a's eight
 * channels from r6 into q4 / q5, pixel b's (gather, offsets q3) into q6 /
 * q7. */
#define DWR_TAP(imm)                                                                               \
    "vldrb.s16 q0, [r6]\n\t"                                                                       \
    "vldrb.s16 q1, [%[w], #" imm "]\n\t"                                                           \
    "vmullb.s16 q2, q0, q1\n\t"                                                                    \
    "vadd.i32 q4, q4, q2\n\t"                                                                      \
    "vmullt.s16 q2, q0, q1\n\t"                                                                    \
    "vadd.i32 q5, q5, q2\n\t"                                                                      \
    "vldrb.s16 q0, [r6, q3]\n\t"                                                                   \
    "vmullb.s16 q2, q0, q1\n\t"                                                                    \
    "vadd.i32 q6, q6, q2\n\t"                                                                      \
    "vmullt.s16 q2, q0, q1\n\t"                                                                    \
    "vadd.i32 q7, q7, q2\n\t"
#define DWR_A "add r6, r4\n\t" /* next tap of the row */
#define DWR_R "add r6, r5\n\t" /* first tap of the next row */

/* The rounding fix of the two pixels' accumulators qa, qb whose shifts are
 * in q2 (em = -1 where < 0: x - 1 for x < 0 there, as rqv_apply). */
#define DWR_RND(qa, qb)                                                                            \
    "vshr.s32 q1, q2, #31\n\t"                                                                     \
    "vshr.s32 q0, " qa ", #31\n\t"                                                                 \
    "vand q0, q0, q1\n\t"                                                                          \
    "vadd.i32 " qa ", " qa ", q0\n\t"                                                              \
    "vshr.s32 q0, " qb ", #31\n\t"                                                                 \
    "vand q0, q0, q1\n\t"                                                                          \
    "vadd.i32 " qb ", " qb ", q0\n\t"                                                              \
    "vrshl.s32 " qa ", " qa ", q2\n\t"                                                             \
    "vrshl.s32 " qb ", " qb ", q2\n\t"

/* DWR_RND when every shift is < 0 (em all -1): the mask left out. */
#define DWR_RNDN(qa, qb)                                                                           \
    "vshr.s32 q0, " qa ", #31\n\t"                                                                 \
    "vadd.i32 " qa ", " qa ", q0\n\t"                                                              \
    "vshr.s32 q0, " qb ", #31\n\t"                                                                 \
    "vadd.i32 " qb ", " qb ", q0\n\t"                                                              \
    "vrshl.s32 " qa ", " qa ", q2\n\t"                                                             \
    "vrshl.s32 " qb ", " qb ", q2\n\t"

/* The walk's registers: r4 dwC, r5 xadj, r7 pair step, r8 pixel b's
 * output offset, r9 zero point, q3 pixel b's offsets, lr the pairs; w, k
 * then the weights, the seeds. */
#define DWR_HEAD                                                                                   \
    "ldr r4, [%[k], #8]\n\t"                                                                       \
    "ldr r5, [%[k], #12]\n\t"                                                                      \
    "ldr r7, [%[k], #16]\n\t"                                                                      \
    "ldr r8, [%[k], #20]\n\t"                                                                      \
    "ldr r9, [%[c], #336]\n\t"                                                                     \
    "vldrh.u16 q3, [%[k], #24]\n\t"                                                                \
    "wls lr, %[w], 2f\n\t"                                                                         \
    "ldr %[w], [%[k]]\n\t"                                                                         \
    "ldr %[k], [%[k], #4]\n"                                                                       \
    "1:\n\t"                                                                                       \
    "mov r6, %[x]\n\t"                                                                             \
    "vldrw.u32 q4, [%[k]]\n\t"                                                                     \
    "vldrw.u32 q5, [%[k], #16]\n\t"                                                                \
    "vmov q6, q4\n\t"                                                                              \
    "vmov q7, q5\n\t"

/* The output stage of both pixels (rounding fix RND), their stores, the
 * next pair. */
#define DWR_OUT(RND)                                                                               \
    "vldrw.u32 q0, [%[c], #240]\n\t"                                                               \
    "vqrdmulh.s32 q4, q4, q0\n\t"                                                                  \
    "vqrdmulh.s32 q6, q6, q0\n\t"                                                                  \
    "vldrw.u32 q0, [%[c], #256]\n\t"                                                               \
    "vqrdmulh.s32 q5, q5, q0\n\t"                                                                  \
    "vqrdmulh.s32 q7, q7, q0\n\t"                                                                  \
    "vldrw.u32 q2, [%[c], #272]\n\t" RND("q4", "q6") "vldrw.u32 q2, [%[c], #288]\n\t" RND(         \
        "q5", "q7") "vadd.i32 q4, q4, r9\n\t"                                                      \
                    "vadd.i32 q5, q5, r9\n\t"                                                      \
                    "vadd.i32 q6, q6, r9\n\t"                                                      \
                    "vadd.i32 q7, q7, r9\n\t"                                                      \
                    "vldrw.u32 q0, [%[c], #304]\n\t"                                               \
                    "vmax.s32 q4, q4, q0\n\t"                                                      \
                    "vmax.s32 q5, q5, q0\n\t"                                                      \
                    "vmax.s32 q6, q6, q0\n\t"                                                      \
                    "vmax.s32 q7, q7, q0\n\t"                                                      \
                    "vldrw.u32 q0, [%[c], #320]\n\t"                                               \
                    "vmin.s32 q4, q4, q0\n\t"                                                      \
                    "vmin.s32 q5, q5, q0\n\t"                                                      \
                    "vmin.s32 q6, q6, q0\n\t"                                                      \
                    "vmin.s32 q7, q7, q0\n\t"                                                      \
                    "vmovnt.i32 q4, q5\n\t"                                                        \
                    "vstrb.16 q4, [%[o]]\n\t"                                                      \
                    "add r6, %[o], r8\n\t"                                                         \
                    "vmovnt.i32 q6, q7\n\t"                                                        \
                    "vstrb.16 q6, [r6]\n\t"                                                        \
                    "add %[o], %[o], r8, lsl #1\n\t"                                               \
                    "add %[x], r7\n\t"                                                             \
                    "le lr, 1b\n"                                                                  \
                    "2:\n\t"

/* n pairs from x (pixel a of the first), outputs from o, the taps of
 * TAPS (weights k->w, seeds k->seed), the block's constants c. */
#define DWR_FN(name, TAPS, RND)                                                                    \
    static __attribute__((noinline)) void name(const int8_t *x, int8_t *o, int32_t n,              \
                                               const dwr *c, const dwk *k)                         \
    {                                                                                              \
        __asm__ volatile(DWR_HEAD TAPS DWR_OUT(RND)                                                \
                         : [x] "+r"(x), [o] "+l"(o), [w] "+l"(n), [k] "+r"(k)                      \
                         : [c] "l"(c) /* low registers: VLDRB.S16 / VSTRB.16 bases */              \
                         : "r4", "r5", "r6", "r7", "r8", "r9", "lr", "d0", "d1", "d2", "d3", "d4", \
                           "d5", "d6", "d7", "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15", \
                           "cc", "memory");                                                        \
    }

/* the whole window; two rows of it (w at the first); two columns */
#define DWR_T33                                                                                    \
    DWR_TAP("0")                                                                                   \
    DWR_A DWR_TAP("8") DWR_A DWR_TAP("16") DWR_R DWR_TAP("24") DWR_A DWR_TAP("32")                 \
        DWR_A DWR_TAP("40") DWR_R DWR_TAP("48") DWR_A DWR_TAP("56") DWR_A DWR_TAP("64")
#define DWR_T23                                                                                    \
    DWR_TAP("0")                                                                                   \
    DWR_A DWR_TAP("8") DWR_A DWR_TAP("16") DWR_R DWR_TAP("24") DWR_A DWR_TAP("32")                 \
        DWR_A DWR_TAP("40")
#define DWR_T32                                                                                    \
    DWR_TAP("0")                                                                                   \
    DWR_A DWR_TAP("8") DWR_R DWR_TAP("24") DWR_A DWR_TAP("32") DWR_R DWR_TAP("48")                 \
        DWR_A DWR_TAP("56")
/* One row of three taps at C = 8, stride 1 (weights at W, W + 8, W + 16):
 * pixel b is pixel a's next 8 bytes, so the row's four input loads serve
 * both pixels (immediate offsets, no gather, no adds between taps), the
 * weights alternating in q1 / q3; then r6 to the next row (r5 = a row). */
#define DWR_MUL(qx, qw, qa, qb)                                                                    \
    "vmullb.s16 q2, " qx ", " qw "\n\t"                                                            \
    "vadd.i32 " qa ", " qa ", q2\n\t"                                                              \
    "vmullt.s16 q2, " qx ", " qw "\n\t"                                                            \
    "vadd.i32 " qb ", " qb ", q2\n\t"
#define DWR_ROW8(w0, w1, w2)                                                                       \
    "vldrb.s16 q0, [r6]\n\t"                                                                       \
    "vldrb.s16 q1, [%[w], #" w0                                                                    \
    "]\n\t" DWR_MUL("q0", "q1", "q4", "q5") "vldrb.s16 q0, [r6, #8]\n\t" DWR_MUL(                  \
        "q0", "q1", "q6",                                                                          \
        "q7") "vldrb.s16 q3, [%[w], #" w1                                                          \
              "]\n\t" DWR_MUL("q0", "q3", "q4", "q5") "vldrb.s16 q0, [r6, #16]\n\t" DWR_MUL(       \
                  "q0", "q3", "q6",                                                                \
                  "q7") "vldrb.s16 q1, [%[w], #" w2                                                \
                        "]\n\t" DWR_MUL("q0", "q1", "q4",                                          \
                                        "q5") "vldrb.s16 q0, [r6, #24]\n\t" DWR_MUL("q0", "q1",    \
                                                                                    "q6", "q7")    \
                            DWR_R
#define DWR_T33C8 DWR_ROW8("0", "8", "16") DWR_ROW8("24", "32", "40") DWR_ROW8("48", "56", "64")
DWR_FN(dwr_run33, DWR_T33, DWR_RND)
DWR_FN(dwr_run23, DWR_T23, DWR_RND)
DWR_FN(dwr_run32, DWR_T32, DWR_RND)
DWR_FN(dwr_run33n, DWR_T33, DWR_RNDN)
DWR_FN(dwr_run23n, DWR_T23, DWR_RNDN)
DWR_FN(dwr_run32n, DWR_T32, DWR_RNDN)
DWR_FN(dwr_run33c8, DWR_T33C8, DWR_RND)
DWR_FN(dwr_run33c8n, DWR_T33C8, DWR_RNDN)

typedef void (*dwr_fn)(const int8_t *x, int8_t *o, int32_t n, const dwr *c, const dwk *k);

#ifndef DW_MIN_PAIRS
#define DW_MIN_PAIRS 4
#endif

/* The output rows / columns whose 3x3 windows lie inside the input: lo ..
 * hi - 1 (contiguous). */
static void inner_range(int32_t n_out, int32_t stride, int32_t pad, int32_t n_in, int32_t *lo,
                        int32_t *hi)
{
    int32_t a = 0, b;
    while (a < n_out && a * stride - pad < 0)
        ++a;
    b = a;
    while (b < n_out && b * stride - pad + 2 < n_in)
        ++b;
    *lo = a;
    *hi = b;
}

/* What the pair path takes of a layer: rows g[0] .. g[1] - 1 and columns
 * g[2] .. g[3] - 1 whole windows (an even count of columns); the rows
 * e[0], e[1] (-1: none) with two valid window rows, first valid row ky[0],
 * ky[1], over the same columns; the columns e[2], e[3] with two valid
 * window columns, first kx[2], kx[3], over rows g[0] .. g[4] - 1 (an even
 * count; g[4] = g[0] when the column step does not fit dwk qb). */
typedef struct dwg {
    int32_t g[5], e[4], k[4];
    int32_t neg; /* every shift < 0: the kernels without the rounding mask */
} dwg;

/* The pixels of dwg (one batch), block by block, in pairs. Not inlined:
 * dwr is off the stack while the depth-multiplier path runs. */
static __attribute__((noinline)) void dw_inner_mve(const mote_conv_s8_params *p,
                                                   const mote_requant *q, const int8_t *in_b,
                                                   int32_t IW, int32_t C, const int8_t *filter,
                                                   const int32_t *bias, int8_t *out_b, int32_t OW,
                                                   const dwg *G)
{
    const mote_conv_geom *g = &p->geom;
    const int32_t sw = g->stride_w, sh = g->stride_h, xrow = IW * C;
    const int32_t n = (G->g[3] - G->g[2]) >> 1, nv = (G->g[4] - G->g[0]) >> 1;
    /* the seeds needed: all taps only, unless two-row / two-column runs */
    const int32_t ns = nv > 0 && (G->e[2] >= 0 || G->e[3] >= 0) ? 5
                       : G->e[0] >= 0 || G->e[1] >= 0           ? 3
                                                                : 1;
    /* C = 8 at stride 1: the whole windows through dwr_run33c8 (walk h8) */
    const int c8 = C == 8 && sw == 1;
    const dwr_fn run33 =
        c8 ? (G->neg ? dwr_run33c8n : dwr_run33c8) : (G->neg ? dwr_run33n : dwr_run33);
    const dwr_fn run23 = G->neg ? dwr_run23n : dwr_run23;
    const dwr_fn run32 = G->neg ? dwr_run32n : dwr_run32;
    int32_t c, i, t, oy;
    dwr r;
    dwk h, v, h8;
    r.ooff = p->output_offset;
    for (i = 0; i < 4; ++i) {
        r.lo[i] = p->act_min;
        r.hi[i] = p->act_max;
    }
    h.dwC = v.dwC = C;
    h.xadj = xrow - 2 * C;
    v.xadj = xrow - C;
    h.pstep = 2 * sw * C;
    v.pstep = 2 * sh * xrow;
    h.ostep = C;
    v.ostep = OW * C;
    for (i = 0; i < 8; ++i) {
        h.qb[i] = (uint16_t)(sw * C + i);
        v.qb[i] = (uint16_t)(sh * xrow + i);
    }
    for (c = 0; c < C; c += 8) {
        /* lane j of the even / odd half: channel c + 2j / c + 2j + 1 */
        const uint32x4_t ev = vidupq_n_u32(0, 2), odd = vidupq_n_u32(1, 2);
        /* the sums of the rows, of the columns (|sum| <= 9 * 128): the
         * seeds over all taps, without row 0 / 2, without column 0 / 2 */
        int16x8_t r0, r1, r2, c0, c1, c2, s[5];
        int32x4_t be, bo;
        for (t = 0; t < 9; t += 3) {
            const int16x8_t w0 = vldrbq_s16(filter + t * C + c);
            const int16x8_t w1 = vldrbq_s16(filter + (t + 1) * C + c);
            const int16x8_t w2 = vldrbq_s16(filter + (t + 2) * C + c);
            vstrbq_s16(r.w + t * 8, w0);
            vstrbq_s16(r.w + t * 8 + 8, w1);
            vstrbq_s16(r.w + t * 8 + 16, w2);
            r2 = vaddq_s16(vaddq_s16(w0, w1), w2);
            if (t == 0) {
                r0 = r2;
                c0 = w0;
                c1 = w1;
                c2 = w2;
            } else {
                if (t == 3) r1 = r2;
                c0 = vaddq_s16(c0, w0);
                c1 = vaddq_s16(c1, w1);
                c2 = vaddq_s16(c2, w2);
            }
        }
        s[1] = vaddq_s16(r1, r2);
        s[0] = vaddq_s16(s[1], r0);
        s[2] = vaddq_s16(r0, r1);
        s[3] = vaddq_s16(c1, c2);
        s[4] = vaddq_s16(c0, c1);
        be = bias ? vldrwq_gather_shifted_offset_s32(bias + c, ev) : vdupq_n_s32(0);
        bo = bias ? vldrwq_gather_shifted_offset_s32(bias + c, odd) : vdupq_n_s32(0);
        for (i = 0; i < ns; ++i) {
            vst1q_s32(r.seed[i], vmlaq_n_s32(be, vmovlbq_s16(s[i]), p->input_offset));
            vst1q_s32(r.seed[i] + 4, vmlaq_n_s32(bo, vmovltq_s16(s[i]), p->input_offset));
        }
        vst1q_s32(r.mult, vldrwq_gather_shifted_offset_s32(q->multiplier + c, ev));
        vst1q_s32(r.mult + 4, vldrwq_gather_shifted_offset_s32(q->multiplier + c, odd));
        vst1q_s32(r.rsh, vldrbq_gather_offset_s32(q->shift + c, ev));
        vst1q_s32(r.rsh + 4, vldrbq_gather_offset_s32(q->shift + c, odd));
        h.w = r.w;
        h.seed = r.seed[0];
        h8 = h;
        h8.xadj = xrow;
        for (oy = G->g[0]; oy < G->g[1]; ++oy)
            run33(in_b + ((oy * sh - g->pad_h) * IW + G->g[2] * sw - g->pad_w) * C + c,
                  out_b + (oy * OW + G->g[2]) * C + c, n, &r, c8 ? &h8 : &h);
        for (i = 0; i < 2; ++i)
            if (G->e[i] >= 0) {
                oy = G->e[i];
                h.w = r.w + 24 * G->k[i];
                h.seed = r.seed[G->k[i] ? 1 : 2];
                run23(in_b + ((oy * sh - g->pad_h + G->k[i]) * IW + G->g[2] * sw - g->pad_w) * C +
                          c,
                      out_b + (oy * OW + G->g[2]) * C + c, n, &r, &h);
            }
        for (i = 2; i < 4; ++i)
            if (G->e[i] >= 0 && nv > 0) {
                const int32_t ox = G->e[i];
                v.w = r.w + 8 * G->k[i];
                v.seed = r.seed[G->k[i] ? 3 : 4];
                run32(in_b + ((G->g[0] * sh - g->pad_h) * IW + ox * sw - g->pad_w + G->k[i]) * C +
                          c,
                      out_b + (G->g[0] * OW + ox) * C + c, nv, &r, &v);
            }
    }
}

/* A 3x3 layer at dilation 1, C % 8 == 0, every shift <= 0 (d: the call's
 * constants as mote_mve_depthwise_conv2d_s8 set them): the pixels of dwg
 * through dw_inner_mve (an odd last pixel of a run costs less on the
 * per-pixel path, all channels per call, than block by block), the others
 * pixel by pixel as in mote_mve_depthwise_conv2d_s8. Its own function so
 * that the general loop there keeps its code; returns 0 (nothing done)
 * when the whole windows hold under DW_MIN_PAIRS pairs. */
static __attribute__((noinline)) int dw_split_mve(const mote_conv_s8_params *p,
                                                  const mote_requant *q, const mote_dims *id,
                                                  const int8_t *input, const int8_t *filter,
                                                  const int32_t *bias, const mote_dims *od,
                                                  int8_t *output, dwp *d)
{
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, IH = id->h, IW = id->w, OH = od->h, OW = od->w, xrow = IW * C;
    const int32_t lims[3] = {p->output_offset, p->act_min, p->act_max};
    int32_t b, oy, ox, lo, hi, j;
    dwg G;
    inner_range(OH, g->stride_h, g->pad_h, IH, &G.g[0], &G.g[1]);
    inner_range(OW, g->stride_w, g->pad_w, IW, &G.g[2], &G.g[3]);
    /* the rows and columns of two valid window rows / columns: the one
     * with its first row / column out (window start -1) is the row before
     * the whole windows, the one with its last out (start n - 2) the row
     * after them; none else */
    for (j = 0; j < 4; ++j) {
        const int32_t a = j < 2 ? OH : OW, n = j < 2 ? IH : IW;
        const int32_t s = j < 2 ? g->stride_h : g->stride_w, pad = j < 2 ? g->pad_h : g->pad_w;
        const int32_t o = j & 1 ? G.g[j & 2 ? 3 : 1] : G.g[j & 2 ? 2 : 0] - 1;
        G.e[j] = -1;
        G.k[j] = 0;
        if (o >= 0 && o < a) {
            tap_range(o * s - pad, 1, n, 3, &lo, &hi);
            if (hi - lo == 2) {
                G.e[j] = o;
                G.k[j] = lo;
            }
        }
    }
    G.g[3] = G.g[2] + ((G.g[3] - G.g[2]) & ~1);
    if ((G.g[1] - G.g[0]) * (G.g[3] - G.g[2]) < 2 * DW_MIN_PAIRS) return 0;
    G.g[4] = G.g[0] + ((G.g[1] - G.g[0]) & ~1);
    {
        /* the largest shift, 16 at a time (the lanes past C left out) */
        int8_t smax = -1;
        for (j = 0; j < C; j += 16) {
            const mve_pred16_t pc = vctp8q((uint32_t)(C - j));
            smax = vmaxvq_p_s8(smax, vldrbq_z_s8(q->shift + j, pc), pc);
        }
        G.neg = smax < 0;
    }
    if (g->stride_h * xrow > 65535 - 8) G.g[4] = G.g[0]; /* dwk qb: 16 bits */
    for (b = 0; b < od->n; ++b) {
        const int8_t *in_b = input + b * IH * IW * C;
        int8_t *out = output + b * OH * OW * C;
        for (oy = 0; oy < OH; ++oy) {
            const int32_t y0 = oy * g->stride_h - g->pad_h;
            /* in the column runs of dw_inner_mve */
            const int vcol = oy >= G.g[0] && oy < G.g[4];
            int32_t ky_lo, ky_hi, xs;
            tap_range(y0, 1, IH, 3, &ky_lo, &ky_hi);
            d->nky = ky_hi - ky_lo;
            /* the first column of dw_inner_mve's row runs (none: OW) */
            xs = d->nky == 3 || oy == G.e[0] || oy == G.e[1] ? G.g[2] : OW;
            for (ox = 0; ox < OW; ++ox, out += C) {
                const int32_t x0 = ox * g->stride_w - g->pad_w;
                int32_t kx_lo, kx_hi;
                if (ox == xs) {
                    out += (G.g[3] - 1 - ox) * C;
                    ox = G.g[3] - 1;
                    continue;
                }
                if (vcol && (ox == G.e[2] || ox == G.e[3])) continue;
                tap_range(x0, 1, IW, 3, &kx_lo, &kx_hi);
                d->nkx = kx_hi - kx_lo;
                d->xadj = xrow - d->nkx * C;
                d->wadj = 3 * C - d->nkx * C;
                dw_pixel_mve(in_b + ((y0 + ky_lo) * IW + x0 + kx_lo) * C,
                             filter + (ky_lo * 3 + kx_lo) * C, d, q, bias, lims, out);
            }
        }
        dw_inner_mve(p, q, in_b, IW, C, filter, bias, output + b * OH * OW * C, OW, &G);
    }
    return 1;
}

/* dw_row_mve's widest row: padded input pixels per window row. */
#define DW_ROW_PX (MOTE_MVE_DW_ROW_W + 1)

/* What dwrow16_asm / dwrow8_asm read (offsets fixed in their assembly): a
 * block of sixteen (eight) channels, two halves of eight, lanes as dw8_mve
 * in each (even channels, then odd). */
typedef struct dwrk {
    int32_t seed[16];     /* 0, 16 / 32, 48: bias + off * sum(w) */
    int32_t mult[16];     /* 64, 80 / 96, 112 */
    int32_t rsh[16];      /* 128 .. 176: shifts (<= 0) */
    int32_t emask[16];    /* 192 .. 240: -1 where the shift is < 0 */
    int32_t lo[4], hi[4]; /* 256, 272: activation range */
    int32_t ooff, n;      /* 288, 292: zero point, pixels */
    int32_t xrow, ostep;  /* 296, 300: padded row bytes, output pixel step */
} dwrk;
typedef char dwrk_layout_check[offsetof(dwrk, lo) == 256 && offsetof(dwrk, ooff) == 288 &&
                                       offsetof(dwrk, ostep) == 300
                                   ? 1
                                   : -1];

/* One tap: a half's eight channels at r4 + xo (the padded buffer, pixels
 * 16 bytes apart), its weights at w + wo, products into q4 / q5. */
#define DWROW_TAP(xo, wo)                                                                          \
    "vldrb.s16 q0, [r4, #" xo "]\n\t"                                                              \
    "vldrb.s16 q1, [%[w], #" wo "]\n\t"                                                            \
    "vmullb.s16 q2, q0, q1\n\t"                                                                    \
    "vadd.i32 q4, q4, q2\n\t"                                                                      \
    "vmullt.s16 q2, q0, q1\n\t"                                                                    \
    "vadd.i32 q5, q5, q2\n\t"

/* The output stage of qa (as DW_RQR: every shift <= 0) with the constants
 * at k + m (mult), k + r (shift), k + e (mask); q6 / q7 the range, r8 the
 * zero point. */
#define DWROW_RQ(qa, m, r, e)                                                                      \
    "vldrw.u32 q0, [%[k], #" m "]\n\t"                                                             \
    "vqrdmulh.s32 " qa ", " qa ", q0\n\t"                                                          \
    "vldrw.u32 q0, [%[k], #" e "]\n\t"                                                             \
    "vshr.s32 q1, " qa ", #31\n\t"                                                                 \
    "vand q0, q0, q1\n\t"                                                                          \
    "vadd.i32 " qa ", " qa ", q0\n\t"                                                              \
    "vldrw.u32 q0, [%[k], #" r "]\n\t"                                                             \
    "vrshl.s32 " qa ", " qa ", q0\n\t"                                                             \
    "vadd.i32 " qa ", " qa ", r8\n\t"                                                              \
    "vmax.s32 " qa ", " qa ", q6\n\t"                                                              \
    "vmin.s32 " qa ", " qa ", q7\n\t"

/* DWROW_RQ when every shift is < 0: the mask all ones, left out. */
#define DWROW_RQN(qa, m, r, e)                                                                     \
    "vldrw.u32 q0, [%[k], #" m "]\n\t"                                                             \
    "vqrdmulh.s32 " qa ", " qa ", q0\n\t"                                                          \
    "vshr.s32 q1, " qa ", #31\n\t"                                                                 \
    "vadd.i32 " qa ", " qa ", q1\n\t"                                                              \
    "vldrw.u32 q0, [%[k], #" r "]\n\t"                                                             \
    "vrshl.s32 " qa ", " qa ", q0\n\t"                                                             \
    "vadd.i32 " qa ", " qa ", r8\n\t"                                                              \
    "vmax.s32 " qa ", " qa ", q6\n\t"                                                              \
    "vmin.s32 " qa ", " qa ", q7\n\t"

/* One half of a pixel (h: "0" / "1", its dwrk offsets; RQ: DWROW_RQ or
 * DWROW_RQN), the nine taps of
 * its whole window in the buffer (rows r5 bytes apart), into q4 in
 * channel order (VMOVNT). */
#define DWROW_HALF(RQ, xo, s0, s1, m0, m1, r0, r1, e0, e1)                                         \
    "vldrw.u32 q4, [%[k], #" s0 "]\n\t"                                                            \
    "vldrw.u32 q5, [%[k], #" s1 "]\n\t"                                                            \
    "add r4, %[x], #" xo "\n\t" DWROW_TAP("0", "0") DWROW_TAP("16", "8")                           \
        DWROW_TAP("32", "16") "add r4, r5\n\t" DWROW_TAP("0", "24") DWROW_TAP("16", "32")          \
            DWROW_TAP("32", "40") "add r4, r5\n\t" DWROW_TAP("0", "48") DWROW_TAP("16", "56")      \
                DWROW_TAP("32", "64") RQ("q4", m0, r0, e0)                                         \
                    RQ("q5", m1, r1, e1) "vmovnt.i32 q4, q5\n\t"

/* The loop's constants: pixels (lr), row step r5, output step r6, zero
 * point r8, range q6 / q7. */
#define DWROW_LOAD                                                                                 \
    "ldr r11, [%[k], #292]\n\t"                                                                    \
    "ldr r5, [%[k], #296]\n\t"                                                                     \
    "ldr r6, [%[k], #300]\n\t"                                                                     \
    "ldr r8, [%[k], #288]\n\t"                                                                     \
    "vldrw.u32 q6, [%[k], #256]\n\t"                                                               \
    "vldrw.u32 q7, [%[k], #272]\n\t"                                                               \
    "dls lr, r11\n"

/* k->n pixels of one row, sixteen channels each: every pixel's window
 * whole in the padded buffer x (three rows k->xrow bytes apart), each
 * half's weights packed at w / w + 72 (tap t at 8 t), so every load takes
 * an immediate offset; the seeds hold bias and input offset. */
#define DWROW16_FN(name, RQ)                                                                       \
    static __attribute__((noinline)) void name(const int8_t *x, const int8_t *w, const dwrk *k,    \
                                               int8_t *out)                                        \
    {                                                                                              \
        __asm__ volatile(                                                                          \
            DWROW_LOAD                                                                             \
            "1:\n\t" DWROW_HALF(RQ, "0", "0", "16", "64", "80", "128", "144", "192",               \
                                "208") "vstrb.16 q4, [%[o]]\n\t"                                   \
                                       "add %[w], #72\n\t" DWROW_HALF(                             \
                                           RQ, "8", "32", "48", "96", "112", "160", "176", "224",  \
                                           "240") "vstrb.16 q4, [%[o], #8]\n\t"                    \
                                                  "sub %[w], #72\n\t"                              \
                                                  "add %[o], r6\n\t"                               \
                                                  "add %[x], #16\n\t"                              \
                                                  "le lr, 1b\n"                                    \
            : [x] "+l"(x), [w] "+l"(w), [o] "+r"(out)                                              \
            : [k] "r"(k)                                                                           \
            : "r4", "r5", "r6", "r8", "r11", "lr", "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", \
              "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15", "cc", "memory");               \
    }

/* The first half alone: the last eight channels when C % 16. */
#define DWROW8_FN(name, RQ)                                                                        \
    static __attribute__((noinline)) void name(const int8_t *x, const int8_t *w, const dwrk *k,    \
                                               int8_t *out)                                        \
    {                                                                                              \
        __asm__ volatile(                                                                          \
            DWROW_LOAD "1:\n\t" DWROW_HALF(RQ, "0", "0", "16", "64", "80", "128", "144", "192",    \
                                           "208") "vstrb.16 q4, [%[o]]\n\t"                        \
                                                  "add %[o], r6\n\t"                               \
                                                  "add %[x], #16\n\t"                              \
                                                  "le lr, 1b\n"                                    \
            : [x] "+l"(x), [o] "+r"(out)                                                           \
            : [w] "l"(w), [k] "r"(k)                                                               \
            : "r4", "r5", "r6", "r8", "r11", "lr", "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", \
              "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15", "cc", "memory");               \
    }

/* _n: every shift < 0 (DWROW_RQN: two instructions fewer per output
 * stage). */
DWROW16_FN(dwrow16_asm, DWROW_RQ)
DWROW16_FN(dwrow16n_asm, DWROW_RQN)
DWROW8_FN(dwrow8_asm, DWROW_RQ)
DWROW8_FN(dwrow8n_asm, DWROW_RQN)

typedef void (*dwrow_fn)(const int8_t *x, const int8_t *w, const dwrk *k, int8_t *out);

/* A half's nine taps of weights (f, C apart) packed 8 bytes apart at w,
 * their sum (int16 lanes, |sum| <= 9 * 128) stored at sum. */
static void dwrow_pack(const int8_t *f, int32_t C, int8_t *w, int16_t *sum)
{
    __asm__ volatile("vmov.i16 q1, #0\n\t"
                     "mov lr, #9\n\t"
                     "dls lr, lr\n"
                     "1:\n\t"
                     "vldrb.s16 q0, [%[f]]\n\t"
                     "add %[f], %[C]\n\t"
                     "vstrb.16 q0, [%[w]], #8\n\t"
                     "vadd.i16 q1, q1, q0\n\t"
                     "le lr, 1b\n\t"
                     "vstrh.16 q1, [%[s]]\n\t"
                     : [f] "+l"(f), [w] "+l"(w)
                     : [C] "r"(C), [s] "r"(sum)
                     : "lr", "d0", "d1", "d2", "d3", "cc", "memory");
}

/* The block's input into the padded buffer: nrow rows of nv pixels from
 * d (16 bytes apart, then dadj to the next row) and src (C apart, then
 * sadj), the bytes of predicate pc (no byte past the block's channels
 * read; none when nrow <= 0). The padding around them, the same for every block, is written
 * once per call. */
static void dwrow_copy(int8_t *d, const int8_t *src, int32_t C, int32_t sadj, int32_t dadj,
                       int32_t nrow, int32_t nv, uint32_t pc)
{
    __asm__ volatile("vmsr p0, %[pc]\n\t"
                     "cmp %[nrow], #0\n\t"
                     "ble 4f\n"
                     "1:\n\t"
                     "wls lr, %[nv], 3f\n"
                     "2:\n\t"
                     "vpst\n\t"
                     "vldrbt.u8 q0, [%[s]]\n\t"
                     "add %[s], %[C]\n\t"
                     "vstrb.8 q0, [%[d]], #16\n\t"
                     "le lr, 2b\n"
                     "3:\n\t"
                     "add %[d], %[dadj]\n\t"
                     "add %[s], %[sadj]\n\t"
                     "subs %[nrow], #1\n\t"
                     "bgt 1b\n"
                     "4:\n\t"
                     : [d] "+r"(d), [s] "+r"(src), [nrow] "+r"(nrow)
                     : [C] "r"(C), [sadj] "r"(sadj), [dadj] "r"(dadj), [nv] "r"(nv), [pc] "r"(pc)
                     : "lr", "d0", "d1", "cc", "memory");
}

/* One output row of a 3x3 layer at dilation 1, stride 1 along the row,
 * C % 8 == 0, every shift <= 0, under MOTE_MVE_DW_ROW_W pixels (OH == 1:
 * the in-place row calls of mote_arm_conv_rows, KWS's 25x5x64 layers,
 * where the pair path's per-call set-up costs more than it saves and the
 * per-pixel path pays a call, offset adds and gathers per 16 channels).
 * Channel blocks of sixteen outside, the row's pixels inside (dwrow16_asm;
 * a last block of eight: dwrow8_asm). Each block's three window rows are
 * copied (dwrow_copy) into a padded stack buffer, the padding, written
 * once per call, being the input zero point (x + off = 0: no
 * contribution, as the reference's skipped taps),
 * so every pixel is a whole window: the input offset goes into one seed
 * per channel, bias + off * sum(w) (exact modulo 2^32 as the reference's
 * int32 sums), and every load takes an immediate offset. */
static __attribute__((noinline)) void dw_row_mve(const mote_conv_s8_params *p,
                                                 const mote_requant *q, const mote_dims *id,
                                                 const int8_t *input, const int8_t *filter,
                                                 const int32_t *bias, const mote_dims *od,
                                                 int8_t *output, int neg)
{
    const dwrow_fn run16 = neg ? dwrow16n_asm : dwrow16_asm, run8 = neg ? dwrow8n_asm : dwrow8_asm;
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, IH = id->h, IW = id->w, OW = od->w, pw = g->pad_w;
    const int32_t y0 = -g->pad_h, xrow = IW * C, off = p->input_offset, PW = OW + 2;
    const uint32x4_t ev = vidupq_n_u32(0, 2), odd = vidupq_n_u32(1, 2);
    const int32x4_t zero = vdupq_n_s32(0);
    int16_t sum16[8];
    /* the buffer's pixels that hold input: xlo .. xhi - 1 */
    const int32_t xlo = pw < 0 ? 0 : pw > PW ? PW : pw;
    const int32_t xhi = IW + pw < xlo ? xlo : IW + pw > PW ? PW : IW + pw;
    uint32_t xb32[3 * DW_ROW_PX * 4], wb32[36];
    int8_t *xb = (int8_t *)xb32, *wb = (int8_t *)wb32;
    int32_t b, c, r, r0, r1, nrow, soff, h;
    dwrk k;
    vst1q_s32(k.lo, vdupq_n_s32(p->act_min));
    vst1q_s32(k.hi, vdupq_n_s32(p->act_max));
    k.ooff = p->output_offset;
    k.n = OW;
    k.xrow = 16 * PW;
    k.ostep = C;
    /* the window rows in the input: r0 .. r1 - 1 */
    r0 = y0 < 0 ? (-y0 > 3 ? 3 : -y0) : 0;
    r1 = IH - y0 < r0 ? r0 : IH - y0 > 3 ? 3 : IH - y0;
    /* none (and no pointer past the input) when no input pixel is in */
    nrow = xhi > xlo ? r1 - r0 : 0;
    soff = nrow > 0 ? (y0 + r0) * xrow + (xlo - pw) * C : 0;
    /* the whole buffer the input zero point (off = -zero point); each
     * block then writes its input over it, the padding staying */
    for (r = 0; r < 3 * PW; ++r)
        vst1q_s8(xb + 16 * r, vdupq_n_s8((int8_t)-off));
    for (c = 0; c < C; c += 16) {
        /* channels of the block: 16, or the last 8 */
        const int32_t nh = C - c >= 16 ? 2 : 1;
        /* the bytes of a pixel the block reads (dwrow_copy's VPST) */
        const uint32_t pc = nh == 2 ? 0xffffu : 0xffu;
        for (h = 0; h < nh; ++h) {
            const int32_t ch = c + 8 * h;
            const int32x4_t se = vldrbq_gather_offset_s32(q->shift + ch, ev);
            const int32x4_t so = vldrbq_gather_offset_s32(q->shift + ch, odd);
            const int32x4_t be = bias ? vldrwq_gather_shifted_offset_s32(bias + ch, ev) : zero;
            const int32x4_t bo = bias ? vldrwq_gather_shifted_offset_s32(bias + ch, odd) : zero;
            int16x8_t ws;
            dwrow_pack(filter + ch, C, wb + 72 * h, sum16);
            ws = vld1q_s16(sum16);
            vst1q_s32(k.seed + 8 * h, vmlaq_n_s32(be, vmovlbq_s16(ws), off));
            vst1q_s32(k.seed + 8 * h + 4, vmlaq_n_s32(bo, vmovltq_s16(ws), off));
            vst1q_s32(k.mult + 8 * h, vldrwq_gather_shifted_offset_s32(q->multiplier + ch, ev));
            vst1q_s32(k.mult + 8 * h + 4,
                      vldrwq_gather_shifted_offset_s32(q->multiplier + ch, odd));
            vst1q_s32(k.rsh + 8 * h, se);
            vst1q_s32(k.rsh + 8 * h + 4, so);
            vst1q_s32(k.emask + 8 * h, vshrq_n_s32(se, 31));
            vst1q_s32(k.emask + 8 * h + 4, vshrq_n_s32(so, 31));
        }
        for (b = 0; b < od->n; ++b) {
            dwrow_copy(xb + (r0 * PW + xlo) * 16, input + b * IH * xrow + soff + c, C,
                       xrow - (xhi - xlo) * C, 16 * (PW - (xhi - xlo)), nrow, xhi - xlo, pc);
            (nh == 2 ? run16 : run8)(xb, wb, &k, output + b * OW * C + c);
        }
    }
}

mote_status mote_mve_depthwise_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                                         const mote_dims *input_dims, const int8_t *input,
                                         const mote_dims *filter_dims, const int8_t *filter,
                                         const int32_t *bias, const mote_dims *output_dims,
                                         int8_t *output)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    if (!p || !q || !q->multiplier || !q->shift || !input_dims || !input || !filter_dims ||
        !filter || !output_dims || !output)
        return MOTE_E_ARG;
    if (!mote_mve_depthwise_conv2d_s8_fits(p, id, fd, od)) return MOTE_E_ARG;
    if (p->depth_multiplier != 1) {
        /* one input channel: the convolution with filter [M][KH][KW][1],
         * the weights [KH][KW][M] transposed into a stack buffer */
        int32_t wt32[64]; /* K * M <= 256 (mote_mve_depthwise_conv2d_s8_fits) */
        int8_t *wt = (int8_t *)wt32;
        const int32_t M = od->c, K = fd->h * fd->w;
        int32_t k, o;
        for (o = 0; o < M; ++o)
            for (k = 0; k < K; ++k)
                wt[o * K + k] = filter[k * M + o];
        conv_patch_mve(p, q, id, input, fd, wt, bias, od, output);
        return MOTE_OK;
    }
    {
        const mote_conv_geom *g = &p->geom;
        const int32_t C = id->c, IH = id->h, IW = id->w, KH = fd->h, KW = fd->w;
        const int32_t dh = g->dilation_h, dwC = g->dilation_w * C, OH = od->h, OW = od->w;
        const int32_t lims[3] = {p->output_offset, p->act_min, p->act_max};
        const int32_t xrow = dh * IW * C, wrow = KW * C, span_w = g->dilation_w * (KW - 1);
        int32_t b, oy, ox;
        dwp d;
        d.dwC = dwC;
        d.C = C;
        d.off = p->input_offset;
        d.ooff = lims[0];
        d.lo = lims[1];
        d.hi = lims[2];
        {
            /* the largest shift, 16 at a time (zeros past C) */
            int8_t smax = 0;
            int32_t c;
            for (c = 0; c < C; c += 16) {
                const mve_pred16_t pc = vctp8q((uint32_t)(C - c));
                smax = vmaxvq_s8(smax, vldrbq_z_s8(q->shift + c, pc));
            }
            d.rsh_only = smax <= 0;
        }
        if (OH * OW >= 2 * DW_MIN_PAIRS && KH == 3 && KW == 3 && dh == 1 && g->dilation_w == 1 &&
            C % 8 == 0 && d.rsh_only && dw_split_mve(p, q, id, input, filter, bias, od, output, &d))
            return MOTE_OK;
        for (b = 0; b < od->n; ++b) {
            const int8_t *in_b = input + b * IH * IW * C;
            int8_t *out = output + b * OH * OW * C;
            for (oy = 0; oy < OH; ++oy) {
                const int32_t y0 = oy * g->stride_h - g->pad_h;
                int32_t ky_lo, ky_hi;
                tap_range(y0, dh, IH, KH, &ky_lo, &ky_hi);
                d.nky = ky_hi - ky_lo;
                for (ox = 0; ox < OW; ++ox, out += C) {
                    const int32_t x0 = ox * g->stride_w - g->pad_w;
                    int32_t kx_lo = 0, kx_hi = KW;
                    if (x0 < 0 || x0 + span_w >= IW)
                        tap_range(x0, g->dilation_w, IW, KW, &kx_lo, &kx_hi);
                    d.nkx = kx_hi - kx_lo;
                    d.xadj = xrow - d.nkx * dwC;
                    d.wadj = wrow - d.nkx * C;
                    dw_pixel_mve(in_b + ((y0 + dh * ky_lo) * IW + x0) * C + kx_lo * dwC,
                                 filter + (ky_lo * KW + kx_lo) * C, &d, q, bias, lims, out);
                }
            }
        }
    }
    return MOTE_OK;
}

/* The row calls of an in-place 3x3 layer of rows under MOTE_MVE_DW_ROW_W
 * pixels (mote_arm_conv_rows, from mote_mve_depthwise_conv2d_s8_step,
 * which picks this entry once per layer): a row dw_row_mve takes runs
 * there, any other call as mote_mve_depthwise_conv2d_s8 (whose code this
 * leaves as it was). */
mote_status mote_mve_depthwise_conv2d_s8_row(const mote_conv_s8_params *p, const mote_requant *q,
                                             const mote_dims *input_dims, const int8_t *input,
                                             const mote_dims *filter_dims, const int8_t *filter,
                                             const int32_t *bias, const mote_dims *output_dims,
                                             int8_t *output)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    if (p && q && q->multiplier && q->shift && id && input && fd && filter && od && output &&
        od->h == 1 && od->w < MOTE_MVE_DW_ROW_W && fd->h == 3 && fd->w == 3 &&
        p->depth_multiplier == 1 && p->geom.dilation_h == 1 && p->geom.dilation_w == 1 &&
        p->geom.stride_w == 1 && id->c % 8 == 0 &&
        mote_mve_depthwise_conv2d_s8_fits(p, id, fd, od)) {
        /* the largest shift, 16 at a time (the lanes past C left out) */
        int8_t smax = -128;
        int32_t c;
        for (c = 0; c < id->c; c += 16) {
            const mve_pred16_t pc = vctp8q((uint32_t)(id->c - c));
            smax = vmaxvq_p_s8(smax, vldrbq_z_s8(q->shift + c, pc), pc);
        }
        if (smax <= 0) {
            dw_row_mve(p, q, id, input, filter, bias, od, output, smax < 0);
            return MOTE_OK;
        }
    }
    return mote_mve_depthwise_conv2d_s8(p, q, input_dims, input, filter_dims, filter, bias,
                                        output_dims, output);
}

/* One requantization of int32 lanes by a scalar multiplier and shift
 * s <= 0 (emask: -1 when s < 0): as rqv_apply. */
static inline __attribute__((always_inline)) int32x4_t rq_n(int32x4_t v, int32_t m, int32_t s,
                                                            int32x4_t emask)
{
    v = vqrdmulhq_n_s32(v, m);
    v = vaddq_s32(v, vandq_s32(vshrq_n_s32(v, 31), emask));
    return vrshlq_n_s32(v, s);
}

/* ADD: four elements per step in int32 lanes, the three requantizations
 * of the reference (both inputs to the common scale, the sum to the
 * output's) in vector form; the last step predicated. */
mote_status mote_mve_add_s8(const mote_add_s8_params *p, const mote_dims *in1_dims,
                            const int8_t *in1, const mote_dims *in2_dims, const int8_t *in2,
                            const mote_dims *output_dims, int8_t *output)
{
    int32_t i, n;
    if (!p || !in1_dims || !in1 || !in2_dims || !in2 || !output_dims || !output) return MOTE_E_ARG;
    if (!mote_arm_add_s8_fits(p, in1_dims, in2_dims, output_dims)) return MOTE_E_ARG;
    n = output_dims->n * output_dims->h * output_dims->w * output_dims->c;
    {
        const int32_t off1 = p->input1_offset, off2 = p->input2_offset, ls = p->left_shift;
        const int32_t m1 = p->input1_multiplier, m2 = p->input2_multiplier;
        const int32_t mo = p->output_multiplier, ooff = p->output_offset;
        const int32_t s1 = p->input1_shift, s2 = p->input2_shift, so = p->output_shift;
        const int32x4_t e1 = vdupq_n_s32(s1 < 0 ? -1 : 0), e2 = vdupq_n_s32(s2 < 0 ? -1 : 0);
        const int32x4_t eo = vdupq_n_s32(so < 0 ? -1 : 0);
        const int32x4_t lo = vdupq_n_s32(p->act_min), hi = vdupq_n_s32(p->act_max);
        for (i = 0; i < n; i += 4) {
            const mve_pred16_t pr = vctp32q((uint32_t)(n - i));
            int32x4_t a = vaddq_n_s32(vldrbq_z_s32(in1 + i, pr), off1);
            int32x4_t b = vaddq_n_s32(vldrbq_z_s32(in2 + i, pr), off2);
            a = rq_n(vshlq_r_s32(a, ls), m1, s1, e1);
            b = rq_n(vshlq_r_s32(b, ls), m2, s2, e2);
            a = vaddq_n_s32(rq_n(vaddq_s32(a, b), mo, so, eo), ooff);
            vstrbq_p_s32(output + i, vminq_s32(vmaxq_s32(a, lo), hi), pr);
        }
    }
    return MOTE_OK;
}

#else
typedef int mote_mve_unused_;
#endif
