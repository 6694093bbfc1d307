/*
 * op_elementwise_util.h — what the element-wise operators' lowerings share
 * (op_elementwise_util.c): shape and broadcast checks, int8 / int16
 * quantization of activations, fused activation ranges in either type.
 */
#ifndef MOTE_OPS_OP_ELEMENTWISE_UTIL_H
#define MOTE_OPS_OP_ELEMENTWISE_UTIL_H

#include "ops/op.h"

/* Output 0 has exactly input 0's shape. */
mote_status mote_ew_same_shape(mote_lower_ctx *c);

/* Input 1 is present with input 0's type, both have rank <= 6, each of
 * their dimensions equals the output's or is 1, and the output is exactly
 * their broadcast shape. Fills *b (strides 0 where an input broadcasts). */
mote_status mote_ew_broadcast(mote_lower_ctx *c, mote_bcast *b);

/* mote_ew_broadcast, the type check only when same_type (an int16 PRELU's
 * alpha is int8). */
mote_status mote_ew_broadcast_types(mote_lower_ctx *c, mote_bcast *b, int same_type);

/* Per-tensor scale (finite, > 0) and zero point of an int8 or int16
 * tensor t (tensor index idx); the zero point must fit the type, and must be
 * 0 for int16 when zp0 is set (TFLite's symmetric int16 operators). */
mote_status mote_ew_quant(mote_lower_ctx *c, const mote_graph_tensor *t, int32_t idx, int zp0,
                          float *scale, int32_t *zp);

/* Smallest / largest value of int8 or int16. */
int32_t mote_ew_qmin(mote_type t);
int32_t mote_ew_qmax(mote_type t);

/* Fused activation clamp in int8 / int16 output units (TFLite
 * CalculateActivationRangeQuantized). */
mote_status mote_ew_act_q(mote_lower_ctx *c, int32_t act, mote_type t, float scale, int32_t zp,
                          int32_t *lo, int32_t *hi);

/* Read the fused activation at options field `field`. */
mote_status mote_ew_act_opt(mote_lower_ctx *c, uint32_t field, int32_t *act);

/* ADD / SUB / MUL / DIV / SQUARED_DIFFERENCE on int32: broadcast, kernel k clamping to the fused
 * activation (options field 0) when with_act (TFLite Micro's ADD ignores it). */
mote_status mote_ew_lower_binary_i32(mote_lower_ctx *c, mote_kernel_id k, int with_act);

/* MAXIMUM / MINIMUM: broadcast, then kernel k[0] (int8), k[1] (int16),
 * k[2] (float32), k[3] (int32) or k[4] (int64) with a parameter-free block. */
mote_status mote_ew_lower_minmax(mote_lower_ctx *c, const mote_kernel_id k[5]);

/* A float32 unary operator: same shape, kernel k, parameter alpha. */
mote_status mote_ew_lower_unary_f32(mote_lower_ctx *c, mote_kernel_id k, float alpha);

/* Output 0 has type t (an operator whose output type differs from its
 * input's: comparisons give BOOL). */
mote_status mote_ew_out_type(mote_lower_ctx *c, mote_type t);

/* EQUAL ... LESS_EQUAL: broadcast, BOOL output, kernel by input type;
 * int8 inputs get TFLite's rescaling (scales below 1). cmp is MOTE_CMP_*. */
mote_status mote_ew_lower_compare(mote_lower_ctx *c, int32_t cmp);

/* LOGICAL_AND / LOGICAL_OR: two BOOL inputs broadcast, kernel k. */
mote_status mote_ew_lower_logical(mote_lower_ctx *c, mote_kernel_id k);

/* QuantizeMultiplierSmallerThanOneExp(real): real in (0, 1), shift <= 0. */
mote_status mote_ew_mult_lt1(mote_lower_ctx *c, int32_t idx, double real, int32_t *m,
                             int32_t *shift);

/* A binary float32 operator: broadcast, kernel k; with_act reads the fused
 * activation at options field 0. */
mote_status mote_ew_lower_binary_f32(mote_lower_ctx *c, mote_kernel_id k, int with_act);

/* LOGISTIC / TANH int16 (TFLM's Prepare): zero points 0, output scale
 * 2^-15 (CheckedLog2), the input rescaling of *p; kernel k. */
mote_status mote_ew_lower_sigmoid_s16(mote_lower_ctx *c, int is_tanh, mote_kernel_id k);

/* ADD_N / CUMSUM int8 (src/ops/add_n.c): input 0 and output quantization
 * into TFLite Micro's 2^20 sum domain (the q fields of *p). */
mote_status mote_ew_lower_sum_s8(mote_lower_ctx *c, mote_add_n_step *p);

/* A quantized binary operator's int8 / int16 tensors (int16 zero points 0):
 * scales and zero points of both inputs and the output, and the fused
 * activation act's range in output units. */
typedef struct mote_ew_binary_q {
    float s1, s2, so;
    int32_t z1, z2, zo, lo, hi;
} mote_ew_binary_q;
mote_status mote_ew_quant_binary(mote_lower_ctx *c, int32_t act, mote_ew_binary_q *q);

/* SUB int8 / int16 and ADD int16: kernel k on broadcast b, multipliers
 * from mote_quant_sub with left shift left_shift. */
mote_status mote_ew_lower_addsub_q(mote_lower_ctx *c, mote_kernel_id k, const mote_bcast *b,
                                   int32_t act, int32_t left_shift);

#endif /* MOTE_OPS_OP_ELEMENTWISE_UTIL_H */
