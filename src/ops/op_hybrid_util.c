/*
 * op_hybrid_util.c — hybrid CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED:
 * float32 activations, constant int8 weights with float scales (what
 * TensorFlow's converter writes for dynamic-range quantization). The
 * kernels (mote/kernels_hybrid.h) quantize each batch item on the fly as
 * LiteRT's hybrid kernels do; which LiteRT path a model takes decides the
 * input quantization:
 *
 *   CONV_2D            weights with per-channel scales that differ:
 *                      asymmetric (HybridConvPerChannel); otherwise symmetric
 *                      (HybridConv) with the tensor's scale. (LiteRT reads
 *                      the tensor's legacy scale there, which is 0 for a
 *                      tensor listing several equal scales; mote uses the
 *                      common scale.)
 *   DEPTHWISE_CONV_2D  always asymmetric, per channel (one scale broadcast).
 *   FULLY_CONNECTED    asymmetric_quantize_inputs (FullyConnectedOptions
 *                      field 3) chooses; per-channel or per-tensor scales.
 *
 * The weights' scales are stored after the block as float bits in the
 * requantization entries (c->mult), so the planner sizes them as it does
 * int8 requantization tables.
 */
#include <math.h>
#include <string.h>
#include "ops/op_hybrid_util.h"

/* Weights (input 1): int8, zero points 0, 1 or out_c finite positive
 * scales along quant_dim. *n gets the scale count, *distinct whether the
 * scales differ. */
static mote_status hybrid_scales(mote_lower_ctx *c, int32_t quant_dim, int32_t out_c, int32_t *n,
                                 int *distinct)
{
    const mote_graph_tensor *w = &c->in[1];
    int32_t w_idx = c->in_idx[1], ch;
    *distinct = 0;
    if (w->n_quant != 1 && w->n_quant != (uint32_t)out_c)
        return mote_lower_fail(c, MOTE_E_QUANT, w_idx,
                               "hybrid weights tensor %d has %u scales; expected 1 or %d",
                               (int)w_idx, (unsigned)w->n_quant, (int)out_c);
    if (w->n_quant > 1 && w->quant_dim != quant_dim)
        return mote_lower_fail(c, MOTE_E_QUANT, w_idx,
                               "weights tensor %d is quantized along dimension %d; expected %d",
                               (int)w_idx, (int)w->quant_dim, (int)quant_dim);
    for (ch = 0; ch < (int32_t)w->n_zero_points; ch++) {
        if (mote_graph_tensor_zero_point(w, (uint32_t)ch) != 0)
            return mote_lower_fail(c, MOTE_E_QUANT, w_idx,
                                   "weights tensor %d has a non-zero zero point (hybrid int8 "
                                   "weights are symmetric)",
                                   (int)w_idx);
    }
    *n = (int32_t)w->n_quant;
    for (ch = 0; ch < *n; ch++) {
        float s = mote_graph_tensor_scale(w, (uint32_t)ch);
        if (!(s > 0.0f) || !isfinite(s))
            return mote_lower_fail(c, MOTE_E_QUANT, w_idx,
                                   "weights tensor %d: scale %d is %g; expected a finite "
                                   "positive scale",
                                   (int)w_idx, (int)ch, (double)s);
        if (s != mote_graph_tensor_scale(w, 0)) *distinct = 1;
    }
    return MOTE_OK;
}

/* Store the n scales after the block (not when counting). */
static void store_scales(mote_lower_ctx *c, int32_t n)
{
    int32_t ch;
    if (c->mult == NULL) return;
    for (ch = 0; ch < n; ch++) {
        float s = mote_graph_tensor_scale(&c->in[1], (uint32_t)ch);
        memcpy(&c->mult[ch], &s, sizeof s);
        c->shift[ch] = 0;
    }
}

mote_status mote_lower_conv_hybrid(mote_lower_ctx *c, int dw, int32_t activation,
                                   int32_t depth_multiplier, const mote_dims *in,
                                   const mote_dims *filter, const mote_dims *out,
                                   const mote_conv_geom *geom)
{
    mote_conv_hybrid_step *p;
    int32_t n = 1;
    int distinct = 0;
    mote_status st;

    if ((st = hybrid_scales(c, dw ? 3 : 0, out->c, &n, &distinct)) != MOTE_OK) return st;
    if ((st = mote_lower_bias(c, out->c, MOTE_FLOAT32)) != MOTE_OK) return st;
    if (c->out.type != MOTE_FLOAT32)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->out_idx,
                               "hybrid output type %s; expected FLOAT32",
                               mote_type_name(c->out.type));
    /* CONV_2D with one common scale takes LiteRT's per-tensor path. */
    if (!dw && !distinct) n = 1;
    p = mote_lower_step(c, dw ? MOTE_KID_DEPTHWISE_CONV_2D_HYBRID : MOTE_KID_CONV_2D_HYBRID,
                        (uint32_t)n, &st);
    if (p == NULL) return st;
    store_scales(c, n);
    p->geom = *geom;
    p->depth_multiplier = depth_multiplier;
    p->asymmetric = dw || distinct;
    p->per_channel = dw || distinct;
    p->in = *in;
    p->filter = *filter;
    p->out = *out;
    p->channels = n;
    return mote_lower_act_f32(c, activation, &p->act_min, &p->act_max);
}

mote_status mote_lower_fc_hybrid(mote_lower_ctx *c, int32_t activation, int32_t rows, int32_t depth,
                                 int32_t out_c)
{
    mote_fc_hybrid_step *p;
    int32_t n = 1;
    int distinct = 0;
    mote_status st;

    if ((st = hybrid_scales(c, 0, out_c, &n, &distinct)) != MOTE_OK) return st;
    if ((st = mote_lower_bias(c, out_c, MOTE_FLOAT32)) != MOTE_OK) return st;
    if (c->out.type != MOTE_FLOAT32)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->out_idx,
                               "hybrid output type %s; expected FLOAT32",
                               mote_type_name(c->out.type));
    p = mote_lower_step(c, MOTE_KID_FULLY_CONNECTED_HYBRID, (uint32_t)n, &st);
    if (p == NULL) return st;
    store_scales(c, n);
    p->asymmetric = mote_lower_opt_bool(c, 3, 0) ? 1 : 0;
    p->per_channel = n > 1;
    p->batches = rows;
    p->depth = depth;
    p->out_c = out_c;
    p->channels = n;
    return mote_lower_act_f32(c, activation, &p->act_min, &p->act_max);
}

/* BATCH_MATMUL: the shapes are checked and s filled by batch_matmul.c; the
 * int32 sum of depth products of at most 128 * 255 stays in range for
 * depth <= 65536. */
#define BMM_MAX_DEPTH 65536

mote_status mote_lower_bmm_hybrid(mote_lower_ctx *c, const mote_bmm_step *s)
{
    const mote_graph_tensor *r = &c->in[1];
    mote_bmm_hybrid_step *p;
    int32_t n = 1, cols_dim = r->rank - (s->adj_y ? 2 : 1);
    int distinct = 0;
    mote_status st;

    if ((st = mote_lower_need_input(c, 1, 1)) != MOTE_OK) return st;
    /* LiteRT's hybrid kernel is not consistent for batched weights: one
     * weight matrix only. */
    if (s->rhs_stride[0] != 0 || s->rhs_stride[1] != 0 || s->rhs_stride[2] != 0)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1],
                               "hybrid weights (rhs) must have batch dimensions of 1");
    if (s->depth > BMM_MAX_DEPTH)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                               "depth %d exceeds %d (int32 accumulator)", (int)s->depth,
                               BMM_MAX_DEPTH);
    if ((st = hybrid_scales(c, cols_dim, s->cols, &n, &distinct)) != MOTE_OK) return st;
    p = mote_lower_step(c, MOTE_KID_BATCH_MATMUL_HYBRID, (uint32_t)n, &st);
    if (p == NULL) return st;
    store_scales(c, n);
    p->b = *s;
    p->asymmetric = mote_lower_opt_bool(c, 2, 0) ? 1 : 0;
    p->per_channel = n > 1;
    p->channels = n;
    return MOTE_OK;
}
