/*
 * QUANTIZE float32 -> int8 / int16 (TFLite reference_ops::AffineQuantize):
 * zero_point + (int32)roundf(x / scale) in float, clamped to the output type.
 *
 * Where TFLite's float -> int32 conversion is undefined (|x / scale| >= 2^31,
 * NaN) mote saturates: huge values give the type's bound, NaN gives the zero
 * point. TFLite Micro's bytes there depend on the CPU (x86 converts every
 * such value to INT32_MIN); in-range values are bit-exact.
 */
#include <math.h>

#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

static int32_t quantize_one(float x, float scale, int32_t zp, int32_t lo, int32_t hi)
{
    const float r = roundf(x / scale);
    int64_t v;
    if (r >= 2147483648.0f)
        v = INT32_MAX;
    else if (r < -2147483648.0f)
        v = INT32_MIN;
    else if (r == r)
        v = (int64_t)r;
    else
        v = 0;
    v += zp;
    if (v < lo) return lo;
    return v > hi ? hi : (int32_t)v;
}

mote_status mote_ref_quantize_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_quantize_f32_step *p = (const mote_quantize_f32_step *)step;
    const float *in = (const float *)io->in[0];
    int32_t i;
    if (in == NULL || io->out[0] == NULL || p->elements <= 0 || !(p->scale > 0.0f))
        return MOTE_E_ARG;
    if (p->out_type == MOTE_EW_OUT_INT8) {
        int8_t *out = (int8_t *)io->out[0];
        for (i = 0; i < p->elements; ++i)
            out[i] = (int8_t)quantize_one(in[i], p->scale, p->zero_point, -128, 127);
    } else if (p->out_type == MOTE_EW_OUT_INT16) {
        int16_t *out = (int16_t *)io->out[0];
        for (i = 0; i < p->elements; ++i)
            out[i] = (int16_t)quantize_one(in[i], p->scale, p->zero_point, -32768, 32767);
    } else {
        return MOTE_E_ARG;
    }
    return MOTE_OK;
}
