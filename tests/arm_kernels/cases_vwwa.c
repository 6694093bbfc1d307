/*
 * cases_vwwa.c — random cases for the arm_dsp_pwk row
 * (conv2d_s8_pwk_dsp.c): pointwise CONV_2D int8 with 8 or 16 input
 * channels (1x1, stride 1, no padding), 4 .. 64 output channels (multiples
 * of 4; with 16 inputs the row takes up to 40),
 * 1 .. 200 pixels in one or two batches. Per-channel multipliers (0, 2^30,
 * INT32_MAX, random), shifts at the output stage's limits -23 and
 * -1 and outside them (-24, -25, 0, 1: the pixel-chunk fallback), biases
 * at +-2^29, just outside (+-(2^29 + 1): the fallback) or absent, inputs, filters and offsets at the int8 extremes,
 * output zero points -128 / 127, full, ReLU-like and narrow activation
 * ranges (act_min >= zp and < zp both: the row drops its output stage's
 * sign correction for the first). Expected output: mote_ref_conv2d_s8's; guard bytes after the
 * output catch writes past it. Cases the row's fits refuses (other channel
 * counts, K other than 8 and 16, in place) must be refused by its step
 * too. The count of
 * taken cases is reported (0 fails the suite).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "kernels/arm/arm_rows.h"
#include "armk_rand.h"
#include "cases_bufs.h"

int mote_test_vwwa_cases(int n_cases, int *failed, int *taken);

#define va (armk_cases.vwwa)

int mote_test_vwwa_cases(int n_cases, int *failed, int *taken)
{
    armk_rng r = {0x6A09E667u};
    int passed = 0, i, relu = 0, full = 0;
    *failed = 0;
    *taken = 0;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_step *s = (mote_conv_s8_step *)(void *)va.step;
        int32_t *mult = (int32_t *)(void *)((uint8_t *)va.step + sizeof *s);
        int8_t *shift;
        mote_conv_s8_params *p = &s->p;
        mote_requant q;
        const int extreme = armk_rnd(&r) % 6 == 0;
        /* mostly the row's cases; sometimes channel counts it refuses */
        const int32_t OC = armk_rnd(&r) % 8 ? 4 * armk_int(&r, 1, 16) : armk_int(&r, 1, 70);
        const int32_t C = armk_rnd(&r) % 10 ? (armk_rnd(&r) & 1 ? 8 : 16) : 4 * armk_int(&r, 1, 6);
        const int inplace = armk_rnd(&r) % 12 == 0;
        int32_t c, out_n, in_n;
        const int32_t *bias;
        const void *ins[3];
        void *outs[1];
        mote_kernel_io io;
        mote_status sr, sa;
        memset(va.step, 0, sizeof va.step);
        shift = (int8_t *)(mult + OC);
        s->in.n = armk_rnd(&r) % 8 == 0 ? 2 : 1;
        s->in.h = armk_int(&r, 1, 10);
        s->in.w = armk_int(&r, 1, armk_rnd(&r) % 4 ? 10 : 48);
        s->in.c = C;
        s->filter.n = OC;
        s->filter.h = s->filter.w = 1;
        s->filter.c = C;
        p->depth_multiplier = 1;
        p->geom.stride_h = p->geom.stride_w = 1;
        p->geom.dilation_h = p->geom.dilation_w = 1;
        p->geom.pad_h = p->geom.pad_w = 0;
        s->out.n = s->in.n;
        s->out.h = s->in.h;
        s->out.w = s->in.w;
        s->out.c = OC;
        s->channels = OC;
        out_n = s->out.n * s->out.h * s->out.w * OC;
        in_n = s->in.n * s->in.h * s->in.w * C;
        if (out_n > VA_OUT || in_n > VA_IN || (inplace && out_n > in_n)) {
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
            /* one case in six has a shift outside [-23, -1] (one kind per
             * case, on one channel or more); one in twelve a bias outside
             * [-2^29, 2^29] on one channel or more */
            static const int8_t out_of_range[4] = {-24, -25, 0, 1};
            const int wild_bias = armk_rnd(&r) % 12 == 0;
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
                case 1: shift[c] = -1; break;
                default: shift[c] = (int8_t)armk_int(&r, -23, -1); break;
                }
                if (wild && (c == 0 || armk_rnd(&r) % 4 == 0)) shift[c] = wild_shift;
                switch (armk_rnd(&r) % 8) {
                case 0: va.bias[c] = (armk_rnd(&r) & 1) ? (1 << 29) : -(1 << 29); break;
                case 1: va.bias[c] = (int32_t)armk_rnd(&r) >> 4; break;
                default: va.bias[c] = armk_int(&r, -100000, 100000); break;
                }
                if (wild_bias && (c == OC - 1 || armk_rnd(&r) % 4 == 0))
                    va.bias[c] = (armk_rnd(&r) & 1) ? (1 << 29) + 1 : -(1 << 29) - 1;
            }
        }
        q.multiplier = mult;
        q.shift = shift;
        armk_fill_s8(&r, va.in, in_n, extreme);
        armk_fill_s8(&r, va.filt, OC * C, extreme || armk_rnd(&r) % 8 == 0);
        memset(va.ref, 0x5A, sizeof va.ref);
        memset(va.arm, 0x5A, sizeof va.arm);
        bias = armk_rnd(&r) % 8 ? va.bias : NULL;
        sr = mote_ref_conv2d_s8(p, &q, &s->in, va.in, &s->filter, va.filt, bias, &s->out, va.ref);
        /* in place: the output over the input (the row must refuse it) */
        if (inplace) memcpy(va.arm, va.in, (size_t)in_n);
        ins[0] = inplace ? (const void *)va.arm : (const void *)va.in;
        ins[1] = va.filt;
        ins[2] = bias;
        outs[0] = va.arm;
        io.in = ins;
        io.out = outs;
        io.scratch = NULL;
        if (inplace || !mote_arm_conv_pwk_fits(s)) {
            /* not the row's case: it must still refuse it at run time */
            if (mote_arm_conv_pwk_step(s, &io) != MOTE_E_ARG) {
                printf("pwk cases FAIL case %d: refused by fits, run by the step\n", i);
                ++*failed;
            } else {
                ++passed;
            }
            continue;
        }
        ++*taken;
        /* act_min >= zp: the loops without the sign correction (with
         * the range of all of int8: zp = -128, no clamp) */
        if (p->act_min >= p->output_offset) {
            ++relu;
            full += p->act_min <= -128 && p->act_max >= 127;
        }
        sa = mote_arm_conv_pwk_step(s, &io);
        if (sr != MOTE_OK || sa != MOTE_OK || memcmp(va.ref, va.arm, (size_t)out_n) != 0 ||
            memcmp(va.ref + out_n, va.arm + out_n, VA_GUARD) != 0) {
            if (*failed < 5)
                printf("pwk cases FAIL case %d n %ld %ldx%ldx%ld oc %ld zp %ld act [%ld, %ld]\n", i,
                       (long)s->in.n, (long)s->in.h, (long)s->in.w, (long)C, (long)OC,
                       (long)p->output_offset, (long)p->act_min, (long)p->act_max);
            ++*failed;
        } else {
            ++passed;
        }
    }
    printf("pwk cases: %d of the taken with act_min >= zp (the loops without the sign "
           "correction; %d of them zp = -128 and all of int8), %d with act_min < zp\n",
           relu, full, *taken - relu);
    if (n_cases >= 30 && (relu == 0 || full == 0 || *taken - relu == 0)) ++*failed;
    return passed;
}
