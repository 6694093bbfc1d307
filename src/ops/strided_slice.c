/*
 * STRIDED_SLICE: float32, int8, int16, int32, bool (TFLite Micro's types),
 * up to MOTE_MAX_RANK dimensions (TFLite Micro: 4). Inputs 1-3, begin, end
 * and strides, are constant int32 vectors of one value per dimension
 * (strides nonzero). Options StridedSliceOptions: 0 begin_mask, 1 end_mask,
 * 4 shrink_axis_mask; like TFLite Micro, mote ignores 2 ellipsis_mask,
 * 3 new_axis_mask and 5 offset. Indices resolve as TFLite Micro's kernel
 * does (negative from the end, clamped); a shrunk axis must index an
 * element with a positive stride (TFLite Micro writes nothing otherwise).
 */
#include "ops/op_shape_util.h"

static int32_t clamp(int32_t v, int32_t lo, int32_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

mote_status mote_lower_strided_slice(mote_lower_ctx *c)
{
    int32_t b[MOTE_MAX_RANK], e[MOTE_MAX_RANK], s[MOTE_MAX_RANK], in_st[MOTE_MAX_RANK];
    int32_t dims[MOTE_MAX_RANK], strides[MOTE_MAX_RANK], want[MOTE_MAX_RANK];
    int32_t n, k, kept = 0, rank = c->in[0].rank;
    const int32_t bmask = mote_lower_opt_i32(c, 0, 0), emask = mote_lower_opt_i32(c, 1, 0),
                  shrink = mote_lower_opt_i32(c, 4, 0);
    int64_t offset = 0;
    mote_status st;
    if (c->op.n_inputs != 4)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 4",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_ints(c, 1, "begin", 0, rank, b, &n)) != MOTE_OK ||
        (st = mote_shape_ints(c, 2, "end", 0, rank, e, &n)) != MOTE_OK ||
        (st = mote_shape_ints(c, 3, "strides", 0, rank, s, &n)) != MOTE_OK)
        return st;
    mote_shape_strides(&c->in[0], in_st);
    for (k = 0; k < rank; k++) {
        const int32_t size = c->in[0].dims[k], bit = (int32_t)(1u << k);
        int32_t start = b[k], end = e[k], count;
        if (s[k] == 0)
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[3], "stride %d is 0", (int)k);
        if (start < 0) start += size;
        start = s[k] > 0 ? clamp(start, 0, size) : clamp(start, -1, size - 1);
        if (bmask & bit) start = s[k] > 0 ? 0 : size - 1;
        if (shrink & bit) {
            if (s[k] < 0 || start >= size)
                return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                                       "shrunk axis %d: begin %d, stride %d select no element",
                                       (int)k, (int)b[k], (int)s[k]);
            count = 1;
        } else {
            if (end < 0) end += size;
            end = s[k] > 0 ? clamp(end, 0, size) : clamp(end, -1, size - 1);
            if (emask & bit) end = s[k] > 0 ? size : -1;
            {
                const int64_t span = s[k] > 0 ? (int64_t)end - start : (int64_t)start - end;
                const int64_t step = s[k] > 0 ? s[k] : -(int64_t)s[k];
                count = span > 0 ? (int32_t)((span + step - 1) / step) : 0;
            }
            want[kept++] = count;
        }
        dims[k] = count;
        /* More than one step stays inside the dimension: |s| * stride fits. */
        strides[k] = count > 1 ? (int32_t)((int64_t)s[k] * in_st[k]) : 0;
        offset += (int64_t)start * in_st[k];
    }
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, kept, want)) != MOTE_OK) return st;
    return mote_shape_lower_strided(c, 0, &c->in[0], rank, dims, strides, offset);
}

uint64_t mote_macs_strided_slice(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
