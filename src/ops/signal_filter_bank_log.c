/* SignalFilterBankLog: uint32 -> int16 natural log, fixed point. */
#include "ops/op_signal_util.h"

mote_status mote_lower_signal_filter_bank_log(mote_lower_ctx *c)
{
    mote_flexbuf_map m;
    mote_signal_log_step *p;
    mote_status s;
    int32_t bits = 0, scale = 0;
    if ((s = mote_lower_outputs(c, 1)) != MOTE_OK) return s;
    if (c->out.type != MOTE_INT16 || c->in[0].rank != 1 || c->out.rank != 1 ||
        c->out.elements < c->in[0].elements)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "needs rank-1 UINT32 input and an INT16 output as long");
    if ((s = mote_signal_options(c, &m)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "input_correction_bits", 0, 31, &bits)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "output_scale", 0, 65535, &scale)) != MOTE_OK) return s;
    p = mote_lower_step(c, MOTE_KID_SIGNAL_FILTER_BANK_LOG, 0, &s);
    if (p == NULL) return s;
    p->channels = (int32_t)c->in[0].elements;
    p->correction_bits = bits;
    p->output_scale = scale;
    return MOTE_OK;
}

uint64_t mote_macs_signal_filter_bank_log(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
