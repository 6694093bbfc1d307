/* SignalEnergy: |z|^2 of int16 complex bins [start_index, end_index) as uint32. */
#include "ops/op_signal_util.h"

mote_status mote_lower_signal_energy(mote_lower_ctx *c)
{
    mote_flexbuf_map m;
    mote_signal_energy_step *p;
    mote_status s;
    int32_t start = 0, end = 0, bins;
    if ((s = mote_lower_outputs(c, 1)) != MOTE_OK) return s;
    if (c->out.type != MOTE_UINT32 || c->in[0].rank != 1 || c->out.rank != 1)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->out_idx,
                               "needs rank-1 INT16 input and UINT32 output");
    bins = (int32_t)(c->in[0].elements / 2);
    if ((s = mote_signal_options(c, &m)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "start_index", 0, bins, &start)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "end_index", start, bins, &end)) != MOTE_OK) return s;
    if ((size_t)end > c->out.elements)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "end_index %d is past the %U outputs",
                               (int)end, (unsigned long long)c->out.elements);
    p = mote_lower_step(c, MOTE_KID_SIGNAL_ENERGY, 0, &s);
    if (p == NULL) return s;
    p->start = start;
    p->end = end;
    p->outputs = (int32_t)c->out.elements;
    return MOTE_OK;
}

uint64_t mote_macs_signal_energy(const mote_graph *g, const mote_graph_op *op)
{
    return mote_macs_mul(mote_macs_out_elements(g, op), 2);
}
