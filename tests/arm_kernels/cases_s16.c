/*
 * cases_s16.c — the 16x8 Arm rows (kernels/arm/arm_s16.h: CONV_2D_S16,
 * DEPTHWISE_CONV_2D_S16, FULLY_CONNECTED_S16; DSP, and Helium on the M55)
 * against the reference rows (kernels/ref/conv2d_s16.c and the others) on seeded random steps,
 * output bytes and a guard after the output compared; then instructions
 * per MAC on a few 16x8 layers (bench: with -icount, after the calibration
 * test_arm_kernels.c's bench made).
 *
 * The cases reach the arithmetic's edges: inputs all -32768 / +32767 and
 * weights all -128 / +127 (products of 2^22; with depth 2000 the sum passes
 * 2^31, so a 32-bit accumulator that is not flushed in time fails), int64
 * biases up to 2^62, multipliers at and above 0x7FFF0000 (the reduced
 * multiplier's saturated case), shifts from -31 to 14 (S16_MAX_SHIFT64),
 * a depthwise window of exactly 511 taps at the extremes, and steps the
 * rows refuse (grouped convolution, depth_multiplier 2, 529 taps), which
 * must then be refused by fits (counted as "not taken").
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "icount.h"
#include "armk_rand.h"
#include "mote/kernels.h"
#include "kernels/arm/arm_s16.h"
#include "cases_bufs.h"

#if defined(__ARM_FEATURE_MVE)
#define S16_MVE 1
#else
#define S16_MVE 0
#endif

void mote_test_s16(int n_cases, int bench, int *passed, int *failed);

/* The buffers: cases_bufs.h. */
#define s_in (armk_cases.s16.in)
#define s_filt (armk_cases.s16.filt)
#define s_bias64 (armk_cases.s16.bias64)
#define s_bias32 (armk_cases.s16.bias32)
#define s_ref (armk_cases.s16.ref)
#define s_arm (armk_cases.s16.arm)
#define s_step (armk_cases.s16.step)

static armk_rng rng = {0x9E3779B9u};

/* mode: 0 uniform, 1 extremes, 2 small; extremes: all one sign or mixed */
static void fill_in(int32_t n, int mode)
{
    int32_t i;
    const int sign = (int)(armk_rnd(&rng) % 3);
    for (i = 0; i < n; ++i) {
        if (mode == 1)
            s_in[i] = (int16_t)(sign == 0              ? -32768
                                : sign == 1            ? 32767
                                : (armk_rnd(&rng) & 1) ? 32767
                                                       : -32768);
        else if (mode == 2)
            s_in[i] = (int16_t)armk_int(&rng, -300, 300);
        else
            s_in[i] = (int16_t)armk_rnd(&rng);
    }
}
static void fill_w(int32_t n, int mode)
{
    int32_t i;
    const int sign = (int)(armk_rnd(&rng) % 3);
    for (i = 0; i < n; ++i) {
        if (mode == 1)
            s_filt[i] = (int8_t)(sign == 0              ? -128
                                 : sign == 1            ? 127
                                 : (armk_rnd(&rng) & 1) ? 127
                                                        : -128);
        else
            s_filt[i] = (int8_t)armk_rnd(&rng);
    }
}

/* The requantization table after the block, biases of both widths. */
static void fill_quant(uint32_t block_bytes, int32_t entries, int32_t out_c)
{
    int32_t *m = (int32_t *)(void *)((uint8_t *)s_step + block_bytes);
    int8_t *sh = (int8_t *)(m + entries);
    const int smode = (int)(armk_rnd(&rng) % 4), bmode = (int)(armk_rnd(&rng) % 4);
    int32_t i;
    for (i = 0; i < entries; ++i) {
        const uint32_t r = armk_rnd(&rng) % 16;
        m[i] = r == 0   ? (1 << 30)
               : r == 1 ? 0x7FFF0000 + armk_int(&rng, 0, 0xFFFF)
               : r == 2 ? 0x7FFEFFFF
                        : (int32_t)((1u << 30) | (armk_rnd(&rng) >> 2));
        sh[i] = (int8_t)(smode == 0   ? armk_int(&rng, -31, 14)
                         : smode == 1 ? armk_int(&rng, -24, -12)
                                      : armk_int(&rng, -14, 2));
    }
    for (i = 0; i < out_c; ++i) {
        const int64_t hi = (int64_t)(int32_t)armk_rnd(&rng) << 30; /* up to 2^61 */
        s_bias64[i] = bmode == 0   ? hi + (int64_t)armk_rnd(&rng)
                      : bmode == 1 ? (int64_t)armk_int(&rng, -100000, 100000)
                      : bmode == 2 ? (int64_t)(int32_t)armk_rnd(&rng)
                                   : ((armk_rnd(&rng) & 1) ? INT64_MAX - armk_int(&rng, 0, 1000)
                                                           : INT64_MIN + armk_int(&rng, 0, 1000));
        s_bias32[i] =
            (armk_rnd(&rng) & 1) ? (int32_t)armk_rnd(&rng) : armk_int(&rng, -100000, 100000);
    }
}

static void act16(int32_t *lo, int32_t *hi)
{
    if (armk_rnd(&rng) % 2) {
        *lo = -32768;
        *hi = 32767;
    } else {
        const int32_t a = armk_int(&rng, -32768, 32767), b = armk_int(&rng, -32768, 32767);
        *lo = a < b ? a : b;
        *hi = a < b ? b : a;
    }
}

typedef struct s16_count {
    const char *name;
    int passed, failed, skipped;
} s16_count;

static void compare(s16_count *c, mote_status sr, mote_status sa, int32_t n, const char *what)
{
    int32_t i;
    int ok = sr == MOTE_OK && sa == MOTE_OK && memcmp(s_ref, s_arm, (size_t)n * 2) == 0;
    for (i = 0; i < S_GUARD; ++i)
        if (s_arm[n + i] != (int16_t)0x5A5A) ok = 0;
    if (ok) {
        c->passed++;
        return;
    }
    c->failed++;
    if (c->failed <= 5) {
        printf("FAIL %s %s: status ref=%d arm=%d\n", c->name, what, (int)sr, (int)sa);
        for (i = 0; i < n; ++i)
            if (s_ref[i] != s_arm[i]) {
                printf("  first mismatch at %ld of %ld: ref=%d arm=%d\n", (long)i, (long)n,
                       s_ref[i], s_arm[i]);
                break;
            }
    }
}

typedef int (*fits_fn)(const void *step);

/* Run the reference and, when fits, the row; compare. */
static void run_case(s16_count *c, fits_fn fits, mote_kernel_fn ref, mote_kernel_fn row,
                     const void *bias, int32_t n_out, const char *what)
{
    const void *in[3];
    void *out_r[1], *out_a[1];
    mote_kernel_io io_r, io_a;
    mote_status sr, sa;
    in[0] = s_in;
    in[1] = s_filt;
    in[2] = bias;
    out_r[0] = s_ref;
    out_a[0] = s_arm;
    io_r.in = in;
    io_r.out = out_r;
    io_r.scratch = NULL;
    io_a = io_r;
    io_a.out = out_a;
    if (!fits(s_step)) {
        c->skipped++;
        return;
    }
    memset(s_ref, 0x11, sizeof s_ref);
    memset(s_arm, 0x5A, sizeof s_arm);
    sr = ref(s_step, &io_r);
    sa = row(s_step, &io_a);
    compare(c, sr, sa, n_out, what);
}

static int32_t out_dim(int32_t in, int32_t k, int32_t stride, int32_t dil, int32_t pad)
{
    const int32_t span = dil * (k - 1) + 1;
    if (in + 2 * pad < span) return 0;
    return (in + 2 * pad - span) / stride + 1;
}

/* ---- FULLY_CONNECTED ---------------------------------------------------- */
static void test_fc(s16_count *c, mote_kernel_fn row, int n_cases)
{
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_fc_s16_step *s = (mote_fc_s16_step *)(void *)s_step;
        const int big = i % 10 == 0;
        const int mode = (int)(armk_rnd(&rng) % 4);
        memset(s_step, 0, sizeof s_step);
        s->batches = armk_int(&rng, 1, 3);
        s->depth = big                         ? armk_int(&rng, 1500, 2000)
                   : (armk_rnd(&rng) % 3 == 0) ? armk_int(&rng, 1, 16)
                                               : armk_int(&rng, 1, 600);
        s->out_c = big ? armk_int(&rng, 1, 9) : armk_int(&rng, 1, 20);
        if (s->depth * s->out_c > S_FILT) s->out_c = S_FILT / s->depth;
        s->per_channel = (int32_t)(armk_rnd(&rng) & 1);
        s->channels = s->per_channel ? s->out_c : 1;
        act16(&s->act_min, &s->act_max);
        fill_in(s->batches * s->depth, mode == 1 || big ? (int)(armk_rnd(&rng) % 2) : mode % 3);
        fill_w(s->depth * s->out_c, mode == 1 || big ? (int)(armk_rnd(&rng) % 2) : 0);
        fill_quant(sizeof *s, s->channels, s->out_c);
        run_case(c, mote_arm_fully_connected_s16_step_fits, mote_ref_fully_connected_s16_step, row,
                 armk_rnd(&rng) % 6 == 0 ? NULL : (const void *)s_bias64, s->batches * s->out_c,
                 "fc");
    }
}

/* ---- CONV_2D and DEPTHWISE_CONV_2D ------------------------------------- */
static int make_conv(int dw, int i)
{
    mote_conv_s16_step *s = (mote_conv_s16_step *)(void *)s_step;
    const int32_t kind = i % 16;
    int32_t kh, kw, ph, pw;
    memset(s_step, 0, sizeof s_step);
    s->geom.stride_h = armk_int(&rng, 1, 3);
    s->geom.stride_w = armk_int(&rng, 1, 3);
    s->geom.dilation_h = armk_rnd(&rng) % 4 == 0 ? 2 : 1;
    s->geom.dilation_w = armk_rnd(&rng) % 4 == 0 ? 2 : 1;
    s->in.n = armk_rnd(&rng) % 8 == 0 ? 2 : 1;
    s->in.h = armk_int(&rng, 1, 9);
    s->in.w = armk_int(&rng, 1, 9);
    s->in.c = armk_int(&rng, 1, 24);
    kh = armk_int(&rng, 1, 5);
    kw = armk_int(&rng, 1, 5);
    if (!dw && kind == 1) { /* pointwise */
        kh = kw = 1;
        s->geom.stride_h = s->geom.stride_w = 1;
        s->geom.dilation_h = s->geom.dilation_w = 1;
    }
    if (!dw && kind == 2) { /* deep: dot products past one 508-product chunk */
        s->in.c = armk_int(&rng, 500, 700);
        s->in.h = armk_int(&rng, 1, 3);
        s->in.w = armk_int(&rng, 1, 3);
    }
    if (kind == 6) { /* wide: many channels */
        s->in.c = armk_int(&rng, 25, 72);
        s->in.h = armk_int(&rng, 1, 5);
        s->in.w = armk_int(&rng, 1, 5);
    }
    if (!dw && kind == 7) { /* windows of 512..1600 products: past one int32 partial sum */
        s->in.c = armk_int(&rng, 128, 200);
        kh = kw = 2;
        s->in.h = armk_int(&rng, 2, 4);
        s->in.w = armk_int(&rng, 2, 4);
        s->geom.dilation_h = s->geom.dilation_w = 1;
    }
    if (dw && kind == 3) { /* 511 taps, the most the row takes */
        kh = 7;
        kw = 73;
        s->in.h = 7;
        s->in.w = 73;
        s->in.c = armk_int(&rng, 1, 6);
        s->geom.stride_h = s->geom.stride_w = 1;
        s->geom.dilation_h = s->geom.dilation_w = 1;
    }
    if (dw && kind == 4) { /* 529 taps: refused */
        kh = kw = 23;
        s->in.h = s->in.w = 23;
        s->in.c = 2;
        s->geom.dilation_h = s->geom.dilation_w = 1;
    }
    ph = armk_rnd(&rng) % 2 ? armk_int(&rng, 0, kh - 1) : 0;
    pw = armk_rnd(&rng) % 2 ? armk_int(&rng, 0, kw - 1) : 0;
    s->geom.pad_h = ph;
    s->geom.pad_w = pw;
    s->out.n = s->in.n;
    s->out.h = out_dim(s->in.h, kh, s->geom.stride_h, s->geom.dilation_h, ph);
    s->out.w = out_dim(s->in.w, kw, s->geom.stride_w, s->geom.dilation_w, pw);
    if (s->out.h < 1 || s->out.w < 1) return 0;
    if (dw) {
        s->depth_multiplier = kind == 5 ? 2 : 1;
        s->out.c = s->in.c * s->depth_multiplier;
        s->filter.n = 1;
        s->filter.c = s->out.c;
        s->acc64 = 1;
    } else {
        int32_t groups = 1;
        if (kind == 5 && s->in.c % 2 == 0) groups = 2; /* grouped: refused */
        s->filter.c = s->in.c / groups;
        s->out.c = kind == 2   ? armk_int(&rng, 1, 6)
                   : kind == 6 ? armk_int(&rng, 13, 72)
                               : armk_int(&rng, 1, 12);
        s->out.c = (s->out.c + groups - 1) / groups * groups;
        s->filter.n = s->out.c;
        s->acc64 = (int32_t)(armk_rnd(&rng) % 3 != 0);
    }
    s->filter.h = kh;
    s->filter.w = kw;
    s->channels = armk_rnd(&rng) % 4 == 0 ? 1 : s->out.c;
    act16(&s->act_min, &s->act_max);
    if (s->in.n * s->in.h * s->in.w * s->in.c > S_IN ||
        s->filter.n * kh * kw * s->filter.c > S_FILT ||
        s->out.n * s->out.h * s->out.w * s->out.c > S_OUT || s->out.c > S_CH)
        return 0;
    {
        const int ext = (dw && kind == 3) || (!dw && kind == 7) || armk_rnd(&rng) % 4 == 0;
        fill_in(s->in.n * s->in.h * s->in.w * s->in.c, ext ? 1 : (int)(armk_rnd(&rng) % 3));
        fill_w(s->filter.n * kh * kw * s->filter.c, ext ? 1 : 0);
    }
    fill_quant(sizeof *s, s->channels, s->out.c);
    return 1;
}

static void test_conv(s16_count *c, mote_kernel_fn row, int dw, int n_cases)
{
    int i;
    for (i = 0; i < n_cases; ++i) {
        const mote_conv_s16_step *s = (const mote_conv_s16_step *)(const void *)s_step;
        const void *bias;
        if (!make_conv(dw, i)) {
            --i;
            continue;
        }
        bias = armk_rnd(&rng) % 6 == 0 ? NULL
               : s->acc64              ? (const void *)s_bias64
                                       : (const void *)s_bias32;
        run_case(c, dw ? mote_arm_depthwise_conv2d_s16_step_fits : mote_arm_conv2d_s16_step_fits,
                 dw ? mote_ref_depthwise_conv2d_s16_step : mote_ref_conv2d_s16_step, row, bias,
                 s->out.n * s->out.h * s->out.w * s->out.c, dw ? "dw" : "conv");
    }
}

/* ---- 16x8 benchmark layers ---------------------------------------------- */
typedef struct s16_layer {
    const char *name;
    int kind; /* 0 conv, 1 dw, 2 fc */
    int32_t h, w, c, k, oc;
} s16_layer;

static const s16_layer s16_layers[] = {
    {"s16_pw_10x10x64_64", 0, 10, 10, 64, 1, 64},
    {"s16_conv3x3_10x10x32_32", 0, 10, 10, 32, 3, 32},
    {"s16_dw3x3_10x10x64", 1, 10, 10, 64, 3, 64},
    {"s16_fc_640_32", 2, 1, 1, 640, 0, 32},
};

static uint64_t time_row(mote_kernel_fn fn, const void *bias, int16_t *out, mote_status *st)
{
    const void *in[3];
    void *o[1];
    mote_kernel_io io;
    uint64_t t0, t1, t2;
    in[0] = s_in;
    in[1] = s_filt;
    in[2] = bias;
    o[0] = out;
    io.in = in;
    io.out = o;
    io.scratch = NULL;
    t0 = mcu_icount_now();
    t1 = mcu_icount_now();
    *st = fn(s_step, &io);
    t2 = mcu_icount_now();
    return (t2 - t1) - (t1 - t0);
}

static void print_ipm(const char *name, const char *what, uint64_t n, int32_t macs)
{
    const uint32_t ipm = (uint32_t)((n * 100u + (uint64_t)macs / 2) / (uint64_t)macs);
    printf("layer=%s %s_instructions=%llu %s_instr_per_mac=%lu.%02lu\n", name, what,
           (unsigned long long)n, what, (unsigned long)(ipm / 100), (unsigned long)(ipm % 100));
}

static void s16_bench(s16_count *c)
{
    size_t i;
    for (i = 0; i < sizeof s16_layers / sizeof s16_layers[0]; ++i) {
        const s16_layer *L = &s16_layers[i];
        mote_kernel_fn ref, dsp, mve;
        int32_t macs, n_out, k;
        mote_status sr, sa;
        uint64_t nr, na;
        memset(s_step, 0, sizeof s_step);
        if (L->kind == 2) {
            mote_fc_s16_step *s = (mote_fc_s16_step *)(void *)s_step;
            s->batches = 1;
            s->depth = L->c;
            s->out_c = L->oc;
            s->per_channel = 1;
            s->channels = L->oc;
            s->act_min = -32768;
            s->act_max = 32767;
            macs = L->c * L->oc;
            n_out = L->oc;
            ref = mote_ref_fully_connected_s16_step;
            dsp = mote_arm_fully_connected_s16_step;
            mve = S16_MVE ? mote_mve_fully_connected_s16_step : NULL;
            fill_w(L->c * L->oc, 0);
        } else {
            mote_conv_s16_step *s = (mote_conv_s16_step *)(void *)s_step;
            s->geom.stride_h = s->geom.stride_w = 1;
            s->geom.dilation_h = s->geom.dilation_w = 1;
            s->geom.pad_h = s->geom.pad_w = L->k / 2;
            s->depth_multiplier = 1;
            s->act_min = -32768;
            s->act_max = 32767;
            s->acc64 = 1;
            s->in.n = s->out.n = 1;
            s->in.h = s->out.h = L->h;
            s->in.w = s->out.w = L->w;
            s->in.c = L->c;
            s->out.c = L->oc;
            s->filter.n = L->kind == 1 ? 1 : L->oc;
            s->filter.h = s->filter.w = L->k;
            s->filter.c = L->kind == 1 ? L->oc : L->c;
            s->channels = L->oc;
            macs = L->h * L->w * L->oc * L->k * L->k * (L->kind == 1 ? 1 : L->c);
            n_out = L->h * L->w * L->oc;
            ref = L->kind ? mote_ref_depthwise_conv2d_s16_step : mote_ref_conv2d_s16_step;
            dsp = L->kind ? mote_arm_depthwise_conv2d_s16_step : mote_arm_conv2d_s16_step;
            mve = !S16_MVE  ? NULL
                  : L->kind ? mote_mve_depthwise_conv2d_s16_step
                            : mote_mve_conv2d_s16_step;
            fill_w(s->filter.n * L->k * L->k * s->filter.c, 0);
        }
        if (n_out > S_OUT || L->h * L->w * L->c > S_IN) {
            printf("FAIL bench_s16 %s: larger than the test buffers\n", L->name);
            c->failed++;
            continue;
        }
        fill_in(L->h * L->w * L->c, 0);
        {
            int32_t *m = (int32_t *)(void *)((uint8_t *)s_step +
                                             (L->kind == 2 ? sizeof(mote_fc_s16_step)
                                                           : sizeof(mote_conv_s16_step)));
            int8_t *sh = (int8_t *)(m + L->oc);
            for (k = 0; k < L->oc; ++k) {
                m[k] = (int32_t)((1u << 30) | (armk_rnd(&rng) >> 2));
                sh[k] = (int8_t)armk_int(&rng, -14, -8);
                s_bias64[k] = armk_int(&rng, -100000, 100000);
            }
        }
        memset(s_arm, 0x5A, sizeof s_arm);
        nr = time_row(ref, s_bias64, s_ref, &sr);
        na = time_row(dsp, s_bias64, s_arm, &sa);
        compare(c, sr, sa, n_out, L->name);
        printf("layer=%s macs=%ld ref_instructions=%llu\n", L->name, (long)macs,
               (unsigned long long)nr);
        print_ipm(L->name, "arm", na, macs);
        if (mve) {
            memset(s_arm, 0x5A, sizeof s_arm);
            na = time_row(mve, s_bias64, s_arm, &sa);
            compare(c, sr, sa, n_out, L->name);
            print_ipm(L->name, "mve", na, macs);
        }
    }
}

void mote_test_s16(int n_cases, int bench, int *passed, int *failed)
{
    s16_count c[7] = {{"fully_connected_s16_dsp", 0, 0, 0},
                      {"conv2d_s16_dsp", 0, 0, 0},
                      {"depthwise_conv2d_s16_dsp", 0, 0, 0},
                      {"fully_connected_s16_mve", 0, 0, 0},
                      {"conv2d_s16_mve", 0, 0, 0},
                      {"depthwise_conv2d_s16_mve", 0, 0, 0},
                      {"bench_s16", 0, 0, 0}};
    int i;
    const int n = n_cases / 2 > 50 ? n_cases / 2 : 50;
    test_fc(&c[0], mote_arm_fully_connected_s16_step, n);
    test_conv(&c[1], mote_arm_conv2d_s16_step, 0, n);
    test_conv(&c[2], mote_arm_depthwise_conv2d_s16_step, 1, n);
#if S16_MVE
    test_fc(&c[3], mote_mve_fully_connected_s16_step, n);
    test_conv(&c[4], mote_mve_conv2d_s16_step, 0, n);
    test_conv(&c[5], mote_mve_depthwise_conv2d_s16_step, 1, n);
#endif
    if (bench) s16_bench(&c[6]);
    for (i = 0; i < 7; ++i) {
        if (i >= 3 && i < 6 && !S16_MVE) continue;
        printf("%s: %d passed, %d failed (%d not taken)\n", c[i].name, c[i].passed, c[i].failed,
               c[i].skipped);
        *passed += c[i].passed;
        *failed += c[i].failed;
    }
}
