/* quantize.c — features into an int8 model input (TFLite int8 scheme). */
#include <math.h>

#include "dsp/dsp.h"
#include "dsp/dsp_util.h"

static int8_t clamp_s8(int64_t v)
{
    return (int8_t)(v < -128 ? -128 : v > 127 ? 127 : v);
}

mote_status mote_dsp_quantize_f32_s8(const float *x, size_t n, float scale, int32_t zero_point,
                                     int8_t *out)
{
    size_t i;
    if (x == NULL || out == NULL || !(scale > 0.0f) || zero_point < -128 || zero_point > 127)
        return MOTE_E_ARG;
    for (i = 0; i < n; i++) {
        float v = x[i] / scale;
        /* Clamp in float first: converting an out-of-range float is undefined. */
        if (v > 1000.0f) v = 1000.0f;
        if (v < -1000.0f) v = -1000.0f;
        if (v != v) v = 0.0f; /* NaN */
        v = v >= 0.0f ? floorf(v + 0.5f) : -floorf(-v + 0.5f);
        out[i] = clamp_s8((int64_t)v + zero_point);
    }
    return MOTE_OK;
}

mote_status mote_dsp_quant_q16_init(mote_dsp_quant_q16 *q, float scale, int32_t zero_point)
{
    double mant;
    int e;
    int64_t mult;
    if (q == NULL || !(scale >= 1.0f / 1048576.0f) || !(scale <= 16384.0f) || zero_point < -128 ||
        zero_point > 127)
        return MOTE_E_ARG;
    mant = frexp(1.0 / (double)scale, &e); /* 1/scale = mant 2^e, mant in [0.5, 1) */
    mult = (int64_t)floor(mant * 2147483648.0 + 0.5);
    if (mult == ((int64_t)1 << 31)) {
        mult >>= 1;
        e++;
    }
    q->mult = (int32_t)mult;
    /* x / 2^16 * mult / 2^31 * 2^e */
    q->shift = 47 - e;
    q->zero_point = zero_point;
    return q->shift >= 1 && q->shift <= 62 ? MOTE_OK : MOTE_E_ARG;
}

mote_status mote_dsp_quantize_q16_s8(const mote_dsp_quant_q16 *q, const int32_t *x, size_t n,
                                     int8_t *out)
{
    size_t i;
    if (q == NULL || x == NULL || out == NULL || q->shift < 1 || q->shift > 62) return MOTE_E_ARG;
    for (i = 0; i < n; i++) {
        int64_t v = mote_dsp_rshift64((int64_t)x[i] * q->mult, q->shift);
        out[i] = clamp_s8(v + q->zero_point);
    }
    return MOTE_OK;
}
