/* cases_dw_common.h — the random-case set-up and check shared by cases_dw.c
 * and cases_dw2.c (3x3 depthwise, depth multiplier 1, channels a multiple
 * of 4). Each file draws its own flags, sizes and strides from its own
 * generator; these helpers draw the rest in one fixed order. */
#ifndef TESTS_ARM_KERNELS_CASES_DW_COMMON_H
#define TESTS_ARM_KERNELS_CASES_DW_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include "mote/kernels.h"
#include "armk_rand.h"

/* A case's buffers: ref and arm hold `cap` bytes, the last `guard` of them
 * past any output; filt, bias, mult and shift hold 32 channels. */
typedef struct armk_dw_io {
    int8_t *in, *ref, *arm, *filt;
    int32_t *bias, *mult;
    int8_t *shift;
    size_t cap;
    int32_t guard;
} armk_dw_io;

typedef struct armk_dw_case {
    mote_conv_s8_params p;
    mote_requant q;
    mote_dims id, fd, od;
    const int32_t *bias;
    int same, inplace, extreme;
} armk_dw_case;

/* Zeroes the parameters, then draws the input's rows and columns (1..max_hw)
 * and channels (4..32): a 3x3 filter, multiplier 1, no dilation. */
void armk_dw_shape(armk_dw_case *k, armk_rng *r, int32_t max_hw, int same, int inplace,
                   int extreme);
/* With the strides set: the output's shape and SAME padding; 0 when a VALID
 * case has an input smaller than the filter (draw another). */
int armk_dw_geom(armk_dw_case *k);
/* Instead of armk_dw_geom, a band chain's call (after armk_dw_shape): one
 * or two output lines across, top padding 0 or 1, the input's lines cut
 * (fewer than the windows span, or one more), the lines (rows or columns)
 * SAME, half the time max_hw - 3 .. max_hw long (several chunks); strides
 * s_along the lines and s_across. 0 when input or output would pass max
 * bytes (draw another). */
int armk_dw_band(armk_dw_case *k, armk_rng *r, int32_t max_hw, int32_t s_along, int32_t s_across,
                 int32_t max);
/* Draws the offsets, activation, per-channel quantization, input, filter
 * and bias (or none), and fills ref and arm with 0x5A. */
void armk_dw_data(armk_dw_case *k, armk_rng *r, const armk_dw_io *io);
/* Runs the reference and the Arm kernel (in place when asked): 1 when they
 * agree, guard bytes included; otherwise 0, printed while `failed` < 5. */
int armk_dw_check(const armk_dw_case *k, const armk_dw_io *io, const char *name, int i, int failed);
/* The cases armk_dw_check ran since the last call by activation range:
 * act_min >= zp (the int16 lines without the output stage's sign
 * correction), of them zp = -128 with all of int8, and act_min < zp; then
 * the counts start again from 0. */
void armk_dw_ranges(int32_t *ge, int32_t *ge_full, int32_t *lt);

#endif
