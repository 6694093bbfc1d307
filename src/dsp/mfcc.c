/* mfcc.c — the per-frame MFCC / log-mel pipeline, float and fixed point. */
#include <math.h>

#include "dsp/dsp.h"
#include "dsp/dsp_util.h"

#define MFCC_MAX_BANDS 1024u

static size_t up8(size_t b)
{
    return (b + 7u) & ~(size_t)7u;
}

void mote_dsp_mfcc_params_kws(mote_dsp_mfcc_params *p)
{
    if (p == NULL) return;
    p->sample_rate = 16000;
    p->frame_len = 480;
    p->fft_len = 512;
    p->n_mel = 40;
    p->n_mfcc = 10;
    p->lower_hz = 20.0f;
    p->upper_hz = 4000.0f;
    p->log_offset = 1e-6f;
    p->power = 0;
    p->window_periodic = 1;
    p->window = MOTE_DSP_WINDOW_HANN;
}

static int params_ok(const mote_dsp_mfcc_params *p)
{
    return p != NULL && p->sample_rate > 0 && mote_dsp_pow2_ok(p->fft_len, MOTE_DSP_FFT_MAX) &&
           p->frame_len >= 1 && p->frame_len <= p->fft_len && p->n_mel >= 2 &&
           p->n_mel <= MFCC_MAX_BANDS && p->n_mfcc >= 1 && p->n_mfcc <= p->n_mel &&
           p->lower_hz >= 0.0f && p->lower_hz < p->upper_hz &&
           p->upper_hz <= (float)p->sample_rate / 2.0f && p->log_offset >= 0.0f &&
           (p->window == MOTE_DSP_WINDOW_HANN || p->window == MOTE_DSP_WINDOW_HAMMING);
}

/* Table layout, in order, each part 8-byte aligned. */
typedef struct {
    size_t fft_f32, fft_fx, win_f32, win_q31, mel, dct_f32, dct_q15, total;
} mem_layout;

static void layout_of(const mote_dsp_mfcc_params *p, mem_layout *l)
{
    size_t n = p->fft_len, dct = (size_t)p->n_mfcc * p->n_mel;
    l->fft_f32 = 0;
    l->fft_fx = l->fft_f32 + up8(n * sizeof(float));
    l->win_f32 = l->fft_fx + up8(n * sizeof(int32_t));
    l->win_q31 = l->win_f32 + up8(p->frame_len * sizeof(float));
    l->mel = l->win_q31 + up8(p->frame_len * sizeof(int32_t));
    l->dct_f32 = l->mel + up8(mote_dsp_mel_mem_bytes(n / 2 + 1));
    l->dct_q15 = l->dct_f32 + up8(dct * sizeof(float));
    l->total = l->dct_q15 + up8(dct * sizeof(int16_t));
}

size_t mote_dsp_mfcc_mem_bytes(const mote_dsp_mfcc_params *p)
{
    mem_layout l;
    if (!params_ok(p)) return 0;
    layout_of(p, &l);
    return l.total;
}

/* Float scratch: FFT buffer (n + 2), spectrum (n/2 + 1), mel (n_mel).
 * Fixed scratch: windowed frame / FFT (n + 2 int32), spectrum (n/2 + 1
 * uint32), mel (n_mel uint32), log-mel (n_mel int32). */
static size_t scratch_f32(const mote_dsp_mfcc_params *p)
{
    size_t n = p->fft_len;
    return up8((n + 2) * sizeof(float)) + up8((n / 2 + 1) * sizeof(float)) +
           up8(p->n_mel * sizeof(float));
}

static size_t scratch_s16(const mote_dsp_mfcc_params *p)
{
    size_t n = p->fft_len;
    return up8((n + 2) * sizeof(int32_t)) + up8((n / 2 + 1) * sizeof(uint32_t)) +
           2 * up8(p->n_mel * sizeof(int32_t));
}

size_t mote_dsp_mfcc_scratch_bytes(const mote_dsp_mfcc_params *p)
{
    size_t a, b;
    if (!params_ok(p)) return 0;
    a = scratch_f32(p);
    b = scratch_s16(p);
    return a > b ? a : b;
}

mote_status mote_dsp_mfcc_init(mote_dsp_mfcc *f, const mote_dsp_mfcc_params *p, void *mem,
                               size_t mem_bytes)
{
    mem_layout l;
    uint8_t *b = (uint8_t *)mem;
    size_t n;
    mote_status s;
    if (f == NULL || mem == NULL || ((uintptr_t)mem & 7u) != 0 || !params_ok(p)) return MOTE_E_ARG;
    layout_of(p, &l);
    if (mem_bytes < l.total) return MOTE_E_ARG;
    n = p->fft_len;
    f->p = *p;
    if ((s = mote_dsp_rfft_f32_init(&f->fft, n, (float *)(void *)(b + l.fft_f32), n)) != MOTE_OK)
        return s;
    if ((s = mote_dsp_rfft_fx_init(&f->fft_fx, n, (int32_t *)(void *)(b + l.fft_fx), n)) != MOTE_OK)
        return s;
    if ((s = mote_dsp_window_f32((float *)(void *)(b + l.win_f32), p->frame_len, p->window,
                                 p->window_periodic)) != MOTE_OK)
        return s;
    if ((s = mote_dsp_window_q31((int32_t *)(void *)(b + l.win_q31), p->frame_len, p->window,
                                 p->window_periodic)) != MOTE_OK)
        return s;
    if ((s = mote_dsp_mel_init(&f->mel, n / 2 + 1, p->n_mel, (float)p->sample_rate, p->lower_hz,
                               p->upper_hz, b + l.mel, l.dct_f32 - l.mel)) != MOTE_OK)
        return s;
    if ((s = mote_dsp_dct_table_f32((float *)(void *)(b + l.dct_f32), p->n_mfcc, p->n_mel)) !=
        MOTE_OK)
        return s;
    if ((s = mote_dsp_dct_table_q15((int16_t *)(void *)(b + l.dct_q15), p->n_mfcc, p->n_mel)) !=
        MOTE_OK)
        return s;
    f->window = (const float *)(const void *)(b + l.win_f32);
    f->window_q31 = (const int32_t *)(const void *)(b + l.win_q31);
    f->dct = (const float *)(const void *)(b + l.dct_f32);
    f->dct_q15 = (const int16_t *)(const void *)(b + l.dct_q15);
    /* log_offset = off_m * 2^off_e with a mantissa of at most 2^31, so
     * off_m * peak^2 (peak <= 2^16) still fits 64 bits. */
    f->off_m = 0;
    f->off_e = 0;
    if (p->log_offset > 0.0f) {
        int e;
        double mant = frexp((double)p->log_offset, &e);
        f->off_m = (uint64_t)floor(mant * 2147483648.0 + 0.5);
        f->off_e = e - 31;
    }
    return MOTE_OK;
}

mote_status mote_dsp_mfcc_frame_f32(const mote_dsp_mfcc *f, const float *frame, void *scratch,
                                    size_t scratch_bytes, float *log_mel, float *mfcc)
{
    const mote_dsp_mfcc_params *p;
    float *buf, *spec, *mel;
    size_t i, n;
    if (f == NULL || frame == NULL || scratch == NULL || ((uintptr_t)scratch & 7u) != 0)
        return MOTE_E_ARG;
    p = &f->p;
    if (scratch_bytes < scratch_f32(p)) return MOTE_E_ARG;
    n = p->fft_len;
    buf = (float *)scratch;
    spec = (float *)(void *)((uint8_t *)scratch + up8((n + 2) * sizeof(float)));
    mel = (float *)(void *)((uint8_t *)spec + up8((n / 2 + 1) * sizeof(float)));
    for (i = 0; i < p->frame_len; i++)
        buf[i] = frame[i] * f->window[i];
    for (; i < n; i++)
        buf[i] = 0.0f;
    (void)mote_dsp_rfft_f32_run(&f->fft, buf, buf);
    if (p->power)
        (void)mote_dsp_power_f32(buf, n / 2 + 1, spec);
    else
        (void)mote_dsp_magnitude_f32(buf, n / 2 + 1, spec);
    (void)mote_dsp_mel_apply_f32(&f->mel, spec, mel);
    (void)mote_dsp_log_f32(mel, p->n_mel, p->log_offset, mel);
    if (log_mel != NULL)
        for (i = 0; i < p->n_mel; i++)
            log_mel[i] = mel[i];
    if (mfcc != NULL) (void)mote_dsp_dct_apply_f32(f->dct, p->n_mfcc, p->n_mel, mel, mfcc);
    return MOTE_OK;
}

/* Windowed frame: int16 sample times Q31 window, rounded to 2^-15 of a
 * sample unit (|value| <= 2^30), zero padded to fft_len. Exponent -15. */
static void window_frame_s32(const mote_dsp_mfcc *f, const int16_t *frame, int32_t *out)
{
    size_t i, len = f->p.frame_len, n = f->p.fft_len;
    for (i = 0; i < len; i++)
        out[i] = (int32_t)mote_dsp_rshift64((int64_t)frame[i] * f->window_q31[i], 16);
    for (; i < n; i++)
        out[i] = 0;
}

mote_status mote_dsp_mfcc_frame_s16(const mote_dsp_mfcc *f, const int16_t *frame, int32_t peak,
                                    void *scratch, size_t scratch_bytes, int32_t *log_mel_q16,
                                    int32_t *mfcc_q16)
{
    const mote_dsp_mfcc_params *p;
    int32_t *fft, *lm, e, e2, ln_peak;
    uint32_t *spec, *mel;
    uint64_t off_m;
    size_t i, n;
    if (f == NULL || frame == NULL || scratch == NULL || ((uintptr_t)scratch & 7u) != 0 ||
        peak < 1 || peak > 65536)
        return MOTE_E_ARG;
    p = &f->p;
    if (scratch_bytes < scratch_s16(p)) return MOTE_E_ARG;
    n = p->fft_len;
    fft = (int32_t *)scratch;
    spec = (uint32_t *)(void *)((uint8_t *)fft + up8((n + 2) * sizeof(int32_t)));
    mel = (uint32_t *)(void *)((uint8_t *)spec + up8((n / 2 + 1) * sizeof(uint32_t)));
    lm = (int32_t *)(void *)((uint8_t *)mel + up8(p->n_mel * sizeof(uint32_t)));
    window_frame_s32(f, frame, fft);
    (void)mote_dsp_rfft_fx_run_s32(&f->fft_fx, fft, fft, &e);
    e -= 15;
    if (p->power)
        (void)mote_dsp_power_s32(fft, n / 2 + 1, e, spec, &e);
    else
        (void)mote_dsp_magnitude_s32(fft, n / 2 + 1, spec);
    (void)mote_dsp_mel_apply_u32(&f->mel, spec, e, mel, &e2);
    /* Features of samples / peak: ln(mel / peak^g + off) =
     * ln(mel + off * peak^g) - g ln(peak), g = 2 for power, 1 for magnitude. */
    off_m = f->off_m * (uint64_t)peak;
    ln_peak = mote_dsp_ln_q16((uint64_t)peak, 0);
    if (p->power) {
        off_m *= (uint64_t)peak;
        ln_peak *= 2;
    }
    (void)mote_dsp_log_q16(mel, p->n_mel, e2, off_m, f->off_e, lm);
    for (i = 0; i < p->n_mel; i++)
        lm[i] = mote_dsp_sat32((int64_t)lm[i] - ln_peak);
    if (log_mel_q16 != NULL)
        for (i = 0; i < p->n_mel; i++)
            log_mel_q16[i] = lm[i];
    if (mfcc_q16 != NULL)
        (void)mote_dsp_dct_apply_q16(f->dct_q15, p->n_mfcc, p->n_mel, lm, mfcc_q16);
    return MOTE_OK;
}
