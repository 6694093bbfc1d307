/* mel.c — triangular mel filterbank, as tf.signal.linear_to_mel_weight_matrix. */
#include <math.h>

#include "dsp/dsp.h"
#include "dsp/dsp_util.h"

#define MEL_MAX_BINS 32769u
#define MEL_MAX_BANDS 1024u

/* HTK mel scale, as tf.signal: 1127 ln(1 + f / 700). */
static double hz_to_mel(double hz)
{
    return 1127.0 * log1p(hz / 700.0);
}

static size_t first_bytes(size_t n_bins)
{
    return (2 * n_bins + 7u) & ~(size_t)7u;
}

size_t mote_dsp_mel_mem_bytes(size_t n_bins)
{
    if (n_bins < 2 || n_bins > MEL_MAX_BINS) return 0;
    return first_bytes(n_bins) + 2 * n_bins * sizeof(float) + 2 * n_bins * sizeof(int16_t);
}

/* Weight of a bin at mel position mm in band j of the evenly spaced edges. */
static double band_weight(double mm, double mel_lo, double step, size_t j)
{
    double lower = mel_lo + step * (double)j, center = mel_lo + step * (double)(j + 1);
    double upper = mel_lo + step * (double)(j + 2);
    double rise = (mm - lower) / (center - lower), fall = (upper - mm) / (upper - center);
    double w = rise < fall ? rise : fall;
    return w > 0.0 ? w : 0.0;
}

/* Slaney's mel scale (librosa, htk=False): linear below 1 kHz, log above. */
static double slaney_hz_to_mel(double hz)
{
    const double f_sp = 200.0 / 3.0, logstep = log(6.4) / 27.0;
    return hz < 1000.0 ? hz / f_sp : 15.0 + log(hz / 1000.0) / logstep;
}

static double slaney_mel_to_hz(double mel)
{
    const double f_sp = 200.0 / 3.0, logstep = log(6.4) / 27.0;
    return mel < 15.0 ? mel * f_sp : 1000.0 * exp(logstep * (mel - 15.0));
}

/* Slaney: the triangle of band j in Hz at bin frequency hz, and in *norm
 * its area normalisation (librosa norm=1 / "slaney"). */
static double slaney_weight(double hz, double mel_lo, double mel_step, size_t j, double *norm)
{
    double f0 = slaney_mel_to_hz(mel_lo + mel_step * (double)j);
    double f1 = slaney_mel_to_hz(mel_lo + mel_step * (double)(j + 1));
    double f2 = slaney_mel_to_hz(mel_lo + mel_step * (double)(j + 2));
    double rise = (hz - f0) / (f1 - f0), fall = (f2 - hz) / (f2 - f1);
    *norm = 2.0 / (f2 - f0);
    return rise < fall ? rise : fall;
}

/* Both inits: slaney picks Slaney's scale and normalisation, else HTK's. */
static mote_status mel_init(mote_dsp_mel *m, size_t n_bins, size_t n_mel, float sample_rate,
                            float lower_hz, float upper_hz, void *mem, size_t mem_bytes, int slaney)
{
    int16_t *first;
    float *w;
    int16_t *wq;
    double mel_lo, step, nyquist;
    size_t k, j;
    if (m == NULL || mem == NULL || ((uintptr_t)mem & 3u) != 0 || n_mel == 0 ||
        n_mel > MEL_MAX_BANDS || mote_dsp_mel_mem_bytes(n_bins) == 0 ||
        mem_bytes < mote_dsp_mel_mem_bytes(n_bins))
        return MOTE_E_ARG;
    if (!(sample_rate > 0.0f) || !(lower_hz >= 0.0f) || !(lower_hz < upper_hz) ||
        !(upper_hz <= sample_rate / 2.0f))
        return MOTE_E_ARG;
    first = (int16_t *)mem;
    w = (float *)(void *)((uint8_t *)mem + first_bytes(n_bins));
    wq = (int16_t *)(void *)(w + 2 * n_bins);
    nyquist = (double)sample_rate / 2.0;
    mel_lo = slaney ? slaney_hz_to_mel((double)lower_hz) : hz_to_mel((double)lower_hz);
    step = ((slaney ? slaney_hz_to_mel((double)upper_hz) : hz_to_mel((double)upper_hz)) - mel_lo) /
           (double)(n_mel + 1);
    for (k = 0; k < n_bins; k++) {
        double hz = nyquist * (double)k / (double)(n_bins - 1);
        double mm = slaney ? 0.0 : hz_to_mel(hz);
        int found = 0;
        first[k] = -1;
        w[2 * k] = w[2 * k + 1] = 0.0f;
        /* HTK leaves bin 0 (DC) out, as tf.signal does. */
        for (j = 0; j < n_mel && (slaney || k > 0); j++) {
            double norm = 1.0;
            double v = slaney ? slaney_weight(hz, mel_lo, step, j, &norm)
                              : band_weight(mm, mel_lo, step, j);
            if (v <= 0.0) continue;
            v *= norm;
            if (found == 0) {
                first[k] = (int16_t)j;
                w[2 * k] = (float)v;
            } else if (found == 1 && (size_t)first[k] + 1 == j) {
                w[2 * k + 1] = (float)v;
            } else {
                return MOTE_E_ARG; /* cannot happen: triangles overlap only neighbours */
            }
            found++;
        }
        wq[2 * k] = (int16_t)mote_dsp_round_q((double)w[2 * k], 15);
        wq[2 * k + 1] = (int16_t)mote_dsp_round_q((double)w[2 * k + 1], 15);
    }
    m->n_bins = (uint32_t)n_bins;
    m->n_mel = (uint32_t)n_mel;
    m->first = first;
    m->w = w;
    m->w_q15 = wq;
    return MOTE_OK;
}

mote_status mote_dsp_mel_init(mote_dsp_mel *m, size_t n_bins, size_t n_mel, float sample_rate,
                              float lower_hz, float upper_hz, void *mem, size_t mem_bytes)
{
    return mel_init(m, n_bins, n_mel, sample_rate, lower_hz, upper_hz, mem, mem_bytes, 0);
}

mote_status mote_dsp_mel_init_slaney(mote_dsp_mel *m, size_t n_bins, size_t n_mel,
                                     float sample_rate, float lower_hz, float upper_hz, void *mem,
                                     size_t mem_bytes)
{
    return mel_init(m, n_bins, n_mel, sample_rate, lower_hz, upper_hz, mem, mem_bytes, 1);
}

float mote_dsp_mel_weight(const mote_dsp_mel *m, size_t bin, size_t band)
{
    int16_t f;
    if (m == NULL || bin >= m->n_bins || band >= m->n_mel) return 0.0f;
    f = m->first[bin];
    if (f < 0) return 0.0f;
    if ((size_t)f == band) return m->w[2 * bin];
    if ((size_t)f + 1 == band) return m->w[2 * bin + 1];
    return 0.0f;
}

mote_status mote_dsp_mel_apply_f32(const mote_dsp_mel *m, const float *spec, float *mel)
{
    size_t k, j;
    if (m == NULL || m->first == NULL || spec == NULL || mel == NULL) return MOTE_E_ARG;
    for (j = 0; j < m->n_mel; j++)
        mel[j] = 0.0f;
    for (k = 0; k < m->n_bins; k++) {
        int16_t f = m->first[k];
        if (f < 0) continue;
        mel[f] += m->w[2 * k] * spec[k];
        if ((uint32_t)f + 1 < m->n_mel) mel[f + 1] += m->w[2 * k + 1] * spec[k];
    }
    return MOTE_OK;
}

/* One pass over the bins in order (first[] never decreases), keeping the
 * 64-bit sums of the current band and the next; a band is complete once a
 * bin feeds a later one. Returns the largest band sum; when out is not NULL
 * also stores every sum shifted right by s. */
static uint64_t mel_pass_u32(const mote_dsp_mel *m, const uint32_t *spec, int s, uint32_t *out)
{
    uint64_t acc0 = 0, acc1 = 0, peak = 0;
    uint32_t cur = 0, k;
    for (k = 0; k <= m->n_bins; k++) {
        uint32_t f = m->n_mel;
        if (k < m->n_bins) {
            if (m->first[k] < 0) continue;
            f = (uint32_t)m->first[k];
        }
        while (cur < f) {
            if (acc0 > peak) peak = acc0;
            if (out != NULL) out[cur] = (uint32_t)mote_dsp_urshift64(acc0, s);
            acc0 = acc1;
            acc1 = 0;
            cur++;
        }
        if (k < m->n_bins) {
            acc0 += (uint64_t)spec[k] * (uint16_t)m->w_q15[2 * k];
            acc1 += (uint64_t)spec[k] * (uint16_t)m->w_q15[2 * k + 1];
        }
    }
    return peak;
}

mote_status mote_dsp_mel_apply_u32(const mote_dsp_mel *m, const uint32_t *spec, int32_t in_exp,
                                   uint32_t *mel, int32_t *out_exp)
{
    uint64_t peak;
    int s = 0;
    if (m == NULL || m->first == NULL || spec == NULL || mel == NULL || out_exp == NULL)
        return MOTE_E_ARG;
    peak = mel_pass_u32(m, spec, 0, NULL);
    while (mote_dsp_urshift64(peak, s) > UINT32_MAX)
        s++;
    (void)mel_pass_u32(m, spec, s, mel);
    *out_exp = in_exp - 15 + s;
    return MOTE_OK;
}
