/*
 * cases_conv.c — fixed cases for the Arm DSP 2x2 CONV_2D path's output
 * stage (h-conv): the output zero point folded into the high-word addend
 * of the requantization, which holds for shifts in [-23, -2]. Each case is
 * checked against the reference kernel byte for byte, and the 2x2 entry
 * point must take (shifts -23 .. -2) or refuse (a shift of -24 or -1) it
 * as the rule says, so a wrong fold or a wrong bound fails here.
 *
 * The extremes: shifts -23 and -2, output zero points -128 and 127,
 * multipliers 2^31 - 1 and 2^30, biases near +-2^30 (accumulators far
 * from zero), full and narrow activation ranges; the three 2x2 shapes
 * (K = 144 from whole groups, K = 27 padded to 32, K = 576).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"

int armk_cases_conv(int *passed, int *failed);

#if defined(__ARM_FEATURE_DSP)

#define CC_IN (6 * 6 * 64)
#define CC_OC 16
#define CC_FILT (CC_OC * 576)
#define CC_OUT (6 * 6 * CC_OC)

static int8_t cc_in[CC_IN], cc_filt[CC_FILT], cc_ref[CC_OUT], cc_arm[CC_OUT];
static int32_t cc_mult[CC_OC], cc_bias[CC_OC];
static int8_t cc_shift[CC_OC];

static uint32_t cc_state = 12345u;
static uint32_t cc_rnd(void)
{
    cc_state = cc_state * 1664525u + 1013904223u;
    return cc_state >> 8;
}

/* One case: shape (C, KH = KW, stride), every channel's shift from
 * `shifts` (n of them, cycled), then the kernel's answer vs the
 * reference's; `take`: whether the 2x2 path must take it. */
static void cc_case(int *passed, int *failed, int32_t C, int32_t KS, int32_t stride,
                    const int8_t *shifts, int n, int32_t ooff, int32_t lo, int32_t hi, int big,
                    int take)
{
    mote_conv_s8_params p;
    mote_requant q;
    mote_dims id, fd, od;
    int32_t i, out_n;
    int took, ok;
    memset(&p, 0, sizeof p);
    id.n = od.n = 1;
    id.h = id.w = 6;
    id.c = fd.c = C;
    fd.n = od.c = CC_OC;
    fd.h = fd.w = KS;
    p.geom.stride_h = p.geom.stride_w = stride;
    p.geom.dilation_h = p.geom.dilation_w = 1;
    p.geom.pad_h = p.geom.pad_w = (KS - 1) / 2; /* SAME for odd KS at stride 1 */
    od.h = od.w = (id.h + 2 * p.geom.pad_h - KS) / stride + 1;
    p.input_offset = -(int32_t)(cc_rnd() % 256) + 128;
    p.output_offset = ooff;
    p.act_min = lo;
    p.act_max = hi;
    for (i = 0; i < CC_OC; ++i) {
        cc_mult[i] = i % 3 == 0   ? INT32_MAX
                     : i % 3 == 1 ? (1 << 30)
                                  : (int32_t)((1u << 30) | cc_rnd());
        cc_shift[i] = shifts[i % n];
        cc_bias[i] = big ? (i % 2 ? 1 : -1) * ((1 << 30) - (int32_t)(cc_rnd() % 4096))
                         : (int32_t)(cc_rnd() % 20001) - 10000;
    }
    for (i = 0; i < id.h * id.w * C; ++i)
        cc_in[i] = (int8_t)(cc_rnd() & 0xff);
    for (i = 0; i < CC_OC * KS * KS * C; ++i)
        cc_filt[i] = (int8_t)(cc_rnd() & 0xff);
    q.multiplier = cc_mult;
    q.shift = cc_shift;
    out_n = od.h * od.w * CC_OC;
    memset(cc_ref, 0x55, sizeof cc_ref);
    memset(cc_arm, 0x2a, sizeof cc_arm);
    (void)mote_ref_conv2d_s8(&p, &q, &id, cc_in, &fd, cc_filt, cc_bias, &od, cc_ref);
    took = mote_arm_conv_2x2(&p, &q, &id, cc_in, &fd, cc_filt, cc_bias, &od, cc_arm);
    if (!took) /* as the kernel does then */
        (void)mote_arm_conv2d_s8(&p, &q, &id, cc_in, &fd, cc_filt, cc_bias, &od, cc_arm, NULL);
    ok = took == take && memcmp(cc_ref, cc_arm, (size_t)out_n) == 0;
    if (ok) {
        ++*passed;
    } else {
        ++*failed;
        printf("FAIL cases_conv: C %ld k %ld s %ld shift %d ooff %ld act [%ld, %ld] big %d: "
               "took %d (want %d), bytes %s\n",
               (long)C, (long)KS, (long)stride, (int)shifts[0], (long)ooff, (long)lo, (long)hi, big,
               took, take, memcmp(cc_ref, cc_arm, (size_t)out_n) == 0 ? "same" : "differ");
    }
}

int armk_cases_conv(int *passed, int *failed)
{
    static const int8_t edge[] = {-23, -2, -23, -13, -22, -2, -3, -23};
    static const int8_t low[] = {-23};
    static const int8_t high[] = {-2};
    static const int8_t past[] = {-12, -12, -12, -24}; /* one channel past the fold */
    static const int8_t above[] = {-12, -1};           /* one channel above -2 */
    static const int32_t shapes[3][3] = {{16, 3, 1}, {3, 3, 1}, {64, 3, 2}};
    static const int32_t acts[3][2] = {{-128, 127}, {-20, 127}, {-100, 90}};
    static const int32_t ooffs[4] = {-128, 127, 0, -5};
    int s, a, o, big, np = 0, nf = 0;
    for (s = 0; s < 3; ++s) {
        const int32_t C = shapes[s][0], K = shapes[s][1], st = shapes[s][2];
        for (a = 0; a < 3; ++a)
            for (o = 0; o < 4; ++o)
                for (big = 0; big < 2; ++big) {
                    cc_case(&np, &nf, C, K, st, edge, 8, ooffs[o], acts[a][0], acts[a][1], big, 1);
                    cc_case(&np, &nf, C, K, st, low, 1, ooffs[o], acts[a][0], acts[a][1], big, 1);
                    cc_case(&np, &nf, C, K, st, high, 1, ooffs[o], acts[a][0], acts[a][1], big, 1);
                }
        cc_case(&np, &nf, C, K, st, past, 4, 127, -128, 127, 1, 0);
        cc_case(&np, &nf, C, K, st, above, 2, -128, -128, 127, 0, 0);
    }
    printf("conv2d_s8 2x2 output stage cases: %d passed, %d failed\n", np, nf);
    *passed += np;
    *failed += nf;
    return nf;
}

#else
int armk_cases_conv(int *passed, int *failed)
{
    (void)passed;
    (void)failed;
    return 0;
}
#endif
