/* dct.c — DCT-II with tf.signal.mfccs_from_log_mel_spectrograms' scaling. */
#include <math.h>

#include "dsp/dsp.h"
#include "dsp/dsp_util.h"

#define DCT_MAX 1024u

static double dct_coef(size_t k, size_t i, size_t n_in)
{
    return sqrt(2.0 / (double)n_in) *
           cos(MOTE_DSP_PI * (double)k * (2.0 * (double)i + 1.0) / (2.0 * (double)n_in));
}

mote_status mote_dsp_dct_table_f32(float *table, size_t n_out, size_t n_in)
{
    size_t k, i;
    if (table == NULL || n_out == 0 || n_out > n_in || n_in > DCT_MAX) return MOTE_E_ARG;
    for (k = 0; k < n_out; k++)
        for (i = 0; i < n_in; i++)
            table[k * n_in + i] = (float)dct_coef(k, i, n_in);
    return MOTE_OK;
}

mote_status mote_dsp_dct_table_q15(int16_t *table, size_t n_out, size_t n_in)
{
    size_t k, i;
    if (table == NULL || n_out == 0 || n_out > n_in || n_in < 2 || n_in > DCT_MAX)
        return MOTE_E_ARG;
    for (k = 0; k < n_out; k++)
        for (i = 0; i < n_in; i++)
            table[k * n_in + i] = (int16_t)mote_dsp_round_q(dct_coef(k, i, n_in), 15);
    return MOTE_OK;
}

mote_status mote_dsp_dct_apply_f32(const float *table, size_t n_out, size_t n_in, const float *x,
                                   float *out)
{
    size_t k, i;
    if (table == NULL || x == NULL || out == NULL || n_out == 0 || n_in == 0) return MOTE_E_ARG;
    for (k = 0; k < n_out; k++) {
        float acc = 0.0f;
        for (i = 0; i < n_in; i++)
            acc += table[k * n_in + i] * x[i];
        out[k] = acc;
    }
    return MOTE_OK;
}

mote_status mote_dsp_dct_apply_q16(const int16_t *table, size_t n_out, size_t n_in,
                                   const int32_t *x, int32_t *out)
{
    size_t k, i;
    if (table == NULL || x == NULL || out == NULL || n_out == 0 || n_in == 0 || n_in > DCT_MAX)
        return MOTE_E_ARG;
    for (k = 0; k < n_out; k++) {
        int64_t acc = 0; /* |x| < 2^31, |c| <= 2^15, n_in <= 2^10: below 2^56 */
        for (i = 0; i < n_in; i++)
            acc += (int64_t)table[k * n_in + i] * x[i];
        out[k] = mote_dsp_sat32(mote_dsp_rshift64(acc, 15));
    }
    return MOTE_OK;
}
