/*
 * ad_features.h — the front-end of the MLPerf Tiny anomaly-detection model
 * (models/mlperf-tiny/ad01_int8.tflite, DCASE 2020 task 2 baseline, ToyCar),
 * as its training code computes it (mlcommons/tiny benchmark/training/
 * anomaly_detection, common.py file_to_vector_array, librosa 0.6.0):
 *
 *   y = int16 / 32768 (librosa.load), one channel;
 *   librosa.feature.melspectrogram(sr=16000, n_fft=1024, hop_length=512,
 *       n_mels=128, power=2.0): STFT with center=True (the signal padded by
 *       512 samples on each side by reflection, pad_mode="reflect"), a
 *       periodic Hann window (scipy's get_window("hann", 1024)), power
 *       spectrum |X|^2, librosa's Slaney mel filterbank over 0..8000 Hz;
 *   10 log10(mel + 2.220446049250313e-16) (20 / power * log10(mel + eps));
 *   vectors of 5 consecutive frames (640 values, oldest frame first), one
 *   per frame: frames t .. t + 4.
 *
 * The benchmark's input files (normal_id_01_00000000_hist_librosa.bin) hold
 * these log-mel frames as little-endian float32, 128 per frame, frame after
 * frame (200 frames: 196 vectors; vector t = floats [128 t, 128 t + 640)).
 * Float path only: the Slaney weights are too small for Q15 (dsp.h).
 */
#ifndef AD_FEATURES_H
#define AD_FEATURES_H

#include <stdint.h>

#include "dsp/dsp.h"

#define AD_RATE 16000
#define AD_FFT 1024
#define AD_HOP 512
#define AD_BINS (AD_FFT / 2 + 1)
#define AD_MEL 128
#define AD_FRAMES 5
#define AD_DIM (AD_MEL * AD_FRAMES)

typedef struct ad_frontend {
    mote_dsp_rfft_f32 fft;
    mote_dsp_mel mel;
    float fft_table[AD_FFT];
    float window[AD_FFT];
    uint64_t mel_mem[1024];
    float buf[AD_FFT + 2];
    float spec[AD_BINS];
} ad_frontend;

mote_status ad_frontend_init(ad_frontend *f);

/* Mel power (before the log) of one frame of AD_FFT samples (in [-1, 1],
 * padding already applied): mel[AD_MEL]. */
mote_status ad_frame_mel(ad_frontend *f, const float *frame, float *mel);

/* 10 log10(mel + eps), in place. */
void ad_log(float *mel, size_t n);

#endif /* AD_FEATURES_H */
