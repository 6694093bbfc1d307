/*
 * ww_features.h — the front-end of the MLPerf Tiny streaming wake-word
 * model (models/mlperf-tiny/str_ww_ref_model.tflite), on src/dsp.
 *
 * As mlcommons/tiny benchmark/training/streaming_wakeword computes it
 * (get_dataset.py, feature_type "lfbe"; eval_long_wav.py for a recording):
 *   - the recording is divided by its largest sample (eval_long_wav.py
 *     divides by max |x|, then the feature graph by tf.reduce_max, the
 *     signed maximum: together a division by the signed maximum);
 *   - pre-emphasis y[n] = x[n] - (1 - 2^-5) x[n-1], x[-1] = 0;
 *   - frames of 1024 samples (64 ms) every 512 (32 ms), no padding,
 *     symmetric Hamming window (tf.signal.hamming_window(periodic=False));
 *   - 1024-point FFT, power spectrum |X|^2 / 1024, floored at 1e-30;
 *   - 40 mel bands over 0 .. 8000 Hz (tf.signal.linear_to_mel_weight_matrix,
 *     HTK mel, DC bin unused);
 *   - 10 log10(mel), then (dB + 52) / 64 clipped to [0, 1];
 *   - into the int8 input as eval_long_wav.py does: truncation toward zero
 *     of x / scale + zero_point (np.array(..., dtype=np.int8)), clamped to
 *     -128 .. 127 (values above 1 / scale + zp would wrap in numpy).
 * The model takes 30 consecutive frames (~1 s): input [1, 30, 1, 40].
 *
 * Two paths: float (single precision) and fixed point (integer arithmetic
 * at run time: exact integer pre-emphasis 32 y = 32 x[n] - 31 x[n-1], Q31
 * window, block-scaled FFT, power, Q15 mel weights, Q16 log, and an integer
 * multiplier for the final scaling). Tables are built once with libm.
 */
#ifndef WW_FEATURES_H
#define WW_FEATURES_H

#include <stdint.h>

#include "dsp/dsp.h"

#define WW_RATE 16000
#define WW_FRAME 1024 /* samples per frame, also the FFT size */
#define WW_HOP 512
#define WW_MEL 40
#define WW_BINS (WW_FRAME / 2 + 1)
#define WW_FRAMES 30 /* frames per model input */

typedef struct ww_frontend {
    mote_dsp_rfft_f32 fft;
    mote_dsp_rfft_fx fft_fx;
    mote_dsp_mel mel;
    float inv_scale; /* 1 / input scale */
    float scale;
    int32_t zp;
    int64_t mult_q24; /* 2^24 / (64 * scale), for the fixed path */
    int32_t ln1024_q16;
    float fft_table[WW_FRAME];
    int32_t fft_table_fx[WW_FRAME];
    float window[WW_FRAME];
    int32_t window_q31[WW_FRAME];
    uint64_t mel_mem[1024];
    /* working memory of one frame */
    float buf[WW_FRAME + 2];
    float spec[WW_BINS];
    float melv[WW_MEL];
    int32_t bufx[WW_FRAME + 2];
    uint32_t specx[WW_BINS];
    uint32_t melx[WW_MEL];
    int32_t lnx[WW_MEL];
} ww_frontend;

/* Build the tables; scale and zero_point are the model input's.
 * Returns MOTE_OK or MOTE_E_ARG. */
mote_status ww_frontend_init(ww_frontend *f, float scale, int32_t zero_point);

/* The divisor of the benchmark: the largest sample, or 32768 when no sample
 * is positive (where the benchmark would divide by zero or a negative). */
int32_t ww_peak(const int16_t *x, size_t n, int32_t peak_so_far);

/* One frame: x holds WW_FRAME + 1 samples, the sample before the frame
 * (0 for the first frame) and then the frame; peak the divisor. out: the
 * 40 int8 model inputs. feat (may be NULL): the 40 features before
 * quantization (float path only). */
mote_status ww_frame_f32(ww_frontend *f, const int16_t *x, int32_t peak, int8_t *out, float *feat);
mote_status ww_frame_fx(ww_frontend *f, const int16_t *x, int32_t peak, int8_t *out);

#endif /* WW_FEATURES_H */
