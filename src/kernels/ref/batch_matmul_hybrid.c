/*
 * BATCH_MATMUL, hybrid reference: float lhs [..., rows, depth] (adj_x:
 * [..., depth, rows]), constant int8 rhs [..., depth, cols] (adj_y:
 * [..., cols, depth]) with float scales, float output; batches broadcast.
 *
 * As LiteRT's hybrid BatchMatMul: each lhs row is quantized on its own
 * (ref_hybrid.h; gathered into the scratch first, so adj_x reads the same
 * values), the int32 sum over k of w * (q - zero point) is taken, and
 *   output = 0.0f + acc * (input_scale * weight_scale[col or 0]).
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_hybrid.h"

uint32_t mote_ref_bmm_hybrid_scratch(const void *step)
{
    const mote_bmm_hybrid_step *s = (const mote_bmm_hybrid_step *)step;
    /* depth floats, then depth int8 values. */
    return (uint32_t)s->b.depth * 5u;
}

mote_status mote_ref_batch_matmul_hybrid_step(const void *step, const mote_kernel_io *io)
{
    const mote_bmm_hybrid_step *hs = (const mote_bmm_hybrid_step *)step;
    const mote_bmm_step *s = &hs->b;
    const float *scales = mote_step_hybrid_scales(step, (uint32_t)sizeof *hs);
    const float *l;
    const int8_t *r;
    float *out, *row;
    int8_t *q;
    int32_t b, i, j, k, nb;

    if (io->in[0] == NULL || io->in[1] == NULL || io->out[0] == NULL || io->scratch == NULL ||
        s->rows < 1 || s->cols < 1 || s->depth < 1 || s->batch[0] < 1 || s->batch[1] < 1 ||
        s->batch[2] < 1 || (hs->channels != 1 && hs->channels != s->cols))
        return MOTE_E_ARG;
    l = (const float *)io->in[0];
    r = (const int8_t *)io->in[1];
    out = (float *)io->out[0];
    row = (float *)io->scratch;
    q = (int8_t *)(row + s->depth);
    nb = s->batch[0] * s->batch[1] * s->batch[2];
    for (b = 0; b < nb; b++) {
        const int32_t b2 = b % s->batch[2], b1 = (b / s->batch[2]) % s->batch[1];
        const int32_t b0 = b / s->batch[2] / s->batch[1];
        const size_t lb = (size_t)b0 * (size_t)s->lhs_stride[0] +
                          (size_t)b1 * (size_t)s->lhs_stride[1] +
                          (size_t)b2 * (size_t)s->lhs_stride[2];
        const size_t rb = (size_t)b0 * (size_t)s->rhs_stride[0] +
                          (size_t)b1 * (size_t)s->rhs_stride[1] +
                          (size_t)b2 * (size_t)s->rhs_stride[2];
        for (i = 0; i < s->rows; i++) {
            int32_t zp;
            float sf, sf_tensor;
            for (k = 0; k < s->depth; k++)
                row[k] = l[lb + (s->adj_x ? (size_t)k * (size_t)s->rows + (size_t)i
                                          : (size_t)i * (size_t)s->depth + (size_t)k)];
            sf = mote_ref_hybrid_quantize(hs->asymmetric, row, s->depth, q, &zp);
            sf_tensor = sf * scales[0];
            for (j = 0; j < s->cols; j++) {
                int32_t acc = 0;
                float scale = hs->per_channel ? sf * scales[hs->channels == 1 ? 0 : j] : sf_tensor;
                for (k = 0; k < s->depth; k++) {
                    size_t at = rb + (s->adj_y ? (size_t)j * (size_t)s->depth + (size_t)k
                                               : (size_t)k * (size_t)s->cols + (size_t)j);
                    acc += (int32_t)r[at] * ((int32_t)q[k] - zp);
                }
                *out++ = 0.0f + (float)acc * scale;
            }
        }
    }
    return MOTE_OK;
}
