/*
 * op_reduce_util.h — what the reductions' lowerings share (op_reduce_util.c):
 * the constant axis operand, the merged iteration space of
 * mote/kernels_reduce.h, and the integer MEAN / SUM requantization with its
 * overflow bound.
 */
#ifndef MOTE_OPS_OP_REDUCE_UTIL_H
#define MOTE_OPS_OP_REDUCE_UTIL_H

#include "ops/op.h"

/* MEAN / SUM / REDUCE_MAX / REDUCE_MIN: input 1 is a constant int32 axis
 * list (values in [-rank, rank), repeats allowed), options ReducerOptions
 * (field 0 keep_dims), the output has the reduced element count. Fills the
 * geometry of *s (rank, dims, out_stride, element counts). */
mote_status mote_reduce_geometry(mote_lower_ctx *c, mote_reduce_step *s);

/* Integer MEAN (mean = 1) or SUM: the requantization of TFLite's
 * QuantizedMeanOrSum (input_scale / output_scale in double, MEAN's 1/count
 * folded in) into *s, refusing (MOTE_E_PARAM, naming the bound) a count
 * whose sums could overflow int32 for some input. Input and output int8 or
 * int16, per-tensor. */
mote_status mote_reduce_requant(mote_lower_ctx *c, mote_reduce_step *s, int mean);

/* REDUCE_MAX / REDUCE_MIN: kernel k[0] for int8 (input and output
 * quantization equal, as TFLite Micro requires), k[1] for float32. */
mote_status mote_reduce_lower_extreme(mote_lower_ctx *c, const mote_kernel_id k[2]);

/* ARG_MAX / ARG_MIN: one constant int32 / int64 axis, int32 or int64
 * output without the axis; kernel k[0] for int8, k[1] for float32. */
mote_status mote_reduce_lower_arg(mote_lower_ctx *c, const mote_kernel_id k[2]);

/* RESIZE_BILINEAR (bilinear 1; options fields 2, 3) and
 * RESIZE_NEAREST_NEIGHBOR (fields 0, 1): constant int32 size [h, w] equal
 * to the output's, rank-4 NHWC, kernel k. */
mote_status mote_resize_lower(mote_lower_ctx *c, int bilinear, mote_kernel_id k);

#endif /* MOTE_OPS_OP_REDUCE_UTIL_H */
