/*
 * mote/kernels_s16.h — int16 activations with int8 weights ("16x8"), as
 * TFLite quantizes them, and int8 activations with packed int4 weights
 * (included by mote/kernels.h).
 *
 * int16 activations are symmetric (zero point 0), so these kernels carry no
 * input or output offsets. CONV_2D accumulates in int32 when the model's
 * bias is int32, in int64 when it is int64 or absent; DEPTHWISE_CONV_2D and
 * FULLY_CONNECTED always accumulate in int64 with an int64 bias (TFLite
 * Micro's reference kernels). The 64-bit accumulators requantize with
 * TFLite's int64 MultiplyByQuantizedMultiplier (a 16-bit rounded
 * multiplier, one rounding shift): base/fixedpoint.h mote_requantize64.
 */
#ifndef MOTE_KERNELS_S16_H
#define MOTE_KERNELS_S16_H

#include <stdint.h>
#include "mote/status.h"

/* CONV_2D and DEPTHWISE_CONV_2D, int16 in/out, int8 weights (symmetric),
 * bias int32 / int64 / none. A requantization table (int32 multiplier
 * [channels], int8 shift [channels]) follows the block. */
typedef struct mote_conv_s16_step {
    mote_conv_geom geom;
    int32_t depth_multiplier; /* depthwise only, >= 1 */
    int32_t act_min, act_max; /* clamp in output units, inside int16 */
    int32_t acc64;            /* 1: int64 accumulator (bias int64 or none); 0: int32 (bias int32) */
    mote_dims in, filter, out;
    int32_t channels; /* requantization entries that follow: out.c, or 1 (per tensor) */
} mote_conv_s16_step;

/* FULLY_CONNECTED, int16 in/out, int8 weights, int64 bias or none, int64
 * accumulator. Requantization table of `channels` entries follows. */
typedef struct mote_fc_s16_step {
    int32_t act_min, act_max;
    int32_t per_channel; /* nonzero: out_c entries; zero: 1 */
    int32_t batches, depth, out_c;
    int32_t channels;
} mote_fc_s16_step;

mote_status mote_ref_conv2d_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_depthwise_conv2d_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_fully_connected_s16_step(const void *step, const mote_kernel_io *io);

/* AVERAGE_POOL_2D / MAX_POOL_2D, int16 (the int8 pools' block, mote_pool_s8_step;
 * act_min / act_max in int16 units). */
mote_status mote_ref_avg_pool_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_max_pool_s16_step(const void *step, const mote_kernel_io *io);

/* CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED with int8 activations and
 * packed int4 weights (src/kernels/ref/mac_s8_i4.c): the int8 kernels'
 * blocks (mote_conv_s8_step, mote_fc_s8_step); the weights buffer holds
 * ceil(n / 2) bytes, element 2i in the low nibble of byte i. */
mote_status mote_ref_conv2d_s8_i4_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_depthwise_conv2d_s8_i4_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_fully_connected_s8_i4_step(const void *step, const mote_kernel_io *io);

#endif /* MOTE_KERNELS_S16_H */
