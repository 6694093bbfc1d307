/*
 * DEQUANTIZE int8 / int16 -> float32 (TFLite reference_ops::Dequantize):
 * (float)(scale * (x - zero_point)) with the product formed in double.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

mote_status mote_ref_dequantize_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_dequantize_step *p = (const mote_dequantize_step *)step;
    const int8_t *in = (const int8_t *)io->in[0];
    float *out = (float *)io->out[0];
    const double scale = (double)p->scale;
    int32_t i;
    if (in == NULL || out == NULL || p->elements <= 0) return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i)
        out[i] = (float)(scale * (double)((int32_t)in[i] - p->zero_point));
    return MOTE_OK;
}

mote_status mote_ref_dequantize_s16_step(const void *step, const mote_kernel_io *io)
{
    const mote_dequantize_step *p = (const mote_dequantize_step *)step;
    const int16_t *in = (const int16_t *)io->in[0];
    float *out = (float *)io->out[0];
    const double scale = (double)p->scale;
    int32_t i;
    if (in == NULL || out == NULL || p->elements <= 0) return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i)
        out[i] = (float)(scale * (double)((int32_t)in[i] - p->zero_point));
    return MOTE_OK;
}
