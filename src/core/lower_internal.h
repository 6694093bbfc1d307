/*
 * lower_internal.h — helpers shared by the lowering files (lower*.c).
 */
#ifndef MOTE_CORE_LOWER_INTERNAL_H
#define MOTE_CORE_LOWER_INTERNAL_H

#include "core/lower.h"
#include "core/error.h"

/* The operator being lowered, its decoded tensors and where errors go. */
typedef struct mote_lower_ctx {
    const mote_graph *g;
    uint32_t index; /* operator index */
    mote_graph_op op;
    mote_graph_tensor in[3]; /* inputs 0..2 (rank 0, type -1 when absent) */
    int32_t in_idx[3];       /* -1 when absent */
    mote_graph_tensor out;
    mote_error *err;
    mote_lower_tables *tables;
} mote_lower_ctx;

/* Fail about this operator (and tensor, or -1) with a message (core/error.h formats)
 * prefixed "operator <i> (<NAME>): ". */
mote_status mote_lower_fail_fn(const mote_lower_ctx *c, mote_status s, int32_t tensor,
                               const char *fmt, ...);
#ifdef MOTE_NO_STRINGS
#define mote_lower_fail(c, s, tensor, ...) mote_lower_fail_fn((c), (s), (tensor), "")
#else
#define mote_lower_fail(c, s, tensor, ...) mote_lower_fail_fn((c), (s), (tensor), __VA_ARGS__)
#endif

/* Require input k present (and, if want_const, constant / not constant). */
mote_status mote_lower_need_input(const mote_lower_ctx *c, uint32_t k, int want_const);

/* Tensor shape as rank-4 NHWC dims (leading 1s); MOTE_E_SHAPE if rank > 4. */
mote_status mote_lower_dims4(const mote_lower_ctx *c, const mote_graph_tensor *t, int32_t index,
                             mote_dims *d);

/* Per-tensor scale and int8 zero point of an int8 activation tensor. */
mote_status mote_lower_act_quant(const mote_lower_ctx *c, const mote_graph_tensor *t, int32_t index,
                                 float *scale, int32_t *zero_point);

/* Float clamp range of a fused activation. */
mote_status mote_lower_act_f32(const mote_lower_ctx *c, int32_t act, float *lo, float *hi);

/* Output size and leading padding along one axis, as TFLite computes them. */
mote_status mote_lower_window(const mote_lower_ctx *c, int32_t padding, int32_t in, int32_t filter,
                              int32_t stride, int32_t dilation, int32_t *out, int32_t *pad);

/* Reserve n requantization entries; mult and shift are set to NULL in counting mode. */
mote_status mote_lower_reserve(const mote_lower_ctx *c, uint32_t n, int32_t **mult, int8_t **shift);

/* Per-operator lowering, by family. */
mote_status mote_lower_conv(mote_lower_ctx *c, mote_step *s); /* CONV_2D, DEPTHWISE */
mote_status mote_lower_fc(mote_lower_ctx *c, mote_step *s);
mote_status mote_lower_pool(mote_lower_ctx *c, mote_step *s); /* AVG / MAX */
mote_status mote_lower_add(mote_lower_ctx *c, mote_step *s);
mote_status mote_lower_softmax(mote_lower_ctx *c, mote_step *s);
mote_status mote_lower_reshape(mote_lower_ctx *c, mote_step *s);

#endif /* MOTE_CORE_LOWER_INTERNAL_H */
