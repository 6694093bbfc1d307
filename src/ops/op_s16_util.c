/*
 * op_s16_util.c — int16 activations with int8 weights (16x8): CONV_2D,
 * DEPTHWISE_CONV_2D, FULLY_CONNECTED, and the int16 pools; and the check of
 * packed int4 weights (int8 activations), whose lowering is otherwise the
 * int8 one (op_conv_util.c, fully_connected.c) with the _I4 kernels.
 *
 * What TFLite Micro's reference kernels do, and so what mote checks:
 * - int16 activations are symmetric: input and output zero points must be
 *   0 (the kernels have no offsets; the converter never writes another).
 * - CONV_2D with an int32 bias accumulates in int32; with an int64 bias or
 *   none, in int64 (what the TFLite Micro we match computes: a CONV_2D
 *   without bias requantizes through the int64 path; tests/ops/spec_conv_2d.py
 *   draws all three). DEPTHWISE_CONV_2D and FULLY_CONNECTED read
 *   their bias as int64 whatever the model says, so any other bias type is
 *   refused rather than read out of bounds.
 * - The int64 accumulators requantize with TFLite's int64
 *   MultiplyByQuantizedMultiplier, whose right shift 15 - shift must be at
 *   least 1: multipliers needing a shift above 14 are refused.
 * - The int16 average pool sums in int32: at most 65535 in-bounds elements
 *   (32768.5 * 65535 < 2^31).
 * Multipliers, shifts and clamps come from the same Prepare arithmetic as
 * int8 (ops/quant.c) with the int16 range.
 */
#include "ops/op_s16_util.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

#define S16_MAX_SHIFT64 14
#define S16_MAX_POOL_COUNT 65535

/* Input 0 and output 0: per-tensor, zero point 0. */
static mote_status act_quant(mote_lower_ctx *c, float *in_scale, float *out_scale)
{
    int32_t zp;
    mote_status st;
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 1, in_scale, &zp)) != MOTE_OK) return st;
    return mote_ew_quant(c, &c->out, c->out_idx, 1, out_scale, &zp);
}

/* Requantization entries (weights checks in mote_lower_weight_quant), then
 * the int64 path's shift bound. */
static mote_status weight_quant(mote_lower_ctx *c, int32_t quant_dim, int32_t out_c, float in_scale,
                                float out_scale, int32_t entries, int acc64)
{
    const mote_graph_tensor *w = &c->in[1];
    int32_t ch;
    mote_status st = mote_lower_weight_quant(c, quant_dim, out_c, in_scale, out_scale, entries);
    if (st != MOTE_OK || !acc64) return st;
    for (ch = 0; ch < entries; ch++) {
        int32_t m;
        int8_t sh;
        float ws = mote_graph_tensor_scale(w, w->n_quant > 1 ? (uint32_t)ch : 0);
        (void)mote_quant_conv_channel(in_scale, ws, out_scale, &m, &sh);
        if (sh > S16_MAX_SHIFT64)
            return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[1],
                                   "channel %d: scales (input %g, weights %g, output %g) give a "
                                   "multiplier of 2^%d or more; the int64 requantization "
                                   "allows below 2^%d",
                                   (int)ch, (double)in_scale, (double)ws, (double)out_scale,
                                   (int)sh - 1, S16_MAX_SHIFT64);
    }
    return MOTE_OK;
}

mote_status mote_lower_conv_s16(mote_lower_ctx *c, int dw, int32_t activation,
                                int32_t depth_multiplier, const mote_dims *in,
                                const mote_dims *filter, const mote_dims *out,
                                const mote_conv_geom *geom)
{
    const int32_t out_c = out->c;
    const int32_t entries = c->in[1].n_quant == 1 ? 1 : out_c;
    mote_conv_s16_step *p;
    float in_scale, out_scale;
    int acc64;
    mote_status st;

    if (c->in[1].type != MOTE_INT8)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                               "weights type %s with int16 activations; expected INT8",
                               mote_type_name(c->in[1].type));
    if (dw || c->in_idx[2] < 0 || c->in[2].type == MOTE_INT64) {
        if ((st = mote_lower_bias(c, out_c, MOTE_INT64)) != MOTE_OK) return st;
        acc64 = 1;
    } else {
        if ((st = mote_lower_bias(c, out_c, MOTE_INT32)) != MOTE_OK) return st;
        acc64 = 0;
    }
    if ((st = act_quant(c, &in_scale, &out_scale)) != MOTE_OK) return st;
    p = mote_lower_step(c, dw ? MOTE_KID_DEPTHWISE_CONV_2D_S16 : MOTE_KID_CONV_2D_S16,
                        (uint32_t)entries, &st);
    if (p == NULL) return st;
    if ((st = weight_quant(c, dw ? 3 : 0, out_c, in_scale, out_scale, entries, acc64)) != MOTE_OK)
        return st;
    p->geom = *geom;
    p->depth_multiplier = depth_multiplier;
    p->acc64 = acc64;
    p->in = *in;
    p->filter = *filter;
    p->out = *out;
    p->channels = entries;
    return mote_ew_act_q(c, activation, MOTE_INT16, out_scale, 0, &p->act_min, &p->act_max);
}

mote_status mote_lower_fc_s16(mote_lower_ctx *c, int32_t activation, int32_t rows, int32_t depth,
                              int32_t out_c)
{
    const int per_channel = c->in[1].n_quant > 1;
    const int32_t entries = per_channel ? out_c : 1;
    mote_fc_s16_step *p;
    float in_scale, out_scale;
    mote_status st;

    if (c->in[1].type != MOTE_INT8)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                               "weights type %s with int16 activations; expected INT8",
                               mote_type_name(c->in[1].type));
    if ((st = mote_lower_bias(c, out_c, MOTE_INT64)) != MOTE_OK) return st;
    if ((st = act_quant(c, &in_scale, &out_scale)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, MOTE_KID_FULLY_CONNECTED_S16, (uint32_t)entries, &st)) == NULL)
        return st;
    if ((st = weight_quant(c, 0, out_c, in_scale, out_scale, entries, 1)) != MOTE_OK) return st;
    p->batches = rows;
    p->depth = depth;
    p->out_c = out_c;
    p->per_channel = per_channel;
    p->channels = entries;
    return mote_ew_act_q(c, activation, MOTE_INT16, out_scale, 0, &p->act_min, &p->act_max);
}

mote_status mote_lower_pool_s16(mote_lower_ctx *c, int avg, int32_t activation, int32_t filter_h,
                                int32_t filter_w, const mote_dims *in, const mote_dims *out,
                                const mote_conv_geom *geom)
{
    mote_pool_s8_step *p;
    float in_scale, out_scale;
    mote_status st;

    if (avg) {
        int64_t count = (int64_t)(filter_h < in->h ? filter_h : in->h) *
                        (int64_t)(filter_w < in->w ? filter_w : in->w);
        if (count > S16_MAX_POOL_COUNT)
            return mote_lower_fail(c, MOTE_E_PARAM, -1,
                                   "window of %D in-bounds elements exceeds %d (int32 sum of "
                                   "int16 values)",
                                   (long long)count, S16_MAX_POOL_COUNT);
    }
    if ((st = act_quant(c, &in_scale, &out_scale)) != MOTE_OK) return st;
    if (in_scale != out_scale)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "input scale %g and output scale %g differ", (double)in_scale,
                               (double)out_scale);
    p = mote_lower_step(c, avg ? MOTE_KID_AVERAGE_POOL_2D_S16 : MOTE_KID_MAX_POOL_2D_S16, 0, &st);
    if (p == NULL) return st;
    p->in = *in;
    p->out = *out;
    p->p.geom = *geom;
    p->p.filter_h = filter_h;
    p->p.filter_w = filter_w;
    return mote_ew_act_q(c, activation, MOTE_INT16, out_scale, 0, &p->p.act_min, &p->p.act_max);
}

mote_status mote_lower_int4_weights(mote_lower_ctx *c)
{
    const mote_graph_tensor *w = &c->in[1];
    const size_t need = w->elements / 2 + (w->elements & 1u);
    mote_status st;
    if ((st = mote_lower_need_input(c, 1, 1)) != MOTE_OK) return st;
    if (w->data_bytes != need)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1],
                               "packed INT4 weights tensor %d holds %U bytes; %U elements need %U",
                               (int)c->in_idx[1], (unsigned long long)w->data_bytes,
                               (unsigned long long)w->elements, (unsigned long long)need);
    return MOTE_OK;
}
