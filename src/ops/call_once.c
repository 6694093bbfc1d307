/*
 * CALL_ONCE: run by the interpreter (core/control.c); lowering checks it
 * against the subgraphs and variables it uses (ops/op_control.h).
 */
#include "ops/op.h"
#include "ops/op_control.h"

mote_status mote_lower_call_once(mote_lower_ctx *c)
{
    return mote_ctl_lower_call(c, MOTE_CTL_CALL_ONCE);
}

uint64_t mote_macs_call_once(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
