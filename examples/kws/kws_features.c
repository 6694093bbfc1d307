/* kws_features.c — see kws_features.h. */
#include "kws_features.h"

const char *const kws_labels[KWS_CLASSES] = {"down", "go",    "left", "no",      "off",    "on",
                                             "right", "stop", "up",   "yes", "silence", "unknown"};

mote_status kws_frontend_init(kws_frontend *k)
{
    mote_dsp_mfcc_params p;
    mote_dsp_mfcc_params_kws(&p);
    if (k == NULL || mote_dsp_mfcc_mem_bytes(&p) > sizeof k->mem ||
        mote_dsp_mfcc_scratch_bytes(&p) > sizeof k->scratch)
        return MOTE_E_ARG;
    return mote_dsp_mfcc_init(&k->mfcc, &p, k->mem, sizeof k->mem);
}

int32_t kws_peak(const int16_t *clip, size_t n)
{
    int32_t peak = 0;
    size_t i;
    for (i = 0; i < n; i++)
        if (clip[i] > peak) peak = clip[i];
    return peak > 0 ? peak : 32768;
}

mote_status kws_features_f32(kws_frontend *k, const int16_t *clip, float *mfcc, float *log_mel)
{
    float frame[KWS_FRAME];
    int32_t peak;
    size_t t, i;
    if (k == NULL || clip == NULL || mfcc == NULL) return MOTE_E_ARG;
    peak = kws_peak(clip, KWS_CLIP);
    for (t = 0; t < KWS_FRAMES; t++) {
        mote_status s;
        /* float32 division, as the training graph does */
        for (i = 0; i < KWS_FRAME; i++)
            frame[i] = (float)clip[t * KWS_STEP + i] / (float)peak;
        s = mote_dsp_mfcc_frame_f32(&k->mfcc, frame, k->scratch, sizeof k->scratch,
                                    log_mel != NULL ? log_mel + t * KWS_MEL : NULL,
                                    mfcc + t * KWS_MFCC);
        if (s != MOTE_OK) return s;
    }
    return MOTE_OK;
}

mote_status kws_features_s16(kws_frontend *k, const int16_t *clip, int32_t *mfcc_q16,
                             int32_t *log_mel_q16)
{
    int32_t peak;
    size_t t;
    if (k == NULL || clip == NULL || mfcc_q16 == NULL) return MOTE_E_ARG;
    peak = kws_peak(clip, KWS_CLIP);
    for (t = 0; t < KWS_FRAMES; t++) {
        mote_status s = mote_dsp_mfcc_frame_s16(
            &k->mfcc, clip + t * KWS_STEP, peak, k->scratch, sizeof k->scratch,
            log_mel_q16 != NULL ? log_mel_q16 + t * KWS_MEL : NULL, mfcc_q16 + t * KWS_MFCC);
        if (s != MOTE_OK) return s;
    }
    return MOTE_OK;
}
