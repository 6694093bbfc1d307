/*
 * cases_m55pwk.c — random cases for the arm_mve_pwk row (mve_chain_s8.c,
 * Cortex-M55 only): pointwise CONV_2D int8, 8 or 16 input channels, 4 ..
 * 64 output channels in blocks of four, 1 .. 960 pixels (one pixel: the
 * K = 8 path's last-pixel copy alone), batch 1 or 2. Per-channel
 * multipliers (0, 2^30, INT32_MAX, random); shifts mostly negative (the
 * assembly), one case in four a block with a shift >= 0 (the C loop);
 * biases near 2^29, inputs, filters and offsets at the int8 extremes,
 * narrow activation ranges. Expected output: mote_ref_conv2d_s8's; guard
 * bytes after the output catch writes past it. One case in five has a
 * shape the row refuses (other channel counts, windows, strides, padding):
 * its step must refuse it too. Uses cases_vwwa.c's buffers (cases_bufs.h).
 * The count of taken cases is reported (0 fails the suite).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "kernels/arm/arm_rows.h"
#include "armk_rand.h"
#include "cases_bufs.h"
#include "cases_conv_common.h"

int mote_test_m55pwk_cases(int n_cases, int *failed, int *taken);

#if defined(__ARM_FEATURE_MVE)

#define mp_in (armk_cases.vwwa.in)
#define mp_ref (armk_cases.vwwa.ref)
#define mp_arm (armk_cases.vwwa.arm)
#define mp_filt (armk_cases.vwwa.filt)
#define mp_bias (armk_cases.vwwa.bias)
#define mp_step (armk_cases.vwwa.step)

int mote_test_m55pwk_cases(int n_cases, int *failed, int *taken)
{
    armk_rng r = {0x51C3A9E5u};
    int passed = 0, i, nosign = 0, sat = 0;
    *failed = 0;
    *taken = 0;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_step *s = (mote_conv_s8_step *)(void *)mp_step;
        int32_t *mult = (int32_t *)(void *)((uint8_t *)mp_step + sizeof *s);
        int8_t *shift;
        mote_conv_s8_params *p = &s->p;
        mote_requant q;
        const int extreme = armk_rnd(&r) % 6 == 0, wild = armk_rnd(&r) % 4 == 0;
        const int odd = armk_rnd(&r) % 5 == 0; /* a shape the row refuses */
        /* one case in three: outputs mostly inside the activation range
         * (small biases, right shifts 5 .. 10), so rounding ties show */
        const int near = armk_rnd(&r) % 3 == 0;
        const int32_t K0 = armk_rnd(&r) & 1 ? 8 : 16;
        /* one case in four VWW's and person_detect's shapes, 8 -> 16 and
         * 16 -> 32 (pwk_all's copies with the out step as an immediate) */
        const int32_t OC = odd && armk_rnd(&r) & 1 ? armk_int(&r, 1, 68)
                           : armk_rnd(&r) % 4 == 0 ? 2 * K0
                                                   : 4 * armk_int(&r, 1, 16);
        int32_t K = K0, F = 1, c, out_n, in_n;
        const int32_t *bias;
        mote_status sr, sa;
        memset(mp_step, 0, sizeof mp_step);
        shift = (int8_t *)(mult + OC);
        if (odd && armk_rnd(&r) & 1) {
            K = armk_int(&r, 1, 24);
            F = armk_rnd(&r) % 3 == 0 ? 2 : 1;
        }
        s->in.n = armk_rnd(&r) % 8 == 0 ? 2 : 1;
        s->in.h = armk_rnd(&r) % 8 == 0 ? 1 : armk_int(&r, 1, 10);
        s->in.w = armk_rnd(&r) % 8 == 0 ? 1 : armk_int(&r, 1, 48);
        s->in.c = K;
        s->filter.n = OC;
        s->filter.h = F;
        s->filter.w = F;
        s->filter.c = K;
        p->depth_multiplier = 1;
        p->geom.stride_h = p->geom.stride_w = 1;
        p->geom.dilation_h = p->geom.dilation_w = 1;
        if (odd && armk_rnd(&r) % 4 == 0) p->geom.stride_w = 2;
        s->out.h = s->in.h - F + 1;
        s->out.w = (s->in.w - F) / p->geom.stride_w + 1;
        if (s->out.h < 1 || s->out.w < 1) {
            --i;
            continue;
        }
        s->out.n = s->in.n;
        s->out.c = OC;
        s->channels = OC;
        out_n = s->out.n * s->out.h * s->out.w * OC;
        in_n = s->in.n * s->in.h * s->in.w * K;
        if (out_n > VA_OUT || in_n > VA_IN || OC > 70 || OC * K * F * F > 70 * 24) {
            --i;
            continue;
        }
        p->input_offset = extreme ? (armk_rnd(&r) & 1 ? 128 : -127) : -armk_int(&r, -128, 127);
        p->output_offset =
            armk_rnd(&r) % 8 == 0 ? (armk_rnd(&r) & 1 ? 127 : -128) : armk_int(&r, -128, 127);
        switch (armk_rnd(&r) % 5) {
        case 0: p->act_min = -128, p->act_max = 127; break;
        case 1: p->act_min = p->output_offset, p->act_max = 127; break;
        case 2: /* act_min above the zero point: the stages without the sign correction */
            p->act_min = p->output_offset + armk_int(&r, 0, 12);
            if (p->act_min > 127) p->act_min = 127;
            p->act_max = armk_int(&r, p->act_min, 127);
            break;
        case 3: /* zero point -128, all of int8 (ReLU6 layers such as VWW's) */
            p->output_offset = -128, p->act_min = -128, p->act_max = 127;
            break;
        default: p->act_min = armk_int(&r, -128, 0), p->act_max = armk_int(&r, 0, 127); break;
        }
        for (c = 0; c < OC; ++c) {
            const uint32_t m = armk_rnd(&r) % 8;
            mult[c] = m == 0   ? (int32_t)(1u << 30)
                      : m == 1 ? INT32_MAX
                      : m == 2 ? 0
                               : (int32_t)((1u << 30) | (armk_rnd(&r) >> 2));
            shift[c] = armk_rnd(&r) % 6 == 0 ? (int8_t)armk_int(&r, -31, -24)
                                             : (int8_t)armk_int(&r, -23, -1);
            if (near) shift[c] = (int8_t)armk_int(&r, -10, -5);
            if (wild && armk_rnd(&r) % 4 == 0) shift[c] = (int8_t)armk_int(&r, 0, 4);
            switch (armk_rnd(&r) % 8) {
            case 0: mp_bias[c] = (armk_rnd(&r) & 1) ? (1 << 29) : -(1 << 29); break;
            case 1: mp_bias[c] = (int32_t)armk_rnd(&r) >> 4; break;
            default: mp_bias[c] = armk_int(&r, -100000, 100000); break;
            }
            if (near) mp_bias[c] = armk_int(&r, -1000, 1000);
        }
        q.multiplier = mult;
        q.shift = shift;
        armk_fill_s8(&r, mp_in, in_n, extreme);
        armk_fill_s8(&r, mp_filt, OC * K * F * F, extreme || armk_rnd(&r) % 8 == 0);
        memset(mp_ref, 0x5A, sizeof mp_ref);
        memset(mp_arm, 0x5A, sizeof mp_arm);
        bias = armk_rnd(&r) % 8 ? mp_bias : NULL;
        sr = mote_ref_conv2d_s8(p, &q, &s->in, mp_in, &s->filter, mp_filt, bias, &s->out, mp_ref);
        if (!mote_mve_conv_pwk_fits(s)) {
            /* not the row's case: it must still refuse it at run time */
            if (armk_conv_run(mote_mve_conv_pwk_step, s, mp_in, mp_filt, bias, mp_arm, NULL) !=
                MOTE_E_ARG) {
                printf("m55 pwk cases FAIL case %d: refused by fits, run by the step\n", i);
                ++*failed;
            } else {
                ++passed;
            }
            continue;
        }
        ++*taken;
        if (p->act_min >= p->output_offset) ++nosign;
        if (p->act_min >= p->output_offset && p->act_min == -128 && p->act_max == 127) ++sat;
        sa = armk_conv_run(mote_mve_conv_pwk_step, s, mp_in, mp_filt, bias, mp_arm, NULL);
        if (sr != MOTE_OK || sa != MOTE_OK || memcmp(mp_ref, mp_arm, (size_t)out_n) != 0 ||
            memcmp(mp_ref + out_n, mp_arm + out_n, VA_GUARD) != 0) {
            if (*failed < 5)
                printf("m55 pwk cases FAIL case %d n %ld in %ldx%ldx%ld oc %ld%s\n", i,
                       (long)s->in.n, (long)s->in.h, (long)s->in.w, (long)K, (long)OC,
                       wild ? " (shifts >= 0)" : "");
            ++*failed;
        } else {
            ++passed;
        }
    }
    printf("m55 pwk cases: %d taken with act_min >= zp (no sign correction), %d of them zp -128 "
           "over all of int8\n",
           nosign, sat);
    return passed;
}

#else
int mote_test_m55pwk_cases(int n_cases, int *failed, int *taken)
{
    (void)n_cases;
    *failed = 0;
    *taken = 0;
    return 0;
}
#endif
