/* fft_f32.c — real FFT of power-of-two size in single precision.
 *
 * An n-point real FFT is an n/2-point complex FFT of z[t] = x[2t] + i x[2t+1]
 * (iterative radix-2, decimation in time, bit-reversed input) followed by
 * the split step X[k] = Fe[k] + W^k Fo[k] with Fe = (Z[k] + conj Z[m-k]) / 2,
 * Fo = -i (Z[k] - conj Z[m-k]) / 2, m = n/2, W = e^{-2 pi i / n}; bins k and
 * m - k come from the same pair, since X[m-k] = conj(Fe[k] - W^k Fo[k]).
 */
#include <math.h>

#include "dsp/dsp.h"
#include "dsp/dsp_util.h"

size_t mote_dsp_rfft_f32_table_len(size_t n)
{
    return mote_dsp_pow2_ok(n, MOTE_DSP_FFT_MAX) ? n : 0;
}

mote_status mote_dsp_rfft_f32_init(mote_dsp_rfft_f32 *plan, size_t n, float *table,
                                   size_t table_len)
{
    size_t k;
    if (plan == NULL || table == NULL || mote_dsp_rfft_f32_table_len(n) == 0 || table_len < n)
        return MOTE_E_ARG;
    for (k = 0; k < n / 2; k++) {
        double a = 2.0 * MOTE_DSP_PI * (double)k / (double)n;
        table[2 * k] = (float)cos(a);
        table[2 * k + 1] = (float)sin(a);
    }
    plan->n = (uint32_t)n;
    plan->table = table;
    return MOTE_OK;
}

/* In-place m-point complex FFT; twiddle W_len^j is table entry j * n / len. */
static void cfft_f32(float *z, size_t m, const float *table, size_t n)
{
    size_t len, i, j;
    mote_dsp_bit_reverse(z, m);
    for (len = 2; len <= m; len <<= 1) {
        size_t half = len / 2, tstep = n / len;
        for (i = 0; i < m; i += len) {
            for (j = 0; j < half; j++) {
                float c = table[2 * j * tstep], s = table[2 * j * tstep + 1];
                float *a = z + 2 * (i + j), *b = z + 2 * (i + j + half);
                /* t = (c - i s) * b */
                float tr = c * b[0] + s * b[1];
                float ti = c * b[1] - s * b[0];
                b[0] = a[0] - tr;
                b[1] = a[1] - ti;
                a[0] += tr;
                a[1] += ti;
            }
        }
    }
}

mote_status mote_dsp_rfft_f32_run(const mote_dsp_rfft_f32 *plan, const float *in, float *out)
{
    size_t n, m, k;
    if (plan == NULL || plan->table == NULL || in == NULL || out == NULL ||
        mote_dsp_rfft_f32_table_len(plan->n) == 0)
        return MOTE_E_ARG;
    n = plan->n;
    m = n / 2;
    if (in != out)
        for (k = 0; k < n; k++)
            out[k] = in[k];
    cfft_f32(out, m, plan->table, n);
    {
        float r0 = out[0], i0 = out[1];
        out[0] = r0 + i0;
        out[1] = 0.0f;
        out[n] = r0 - i0;
        out[n + 1] = 0.0f;
    }
    for (k = 1; k <= m / 2; k++) {
        float *a = out + 2 * k, *b = out + 2 * (m - k);
        float c = plan->table[2 * k], s = plan->table[2 * k + 1];
        float fer = 0.5f * (a[0] + b[0]), fei = 0.5f * (a[1] - b[1]);
        float forr = 0.5f * (a[1] + b[1]), foi = -0.5f * (a[0] - b[0]);
        float wr = c * forr + s * foi, wi = c * foi - s * forr; /* W^k Fo */
        a[0] = fer + wr;
        a[1] = fei + wi;
        if (b != a) {
            b[0] = fer - wr;
            b[1] = -(fei - wi);
        }
    }
    return MOTE_OK;
}
