/*
 * REDUCE_MIN over any axes (constant int32 input 1), keep_dims: int8 (input
 * and output quantization equal, as TFLite Micro requires) and float32.
 * Options ReducerOptions: 0 keep_dims.
 */
#include "ops/op_reduce_util.h"

mote_status mote_lower_reduce_min(mote_lower_ctx *c)
{
    static const mote_kernel_id k[2] = {MOTE_KID_REDUCE_MIN_S8, MOTE_KID_REDUCE_MIN_F32};
    return mote_reduce_lower_extreme(c, k);
}

uint64_t mote_macs_reduce_min(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
