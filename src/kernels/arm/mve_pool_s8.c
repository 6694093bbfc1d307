/*
 * mve_pool_s8.c — AVERAGE_POOL_2D and MAX_POOL_2D, int8, with Helium (MVE,
 * Cortex-M55). Bit-exact with mote_ref_avg_pool_s8 / max_pool_s8; takes
 * the steps the DSP rows take (mote_arm_avg_pool_s8_fits, ..._max_...).
 *
 * Max: sixteen channels per vector, VMAX.S8 over the window, the
 * activation range by VMAX / VMIN, one predicated store (the last block's
 * tail predicated by VCTP). Average: the window summed in int16 lanes,
 * eight channels per vector, sixteen per step while whole blocks of 16
 * remain (exact while the window holds at most 256 elements:
 * |sum| <= 256 * 128), larger windows in int32 lanes; then the
 * reference's rounding division, (|sum| + count / 2) / count with the
 * sum's sign, in int32 lanes as a multiply-high by r = ceil(2^32 / count):
 * for x = |sum| + count / 2 <= 129 count and count <= 4096 (x * count < 2^32), floor(x * r / 2^32) = floor(x / count)
 * (r = 2^32 / count + eps / count, eps < count, so the excess
 * x * eps / (count 2^32) is below 1 / count). count = 1 divides by nothing.
 */
#if defined(__ARM_FEATURE_MVE) && defined(__ARM_FEATURE_DSP)

#include <arm_mve.h>
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_rows_ew.h"

/* The averages of four sums: (|s| + count / 2) / count with s's sign,
 * clamped to [lo, hi]. */
static inline __attribute__((always_inline)) int32x4_t
avg_div(int32x4_t s, int32_t count, uint32_t r, int32x4_t lo, int32x4_t hi)
{
    if (count > 1) {
        const uint32x4_t x =
            vaddq_n_u32(vreinterpretq_u32_s32(vabsq_s32(s)), (uint32_t)(count / 2));
        const int32x4_t q = vreinterpretq_s32_u32(vmulhq_u32(x, vdupq_n_u32(r)));
        s = vpselq_s32(vnegq_s32(q), q, vcmpltq_n_s32(s, 0));
    }
    return vminq_s32(vmaxq_s32(s, lo), hi);
}

/* The average's constants (avg_px's k). */
typedef struct vavg_k {
    int32_t w, c; /* input columns, channels */
    int32x4_t lo, hi;
} vavg_k;

/* One output pixel of the average (mote_arm_pool_px_fn). Not inlined into
 * the walk: on its own it keeps its sums in registers (inlined, -Os spilled
 * them in the innermost loop); one call per output pixel. */
__attribute__((noinline)) static mote_status avg_px(const void *kv, const mote_arm_pool_px *px)
{
    const vavg_k *k = (const vavg_k *)kv;
    const int8_t *in_batch = px->in;
    int8_t *out_px = px->out;
    const int32_t y_lo = px->y_lo, y_hi = px->y_hi, x_lo = px->x_lo, x_hi = px->x_hi;
    const int32_t W = k->w, C = k->c;
    const int32x4_t lo = k->lo, hi = k->hi;
    const int32_t count = (y_hi - y_lo) * (x_hi - x_lo);
    int32_t c, y, x;
    uint32_t r;
    if (y_hi <= y_lo || x_hi <= x_lo) return MOTE_E_PARAM;
    r = count > 1 ? (uint32_t)((0xFFFFFFFFu / (uint32_t)count) + 1u) : 0u;
    if (count <= 256) {
        c = 0;
        for (; c + 16 <= C; c += 16) { /* two vectors per load step, no predicate */
            int16x8_t s0 = vdupq_n_s16(0), s1 = vdupq_n_s16(0), o = vdupq_n_s16(0);
            for (y = y_lo; y < y_hi; ++y) {
                const int8_t *px_in = in_batch + (y * W + x_lo) * C + c;
                for (x = x_lo; x < x_hi; ++x, px_in += C) {
                    s0 = vaddq_s16(s0, vldrbq_s16(px_in));
                    s1 = vaddq_s16(s1, vldrbq_s16(px_in + 8));
                }
            }
            o = vmovnbq_s32(o, avg_div(vmovlbq_s16(s0), count, r, lo, hi));
            o = vmovntq_s32(o, avg_div(vmovltq_s16(s0), count, r, lo, hi));
            vstrbq_s16(out_px + c, o);
            o = vmovnbq_s32(o, avg_div(vmovlbq_s16(s1), count, r, lo, hi));
            o = vmovntq_s32(o, avg_div(vmovltq_s16(s1), count, r, lo, hi));
            vstrbq_s16(out_px + c + 8, o);
        }
        for (; c < C; c += 8) {
            const mve_pred16_t pr = vctp16q((uint32_t)(C - c));
            int16x8_t s = vdupq_n_s16(0), o = vdupq_n_s16(0);
            for (y = y_lo; y < y_hi; ++y) {
                const int8_t *px_in = in_batch + (y * W + x_lo) * C + c;
                for (x = x_lo; x < x_hi; ++x, px_in += C)
                    s = vaddq_s16(s, vldrbq_z_s16(px_in, pr));
            }
            o = vmovnbq_s32(o, avg_div(vmovlbq_s16(s), count, r, lo, hi));
            o = vmovntq_s32(o, avg_div(vmovltq_s16(s), count, r, lo, hi));
            vstrbq_p_s16(out_px + c, o, pr);
        }
    } else {
        for (c = 0; c < C; c += 4) {
            const mve_pred16_t pr = vctp32q((uint32_t)(C - c));
            int32x4_t s = vdupq_n_s32(0);
            for (y = y_lo; y < y_hi; ++y) {
                const int8_t *px_in = in_batch + (y * W + x_lo) * C + c;
                for (x = x_lo; x < x_hi; ++x, px_in += C)
                    s = vaddq_s32(s, vldrbq_z_s32(px_in, pr));
            }
            vstrbq_p_s32(out_px + c, avg_div(s, count, r, lo, hi), pr);
        }
    }
    return MOTE_OK;
}

mote_status mote_mve_avg_pool_s8(const mote_pool_s8_params *p, const mote_dims *input_dims,
                                 const int8_t *input, const mote_dims *output_dims, int8_t *output)
{
    vavg_k k;

    if (!p || !input_dims || !input || !output_dims || !output) return MOTE_E_ARG;
    if (!mote_mve_avg_pool_s8_fits(p, input_dims, output_dims)) return MOTE_E_ARG;
    k.w = input_dims->w;
    k.c = input_dims->c;
    k.lo = vdupq_n_s32(p->act_min);
    k.hi = vdupq_n_s32(p->act_max);
    return mote_arm_pool_walk(p, input_dims, input, output_dims, output, avg_px, &k);
}

/* The maximum's constants (max_px's k). */
typedef struct vmax_k {
    int32_t w, c; /* input columns, channels */
    int8x16_t lo, hi;
} vmax_k;

/* One output pixel of the maximum (mote_arm_pool_px_fn). */
static mote_status max_px(const void *kv, const mote_arm_pool_px *px)
{
    const vmax_k *k = (const vmax_k *)kv;
    const int8_t *in_batch = px->in;
    int8_t *out_px = px->out;
    const int32_t y_lo = px->y_lo, y_hi = px->y_hi, x_lo = px->x_lo, x_hi = px->x_hi;
    const int32_t W = k->w, C = k->c;
    const int8x16_t lo = k->lo, hi = k->hi;
    int32_t c, y, x;
    for (c = 0; c + 16 <= C; c += 16) { /* whole blocks: no predicate */
        int8x16_t m = vdupq_n_s8(-128);
        for (y = y_lo; y < y_hi; ++y) {
            const int8_t *px_in = in_batch + (y * W + x_lo) * C + c;
            for (x = x_lo; x < x_hi; ++x, px_in += C)
                m = vmaxq_s8(m, vldrbq_s8(px_in));
        }
        vstrbq_s8(out_px + c, vminq_s8(vmaxq_s8(m, lo), hi));
    }
    if (c < C) {
        const mve_pred16_t pr = vctp8q((uint32_t)(C - c));
        int8x16_t m = vdupq_n_s8(-128);
        for (y = y_lo; y < y_hi; ++y) {
            const int8_t *px_in = in_batch + (y * W + x_lo) * C + c;
            for (x = x_lo; x < x_hi; ++x, px_in += C)
                m = vmaxq_s8(m, vldrbq_z_s8(px_in, pr));
        }
        vstrbq_p_s8(out_px + c, vminq_s8(vmaxq_s8(m, lo), hi), pr);
    }
    return MOTE_OK;
}

mote_status mote_mve_max_pool_s8(const mote_pool_s8_params *p, const mote_dims *input_dims,
                                 const int8_t *input, const mote_dims *output_dims, int8_t *output)
{
    vmax_k k;

    if (!p || !input_dims || !input || !output_dims || !output) return MOTE_E_ARG;
    if (!mote_arm_max_pool_s8_fits(p, input_dims, output_dims)) return MOTE_E_ARG;
    k.w = input_dims->w;
    k.c = input_dims->c;
    k.lo = vdupq_n_s8((int8_t)p->act_min);
    k.hi = vdupq_n_s8((int8_t)p->act_max);
    return mote_arm_pool_walk(p, input_dims, input, output_dims, output, max_px, &k);
}

mote_status mote_mve_avg_pool_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_pool_s8_step *s = (const mote_pool_s8_step *)step;
    return mote_mve_avg_pool_s8(&s->p, &s->in, (const int8_t *)io->in[0], &s->out,
                                (int8_t *)io->out[0]);
}

mote_status mote_mve_max_pool_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_pool_s8_step *s = (const mote_pool_s8_step *)step;
    return mote_mve_max_pool_s8(&s->p, &s->in, (const int8_t *)io->in[0], &s->out,
                                (int8_t *)io->out[0]);
}

#else
typedef int mote_mve_pool_unused_;
#endif
