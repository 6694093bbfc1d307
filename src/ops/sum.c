/*
 * SUM over any axes (constant int32 input 1; negative and repeated axes),
 * keep_dims: int8 and int16 (TFLite's integer QuantizedMeanOrSum: int32
 * sums requantized by input_scale / output_scale) and float32 (float sums
 * in input order). Options ReducerOptions: 0 keep_dims.
 */
#include <string.h>

#include "ops/op_reduce_util.h"

mote_status mote_lower_sum(mote_lower_ctx *c)
{
    mote_reduce_step *p, g;
    mote_kernel_id k;
    mote_status st;
    memset(&g, 0, sizeof g);
    if ((st = mote_reduce_geometry(c, &g)) != MOTE_OK) return st;
    if (c->in[0].type != MOTE_FLOAT32 && (st = mote_reduce_requant(c, &g, 0)) != MOTE_OK) return st;
    k = c->in[0].type == MOTE_INT8    ? MOTE_KID_SUM_S8
        : c->in[0].type == MOTE_INT16 ? MOTE_KID_SUM_S16
                                      : MOTE_KID_SUM_F32;
    if ((p = mote_lower_step(c, k, 0, &st)) == NULL) return st;
    *p = g;
    return MOTE_OK;
}

uint64_t mote_macs_sum(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0; /* additions only */
}
