/*
 * cases_vwwb.c — random cases of the 3x3 Arm DSP depthwise rows' functions
 * (depthwise_conv2d_s8_3x3_dsp.c: mote_arm_dw_3x3, mote_arm_dw_3x3_s2,
 * mote_arm_dw_3x3_px, as the arm_dsp_3x3, _s2, _px and _ip steps call
 * them) against mote_ref_depthwise_conv2d_s8, byte for byte, aimed at the
 * int16 lines' set-up (h-vwwb): the filter table once per group of four
 * channels for all chunks of a line, the ring's zero columns written per
 * call (one chunk) or per chunk (several) instead of cleared, every line at
 * once when the ring holds them. Shapes: small planes (1..8, VWW's 6x6 and
 * 3x3 among them) with up to 128 channels, and few long lines (band calls:
 * 1..4 lines of up to 64 elements, several chunks) with fewer channels;
 * strides 1 and 2 each way, SAME and VALID, in place (stride 1, the
 * arm_dsp_3x3_ip row's case); per-channel shifts in and just outside the
 * lines' [-22, -1], biases up to and past 2^29, multipliers at both ends
 * and 0, inputs and filters at the int8 extremes (cases_dw_common.c's
 * draws); the px row's 2 x 2 blocks on the even planes up to 6x6 at
 * stride 1 (h-vwwdw). Before each call the stack below the caller is painted, so a
 * column the ring never zeroes reads garbage, not a zero left by an
 * earlier case. Guard bytes after the output catch writes past it.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"
#include "armk_rand.h"
#include "cases_bufs.h"
#include "cases_dw_common.h"

int armk_cases_vwwb(int n_cases, int *passed, int *failed);

#if defined(__ARM_FEATURE_DSP)

#define VB_MAXC 128
#define VB_GUARD 16

/* cases_dw.c's buffers for the tensors (the files run one after another);
 * the per-channel arrays here, for up to VB_MAXC channels */
static int8_t vb_filt[9 * VB_MAXC];
static int32_t vb_bias[VB_MAXC], vb_mult[VB_MAXC];
static int8_t vb_shift[VB_MAXC];

static armk_rng rng = {0x6A09E667u};

/* 4 KB of the stack below the caller to a byte pattern (the kernels' ring
 * and tables live there) */
static __attribute__((noinline)) void vb_paint(uint32_t seed)
{
    volatile uint8_t b[4096];
    uint32_t i;
    for (i = 0; i < sizeof b; ++i)
        b[i] = (uint8_t)(seed + i * 37u);
}

int armk_cases_vwwb(int n_cases, int *passed, int *failed)
{
    const armk_dw_io io = {
        armk_cases.dw.in, armk_cases.dw.ref, armk_cases.dw.arm,        vb_filt, vb_bias,
        vb_mult,          vb_shift,          sizeof armk_cases.dw.ref, VB_GUARD};
    const int32_t cap = (int32_t)sizeof armk_cases.dw.in;
    int ok_n = 0, bad = 0, i, n_small = 0, n_long = 0, n_ip = 0, n_s2 = 0, n_px = 0, n_blk = 0;
    for (i = 0; i < n_cases; ++i) {
        armk_dw_case k;
        /* every fourth case the px row's 2 x 2 blocks: an even plane up to
         * 6x6 (SAME, or VALID from 4x4 .. 8x8), stride 1, out of place */
        const int blk = i % 4 == 3;
        const int kind = blk ? 0 : armk_int(&rng, 0, 2); /* 0, 1: small plane; 2: long lines */
        const int same = armk_rnd(&rng) % 4 != 0, extreme = armk_rnd(&rng) % 6 == 0;
        const int inplace = !blk && same && kind != 2 && armk_rnd(&rng) % 3 == 0;
        int32_t in_n, out_n;
        mote_status sr;
        int ok, s2, px;
        armk_dw_shape(&k, &rng, 8, same, inplace, extreme);
        if (kind == 2) { /* a band call: 1..4 lines of up to 64 elements, either way */
            const int32_t nl = armk_int(&rng, 1, 4), ne = armk_int(&rng, 8, 64);
            const int rows = armk_rnd(&rng) & 1;
            k.id.h = rows ? nl : ne;
            k.id.w = rows ? ne : nl;
            k.id.c = 4 * armk_int(&rng, 1, 4);
        } else {
            k.id.c = 4 * armk_int(&rng, 1, VB_MAXC / 4);
            if (armk_rnd(&rng) % 3 == 0) k.id.h = k.id.w = armk_rnd(&rng) & 1 ? 6 : 3;
            if (blk) {
                k.id.h = 2 * armk_int(&rng, 1, 3) + (same ? 0 : 2);
                k.id.w = 2 * armk_int(&rng, 1, 3) + (same ? 0 : 2);
            }
        }
        k.fd.c = k.id.c;
        k.p.geom.stride_h = inplace || blk || armk_rnd(&rng) % 2 ? 1 : 2;
        k.p.geom.stride_w = inplace || blk || armk_rnd(&rng) % 2 ? 1 : 2;
        if (!armk_dw_geom(&k) || k.id.h * k.id.w * k.id.c > cap) {
            --i;
            continue;
        }
        if (mote_arm_dw_s8_path(&k.p, &k.id, &k.fd, &k.od, inplace) != MOTE_ARM_DW_3X3) {
            --i;
            continue;
        }
        armk_dw_data(&k, &rng, &io);
        if (blk && i % 8 == 3) { /* half of them with every channel on the int16 lines */
            int32_t c;
            for (c = 0; c < k.id.c; ++c) {
                if (vb_shift[c] > -1 || vb_shift[c] < -22) vb_shift[c] = (int8_t)(-1 - c % 22);
                vb_bias[c] /= 4; /* |bias| <= 2^29 */
            }
        }
        in_n = k.id.h * k.id.w * k.id.c;
        out_n = k.od.h * k.od.w * k.od.c;
        sr = mote_ref_depthwise_conv2d_s8(&k.p, &k.q, &k.id, io.in, &k.fd, io.filt, k.bias, &k.od,
                                          io.ref);
        /* the row the plan would pick (arm_rows.c), out of place; in place
         * the arm_dsp_3x3_ip row's function */
        s2 = !inplace && mote_arm_dw_3x3_s2_case(&k.p, &k.id, &k.od) &&
             !mote_arm_dw_3x3_px_case(&k.od);
        px = !inplace && mote_arm_dw_3x3_px_case(&k.od);
        vb_paint(armk_rnd(&rng));
        if (inplace) {
            memcpy(io.arm, io.in, (size_t)in_n);
            mote_arm_dw_3x3(&k.p, &k.q, &k.id, io.arm, io.filt, k.bias, &k.od, io.arm);
        } else if (s2) {
            mote_arm_dw_3x3_s2(&k.p, &k.q, &k.id, io.in, io.filt, k.bias, &k.od, io.arm);
        } else if (px) {
            mote_arm_dw_3x3_px(&k.p, &k.q, &k.id, io.in, io.filt, k.bias, &k.od, io.arm);
        } else {
            mote_arm_dw_3x3(&k.p, &k.q, &k.id, io.in, io.filt, k.bias, &k.od, io.arm);
        }
        ok = sr == MOTE_OK && memcmp(io.ref, io.arm, (size_t)out_n) == 0 &&
             memcmp(io.ref + out_n, io.arm + out_n, VB_GUARD) == 0;
        n_small += kind != 2;
        n_long += kind == 2;
        n_ip += inplace;
        n_s2 += s2;
        n_px += px;
        /* the px row's 2 x 2 blocks (h-vwwdw): even sides up to 6x6, stride 1 */
        n_blk +=
            px && (k.od.h > 3 || k.od.w > 3) && k.p.geom.stride_h == 1 && k.p.geom.stride_w == 1;
        if (ok) {
            ++ok_n;
        } else {
            if (bad < 5)
                printf("vwwb dw3x3 cases FAIL case %d in %ldx%ldx%ld s%ldx%ld %s%s%s\n", i,
                       (long)k.id.h, (long)k.id.w, (long)k.id.c, (long)k.p.geom.stride_h,
                       (long)k.p.geom.stride_w, k.same ? "SAME" : "VALID",
                       inplace ? " in place" : "",
                       s2   ? " s2"
                       : px ? " px"
                            : "");
            ++bad;
        }
    }
    printf("depthwise 3x3 row cases (vwwb): %d passed, %d failed (%d small planes, %d long lines, "
           "%d in place, %d s2, %d px, %d px 2x2 blocks)\n",
           ok_n, bad, n_small, n_long, n_ip, n_s2, n_px, n_blk);
    *passed += ok_n;
    *failed += bad + (n_long == 0 || n_s2 == 0 || n_px == 0 || n_ip == 0 || n_blk == 0);
    return ok_n;
}

#else
int armk_cases_vwwb(int n_cases, int *passed, int *failed)
{
    (void)n_cases;
    (void)passed;
    (void)failed;
    return 0;
}
#endif
