/*
 * op_util.c — the helpers every operator's lowering shares (ops/op.h).
 */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "ops/op.h"
#include "ops/lower_select.h"
#include "ops/quant.h"
#include "ops/requant_run.h"

void *mote_lower_step(mote_lower_ctx *c, mote_kernel_id k, uint32_t channels, mote_status *s)
{
    return mote_lower_step_ext(c, k, 0, channels, s);
}

void *mote_lower_step_ext(mote_lower_ctx *c, mote_kernel_id k, uint32_t extra, uint32_t channels,
                          mote_status *s)
{
    uint32_t bytes = mote_kernel_step_bytes(k);
    uint64_t need;
    *s = MOTE_OK;
    if (bytes == 0 || (extra & 3u) != 0 || extra > MOTE_STEP_BLOCK_MAX ||
        bytes + extra > MOTE_STEP_BLOCK_MAX || (bytes & 3u) != 0) {
        *s =
            mote_lower_fail(c, MOTE_E_STATE, -1, "kernel %d has no usable parameter block", (int)k);
        return NULL;
    }
    /* Block, then int32 multipliers, then int8 shifts, padded to 4 bytes;
     * the block alone when the table is made at run time (the entries are
     * still computed and checked here, not stored). */
    if (!mote_requant_at_run_kernel((int32_t)k)) c->tables_at_run = 0;
    bytes += extra;
    need = (uint64_t)bytes + (c->tables_at_run ? 0u : (uint64_t)channels * 5u);
    need = (need + 3u) & ~(uint64_t)3u;
    c->kernel = (int32_t)k;
    c->block_bytes = bytes;
    c->channels = channels;
    c->mult = NULL;
    c->shift = NULL;
    if (c->dest == NULL) {
        memset(c->local, 0, sizeof c->local);
        c->block = c->local;
        return c->block;
    }
    if (need > c->dest_cap) {
        *s = mote_lower_fail(c, MOTE_E_STATE, -1, "runtime state is smaller than planned");
        return NULL;
    }
    memset(c->dest, 0, (size_t)need);
    c->block = c->dest;
    if (c->tables_at_run) return c->block;
    c->mult = (int32_t *)(void *)(c->dest + bytes);
    c->shift = (int8_t *)(c->mult + channels);
    return c->block;
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
                   "operator %u (%s): ", (unsigned)c->index, mote_op_label(&c->op));
    va_start(ap, fmt);
    mote_error_vappend(c->err, fmt, ap);
    va_end(ap);
    return s;
#endif
}

mote_status mote_lower_type_left_out(const mote_lower_ctx *c)
{
    return mote_lower_fail(c, MOTE_E_UNSUPPORTED_OP, -1,
                           "%s inputs were left out of this build (its operator selection, "
                           "mote_opset.h from `mote ops --for`, has no kernel for them)",
                           mote_type_name(c->in[0].type));
}

mote_status mote_lower_need_input(const mote_lower_ctx *c, uint32_t k, int want_const)
{
    if (k >= MOTE_LOWER_INPUTS || c->in_idx[k] < 0)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "input %u is missing", (unsigned)k);
    /* Where a tensor's bytes come from (the model or an operator) is graph
     * structure: every operator refuses a constant where it needs an
     * activation, and the reverse, with MOTE_E_GRAPH (so does a constant
     * operator output or model input / output). */
    if (want_const == 1 && c->in[k].data == NULL)
        return mote_lower_fail(c, MOTE_E_GRAPH, c->in_idx[k],
                               "input %u (tensor %d) must be a constant, but is an activation",
                               (unsigned)k, (int)c->in_idx[k]);
    if (want_const == 0 && c->in[k].data != NULL)
        return mote_lower_fail(c, MOTE_E_GRAPH, c->in_idx[k],
                               "input %u (tensor %d) must be an activation, but is a constant",
                               (unsigned)k, (int)c->in_idx[k]);
    return MOTE_OK;
}

mote_status mote_lower_outputs(const mote_lower_ctx *c, uint32_t n)
{
    if (c->op.n_outputs != n)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u outputs; expected %u",
                               (unsigned)c->op.n_outputs, (unsigned)n);
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

mote_status mote_lower_act_s8(const mote_lower_ctx *c, int32_t act, float scale, int32_t zp,
                              int32_t *lo, int32_t *hi)
{
    mote_status s = mote_quant_activation_s8(act, scale, zp, lo, hi);
    if (s == MOTE_E_PARAM)
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "fused activation %d is not supported",
                               (int)act);
    if (s != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "fused activation %d: its range does not fit the output's "
                               "quantization (scale %g, zero point %d)",
                               (int)act, (double)scale, (int)zp);
    return MOTE_OK;
}

mote_status mote_lower_window(const mote_lower_ctx *c, int32_t padding, int32_t in, int32_t filter,
                              int32_t stride, int32_t dilation, int32_t *out, int32_t *pad)
{
    int64_t eff, total;
    if (stride < 1 || dilation < 1 || filter < 1 || in < 1)
        return mote_lower_fail(c, MOTE_E_PARAM, -1,
                               "stride %d, dilation %d, filter %d, input %d: all must be >= 1",
                               (int)stride, (int)dilation, (int)filter, (int)in);
    /* Divisions stay in 32 bits (a 64-bit one would pull the C library's
     * long division into every firmware): in >= 1 and stride >= 1. */
    eff = (int64_t)(filter - 1) * dilation + 1;
    if (padding == MOTE_PAD_SAME) {
        *out = (in - 1) / stride + 1;
    } else if (padding == MOTE_PAD_VALID) {
        if (eff > in)
            return mote_lower_fail(c, MOTE_E_SHAPE, -1,
                                   "window %D is larger than input %d with VALID padding",
                                   (long long)eff, (int)in);
        *out = (in - (int32_t)eff) / stride + 1;
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
    *pad = (int32_t)total >> 1; /* total < 2^31 here */
    return MOTE_OK;
}

mote_status mote_lower_opt_enum(const mote_lower_ctx *c, uint32_t field, int32_t last,
                                const char *what, int32_t *out)
{
    int32_t v = mote_graph_opt_i8(&c->op, field, *out);
    (void)what; /* unused when MOTE_NO_STRINGS drops the messages */
    if (v < 0 || v > last)
        return mote_lower_fail(c, MOTE_E_ENUM, -1, "%s %d is not in the schema (0..%d)", what,
                               (int)v, (int)last);
    *out = v;
    return MOTE_OK;
}

int32_t mote_lower_opt_i32(const mote_lower_ctx *c, uint32_t field, int32_t def)
{
    return mote_graph_opt_i32(&c->op, field, def);
}

float mote_lower_opt_f32(const mote_lower_ctx *c, uint32_t field, float def)
{
    return mote_graph_opt_f32(&c->op, field, def);
}

int32_t mote_lower_opt_bool(const mote_lower_ctx *c, uint32_t field, int32_t def)
{
    return mote_graph_opt_i8(&c->op, field, def) != 0;
}

uint64_t mote_macs_mul(uint64_t a, uint64_t b)
{
    /* Saturate: a file may declare shapes whose MAC count does not fit 64
     * bits, and a wrapped figure would look plausible. */
    if (a != 0 && b > UINT64_MAX / a) return UINT64_MAX;
    return a * b;
}

uint64_t mote_macs_dim(const mote_graph *g, int32_t index, int32_t k, int32_t want_rank)
{
    mote_graph_tensor t;
    if (index < 0 || mote_graph_get_tensor(g, (uint32_t)index, &t) != MOTE_OK) return 0;
    if (t.rank != want_rank || k >= t.rank || t.dims[k] <= 0) return 0;
    return (uint64_t)t.dims[k];
}

uint64_t mote_macs_out_elements(const mote_graph *g, const mote_graph_op *op)
{
    mote_graph_tensor t;
    int32_t index = mote_graph_op_output(op, 0);
    if (index < 0 || mote_graph_get_tensor(g, (uint32_t)index, &t) != MOTE_OK) return 0;
    return (uint64_t)t.elements;
}
