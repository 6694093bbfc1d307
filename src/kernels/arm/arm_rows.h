/*
 * arm_rows.h — the Arm DSP kernels as kernel-table rows (kernels.def): each
 * takes its kernel's parameter block and the operator's buffers, exactly as
 * the reference row does.
 *
 * The *_fits and *_scratch functions are portable (arm_rows.c), so the host
 * can plan memory for a Cortex-M target; the *_step functions exist only
 * where __ARM_FEATURE_DSP is defined (arm_steps_dsp.c).
 */
#ifndef MOTE_KERNELS_ARM_ROWS_H
#define MOTE_KERNELS_ARM_ROWS_H

#include <stdint.h>
#include "mote/kernels.h"

int mote_arm_conv2d_s8_step_fits(const void *step);
uint32_t mote_arm_conv2d_s8_step_scratch(const void *step);
int mote_arm_depthwise_conv2d_s8_step_fits(const void *step);
uint32_t mote_arm_depthwise_conv2d_s8_step_scratch(const void *step);
int mote_arm_fully_connected_s8_step_fits(const void *step);
uint32_t mote_arm_fully_connected_s8_step_scratch(const void *step);
int mote_arm_avg_pool_s8_step_fits(const void *step);
int mote_arm_max_pool_s8_step_fits(const void *step);

mote_status mote_arm_conv2d_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_depthwise_conv2d_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_fully_connected_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_avg_pool_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_max_pool_s8_step(const void *step, const mote_kernel_io *io);

#endif /* MOTE_KERNELS_ARM_ROWS_H */
