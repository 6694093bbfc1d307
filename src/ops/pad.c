/*
 * PAD (and PADV2, src/ops/padv2.c): float32, int8, int16, int32, up to
 * MOTE_MAX_RANK dimensions (TFLite Micro: 5). Input 1, the [rank, 2]
 * paddings, must be a constant int32 tensor with no negative entry; the
 * output is the input padded by them. Input 2, when present, holds the pad
 * value (a scalar of the input's type, read at run time; int8 needs the
 * output's scale and zero point). Without it the pad value is the output's
 * zero point for int8 and 0 otherwise (int16 too), as TFLite Micro pads.
 * Bytes are copied: input and output quantization may differ, as in TFLite.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_pad(mote_lower_ctx *c)
{
    int32_t pads[2 * MOTE_MAX_RANK] = {0}, want[MOTE_MAX_RANK] = {0}, n, k, rank = c->in[0].rank;
    const int32_t lead = MOTE_MAX_RANK - rank;
    mote_pad_step *p;
    mote_status st;
    if (c->op.n_inputs != 2 && c->op.n_inputs != 3)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2 or 3",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_ints_of(c, &c->in[1], c->in_idx[1], "paddings", 0, 2 * MOTE_MAX_RANK, pads,
                                 &n)) != MOTE_OK)
        return st;
    if (c->in[1].rank != 2 || c->in[1].dims[0] != rank || c->in[1].dims[1] != 2)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1],
                               "paddings (tensor %d) must have shape [%d, 2]", (int)c->in_idx[1],
                               (int)rank);
    for (k = 0; k < rank; k++) {
        if (pads[2 * k] < 0 || pads[2 * k + 1] < 0)
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                                   "paddings of dimension %d are %d, %d; negative is not allowed",
                                   (int)k, (int)pads[2 * k], (int)pads[2 * k + 1]);
        if ((int64_t)c->in[0].dims[k] + pads[2 * k] + pads[2 * k + 1] > INT32_MAX)
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                                   "paddings of dimension %d overflow int32", (int)k);
        want[k] = c->in[0].dims[k] + pads[2 * k] + pads[2 * k + 1];
    }
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, rank, want)) != MOTE_OK) return st;
    if (c->in_idx[2] >= 0) {
        if ((st = mote_shape_check_type(c, &c->in[2], c->in_idx[2], c->in[0].type)) != MOTE_OK)
            return st;
        if (c->in[2].elements != 1)
            return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[2],
                                   "constant_values (tensor %d) has %U elements; expected 1",
                                   (int)c->in_idx[2], (unsigned long long)c->in[2].elements);
    }
    if (c->in[0].type == MOTE_INT8) {
        float so, sv;
        int32_t zo, zv;
        if ((st = mote_lower_act_quant(c, &c->out, c->out_idx, &so, &zo)) != MOTE_OK) return st;
        if (c->in_idx[2] >= 0) {
            if ((st = mote_lower_act_quant(c, &c->in[2], c->in_idx[2], &sv, &zv)) != MOTE_OK)
                return st;
            if (sv != so || zv != zo)
                return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[2],
                                       "constant_values has scale %g, zero point %d; the output "
                                       "has %g, %d (they must agree)",
                                       (double)sv, (int)zv, (double)so, (int)zo);
        }
        zv = zo;
        if ((p = mote_lower_step(c, MOTE_KID_PAD, 0, &st)) == NULL) return st;
        p->value[0] = (uint8_t)(int8_t)zv;
    } else if ((p = mote_lower_step(c, MOTE_KID_PAD, 0, &st)) == NULL) {
        return st;
    }
    p->esize = mote_shape_esize(&c->in[0]);
    p->value_input = c->in_idx[2] >= 0 ? 2 : -1;
    for (k = 0; k < MOTE_MAX_RANK; k++) {
        p->in_dims[k] = k < lead ? 1 : c->in[0].dims[k - lead];
        p->out_dims[k] = k < lead ? 1 : want[k - lead];
        p->before[k] = k < lead ? 0 : pads[2 * (k - lead)];
    }
    return MOTE_OK;
}

uint64_t mote_macs_pad(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
