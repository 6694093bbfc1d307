/*
 * MIRROR_PAD: float32, int8 (TFLite Micro's types). Input 1, the [rank, 2]
 * paddings, must be constant (int32 or int64); options MirrorPadOptions: 0
 * mode, REFLECT (the edge is not repeated: each padding at most dim - 1)
 * or SYMMETRIC (repeated: at most dim). Bytes are copied.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_mirror_pad(mote_lower_ctx *c)
{
    int32_t pads[2 * MOTE_MAX_RANK] = {0}, want[MOTE_MAX_RANK] = {0}, n, k, mode = 0;
    const int32_t rank = c->in[0].rank, lead = MOTE_MAX_RANK - rank;
    mote_mirror_pad_step *p;
    mote_status st;
    if (c->op.n_inputs != 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_lower_opt_enum(c, 0, 1, "mode", &mode)) != MOTE_OK) return st;
    if ((st = mote_shape_ints_of(c, &c->in[1], c->in_idx[1], "paddings", 1, 2 * MOTE_MAX_RANK, pads,
                                 &n)) != MOTE_OK)
        return st;
    if (c->in[1].rank != 2 || c->in[1].dims[0] != rank || c->in[1].dims[1] != 2)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1],
                               "paddings (tensor %d) must have shape [%d, 2]", (int)c->in_idx[1],
                               (int)rank);
    for (k = 0; k < rank; k++) {
        const int32_t lim = c->in[0].dims[k] - (mode == 0 ? 1 : 0);
        if (pads[2 * k] < 0 || pads[2 * k + 1] < 0 || pads[2 * k] > lim || pads[2 * k + 1] > lim)
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                                   "paddings of dimension %d are %d, %d; each must lie in [0, %d]",
                                   (int)k, (int)pads[2 * k], (int)pads[2 * k + 1], (int)lim);
        want[k] = c->in[0].dims[k] + pads[2 * k] + pads[2 * k + 1];
    }
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, rank, want)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, MOTE_KID_MIRROR_PAD, 0, &st)) == NULL) return st;
    p->esize = mote_shape_esize(&c->in[0]);
    p->offset = mode == 0 ? 1 : 0;
    for (k = 0; k < MOTE_MAX_RANK; k++) {
        p->in_dims[k] = k < lead ? 1 : c->in[0].dims[k - lead];
        p->out_dims[k] = k < lead ? 1 : want[k - lead];
        p->before[k] = k < lead ? 0 : pads[2 * (k - lead)];
    }
    return MOTE_OK;
}

uint64_t mote_macs_mirror_pad(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
