/*
 * DEQUANTIZE int8 / int16 -> float32 (TFLite reference_ops::Dequantize):
 * (float)(scale * (x - zero_point)) with the product formed in double.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

/* wide: 0 for int8 input, 1 for int16. */
static mote_status dequantize(const void *step, const mote_kernel_io *io, int wide)
{
    const mote_dequantize_step *p = (const mote_dequantize_step *)step;
    float *out = (float *)io->out[0];
    const double scale = (double)p->scale;
    int32_t i;
    if (io->in[0] == NULL || out == NULL || p->elements <= 0) return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i) {
        const int32_t x = wide ? ((const int16_t *)io->in[0])[i] : ((const int8_t *)io->in[0])[i];
        out[i] = (float)(scale * (double)(x - p->zero_point));
    }
    return MOTE_OK;
}

mote_status mote_ref_dequantize_s8_step(const void *step, const mote_kernel_io *io)
{
    return dequantize(step, io, 0);
}

mote_status mote_ref_dequantize_s16_step(const void *step, const mote_kernel_io *io)
{
    return dequantize(step, io, 1);
}
