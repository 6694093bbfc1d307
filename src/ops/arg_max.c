/*
 * ARG_MAX along one constant axis (input 1, int32 or int64): int8 and
 * float32 input, int32 or int64 indices; the first maximum wins. Options
 * ArgMaxOptions: 0 output_type (the output tensor's own type is used).
 */
#include "ops/op_reduce_util.h"

mote_status mote_lower_arg_max(mote_lower_ctx *c)
{
    static const mote_kernel_id k[2] = {MOTE_KID_ARG_MAX_S8, MOTE_KID_ARG_MAX_F32};
    return mote_reduce_lower_arg(c, k);
}

uint64_t mote_macs_arg_max(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
