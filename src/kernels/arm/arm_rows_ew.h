/*
 * arm_rows_ew.h — the Arm rows of MUL and SOFTMAX (DSP and Helium) and the
 * Helium pooling rows (kernels.def).
 *
 * The *_fits functions are portable (arm_rows_ew.c): the host plans for a
 * Cortex-M with them. The kernels and *_step functions exist only where
 * their features are defined: mul_s8_dsp.c and softmax_s8_dsp.c need
 * __ARM_FEATURE_DSP, mve_mul_s8.c, mve_softmax_s8.c and mve_pool_s8.c
 * __ARM_FEATURE_MVE as well. Every kernel gives the reference row's bytes
 * for every step its fits accepts.
 */
#ifndef MOTE_KERNELS_ARM_ROWS_EW_H
#define MOTE_KERNELS_ARM_ROWS_EW_H

#include <stddef.h>
#include <stdint.h>
#include "mote/kernels.h"
#include "mote/kernels_elementwise.h"

/* The shared parts below are inlined into each row (the per-ISA run, row
 * and pixel functions they call become direct calls). */
#if defined(__GNUC__)
#define MOTE_ARM_EW_INLINE static inline __attribute__((always_inline))
#else
#define MOTE_ARM_EW_INLINE static inline
#endif

/* SOFTMAX int8 (mote_softmax_s8_step): the reference's valid steps
 * (rows, depth >= 1, depth < 4096, left shift in [0, 31]). */
int mote_arm_softmax_s8_step_fits(const void *step);
MOTE_ARM_EW_INLINE int mote_arm_softmax_s8_fits(const mote_softmax_s8_params *p, int32_t rows,
                                                int32_t depth)
{
    return rows >= 1 && depth >= 1 && depth < 4096 && p->input_left_shift >= 0 &&
           p->input_left_shift <= 31 && p->input_multiplier >= 0;
}
/* MUL int8 (mote_mul_q_step): multiplier >= 0, shift in [-31, 30], a
 * valid activation range and broadcast (any broadcast: the kernels walk
 * the output in runs where each input is contiguous or one repeated
 * element). */
int mote_arm_mul_s8_step_fits(const void *step);
/* AVERAGE_POOL_2D int8 on Helium: the DSP row's cases with windows of at
 * most 4096 elements (the exact division); MAX_POOL_2D: the DSP row's. */
int mote_mve_avg_pool_s8_fits(const mote_pool_s8_params *p, const mote_dims *input_dims,
                              const mote_dims *output_dims);
int mote_mve_avg_pool_s8_step_fits(const void *step);

/* The kernels (also called by tests/arm_kernels). */
mote_status mote_arm_softmax_s8(const mote_softmax_s8_params *p, int32_t rows, int32_t depth,
                                const int8_t *input, int8_t *output);
mote_status mote_mve_softmax_s8(const mote_softmax_s8_params *p, int32_t rows, int32_t depth,
                                const int8_t *input, int8_t *output);
mote_status mote_mve_avg_pool_s8(const mote_pool_s8_params *p, const mote_dims *input_dims,
                                 const int8_t *input, const mote_dims *output_dims, int8_t *output);
mote_status mote_mve_max_pool_s8(const mote_pool_s8_params *p, const mote_dims *input_dims,
                                 const int8_t *input, const mote_dims *output_dims, int8_t *output);

/* The rows' step functions (MUL's kernel is its step function). */
mote_status mote_arm_softmax_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_mul_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_mve_softmax_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_mve_mul_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_mve_avg_pool_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_mve_max_pool_s8_step(const void *step, const mote_kernel_io *io);

/* The runs of a broadcast (portable, arm_rows_ew.c): the output walked
 * in row-major order splits into runs of `run` elements in which input k
 * advances by step[k] (1 or 0) per element; `outer` runs in all, and the
 * first element of run r reads input k at the offset mote_arm_bc_runs_at
 * gives. Dimensions of size 1 are skipped. */
typedef struct mote_arm_bc_runs {
    int32_t run, outer;
    int32_t step1, step2;
    int32_t nd; /* outer dimensions, innermost last */
    int32_t shape[MOTE_BCAST_RANK], s1[MOTE_BCAST_RANK], s2[MOTE_BCAST_RANK];
} mote_arm_bc_runs;
void mote_arm_bc_runs_make(const mote_bcast *b, mote_arm_bc_runs *r);

/* From the first element of one run to the next's: idx (nd counters, all
 * 0 at the start) and the two input offsets. */
static inline void mote_arm_bc_runs_next(const mote_arm_bc_runs *r, int32_t *idx, int32_t *o1,
                                         int32_t *o2)
{
    int32_t d;
    for (d = r->nd - 1; d >= 0; --d) {
        *o1 += r->s1[d];
        *o2 += r->s2[d];
        if (++idx[d] < r->shape[d]) return;
        *o1 -= r->s1[d] * r->shape[d];
        *o2 -= r->s2[d] * r->shape[d];
        idx[d] = 0;
    }
}

/* MUL (mote_arm_mul_s8_step, mote_mve_mul_s8_step): both inputs and the
 * output given, and the step fits. */
MOTE_ARM_EW_INLINE int mote_arm_mul_s8_io_fits(const mote_mul_q_step *s, const mote_kernel_io *io)
{
    return io->in[0] != NULL && io->in[1] != NULL && io->out[0] != NULL &&
           mote_arm_mul_s8_step_fits(s);
}

/* One run of a MUL: n elements of a (advancing when sa is 1, else its
 * first element repeated) times b (likewise sb), into out; k is the row's
 * constants. */
typedef void (*mote_arm_mul_run_fn)(const void *k, const int8_t *a, int32_t sa, const int8_t *b,
                                    int32_t sb, int8_t *out, int32_t n);

/* The output of a MUL step walked in its broadcast's runs, one run call
 * each. */
MOTE_ARM_EW_INLINE void mote_arm_mul_s8_walk(const mote_mul_q_step *s, const mote_kernel_io *io,
                                             mote_arm_mul_run_fn run, const void *k)
{
    const int8_t *in1 = (const int8_t *)io->in[0], *in2 = (const int8_t *)io->in[1];
    int8_t *out = (int8_t *)io->out[0];
    mote_arm_bc_runs r;
    int32_t idx[MOTE_BCAST_RANK] = {0}, o1 = 0, o2 = 0, j;
    mote_arm_bc_runs_make(&s->b, &r);
    for (j = 0; j < r.outer; ++j) {
        run(k, in1 + o1, r.step1, in2 + o2, r.step2, out + j * r.run, r.run);
        mote_arm_bc_runs_next(&r, idx, &o1, &o2);
    }
}

/* SOFTMAX (mote_arm_softmax_s8, mote_mve_softmax_s8): the arguments
 * checked, then row by row. */
typedef void (*mote_arm_softmax_row_fn)(const mote_softmax_s8_params *p, int32_t depth,
                                        const int8_t *in, int8_t *out);
MOTE_ARM_EW_INLINE mote_status mote_arm_softmax_s8_rows(const mote_softmax_s8_params *p,
                                                        int32_t rows, int32_t depth,
                                                        const int8_t *input, int8_t *output,
                                                        mote_arm_softmax_row_fn row)
{
    int32_t r;
    if (!p || !input || !output) return MOTE_E_ARG;
    if (!mote_arm_softmax_s8_fits(p, rows, depth)) return MOTE_E_ARG;
    for (r = 0; r < rows; ++r)
        row(p, depth, input + r * depth, output + r * depth);
    return MOTE_OK;
}

/* POOL (pool_s8_dsp.c, mve_pool_s8.c): one output pixel's window clipped
 * to the input, rows [y_lo, y_hi) and columns [x_lo, x_hi) of the batch
 * at `in`; `out` is the pixel's first channel. */
typedef struct mote_arm_pool_px {
    const int8_t *in;
    int8_t *out;
    int32_t y_lo, y_hi, x_lo, x_hi;
} mote_arm_pool_px;
typedef mote_status (*mote_arm_pool_px_fn)(const void *k, const mote_arm_pool_px *px);

/* The input positions [*lo, *hi) a window at o * stride - pad of `filter`
 * covers along an axis of n. */
MOTE_ARM_EW_INLINE void mote_arm_pool_clip(int32_t o, int32_t stride, int32_t pad, int32_t filter,
                                           int32_t n, int32_t *lo, int32_t *hi)
{
    const int32_t v0 = o * stride - pad;
    *lo = v0 > 0 ? v0 : 0;
    *hi = v0 + filter < n ? v0 + filter : n;
}

/* Every output pixel of a pool in order, one px call each; the first
 * status other than MOTE_OK ends the walk. */
MOTE_ARM_EW_INLINE mote_status mote_arm_pool_walk(const mote_pool_s8_params *p, const mote_dims *id,
                                                  const int8_t *input, const mote_dims *od,
                                                  int8_t *output, mote_arm_pool_px_fn px_fn,
                                                  const void *k)
{
    const int32_t C = id->c;
    mote_arm_pool_px px;
    int32_t b, oy, ox;
    for (b = 0; b < od->n; ++b) {
        px.in = input + b * id->h * id->w * C;
        for (oy = 0; oy < od->h; ++oy) {
            mote_arm_pool_clip(oy, p->geom.stride_h, p->geom.pad_h, p->filter_h, id->h, &px.y_lo,
                               &px.y_hi);
            for (ox = 0; ox < od->w; ++ox) {
                mote_status st;
                mote_arm_pool_clip(ox, p->geom.stride_w, p->geom.pad_w, p->filter_w, id->w,
                                   &px.x_lo, &px.x_hi);
                px.out = output + ((b * od->h + oy) * od->w + ox) * C;
                st = px_fn(k, &px);
                if (st != MOTE_OK) return st;
            }
        }
    }
    return MOTE_OK;
}

#endif /* MOTE_KERNELS_ARM_ROWS_EW_H */
