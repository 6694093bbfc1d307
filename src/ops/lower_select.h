/*
 * lower_select.h — the type-specific lowerings (int16 16x8, hybrid float
 * with int8 weights) the operator files reach through a table, so a build
 * with an operator selection links only those its kernels need.
 *
 * lower_select.c is compiled with the selection (MOTE_OPSET, like the
 * operator and kernel tables, kernels/kernel_table.h): an entry is NULL
 * when no selected kernel uses it, and --gc-sections then drops that
 * lowering (op_s16_util.c, op_hybrid_util.c, int16 SOFTMAX's tables and
 * what they call: expf, logf; about 4 KB on a Cortex-M4). The full build fills every entry. A NULL entry
 * refuses the step with MOTE_E_UNSUPPORTED_OP, as the kernel left out of
 * the selection would.
 */
#ifndef MOTE_OPS_LOWER_SELECT_H
#define MOTE_OPS_LOWER_SELECT_H

#include "ops/op_hybrid_util.h"
#include "ops/op_s16_util.h"

typedef struct mote_lower_by_type {
    mote_status (*conv_s16)(mote_lower_ctx *c, int dw, int32_t activation, int32_t depth_multiplier,
                            const mote_dims *in, const mote_dims *filter, const mote_dims *out,
                            const mote_conv_geom *geom);
    mote_status (*fc_s16)(mote_lower_ctx *c, int32_t activation, int32_t rows, int32_t depth,
                          int32_t out_c);
    mote_status (*pool_s16)(mote_lower_ctx *c, int avg, int32_t activation, int32_t filter_h,
                            int32_t filter_w, const mote_dims *in, const mote_dims *out,
                            const mote_conv_geom *geom);
    mote_status (*conv_hybrid)(mote_lower_ctx *c, int dw, int32_t activation,
                               int32_t depth_multiplier, const mote_dims *in,
                               const mote_dims *filter, const mote_dims *out,
                               const mote_conv_geom *geom);
    mote_status (*fc_hybrid)(mote_lower_ctx *c, int32_t activation, int32_t rows, int32_t depth,
                             int32_t out_c);
    mote_status (*bmm_hybrid)(mote_lower_ctx *c, const mote_bmm_step *s);
    mote_status (*softmax_s16)(mote_lower_ctx *c, float beta, int32_t rows, int32_t depth);
    mote_status (*elu_s8)(mote_lower_ctx *c);
} mote_lower_by_type;

/* SOFTMAX, int16 (softmax.c: its interpolation tables, built with expf). */
mote_status mote_lower_softmax_s16(mote_lower_ctx *c, float beta, int32_t rows, int32_t depth);

/* ELU, int8 (elu.c: its lookup table, built with expf). */
mote_status mote_lower_elu_s8(mote_lower_ctx *c);

extern const mote_lower_by_type mote_lower_by_type_table;

/* The refusal of a NULL entry: the operator's input types were left out of
 * this build by its operator selection. */
mote_status mote_lower_type_left_out(const mote_lower_ctx *c);

#endif /* MOTE_OPS_LOWER_SELECT_H */
