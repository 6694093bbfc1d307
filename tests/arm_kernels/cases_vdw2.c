/*
 * cases_vdw2.c — random cases of the pointwise four-pixel blocks' five-pixel
 * last block (conv2d_s8_pw4_dsp.c, pw5_chan: a chunk whose pixels are 1
 * mod 4, and the chunk of one pixel more than the buffer's whole blocks),
 * against mote_ref_conv2d_s8, byte for byte: pixel counts 4m + 1 (5 to
 * 37) and a few others, K from 136 to 256, out of place and in place
 * (K == OC), per-channel shifts from +2 to -31 (folded zero point, zero
 * point after the shift, the accumulators and the general output stage
 * above -2), NULL biases, activation ranges, inputs and filters at the
 * int8 extremes. Guard bytes after the output catch writes past it. The
 * buffers are cases_pw.c's (the files run one after another).
 *
 * And the arm_dsp_3x3_px row's function (mote_arm_dw_3x3_px: outputs of at
 * most 3x3, the int16 lines for a 3x3 output at stride 1, else the pixel
 * loop) against mote_ref_depthwise_conv2d_s8: inputs up to 7x7, strides 1
 * and 2, SAME and VALID padding, C up to 256, shifts in and past the int16
 * lines' range, big biases, out of place.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"
#include "armk_rand.h"
#include "cases_bufs.h"
#include "cases_conv_common.h"

int armk_cases_vdw2(int n_cases, int *passed, int *failed);

#if defined(__ARM_FEATURE_DSP)

#define v2_in (armk_cases.pw.in)
#define v2_filt (armk_cases.pw.filt)
#define v2_ref (armk_cases.pw.ref)
#define v2_out (armk_cases.pw.out)
#define v2_bias (armk_cases.pw.bias)

/* mote_arm_dw_3x3_px on outputs of at most 3x3 pixels; returns the cases
 * with a 3x3 output at stride 1 in *lines. */
static void vdw2_px(armk_rng *rng, int n_cases, int *passed, int *failed, int *lines)
{
    static int32_t mult[PW_MAXK];
    static int8_t shift[PW_MAXK];
    int i, f0 = *failed;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        const int same = armk_int(rng, 0, 3) != 0, extreme = armk_int(rng, 0, 5) == 0;
        const int tiny = armk_int(rng, 0, 1) == 0; /* the 3x3 output at stride 1 */
        const int32_t *bias = armk_int(rng, 0, 7) == 0 ? NULL : v2_bias;
        int32_t c, n_in, n_out;
        mote_status sr;
        int ok;
        memset(&p, 0, sizeof p);
        id.n = od.n = fd.n = 1;
        id.h = armk_int(rng, 1, 7);
        id.w = armk_int(rng, 1, 7);
        id.c = od.c = fd.c = 4 * armk_int(rng, 1, 64);
        fd.h = fd.w = 3;
        p.depth_multiplier = 1;
        p.geom.stride_h = armk_int(rng, 1, 2);
        p.geom.stride_w = armk_int(rng, 1, 2);
        p.geom.dilation_h = p.geom.dilation_w = 1;
        if (tiny) {
            p.geom.stride_h = p.geom.stride_w = 1;
            id.h = id.w = same ? 3 : 5;
        }
        if (same) {
            od.h = (id.h + p.geom.stride_h - 1) / p.geom.stride_h;
            od.w = (id.w + p.geom.stride_w - 1) / p.geom.stride_w;
            p.geom.pad_h = ((od.h - 1) * p.geom.stride_h + 3 - id.h) / 2;
            p.geom.pad_w = ((od.w - 1) * p.geom.stride_w + 3 - id.w) / 2;
            if (p.geom.pad_h < 0) p.geom.pad_h = 0;
            if (p.geom.pad_w < 0) p.geom.pad_w = 0;
        } else {
            if (id.h < 3 || id.w < 3) {
                --i;
                continue;
            }
            od.h = (id.h - 3) / p.geom.stride_h + 1;
            od.w = (id.w - 3) / p.geom.stride_w + 1;
        }
        if (od.h > 3 || od.w > 3 || id.h * id.w * id.c > (int32_t)sizeof v2_in ||
            mote_arm_dw_s8_path(&p, &id, &fd, &od, 0) != MOTE_ARM_DW_3X3) {
            --i;
            continue;
        }
        p.input_offset = -armk_int(rng, -128, 127);
        p.output_offset = armk_int(rng, -128, 127);
        if (armk_int(rng, 0, 1)) {
            p.act_min = -128;
            p.act_max = 127;
        } else {
            p.act_min = armk_int(rng, -128, 0);
            p.act_max = armk_int(rng, 0, 127);
        }
        for (c = 0; c < id.c; ++c) {
            mult[c] = armk_int(rng, 0, 15) == 0 ? (int32_t)(1u << 30)
                                                : (int32_t)((1u << 30) | (armk_rnd(rng) >> 2));
            shift[c] = (int8_t)(armk_int(rng, 0, 15) == 0 ? armk_int(rng, -31, 1)
                                                          : armk_int(rng, -22, -1));
            v2_bias[c] = armk_int(rng, 0, 7) == 0 ? (int32_t)armk_rnd(rng) >> 1
                                                  : armk_int(rng, -100000, 100000);
        }
        q.multiplier = mult;
        q.shift = shift;
        n_in = id.h * id.w * id.c;
        n_out = od.h * od.w * od.c;
        armk_fill_s8(rng, v2_in, n_in, extreme);
        armk_fill_s8(rng, v2_filt, 9 * id.c, extreme);
        memset(v2_ref, 0x11, sizeof v2_ref);
        sr = mote_ref_depthwise_conv2d_s8(&p, &q, &id, v2_in, &fd, v2_filt, bias, &od, v2_ref);
        memset(v2_ref + n_out, 0xA5, PW_GUARD);
        memset(v2_out, 0x77, sizeof v2_out);
        memset(v2_out + n_out, 0xA5, PW_GUARD);
        mote_arm_dw_3x3_px(&p, &q, &id, v2_in, v2_filt, bias, &od, v2_out);
        ok = sr == MOTE_OK && memcmp(v2_ref, v2_out, (size_t)(n_out + PW_GUARD)) == 0;
        *lines += od.h == 3 && od.w == 3 && p.geom.stride_h == 1 && p.geom.stride_w == 1;
        if (ok) {
            ++*passed;
        } else {
            ++*failed;
            if (*failed - f0 <= 5)
                printf("FAIL depthwise 3x3 px: case %d in %ldx%ld C %ld stride %ld,%ld\n", i,
                       (long)id.h, (long)id.w, (long)id.c, (long)p.geom.stride_h,
                       (long)p.geom.stride_w);
        }
    }
}

int armk_cases_vdw2(int n_cases, int *passed, int *failed)
{
    static int32_t mult[PW_MAXK];
    static int8_t shift[PW_MAXK];
    armk_rng rng = {0x2545f491u};
    int p0 = *passed, f0 = *failed;
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        const int32_t *bias = armk_int(&rng, 0, 5) == 0 ? NULL : v2_bias;
        const int inplace = armk_int(&rng, 0, 2) == 0;
        const int extreme = armk_int(&rng, 0, 4) == 0;
        const int32_t K = armk_int(&rng, 0, 2) == 0 ? 256 : 8 * armk_int(&rng, 17, 32);
        const int32_t OC = inplace ? K : 4 * armk_int(&rng, 1, 64);
        const int32_t smode = armk_int(&rng, 0, 3);
        int32_t npix, n_in, n_out;
        mote_status sr;
        int ok;
        memset(&p, 0, sizeof p);
        npix =
            armk_int(&rng, 0, 7) == 0 ? armk_int(&rng, 1, PW_MAXPIX) : 4 * armk_int(&rng, 1, 9) + 1;
        armk_conv_pw_case(&rng, &p, &id, &fd, &od, npix % 3 == 0 ? 3 : 1,
                          npix % 3 == 0 ? npix / 3 : npix, K, OC);
        armk_conv_pw_quant(&rng, OC, smode, mult, shift, v2_bias);
        q.multiplier = mult;
        q.shift = shift;
        n_in = npix * K;
        n_out = npix * OC;
        armk_fill_s8(&rng, v2_in, n_in, extreme);
        armk_fill_s8(&rng, v2_filt, OC * K, extreme);
        memset(v2_ref, 0x11, sizeof v2_ref);
        sr = mote_ref_conv2d_s8(&p, &q, &id, v2_in, &fd, v2_filt, bias, &od, v2_ref);
        memset(v2_ref + n_out, 0xA5, PW_GUARD);
        memset(v2_out, 0x77, sizeof v2_out);
        if (inplace) memcpy(v2_out, v2_in, (size_t)n_in);
        memset(v2_out + n_out, 0xA5, PW_GUARD);
        mote_arm_conv_pw4(&p, &q, K, OC, npix, inplace ? v2_out : v2_in, v2_out, v2_filt, bias);
        ok = sr == MOTE_OK && armk_conv_same(v2_ref, v2_out, n_out, PW_GUARD);
        if (ok) {
            ++*passed;
        } else {
            ++*failed;
            if (*failed - f0 <= 5)
                printf("FAIL conv2d_s8 pw4 five-pixel block: case %d K %ld OC %ld pixels %ld%s\n",
                       i, (long)K, (long)OC, (long)npix, inplace ? " in place" : "");
        }
    }
    printf("conv2d_s8 pw4 five-pixel blocks (vdw2): %d passed, %d failed\n", *passed - p0,
           *failed - f0);
    p0 = *passed;
    f0 = *failed;
    i = 0;
    vdw2_px(&rng, n_cases, passed, failed, &i);
    printf("depthwise 3x3 px row (vdw2): %d passed, %d failed (%d 3x3 at stride 1)\n", *passed - p0,
           *failed - f0, i);
    return *failed - f0;
}

#else
int armk_cases_vdw2(int n_cases, int *passed, int *failed)
{
    (void)n_cases;
    (void)passed;
    (void)failed;
    return 0;
}
#endif
