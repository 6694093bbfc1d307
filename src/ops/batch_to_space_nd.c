/*
 * BATCH_TO_SPACE_ND: the inverse of SPACE_TO_BATCH_ND (space_to_batch_nd.c
 * checks and lowers both): input 2 holds the crops.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_batch_to_space_nd(mote_lower_ctx *c)
{
    return mote_shape_lower_space_batch(c, 0);
}

uint64_t mote_macs_batch_to_space_nd(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
