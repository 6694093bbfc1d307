/*
 * L2_NORMALIZATION over the last dimension: float32 and int8 (output scale
 * 1/128 and zero point 0, as TFLite Micro requires; any input
 * quantization). Options L2NormOptions: 0 fused activation (NONE only, as
 * TFLite Micro).
 */
#include <math.h>

#include "ops/op_reduce_util.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_l2_normalization(mote_lower_ctx *c)
{
    int32_t act = 0, depth;
    mote_l2norm_step *p;
    mote_status st;
    if ((st = mote_lower_opt_enum(c, 0, MOTE_ACTIVATION_LAST, "fused activation", &act)) != MOTE_OK)
        return st;
    if (act != 0)
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "fused activation %d is not supported",
                               (int)act);
    if (c->in[0].rank < 1 || c->in[0].rank > 4 || c->out.elements != c->in[0].elements ||
        c->out.rank != c->in[0].rank)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "input rank %d (1 to 4) and output must have the same shape",
                               (int)c->in[0].rank);
    depth = c->in[0].dims[c->in[0].rank - 1];
    if (c->in[0].elements > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[0], "input too large");
    if (c->in[0].type == MOTE_INT8) {
        float si, so;
        int32_t zi, zo;
        if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &si, &zi)) != MOTE_OK ||
            (st = mote_ew_quant(c, &c->out, c->out_idx, 0, &so, &zo)) != MOTE_OK)
            return st;
        if (so != 1.0f / 128.0f || zo != 0)
            return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                                   "int8 output needs scale 1/128 and zero point 0 (has %g, %d)",
                                   (double)so, (int)zo);
        /* Sums of depth squares of at most 255^2 stay in int32. */
        if (depth > INT32_MAX / (255 * 255))
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[0],
                                   "depth %d exceeds %d (int32 sum of squares)", (int)depth,
                                   (int)(INT32_MAX / (255 * 255)));
        if ((p = mote_lower_step(c, MOTE_KID_L2_NORMALIZATION_S8, 0, &st)) == NULL) return st;
        p->input_zp = zi;
    } else if ((p = mote_lower_step(c, MOTE_KID_L2_NORMALIZATION_F32, 0, &st)) == NULL) {
        return st;
    }
    p->depth = depth;
    p->outer = (int32_t)(c->in[0].elements / (size_t)depth);
    return MOTE_OK;
}

uint64_t mote_macs_l2_normalization(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
