/*
 * op_elementwise_util.c — helpers of the element-wise operators
 * (op_elementwise_util.h).
 */
#include <math.h>

#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

mote_status mote_ew_same_shape(mote_lower_ctx *c)
{
    int32_t k;
    int same = c->out.rank == c->in[0].rank;
    for (k = 0; same && k < c->out.rank; k++)
        same = c->out.dims[k] == c->in[0].dims[k];
    if (!same)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "output shape differs from the input's (rank %d and %d, %U and %U "
                               "elements)",
                               (int)c->out.rank, (int)c->in[0].rank,
                               (unsigned long long)c->out.elements,
                               (unsigned long long)c->in[0].elements);
    return MOTE_OK;
}

/* Dimension k of t counted from the last one (1 beyond its rank). */
static int32_t dim_from_end(const mote_graph_tensor *t, int32_t k)
{
    return k < t->rank ? t->dims[t->rank - 1 - k] : 1;
}

mote_status mote_ew_broadcast(mote_lower_ctx *c, mote_bcast *b)
{
    return mote_ew_broadcast_types(c, b, 1);
}

mote_status mote_ew_broadcast_types(mote_lower_ctx *c, mote_bcast *b, int same_type)
{
    const mote_graph_tensor *a = &c->in[0], *o = &c->out;
    const mote_graph_tensor *bb;
    int32_t k, acc1 = 1, acc2 = 1;
    mote_status st;

    if ((st = mote_lower_need_input(c, 1, -1)) != MOTE_OK) return st;
    bb = &c->in[1];
    if (same_type && bb->type != a->type)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                               "inputs have types %s and %s", mote_type_name(a->type),
                               mote_type_name(bb->type));
    if (a->rank > MOTE_BCAST_RANK || bb->rank > MOTE_BCAST_RANK || o->rank > MOTE_BCAST_RANK)
        return mote_lower_fail(c, MOTE_E_SHAPE, -1, "ranks %d, %d -> %d; at most %d", (int)a->rank,
                               (int)bb->rank, (int)o->rank, MOTE_BCAST_RANK);
    for (k = 0; k < MOTE_BCAST_RANK; k++) {
        const int32_t d1 = dim_from_end(a, k), d2 = dim_from_end(bb, k);
        const int32_t dout = dim_from_end(o, k), slot = MOTE_BCAST_RANK - 1 - k;
        const int32_t want = d1 > d2 ? d1 : d2;
        if (d1 != d2 && d1 != 1 && d2 != 1)
            return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1],
                                   "inputs do not broadcast (dimension %d from the end: %d "
                                   "and %d)",
                                   (int)k, (int)d1, (int)d2);
        if (dout != want)
            return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                                   "output shape is not the inputs' broadcast shape "
                                   "(dimension %d from the end: %d, the inputs broadcast to %d)",
                                   (int)k, (int)dout, (int)want);
        b->shape[slot] = dout;
        b->s1[slot] = d1 == dout ? acc1 : 0;
        b->s2[slot] = d2 == dout ? acc2 : 0;
        acc1 *= d1;
        acc2 *= d2;
    }
    b->elements = (int32_t)o->elements;
    return MOTE_OK;
}

int32_t mote_ew_qmin(mote_type t)
{
    return t == MOTE_INT16 ? -32768 : -128;
}

int32_t mote_ew_qmax(mote_type t)
{
    return t == MOTE_INT16 ? 32767 : 127;
}

mote_status mote_ew_quant(mote_lower_ctx *c, const mote_graph_tensor *t, int32_t idx, int zp0,
                          float *scale, int32_t *zp)
{
    int64_t z;
    if (t->n_quant != 1)
        return mote_lower_fail(c, MOTE_E_QUANT, idx, "tensor %d needs one per-tensor scale, has %u",
                               (int)idx, (unsigned)t->n_quant);
    *scale = mote_graph_tensor_scale(t, 0);
    z = t->n_zero_points ? mote_graph_tensor_zero_point(t, 0) : 0;
    if (!(*scale > 0.0f) || !isfinite(*scale))
        return mote_lower_fail(c, MOTE_E_QUANT, idx, "tensor %d has scale %g", (int)idx,
                               (double)*scale);
    if (z < mote_ew_qmin(t->type) || z > mote_ew_qmax(t->type))
        return mote_lower_fail(c, MOTE_E_QUANT, idx, "tensor %d zero point %D is outside %s",
                               (int)idx, (long long)z, mote_type_name(t->type));
    if (zp0 && t->type == MOTE_INT16 && z != 0)
        return mote_lower_fail(c, MOTE_E_QUANT, idx,
                               "int16 tensor %d has zero point %D; this operator needs 0", (int)idx,
                               (long long)z);
    *zp = (int32_t)z;
    return MOTE_OK;
}

mote_status mote_ew_act_q(mote_lower_ctx *c, int32_t act, mote_type t, float scale, int32_t zp,
                          int32_t *lo, int32_t *hi)
{
    mote_status s =
        mote_quant_activation_range(act, scale, zp, mote_ew_qmin(t), mote_ew_qmax(t), lo, hi);
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

mote_status mote_ew_act_opt(mote_lower_ctx *c, uint32_t field, int32_t *act)
{
    *act = MOTE_ACT_NONE;
    return mote_lower_opt_enum(c, field, MOTE_ACTIVATION_LAST, "fused activation", act);
}

mote_status mote_ew_lower_minmax(mote_lower_ctx *c, const mote_kernel_id k[5])
{
    const mote_type t = c->in[0].type;
    mote_bcast b;
    mote_status st;
    if ((st = mote_ew_broadcast(c, &b)) != MOTE_OK) return st;
    if (t == MOTE_FLOAT32) {
        mote_binary_f32_step *p = mote_lower_step(c, k[2], 0, &st);
        if (p == NULL) return st;
        p->b = b;
        p->act_min = -INFINITY;
        p->act_max = INFINITY;
    } else {
        const mote_kernel_id kid = t == MOTE_INT8    ? k[0]
                                   : t == MOTE_INT16 ? k[1]
                                   : t == MOTE_INT32 ? k[3]
                                                     : k[4];
        mote_binary_step *p = mote_lower_step(c, kid, 0, &st);
        if (p == NULL) return st;
        p->b = b;
    }
    return MOTE_OK;
}

mote_status mote_ew_lower_binary_i32(mote_lower_ctx *c, mote_kernel_id k, int with_act)
{
    mote_binary_i32_step *p;
    mote_bcast b;
    int32_t act = MOTE_ACT_NONE;
    mote_status st;
    if (with_act && (st = mote_ew_act_opt(c, 0, &act)) != MOTE_OK) return st;
    if ((st = mote_ew_broadcast(c, &b)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, k, 0, &st)) == NULL) return st;
    p->b = b;
    p->act_min = INT32_MIN;
    p->act_max = INT32_MAX;
    /* TFLite's CalculateActivationRange for int32. */
    if (act == MOTE_ACT_RELU) {
        p->act_min = 0;
    } else if (act == MOTE_ACT_RELU6) {
        p->act_min = 0;
        p->act_max = 6;
    } else if (act == MOTE_ACT_RELU_N1_TO_1) {
        p->act_min = -1;
        p->act_max = 1;
    } else if (act != MOTE_ACT_NONE) {
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "fused activation %d is not supported",
                               (int)act);
    }
    return MOTE_OK;
}

mote_status mote_ew_lower_unary_f32(mote_lower_ctx *c, mote_kernel_id k, float alpha)
{
    mote_unary_f32_step *p;
    mote_status st;
    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, k, 0, &st)) == NULL) return st;
    p->elements = (int32_t)c->out.elements;
    p->alpha = alpha;
    return MOTE_OK;
}

mote_status mote_ew_out_type(mote_lower_ctx *c, mote_type t)
{
    if (c->out.type != t)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->out_idx,
                               "output type %s is not supported (this operator gives %s)",
                               mote_type_name(c->out.type), mote_type_name(t));
    return MOTE_OK;
}

mote_status mote_ew_mult_lt1(mote_lower_ctx *c, int32_t idx, double real, int32_t *m,
                             int32_t *shift)
{
    if (!(real > 0.0 && real < 1.0))
        return mote_lower_fail(c, MOTE_E_QUANT, idx,
                               "multiplier %g must be in (0, 1) (TFLite Micro aborts otherwise)",
                               real);
    mote_quant_multiplier(real, m, shift);
    if (*shift > 0) return mote_lower_fail(c, MOTE_E_QUANT, idx, "multiplier %g rounds to 1", real);
    return MOTE_OK;
}

mote_status mote_ew_lower_compare(mote_lower_ctx *c, int32_t cmp)
{
    const mote_type t = c->in[0].type;
    mote_compare_step *p;
    mote_kernel_id k;
    mote_bcast b;
    mote_status st;
    if ((st = mote_ew_out_type(c, MOTE_BOOL)) != MOTE_OK) return st;
    if ((st = mote_ew_broadcast(c, &b)) != MOTE_OK) return st;
    k = t == MOTE_INT8      ? MOTE_KID_COMPARE_S8
        : t == MOTE_FLOAT32 ? MOTE_KID_COMPARE_F32
        : t == MOTE_INT32   ? MOTE_KID_COMPARE_I32
        : t == MOTE_INT64   ? MOTE_KID_COMPARE_I64
                            : MOTE_KID_COMPARE_BOOL;
    if ((p = mote_lower_step(c, k, 0, &st)) == NULL) return st;
    p->b = b;
    p->op = cmp;
    if (t == MOTE_INT8) {
        float s1, s2;
        int32_t z1, z2;
        if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &s1, &z1)) != MOTE_OK) return st;
        if ((st = mote_ew_quant(c, &c->in[1], c->in_idx[1], 0, &s2, &z2)) != MOTE_OK) return st;
        if ((st = mote_ew_mult_lt1(c, c->in_idx[0], (double)s1, &p->input1_multiplier,
                                   &p->input1_shift)) != MOTE_OK)
            return st;
        if ((st = mote_ew_mult_lt1(c, c->in_idx[1], (double)s2, &p->input2_multiplier,
                                   &p->input2_shift)) != MOTE_OK)
            return st;
        p->left_shift = 8;
        p->input1_offset = -z1;
        p->input2_offset = -z2;
    }
    return MOTE_OK;
}

mote_status mote_ew_lower_logical(mote_lower_ctx *c, mote_kernel_id k)
{
    mote_binary_step *p;
    mote_bcast b;
    mote_status st;
    if ((st = mote_ew_broadcast(c, &b)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, k, 0, &st)) == NULL) return st;
    p->b = b;
    return MOTE_OK;
}

/* TFLite CheckedLog2 in float: log(x) / log(2) rounded, exact within 1e-3. */
static int checked_log2(float x, int32_t *out)
{
    const float l = logf(x) * (1.0f / logf(2.0f));
    const float r = roundf(l);
    *out = (int32_t)r;
    return fabsf(l - r) < 1e-3f;
}

mote_status mote_ew_lower_sigmoid_s16(mote_lower_ctx *c, int is_tanh, mote_kernel_id k)
{
    mote_sigmoid_s16_step *p;
    float si = 0.0f, so = 0.0f;
    int32_t zi, zo, l2 = 0, shift;
    int pot;
    mote_status st;
    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 1, &si, &zi)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, 1, &so, &zo)) != MOTE_OK) return st;
    if (!checked_log2(so, &l2) || l2 != -15)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "int16 output needs scale 2^-15 (has %g), as TFLite Micro",
                               (double)so);
    if ((p = mote_lower_step(c, k, 0, &st)) == NULL) return st;
    p->elements = (int32_t)c->out.elements;
    pot = checked_log2(si, &l2);
    shift = 12 + l2;
    if (pot && (shift == 0 || (is_tanh && shift == 1))) {
        p->multiplier = 3 << shift; /* the kernel's power-of-two case */
        p->left_shift = 0;
    } else {
        double m = (double)si * 4096.0 * 3.0;
        shift = 0;
        while (m <= 32767.0 / 2.0 && shift <= 30) {
            shift++;
            m *= 2.0;
        }
        if (m > 32767.0)
            return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[0],
                                   "int16 input scale %g is above what TFLite Micro handles "
                                   "(32767 / 12288)",
                                   (double)si);
        p->multiplier = (int32_t)m;
        p->left_shift = shift;
    }
    return MOTE_OK;
}

mote_status mote_ew_lower_binary_f32(mote_lower_ctx *c, mote_kernel_id k, int with_act)
{
    mote_binary_f32_step *p;
    mote_bcast b;
    int32_t act = MOTE_ACT_NONE;
    mote_status st;
    if (with_act && (st = mote_ew_act_opt(c, 0, &act)) != MOTE_OK) return st;
    if ((st = mote_ew_broadcast(c, &b)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, k, 0, &st)) == NULL) return st;
    p->b = b;
    return mote_lower_act_f32(c, act, &p->act_min, &p->act_max);
}

mote_status mote_ew_quant_binary(mote_lower_ctx *c, int32_t act, mote_ew_binary_q *q)
{
    mote_status st;
    q->s1 = q->s2 = q->so = 0.0f; /* clang-analyzer cannot tell a failed check from MOTE_OK */
    q->z1 = q->z2 = q->zo = 0;
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 1, &q->s1, &q->z1)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->in[1], c->in_idx[1], 1, &q->s2, &q->z2)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, 1, &q->so, &q->zo)) != MOTE_OK) return st;
    return mote_ew_act_q(c, act, c->in[0].type, q->so, q->zo, &q->lo, &q->hi);
}

mote_status mote_ew_lower_addsub_q(mote_lower_ctx *c, mote_kernel_id k, const mote_bcast *b,
                                   int32_t act, int32_t left_shift)
{
    mote_addsub_q_step *p;
    mote_ew_binary_q q;
    mote_status st;
    if ((st = mote_ew_quant_binary(c, act, &q)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, k, 0, &st)) == NULL) return st;
    p->b = *b;
    if (mote_quant_sub(q.s1, q.s2, q.so, left_shift, p) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "scales %g, %g -> %g give no valid multipliers", (double)q.s1,
                               (double)q.s2, (double)q.so);
    p->input1_offset = -q.z1;
    p->input2_offset = -q.z2;
    p->output_offset = q.zo;
    p->act_min = q.lo;
    p->act_max = q.hi;
    return MOTE_OK;
}
