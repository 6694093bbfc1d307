/*
 * Float32 reference kernels against TFLite's reference kernels.
 *
 * Cases (parameters, inputs, expected outputs) were produced by
 * make_cases.py from one-operator .tflite models run by LiteRT with the
 * reference op resolver; see that script for the file format. Each case
 * passes when every output element is within 1e-5 * max|expected| of the
 * oracle and the kernel wrote nothing past the output's end.
 *
 * Usage: test_kernels_f32 [cases_dir]   (default tests/kernels_f32/cases)
 * Prints one line per failure and ends with "N passed, N failed".
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "mote/kernels.h"

#define MAX_INTS 32
#define MAX_SCALARS 4
#define MAX_ARRAYS 4
#define GUARD 16            /* poisoned floats after each output buffer */
#define POISON 1234.5678f

typedef struct tcase {
    char name[128];
    int32_t ints[MAX_INTS];
    int nints;
    float scalars[MAX_SCALARS];
    int nscalars;
    float *arrays[MAX_ARRAYS];  /* NULL when the stored length is 0 */
    int32_t lens[MAX_ARRAYS];
    int narrays;
} tcase;

typedef struct reader {
    const uint8_t *p;
    size_t len, pos;
    int bad;
} reader;

static int passed, failed;

static void fail(const char *op, const char *what)
{
    printf("FAIL %s: %s\n", op, what);
    ++failed;
}

static void check(int ok, const char *op, const char *what)
{
    if (ok)
        ++passed;
    else
        fail(op, what);
}

/* ---- case file reading ------------------------------------------------ */

static uint32_t rd_u32(reader *r)
{
    uint32_t v;
    if (r->bad || r->len - r->pos < 4) {
        r->bad = 1;
        return 0;
    }
    v = (uint32_t)r->p[r->pos] | (uint32_t)r->p[r->pos + 1] << 8 |
        (uint32_t)r->p[r->pos + 2] << 16 | (uint32_t)r->p[r->pos + 3] << 24;
    r->pos += 4;
    return v;
}

static int32_t rd_i32(reader *r)
{
    uint32_t u = rd_u32(r);
    int32_t v;
    memcpy(&v, &u, sizeof v);
    return v;
}

static float rd_f32(reader *r)
{
    uint32_t u = rd_u32(r);
    float v;
    memcpy(&v, &u, sizeof v);
    return v;
}

static void free_case(tcase *c)
{
    int i;
    for (i = 0; i < MAX_ARRAYS; ++i) {
        free(c->arrays[i]);
        c->arrays[i] = NULL;
    }
}

/* Reads one case; returns 0 and sets r->bad on malformed input. */
static int read_case(reader *r, tcase *c)
{
    int32_t n, i, j;
    memset(c, 0, sizeof *c);
    n = rd_i32(r);
    if (r->bad || n < 0 || n >= (int32_t)sizeof c->name || r->len - r->pos < (size_t)n)
        return r->bad = 1, 0;
    memcpy(c->name, r->p + r->pos, (size_t)n);
    r->pos += (size_t)n;
    c->nints = rd_i32(r);
    if (c->nints < 0 || c->nints > MAX_INTS)
        return r->bad = 1, 0;
    for (i = 0; i < c->nints; ++i)
        c->ints[i] = rd_i32(r);
    c->nscalars = rd_i32(r);
    if (c->nscalars < 0 || c->nscalars > MAX_SCALARS)
        return r->bad = 1, 0;
    for (i = 0; i < c->nscalars; ++i)
        c->scalars[i] = rd_f32(r);
    c->narrays = rd_i32(r);
    if (c->narrays < 0 || c->narrays > MAX_ARRAYS)
        return r->bad = 1, 0;
    for (i = 0; i < c->narrays && !r->bad; ++i) {
        n = rd_i32(r);
        if (r->bad || n < 0 || (size_t)n > (r->len - r->pos) / 4)
            return r->bad = 1, 0;
        c->lens[i] = n;
        if (n == 0)
            continue;
        c->arrays[i] = malloc((size_t)n * sizeof(float));
        if (!c->arrays[i])
            return r->bad = 1, 0;
        for (j = 0; j < n; ++j)
            c->arrays[i][j] = rd_f32(r);
    }
    return !r->bad;
}

/* Whole file through the shared bounded reader (tools/mote/file.c), in a
 * block of exactly its size; NULL if unreadable (reason on stderr). */
static uint8_t *load_file(const char *path, size_t *len)
{
    uint8_t *buf;
    char err[FILE_ERR_MAX];
    if (file_read(path, FILE_MODEL_MAX, &buf, len, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return NULL;
    }
    return buf;
}

/* ---- comparison ------------------------------------------------------- */

/* Output buffer of n floats followed by GUARD poisoned floats. */
static float *new_output(int32_t n)
{
    float *o = malloc(((size_t)n + GUARD) * sizeof(float));
    int32_t i;
    if (o)
        for (i = 0; i < n + GUARD; ++i)
            o[i] = POISON;
    return o;
}

/* Checks got against want within 1e-5 * max|want| and the guard; prints
 * the first mismatch (op, case, index, got, want). */
static int compare(const char *op, const tcase *c, const float *got, const float *want,
                   int32_t n)
{
    float max_abs = 0.0f, tol;
    int32_t i;
    for (i = 0; i < n; ++i)
        if (fabsf(want[i]) > max_abs)
            max_abs = fabsf(want[i]);
    tol = 1e-5f * max_abs;
    for (i = 0; i < n; ++i) {
        if (!(fabsf(got[i] - want[i]) <= tol)) {
            printf("FAIL %s %s: output[%ld] got %.9g want %.9g (tol %.3g)\n", op, c->name,
                   (long)i, (double)got[i], (double)want[i], (double)tol);
            return 0;
        }
    }
    for (i = n; i < n + GUARD; ++i) {
        if (got[i] != POISON) {
            printf("FAIL %s %s: wrote past the output end (element %ld)\n", op, c->name,
                   (long)i);
            return 0;
        }
    }
    return 1;
}

static mote_dims dims_at(const int32_t *v)
{
    mote_dims d;
    d.n = v[0];
    d.h = v[1];
    d.w = v[2];
    d.c = v[3];
    return d;
}

static int32_t dims_count(const mote_dims *d)
{
    return d->n * d->h * d->w * d->c;
}

/* Report a kernel status / shape mismatch for a case. */
static int case_error(const char *op, const tcase *c, const char *what, int st)
{
    printf("FAIL %s %s: %s (status %d)\n", op, c->name, what, st);
    return 0;
}

/* ---- one runner per operator ----------------------------------------- */

/* Checks the array count and that each array has the length its shape says. */
static int lens_ok(const tcase *c, int narrays, const int32_t *want_lens)
{
    int i;
    if (c->narrays != narrays)
        return 0;
    for (i = 0; i < narrays; ++i)
        if (c->lens[i] != want_lens[i])
            return 0;
    return 1;
}

static int run_conv(const char *op, const tcase *c, int depthwise)
{
    mote_conv_f32_params p;
    mote_dims id, fd, od;
    int32_t lens[4];
    float *out;
    int st, ok;
    if (c->nints != 20 || c->nscalars != 2)
        return case_error(op, c, "malformed case", 0);
    id = dims_at(c->ints);
    fd = dims_at(c->ints + 4);
    od = dims_at(c->ints + 8);
    lens[0] = dims_count(&id);
    lens[1] = dims_count(&fd);
    lens[2] = c->ints[19] ? od.c : 0;
    lens[3] = dims_count(&od);
    if (!lens_ok(c, 4, lens))
        return case_error(op, c, "array lengths disagree with shapes", 0);
    p.geom.stride_h = c->ints[12];
    p.geom.stride_w = c->ints[13];
    p.geom.dilation_h = c->ints[14];
    p.geom.dilation_w = c->ints[15];
    p.geom.pad_h = c->ints[16];
    p.geom.pad_w = c->ints[17];
    p.depth_multiplier = c->ints[18];
    p.act_min = c->scalars[0];
    p.act_max = c->scalars[1];
    out = new_output(lens[3]);
    if (!out)
        return case_error(op, c, "out of memory", 0);
    if (depthwise)
        st = mote_ref_depthwise_conv2d_f32(&p, &id, c->arrays[0], &fd, c->arrays[1],
                                           c->arrays[2], &od, out);
    else
        st = mote_ref_conv2d_f32(&p, &id, c->arrays[0], &fd, c->arrays[1], c->arrays[2],
                                 &od, out);
    ok = st == MOTE_OK ? compare(op, c, out, c->arrays[3], lens[3])
                       : case_error(op, c, "kernel returned an error", st);
    free(out);
    return ok;
}

static int run_fc(const char *op, const tcase *c)
{
    int32_t b, d, o, lens[4];
    float *out;
    int st, ok;
    if (c->nints != 4 || c->nscalars != 2)
        return case_error(op, c, "malformed case", 0);
    b = c->ints[0];
    d = c->ints[1];
    o = c->ints[2];
    lens[0] = b * d;
    lens[1] = o * d;
    lens[2] = c->ints[3] ? o : 0;
    lens[3] = b * o;
    if (!lens_ok(c, 4, lens))
        return case_error(op, c, "array lengths disagree with shapes", 0);
    out = new_output(lens[3]);
    if (!out)
        return case_error(op, c, "out of memory", 0);
    st = mote_ref_fully_connected_f32(c->scalars[0], c->scalars[1], b, d, o, c->arrays[0],
                                      c->arrays[1], c->arrays[2], out);
    ok = st == MOTE_OK ? compare(op, c, out, c->arrays[3], lens[3])
                       : case_error(op, c, "kernel returned an error", st);
    free(out);
    return ok;
}

static int run_pool(const char *op, const tcase *c, int is_max)
{
    mote_pool_f32_params p;
    mote_dims id, od;
    int32_t lens[2];
    float *out;
    int st, ok;
    if (c->nints != 14 || c->nscalars != 2)
        return case_error(op, c, "malformed case", 0);
    id = dims_at(c->ints);
    od = dims_at(c->ints + 4);
    lens[0] = dims_count(&id);
    lens[1] = dims_count(&od);
    if (!lens_ok(c, 2, lens))
        return case_error(op, c, "array lengths disagree with shapes", 0);
    p.geom.stride_h = c->ints[8];
    p.geom.stride_w = c->ints[9];
    p.geom.dilation_h = 1;
    p.geom.dilation_w = 1;
    p.geom.pad_h = c->ints[10];
    p.geom.pad_w = c->ints[11];
    p.filter_h = c->ints[12];
    p.filter_w = c->ints[13];
    p.act_min = c->scalars[0];
    p.act_max = c->scalars[1];
    out = new_output(lens[1]);
    if (!out)
        return case_error(op, c, "out of memory", 0);
    st = is_max ? mote_ref_max_pool_f32(&p, &id, c->arrays[0], &od, out)
                : mote_ref_avg_pool_f32(&p, &id, c->arrays[0], &od, out);
    ok = st == MOTE_OK ? compare(op, c, out, c->arrays[1], lens[1])
                       : case_error(op, c, "kernel returned an error", st);
    free(out);
    return ok;
}

static int run_add(const char *op, const tcase *c)
{
    mote_dims d1, d2, od;
    int32_t lens[3];
    float *out;
    int st, ok;
    if (c->nints != 12 || c->nscalars != 2)
        return case_error(op, c, "malformed case", 0);
    d1 = dims_at(c->ints);
    d2 = dims_at(c->ints + 4);
    od = dims_at(c->ints + 8);
    lens[0] = dims_count(&d1);
    lens[1] = dims_count(&d2);
    lens[2] = dims_count(&od);
    if (!lens_ok(c, 3, lens))
        return case_error(op, c, "array lengths disagree with shapes", 0);
    out = new_output(lens[2]);
    if (!out)
        return case_error(op, c, "out of memory", 0);
    st = mote_ref_add_f32(c->scalars[0], c->scalars[1], &d1, c->arrays[0], &d2, c->arrays[1],
                          &od, out);
    ok = st == MOTE_OK ? compare(op, c, out, c->arrays[2], lens[2])
                       : case_error(op, c, "kernel returned an error", st);
    free(out);
    return ok;
}

/* Softmax runs twice: into a fresh buffer and in place, since the kernel
 * promises output may alias input. */
static int run_softmax(const char *op, const tcase *c)
{
    int32_t lens[2];
    float *out;
    int st, ok;
    if (c->nints != 2 || c->nscalars != 1)
        return case_error(op, c, "malformed case", 0);
    lens[0] = lens[1] = c->ints[0] * c->ints[1];
    if (!lens_ok(c, 2, lens))
        return case_error(op, c, "array lengths disagree with shapes", 0);
    out = new_output(lens[1]);
    if (!out)
        return case_error(op, c, "out of memory", 0);
    st = mote_ref_softmax_f32(c->scalars[0], c->ints[0], c->ints[1], c->arrays[0], out);
    ok = st == MOTE_OK ? compare(op, c, out, c->arrays[1], lens[1])
                       : case_error(op, c, "kernel returned an error", st);
    if (ok) {
        memcpy(out, c->arrays[0], (size_t)lens[0] * sizeof(float));
        st = mote_ref_softmax_f32(c->scalars[0], c->ints[0], c->ints[1], out, out);
        ok = st == MOTE_OK ? compare(op, c, out, c->arrays[1], lens[1])
                           : case_error(op, c, "in-place call returned an error", st);
    }
    free(out);
    return ok;
}

enum { OP_CONV, OP_DW, OP_FC, OP_AVG, OP_MAX, OP_ADD, OP_SOFTMAX };

static const struct {
    const char *file;
    int op;
} files[] = {
    {"conv2d", OP_CONV}, {"depthwise_conv2d", OP_DW}, {"fully_connected", OP_FC},
    {"avg_pool", OP_AVG}, {"max_pool", OP_MAX},       {"add", OP_ADD},
    {"softmax", OP_SOFTMAX},
};

static int run_case(int op, const char *name, const tcase *c)
{
    switch (op) {
    case OP_CONV: return run_conv(name, c, 0);
    case OP_DW: return run_conv(name, c, 1);
    case OP_FC: return run_fc(name, c);
    case OP_AVG: return run_pool(name, c, 0);
    case OP_MAX: return run_pool(name, c, 1);
    case OP_ADD: return run_add(name, c);
    default: return run_softmax(name, c);
    }
}

static void run_file(const char *dir, const char *op_name, int op)
{
    char path[512];
    reader r;
    int32_t ncases, i;
    uint8_t *buf;
    size_t len = 0;

    snprintf(path, sizeof path, "%s/%s.bin", dir, op_name);
    buf = load_file(path, &len);
    if (!buf) {
        printf("FAIL %s: cannot read %s\n", op_name, path);
        ++failed;
        return;
    }
    r.p = buf;
    r.len = len;
    r.pos = 0;
    r.bad = len < 4 || memcmp(buf, "MF32", 4) != 0;
    r.pos = 4;
    ncases = rd_i32(&r);
    if (r.bad || ncases <= 0) {
        fail(op_name, "bad case file header");
        free(buf);
        return;
    }
    for (i = 0; i < ncases; ++i) {
        tcase c;
        if (!read_case(&r, &c)) {
            free_case(&c);
            fail(op_name, "truncated or malformed case file");
            break;
        }
        if (run_case(op, op_name, &c))
            ++passed;
        else
            ++failed;
        free_case(&c);
    }
    if (!r.bad && r.pos != r.len)
        fail(op_name, "trailing bytes after the last case");
    free(buf);
}

/* ---- argument checks -------------------------------------------------- */

static void test_args(void)
{
    const char *op = "args";
    float in[64] = {0}, w[64] = {0}, out[64];
    mote_dims d = {1, 2, 2, 2}, f = {2, 1, 1, 2}, dwf = {1, 1, 1, 2}, od = {1, 2, 2, 2};
    mote_dims bad = {1, 0, 2, 2}, wrong_c = {1, 2, 2, 3};
    mote_conv_f32_params cp = {{1, 1, 1, 1, 0, 0}, 1, -INFINITY, INFINITY};
    mote_conv_f32_params cp_stride0 = {{0, 1, 1, 1, 0, 0}, 1, -INFINITY, INFINITY};
    mote_pool_f32_params pp = {{1, 1, 1, 1, 0, 0}, 1, 1, -INFINITY, INFINITY};
    mote_pool_f32_params pp_f0 = {{1, 1, 1, 1, 0, 0}, 0, 1, -INFINITY, INFINITY};

    check(mote_ref_conv2d_f32(&cp, &d, in, &f, w, NULL, &od, out) == MOTE_OK, op,
          "conv2d valid call");
    check(mote_ref_conv2d_f32(NULL, &d, in, &f, w, NULL, &od, out) == MOTE_E_ARG, op,
          "conv2d NULL params");
    check(mote_ref_conv2d_f32(&cp, &d, NULL, &f, w, NULL, &od, out) == MOTE_E_ARG, op,
          "conv2d NULL input");
    check(mote_ref_conv2d_f32(&cp, &d, in, &f, NULL, NULL, &od, out) == MOTE_E_ARG, op,
          "conv2d NULL filter");
    check(mote_ref_conv2d_f32(&cp, &d, in, &f, w, NULL, &od, NULL) == MOTE_E_ARG, op,
          "conv2d NULL output");
    check(mote_ref_conv2d_f32(&cp, &bad, in, &f, w, NULL, &od, out) == MOTE_E_ARG, op,
          "conv2d zero dimension");
    check(mote_ref_conv2d_f32(&cp_stride0, &d, in, &f, w, NULL, &od, out) == MOTE_E_ARG, op,
          "conv2d stride 0");
    check(mote_ref_conv2d_f32(&cp, &wrong_c, in, &f, w, NULL, &od, out) == MOTE_E_ARG, op,
          "conv2d channel mismatch");

    check(mote_ref_depthwise_conv2d_f32(&cp, &d, in, &dwf, w, NULL, &od, out) == MOTE_OK, op,
          "depthwise valid call");
    check(mote_ref_depthwise_conv2d_f32(&cp, NULL, in, &dwf, w, NULL, &od, out) == MOTE_E_ARG,
          op, "depthwise NULL dims");
    check(mote_ref_depthwise_conv2d_f32(&cp, &d, in, &f, w, NULL, &od, out) == MOTE_E_ARG, op,
          "depthwise filter batch != 1");
    cp.depth_multiplier = 0;
    check(mote_ref_depthwise_conv2d_f32(&cp, &d, in, &dwf, w, NULL, &od, out) == MOTE_E_ARG,
          op, "depthwise multiplier 0");

    check(mote_ref_fully_connected_f32(-INFINITY, INFINITY, 1, 4, 2, in, w, NULL, out) ==
              MOTE_OK, op, "fc valid call");
    check(mote_ref_fully_connected_f32(-INFINITY, INFINITY, 1, 4, 2, NULL, w, NULL, out) ==
              MOTE_E_ARG, op, "fc NULL input");
    check(mote_ref_fully_connected_f32(-INFINITY, INFINITY, 1, 0, 2, in, w, NULL, out) ==
              MOTE_E_ARG, op, "fc depth 0");

    check(mote_ref_avg_pool_f32(&pp, &d, in, &od, out) == MOTE_OK, op, "avg_pool valid call");
    check(mote_ref_avg_pool_f32(&pp, &d, in, &od, NULL) == MOTE_E_ARG, op,
          "avg_pool NULL output");
    check(mote_ref_avg_pool_f32(&pp_f0, &d, in, &od, out) == MOTE_E_ARG, op,
          "avg_pool filter 0");
    check(mote_ref_max_pool_f32(&pp, &d, in, &od, out) == MOTE_OK, op, "max_pool valid call");
    check(mote_ref_max_pool_f32(NULL, &d, in, &od, out) == MOTE_E_ARG, op,
          "max_pool NULL params");
    check(mote_ref_max_pool_f32(&pp, &d, in, &wrong_c, out) == MOTE_E_ARG, op,
          "max_pool channel mismatch");

    check(mote_ref_add_f32(-INFINITY, INFINITY, &d, in, &d, w, &od, out) == MOTE_OK, op,
          "add valid call");
    check(mote_ref_add_f32(-INFINITY, INFINITY, &d, in, &d, NULL, &od, out) == MOTE_E_ARG, op,
          "add NULL in2");
    check(mote_ref_add_f32(-INFINITY, INFINITY, &wrong_c, in, &d, w, &od, out) == MOTE_E_ARG,
          op, "add non-broadcastable shapes");

    check(mote_ref_softmax_f32(1.0f, 2, 4, in, out) == MOTE_OK, op, "softmax valid call");
    check(mote_ref_softmax_f32(1.0f, 2, 4, in, NULL) == MOTE_E_ARG, op, "softmax NULL output");
    check(mote_ref_softmax_f32(1.0f, 0, 4, in, out) == MOTE_E_ARG, op, "softmax rows 0");
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "tests/kernels_f32/cases";
    size_t i;
    for (i = 0; i < sizeof files / sizeof files[0]; ++i)
        run_file(dir, files[i].file, files[i].op);
    test_args();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 && passed > 0 ? 0 : 1;
}
