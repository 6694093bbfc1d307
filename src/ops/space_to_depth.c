/*
 * SPACE_TO_DEPTH: float32, int8 (TFLite Micro's types), rank 4 NHWC: each
 * b x b block of pixels becomes one pixel of b*b*c channels, output
 * [n, h/b, w/b, c*b*b] (b divides h and w). Options SpaceToDepthOptions:
 * 0 block_size >= 1. Runs as a 6-D strided copy.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_space_to_depth(mote_lower_ctx *c)
{
    const int32_t b = mote_lower_opt_i32(c, 0, 0);
    const int32_t *d = c->in[0].dims;
    int32_t want[4], dims[6], strides[6];
    mote_status st;
    if (c->in[0].rank != 4)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0], "input has rank %d; expected 4",
                               (int)c->in[0].rank);
    if (c->in[0].elements > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->in_idx[0], "tensors above 2^31 elements");
    if (b < 1 || d[1] % b != 0 || d[2] % b != 0)
        return mote_lower_fail(c, MOTE_E_PARAM, -1,
                               "block_size %d must be >= 1 and divide height %d and width %d",
                               (int)b, (int)d[1], (int)d[2]);
    want[0] = d[0];
    want[1] = d[1] / b;
    want[2] = d[2] / b;
    want[3] = d[3] * b * b; /* at most h * w * c elements */
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, 4, want)) != MOTE_OK) return st;
    /* Output as [n, oh, ow, bh, bw, c] over the input. */
    dims[0] = d[0];
    strides[0] = d[1] * d[2] * d[3];
    dims[1] = want[1];
    strides[1] = b * d[2] * d[3];
    dims[2] = want[2];
    strides[2] = b * d[3];
    dims[3] = b;
    strides[3] = d[2] * d[3];
    dims[4] = b;
    strides[4] = d[3];
    dims[5] = d[3];
    strides[5] = 1;
    return mote_shape_lower_strided(c, 0, &c->in[0], 6, dims, strides, 0);
}

uint64_t mote_macs_space_to_depth(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
