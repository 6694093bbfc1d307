/* SignalFilterBank: uint32 spectrum -> uint64 mel channels, weights and
 * unweights int16, channel starts and widths int16 (all constants here). */
#include <string.h>

#include "ops/op_signal_util.h"

mote_status mote_lower_signal_filter_bank(mote_lower_ctx *c)
{
    mote_flexbuf_map m;
    mote_graph_tensor t[6];
    mote_signal_filter_bank_step *p;
    mote_status s;
    int32_t nc = 0, i, j;
    uint32_t k;
    const int16_t *fs, *ws, *wd;
    if ((s = mote_lower_outputs(c, 1)) != MOTE_OK) return s;
    if (c->op.n_inputs != 6)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 6",
                               (unsigned)c->op.n_inputs);
    for (k = 1; k < 6; k++) {
        if ((s = mote_signal_tensor(c, 0, k, MOTE_INT16, 1, &t[k])) != MOTE_OK) return s;
        if (t[k].data == NULL)
            return mote_lower_fail(c, MOTE_E_GRAPH, -1, "input %u must be a constant", k);
    }
    if (c->out.type != MOTE_UINT64 || c->in[0].rank != 1 || c->out.rank != 1)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->out_idx,
                               "needs rank-1 UINT32 input and UINT64 output");
    if ((s = mote_signal_options(c, &m)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "num_channels", 1, 4096, &nc)) != MOTE_OK) return s;
    if (c->out.elements != (size_t)nc || t[3].elements < (size_t)nc + 1 ||
        t[4].elements < (size_t)nc + 1 || t[5].elements < (size_t)nc + 1 ||
        t[2].elements != t[1].elements)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "num_channels %d needs %d outputs and %d channel starts and "
                               "widths, and as many unweights as weights",
                               (int)nc, (int)nc, (int)nc + 1);
    /* Prove every weight and spectrum index in bounds. */
    fs = (const int16_t *)(const void *)t[3].data;
    ws = (const int16_t *)(const void *)t[4].data;
    wd = (const int16_t *)(const void *)t[5].data;
    for (i = 0; i <= nc; i++) {
        int16_t f0, w0, n;
        memcpy(&f0, fs + i, 2);
        memcpy(&w0, ws + i, 2);
        memcpy(&n, wd + i, 2);
        j = n;
        if (f0 < 0 || w0 < 0 || n < 0 || (size_t)f0 + (size_t)j > c->in[0].elements ||
            (size_t)w0 + (size_t)j > t[1].elements)
            return mote_lower_fail(c, MOTE_E_PARAM, -1,
                                   "channel %d (start %d, weight %d, width %d) reads outside "
                                   "the spectrum or the weights",
                                   (int)i, (int)f0, (int)w0, (int)n);
    }
    p = mote_lower_step(c, MOTE_KID_SIGNAL_FILTER_BANK, 0, &s);
    if (p == NULL) return s;
    p->channels = nc;
    p->inputs = (int32_t)c->in[0].elements;
    return MOTE_OK;
}

uint64_t mote_macs_signal_filter_bank(const mote_graph *g, const mote_graph_op *op)
{
    return mote_macs_mul(mote_macs_dim(g, mote_graph_op_input(op, 1), 0, 1), 2);
}
