/*
 * SPLIT: float32, int8, int16, int32 (TFLite Micro's types) into equal
 * parts along an axis. Input 0 is the axis (a constant int32 scalar: the
 * generic type check of ops.def sees that int32 tensor, so the data type
 * is checked here, with MOTE_OPF_OUT_TYPE), input 1 the data; every output
 * is the input with the axis dimension divided by the number of outputs.
 * Options SplitOptions: 0 num_splits (TFLite Micro goes by the outputs).
 */
#include <string.h>

#include "ops/op_shape_util.h"

mote_status mote_shape_lower_split_outputs(mote_lower_ctx *c, uint32_t data, int32_t axis,
                                           int equal)
{
    const mote_graph_tensor *in = &c->in[data];
    uint64_t chunk[MOTE_MAX_OP_OUTPUTS];
    int32_t want[MOTE_MAX_RANK];
    int64_t sum = 0;
    uint32_t k, n = c->op.n_outputs;
    mote_status st;
    if ((unsigned)in->type >= 32 ||
        !((MOTE_TM_I8 | MOTE_TM_I16 | MOTE_TM_F32 | MOTE_TM_I32) & MOTE_TM(in->type)))
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[data],
                               "data type %s is not supported (INT8, INT16, FLOAT32 and INT32 are)",
                               mote_type_name(in->type));
    if (equal && in->dims[axis] % (int32_t)n != 0)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[data],
                               "axis dimension %d does not split into %u equal parts",
                               (int)in->dims[axis], (unsigned)n);
    memcpy(want, in->dims, sizeof want);
    for (k = 0; k < n; k++) {
        mote_graph_tensor t;
        int32_t idx;
        if ((st = mote_shape_output(c, k, &t, &idx)) != MOTE_OK) return st;
        if ((st = mote_shape_check_type(c, &t, idx, in->type)) != MOTE_OK) return st;
        want[axis] = equal ? in->dims[axis] / (int32_t)n : (t.rank == in->rank ? t.dims[axis] : 0);
        if ((st = mote_shape_expect(c, &t, idx, in->rank, want)) != MOTE_OK) return st;
        sum += want[axis];
        chunk[k] = (uint64_t)want[axis] * mote_shape_inner(in, axis);
    }
    if (sum != in->dims[axis])
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[data],
                               "outputs add up to %D along axis %d; the input has %d",
                               (long long)sum, (int)axis, (int)in->dims[axis]);
    return mote_shape_lower_split(c, data, n, mote_shape_outer(in, axis), chunk,
                                  mote_shape_esize(in));
}

mote_status mote_lower_split(mote_lower_ctx *c)
{
    int32_t axis, n;
    mote_status st;
    if (c->op.n_inputs != 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_ints(c, 0, "axis", 0, 1, &axis, &n)) != MOTE_OK) return st;
    if ((st = mote_lower_need_input(c, 1, -1)) != MOTE_OK) return st;
    if ((st = mote_shape_axis(c, axis, c->in[1].rank, &axis)) != MOTE_OK) return st;
    return mote_shape_lower_split_outputs(c, 1, axis, 1);
}

uint64_t mote_macs_split(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
