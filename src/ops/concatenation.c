/*
 * CONCATENATION: float32, int8, int16, int32, int64, bool (TFLite Micro's types),
 * up to MOTE_MAX_RANK dimensions and MOTE_MAX_OP_INPUTS inputs (TFLite
 * Micro: rank 4, 10 inputs). Options ConcatenationOptions: 0 axis
 * (negative counts from the end), 1 fused activation, which must be NONE.
 * Every input has the output's type and rank and its dimensions except
 * along the axis, where they add up to the output's. int8 and int16 inputs
 * must share the output's scale and zero point, as TFLite Micro requires
 * (it copies bytes, it does not requantize).
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_concatenation(mote_lower_ctx *c)
{
    uint64_t chunk[MOTE_MAX_OP_INPUTS], inner;
    int64_t sum = 0;
    int32_t act = 0, axis, r, rank = c->out.rank;
    uint32_t k;
    mote_status st;
    if ((st = mote_lower_opt_enum(c, 1, MOTE_ACTIVATION_LAST, "fused activation", &act)) != MOTE_OK)
        return st;
    if (act != MOTE_ACT_NONE)
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "fused activation %d; only NONE is allowed",
                               (int)act);
    if ((st = mote_shape_axis(c, mote_lower_opt_i32(c, 0, 0), rank, &axis)) != MOTE_OK) return st;
    inner = mote_shape_inner(&c->out, axis);
    for (k = 0; k < c->op.n_inputs; k++) {
        mote_graph_tensor t;
        int32_t idx;
        if ((st = mote_shape_input(c, k, &t, &idx)) != MOTE_OK) return st;
        if ((st = mote_shape_check_type(c, &t, idx, c->out.type)) != MOTE_OK) return st;
        if ((t.type == MOTE_INT8 || t.type == MOTE_INT16) &&
            (st = mote_shape_same_quant(c, &t, idx, &c->out, c->out_idx)) != MOTE_OK)
            return st;
        if (t.rank != rank)
            return mote_lower_fail(c, MOTE_E_SHAPE, idx, "input %u has rank %d; the output %d",
                                   (unsigned)k, (int)t.rank, (int)rank);
        for (r = 0; r < rank; r++)
            if (r != axis && t.dims[r] != c->out.dims[r])
                return mote_lower_fail(c, MOTE_E_SHAPE, idx,
                                       "input %u dimension %d is %d; the output's is %d",
                                       (unsigned)k, (int)r, (int)t.dims[r], (int)c->out.dims[r]);
        sum += t.dims[axis];
        if (sum > c->out.dims[axis]) break;
        chunk[k] = (uint64_t)t.dims[axis] * inner;
    }
    if (sum != c->out.dims[axis])
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "inputs do not add up to output dimension %d (%d)", (int)axis,
                               (int)c->out.dims[axis]);
    return mote_shape_lower_concat(c, c->op.n_inputs, mote_shape_outer(&c->out, axis), chunk,
                                   mote_shape_esize(&c->out));
}

uint64_t mote_macs_concatenation(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
