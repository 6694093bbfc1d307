/*
 * wakeword.c — streaming wake-word detection: WAV in, "marvin" events out.
 *
 *     wakeword [--model M.tflite] [--fixed | --float] [--threshold P] [--time]
 *              [--dump FEATURES.bin] RECORDING.wav
 *
 * Streams the recording frame by frame through the front-end of the MLPerf
 * Tiny streaming wake-word model (ww_features.h: 40 log-mel energies of 64 ms
 * Hamming windows every 32 ms over 0..8 kHz) and, once 30 frames (~1 s) are
 * in, runs the model (models/mlperf-tiny/str_ww_ref_model.tflite) after
 * every new frame, on the last 30. The model's first output is the
 * probability of "marvin" (then silence, unknown). Like the benchmark's
 * eval_long_wav.py, a window whose marvin score exceeds the threshold
 * (0.95) is a detection; a run of consecutive such windows is one event,
 * printed once, when it starts:
 *
 *     marvin t=1.98s score=0.996          (t: end of the window)
 *     summary detections=1 windows=282 max_score=0.996 arena=12080
 *
 * Memory: one frame of samples, 30 frames of int8 features, the model's
 * arena; the recording is read twice (the first pass finds the largest
 * sample, by which the benchmark divides the whole recording) and never
 * held. The WAV must be 16 kHz 16-bit PCM; channels are averaged.
 * --fixed uses the integer-only front-end (the default on the firmware),
 * --float the single-precision one (the default on the host).
 * --time adds a "cost" line (front-end and model, see examples/common/app.h).
 * --dump writes every frame's 40 int8 features (host tests).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "wakeword.h"
#include "ww_features.h"

#define DEFAULT_MODEL "models/mlperf-tiny/str_ww_ref_model.tflite"

#ifndef WW_ARENA_BYTES
#define WW_ARENA_BYTES (32u * 1024u)
#endif
#ifndef WW_MODEL_MAX
#define WW_MODEL_MAX (256u * 1024u)
#endif

static const char *const ww_labels[3] = {"marvin", "silence", "unknown"};

static ww_frontend fe;
static app_model net;
static uint8_t arena[WW_ARENA_BYTES] __attribute__((aligned(MOTE_ARENA_ALIGN)));
static int16_t frame[WW_FRAME + 1];
static int8_t feats[WW_FRAMES][WW_MEL];

static int usage(void)
{
    fprintf(stderr, "usage: wakeword [--model M.tflite] [--fixed | --float] [--threshold P] "
                    "[--time] [--dump F] RECORDING.wav\n");
    return 2;
}

int wakeword_main(int argc, char **argv, const void *model, size_t model_len, int fixed)
{
    const char *model_path = DEFAULT_MODEL, *wav_path = NULL, *dump_path = NULL, *why = "";
    float threshold = 0.95f, max_score = 0.0f;
    app_wav wav;
    FILE *dump = NULL;
    size_t t = 0, windows = 0;
    int32_t peak = 0;
    int i, detections = 0, armed = 1;
    mote_tensor *in;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
            model_path = argv[++i];
        else if (strcmp(argv[i], "--fixed") == 0)
            fixed = 1;
        else if (strcmp(argv[i], "--float") == 0)
            fixed = 0;
        else if (strcmp(argv[i], "--threshold") == 0 && i + 1 < argc)
            threshold = (float)atof(argv[++i]);
        else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
            dump_path = argv[++i];
        else if (argv[i][0] != '-' && wav_path == NULL)
            wav_path = argv[i];
        else
            return usage();
    }
    if (wav_path == NULL) return usage();
    if (model == NULL) {
        static uint8_t bytes[WW_MODEL_MAX] __attribute__((aligned(16)));
        if (app_read_file(model_path, bytes, sizeof bytes, &model_len) != 0) return 1;
        model = bytes;
    }
    if (app_model_init(&net, model, model_len, arena, sizeof arena, "wakeword") != 0) return 1;
    in = mote_input(&net.session, 0);
    if (in == NULL || in->type != MOTE_INT8 || in->bytes != WW_FRAMES * WW_MEL ||
        mote_output(&net.session, 0)->bytes != 3) {
        fprintf(stderr, "wakeword: the model is not a [1,30,1,40] int8 -> 3-class model\n");
        return 1;
    }
    if (ww_frontend_init(&fe, in->scale, in->zero_point) != MOTE_OK) {
        fprintf(stderr, "wakeword: front-end set-up failed\n");
        return 1;
    }
    if (app_wav_open(&wav, wav_path, &why) != 0 || wav.rate != WW_RATE) {
        fprintf(stderr, "wakeword: %s: %s\n", wav_path, wav.rate != WW_RATE ? "not 16 kHz" : why);
        return 1;
    }
    if (dump_path != NULL && (dump = fopen(dump_path, "wb")) == NULL) {
        fprintf(stderr, "wakeword: cannot write %s\n", dump_path);
        return 1;
    }

    /* Pass 1: the largest sample. */
    for (;;) {
        size_t n = app_wav_read(&wav, frame, WW_FRAME);
        if (n == 0) break;
        app_cost_begin(APP_COST_FRONTEND);
        peak = ww_peak(frame, n, peak);
        app_cost_end(APP_COST_FRONTEND);
    }
    if (peak <= 0) peak = 32768;
    if (app_wav_rewind(&wav) != 0) return 1;

    /* Pass 2: frame by frame. frame[0] is the sample before the frame. */
    frame[0] = 0;
    if (app_wav_read(&wav, frame + 1, WW_FRAME) == WW_FRAME) {
        for (;;) {
            int8_t *slot = feats[t % WW_FRAMES];
            mote_status s;
            app_cost_begin(APP_COST_FRONTEND);
            s = fixed ? ww_frame_fx(&fe, frame, peak, slot)
                      : ww_frame_f32(&fe, frame, peak, slot, NULL);
            app_cost_end(APP_COST_FRONTEND);
            if (s != MOTE_OK) return 1;
            if (dump != NULL) fwrite(slot, 1, WW_MEL, dump);
            t++;
            if (t >= WW_FRAMES) {
                const int8_t *o;
                const mote_tensor *out;
                float p;
                size_t j;
                for (j = 0; j < WW_FRAMES; j++) /* oldest frame first */
                    memcpy((int8_t *)in->data + j * WW_MEL, feats[(t + j) % WW_FRAMES], WW_MEL);
                app_cost_begin(APP_COST_MODEL);
                s = mote_invoke(&net.session);
                app_cost_end(APP_COST_MODEL);
                if (s != MOTE_OK) {
                    fprintf(stderr, "wakeword: invoke: %s\n", mote_status_str(s));
                    return 1;
                }
                out = mote_output(&net.session, 0);
                o = (const int8_t *)out->data;
                p = out->scale * (float)(o[0] - out->zero_point);
                windows++;
                if (p > max_score) max_score = p;
                if (p > threshold && armed) {
                    double end = (double)((t - 1) * WW_HOP + WW_FRAME) / WW_RATE;
                    printf("%s t=%.2fs score=%.3f\n", ww_labels[0], end, (double)p);
                    detections++;
                    armed = 0;
                } else if (p <= threshold) {
                    armed = 1;
                }
            }
            /* slide by one hop */
            memmove(frame, frame + WW_HOP, (WW_FRAME - WW_HOP + 1) * sizeof frame[0]);
            if (app_wav_read(&wav, frame + WW_FRAME - WW_HOP + 1, WW_HOP) != WW_HOP) break;
        }
    }
    app_wav_close(&wav);
    if (dump != NULL) fclose(dump);
    printf("summary detections=%d windows=%lu max_score=%.3f arena=%lu\n", detections,
           (unsigned long)windows, (double)max_score, (unsigned long)net.arena_bytes);
    app_cost_print();
    return 0;
}

#ifndef APP_FIRMWARE
#include "cost_host.h"
int main(int argc, char **argv)
{
    int i, j;
    for (i = j = 0; i < argc; i++) { /* --time is the host's; the rest is shared */
        if (strcmp(argv[i], "--time") == 0)
            app_cost_enable_host();
        else
            argv[j++] = argv[i];
    }
    return wakeword_main(j, argv, NULL, 0, 0);
}
#endif
