/*
 * arm_s16.h — 16x8 rows (int16 activations, int8 weights, int64 or int32
 * bias) for CONV_2D_S16, DEPTHWISE_CONV_2D_S16 and FULLY_CONNECTED_S16 on
 * cores with the DSP extension (s16_dsp.c) and with Helium (s16_mve.c).
 *
 * Same parameter blocks and buffers as the reference rows (kernels/ref/
 * conv2d_s16.c, depthwise_conv2d_s16.c, fully_connected_s16.c), same bytes
 * out. The fits functions are portable (s16_rows.c) so the host plans for
 * a Cortex-M target; the step functions exist only on the cores.
 *
 * What the rows refuse (the reference row runs those steps):
 *   CONV_2D_S16: grouped convolution (filter depth != input depth).
 *   DEPTHWISE_CONV_2D_S16: depth_multiplier != 1, and windows of more than
 *     MOTE_S16_DW_MAX_TAPS taps (the per-channel sums are int32: see
 *     s16_dsp.c).
 *   FULLY_CONNECTED_S16: nothing (any well-formed step).
 */
#ifndef MOTE_KERNELS_ARM_S16_H
#define MOTE_KERNELS_ARM_S16_H

#include <stdint.h>
#include "mote/kernels.h"

/* |w * x| <= 128 * 32768 = 2^22; 511 such products sum to less than 2^31. */
#define MOTE_S16_DW_MAX_TAPS 511

int mote_arm_conv2d_s16_step_fits(const void *step);
int mote_arm_depthwise_conv2d_s16_step_fits(const void *step);
int mote_arm_fully_connected_s16_step_fits(const void *step);

mote_status mote_arm_conv2d_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_depthwise_conv2d_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_fully_connected_s16_step(const void *step, const mote_kernel_io *io);

mote_status mote_mve_conv2d_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_mve_depthwise_conv2d_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_mve_fully_connected_s16_step(const void *step, const mote_kernel_io *io);

#endif /* MOTE_KERNELS_ARM_S16_H */
