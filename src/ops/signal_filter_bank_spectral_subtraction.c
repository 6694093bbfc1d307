/* SignalFilterBankSpectralSubtraction: noise-estimate subtraction; the
 * estimate is the step's state (the block's tail) and output 1. */
#include "ops/op_signal_util.h"

mote_status mote_lower_signal_filter_bank_spectral_subtraction(mote_lower_ctx *c)
{
    static const char *const keys[] = {"smoothing",
                                       "one_minus_smoothing",
                                       "alternate_smoothing",
                                       "alternate_one_minus_smoothing",
                                       "smoothing_bits",
                                       "spectral_subtraction_bits",
                                       "min_signal_remaining",
                                       "clamping"};
    int32_t v[8], nc = 0;
    mote_flexbuf_map m;
    mote_graph_tensor noise;
    mote_signal_spectral_sub_step *p;
    mote_status s;
    uint8_t *tail;
    uint32_t k;
    if ((s = mote_lower_outputs(c, 2)) != MOTE_OK) return s;
    if ((s = mote_signal_tensor(c, 1, 1, MOTE_UINT32, 1, &noise)) != MOTE_OK) return s;
    if ((s = mote_signal_options(c, &m)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "num_channels", 1, 1 << 16, &nc)) != MOTE_OK) return s;
    for (k = 0; k < 8; k++) {
        int64_t hi = k == 4 || k == 5 ? 31 : k == 7 ? 1 : (int64_t)INT32_MAX;
        if ((s = mote_signal_int(c, &m, keys[k], 0, hi, &v[k])) != MOTE_OK) return s;
    }
    if (c->in[0].rank != 1 || c->out.rank != 1 || c->in[0].elements < (size_t)nc ||
        c->out.elements < (size_t)nc || noise.elements < (size_t)nc)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "input, output and noise estimate need num_channels (%d) values",
                               (int)nc);
    p = mote_signal_step(c, MOTE_KID_SIGNAL_SPECTRAL_SUB, (uint64_t)nc * 4u, &tail, &s);
    if (p == NULL) return s;
    p->channels = nc;
    p->smoothing = (uint32_t)v[0];
    p->one_minus_smoothing = (uint32_t)v[1];
    p->alternate_smoothing = (uint32_t)v[2];
    p->alternate_one_minus_smoothing = (uint32_t)v[3];
    p->smoothing_bits = (uint32_t)v[4];
    p->spectral_subtraction_bits = (uint32_t)v[5];
    p->min_signal_remaining = (uint32_t)v[6];
    p->clamping = v[7];
    return MOTE_OK;
}

uint64_t mote_macs_signal_filter_bank_spectral_subtraction(const mote_graph *g,
                                                           const mote_graph_op *op)
{
    return mote_macs_mul(mote_macs_out_elements(g, op), 3);
}
