/*
 * arm_kernels.h — int8 kernels for Cortex-M cores with the DSP extension
 * (Cortex-M4, M7, M33, M55: SXTB16, SMLAD, SMLABB, ... through ACLE).
 *
 * Every kernel produces output bytes identical to the matching mote_ref_*
 * kernel (include/mote/kernels.h) for every input it accepts. Each kernel K
 * comes with three functions:
 *
 *   mote_arm_K(...ref parameters..., void *scratch)
 *       the kernel. scratch: mote_arm_K_scratch_bytes() bytes, 16-byte
 *       aligned, valid during the call only (NULL allowed when that is 0).
 *       Same argument checks and statuses as the reference kernel, plus
 *       MOTE_E_ARG when the case does not fit (see below) or scratch is
 *       missing.
 *   mote_arm_K_fits(params, dims)
 *       nonzero when mote_arm_K handles this case; otherwise call the
 *       reference kernel.
 *   mote_arm_K_scratch_bytes(params, dims)
 *       the scratch bytes mote_arm_K needs (0 when none).
 *
 * The _fits and _scratch_bytes functions are portable C (src/kernels/arm/
 * arm_plan.c) so a host tool can plan memory for a Cortex-M target. The
 * kernels themselves (the *_dsp.c files) compile to nothing unless
 * __ARM_FEATURE_DSP is defined.
 *
 * Arithmetic: accumulators are int32 and wrap exactly as the reference's
 * do; the bias seeds the accumulator (the same sum modulo 2^32). The
 * requantization (arm_requant.h) is an exact rewrite of mote_requantize()
 * for multipliers in [0, 2^31), the range mote_requant documents.
 */
#ifndef MOTE_KERNELS_ARM_KERNELS_H
#define MOTE_KERNELS_ARM_KERNELS_H

#include <stdint.h>
#include "mote/kernels.h"

/* ---- CONV_2D (groups = 1: filter depth equals input depth) ------------- */
mote_status mote_arm_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                               const mote_dims *input_dims, const int8_t *input,
                               const mote_dims *filter_dims, const int8_t *filter,
                               const int32_t *bias, const mote_dims *output_dims, int8_t *output,
                               void *scratch);
int mote_arm_conv2d_s8_fits(const mote_conv_s8_params *p, const mote_dims *input_dims,
                            const mote_dims *filter_dims, const mote_dims *output_dims);
uint32_t mote_arm_conv2d_s8_scratch_bytes(const mote_conv_s8_params *p, const mote_dims *input_dims,
                                          const mote_dims *filter_dims,
                                          const mote_dims *output_dims);

/* ---- DEPTHWISE_CONV_2D (depth_multiplier 1, at most 25 taps) ----------- */
#define MOTE_ARM_DW_MAX_TAPS 25
mote_status mote_arm_depthwise_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                                         const mote_dims *input_dims, const int8_t *input,
                                         const mote_dims *filter_dims, const int8_t *filter,
                                         const int32_t *bias, const mote_dims *output_dims,
                                         int8_t *output, void *scratch);
int mote_arm_depthwise_conv2d_s8_fits(const mote_conv_s8_params *p, const mote_dims *input_dims,
                                      const mote_dims *filter_dims, const mote_dims *output_dims);
uint32_t mote_arm_depthwise_conv2d_s8_scratch_bytes(const mote_conv_s8_params *p,
                                                    const mote_dims *input_dims,
                                                    const mote_dims *filter_dims,
                                                    const mote_dims *output_dims);

/* ---- FULLY_CONNECTED (filter_offset 0: symmetric weights) -------------- */
mote_status mote_arm_fully_connected_s8(const mote_fc_s8_params *p, const mote_requant *q,
                                        int32_t batches, int32_t depth, int32_t out_c,
                                        const int8_t *input, const int8_t *filter,
                                        const int32_t *bias, int8_t *output, void *scratch);
int mote_arm_fully_connected_s8_fits(const mote_fc_s8_params *p, int32_t batches, int32_t depth,
                                     int32_t out_c);
uint32_t mote_arm_fully_connected_s8_scratch_bytes(const mote_fc_s8_params *p, int32_t batches,
                                                   int32_t depth, int32_t out_c);

/* ---- AVERAGE_POOL_2D / MAX_POOL_2D ------------------------------------- */
mote_status mote_arm_avg_pool_s8(const mote_pool_s8_params *p, const mote_dims *input_dims,
                                 const int8_t *input, const mote_dims *output_dims, int8_t *output,
                                 void *scratch);
int mote_arm_avg_pool_s8_fits(const mote_pool_s8_params *p, const mote_dims *input_dims,
                              const mote_dims *output_dims);
uint32_t mote_arm_avg_pool_s8_scratch_bytes(const mote_pool_s8_params *p,
                                            const mote_dims *input_dims,
                                            const mote_dims *output_dims);

mote_status mote_arm_max_pool_s8(const mote_pool_s8_params *p, const mote_dims *input_dims,
                                 const int8_t *input, const mote_dims *output_dims, int8_t *output,
                                 void *scratch);
int mote_arm_max_pool_s8_fits(const mote_pool_s8_params *p, const mote_dims *input_dims,
                              const mote_dims *output_dims);
uint32_t mote_arm_max_pool_s8_scratch_bytes(const mote_pool_s8_params *p,
                                            const mote_dims *input_dims,
                                            const mote_dims *output_dims);

/* ---- ADD (same-shape inputs; shifts <= 0, as TFLite's lowering makes) -- */
mote_status mote_arm_add_s8(const mote_add_s8_params *p, const mote_dims *in1_dims,
                            const int8_t *in1, const mote_dims *in2_dims, const int8_t *in2,
                            const mote_dims *output_dims, int8_t *output, void *scratch);
int mote_arm_add_s8_fits(const mote_add_s8_params *p, const mote_dims *in1_dims,
                         const mote_dims *in2_dims, const mote_dims *output_dims);

#endif /* MOTE_KERNELS_ARM_KERNELS_H */
