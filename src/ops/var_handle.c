/*
 * VAR_HANDLE: run by the interpreter (core/control.c); lowering checks it
 * against the subgraphs and variables it uses (ops/op_control.h).
 */
#include "ops/op.h"
#include "ops/op_control.h"

mote_status mote_lower_var_handle(mote_lower_ctx *c)
{
    return mote_ctl_lower_var(c, MOTE_CTL_VAR_HANDLE);
}

uint64_t mote_macs_var_handle(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
