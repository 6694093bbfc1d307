/*
 * cases_rows.c — the MUL and SOFTMAX rows (DSP, Helium) and the Helium pool
 * rows (src/kernels/arm/arm_rows_ew.h) against the reference kernels:
 * seeded random cases compared byte for byte, guard bytes after each
 * output; then instructions per element on benchmark layers (KWS's last
 * SOFTMAX and its pool, VWW-like pools, MUL shapes).
 *
 * Prints "<kernel>: N passed, M failed (K not taken)" per kernel and
 *   layer=<name> elems=<n> ref_instructions=<n> arm_instructions=<n>
 *   ratio=<x> arm_instr_per_elem=<x> [mve_instructions=<n> mve_instr_per_elem=<x>]
 * (arm: the DSP row; on the M55 also the Helium row).
 */
#include <stdio.h>
#include <string.h>
#include "cases_bufs.h"
#include "armk_rand.h"
#include "cases_rows.h"
#include "icount.h"
#include "mote/kernels.h"
#include "mote/kernels_elementwise.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_rows_ew.h"

#if defined(__ARM_FEATURE_MVE)
#define RW_MVE 1
#else
#define RW_MVE 0
#endif

#define RW_GB 0xA5
/* The buffers: cases_bufs.h. */
#define a_buf (armk_cases.rows.a)
#define b_buf (armk_cases.rows.b)
#define o_ref (armk_cases.rows.ref)
#define o_arm (armk_cases.rows.arm)

static armk_rng rng = {0x9E3779B9u};
/* random int8: extremes, a narrow band (softmax: close values), or uniform */
static void rw_fill(int8_t *p, int32_t n)
{
    int32_t i;
    const int mode = (int)(armk_rnd(&rng) % 8);
    const int32_t base = armk_int(&rng, -128, 120), width = armk_int(&rng, 0, 8);
    for (i = 0; i < n; ++i) {
        if (mode == 0)
            p[i] = (int8_t)((armk_rnd(&rng) & 1) ? 127 : -128);
        else if (mode == 1)
            p[i] = (int8_t)(base + armk_int(&rng, 0, width));
        else if (mode == 2)
            p[i] = (int8_t)base;
        else
            p[i] = (int8_t)armk_rnd(&rng);
    }
}

typedef struct rw_counts {
    const char *name;
    int passed, failed, skipped;
} rw_counts;

static void rw_prepare(int32_t n)
{
    memset(o_ref, 0x11, (size_t)n);
    memset(o_arm, 0x77, (size_t)n);
    memset(o_ref + n, RW_GB, RW_GUARD);
    memset(o_arm + n, RW_GB, RW_GUARD);
}

static void rw_record(rw_counts *c, mote_status sr, mote_status sa, int32_t n, const char *what)
{
    int32_t i;
    int ok = sr == sa && (sr != MOTE_OK || memcmp(o_ref, o_arm, (size_t)n) == 0);
    for (i = 0; i < RW_GUARD; ++i)
        if ((uint8_t)o_arm[n + i] != RW_GB) ok = 0;
    if (ok) {
        c->passed++;
        return;
    }
    if (++c->failed <= 5) {
        printf("FAIL %s %s: status ref=%d arm=%d\n", c->name, what, (int)sr, (int)sa);
        for (i = 0; i < n; ++i)
            if (o_ref[i] != o_arm[i]) {
                printf("  first mismatch at %ld of %ld: ref=%d arm=%d\n", (long)i, (long)n,
                       o_ref[i], o_arm[i]);
                break;
            }
    }
}

/* ---- SOFTMAX ------------------------------------------------------------ */
static void rw_softmax_params(mote_softmax_s8_params *p)
{
    const int32_t ls = armk_rnd(&rng) % 4 == 0 ? armk_int(&rng, 0, 31) : armk_int(&rng, 18, 28);
    p->input_multiplier =
        armk_rnd(&rng) % 16 == 0 ? (1 << 30) : (int32_t)((1u << 30) | (armk_rnd(&rng) >> 2));
    p->input_left_shift = ls;
    /* TFLite's CalculateInputRadius (ops/quant.c), or a random cut */
    p->diff_min = armk_rnd(&rng) % 6 == 0 ? -armk_int(&rng, 0, 255)
                                          : -(int32_t)((((uint32_t)1 << 5) - 1) << 26 >> ls);
}

static void rw_softmax(rw_counts *c, rw_counts *cm, int n_cases)
{
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_softmax_s8_params p;
        int32_t rows = armk_int(&rng, 1, 3), depth, n;
        mote_status sr, sa;
        char what[96];
        const uint32_t kind = armk_rnd(&rng) % 32;
        if (kind < 6)
            depth = armk_int(&rng, 33, 300); /* past the DSP row's exp cache */
        else if (kind == 6) {                /* sums of 512 exp(0) and more */
            depth = armk_int(&rng, 500, 1200);
            rows = 1;
        } else
            depth = armk_int(&rng, 1, 32);
        n = rows * depth;
        rw_softmax_params(&p);
        rw_fill(a_buf, n);
        snprintf(what, sizeof what, "case %d %ldx%ld mult %ld ls %ld diff_min %ld", i, (long)rows,
                 (long)depth, (long)p.input_multiplier, (long)p.input_left_shift, (long)p.diff_min);
        rw_prepare(n);
        sr = mote_ref_softmax_s8(&p, rows, depth, a_buf, o_ref);
        sa = mote_arm_softmax_s8(&p, rows, depth, a_buf, o_arm);
        rw_record(c, sr, sa, n, what);
        /* in place, as a planner may run it */
        memcpy(o_arm, a_buf, (size_t)n);
        sa = mote_arm_softmax_s8(&p, rows, depth, o_arm, o_arm);
        rw_record(c, sr, sa, n, what);
#if RW_MVE
        rw_prepare(n);
        sr = mote_ref_softmax_s8(&p, rows, depth, a_buf, o_ref);
        sa = mote_mve_softmax_s8(&p, rows, depth, a_buf, o_arm);
        rw_record(cm, sr, sa, n, what);
        memcpy(o_arm, a_buf, (size_t)n);
        sa = mote_mve_softmax_s8(&p, rows, depth, o_arm, o_arm);
        rw_record(cm, sr, sa, n, what);
#else
        (void)cm;
#endif
    }
}

/* ---- MUL ------------------------------------------------------------------ */
/* An output shape of rank 1..4 (padded to MOTE_BCAST_RANK at the front) and
 * each input's shape: every dimension the output's or 1. */
static void rw_bcast(mote_bcast *b, int32_t *n1, int32_t *n2)
{
    int32_t sh1[MOTE_BCAST_RANK], sh2[MOTE_BCAST_RANK], d, st1 = 1, st2 = 1;
    const int rank = armk_int(&rng, 1, 4);
    const int kind = (int)(armk_rnd(&rng) % 6);
    b->elements = 1;
    for (d = MOTE_BCAST_RANK - 1; d >= 0; --d) {
        const int used = d >= MOTE_BCAST_RANK - rank;
        b->shape[d] =
            used ? (armk_rnd(&rng) % 5 == 0 ? 1
                                            : armk_int(&rng, 1, d == MOTE_BCAST_RANK - 1 ? 40 : 9))
                 : 1;
        b->elements *= b->shape[d];
        sh1[d] = sh2[d] = b->shape[d];
        switch (kind) {
        case 0: break;             /* same shapes */
        case 1: sh2[d] = 1; break; /* input 2 one element */
        case 2: sh1[d] = 1; break; /* input 1 one element */
        case 3:                    /* per channel: input 2 is the last dimension */
            if (d != MOTE_BCAST_RANK - 1) sh2[d] = 1;
            break;
        case 4: /* per pixel: input 1 one channel */
            if (d == MOTE_BCAST_RANK - 1) sh1[d] = 1;
            break;
        default: /* any dimension of either */
            if (armk_rnd(&rng) % 3 == 0) sh1[d] = 1;
            if (armk_rnd(&rng) % 3 == 0) sh2[d] = 1;
        }
    }
    for (d = MOTE_BCAST_RANK - 1; d >= 0; --d) {
        b->s1[d] = sh1[d] == 1 ? 0 : st1;
        b->s2[d] = sh2[d] == 1 ? 0 : st2;
        st1 *= sh1[d];
        st2 *= sh2[d];
    }
    *n1 = st1;
    *n2 = st2;
}

static void rw_mul_params(mote_mul_q_step *s)
{
    s->input1_offset = -armk_int(&rng, -128, 127);
    s->input2_offset = -armk_int(&rng, -128, 127);
    s->output_offset = armk_int(&rng, -128, 127);
    s->multiplier = armk_rnd(&rng) % 16 == 0 ? 0 : (int32_t)((1u << 30) | (armk_rnd(&rng) >> 2));
    switch (armk_rnd(&rng) % 4) {
    case 0: s->shift = armk_int(&rng, -31, 30); break;
    case 1: s->shift = armk_int(&rng, -3, 3); break;
    default: s->shift = armk_int(&rng, -12, -5); /* typical: scales s1 s2 / so ~ 2^-8 */
    }
    if (armk_rnd(&rng) % 3 == 0) {
        s->act_min = -128;
        s->act_max = 127;
    } else {
        const int32_t x = armk_int(&rng, -128, 127), y = armk_int(&rng, -128, 127);
        s->act_min = x < y ? x : y;
        s->act_max = x < y ? y : x;
    }
}

static mote_status rw_mul_run(mote_kernel_fn fn, const mote_mul_q_step *s, const int8_t *in1,
                              const int8_t *in2, int8_t *out)
{
    const void *in[2];
    void *outs[1];
    mote_kernel_io io;
    in[0] = in1;
    in[1] = in2;
    outs[0] = out;
    io.in = in;
    io.out = outs;
    io.scratch = NULL;
    return fn(s, &io);
}

static void rw_mul(rw_counts *c, rw_counts *cm, int n_cases)
{
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_mul_q_step s;
        int32_t n1, n2;
        mote_status sr, sa;
        char what[112];
        memset(&s, 0, sizeof s);
        rw_bcast(&s.b, &n1, &n2);
        rw_mul_params(&s);
        rw_fill(a_buf, n1);
        rw_fill(b_buf, n2);
        snprintf(what, sizeof what, "case %d [%ld,%ld,%ld,%ld] n1 %ld n2 %ld m %ld s %ld", i,
                 (long)s.b.shape[2], (long)s.b.shape[3], (long)s.b.shape[4], (long)s.b.shape[5],
                 (long)n1, (long)n2, (long)s.multiplier, (long)s.shift);
        if (!mote_arm_mul_s8_step_fits(&s)) {
            c->skipped++;
            continue;
        }
        rw_prepare(s.b.elements);
        sr = rw_mul_run(mote_ref_mul_s8_step, &s, a_buf, b_buf, o_ref);
        sa = rw_mul_run(mote_arm_mul_s8_step, &s, a_buf, b_buf, o_arm);
        rw_record(c, sr, sa, s.b.elements, what);
        if (n1 == s.b.elements) { /* in place over input 1 */
            memcpy(o_arm, a_buf, (size_t)n1);
            sa = rw_mul_run(mote_arm_mul_s8_step, &s, o_arm, b_buf, o_arm);
            rw_record(c, sr, sa, s.b.elements, what);
        }
        if (n2 == s.b.elements) { /* in place over input 2 (ops.def: MUL is MOTE_OPF_INPLACE) */
            memcpy(o_arm, b_buf, (size_t)n2);
            sa = rw_mul_run(mote_arm_mul_s8_step, &s, a_buf, o_arm, o_arm);
            rw_record(c, sr, sa, s.b.elements, what);
        }
#if RW_MVE
        rw_prepare(s.b.elements);
        sr = rw_mul_run(mote_ref_mul_s8_step, &s, a_buf, b_buf, o_ref);
        sa = rw_mul_run(mote_mve_mul_s8_step, &s, a_buf, b_buf, o_arm);
        rw_record(cm, sr, sa, s.b.elements, what);
        if (n1 == s.b.elements) {
            memcpy(o_arm, a_buf, (size_t)n1);
            sa = rw_mul_run(mote_mve_mul_s8_step, &s, o_arm, b_buf, o_arm);
            rw_record(cm, sr, sa, s.b.elements, what);
        }
        if (n2 == s.b.elements) {
            memcpy(o_arm, b_buf, (size_t)n2);
            sa = rw_mul_run(mote_mve_mul_s8_step, &s, a_buf, o_arm, o_arm);
            rw_record(cm, sr, sa, s.b.elements, what);
        }
#else
        (void)cm;
#endif
    }
}

/* ---- pools (Helium rows; the DSP rows are in test_arm_kernels.c) -------- */
static int rw_geometry(int32_t in, int32_t k, int32_t stride, int same, int32_t *out, int32_t *pad)
{
    int32_t total;
    if (same) {
        *out = (in + stride - 1) / stride;
        total = (*out - 1) * stride + k - in;
        *pad = total > 0 ? total / 2 : 0;
        return 1;
    }
    if (in < k) return 0;
    *out = (in - k) / stride + 1;
    *pad = 0;
    return 1;
}

#if RW_MVE
static void rw_pool(rw_counts *c, int n_cases, int is_max)
{
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_pool_s8_params p;
        mote_dims id, od;
        const int same = (int)(armk_rnd(&rng) & 1);
        int32_t out_n;
        mote_status sr, sa;
        char what[96];
        memset(&p, 0, sizeof p);
        id.n = armk_rnd(&rng) % 8 == 0 ? 2 : 1;
        id.h = armk_int(&rng, 1, 12);
        id.w = armk_int(&rng, 1, 12);
        id.c = armk_rnd(&rng) % 3 == 0 ? 16 * armk_int(&rng, 1, 4) : armk_int(&rng, 1, 70);
        p.filter_h = armk_int(&rng, 1, 5);
        p.filter_w = armk_int(&rng, 1, 5);
        if (armk_rnd(&rng) % 6 == 0) { /* global pool */
            p.filter_h = id.h;
            p.filter_w = id.w;
        }
        if (armk_rnd(&rng) % 10 == 0) { /* windows past 256 elements (the int16 sums' limit) */
            id.h = armk_int(&rng, 17, 24);
            id.w = armk_int(&rng, 17, 24);
            id.c = armk_int(&rng, 1, 20);
            p.filter_h = id.h;
            p.filter_w = id.w;
        }
        p.geom.stride_h = armk_int(&rng, 1, 3);
        p.geom.stride_w = armk_int(&rng, 1, 3);
        p.geom.dilation_h = p.geom.dilation_w = 1;
        if (!rw_geometry(id.h, p.filter_h, p.geom.stride_h, same, &od.h, &p.geom.pad_h) ||
            !rw_geometry(id.w, p.filter_w, p.geom.stride_w, same, &od.w, &p.geom.pad_w)) {
            --i;
            continue;
        }
        od.n = id.n;
        od.c = id.c;
        if (armk_rnd(&rng) % 3 == 0) {
            p.act_min = -128;
            p.act_max = 127;
        } else {
            const int32_t x = armk_int(&rng, -128, 127), y = armk_int(&rng, -128, 127);
            p.act_min = x < y ? x : y;
            p.act_max = x < y ? y : x;
        }
        out_n = od.n * od.h * od.w * od.c;
        rw_fill(a_buf, id.n * id.h * id.w * id.c);
        if (is_max ? !mote_arm_max_pool_s8_fits(&p, &id, &od)
                   : !mote_arm_avg_pool_s8_fits(&p, &id, &od)) {
            c->skipped++;
            continue;
        }
        snprintf(what, sizeof what, "case %d in %ldx%ldx%ldx%ld f %ldx%ld s%ld,%ld", i, (long)id.n,
                 (long)id.h, (long)id.w, (long)id.c, (long)p.filter_h, (long)p.filter_w,
                 (long)p.geom.stride_h, (long)p.geom.stride_w);
        rw_prepare(out_n);
        if (is_max) {
            sr = mote_ref_max_pool_s8(&p, &id, a_buf, &od, o_ref);
            sa = mote_mve_max_pool_s8(&p, &id, a_buf, &od, o_arm);
        } else {
            sr = mote_ref_avg_pool_s8(&p, &id, a_buf, &od, o_ref);
            sa = mote_mve_avg_pool_s8(&p, &id, a_buf, &od, o_arm);
        }
        rw_record(c, sr, sa, out_n, what);
    }
}
#endif

/* ---- benchmark layers ------------------------------------------------------ */
typedef enum { B_SOFTMAX, B_MUL, B_MUL_BC, B_AVG, B_MAX } rw_kind;
typedef struct rw_layer {
    const char *name;
    rw_kind kind;
    int32_t h, w, c, k, stride; /* pools: input h x w x c, k x k window; softmax: rows h, depth c */
} rw_layer;

static const rw_layer rw_layers[] = {
    {"kws_softmax_12", B_SOFTMAX, 1, 1, 12, 0, 0},
    {"ic_softmax_10", B_SOFTMAX, 1, 1, 10, 0, 0},
    {"softmax_1000", B_SOFTMAX, 1, 1, 1000, 0, 0},
    {"mul_25x5x64", B_MUL, 25, 5, 64, 0, 0},
    {"mul_25x5x64_by_64", B_MUL_BC, 25, 5, 64, 0, 0},
    {"kws_avgpool_25x5_64ch", B_AVG, 25, 5, 64, 0, 0},
    {"vww_avgpool_3x3_256ch", B_AVG, 3, 3, 256, 0, 0},
    {"cnn1d_avgpool_2x1_s2_32ch_62x1", B_AVG, 62, 1, 32, 2, 2},
    {"maxpool_2x2_s2_32ch_24x24", B_MAX, 24, 24, 32, 2, 2},
    {"cnn1d_maxpool_2x1_s2_16ch_124x1", B_MAX, 124, 1, 16, 2, 2},
};

/* 0 ref, 1 DSP, 2 Helium; *elems: output elements */
static mote_status rw_layer_run(const rw_layer *L, int which, int8_t *out, int32_t *elems)
{
    if (L->kind == B_SOFTMAX) {
        mote_softmax_s8_params p;
        p.input_multiplier = 1518500250; /* input scale 1/16 as TFLite lowers it */
        p.input_left_shift = 22;
        p.diff_min = -(int32_t)((((uint32_t)1 << 5) - 1) << 26 >> 22);
        *elems = L->h * L->c;
        if (which == 0) return mote_ref_softmax_s8(&p, L->h, L->c, a_buf, out);
#if RW_MVE
        if (which == 2) return mote_mve_softmax_s8(&p, L->h, L->c, a_buf, out);
#endif
        return mote_arm_softmax_s8(&p, L->h, L->c, a_buf, out);
    }
    if (L->kind == B_MUL || L->kind == B_MUL_BC) {
        mote_mul_q_step s;
        int d;
        memset(&s, 0, sizeof s);
        for (d = 0; d < MOTE_BCAST_RANK; ++d)
            s.b.shape[d] = 1;
        s.b.shape[3] = L->h;
        s.b.shape[4] = L->w;
        s.b.shape[5] = L->c;
        s.b.s1[5] = 1;
        s.b.s1[4] = L->c;
        s.b.s1[3] = L->c * L->w;
        s.b.s2[5] = 1;
        if (L->kind == B_MUL) {
            s.b.s2[4] = L->c;
            s.b.s2[3] = L->c * L->w;
        }
        s.b.elements = L->h * L->w * L->c;
        s.input1_offset = 128;
        s.input2_offset = 5;
        s.output_offset = -3;
        s.multiplier = 1488028342;
        s.shift = -8;
        s.act_min = -128;
        s.act_max = 127;
        *elems = s.b.elements;
        return rw_mul_run(which == 0 ? mote_ref_mul_s8_step
#if RW_MVE
                          : which == 2 ? mote_mve_mul_s8_step
#endif
                                       : mote_arm_mul_s8_step,
                          &s, a_buf, b_buf, out);
    }
    {
        mote_pool_s8_params p;
        mote_dims id, od;
        memset(&p, 0, sizeof p);
        id.n = od.n = 1;
        id.h = L->h;
        id.w = L->w;
        id.c = od.c = L->c;
        p.filter_h = L->k ? L->k : L->h;
        p.filter_w = L->k ? (L->w == 1 ? 1 : L->k) : L->w;
        p.geom.stride_h = L->k ? L->stride : 1;
        p.geom.stride_w = L->k ? (L->w == 1 ? 1 : L->stride) : 1;
        p.geom.dilation_h = p.geom.dilation_w = 1;
        rw_geometry(id.h, p.filter_h, p.geom.stride_h, 0, &od.h, &p.geom.pad_h);
        rw_geometry(id.w, p.filter_w, p.geom.stride_w, 0, &od.w, &p.geom.pad_w);
        p.act_min = -128;
        p.act_max = 127;
        *elems = od.h * od.w * od.c;
        if (L->kind == B_AVG) {
            if (which == 0) return mote_ref_avg_pool_s8(&p, &id, a_buf, &od, out);
#if RW_MVE
            if (which == 2) return mote_mve_avg_pool_s8(&p, &id, a_buf, &od, out);
#endif
            return mote_arm_avg_pool_s8(&p, &id, a_buf, &od, out, NULL);
        }
        if (which == 0) return mote_ref_max_pool_s8(&p, &id, a_buf, &od, out);
#if RW_MVE
        if (which == 2) return mote_mve_max_pool_s8(&p, &id, a_buf, &od, out);
#endif
        return mote_arm_max_pool_s8(&p, &id, a_buf, &od, out, NULL);
    }
}

static void rw_per(uint64_t n, int32_t elems, unsigned long *a, unsigned long *b)
{
    const uint64_t x = (n * 100u + (uint64_t)elems / 2) / (uint64_t)elems;
    *a = (unsigned long)(x / 100u);
    *b = (unsigned long)(x % 100u);
}

static void rw_bench(rw_counts *c)
{
    size_t i;
    uint64_t overhead, t0;
    if (mcu_icount_calibrate() == 0) {
        printf("rows bench: SysTick did not tick\n");
        c->failed++;
        return;
    }
    t0 = mcu_icount_now();
    overhead = mcu_icount_now() - t0;
    for (i = 0; i < sizeof rw_layers / sizeof rw_layers[0]; ++i) {
        const rw_layer *L = &rw_layers[i];
        uint64_t ref_n, arm_n;
        int32_t elems = 0, k;
        unsigned long pa, pb;
        mote_status sr, sa;
        int ok;
        /* logits / activations in a realistic spread */
        for (k = 0; k < RW_BUF; ++k) {
            a_buf[k] = (int8_t)armk_int(&rng, -100, 60);
            b_buf[k] = (int8_t)armk_rnd(&rng);
        }
        t0 = mcu_icount_now();
        sr = rw_layer_run(L, 0, o_ref, &elems);
        ref_n = mcu_icount_now() - t0 - overhead;
        memset(o_arm, 0x77, (size_t)elems);
        t0 = mcu_icount_now();
        sa = rw_layer_run(L, 1, o_arm, &elems);
        arm_n = mcu_icount_now() - t0 - overhead;
        ok = sr == MOTE_OK && sa == MOTE_OK && memcmp(o_ref, o_arm, (size_t)elems) == 0;
        rw_per(arm_n, elems, &pa, &pb);
        printf("layer=%s elems=%ld ref_instructions=%llu arm_instructions=%llu ratio=%lu.%02lu"
               " arm_instr_per_elem=%lu.%02lu\n",
               L->name, (long)elems, (unsigned long long)ref_n, (unsigned long long)arm_n,
               (unsigned long)(arm_n ? ref_n / arm_n : 0),
               (unsigned long)(arm_n ? ref_n * 100u / arm_n % 100u : 0), pa, pb);
#if RW_MVE
        {
            uint64_t mve_n;
            memset(o_arm, 0x77, (size_t)elems);
            t0 = mcu_icount_now();
            sa = rw_layer_run(L, 2, o_arm, &elems);
            mve_n = mcu_icount_now() - t0 - overhead;
            if (sa != MOTE_OK || memcmp(o_ref, o_arm, (size_t)elems) != 0) ok = 0;
            rw_per(mve_n, elems, &pa, &pb);
            printf("layer=%s mve_instructions=%llu mve_instr_per_elem=%lu.%02lu\n", L->name,
                   (unsigned long long)mve_n, pa, pb);
        }
#endif
        if (!ok) printf("FAIL rows bench layer %s: output differs\n", L->name);
        if (ok)
            c->passed++;
        else
            c->failed++;
    }
}

void armk_rows_cases(int n_cases, int do_bench, int *passed, int *failed)
{
    rw_counts c[7] = {{"softmax_s8_dsp", 0, 0, 0},   {"softmax_s8_mve", 0, 0, 0},
                      {"mul_s8_dsp", 0, 0, 0},       {"mul_s8_mve", 0, 0, 0},
                      {"avg_pool_s8_mve", 0, 0, 0},  {"max_pool_s8_mve", 0, 0, 0},
                      {"rows_bench_layers", 0, 0, 0}};
    int i;
    rw_softmax(&c[0], &c[1], n_cases);
    rw_mul(&c[2], &c[3], n_cases);
#if RW_MVE
    rw_pool(&c[4], n_cases / 2, 0);
    rw_pool(&c[5], n_cases / 2, 1);
#endif
    if (do_bench) rw_bench(&c[6]);
    for (i = 0; i < 7; ++i) {
        if (!RW_MVE && (i == 1 || i == 3 || i == 4 || i == 5)) continue;
        if (i == 6 && !do_bench) continue;
        printf("%s: %d passed, %d failed (%d not taken)\n", c[i].name, c[i].passed, c[i].failed,
               c[i].skipped);
        *passed += c[i].passed;
        *failed += c[i].failed;
    }
}
