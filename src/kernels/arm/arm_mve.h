/*
 * arm_mve.h — the Helium (MVE) kernels of src/kernels/arm/mve_s8.c, for the
 * Cortex-M55. Same arguments and results as the reference kernels; no
 * scratch. Which steps they take: the DSP rows' fits for CONV_2D,
 * FULLY_CONNECTED and ADD (arm_kernels.h), and
 * mote_mve_depthwise_conv2d_s8_fits below (portable, arm_plan.c). The
 * kernels exist only where __ARM_FEATURE_MVE is defined.
 */
#ifndef MOTE_KERNELS_ARM_MVE_H
#define MOTE_KERNELS_ARM_MVE_H

#include <stdint.h>
#include "mote/kernels.h"

int mote_mve_depthwise_conv2d_s8_fits(const mote_conv_s8_params *p, const mote_dims *input_dims,
                                      const mote_dims *filter_dims, const mote_dims *output_dims);

mote_status mote_mve_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                               const mote_dims *input_dims, const int8_t *input,
                               const mote_dims *filter_dims, const int8_t *filter,
                               const int32_t *bias, const mote_dims *output_dims, int8_t *output);
mote_status mote_mve_depthwise_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                                         const mote_dims *input_dims, const int8_t *input,
                                         const mote_dims *filter_dims, const int8_t *filter,
                                         const int32_t *bias, const mote_dims *output_dims,
                                         int8_t *output);
/* mote_mve_depthwise_conv2d_s8 for the row calls of an in-place layer
 * (mote_arm_conv_rows): 3x3 rows of under MOTE_MVE_DW_ROW_W pixels on a
 * path of their own (mve_s8.c dw_row_mve), other calls as
 * mote_mve_depthwise_conv2d_s8. */
#define MOTE_MVE_DW_ROW_W 8
mote_status mote_mve_depthwise_conv2d_s8_row(const mote_conv_s8_params *p, const mote_requant *q,
                                             const mote_dims *input_dims, const int8_t *input,
                                             const mote_dims *filter_dims, const int8_t *filter,
                                             const int32_t *bias, const mote_dims *output_dims,
                                             int8_t *output);
mote_status mote_mve_fully_connected_s8(const mote_fc_s8_params *p, const mote_requant *q,
                                        int32_t batches, int32_t depth, int32_t out_c,
                                        const int8_t *input, const int8_t *filter,
                                        const int32_t *bias, int8_t *output);
/* ADD, same shapes (mote_arm_add_s8_fits). */
mote_status mote_mve_add_s8(const mote_add_s8_params *p, const mote_dims *in1_dims,
                            const int8_t *in1, const mote_dims *in2_dims, const int8_t *in2,
                            const mote_dims *output_dims, int8_t *output);

#endif /* MOTE_KERNELS_ARM_MVE_H */
