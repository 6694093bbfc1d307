/* SignalFilterBankSquareRoot: uint64 -> uint32 square root >> scale_bits (input 1). */
#include "ops/op_signal_util.h"

mote_status mote_lower_signal_filter_bank_square_root(mote_lower_ctx *c)
{
    mote_graph_tensor bits;
    mote_signal_sqrt_step *p;
    mote_status s;
    if ((s = mote_lower_outputs(c, 1)) != MOTE_OK) return s;
    if ((s = mote_signal_tensor(c, 0, 1, MOTE_INT32, 0, &bits)) != MOTE_OK) return s;
    if (c->out.type != MOTE_UINT32 || c->in[0].rank != 1 || c->out.rank != 1 ||
        c->out.elements != c->in[0].elements)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "needs rank-1 UINT64 input and UINT32 output of one length");
    p = mote_lower_step(c, MOTE_KID_SIGNAL_FILTER_BANK_SQRT, 0, &s);
    if (p == NULL) return s;
    p->channels = (int32_t)c->in[0].elements;
    return MOTE_OK;
}

uint64_t mote_macs_signal_filter_bank_square_root(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
