/* test_hostile.c — bad files: the hand-made corpus (each expecting one named
 * status), every truncation of a real model, and random byte flips. None may
 * crash (the suite also runs under ASan/UBSan); every refusal must carry a
 * specific status and a message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test_util.h"
#include "mote/graph.h"
#include "format/tflite.h"
#include "mote/mote.h"

/* Statuses the reader may return for bad bytes (never MOTE_E_ARG for a
 * non-NULL buffer: that would mean it blamed the caller). */
static int reader_status(mote_status s)
{
    switch (s) {
    case MOTE_E_TRUNCATED: case MOTE_E_IDENTIFIER: case MOTE_E_OFFSET: case MOTE_E_INDEX:
    case MOTE_E_ENUM: case MOTE_E_UNSUPPORTED_TYPE: case MOTE_E_SUBGRAPHS: case MOTE_E_DYNAMIC:
    case MOTE_E_SHAPE: case MOTE_E_QUANT: case MOTE_E_OVERFLOW: case MOTE_E_LIMIT:
    case MOTE_E_PARAM:
        return 1;
    default:
        return 0;
    }
}

/* After a successful read every accessor must succeed (the reader's
 * promise) and stay within what it reported. */
static int walk_graph(const mote_graph *g)
{
    uint32_t i, k;
    for (i = 0; i < g->n_tensors; i++) {
        mote_graph_tensor t;
        volatile float sum = 0.0f;
        if (mote_graph_get_tensor(g, i, &t) != MOTE_OK || t.rank > MOTE_MAX_RANK) return 0;
        if (t.data != NULL && (t.data < g->base || t.data + t.data_bytes > g->base + g->size)) {
            return 0;
        }
        for (k = 0; k < t.n_quant; k++) {
            sum += mote_graph_tensor_scale(&t, k) + (float)mote_graph_tensor_zero_point(&t, k);
        }
        (void)sum;
    }
    for (i = 0; i < g->n_ops; i++) {
        mote_graph_op op;
        if (mote_graph_get_op(g, i, &op) != MOTE_OK) return 0;
        for (k = 0; k < op.n_inputs; k++) {
            int32_t x = mote_graph_op_input(&op, k);
            if (x < -1 || x >= (int32_t)g->n_tensors) return 0;
        }
        for (k = 0; k < op.n_outputs; k++) {
            int32_t x = mote_graph_op_output(&op, k);
            if (x < 0 || x >= (int32_t)g->n_tensors) return 0;
        }
    }
    for (k = 0; k < g->n_inputs; k++) {
        if (mote_graph_input(g, k) < 0) return 0;
    }
    for (k = 0; k < g->n_outputs; k++) {
        if (mote_graph_output(g, k) < 0) return 0;
    }
    return 1;
}

/* Read bytes[0..len) from a buffer of exactly len bytes; check the verdict
 * is coherent. Returns the status. */
static mote_status read_exact(const uint8_t *src, size_t len, const char *what)
{
    uint8_t *copy = malloc(len > 0 ? len : 1u);
    mote_graph g;
    mote_error err;
    mote_status s;
    memcpy(copy, src, len);
    s = mote_tflite_read(&g, copy, len, &err);
    if (s == MOTE_OK) {
        CHECK(err.status == MOTE_OK && walk_graph(&g), "%s: accepted, but the graph does not "
              "walk cleanly", what);
    } else {
        CHECK(reader_status(s) && err.status == s && err.text[0] != '\0' &&
              strlen(err.text) < sizeof err.text,
              "%s: refused with %s, err.status %s, text \"%s\"", what, mote_test_status_name(s),
              mote_test_status_name(err.status), err.text);
    }
    free(copy);
    return s;
}

void test_hostile(const char *dir)
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
        char *file = line, *want, *why;
        uint8_t *bytes;
        size_t len;
        mote_graph g;
        mote_error err;
        mote_status s;
        int expect;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0') continue;
        want = strchr(file, '\t');
        if (want == NULL) continue;
        *want++ = '\0';
        why = strchr(want, '\t');
        if (why != NULL) *why++ = '\0';
        expect = mote_test_status_value(want);
        CHECK(expect != -999, "%s: unknown status name %s in the manifest", file, want);
        snprintf(path, sizeof path, "%s/%s", dir, file);
        bytes = test_read_file(path, &len);
        if (bytes == NULL) continue;
        n++;
        s = mote_tflite_read(&g, bytes, len, &err);
        /* Operator options are judged by the operator (src/ops/), when the
         * model is lowered: a file the reader accepts but the manifest
         * refuses must then be refused by mote_model_init, the call a user
         * makes, with that status. */
        if (s == MOTE_OK && expect != MOTE_OK) {
            static mote_model model;
            s = mote_model_init(&model, bytes, len);
            err = model.error;
        }
        CHECK((int)s == expect && err.status == s && (s == MOTE_OK || err.text[0] != '\0'),
              "%s (%s): got %s \"%s\", want %s", file, why != NULL ? why : "", mote_test_status_name(s),
              err.text, want);
        if (getenv("MOTE_TEST_VERBOSE") != NULL) {
            printf("  %-28s %-24s %s\n", file, mote_test_status_name(s), err.text);
        }
        free(bytes);
    }
    fclose(f);
    CHECK(n >= 20, "only %d hostile files in %s", n, dir);
}

void test_truncation(const char *model)
{
    size_t len, cut, refused = 0, tried = 0;
    uint8_t *bytes = test_read_file(model, &len);
    char what[64];
    int fail_before = test_failed;
    if (bytes == NULL) return;
    /* Every length up to 4 KiB (where the header, the root tables and the
     * vtables live), then a prime stride across the weights. */
    for (cut = 0; cut < len; cut += cut < 4096 ? 1u : 61u) {
        sprintf(what, "%s cut to %lu bytes", model, (unsigned long)cut);
        refused += read_exact(bytes, cut, what) != MOTE_OK;
        tried++;
        if (test_failed - fail_before > 20) break;    /* one bug, not 4000 lines */
    }
    CHECK(read_exact(bytes, len, model) == MOTE_OK, "%s: the whole file must load", model);
    CHECK(refused == tried, "%s: %lu of %lu truncations loaded", model,
          (unsigned long)(tried - refused), (unsigned long)tried);
    free(bytes);
}

/* xorshift32: a fixed seed makes every run flip the same bytes. */
static uint32_t next_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

void test_flips(const char *model, unsigned iterations, uint32_t seed)
{
    size_t len, n_struct = 0, k;
    uint8_t *bytes = test_read_file(model, &len), *work, *is_data;
    uint32_t *struct_pos;
    mote_graph g;
    unsigned it, accepted = 0;
    char what[96];
    int fail_before = test_failed;
    static const uint8_t special[] = {0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe};
    if (bytes == NULL) return;
    /* Flips inside weight data are dull (any bytes are valid weights): aim
     * most of them at the flatbuffer structure around the data. */
    is_data = calloc(len, 1);
    struct_pos = malloc(len * sizeof *struct_pos);
    if (mote_tflite_read(&g, bytes, len, NULL) == MOTE_OK) {
        uint32_t i;
        for (i = 0; i < g.n_tensors; i++) {
            mote_graph_tensor t;
            if (mote_graph_get_tensor(&g, i, &t) == MOTE_OK && t.data != NULL) {
                memset(is_data + (t.data - bytes), 1, t.data_bytes);
            }
        }
    } else {
        CHECK(0, "%s does not load before flipping", model);
    }
    for (k = 0; k < len; k++) {
        if (!is_data[k]) struct_pos[n_struct++] = (uint32_t)k;
    }
    work = malloc(len);
    for (it = 0; it < iterations; it++) {
        unsigned flips = 1 + next_rand(&seed) % 4, j;
        memcpy(work, bytes, len);
        for (j = 0; j < flips; j++) {
            uint32_t r = next_rand(&seed);
            size_t pos = (r & 7u) != 0 && n_struct > 0 ? struct_pos[next_rand(&seed) % n_struct]
                                                        : next_rand(&seed) % len;
            uint8_t v = (r & 0x30u) == 0 ? special[(r >> 8) % sizeof special]
                                         : (uint8_t)(work[pos] ^ (1u << ((r >> 8) & 7u)));
            work[pos] = v;
        }
        sprintf(what, "%s flip run %u", model, it);
        accepted += read_exact(work, len, what) == MOTE_OK;
        if (test_failed - fail_before > 20) break;
    }
    printf("  %s: %u byte-flip runs, %u still loaded\n", model, iterations, accepted);
    free(work);
    free(struct_pos);
    free(is_data);
    free(bytes);
}
