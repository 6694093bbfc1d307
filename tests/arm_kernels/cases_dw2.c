/*
 * cases_dw2.c — random cases aimed at the stride-2 row of the 3x3 Arm DSP
 * depthwise kernel (arm_dsp_3x3_s2: dw3s_line2 in
 * depthwise_conv2d_s8_3x3_dsp.c, two outputs per step at elements x and
 * x + 2): stride 2 along the lines (rows, or columns when the output has
 * more rows than columns), the other stride 1 or 2, rows and columns
 * 1..45 (odd and even output counts, past the path's 14 outputs per
 * chunk), channels a multiple of 4 up to 32 (at most DW2C_MAX bytes), SAME and VALID, shifts in and
 * just outside [-22, -1], biases up to and past 2^29, multipliers at both
 * ends and 0, inputs and filters at the int8 extremes. The expected output
 * is mote_ref_depthwise_conv2d_s8's; guard bytes after the output catch
 * writes past it.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "armk_rand.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"

int mote_test_dw2_cases(int n_cases, int *failed, int *taken);

#define DW2C_MAX (45 * 45 * 4) /* larger shapes: fewer channels */
#define DW2C_GUARD 16

static int8_t dw2c_in[DW2C_MAX];
static int8_t dw2c_ref[DW2C_MAX + DW2C_GUARD];
static int8_t dw2c_arm[DW2C_MAX + DW2C_GUARD];
static int8_t dw2c_filt[9 * 32];
static int32_t dw2c_bias[32], dw2c_mult[32];
static int8_t dw2c_shift[32];

static armk_rng rng = {0x2545F491u};

int mote_test_dw2_cases(int n_cases, int *failed, int *taken)
{
    int passed = 0, i;
    *failed = 0;
    *taken = 0;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        const int same = armk_rnd(&rng) % 4 != 0, inplace = 0;
        const int extreme = armk_rnd(&rng) % 6 == 0;
        const int32_t *bias;
        int32_t c, in_n, out_n;
        mote_status sr, sa;
        memset(&p, 0, sizeof p);
        id.n = 1;
        id.h = armk_int(&rng, 1, 45);
        id.w = armk_int(&rng, 1, 45);
        id.c = 4 * armk_int(&rng, 1, 8);
        fd.n = 1;
        fd.h = fd.w = 3;
        fd.c = id.c;
        p.depth_multiplier = 1;
        /* stride 2 both ways, or one way (either line direction) */
        p.geom.stride_h = armk_rnd(&rng) % 3 == 0 ? 1 : 2;
        p.geom.stride_w = p.geom.stride_h == 1 || armk_rnd(&rng) % 2 ? 2 : 1;
        p.geom.dilation_h = p.geom.dilation_w = 1;
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
        od.n = 1;
        od.c = id.c;
        if (id.h * id.w * id.c > DW2C_MAX) {
            --i;
            continue;
        }
        p.input_offset = extreme ? (armk_rnd(&rng) & 1 ? 128 : -127) : -armk_int(&rng, -128, 127);
        p.output_offset = armk_int(&rng, -128, 127);
        switch (armk_rnd(&rng) % 3) {
        case 0:
            p.act_min = -128, p.act_max = 127;
            break;
        case 1:
            p.act_min = p.output_offset, p.act_max = 127;
            break;
        default:
            p.act_min = armk_int(&rng, -128, 0), p.act_max = armk_int(&rng, 0, 127);
            break;
        }
        for (c = 0; c < id.c; ++c) {
            const uint32_t m = armk_rnd(&rng) % 8;
            dw2c_mult[c] = m == 0   ? (int32_t)(1u << 30)
                          : m == 1 ? INT32_MAX
                          : m == 2 ? 0
                                   : (int32_t)((1u << 30) | (armk_rnd(&rng) >> 2));
            /* mostly the path's range; sometimes just past it (the int8 rows) */
            dw2c_shift[c] = (int8_t)(armk_rnd(&rng) % 16 == 0 ? (armk_rnd(&rng) & 1 ? 0 : -23)
                                                        : armk_int(&rng, -22, -1));
            switch (armk_rnd(&rng) % 8) {
            case 0:
                dw2c_bias[c] = (armk_rnd(&rng) & 1) ? (1 << 29) : -(1 << 29);
                break;
            case 1:
                dw2c_bias[c] = (int32_t)armk_rnd(&rng) >> 1; /* often past 2^29 */
                break;
            default:
                dw2c_bias[c] = armk_int(&rng, -100000, 100000);
                break;
            }
        }
        q.multiplier = dw2c_mult;
        q.shift = dw2c_shift;
        in_n = id.h * id.w * id.c;
        out_n = od.h * od.w * od.c;
        armk_fill_s8(&rng, dw2c_in, in_n, extreme);
        armk_fill_s8(&rng, dw2c_filt, 9 * id.c, extreme);
        memset(dw2c_ref, 0x5A, sizeof dw2c_ref);
        memset(dw2c_arm, 0x5A, sizeof dw2c_arm);
        bias = armk_rnd(&rng) % 8 ? dw2c_bias : NULL;
        *taken += mote_arm_dw_s8_path(&p, &id, &fd, &od, 0) == MOTE_ARM_DW_3X3 &&
                  mote_arm_dw_3x3_s2_case(&p, &id, &od) && !mote_arm_dw_3x3_px_case(&od);
        sr = mote_ref_depthwise_conv2d_s8(&p, &q, &id, dw2c_in, &fd, dw2c_filt, bias, &od, dw2c_ref);
        if (inplace) {
            memcpy(dw2c_arm, dw2c_in, (size_t)in_n);
            sa = mote_arm_depthwise_conv2d_s8(&p, &q, &id, dw2c_arm, &fd, dw2c_filt, bias, &od,
                                              dw2c_arm, NULL);
        } else {
            sa = mote_arm_depthwise_conv2d_s8(&p, &q, &id, dw2c_in, &fd, dw2c_filt, bias, &od,
                                              dw2c_arm, NULL);
        }
        if (sr != MOTE_OK || sa != MOTE_OK || memcmp(dw2c_ref, dw2c_arm, (size_t)out_n) != 0 ||
            memcmp(dw2c_ref + out_n, dw2c_arm + out_n, DW2C_GUARD) != 0) {
            if (*failed < 5)
                printf("dw2 cases FAIL case %d in %ldx%ldx%ld %s%s\n", i, (long)id.h, (long)id.w,
                       (long)id.c, same ? "SAME" : "VALID", inplace ? " in place" : "");
            ++*failed;
        } else {
            ++passed;
        }
    }
    return passed;
}
