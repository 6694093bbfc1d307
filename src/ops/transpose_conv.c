/*
 * TRANSPOSE_CONV: int8 (per-channel or per-tensor weights, int32 bias),
 * int16 with int8 weights (16x8; int64 or int16 bias, as TFLite Micro) and
 * float32. Inputs: 0 output shape (constant, ignored: the output tensor's
 * shape is used, as TFLite Micro does), 1 filter [out_c, kh, kw, in_c]
 * (constant), 2 input [n, h, w, in_c], 3 optional bias (constant).
 * Options TransposeConvOptions: 0 padding, 1 stride_w, 2 stride_h,
 * 3 fused activation. Padding comes from the OUTPUT size, as TFLite
 * computes it.
 */
#include <string.h>

#include "ops/op_reduce_util.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

/* Largest |bias| (0 without one): bias entries are added to the sums. */
static uint64_t bias_peak(const mote_graph_tensor *b, int32_t bits)
{
    uint64_t peak = 0, v;
    size_t i, k;
    for (i = 0; bits && i < b->elements; i++) {
        uint64_t u = 0;
        for (k = 0; k < (size_t)bits / 8; k++)
            u |= (uint64_t)b->data[i * (size_t)bits / 8 + k] << (8 * k);
        if (bits < 64 && (u >> (bits - 1)) & 1u) u |= ~(uint64_t)0 << bits; /* sign-extend */
        v = (u >> 63) ? (uint64_t)0 - u : u;
        if (v > peak) peak = v;
    }
    return peak;
}

static mote_status quant(mote_lower_ctx *c, mote_tconv_step *p, int32_t act)
{
    int wide = c->in[2].type == MOTE_INT16;
    float si, so;
    int32_t zi, zo, ch;
    mote_status st;
    if ((st = mote_ew_quant(c, &c->in[2], c->in_idx[2], wide, &si, &zi)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, wide, &so, &zo)) != MOTE_OK) return st;
    if ((st = mote_lower_weight_quant(c, 0, p->out.c, si, so, p->out.c)) != MOTE_OK) return st;
    for (ch = 0; wide && ch < p->out.c; ch++) { /* the int64 requantization's shift bound */
        int32_t m;
        int8_t sh;
        float ws = mote_graph_tensor_scale(&c->in[1], c->in[1].n_quant > 1 ? (uint32_t)ch : 0);
        if (mote_quant_conv_channel(si, ws, so, &m, &sh) != MOTE_OK || sh > 14)
            return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[1],
                                   "channel %d: multiplier of 2^15 or more; the int64 "
                                   "requantization takes less",
                                   (int)ch);
    }
    p->input_offset = -zi;
    p->output_offset = zo;
    p->channels = p->out.c;
    return mote_ew_act_q(c, act, c->out.type, so, zo, &p->act_min, &p->act_max);
}

mote_status mote_lower_transpose_conv(mote_lower_ctx *c)
{
    const mote_graph_tensor *in = &c->in[2], *f = &c->in[1];
    int32_t padding = 0, act = 0, oh, ow, taps;
    uint64_t term, limit;
    mote_tconv_step *p, s;
    mote_status st;
    mote_type t;

    memset(&s, 0, sizeof s);
    if ((st = mote_lower_opt_enum(c, 0, MOTE_PADDING_LAST, "padding", &padding)) != MOTE_OK ||
        (st = mote_lower_opt_enum(c, 3, MOTE_ACTIVATION_LAST, "fused activation", &act)) != MOTE_OK)
        return st;
    s.stride_w = mote_lower_opt_i32(c, 1, 0);
    s.stride_h = mote_lower_opt_i32(c, 2, 0);
    if ((st = mote_lower_need_input(c, 1, 1)) != MOTE_OK ||
        (st = mote_lower_need_input(c, 2, 0)) != MOTE_OK)
        return st;
    t = in->type;
    if ((t != MOTE_INT8 && t != MOTE_INT16 && t != MOTE_FLOAT32) || c->in[0].type != MOTE_INT32 ||
        c->out.type != t || f->type != (t == MOTE_FLOAT32 ? MOTE_FLOAT32 : MOTE_INT8))
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[2],
                               "types: output shape %s, filter %s, input %s, output %s",
                               mote_type_name(c->in[0].type), mote_type_name(f->type),
                               mote_type_name(t), mote_type_name(c->out.type));
    if (in->rank != 4 || f->rank != 4 || c->out.rank != 4)
        return mote_lower_fail(c, MOTE_E_SHAPE, -1, "input, filter and output must have rank 4");
    if ((st = mote_lower_dims4(c, in, c->in_idx[2], &s.in)) != MOTE_OK ||
        (st = mote_lower_dims4(c, f, c->in_idx[1], &s.filter)) != MOTE_OK ||
        (st = mote_lower_dims4(c, &c->out, c->out_idx, &s.out)) != MOTE_OK)
        return st;
    if (s.filter.c != s.in.c || s.out.c != s.filter.n || s.out.n != s.in.n)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1],
                               "filter [%d, %d, %d, %d] does not fit input channels %d and output "
                               "[%d, ..., %d]",
                               (int)s.filter.n, (int)s.filter.h, (int)s.filter.w, (int)s.filter.c,
                               (int)s.in.c, (int)s.out.n, (int)s.out.c);
    if ((st = mote_lower_window(c, padding, s.out.h, s.filter.h, s.stride_h, 1, &oh, &s.pad_h)) !=
            MOTE_OK ||
        (st = mote_lower_window(c, padding, s.out.w, s.filter.w, s.stride_w, 1, &ow, &s.pad_w)) !=
            MOTE_OK)
        return st;
    if (in->elements > INT32_MAX || c->out.elements > INT32_MAX / 8)
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "tensors too large for 32-bit indexing");
    s.bias_bits = c->in_idx[3] < 0 ? 0
                                   : (c->in[3].type == MOTE_INT16   ? 16
                                      : c->in[3].type == MOTE_INT64 ? 64
                                                                    : 32);
    if (c->in_idx[3] >= 0) {
        mote_type want = t == MOTE_FLOAT32 ? MOTE_FLOAT32
                         : t == MOTE_INT8  ? MOTE_INT32
                                           : c->in[3].type;
        if ((st = mote_lower_need_input(c, 3, 1)) != MOTE_OK) return st;
        if (c->in[3].type != want || (t == MOTE_INT16 && s.bias_bits == 32) ||
            c->in[3].elements != (size_t)s.out.c)
            return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[3],
                                   "bias must hold %d values of %s (has %U of %s)", (int)s.out.c,
                                   t == MOTE_INT16 ? "INT64 or INT16" : mote_type_name(want),
                                   (unsigned long long)c->in[3].elements,
                                   mote_type_name(c->in[3].type));
        if (s.bias_bits == 64) c->unaligned_ok |= 1u << 3; /* read with mote_ref_load_i64 */
    }
    if (t == MOTE_FLOAT32) {
        if ((st = mote_lower_act_f32(c, act, &s.f_act_min, &s.f_act_max)) != MOTE_OK) return st;
        if ((p = mote_lower_step(c, MOTE_KID_TRANSPOSE_CONV_F32, 0, &st)) == NULL) return st;
        *p = s;
        return MOTE_OK;
    }
    /* Each output sums at most ceil(kh / sh) * ceil(kw / sw) * in_c terms
     * of |(x + input_offset) * w| <= 255 * 128 (int8) or 32768 * 128
     * (int16), plus the bias: int32, or TFLite's int64 requantization range
     * (2^47). */
    taps =
        ((s.filter.h + s.stride_h - 1) / s.stride_h) * ((s.filter.w + s.stride_w - 1) / s.stride_w);
    term = t == MOTE_INT8 ? 255u * 128u : 32768u * 128u;
    limit = t == MOTE_INT8 ? (uint64_t)INT32_MAX : (uint64_t)1 << 47;
    if ((uint64_t)taps * (uint64_t)s.in.c * term + bias_peak(&c->in[3], s.bias_bits) > limit)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                               "%d taps x %d input channels (+ bias) can overflow the %s "
                               "accumulator",
                               (int)taps, (int)s.in.c, t == MOTE_INT8 ? "int32" : "int64");
    p = mote_lower_step(c,
                        t == MOTE_INT8 ? MOTE_KID_TRANSPOSE_CONV_S8 : MOTE_KID_TRANSPOSE_CONV_S16,
                        (uint32_t)s.out.c, &st);
    if (p == NULL) return st;
    if ((st = quant(c, &s, act)) != MOTE_OK) return st;
    *p = s;
    return MOTE_OK;
}

/* Every input element meets every filter tap of every output channel. */
uint64_t mote_macs_transpose_conv(const mote_graph *g, const mote_graph_op *op)
{
    int32_t fi = mote_graph_op_input(op, 1);
    mote_graph_tensor in, f;
    if (mote_graph_get_tensor(g, (uint32_t)mote_graph_op_input(op, 2), &in) != MOTE_OK || fi < 0 ||
        mote_graph_get_tensor(g, (uint32_t)fi, &f) != MOTE_OK || f.rank != 4)
        return 0;
    return mote_macs_mul(mote_macs_mul((uint64_t)in.elements, (uint64_t)f.dims[0]),
                         (uint64_t)f.dims[1] * (uint64_t)f.dims[2]);
}
