/*
 * REDUCE_ALL over any axes (constant int32 input 1), keep_dims: bool in,
 * bool out (logical AND). Options ReducerOptions: 0 keep_dims.
 */
#include <string.h>

#include "ops/op_reduce_util.h"

mote_status mote_lower_reduce_all(mote_lower_ctx *c)
{
    mote_reduce_step *p, g;
    mote_status st;
    memset(&g, 0, sizeof g);
    if ((st = mote_reduce_geometry(c, &g)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, MOTE_KID_REDUCE_ALL_BOOL, 0, &st)) == NULL) return st;
    *p = g;
    return MOTE_OK;
}

uint64_t mote_macs_reduce_all(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
