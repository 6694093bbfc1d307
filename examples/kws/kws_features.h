/*
 * kws_features.h — the MLPerf Tiny keyword-spotting front-end on src/dsp.
 *
 * The DS-CNN model (models/mlperf-tiny/kws_ref_model.tflite) was trained on
 * features computed by benchmark/training/keyword_spotting/get_dataset.py in
 * mlcommons/tiny: one second (16 000 samples, zero padded), each sample
 * divided by the clip's maximum sample (tf.reduce_max: the signed maximum,
 * not the peak magnitude), tf.signal.stft (frame 480, step 320, FFT 512,
 * periodic Hann), magnitude, 40 mel bands 20..4000 Hz (HTK), ln(mel + 1e-6),
 * mfccs_from_log_mel_spectrograms, first 10 coefficients: 49 x 10 values.
 */
#ifndef KWS_FEATURES_H
#define KWS_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "dsp/dsp.h"

#define KWS_SAMPLE_RATE 16000
#define KWS_CLIP 16000 /* samples per inference window (1 s) */
#define KWS_FRAME 480
#define KWS_STEP 320
#define KWS_FRAMES 49
#define KWS_MEL 40
#define KWS_MFCC 10
#define KWS_CLASSES 12

/* Output order of the model (tensorflow_datasets speech_commands labels). */
extern const char *const kws_labels[KWS_CLASSES];

typedef struct kws_frontend {
    mote_dsp_mfcc mfcc;
    uint64_t mem[2048];    /* tables: 16 KB, checked against the query */
    uint64_t scratch[1024]; /* per-frame working memory: 8 KB */
} kws_frontend;

/* Build the tables. Returns MOTE_OK or MOTE_E_ARG (buffers too small). */
mote_status kws_frontend_init(kws_frontend *k);

/* The divisor of the training code: the largest sample of the clip. A clip
 * with no positive sample (which the training code would turn into NaN)
 * gets 32768, full-scale scaling. */
int32_t kws_peak(const int16_t *clip, size_t n);

/* Features of one clip of KWS_CLIP samples, float path: mfcc[49 * 10] and,
 * when not NULL, log_mel[49 * 40]. */
mote_status kws_features_f32(kws_frontend *k, const int16_t *clip, float *mfcc, float *log_mel);

/* The same with the integer-only path, in Q16. */
mote_status kws_features_s16(kws_frontend *k, const int16_t *clip, int32_t *mfcc_q16,
                             int32_t *log_mel_q16);

#endif /* KWS_FEATURES_H */
