/*
 * dsp/dsp.h — audio and image front-ends: framing, windows, real FFT, spectra, mel
 * filterbank, log, DCT-II (MFCC) and feature quantization. Heap-free C99.
 *
 * Two arithmetic paths, one per core type:
 *   - float (_f32): single precision, for cores with an FPU and the host;
 *   - fixed point (_s16, _q15, _q16): int16 samples in, integer arithmetic
 *     only at run time, for cores without an FPU. Table set-up functions
 *     (windows, twiddles, mel weights, DCT matrix, quantization multiplier)
 *     use libm once; run them on the host and keep the tables const when the
 *     target has no FPU.
 *
 * Conventions
 *   - Every buffer is the caller's; nothing is allocated and nothing global is
 *     written, so several front-ends run side by side. Functions that need a
 *     working buffer have a *_scratch_bytes / *_mem_bytes query.
 *   - A complex spectrum is interleaved: re0, im0, re1, im1, ...; a real FFT
 *     of n points gives n/2 + 1 bins (n + 2 values).
 *   - Fixed-point values carry a block exponent: the real value is
 *     mantissa * 2^exp, exp shared by the whole block.
 *   - Q15: int16 with 15 fractional bits (1.0 is 32767); Q16: int32 with 16
 *     fractional bits.
 *   - Every function that can fail returns a mote_status: MOTE_OK, or
 *     MOTE_E_ARG for a NULL pointer, a size out of range or a buffer too
 *     small. On failure the outputs are unspecified.
 *
 * The MFCC conventions match TensorFlow's tf.signal (stft with a periodic
 * Hann window, linear_to_mel_weight_matrix with the HTK mel scale and the DC
 * bin zeroed, mfccs_from_log_mel_spectrograms = DCT-II * sqrt(2 / n_mel)),
 * which is how the MLPerf Tiny keyword-spotting model was trained.
 */
#ifndef MOTE_DSP_DSP_H
#define MOTE_DSP_DSP_H

#include <stddef.h>
#include <stdint.h>

#include "mote/status.h"

/* Largest FFT size the real FFTs accept (a power of two). */
#define MOTE_DSP_FFT_MAX 65536u

/* ------------------------------------------------------------------------
 * Windows (window.c)
 * ------------------------------------------------------------------------ */

typedef enum mote_dsp_window_kind {
    MOTE_DSP_WINDOW_HANN = 0,   /* 0.5 - 0.5 cos(2 pi i / D) */
    MOTE_DSP_WINDOW_HAMMING = 1 /* 0.54 - 0.46 cos(2 pi i / D) */
} mote_dsp_window_kind;

/* Fill w[0..n-1] with a window. periodic != 0 gives the periodic window
 * (D = n: the DFT-even window tf.signal.hann_window(periodic=True) and
 * scipy's sym=False use); periodic == 0 the symmetric one (D = n - 1, as
 * numpy.hanning / numpy.hamming; n == 1 gives 1.0).
 * n: 1 .. 2^24 elements. Returns MOTE_OK or MOTE_E_ARG (NULL, n out of
 * range, unknown kind). */
mote_status mote_dsp_window_f32(float *w, size_t n, mote_dsp_window_kind kind, int periodic);

/* The same window in Q15 (rounded to nearest, 1.0 saturates to 32767). */
mote_status mote_dsp_window_q15(int16_t *w, size_t n, mote_dsp_window_kind kind, int periodic);

/* The same window in Q31 (1.0 saturates to 2^31 - 1). A Q15 window's
 * rounding (2^-16) leaks a pure tone into bands ~100 dB down; the fixed
 * MFCC path uses this one. */
mote_status mote_dsp_window_q31(int32_t *w, size_t n, mote_dsp_window_kind kind, int periodic);

/* x[i] *= w[i] for i < n, in place. Returns MOTE_OK or MOTE_E_ARG (NULL). */
mote_status mote_dsp_window_apply_f32(float *x, const float *w, size_t n);

/* x[i] = round(x[i] * w[i] / 2^15) for int16 samples and a Q15 window, in
 * place (round half away from zero). Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_dsp_window_apply_q15(int16_t *x, const int16_t *w, size_t n);

/* ------------------------------------------------------------------------
 * Framing (frame.c) — as tf.signal.frame with pad_end=False
 * ------------------------------------------------------------------------ */

/* Number of whole frames of frame_len samples, step samples apart, in a
 * signal of n_samples: 1 + (n_samples - frame_len) / step, or 0 when the
 * signal is shorter than one frame or frame_len / step is 0. */
size_t mote_dsp_frame_count(size_t n_samples, size_t frame_len, size_t step);

/* Copy frame `index` (samples index*step .. index*step + frame_len - 1 of
 * signal[0..n_samples-1]) into out[0..frame_len-1], multiplied by window
 * (frame_len values, or NULL for none), then zero out[frame_len..out_len-1]
 * (the FFT's zero padding). The frame must lie inside the signal.
 * Returns MOTE_OK or MOTE_E_ARG (NULL, step or frame_len 0,
 * out_len < frame_len, frame past the end). */
mote_status mote_dsp_frame_f32(const float *signal, size_t n_samples, size_t frame_len, size_t step,
                               size_t index, const float *window, float *out, size_t out_len);

/* The same for int16 samples scaled to float: out[i] = signal[j] * gain *
 * window[i]. gain is typically 1/32768 or 1/peak. */
mote_status mote_dsp_frame_s16_f32(const int16_t *signal, size_t n_samples, size_t frame_len,
                                   size_t step, size_t index, float gain, const float *window,
                                   float *out, size_t out_len);

/* The same for the fixed-point path: int16 samples, a Q15 window (or NULL),
 * out[i] = round(signal[j] * window[i] / 2^15). */
mote_status mote_dsp_frame_q15(const int16_t *signal, size_t n_samples, size_t frame_len,
                               size_t step, size_t index, const int16_t *window, int16_t *out,
                               size_t out_len);

/* ------------------------------------------------------------------------
 * Real FFT, float (fft_f32.c)
 *
 * X[k] = sum_{t<n} x[t] e^{-2 pi i k t / n}, k = 0 .. n/2 (unnormalised,
 * numpy.fft.rfft's convention). Computed as an n/2-point complex radix-2 FFT
 * of the even/odd samples plus a split step.
 * ------------------------------------------------------------------------ */

typedef struct mote_dsp_rfft_f32 {
    uint32_t n;         /* FFT size, a power of two, 4 .. MOTE_DSP_FFT_MAX */
    const float *table; /* n floats: cos, sin of 2 pi k / n for k < n/2 */
} mote_dsp_rfft_f32;

/* Floats of twiddle table an n-point real FFT needs (n), 0 if n is not a
 * power of two in 4 .. MOTE_DSP_FFT_MAX. */
size_t mote_dsp_rfft_f32_table_len(size_t n);

/* Set up an n-point real FFT, filling table (table_len floats, at least
 * mote_dsp_rfft_f32_table_len(n)); the plan points into table, which must
 * outlive it. Returns MOTE_OK or MOTE_E_ARG (NULL, bad n, table short). */
mote_status mote_dsp_rfft_f32_init(mote_dsp_rfft_f32 *plan, size_t n, float *table,
                                   size_t table_len);

/* in: n real samples. out: n + 2 floats, the n/2 + 1 complex bins
 * interleaved (im of bin 0 and bin n/2 are 0). in may equal out (then the
 * buffer must hold n + 2 floats). Returns MOTE_OK or MOTE_E_ARG (NULL or an
 * uninitialised plan). */
mote_status mote_dsp_rfft_f32_run(const mote_dsp_rfft_f32 *plan, const float *in, float *out);

/* ------------------------------------------------------------------------
 * Real FFT, fixed point with block scaling (fft_fx.c)
 *
 * int16 or int32 samples in; int32 bins out with one block exponent:
 * X[k] = out[k] * 2^exp (same unnormalised definition as above, in units of
 * the input integers). The input is first scaled (by a power of two) so its
 * largest value is as close to 2^29 as possible without exceeding it;
 * before every butterfly stage and before the split step the block is
 * shifted right (rounding) just enough that the stage cannot overflow, and
 * exp counts the shifts. Twiddles are Q31; products are 64-bit and rounded.
 * On noise, tones, quiet and impulsive inputs the result is within 140 dB
 * SNR of the exact transform (tests/dsp checks >= 120 dB).
 * ------------------------------------------------------------------------ */

typedef struct mote_dsp_rfft_fx {
    uint32_t n;           /* FFT size, a power of two, 4 .. MOTE_DSP_FFT_MAX */
    const int32_t *table; /* n values: Q31 cos, sin of 2 pi k / n for k < n/2 */
} mote_dsp_rfft_fx;

/* int32 twiddle entries an n-point fixed-point FFT needs (n), 0 if bad n. */
size_t mote_dsp_rfft_fx_table_len(size_t n);

/* Set up an n-point fixed-point real FFT (see mote_dsp_rfft_f32_init). */
mote_status mote_dsp_rfft_fx_init(mote_dsp_rfft_fx *plan, size_t n, int32_t *table,
                                  size_t table_len);

/* in: n int16 samples. out: n + 2 int32 (n/2 + 1 complex bins, interleaved).
 * *exp: the block exponent of out. Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_dsp_rfft_fx_run_s16(const mote_dsp_rfft_fx *plan, const int16_t *in, int32_t *out,
                                     int32_t *exp);

/* The same for n int32 samples of any range (e.g. int16 samples times a
 * Q31 window, kept to 2^-15); in may equal out (n + 2 values). The input's own exponent,
 * if it has one, adds to *exp. Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_dsp_rfft_fx_run_s32(const mote_dsp_rfft_fx *plan, const int32_t *in, int32_t *out,
                                     int32_t *exp);

/* ------------------------------------------------------------------------
 * Magnitude and power spectra (spectrum.c)
 * ------------------------------------------------------------------------ */

/* out[k] = |X[k]| = sqrt(re^2 + im^2) for k < bins; X interleaved complex.
 * Returns MOTE_OK or MOTE_E_ARG (NULL). */
mote_status mote_dsp_magnitude_f32(const float *x, size_t bins, float *out);

/* out[k] = re^2 + im^2. Returns MOTE_OK or MOTE_E_ARG (NULL). */
mote_status mote_dsp_power_f32(const float *x, size_t bins, float *out);

/* Fixed point: out[k] = floor(sqrt(re^2 + im^2)) (exact integer square
 * root of the 64-bit sum; fits uint32 for any int32 input), same block
 * exponent as x. Returns MOTE_OK or MOTE_E_ARG (NULL). */
mote_status mote_dsp_magnitude_s32(const int32_t *x, size_t bins, uint32_t *out);

/* Fixed point power: re^2 + im^2 shifted right (rounding) by the smallest
 * s that makes every bin fit uint32; *out_exp = 2 * in_exp + s.
 * Returns MOTE_OK or MOTE_E_ARG (NULL). */
mote_status mote_dsp_power_s32(const int32_t *x, size_t bins, int32_t in_exp, uint32_t *out,
                               int32_t *out_exp);

/* ------------------------------------------------------------------------
 * Mel filterbank (mel.c) — tf.signal.linear_to_mel_weight_matrix
 *
 * HTK mel scale: mel(f) = 1127 ln(1 + f / 700). Spectrum bin k (k < n_bins)
 * sits at f_k = k * (sample_rate / 2) / (n_bins - 1); bin 0 (DC) gets no
 * weight. Band j has edges at mel points j, j+1, j+2 of n_mel + 2 points
 * spaced evenly from mel(lower_hz) to mel(upper_hz), and weight
 * max(0, min(rising slope, falling slope)). The triangles overlap only their
 * neighbours, so each bin feeds at most two consecutive bands: the table
 * keeps, per bin, the first band and two weights (not the dense
 * n_bins x n_mel matrix).
 * ------------------------------------------------------------------------ */

typedef struct mote_dsp_mel {
    uint32_t n_bins;      /* spectrum bins (fft size / 2 + 1) */
    uint32_t n_mel;       /* bands */
    const int16_t *first; /* n_bins: first band a bin feeds, -1 for none */
    const float *w;       /* 2 n_bins: weight into band first[k], into first[k] + 1 */
    const int16_t *w_q15; /* 2 n_bins: the same weights in Q15 */
} mote_dsp_mel;

/* Bytes of table memory mote_dsp_mel_init needs for n_bins bins. */
size_t mote_dsp_mel_mem_bytes(size_t n_bins);

/* Build the filterbank in mem (mem_bytes >= mote_dsp_mel_mem_bytes(n_bins),
 * 4-byte aligned; it must outlive m). n_bins 2 .. 32769, n_mel 1 .. 1024,
 * 0 <= lower_hz < upper_hz <= sample_rate / 2.
 * Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_dsp_mel_init(mote_dsp_mel *m, size_t n_bins, size_t n_mel, float sample_rate,
                              float lower_hz, float upper_hz, void *mem, size_t mem_bytes);

/* The same table for librosa's default filterbank (librosa.filters.mel with
 * htk=False, norm=1 / "slaney", as librosa.feature.melspectrogram uses it):
 * Slaney's mel scale (linear below 1 kHz: mel = 3 f / 200; logarithmic
 * above: 15 + 27 ln(f / 1000) / ln 6.4), band edges at n_mel + 2 points
 * evenly spaced in mel from lower_hz to upper_hz, triangles computed in Hz
 * (bin k at k * (sample_rate / 2) / (n_bins - 1), DC included), each
 * scaled by 2 / (upper edge - lower edge) in Hz (equal area). The weights
 * are small (about 1e-2 and below), so the Q15 copy keeps few significant
 * bits: use mote_dsp_mel_apply_f32 with this table. Same arguments and
 * returns as mote_dsp_mel_init. */
mote_status mote_dsp_mel_init_slaney(mote_dsp_mel *m, size_t n_bins, size_t n_mel,
                                     float sample_rate, float lower_hz, float upper_hz, void *mem,
                                     size_t mem_bytes);

/* Dense weight w(k, j) of bin k in band j (for tests and inspection);
 * 0 outside the table. */
float mote_dsp_mel_weight(const mote_dsp_mel *m, size_t bin, size_t band);

/* mel[j] = sum_k spec[k] w(k, j): spec has n_bins values, mel n_mel.
 * Returns MOTE_OK or MOTE_E_ARG (NULL). */
mote_status mote_dsp_mel_apply_f32(const mote_dsp_mel *m, const float *spec, float *mel);

/* Fixed point: spec (n_bins uint32, block exponent in_exp) times the Q15
 * weights, accumulated in 64 bits, then shifted right (rounding) by the
 * smallest s that fits every band in uint32; *out_exp = in_exp - 15 + s.
 * Returns MOTE_OK or MOTE_E_ARG (NULL). */
mote_status mote_dsp_mel_apply_u32(const mote_dsp_mel *m, const uint32_t *spec, int32_t in_exp,
                                   uint32_t *mel, int32_t *out_exp);

/* ------------------------------------------------------------------------
 * Logarithm (log.c)
 * ------------------------------------------------------------------------ */

/* out[i] = ln(x[i] + offset) (natural log; the stabilised log of
 * tf.math.log(mel + 1e-6)). x may equal out. Returns MOTE_OK or
 * MOTE_E_ARG (NULL). */
mote_status mote_dsp_log_f32(const float *x, size_t n, float offset, float *out);

/* Natural log of m * 2^e in Q16, integer arithmetic only; accurate to
 * about 2^-16 (one Q16 step). m == 0 gives INT32_MIN. The result saturates
 * to the int32 range. */
int32_t mote_dsp_ln_q16(uint64_t m, int32_t e);

/* out[i] = ln(x[i] * 2^exp + off_m * 2^off_e) in Q16 (the offset keeps the
 * log finite, as log(mel + 1e-6) does; off_m = 0 for none).
 * Returns MOTE_OK or MOTE_E_ARG (NULL). */
mote_status mote_dsp_log_q16(const uint32_t *x, size_t n, int32_t exp, uint64_t off_m,
                             int32_t off_e, int32_t *out);

/* ------------------------------------------------------------------------
 * DCT-II (dct.c) — tf.signal.mfccs_from_log_mel_spectrograms
 *
 * c[k] = sqrt(2 / n_in) * sum_{i<n_in} x[i] cos(pi k (2 i + 1) / (2 n_in)),
 * k < n_out: tf.signal.dct(type=2) (which has a factor 2) times
 * 1 / sqrt(2 n_in). Unlike the orthonormal DCT the 0th coefficient is not
 * scaled by a further 1/sqrt(2).
 * ------------------------------------------------------------------------ */

/* Fill table (n_out * n_in floats, row k = output k) with the scaled
 * cosines. 1 <= n_out <= n_in <= 1024. Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_dsp_dct_table_f32(float *table, size_t n_out, size_t n_in);

/* The same in Q15; needs n_in >= 2 so every entry is within [-1, 1]
 * (1.0 saturates to 32767). */
mote_status mote_dsp_dct_table_q15(int16_t *table, size_t n_out, size_t n_in);

/* out[k] = sum_i table[k n_in + i] x[i] for k < n_out.
 * Returns MOTE_OK or MOTE_E_ARG (NULL, sizes 0). */
mote_status mote_dsp_dct_apply_f32(const float *table, size_t n_out, size_t n_in, const float *x,
                                   float *out);

/* Fixed point: Q16 in, Q15 table, Q16 out (64-bit accumulation, rounded,
 * saturated to int32). Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_dsp_dct_apply_q16(const int16_t *table, size_t n_out, size_t n_in,
                                   const int32_t *x, int32_t *out);

/* ------------------------------------------------------------------------
 * Quantization of features into a model input (quantize.c)
 * TFLite int8: q = clamp(round(x / scale) + zero_point, -128, 127).
 * ------------------------------------------------------------------------ */

/* Float features. Rounds half away from zero (TFLite's converter rounds
 * the same way). scale > 0, zero_point in -128..127.
 * Returns MOTE_OK or MOTE_E_ARG (NULL, bad scale or zero point). */
mote_status mote_dsp_quantize_f32_s8(const float *x, size_t n, float scale, int32_t zero_point,
                                     int8_t *out);

/* Fixed-point quantizer for Q16 features: 1/scale as a Q31 multiplier
 * and a right shift, computed once (with float maths) by
 * mote_dsp_quant_q16_init. */
typedef struct mote_dsp_quant_q16 {
    int32_t mult;  /* Q31 mantissa of 1 / scale, in [2^30, 2^31) */
    int32_t shift; /* total right shift applied to x * mult, 1 .. 62 */
    int32_t zero_point;
} mote_dsp_quant_q16;

/* Returns MOTE_OK or MOTE_E_ARG (NULL, scale not in [2^-20, 2^20],
 * zero point out of -128..127). */
mote_status mote_dsp_quant_q16_init(mote_dsp_quant_q16 *q, float scale, int32_t zero_point);

/* out[i] = clamp(round(x[i] / 2^16 / scale) + zero_point) with integer
 * arithmetic only. Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_dsp_quantize_q16_s8(const mote_dsp_quant_q16 *q, const int32_t *x, size_t n,
                                     int8_t *out);

/* ------------------------------------------------------------------------
 * MFCC / log-mel front-end, per frame (mfcc.c)
 *
 * One frame of frame_len samples -> window -> fft_len-point real FFT
 * (zero padded) -> magnitude (or power) spectrum -> mel filterbank ->
 * ln(mel + log_offset) -> DCT-II (first n_mfcc coefficients).
 * ------------------------------------------------------------------------ */

typedef struct mote_dsp_mfcc_params {
    uint32_t sample_rate; /* Hz, e.g. 16000 */
    uint32_t frame_len;   /* samples per frame, e.g. 480 (30 ms); <= fft_len */
    uint32_t fft_len;     /* power of two, e.g. 512 */
    uint32_t n_mel;       /* mel bands, e.g. 40; >= 2 */
    uint32_t n_mfcc;      /* DCT coefficients kept, 1 .. n_mel; e.g. 10 */
    float lower_hz;       /* e.g. 20 */
    float upper_hz;       /* e.g. 4000 */
    float log_offset;     /* e.g. 1e-6; >= 0 */
    int power;            /* 0: magnitude spectrum (|X|), 1: power (|X|^2) */
    int window_periodic;  /* 1: periodic Hann (tf.signal.stft), 0: symmetric */
    mote_dsp_window_kind window;
} mote_dsp_mfcc_params;

/* The KWS front-end of MLPerf Tiny: 16 kHz, 480-sample periodic Hann, FFT
 * 512, magnitude, 40 mel bands 20..4000 Hz, ln(x + 1e-6), 10 MFCCs. */
void mote_dsp_mfcc_params_kws(mote_dsp_mfcc_params *p);

/* A set-up front-end: tables live in the caller's memory. */
typedef struct mote_dsp_mfcc {
    mote_dsp_mfcc_params p;
    mote_dsp_rfft_f32 fft;
    mote_dsp_rfft_fx fft_fx;
    mote_dsp_mel mel;
    const float *window;       /* frame_len */
    const int32_t *window_q31; /* frame_len */
    const float *dct;          /* n_mfcc x n_mel */
    const int16_t *dct_q15;    /* n_mfcc x n_mel */
    uint64_t off_m;            /* log_offset = off_m * 2^off_e (fixed path) */
    int32_t off_e;
} mote_dsp_mfcc;

/* Table bytes for these parameters (float and fixed tables both), 0 if the
 * parameters are invalid. */
size_t mote_dsp_mfcc_mem_bytes(const mote_dsp_mfcc_params *p);

/* Scratch bytes one call of mote_dsp_mfcc_frame_f32 / _s16 needs. */
size_t mote_dsp_mfcc_scratch_bytes(const mote_dsp_mfcc_params *p);

/* Build every table in mem (mem_bytes >= mote_dsp_mfcc_mem_bytes(p),
 * 8-byte aligned; must outlive f). Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_dsp_mfcc_init(mote_dsp_mfcc *f, const mote_dsp_mfcc_params *p, void *mem,
                               size_t mem_bytes);

/* Float path. frame: frame_len samples (already scaled, e.g. to [-1, 1]).
 * scratch: mote_dsp_mfcc_scratch_bytes(p) bytes, 8-byte aligned.
 * log_mel: n_mel outputs, or NULL; mfcc: n_mfcc outputs, or NULL.
 * Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_dsp_mfcc_frame_f32(const mote_dsp_mfcc *f, const float *frame, void *scratch,
                                    size_t scratch_bytes, float *log_mel, float *mfcc);

/* Fixed path: frame of int16 samples; Q31 window (rounded to 2^-15 of a
 * sample), mote_dsp_rfft_fx_run_s32, mote_dsp_magnitude_s32 (or
 * power_s32), mote_dsp_mel_apply_u32, mote_dsp_log_q16, mote_dsp_dct_apply_q16.
 * The features are those of the
 * samples divided by peak (1 .. 65536: 32768 for the usual full-scale
 * scaling, the clip's maximum for max-normalised training data). Outputs in
 * Q16, NULL to skip. Integer arithmetic only. Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_dsp_mfcc_frame_s16(const mote_dsp_mfcc *f, const int16_t *frame, int32_t peak,
                                    void *scratch, size_t scratch_bytes, int32_t *log_mel_q16,
                                    int32_t *mfcc_q16);

/* ------------------------------------------------------------------------
 * Images (image.c): 8-bit pixels, channels interleaved (gray: 1, RGB: 3),
 * rows top-down without padding; sides 1 .. 65535, 1 .. 4 channels.
 * Integer arithmetic only.
 * ------------------------------------------------------------------------ */

/* Copy the cw x ch rectangle at (x0, y0) of a w x h image with c channels
 * into dst (cw * ch * c bytes). Returns MOTE_OK or MOTE_E_ARG (NULL, bad
 * sizes, rectangle outside the image). */
mote_status mote_dsp_image_crop_u8(const uint8_t *src, size_t w, size_t h, size_t c, size_t x0,
                                   size_t y0, size_t cw, size_t ch, uint8_t *dst);

/* Bilinear resize of sw x sh to dw x dh (c channels), with half-pixel
 * centres: output (x, y) samples the source at ((x + 0.5) sw / dw - 0.5,
 * (y + 0.5) sh / dh - 0.5), clamped to the image (cv2.INTER_LINEAR,
 * tf.image.resize(method="bilinear", antialias=False), PIL's BILINEAR when
 * enlarging). Coordinates and weights in Q16, the result rounded to
 * nearest: within 1 of the exact value; the same size copies the image.
 * No antialiasing: shrinking by more than 2 skips pixels. src and dst must
 * not overlap. Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_dsp_image_resize_bilinear_u8(const uint8_t *src, size_t sw, size_t sh, size_t c,
                                              uint8_t *dst, size_t dw, size_t dh);

/* dst[3 i .. 3 i + 2] = src[i]; src may equal dst (3 n bytes). */
mote_status mote_dsp_image_gray_to_rgb_u8(const uint8_t *src, size_t n_pixels, uint8_t *dst);

/* ITU-R BT.601 luma, as PIL's convert("L"): (19595 R + 38470 G + 7471 B +
 * 2^15) >> 16. src may equal dst. */
mote_status mote_dsp_image_rgb_to_gray_u8(const uint8_t *src, size_t n_pixels, uint8_t *dst);

#endif /* MOTE_DSP_DSP_H */
