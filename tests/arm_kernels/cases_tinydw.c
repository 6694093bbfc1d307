/*
 * cases_tinydw.c — random cases for the arm_dsp_tiny row (3x3 depthwise at
 * stride 1, padding 1, planes six or three pixels wide and 1..6 rows:
 * depthwise_conv2d_s8_tiny_dsp.c), against mote_ref_depthwise_conv2d_s8:
 * channels 4..32, shifts in and just outside [-22, -1] (the C channel
 * loop), biases at and past +-2^29, multipliers at both ends and 0,
 * inputs and filters at the int8 extremes, every activation form with
 * act_min >= zp (a range with act_min < zp must be refused by the row's
 * case: its stage has no sign correction; such a draw is checked refused,
 * then act_min raised to zp or above); a
 * quarter of the cases with channels at the stage's limits (shifts 0, -1,
 * -22, -23; biases +-2^29 and one past, +-(2^30 + 977), INT32_MIN / MAX)
 * anywhere in a group of four (the group call's check); a third
 * of the cases with every channel on the asm output stage. Each case must
 * be the row's (its case and the 3x3 path); guard bytes after the output
 * catch writes past it. Out of place only (the row's case).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "armk_rand.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"
#include "cases_dw_common.h"

int armk_cases_tinydw(int n_cases, int *passed, int *failed);

#define TDWC_MAX (6 * 6 * 32)
#define TDWC_GUARD 16

static int8_t tdwc_in[TDWC_MAX];
static int8_t tdwc_ref[TDWC_MAX + TDWC_GUARD];
static int8_t tdwc_arm[TDWC_MAX + TDWC_GUARD];
static int8_t tdwc_filt[9 * 32];
static int32_t tdwc_bias[32], tdwc_mult[32];
static int8_t tdwc_shift[32];

static armk_rng rng = {0x6A09E667u};

int armk_cases_tinydw(int n_cases, int *passed, int *failed)
{
    const armk_dw_io io = {tdwc_in,   tdwc_ref,   tdwc_arm,        tdwc_filt, tdwc_bias,
                           tdwc_mult, tdwc_shift, sizeof tdwc_ref, TDWC_GUARD};
    int ok = 0, bad = 0, refused = 0, i;
    for (i = 0; i < n_cases; ++i) {
        armk_dw_case k;
        const int extreme = armk_rnd(&rng) % 6 == 0;
        int32_t out_n, c;
        mote_status sr;
        armk_dw_shape(&k, &rng, 6, 1, 0, extreme);
        k.id.w = armk_rnd(&rng) % 2 ? 6 : 3;
        k.p.geom.stride_h = k.p.geom.stride_w = 1;
        (void)armk_dw_geom(&k);
        armk_dw_data(&k, &rng, &io);
        if (armk_rnd(&rng) % 4 == 0) /* one channel's bias anywhere */
            tdwc_bias[armk_rnd(&rng) % (uint32_t)k.id.c] = (int32_t)armk_rnd(&rng);
        if (armk_rnd(&rng) % 4 == 0) /* a few channels at the stage's limits, any group place */
            for (c = (int32_t)(armk_rnd(&rng) % 3); c < k.id.c;
                 c += 1 + (int32_t)(armk_rnd(&rng) % 5)) {
                static const int8_t sh_lim[4] = {0, -23, -1, -22};
                static const int32_t b_lim[8] = {
                    (1 << 29) - 1,    1 << 29,           -(1 << 29), -(1 << 29) - 1,
                    0x40000000 + 977, -0x40000000 - 977, INT32_MAX,  INT32_MIN};
                if (armk_rnd(&rng) & 1)
                    tdwc_shift[c] = sh_lim[armk_rnd(&rng) % 4];
                else
                    tdwc_bias[c] = b_lim[armk_rnd(&rng) % 8];
            }
        if (armk_rnd(&rng) % 3 == 0) /* every channel on the asm stage */
            for (c = 0; c < k.id.c; ++c) {
                if (tdwc_shift[c] > -1 || tdwc_shift[c] < -22) tdwc_shift[c] = -1;
                if (tdwc_bias[c] >= (1 << 29) || tdwc_bias[c] < -(1 << 29))
                    tdwc_bias[c] = armk_rnd(&rng) & 1 ? (1 << 29) - 1 : -(1 << 29);
            }
        if (k.p.act_min < k.p.output_offset) {
            /* not the row's: its stage needs act_min >= zp; then such a range */
            if (mote_arm_dw_tiny_case(&k.p, &k.id, &k.od)) {
                ++bad;
                if (bad <= 5) printf("tinydw cases: case %d (act_min < zp) on the row\n", i);
                continue;
            }
            ++refused;
            k.p.act_min =
                armk_rnd(&rng) % 2 ? k.p.output_offset : armk_int(&rng, k.p.output_offset, 127);
            if (k.p.act_max < k.p.act_min) k.p.act_max = k.p.act_min;
        }
        out_n = k.od.h * k.od.w * k.od.c;
        if (!mote_arm_dw_tiny_case(&k.p, &k.id, &k.od) ||
            mote_arm_dw_s8_path(&k.p, &k.id, &k.fd, &k.od, 0) != MOTE_ARM_DW_3X3) {
            ++bad;
            if (bad <= 5) printf("tinydw cases: case %d not on the row\n", i);
            continue;
        }
        sr = mote_ref_depthwise_conv2d_s8(&k.p, &k.q, &k.id, io.in, &k.fd, io.filt, k.bias, &k.od,
                                          io.ref);
        mote_arm_dw_tiny(&k.p, &k.q, &k.id, io.in, io.filt, k.bias, &k.od, io.arm);
        if (sr == MOTE_OK && memcmp(io.ref, io.arm, (size_t)out_n + TDWC_GUARD) == 0) {
            ++ok;
        } else {
            ++bad;
            if (bad <= 5)
                printf("tinydw cases FAIL case %d in %ldx%ldx%ld off %ld act [%ld, %ld]\n", i,
                       (long)k.id.h, (long)k.id.w, (long)k.id.c, (long)k.p.input_offset,
                       (long)k.p.act_min, (long)k.p.act_max);
        }
    }
    printf("depthwise 3x3 tiny-plane cases (arm_dsp_tiny): %d passed, %d failed (%d drawn with "
           "act_min < zp refused, then run with act_min >= zp)\n",
           ok, bad, refused);
    *passed += ok;
    *failed += bad;
    return ok;
}
