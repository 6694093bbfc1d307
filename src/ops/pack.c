/*
 * PACK: float32, int8, int16, int32, int64 (TFLite Micro's types), inputs of one
 * shape stacked along a new axis. Options PackOptions: 0 values_count
 * (must equal the number of inputs), 1 axis in [-(rank+1), rank+1).
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_pack(mote_lower_ctx *c)
{
    uint64_t chunk[MOTE_MAX_OP_INPUTS], outer;
    int32_t want[MOTE_MAX_RANK], axis, r, rank = c->in[0].rank;
    uint32_t k, n = c->op.n_inputs;
    mote_status st;
    if (mote_lower_opt_i32(c, 0, 0) != (int32_t)n)
        return mote_lower_fail(c, MOTE_E_PARAM, -1,
                               "values_count is %d; the operator has %u inputs",
                               (int)mote_lower_opt_i32(c, 0, 0), (unsigned)n);
    if (rank + 1 > MOTE_MAX_RANK)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "output rank %d is above %d",
                               (int)rank + 1, MOTE_MAX_RANK);
    if ((st = mote_shape_axis(c, mote_lower_opt_i32(c, 1, 0), rank + 1, &axis)) != MOTE_OK)
        return st;
    for (k = 0; k < n; k++) {
        mote_graph_tensor t;
        int32_t idx;
        if ((st = mote_shape_input(c, k, &t, &idx)) != MOTE_OK) return st;
        if ((st = mote_shape_check_type(c, &t, idx, c->in[0].type)) != MOTE_OK) return st;
        if ((st = mote_shape_expect(c, &t, idx, rank, c->in[0].dims)) != MOTE_OK) return st;
    }
    for (r = 0; r <= rank; r++)
        want[r] = r < axis ? c->in[0].dims[r] : r == axis ? (int32_t)n : c->in[0].dims[r - 1];
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, rank + 1, want)) != MOTE_OK) return st;
    outer = mote_shape_outer(&c->in[0], axis);
    for (k = 0; k < n; k++)
        chunk[k] = (uint64_t)c->in[0].elements / outer;
    return mote_shape_lower_concat(c, n, outer, chunk, mote_shape_esize(&c->out));
}

uint64_t mote_macs_pack(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
