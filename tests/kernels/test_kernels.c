/*
 * test_kernels.c — int8 reference kernels against TensorFlow Lite Micro.
 *
 * Usage: test_kernels <cases/kernels_s8.bin>
 *
 * Every case in the file was produced by tests/kernels/make_cases.py running
 * a one-operator model in TFLM's Python interpreter. Here we derive the
 * integer parameters from the recorded scales with mote's quant.c, run the
 * kernel, and compare every output byte with TFLM's; guard bytes after the
 * output catch writes past its end. Prints each failure (case, index, got,
 * want) and a final "N passed, N failed" line; exits non-zero on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "mote/kernels.h"
#include "mote/graph.h"
#include "ops/quant.h"
#include "test_kernels.h"

enum { OP_CONV, OP_DW, OP_FC, OP_AVG, OP_MAX, OP_ADD, OP_SOFTMAX, OP_COUNT };
static const char *const op_names[OP_COUNT] = {"conv2d", "depthwise", "fully_connected",
                                               "avg_pool", "max_pool", "add", "softmax"};

#define MAX_INTS 64
#define MAX_FLOATS 256
#define MAX_BUFS 8
#define GUARD 16

typedef struct buf {
    int32_t elem;      /* 1 or 4 */
    int32_t count;
    const unsigned char *data;
} buf;

typedef struct tcase {
    int32_t op;
    int32_t n_ints, n_floats, n_bufs;
    int32_t ints[MAX_INTS];
    float floats[MAX_FLOATS];
    buf bufs[MAX_BUFS];
} tcase;

void tally_check(test_tally *t, int ok, const char *name, const char *detail)
{
    if (ok) {
        t->passed++;
    } else {
        t->failed++;
        printf("FAIL %s%s%s\n", name, detail && detail[0] ? ": " : "", detail ? detail : "");
    }
}

/* ---- case file reading ---------------------------------------------- */

typedef struct reader {
    const unsigned char *p, *end;
    int bad;
} reader;

static int32_t rd_i32(reader *r)
{
    uint32_t v;
    if (r->end - r->p < 4) {
        r->bad = 1;
        return 0;
    }
    v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
        (uint32_t)r->p[3] << 24;
    r->p += 4;
    return (int32_t)v;
}

static float rd_f32(reader *r)
{
    int32_t bits = rd_i32(r);
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static int read_case(reader *r, tcase *c)
{
    int32_t i;
    c->op = rd_i32(r);
    c->n_ints = rd_i32(r);
    if (r->bad || c->n_ints < 0 || c->n_ints > MAX_INTS) return 0;
    for (i = 0; i < c->n_ints; ++i) c->ints[i] = rd_i32(r);
    c->n_floats = rd_i32(r);
    if (r->bad || c->n_floats < 0 || c->n_floats > MAX_FLOATS) return 0;
    for (i = 0; i < c->n_floats; ++i) c->floats[i] = rd_f32(r);
    c->n_bufs = rd_i32(r);
    if (r->bad || c->n_bufs < 0 || c->n_bufs > MAX_BUFS) return 0;
    for (i = 0; i < c->n_bufs; ++i) {
        buf *b = &c->bufs[i];
        b->elem = rd_i32(r);
        b->count = rd_i32(r);
        if (r->bad || (b->elem != 1 && b->elem != 4) || b->count < 0 ||
            (r->end - r->p) / b->elem < b->count)
            return 0;
        b->data = r->p;
        r->p += (size_t)b->count * (size_t)b->elem;
    }
    return !r->bad && c->op >= 0 && c->op < OP_COUNT;
}

/* Buffers are copied out so kernels see aligned, correctly typed arrays. */
static int8_t *copy_i8(const buf *b)
{
    int8_t *p = malloc((size_t)b->count + 1);
    if (p) memcpy(p, b->data, (size_t)b->count);
    return p;
}

static int32_t *copy_i32(const buf *b)
{
    int32_t *p = malloc(((size_t)b->count + 1) * sizeof *p);
    int32_t i;
    if (!p) return NULL;
    for (i = 0; i < b->count; ++i) {
        const unsigned char *q = b->data + 4 * i;
        p[i] = (int32_t)((uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 |
                         (uint32_t)q[3] << 24);
    }
    return p;
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

/* ---- comparison --------------------------------------------------------- */

typedef struct run_ctx {
    test_tally *t;
    int index;           /* case number within the file */
    char name[64];
} run_ctx;

/* Output buffer of n bytes plus a guard pattern. */
static int8_t *alloc_out(int32_t n)
{
    int8_t *p = malloc((size_t)n + GUARD);
    if (p) memset(p, 0x5a, (size_t)n + GUARD);
    return p;
}

static void compare(run_ctx *rc, mote_status st, const int8_t *got, const buf *want)
{
    char detail[160];
    int32_t i, bad = 0, first = -1;
    const int8_t *w = (const int8_t *)want->data;

    if (st != MOTE_OK) {
        sprintf(detail, "kernel returned status %d", (int)st);
        tally_check(rc->t, 0, rc->name, detail);
        return;
    }
    for (i = 0; i < want->count; ++i) {
        if (got[i] != w[i]) {
            if (first < 0) first = i;
            ++bad;
        }
    }
    for (i = 0; i < GUARD; ++i) {
        if ((unsigned char)got[want->count + i] != 0x5a) {
            tally_check(rc->t, 0, rc->name, "wrote past the end of the output");
            return;
        }
    }
    if (bad) {
        sprintf(detail, "%d of %d bytes differ; first at index %d: got %d, want %d", (int)bad,
                (int)want->count, (int)first, got[first], w[first]);
        tally_check(rc->t, 0, rc->name, detail);
        return;
    }
    tally_check(rc->t, 1, rc->name, NULL);
}

static void setup_fail(run_ctx *rc, const char *what, mote_status st)
{
    char detail[128];
    sprintf(detail, "%s returned status %d", what, (int)st);
    tally_check(rc->t, 0, rc->name, detail);
}

/* ---- per operator ------------------------------------------------------- */

/* Requantization tables for out_c channels from n_scales filter scales (1:
 * per tensor, broadcast as TFLM does; FC per tensor needs only entry 0). */
static mote_status make_requant(const tcase *c, int32_t out_c, int32_t n_scales,
                                int32_t *mult, int8_t *shift)
{
    int32_t ch;
    for (ch = 0; ch < out_c; ++ch) {
        float fs = c->floats[2 + (n_scales > 1 ? ch : 0)];
        mote_status st = mote_quant_conv_channel(c->floats[0], fs, c->floats[1], &mult[ch],
                                                 &shift[ch]);
        if (st != MOTE_OK) return st;
    }
    return MOTE_OK;
}

static void run_conv(run_ctx *rc, const tcase *c)
{
    const int32_t *v = c->ints;
    mote_dims id = dims_at(v), fd = dims_at(v + 4), od = dims_at(v + 8);
    mote_conv_s8_params p;
    mote_requant q;
    int32_t mult[MAX_FLOATS];
    int8_t shift[MAX_FLOATS];
    int8_t *in = copy_i8(&c->bufs[0]), *w = copy_i8(&c->bufs[1]);
    int32_t *bias = copy_i32(&c->bufs[2]);
    int8_t *out = alloc_out(c->bufs[3].count);
    mote_status st;

    p.geom.stride_h = v[12];
    p.geom.stride_w = v[13];
    p.geom.dilation_h = v[14];
    p.geom.dilation_w = v[15];
    p.geom.pad_h = v[16];
    p.geom.pad_w = v[17];
    p.input_offset = -v[18];
    p.output_offset = v[19];
    p.depth_multiplier = v[22];
    q.multiplier = mult;
    q.shift = shift;
    if ((st = mote_quant_activation_s8(v[20], c->floats[1], v[19], &p.act_min, &p.act_max)))
        setup_fail(rc, "mote_quant_activation_s8", st);
    else if ((st = make_requant(c, od.c, v[23], mult, shift)))
        setup_fail(rc, "mote_quant_conv_channel", st);
    else if (c->op == OP_CONV)
        compare(rc, mote_ref_conv2d_s8(&p, &q, &id, in, &fd, w, v[21] ? bias : NULL, &od, out),
                out, &c->bufs[3]);
    else
        compare(rc, mote_ref_depthwise_conv2d_s8(&p, &q, &id, in, &fd, w, v[21] ? bias : NULL,
                                                 &od, out),
                out, &c->bufs[3]);
    free(in);
    free(w);
    free(bias);
    free(out);
}

static void run_fc(run_ctx *rc, const tcase *c)
{
    const int32_t *v = c->ints;
    const int32_t batches = v[0], depth = v[1], out_c = v[2];
    const int per_channel = v[7] > 1;
    mote_fc_s8_params p;
    mote_requant q;
    int32_t mult[MAX_FLOATS];
    int8_t shift[MAX_FLOATS];
    int8_t *in = copy_i8(&c->bufs[0]), *w = copy_i8(&c->bufs[1]);
    int32_t *bias = copy_i32(&c->bufs[2]);
    int8_t *out = alloc_out(c->bufs[3].count);
    mote_status st;

    p.input_offset = -v[3];
    p.filter_offset = 0;
    p.output_offset = v[4];
    p.per_channel = per_channel;
    q.multiplier = mult;
    q.shift = shift;
    if ((st = mote_quant_activation_s8(v[5], c->floats[1], v[4], &p.act_min, &p.act_max))) {
        setup_fail(rc, "mote_quant_activation_s8", st);
    } else if ((st = make_requant(c, per_channel ? out_c : 1, v[7], mult, shift))) {
        setup_fail(rc, "mote_quant_conv_channel", st);
    } else {
        compare(rc, mote_ref_fully_connected_s8(&p, &q, batches, depth, out_c, in, w,
                                                v[6] ? bias : NULL, out),
                out, &c->bufs[3]);
    }
    free(in);
    free(w);
    free(bias);
    free(out);
}

static void run_pool(run_ctx *rc, const tcase *c)
{
    const int32_t *v = c->ints;
    mote_dims id = dims_at(v), od = dims_at(v + 4);
    mote_pool_s8_params p;
    int8_t *in = copy_i8(&c->bufs[0]);
    int8_t *out = alloc_out(c->bufs[1].count);
    mote_status st;

    memset(&p, 0, sizeof p);
    p.geom.stride_h = v[8];
    p.geom.stride_w = v[9];
    p.geom.dilation_h = 1;
    p.geom.dilation_w = 1;
    p.geom.pad_h = v[10];
    p.geom.pad_w = v[11];
    p.filter_h = v[12];
    p.filter_w = v[13];
    if ((st = mote_quant_activation_s8(v[15], c->floats[0], v[14], &p.act_min, &p.act_max)))
        setup_fail(rc, "mote_quant_activation_s8", st);
    else if (c->op == OP_AVG)
        compare(rc, mote_ref_avg_pool_s8(&p, &id, in, &od, out), out, &c->bufs[1]);
    else
        compare(rc, mote_ref_max_pool_s8(&p, &id, in, &od, out), out, &c->bufs[1]);
    free(in);
    free(out);
}

static void run_add(run_ctx *rc, const tcase *c)
{
    const int32_t *v = c->ints;
    mote_dims d1 = dims_at(v), d2 = dims_at(v + 4), od = dims_at(v + 8);
    mote_add_s8_params p;
    int32_t lo, hi;
    int8_t *a = copy_i8(&c->bufs[0]), *b = copy_i8(&c->bufs[1]);
    int8_t *out = alloc_out(c->bufs[2].count);
    mote_status st;

    if ((st = mote_quant_activation_s8(v[15], c->floats[2], v[14], &lo, &hi)))
        setup_fail(rc, "mote_quant_activation_s8", st);
    else if ((st = mote_quant_add_s8(c->floats[0], v[12], c->floats[1], v[13], c->floats[2],
                                     v[14], lo, hi, &p)))
        setup_fail(rc, "mote_quant_add_s8", st);
    else
        compare(rc, mote_ref_add_s8(&p, &d1, a, &d2, b, &od, out), out, &c->bufs[2]);
    free(a);
    free(b);
    free(out);
}

static void run_softmax(run_ctx *rc, const tcase *c)
{
    mote_softmax_s8_params p;
    int8_t *in = copy_i8(&c->bufs[0]);
    int8_t *out = alloc_out(c->bufs[1].count);
    mote_status st;

    if ((st = mote_quant_softmax_s8(c->floats[0], c->floats[1], &p)))
        setup_fail(rc, "mote_quant_softmax_s8", st);
    else
        compare(rc, mote_ref_softmax_s8(&p, c->ints[0], c->ints[1], in, out), out, &c->bufs[1]);
    free(in);
    free(out);
}

/* Minimum ints / buffers each op's layout needs (see make_cases.py). */
static int layout_ok(const tcase *c)
{
    static const int32_t min_ints[OP_COUNT] = {24, 24, 8, 16, 16, 16, 2};
    static const int32_t n_bufs[OP_COUNT] = {4, 4, 4, 2, 2, 3, 2};
    static const int32_t min_floats[OP_COUNT] = {3, 3, 3, 1, 1, 3, 2};
    return c->n_ints >= min_ints[c->op] && c->n_bufs == n_bufs[c->op] &&
           c->n_floats >= min_floats[c->op];
}

/* ---- argument checks ------------------------------------------------- */

static void test_null_args(test_tally *t)
{
    mote_conv_s8_params cp;
    mote_fc_s8_params fp;
    mote_pool_s8_params pp;
    mote_add_s8_params ap;
    mote_softmax_s8_params sp;
    mote_requant q;
    mote_dims d = {1, 1, 1, 1};
    int32_t m = 1 << 30;
    int8_t sh = 0, x = 0, y = 0;

    memset(&cp, 0, sizeof cp);
    memset(&fp, 0, sizeof fp);
    memset(&pp, 0, sizeof pp);
    memset(&ap, 0, sizeof ap);
    memset(&sp, 0, sizeof sp);
    q.multiplier = &m;
    q.shift = &sh;
    tally_check(t, mote_ref_conv2d_s8(NULL, &q, &d, &x, &d, &x, NULL, &d, &y) == MOTE_E_ARG,
                "conv2d NULL params", NULL);
    tally_check(t, mote_ref_conv2d_s8(&cp, &q, &d, &x, &d, &x, NULL, &d, NULL) == MOTE_E_ARG,
                "conv2d NULL output", NULL);
    tally_check(t, mote_ref_conv2d_s8(&cp, &q, &d, &x, &d, &x, NULL, &d, &y) == MOTE_E_ARG,
                "conv2d stride 0", NULL);
    tally_check(t, mote_ref_depthwise_conv2d_s8(&cp, &q, &d, NULL, &d, &x, NULL, &d, &y) ==
                       MOTE_E_ARG, "depthwise NULL input", NULL);
    tally_check(t, mote_ref_fully_connected_s8(&fp, NULL, 1, 1, 1, &x, &x, NULL, &y) ==
                       MOTE_E_ARG, "fc NULL requant", NULL);
    tally_check(t, mote_ref_fully_connected_s8(&fp, &q, 0, 1, 1, &x, &x, NULL, &y) == MOTE_E_ARG,
                "fc zero batches", NULL);
    tally_check(t, mote_ref_avg_pool_s8(&pp, &d, &x, NULL, &y) == MOTE_E_ARG,
                "avg_pool NULL dims", NULL);
    tally_check(t, mote_ref_max_pool_s8(NULL, &d, &x, &d, &y) == MOTE_E_ARG,
                "max_pool NULL params", NULL);
    tally_check(t, mote_ref_add_s8(&ap, &d, &x, &d, NULL, &d, &y) == MOTE_E_ARG,
                "add NULL input", NULL);
    tally_check(t, mote_ref_softmax_s8(&sp, 1, 0, &x, &y) == MOTE_E_ARG,
                "softmax zero depth", NULL);
    tally_check(t, mote_ref_softmax_s8(NULL, 1, 1, &x, &y) == MOTE_E_ARG,
                "softmax NULL params", NULL);
}

int main(int argc, char **argv)
{
    test_tally t = {0, 0};
    int per_op[OP_COUNT] = {0};
    uint8_t *file;
    size_t size;
    char err[FILE_ERR_MAX];
    reader r;
    int32_t n, i;

    if (argc != 2) {
        fprintf(stderr, "usage: %s cases/kernels_s8.bin\n", argv[0]);
        return 2;
    }
    if (file_read(argv[1], FILE_MODEL_MAX, &file, &size, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    if (size < 8 || memcmp(file, "MKC1", 4) != 0) {
        fprintf(stderr, "%s: not a kernel case file\n", argv[1]);
        return 2;
    }
    r.p = file + 4;
    r.end = file + size;
    r.bad = 0;
    n = rd_i32(&r);

    for (i = 0; i < n; ++i) {
        static tcase c;
        run_ctx rc;
        if (!read_case(&r, &c) || !layout_ok(&c)) {
            printf("FAIL case file: case %d is malformed\n", (int)i);
            t.failed++;
            break;
        }
        rc.t = &t;
        rc.index = i;
        sprintf(rc.name, "%s case %d (file case %d)", op_names[c.op], per_op[c.op]++, (int)i);
        switch (c.op) {
        case OP_CONV:
        case OP_DW: run_conv(&rc, &c); break;
        case OP_FC: run_fc(&rc, &c); break;
        case OP_AVG:
        case OP_MAX: run_pool(&rc, &c); break;
        case OP_ADD: run_add(&rc, &c); break;
        default: run_softmax(&rc, &c); break;
        }
    }
    free(file);
    test_null_args(&t);
    test_quant_run(&t);
    printf("cases per op:");
    for (i = 0; i < OP_COUNT; ++i) printf(" %s %d", op_names[i], per_op[i]);
    printf("\n");
    printf("%d passed, %d failed\n", t.passed, t.failed);
    return t.failed ? 1 : 0;
}
