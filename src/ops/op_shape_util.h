/*
 * op_shape_util.h — what the data-movement operators' lowerings share
 * (op_shape_util.c): constant index operands read into plain integers,
 * axes, extra inputs and outputs, and the blocks of the type-agnostic
 * kernels of mote/kernels_shape.h.
 */
#ifndef MOTE_OPS_OP_SHAPE_UTIL_H
#define MOTE_OPS_OP_SHAPE_UTIL_H

#include "ops/op.h"

/* Bytes of one element of t (1, 2, 4 or 8). */
uint32_t mote_shape_esize(const mote_graph_tensor *t);

/* Read input k, a constant int32 (or int64 with allow64) tensor of rank <= 1
 * holding `want` values (any count up to MOTE_MAX_RANK when want < 0), into
 * v; *n receives the count. A non-constant input is MOTE_E_DYNAMIC (mote
 * has static shapes); what names the operand in messages. */
mote_status mote_shape_ints(mote_lower_ctx *c, uint32_t k, const char *what, int allow64,
                            int32_t want, int32_t *v, int32_t *n);

/* The same for any constant tensor t (any rank) with index idx, up to max values. */
mote_status mote_shape_ints_of(mote_lower_ctx *c, const mote_graph_tensor *t, int32_t idx,
                               const char *what, int allow64, int32_t max, int32_t *v, int32_t *n);

/* Axis in [-rank, rank) made non-negative; MOTE_E_PARAM otherwise. */
mote_status mote_shape_axis(mote_lower_ctx *c, int32_t axis, int32_t rank, int32_t *out);

/* Operand tensor of input / output k (any k), with its index. */
mote_status mote_shape_input(mote_lower_ctx *c, uint32_t k, mote_graph_tensor *t, int32_t *idx);
mote_status mote_shape_output(mote_lower_ctx *c, uint32_t k, mote_graph_tensor *t, int32_t *idx);

/* t (tensor idx, an extra input or output of a data-movement operator) has
 * element type `type` and at least one element. */
mote_status mote_shape_check_type(mote_lower_ctx *c, const mote_graph_tensor *t, int32_t idx,
                                  mote_type type);

/* t (index idx) is quantized exactly as ref (index ref_idx): the same
 * per-tensor scale and zero point, or both unquantized (MOTE_E_QUANT). */
mote_status mote_shape_same_quant(mote_lower_ctx *c, const mote_graph_tensor *t, int32_t idx,
                                  const mote_graph_tensor *ref, int32_t ref_idx);

/* The output tensor t (index idx) has exactly rank / dims. */
mote_status mote_shape_expect(mote_lower_ctx *c, const mote_graph_tensor *t, int32_t idx,
                              int32_t rank, const int32_t *dims);

/* Row-major element strides of t's dimensions. */
void mote_shape_strides(const mote_graph_tensor *t, int32_t *strides);

/* A STRIDED step reading operator input `input` (tensor t): output dims
 * dims[0..rank), input element strides, first element `offset`. */
mote_status mote_shape_lower_strided(mote_lower_ctx *c, uint32_t input, const mote_graph_tensor *t,
                                     int32_t rank, const int32_t *dims, const int32_t *strides,
                                     int64_t offset);

/* A CONCAT step (n inputs, `outer` rounds of chunk[k] elements from input
 * k) or a SPLIT step (reading operator input `input`, chunk[k] elements to
 * output k). Checks every size fits the block's 32-bit fields. */
mote_status mote_shape_lower_concat(mote_lower_ctx *c, uint32_t n, uint64_t outer,
                                    const uint64_t *chunk, uint32_t esize);
mote_status mote_shape_lower_split(mote_lower_ctx *c, uint32_t input, uint32_t n, uint64_t outer,
                                   const uint64_t *chunk, uint32_t esize);

/* SPLIT and SPLIT_V (src/ops/split.c): outputs of the data input's type
 * (float32, int8, int16, int32) and shape but along the axis, where they
 * are equal (`equal`) or any sizes adding up to the input's. */
mote_status mote_shape_lower_split_outputs(mote_lower_ctx *c, uint32_t data, int32_t axis,
                                           int equal);

/* SPACE_TO_BATCH_ND (to_batch 1) and BATCH_TO_SPACE_ND (0), in
 * src/ops/space_to_batch_nd.c. */
mote_status mote_shape_lower_space_batch(mote_lower_ctx *c, int to_batch);

/* Elements before / after axis of a shape (products of dims). */
uint64_t mote_shape_outer(const mote_graph_tensor *t, int32_t axis);
uint64_t mote_shape_inner(const mote_graph_tensor *t, int32_t axis);

/* MACs of every data-movement operator: none. */
uint64_t mote_shape_no_macs(const mote_graph *g, const mote_graph_op *op);

#endif /* MOTE_OPS_OP_SHAPE_UTIL_H */
