/* test_models.c — every real model loads and the reader sees what an
 * independent decoder (tests/reader/make_expect.py) and the published facts
 * (models/README.md, golden/<model>/info.txt) say is there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test_util.h"
#include "mote/graph.h"
#include "format/tflite.h"
#include "ops/op.h"

/* Published facts: operator histogram and constant bytes (README table;
 * 0 where the README gives none), input/output tensor index (info.txt). */
static const struct fact {
    const char *name;
    int add, avg, conv, dw, fc, reshape, softmax;
    long const_bytes;
    int input, output;
} facts[] = {
    {"kws_ref_model.tflite", 0, 1, 5, 4, 1, 1, 1, 24376, 0, 34},
    {"kws_ref_model_float32.tflite", 0, 1, 5, 4, 1, 1, 1, 0, 0, 34},
    {"vww_96_int8.tflite", 0, 1, 14, 13, 1, 1, 1, 219072, 0, 88},
    {"vww_96_float.tflite", 0, 1, 14, 13, 1, 1, 1, 0, 0, 88},
    {"pretrainedResnet_quant.tflite", 3, 1, 9, 0, 1, 1, 1, 78752, 0, 37},
    {"pretrainedResnet.tflite", 3, 1, 9, 0, 1, 1, 1, 0, 0, 37},
    {"ad01_int8.tflite", 0, 0, 0, 0, 10, 0, 0, 270880, 0, 30},
    {"ad01_fp32.tflite", 0, 0, 0, 0, 10, 0, 0, 0, 0, 30},
    {"str_ww_ref_model.tflite", 0, 0, 4, 4, 1, 1, 1, 49420, 0, 30},
    {"person_detect.tflite", 0, 1, 14, 14, 0, 1, 1, 0, 88, 87},
};

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s != NULL ? s + 1 : path;
}

/* Split a tab-separated line in place; returns the field count. */
static int split(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    line[strcspn(line, "\r\n")] = '\0';
    while (n < max) {
        f[n++] = p;
        p = strchr(p, '\t');
        if (p == NULL) break;
        *p++ = '\0';
    }
    return n;
}

/* Comma list ("-" = empty) to ints; returns the count. */
static int parse_list(const char *s, long *out, int max)
{
    int n = 0;
    if (strcmp(s, "-") == 0) return 0;
    while (n < max && *s != '\0') {
        char *end;
        out[n++] = strtol(s, &end, 0);
        s = *end == ',' ? end + 1 : end;
        if (end == s && *end != '\0') break;
    }
    return n;
}

static int list_equals(const char *want, const int32_t *got, int n)
{
    long w[64];
    int k, m = parse_list(want, w, 64);
    if (m != n) return 0;
    for (k = 0; k < n; k++) {
        if (w[k] != got[k]) return 0;
    }
    return 1;
}

static uint32_t float_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static void check_tensor(const mote_graph *g, char **f, const char *name)
{
    mote_graph_tensor t;
    uint32_t i = (uint32_t)strtoul(f[2], NULL, 10);
    mote_status s = mote_graph_get_tensor(g, i, &t);
    char want_scale[16];
    CHECK(s == MOTE_OK, "%s tensor %u: accessor returned %s", name, i, mote_test_status_name(s));
    if (s != MOTE_OK) return;
    CHECK((long)t.type == strtol(f[3], NULL, 10), "%s tensor %u: type %d, want %s", name, i,
          (int)t.type, f[3]);
    CHECK(list_equals(f[4], t.dims, t.rank), "%s tensor %u: shape differs (want %s)", name, i,
          f[4]);
    CHECK((unsigned long)t.data_bytes == strtoul(f[5], NULL, 10) &&
          (t.data == NULL) == (t.data_bytes == 0),
          "%s tensor %u: %lu data bytes, want %s", name, i, (unsigned long)t.data_bytes, f[5]);
    CHECK(t.data == NULL || t.data_bytes == t.bytes, "%s tensor %u: data bytes != bytes",
          name, i);
    CHECK(t.n_quant == strtoul(f[6], NULL, 10) && t.n_zero_points == strtoul(f[7], NULL, 10),
          "%s tensor %u: %u scales / %u zero points, want %s / %s", name, i, t.n_quant,
          t.n_zero_points, f[6], f[7]);
    sprintf(want_scale, "%08lx", t.n_quant ? (unsigned long)float_bits(mote_graph_tensor_scale(&t, 0)) : 0ul);
    CHECK(t.n_quant == 0 || strcmp(want_scale, f[8]) == 0, "%s tensor %u: scale bits %s, want %s",
          name, i, want_scale, f[8]);
    CHECK(mote_graph_tensor_zero_point(&t, 0) == strtoll(f[9], NULL, 10),
          "%s tensor %u: zero point %lld, want %s", name, i,
          (long long)mote_graph_tensor_zero_point(&t, 0), f[9]);
    CHECK(t.quant_dim == strtol(f[10], NULL, 10), "%s tensor %u: quantized dim %d, want %s",
          name, i, t.quant_dim, f[10]);
}

static void check_op(const mote_graph *g, char **f, const char *name, int *hist)
{
    mote_graph_op op;
    uint32_t i = (uint32_t)strtoul(f[2], NULL, 10), k;
    int32_t idx[64], opts[8];
    int n_opts = 0;
    mote_status s = mote_graph_get_op(g, i, &op);
    char beta[16];
    CHECK(s == MOTE_OK, "%s op %u: accessor returned %s", name, i, mote_test_status_name(s));
    if (s != MOTE_OK) return;
    if (op.code >= 0 && op.code < 256) hist[op.code]++;
    CHECK(op.code == strtol(f[3], NULL, 10), "%s op %u: code %d, want %s", name, i, op.code, f[3]);
    CHECK(op.version == strtol(f[4], NULL, 10), "%s op %u: version %d, want %s", name, i,
          op.version, f[4]);
    for (k = 0; k < op.n_inputs && k < 64; k++) idx[k] = mote_graph_op_input(&op, k);
    CHECK(list_equals(f[5], idx, (int)op.n_inputs), "%s op %u: inputs differ (want %s)", name, i,
          f[5]);
    for (k = 0; k < op.n_outputs && k < 64; k++) idx[k] = mote_graph_op_output(&op, k);
    CHECK(list_equals(f[6], idx, (int)op.n_outputs), "%s op %u: outputs differ (want %s)", name,
          i, f[6]);
    CHECK(mote_graph_op_input(&op, op.n_inputs) == -1, "%s op %u: input past end not -1", name, i);
    CHECK(op.options.type == strtol(f[7], NULL, 10), "%s op %u: options type %d, want %s", name,
          i, op.options.type, f[7]);
    /* Options through the generic field accessors, by schema field. */
    switch (op.code) {
    case MOTE_OP_CONV_2D:
    case MOTE_OP_DEPTHWISE_CONV_2D: {
        int dw = op.code == MOTE_OP_DEPTHWISE_CONV_2D;
        int32_t v[7];
        v[0] = mote_graph_opt_i8(&op, 0, 0);                  /* padding */
        v[1] = mote_graph_opt_i32(&op, 1, 0);                 /* stride_w */
        v[2] = mote_graph_opt_i32(&op, 2, 0);                 /* stride_h */
        v[3] = mote_graph_opt_i32(&op, dw ? 5 : 4, 1);        /* dilation_w */
        v[4] = mote_graph_opt_i32(&op, dw ? 6 : 5, 1);        /* dilation_h */
        v[5] = dw ? mote_graph_opt_i32(&op, 3, 0) : 0;        /* depth_multiplier */
        v[6] = mote_graph_opt_i8(&op, dw ? 4 : 3, 0);         /* fused activation */
        memcpy(opts, v, sizeof v);
        n_opts = 7;
        break;
    }
    case MOTE_OP_FULLY_CONNECTED:
        opts[0] = mote_graph_opt_i8(&op, 0, 0);
        opts[1] = mote_graph_opt_i8(&op, 1, 0);
        opts[2] = mote_graph_opt_i8(&op, 2, 0) != 0;
        n_opts = 3;
        break;
    case MOTE_OP_AVERAGE_POOL_2D:
    case MOTE_OP_MAX_POOL_2D:
        opts[0] = mote_graph_opt_i8(&op, 0, 0); opts[1] = mote_graph_opt_i32(&op, 1, 0);
        opts[2] = mote_graph_opt_i32(&op, 2, 0); opts[3] = mote_graph_opt_i32(&op, 3, 0);
        opts[4] = mote_graph_opt_i32(&op, 4, 0); opts[5] = mote_graph_opt_i8(&op, 5, 0);
        n_opts = 6;
        break;
    case MOTE_OP_ADD:
        opts[0] = mote_graph_opt_i8(&op, 0, 0);
        n_opts = 1;
        break;
    case MOTE_OP_SOFTMAX:
        sprintf(beta, "%08lx", (unsigned long)float_bits(mote_graph_opt_f32(&op, 0, 0.0f)));
        CHECK(strcmp(beta, f[8]) == 0, "%s op %u: softmax beta bits %s, want %s", name, i,
              beta, f[8]);
        return;
    default:
        break;
    }
    CHECK(list_equals(f[8], opts, n_opts), "%s op %u: %s options differ (want %s)", name, i,
          mote_op_name(op.code), f[8]);
}

static void check_facts(const mote_graph *g, const char *name, const int *hist)
{
    size_t k;
    uint32_t i;
    long const_bytes = 0;
    for (k = 0; k < sizeof facts / sizeof facts[0]; k++) {
        const struct fact *x = &facts[k];
        if (strcmp(x->name, name) != 0) continue;
        CHECK(hist[MOTE_OP_ADD] == x->add && hist[MOTE_OP_AVERAGE_POOL_2D] == x->avg &&
              hist[MOTE_OP_CONV_2D] == x->conv && hist[MOTE_OP_DEPTHWISE_CONV_2D] == x->dw &&
              hist[MOTE_OP_FULLY_CONNECTED] == x->fc && hist[MOTE_OP_RESHAPE] == x->reshape &&
              hist[MOTE_OP_SOFTMAX] == x->softmax,
              "%s: operator histogram differs from the README", name);
        for (i = 0; i < g->n_tensors; i++) {
            mote_graph_tensor t;
            if (mote_graph_get_tensor(g, i, &t) == MOTE_OK) const_bytes += (long)t.data_bytes;
        }
        CHECK(x->const_bytes == 0 || x->const_bytes == const_bytes,
              "%s: %ld constant bytes, README says %ld", name, const_bytes, x->const_bytes);
        CHECK(g->n_inputs == 1 && g->n_outputs == 1 && mote_graph_input(g, 0) == x->input &&
              mote_graph_output(g, 0) == x->output && mote_graph_input(g, 1) == -1,
              "%s: input/output tensors differ from info.txt", name);
        return;
    }
    CHECK(0, "%s: no published facts for this model", name);
}

void test_models(const char *expect_path, int n_models, char **models)
{
    size_t expect_len;
    char *text = (char *)test_read_file(expect_path, &expect_len);
    char *cur;
    int m;
    if (text == NULL) return;
    text = realloc(text, expect_len + 1);
    text[expect_len] = '\0';
    for (m = 0; m < n_models; m++) {
        const char *name = base_name(models[m]);
        size_t len;
        uint8_t *bytes = test_read_file(models[m], &len);
        mote_graph g;
        mote_error err;
        mote_status s;
        char *copy, *line, *next;
        int seen_model = 0, hist[256];
        if (bytes == NULL) continue;
        memset(hist, 0, sizeof hist);
        s = mote_tflite_read(&g, bytes, len, &err);
        CHECK(s == MOTE_OK && err.status == MOTE_OK, "%s: read returned %s: %s", name,
              mote_test_status_name(s), err.text);
        if (s != MOTE_OK) {
            free(bytes);
            continue;
        }
        copy = malloc(expect_len + 1);
        memcpy(copy, text, expect_len + 1);
        for (line = copy; line != NULL && *line != '\0'; line = next) {
            char *f[12];
            int n;
            next = strchr(line, '\n');
            if (next != NULL) *next++ = '\0';
            n = split(line, f, 12);
            if (n < 2 || strcmp(f[1], name) != 0) continue;
            if (strcmp(f[0], "model") == 0 && n == 9) {
                long io[8];
                int32_t got[8];
                uint32_t k;
                seen_model = 1;
                CHECK((unsigned long)len == strtoul(f[2], NULL, 10), "%s: file is %lu bytes, "
                      "expected %s (a different model?)", name, (unsigned long)len, f[2]);
                CHECK(g.n_tensors == strtoul(f[3], NULL, 10) && g.n_ops == strtoul(f[4], NULL, 10)
                      && g.where[MOTE_TFL_AT_N_OPCODES] == strtoul(f[5], NULL, 10) &&
                      g.where[MOTE_TFL_AT_N_BUFFERS] == strtoul(f[6], NULL, 10),
                      "%s: %u tensors %u ops %u opcodes %u buffers, want %s %s %s %s", name,
                      g.n_tensors, g.n_ops, g.where[MOTE_TFL_AT_N_OPCODES],
                      g.where[MOTE_TFL_AT_N_BUFFERS], f[3], f[4], f[5], f[6]);
                for (k = 0; k < g.n_inputs && k < 8; k++) got[k] = mote_graph_input(&g, k);
                CHECK(list_equals(f[7], got, (int)g.n_inputs), "%s: inputs differ", name);
                for (k = 0; k < g.n_outputs && k < 8; k++) got[k] = mote_graph_output(&g, k);
                CHECK(list_equals(f[8], got, (int)g.n_outputs), "%s: outputs differ", name);
                (void)io;
            } else if (strcmp(f[0], "tensor") == 0 && n == 11) {
                check_tensor(&g, f, name);
            } else if (strcmp(f[0], "op") == 0 && n == 9) {
                check_op(&g, f, name, hist);
            }
        }
        free(copy);
        CHECK(seen_model, "%s: not listed in %s", name, expect_path);
        check_facts(&g, name, hist);
        free(bytes);
    }
    /* Every model the expectations list must have been given. */
    for (cur = text; cur != NULL && *cur != '\0';) {
        char *line = cur, *f[3];
        int k, found = 0;
        cur = strchr(line, '\n');
        if (cur != NULL) *cur++ = '\0';
        if (split(line, f, 3) < 2 || strcmp(f[0], "model") != 0) continue;
        for (k = 0; k < n_models; k++) found |= strcmp(base_name(models[k]), f[1]) == 0;
        CHECK(found, "%s is in %s but was not given on the command line", f[1], expect_path);
    }
    free(text);
}
