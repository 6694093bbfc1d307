/*
 * host_bench.c — per model: host time per inference and the arena it needs.
 *
 * Prints one line per model:
 *   model=<name> arena_bytes=<N> state_bytes=<N> activation_bytes=<N> lower_bound=<N>
 *       tflm_arena_32bit=<N> [vs_tflm=<ratio>] median_ms=<t> runs=<R>
 *   (lower_bound: the most activation bytes live at one operator, scratch
 *   included; tflm_arena_32bit: TFLite Micro's arena, 0 when not measured)
 * The input is the model's golden in_0.bin when given, else zeros; every run
 * writes the input again (inputs are consumed). Median of R timed runs after
 * one warm-up.
 *
 * usage: host_bench RUNS MODEL.tflite[:INPUT.bin]...
 *        host_bench --serve MODEL.tflite[:INPUT.bin]
 *        host_bench --layers [--no-patch] RUNS MODEL.tflite[:INPUT.bin]
 *
 * --serve keeps one session open for bench/compare.py (make bench): it
 * prints "ready arena_bytes=<N> state_bytes=<N>", then for every line "N"
 * on stdin runs N invokes (input written before each, outside the timing)
 * and prints their times in ms on one line; an empty line or EOF ends it.
 *
 * --layers prints, per operator, the least time over RUNS invokes from the
 * end of the previous operator to its own end (the session's observer;
 * observer calls included), with its kernel, variant and scratch bytes;
 * --no-patch plans without band execution (MOTE_PLAN_NO_PATCH), so every
 * layer of a band chain gets its own time (with bands the chain's time is
 * its first operator's).
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "file.h"
#include "core/plan.h"
#include "mote/mote.h"

/* Whole file through the shared bounded reader (tools/mote/file.c), at
 * most max bytes; NULL after printing why. */
static unsigned char *read_file(const char *path, size_t max, size_t *len)
{
    uint8_t *buf;
    char err[FILE_ERR_MAX];
    if (file_read(path, max, &buf, len, err, sizeof err) != 0) {
        fprintf(stderr, "host_bench: %s\n", err);
        return NULL;
    }
    return buf;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* --serve: one model, invokes on request (see the top of the file). */
static int serve(const char *arg)
{
    static mote_model model;
    static mote_session session;
    char path[1024], line[64], *colon;
    unsigned char *bytes, *arena, *input = NULL;
    size_t len, need, in_len = 0;
    mote_tensor *in;
    snprintf(path, sizeof path, "%s", arg);
    colon = strchr(path, ':');
    if (colon != NULL) *colon = '\0';
    if ((bytes = read_file(path, FILE_MODEL_MAX, &len)) == NULL) return 1;
    if (mote_model_init(&model, bytes, len) != MOTE_OK) {
        fprintf(stderr, "host_bench: %s: %s\n", path, model.error.text);
        return 1;
    }
    need = mote_model_arena_size(&model);
    arena = aligned_alloc(MOTE_ARENA_ALIGN, (need + 15) / 16 * 16);
    if (arena == NULL || mote_session_init(&session, &model, arena, need) != MOTE_OK) return 1;
    in = mote_input(&session, 0);
    if (colon != NULL) {
        if ((input = read_file(colon + 1, in->bytes, &in_len)) == NULL) return 1;
        if (in_len != in->bytes) {
            fprintf(stderr, "host_bench: %s has %lu bytes, the input needs %lu\n", colon + 1,
                    (unsigned long)in_len, (unsigned long)in->bytes);
            return 1;
        }
    } else {
        input = calloc(1, in->bytes != 0 ? in->bytes : 1);
    }
    printf("ready arena_bytes=%lu state_bytes=%lu\n", (unsigned long)need,
           (unsigned long)mote_model_state_size(&model));
    fflush(stdout);
    while (fgets(line, sizeof line, stdin) != NULL) {
        int n = atoi(line), r;
        if (n < 1) break;
        for (r = 0; r < n; r++) {
            double t0, t1;
            memcpy(in->data, input, in->bytes);
            t0 = now_ms();
            if (mote_invoke(&session) != MOTE_OK) return 1;
            t1 = now_ms();
            printf("%s%.4f", r ? " " : "", t1 - t0);
        }
        printf("\n");
        fflush(stdout);
    }
    free(input);
    free(arena);
    free(bytes);
    return 0;
}

/* --layers: the observer's clock (see the top of the file). */
#define LAYERS_MAX 1024
typedef struct layer_clock {
    double last, best[LAYERS_MAX];
} layer_clock;

static void layer_tick(void *user, const mote_session *s, uint32_t op)
{
    layer_clock *lc = (layer_clock *)user;
    const double t = now_ms();
    (void)s;
    if (op < LAYERS_MAX && t - lc->last < lc->best[op]) lc->best[op] = t - lc->last;
    lc->last = now_ms();
}

static int layers(int runs, const char *arg, uint32_t flags)
{
    static mote_model model;
    static mote_session session;
    static layer_clock lc;
    char path[1024], *colon;
    unsigned char *bytes, *arena, *input = NULL;
    size_t len, need, in_len = 0;
    double total = 0, best_total = 1e30;
    uint32_t op, n_ops;
    mote_tensor *in;
    int r;
    snprintf(path, sizeof path, "%s", arg);
    colon = strchr(path, ':');
    if (colon != NULL) *colon = '\0';
    if ((bytes = read_file(path, FILE_MODEL_MAX, &len)) == NULL) return 1;
    if (mote_model_init_plan(&model, bytes, len, mote_build_isa(), flags) != MOTE_OK) {
        fprintf(stderr, "host_bench: %s: %s\n", path, model.error.text);
        return 1;
    }
    need = mote_model_arena_size(&model);
    arena = aligned_alloc(MOTE_ARENA_ALIGN, (need + 15) / 16 * 16);
    if (arena == NULL || mote_session_init(&session, &model, arena, need) != MOTE_OK) return 1;
    in = mote_input(&session, 0);
    input = calloc(1, in->bytes != 0 ? in->bytes : 1);
    if (input == NULL) return 1;
    if (colon != NULL) {
        unsigned char *file = read_file(colon + 1, in->bytes, &in_len);
        if (file == NULL) return 1;
        memcpy(input, file, in_len < in->bytes ? in_len : in->bytes);
        free(file);
    }
    n_ops = mote_model_op_count(&model);
    for (op = 0; op < LAYERS_MAX; op++)
        lc.best[op] = 1e30;
    mote_session_set_observer(&session, layer_tick, &lc);
    for (r = 0; r < runs; r++) {
        double t0;
        memcpy(in->data, input, in->bytes);
        t0 = lc.last = now_ms();
        if (mote_invoke(&session) != MOTE_OK) return 1;
        if (now_ms() - t0 < best_total) best_total = now_ms() - t0;
    }
    for (op = 0; op < n_ops && op < LAYERS_MAX; op++) {
        mote_step_info info;
        if (mote_session_step_info(&session, op, &info) != MOTE_OK) continue;
        if (lc.best[op] > 1e29) continue;
        total += lc.best[op];
        printf("op=%u kernel=%s variant=%s scratch=%u us=%.2f\n", (unsigned)op, info.kernel,
               info.variant, (unsigned)info.scratch_bytes, lc.best[op] * 1e3);
    }
    printf("sum_of_min_us=%.2f min_invoke_us=%.2f runs=%d\n", total * 1e3, best_total * 1e3, runs);
    free(input);
    free(arena);
    free(bytes);
    return 0;
}

/* TFLite Micro's arena for the same model, 32-bit build with the reference
 * kernels (/work/shared/ANCHORS.md, bench/RESULTS.md); 0 when not measured. */
static unsigned long tflm_arena_32(const char *name)
{
    static const struct {
        const char *name;
        unsigned long bytes;
    } tflm[] = {{"kws_ref_model", 22892},
                {"vww_96_int8", 100780},
                {"pretrainedResnet_quant", 54460},
                {"ad01_int8", 2476},
                {"str_ww_ref_model", 15372}};
    size_t i;
    for (i = 0; i < sizeof tflm / sizeof tflm[0]; i++)
        if (strcmp(tflm[i].name, name) == 0) return tflm[i].bytes;
    return 0;
}

/* The most bytes live at one operator (tensors, plus that operator's kernel
 * scratch or in-place ring): no activation plan for these steps is smaller,
 * as `mote inspect --plan` prints it. */
static unsigned long lower_bound(const mote_model *m)
{
    static mote_plan_entry plan[MOTE_MAX_TENSORS];
    const mote_graph *g = mote_model_graph(m);
    mote_error err;
    size_t total, peak = 0;
    uint32_t op, i;
    if (g == NULL || mote_plan_build(g, plan, &total, &err) != MOTE_OK) return 0;
    for (op = 0; op <= g->n_ops; op++) {
        size_t live = 0;
        mote_step_info info;
        for (i = 0; i < g->n_tensors; i++)
            if (plan[i].used && plan[i].size && plan[i].first <= (int32_t)op &&
                (int32_t)op <= plan[i].last)
                live += plan[i].size;
        if (op < g->n_ops && mote_model_step_info(m, op, &info) == MOTE_OK)
            live += info.scratch_bytes;
        if (live > peak) peak = live;
    }
    return (unsigned long)peak;
}

int main(int argc, char **argv)
{
    int runs, a;
    if (argc == 3 && strcmp(argv[1], "--serve") == 0) return serve(argv[2]);
    if (argc == 4 && strcmp(argv[1], "--layers") == 0 && atoi(argv[2]) >= 1)
        return layers(atoi(argv[2]), argv[3], 0);
    if (argc == 5 && strcmp(argv[1], "--layers") == 0 && strcmp(argv[2], "--no-patch") == 0 &&
        atoi(argv[3]) >= 1)
        return layers(atoi(argv[3]), argv[4], MOTE_PLAN_NO_PATCH);
    if (argc < 3 || (runs = atoi(argv[1])) < 1) {
        fprintf(stderr, "usage: host_bench RUNS MODEL.tflite[:INPUT.bin]...\n"
                        "       host_bench --serve MODEL.tflite[:INPUT.bin]\n"
                        "       host_bench --layers [--no-patch] RUNS MODEL.tflite[:INPUT.bin]\n");
        return 1;
    }
    for (a = 2; a < argc; a++) {
        static mote_model model;
        static mote_session session;
        char path[1024], *colon, name[1024];
        const char *base;
        unsigned char *bytes, *arena, *input = NULL;
        size_t len, need, in_len = 0;
        double *t;
        mote_tensor *in;
        int r;
        snprintf(path, sizeof path, "%s", argv[a]);
        colon = strchr(path, ':');
        if (colon != NULL) *colon = '\0';
        base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        snprintf(name, sizeof name, "%s", base);
        if (strstr(name, ".tflite")) *strstr(name, ".tflite") = '\0';
        if ((bytes = read_file(path, FILE_MODEL_MAX, &len)) == NULL) return 1;
        if (mote_model_init(&model, bytes, len) != MOTE_OK) {
            fprintf(stderr, "host_bench: %s: %s\n", path, model.error.text);
            return 1;
        }
        need = mote_model_arena_size(&model);
        arena = aligned_alloc(MOTE_ARENA_ALIGN, (need + 15) / 16 * 16);
        if (arena == NULL || mote_session_init(&session, &model, arena, need) != MOTE_OK) return 1;
        in = mote_input(&session, 0);
        if (colon != NULL) {
            if ((input = read_file(colon + 1, in->bytes, &in_len)) == NULL) return 1;
            if (in_len != in->bytes) {
                fprintf(stderr, "host_bench: %s has %lu bytes, %s's input needs %lu\n", colon + 1,
                        (unsigned long)in_len, name, (unsigned long)in->bytes);
                return 1;
            }
        } else {
            input = calloc(1, in->bytes != 0 ? in->bytes : 1);
        }
        t = malloc(sizeof *t * (size_t)runs);
        memcpy(in->data, input, in->bytes);
        mote_invoke(&session); /* warm-up */
        for (r = 0; r < runs; r++) {
            double t0;
            memcpy(in->data, input, in->bytes);
            t0 = now_ms();
            mote_invoke(&session);
            t[r] = now_ms() - t0;
        }
        qsort(t, (size_t)runs, sizeof *t, cmp_d);
        printf("model=%s arena_bytes=%lu state_bytes=%lu activation_bytes=%lu "
               "lower_bound=%lu tflm_arena_32bit=%lu",
               name, (unsigned long)need, (unsigned long)mote_model_state_size(&model),
               (unsigned long)(need - mote_model_state_size(&model)), lower_bound(&model),
               tflm_arena_32(name));
        if (tflm_arena_32(name) != 0)
            printf(" vs_tflm=%.3f", (double)need / (double)tflm_arena_32(name));
        printf(" median_ms=%.3f runs=%d\n", t[runs / 2], runs);
        fflush(stdout);
        free(t);
        free(input);
        free(arena);
        free(bytes);
    }
    return 0;
}
