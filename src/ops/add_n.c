/*
 * ADD_N: the element-wise sum of 2 or more inputs of the output's shape
 * and type: float32, or int8 with every input quantized alike (TFLite
 * Micro's rescaling through a 20-bit left shift). An int8 sum of more than
 * 15 inputs could overflow TFLite Micro's 32-bit accumulator and is
 * refused (MOTE_E_LIMIT).
 */
#include "ops/op_elementwise_util.h"
#include "ops/op_shape_util.h"

mote_status mote_lower_add_n(mote_lower_ctx *c)
{
    const uint32_t n = c->op.n_inputs;
    mote_add_n_step *p;
    mote_graph_tensor t;
    int32_t idx;
    uint32_t k;
    mote_status st;
    if (n < 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; at least 2", (unsigned)n);
    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    for (k = 1; k < n; k++) {
        if ((st = mote_shape_input(c, k, &t, &idx)) != MOTE_OK) return st;
        if ((st = mote_shape_check_type(c, &t, idx, c->in[0].type)) != MOTE_OK) return st;
        if ((st = mote_shape_expect(c, &t, idx, c->in[0].rank, c->in[0].dims)) != MOTE_OK)
            return st;
        if (c->in[0].type == MOTE_INT8 &&
            (st = mote_shape_same_quant(c, &t, idx, &c->in[0], c->in_idx[0])) != MOTE_OK)
            return st;
    }
    if (c->out.elements > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "output above 2^31 elements");
    if (c->in[0].type == MOTE_INT8 && n > 15)
        return mote_lower_fail(c, MOTE_E_LIMIT, -1,
                               "%u int8 inputs; at most 15 (the 32-bit sum could overflow)",
                               (unsigned)n);
    if ((p = mote_lower_step(c, MOTE_KID_ADD_N, 0, &st)) == NULL) return st;
    p->n = (int32_t)n;
    p->count = (int32_t)c->out.elements;
    p->is_float = c->in[0].type == MOTE_FLOAT32;
    return c->in[0].type == MOTE_INT8 ? mote_ew_lower_sum_s8(c, p) : MOTE_OK;
}

mote_status mote_ew_lower_sum_s8(mote_lower_ctx *c, mote_add_n_step *p)
{
    float si, so;
    int32_t zi, zo;
    double twice;
    mote_status st;
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &si, &zi)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, 0, &so, &zo)) != MOTE_OK) return st;
    twice = 2.0 * (double)si;
    if ((st = mote_ew_mult_lt1(c, c->in_idx[0], (double)si / twice, &p->in_mult, &p->in_shift)) !=
        MOTE_OK)
        return st;
    if ((st = mote_ew_mult_lt1(c, c->out_idx, twice / ((double)(1 << 20) * (double)so),
                               &p->out_mult, &p->out_shift)) != MOTE_OK)
        return st;
    p->in_offset = -zi;
    p->out_offset = zo;
    return MOTE_OK;
}

uint64_t mote_macs_add_n(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
