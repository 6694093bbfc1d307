/*
 * op_conv_util.c — what the windowed and matrix operators share: weights
 * and bias checks, per-channel requantization, window geometry, and the
 * common lowering of the two convolutions and the two pools.
 */
#include "ops/op.h"
#include "ops/quant.h"
#include "ops/lower_select.h"

/* Accumulator bounds: lowering proves, for every int8 kernel, that no
 * intermediate value can leave int32 whatever the input and weight values
 * the types allow, and refuses the model (MOTE_E_PARAM, naming the operator
 * and the bound) otherwise. docs/ROBUSTNESS.md lists them all.
 *
 * CONV_2D, DEPTHWISE_CONV_2D (and FULLY_CONNECTED's depth, same bound):
 * each tap is w * (x - zp) with w in [-128, 127] and x - zp in [-255, 255],
 * so |tap| <= 128 * 255 = 32640, and 65536 taps per output give at most
 * 65536 * 32640 = 2139095040 <= INT32_MAX - 8388607. The taps are kh * kw *
 * filter depth for CONV_2D, kh * kw for DEPTHWISE_CONV_2D. */
#define MOTE_MAX_TAPS 65536

/* AVERAGE_POOL_2D int8 sums the in-bounds part of the window (count
 * elements, each in [-128, 127]) then rounds with +-count/2:
 * |sum +- count/2| <= 128 * count + count/2, which is at most INT32_MAX
 * exactly when count <= 16711935 (= floor((2^31 - 1) / 128.5)). count is at
 * most min(filter_h, in_h) * min(filter_w, in_w). */
#define MOTE_MAX_POOL_COUNT 16711935

mote_status mote_lower_weight_quant(mote_lower_ctx *c, int32_t quant_dim, int32_t out_c,
                                    float in_scale, float out_scale, int32_t n_entries)
{
    const mote_graph_tensor *w = &c->in[1];
    int32_t w_idx = c->in_idx[1], ch;

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
    for (ch = 0; ch < n_entries; ch++) {
        int32_t m;
        int8_t sh;
        float ws = mote_graph_tensor_scale(w, w->n_quant > 1 ? (uint32_t)ch : 0);
        if (mote_quant_conv_channel(in_scale, ws, out_scale, &m, &sh) != MOTE_OK)
            return mote_lower_fail(c, MOTE_E_QUANT, w_idx,
                                   "channel %d: scales (input %g, weights %g, output %g) give "
                                   "no valid multiplier",
                                   (int)ch, (double)in_scale, (double)ws, (double)out_scale);
        if (c->mult != NULL) {
            c->mult[ch] = m;
            c->shift[ch] = sh;
        }
    }
    return MOTE_OK;
}

mote_status mote_lower_bias(mote_lower_ctx *c, int32_t out_c, mote_type want)
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
    /* The 16x8 kernels read an int64 bias with mote_ref_load_i64. */
    if (want == MOTE_INT64) c->unaligned_ok |= 1u << 2;
    return MOTE_OK;
}

mote_status mote_lower_weights_type(mote_lower_ctx *c)
{
    if (c->in[1].type == c->in[0].type) return MOTE_OK;
    if (c->in[0].type == MOTE_INT16 && c->in[1].type == MOTE_INT8) return MOTE_OK; /* 16x8 */
    if (c->in[0].type == MOTE_INT8 && c->in[1].type == MOTE_INT4) return mote_lower_int4_weights(c);
    /* Hybrid (dynamic-range quantization): lowered by ops/op_hybrid_util.c. */
    if (c->in[0].type == MOTE_FLOAT32 && c->in[1].type == MOTE_INT8) return MOTE_OK;
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

mote_status mote_lower_geometry(mote_lower_ctx *c, int32_t padding, int32_t fh, int32_t fw,
                                int32_t sh, int32_t sw, int32_t dh, int32_t dw, const mote_dims *in,
                                const mote_dims *out, mote_conv_geom *geom)
{
    int32_t oh, ow;
    mote_status s;
    if ((s = mote_lower_window(c, padding, in->h, fh, sh, dh, &oh, &geom->pad_h)) != MOTE_OK)
        return s;
    if ((s = mote_lower_window(c, padding, in->w, fw, sw, dw, &ow, &geom->pad_w)) != MOTE_OK)
        return s;
    if (oh != out->h || ow != out->w || out->n != in->n)
        return mote_lower_fail(c, MOTE_E_SHAPE, -1,
                               "output is [%d,%d,%d,_]; the window gives [%d,%d,%d,_]", (int)out->n,
                               (int)out->h, (int)out->w, (int)in->n, (int)oh, (int)ow);
    geom->stride_h = sh;
    geom->stride_w = sw;
    geom->dilation_h = dh;
    geom->dilation_w = dw;
    return MOTE_OK;
}

/* Conv2DOptions and DepthwiseConv2DOptions: the same fields, except that
 * depthwise has depth_multiplier at field 3 and the rest one later. */
typedef struct conv_opts {
    int32_t padding, stride_w, stride_h, depth_multiplier, activation, dilation_w, dilation_h;
} conv_opts;

static mote_status conv_options(mote_lower_ctx *c, int depthwise, conv_opts *o)
{
    uint32_t at = depthwise ? 1u : 0u;
    mote_status s;
    o->padding = 0;
    o->activation = 0;
    if ((s = mote_lower_opt_enum(c, 0, MOTE_PADDING_LAST, "padding", &o->padding)) != MOTE_OK)
        return s;
    o->stride_w = mote_lower_opt_i32(c, 1, 0);
    o->stride_h = mote_lower_opt_i32(c, 2, 0);
    o->depth_multiplier = depthwise ? mote_lower_opt_i32(c, 3, 0) : 1;
    if ((s = mote_lower_opt_enum(c, 3 + at, MOTE_ACTIVATION_LAST, "fused activation",
                                 &o->activation)) != MOTE_OK)
        return s;
    o->dilation_w = mote_lower_opt_i32(c, 4 + at, 1);
    o->dilation_h = mote_lower_opt_i32(c, 5 + at, 1);
    /* LiteRT refuses dilations past int16 and TFLite Micro's int arithmetic
     * overflows on them (tests/fuzz/differential.py found its outputs
     * differ): there is no reference to be exact with, so refuse. */
    if (o->dilation_w > INT16_MAX || o->dilation_h > INT16_MAX)
        return mote_lower_fail(c, MOTE_E_PARAM, -1,
                               "dilation %d x %d: at most 32767 (TFLite's reference kernels "
                               "overflow beyond)",
                               (int)o->dilation_h, (int)o->dilation_w);
    return MOTE_OK;
}

mote_status mote_lower_conv_common(mote_lower_ctx *c, int dw)
{
    conv_opts o;
    mote_dims in, filter, out;
    mote_conv_geom geom;
    int32_t out_c;
    mote_status st;

    if ((st = conv_options(c, dw, &o)) != MOTE_OK) return st;
    if ((st = mote_lower_need_input(c, 0, 0)) != MOTE_OK) return st;
    if ((st = mote_lower_need_input(c, 1, 1)) != MOTE_OK) return st;
    if ((st = mote_lower_weights_type(c)) != MOTE_OK) return st;
    if ((st = check_rank4(c, &c->in[0], c->in_idx[0])) != MOTE_OK) return st;
    if ((st = check_rank4(c, &c->in[1], c->in_idx[1])) != MOTE_OK) return st;
    if ((st = check_rank4(c, &c->out, c->out_idx)) != MOTE_OK) return st;
    mote_lower_dims4(c, &c->in[0], c->in_idx[0], &in);
    mote_lower_dims4(c, &c->in[1], c->in_idx[1], &filter);
    mote_lower_dims4(c, &c->out, c->out_idx, &out);
    out_c = out.c;
    if (dw) {
        if (filter.n != 1 || filter.c != out_c || o.depth_multiplier < 1 ||
            (int64_t)in.c * o.depth_multiplier != out_c)
            return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1],
                                   "filter [%d,%d,%d,%d], depth multiplier %d, input channels "
                                   "%d and output channels %d do not agree",
                                   (int)filter.n, (int)filter.h, (int)filter.w, (int)filter.c,
                                   (int)o.depth_multiplier, (int)in.c, (int)out_c);
        /* One input channel per output: the window is kh * kw taps. */
        if ((int64_t)filter.h * filter.w > MOTE_MAX_TAPS)
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                                   "filter window of %D taps exceeds %d (int32 accumulator)",
                                   (long long)filter.h * filter.w, MOTE_MAX_TAPS);
    } else {
        if (filter.c != in.c || filter.n != out_c)
            return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1],
                                   "filter [%d,%d,%d,%d] does not fit input channels %d and "
                                   "output channels %d",
                                   (int)filter.n, (int)filter.h, (int)filter.w, (int)filter.c,
                                   (int)in.c, (int)out_c);
        if ((int64_t)filter.h * filter.w * filter.c > MOTE_MAX_TAPS)
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                                   "filter window of %D taps exceeds %d (int32 accumulator)",
                                   (long long)filter.h * filter.w * filter.c, MOTE_MAX_TAPS);
    }
    if ((st = mote_lower_geometry(c, o.padding, filter.h, filter.w, o.stride_h, o.stride_w,
                                  o.dilation_h, o.dilation_w, &in, &out, &geom)) != MOTE_OK)
        return st;

    if (c->in[0].type == MOTE_INT16)
        return mote_lower_by_type_table.conv_s16 == NULL
                   ? mote_lower_type_left_out(c)
                   : mote_lower_by_type_table.conv_s16(c, dw, o.activation, o.depth_multiplier, &in,
                                                       &filter, &out, &geom);
    if (c->in[0].type == MOTE_FLOAT32 && c->in[1].type == MOTE_INT8)
        return mote_lower_by_type_table.conv_hybrid == NULL
                   ? mote_lower_type_left_out(c)
                   : mote_lower_by_type_table.conv_hybrid(c, dw, o.activation, o.depth_multiplier,
                                                          &in, &filter, &out, &geom);
    if (c->in[0].type == MOTE_FLOAT32) {
        mote_conv_f32_step *p;
        if ((st = mote_lower_bias(c, out_c, MOTE_FLOAT32)) != MOTE_OK) return st;
        p = mote_lower_step(c, dw ? MOTE_KID_DEPTHWISE_CONV_2D_F32 : MOTE_KID_CONV_2D_F32, 0, &st);
        if (p == NULL) return st;
        p->in = in;
        p->filter = filter;
        p->out = out;
        p->p.geom = geom;
        p->p.depth_multiplier = o.depth_multiplier;
        return mote_lower_act_f32(c, o.activation, &p->p.act_min, &p->p.act_max);
    } else {
        mote_conv_s8_step *p;
        float in_scale, out_scale;
        int32_t in_zp, out_zp;
        if ((st = mote_lower_bias(c, out_c, MOTE_INT32)) != MOTE_OK) return st;
        if ((st = mote_lower_act_quant(c, &c->in[0], c->in_idx[0], &in_scale, &in_zp)) != MOTE_OK)
            return st;
        if ((st = mote_lower_act_quant(c, &c->out, c->out_idx, &out_scale, &out_zp)) != MOTE_OK)
            return st;
        /* Weights with one scale need one requantization entry, not out_c
         * equal ones (the kernel then uses entry 0 for every channel). */
        int32_t entries = c->in[1].n_quant == 1 ? 1 : out_c;
        const int i4 = c->in[1].type == MOTE_INT4; /* packed int4 weights */
        mote_kernel_id k = dw ? MOTE_KID_DEPTHWISE_CONV_2D_S8 : MOTE_KID_CONV_2D_S8;
        if (i4) k = dw ? MOTE_KID_DEPTHWISE_CONV_2D_S8_I4 : MOTE_KID_CONV_2D_S8_I4;
        p = mote_lower_step(c, k, (uint32_t)entries, &st);
        if (p == NULL) return st;
        if ((st = mote_lower_weight_quant(c, dw ? 3 : 0, out_c, in_scale, out_scale, entries)) !=
            MOTE_OK)
            return st;
        p->in = in;
        p->filter = filter;
        p->out = out;
        p->channels = entries;
        p->p.geom = geom;
        p->p.depth_multiplier = o.depth_multiplier;
        p->p.input_offset = -in_zp;
        p->p.output_offset = out_zp;
        return mote_lower_act_s8(c, o.activation, out_scale, out_zp, &p->p.act_min, &p->p.act_max);
    }
}

mote_status mote_lower_pool_common(mote_lower_ctx *c, int avg)
{
    int32_t padding = 0, activation = 0, stride_w, stride_h, filter_w, filter_h;
    mote_dims in, out;
    mote_conv_geom geom;
    mote_status st;

    if ((st = mote_lower_opt_enum(c, 0, MOTE_PADDING_LAST, "padding", &padding)) != MOTE_OK)
        return st;
    stride_w = mote_lower_opt_i32(c, 1, 0);
    stride_h = mote_lower_opt_i32(c, 2, 0);
    filter_w = mote_lower_opt_i32(c, 3, 0);
    filter_h = mote_lower_opt_i32(c, 4, 0);
    if ((st = mote_lower_opt_enum(c, 5, MOTE_ACTIVATION_LAST, "fused activation", &activation)) !=
        MOTE_OK)
        return st;
    if ((st = mote_lower_need_input(c, 0, 0)) != MOTE_OK) return st;
    if ((st = check_rank4(c, &c->in[0], c->in_idx[0])) != MOTE_OK) return st;
    if ((st = check_rank4(c, &c->out, c->out_idx)) != MOTE_OK) return st;
    mote_lower_dims4(c, &c->in[0], c->in_idx[0], &in);
    mote_lower_dims4(c, &c->out, c->out_idx, &out);
    if (in.c != out.c)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "output channels %d differ from input %d", (int)out.c, (int)in.c);
    if ((st = mote_lower_geometry(c, padding, filter_h, filter_w, stride_h, stride_w, 1, 1, &in,
                                  &out, &geom)) != MOTE_OK)
        return st;
    if (c->in[0].type == MOTE_INT16)
        return mote_lower_by_type_table.pool_s16 == NULL
                   ? mote_lower_type_left_out(c)
                   : mote_lower_by_type_table.pool_s16(c, avg, activation, filter_h, filter_w, &in,
                                                       &out, &geom);
    if (avg && c->in[0].type == MOTE_INT8) {
        int64_t count = (int64_t)(filter_h < in.h ? filter_h : in.h) *
                        (int64_t)(filter_w < in.w ? filter_w : in.w);
        if (count > MOTE_MAX_POOL_COUNT)
            return mote_lower_fail(c, MOTE_E_PARAM, -1,
                                   "window of %D in-bounds elements exceeds %d (int32 sum)",
                                   (long long)count, MOTE_MAX_POOL_COUNT);
    }
    if (c->in[0].type == MOTE_FLOAT32) {
        mote_pool_f32_step *p = mote_lower_step(
            c, avg ? MOTE_KID_AVERAGE_POOL_2D_F32 : MOTE_KID_MAX_POOL_2D_F32, 0, &st);
        if (p == NULL) return st;
        p->in = in;
        p->out = out;
        p->p.geom = geom;
        p->p.filter_h = filter_h;
        p->p.filter_w = filter_w;
        return mote_lower_act_f32(c, activation, &p->p.act_min, &p->p.act_max);
    } else {
        mote_pool_s8_step *p;
        float in_scale, out_scale;
        int32_t in_zp, out_zp;
        if ((st = mote_lower_act_quant(c, &c->in[0], c->in_idx[0], &in_scale, &in_zp)) != MOTE_OK)
            return st;
        if ((st = mote_lower_act_quant(c, &c->out, c->out_idx, &out_scale, &out_zp)) != MOTE_OK)
            return st;
        /* Pools work on the quantized values directly, as TFLite's reference
         * does, so input and output must share one quantization. */
        if (in_scale != out_scale || in_zp != out_zp)
            return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                                   "input (scale %g, zero point %d) and output (scale %g, zero "
                                   "point %d) quantization differ",
                                   (double)in_scale, (int)in_zp, (double)out_scale, (int)out_zp);
        p = mote_lower_step(c, avg ? MOTE_KID_AVERAGE_POOL_2D_S8 : MOTE_KID_MAX_POOL_2D_S8, 0, &st);
        if (p == NULL) return st;
        p->in = in;
        p->out = out;
        p->p.geom = geom;
        p->p.filter_h = filter_h;
        p->p.filter_w = filter_w;
        return mote_lower_act_s8(c, activation, out_scale, out_zp, &p->p.act_min, &p->p.act_max);
    }
}

int32_t mote_conv_rows_pad(const mote_graph_op *op, int32_t kh, int32_t in_h, int32_t out_h)
{
    /* conv_options' fields, read without a lowering context. */
    const int32_t dh = mote_graph_opt_i32(op, op->code == MOTE_OP_DEPTHWISE_CONV_2D ? 6u : 5u, 1);
    const int32_t sh = mote_graph_opt_i32(op, 2, 0);
    int64_t pad;
    if (dh < 1 || dh > INT16_MAX || kh < 1 || in_h < 1 || out_h < 1 || out_h > in_h) return -1;
    if (sh != 1 && out_h != 1) return -1;
    if (mote_graph_opt_i32(op, 0, 0) != 0) return 0; /* VALID */
    /* SAME, as TFLite (and mote_lower_window) compute it. */
    pad = ((int64_t)out_h - 1) * sh + ((int64_t)kh - 1) * dh + 1 - in_h;
    return pad > 0 ? (int32_t)(pad / 2) : 0;
}

/* ADD of two int8 activations of the output's own shape (batch 1): row r
 * of the output reads row r of each input. */
static int add_rows(const mote_graph *g, const mote_graph_op *op, mote_op_rows *r,
                    mote_graph_tensor *t)
{
    int32_t dims[4] = {0, 0, 0, 0}, k, d, idx;
    if (op->n_inputs != 2 || op->n_outputs != 1) return 0;
    for (k = 0; k < 3; k++) {
        idx = k < 2 ? mote_graph_op_input(op, (uint32_t)k) : mote_graph_op_output(op, 0);
        if (idx < 0) return 0;
        mote_graph_get_tensor(g, (uint32_t)idx, t);
        if (t->data != NULL || t->type != MOTE_INT8 || t->rank != 4 || t->dims[0] != 1) return 0;
        for (d = 0; d < 4; d++) {
            if (k == 0) dims[d] = t->dims[d];
            if (t->dims[d] != dims[d] || t->dims[d] < 1) return 0;
        }
    }
    if ((uint64_t)dims[2] * (uint64_t)dims[3] > UINT32_MAX / 2) return 0;
    r->in_h = r->out_h = dims[1];
    r->stride = 1;
    r->pad = 0;
    r->span = 1;
    r->in_row = r->out_row = (uint32_t)((uint64_t)dims[2] * (uint64_t)dims[3]);
    r->inputs = 2;
    return 1;
}

int mote_op_band_rows(const mote_graph *g, const mote_graph_op *op, mote_op_rows *r,
                      mote_graph_tensor *t)
{
    int32_t t0, t1, t2, to, kh, dh, sh, in_h;
    int64_t pad;
    uint64_t in_row;
    if (op->code == MOTE_OP_ADD) return add_rows(g, op, r, t);
    if ((op->code != MOTE_OP_CONV_2D && op->code != MOTE_OP_DEPTHWISE_CONV_2D) ||
        op->n_inputs < 2 || op->n_outputs != 1)
        return 0;
    t0 = mote_graph_op_input(op, 0);
    t1 = mote_graph_op_input(op, 1);
    t2 = op->n_inputs > 2 ? mote_graph_op_input(op, 2) : -1;
    to = mote_graph_op_output(op, 0);
    if (t0 < 0 || t1 < 0 || to < 0) return 0;
    /* The filter (and bias) constant: only input 0 is an activation. */
    mote_graph_get_tensor(g, (uint32_t)t1, t);
    if (t->data == NULL || t->type != MOTE_INT8 || t->rank != 4) return 0;
    kh = t->dims[1];
    if (t2 >= 0) {
        mote_graph_get_tensor(g, (uint32_t)t2, t);
        if (t->data == NULL) return 0;
    }
    mote_graph_get_tensor(g, (uint32_t)t0, t);
    if (t->data != NULL || t->type != MOTE_INT8 || t->rank != 4 || t->dims[0] != 1) return 0;
    in_h = t->dims[1];
    in_row = (uint64_t)t->dims[2] * (uint64_t)t->dims[3];
    mote_graph_get_tensor(g, (uint32_t)to, t);
    if (t->type != MOTE_INT8 || t->rank != 4 || t->dims[0] != 1) return 0;
    /* conv_options: stride_h is field 2; dilation_h field 5 (CONV_2D) or 6
     * (DEPTHWISE_CONV_2D), as mote_conv_rows_pad reads them. */
    sh = mote_graph_opt_i32(op, 2, 0);
    dh = mote_graph_opt_i32(op, op->code == MOTE_OP_DEPTHWISE_CONV_2D ? 6u : 5u, 1);
    if (sh < 1 || sh > INT16_MAX || dh < 1 || dh > INT16_MAX || kh < 1 || kh > INT16_MAX ||
        in_h < 1 || t->dims[1] < 1 || in_row == 0 || in_row > UINT32_MAX / 2 ||
        (uint64_t)t->dims[2] * (uint64_t)t->dims[3] > UINT32_MAX / 2)
        return 0;
    r->in_h = in_h;
    r->out_h = t->dims[1];
    r->stride = sh;
    r->span = (kh - 1) * dh + 1;
    /* Padding on top: 0 for VALID; SAME as TFLite (and lowering) compute it. */
    pad = 0;
    if (mote_graph_opt_i32(op, 0, 0) == 0) {
        pad = ((int64_t)r->out_h - 1) * sh + r->span - in_h;
        pad = pad > 0 ? pad / 2 : 0;
    }
    r->pad = (int32_t)pad;
    r->in_row = (uint32_t)in_row;
    r->out_row = (uint32_t)((uint64_t)t->dims[2] * (uint64_t)t->dims[3]);
    r->inputs = 1;
    return 1;
}
