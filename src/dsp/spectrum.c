/* spectrum.c — magnitude and power spectra of interleaved complex bins. */
#include <math.h>

#include "dsp/dsp.h"
#include "dsp/dsp_util.h"

mote_status mote_dsp_magnitude_f32(const float *x, size_t bins, float *out)
{
    size_t k;
    if (x == NULL || out == NULL) return MOTE_E_ARG;
    for (k = 0; k < bins; k++)
        out[k] = sqrtf(x[2 * k] * x[2 * k] + x[2 * k + 1] * x[2 * k + 1]);
    return MOTE_OK;
}

mote_status mote_dsp_power_f32(const float *x, size_t bins, float *out)
{
    size_t k;
    if (x == NULL || out == NULL) return MOTE_E_ARG;
    for (k = 0; k < bins; k++)
        out[k] = x[2 * k] * x[2 * k] + x[2 * k + 1] * x[2 * k + 1];
    return MOTE_OK;
}

/* re^2 + im^2 of int32 components: at most 2^63, fits uint64. */
static uint64_t sum_squares(const int32_t *c)
{
    int64_t re = c[0], im = c[1];
    return (uint64_t)(re * re) + (uint64_t)(im * im);
}

/* floor(sqrt(v)), bit by bit (no division, no float). */
static uint32_t isqrt64(uint64_t v)
{
    uint64_t root = 0, bit = (uint64_t)1 << 62;
    while (bit > v)
        bit >>= 2;
    while (bit != 0) {
        if (v >= root + bit) {
            v -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    return (uint32_t)root;
}

mote_status mote_dsp_magnitude_s32(const int32_t *x, size_t bins, uint32_t *out)
{
    size_t k;
    if (x == NULL || out == NULL) return MOTE_E_ARG;
    for (k = 0; k < bins; k++)
        out[k] = isqrt64(sum_squares(x + 2 * k));
    return MOTE_OK;
}

mote_status mote_dsp_power_s32(const int32_t *x, size_t bins, int32_t in_exp, uint32_t *out,
                               int32_t *out_exp)
{
    size_t k;
    uint64_t peak = 0;
    int s = 0;
    if (x == NULL || out == NULL || out_exp == NULL) return MOTE_E_ARG;
    for (k = 0; k < bins; k++) {
        uint64_t p = sum_squares(x + 2 * k);
        if (p > peak) peak = p;
    }
    while (mote_dsp_urshift64(peak, s) > UINT32_MAX)
        s++;
    for (k = 0; k < bins; k++)
        out[k] = (uint32_t)mote_dsp_urshift64(sum_squares(x + 2 * k), s);
    *out_exp = 2 * in_exp + s;
    return MOTE_OK;
}
