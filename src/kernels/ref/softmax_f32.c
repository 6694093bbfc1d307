/*
 * SOFTMAX, float32 reference, over the last dimension.
 *
 * out[i] = exp((x[i] - max) * beta) / sum_j exp((x[j] - max) * beta), as
 * TFLite's reference float kernel. Subtracting the row maximum first keeps
 * every exponent <= 0 (for beta > 0), so expf() cannot overflow.
 */
#include <float.h>
#include <math.h>
#include "mote/kernels.h"

mote_status mote_ref_softmax_f32(float beta, int32_t rows, int32_t depth, const float *input,
                                 float *output)
{
    int32_t r, i;

    if (!input || !output || rows < 1 || depth < 1) return MOTE_E_ARG;

    for (r = 0; r < rows; ++r) {
        const float *x = input + r * depth;
        float *y = output + r * depth;
        float max = -FLT_MAX, sum = 0.0f;
        for (i = 0; i < depth; ++i)
            if (x[i] > max) max = x[i];
        /* Store the exponentials first so each is computed once; output may
         * alias input, which is safe because x[i] is read before y[i] is
         * written and max is already known. */
        for (i = 0; i < depth; ++i) {
            y[i] = expf((x[i] - max) * beta);
            sum += y[i];
        }
        for (i = 0; i < depth; ++i)
            y[i] = y[i] / sum;
    }
    return MOTE_OK;
}

mote_status mote_ref_softmax_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_softmax_f32_step *s = (const mote_softmax_f32_step *)step;
    return mote_ref_softmax_f32(s->beta, s->rows, s->depth, io->in[0], io->out[0]);
}
