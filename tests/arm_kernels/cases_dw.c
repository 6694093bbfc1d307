/*
 * cases_dw.c — random cases aimed at the int16-line path of the 3x3 Arm DSP
 * depthwise kernel (depthwise_conv2d_s8_3x3_dsp.c: int16 lines, SMLAD tap
 * pairs, the SMMLAR output stage): 3x3, stride 1, channels a multiple of 4,
 * rows and columns 1..31 (both line directions, odd and even lengths, past
 * the path's 27 outputs per line), strides 1 and 2 each way, SAME and
 * VALID, in place (stride 1), shifts in and
 * just outside [-22, -1], biases up to and past 2^29, multipliers at both
 * ends of [2^30, 2^31) and 0, inputs and filters at the int8 extremes. The
 * expected output is mote_ref_depthwise_conv2d_s8's; guard bytes after the
 * output catch writes past it.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "armk_rand.h"
#include "kernels/arm/arm_kernels.h"
#include "cases_bufs.h"

int mote_test_dw_cases(int n_cases, int *failed);


/* The buffers: cases_bufs.h. */
#define dwc_in (armk_cases.dw.in)
#define dwc_ref (armk_cases.dw.ref)
#define dwc_arm (armk_cases.dw.arm)
#define dwc_filt (armk_cases.dw.filt)
#define dwc_bias (armk_cases.dw.bias)
#define dwc_mult (armk_cases.dw.mult)
#define dwc_shift (armk_cases.dw.shift)

static armk_rng rng = {0x9E3779B9u};

int mote_test_dw_cases(int n_cases, int *failed)
{
    int passed = 0, i;
    *failed = 0;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        const int same = armk_rnd(&rng) % 4 != 0, inplace = same && armk_rnd(&rng) % 2;
        const int extreme = armk_rnd(&rng) % 6 == 0;
        const int32_t *bias;
        int32_t c, in_n, out_n;
        mote_status sr, sa;
        memset(&p, 0, sizeof p);
        id.n = 1;
        id.h = armk_int(&rng, 1, 31);
        id.w = armk_int(&rng, 1, 31);
        id.c = 4 * armk_int(&rng, 1, 8);
        fd.n = 1;
        fd.h = fd.w = 3;
        fd.c = id.c;
        p.depth_multiplier = 1;
        /* stride 1 (in place too), or 2 one way or both (out of place) */
        p.geom.stride_h = inplace || armk_rnd(&rng) % 2 ? 1 : 2;
        p.geom.stride_w = inplace || armk_rnd(&rng) % 2 ? 1 : 2;
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
            dwc_mult[c] = m == 0   ? (int32_t)(1u << 30)
                          : m == 1 ? INT32_MAX
                          : m == 2 ? 0
                                   : (int32_t)((1u << 30) | (armk_rnd(&rng) >> 2));
            /* mostly the path's range; sometimes just past it (the int8 rows) */
            dwc_shift[c] = (int8_t)(armk_rnd(&rng) % 16 == 0 ? (armk_rnd(&rng) & 1 ? 0 : -23)
                                                        : armk_int(&rng, -22, -1));
            switch (armk_rnd(&rng) % 8) {
            case 0:
                dwc_bias[c] = (armk_rnd(&rng) & 1) ? (1 << 29) : -(1 << 29);
                break;
            case 1:
                dwc_bias[c] = (int32_t)armk_rnd(&rng) >> 1; /* often past 2^29 */
                break;
            default:
                dwc_bias[c] = armk_int(&rng, -100000, 100000);
                break;
            }
        }
        q.multiplier = dwc_mult;
        q.shift = dwc_shift;
        in_n = id.h * id.w * id.c;
        out_n = od.h * od.w * od.c;
        armk_fill_s8(&rng, dwc_in, in_n, extreme);
        armk_fill_s8(&rng, dwc_filt, 9 * id.c, extreme);
        memset(dwc_ref, 0x5A, sizeof dwc_ref);
        memset(dwc_arm, 0x5A, sizeof dwc_arm);
        bias = armk_rnd(&rng) % 8 ? dwc_bias : NULL;
        sr = mote_ref_depthwise_conv2d_s8(&p, &q, &id, dwc_in, &fd, dwc_filt, bias, &od, dwc_ref);
        if (inplace) {
            memcpy(dwc_arm, dwc_in, (size_t)in_n);
            sa = mote_arm_depthwise_conv2d_s8(&p, &q, &id, dwc_arm, &fd, dwc_filt, bias, &od,
                                              dwc_arm, NULL);
        } else {
            sa = mote_arm_depthwise_conv2d_s8(&p, &q, &id, dwc_in, &fd, dwc_filt, bias, &od,
                                              dwc_arm, NULL);
        }
        if (sr != MOTE_OK || sa != MOTE_OK || memcmp(dwc_ref, dwc_arm, (size_t)out_n) != 0 ||
            memcmp(dwc_ref + out_n, dwc_arm + out_n, DWC_GUARD) != 0) {
            if (*failed < 5)
                printf("dw cases FAIL case %d in %ldx%ldx%ld %s%s\n", i, (long)id.h, (long)id.w,
                       (long)id.c, same ? "SAME" : "VALID", inplace ? " in place" : "");
            ++*failed;
        } else {
            ++passed;
        }
    }
    return passed;
}
