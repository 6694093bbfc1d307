/* ad_features.c — see ad_features.h. */
#include "ad_features.h"

#include <math.h>

mote_status ad_frontend_init(ad_frontend *f)
{
    mote_status s;
    if (f == NULL) return MOTE_E_ARG;
    if ((s = mote_dsp_rfft_f32_init(&f->fft, AD_FFT, f->fft_table, AD_FFT)) != MOTE_OK ||
        (s = mote_dsp_window_f32(f->window, AD_FFT, MOTE_DSP_WINDOW_HANN, 1)) != MOTE_OK)
        return s;
    if (mote_dsp_mel_mem_bytes(AD_BINS) > sizeof f->mel_mem) return MOTE_E_ARG;
    return mote_dsp_mel_init_slaney(&f->mel, AD_BINS, AD_MEL, (float)AD_RATE, 0.0f,
                                    (float)AD_RATE / 2.0f, f->mel_mem, sizeof f->mel_mem);
}

mote_status ad_frame_mel(ad_frontend *f, const float *frame, float *mel)
{
    size_t i;
    if (f == NULL || frame == NULL || mel == NULL) return MOTE_E_ARG;
    for (i = 0; i < AD_FFT; i++)
        f->buf[i] = frame[i] * f->window[i];
    if (mote_dsp_rfft_f32_run(&f->fft, f->buf, f->buf) != MOTE_OK ||
        mote_dsp_power_f32(f->buf, AD_BINS, f->spec) != MOTE_OK ||
        mote_dsp_mel_apply_f32(&f->mel, f->spec, mel) != MOTE_OK)
        return MOTE_E_ARG;
    return MOTE_OK;
}

void ad_log(float *mel, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        mel[i] = 10.0f * log10f(mel[i] + 2.220446049250313e-16f);
}
