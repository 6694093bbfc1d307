/*
 * RELU6 on int8 / int16 (TFLite Relu6Quantized): min(max(x, lo), hi) in the
 * input's units, lo the zero point and hi the quantized 6. The output keeps
 * the input's quantization (lowering checks it).
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

mote_status mote_ref_clamp_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_clamp_step *p = (const mote_clamp_step *)step;
    const int8_t *in = (const int8_t *)io->in[0];
    int8_t *out = (int8_t *)io->out[0];
    int32_t i;
    if (in == NULL || out == NULL || p->elements <= 0) return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i) {
        const int32_t v = in[i];
        out[i] = (int8_t)(v > p->hi ? p->hi : v < p->lo ? p->lo : v);
    }
    return MOTE_OK;
}

mote_status mote_ref_clamp_s16_step(const void *step, const mote_kernel_io *io)
{
    const mote_clamp_step *p = (const mote_clamp_step *)step;
    const int16_t *in = (const int16_t *)io->in[0];
    int16_t *out = (int16_t *)io->out[0];
    int32_t i;
    if (in == NULL || out == NULL || p->elements <= 0) return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i) {
        const int32_t v = in[i];
        out[i] = (int16_t)(v > p->hi ? p->hi : v < p->lo ? p->lo : v);
    }
    return MOTE_OK;
}
