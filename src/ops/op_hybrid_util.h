/*
 * op_hybrid_util.h — lowering of hybrid operators (float32 activations, int8
 * weights with float scales: dynamic-range quantization) for CONV_2D,
 * DEPTHWISE_CONV_2D and FULLY_CONNECTED (op_hybrid_util.c), called by
 * op_conv_util.c and fully_connected.c from their float32 branch when the
 * weights are int8, once the type-independent checks are done.
 */
#ifndef MOTE_OPS_OP_HYBRID_UTIL_H
#define MOTE_OPS_OP_HYBRID_UTIL_H

#include "ops/op.h"

/* CONV_2D (dw 0) / DEPTHWISE_CONV_2D (dw 1): float input and output. */
mote_status mote_lower_conv_hybrid(mote_lower_ctx *c, int dw, int32_t activation,
                                   int32_t depth_multiplier, const mote_dims *in,
                                   const mote_dims *filter, const mote_dims *out,
                                   const mote_conv_geom *geom);

/* FULLY_CONNECTED: rows x depth float input, out_c outputs. */
mote_status mote_lower_fc_hybrid(mote_lower_ctx *c, int32_t activation, int32_t rows, int32_t depth,
                                 int32_t out_c);

/* BATCH_MATMUL: float lhs, constant int8 rhs; s holds the checked shapes. */
mote_status mote_lower_bmm_hybrid(mote_lower_ctx *c, const mote_bmm_step *s);

#endif /* MOTE_OPS_OP_HYBRID_UTIL_H */
