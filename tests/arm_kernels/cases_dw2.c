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
#include "cases_dw_common.h"

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
static armk_rng rngb = {0x3C6EF372u}; /* the band-shaped cases' own */
static armk_rng rngc = {0x5851F42Du}; /* the three-output lines' own */

int mote_test_dw2_cases(int n_cases, int *failed, int *taken)
{
    const armk_dw_io io = {dw2c_in,   dw2c_ref,   dw2c_arm,        dw2c_filt, dw2c_bias,
                           dw2c_mult, dw2c_shift, sizeof dw2c_ref, DW2C_GUARD};
    int passed = 0, i;
    *failed = 0;
    *taken = 0;
    for (i = 0; i < n_cases; ++i) {
        armk_dw_case k;
        const int same = armk_rnd(&rng) % 4 != 0;
        const int extreme = armk_rnd(&rng) % 6 == 0;
        armk_dw_shape(&k, &rng, 45, same, 0, extreme);
        /* stride 2 both ways, or one way (either line direction) */
        k.p.geom.stride_h = armk_rnd(&rng) % 3 == 0 ? 1 : 2;
        k.p.geom.stride_w = k.p.geom.stride_h == 1 || armk_rnd(&rng) % 2 ? 2 : 1;
        if (!armk_dw_geom(&k) || k.id.h * k.id.w * k.id.c > DW2C_MAX) {
            --i;
            continue;
        }
        armk_dw_data(&k, &rng, &io);
        *taken += mote_arm_dw_s8_path(&k.p, &k.id, &k.fd, &k.od, 0) == MOTE_ARM_DW_3X3 &&
                  mote_arm_dw_3x3_s2_case(&k.p, &k.id, &k.od) && !mote_arm_dw_3x3_px_case(&k.od);
        if (armk_dw_check(&k, &io, "dw2", i, *failed))
            ++passed;
        else
            ++*failed;
    }
    /* a quarter more: band-shaped calls (armk_dw_band; VWW layer 3's: one
     * output line of 24, two chunks) */
    for (i = 0; i < n_cases / 4; ++i) {
        armk_dw_case k;
        const int extreme = armk_rnd(&rngb) % 6 == 0;
        const int32_t sa = 1 + (int32_t)(armk_rnd(&rngb) % 2);
        armk_dw_shape(&k, &rngb, 45, 1, 0, extreme);
        if (!armk_dw_band(&k, &rngb, 45, 2, sa, DW2C_MAX)) {
            --i;
            continue;
        }
        armk_dw_data(&k, &rngb, &io);
        if (armk_rnd(&rngb) % 4 == 0) /* one bias anywhere (past 2^30: the int8 rows) */
            dw2c_bias[armk_rnd(&rngb) % (uint32_t)k.id.c] = (int32_t)armk_rnd(&rngb);
        *taken += mote_arm_dw_s8_path(&k.p, &k.id, &k.fd, &k.od, 0) == MOTE_ARM_DW_3X3 &&
                  mote_arm_dw_3x3_s2_case(&k.p, &k.id, &k.od) && !mote_arm_dw_3x3_px_case(&k.od);
        if (armk_dw_check(&k, &io, "dw2 band", i, *failed))
            ++passed;
        else
            ++*failed;
    }
    /* a quarter more: lines of three stride-2 outputs (3x3 outputs: the px
     * row's int16 lines), of six (two steps of three: VWW layer 11) or of
     * fifteen (a chunk of twelve, then three; the s2 row): dw3s_line23 (VWW
     * layer 23, 6x6 -> 3x3); lines are rows or columns, the other side at
     * stride 1 or 2 (redrawn when the lines would turn) */
    for (i = 0; i < n_cases / 4; ++i) {
        armk_dw_case k;
        const int same = armk_rnd(&rngc) % 4 != 0;
        const int extreme = armk_rnd(&rngc) % 6 == 0;
        const int rows = armk_rnd(&rngc) % 2;
        const uint32_t pick = armk_rnd(&rngc) % 3;
        const int32_t nout = pick == 0 ? 3 : pick == 1 ? 6 : 15;
        const int32_t along = 2 * nout - 1 + (same ? 0 : 2) + (int32_t)(armk_rnd(&rngc) % 2);
        const int32_t sa = 1 + (int32_t)(armk_rnd(&rngc) % 2);
        const int32_t across =
            nout == 3 ? (sa == 1 ? 3 : 5 + (int32_t)(armk_rnd(&rngc) % 2)) + (same ? 0 : 2)
                      : armk_int(&rngc, 3, nout + 2);
        armk_dw_shape(&k, &rngc, 12, same, 0, extreme);
        if (rows)
            k.id.w = along, k.id.h = across, k.p.geom.stride_w = 2, k.p.geom.stride_h = sa;
        else
            k.id.h = along, k.id.w = across, k.p.geom.stride_h = 2, k.p.geom.stride_w = sa;
        if (!armk_dw_geom(&k) || k.id.h * k.id.w * k.id.c > DW2C_MAX ||
            (nout > 3 && (rows ? k.od.h > k.od.w : k.od.h <= k.od.w))) {
            --i;
            continue;
        }
        armk_dw_data(&k, &rngc, &io);
        if (armk_rnd(&rngc) % 4) { /* mostly every channel in the int16 lines' range */
            int32_t c;
            for (c = 0; c < k.id.c; ++c) {
                if (dw2c_shift[c] > -1 || dw2c_shift[c] < -22) dw2c_shift[c] = -11;
                dw2c_bias[c] %= 1 << 29;
            }
        }
        *taken += mote_arm_dw_s8_path(&k.p, &k.id, &k.fd, &k.od, 0) == MOTE_ARM_DW_3X3 &&
                  mote_arm_dw_3x3_s2_case(&k.p, &k.id, &k.od) && !mote_arm_dw_3x3_px_case(&k.od);
        if (armk_dw_check(&k, &io, "dw2 three", i, *failed))
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
               "dw2", (long)ge, (long)ge_full, (long)lt);
        if (n_cases >= 30 && (ge == 0 || ge_full == 0 || lt == 0)) ++*failed;
    }
    return passed;
}
