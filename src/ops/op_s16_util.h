/*
 * op_s16_util.h — lowering of int16 activations with int8 weights (16x8) for the
 * windowed and matrix operators (op_s16_util.c), called by op_conv_util.c and
 * fully_connected.c once the type-independent checks (options, shapes,
 * geometry) are done.
 */
#ifndef MOTE_OPS_OP_S16_UTIL_H
#define MOTE_OPS_OP_S16_UTIL_H

#include "ops/op.h"

/* CONV_2D (dw 0) / DEPTHWISE_CONV_2D (dw 1), int16 input and output. */
mote_status mote_lower_conv_s16(mote_lower_ctx *c, int dw, int32_t activation,
                                int32_t depth_multiplier, const mote_dims *in,
                                const mote_dims *filter, const mote_dims *out,
                                const mote_conv_geom *geom);

/* FULLY_CONNECTED, int16: rows x depth input, out_c outputs. */
mote_status mote_lower_fc_s16(mote_lower_ctx *c, int32_t activation, int32_t rows, int32_t depth,
                              int32_t out_c);

/* AVERAGE_POOL_2D (avg 1) / MAX_POOL_2D (avg 0), int16. */
mote_status mote_lower_pool_s16(mote_lower_ctx *c, int avg, int32_t activation, int32_t filter_h,
                                int32_t filter_w, const mote_dims *in, const mote_dims *out,
                                const mote_conv_geom *geom);

/* Packed int4 weights (input 1) of an int8 CONV_2D / DEPTHWISE_CONV_2D /
 * FULLY_CONNECTED: constant, exactly ceil(elements / 2) bytes (the reader
 * cannot size sub-byte types; the kernels read every nibble). */
mote_status mote_lower_int4_weights(mote_lower_ctx *c);

#endif /* MOTE_OPS_OP_S16_UTIL_H */
