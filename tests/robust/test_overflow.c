/*
 * test_overflow.c — size arithmetic cannot overflow, and bad sizes are
 * refused with their specific status.
 *
 * --overflow DIR: tests/robust/data/ (tests/robust/make_overflow.py) — each
 * model in MANIFEST.tsv must give exactly the listed mote_model_init status.
 * --hostile DIR: the reader's corpus (tests/data/hostile/) through the whole
 * load path: a file the reader refuses must be refused by mote_model_init
 * with the same status; any file accepted is run.
 *
 * Every accepted model's arena size must cover each of its activation
 * tensors (a wrapped sum would not); when it is small enough to allocate,
 * the model runs once in an exactly-sized heap arena (so ASan, in the
 * sanitizer build, sees any overrun).
 */
#define _POSIX_C_SOURCE 200112L
#include <float.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "robust.h"
#include "mote/mote.h"

#define RUN_LIMIT ((size_t)64 << 20)

/* Every input element at the type's minimum (pattern 0), maximum (1) or
 * zero (2): the extremes drive every accumulator to its bound. */
static void fill_pattern(mote_tensor *t, int pattern)
{
    size_t i;
    if (t->type == MOTE_FLOAT32) {
        const float v = pattern == 0 ? -FLT_MAX : pattern == 1 ? FLT_MAX : 0.0f;
        for (i = 0; i < t->bytes / sizeof(float); i++)
            memcpy((uint8_t *)t->data + i * sizeof(float), &v, sizeof v);
    } else {
        memset(t->data, pattern == 0 ? 0x80 : pattern == 1 ? 0x7F : 0, t->bytes);
    }
}

/* mote.h's bound on the runtime state, a function of the file size alone:
 * (n_ops + 1) * (272 + 3 * len / 2). */
static void check_state_bound(const char *file, const mote_model *m, size_t len)
{
    uint64_t bound = ((uint64_t)m->graph.n_ops + 1u) * (272u + 3u * (uint64_t)len / 2u);
    CHECK((uint64_t)mote_model_state_size(m) <= bound,
          "%s: state %lu bytes exceeds the documented bound %lu", file,
          (unsigned long)mote_model_state_size(m), (unsigned long)bound);
}

static void run_accepted(const char *file, mote_model *m)
{
    static mote_session s;
    size_t need = mote_model_arena_size(m);
    uint32_t i;
    int pattern;
    void *arena = NULL;
    for (i = 0; i < m->graph.n_tensors; i++) {
        mote_graph_tensor t;
        if (mote_graph_get_tensor(&m->graph, i, &t) == MOTE_OK && t.data == NULL)
            CHECK(need >= t.bytes, "%s: arena %lu bytes < tensor %u's %lu", file,
                  (unsigned long)need, i, (unsigned long)t.bytes);
    }
    if (need > RUN_LIMIT) return;
    if (posix_memalign(&arena, MOTE_ARENA_ALIGN, need) != 0) return;
    CHECK(mote_session_init(&s, m, arena, need) == MOTE_OK, "%s: session", file);
    for (pattern = 0; pattern < 3; pattern++) {
        for (i = 0; i < mote_model_input_count(m); i++)
            fill_pattern(mote_input(&s, i), pattern);
        CHECK(mote_invoke(&s) == MOTE_OK, "%s: invoke with input pattern %d", file, pattern);
    }
    free(arena);
}

/* A float model copied to an odd address: its float32 constants would be
 * loaded misaligned, so the reader refuses it (MOTE_E_OFFSET); the same
 * bytes at an aligned address load. */
void test_misaligned_model(const char *model)
{
    static mote_model m;
    size_t len;
    uint8_t *bytes = robust_read_file(model, &len), *odd;
    mote_status st;
    if (bytes == NULL) {
        CHECK(0, "cannot read %s", model);
        return;
    }
    odd = (uint8_t *)malloc(len + 16);
    memcpy(odd + 1, bytes, len);
    st = mote_model_init(&m, odd + 1, len);
    CHECK(st == MOTE_E_OFFSET, "%s at an odd address: %s \"%s\"", model, mote_test_status_name(st),
          m.error.text);
    st = mote_model_init(&m, bytes, len);
    CHECK(st == MOTE_OK, "%s at an aligned address: %s", model, mote_test_status_name(st));
    free(odd);
    free(bytes);
}

void test_overflow_manifest(const char *dir, int whole_path_only)
{
    char path[2200], line[1024];
    FILE *f;
    int n = 0;
    if (strlen(dir) > 1000) return;
    snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir);
    f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s", path);
    if (f == NULL) return;
    while (fgets(line, sizeof line, f) != NULL) {
        static mote_model m;
        char *file = line, *want, *why, *alt, *cause = NULL;
        clock_t t0;
        double secs;
        uint8_t *bytes;
        size_t len;
        int expect;
        mote_status st;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0') continue;
        if ((want = strchr(file, '\t')) == NULL) continue;
        *want++ = '\0';
        if ((why = strchr(want, '\t')) != NULL) *why++ = '\0';
        /* Four columns: file, status, cause (text the message must hold), why. */
        if (why != NULL && (cause = why, why = strchr(why, '\t')) != NULL) *why++ = '\0';
        /* "A|32:B": A with a 64-bit size_t, B with a 32-bit one (the same
         * file is refused only where the arena size cannot be a size_t). */
        if ((alt = strstr(want, "|32:")) != NULL) {
            *alt = '\0';
            alt += 4;
            if (sizeof(size_t) == 4) want = alt;
        }
        expect = mote_test_status_value(want);
        CHECK(expect != -999, "%s: unknown status %s", file, want);
        snprintf(path, sizeof path, "%s/%s", dir, file);
        bytes = robust_read_file(path, &len);
        CHECK(bytes != NULL, "cannot read %s", path);
        if (bytes == NULL) continue;
        n++;
        t0 = clock();
        st = mote_model_init(&m, bytes, len);
        secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        /* mote_model_init's work is bounded by the file size (mote.h): every
         * crafted model, even 254 operators sharing one big weights tensor,
         * loads or is refused quickly (generous for sanitizer builds). */
        CHECK(secs < 5.0, "%s: mote_model_init took %.1f s", file, secs);
        CHECK(st == MOTE_OK || (m.error.status == st && m.error.text[0] != '\0'),
              "%s: refused with %s but error record %s \"%s\"", file, mote_test_status_name(st),
              mote_test_status_name(m.error.status), m.error.text);
        if (whole_path_only) {
            /* The reader's verdict is final when it refuses. */
            if (expect != MOTE_OK)
                CHECK((int)st == expect, "%s (%s): mote_model_init gave %s \"%s\", the reader "
                      "gives %s", file, why ? why : "", mote_test_status_name(st), m.error.text,
                      want);
        } else {
            CHECK((int)st == expect, "%s (%s): got %s \"%s\", want %s", file, why ? why : "",
                  mote_test_status_name(st), m.error.text, want);
            /* The real cause, not just a status (issue 13 finding 5). */
            if (st != MOTE_OK && cause != NULL && cause[0] != '\0')
                CHECK(strstr(m.error.text, cause) != NULL,
                      "%s: message \"%s\" does not name the cause \"%s\"", file, m.error.text,
                      cause);
        }
        if (st == MOTE_OK) {
            check_state_bound(file, &m, len);
            run_accepted(file, &m);
        }
        if (getenv("MOTE_TEST_VERBOSE") != NULL)
            printf("  %-32s %-22s %s\n", file, mote_test_status_name(st), m.error.text);
        free(bytes);
    }
    fclose(f);
    CHECK(n > 0, "no models in %s", dir);
    printf("  %s: %d models\n", dir, n);
}
