/*
 * cases_dm.c — random cases for the arm_dsp_dm and arm_dsp_dm_any rows
 * (depthwise_conv2d_s8_dm_dsp.c): DEPTHWISE_CONV_2D int8 with one input
 * channel and depth multiplier 2..16 (sometimes up to 32), run as a
 * convolution on the transposed weights. Windows 1..5 x 1..5 (K * M <=
 * 256), strides 1-2, SAME / VALID and band-like calls (top padding and
 * output rows of a band: any pad_h below the window, fewer output rows),
 * per-channel multipliers and shifts, biases up to and past 2^29, inputs,
 * filters and offsets at the int8 extremes. Expected output:
 * mote_ref_depthwise_conv2d_s8's; guard bytes after the output catch writes
 * past it. Each case goes through the step function of the row whose fits
 * takes it, with a step block as lowering writes it; the other row must
 * refuse it. The count of taken cases is reported (0 fails the suite).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "armk_rand.h"
#include "kernels/arm/arm_rows.h"
#include "cases_bufs.h"

int mote_test_dm_cases(int n_cases, int *failed, int *taken);

#define dmc_in (armk_cases.dm.in)
#define dmc_ref (armk_cases.dm.ref)
#define dmc_arm (armk_cases.dm.arm)
#define dmc_filt (armk_cases.dm.filt)
#define dmc_bias (armk_cases.dm.bias)
#define dmc_step (armk_cases.dm.step)

static armk_rng rng = {0x9E3779B9u};

int mote_test_dm_cases(int n_cases, int *failed, int *taken)
{
    int passed = 0, i;
    *failed = 0;
    *taken = 0;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_step *s = (mote_conv_s8_step *)(void *)dmc_step;
        int32_t *mult = (int32_t *)(void *)((uint8_t *)dmc_step + sizeof *s);
        int8_t *shift;
        mote_conv_s8_params *p = &s->p;
        mote_requant q;
        const int same = armk_rnd(&rng) % 3 != 0, extreme = armk_rnd(&rng) % 6 == 0;
        /* 2..16; sometimes up to 32 (the 2x2 and patch paths) */
        const int32_t M = armk_rnd(&rng) % 8 ? armk_int(&rng, 2, 16) : armk_int(&rng, 17, 32);
        int32_t KH, KW, full_h, c, out_n;
        const int32_t *bias;
        const void *ins[3];
        void *outs[1];
        mote_kernel_io io;
        mote_status sr, sa;
        memset(dmc_step, 0, sizeof dmc_step);
        shift = (int8_t *)(mult + M);
        do {
            KH = armk_int(&rng, 1, 5);
            KW = armk_int(&rng, 1, 5);
        } while (KH * KW * M > 256);
        s->in.n = 1;
        s->in.h = armk_int(&rng, 1, 40);
        s->in.w = armk_int(&rng, 1, 40);
        s->in.c = 1;
        s->filter.n = 1;
        s->filter.h = KH;
        s->filter.w = KW;
        s->filter.c = M;
        p->depth_multiplier = M;
        p->geom.stride_h = armk_int(&rng, 1, 2);
        p->geom.stride_w = armk_int(&rng, 1, 2);
        p->geom.dilation_h = p->geom.dilation_w = 1;
        if (same) {
            full_h = (s->in.h + p->geom.stride_h - 1) / p->geom.stride_h;
            s->out.w = (s->in.w + p->geom.stride_w - 1) / p->geom.stride_w;
            p->geom.pad_h = ((full_h - 1) * p->geom.stride_h + KH - s->in.h) / 2;
            p->geom.pad_w = ((s->out.w - 1) * p->geom.stride_w + KW - s->in.w) / 2;
            if (p->geom.pad_h < 0) p->geom.pad_h = 0;
            if (p->geom.pad_w < 0) p->geom.pad_w = 0;
        } else {
            if (s->in.h < KH || s->in.w < KW) {
                --i;
                continue;
            }
            full_h = (s->in.h - KH) / p->geom.stride_h + 1;
            s->out.w = (s->in.w - KW) / p->geom.stride_w + 1;
        }
        s->out.h = full_h;
        if (armk_rnd(&rng) % 4 == 0) {
            /* as a band call sees it: fewer output rows, any top padding */
            p->geom.pad_h = armk_int(&rng, 0, KH - 1);
            s->out.h = armk_int(&rng, 1, full_h);
        }
        s->out.n = 1;
        s->out.c = M;
        s->channels = M;
        if (s->out.h * s->out.w * M > DMC_OUT) {
            --i;
            continue;
        }
        p->input_offset = extreme ? (armk_rnd(&rng) & 1 ? 128 : -127) : -armk_int(&rng, -128, 127);
        p->output_offset = armk_int(&rng, -128, 127);
        switch (armk_rnd(&rng) % 3) {
        case 0: p->act_min = -128, p->act_max = 127; break;
        case 1: p->act_min = p->output_offset, p->act_max = 127; break;
        default: p->act_min = armk_int(&rng, -128, 0), p->act_max = armk_int(&rng, 0, 127); break;
        }
        for (c = 0; c < M; ++c) {
            const uint32_t m = armk_rnd(&rng) % 8;
            mult[c] = m == 0   ? (int32_t)(1u << 30)
                      : m == 1 ? INT32_MAX
                      : m == 2 ? 0
                               : (int32_t)((1u << 30) | (armk_rnd(&rng) >> 2));
            /* mostly the 2x2 path's range; sometimes outside it (its fallback) */
            shift[c] = (int8_t)(armk_rnd(&rng) % 8 == 0 ? armk_int(&rng, -31, 1)
                                                        : armk_int(&rng, -23, -2));
            switch (armk_rnd(&rng) % 8) {
            case 0: dmc_bias[c] = (armk_rnd(&rng) & 1) ? (1 << 29) : -(1 << 29); break;
            case 1: dmc_bias[c] = (int32_t)armk_rnd(&rng) >> 1; break;
            default: dmc_bias[c] = armk_int(&rng, -100000, 100000); break;
            }
        }
        q.multiplier = mult;
        q.shift = shift;
        armk_fill_s8(&rng, dmc_in, s->in.h * s->in.w, extreme);
        armk_fill_s8(&rng, dmc_filt, KH * KW * M, extreme);
        memset(dmc_ref, 0x5A, sizeof dmc_ref);
        memset(dmc_arm, 0x5A, sizeof dmc_arm);
        bias = armk_rnd(&rng) % 8 ? dmc_bias : NULL;
        out_n = s->out.h * s->out.w * M;
        sr = mote_ref_depthwise_conv2d_s8(p, &q, &s->in, dmc_in, &s->filter, dmc_filt, bias,
                                          &s->out, dmc_ref);
        if (!mote_arm_dw_dm_fits(s) && !mote_arm_dw_dm_any_fits(s)) {
            /* not the row's case: it must still refuse it at run time */
            ins[0] = dmc_in;
            ins[1] = dmc_filt;
            ins[2] = bias;
            outs[0] = dmc_arm;
            io.in = ins;
            io.out = outs;
            io.scratch = NULL;
            if (mote_arm_dw_dm_step(s, &io) != MOTE_E_ARG ||
                mote_arm_dw_dm_any_step(s, &io) != MOTE_E_ARG) {
                printf("dm cases FAIL case %d: refused by fits, run by the step\n", i);
                ++*failed;
            } else {
                ++passed;
            }
            continue;
        }
        ++*taken;
        ins[0] = dmc_in;
        ins[1] = dmc_filt;
        ins[2] = bias;
        outs[0] = dmc_arm;
        io.in = ins;
        io.out = outs;
        io.scratch = NULL;
        /* the row that takes it; the other must refuse it */
        if (mote_arm_dw_dm_fits(s)) {
            sa = mote_arm_dw_dm_step(s, &io);
            if (mote_arm_dw_dm_any_fits(s) || mote_arm_dw_dm_any_step(s, &io) != MOTE_E_ARG)
                sa = MOTE_E_STATE;
        } else {
            sa = mote_arm_dw_dm_any_step(s, &io);
            if (mote_arm_dw_dm_step(s, &io) != MOTE_E_ARG) sa = MOTE_E_STATE;
        }
        if (sr != MOTE_OK || sa != MOTE_OK || memcmp(dmc_ref, dmc_arm, (size_t)out_n) != 0 ||
            memcmp(dmc_ref + out_n, dmc_arm + out_n, DMC_GUARD) != 0) {
            if (*failed < 5)
                printf("dm cases FAIL case %d in %ldx%ld M %ld k %ldx%ld s %ldx%ld pad %ld,%ld out "
                       "%ldx%ld\n",
                       i, (long)s->in.h, (long)s->in.w, (long)M, (long)KH, (long)KW,
                       (long)p->geom.stride_h, (long)p->geom.stride_w, (long)p->geom.pad_h,
                       (long)p->geom.pad_w, (long)s->out.h, (long)s->out.w);
            ++*failed;
        } else {
            ++passed;
        }
    }
    return passed;
}
