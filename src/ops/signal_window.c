/* SignalWindow (TFLite Micro Signal library): int16 x int16 window >> shift. */
#include "ops/op_signal_util.h"

mote_status mote_lower_signal_window(mote_lower_ctx *c)
{
    mote_flexbuf_map m;
    mote_graph_tensor w;
    mote_signal_window_step *p;
    mote_status s;
    int32_t shift = 0;
    if ((s = mote_lower_outputs(c, 1)) != MOTE_OK) return s;
    if ((s = mote_signal_tensor(c, 0, 1, MOTE_INT16, 1, &w)) != MOTE_OK) return s;
    if ((s = mote_signal_options(c, &m)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "shift", 0, 31, &shift)) != MOTE_OK) return s;
    if (c->in[0].rank < 1 || c->out.rank != c->in[0].rank || c->out.elements != c->in[0].elements ||
        c->in[0].elements % (size_t)w.dims[0] != 0)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "input and output must have one shape, a multiple of the %d "
                               "window weights",
                               (int)w.dims[0]);
    p = mote_lower_step(c, MOTE_KID_SIGNAL_WINDOW, 0, &s);
    if (p == NULL) return s;
    p->elements = (int32_t)c->in[0].elements;
    p->weights = w.dims[0];
    p->shift = shift;
    return MOTE_OK;
}

uint64_t mote_macs_signal_window(const mote_graph *g, const mote_graph_op *op)
{
    return mote_macs_out_elements(g, op);
}
