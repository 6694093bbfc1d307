/*
 * cases_m55tiny.c — random cases for the arm_mve_tiny row (Helium 3x3
 * depthwise at stride 1, padding 1, on 6x6 and 3x3 planes, pixels in lanes:
 * mve_dw_tiny_s8.c), against mote_ref_depthwise_conv2d_s8: channels 4..32
 * (a multiple of 4: blocks of eight and a last one of four), every
 * activation form with act_min >= zp (a quarter at zero point -128 with
 * the range all of int8: the kernels' saturating-narrow output stage; the
 * row's case: its output stage has
 * no sign correction; a draw with act_min < zp is checked refused by the
 * case, then run with act_min raised), inputs and filters at the int8
 * extremes, multipliers at both ends, biases anywhere, shifts from -31 to
 * 0 (a third of the cases with a shift > 0 somewhere: the kernel must
 * refuse, writing nothing, and the step take arm_mve's path). Guard bytes
 * after the output catch writes past it. M55 only.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "armk_rand.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"
#include "kernels/arm/arm_rows.h"
#include "cases_bufs.h"
#include "cases_dw_common.h"

int armk_cases_m55tiny(int n_cases, int *passed, int *failed);
int armk_cases_m55tile(int n_cases, int *passed, int *failed);
int armk_cases_m55tilerow(int n_cases, int *passed, int *failed);

#if defined(__ARM_FEATURE_MVE) && defined(__ARM_FEATURE_DSP)

/* the buffers of cases_dw.c (cases_bufs.h), 6 * 6 * 32 bytes used */
#define MTC_MAX (6 * 6 * 32)
#define MTC_GUARD DWC_GUARD
#define mtc_in (armk_cases.dw.in)
#define mtc_ref (armk_cases.dw.ref)
#define mtc_arm (armk_cases.dw.arm)
#define mtc_filt (armk_cases.dw.filt)
#define mtc_bias (armk_cases.dw.bias)
#define mtc_mult (armk_cases.dw.mult)
#define mtc_shift (armk_cases.dw.shift)

static armk_rng rng = {0x3C6EF372u};

int armk_cases_m55tiny(int n_cases, int *passed, int *failed)
{
    const armk_dw_io io = {mtc_in,   mtc_ref,   mtc_arm,        mtc_filt, mtc_bias,
                           mtc_mult, mtc_shift, sizeof mtc_ref, MTC_GUARD};
    int ok = 0, bad = 0, refused = 0, lshift = 0, i;
    for (i = 0; i < n_cases; ++i) {
        armk_dw_case k;
        const int extreme = armk_rnd(&rng) % 6 == 0;
        const int pos = armk_rnd(&rng) % 3 == 0;
        int32_t out_n, c;
        mote_status sr;
        int ran;
        /* a third at stride 2, 6x6 -> 3x3 (SAME: no top / left padding) */
        const int s2 = armk_rnd(&rng) % 3 == 0;
        armk_dw_shape(&k, &rng, 6, 1, 0, extreme);
        k.id.h = k.id.w = s2 || armk_rnd(&rng) % 2 ? 6 : 3;
        k.p.geom.stride_h = k.p.geom.stride_w = s2 ? 2 : 1;
        (void)armk_dw_geom(&k);
        armk_dw_data(&k, &rng, &io);
        if (armk_rnd(&rng) % 4 == 0) /* one channel's bias anywhere */
            mtc_bias[armk_rnd(&rng) % (uint32_t)k.id.c] = (int32_t)armk_rnd(&rng);
        for (c = 0; c < k.id.c; ++c) {
            if (mtc_shift[c] > 0) mtc_shift[c] = (int8_t)-mtc_shift[c];
            if (armk_rnd(&rng) % 8 == 0) mtc_shift[c] = 0;
            if (armk_rnd(&rng) % 8 == 0)
                mtc_mult[c] = armk_rnd(&rng) & 1 ? INT32_MAX : (int32_t)(1u << 30);
        }
        if (armk_rnd(&rng) % 4 == 0) { /* ReLU at zero point -128: the range all of int8 */
            k.p.output_offset = -128;
            k.p.act_min = -128;
            k.p.act_max = 127;
        }
        if (pos) mtc_shift[armk_rnd(&rng) % (uint32_t)k.id.c] = (int8_t)(1 + armk_rnd(&rng) % 4);
        if (k.p.act_min < k.p.output_offset) {
            if (!s2 && mote_arm_dw_tiny_case(&k.p, &k.id, &k.od)) {
                ++bad;
                if (bad <= 5) printf("m55tiny cases: case %d (act_min < zp) on the row\n", i);
                continue;
            }
            ++refused;
            k.p.act_min =
                armk_rnd(&rng) % 2 ? k.p.output_offset : armk_int(&rng, k.p.output_offset, 127);
            if (k.p.act_max < k.p.act_min) k.p.act_max = k.p.act_min;
        }
        out_n = k.od.h * k.od.w * k.od.c;
        if ((s2 ? k.od.h != 3 || k.od.w != 3 || k.p.geom.pad_h != 0 || k.p.geom.pad_w != 0
                : !mote_arm_dw_tiny_case(&k.p, &k.id, &k.od) || k.od.h != k.od.w) ||
            mote_arm_dw_s8_path(&k.p, &k.id, &k.fd, &k.od, 0) != MOTE_ARM_DW_3X3) {
            ++bad;
            if (bad <= 5) printf("m55tiny cases: case %d not on the row\n", i);
            continue;
        }
        sr = mote_ref_depthwise_conv2d_s8(&k.p, &k.q, &k.id, io.in, &k.fd, io.filt, k.bias, &k.od,
                                          io.ref);
        ran = mote_mve_dw_tiny(&k.p, &k.q, &k.id, io.in, io.filt, k.bias, &k.od, io.arm);
        if (pos) {
            /* refused, nothing written (the step then runs arm_mve's path):
             * arm still all 0x5A (armk_dw_data) */
            int32_t j = 0;
            while (j < out_n + MTC_GUARD && io.arm[j] == 0x5A)
                ++j;
            if (ran == 0 && j == out_n + MTC_GUARD) {
                ++ok;
                ++lshift;
            } else {
                ++bad;
                if (bad <= 5) printf("m55tiny cases: case %d with a shift > 0 not refused\n", i);
            }
            continue;
        }
        if (sr == MOTE_OK && ran == 1 && memcmp(io.ref, io.arm, (size_t)out_n + MTC_GUARD) == 0) {
            ++ok;
        } else {
            ++bad;
            if (bad <= 5)
                printf("m55tiny cases FAIL case %d in %ldx%ldx%ld off %ld act [%ld, %ld] ran %d\n",
                       i, (long)k.id.h, (long)k.id.w, (long)k.id.c, (long)k.p.input_offset,
                       (long)k.p.act_min, (long)k.p.act_max, ran);
        }
    }
    printf("depthwise 3x3 Helium tiny-plane cases (arm_mve_tiny): %d passed, %d failed (%d with a "
           "shift > 0 refused; %d drawn with act_min < zp refused, then run with act_min >= zp)\n",
           ok, bad, lshift, refused);
    *passed += ok;
    *failed += bad;
    return ok;
}

/* The arm_mve_tile row (planes of 6x6 tiles: 12x12, 12x6, 6x12, channels
 * 8..32 in blocks of eight): the same draws, the kernel on the whole plane;
 * tiles at every edge. */
int armk_cases_m55tile(int n_cases, int *passed, int *failed)
{
    const armk_dw_io io = {mtc_in,   mtc_ref,   mtc_arm,        mtc_filt, mtc_bias,
                           mtc_mult, mtc_shift, sizeof mtc_ref, MTC_GUARD};
    int ok = 0, bad = 0, lshift = 0, i;
    for (i = 0; i < n_cases; ++i) {
        armk_dw_case k;
        const int extreme = armk_rnd(&rng) % 6 == 0;
        const int pos = armk_rnd(&rng) % 5 == 0;
        int32_t out_n, c, j;
        mote_status sr;
        int ran;
        armk_dw_shape(&k, &rng, 6, 1, 0, extreme);
        k.id.h = 12;
        k.id.w = armk_rnd(&rng) % 3 ? 12 : 6;
        if (armk_rnd(&rng) % 3 == 0) { /* 6 x 12 */
            k.id.h = k.id.w;
            k.id.w = 12;
        }
        k.id.c = k.fd.c = 8 * (int32_t)(1 + armk_rnd(&rng) % 4);
        k.p.geom.stride_h = k.p.geom.stride_w = 1;
        (void)armk_dw_geom(&k);
        armk_dw_data(&k, &rng, &io);
        for (c = 0; c < k.id.c; ++c) {
            if (mtc_shift[c] > 0) mtc_shift[c] = (int8_t)-mtc_shift[c];
            if (armk_rnd(&rng) % 8 == 0) mtc_shift[c] = 0;
        }
        if (armk_rnd(&rng) % 3 == 0) {
            k.p.output_offset = -128;
            k.p.act_min = -128;
            k.p.act_max = 127;
        }
        if (pos) mtc_shift[armk_rnd(&rng) % (uint32_t)k.id.c] = (int8_t)(1 + armk_rnd(&rng) % 4);
        if (k.p.act_min < k.p.output_offset) {
            k.p.act_min =
                armk_rnd(&rng) % 2 ? k.p.output_offset : armk_int(&rng, k.p.output_offset, 127);
            if (k.p.act_max < k.p.act_min) k.p.act_max = k.p.act_min;
        }
        out_n = k.od.h * k.od.w * k.od.c;
        sr = mote_ref_depthwise_conv2d_s8(&k.p, &k.q, &k.id, io.in, &k.fd, io.filt, k.bias, &k.od,
                                          io.ref);
        ran = mote_mve_dw_tile(&k.p, &k.q, &k.id, io.in, io.filt, k.bias, &k.od, io.arm);
        if (pos) {
            /* refused (a shift > 0), nothing written */
            j = 0;
            while (j < out_n + MTC_GUARD && io.arm[j] == 0x5A)
                ++j;
            if (ran == 0 && j == out_n + MTC_GUARD) {
                ++ok;
                ++lshift;
            } else {
                ++bad;
                if (bad <= 5) printf("m55tile cases: case %d not refused\n", i);
            }
            continue;
        }
        if (sr == MOTE_OK && ran == 1 && memcmp(io.ref, io.arm, (size_t)out_n + MTC_GUARD) == 0) {
            ++ok;
        } else {
            ++bad;
            if (bad <= 5)
                printf("m55tile cases FAIL case %d in %ldx%ldx%ld off %ld act [%ld, %ld] ran %d\n",
                       i, (long)k.id.h, (long)k.id.w, (long)k.id.c, (long)k.p.input_offset,
                       (long)k.p.act_min, (long)k.p.act_max, ran);
        }
    }
    printf("depthwise 3x3 Helium tile cases (arm_mve_tile): %d passed, %d failed (%d refused: a "
           "shift > 0)\n",
           ok, bad, lshift);
    *passed += ok;
    *failed += bad;
    return ok;
}

/* The arm_mve_tile row in place: rows of 24 pixels, 1..24 rows, channels
 * 8..32 in blocks of eight, each output row by mote_mve_dw_tile_row as
 * mote_arm_conv_rows calls it (the whole input, pad_h = 1 - y, one output
 * row) into its place of the output, then the whole output against the
 * reference; a shift > 0 or a range with act_min < zp takes
 * mote_mve_depthwise_conv2d_s8 (checked the same). */
int armk_cases_m55tilerow(int n_cases, int *passed, int *failed)
{
    const armk_dw_io io = {mtc_in,   mtc_ref,   mtc_arm,        mtc_filt, mtc_bias,
                           mtc_mult, mtc_shift, sizeof mtc_ref, MTC_GUARD};
    int ok = 0, bad = 0, i;
    for (i = 0; i < n_cases; ++i) {
        armk_dw_case k;
        const int extreme = armk_rnd(&rng) % 6 == 0;
        int32_t out_n, c, y;
        mote_status sr, sa = MOTE_OK;
        mote_conv_s8_params p;
        mote_dims od1;
        armk_dw_shape(&k, &rng, 6, 1, 0, extreme);
        k.id.h = 1 + (int32_t)(armk_rnd(&rng) % 24);
        k.id.w = 24;
        k.id.c = k.fd.c = 8 * (int32_t)(1 + armk_rnd(&rng) % 4);
        k.p.geom.stride_h = k.p.geom.stride_w = 1;
        (void)armk_dw_geom(&k);
        armk_dw_data(&k, &rng, &io);
        for (c = 0; c < k.id.c; ++c)
            if (mtc_shift[c] > 0 && armk_rnd(&rng) % 8) mtc_shift[c] = (int8_t)-mtc_shift[c];
        if (armk_rnd(&rng) % 3 == 0) {
            k.p.output_offset = -128;
            k.p.act_min = -128;
            k.p.act_max = 127;
        }
        out_n = k.od.h * k.od.w * k.od.c;
        sr = mote_ref_depthwise_conv2d_s8(&k.p, &k.q, &k.id, io.in, &k.fd, io.filt, k.bias, &k.od,
                                          io.ref);
        p = k.p;
        od1 = k.od;
        od1.h = 1;
        for (y = 0; y < k.od.h && sa == MOTE_OK; ++y) {
            p.geom.pad_h = k.p.geom.pad_h - y;
            sa = mote_mve_dw_tile_row(&p, &k.q, &k.id, io.in, &k.fd, io.filt, k.bias, &od1,
                                      io.arm + y * k.od.w * k.od.c);
        }
        if (sr == MOTE_OK && sa == MOTE_OK &&
            memcmp(io.ref, io.arm, (size_t)out_n + MTC_GUARD) == 0) {
            ++ok;
        } else {
            ++bad;
            if (bad <= 5)
                printf("m55tilerow cases FAIL case %d in %ldx%ldx%ld off %ld act [%ld, %ld]\n", i,
                       (long)k.id.h, (long)k.id.w, (long)k.id.c, (long)k.p.input_offset,
                       (long)k.p.act_min, (long)k.p.act_max);
        }
    }
    printf("depthwise 3x3 Helium tile row cases, in place (arm_mve_tile): %d passed, %d failed\n",
           ok, bad);
    *passed += ok;
    *failed += bad;
    return ok;
}

#else
int armk_cases_m55tiny(int n_cases, int *passed, int *failed)
{
    (void)n_cases;
    (void)passed;
    (void)failed;
    return 0;
}
int armk_cases_m55tile(int n_cases, int *passed, int *failed)
{
    (void)n_cases;
    (void)passed;
    (void)failed;
    return 0;
}
int armk_cases_m55tilerow(int n_cases, int *passed, int *failed)
{
    (void)n_cases;
    (void)passed;
    (void)failed;
    return 0;
}
#endif
