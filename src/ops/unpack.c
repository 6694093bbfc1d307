/*
 * UNPACK: float32, int8, int16, int32 (TFLite Micro's types): one output
 * per index along the axis, each the input without that dimension.
 * Options UnpackOptions: 0 num (the number of outputs, the axis'
 * dimension), 1 axis in [-rank, rank).
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_unpack(mote_lower_ctx *c)
{
    uint64_t chunk[MOTE_MAX_OP_OUTPUTS], outer;
    int32_t want[MOTE_MAX_RANK], axis, r, rank = c->in[0].rank;
    uint32_t k, n = c->op.n_outputs;
    mote_status st;
    if ((st = mote_shape_axis(c, mote_lower_opt_i32(c, 1, 0), rank, &axis)) != MOTE_OK) return st;
    if (mote_lower_opt_i32(c, 0, 0) != (int32_t)n || c->in[0].dims[axis] != (int32_t)n)
        return mote_lower_fail(
            c, MOTE_E_PARAM, -1, "num is %d, %u outputs, axis dimension %d: all must agree",
            (int)mote_lower_opt_i32(c, 0, 0), (unsigned)n, (int)c->in[0].dims[axis]);
    for (r = 0; r + 1 < rank; r++)
        want[r] = c->in[0].dims[r < axis ? r : r + 1];
    outer = mote_shape_outer(&c->in[0], axis);
    for (k = 0; k < n; k++) {
        mote_graph_tensor t;
        int32_t idx;
        if ((st = mote_shape_output(c, k, &t, &idx)) != MOTE_OK) return st;
        if ((st = mote_shape_check_type(c, &t, idx, c->in[0].type)) != MOTE_OK) return st;
        if ((st = mote_shape_expect(c, &t, idx, rank - 1, want)) != MOTE_OK) return st;
        chunk[k] = mote_shape_inner(&c->in[0], axis);
    }
    return mote_shape_lower_split(c, 0, n, outer, chunk, mote_shape_esize(&c->in[0]));
}

uint64_t mote_macs_unpack(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
