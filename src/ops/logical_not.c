/*
 * LOGICAL_NOT: bool. No options used.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_logical_not(mote_lower_ctx *c)
{
    mote_unary_step *p;
    mote_status st;
    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, MOTE_KID_LOGICAL_NOT, 0, &st)) == NULL) return st;
    p->elements = (int32_t)c->out.elements;
    return MOTE_OK;
}

uint64_t mote_macs_logical_not(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
