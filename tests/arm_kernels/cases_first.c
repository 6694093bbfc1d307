/*
 * cases_first.c — random cases for the arm_dsp_first row
 * (conv2d_s8_first_dsp.c): CONV_2D int8 with 1..4 input channels and 8 or
 * 16 output channels (the first layers of VWW and IC), windows 1..4 x
 * 1..4 (K odd and even, filter rows of odd and even byte counts), strides
 * 1..3, SAME / VALID, odd widths, batch 1 or 2, and band-like calls (any
 * top padding below the window, fewer output rows). Per-channel multipliers
 * (0, 2^30, INT32_MAX, random), shifts at the folded output stage's limits
 * -23, -2 and -1 and outside them (-24, 0, 1: the direct path's
 * fallback), biases at +-2^29 and just outside (the fallback), inputs, filters and offsets at the int8 extremes,
 * narrow activation ranges (act_min >= zp and < zp both: the row's output
 * stage drops its sign correction for the first). Expected output: mote_ref_conv2d_s8's; guard
 * bytes after the output catch writes past it. Cases the row's fits
 * refuses (other channel counts, wider rows, dilation) must be refused by
 * its step too. One case in four is a DEPTHWISE_CONV_2D with one input
 * channel and depth multiplier 8 or 16 (person_detect's first layer),
 * run by the arm_dsp_dm_first row on the transposed weights against
 * mote_ref_depthwise_conv2d_s8. The count of taken cases is reported (0
 * fails the suite).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "kernels/arm/arm_rows.h"
#include "armk_rand.h"
#include "cases_bufs.h"

int mote_test_first_cases(int n_cases, int *failed, int *taken);

#define fc_in (armk_cases.first.in)
#define fc_ref (armk_cases.first.ref)
#define fc_arm (armk_cases.first.arm)
#define fc_filt (armk_cases.first.filt)
#define fc_bias (armk_cases.first.bias)
#define fc_step (armk_cases.first.step)

static int32_t out_size(int32_t in, int32_t k, int32_t s, int32_t dil, int same, int32_t *pad)
{
    const int32_t ek = dil * (k - 1) + 1;
    int32_t o;
    if (same) {
        o = (in + s - 1) / s;
        *pad = ((o - 1) * s + ek - in) / 2;
        if (*pad < 0) *pad = 0;
    } else {
        o = in >= ek ? (in - ek) / s + 1 : 0;
        *pad = 0;
    }
    return o;
}

int mote_test_first_cases(int n_cases, int *failed, int *taken)
{
    armk_rng r = {0x2545F491u};
    int passed = 0, i, taken_dm = 0, relu = 0;
    *failed = 0;
    *taken = 0;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_step *s = (mote_conv_s8_step *)(void *)fc_step;
        int32_t *mult = (int32_t *)(void *)((uint8_t *)fc_step + sizeof *s);
        int8_t *shift;
        mote_conv_s8_params *p = &s->p;
        mote_requant q;
        const int same = armk_rnd(&r) % 3 != 0, extreme = armk_rnd(&r) % 6 == 0;
        /* one case in four: DEPTHWISE_CONV_2D with one input channel and
         * depth multiplier OC (the arm_dsp_dm_first row, weights [KH][KW][OC]) */
        const int dm = armk_rnd(&r) % 4 == 0;
        const int32_t OC = armk_rnd(&r) % 8 ? (armk_rnd(&r) & 1 ? 8 : 16) : armk_int(&r, 1, 24);
        int32_t KH, KW, C, full_h, c, out_n, in_n;
        const int32_t *bias;
        const void *ins[3];
        void *outs[1];
        mote_kernel_io io;
        mote_status sr, sa;
        memset(fc_step, 0, sizeof fc_step);
        shift = (int8_t *)(mult + OC);
        C = dm ? 1 : armk_int(&r, 1, 4);
        KH = armk_int(&r, 1, 4);
        KW = armk_int(&r, 1, 4);
        /* one convolution in four with VWW's and IC's 3-wide rows over 3
         * channels (9 filter bytes a row: pack_rows' path of its own) */
        if (!dm && armk_rnd(&r) % 4 == 0) C = KW = 3;
        s->in.n = armk_rnd(&r) % 8 == 0 ? 2 : 1;
        /* mostly rows the stack buffer holds; sometimes wider (refused
         * when KH rows of them do not fit), then few rows */
        if (armk_rnd(&r) % 8) {
            s->in.h = armk_int(&r, 1, FC_MAXH);
            s->in.w = armk_int(&r, 1, 28);
        } else {
            s->in.h = armk_int(&r, 1, 4);
            s->in.w = armk_int(&r, 29, FC_MAXW);
        }
        s->in.c = C;
        s->filter.n = dm ? 1 : OC;
        s->filter.h = KH;
        s->filter.w = KW;
        s->filter.c = dm ? OC : C;
        p->depth_multiplier = dm ? OC : 1;
        p->geom.stride_h = armk_int(&r, 1, 2);
        p->geom.stride_w = armk_rnd(&r) % 8 ? armk_int(&r, 1, 2) : 3;
        p->geom.dilation_h = armk_rnd(&r) % 16 ? 1 : 2;
        p->geom.dilation_w = armk_rnd(&r) % 16 ? 1 : 2;
        full_h = out_size(s->in.h, KH, p->geom.stride_h, p->geom.dilation_h, same, &p->geom.pad_h);
        s->out.w =
            out_size(s->in.w, KW, p->geom.stride_w, p->geom.dilation_w, same, &p->geom.pad_w);
        if (full_h < 1 || s->out.w < 1) {
            --i;
            continue;
        }
        s->out.h = full_h;
        if (armk_rnd(&r) % 4 == 0) {
            /* as a band call sees it: fewer output rows, any top padding */
            p->geom.pad_h = armk_int(&r, 0, KH - 1);
            s->out.h = armk_int(&r, 1, full_h);
        }
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
        switch (armk_rnd(&r) % 3) {
        case 0: p->act_min = -128, p->act_max = 127; break;
        case 1: p->act_min = p->output_offset, p->act_max = 127; break;
        default: p->act_min = armk_int(&r, -128, 0), p->act_max = armk_int(&r, 0, 127); break;
        }
        {
            /* one case in six has a shift outside [-23, -2] (one kind per
             * case, on one channel or more; -1 the direct path takes) */
            static const int8_t out_of_range[4] = {-24, -1, 0, 1};
            const int wild = armk_rnd(&r) % 6 == 0;
            const int8_t wild_shift = out_of_range[armk_rnd(&r) % 4];
            for (c = 0; c < OC; ++c) {
                const uint32_t m = armk_rnd(&r) % 8;
                mult[c] = m == 0   ? (int32_t)(1u << 30)
                          : m == 1 ? INT32_MAX
                          : m == 2 ? 0
                                   : (int32_t)((1u << 30) | (armk_rnd(&r) >> 2));
                switch (armk_rnd(&r) % 4) {
                case 0: shift[c] = -23; break;
                case 1: shift[c] = -2; break;
                default: shift[c] = (int8_t)armk_int(&r, -23, -2); break;
                }
                if (wild && (c == 0 || armk_rnd(&r) % 4 == 0)) shift[c] = wild_shift;
                switch (armk_rnd(&r) % 8) {
                case 0: fc_bias[c] = (armk_rnd(&r) & 1) ? (1 << 29) : -(1 << 29); break;
                case 1: fc_bias[c] = (int32_t)armk_rnd(&r) >> 4; break;
                case 2:
                    /* one in 64 just outside [-2^29, 2^29] (the direct path's
                     * fallback) */
                    if (armk_rnd(&r) % 8 == 0) {
                        fc_bias[c] = (armk_rnd(&r) & 1) ? (1 << 29) + 1 : -(1 << 29) - 1;
                        break;
                    }
                    /* fall through */
                default: fc_bias[c] = armk_int(&r, -100000, 100000); break;
                }
            }
        }
        q.multiplier = mult;
        q.shift = shift;
        armk_fill_s8(&r, fc_in, in_n, extreme);
        armk_fill_s8(&r, fc_filt, OC * KH * KW * C, extreme || armk_rnd(&r) % 8 == 0);
        memset(fc_ref, 0x5A, sizeof fc_ref);
        memset(fc_arm, 0x5A, sizeof fc_arm);
        bias = armk_rnd(&r) % 8 ? fc_bias : NULL;
        if (dm)
            sr = mote_ref_depthwise_conv2d_s8(p, &q, &s->in, fc_in, &s->filter, fc_filt, bias,
                                              &s->out, fc_ref);
        else
            sr = mote_ref_conv2d_s8(p, &q, &s->in, fc_in, &s->filter, fc_filt, bias, &s->out,
                                    fc_ref);
        ins[0] = fc_in;
        ins[1] = fc_filt;
        ins[2] = bias;
        outs[0] = fc_arm;
        io.in = ins;
        io.out = outs;
        io.scratch = NULL;
        if (!(dm ? mote_arm_dw_dm_first_fits(s) : mote_arm_conv_first_fits(s))) {
            /* not the row's case: it must still refuse it at run time */
            if ((dm ? mote_arm_dw_dm_first_step(s, &io) : mote_arm_conv_first_step(s, &io)) !=
                MOTE_E_ARG) {
                printf("first cases FAIL case %d: refused by fits, run by the step\n", i);
                ++*failed;
            } else {
                ++passed;
            }
            continue;
        }
        ++*taken;
        taken_dm += dm;
        /* act_min >= zp: the first row's stage without the sign correction */
        relu += !dm && p->act_min >= p->output_offset;
        sa = dm ? mote_arm_dw_dm_first_step(s, &io) : mote_arm_conv_first_step(s, &io);
        if (sr != MOTE_OK || sa != MOTE_OK || memcmp(fc_ref, fc_arm, (size_t)out_n) != 0 ||
            memcmp(fc_ref + out_n, fc_arm + out_n, FC_GUARD) != 0) {
            if (*failed < 5)
                printf("first cases FAIL case %d%s n %ld in %ldx%ldx%ld oc %ld k %ldx%ld s %ldx%ld "
                       "pad %ld,%ld out %ldx%ld\n",
                       i, dm ? " (depthwise)" : "", (long)s->in.n, (long)s->in.h, (long)s->in.w,
                       (long)C, (long)OC, (long)KH, (long)KW, (long)p->geom.stride_h,
                       (long)p->geom.stride_w, (long)p->geom.pad_h, (long)p->geom.pad_w,
                       (long)s->out.h, (long)s->out.w);
            ++*failed;
        } else {
            ++passed;
        }
    }
    printf("first-layer cases: %d of the taken ones depthwise (arm_dsp_dm_first)\n", taken_dm);
    if (taken_dm == 0) ++*failed;
    printf("first-layer cases: %d of the taken convolutions with act_min >= zp (the stage "
           "without the sign correction), %d with act_min < zp\n",
           relu, *taken - taken_dm - relu);
    if (n_cases >= 30 && (relu == 0 || *taken - taken_dm - relu == 0)) ++*failed;
    return passed;
}
