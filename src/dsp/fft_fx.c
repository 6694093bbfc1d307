/* fft_fx.c — fixed-point real FFT: int16 in, int32 out, block exponent.
 *
 * Same algorithm as fft_f32.c (n/2-point complex radix-2 FFT + split step)
 * on int32 data with Q31 twiddles and 64-bit rounded products. Block
 * floating point: the input is scaled up so its peak is at most 2^29; before
 * each stage (and the split) the block is scaled down until its peak is at
 * most 2^29 again. A radix-2 butterfly grows a component by at most
 * 1 + sqrt(2) < 2.5, so no stage can overflow int32 (2.5 * 2^29 < 2^31).
 */
#include <math.h>

#include "dsp/dsp.h"
#include "dsp/dsp_util.h"

#define PEAK_LIMIT ((uint32_t)1 << 29)

size_t mote_dsp_rfft_fx_table_len(size_t n)
{
    return mote_dsp_pow2_ok(n, MOTE_DSP_FFT_MAX) ? n : 0;
}

mote_status mote_dsp_rfft_fx_init(mote_dsp_rfft_fx *plan, size_t n, int32_t *table,
                                  size_t table_len)
{
    size_t k;
    if (plan == NULL || table == NULL || mote_dsp_rfft_fx_table_len(n) == 0 || table_len < n)
        return MOTE_E_ARG;
    for (k = 0; k < n / 2; k++) {
        double a = 2.0 * MOTE_DSP_PI * (double)k / (double)n;
        table[2 * k] = (int32_t)mote_dsp_round_q(cos(a), 31);
        table[2 * k + 1] = (int32_t)mote_dsp_round_q(sin(a), 31);
    }
    plan->n = (uint32_t)n;
    plan->table = table;
    return MOTE_OK;
}

static uint32_t block_peak(const int32_t *x, size_t len)
{
    uint32_t peak = 0;
    size_t i;
    for (i = 0; i < len; i++) {
        uint32_t a = x[i] < 0 ? (uint32_t)0 - (uint32_t)x[i] : (uint32_t)x[i];
        if (a > peak) peak = a;
    }
    return peak;
}

/* Scale x down (rounding) until its peak is at most PEAK_LIMIT; returns the
 * number of bits shifted. */
static int32_t block_normalise(int32_t *x, size_t len)
{
    uint32_t peak = block_peak(x, len);
    int s = 0;
    size_t i;
    while (mote_dsp_urshift64(peak, s) > PEAK_LIMIT)
        s++;
    if (s > 0)
        for (i = 0; i < len; i++)
            x[i] = (int32_t)mote_dsp_rshift64(x[i], s);
    return s;
}

/* In-place m-point complex FFT with per-stage block scaling; returns the
 * exponent added. */
static int32_t cfft_s32(int32_t *z, size_t m, const int32_t *table, size_t n)
{
    size_t len, i, j;
    int32_t exp = 0;
    mote_dsp_bit_reverse(z, m);
    for (len = 2; len <= m; len <<= 1) {
        size_t half = len / 2, tstep = n / len;
        exp += block_normalise(z, 2 * m);
        for (i = 0; i < m; i += len) {
            for (j = 0; j < half; j++) {
                int32_t *a = z + 2 * (i + j), *b = z + 2 * (i + j + half);
                int64_t tr, ti;
                if (j == 0) { /* W^0 = 1 exactly */
                    tr = b[0];
                    ti = b[1];
                } else {
                    int64_t c = table[2 * j * tstep], s = table[2 * j * tstep + 1];
                    tr = mote_dsp_rshift64(c * b[0] + s * b[1], 31);
                    ti = mote_dsp_rshift64(c * b[1] - s * b[0], 31);
                }
                b[0] = (int32_t)(a[0] - tr);
                b[1] = (int32_t)(a[1] - ti);
                a[0] = (int32_t)(a[0] + tr);
                a[1] = (int32_t)(a[1] + ti);
            }
        }
    }
    return exp;
}

/* Scale the n loaded values in out so the peak is at most PEAK_LIMIT and
 * as close to it as a power of two allows; returns the exponent. */
static int32_t load_normalise(int32_t *out, size_t n, uint32_t peak)
{
    int up = 0;
    size_t k;
    if (peak > PEAK_LIMIT) return block_normalise(out, n);
    if (peak != 0)
        while (up < 30 && ((uint64_t)peak << (up + 1)) <= PEAK_LIMIT)
            up++;
    for (k = 0; k < n; k++)
        out[k] = (int32_t)((int64_t)out[k] * ((int64_t)1 << up));
    return -up;
}

/* FFT of the n values loaded in out (block exponent e), in place. */
static void rfft_fx_core(const mote_dsp_rfft_fx *plan, int32_t *out, int32_t e, int32_t *exp)
{
    size_t n = plan->n, m = n / 2, k;
    e += cfft_s32(out, m, plan->table, n);
    e += block_normalise(out, n);
    {
        int32_t r0 = out[0], i0 = out[1];
        out[0] = r0 + i0;
        out[1] = 0;
        out[n] = r0 - i0;
        out[n + 1] = 0;
    }
    for (k = 1; k <= m / 2; k++) {
        int32_t *a = out + 2 * k, *b = out + 2 * (m - k);
        int64_t c = plan->table[2 * k], s = plan->table[2 * k + 1];
        /* Twice Fe and Fo, scaled by 2^31; the final shift by 32 halves. */
        int64_t fer = (int64_t)a[0] + b[0], fei = (int64_t)a[1] - b[1];
        int64_t forr = (int64_t)a[1] + b[1], foi = (int64_t)b[0] - a[0];
        int64_t wr = c * forr + s * foi, wi = c * foi - s * forr;
        int64_t fer31 = fer * ((int64_t)1 << 31), fei31 = fei * ((int64_t)1 << 31);
        a[0] = (int32_t)mote_dsp_rshift64(fer31 + wr, 32);
        a[1] = (int32_t)mote_dsp_rshift64(fei31 + wi, 32);
        if (b != a) {
            b[0] = (int32_t)mote_dsp_rshift64(fer31 - wr, 32);
            b[1] = (int32_t)mote_dsp_rshift64(wi - fei31, 32);
        }
    }
    *exp = e;
}

mote_status mote_dsp_rfft_fx_run_s16(const mote_dsp_rfft_fx *plan, const int16_t *in, int32_t *out,
                                     int32_t *exp)
{
    size_t n, k;
    uint32_t peak = 0;
    if (plan == NULL || plan->table == NULL || in == NULL || out == NULL || exp == NULL ||
        mote_dsp_rfft_fx_table_len(plan->n) == 0)
        return MOTE_E_ARG;
    n = plan->n;
    for (k = 0; k < n; k++) {
        uint32_t a = in[k] < 0 ? (uint32_t)(-(int32_t)in[k]) : (uint32_t)in[k];
        if (a > peak) peak = a;
    }
    for (k = 0; k < n; k++)
        out[k] = in[k];
    rfft_fx_core(plan, out, load_normalise(out, n, peak), exp);
    return MOTE_OK;
}

mote_status mote_dsp_rfft_fx_run_s32(const mote_dsp_rfft_fx *plan, const int32_t *in, int32_t *out,
                                     int32_t *exp)
{
    size_t n, k;
    if (plan == NULL || plan->table == NULL || in == NULL || out == NULL || exp == NULL ||
        mote_dsp_rfft_fx_table_len(plan->n) == 0)
        return MOTE_E_ARG;
    n = plan->n;
    if (in != out)
        for (k = 0; k < n; k++)
            out[k] = in[k];
    rfft_fx_core(plan, out, load_normalise(out, n, block_peak(out, n)), exp);
    return MOTE_OK;
}
