/*
 * DEPTH_TO_SPACE: float32, int8 (TFLite Micro's types), rank 4 NHWC,
 * TFLite's DCR order: output [n, h*b, w*b, c/(b*b)] takes channel block
 * (h % b) * b + (w % b) of input pixel (h/b, w/b). Options
 * DepthToSpaceOptions: 0 block_size >= 1. Runs as a 6-D strided copy.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_depth_to_space(mote_lower_ctx *c)
{
    const int32_t b = mote_lower_opt_i32(c, 0, 0);
    const int32_t *d = c->in[0].dims;
    int32_t want[4], dims[6], strides[6], oc;
    mote_status st;
    if (c->in[0].rank != 4)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0], "input has rank %d; expected 4",
                               (int)c->in[0].rank);
    if (c->in[0].elements > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->in_idx[0], "tensors above 2^31 elements");
    if (b < 1 || b > 46340 || d[3] % (b * b) != 0)
        return mote_lower_fail(c, MOTE_E_PARAM, -1,
                               "block_size %d must be >= 1 with its square dividing %d channels",
                               (int)b, (int)d[3]);
    if ((int64_t)d[1] * b > INT32_MAX || (int64_t)d[2] * b > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "block_size %d overflows the output", (int)b);
    oc = d[3] / (b * b);
    want[0] = d[0];
    want[1] = d[1] * b;
    want[2] = d[2] * b;
    want[3] = oc;
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, 4, want)) != MOTE_OK) return st;
    /* Output as [n, h, bh, w, bw, c] over the input. */
    dims[0] = d[0];
    strides[0] = d[1] * d[2] * d[3];
    dims[1] = d[1];
    strides[1] = d[2] * d[3];
    dims[2] = b;
    strides[2] = b * oc;
    dims[3] = d[2];
    strides[3] = d[3];
    dims[4] = b;
    strides[4] = oc;
    dims[5] = oc;
    strides[5] = 1;
    return mote_shape_lower_strided(c, 0, &c->in[0], 6, dims, strides, 0);
}

uint64_t mote_macs_depth_to_space(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
