/*
 * FULLY_CONNECTED: int8 (per-tensor or per-channel weights) and float32.
 * Weights [out_c, depth]; the input is read as rows of `depth`; optional
 * bias. Options FullyConnectedOptions: 0 fused activation, 1 weights
 * format (only DEFAULT), 2 keep_num_dims (the output tensor's own shape is
 * authoritative, so it needs no handling).
 */
#include "ops/op.h"
#include "ops/lower_select.h"

/* The int8 kernel accumulates `depth` products of at most 255 * 128 in
 * int32: 65536 of them stay below 2^31. */
#define FC_MAX_DEPTH 65536

mote_status mote_lower_fully_connected(mote_lower_ctx *c)
{
    int32_t activation = 0, weights_format = 0, out_c, depth, rows;
    mote_status st;

    if ((st = mote_lower_opt_enum(c, 0, MOTE_ACTIVATION_LAST, "fused activation", &activation)) !=
        MOTE_OK)
        return st;
    if ((st = mote_lower_opt_enum(c, 1, 1, "weights_format", &weights_format)) != MOTE_OK)
        return st;
    if ((st = mote_lower_need_input(c, 0, 0)) != MOTE_OK) return st;
    if ((st = mote_lower_need_input(c, 1, 1)) != MOTE_OK) return st;
    if ((st = mote_lower_weights_type(c)) != MOTE_OK) return st;
    if (weights_format != 0)
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "weights format %d is not supported",
                               (int)weights_format);
    if (c->in[1].rank != 2)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1], "weights have rank %d; expected 2",
                               (int)c->in[1].rank);
    out_c = c->in[1].dims[0];
    depth = c->in[1].dims[1];
    if (out_c < 1 || depth < 1 || c->in[0].elements % (size_t)depth != 0)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0],
                               "input of %U elements does not split into rows of depth %d",
                               (unsigned long long)c->in[0].elements, (int)depth);
    if (depth > FC_MAX_DEPTH)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                               "depth %d exceeds %d (int32 accumulator)", (int)depth, FC_MAX_DEPTH);
    rows = (int32_t)(c->in[0].elements / (size_t)depth);
    if (c->out.elements != (size_t)rows * (size_t)out_c)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "output has %U elements; expected %d x %d",
                               (unsigned long long)c->out.elements, (int)rows, (int)out_c);

    if (c->in[0].type == MOTE_INT16)
        return mote_lower_by_type_table.fc_s16 == NULL
                   ? mote_lower_type_left_out(c)
                   : mote_lower_by_type_table.fc_s16(c, activation, rows, depth, out_c);
    if (c->in[0].type == MOTE_FLOAT32 && c->in[1].type == MOTE_INT8)
        return mote_lower_by_type_table.fc_hybrid == NULL
                   ? mote_lower_type_left_out(c)
                   : mote_lower_by_type_table.fc_hybrid(c, activation, rows, depth, out_c);
    if (c->in[0].type == MOTE_FLOAT32) {
        mote_fc_f32_step *p;
        if ((st = mote_lower_bias(c, out_c, MOTE_FLOAT32)) != MOTE_OK) return st;
        if ((p = mote_lower_step(c, MOTE_KID_FULLY_CONNECTED_F32, 0, &st)) == NULL) return st;
        p->batches = rows;
        p->depth = depth;
        p->out_c = out_c;
        return mote_lower_act_f32(c, activation, &p->act_min, &p->act_max);
    } else {
        mote_fc_s8_step *p;
        float in_scale, out_scale;
        int32_t in_zp, out_zp, act_min, act_max;
        int per_channel = c->in[1].n_quant > 1, wide;
        if ((st = mote_lower_bias(c, out_c, MOTE_INT32)) != MOTE_OK) return st;
        if ((st = mote_lower_act_quant(c, &c->in[0], c->in_idx[0], &in_scale, &in_zp)) != MOTE_OK)
            return st;
        if ((st = mote_lower_act_quant(c, &c->out, c->out_idx, &out_scale, &out_zp)) != MOTE_OK)
            return st;
        /* Per-tensor weights: the one entry lives in the block. Dimensions
         * above 65535 go in three int32 words after it (MOTE_FC_WIDE). */
        wide = rows > 0xFFFF || depth > 0xFFFF || out_c > 0xFFFF;
        p = mote_lower_step_ext(c,
                                c->in[1].type == MOTE_INT4 ? MOTE_KID_FULLY_CONNECTED_S8_I4
                                                           : MOTE_KID_FULLY_CONNECTED_S8,
                                wide ? 3u * 4u : 0u, per_channel ? (uint32_t)out_c : 0u, &st);
        if (p == NULL) return st;
        if (!per_channel) {
            c->mult = &p->multiplier;
            c->shift = &p->shift;
        }
        st = mote_lower_weight_quant(c, 0, out_c, in_scale, out_scale, per_channel ? out_c : 1);
        if (!per_channel) {
            c->mult = NULL;
            c->shift = NULL;
        }
        if (st != MOTE_OK) return st;
        if ((st = mote_lower_act_s8(c, activation, out_scale, out_zp, &act_min, &act_max)) !=
            MOTE_OK)
            return st;
        /* The block's int8 fields: refuse what they cannot hold. */
        if (in_zp < -128 || in_zp > 127 || out_zp < -128 || out_zp > 127 || act_min < -128 ||
            act_max > 127 || act_min > act_max)
            return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                                   "zero points %d, %d or activation range [%d, %d] outside int8",
                                   (int)in_zp, (int)out_zp, (int)act_min, (int)act_max);
        if (wide) {
            int32_t *w = (int32_t *)(void *)(p + 1);
            w[0] = rows;
            w[1] = depth;
            w[2] = out_c;
        } else {
            p->batches = (uint16_t)rows;
            p->depth = (uint16_t)depth;
            p->out_c = (uint16_t)out_c;
        }
        p->input_zero_point = (int8_t)in_zp;
        p->output_offset = (int8_t)out_zp;
        p->act_min = (int8_t)act_min;
        p->act_max = (int8_t)act_max;
        p->flags = (uint8_t)((per_channel ? MOTE_FC_PER_CHANNEL : 0u) | (wide ? MOTE_FC_WIDE : 0u));
        return MOTE_OK;
    }
}

/* Each output element is one dot product of `depth` terms. */
uint64_t mote_macs_fully_connected(const mote_graph *g, const mote_graph_op *op)
{
    return mote_macs_mul(mote_macs_out_elements(g, op),
                         mote_macs_dim(g, mote_graph_op_input(op, 1), 1, 2));
}
