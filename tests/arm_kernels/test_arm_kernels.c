/*
 * test_arm_kernels.c — firmware (QEMU Cortex-M4/M7/M55) proving the DSP
 * kernels of src/kernels/arm/ bit-exact with the reference kernels, then
 * measuring both on layers of the KWS DS-CNN and VWW MobileNet.
 *
 * For each kernel, many seeded random cases (shapes with odd channel
 * counts, strides 1-3, SAME/VALID padding, dilation, random zero points,
 * per-channel multipliers in [2^30, 2^31), shifts, biases, activation
 * ranges): run mote_ref_K and, when mote_arm_K_fits, mote_arm_K on the same
 * inputs and compare the outputs byte for byte. Guard bytes after the
 * output and after the scratch (sized by mote_arm_K_scratch_bytes) catch
 * writes out of bounds. Prints "K: N passed, M failed", then
 * "N passed, M failed"; exits 1 on any mismatch.
 *
 * Pointwise convolutions with as many output as input channels are also run
 * in place (output over the input, as the planner's in-place steps do).
 *
 * Then, for each benchmark layer (KWS, VWW, IC shapes): instructions executed
 * by the reference and the DSP kernel (QEMU -icount shift=0, see
 * ports/cortex-m/icount.h), and on the M55 the Helium kernel's:
 *   layer=<name> macs=<n> ref_instructions=<n> arm_instructions=<n> ratio=<x>
 *   layer=<name> mve_instructions=<n> mve_instr_per_mac=<x>
 *
 * Command line (semihosting -append): "-cases N" scales the case count
 * (default 1000 per kernel), "-nobench" skips the measurements.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "icount.h"
#include "semihost.h"
#include "mote/kernels.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_mve.h"
#include "kernels/arm/arm_rows.h"
#include "kernels/kernel_table.h"
#include "cases_bufs.h"
#include "cases_rows.h"
#include "armk_rand.h"

int mote_test_dw_cases(int n_cases, int *failed);                /* cases_dw.c */
int mote_test_dw2_cases(int n_cases, int *failed, int *taken);   /* cases_dw2.c */
int mote_test_dm_cases(int n_cases, int *failed, int *taken);    /* cases_dm.c */
int mote_test_first_cases(int n_cases, int *failed, int *taken); /* cases_first.c */
int mote_test_vwwa_cases(int n_cases, int *failed, int *taken);  /* cases_vwwa.c */
/* cases_m55first.c, cases_m55pwk.c (h-m55chain) */
int mote_test_m55first_cases(int n_cases, int *failed, int *taken);
int mote_test_m55pwk_cases(int n_cases, int *failed, int *taken);

#if defined(__ARM_FEATURE_MVE)
#define HAVE_MVE 1
#else
#define HAVE_MVE 0
#endif
/* Helium rows (M55 only): checked on the same cases against the reference. */

void mote_test_s16(int n_cases, int bench, int *passed, int *failed); /* cases_s16.c */

#define GUARD 32
#define GUARD_BYTE 0xA5
#define BUF_IN (48 * 48 * 16 + 64)
#define BUF_OUT (48 * 48 * 16 + 64)
#define BUF_FILT (256 * 256 + 64)
#define BUF_CH 512
#define BUF_SCRATCH 16384

static int8_t in_buf[BUF_IN];
static int8_t filt_buf[BUF_FILT];
static int32_t bias_buf[BUF_CH];
static int32_t mult_buf[BUF_CH];
static int8_t shift_buf[BUF_CH];
static int8_t out_ref[BUF_OUT + GUARD];
static int8_t out_arm[BUF_OUT + GUARD];
static uint8_t scratch_buf[BUF_SCRATCH + GUARD] __attribute__((aligned(16)));
/* The cases_*.c files' buffers (cases_bufs.h): one at a time. */
union armk_cases_bufs armk_cases;

/* ---- xorshift PRNG (armk_rand.h) ------------------------------------- */
static armk_rng rng = {0x1234567u};
static uint32_t rnd(void)
{
    return armk_rnd(&rng);
}
/* uniform in [lo, hi] */
static int32_t rint_(int32_t lo, int32_t hi)
{
    return armk_int(&rng, lo, hi);
}
static void fill_s8(int8_t *p, int32_t n)
{
    int32_t i;
    int mode = (int)(rnd() % 8);
    for (i = 0; i < n; ++i) {
        if (mode == 0) /* extremes */
            p[i] = (int8_t)((rnd() & 1) ? 127 : -128);
        else
            p[i] = (int8_t)rnd();
    }
}

typedef struct counts {
    const char *name;
    int passed, failed, skipped;
} counts;

static counts mve_c[4] = {{"conv2d_s8_mve", 0, 0, 0},
                          {"depthwise_conv2d_s8_mve", 0, 0, 0},
                          {"fully_connected_s8_mve", 0, 0, 0},
                          {"add_s8_mve", 0, 0, 0}};

static int guard_ok(const int8_t *p, int32_t n)
{
    int32_t i;
    for (i = 0; i < GUARD; ++i)
        if ((uint8_t)p[n + i] != GUARD_BYTE) return 0;
    return 1;
}

static void prepare_out(int32_t n, uint32_t scratch)
{
    memset(out_ref, 0x11, (size_t)n);
    memset(out_arm, 0x77, (size_t)n);
    memset(out_ref + n, GUARD_BYTE, GUARD);
    memset(out_arm + n, GUARD_BYTE, GUARD);
    memset(scratch_buf, 0x5A, scratch);
    memset(scratch_buf + scratch, GUARD_BYTE, GUARD);
}

static void record(counts *c, mote_status sr, mote_status sa, int32_t n, uint32_t scratch,
                   const char *what)
{
    int ok = sr == sa && (sr != MOTE_OK || memcmp(out_ref, out_arm, (size_t)n) == 0) &&
             guard_ok(out_arm, n) && guard_ok((const int8_t *)scratch_buf, (int32_t)scratch);
    if (ok) {
        c->passed++;
        return;
    }
    c->failed++;
    if (c->failed <= 5) {
        int32_t i;
        printf("FAIL %s %s: status ref=%d arm=%d\n", c->name, what, (int)sr, (int)sa);
        for (i = 0; i < n; ++i)
            if (out_ref[i] != out_arm[i]) {
                printf("  first mismatch at %ld of %ld: ref=%d arm=%d\n", (long)i, (long)n,
                       out_ref[i], out_arm[i]);
                break;
            }
        if (!guard_ok(out_arm, n)) printf("  output guard overwritten\n");
        if (!guard_ok((const int8_t *)scratch_buf, (int32_t)scratch))
            printf("  scratch guard overwritten (scratch %lu)\n", (unsigned long)scratch);
    }
}

static void random_quant(int32_t nch, int allow_null_bias, const int32_t **bias)
{
    int32_t i;
    int shift_mode = (int)(rnd() % 5);
    for (i = 0; i < nch; ++i) {
        mult_buf[i] = (rnd() % 32 == 0) ? (1 << 30) : (int32_t)((1u << 30) | (rnd() >> 2));
        if (shift_mode == 0)
            shift_buf[i] = (int8_t)rint_(-10, 0);
        else if (shift_mode == 1)
            shift_buf[i] = (int8_t)rint_(-20, -8);
        else if (shift_mode == 2)
            shift_buf[i] = (int8_t)rint_(-16, 2);
        else if (shift_mode == 3)
            shift_buf[i] = (int8_t)rint_(-12, -4);
        else /* past the kernels' folded zero point (shifts below -23) */
            shift_buf[i] = (int8_t)rint_(-31, -18);
        bias_buf[i] = (rnd() % 4 == 0) ? (int32_t)rnd() >> 8 : rint_(-5000, 5000);
    }
    *bias = (allow_null_bias && rnd() % 5 == 0) ? NULL : bias_buf;
}

static void random_act(int32_t *lo, int32_t *hi)
{
    int32_t a = rint_(-128, 127), b = rint_(-128, 127);
    switch (rnd() % 3) {
    case 0:
        *lo = -128;
        *hi = 127;
        break;
    case 1:
        *lo = a < b ? a : b;
        *hi = a < b ? b : a;
        break;
    default:
        *lo = a; /* ReLU-like: from a zero point up */
        *hi = 127;
        break;
    }
}

/* Output size and leading pad of one spatial dimension, TFLite style.
 * Returns 0 when VALID leaves no output. */
static int geometry(int32_t in, int32_t k, int32_t stride, int32_t dil, int same, int32_t *out,
                    int32_t *pad)
{
    const int32_t eff = (k - 1) * dil + 1;
    int32_t total;
    if (same) {
        *out = (in + stride - 1) / stride;
        total = (*out - 1) * stride + eff - in;
        *pad = total > 0 ? total / 2 : 0;
        return 1;
    }
    if (in < eff) return 0;
    *out = (in - eff) / stride + 1;
    *pad = 0;
    return 1;
}

/* ---- the path rows (kernels.def, arm_paths.h) ---------------------------
 * A step block with its requantization table after it, as lowering writes
 * it; then exactly one row of the kernel (out of place, or the rows
 * marked in place) must take it, and that row must give the reference's
 * bytes. */
static int32_t
    step_words[(sizeof(mote_conv_s8_step) + sizeof(mote_fc_s8_step) + 5 * BUF_CH) / 4 + 1];
static counts rows_c[3] = {{"conv2d_s8 rows", 0, 0, 0},
                           {"depthwise_conv2d_s8 rows", 0, 0, 0},
                           {"fully_connected_s8 rows", 0, 0, 0}};

typedef struct path_row {
    int (*fits)(const void *step);
    mote_kernel_fn run;
} path_row;

static const path_row conv_rows[] = {
    {mote_arm_conv_pw_fits, mote_arm_conv_pw_step},
    {mote_arm_conv_widened_fits, mote_arm_conv_widened_step},
    {mote_arm_conv_widened_tail_fits, mote_arm_conv_widened_tail_step},
    {mote_arm_conv_2x2_fits, mote_arm_conv_2x2_step},
    {mote_arm_conv_patch_fits, mote_arm_conv_patch_step},
    {mote_arm_conv_direct_fits, mote_arm_conv_direct_step},
    {mote_arm_conv_4px_fits, mote_arm_conv_4px_step},           /* h-c4 */
    {mote_arm_conv_first_fits, mote_arm_conv_first_step},       /* first layers (h-first) */
    {mote_arm_conv_pwk_fits, mote_arm_conv_pwk_step},           /* pointwise, K = 8 / 16 (vwwa) */
    {mote_arm_conv_pws_fits, mote_arm_conv_pws_step},           /* 1x1 strided (icadd) */
    {mote_arm_conv_patch_ck_fits, mote_arm_conv_patch_ck_step}, /* the patch path's chunks */
};
static const path_row conv_rows_ip[] = {
    {mote_arm_conv_pw_ip_fits, mote_arm_conv_pw_step},
    {mote_arm_conv_patch_ip_fits, mote_arm_conv_patch_step},
    {mote_arm_conv_rows_widened_fits, mote_arm_conv_rows_widened_step},
    {mote_arm_conv_rows_2x2_fits, mote_arm_conv_rows_2x2_step},
    {mote_arm_conv_rows_patch_fits, mote_arm_conv_rows_patch_step},
    {mote_arm_conv_rows_fits, mote_arm_conv_rows_step},
    {mote_arm_conv_rows_4px_fits, mote_arm_conv_rows_4px_step}, /* h-c4 */
    {mote_arm_conv_rows_pws_fits, mote_arm_conv_rows_pws_step}, /* 1x1 strided (icadd) */
};
#define N_CONV_ROWS ((int)(sizeof conv_rows / sizeof conv_rows[0]))
#define N_CONV_ROWS_IP ((int)(sizeof conv_rows_ip / sizeof conv_rows_ip[0]))
static const path_row dw_rows[] = {
    {mote_arm_dw_3x3_fits, mote_arm_dw_3x3_step},
    {mote_arm_dw_3x3_s2_fits, mote_arm_dw_3x3_s2_step},
    {mote_arm_dw_3x3_px_fits, mote_arm_dw_3x3_px_step},
    {mote_arm_dw_general_fits, mote_arm_dw_general_step},
};
static const path_row dw_rows_ip[] = {
    {mote_arm_dw_3x3_ip_fits, mote_arm_dw_3x3_step},
    {mote_arm_dw_rows_3x3_fits, mote_arm_dw_rows_3x3_step},
    {mote_arm_dw_rows_fits, mote_arm_dw_rows_step},
};

/* Run the one row of rows[0..n) that fits the step (MOTE_E_STATE when none
 * or several do); in place (src == out) with the ring in scratch_buf. */
static mote_status run_path_row(const path_row *rows, int n, const mote_conv_s8_params *p,
                                const mote_dims *id, const int8_t *src, const mote_dims *fd,
                                const int32_t *bias, const mote_dims *od, int8_t *out,
                                uint32_t *ring)
{
    mote_conv_s8_step *s = (mote_conv_s8_step *)(void *)step_words;
    const void *in[3];
    void *outs[1];
    mote_kernel_io io;
    int i, hit = -1;
    memset(step_words, 0, sizeof step_words);
    s->p = *p;
    s->in = *id;
    s->filter = *fd;
    s->out = *od;
    s->channels = od->c;
    memcpy((uint8_t *)step_words + sizeof *s, mult_buf, 4 * (size_t)od->c);
    memcpy((uint8_t *)step_words + sizeof *s + 4 * (size_t)od->c, shift_buf, (size_t)od->c);
    *ring = 0;
    for (i = 0; i < n; ++i)
        if (rows[i].fits(s)) {
            if (hit >= 0) return MOTE_E_STATE;
            hit = i;
        }
    if (hit < 0) return MOTE_E_STATE;
    in[0] = src;
    in[1] = filt_buf;
    in[2] = bias;
    outs[0] = out;
    io.in = in;
    io.out = outs;
    io.scratch = NULL;
    if (src == out) {
        *ring = (uint32_t)mote_inplace_ring_rows(od->h, p->geom.pad_h) * (uint32_t)od->w *
                (uint32_t)od->c;
        if (*ring > BUF_SCRATCH) return MOTE_E_STATE;
        memset(scratch_buf, 0x5A, *ring);
        memset(scratch_buf + *ring, GUARD_BYTE, GUARD);
        io.scratch = scratch_buf;
    }
    return rows[hit].run(s, &io);
}

/* The case through the path rows: out of place, then in place when the
 * planner could put it there (one batch, the output no larger than the
 * input, the same row, stride 1 along rows or one output row). */
static void check_rows(counts *c, const path_row *rows, int n, const path_row *rows_ip, int n_ip,
                       const mote_conv_s8_params *p, const mote_dims *id, const mote_dims *fd,
                       const int32_t *bias, const mote_dims *od, int32_t in_n, int32_t out_n,
                       const char *what)
{
    uint32_t ring;
    mote_status sa;
    char w2[112];
    memset(out_arm, 0x77, (size_t)out_n);
    memset(out_arm + out_n, GUARD_BYTE, GUARD);
    sa = run_path_row(rows, n, p, id, in_buf, fd, bias, od, out_arm, &ring);
    snprintf(w2, sizeof w2, "%s row", what);
    record(c, MOTE_OK, sa, out_n, 0, w2);
    if (id->n == 1 && od->h <= id->h && od->w == id->w && od->c == id->c &&
        (p->geom.stride_h == 1 || od->h == 1)) {
        memcpy(out_arm, in_buf, (size_t)in_n);
        memset(out_arm + in_n, GUARD_BYTE, GUARD);
        sa = run_path_row(rows_ip, n_ip, p, id, out_arm, fd, bias, od, out_arm, &ring);
        if (in_n > out_n && guard_ok(out_arm, in_n)) memset(out_arm + out_n, GUARD_BYTE, GUARD);
        snprintf(w2, sizeof w2, "%s row in place", what);
        record(c, MOTE_OK, sa, out_n, ring, w2);
        memset(scratch_buf, GUARD_BYTE, GUARD); /* as prepare_out(n, 0) left it */
    }
}

/* ---- CONV_2D ------------------------------------------------------------ */
static void test_conv(counts *c, int n_cases)
{
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        const int32_t *bias;
        int same = (int)(rnd() & 1);
        int32_t in_n, out_n;
        uint32_t sb = 0;
        mote_status sr, sa = MOTE_OK;
        char what[96];
        int pwsame = 0;
        memset(&p, 0, sizeof p);
        id.n = rnd() % 8 == 0 ? 2 : 1;
        id.h = rint_(1, 12);
        id.w = rint_(1, 12);
        id.c = rnd() % 3 == 0 ? 4 * rint_(1, 6) : rint_(1, 19);
        fd.n = rint_(1, 19);
        fd.c = id.c;
        switch (rnd() % 7) {
        case 6: /* first layers of one or two input channels, K % 8 == 0, K <=
                 * 128 (kws_ref_model's 10x4): the patch path's pixel chunks */
            id.c = fd.c = rint_(1, 2);
            fd.h = 2 * rint_(1, 5);
            fd.w = 4;
            fd.n = 4 * rint_(1, 16);
            break;
        case 5: /* 2x2 blocking's large K (in_c % 4 == 0, K up to 576) or its
                 * padded few-channel first layers (K % 4 != 0) */
            if (rnd() % 2) {
                id.c = fd.c = 4 * rint_(8, 16);
                fd.h = fd.w = 3;
                fd.n = 2 * rint_(1, 8);
                id.h = rint_(1, 8);
                id.w = rint_(1, 8);
            } else {
                id.c = fd.c = rnd() % 2 ? 3 : rint_(1, 7);
                fd.h = rint_(2, 4);
                fd.w = rint_(2, 4);
                fd.n = 2 * rint_(1, 20);
            }
            break;
        case 4: /* pointwise, as many output as input channels: also run in place */
            fd.n = id.c = rnd() % 4 ? 4 * rint_(1, 20) : rint_(1, 80);
            fd.c = id.c;
            fd.h = fd.w = 1;
            pwsame = 1;
            break;
        case 0: fd.h = fd.w = 1; break;
        case 1: fd.h = fd.w = 3; break;
        default: fd.h = rint_(1, 5); fd.w = rint_(1, 5);
        }
        p.geom.stride_h = rint_(1, 3);
        p.geom.stride_w = rnd() % 2 ? p.geom.stride_h : rint_(1, 3);
        p.geom.dilation_h = rnd() % 5 == 0 ? 2 : 1;
        p.geom.dilation_w = rnd() % 5 == 0 ? rint_(2, 3) : 1;
        if (pwsame && rnd() % 2) p.geom.stride_h = p.geom.stride_w = 1;
        if (!geometry(id.h, fd.h, p.geom.stride_h, p.geom.dilation_h, same, &od.h, &p.geom.pad_h) ||
            !geometry(id.w, fd.w, p.geom.stride_w, p.geom.dilation_w, same, &od.w, &p.geom.pad_w)) {
            --i;
            continue;
        }
        od.n = id.n;
        od.c = fd.n;
        p.input_offset = -rint_(-128, 127);
        p.output_offset = rint_(-128, 127);
        random_act(&p.act_min, &p.act_max);
        random_quant(od.c, 1, &bias);
        q.multiplier = mult_buf;
        q.shift = shift_buf;
        in_n = id.n * id.h * id.w * id.c;
        out_n = od.n * od.h * od.w * od.c;
        fill_s8(in_buf, in_n);
        fill_s8(filt_buf, fd.n * fd.h * fd.w * fd.c);
        if (!mote_arm_conv2d_s8_fits(&p, &id, &fd, &od)) {
            c->skipped++;
            continue;
        }
        sb = mote_arm_conv2d_s8_scratch_bytes(&p, &id, &fd, &od);
        if (sb > BUF_SCRATCH) {
            c->skipped++;
            continue;
        }
        prepare_out(out_n, sb);
        sr = mote_ref_conv2d_s8(&p, &q, &id, in_buf, &fd, filt_buf, bias, &od, out_ref);
        sa =
            mote_arm_conv2d_s8(&p, &q, &id, in_buf, &fd, filt_buf, bias, &od, out_arm, scratch_buf);
        snprintf(what, sizeof what, "case %d in %ldx%ldx%ldx%ld f %ldx%ldx%ld s%ld,%ld d%ld,%ld", i,
                 (long)id.n, (long)id.h, (long)id.w, (long)id.c, (long)fd.n, (long)fd.h, (long)fd.w,
                 (long)p.geom.stride_h, (long)p.geom.stride_w, (long)p.geom.dilation_h,
                 (long)p.geom.dilation_w);
        record(c, sr, sa, out_n, sb, what);
        if (fd.h == 1 && fd.w == 1 && p.geom.stride_h == 1 && p.geom.stride_w == 1 &&
            p.geom.pad_h == 0 && p.geom.pad_w == 0 && od.c == id.c) {
            /* pointwise in place (the planner's in-place steps): output over input */
            memcpy(out_arm, in_buf, (size_t)in_n);
            sa = mote_arm_conv2d_s8(&p, &q, &id, out_arm, &fd, filt_buf, bias, &od, out_arm, NULL);
            record(c, sr, sa, out_n, 0, what);
        }
        if (sr == MOTE_OK)
            check_rows(&rows_c[0], conv_rows, N_CONV_ROWS, conv_rows_ip, N_CONV_ROWS_IP, &p, &id,
                       &fd, bias, &od, in_n, out_n, what);
#if HAVE_MVE
        prepare_out(out_n, 0);
        sr = mote_ref_conv2d_s8(&p, &q, &id, in_buf, &fd, filt_buf, bias, &od, out_ref);
        sa = mote_mve_conv2d_s8(&p, &q, &id, in_buf, &fd, filt_buf, bias, &od, out_arm);
        record(&mve_c[0], sr, sa, out_n, 0, what);
        if (fd.h == 1 && fd.w == 1 && p.geom.stride_h == 1 && p.geom.stride_w == 1 &&
            p.geom.pad_h == 0 && p.geom.pad_w == 0 && od.c == id.c) {
            /* pointwise in place: the Helium patch path's runs */
            memcpy(out_arm, in_buf, (size_t)in_n);
            sa = mote_mve_conv2d_s8(&p, &q, &id, out_arm, &fd, filt_buf, bias, &od, out_arm);
            record(&mve_c[0], sr, sa, out_n, 0, what);
        }
#endif
    }
}

/* ---- DEPTHWISE_CONV_2D -------------------------------------------------- */
static void test_dw(counts *c, int n_cases)
{
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        const int32_t *bias;
        int same = (int)(rnd() & 1);
        int32_t in_n, out_n;
        uint32_t sb;
        mote_status sr, sa;
        char what[96];
        memset(&p, 0, sizeof p);
        id.n = rnd() % 8 == 0 ? 2 : 1;
        id.h = rint_(1, 12);
        id.w = rint_(1, 12);
        id.c = rnd() % 3 == 0 ? 4 * rint_(1, 8) : rint_(1, 27);
        if (rnd() % 8 == 0) {   /* rows wider than the 3x3 path's padded rows hold at once */
            id.h = rint_(1, 6); /* x 40 x 64 x 2 (multiplier 2) fits BUF_OUT */
            id.w = rint_(13, 40);
            id.c = 4 * rint_(4, 16);
        }
        p.depth_multiplier = rnd() % 10 == 0 ? 2 : 1;
        if (rnd() % 10 == 0) { /* one input channel, a multiplier (person_detect's first layer) */
            id.c = 1;
            p.depth_multiplier = rint_(2, 16);
        }
        if (rnd() % 2) {
            fd.h = fd.w = 3;
        } else {
            fd.h = rint_(1, 5);
            fd.w = rint_(1, 5);
        }
        fd.n = 1;
        fd.c = id.c * p.depth_multiplier;
        p.geom.stride_h = rint_(1, 3);
        p.geom.stride_w = rnd() % 2 ? p.geom.stride_h : rint_(1, 3);
        p.geom.dilation_h = rnd() % 5 == 0 ? 2 : 1;
        p.geom.dilation_w = rnd() % 5 == 0 ? rint_(2, 3) : 1;
        if (rnd() % 3 == 0) { /* the in-place shape: 3x3, stride 1 along rows, SAME */
            fd.h = fd.w = 3;
            p.geom.stride_h = p.geom.stride_w = 1;
            p.geom.dilation_h = p.geom.dilation_w = 1;
            same = 1;
        }
        if (!geometry(id.h, fd.h, p.geom.stride_h, p.geom.dilation_h, same, &od.h, &p.geom.pad_h) ||
            !geometry(id.w, fd.w, p.geom.stride_w, p.geom.dilation_w, same, &od.w, &p.geom.pad_w)) {
            --i;
            continue;
        }
        od.n = id.n;
        od.c = fd.c;
        p.input_offset = -rint_(-128, 127);
        p.output_offset = rint_(-128, 127);
        random_act(&p.act_min, &p.act_max);
        random_quant(od.c, 1, &bias);
        q.multiplier = mult_buf;
        q.shift = shift_buf;
        in_n = id.n * id.h * id.w * id.c;
        out_n = od.n * od.h * od.w * od.c;
        fill_s8(in_buf, in_n);
        fill_s8(filt_buf, fd.h * fd.w * fd.c);
#if HAVE_MVE
        if (mote_mve_depthwise_conv2d_s8_fits(&p, &id, &fd, &od)) {
            prepare_out(out_n, 0);
            sr = mote_ref_depthwise_conv2d_s8(&p, &q, &id, in_buf, &fd, filt_buf, bias, &od,
                                              out_ref);
            sa = mote_mve_depthwise_conv2d_s8(&p, &q, &id, in_buf, &fd, filt_buf, bias, &od,
                                              out_arm);
            snprintf(what, sizeof what, "case %d in %ldx%ldx%ldx%ld f %ldx%ld s%ld,%ld d%ld,%ld", i,
                     (long)id.n, (long)id.h, (long)id.w, (long)id.c, (long)fd.h, (long)fd.w,
                     (long)p.geom.stride_h, (long)p.geom.stride_w, (long)p.geom.dilation_h,
                     (long)p.geom.dilation_w);
            record(&mve_c[1], sr, sa, out_n, 0, what);
        } else {
            mve_c[1].skipped++;
        }
#endif
        if (!mote_arm_depthwise_conv2d_s8_fits(&p, &id, &fd, &od)) {
            c->skipped++;
            continue;
        }
        sb = mote_arm_depthwise_conv2d_s8_scratch_bytes(&p, &id, &fd, &od);
        prepare_out(out_n, sb);
        sr = mote_ref_depthwise_conv2d_s8(&p, &q, &id, in_buf, &fd, filt_buf, bias, &od, out_ref);
        sa = mote_arm_depthwise_conv2d_s8(&p, &q, &id, in_buf, &fd, filt_buf, bias, &od, out_arm,
                                          sb ? scratch_buf : NULL);
        snprintf(what, sizeof what,
                 "case %d in %ldx%ldx%ldx%ld f %ldx%ld s%ld,%ld d%ld,%ld p%ld,%ld", i, (long)id.n,
                 (long)id.h, (long)id.w, (long)id.c, (long)fd.h, (long)fd.w, (long)p.geom.stride_h,
                 (long)p.geom.stride_w, (long)p.geom.dilation_h, (long)p.geom.dilation_w,
                 (long)p.geom.pad_h, (long)p.geom.pad_w);
        record(c, sr, sa, out_n, sb, what);
        if (sr == MOTE_OK)
            check_rows(&rows_c[1], dw_rows, 4, dw_rows_ip, 3, &p, &id, &fd, bias, &od, in_n, out_n,
                       what);
        if (id.n == 1 && od.h <= id.h && od.w == id.w && od.c == id.c &&
            (p.geom.stride_h == 1 || od.h == 1)) {
            /* in place (the planner's in-place steps): output over input; the
             * kernel takes the 3x3 cases of its padded-row path, refuses others */
            memcpy(out_arm, in_buf, (size_t)in_n);
            memset(out_arm + in_n, GUARD_BYTE, GUARD);
            sa = mote_arm_depthwise_conv2d_s8(&p, &q, &id, out_arm, &fd, filt_buf, bias, &od,
                                              out_arm, NULL);
            /* fewer output rows (VALID): the input rows past the output stay
             * as they were; the guard is checked past the input */
            if (in_n > out_n && guard_ok(out_arm, in_n)) memset(out_arm + out_n, GUARD_BYTE, GUARD);
            if (sa == MOTE_E_ARG) {
                c->skipped++;
            } else {
                strncat(what, " in place", sizeof what - strlen(what) - 1);
                record(c, sr, sa, out_n, 0, what);
            }
        }
    }
}

/* ---- FULLY_CONNECTED ---------------------------------------------------- */
static void test_fc(counts *c, int n_cases)
{
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_fc_s8_params p;
        mote_requant q;
        const int32_t *bias;
        int32_t batches = rnd() % 3 == 0 ? rint_(2, 5) : 1;
        const int blocks = rnd() % 3 == 0; /* the widened-input paths: depth % 8, out_c % 4 */
        int32_t depth = blocks           ? 8 * rint_(1, 80)
                        : rnd() % 3 == 0 ? 4 * rint_(1, 64)
                                         : rint_(1, 130);
        int32_t out_c = blocks ? 4 * rint_(1, 8) : rint_(1, 21), out_n = batches * out_c;
        uint32_t sb;
        mote_status sr, sa;
        char what[64];
        memset(&p, 0, sizeof p);
        p.input_offset = -rint_(-128, 127);
        p.output_offset = rint_(-128, 127);
        p.filter_offset = rnd() % 10 == 0 ? rint_(-3, 3) : 0;
        p.per_channel = (int32_t)(rnd() & 1);
        random_act(&p.act_min, &p.act_max);
        random_quant(out_c, 1, &bias);
        q.multiplier = mult_buf;
        q.shift = shift_buf;
        fill_s8(in_buf, batches * depth);
        fill_s8(filt_buf, out_c * depth);
        if (!mote_arm_fully_connected_s8_fits(&p, batches, depth, out_c)) {
            c->skipped++;
            continue;
        }
        sb = mote_arm_fully_connected_s8_scratch_bytes(&p, batches, depth, out_c);
        prepare_out(out_n, sb);
        sr = mote_ref_fully_connected_s8(&p, &q, batches, depth, out_c, in_buf, filt_buf, bias,
                                         out_ref);
        sa = mote_arm_fully_connected_s8(&p, &q, batches, depth, out_c, in_buf, filt_buf, bias,
                                         out_arm, scratch_buf);
        snprintf(what, sizeof what, "case %d b%ld d%ld o%ld pc%ld", i, (long)batches, (long)depth,
                 (long)out_c, (long)p.per_channel);
        record(c, sr, sa, out_n, sb, what);
        if (sr == MOTE_OK && p.filter_offset == 0) {
            /* the path rows: exactly one takes the step, with the reference's
             * bytes (a step block has no filter offset: int8 weights are
             * symmetric; mote_fc_s8_step in kernels.h) */
            mote_fc_s8_step *s = (mote_fc_s8_step *)(void *)step_words;
            const void *in[3];
            void *outs[1];
            mote_kernel_io io;
            memset(step_words, 0, sizeof step_words);
            s->batches = (uint16_t)batches;
            s->depth = (uint16_t)depth;
            s->out_c = (uint16_t)out_c;
            s->input_zero_point = (int8_t)-p.input_offset;
            s->output_offset = (int8_t)p.output_offset;
            s->act_min = (int8_t)p.act_min;
            s->act_max = (int8_t)p.act_max;
            if (p.per_channel) {
                s->flags = MOTE_FC_PER_CHANNEL;
                memcpy((uint8_t *)step_words + sizeof *s, mult_buf, 4 * (size_t)out_c);
                memcpy((uint8_t *)step_words + sizeof *s + 4 * (size_t)out_c, shift_buf,
                       (size_t)out_c);
            } else {
                s->multiplier = mult_buf[0];
                s->shift = shift_buf[0];
            }
            in[0] = in_buf;
            in[1] = filt_buf;
            in[2] = bias;
            outs[0] = out_arm;
            io.in = in;
            io.out = outs;
            io.scratch = NULL;
            memset(out_arm, 0x77, (size_t)out_n);
            memset(out_arm + out_n, GUARD_BYTE, GUARD);
            if (mote_arm_fc_xw_fits(s) + mote_arm_fc_dot_fits(s) != 1)
                sa = MOTE_E_STATE;
            else if (mote_arm_fc_xw_fits(s))
                sa = mote_arm_fc_xw_step(s, &io);
            else
                sa = mote_arm_fc_dot_step(s, &io);
            record(&rows_c[2], sr, sa, out_n, 0, what);
        }
#if HAVE_MVE
        prepare_out(out_n, 0);
        sr = mote_ref_fully_connected_s8(&p, &q, batches, depth, out_c, in_buf, filt_buf, bias,
                                         out_ref);
        sa = mote_mve_fully_connected_s8(&p, &q, batches, depth, out_c, in_buf, filt_buf, bias,
                                         out_arm);
        record(&mve_c[2], sr, sa, out_n, 0, what);
#endif
    }
}

/* ---- pools -------------------------------------------------------------- */
static void test_pool(counts *c, int n_cases, int is_max)
{
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_pool_s8_params p;
        mote_dims id, od;
        int same = (int)(rnd() & 1);
        int32_t out_n;
        mote_status sr, sa;
        char what[80];
        memset(&p, 0, sizeof p);
        id.n = rnd() % 8 == 0 ? 2 : 1;
        id.h = rint_(1, 12);
        id.w = rint_(1, 12);
        id.c = rnd() % 3 == 0 ? 4 * rint_(1, 8) : rint_(1, 27);
        p.filter_h = rint_(1, 5);
        p.filter_w = rint_(1, 5);
        if (rnd() % 6 == 0) { /* global pool */
            p.filter_h = id.h;
            p.filter_w = id.w;
        }
        p.geom.stride_h = rint_(1, 3);
        p.geom.stride_w = rint_(1, 3);
        p.geom.dilation_h = p.geom.dilation_w = 1;
        if (!geometry(id.h, p.filter_h, p.geom.stride_h, 1, same, &od.h, &p.geom.pad_h) ||
            !geometry(id.w, p.filter_w, p.geom.stride_w, 1, same, &od.w, &p.geom.pad_w)) {
            --i;
            continue;
        }
        od.n = id.n;
        od.c = id.c;
        random_act(&p.act_min, &p.act_max);
        out_n = od.n * od.h * od.w * od.c;
        fill_s8(in_buf, id.n * id.h * id.w * id.c);
        if (is_max ? !mote_arm_max_pool_s8_fits(&p, &id, &od)
                   : !mote_arm_avg_pool_s8_fits(&p, &id, &od)) {
            c->skipped++;
            continue;
        }
        prepare_out(out_n, 0);
        if (is_max) {
            sr = mote_ref_max_pool_s8(&p, &id, in_buf, &od, out_ref);
            sa = mote_arm_max_pool_s8(&p, &id, in_buf, &od, out_arm, NULL);
        } else {
            sr = mote_ref_avg_pool_s8(&p, &id, in_buf, &od, out_ref);
            sa = mote_arm_avg_pool_s8(&p, &id, in_buf, &od, out_arm, NULL);
        }
        snprintf(what, sizeof what, "case %d in %ldx%ldx%ld f %ldx%ld s%ld,%ld", i, (long)id.h,
                 (long)id.w, (long)id.c, (long)p.filter_h, (long)p.filter_w, (long)p.geom.stride_h,
                 (long)p.geom.stride_w);
        record(c, sr, sa, out_n, 0, what);
    }
}

/* ---- ADD (same shape) ---------------------------------------------------- */
static void test_add(counts *c, int n_cases)
{
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_add_s8_params p;
        mote_dims d;
        int32_t n;
        mote_status sr, sa;
        char what[80];
        memset(&p, 0, sizeof p);
        d.n = 1;
        d.h = rint_(1, 9);
        d.w = rint_(1, 9);
        d.c = rint_(1, 33);
        n = d.h * d.w * d.c;
        p.input1_offset = -rint_(-128, 127);
        p.input2_offset = -rint_(-128, 127);
        p.output_offset = rint_(-128, 127);
        p.left_shift = rnd() % 4 == 0 ? rint_(0, 20) : 20;
        p.input1_multiplier = (int32_t)((1u << 30) | (rnd() >> 2));
        p.input2_multiplier = (int32_t)((1u << 30) | (rnd() >> 2));
        p.output_multiplier = (int32_t)((1u << 30) | (rnd() >> 2));
        /* the DSP row's word path takes input shifts in [-(ls + 1), 0] and
         * output shifts in [-23, -2]: cases on and past both edges */
        p.input1_shift = rnd() % 8 == 0   ? rint_(-2, 0)
                         : rnd() % 4 == 0 ? rint_(-22, -1)
                                          : rint_(-8, -1);
        p.input2_shift = rnd() % 8 == 0   ? rint_(-2, 0)
                         : rnd() % 4 == 0 ? rint_(-22, -1)
                                          : rint_(-8, -1);
        p.output_shift = rnd() % 8 == 0   ? rint_(-3, 0)
                         : rnd() % 4 == 0 ? rint_(-25, -2)
                                          : rint_(-22, -14);
        if (rnd() % 3 == 0) p.input2_shift = 0; /* the larger input's scale (multiplier 1/2) */
        if (rnd() % 8 == 0) p.input1_multiplier = 0;
        random_act(&p.act_min, &p.act_max);
        fill_s8(in_buf, n);
        fill_s8(filt_buf, n);
        if (!mote_arm_add_s8_fits(&p, &d, &d, &d)) {
            c->skipped++;
            continue;
        }
        prepare_out(n, 0);
        sr = mote_ref_add_s8(&p, &d, in_buf, &d, filt_buf, &d, out_ref);
        sa = mote_arm_add_s8(&p, &d, in_buf, &d, filt_buf, &d, out_arm, NULL);
        snprintf(what, sizeof what, "case %d %ldx%ldx%ld ls%ld s%ld,%ld,%ld", i, (long)d.h,
                 (long)d.w, (long)d.c, (long)p.left_shift, (long)p.input1_shift,
                 (long)p.input2_shift, (long)p.output_shift);
        record(c, sr, sa, n, 0, what);
#if HAVE_MVE
        prepare_out(n, 0);
        sr = mote_ref_add_s8(&p, &d, in_buf, &d, filt_buf, &d, out_ref);
        sa = mote_mve_add_s8(&p, &d, in_buf, &d, filt_buf, &d, out_arm);
        record(&mve_c[3], sr, sa, n, 0, what);
#endif
    }
}

/* ---- benchmark layers --------------------------------------------------- */
typedef enum { L_CONV, L_DW, L_FC, L_AVG, L_MAX } layer_kind;
typedef struct layer {
    const char *name;
    layer_kind kind;
    int32_t ih, iw, ic, kh, kw, oc, stride, same;
    int inplace; /* run with the output over the input (the planner's in-place steps) */
} layer;

static const layer layers[] = {
    {"kws_conv1_10x4_s2_1to64", L_CONV, 49, 10, 1, 10, 4, 64, 2, 1, 0},
    {"kws_dw_3x3_64ch_25x5", L_DW, 25, 5, 64, 3, 3, 64, 1, 1, 0},
    {"kws_pw_1x1_64to64_25x5", L_CONV, 25, 5, 64, 1, 1, 64, 1, 1, 0},
    {"kws_dw_3x3_64ch_25x5_inplace", L_DW, 25, 5, 64, 3, 3, 64, 1, 1, 1},
    {"kws_pw_1x1_64to64_25x5_inplace", L_CONV, 25, 5, 64, 1, 1, 64, 1, 1, 1},
    {"kws_avgpool_25x5_64ch", L_AVG, 25, 5, 64, 25, 5, 64, 1, 0, 0},
    {"kws_fc_64to12", L_FC, 1, 1, 64, 1, 1, 12, 1, 0, 0},
    {"vww_conv1_3x3_s2_3to8_96x96", L_CONV, 96, 96, 3, 3, 3, 8, 2, 1, 0},
    {"vww_dw_3x3_8ch_48x48", L_DW, 48, 48, 8, 3, 3, 8, 1, 1, 0},
    {"vww_pw_1x1_8to16_48x48", L_CONV, 48, 48, 8, 1, 1, 16, 1, 1, 0},
    {"vww_dw_3x3_s2_16ch_48x48", L_DW, 48, 48, 16, 3, 3, 16, 2, 1, 0},
    {"vww_pw_1x1_64to64_12x12", L_CONV, 12, 12, 64, 1, 1, 64, 1, 1, 0},
    {"vww_dw_3x3_128ch_6x6", L_DW, 6, 6, 128, 3, 3, 128, 1, 1, 0},
    {"vww_pw_1x1_128to128_6x6", L_CONV, 6, 6, 128, 1, 1, 128, 1, 1, 0},
    {"vww_fc_256to2", L_FC, 1, 1, 256, 1, 1, 2, 1, 0, 0},
    {"maxpool_2x2_s2_32ch_24x24", L_MAX, 24, 24, 32, 2, 2, 32, 2, 0, 0},
    /* image classification (ResNet-8): 3x3 convolutions, widened 2-row path */
    {"ic_conv1_3x3_3to16_32x32", L_CONV, 32, 32, 3, 3, 3, 16, 1, 1, 0},
    {"ic_conv_3x3_16to16_32x32", L_CONV, 32, 32, 16, 3, 3, 16, 1, 1, 0},
    {"ic_conv_3x3_s2_16to32_32x32", L_CONV, 32, 32, 16, 3, 3, 32, 2, 1, 0},
    {"ic_conv_3x3_32to32_16x16", L_CONV, 16, 16, 32, 3, 3, 32, 1, 1, 0},
    {"ic_conv_3x3_64to64_8x8", L_CONV, 8, 8, 64, 3, 3, 64, 1, 1, 0},
};

static mote_status run_layer(const layer *L, int arm, int8_t *out, int32_t *macs, int32_t *out_n)
{
    const int8_t *src = in_buf;
    mote_conv_s8_params p;
    mote_pool_s8_params pp;
    mote_fc_s8_params fp;
    mote_requant q;
    mote_dims id, fd, od;
    memset(&p, 0, sizeof p);
    memset(&pp, 0, sizeof pp);
    memset(&fp, 0, sizeof fp);
    memset(&od, 0, sizeof od);
    memset(&fd, 0, sizeof fd);
    q.multiplier = mult_buf;
    q.shift = shift_buf;
    id.n = 1;
    id.h = L->ih;
    id.w = L->iw;
    id.c = L->ic;
    p.geom.stride_h = p.geom.stride_w = L->stride;
    p.geom.dilation_h = p.geom.dilation_w = 1;
    geometry(id.h, L->kh, L->stride, 1, L->same, &od.h, &p.geom.pad_h);
    geometry(id.w, L->kw, L->stride, 1, L->same, &od.w, &p.geom.pad_w);
    od.n = 1;
    od.c = L->oc;
    p.input_offset = 128;
    p.output_offset = -128;
    p.act_min = -128;
    p.act_max = 127;
    p.depth_multiplier = 1;
    *out_n = od.h * od.w * od.c;
    if (arm == 1 && L->inplace) src = out; /* the caller copied the input there */
    switch (L->kind) {
    case L_CONV:
        fd.n = L->oc;
        fd.h = L->kh;
        fd.w = L->kw;
        fd.c = L->ic;
        *macs = *out_n * L->kh * L->kw * L->ic;
#if HAVE_MVE
        if (arm == 2)
            return mote_mve_conv2d_s8(&p, &q, &id, in_buf, &fd, filt_buf, bias_buf, &od, out);
#endif
        return arm ? mote_arm_conv2d_s8(&p, &q, &id, src, &fd, filt_buf, bias_buf, &od, out,
                                        L->inplace ? NULL : scratch_buf)
                   : mote_ref_conv2d_s8(&p, &q, &id, in_buf, &fd, filt_buf, bias_buf, &od, out);
    case L_DW:
        fd.n = 1;
        fd.h = L->kh;
        fd.w = L->kw;
        fd.c = L->ic;
        *macs = *out_n * L->kh * L->kw;
#if HAVE_MVE
        if (arm == 2)
            return mote_mve_depthwise_conv2d_s8(&p, &q, &id, in_buf, &fd, filt_buf, bias_buf, &od,
                                                out);
#endif
        return arm ? mote_arm_depthwise_conv2d_s8(&p, &q, &id, src, &fd, filt_buf, bias_buf, &od,
                                                  out, L->inplace ? NULL : scratch_buf)
                   : mote_ref_depthwise_conv2d_s8(&p, &q, &id, in_buf, &fd, filt_buf, bias_buf, &od,
                                                  out);
    case L_FC:
        fp.input_offset = 128;
        fp.output_offset = -128;
        fp.act_min = -128;
        fp.act_max = 127;
        fp.per_channel = 0;
        *out_n = L->oc;
        *macs = L->ic * L->oc;
        return arm ? mote_arm_fully_connected_s8(&fp, &q, 1, L->ic, L->oc, in_buf, filt_buf,
                                                 bias_buf, out, scratch_buf)
                   : mote_ref_fully_connected_s8(&fp, &q, 1, L->ic, L->oc, in_buf, filt_buf,
                                                 bias_buf, out);
    case L_AVG:
    case L_MAX:
        pp.geom = p.geom;
        pp.filter_h = L->kh;
        pp.filter_w = L->kw;
        pp.act_min = -128;
        pp.act_max = 127;
        *macs = 0;
        if (L->kind == L_AVG)
            return arm ? mote_arm_avg_pool_s8(&pp, &id, in_buf, &od, out, NULL)
                       : mote_ref_avg_pool_s8(&pp, &id, in_buf, &od, out);
        return arm ? mote_arm_max_pool_s8(&pp, &id, in_buf, &od, out, NULL)
                   : mote_ref_max_pool_s8(&pp, &id, in_buf, &od, out);
    }
    return MOTE_E_ARG;
}

static void bench(counts *c)
{
    size_t i;
    uint64_t overhead, t0;
    int32_t k;
    if (mcu_icount_calibrate() == 0) {
        printf("bench: SysTick did not tick; run QEMU with -icount shift=0\n");
        c->failed++;
        return;
    }
    t0 = mcu_icount_now();
    overhead = mcu_icount_now() - t0;
    for (i = 0; i < sizeof layers / sizeof layers[0]; ++i) {
        const layer *L = &layers[i];
        uint64_t ref_n, arm_n;
        int32_t macs = 0, out_n = 0;
        mote_status sr, sa;
        fill_s8(in_buf, L->ih * L->iw * L->ic);
        fill_s8(filt_buf, L->kind == L_CONV ? L->oc * L->kh * L->kw * L->ic
                          : L->kind == L_FC ? L->oc * L->ic
                                            : L->kh * L->kw * L->ic);
        for (k = 0; k < L->oc; ++k) {
            mult_buf[k] = (int32_t)((1u << 30) | (rnd() >> 2));
            shift_buf[k] = (int8_t)rint_(-10, -6);
            bias_buf[k] = rint_(-3000, 3000);
        }
        t0 = mcu_icount_now();
        sr = run_layer(L, 0, out_ref, &macs, &out_n);
        ref_n = mcu_icount_now() - t0 - overhead;
        memset(out_arm + out_n, GUARD_BYTE, GUARD);
        if (L->inplace) memcpy(out_arm, in_buf, (size_t)(L->ih * L->iw * L->ic));
        t0 = mcu_icount_now();
        sa = run_layer(L, 1, out_arm, &macs, &out_n);
        arm_n = mcu_icount_now() - t0 - overhead;
        if (sr != MOTE_OK || sa != MOTE_OK || memcmp(out_ref, out_arm, (size_t)out_n) != 0 ||
            !guard_ok(out_arm, out_n)) {
            printf("FAIL bench layer %s: status ref=%d arm=%d or output differs\n", L->name,
                   (int)sr, (int)sa);
            c->failed++;
        } else {
            c->passed++;
        }
#if HAVE_MVE
        if ((L->kind == L_CONV || L->kind == L_DW) && !L->inplace) {
            uint64_t mve_n;
            memset(out_arm, 0x77, (size_t)out_n);
            t0 = mcu_icount_now();
            sa = run_layer(L, 2, out_arm, &macs, &out_n);
            mve_n = mcu_icount_now() - t0 - overhead;
            if (sa != MOTE_OK || memcmp(out_ref, out_arm, (size_t)out_n) != 0) {
                printf("FAIL bench layer %s (mve): output differs\n", L->name);
                c->failed++;
            }
            printf("layer=%s mve_instructions=%llu mve_instr_per_mac=%lu.%02lu\n", L->name,
                   (unsigned long long)mve_n, (unsigned long)(mve_n * 100u / (uint64_t)macs / 100u),
                   (unsigned long)(mve_n * 100u / (uint64_t)macs % 100u));
        }
#endif
        {
            const uint32_t r100 = arm_n ? (uint32_t)((ref_n * 100u + arm_n / 2) / arm_n) : 0;
            const uint32_t ipm =
                macs ? (uint32_t)((arm_n * 100u + (uint64_t)macs / 2) / (uint64_t)macs) : 0;
            printf("layer=%s macs=%ld ref_instructions=%llu arm_instructions=%llu ratio=%lu.%02lu"
                   " arm_instr_per_mac=%lu.%02lu\n",
                   L->name, (long)macs, (unsigned long long)ref_n, (unsigned long long)arm_n,
                   (unsigned long)(r100 / 100), (unsigned long)(r100 % 100),
                   (unsigned long)(ipm / 100), (unsigned long)(ipm % 100));
        }
    }
}

void armk_cases_pw(int n_cases, int *passed, int *failed); /* cases_pw.c */
int armk_cases_conv(int *passed, int *failed);             /* cases_conv.c */
/* cases_c4.c (h-c4) */
int armk_cases_c4(int n_cases, int *passed, int *failed);
void armk_cases_add(int n_cases, int do_bench, int *passed, int *failed); /* cases_add.c */
int armk_cases_vdw2(int n_cases, int *passed, int *failed);               /* cases_vdw2.c */
int armk_cases_ic(int n_cases, int *passed, int *failed);                 /* cases_ic.c */
int armk_cases_vwwb(int n_cases, int *passed, int *failed);               /* cases_vwwb.c */
int armk_cases_m55dw(int n_cases, int *passed, int *failed);              /* cases_m55dw.c */
int armk_cases_m55kws(int n_cases, int *passed, int *failed);             /* cases_m55kws.c */
int armk_cases_icadd(int n_cases, int *passed, int *failed);              /* cases_icadd.c */
/* cases_tinydw.c (tinydw) */
int armk_cases_tinydw(int n_cases, int *passed, int *failed);
/* cases_m55tiny.c (h-m55v) */
int armk_cases_m55tiny(int n_cases, int *passed, int *failed);
int armk_cases_m55tile(int n_cases, int *passed, int *failed);
int armk_cases_m55tilerow(int n_cases, int *passed, int *failed);
int armk_cases_pwn(int n_cases, int *passed, int *failed); /* cases_pwn.c */

int main(void)
{
    char *argv[8];
    int argc = mcu_semihost_args(argv, 8);
    int n = 1000, do_bench = 1, i, total_pass = 0, total_fail = 0;
    counts c[7] = {{"conv2d_s8", 0, 0, 0},          {"depthwise_conv2d_s8", 0, 0, 0},
                   {"fully_connected_s8", 0, 0, 0}, {"avg_pool_s8", 0, 0, 0},
                   {"max_pool_s8", 0, 0, 0},        {"add_s8", 0, 0, 0},
                   {"bench_layers", 0, 0, 0}};
    for (i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "-cases") == 0 && i + 1 < argc) n = atoi(argv[++i]);
        if (strcmp(argv[i], "-nobench") == 0) do_bench = 0;
    }
    test_conv(&c[0], n);
    test_dw(&c[1], n);
    test_fc(&c[2], n);
    test_pool(&c[3], n / 2, 0);
    test_pool(&c[4], n / 2, 1);
    test_add(&c[5], n / 2);
    { /* cases_dw.c: the 3x3 depthwise int16-line path */
        int f, ps = mote_test_dw_cases(n, &f);
        printf("depthwise 3x3 int16-line cases: %d passed, %d failed\n", ps, f);
        total_pass += ps;
        total_fail += f;
    }
    { /* cases_dw2.c: the 3x3 depthwise stride-2 row */
        int f, t, ps = mote_test_dw2_cases(n, &f, &t);
        printf("depthwise 3x3 stride-2 cases: %d passed, %d failed (%d on the s2 row)\n", ps, f, t);
        total_pass += ps;
        total_fail += f;
    }
    { /* cases_dm.c: depthwise, one input channel, multiplier > 1 (arm_dsp_dm) */
        int f, t, ps = mote_test_dm_cases(n, &f, &t);
        printf("depthwise multiplier cases: %d passed, %d failed (%d on the dm / dm_any rows)\n",
               ps, f, t);
        total_pass += ps;
        total_fail += f + (t == 0);
    }
    { /* cases_first.c: first layers, few input channels (arm_dsp_first) */
        int f, t, ps = mote_test_first_cases(n / 2 + 1, &f, &t);
        printf("first-layer cases: %d passed, %d failed (%d on the first row)\n", ps, f, t);
        total_pass += ps;
        total_fail += f + (t == 0);
    }
    { /* cases_vwwa.c: pointwise, 8 or 16 input channels (arm_dsp_pwk) */
        int f, t, ps = mote_test_vwwa_cases(n, &f, &t);
        printf("pointwise K = 8 / 16 cases: %d passed, %d failed (%d on the pwk row)\n", ps, f, t);
        total_pass += ps;
        total_fail += f + (t == 0);
    }
    if (HAVE_MVE) { /* cases_m55first.c: first layers, 3x3 over 3 channels (arm_mve_first) */
        int f, t, ps = mote_test_m55first_cases(n / 2 + 1, &f, &t);
        printf("m55 first-layer cases: %d passed, %d failed (%d on the row)\n", ps, f, t);
        total_pass += ps;
        total_fail += f + (t == 0);
    }
    if (HAVE_MVE) { /* cases_m55pwk.c: pointwise, 8 or 16 input channels (arm_mve_pwk) */
        int f, t, ps = mote_test_m55pwk_cases(n, &f, &t);
        printf("m55 pointwise K = 8 / 16 cases: %d passed, %d failed (%d on the row)\n", ps, f, t);
        total_pass += ps;
        total_fail += f + (t == 0);
    }
    for (i = 0; i < 6; ++i)
        printf("%s: %d passed, %d failed (%d not taken by the arm kernel)\n", c[i].name,
               c[i].passed, c[i].failed, c[i].skipped);
    if (do_bench) {
        bench(&c[6]);
        printf("%s: %d passed, %d failed\n", c[6].name, c[6].passed, c[6].failed);
    }
    armk_rows_cases(n, do_bench, &total_pass, &total_fail); /* cases_rows.c */
    for (i = 0; i < 3; ++i) {
        printf("%s: %d passed, %d failed\n", rows_c[i].name, rows_c[i].passed, rows_c[i].failed);
        total_pass += rows_c[i].passed;
        total_fail += rows_c[i].failed;
    }
    for (i = 0; i < (HAVE_MVE ? 4 : 0); ++i) {
        printf("%s: %d passed, %d failed (%d not taken)\n", mve_c[i].name, mve_c[i].passed,
               mve_c[i].failed, mve_c[i].skipped);
        total_pass += mve_c[i].passed;
        total_fail += mve_c[i].failed;
    }
    armk_cases_pw(n / 10, &total_pass, &total_fail);
    mote_test_s16(n, do_bench, &total_pass, &total_fail); /* cases_s16.c */
    for (i = 0; i < 7; ++i) {
        total_pass += c[i].passed;
        total_fail += c[i].failed;
    }
    (void)armk_cases_conv(&total_pass, &total_fail); /* cases_conv.c (h-conv) */
    /* cases_c4.c (h-c4) */
    (void)armk_cases_c4(n / 5, &total_pass, &total_fail);
    armk_cases_add(n, do_bench, &total_pass, &total_fail); /* cases_add.c (h-add) */
    /* cases_vdw2.c (h-vdw2) */
    (void)armk_cases_vdw2(n / 10, &total_pass, &total_fail);
    (void)armk_cases_ic(n / 10, &total_pass, &total_fail); /* cases_ic.c (h-ic) */
    /* cases_vwwb.c (h-vwwb) */
    (void)armk_cases_vwwb(n / 5, &total_pass, &total_fail);
    (void)armk_cases_icadd(n / 4, &total_pass, &total_fail);  /* cases_icadd.c (icadd) */
    (void)armk_cases_m55dw(n / 5, &total_pass, &total_fail);  /* cases_m55dw.c (m55dw) */
    (void)armk_cases_m55kws(n / 5, &total_pass, &total_fail); /* cases_m55kws.c (m55kws) */
    /* cases_tinydw.c (tinydw) */
    (void)armk_cases_tinydw(n, &total_pass, &total_fail);
    (void)armk_cases_pwn(n / 4, &total_pass, &total_fail); /* cases_pwn.c (h-pwsmall) */
    /* cases_m55tiny.c (h-m55v) */
    (void)armk_cases_m55tiny(n, &total_pass, &total_fail);
    (void)armk_cases_m55tile(n / 2, &total_pass, &total_fail);
    (void)armk_cases_m55tilerow(n / 4, &total_pass, &total_fail);
    printf("%d passed, %d failed\n", total_pass, total_fail);
    return total_fail ? 1 : 0;
}
