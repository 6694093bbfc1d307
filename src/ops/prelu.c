/*
 * PRELU: x >= 0 ? x : x * alpha, with alpha (input 1, usually constant)
 * broadcast against the input up to rank 4 (TFLite Micro's limit), of the
 * input's type: float32, or int8 with TFLite Micro's two requantizations
 * (input / output scales for x >= 0, input * alpha / output otherwise), or
 * int16 input and output with an int8 alpha (TFLite Micro's only int16
 * form), requantized the same way.
 */
#include "ops/op_elementwise_util.h"
#include "ops/op_shape_util.h"
#include "ops/quant.h"

mote_status mote_lower_prelu(mote_lower_ctx *c)
{
    mote_prelu_step *p;
    mote_bcast b;
    mote_status st;
    if (c->op.n_inputs != 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2",
                               (unsigned)c->op.n_inputs);
    if (c->in[0].type == MOTE_INT16) {
        if ((st = mote_lower_need_input(c, 1, -1)) != MOTE_OK) return st;
        if (c->in[1].type != MOTE_INT8)
            return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                                   "alpha has type %s; an int16 PRELU takes an INT8 alpha",
                                   mote_type_name(c->in[1].type));
        if ((st = mote_ew_out_type(c, MOTE_INT16)) != MOTE_OK) return st;
    }
    if ((st = mote_ew_broadcast_types(c, &b, c->in[0].type != MOTE_INT16)) != MOTE_OK) return st;
    if (c->in[0].rank > 4 || c->in[1].rank > 4)
        return mote_lower_fail(c, MOTE_E_SHAPE, -1, "ranks %d and %d; at most 4",
                               (int)c->in[0].rank, (int)c->in[1].rank);
    if ((p = mote_lower_step(c, MOTE_KID_PRELU, 0, &st)) == NULL) return st;
    p->b = b;
    p->is_float = c->in[0].type == MOTE_FLOAT32;
    p->is_s16 = c->in[0].type == MOTE_INT16;
    if (c->in[0].type != MOTE_FLOAT32) {
        float si, sa, so;
        int32_t zi, za, zo;
        if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &si, &zi)) != MOTE_OK) return st;
        if ((st = mote_ew_quant(c, &c->in[1], c->in_idx[1], 0, &sa, &za)) != MOTE_OK) return st;
        if ((st = mote_ew_quant(c, &c->out, c->out_idx, 0, &so, &zo)) != MOTE_OK) return st;
        mote_quant_multiplier((double)si / (double)so, &p->m1, &p->s1);
        mote_quant_multiplier((double)si * (double)sa / (double)so, &p->m2, &p->s2);
        if (p->s1 > 30 || p->s2 > 30)
            return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                                   "scales give a multiplier above 2^30");
        p->in_offset = -zi;
        p->alpha_offset = -za;
        p->out_offset = zo;
    }
    return MOTE_OK;
}

uint64_t mote_macs_prelu(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
