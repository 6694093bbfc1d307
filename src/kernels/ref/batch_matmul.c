/*
 * BATCH_MATMUL (mote/kernels_reduce.h), as TFLite's reference BatchMatMul:
 * for every broadcast batch, every output row i and column j, one dot
 * product over k in ascending order.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "base/fixedpoint.h"

/* Element offsets of lhs[i][k] and rhs[k][j] within one batch. */
#define LHS_AT(s, i, k)                                                                            \
    ((s)->adj_x ? (size_t)(k) * (size_t)(s)->rows + (size_t)(i)                                    \
                : (size_t)(i) * (size_t)(s)->depth + (size_t)(k))
#define RHS_AT(s, k, j)                                                                            \
    ((s)->adj_y ? (size_t)(j) * (size_t)(s)->depth + (size_t)(k)                                   \
                : (size_t)(k) * (size_t)(s)->cols + (size_t)(j))

static int bmm_ok(const mote_bmm_step *s, const mote_kernel_io *io)
{
    return io->in[0] != NULL && io->in[1] != NULL && io->out[0] != NULL && s->rows >= 1 &&
           s->cols >= 1 && s->depth >= 1 && s->batch[0] >= 1 && s->batch[1] >= 1 &&
           s->batch[2] >= 1;
}

/* Element bases of batch b's lhs and rhs matrices (b in row-major order
 * over s->batch). */
static void bases(const mote_bmm_step *s, int32_t b, size_t *lb, size_t *rb)
{
    const int32_t b2 = b % s->batch[2], b1 = (b / s->batch[2]) % s->batch[1];
    const int32_t b0 = b / s->batch[2] / s->batch[1];
    *lb = (size_t)b0 * (size_t)s->lhs_stride[0] + (size_t)b1 * (size_t)s->lhs_stride[1] +
          (size_t)b2 * (size_t)s->lhs_stride[2];
    *rb = (size_t)b0 * (size_t)s->rhs_stride[0] + (size_t)b1 * (size_t)s->rhs_stride[1] +
          (size_t)b2 * (size_t)s->rhs_stride[2];
}

mote_status mote_ref_batch_matmul_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_bmm_step *s = (const mote_bmm_step *)step;
    const int8_t *l = (const int8_t *)io->in[0], *r = (const int8_t *)io->in[1];
    int8_t *out = (int8_t *)io->out[0];
    int32_t b, i, j, k;
    if (!bmm_ok(s, io)) return MOTE_E_ARG;
    for (b = 0; b < s->batch[0] * s->batch[1] * s->batch[2]; b++) {
        size_t lb, rb;
        bases(s, b, &lb, &rb);
        for (i = 0; i < s->rows; i++)
            for (j = 0; j < s->cols; j++) {
                int32_t acc = 0, v;
                for (k = 0; k < s->depth; k++)
                    acc += (l[lb + LHS_AT(s, i, k)] + s->lhs_offset) *
                           (r[rb + RHS_AT(s, k, j)] + s->rhs_offset);
                v = mote_requantize(acc, s->multiplier, (int)s->shift) + s->output_offset;
                v = v < s->act_min ? s->act_min : (v > s->act_max ? s->act_max : v);
                *out++ = (int8_t)v;
            }
    }
    return MOTE_OK;
}

mote_status mote_ref_batch_matmul_s16_step(const void *step, const mote_kernel_io *io)
{
    const mote_bmm_step *s = (const mote_bmm_step *)step;
    const int16_t *l = (const int16_t *)io->in[0], *r = (const int16_t *)io->in[1];
    int16_t *out = (int16_t *)io->out[0];
    int32_t b, i, j, k;
    if (!bmm_ok(s, io)) return MOTE_E_ARG;
    for (b = 0; b < s->batch[0] * s->batch[1] * s->batch[2]; b++) {
        size_t lb, rb;
        bases(s, b, &lb, &rb);
        for (i = 0; i < s->rows; i++)
            for (j = 0; j < s->cols; j++) {
                int64_t acc = 0;
                int32_t v;
                for (k = 0; k < s->depth; k++)
                    acc += (int64_t)l[lb + LHS_AT(s, i, k)] * r[rb + RHS_AT(s, k, j)];
                v = mote_requantize64(acc, s->multiplier, (int)s->shift) + s->output_offset;
                v = v < s->act_min ? s->act_min : (v > s->act_max ? s->act_max : v);
                *out++ = (int16_t)v;
            }
    }
    return MOTE_OK;
}

mote_status mote_ref_batch_matmul_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_bmm_step *s = (const mote_bmm_step *)step;
    const float *l = (const float *)io->in[0], *r = (const float *)io->in[1];
    float *out = (float *)io->out[0];
    int32_t b, i, j, k;
    if (!bmm_ok(s, io)) return MOTE_E_ARG;
    for (b = 0; b < s->batch[0] * s->batch[1] * s->batch[2]; b++) {
        size_t lb, rb;
        bases(s, b, &lb, &rb);
        for (i = 0; i < s->rows; i++)
            for (j = 0; j < s->cols; j++) {
                float acc = 0.0f;
                for (k = 0; k < s->depth; k++)
                    acc += l[lb + LHS_AT(s, i, k)] * r[rb + RHS_AT(s, k, j)];
                *out++ = acc;
            }
    }
    return MOTE_OK;
}
