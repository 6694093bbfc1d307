/* frame.c — cut a signal into (windowed, zero-padded) frames, as
 * tf.signal.frame with pad_end=False. */
#include "dsp/dsp.h"
#include "dsp/dsp_util.h"

size_t mote_dsp_frame_count(size_t n_samples, size_t frame_len, size_t step)
{
    if (frame_len == 0 || step == 0 || n_samples < frame_len) return 0;
    return 1 + (n_samples - frame_len) / step;
}

/* Start of frame index, or MOTE_E_ARG when it does not lie inside the signal. */
static mote_status frame_start(size_t n_samples, size_t frame_len, size_t step, size_t index,
                               size_t out_len, size_t *start)
{
    if (frame_len == 0 || step == 0 || out_len < frame_len) return MOTE_E_ARG;
    if (index >= mote_dsp_frame_count(n_samples, frame_len, step)) return MOTE_E_ARG;
    *start = index * step;
    return MOTE_OK;
}

mote_status mote_dsp_frame_f32(const float *signal, size_t n_samples, size_t frame_len, size_t step,
                               size_t index, const float *window, float *out, size_t out_len)
{
    size_t i, start;
    if (signal == NULL || out == NULL) return MOTE_E_ARG;
    if (frame_start(n_samples, frame_len, step, index, out_len, &start) != MOTE_OK)
        return MOTE_E_ARG;
    for (i = 0; i < frame_len; i++)
        out[i] = window != NULL ? signal[start + i] * window[i] : signal[start + i];
    for (; i < out_len; i++)
        out[i] = 0.0f;
    return MOTE_OK;
}

mote_status mote_dsp_frame_s16_f32(const int16_t *signal, size_t n_samples, size_t frame_len,
                                   size_t step, size_t index, float gain, const float *window,
                                   float *out, size_t out_len)
{
    size_t i, start;
    if (signal == NULL || out == NULL) return MOTE_E_ARG;
    if (frame_start(n_samples, frame_len, step, index, out_len, &start) != MOTE_OK)
        return MOTE_E_ARG;
    for (i = 0; i < frame_len; i++) {
        float v = (float)signal[start + i] * gain;
        out[i] = window != NULL ? v * window[i] : v;
    }
    for (; i < out_len; i++)
        out[i] = 0.0f;
    return MOTE_OK;
}

mote_status mote_dsp_frame_q15(const int16_t *signal, size_t n_samples, size_t frame_len,
                               size_t step, size_t index, const int16_t *window, int16_t *out,
                               size_t out_len)
{
    size_t i, start;
    if (signal == NULL || out == NULL) return MOTE_E_ARG;
    if (frame_start(n_samples, frame_len, step, index, out_len, &start) != MOTE_OK)
        return MOTE_E_ARG;
    for (i = 0; i < frame_len; i++) {
        int16_t v = signal[start + i];
        if (window != NULL)
            v = (int16_t)mote_dsp_sat32(mote_dsp_rshift64((int64_t)v * window[i], 15));
        out[i] = v;
    }
    for (; i < out_len; i++)
        out[i] = 0;
    return MOTE_OK;
}
