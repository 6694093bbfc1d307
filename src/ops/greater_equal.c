/*
 * GREATER_EQUAL: int8 (rescaled as TFLite Micro does), float32, int32, int64 ->
 * bool, broadcasting up to rank 6 (op_elementwise_util.c). No options used.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_greater_equal(mote_lower_ctx *c)
{
    return mote_ew_lower_compare(c, MOTE_CMP_GE);
}

uint64_t mote_macs_greater_equal(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
