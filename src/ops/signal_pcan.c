/* SignalPCAN: per-channel automatic gain control (uint32, noise estimate
 * uint32, gain table int16). */
#include "ops/op_signal_util.h"

mote_status mote_lower_signal_pcan(mote_lower_ctx *c)
{
    mote_flexbuf_map m;
    mote_graph_tensor noise, lut;
    mote_signal_pcan_step *p;
    mote_status s;
    int32_t shift = 0, intervals;
    if ((s = mote_lower_outputs(c, 1)) != MOTE_OK) return s;
    if ((s = mote_signal_tensor(c, 0, 1, MOTE_UINT32, 1, &noise)) != MOTE_OK) return s;
    if ((s = mote_signal_tensor(c, 0, 2, MOTE_INT16, 1, &lut)) != MOTE_OK) return s;
    if (c->in[0].rank != 1 || c->out.rank != 1 || noise.elements != c->in[0].elements ||
        c->out.elements != c->in[0].elements)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "input, noise estimate and output must be rank 1 of one length");
    /* WideDynamicFunction reads lut[4 * msb(x) - 6 + 2] for x up to 2^32. */
    intervals = 4 * 32 - 6 + 3;
    if (lut.elements < (size_t)intervals)
        return mote_lower_fail(c, MOTE_E_SHAPE, mote_graph_op_input(&c->op, 2),
                               "gain table has %U entries; needs %d",
                               (unsigned long long)lut.elements, (int)intervals);
    if ((s = mote_signal_options(c, &m)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "snr_shift", 0, 63, &shift)) != MOTE_OK) return s;
    p = mote_lower_step(c, MOTE_KID_SIGNAL_PCAN, 0, &s);
    if (p == NULL) return s;
    p->channels = (int32_t)c->in[0].elements;
    p->snr_shift = shift;
    return MOTE_OK;
}

uint64_t mote_macs_signal_pcan(const mote_graph *g, const mote_graph_op *op)
{
    return mote_macs_out_elements(g, op);
}
