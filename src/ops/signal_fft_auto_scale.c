/* SignalFftAutoScale: int16 scaled up to use the full range; the shift as int32. */
#include "ops/op_signal_util.h"

mote_status mote_lower_signal_fft_auto_scale(mote_lower_ctx *c)
{
    mote_graph_tensor bits;
    mote_signal_auto_scale_step *p;
    mote_status s;
    if ((s = mote_lower_outputs(c, 2)) != MOTE_OK) return s;
    if ((s = mote_signal_tensor(c, 1, 1, MOTE_INT32, 0, &bits)) != MOTE_OK) return s;
    if (c->in[0].rank != 1 || c->out.rank != 1 || c->out.elements != c->in[0].elements)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "input and output must be rank 1 of one length");
    p = mote_lower_step(c, MOTE_KID_SIGNAL_FFT_AUTO_SCALE, 0, &s);
    if (p == NULL) return s;
    p->elements = (int32_t)c->in[0].elements;
    return MOTE_OK;
}

uint64_t mote_macs_signal_fft_auto_scale(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
