/*
 * mote/kernels_hybrid.h — hybrid kernels (dynamic-range quantization): int8
 * weights with float scales, float32 activations (included by
 * mote/kernels.h). They follow LiteRT's hybrid kernels, which TFLite Micro
 * does not have:
 *
 *   1. each batch item (FULLY_CONNECTED: each row of `depth` inputs; the
 *      convolutions: each [h, w, c] image) is quantized to int8 on the fly,
 *      into the step's scratch: symmetric (scale max|x| / 127, zero point 0)
 *      or asymmetric (scale (max - min) / 255 over a range holding 0, a
 *      nudged zero point), exactly as LiteRT's SymmetricQuantizeFloats /
 *      AsymmetricQuantizeFloats;
 *   2. int8 x int8 products are accumulated in int32 (padding taps add
 *      nothing: they are the real value 0);
 *   3. the sum goes back to float with the input's scale times the weights'
 *      scale (per output channel or per tensor), then the float bias and
 *      the fused activation clamp.
 *
 * The weights' float scales follow the block, `channels` of them, in the
 * slots of a requantization table (float bits where the multipliers would
 * be, then `channels` unused bytes); mote_step_hybrid_scales() finds them.
 */
#ifndef MOTE_KERNELS_HYBRID_H
#define MOTE_KERNELS_HYBRID_H

#include <stdint.h>
#include "mote/status.h"

/* CONV_2D and DEPTHWISE_CONV_2D: float input and output, int8 weights,
 * float bias or none. */
typedef struct mote_conv_hybrid_step {
    mote_conv_geom geom;
    int32_t depth_multiplier; /* depthwise only, >= 1 */
    float act_min, act_max;   /* -INFINITY / INFINITY for no activation */
    int32_t asymmetric;       /* 1: asymmetric input quantization; 0: symmetric */
    int32_t per_channel;      /* 1: one weight scale per output channel (or 1, broadcast) */
    mote_dims in, filter, out;
    int32_t channels; /* weight scales that follow the block: out.c or 1 */
} mote_conv_hybrid_step;

/* FULLY_CONNECTED: input rows of `depth` floats, weights [out_c, depth]
 * int8, float bias or none. */
typedef struct mote_fc_hybrid_step {
    float act_min, act_max;
    int32_t asymmetric;  /* FullyConnectedOptions.asymmetric_quantize_inputs */
    int32_t per_channel; /* 1: out_c weight scales; 0: one */
    int32_t batches, depth, out_c;
    int32_t channels; /* weight scales that follow the block: out_c or 1 */
} mote_fc_hybrid_step;

/* BATCH_MATMUL: float lhs, constant int8 rhs (the weights), float output.
 * Each lhs row (depth values, whatever adj_x) is quantized on its own;
 * the weight scales are per output column (cols of them) or one. */
typedef struct mote_bmm_hybrid_step {
    mote_bmm_step b;     /* shapes, broadcast strides, adj_x / adj_y (quantization unused) */
    int32_t asymmetric;  /* BatchMatMulOptions.asymmetric_quantize_inputs */
    int32_t per_channel; /* 1: cols weight scales; 0: one */
    int32_t channels;    /* weight scales that follow the block: cols or 1 */
} mote_bmm_hybrid_step;

/* The float weight scales that follow a block of `block_bytes` bytes. */
static inline const float *mote_step_hybrid_scales(const void *block, uint32_t block_bytes)
{
    return (const float *)(const void *)((const uint8_t *)block + block_bytes);
}

/* Scratch: one batch item quantized to int8. */
uint32_t mote_ref_conv_hybrid_scratch(const void *step);
uint32_t mote_ref_fc_hybrid_scratch(const void *step);
uint32_t mote_ref_bmm_hybrid_scratch(const void *step); /* one row: depth floats and bytes */

mote_status mote_ref_conv2d_hybrid_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_depthwise_conv2d_hybrid_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_fully_connected_hybrid_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_batch_matmul_hybrid_step(const void *step, const mote_kernel_io *io);

#endif /* MOTE_KERNELS_HYBRID_H */
