/*
 * LOGICAL_OR: bool, broadcasting up to rank 6. No options used.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_logical_or(mote_lower_ctx *c)
{
    return mote_ew_lower_logical(c, MOTE_KID_LOGICAL_OR);
}

uint64_t mote_macs_logical_or(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
