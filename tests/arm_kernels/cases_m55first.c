/*
 * cases_m55first.c — random cases for the arm_mve_first row
 * (mve_chain_s8.c, Cortex-M55 only): CONV_2D int8, 3x3 over 3 input
 * channels, 4 .. 16 output channels, stride 1 or 2 along rows and 1 .. 3
 * down, SAME / VALID, batch 1 or 2, and band-like calls (any top padding
 * below the window, fewer output rows), so windows leave the input on
 * every side (the padded-edge path) and interior runs of every length.
 * Per-channel multipliers (0, 2^30, INT32_MAX, random), shifts from -31 to
 * +4 (both halves of the output stage), biases near 2^29, inputs, filters
 * and offsets at the int8 extremes, narrow activation ranges. Expected
 * output: mote_ref_conv2d_s8's; guard bytes after the output catch writes
 * past it. One case in five has a shape the row refuses (other channel
 * counts, windows, strides, dilation): its step must refuse it too. Uses
 * cases_first.c's buffers (cases_bufs.h). The count of taken cases is
 * reported (0 fails the suite).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "kernels/arm/arm_rows.h"
#include "armk_rand.h"
#include "cases_bufs.h"
#include "cases_conv_common.h"

int mote_test_m55first_cases(int n_cases, int *failed, int *taken);

#if defined(__ARM_FEATURE_MVE)

#define mf_in (armk_cases.first.in)
#define mf_ref (armk_cases.first.ref)
#define mf_arm (armk_cases.first.arm)
#define mf_filt (armk_cases.first.filt)
#define mf_bias (armk_cases.first.bias)
#define mf_step (armk_cases.first.step)

int mote_test_m55first_cases(int n_cases, int *failed, int *taken)
{
    armk_rng r = {0x6D35F1A7u};
    int passed = 0, i, nosign = 0, sat = 0;
    *failed = 0;
    *taken = 0;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_step *s = (mote_conv_s8_step *)(void *)mf_step;
        int32_t *mult = (int32_t *)(void *)((uint8_t *)mf_step + sizeof *s);
        int8_t *shift;
        mote_conv_s8_params *p = &s->p;
        mote_requant q;
        const int same = armk_rnd(&r) % 3 != 0, extreme = armk_rnd(&r) % 6 == 0;
        const int odd = armk_rnd(&r) % 5 == 0; /* a shape the row refuses */
        /* one case in three: outputs mostly inside the activation range
         * (small biases, right shifts 7 .. 12), so rounding ties show */
        const int near = armk_rnd(&r) % 3 == 0;
        const int32_t OC = odd && armk_rnd(&r) & 1 ? armk_int(&r, 1, 20) : 4 * armk_int(&r, 1, 4);
        int32_t KH = 3, KW = 3, C = 3, full_h, c, out_n, in_n;
        const int32_t *bias;
        mote_status sr, sa;
        memset(mf_step, 0, sizeof mf_step);
        shift = (int8_t *)(mult + OC);
        if (odd && armk_rnd(&r) & 1) {
            C = armk_int(&r, 1, 4);
            KH = armk_int(&r, 1, 4);
            KW = armk_int(&r, 1, 4);
        }
        s->in.n = armk_rnd(&r) % 8 == 0 ? 2 : 1;
        s->in.h = armk_int(&r, 1, 12);
        s->in.w = armk_int(&r, 1, armk_rnd(&r) % 4 ? 12 : 40);
        s->in.c = C;
        s->filter.n = OC;
        s->filter.h = KH;
        s->filter.w = KW;
        s->filter.c = C;
        p->depth_multiplier = 1;
        p->geom.stride_h = armk_int(&r, 1, 3);
        p->geom.stride_w = odd && armk_rnd(&r) % 4 == 0 ? 3 : armk_int(&r, 1, 2);
        p->geom.dilation_h = odd && armk_rnd(&r) % 4 == 0 ? 2 : 1;
        p->geom.dilation_w = odd && armk_rnd(&r) % 4 == 0 ? 2 : 1;
        if (!armk_conv_axis(s->in.h, KH, p->geom.stride_h, p->geom.dilation_h, same, &full_h,
                            &p->geom.pad_h) ||
            !armk_conv_axis(s->in.w, KW, p->geom.stride_w, p->geom.dilation_w, same, &s->out.w,
                            &p->geom.pad_w) ||
            full_h < 1 || s->out.w < 1) {
            --i;
            continue;
        }
        s->out.h = full_h;
        if (armk_rnd(&r) % 4 == 0) {
            /* as a band call sees it: fewer output rows, any top padding */
            p->geom.pad_h = armk_int(&r, 0, KH - 1);
            s->out.h = armk_int(&r, 1, full_h);
        }
        if (armk_rnd(&r) % 4 == 0) p->geom.pad_w = armk_int(&r, 0, KW - 1);
        s->out.n = s->in.n;
        s->out.c = OC;
        s->channels = OC;
        out_n = s->out.n * s->out.h * s->out.w * OC;
        in_n = s->in.n * s->in.h * s->in.w * C;
        if (out_n > FC_OUT || in_n > FC_IN) {
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
            switch (armk_rnd(&r) % 6) {
            case 0: shift[c] = (int8_t)armk_int(&r, -31, -24); break;
            case 1: shift[c] = (int8_t)armk_int(&r, -1, 4); break;
            default: shift[c] = (int8_t)armk_int(&r, -23, -2); break;
            }
            if (near) shift[c] = (int8_t)armk_int(&r, -12, -7);
            switch (armk_rnd(&r) % 8) {
            case 0: mf_bias[c] = (armk_rnd(&r) & 1) ? (1 << 29) : -(1 << 29); break;
            case 1: mf_bias[c] = (int32_t)armk_rnd(&r) >> 4; break;
            default: mf_bias[c] = armk_int(&r, -100000, 100000); break;
            }
            if (near) mf_bias[c] = armk_int(&r, -1000, 1000);
        }
        q.multiplier = mult;
        q.shift = shift;
        armk_fill_s8(&r, mf_in, in_n, extreme);
        armk_fill_s8(&r, mf_filt, OC * KH * KW * C, extreme || armk_rnd(&r) % 8 == 0);
        memset(mf_ref, 0x5A, sizeof mf_ref);
        memset(mf_arm, 0x5A, sizeof mf_arm);
        bias = armk_rnd(&r) % 8 ? mf_bias : NULL;
        sr = mote_ref_conv2d_s8(p, &q, &s->in, mf_in, &s->filter, mf_filt, bias, &s->out, mf_ref);
        if (!mote_mve_conv_first_fits(s)) {
            /* not the row's case: it must still refuse it at run time */
            if (armk_conv_run(mote_mve_conv_first_step, s, mf_in, mf_filt, bias, mf_arm, NULL) !=
                MOTE_E_ARG) {
                printf("m55 first cases FAIL case %d: refused by fits, run by the step\n", i);
                ++*failed;
            } else {
                ++passed;
            }
            continue;
        }
        ++*taken;
        if (p->act_min >= p->output_offset) ++nosign;
        if (p->act_min >= p->output_offset && p->act_min == -128 && p->act_max == 127) ++sat;
        sa = armk_conv_run(mote_mve_conv_first_step, s, mf_in, mf_filt, bias, mf_arm, NULL);
        if (sr != MOTE_OK || sa != MOTE_OK || memcmp(mf_ref, mf_arm, (size_t)out_n) != 0 ||
            memcmp(mf_ref + out_n, mf_arm + out_n, FC_GUARD) != 0) {
            if (*failed < 5)
                printf(
                    "m55 first cases FAIL case %d n %ld in %ldx%ldx%ld oc %ld k %ldx%ld s %ldx%ld "
                    "pad %ld,%ld out %ldx%ld\n",
                    i, (long)s->in.n, (long)s->in.h, (long)s->in.w, (long)C, (long)OC, (long)KH,
                    (long)KW, (long)p->geom.stride_h, (long)p->geom.stride_w, (long)p->geom.pad_h,
                    (long)p->geom.pad_w, (long)s->out.h, (long)s->out.w);
            ++*failed;
        } else {
            ++passed;
        }
    }
    printf("m55 first cases: %d taken with act_min >= zp (no sign correction), %d of them zp -128 "
           "over all of int8\n",
           nosign, sat);
    return passed;
}

#else
int mote_test_m55first_cases(int n_cases, int *failed, int *taken)
{
    (void)n_cases;
    *failed = 0;
    *taken = 0;
    return 0;
}
#endif
