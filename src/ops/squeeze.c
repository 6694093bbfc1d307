/*
 * SQUEEZE: any element type; the output is the input without some of its
 * size-1 dimensions (the output tensor's shape is authoritative, as for
 * RESHAPE; squeeze_dims is not needed to move the bytes). In place: the
 * planner lets the output share the input's buffer (MOTE_OPF_ALIAS).
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_squeeze(mote_lower_ctx *c)
{
    int32_t i = 0, o = 0;
    mote_copy_step *p;
    mote_status st;
    if (c->op.n_inputs != 1)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 1",
                               (unsigned)c->op.n_inputs);
    while (i < c->in[0].rank) {
        if (o < c->out.rank && c->out.dims[o] == c->in[0].dims[i]) {
            o++;
        } else if (c->in[0].dims[i] != 1) {
            break;
        }
        i++;
    }
    if (i < c->in[0].rank || o < c->out.rank)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "output tensor %d is not input tensor %d without size-1 dimensions",
                               (int)c->out_idx, (int)c->in_idx[0]);
    if (c->in[0].bytes > UINT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "tensor is larger than 4 GB");
    if ((p = mote_lower_step(c, MOTE_KID_COPY, 0, &st)) == NULL) return st;
    p->bytes = (uint32_t)c->in[0].bytes;
    return MOTE_OK;
}

uint64_t mote_macs_squeeze(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
