/*
 * lower.c — operator dispatch and the helpers every lowering shares.
 */
#include "core/lower_internal.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

static int op_supported(int32_t code)
{
    switch (code) {
    case MOTE_OP_ADD:
    case MOTE_OP_AVERAGE_POOL_2D:
    case MOTE_OP_CONV_2D:
    case MOTE_OP_DEPTHWISE_CONV_2D:
    case MOTE_OP_FULLY_CONNECTED:
    case MOTE_OP_MAX_POOL_2D:
    case MOTE_OP_RESHAPE:
    case MOTE_OP_SOFTMAX: return 1;
    default: return 0;
    }
}

mote_status mote_lower_check_ops(const mote_graph *g, mote_error *err)
{
    uint32_t i, j, bad = 0;
    for (i = 0; i < g->n_ops; i++) {
        mote_graph_op op;
        int seen = 0;
        if (mote_graph_get_op(g, i, &op) != MOTE_OK) return MOTE_E_ARG;
        if (op_supported(op.code)) continue;
        /* List each distinct operator once: was it already named? */
        for (j = 0; j < i && !seen; j++) {
            mote_graph_op prev;
            if (mote_graph_get_op(g, j, &prev) == MOTE_OK && prev.code == op.code) seen = 1;
        }
        if (seen) continue;
        if (bad == 0) {
            mote_error_set(err, MOTE_E_UNSUPPORTED_OP, (int32_t)i, -1, 0,
                           "unsupported operator(s): %s (operator %u)", mote_op_name(op.code),
                           (unsigned)i);
        } else {
            mote_error_append(err, ", %s (operator %u)", mote_op_name(op.code), (unsigned)i);
        }
        bad++;
    }
    return bad ? MOTE_E_UNSUPPORTED_OP : MOTE_OK;
}

mote_status mote_lower_fail_fn(const mote_lower_ctx *c, mote_status s, int32_t tensor,
                               const char *fmt, ...)
{
#ifdef MOTE_NO_STRINGS
    (void)fmt;
    return mote_error_set(c->err, s, (int32_t)c->index, tensor, 0, "");
#else
    va_list ap;
    mote_error_set(c->err, s, (int32_t)c->index, tensor, 0,
                   "operator %u (%s): ", (unsigned)c->index, mote_op_name(c->op.code));
    va_start(ap, fmt);
    mote_error_vappend(c->err, fmt, ap);
    va_end(ap);
    return s;
#endif
}

mote_status mote_lower_need_input(const mote_lower_ctx *c, uint32_t k, int want_const)
{
    if (k >= 3 || c->in_idx[k] < 0)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "input %u is missing", (unsigned)k);
    if (want_const == 1 && c->in[k].data == NULL)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[k],
                               "input %u (tensor %d) must be a constant", (unsigned)k,
                               (int)c->in_idx[k]);
    if (want_const == 0 && c->in[k].data != NULL)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[k],
                               "input %u (tensor %d) must not be a constant", (unsigned)k,
                               (int)c->in_idx[k]);
    return MOTE_OK;
}

mote_status mote_lower_dims4(const mote_lower_ctx *c, const mote_graph_tensor *t, int32_t index,
                             mote_dims *d)
{
    int32_t v[4] = {1, 1, 1, 1};
    int32_t r;
    if (t->rank > 4)
        return mote_lower_fail(c, MOTE_E_SHAPE, index, "tensor %d has rank %d; at most 4",
                               (int)index, (int)t->rank);
    for (r = 0; r < t->rank; r++)
        v[4 - t->rank + r] = t->dims[r];
    d->n = v[0];
    d->h = v[1];
    d->w = v[2];
    d->c = v[3];
    return MOTE_OK;
}

mote_status mote_lower_act_quant(const mote_lower_ctx *c, const mote_graph_tensor *t, int32_t index,
                                 float *scale, int32_t *zero_point)
{
    int64_t zp;
    if (t->n_quant != 1)
        return mote_lower_fail(c, MOTE_E_QUANT, index,
                               "tensor %d needs one per-tensor scale, has %u", (int)index,
                               (unsigned)t->n_quant);
    *scale = mote_graph_tensor_scale(t, 0);
    zp = t->n_zero_points ? mote_graph_tensor_zero_point(t, 0) : 0;
    if (!(*scale > 0.0f) || !isfinite(*scale))
        return mote_lower_fail(c, MOTE_E_QUANT, index, "tensor %d has scale %g", (int)index,
                               (double)*scale);
    if (zp < -128 || zp > 127)
        return mote_lower_fail(c, MOTE_E_QUANT, index, "tensor %d zero point %D is outside int8",
                               (int)index, (long long)zp);
    *zero_point = (int32_t)zp;
    return MOTE_OK;
}

mote_status mote_lower_act_f32(const mote_lower_ctx *c, int32_t act, float *lo, float *hi)
{
    switch (act) {
    case MOTE_ACT_NONE:
        *lo = -INFINITY;
        *hi = INFINITY;
        return MOTE_OK;
    case MOTE_ACT_RELU:
        *lo = 0.0f;
        *hi = INFINITY;
        return MOTE_OK;
    case MOTE_ACT_RELU_N1_TO_1:
        *lo = -1.0f;
        *hi = 1.0f;
        return MOTE_OK;
    case MOTE_ACT_RELU6:
        *lo = 0.0f;
        *hi = 6.0f;
        return MOTE_OK;
    default:
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "fused activation %d is not supported",
                               (int)act);
    }
}

mote_status mote_lower_window(const mote_lower_ctx *c, int32_t padding, int32_t in, int32_t filter,
                              int32_t stride, int32_t dilation, int32_t *out, int32_t *pad)
{
    int64_t eff, total;
    if (stride < 1 || dilation < 1 || filter < 1 || in < 1)
        return mote_lower_fail(c, MOTE_E_PARAM, -1,
                               "stride %d, dilation %d, filter %d, input %d: all must be >= 1",
                               (int)stride, (int)dilation, (int)filter, (int)in);
    eff = (int64_t)(filter - 1) * dilation + 1;
    if (padding == MOTE_PAD_SAME) {
        *out = (int32_t)(((int64_t)in + stride - 1) / stride);
    } else if (padding == MOTE_PAD_VALID) {
        int64_t o = ((int64_t)in - eff + stride) / stride;
        if (o < 1)
            return mote_lower_fail(c, MOTE_E_SHAPE, -1,
                                   "window %D is larger than input %d with VALID padding",
                                   (long long)eff, (int)in);
        *out = (int32_t)o;
    } else {
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "padding %d is unknown", (int)padding);
    }
    /* Kernels walk the window in int32: the last window must end inside
     * int32 (window origins, dilated taps and padding all stay below it). */
    if (((int64_t)*out - 1) * stride + eff > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_PARAM, -1,
                               "window %D with stride %d over input %d overflows 32-bit "
                               "indexing",
                               (long long)eff, (int)stride, (int)in);
    total = ((int64_t)*out - 1) * stride + eff - in;
    if (total < 0) total = 0;
    *pad = (int32_t)(total / 2);
    return MOTE_OK;
}

mote_status mote_lower_reserve(const mote_lower_ctx *c, uint32_t n, int32_t **mult, int8_t **shift)
{
    mote_lower_tables *t = c->tables;
    *mult = NULL;
    *shift = NULL;
    if (t->mult != NULL) {
        if (n > t->cap || t->used > t->cap - n)
            return mote_lower_fail(c, MOTE_E_LIMIT, -1, "requantization table full");
        *mult = t->mult + t->used;
        *shift = t->shift + t->used;
    }
    t->used += n;
    return MOTE_OK;
}

static mote_status load_tensor(mote_lower_ctx *c, int32_t idx, mote_graph_tensor *t)
{
    if (mote_graph_get_tensor(c->g, (uint32_t)idx, t) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_INDEX, idx, "tensor %d is out of range", (int)idx);
    return MOTE_OK;
}

mote_status mote_lower_op(const mote_graph *g, uint32_t i, mote_step *step, mote_lower_tables *t,
                          mote_error *err)
{
    mote_lower_ctx c;
    mote_status s;
    uint32_t k;

    memset(&c, 0, sizeof c);
    memset(step, 0, sizeof *step);
    c.g = g;
    c.index = i;
    c.err = err;
    c.tables = t;
    if (mote_graph_get_op(g, i, &c.op) != MOTE_OK)
        return mote_error_set(err, MOTE_E_ARG, (int32_t)i, -1, 0, "operator %u out of range",
                              (unsigned)i);
    if (c.op.n_outputs != 1)
        return mote_lower_fail(&c, MOTE_E_GRAPH, -1, "has %u outputs; expected 1",
                               (unsigned)c.op.n_outputs);
    for (k = 0; k < 3; k++) {
        c.in_idx[k] = k < c.op.n_inputs ? mote_graph_op_input(&c.op, k) : -1;
        if (c.in_idx[k] >= 0 && (s = load_tensor(&c, c.in_idx[k], &c.in[k])) != MOTE_OK) return s;
        step->in[k] = c.in_idx[k];
    }
    step->out = mote_graph_op_output(&c.op, 0);
    if ((s = load_tensor(&c, step->out, &c.out)) != MOTE_OK) return s;
    if (c.out.data != NULL)
        return mote_lower_fail(&c, MOTE_E_GRAPH, step->out, "writes constant tensor %d",
                               (int)step->out);
    if ((s = mote_lower_need_input(&c, 0, -1)) != MOTE_OK) return s;
    if (c.in[0].type != MOTE_INT8 && c.in[0].type != MOTE_FLOAT32)
        return mote_lower_fail(&c, MOTE_E_UNSUPPORTED_TYPE, c.in_idx[0],
                               "input type %s is not supported (INT8 and FLOAT32 are)",
                               mote_type_name(c.in[0].type));
    if (c.out.type != c.in[0].type)
        return mote_lower_fail(&c, MOTE_E_UNSUPPORTED_TYPE, step->out,
                               "output type %s differs from input type %s",
                               mote_type_name(c.out.type), mote_type_name(c.in[0].type));

    switch (c.op.code) {
    case MOTE_OP_CONV_2D:
    case MOTE_OP_DEPTHWISE_CONV_2D: return mote_lower_conv(&c, step);
    case MOTE_OP_FULLY_CONNECTED: return mote_lower_fc(&c, step);
    case MOTE_OP_AVERAGE_POOL_2D:
    case MOTE_OP_MAX_POOL_2D: return mote_lower_pool(&c, step);
    case MOTE_OP_ADD: return mote_lower_add(&c, step);
    case MOTE_OP_SOFTMAX: return mote_lower_softmax(&c, step);
    case MOTE_OP_RESHAPE: return mote_lower_reshape(&c, step);
    default: return mote_lower_fail(&c, MOTE_E_UNSUPPORTED_OP, -1, "operator is not supported");
    }
}
