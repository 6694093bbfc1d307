/* ww_features.c — see ww_features.h. */
#include "ww_features.h"

#include <math.h>

#define LN10 2.302585092994045684

mote_status ww_frontend_init(ww_frontend *f, float scale, int32_t zero_point)
{
    mote_status s;
    if (f == NULL || !(scale > 0.0f) || zero_point < -128 || zero_point > 127) return MOTE_E_ARG;
    f->scale = scale;
    f->inv_scale = 1.0f / scale;
    f->zp = zero_point;
    f->mult_q24 = (int64_t)floor(16777216.0 / (64.0 * (double)scale) + 0.5);
    f->ln1024_q16 = mote_dsp_ln_q16(1024u, 0);
    if ((s = mote_dsp_rfft_f32_init(&f->fft, WW_FRAME, f->fft_table, WW_FRAME)) != MOTE_OK ||
        (s = mote_dsp_rfft_fx_init(&f->fft_fx, WW_FRAME, f->fft_table_fx, WW_FRAME)) != MOTE_OK ||
        (s = mote_dsp_window_f32(f->window, WW_FRAME, MOTE_DSP_WINDOW_HAMMING, 0)) != MOTE_OK ||
        (s = mote_dsp_window_q31(f->window_q31, WW_FRAME, MOTE_DSP_WINDOW_HAMMING, 0)) != MOTE_OK)
        return s;
    if (mote_dsp_mel_mem_bytes(WW_BINS) > sizeof f->mel_mem) return MOTE_E_ARG;
    return mote_dsp_mel_init(&f->mel, WW_BINS, WW_MEL, (float)WW_RATE, 0.0f, (float)WW_RATE / 2.0f,
                             f->mel_mem, sizeof f->mel_mem);
}

int32_t ww_peak(const int16_t *x, size_t n, int32_t peak_so_far)
{
    size_t i;
    int32_t p = peak_so_far;
    for (i = 0; i < n; i++)
        if (x[i] > p) p = x[i];
    return p;
}

/* trunc(t) clamped to int8, as a float -> int8 cast in numpy (saturating). */
static int8_t trunc_s8_f(float t)
{
    if (t >= 127.0f) return 127;
    if (t <= -128.0f) return -128;
    return (int8_t)t; /* C casts truncate toward zero */
}

mote_status ww_frame_f32(ww_frontend *f, const int16_t *x, int32_t peak, int8_t *out, float *feat)
{
    const float c = 1.0f - 1.0f / 32.0f, g = 1.0f / (float)peak;
    size_t i;
    if (f == NULL || x == NULL || out == NULL || peak <= 0) return MOTE_E_ARG;
    for (i = 0; i < WW_FRAME; i++) {
        float cur = (float)x[i + 1] * g, prev = (float)x[i] * g;
        f->buf[i] = (cur - c * prev) * f->window[i];
    }
    if (mote_dsp_rfft_f32_run(&f->fft, f->buf, f->buf) != MOTE_OK ||
        mote_dsp_power_f32(f->buf, WW_BINS, f->spec) != MOTE_OK)
        return MOTE_E_ARG;
    for (i = 0; i < WW_BINS; i++) {
        float p = f->spec[i] / (float)WW_FRAME;
        f->spec[i] = p > 1e-30f ? p : 1e-30f;
    }
    if (mote_dsp_mel_apply_f32(&f->mel, f->spec, f->melv) != MOTE_OK) return MOTE_E_ARG;
    for (i = 0; i < WW_MEL; i++) {
        float db = 10.0f * log10f(f->melv[i]);
        float v = (db + 52.0f) / 64.0f;
        v = v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v;
        if (feat != NULL) feat[i] = v;
        out[i] = trunc_s8_f(v / f->scale + (float)f->zp);
    }
    return MOTE_OK;
}

/* Round half away from zero of x / 2^s, s >= 1. */
static int64_t rshift_round(int64_t x, int s)
{
    int64_t half = (int64_t)1 << (s - 1);
    return x >= 0 ? (x + half) >> s : -((-x + half) >> s);
}

mote_status ww_frame_fx(ww_frontend *f, const int16_t *x, int32_t peak, int8_t *out)
{
    /* 10 / ln 10 in Q16 */
    const int64_t k_db = 284619; /* round(4.342944819 * 65536) */
    int32_t exp = 0, pexp = 0, mexp = 0, ln_peak;
    size_t i;
    if (f == NULL || x == NULL || out == NULL || peak <= 0) return MOTE_E_ARG;
    for (i = 0; i < WW_FRAME; i++) {
        /* 32 y = 32 x[n] - 31 x[n-1], exact; times the Q31 window and 2^7:
         * v = y w 2^12 */
        int64_t y32 = 32 * (int64_t)x[i + 1] - 31 * (int64_t)x[i];
        f->bufx[i] = (int32_t)rshift_round(y32 * f->window_q31[i], 24);
    }
    if (mote_dsp_rfft_fx_run_s32(&f->fft_fx, f->bufx, f->bufx, &exp) != MOTE_OK ||
        mote_dsp_power_s32(f->bufx, WW_BINS, exp - 12, f->specx, &pexp) != MOTE_OK ||
        mote_dsp_mel_apply_u32(&f->mel, f->specx, pexp, f->melx, &mexp) != MOTE_OK ||
        mote_dsp_log_q16(f->melx, WW_MEL, mexp, 0, 0, f->lnx) != MOTE_OK)
        return MOTE_E_ARG;
    ln_peak = mote_dsp_ln_q16((uint64_t)peak, 0);
    for (i = 0; i < WW_MEL; i++) {
        int64_t num, t;
        if (f->lnx[i] == INT32_MIN) {
            num = 0; /* no energy at all: the floor, far below 0 after clipping */
        } else {
            /* ln(mel / peak^2 / 1024) in Q16, then dB + 52 in Q16 */
            int64_t l = (int64_t)f->lnx[i] - 2 * (int64_t)ln_peak - f->ln1024_q16;
            num = rshift_round(l * k_db, 16) + ((int64_t)52 << 16);
            if (num < 0) num = 0;
            if (num > ((int64_t)64 << 16)) num = (int64_t)64 << 16;
        }
        /* t = num / 2^16 / (64 scale) + zp, in Q40; truncated toward zero */
        t = num * f->mult_q24 + ((int64_t)f->zp << 40);
        t = t >= 0 ? t >> 40 : -((-t) >> 40);
        out[i] = (int8_t)(t > 127 ? 127 : t < -128 ? -128 : t);
    }
    return MOTE_OK;
}
