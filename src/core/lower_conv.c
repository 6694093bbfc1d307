/*
 * lower_conv.c — lowering of the windowed and matrix operators: CONV_2D,
 * DEPTHWISE_CONV_2D, FULLY_CONNECTED, AVERAGE_POOL_2D and MAX_POOL_2D.
 */
#include "core/lower_internal.h"
#include "core/quant.h"

/* The int8 reference kernels accumulate in int32. Each product is at most
 * 255 * 128 in magnitude, so 65536 taps per output keep every partial sum
 * below 2^31 (2^16 * 2^15 = 2^31 minus the bias headroom the converter
 * leaves); larger windows are refused rather than left to overflow. */
#define MOTE_MAX_TAPS 65536

/* Requantization entries for a weights tensor with n_quant scales (1 or
 * out_c), written at mult/shift unless counting. */
static mote_status lower_weight_quant(mote_lower_ctx *c, const mote_graph_tensor *w, int32_t w_idx,
                                      int32_t quant_dim, int32_t out_c, float in_scale,
                                      float out_scale, int32_t n_entries, uint32_t *q_first)
{
    int32_t *mult;
    int8_t *shift;
    int32_t ch;
    mote_status s;

    if (w->n_quant != 1 && w->n_quant != (uint32_t)out_c)
        return mote_lower_fail(c, MOTE_E_QUANT, w_idx,
                               "weights tensor %d has %u scales; expected 1 or %d", (int)w_idx,
                               (unsigned)w->n_quant, (int)out_c);
    if (w->n_quant > 1 && w->quant_dim != quant_dim)
        return mote_lower_fail(c, MOTE_E_QUANT, w_idx,
                               "weights tensor %d is quantized along dimension %d; expected %d",
                               (int)w_idx, (int)w->quant_dim, (int)quant_dim);
    for (ch = 0; ch < (int32_t)w->n_zero_points; ch++) {
        if (mote_graph_tensor_zero_point(w, (uint32_t)ch) != 0)
            return mote_lower_fail(c, MOTE_E_QUANT, w_idx,
                                   "weights tensor %d has a non-zero zero point (int8 weights "
                                   "are symmetric)",
                                   (int)w_idx);
    }
    *q_first = c->tables->used;
    if ((s = mote_lower_reserve(c, (uint32_t)n_entries, &mult, &shift)) != MOTE_OK) return s;
    for (ch = 0; ch < n_entries; ch++) {
        int32_t m;
        int8_t sh;
        float ws = mote_graph_tensor_scale(w, w->n_quant > 1 ? (uint32_t)ch : 0);
        if (mote_quant_conv_channel(in_scale, ws, out_scale, &m, &sh) != MOTE_OK)
            return mote_lower_fail(c, MOTE_E_QUANT, w_idx,
                                   "channel %d: scales (input %g, weights %g, output %g) give "
                                   "no valid multiplier",
                                   (int)ch, (double)in_scale, (double)ws, (double)out_scale);
        if (mult != NULL) {
            mult[ch] = m;
            shift[ch] = sh;
        }
    }
    return MOTE_OK;
}

/* Check the bias (input 2, optional): a constant with out_c elements of the
 * right type. */
static mote_status check_bias(mote_lower_ctx *c, int32_t out_c, mote_type want)
{
    mote_status s;
    if (c->in_idx[2] < 0) return MOTE_OK;
    if ((s = mote_lower_need_input(c, 2, 1)) != MOTE_OK) return s;
    if (c->in[2].type != want)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[2],
                               "bias type %s; expected %s", mote_type_name(c->in[2].type),
                               mote_type_name(want));
    if (c->in[2].elements != (size_t)out_c)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[2], "bias has %U elements; expected %d",
                               (unsigned long long)c->in[2].elements, (int)out_c);
    return MOTE_OK;
}

/* Weights must match the activations' type; int8 weights under float
 * activations are a "hybrid" model, which TFLite Micro does not run either. */
static mote_status check_weights_type(mote_lower_ctx *c)
{
    if (c->in[1].type == c->in[0].type) return MOTE_OK;
    if (c->in[0].type == MOTE_FLOAT32 && c->in[1].type == MOTE_INT8)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                               "hybrid model (int8 weights, float32 activations) is not "
                               "supported; use the fully int8 or the pure float32 model");
    return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                           "weights type %s with activations of type %s is not supported",
                           mote_type_name(c->in[1].type), mote_type_name(c->in[0].type));
}

static mote_status check_rank4(mote_lower_ctx *c, const mote_graph_tensor *t, int32_t idx)
{
    if (t->rank != 4)
        return mote_lower_fail(c, MOTE_E_SHAPE, idx, "tensor %d has rank %d; expected 4", (int)idx,
                               (int)t->rank);
    return MOTE_OK;
}

/* Output height/width and padding from the window; refuse a model whose
 * output tensor disagrees with what TFLite computes. */
static mote_status lower_geometry(mote_lower_ctx *c, int32_t padding, int32_t fh, int32_t fw,
                                  int32_t sh, int32_t sw, int32_t dh, int32_t dwid,
                                  const mote_dims *in, const mote_dims *out, mote_conv_geom *geom)
{
    int32_t oh, ow;
    mote_status s;
    if ((s = mote_lower_window(c, padding, in->h, fh, sh, dh, &oh, &geom->pad_h)) != MOTE_OK)
        return s;
    if ((s = mote_lower_window(c, padding, in->w, fw, sw, dwid, &ow, &geom->pad_w)) != MOTE_OK)
        return s;
    if (oh != out->h || ow != out->w || out->n != in->n)
        return mote_lower_fail(c, MOTE_E_SHAPE, -1,
                               "output is [%d,%d,%d,_]; the window gives [%d,%d,%d,_]", (int)out->n,
                               (int)out->h, (int)out->w, (int)in->n, (int)oh, (int)ow);
    geom->stride_h = sh;
    geom->stride_w = sw;
    geom->dilation_h = dh;
    geom->dilation_w = dwid;
    return MOTE_OK;
}

mote_status mote_lower_conv(mote_lower_ctx *c, mote_step *s)
{
    const mote_graph_conv_opts *o = &c->op.opt.conv;
    int dw = c->op.code == MOTE_OP_DEPTHWISE_CONV_2D;
    int32_t out_c, taps;
    mote_conv_geom geom;
    mote_status st;

    if ((st = mote_lower_need_input(c, 0, 0)) != MOTE_OK) return st;
    if ((st = mote_lower_need_input(c, 1, 1)) != MOTE_OK) return st;
    if ((st = check_weights_type(c)) != MOTE_OK) return st;
    if ((st = check_rank4(c, &c->in[0], c->in_idx[0])) != MOTE_OK) return st;
    if ((st = check_rank4(c, &c->in[1], c->in_idx[1])) != MOTE_OK) return st;
    if ((st = check_rank4(c, &c->out, s->out)) != MOTE_OK) return st;
    mote_lower_dims4(c, &c->in[0], c->in_idx[0], &s->in_dims);
    mote_lower_dims4(c, &c->in[1], c->in_idx[1], &s->w_dims);
    mote_lower_dims4(c, &c->out, s->out, &s->out_dims);
    out_c = s->out_dims.c;
    if (dw) {
        if (s->w_dims.n != 1 || s->w_dims.c != out_c || o->depth_multiplier < 1 ||
            (int64_t)s->in_dims.c * o->depth_multiplier != out_c)
            return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1],
                                   "filter [%d,%d,%d,%d], depth multiplier %d, input channels "
                                   "%d and output channels %d do not agree",
                                   (int)s->w_dims.n, (int)s->w_dims.h, (int)s->w_dims.w,
                                   (int)s->w_dims.c, (int)o->depth_multiplier, (int)s->in_dims.c,
                                   (int)out_c);
        taps = s->w_dims.h * s->w_dims.w;
    } else {
        if (s->w_dims.c != s->in_dims.c || s->w_dims.n != out_c)
            return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1],
                                   "filter [%d,%d,%d,%d] does not fit input channels %d and "
                                   "output channels %d",
                                   (int)s->w_dims.n, (int)s->w_dims.h, (int)s->w_dims.w,
                                   (int)s->w_dims.c, (int)s->in_dims.c, (int)out_c);
        if ((int64_t)s->w_dims.h * s->w_dims.w * s->w_dims.c > MOTE_MAX_TAPS)
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                                   "filter window of %D taps exceeds %d (int32 accumulator)",
                                   (long long)s->w_dims.h * s->w_dims.w * s->w_dims.c,
                                   MOTE_MAX_TAPS);
        taps = s->w_dims.h * s->w_dims.w;
    }
    (void)taps;
    if ((st = lower_geometry(c, o->padding, s->w_dims.h, s->w_dims.w, o->stride_h, o->stride_w,
                             o->dilation_h, o->dilation_w, &s->in_dims, &s->out_dims, &geom)) !=
        MOTE_OK)
        return st;

    if (c->in[0].type == MOTE_FLOAT32) {
        mote_conv_f32_params *p = &s->p.conv_f32;
        if ((st = check_bias(c, out_c, MOTE_FLOAT32)) != MOTE_OK) return st;
        p->geom = geom;
        p->depth_multiplier = dw ? o->depth_multiplier : 1;
        if ((st = mote_lower_act_f32(c, o->activation, &p->act_min, &p->act_max)) != MOTE_OK)
            return st;
        s->kernel = dw ? MOTE_K_DWCONV_F32 : MOTE_K_CONV_F32;
        return MOTE_OK;
    } else {
        mote_conv_s8_params *p = &s->p.conv_s8;
        float in_scale, out_scale;
        int32_t in_zp, out_zp;
        if ((st = check_bias(c, out_c, MOTE_INT32)) != MOTE_OK) return st;
        if ((st = mote_lower_act_quant(c, &c->in[0], c->in_idx[0], &in_scale, &in_zp)) != MOTE_OK)
            return st;
        if ((st = mote_lower_act_quant(c, &c->out, s->out, &out_scale, &out_zp)) != MOTE_OK)
            return st;
        if ((st = lower_weight_quant(c, &c->in[1], c->in_idx[1], dw ? 3 : 0, out_c, in_scale,
                                     out_scale, out_c, &s->q_first)) != MOTE_OK)
            return st;
        p->geom = geom;
        p->depth_multiplier = dw ? o->depth_multiplier : 1;
        p->input_offset = -in_zp;
        p->output_offset = out_zp;
        if (mote_quant_activation_s8(o->activation, out_scale, out_zp, &p->act_min, &p->act_max) !=
            MOTE_OK)
            return mote_lower_fail(c, MOTE_E_PARAM, -1, "fused activation %d is not supported",
                                   (int)o->activation);
        s->kernel = dw ? MOTE_K_DWCONV_S8 : MOTE_K_CONV_S8;
        return MOTE_OK;
    }
}

mote_status mote_lower_fc(mote_lower_ctx *c, mote_step *s)
{
    const mote_graph_fc_opts *o = &c->op.opt.fc;
    int32_t out_c, depth;
    mote_status st;

    if ((st = mote_lower_need_input(c, 0, 0)) != MOTE_OK) return st;
    if ((st = mote_lower_need_input(c, 1, 1)) != MOTE_OK) return st;
    if ((st = check_weights_type(c)) != MOTE_OK) return st;
    if (o->weights_format != 0)
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "weights format %d is not supported",
                               (int)o->weights_format);
    if (c->in[1].rank != 2)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1], "weights have rank %d; expected 2",
                               (int)c->in[1].rank);
    out_c = c->in[1].dims[0];
    depth = c->in[1].dims[1];
    if (out_c < 1 || depth < 1 || c->in[0].elements % (size_t)depth != 0)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0],
                               "input of %U elements does not split into rows of depth %d",
                               (unsigned long long)c->in[0].elements, (int)depth);
    if (depth > MOTE_MAX_TAPS)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                               "depth %d exceeds %d (int32 accumulator)", (int)depth,
                               MOTE_MAX_TAPS);
    s->rows = (int32_t)(c->in[0].elements / (size_t)depth);
    s->depth = depth;
    s->cols = out_c;
    if (c->out.elements != (size_t)s->rows * (size_t)out_c)
        return mote_lower_fail(c, MOTE_E_SHAPE, s->out, "output has %U elements; expected %d x %d",
                               (unsigned long long)c->out.elements, (int)s->rows, (int)out_c);

    if (c->in[0].type == MOTE_FLOAT32) {
        if ((st = check_bias(c, out_c, MOTE_FLOAT32)) != MOTE_OK) return st;
        if ((st = mote_lower_act_f32(c, o->activation, &s->p.clamp_f32.act_min,
                                     &s->p.clamp_f32.act_max)) != MOTE_OK)
            return st;
        s->kernel = MOTE_K_FC_F32;
        return MOTE_OK;
    } else {
        mote_fc_s8_params *p = &s->p.fc_s8;
        float in_scale, out_scale;
        int32_t in_zp, out_zp;
        int per_channel = c->in[1].n_quant > 1;
        if ((st = check_bias(c, out_c, MOTE_INT32)) != MOTE_OK) return st;
        if ((st = mote_lower_act_quant(c, &c->in[0], c->in_idx[0], &in_scale, &in_zp)) != MOTE_OK)
            return st;
        if ((st = mote_lower_act_quant(c, &c->out, s->out, &out_scale, &out_zp)) != MOTE_OK)
            return st;
        if ((st = lower_weight_quant(c, &c->in[1], c->in_idx[1], 0, out_c, in_scale, out_scale,
                                     per_channel ? out_c : 1, &s->q_first)) != MOTE_OK)
            return st;
        p->input_offset = -in_zp;
        p->filter_offset = 0;
        p->output_offset = out_zp;
        p->per_channel = per_channel;
        if (mote_quant_activation_s8(o->activation, out_scale, out_zp, &p->act_min, &p->act_max) !=
            MOTE_OK)
            return mote_lower_fail(c, MOTE_E_PARAM, -1, "fused activation %d is not supported",
                                   (int)o->activation);
        s->kernel = MOTE_K_FC_S8;
        return MOTE_OK;
    }
}

mote_status mote_lower_pool(mote_lower_ctx *c, mote_step *s)
{
    const mote_graph_pool_opts *o = &c->op.opt.pool;
    int avg = c->op.code == MOTE_OP_AVERAGE_POOL_2D;
    mote_conv_geom geom;
    mote_status st;

    if ((st = mote_lower_need_input(c, 0, 0)) != MOTE_OK) return st;
    if ((st = check_rank4(c, &c->in[0], c->in_idx[0])) != MOTE_OK) return st;
    if ((st = check_rank4(c, &c->out, s->out)) != MOTE_OK) return st;
    mote_lower_dims4(c, &c->in[0], c->in_idx[0], &s->in_dims);
    mote_lower_dims4(c, &c->out, s->out, &s->out_dims);
    if (s->in_dims.c != s->out_dims.c)
        return mote_lower_fail(c, MOTE_E_SHAPE, s->out, "output channels %d differ from input %d",
                               (int)s->out_dims.c, (int)s->in_dims.c);
    if ((st = lower_geometry(c, o->padding, o->filter_h, o->filter_w, o->stride_h, o->stride_w, 1,
                             1, &s->in_dims, &s->out_dims, &geom)) != MOTE_OK)
        return st;
    if (c->in[0].type == MOTE_FLOAT32) {
        mote_pool_f32_params *p = &s->p.pool_f32;
        p->geom = geom;
        p->filter_h = o->filter_h;
        p->filter_w = o->filter_w;
        if ((st = mote_lower_act_f32(c, o->activation, &p->act_min, &p->act_max)) != MOTE_OK)
            return st;
        s->kernel = avg ? MOTE_K_AVGPOOL_F32 : MOTE_K_MAXPOOL_F32;
    } else {
        mote_pool_s8_params *p = &s->p.pool_s8;
        float in_scale, out_scale;
        int32_t in_zp, out_zp;
        if ((st = mote_lower_act_quant(c, &c->in[0], c->in_idx[0], &in_scale, &in_zp)) != MOTE_OK)
            return st;
        if ((st = mote_lower_act_quant(c, &c->out, s->out, &out_scale, &out_zp)) != MOTE_OK)
            return st;
        /* Pools work on the quantized values directly, as TFLite's reference
         * does, so input and output must share one quantization. */
        if (in_scale != out_scale || in_zp != out_zp)
            return mote_lower_fail(c, MOTE_E_QUANT, s->out,
                                   "input (scale %g, zero point %d) and output (scale %g, zero "
                                   "point %d) quantization differ",
                                   (double)in_scale, (int)in_zp, (double)out_scale, (int)out_zp);
        p->geom = geom;
        p->filter_h = o->filter_h;
        p->filter_w = o->filter_w;
        if (mote_quant_activation_s8(o->activation, out_scale, out_zp, &p->act_min, &p->act_max) !=
            MOTE_OK)
            return mote_lower_fail(c, MOTE_E_PARAM, -1, "fused activation %d is not supported",
                                   (int)o->activation);
        s->kernel = avg ? MOTE_K_AVGPOOL_S8 : MOTE_K_MAXPOOL_S8;
    }
    return MOTE_OK;
}
