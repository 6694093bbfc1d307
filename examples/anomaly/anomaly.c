/*
 * anomaly.c — predictive maintenance: machine sound in, anomaly score out,
 * a few bytes upstream only when something is wrong.
 *
 *     anomaly [--model M.tflite] [--threshold T] [--hysteresis H] [--device ID]
 *             [--quiet] [--add-tone HZ:DBFS] [--time] [--dump F] FILE
 *
 * FILE is either the benchmark's log-mel input (float32 frames of 128
 * values, e.g. models/mlperf-tiny/data/normal_id_01_00000000_hist_librosa.bin)
 * or a 16 kHz 16-bit PCM WAV, from which the same 128-bin log-mel frames are
 * computed as the benchmark's librosa code does (ad_features.h). A 640-value
 * window (5 frames) slides one frame at a time; for each, the autoencoder
 * (models/mlperf-tiny/ad01_int8.tflite) reconstructs it and the anomaly
 * score is the mean squared error between the window and its
 * reconstruction (as the benchmark's 01_test.py / 03_tflite_test.py):
 *
 *     window=0 t=0.16s score=10.386
 *     ...
 *     summary windows=196 score=10.265 max=12.469 threshold=15.000 alerts=0 bytes=0
 *             duration=6.40s bytes_per_hour=0 arena=2304
 *
 * (one line; "score" is the mean over the windows, the benchmark's per-file
 * score). --quiet drops the per-window lines.
 *
 * ALERT RECORD. When a window's score rises above the threshold (the
 * first window above it since the alert was last re-armed), the node would send one 24-byte record upstream, printed in hex:
 *
 *     alert window=37 t=1.34s score=21.503 record=a101...
 *
 *   offset size  field (little-endian)
 *    0     1     version: 1
 *    1     1     type: 1 = anomaly score above threshold
 *    2     2     device id (uint16, --device, default 1)
 *    4     4     time: ms since the stream started, at the end of the window
 *                (uint32)
 *    8     4     window index (uint32)
 *   12     4     score (IEEE 754 binary32)
 *   16     4     threshold (IEEE 754 binary32)
 *   20     4     CRC-32 (zlib's crc32, IEEE 802.3) of bytes 0 .. 19
 *
 * Nothing is sent while the machine sounds normal; a fault that persists
 * costs one record: the alert re-arms only once a window scores below
 * threshold - hysteresis (--hysteresis, default 10 % of the threshold), so
 * a score hovering around the threshold does not chatter.
 * The summary extrapolates the bytes sent to one hour of this input.
 *
 * --add-tone HZ:DBFS adds a synthetic fault: a sine of HZ hertz at DBFS
 * (peak, relative to full scale; e.g. 4000:-40). For a WAV it is added to
 * the samples; for log-mel input (where the waveform is gone) its mel power
 * spectrum (that of the same sine through the same window and filterbank)
 * is added to every frame's mel power. --threshold (default 15) is the
 * alert level; the normal sample's windows score 8.1 .. 12.5.
 * Times: frame t covers samples (t - 1) * 512 .. t * 512 + 511 (center=True),
 * a window ends with its last frame.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ad_features.h"
#include "anomaly.h"
#include "app.h"

#define DEFAULT_MODEL "models/mlperf-tiny/ad01_int8.tflite"
#define RECORD_BYTES 24
#define RING 4096 /* samples of WAV kept: a frame and its reflected edges */

#ifndef AD_ARENA_BYTES
#define AD_ARENA_BYTES (16u * 1024u)
#endif
#ifndef AD_MODEL_MAX
#define AD_MODEL_MAX (512u * 1024u)
#endif

static ad_frontend fe;
static app_model net;
static uint8_t arena[AD_ARENA_BYTES] __attribute__((aligned(MOTE_ARENA_ALIGN)));
static float frames[AD_FRAMES][AD_MEL]; /* ring of log-mel frames */
static float window[AD_DIM];
static float framebuf[AD_FFT];
static float tone_mel[AD_MEL];
static int16_t ring[RING];

typedef struct ad_state {
    float threshold, hysteresis, tone_amp, tone_hz, sum, max;
    unsigned device;
    int quiet, above;
    unsigned long windows, alerts;
} ad_state;

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v & 0xFFFFu);
    put16(p + 2, v >> 16);
}

static uint32_t f32_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

/* The 24-byte alert record (format above). */
static void make_record(uint8_t *r, unsigned device, uint32_t time_ms, uint32_t window_index,
                        float score, float threshold)
{
    r[0] = 1;
    r[1] = 1;
    put16(r + 2, device & 0xFFFFu);
    put32(r + 4, time_ms);
    put32(r + 8, window_index);
    put32(r + 12, f32_bits(score));
    put32(r + 16, f32_bits(threshold));
    put32(r + 20, app_crc32(r, 20));
}

/* Score the window of frames t-4 .. t (t >= 4) and report. */
static int score_window(ad_state *st, size_t t)
{
    mote_tensor *in = mote_input(&net.session, 0);
    const mote_tensor *out;
    const int8_t *o;
    float err = 0.0f, score;
    size_t j, i;
    unsigned long w = (unsigned long)(t - (AD_FRAMES - 1));
    uint32_t time_ms = (uint32_t)(((uint64_t)t * AD_HOP + AD_HOP) * 1000u / AD_RATE);
    mote_status s;
    app_cost_begin(APP_COST_FRONTEND);
    for (j = 0; j < AD_FRAMES; j++) /* oldest frame first */
        memcpy(window + j * AD_MEL, frames[(t + 1 + j) % AD_FRAMES], sizeof frames[0]);
    s = mote_dsp_quantize_f32_s8(window, AD_DIM, in->scale, in->zero_point, (int8_t *)in->data);
    app_cost_end(APP_COST_FRONTEND);
    if (s != MOTE_OK) return -1;
    app_cost_begin(APP_COST_MODEL);
    s = mote_invoke(&net.session);
    app_cost_end(APP_COST_MODEL);
    if (s != MOTE_OK) {
        fprintf(stderr, "anomaly: invoke: %s\n", mote_status_str(s));
        return -1;
    }
    out = mote_output(&net.session, 0);
    o = (const int8_t *)out->data;
    for (i = 0; i < AD_DIM; i++) {
        float d = window[i] - out->scale * (float)(o[i] - out->zero_point);
        err += d * d;
    }
    score = err / (float)AD_DIM;
    st->sum += score;
    if (st->windows == 0 || score > st->max) st->max = score;
    if (!st->quiet)
        printf("window=%lu t=%.2fs score=%.3f\n", w, (double)time_ms / 1000.0, (double)score);
    if (score > st->threshold && !st->above) {
        uint8_t r[RECORD_BYTES];
        make_record(r, st->device, time_ms, (uint32_t)w, score, st->threshold);
        printf("alert window=%lu t=%.2fs score=%.3f record=", w, (double)time_ms / 1000.0,
               (double)score);
        for (i = 0; i < RECORD_BYTES; i++)
            printf("%02x", r[i]);
        printf("\n");
        st->alerts++;
    }
    if (score > st->threshold)
        st->above = 1;
    else if (score < st->threshold - st->hysteresis)
        st->above = 0;
    st->windows++;
    return 0;
}

/* Mel power of the synthetic tone alone (phase 0), for log-mel input. */
static int make_tone_mel(const ad_state *st)
{
    size_t i;
    for (i = 0; i < AD_FFT; i++)
        framebuf[i] = st->tone_amp * (float)sin(2.0 * 3.14159265358979323846 *
                                                (double)st->tone_hz * (double)i / AD_RATE);
    return ad_frame_mel(&fe, framebuf, tone_mel) == MOTE_OK ? 0 : -1;
}

static int run_bin(ad_state *st, const char *path, FILE *dump, size_t *n_frames)
{
    FILE *f = fopen(path, "rb");
    size_t t = 0;
    if (f == NULL) {
        fprintf(stderr, "anomaly: cannot open %s\n", path);
        return -1;
    }
    if (st->tone_amp > 0.0f && make_tone_mel(st) != 0) return -1;
    for (;; t++) {
        float *fr = frames[t % AD_FRAMES];
        size_t n = fread(fr, sizeof(float), AD_MEL, f), i;
        if (n != AD_MEL) {
            if (n != 0) fprintf(stderr, "anomaly: %s: a partial frame at the end (ignored)\n", path);
            break;
        }
        if (st->tone_amp > 0.0f) {
            app_cost_begin(APP_COST_FRONTEND);
            for (i = 0; i < AD_MEL; i++)
                fr[i] = 10.0f * log10f(powf(10.0f, fr[i] / 10.0f) + tone_mel[i]);
            app_cost_end(APP_COST_FRONTEND);
        }
        if (dump != NULL) fwrite(fr, sizeof(float), AD_MEL, dump);
        if (t + 1 >= AD_FRAMES && score_window(st, t) != 0) {
            fclose(f);
            return -1;
        }
    }
    fclose(f);
    *n_frames = t;
    return 0;
}

/* Sample i of the reflect-padded, scaled (and faulted) signal of n samples,
 * given ring[] holds samples [have - RING, have). */
static float sample_at(const ad_state *st, long i, size_t n)
{
    float v;
    if (i < 0) i = -i;
    if ((size_t)i >= n) i = 2 * ((long)n - 1) - i;
    v = (float)ring[(size_t)i % RING] / 32768.0f;
    if (st->tone_amp > 0.0f)
        v += st->tone_amp *
             (float)sin(2.0 * 3.14159265358979323846 * (double)st->tone_hz * (double)i / AD_RATE);
    return v;
}

static int run_wav(ad_state *st, const char *path, FILE *dump, size_t *n_frames)
{
    app_wav wav;
    const char *why = "";
    size_t n, have = 0, t, count;
    if (app_wav_open(&wav, path, &why) != 0 || wav.rate != AD_RATE) {
        fprintf(stderr, "anomaly: %s: %s\n", path, wav.rate != AD_RATE ? "not 16 kHz" : why);
        return -1;
    }
    n = wav.frames;
    if (n <= AD_FFT / 2) { /* reflection needs more than n_fft / 2 samples */
        fprintf(stderr, "anomaly: %s: shorter than %d samples\n", path, AD_FFT / 2 + 1);
        return -1;
    }
    count = 1 + n / AD_HOP;
    for (t = 0; t < count; t++) {
        long start = (long)(t * AD_HOP) - AD_FFT / 2;
        size_t need = t * AD_HOP + AD_FFT / 2, i;
        float *fr = frames[t % AD_FRAMES];
        if (need > n) need = n;
        while (have < need) { /* read ahead, in pieces that do not wrap the ring */
            size_t k = need - have, room = RING - have % RING, got;
            if (k > room) k = room;
            got = app_wav_read(&wav, ring + have % RING, k);
            if (got == 0) {
                fprintf(stderr, "anomaly: %s: short read\n", path);
                return -1;
            }
            have += got;
        }
        app_cost_begin(APP_COST_FRONTEND);
        for (i = 0; i < AD_FFT; i++)
            framebuf[i] = sample_at(st, start + (long)i, n);
        if (ad_frame_mel(&fe, framebuf, fr) != MOTE_OK) return -1;
        ad_log(fr, AD_MEL);
        app_cost_end(APP_COST_FRONTEND);
        if (dump != NULL) fwrite(fr, sizeof(float), AD_MEL, dump);
        if (t + 1 >= AD_FRAMES && score_window(st, t) != 0) return -1;
    }
    app_wav_close(&wav);
    *n_frames = count;
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: anomaly [--model M.tflite] [--threshold T] [--hysteresis H] [--device ID] [--quiet] "
                    "[--add-tone HZ:DBFS] [--time] [--dump F] FILE.bin|FILE.wav\n");
    return 2;
}

int anomaly_main(int argc, char **argv, const void *model, size_t model_len)
{
    const char *model_path = DEFAULT_MODEL, *path = NULL, *dump_path = NULL;
    ad_state st;
    FILE *dump = NULL;
    size_t n_frames = 0;
    double duration, per_hour;
    unsigned long bytes;
    int i, rc;
    memset(&st, 0, sizeof st);
    st.threshold = 15.0f;
    st.device = 1;
    st.hysteresis = -1.0f;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
            model_path = argv[++i];
        else if (strcmp(argv[i], "--threshold") == 0 && i + 1 < argc)
            st.threshold = (float)atof(argv[++i]);
        else if (strcmp(argv[i], "--hysteresis") == 0 && i + 1 < argc)
            st.hysteresis = (float)atof(argv[++i]);
        else if (strcmp(argv[i], "--device") == 0 && i + 1 < argc)
            st.device = (unsigned)strtoul(argv[++i], NULL, 0);
        else if (strcmp(argv[i], "--quiet") == 0)
            st.quiet = 1;
        else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
            dump_path = argv[++i];
        else if (strcmp(argv[i], "--add-tone") == 0 && i + 1 < argc) {
            char *end;
            double hz = strtod(argv[++i], &end), dbfs;
            if (*end != ':') return usage();
            dbfs = strtod(end + 1, &end);
            if (*end != '\0' || !(hz > 0.0) || hz >= AD_RATE / 2) return usage();
            st.tone_hz = (float)hz;
            st.tone_amp = (float)pow(10.0, dbfs / 20.0);
        } else if (argv[i][0] != '-' && path == NULL)
            path = argv[i];
        else
            return usage();
    }
    if (path == NULL) return usage();
    if (st.hysteresis < 0.0f) st.hysteresis = 0.1f * st.threshold;
    if (model == NULL) {
        static uint8_t bytes_buf[AD_MODEL_MAX] __attribute__((aligned(16)));
        if (app_read_file(model_path, bytes_buf, sizeof bytes_buf, &model_len) != 0) return 1;
        model = bytes_buf;
    }
    if (app_model_init(&net, model, model_len, arena, sizeof arena, "anomaly") != 0) return 1;
    if (mote_input(&net.session, 0)->bytes != AD_DIM ||
        mote_input(&net.session, 0)->type != MOTE_INT8 ||
        mote_output(&net.session, 0)->bytes != AD_DIM) {
        fprintf(stderr, "anomaly: the model is not a 640 -> 640 int8 autoencoder\n");
        return 1;
    }
    if (ad_frontend_init(&fe) != MOTE_OK) {
        fprintf(stderr, "anomaly: front-end set-up failed\n");
        return 1;
    }
    if (dump_path != NULL && (dump = fopen(dump_path, "wb")) == NULL) {
        fprintf(stderr, "anomaly: cannot write %s\n", dump_path);
        return 1;
    }
    rc = app_is_wav(path) ? run_wav(&st, path, dump, &n_frames)
                          : run_bin(&st, path, dump, &n_frames);
    if (dump != NULL) fclose(dump);
    if (rc != 0) return 1;
    duration = (double)n_frames * AD_HOP / AD_RATE;
    bytes = st.alerts * RECORD_BYTES;
    per_hour = duration > 0.0 ? (double)bytes * 3600.0 / duration : 0.0;
    printf("summary windows=%lu score=%.3f max=%.3f threshold=%.3f alerts=%lu bytes=%lu "
           "duration=%.2fs bytes_per_hour=%.0f arena=%lu\n",
           st.windows, st.windows ? (double)(st.sum / (float)st.windows) : 0.0, (double)st.max,
           (double)st.threshold, st.alerts, bytes, duration, per_hour,
           (unsigned long)net.arena_bytes);
    app_cost_print();
    return 0;
}

#ifndef APP_FIRMWARE
#include "cost_host.h"
int main(int argc, char **argv)
{
    int i, j;
    for (i = j = 0; i < argc; i++) {
        if (strcmp(argv[i], "--time") == 0)
            app_cost_enable_host();
        else
            argv[j++] = argv[i];
    }
    return anomaly_main(j, argv, NULL, 0);
}
#endif
