/*
 * op_shape_util.c — helpers of the data-movement operators (op_shape_util.h).
 */
#include "ops/op_shape_util.h"

uint32_t mote_shape_esize(const mote_graph_tensor *t)
{
    return (uint32_t)mote_type_size(t->type);
}

static int64_t read_le(const uint8_t *p, uint32_t bytes)
{
    uint64_t v = 0;
    uint32_t i;
    for (i = 0; i < bytes; i++)
        v |= (uint64_t)p[i] << (8u * i);
    if (bytes == 4) return (int64_t)(int32_t)(uint32_t)v;
    return (int64_t)v;
}

mote_status mote_shape_ints_of(mote_lower_ctx *c, const mote_graph_tensor *t, int32_t idx,
                               const char *what, int allow64, int32_t max, int32_t *v, int32_t *n)
{
    uint32_t es;
    size_t i;
    (void)what; /* unused when MOTE_NO_STRINGS drops the messages */
    if (t->data == NULL)
        return mote_lower_fail(c, MOTE_E_DYNAMIC, idx,
                               "%s (tensor %d) is not a constant; mote needs it at load time", what,
                               (int)idx);
    if (t->type != MOTE_INT32 && !(allow64 && t->type == MOTE_INT64))
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, idx, "%s (tensor %d) has type %s; %s",
                               what, (int)idx, mote_type_name(t->type),
                               allow64 ? "INT32 or INT64 expected" : "INT32 expected");
    if (t->elements > (size_t)max)
        return mote_lower_fail(c, MOTE_E_SHAPE, idx, "%s (tensor %d) has %U values; at most %d",
                               what, (int)idx, (unsigned long long)t->elements, (int)max);
    es = mote_shape_esize(t);
    for (i = 0; i < t->elements; i++) {
        int64_t x = read_le(t->data + i * es, es);
        if (x < INT32_MIN || x > INT32_MAX)
            return mote_lower_fail(c, MOTE_E_PARAM, idx, "%s (tensor %d) value %D is outside int32",
                                   what, (int)idx, (long long)x);
        v[i] = (int32_t)x;
    }
    *n = (int32_t)t->elements;
    return MOTE_OK;
}

mote_status mote_shape_ints(mote_lower_ctx *c, uint32_t k, const char *what, int allow64,
                            int32_t want, int32_t *v, int32_t *n)
{
    mote_status st;
    if (k >= MOTE_LOWER_INPUTS || c->in_idx[k] < 0)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "input %u (%s) is missing", (unsigned)k, what);
    st = mote_shape_ints_of(c, &c->in[k], c->in_idx[k], what, allow64,
                            want < 0 ? MOTE_MAX_RANK : want, v, n);
    if (st != MOTE_OK) return st;
    if (c->in[k].rank > 1)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[k],
                               "%s (tensor %d) has rank %d; at most 1", what, (int)c->in_idx[k],
                               (int)c->in[k].rank);
    if (want >= 0 && *n != want)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[k],
                               "%s (tensor %d) has %d values; %d expected", what, (int)c->in_idx[k],
                               (int)*n, (int)want);
    return MOTE_OK;
}

mote_status mote_shape_axis(mote_lower_ctx *c, int32_t axis, int32_t rank, int32_t *out)
{
    if (axis < -rank || axis >= rank)
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "axis %d is outside [%d, %d)", (int)axis,
                               (int)-rank, (int)rank);
    *out = axis < 0 ? axis + rank : axis;
    return MOTE_OK;
}

static mote_status load(mote_lower_ctx *c, int32_t idx, mote_graph_tensor *t)
{
    if (idx < 0 || mote_graph_get_tensor(c->g, (uint32_t)idx, t) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_GRAPH, idx, "operand tensor %d is missing", (int)idx);
    return MOTE_OK;
}

mote_status mote_shape_input(mote_lower_ctx *c, uint32_t k, mote_graph_tensor *t, int32_t *idx)
{
    *idx = k < c->op.n_inputs ? mote_graph_op_input(&c->op, k) : -1;
    return load(c, *idx, t);
}

mote_status mote_shape_output(mote_lower_ctx *c, uint32_t k, mote_graph_tensor *t, int32_t *idx)
{
    mote_status st;
    *idx = k < c->op.n_outputs ? mote_graph_op_output(&c->op, k) : -1;
    if ((st = load(c, *idx, t)) != MOTE_OK) return st;
    if (t->data != NULL)
        return mote_lower_fail(c, MOTE_E_GRAPH, *idx, "writes constant tensor %d", (int)*idx);
    return MOTE_OK;
}

mote_status mote_shape_check_type(mote_lower_ctx *c, const mote_graph_tensor *t, int32_t idx,
                                  mote_type type)
{
    if (t->type != type)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, idx,
                               "tensor %d has type %s; %s expected", (int)idx,
                               mote_type_name(t->type), mote_type_name(type));
    if (t->elements == 0)
        return mote_lower_fail(c, MOTE_E_SHAPE, idx, "tensor %d has no elements (a dimension is 0)",
                               (int)idx);
    return MOTE_OK;
}

mote_status mote_shape_same_quant(mote_lower_ctx *c, const mote_graph_tensor *t, int32_t idx,
                                  const mote_graph_tensor *ref, int32_t ref_idx)
{
    float s1 = t->n_quant ? mote_graph_tensor_scale(t, 0) : 0.0f;
    float s2 = ref->n_quant ? mote_graph_tensor_scale(ref, 0) : 0.0f;
    int64_t z1 = t->n_zero_points ? mote_graph_tensor_zero_point(t, 0) : 0;
    int64_t z2 = ref->n_zero_points ? mote_graph_tensor_zero_point(ref, 0) : 0;
    (void)ref_idx; /* unused when MOTE_NO_STRINGS drops the messages */
    if (t->n_quant > 1 || ref->n_quant > 1 || s1 != s2 || z1 != z2)
        return mote_lower_fail(c, MOTE_E_QUANT, idx,
                               "tensor %d (scale %g, zero point %D) must be quantized as tensor "
                               "%d (scale %g, zero point %D)",
                               (int)idx, (double)s1, (long long)z1, (int)ref_idx, (double)s2,
                               (long long)z2);
    return MOTE_OK;
}

mote_status mote_shape_expect(mote_lower_ctx *c, const mote_graph_tensor *t, int32_t idx,
                              int32_t rank, const int32_t *dims)
{
    int32_t k;
    int same = t->rank == rank;
    for (k = 0; same && k < rank; k++)
        same = t->dims[k] == dims[k];
    if (same) return MOTE_OK;
#ifndef MOTE_NO_STRINGS
    mote_lower_fail(c, MOTE_E_SHAPE, idx, "tensor %d has shape [", (int)idx);
    for (k = 0; k < t->rank; k++)
        mote_error_append(c->err, k ? ",%d" : "%d", (int)t->dims[k]);
    mote_error_append(c->err, "]; the operator gives [");
    for (k = 0; k < rank; k++)
        mote_error_append(c->err, k ? ",%d" : "%d", (int)dims[k]);
    mote_error_append(c->err, "]");
    return MOTE_E_SHAPE;
#else
    return mote_lower_fail(c, MOTE_E_SHAPE, idx, "");
#endif
}

void mote_shape_strides(const mote_graph_tensor *t, int32_t *strides)
{
    int32_t k, s = 1;
    for (k = t->rank - 1; k >= 0; k--) {
        strides[k] = s;
        s *= t->dims[k];
    }
}

mote_status mote_shape_lower_strided(mote_lower_ctx *c, uint32_t input, const mote_graph_tensor *t,
                                     int32_t rank, const int32_t *dims, const int32_t *strides,
                                     int64_t offset)
{
    mote_strided_step *p;
    mote_status st;
    int32_t k, pad = MOTE_MAX_RANK - rank;
    if (t->elements > INT32_MAX || c->out.elements > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "tensors above 2^31 elements");
    if (rank > MOTE_MAX_RANK || rank < 0)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "rank %d is above %d", (int)rank,
                               MOTE_MAX_RANK);
    if ((p = mote_lower_step(c, MOTE_KID_STRIDED, 0, &st)) == NULL) return st;
    p->esize = mote_shape_esize(t);
    p->input = (int32_t)input;
    p->offset = (int32_t)offset;
    for (k = 0; k < MOTE_MAX_RANK; k++) {
        p->dims[k] = k < pad ? 1 : dims[k - pad];
        p->strides[k] = k < pad ? 0 : strides[k - pad];
    }
    return MOTE_OK;
}

static mote_status chunks(mote_lower_ctx *c, uint32_t n, uint64_t outer, const uint64_t *chunk,
                          uint32_t esize, uint32_t *dst)
{
    uint32_t k;
    if (outer > UINT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "%U outer rows; at most 2^32 - 1",
                               (unsigned long long)outer);
    for (k = 0; k < n; k++) {
        if (chunk[k] > UINT32_MAX / esize)
            return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "chunk %u is larger than 4 GB",
                                   (unsigned)k);
        dst[k] = (uint32_t)chunk[k] * esize;
    }
    return MOTE_OK;
}

mote_status mote_shape_lower_concat(mote_lower_ctx *c, uint32_t n, uint64_t outer,
                                    const uint64_t *chunk, uint32_t esize)
{
    mote_concat_step *p;
    mote_status st;
    if (n > MOTE_MAX_OP_INPUTS)
        return mote_lower_fail(c, MOTE_E_LIMIT, -1, "%u inputs; at most %d", (unsigned)n,
                               MOTE_MAX_OP_INPUTS);
    if ((p = mote_lower_step(c, MOTE_KID_CONCAT, 0, &st)) == NULL) return st;
    p->n = n;
    p->outer = (uint32_t)outer;
    return chunks(c, n, outer, chunk, esize, p->chunk);
}

mote_status mote_shape_lower_split(mote_lower_ctx *c, uint32_t input, uint32_t n, uint64_t outer,
                                   const uint64_t *chunk, uint32_t esize)
{
    mote_split_step *p;
    mote_status st;
    if (n > MOTE_MAX_OP_OUTPUTS)
        return mote_lower_fail(c, MOTE_E_LIMIT, -1, "%u outputs; at most %d", (unsigned)n,
                               MOTE_MAX_OP_OUTPUTS);
    if ((p = mote_lower_step(c, MOTE_KID_SPLIT, 0, &st)) == NULL) return st;
    p->n = n;
    p->outer = (uint32_t)outer;
    p->input = (int32_t)input;
    return chunks(c, n, outer, chunk, esize, p->chunk);
}

uint64_t mote_shape_outer(const mote_graph_tensor *t, int32_t axis)
{
    uint64_t n = 1;
    int32_t k;
    for (k = 0; k < axis && k < t->rank; k++)
        n *= (uint64_t)t->dims[k];
    return n;
}

uint64_t mote_shape_inner(const mote_graph_tensor *t, int32_t axis)
{
    uint64_t n = 1;
    int32_t k;
    for (k = axis + 1; k < t->rank; k++)
        n *= (uint64_t)t->dims[k];
    return n;
}

uint64_t mote_shape_no_macs(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
