/*
 * SVDF: int8 (int16 or int8 state and weights_time, int32 bias) and
 * float32, as TFLite Micro's reference kernels. Inputs: 0 input [batches,
 * input_size], 1 weights_feature [filters, input_size], 2 weights_time
 * [filters, memory], 3 bias [units] (optional for float32; TFLite Micro
 * needs it for int8), 4 activation state [batches, filters * memory], a
 * variable tensor kept across invokes. Options SVDFOptions: 0 rank, 1 fused
 * activation (float32 only: TFLite Micro's integer kernel ignores it),
 * 2 asymmetric_quantize_inputs (hybrid only).
 * Hybrid (float32 input, int8 weights_feature and weights_time, float
 * bias, state and output): LiteRT's kernel; TFLite Micro refuses it.
 */
#include <math.h>

#include "ops/op.h"
#include "ops/quant.h"

static mote_status lower_s8(mote_lower_ctx *c, const mote_graph_tensor *state, int32_t state_idx,
                            mote_svdf_step *p)
{
    float in_s, wf_s, wt_s, st_s, out_s, e1;
    int32_t in_zp, out_zp;
    int64_t st_zp = 0;
    double e2;
    mote_status st;
    const mote_graph_tensor *wt = &c->in[2];
    if (c->in[1].type != MOTE_INT8)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                               "weights_feature are %s; int8 SVDF needs INT8",
                               mote_type_name(c->in[1].type));
    if ((state->type != MOTE_INT16 && state->type != MOTE_INT8) || wt->type != state->type)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, state_idx,
                               "state is %s and weights_time %s; int8 SVDF needs both INT16 "
                               "(or both INT8)",
                               mote_type_name(state->type), mote_type_name(wt->type));
    if (c->in_idx[3] < 0)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1,
                               "int8 SVDF without a bias (TFLite Micro requires one)");
    if (c->in[3].type != MOTE_INT32)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[3], "bias is %s; needs INT32",
                               mote_type_name(c->in[3].type));
    if ((st = mote_lower_act_quant(c, &c->in[0], c->in_idx[0], &in_s, &in_zp)) != MOTE_OK)
        return st;
    if ((st = mote_lower_act_quant(c, &c->out, c->out_idx, &out_s, &out_zp)) != MOTE_OK) return st;
    if (c->in[1].n_quant != 1 || wt->n_quant != 1 || state->n_quant != 1 || c->in[3].n_quant != 1)
        return mote_lower_fail(c, MOTE_E_QUANT, -1,
                               "weights, state and bias need one per-tensor scale each");
    wf_s = mote_graph_tensor_scale(&c->in[1], 0);
    wt_s = mote_graph_tensor_scale(wt, 0);
    st_s = mote_graph_tensor_scale(state, 0);
    if (state->n_zero_points) st_zp = mote_graph_tensor_zero_point(state, 0);
    if (!(wf_s > 0.0f) || !(wt_s > 0.0f) || !(st_s > 0.0f) || !isfinite(wf_s) || !isfinite(wt_s) ||
        !isfinite(st_s))
        return mote_lower_fail(c, MOTE_E_QUANT, -1,
                               "weights_feature, weights_time and state scales %g, %g, %g must be "
                               "finite and > 0",
                               (double)wf_s, (double)wt_s, (double)st_s);
    if (st_zp < (state->type == MOTE_INT8 ? -128 : -32768) ||
        st_zp > (state->type == MOTE_INT8 ? 127 : 32767))
        return mote_lower_fail(c, MOTE_E_QUANT, state_idx, "state zero point %D is out of range",
                               (long long)st_zp);
    /* TFLite Micro's Prepare: the bias scale must be state * weights_time. */
    if (!(fabs((double)mote_graph_tensor_scale(&c->in[3], 0) - (double)(st_s * wt_s)) < 1e-5))
        return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[3],
                               "bias scale %g is not state scale x weights_time scale (%g)",
                               (double)mote_graph_tensor_scale(&c->in[3], 0),
                               (double)(st_s * wt_s));
    /* As TFLite Micro: both products in float, then widened. */
    e1 = in_s * wf_s / st_s;
    e2 = (double)(st_s * wt_s / out_s);
    if (mote_quant_requant((double)e1, &p->mult1, &p->shift1) != MOTE_OK ||
        mote_quant_requant(e2, &p->mult2, &p->shift2) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_QUANT, -1,
                               "rescale factors %g and %g are outside what int32 "
                               "requantization represents",
                               (double)e1, e2);
    p->state_elem = state->type == MOTE_INT16 ? 2 : 1;
    p->state_min = state->type == MOTE_INT16 ? -32768 : -128;
    p->state_max = state->type == MOTE_INT16 ? 32767 : 127;
    p->input_zp = in_zp;
    p->state_zp = (int32_t)st_zp;
    p->output_zp = out_zp;
    return MOTE_OK;
}

/* The input quantized per batch row sums input_size products of at most
 * 128 x 255 in int32: bounded so the sum cannot overflow. */
#define SVDF_HYBRID_MAX_INPUT 65536

/* Per-tensor scale of int8 weights tensor k (zero point 0). */
static mote_status hybrid_scale(mote_lower_ctx *c, uint32_t k, float *scale)
{
    const mote_graph_tensor *w = &c->in[k];
    if (w->n_quant != 1 || (w->n_zero_points && mote_graph_tensor_zero_point(w, 0) != 0))
        return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[k],
                               "hybrid weights tensor %d needs one per-tensor scale and zero "
                               "point 0",
                               (int)c->in_idx[k]);
    *scale = mote_graph_tensor_scale(w, 0);
    if (!(*scale > 0.0f) || !isfinite(*scale))
        return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[k], "weights tensor %d has scale %g",
                               (int)c->in_idx[k], (double)*scale);
    return MOTE_OK;
}

/* Hybrid: as LiteRT's svdf.cc with int8 weights_feature. */
static mote_status lower_hybrid(mote_lower_ctx *c, const mote_graph_tensor *state,
                                mote_svdf_step *p)
{
    mote_status st;
    if (c->in[2].type != MOTE_INT8 || state->type != MOTE_FLOAT32 ||
        (c->in_idx[3] >= 0 && c->in[3].type != MOTE_FLOAT32))
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, -1,
                               "hybrid SVDF needs INT8 weights_time (has %s), a FLOAT32 bias "
                               "and a FLOAT32 state (has %s)",
                               mote_type_name(c->in[2].type), mote_type_name(state->type));
    if (p->input_size > SVDF_HYBRID_MAX_INPUT)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[0],
                               "input size %d exceeds %d (int32 accumulator)", (int)p->input_size,
                               SVDF_HYBRID_MAX_INPUT);
    if ((st = hybrid_scale(c, 1, &p->feature_scale)) != MOTE_OK) return st;
    if ((st = hybrid_scale(c, 2, &p->time_scale)) != MOTE_OK) return st;
    p->hybrid = 1;
    p->asymmetric = mote_lower_opt_bool(c, 2, 0) ? 1 : 0;
    return MOTE_OK;
}

mote_status mote_lower_svdf(mote_lower_ctx *c)
{
    mote_graph_tensor state;
    int32_t state_idx, rank, activation = 0, batches, input_size, filters, memory, units;
    mote_svdf_step *p;
    mote_status st;
    int is_float = c->in[0].type == MOTE_FLOAT32;
    int hybrid = is_float && c->in[1].type == MOTE_INT8;

    if (c->op.n_inputs != 5)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; SVDF takes 5",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_lower_opt_enum(c, 1, MOTE_ACTIVATION_LAST, "fused activation", &activation)) !=
        MOTE_OK)
        return st;
    rank = mote_lower_opt_i32(c, 0, 0);
    if ((st = mote_lower_need_input(c, 0, 0)) != MOTE_OK) return st;
    if ((st = mote_lower_need_input(c, 1, 1)) != MOTE_OK) return st;
    if ((st = mote_lower_need_input(c, 2, 1)) != MOTE_OK) return st;
    if (c->in_idx[3] >= 0 && (st = mote_lower_need_input(c, 3, 1)) != MOTE_OK) return st;
    state_idx = mote_graph_op_input(&c->op, 4);
    if (state_idx < 0 || mote_graph_get_tensor(c->g, (uint32_t)state_idx, &state) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "input 4 (activation state) is missing");
    if (!state.is_variable)
        return mote_lower_fail(c, MOTE_E_GRAPH, state_idx,
                               "input 4 (tensor %d, the activation state) is not a variable "
                               "tensor",
                               (int)state_idx);
    if (c->in[0].rank != 2 || c->in[1].rank != 2 || c->in[2].rank != 2 || state.rank != 2 ||
        c->out.rank != 2)
        return mote_lower_fail(c, MOTE_E_SHAPE, -1,
                               "input, weights, state and output must have rank 2 (have %d, %d, "
                               "%d, %d, %d)",
                               (int)c->in[0].rank, (int)c->in[1].rank, (int)c->in[2].rank,
                               (int)state.rank, (int)c->out.rank);
    batches = c->in[0].dims[0];
    input_size = c->in[0].dims[1];
    filters = c->in[1].dims[0];
    memory = c->in[2].dims[1];
    if (rank < 1 || filters % rank != 0)
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "rank %d does not divide %d filters", (int)rank,
                               (int)filters);
    units = filters / rank;
    if (c->in[1].dims[1] != input_size || c->in[2].dims[0] != filters ||
        c->out.dims[0] != batches || c->out.dims[1] != units || state.dims[0] != batches ||
        (int64_t)state.dims[1] != (int64_t)memory * filters ||
        (c->in_idx[3] >= 0 && (c->in[3].rank != 1 || c->in[3].dims[0] != units)))
        return mote_lower_fail(c, MOTE_E_SHAPE, -1,
                               "shapes disagree: input [%d, %d], %d filters of memory %d, rank "
                               "%d; state [batches, filters x memory], output [batches, %d], "
                               "bias [%d]",
                               (int)batches, (int)input_size, (int)filters, (int)memory, (int)rank,
                               (int)units, (int)units);
    if (state.bytes * 3u > (size_t)INT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, state_idx, "state is too large");
    if (is_float && !hybrid) {
        if (c->in[1].type != MOTE_FLOAT32 || c->in[2].type != MOTE_FLOAT32 ||
            state.type != MOTE_FLOAT32 || (c->in_idx[3] >= 0 && c->in[3].type != MOTE_FLOAT32))
            return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, -1,
                                   "float32 SVDF needs float32 weights, bias and state (or, "
                                   "hybrid, int8 weights_feature and weights_time)");
    }
    p = mote_lower_step(c,
                        hybrid     ? MOTE_KID_SVDF_HYBRID
                        : is_float ? MOTE_KID_SVDF_F32
                                   : MOTE_KID_SVDF_S8,
                        0, &st);
    if (p == NULL) return st;
    p->batches = batches;
    p->input_size = input_size;
    p->filters = filters;
    p->units = units;
    p->rank = rank;
    p->memory = memory;
    if (hybrid && (st = lower_hybrid(c, &state, p)) != MOTE_OK) return st;
    if (is_float) return mote_lower_act_f32(c, activation, &p->act_min, &p->act_max);
    return lower_s8(c, &state, state_idx, p);
}

/* Feature matmul and time matmul per batch. */
uint64_t mote_macs_svdf(const mote_graph *g, const mote_graph_op *op)
{
    uint64_t batches = mote_macs_dim(g, mote_graph_op_input(op, 0), 0, 2);
    uint64_t feat = mote_macs_mul(mote_macs_dim(g, mote_graph_op_input(op, 1), 0, 2),
                                  mote_macs_dim(g, mote_graph_op_input(op, 1), 1, 2));
    uint64_t time = mote_macs_mul(mote_macs_dim(g, mote_graph_op_input(op, 2), 0, 2),
                                  mote_macs_dim(g, mote_graph_op_input(op, 2), 1, 2));
    return mote_macs_mul(batches, feat + time);
}
