/*
 * SLICE: float32, int8, int16, int32, bool (TFLite Micro's types), up to
 * MOTE_MAX_RANK dimensions (TFLite Micro: 5). Inputs 1 and 2, begin and
 * size, are constant int32 or int64 vectors of one value per dimension:
 * 0 <= begin <= dimension, size -1 (to the end) or 0..dimension - begin;
 * the output has the sizes as its shape.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_slice(mote_lower_ctx *c)
{
    int32_t b[MOTE_MAX_RANK], sz[MOTE_MAX_RANK], in_st[MOTE_MAX_RANK], n, k, rank = c->in[0].rank;
    int64_t offset = 0;
    mote_status st;
    if (c->op.n_inputs != 3)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 3",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_ints(c, 1, "begin", 1, rank, b, &n)) != MOTE_OK ||
        (st = mote_shape_ints(c, 2, "size", 1, rank, sz, &n)) != MOTE_OK)
        return st;
    if (c->in[1].type != c->in[2].type)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[2],
                               "begin and size have types %s and %s", mote_type_name(c->in[1].type),
                               mote_type_name(c->in[2].type));
    mote_shape_strides(&c->in[0], in_st);
    for (k = 0; k < rank; k++) {
        const int32_t dim = c->in[0].dims[k];
        if (b[k] < 0 || b[k] > dim || (sz[k] == -1 ? 0 : sz[k] < 0 || sz[k] > dim - b[k]))
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                                   "dimension %d (%d): begin %d, size %d are out of range", (int)k,
                                   (int)dim, (int)b[k], (int)sz[k]);
        if (sz[k] == -1) sz[k] = dim - b[k];
        offset += (int64_t)b[k] * in_st[k];
    }
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, rank, sz)) != MOTE_OK) return st;
    return mote_shape_lower_strided(c, 0, &c->in[0], rank, sz, in_st, offset);
}

uint64_t mote_macs_slice(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
