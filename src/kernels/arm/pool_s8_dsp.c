/*
 * pool_s8_dsp.c — AVERAGE_POOL_2D and MAX_POOL_2D, int8, for cores with
 * the DSP extension. Bit-exact with mote_ref_avg_pool_s8 / max_pool_s8.
 *
 * Both work four channels at a time. Max: SSUB8 sets the GE flags per byte
 * where x >= m and SEL picks those bytes (four signed maxima in two
 * instructions), also for the activation clamp. Average: SXTAB16 adds four
 * int8 into two int16 pairs (exact while the window holds at most 256
 * elements: |sum| <= 256 * 128), then each channel divides as the
 * reference does; larger windows sum in int32.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_rows_ew.h"

static int32_t max_i32(int32_t a, int32_t b)
{
    return a > b ? a : b;
}
static int32_t min_i32(int32_t a, int32_t b)
{
    return a < b ? a : b;
}

/* Four copies of the byte v. */
MOTE_ARM_INLINE uint32_t dup8(int32_t v)
{
    return ((uint32_t)v & 0xFFu) * 0x01010101u;
}

MOTE_ARM_INLINE int8_t avg_round(int32_t sum, int32_t count, int32_t lo, int32_t hi)
{
    int32_t avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
    avg = max_i32(avg, lo);
    avg = min_i32(avg, hi);
    return (int8_t)avg;
}

/* The rows' constants (the pixel functions' k). */
typedef struct pool_k {
    const mote_pool_s8_params *p;
    int32_t w, c;      /* input columns, channels */
    uint32_t lo4, hi4; /* max: act_min / act_max in every byte */
} pool_k;

/* One output pixel of the average (mote_arm_pool_px_fn). Not inlined into
 * the walk: on its own it keeps its sums in registers (inlined, -Os spilled
 * them in the innermost loop); one call per output pixel. */
__attribute__((noinline)) static mote_status avg_px(const void *kv, const mote_arm_pool_px *px)
{
    const pool_k *k = (const pool_k *)kv;
    const mote_pool_s8_params *p = k->p;
    const int8_t *in_batch = px->in;
    int8_t *out_px = px->out;
    const int32_t y_lo = px->y_lo, y_hi = px->y_hi, x_lo = px->x_lo, x_hi = px->x_hi;
    const int32_t W = k->w, C = k->c;
    const int32_t count = (y_hi - y_lo) * (x_hi - x_lo);
    int32_t c, y, x;
    if (y_hi <= y_lo || x_hi <= x_lo) return MOTE_E_PARAM;
    c = 0;
    if (count <= 256) {
        for (; c + 4 <= C; c += 4) {
            int32_t se = 0, so = 0;
            for (y = y_lo; y < y_hi; ++y) {
                const int8_t *px_in = in_batch + (y * W + x_lo) * C + c;
                for (x = x_lo; x < x_hi; ++x, px_in += C) {
                    const uint32_t v = mote_arm_ld32(px_in);
                    se = mote_arm_even(v, se);
                    so = mote_arm_odd(v, so);
                }
            }
            out_px[c] = avg_round((int16_t)se, count, p->act_min, p->act_max);
            out_px[c + 1] = avg_round((int16_t)so, count, p->act_min, p->act_max);
            out_px[c + 2] = avg_round(se >> 16, count, p->act_min, p->act_max);
            out_px[c + 3] = avg_round(so >> 16, count, p->act_min, p->act_max);
        }
    }
    for (; c < C; ++c) {
        int32_t sum = 0;
        for (y = y_lo; y < y_hi; ++y)
            for (x = x_lo; x < x_hi; ++x)
                sum += in_batch[(y * W + x) * C + c];
        out_px[c] = avg_round(sum, count, p->act_min, p->act_max);
    }
    return MOTE_OK;
}

mote_status mote_arm_avg_pool_s8(const mote_pool_s8_params *p, const mote_dims *input_dims,
                                 const int8_t *input, const mote_dims *output_dims, int8_t *output,
                                 void *scratch)
{
    pool_k k;
    (void)scratch;

    if (!p || !input_dims || !input || !output_dims || !output) return MOTE_E_ARG;
    if (!mote_arm_avg_pool_s8_fits(p, input_dims, output_dims)) return MOTE_E_ARG;
    k.p = p;
    k.w = input_dims->w;
    k.c = input_dims->c;
    return mote_arm_pool_walk(p, input_dims, input, output_dims, output, avg_px, &k);
}

/* One output pixel of the maximum (mote_arm_pool_px_fn). */
static mote_status max_px(const void *kv, const mote_arm_pool_px *px)
{
    const pool_k *k = (const pool_k *)kv;
    const mote_pool_s8_params *p = k->p;
    const int8_t *in_batch = px->in;
    int8_t *out_px = px->out;
    const int32_t y_lo = px->y_lo, y_hi = px->y_hi, x_lo = px->x_lo, x_hi = px->x_hi;
    const int32_t W = k->w, C = k->c;
    const uint32_t lo4 = k->lo4, hi4 = k->hi4;
    int32_t c, y, x;
    for (c = 0; c + 4 <= C; c += 4) {
        uint32_t m = 0x80808080u;
        for (y = y_lo; y < y_hi; ++y) {
            const int8_t *px_in = in_batch + (y * W + x_lo) * C + c;
            for (x = x_lo; x < x_hi; ++x, px_in += C) {
                const uint32_t v = mote_arm_ld32(px_in);
                (void)__ssub8((int32_t)v, (int32_t)m); /* GE: v >= m */
                m = __sel(v, m);
            }
        }
        (void)__ssub8((int32_t)m, (int32_t)lo4); /* GE: m >= act_min */
        m = __sel(m, lo4);
        (void)__ssub8((int32_t)hi4, (int32_t)m); /* GE: act_max >= m */
        m = __sel(m, hi4);
        mote_arm_st32(out_px + c, m);
    }
    for (; c < C; ++c) {
        int32_t mx = -128;
        for (y = y_lo; y < y_hi; ++y)
            for (x = x_lo; x < x_hi; ++x)
                mx = max_i32(mx, in_batch[(y * W + x) * C + c]);
        mx = max_i32(mx, p->act_min);
        mx = min_i32(mx, p->act_max);
        out_px[c] = (int8_t)mx;
    }
    return MOTE_OK;
}

mote_status mote_arm_max_pool_s8(const mote_pool_s8_params *p, const mote_dims *input_dims,
                                 const int8_t *input, const mote_dims *output_dims, int8_t *output,
                                 void *scratch)
{
    pool_k k;
    (void)scratch;

    if (!p || !input_dims || !input || !output_dims || !output) return MOTE_E_ARG;
    if (!mote_arm_max_pool_s8_fits(p, input_dims, output_dims)) return MOTE_E_ARG;
    k.p = p;
    k.w = input_dims->w;
    k.c = input_dims->c;
    k.lo4 = dup8(p->act_min);
    k.hi4 = dup8(p->act_max);
    return mote_arm_pool_walk(p, input_dims, input, output_dims, output, max_px, &k);
}

#else
typedef int mote_arm_unused_;
#endif
