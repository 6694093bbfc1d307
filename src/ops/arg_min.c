/*
 * ARG_MIN along one constant axis (input 1, int32 or int64): int8 and
 * float32 input, int32 or int64 indices; the first minimum wins. Options
 * ArgMinOptions: 0 output_type (the output tensor's own type is used).
 */
#include "ops/op_reduce_util.h"

mote_status mote_lower_arg_min(mote_lower_ctx *c)
{
    static const mote_kernel_id k[2] = {MOTE_KID_ARG_MIN_S8, MOTE_KID_ARG_MIN_F32};
    return mote_reduce_lower_arg(c, k);
}

uint64_t mote_macs_arg_min(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
