/*
 * ASSIGN_VARIABLE: run by the interpreter (core/control.c); lowering checks it
 * against the subgraphs and variables it uses (ops/op_control.h).
 */
#include "ops/op.h"
#include "ops/op_control.h"

mote_status mote_lower_assign_variable(mote_lower_ctx *c)
{
    return mote_ctl_lower_var(c, MOTE_CTL_ASSIGN_VARIABLE);
}

uint64_t mote_macs_assign_variable(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
