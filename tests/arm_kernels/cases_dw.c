/*
 * cases_dw.c — random cases aimed at the int16-line path of the 3x3 Arm DSP
 * depthwise kernel (depthwise_conv2d_s8_3x3_dsp.c: int16 lines, SMLAD tap
 * pairs, the SMMLAR output stage): 3x3, stride 1, channels a multiple of 4,
 * rows and columns 1..31 (both line directions, odd and even lengths, past
 * the path's 27 outputs per line), strides 1 and 2 each way (now and then
 * 3 or 4 one way), SAME and
 * VALID, in place (stride 1), shifts in and
 * just outside [-22, -1], biases up to and past 2^29, multipliers at both
 * ends of [2^30, 2^31) and 0, inputs and filters at the int8 extremes. The
 * expected output is mote_ref_depthwise_conv2d_s8's; guard bytes after the
 * output catch writes past it. Then a quarter more shaped as a band
 * chain's calls (one or two output lines on long lines: several chunks,
 * each in ring slots of its own).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "armk_rand.h"
#include "cases_bufs.h"
#include "cases_dw_common.h"

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
static armk_rng rngb = {0x7F4A7C15u}; /* the band-shaped cases' own */

int mote_test_dw_cases(int n_cases, int *failed)
{
    const armk_dw_io io = {dwc_in,   dwc_ref,   dwc_arm,        dwc_filt, dwc_bias,
                           dwc_mult, dwc_shift, sizeof dwc_ref, DWC_GUARD};
    int passed = 0, i;
    *failed = 0;
    for (i = 0; i < n_cases; ++i) {
        armk_dw_case k;
        const int same = armk_rnd(&rng) % 4 != 0, inplace = same && armk_rnd(&rng) % 2;
        const int extreme = armk_rnd(&rng) % 6 == 0;
        armk_dw_shape(&k, &rng, 31, same, inplace, extreme);
        /* stride 1 (in place too), or 2 one way or both (out of place) */
        k.p.geom.stride_h = inplace || armk_rnd(&rng) % 2 ? 1 : 2;
        k.p.geom.stride_w = inplace || armk_rnd(&rng) % 2 ? 1 : 2;
        /* now and then 3 or 4 one way (out of place): across the lines, the
         * windows share no line and the ring skips lines no window reads;
         * along them the path refuses (the padded int8 rows) */
        if (!inplace && armk_rnd(&rng) % 5 == 0) {
            if (armk_rnd(&rng) % 2)
                k.p.geom.stride_h = 3 + (int32_t)(armk_rnd(&rng) % 2);
            else
                k.p.geom.stride_w = 3 + (int32_t)(armk_rnd(&rng) % 2);
        }
        if (!armk_dw_geom(&k)) {
            --i;
            continue;
        }
        armk_dw_data(&k, &rng, &io);
        if (armk_dw_check(&k, &io, "dw", i, *failed))
            ++passed;
        else
            ++*failed;
    }
    /* a quarter more: band-shaped calls (armk_dw_band), either stride along
     * the lines (stride 2 here: dw3s_line dropping every other output) */
    for (i = 0; i < n_cases / 4; ++i) {
        armk_dw_case k;
        const int extreme = armk_rnd(&rngb) % 6 == 0;
        const int32_t sl = 1 + (int32_t)(armk_rnd(&rngb) % 2),
                      sa = 1 + (int32_t)(armk_rnd(&rngb) % 2);
        armk_dw_shape(&k, &rngb, 31, 1, 0, extreme);
        if (!armk_dw_band(&k, &rngb, 31, sl, sa, DWC_MAX)) {
            --i;
            continue;
        }
        armk_dw_data(&k, &rngb, &io);
        if (armk_rnd(&rngb) % 4 == 0) /* one bias anywhere (past 2^30: the int8 rows) */
            dwc_bias[armk_rnd(&rngb) % (uint32_t)k.id.c] = (int32_t)armk_rnd(&rngb);
        if (armk_dw_check(&k, &io, "dw band", i, *failed))
            ++passed;
        else
            ++*failed;
    }
    {
        /* both output stages of the int16 lines (act_min >= zp: without the
         * sign correction) must have run */
        int32_t ge, ge_full, lt;
        armk_dw_ranges(&ge, &ge_full, &lt);
        printf("%s cases: %ld with act_min >= zp (%ld of them zp = -128, all of int8), %ld with "
               "act_min < zp\n",
               "dw", (long)ge, (long)ge_full, (long)lt);
        if (n_cases >= 30 && (ge == 0 || ge_full == 0 || lt == 0)) ++*failed;
    }
    return passed;
}
