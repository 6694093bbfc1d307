/*
 * kws.c — keyword spotting: WAV in, spoken word out.
 *
 * Computes the MLPerf Tiny KWS features with src/dsp (kws_features.c),
 * quantizes them into the model input's scale and zero point, runs the
 * DS-CNN through the public API and prints the word:
 *
 *     kws [--model M.tflite] [--fixed] CLIP.wav      label=yes score=0.996
 *     kws [--model M.tflite] --stream LONG.wav       one line per detection
 *     kws --time ...                                 adds "cost ..." (front-end and
 *                                                    model, ns) and the arena
 *
 * The WAV must be 16 kHz, 16-bit PCM; stereo (or more channels) is mixed
 * down by averaging. One-shot mode classifies the first second (zero padded
 * when shorter). --fixed computes the features with the integer-only path.
 *
 * Streaming mode keeps, per 20 ms frame, the 40 mel energies of the raw
 * samples and the frame's largest sample. Every 100 ms it builds the last
 * second's features from them (the training code's division by the clip's
 * maximum is a division of the mel energies, since they are linear in the
 * samples), runs the model, and averages the posteriors of the last 4 runs.
 * A keyword is reported when the averaged score reaches 0.6; it is not
 * reported again until its averaged score falls below 0.6 or another label
 * leads, so one spoken word gives one line.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kws_features.h"
#include "mote/mote.h"

#define DEFAULT_MODEL "models/mlperf-tiny/kws_ref_model.tflite"
#define STREAM_HOP 5       /* frames between inferences (100 ms) */
#define STREAM_SMOOTH 4    /* posteriors averaged */
#define STREAM_THRESHOLD 0.6f

static int show_time;
static double cost_ns[2]; /* front-end, model */

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long n;
    if (f == NULL) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = (unsigned char *)malloc((size_t)n);
        if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
        *len = (size_t)n;
    }
    fclose(f);
    return buf;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned le16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/* Decode a 16-bit PCM WAV into mono samples (malloc'd, *n of them). */
static int16_t *wav_mono(const unsigned char *b, size_t len, size_t *n, const char **why)
{
    size_t pos = 12, data = 0, data_len = 0, i, frames;
    unsigned channels = 0, bits = 0, format = 0;
    uint32_t rate = 0;
    int16_t *out;
    if (len < 12 || memcmp(b, "RIFF", 4) != 0 || memcmp(b + 8, "WAVE", 4) != 0) {
        *why = "not a RIFF/WAVE file";
        return NULL;
    }
    while (pos + 8 <= len) {
        size_t size = le32(b + pos + 4), body = pos + 8;
        if (size > len - body) size = len - body; /* tolerate a short last chunk */
        if (memcmp(b + pos, "fmt ", 4) == 0 && size >= 16) {
            format = le16(b + body);
            channels = le16(b + body + 2);
            rate = le32(b + body + 4);
            bits = le16(b + body + 14);
            if (format == 0xFFFEu && size >= 26) format = le16(b + body + 24);
        } else if (memcmp(b + pos, "data", 4) == 0) {
            data = body;
            data_len = size;
        }
        pos = body + size + (size & 1u);
    }
    if (format != 1 || bits != 16 || channels == 0 || data == 0) {
        *why = "not 16-bit PCM";
        return NULL;
    }
    if (rate != KWS_SAMPLE_RATE) {
        *why = "sample rate is not 16000 Hz";
        return NULL;
    }
    frames = data_len / (2u * channels);
    out = (int16_t *)malloc((frames > 0 ? frames : 1) * sizeof *out);
    if (out == NULL) {
        *why = "out of memory";
        return NULL;
    }
    for (i = 0; i < frames; i++) {
        long sum = 0;
        unsigned c;
        for (c = 0; c < channels; c++)
            sum += (int16_t)le16(b + data + 2u * (i * channels + c));
        /* average, rounded half away from zero */
        out[i] = (int16_t)(sum >= 0 ? (sum + (long)channels / 2) / (long)channels
                                    : -((-sum + (long)channels / 2) / (long)channels));
    }
    *n = frames;
    return out;
}

typedef struct kws_app {
    mote_model model;
    mote_session session;
    unsigned char *model_bytes;
    unsigned char *arena_mem;
    kws_frontend fe;
} kws_app;

static int app_init(kws_app *a, const char *model_path)
{
    size_t len = 0, need;
    mote_status s;
    const mote_tensor *in, *out;
    unsigned char *arena;
    if ((a->model_bytes = read_file(model_path, &len)) == NULL) {
        fprintf(stderr, "kws: cannot read %s\n", model_path);
        return -1;
    }
    if ((s = mote_model_init(&a->model, a->model_bytes, len)) != MOTE_OK) {
        fprintf(stderr, "kws: %s: %s\n", mote_status_str(s), a->model.error.text);
        return -1;
    }
    need = mote_model_arena_size(&a->model);
    a->arena_mem = (unsigned char *)malloc(need + MOTE_ARENA_ALIGN);
    if (a->arena_mem == NULL) return -1;
    arena = a->arena_mem + (MOTE_ARENA_ALIGN - (uintptr_t)a->arena_mem % MOTE_ARENA_ALIGN) %
                               MOTE_ARENA_ALIGN;
    if ((s = mote_session_init(&a->session, &a->model, arena, need)) != MOTE_OK) {
        fprintf(stderr, "kws: session: %s\n", mote_status_str(s));
        return -1;
    }
    in = mote_input(&a->session, 0);
    out = mote_output(&a->session, 0);
    if (in == NULL || out == NULL || in->type != MOTE_INT8 ||
        in->bytes != KWS_FRAMES * KWS_MFCC || out->type != MOTE_INT8 ||
        out->bytes != KWS_CLASSES) {
        fprintf(stderr, "kws: %s is not a 49x10 int8 -> 12-class int8 model\n", model_path);
        return -1;
    }
    if (kws_frontend_init(&a->fe) != MOTE_OK) {
        fprintf(stderr, "kws: front-end set-up failed\n");
        return -1;
    }
    return 0;
}

/* Run the model on float features; probs gets the 12 dequantized scores. */
static int classify_f32(kws_app *a, const float *mfcc, float *probs)
{
    mote_tensor *in = mote_input(&a->session, 0);
    const mote_tensor *out;
    const int8_t *q;
    int i;
    if (mote_dsp_quantize_f32_s8(mfcc, KWS_FRAMES * KWS_MFCC, in->scale, in->zero_point,
                                 (int8_t *)in->data) != MOTE_OK ||
        mote_invoke(&a->session) != MOTE_OK)
        return -1;
    out = mote_output(&a->session, 0);
    q = (const int8_t *)out->data;
    for (i = 0; i < KWS_CLASSES; i++)
        probs[i] = out->scale * (float)(q[i] - out->zero_point);
    return 0;
}

static int argmax(const float *p)
{
    int i, best = 0;
    for (i = 1; i < KWS_CLASSES; i++)
        if (p[i] > p[best]) best = i;
    return best;
}

static int run_clip(kws_app *a, const int16_t *pcm, size_t n, int fixed)
{
    static int16_t clip[KWS_CLIP];
    static float mfcc[KWS_FRAMES * KWS_MFCC];
    static int32_t mfcc_q16[KWS_FRAMES * KWS_MFCC];
    float probs[KWS_CLASSES];
    size_t i;
    int best;
    double t0 = now_ns();
    for (i = 0; i < KWS_CLIP; i++)
        clip[i] = i < n ? pcm[i] : 0;
    if (fixed) {
        mote_tensor *in = mote_input(&a->session, 0);
        mote_dsp_quant_q16 q;
        const int8_t *o;
        const mote_tensor *out;
        if (kws_features_s16(&a->fe, clip, mfcc_q16, NULL) != MOTE_OK ||
            mote_dsp_quant_q16_init(&q, in->scale, in->zero_point) != MOTE_OK ||
            mote_dsp_quantize_q16_s8(&q, mfcc_q16, KWS_FRAMES * KWS_MFCC, (int8_t *)in->data) !=
                MOTE_OK)
            return -1;
        cost_ns[0] += now_ns() - t0;
        t0 = now_ns();
        if (mote_invoke(&a->session) != MOTE_OK) return -1;
        cost_ns[1] += now_ns() - t0;
        out = mote_output(&a->session, 0);
        o = (const int8_t *)out->data;
        for (i = 0; i < KWS_CLASSES; i++)
            probs[i] = out->scale * (float)(o[i] - out->zero_point);
    } else {
        if (kws_features_f32(&a->fe, clip, mfcc, NULL) != MOTE_OK) return -1;
        cost_ns[0] += now_ns() - t0;
        t0 = now_ns();
        if (classify_f32(a, mfcc, probs) != 0) return -1; /* quantize + invoke */
        cost_ns[1] += now_ns() - t0;
    }
    best = argmax(probs);
    printf("label=%s score=%.3f\n", kws_labels[best], (double)probs[best]);
    if (show_time)
        printf("cost frontend=%.0f model=%.0f unit=ns invokes=1 arena=%lu\n", cost_ns[0],
               cost_ns[1], (unsigned long)mote_model_arena_size(&a->model));
    return 0;
}

/* Mel energies of raw frame t (samples as they are) and its largest sample. */
static int stream_frame(kws_app *a, const int16_t *pcm, size_t n, size_t t, float *mel,
                        int32_t *fmax)
{
    const mote_dsp_mfcc *f = &a->fe.mfcc;
    float *buf = (float *)(void *)a->fe.scratch; /* fft_len + 2 floats */
    float *spec = buf + f->p.fft_len + 2;
    size_t i;
    int32_t m = INT32_MIN;
    if (mote_dsp_frame_s16_f32(pcm, n, KWS_FRAME, KWS_STEP, t, 1.0f, f->window, buf,
                               f->p.fft_len) != MOTE_OK ||
        mote_dsp_rfft_f32_run(&f->fft, buf, buf) != MOTE_OK ||
        mote_dsp_magnitude_f32(buf, f->p.fft_len / 2 + 1, spec) != MOTE_OK ||
        mote_dsp_mel_apply_f32(&f->mel, spec, mel) != MOTE_OK)
        return -1;
    for (i = 0; i < KWS_FRAME; i++)
        if (pcm[t * KWS_STEP + i] > m) m = pcm[t * KWS_STEP + i];
    *fmax = m;
    return 0;
}

static int run_stream(kws_app *a, const int16_t *pcm, size_t n)
{
    static float mel[KWS_FRAMES][KWS_MEL];
    static float mfcc[KWS_FRAMES * KWS_MFCC];
    int32_t fmax[KWS_FRAMES];
    float hist[STREAM_SMOOTH][KWS_CLASSES];
    size_t frames = mote_dsp_frame_count(n, KWS_FRAME, KWS_STEP), t;
    const mote_dsp_mfcc *f = &a->fe.mfcc;
    int runs = 0, detections = 0, armed_label = -1;
    if ((f->p.fft_len + 2 + f->p.fft_len / 2 + 1) * sizeof(float) > sizeof a->fe.scratch) return -1;
    for (t = 0; t < frames; t++) {
        size_t j, slot = t % KWS_FRAMES;
        int32_t peak = 0;
        float avg[KWS_CLASSES], tlog[KWS_MEL];
        int c, best, h;
        if (stream_frame(a, pcm, n, t, mel[slot], &fmax[slot]) != 0) return -1;
        if (t + 1 < KWS_FRAMES || (t + 1 - KWS_FRAMES) % STREAM_HOP != 0) continue;
        for (j = 0; j < KWS_FRAMES; j++)
            if (fmax[j] > peak) peak = fmax[j];
        if (peak <= 0) peak = 32768;
        for (j = 0; j < KWS_FRAMES; j++) { /* oldest frame first */
            const float *m = mel[(t + 1 + j) % KWS_FRAMES];
            for (c = 0; c < KWS_MEL; c++)
                tlog[c] = m[c] / (float)peak;
            if (mote_dsp_log_f32(tlog, KWS_MEL, f->p.log_offset, tlog) != MOTE_OK ||
                mote_dsp_dct_apply_f32(f->dct, KWS_MFCC, KWS_MEL, tlog, mfcc + j * KWS_MFCC) !=
                    MOTE_OK)
                return -1;
        }
        if (classify_f32(a, mfcc, hist[runs % STREAM_SMOOTH]) != 0) return -1;
        runs++;
        h = runs < STREAM_SMOOTH ? runs : STREAM_SMOOTH;
        for (c = 0; c < KWS_CLASSES; c++) {
            int r;
            avg[c] = 0.0f;
            for (r = 0; r < h; r++)
                avg[c] += hist[r][c] / (float)h;
        }
        best = argmax(avg);
        if (armed_label >= 0 && (best != armed_label || avg[best] < STREAM_THRESHOLD))
            armed_label = -1; /* the last word is over: listen again */
        if (best < 10 && avg[best] >= STREAM_THRESHOLD && armed_label < 0) {
            double end = (double)(t * KWS_STEP + KWS_FRAME) / KWS_SAMPLE_RATE;
            printf("t=%.2fs label=%s score=%.3f\n", end, kws_labels[best], (double)avg[best]);
            armed_label = best;
            detections++;
        }
    }
    printf("detections=%d windows=%d\n", detections, runs);
    return 0;
}

int main(int argc, char **argv)
{
    static kws_app app;
    const char *model_path = DEFAULT_MODEL, *wav_path = NULL, *why = "";
    int stream = 0, fixed = 0, i, rc;
    unsigned char *wav;
    int16_t *pcm;
    size_t wav_len = 0, n = 0;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--stream") == 0)
            stream = 1;
        else if (strcmp(argv[i], "--fixed") == 0)
            fixed = 1;
        else if (strcmp(argv[i], "--time") == 0)
            show_time = 1;
        else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
            model_path = argv[++i];
        else if (argv[i][0] != '-' && wav_path == NULL)
            wav_path = argv[i];
        else
            wav_path = NULL, i = argc;
    }
    if (wav_path == NULL || (stream && fixed)) {
        fprintf(stderr, "usage: %s [--model M.tflite] [--fixed | --stream] [--time] FILE.wav\n", argv[0]);
        return 2;
    }
    if ((wav = read_file(wav_path, &wav_len)) == NULL) {
        fprintf(stderr, "kws: cannot read %s\n", wav_path);
        return 1;
    }
    if ((pcm = wav_mono(wav, wav_len, &n, &why)) == NULL) {
        fprintf(stderr, "kws: %s: %s\n", wav_path, why);
        return 1;
    }
    if (app_init(&app, model_path) != 0) return 1;
    rc = stream ? run_stream(&app, pcm, n) : run_clip(&app, pcm, n, fixed);
    if (rc != 0) fprintf(stderr, "kws: processing failed\n");
    free(pcm);
    free(wav);
    free(app.arena_mem);
    free(app.model_bytes);
    return rc != 0;
}
