/*
 * test_x86_kernels.c — every x86-64 kernel row against the reference row,
 * byte for byte, on random cases, at every instruction-set level this CPU
 * has (the rows are called directly, so a lower level runs even where the
 * kernel table would pick a higher one).
 *
 * usage: test_x86_kernels [CASES [SEED]]     (default 3000 cases per kernel)
 * Prints one line per kernel x level and a summary; exit 1 on a mismatch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/kernels.h"
#include "kernels/kernel_table.h"
#include "kernels/x86/x86_rows.h"

#if MOTE_ROWS_X86

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

/* Uniform in [lo, hi]. */
static int32_t rr(int32_t lo, int32_t hi)
{
    return lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1));
}

static void fill_s8(int8_t *p, size_t n)
{
    size_t i;
    int mode = (int)(rnd() % 4);
    for (i = 0; i < n; i++) {
        if (mode == 0) /* extremes */
            p[i] = (int8_t)((rnd() & 1) ? 127 : -128);
        else
            p[i] = (int8_t)(rnd() & 0xff);
    }
}

/* A requantization table of n entries after a block of `bytes` bytes. */
static void fill_requant(uint8_t *block, size_t bytes, int32_t n)
{
    int32_t *m = (int32_t *)(void *)(block + bytes);
    int8_t *s = (int8_t *)(m + n);
    int32_t i;
    int wide = (rnd() % 8) == 0;
    for (i = 0; i < n; i++) {
        m[i] = (rnd() % 16 == 0) ? 0 : (int32_t)((1u << 30) + (rnd() & 0x3fffffffu));
        s[i] = (int8_t)(wide ? rr(-31, 30) : rr(-14, 1));
    }
}

static int32_t *make_bias(int32_t n)
{
    int32_t *b, i;
    int kind = (int)(rnd() % 4);
    if (kind == 0) return NULL;
    b = malloc(sizeof *b * (size_t)n);
    for (i = 0; i < n; i++)
        b[i] = kind == 3 ? (int32_t)rnd() : rr(-40000, 40000); /* 3: wraps */
    return b;
}

typedef struct level {
    const char *name;
    uint32_t isa;
} level;

static const level levels[] = {
    {"sse41", MOTE_ISA_X86_SSE41},
    {"avx2", MOTE_ISA_X86_AVX2},
    {"avx512", MOTE_ISA_X86_AVX512 | MOTE_ISA_X86_AVX2},
};

static int failures, checks;

static void report(const char *kernel, const char *lvl, int cases, int bad)
{
    printf("%-22s %-7s %6d cases %s\n", kernel, lvl, cases, bad ? "FAILED" : "ok");
    failures += bad != 0;
    checks++;
}

/* Compare and describe the first difference. */
static int same(const char *what, int c, const int8_t *a, const int8_t *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (a[i] != b[i]) {
            printf("  %s case %d: byte %lu ref %d got %d\n", what, c, (unsigned long)i, a[i], b[i]);
            return 0;
        }
    return 1;
}

/* n bytes (at least 1) with no slack after them, so that a read past the
 * end shows under ASan. */
static void *malloc_exact(size_t n)
{
    return malloc(n != 0 ? n : 1);
}

/* ---- CONV_2D and DEPTHWISE_CONV_2D ---------------------------------------- */

static void conv_case(mote_conv_s8_step *s, int depthwise, int pointwise)
{
    mote_conv_geom *g = &s->p.geom;
    int32_t eff_h, eff_w, big = (rnd() % 6) == 0;
    memset(s, 0, sizeof *s);
    s->in.n = rr(1, 2);
    s->in.h = rr(1, big ? 24 : 12);
    s->in.w = rr(1, big ? 24 : 12);
    s->in.c = rnd() % 3 == 0 ? 8 * rr(1, 12) : rr(1, big ? 300 : 70);
    if (depthwise && rnd() % 4 == 0) s->in.c = 1 << rr(0, 3); /* pixels share a register */
    s->filter.h = pointwise ? 1 : rr(1, 5);
    s->filter.w = pointwise ? 1 : rr(1, 5);
    g->stride_h = rr(1, 3);
    g->stride_w = rr(1, 3);
    g->dilation_h = pointwise || rnd() % 4 ? 1 : rr(1, 3);
    g->dilation_w = pointwise || rnd() % 4 ? 1 : rr(1, 3);
    eff_h = (s->filter.h - 1) * g->dilation_h + 1;
    eff_w = (s->filter.w - 1) * g->dilation_w + 1;
    if (pointwise || rnd() % 2) { /* VALID */
        if (s->in.h < eff_h) s->in.h = eff_h;
        if (s->in.w < eff_w) s->in.w = eff_w;
        s->out.h = (s->in.h - eff_h) / g->stride_h + 1;
        s->out.w = (s->in.w - eff_w) / g->stride_w + 1;
    } else { /* SAME */
        int32_t ph, pw;
        s->out.h = (s->in.h + g->stride_h - 1) / g->stride_h;
        s->out.w = (s->in.w + g->stride_w - 1) / g->stride_w;
        ph = (s->out.h - 1) * g->stride_h + eff_h - s->in.h;
        pw = (s->out.w - 1) * g->stride_w + eff_w - s->in.w;
        g->pad_h = ph > 0 ? ph / 2 : 0;
        g->pad_w = pw > 0 ? pw / 2 : 0;
    }
    s->out.n = s->in.n;
    if (depthwise) {
        s->p.depth_multiplier = 1;
        s->filter.n = 1;
        s->filter.c = s->in.c;
        s->out.c = s->in.c;
    } else {
        s->filter.c = s->in.c;
        s->filter.n = rr(1, big ? 80 : 40);
        s->out.c = s->filter.n;
    }
    s->p.input_offset = rnd() % 4 == 0 ? 128 : rr(-127, 128); /* 128: zero point -128 */
    s->p.output_offset = rr(-128, 127);
    s->p.act_min = rnd() % 2 ? -128 : rr(-128, 0);
    s->p.act_max = rnd() % 2 ? 127 : rr(s->p.act_min, 127);
    s->channels = rnd() % 5 == 0 ? 1 : s->out.c;
}

static void test_conv(int cases, int depthwise, int pointwise, uint32_t cpu)
{
    static const mote_kernel_fn conv_fns[3] = {mote_x86_conv2d_s8_step_sse41,
                                               mote_x86_conv2d_s8_step_avx2,
                                               mote_x86_conv2d_s8_step_avx512};
    static const mote_kernel_fn dw_fns[3] = {mote_x86_depthwise_conv2d_s8_step_sse41,
                                             mote_x86_depthwise_conv2d_s8_step_avx2,
                                             mote_x86_depthwise_conv2d_s8_step_avx512};
    const char *name = depthwise   ? "DEPTHWISE_CONV_2D_S8"
                       : pointwise ? "CONV_2D_S8 1x1"
                                   : "CONV_2D_S8";
    int bad[3] = {0, 0, 0}, c, l;
    for (c = 0; c < cases; c++) {
        uint8_t block[sizeof(mote_conv_s8_step) + 5 * 512];
        mote_conv_s8_step *s = (mote_conv_s8_step *)(void *)block;
        size_t in_n, f_n, out_n;
        int8_t *in, *f, *ref, *got;
        int32_t *bias;
        void *scratch;
        const void *ins[3];
        void *outs[1];
        mote_kernel_io io;
        do {
            conv_case(s, depthwise, pointwise);
        } while (s->out.c > 512);
        fill_requant(block, sizeof *s, s->channels);
        in_n = (size_t)(s->in.n * s->in.h * s->in.w * s->in.c);
        f_n = (size_t)(s->filter.n * s->filter.h * s->filter.w * s->filter.c);
        out_n = (size_t)(s->out.n * s->out.h * s->out.w * s->out.c);
        /* Exact-size buffers (no slack), so an over-read shows under ASan. */
        in = malloc(in_n);
        f = malloc(f_n);
        ref = malloc(out_n);
        got = malloc(out_n);
        fill_s8(in, in_n);
        fill_s8(f, f_n);
        bias = make_bias(s->out.c);
        ins[0] = in;
        ins[1] = f;
        ins[2] = bias;
        outs[0] = ref;
        io.in = ins;
        io.out = outs;
        io.scratch = NULL;
        if ((depthwise ? mote_ref_depthwise_conv2d_s8_step : mote_ref_conv2d_s8_step)(s, &io) !=
            MOTE_OK) {
            printf("  ref refused case %d\n", c);
            bad[0]++;
        }
        if (!(depthwise ? mote_x86_depthwise_conv2d_s8_step_fits
                        : mote_x86_conv2d_s8_step_fits)(s)) {
            printf("  %s case %d does not fit\n", name, c);
            bad[0]++;
        }
        for (l = 0; l < 3; l++) {
            if ((levels[l].isa & ~cpu) != 0) continue;
            /* Each level's own scratch, exactly (the AVX-512 row repacks
             * weights into it). */
            scratch = depthwise ? NULL
                                : malloc_exact(l == 2 ? mote_x86_conv2d_s8_step_scratch_avx512(s)
                                                      : mote_x86_conv2d_s8_step_scratch(s));
            memset(got, 0x55, out_n);
            outs[0] = got;
            io.scratch = scratch;
            if ((depthwise ? dw_fns : conv_fns)[l](s, &io) != MOTE_OK ||
                !same(levels[l].name, c, ref, got, out_n)) {
                if (bad[l] == 0)
                    printf("  %s %s case %d: in [%d,%d,%d,%d] filter [%d,%d,%d,%d] out c %d "
                           "stride %d,%d dil %d,%d pad %d,%d in_off %d channels %d bias %s\n",
                           name, levels[l].name, c, s->in.n, s->in.h, s->in.w, s->in.c, s->filter.n,
                           s->filter.h, s->filter.w, s->filter.c, s->out.c, s->p.geom.stride_h,
                           s->p.geom.stride_w, s->p.geom.dilation_h, s->p.geom.dilation_w,
                           s->p.geom.pad_h, s->p.geom.pad_w, s->p.input_offset, s->channels,
                           bias ? "yes" : "no");
                bad[l]++;
            }
            free(scratch);
        }
        free(in);
        free(f);
        free(ref);
        free(got);
        free(bias);
    }
    for (l = 0; l < 3; l++)
        if ((levels[l].isa & ~cpu) == 0) report(name, levels[l].name, cases, bad[l]);
}

/* ---- in place (the planner's MOTE_OPF_INPLACE_ROWS) -------------------------
 * Steps the planner may put in place (batch 1, the output's rows as wide as
 * the input's, stride 1 along rows): the output buffer is the input buffer,
 * the scratch the planner's ring (mote_inplace_ring_rows rows, exact size),
 * checked against the reference row run out of place. */

static void conv_case_ip(mote_conv_s8_step *s, int depthwise)
{
    mote_conv_geom *g = &s->p.geom;
    int32_t eff_h, eff_w;
    memset(s, 0, sizeof *s);
    s->in.n = s->out.n = 1;
    s->in.h = rr(1, 30);
    s->in.w = rr(1, rnd() % 3 ? 12 : 1);
    s->in.c = rnd() % 3 == 0 ? 8 * rr(1, 16) : rr(1, rnd() % 4 ? 70 : 512);
    if (depthwise && rnd() % 4 == 0) s->in.c = 1 << rr(0, 3);
    s->filter.h = depthwise ? rr(1, 10) : 1;
    s->filter.w = depthwise ? rr(1, 5) : 1;
    g->stride_h = g->stride_w = 1;
    g->dilation_h = depthwise && rnd() % 4 == 0 ? rr(1, 3) : 1;
    g->dilation_w = depthwise && rnd() % 4 == 0 ? rr(1, 3) : 1;
    eff_h = (s->filter.h - 1) * g->dilation_h + 1;
    eff_w = (s->filter.w - 1) * g->dilation_w + 1;
    /* Width: SAME (out.w = in.w); rows: SAME or VALID. */
    g->pad_w = (eff_w - 1) / 2;
    s->out.w = s->in.w;
    if (rnd() % 2) {
        if (s->in.h < eff_h) s->in.h = eff_h;
        s->out.h = s->in.h - eff_h + 1;
    } else {
        s->out.h = s->in.h;
        g->pad_h = (eff_h - 1) / 2;
    }
    s->filter.n = depthwise ? 1 : s->in.c;
    s->filter.c = s->in.c;
    s->out.c = s->in.c;
    s->p.depth_multiplier = depthwise ? 1 : 0;
    s->p.input_offset = rnd() % 4 == 0 ? 128 : rr(-127, 128); /* 128: zero point -128 */
    s->p.output_offset = rr(-128, 127);
    s->p.act_min = rnd() % 2 ? -128 : rr(-128, 0);
    s->p.act_max = rnd() % 2 ? 127 : rr(s->p.act_min, 127);
    s->channels = rnd() % 5 == 0 ? 1 : s->out.c;
}

static void test_conv_ip(int cases, int depthwise, uint32_t cpu)
{
    static const mote_kernel_fn conv_fns[3] = {mote_x86_conv2d_s8_step_sse41,
                                               mote_x86_conv2d_s8_step_avx2,
                                               mote_x86_conv2d_s8_step_avx512};
    static const mote_kernel_fn dw_fns[3] = {mote_x86_depthwise_conv2d_s8_step_sse41,
                                             mote_x86_depthwise_conv2d_s8_step_avx2,
                                             mote_x86_depthwise_conv2d_s8_step_avx512};
    const char *name = depthwise ? "DEPTHWISE in place" : "CONV_2D 1x1 in place";
    int bad[3] = {0, 0, 0}, c, l;
    for (c = 0; c < cases; c++) {
        uint8_t block[sizeof(mote_conv_s8_step) + 5 * 512];
        mote_conv_s8_step *s = (mote_conv_s8_step *)(void *)block;
        size_t in_n, f_n, out_n, ring_n;
        int8_t *in, *f, *ref, *buf, *ring;
        int32_t *bias;
        const void *ins[3];
        void *outs[1];
        mote_kernel_io io;
        conv_case_ip(s, depthwise);
        fill_requant(block, sizeof *s, s->channels);
        in_n = (size_t)(s->in.h * s->in.w * s->in.c);
        f_n = (size_t)(s->filter.n * s->filter.h * s->filter.w * s->filter.c);
        out_n = (size_t)(s->out.h * s->out.w * s->out.c);
        ring_n =
            (size_t)mote_inplace_ring_rows(s->out.h, s->p.geom.pad_h) * (size_t)(s->in.w * s->in.c);
        in = malloc(in_n);
        f = malloc(f_n);
        ref = malloc(out_n);
        buf = malloc(in_n);
        ring = malloc(ring_n);
        fill_s8(in, in_n);
        fill_s8(f, f_n);
        bias = make_bias(s->out.c);
        ins[0] = in;
        ins[1] = f;
        ins[2] = bias;
        outs[0] = ref;
        io.in = ins;
        io.out = outs;
        io.scratch = NULL;
        if ((depthwise ? mote_ref_depthwise_conv2d_s8_step : mote_ref_conv2d_s8_step)(s, &io) !=
            MOTE_OK) {
            printf("  ref refused case %d\n", c);
            bad[0]++;
        }
        if (!(depthwise ? mote_x86_depthwise_conv2d_s8_ip_fits : mote_x86_conv2d_s8_ip_fits)(s)) {
            printf("  %s case %d does not fit\n", name, c);
            bad[0]++;
        }
        for (l = 0; l < 3; l++) {
            if ((levels[l].isa & ~cpu) != 0) continue;
            memcpy(buf, in, in_n);
            ins[0] = buf;
            outs[0] = buf;
            io.scratch = ring;
            if ((depthwise ? dw_fns : conv_fns)[l](s, &io) != MOTE_OK ||
                !same(levels[l].name, c, ref, buf, out_n)) {
                if (bad[l] == 0)
                    printf("  %s %s case %d: in [%d,%d,%d] filter [%d,%d] dil %d,%d pad %d,%d "
                           "out h %d\n",
                           name, levels[l].name, c, s->in.h, s->in.w, s->in.c, s->filter.h,
                           s->filter.w, s->p.geom.dilation_h, s->p.geom.dilation_w, s->p.geom.pad_h,
                           s->p.geom.pad_w, s->out.h);
                bad[l]++;
            }
        }
        free(in);
        free(f);
        free(ref);
        free(buf);
        free(ring);
        free(bias);
    }
    for (l = 0; l < 3; l++)
        if ((levels[l].isa & ~cpu) == 0) report(name, levels[l].name, cases, bad[l]);
}

/* ---- FULLY_CONNECTED ------------------------------------------------------ */

static void test_fc(int cases, uint32_t cpu)
{
    static const mote_kernel_fn fns[3] = {mote_x86_fully_connected_s8_step_sse41,
                                          mote_x86_fully_connected_s8_step_avx2,
                                          mote_x86_fully_connected_s8_step_avx512};
    int bad[3] = {0, 0, 0}, c, l;
    for (c = 0; c < cases; c++) {
        uint8_t block[sizeof(mote_fc_s8_step) + 5 * 300];
        mote_fc_s8_step *s = (mote_fc_s8_step *)(void *)block;
        int8_t *in, *f, *ref, *got;
        int32_t *bias;
        const void *ins[3];
        void *outs[1];
        mote_kernel_io io;
        size_t in_n, f_n, out_n;
        memset(s, 0, sizeof *s);
        s->batches = (uint16_t)(rnd() % 3 ? 1 : rr(1, 5));
        s->depth = (uint16_t)(rnd() % 3 == 0 ? 16 * rr(1, 50) : rr(1, 1000));
        s->out_c = (uint16_t)rr(1, 300);
        s->input_zero_point = (int8_t)(rnd() % 4 == 0 ? -128 : -rr(-127, 128));
        s->output_offset = (int8_t)rr(-128, 127);
        s->act_min = (int8_t)(rnd() % 2 ? -128 : rr(-128, 0));
        s->act_max = (int8_t)(rnd() % 2 ? 127 : rr(s->act_min, 127));
        s->flags = (uint8_t)(rnd() % 2 ? MOTE_FC_PER_CHANNEL : 0u);
        if (s->flags & MOTE_FC_PER_CHANNEL) {
            fill_requant(block, sizeof *s, s->out_c);
        } else { /* the one entry lives in the block */
            fill_requant(block, sizeof *s, 1);
            memcpy(&s->multiplier, block + sizeof *s, 4);
            s->shift = (int8_t)block[sizeof *s + 4];
        }
        in_n = (size_t)(s->batches * s->depth);
        f_n = (size_t)(s->out_c * s->depth);
        out_n = (size_t)(s->batches * s->out_c);
        in = malloc(in_n);
        f = malloc(f_n);
        ref = malloc(out_n);
        got = malloc(out_n);
        fill_s8(in, in_n);
        fill_s8(f, f_n);
        bias = make_bias(s->out_c);
        ins[0] = in;
        ins[1] = f;
        ins[2] = bias;
        outs[0] = ref;
        io.in = ins;
        io.out = outs;
        io.scratch = NULL;
        mote_ref_fully_connected_s8_step(s, &io);
        for (l = 0; l < 3; l++) {
            if ((levels[l].isa & ~cpu) != 0) continue;
            outs[0] = got;
            if (fns[l](s, &io) != MOTE_OK || !same(levels[l].name, c, ref, got, out_n)) {
                if (bad[l] == 0)
                    printf("  FC %s case %d: batches %d depth %d out_c %d per_channel %d\n",
                           levels[l].name, c, s->batches, s->depth, s->out_c, s->flags);
                bad[l]++;
            }
        }
        free(in);
        free(f);
        free(ref);
        free(got);
        free(bias);
    }
    for (l = 0; l < 3; l++)
        if ((levels[l].isa & ~cpu) == 0)
            report("FULLY_CONNECTED_S8", levels[l].name, cases, bad[l]);
}

/* ---- pools and ADD (AVX2 rows) -------------------------------------------- */

static void test_pool(int cases, int avg)
{
    int bad = 0, c;
    for (c = 0; c < cases; c++) {
        mote_pool_s8_step s;
        int8_t *in, *ref, *got;
        const void *ins[1];
        void *outs[1];
        mote_kernel_io io;
        size_t in_n, out_n;
        mote_status st_ref, st_got;
        memset(&s, 0, sizeof s);
        s.in.n = rr(1, 2);
        s.in.h = rr(1, 14);
        s.in.w = rr(1, 14);
        s.in.c = rnd() % 2 ? 16 * rr(1, 6) : rr(1, 80);
        s.p.filter_h = rr(1, s.in.h);
        s.p.filter_w = rr(1, s.in.w);
        s.p.geom.stride_h = rr(1, 3);
        s.p.geom.stride_w = rr(1, 3);
        s.p.geom.dilation_h = s.p.geom.dilation_w = 1;
        if (rnd() % 2) {
            s.out.h = (s.in.h - s.p.filter_h) / s.p.geom.stride_h + 1;
            s.out.w = (s.in.w - s.p.filter_w) / s.p.geom.stride_w + 1;
        } else {
            int32_t ph, pw;
            s.out.h = (s.in.h + s.p.geom.stride_h - 1) / s.p.geom.stride_h;
            s.out.w = (s.in.w + s.p.geom.stride_w - 1) / s.p.geom.stride_w;
            ph = (s.out.h - 1) * s.p.geom.stride_h + s.p.filter_h - s.in.h;
            pw = (s.out.w - 1) * s.p.geom.stride_w + s.p.filter_w - s.in.w;
            s.p.geom.pad_h = ph > 0 ? ph / 2 : 0;
            s.p.geom.pad_w = pw > 0 ? pw / 2 : 0;
        }
        s.out.n = s.in.n;
        s.out.c = s.in.c;
        s.p.act_min = rnd() % 2 ? -128 : rr(-128, 0);
        s.p.act_max = rnd() % 2 ? 127 : rr(s.p.act_min, 127);
        in_n = (size_t)(s.in.n * s.in.h * s.in.w * s.in.c);
        out_n = (size_t)(s.out.n * s.out.h * s.out.w * s.out.c);
        in = malloc(in_n);
        ref = malloc(out_n);
        got = malloc(out_n);
        fill_s8(in, in_n);
        ins[0] = in;
        outs[0] = ref;
        io.in = ins;
        io.out = outs;
        io.scratch = NULL;
        st_ref = (avg ? mote_ref_avg_pool_s8_step : mote_ref_max_pool_s8_step)(&s, &io);
        outs[0] = got;
        st_got = (avg ? mote_x86_avg_pool_s8_step_avx2 : mote_x86_max_pool_s8_step_avx2)(&s, &io);
        if (!mote_x86_pool_s8_step_fits(&s) || st_ref != st_got ||
            (st_ref == MOTE_OK && !same("avx2", c, ref, got, out_n)))
            bad++;
        free(in);
        free(ref);
        free(got);
    }
    report(avg ? "AVERAGE_POOL_2D_S8" : "MAX_POOL_2D_S8", "avx2", cases, bad);
}

static void test_add(int cases, uint32_t cpu)
{
    const int avx512 = (cpu & MOTE_ISA_X86_AVX512) != 0;
    int bad = 0, bad512 = 0, c;
    for (c = 0; c < cases; c++) {
        mote_add_s8_step s;
        int8_t *a, *b, *ref, *got;
        const void *ins[2];
        void *outs[1];
        mote_kernel_io io;
        size_t n;
        memset(&s, 0, sizeof s);
        s.out.n = rr(1, 2);
        s.out.h = rr(1, 9);
        s.out.w = rr(1, 9);
        s.out.c = rr(1, 70);
        s.in1 = s.in2 = s.out;
        s.p.input1_offset = rr(-127, 128);
        s.p.input2_offset = rr(-127, 128);
        s.p.output_offset = rr(-128, 127);
        s.p.left_shift = rnd() % 4 ? 20 : rr(0, 20);
        s.p.input1_multiplier = (int32_t)((1u << 30) + (rnd() & 0x3fffffffu));
        s.p.input2_multiplier = (int32_t)((1u << 30) + (rnd() & 0x3fffffffu));
        s.p.output_multiplier = (int32_t)((1u << 30) + (rnd() & 0x3fffffffu));
        s.p.input1_shift = rr(-8, 0);
        s.p.input2_shift = rr(-8, 0);
        s.p.output_shift = rr(-31, 0);
        s.p.act_min = rnd() % 2 ? -128 : rr(-128, 0);
        s.p.act_max = rnd() % 2 ? 127 : rr(s.p.act_min, 127);
        n = (size_t)(s.out.n * s.out.h * s.out.w * s.out.c);
        a = malloc(n);
        b = malloc(n);
        ref = malloc(n);
        got = malloc(n);
        fill_s8(a, n);
        fill_s8(b, n);
        ins[0] = a;
        ins[1] = b;
        outs[0] = ref;
        io.in = ins;
        io.out = outs;
        io.scratch = NULL;
        mote_ref_add_s8_step(&s, &io);
        outs[0] = got;
        if (!mote_x86_add_s8_step_fits(&s) || mote_x86_add_s8_step_avx2(&s, &io) != MOTE_OK ||
            !same("avx2", c, ref, got, n))
            bad++;
        memset(got, 0x55, n);
        if (avx512 &&
            (mote_x86_add_s8_step_avx512(&s, &io) != MOTE_OK || !same("avx512", c, ref, got, n)))
            bad512++;
        free(a);
        free(b);
        free(ref);
        free(got);
    }
    report("ADD_S8", "avx2", cases, bad);
    if (avx512) report("ADD_S8", "avx512", cases, bad512);
}

int main(int argc, char **argv)
{
    const int cases = argc > 1 ? atoi(argv[1]) : 3000;
    const uint32_t cpu = mote_build_isa();
    if (argc > 2) rng_state = strtoull(argv[2], NULL, 0) | 1u;
    printf("x86 kernels: CPU has%s%s%s\n", cpu & MOTE_ISA_X86_SSE41 ? " sse41" : "",
           cpu & MOTE_ISA_X86_AVX2 ? " avx2" : "", cpu & MOTE_ISA_X86_AVX512 ? " avx512-vnni" : "");
    test_conv(cases, 0, 1, cpu);
    test_conv(cases, 0, 0, cpu);
    test_conv(cases, 1, 0, cpu);
    test_conv_ip(cases, 0, cpu);
    test_conv_ip(cases, 1, cpu);
    test_fc(cases, cpu);
    if (cpu & MOTE_ISA_X86_AVX2) {
        test_pool(cases, 1);
        test_pool(cases, 0);
        test_add(cases, cpu);
    }
    printf("x86-kernels: %d passed, %d failed\n", checks - failures, failures);
    return failures != 0;
}

#else
int main(void)
{
    puts("x86-kernels: not an x86-64 build, nothing to test");
    return 0;
}
#endif
