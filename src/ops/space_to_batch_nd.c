/*
 * SPACE_TO_BATCH_ND (and BATCH_TO_SPACE_ND, batch_to_space_nd.c): float32,
 * int8 (TFLite Micro's types), rank 3 ([n, w, c], one block dimension) or
 * 4 ([n, h, w, c], two). Input 1 (block shape, >= 1) and input 2 (paddings
 * [M, 2], or crops) must be constant int32. Padding is 0.0 for float32
 * and the output's zero point for int8, as LiteRT: TFLite Micro's pad value
 * (float32 and int8) is an uninitialised field (it changes from run to
 * run), so there mote cannot match it and follows LiteRT.
 */
#include "ops/op_shape_util.h"

mote_status mote_shape_lower_space_batch(mote_lower_ctx *c, int to_batch)
{
    const mote_graph_tensor *in = &c->in[0];
    int32_t blk[2] = {1, 1}, pads[4] = {0, 0, 0, 0}, want[4], n, k, m = in->rank - 2;
    mote_space_batch_step *p;
    mote_status st;
    if (c->op.n_inputs != 3)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 3",
                               (unsigned)c->op.n_inputs);
    if (in->rank != 3 && in->rank != 4)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0], "input has rank %d; 3 or 4 expected",
                               (int)in->rank);
    if ((st = mote_shape_ints(c, 1, "block_shape", 0, m, blk, &n)) != MOTE_OK) return st;
    if ((st = mote_shape_ints_of(c, &c->in[2], c->in_idx[2], to_batch ? "paddings" : "crops", 0,
                                 2 * m, pads, &n)) != MOTE_OK)
        return st;
    if (n != 2 * m || c->in[2].rank != 2)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[2], "%s must have shape [%d, 2]",
                               to_batch ? "paddings" : "crops", (int)m);
    want[0] = in->dims[0];
    want[3] = in->dims[in->rank - 1];
    want[2] = 1;
    for (k = 0; k < m; k++) {
        const int32_t d = in->dims[1 + k], sum = pads[2 * k] + pads[2 * k + 1];
        if (blk[k] < 1 || pads[2 * k] < 0 || pads[2 * k + 1] < 0 || d > INT32_MAX / blk[k])
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                                   "block %d and paddings %d, %d of dimension %d are invalid",
                                   (int)blk[k], (int)pads[2 * k], (int)pads[2 * k + 1],
                                   (int)(k + 1));
        if (to_batch ? (d + sum) % blk[k] != 0 : sum > d * blk[k])
            return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[2],
                                   "dimension %d (%d) with %s %d, %d does not fit block %d",
                                   (int)(k + 1), (int)d, to_batch ? "paddings" : "crops",
                                   (int)pads[2 * k], (int)pads[2 * k + 1], (int)blk[k]);
        want[1 + k] = to_batch ? (d + sum) / blk[k] : d * blk[k] - sum;
    }
    if (to_batch) {
        want[0] = in->dims[0] * blk[0] * blk[1];
    } else if (in->dims[0] % (blk[0] * blk[1]) != 0) {
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0],
                               "batch %d is not a multiple of the block size %d", (int)in->dims[0],
                               (int)(blk[0] * blk[1]));
    } else {
        want[0] = in->dims[0] / (blk[0] * blk[1]);
    }
    if (m == 1) want[2] = want[3];
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, in->rank, want)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, MOTE_KID_SPACE_BATCH, 0, &st)) == NULL) return st;
    p->esize = mote_shape_esize(in);
    p->to_batch = to_batch;
    for (k = 0; k < 4; k++) {
        const int32_t j = m == 1 ? (k < 2 ? k : k == 2 ? -1 : 2) : k;
        p->in[k] = j < 0 ? 1 : in->dims[j];
        p->out[k] = j < 0 ? 1 : c->out.dims[j];
    }
    p->block[0] = blk[0];
    p->block[1] = blk[1];
    p->pad[0] = pads[0];
    p->pad[1] = pads[2];
    if (to_batch && in->type == MOTE_INT8) {
        float sc;
        int32_t zp;
        if ((st = mote_lower_act_quant(c, &c->out, c->out_idx, &sc, &zp)) != MOTE_OK) return st;
        p->value[0] = (uint8_t)(int8_t)zp;
    }
    return MOTE_OK;
}

mote_status mote_lower_space_to_batch_nd(mote_lower_ctx *c)
{
    return mote_shape_lower_space_batch(c, 1);
}

uint64_t mote_macs_space_to_batch_nd(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
