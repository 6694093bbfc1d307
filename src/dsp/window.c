/* window.c — Hann and Hamming windows (float and Q15) and their application. */
#include <math.h>

#include "dsp/dsp.h"
#include "dsp/dsp_util.h"

#define WINDOW_MAX ((size_t)1 << 24)

static mote_status window_value(size_t i, size_t n, mote_dsp_window_kind kind, int periodic,
                                double *v)
{
    double a, d = periodic ? (double)n : (double)n - 1.0;
    if (kind == MOTE_DSP_WINDOW_HANN)
        a = 0.5;
    else if (kind == MOTE_DSP_WINDOW_HAMMING)
        a = 0.54;
    else
        return MOTE_E_ARG;
    if (d <= 0.0) { /* symmetric window of one sample */
        *v = 1.0;
        return MOTE_OK;
    }
    *v = a - (1.0 - a) * cos(2.0 * MOTE_DSP_PI * (double)i / d);
    return MOTE_OK;
}

/* q: 0 fills floats, 15 Q15 values, 31 Q31 values. */
static mote_status window_fill(void *w, size_t n, mote_dsp_window_kind kind, int periodic, int q)
{
    size_t i;
    if (w == NULL || n == 0 || n > WINDOW_MAX) return MOTE_E_ARG;
    for (i = 0; i < n; i++) {
        double v;
        mote_status s = window_value(i, n, kind, periodic, &v);
        if (s != MOTE_OK) return s;
        if (q == 0)
            ((float *)w)[i] = (float)v;
        else if (q == 15)
            ((int16_t *)w)[i] = (int16_t)mote_dsp_round_q(v, 15);
        else
            ((int32_t *)w)[i] = (int32_t)mote_dsp_round_q(v, 31);
    }
    return MOTE_OK;
}

mote_status mote_dsp_window_f32(float *w, size_t n, mote_dsp_window_kind kind, int periodic)
{
    return window_fill(w, n, kind, periodic, 0);
}

mote_status mote_dsp_window_q15(int16_t *w, size_t n, mote_dsp_window_kind kind, int periodic)
{
    return window_fill(w, n, kind, periodic, 15);
}

mote_status mote_dsp_window_q31(int32_t *w, size_t n, mote_dsp_window_kind kind, int periodic)
{
    return window_fill(w, n, kind, periodic, 31);
}

mote_status mote_dsp_window_apply_f32(float *x, const float *w, size_t n)
{
    size_t i;
    if (x == NULL || w == NULL) return MOTE_E_ARG;
    for (i = 0; i < n; i++)
        x[i] *= w[i];
    return MOTE_OK;
}

mote_status mote_dsp_window_apply_q15(int16_t *x, const int16_t *w, size_t n)
{
    size_t i;
    if (x == NULL || w == NULL) return MOTE_E_ARG;
    for (i = 0; i < n; i++) {
        /* |x * w| < 2^30, so the rounded result fits int16 unless both are
         * -32768 (w never is: windows are >= 0). */
        int64_t p = (int64_t)x[i] * w[i];
        x[i] = (int16_t)mote_dsp_sat32(mote_dsp_rshift64(p, 15));
    }
    return MOTE_OK;
}
