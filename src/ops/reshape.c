/*
 * RESHAPE: the same bytes under another shape. The planner lets the output
 * share the input's buffer (MOTE_OPF_ALIAS in ops.def), so the COPY kernel
 * usually moves nothing. Input 1, when present, is the new shape; the
 * output tensor's own shape is authoritative, so only the element counts
 * must agree.
 */
#include "ops/op.h"

mote_status mote_lower_reshape(mote_lower_ctx *c)
{
    mote_copy_step *p;
    mote_status st;
    if (c->out.elements != c->in[0].elements)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "output has %U elements; input has %U",
                               (unsigned long long)c->out.elements,
                               (unsigned long long)c->in[0].elements);
    if (c->in[0].type == MOTE_INT8 && c->in[0].n_quant == 1 && c->out.n_quant == 1) {
        float si, so;
        int32_t zi, zo;
        if ((st = mote_lower_act_quant(c, &c->in[0], c->in_idx[0], &si, &zi)) != MOTE_OK) return st;
        if ((st = mote_lower_act_quant(c, &c->out, c->out_idx, &so, &zo)) != MOTE_OK) return st;
        if (si != so || zi != zo)
            return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                                   "reshape cannot change quantization (scale %g -> %g, "
                                   "zero point %d -> %d)",
                                   (double)si, (double)so, (int)zi, (int)zo);
    }
    if (c->in[0].bytes > UINT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "tensor is larger than 4 GB");
    if ((p = mote_lower_step(c, MOTE_KID_COPY, 0, &st)) == NULL) return st;
    p->bytes = (uint32_t)c->in[0].bytes;
    return MOTE_OK;
}

uint64_t mote_macs_reshape(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
