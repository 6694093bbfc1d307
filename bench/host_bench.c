/*
 * host_bench.c — per model: host time per inference and the arena it needs.
 *
 * Prints one line per model:
 *   model=<name> arena_bytes=<N> state_bytes=<N> activation_bytes=<N> median_ms=<t> runs=<R>
 * The input is the model's golden in_0.bin when given, else zeros; every run
 * writes the input again (inputs are consumed). Median of R timed runs after
 * one warm-up.
 *
 * usage: host_bench RUNS MODEL.tflite[:INPUT.bin]...
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "file.h"
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

int main(int argc, char **argv)
{
    int runs, a;
    if (argc < 3 || (runs = atoi(argv[1])) < 1) {
        fprintf(stderr, "usage: host_bench RUNS MODEL.tflite[:INPUT.bin]...\n");
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
                fprintf(stderr, "host_bench: %s has %lu bytes, %s's input needs %lu\n",
                        colon + 1, (unsigned long)in_len, name, (unsigned long)in->bytes);
                return 1;
            }
        } else {
            input = calloc(1, in->bytes != 0 ? in->bytes : 1);
        }
        t = malloc(sizeof *t * (size_t)runs);
        memcpy(in->data, input, in->bytes);
        mote_invoke(&session);   /* warm-up */
        for (r = 0; r < runs; r++) {
            double t0;
            memcpy(in->data, input, in->bytes);
            t0 = now_ms();
            mote_invoke(&session);
            t[r] = now_ms() - t0;
        }
        qsort(t, (size_t)runs, sizeof *t, cmp_d);
        printf("model=%s arena_bytes=%lu state_bytes=%lu activation_bytes=%lu median_ms=%.3f runs=%d\n",
               name, (unsigned long)need, (unsigned long)mote_model_state_size(&model),
               (unsigned long)(need - mote_model_state_size(&model)), t[runs / 2], runs);
        fflush(stdout);
        free(t);
        free(input);
        free(arena);
        free(bytes);
    }
    return 0;
}
