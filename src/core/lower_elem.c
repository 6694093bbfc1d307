/*
 * lower_elem.c — lowering of the element-wise and shape operators: ADD,
 * SOFTMAX and RESHAPE.
 */
#include <math.h>

#include "core/lower_internal.h"
#include "core/quant.h"

/* Each input dimension must equal the output's or be 1 (broadcast). */
static mote_status check_broadcast(mote_lower_ctx *c, const mote_dims *a, int32_t a_idx,
                                   const mote_dims *out)
{
    const int32_t av[4] = {a->n, a->h, a->w, a->c};
    const int32_t ov[4] = {out->n, out->h, out->w, out->c};
    int k;
    for (k = 0; k < 4; k++) {
        if (av[k] != ov[k] && av[k] != 1)
            return mote_lower_fail(c, MOTE_E_SHAPE, a_idx,
                                   "input tensor %d does not broadcast to the output shape "
                                   "(dimension %d is %d, output has %d)",
                                   (int)a_idx, k, (int)av[k], (int)ov[k]);
    }
    return MOTE_OK;
}

mote_status mote_lower_add(mote_lower_ctx *c, mote_step *s)
{
    int32_t act = c->op.opt.add.activation;
    mote_status st;
    int k;

    if ((st = mote_lower_need_input(c, 1, -1)) != MOTE_OK) return st;
    if (c->in[1].type != c->in[0].type)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                               "inputs have types %s and %s", mote_type_name(c->in[0].type),
                               mote_type_name(c->in[1].type));
    if ((st = mote_lower_dims4(c, &c->in[0], c->in_idx[0], &s->in_dims)) != MOTE_OK) return st;
    if ((st = mote_lower_dims4(c, &c->in[1], c->in_idx[1], &s->w_dims)) != MOTE_OK) return st;
    if ((st = mote_lower_dims4(c, &c->out, s->out, &s->out_dims)) != MOTE_OK) return st;
    if ((st = check_broadcast(c, &s->in_dims, c->in_idx[0], &s->out_dims)) != MOTE_OK) return st;
    if ((st = check_broadcast(c, &s->w_dims, c->in_idx[1], &s->out_dims)) != MOTE_OK) return st;
    /* The output must be exactly the broadcast of the two inputs. */
    {
        const int32_t a[4] = {s->in_dims.n, s->in_dims.h, s->in_dims.w, s->in_dims.c};
        const int32_t b[4] = {s->w_dims.n, s->w_dims.h, s->w_dims.w, s->w_dims.c};
        const int32_t o[4] = {s->out_dims.n, s->out_dims.h, s->out_dims.w, s->out_dims.c};
        for (k = 0; k < 4; k++) {
            if (o[k] != (a[k] > b[k] ? a[k] : b[k]))
                return mote_lower_fail(c, MOTE_E_SHAPE, s->out,
                                       "output dimension %d is %d; the inputs broadcast to %d", k,
                                       (int)o[k], (int)(a[k] > b[k] ? a[k] : b[k]));
        }
    }
    if (c->in[0].type == MOTE_FLOAT32) {
        s->kernel = MOTE_K_ADD_F32;
        return mote_lower_act_f32(c, act, &s->p.clamp_f32.act_min, &s->p.clamp_f32.act_max);
    } else {
        float sc1, sc2, sco;
        int32_t zp1, zp2, zpo, lo, hi;
        if ((st = mote_lower_act_quant(c, &c->in[0], c->in_idx[0], &sc1, &zp1)) != MOTE_OK)
            return st;
        if ((st = mote_lower_act_quant(c, &c->in[1], c->in_idx[1], &sc2, &zp2)) != MOTE_OK)
            return st;
        if ((st = mote_lower_act_quant(c, &c->out, s->out, &sco, &zpo)) != MOTE_OK) return st;
        if (mote_quant_activation_s8(act, sco, zpo, &lo, &hi) != MOTE_OK)
            return mote_lower_fail(c, MOTE_E_PARAM, -1, "fused activation %d is not supported",
                                   (int)act);
        if (mote_quant_add_s8(sc1, zp1, sc2, zp2, sco, zpo, lo, hi, &s->p.add_s8) != MOTE_OK)
            return mote_lower_fail(c, MOTE_E_QUANT, s->out,
                                   "scales %g, %g -> %g give no valid multipliers", (double)sc1,
                                   (double)sc2, (double)sco);
        s->kernel = MOTE_K_ADD_S8;
        return MOTE_OK;
    }
}

mote_status mote_lower_softmax(mote_lower_ctx *c, mote_step *s)
{
    float beta = c->op.opt.softmax.beta;
    mote_status st;

    if (c->in[0].rank < 1 || c->in[0].elements == 0)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0], "input is empty");
    if (c->out.elements != c->in[0].elements)
        return mote_lower_fail(c, MOTE_E_SHAPE, s->out, "output has %U elements; input has %U",
                               (unsigned long long)c->out.elements,
                               (unsigned long long)c->in[0].elements);
    s->depth = c->in[0].dims[c->in[0].rank - 1];
    s->rows = (int32_t)(c->in[0].elements / (size_t)s->depth);
    if (!isfinite(beta))
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "beta %g is not finite", (double)beta);
    if (c->in[0].type == MOTE_FLOAT32) {
        s->p.beta = beta;
        s->kernel = MOTE_K_SOFTMAX_F32;
        return MOTE_OK;
    } else {
        float in_scale, out_scale;
        int32_t in_zp, out_zp;
        if ((st = mote_lower_act_quant(c, &c->in[0], c->in_idx[0], &in_scale, &in_zp)) != MOTE_OK)
            return st;
        if ((st = mote_lower_act_quant(c, &c->out, s->out, &out_scale, &out_zp)) != MOTE_OK)
            return st;
        /* The int8 reference writes probabilities in units of 1/256 from
         * -128, so the output tensor must be quantized exactly that way. */
        if (out_zp != -128 || fabsf(out_scale - 1.0f / 256.0f) > 0.001f / 256.0f)
            return mote_lower_fail(c, MOTE_E_QUANT, s->out,
                                   "int8 softmax output must have scale 1/256 and zero point "
                                   "-128 (has %g and %d)",
                                   (double)out_scale, (int)out_zp);
        /* The reference sums exp() values in a fixed-point type with 12
         * integer bits, so rows of 4096 or more could overflow it. */
        if (s->depth >= 4096)
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[0],
                                   "int8 softmax over %d values; at most 4095 are supported",
                                   (int)s->depth);
        if (mote_quant_softmax_s8(beta, in_scale, &s->p.softmax_s8) != MOTE_OK)
            return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[0],
                                   "beta %g with input scale %g gives no valid multiplier",
                                   (double)beta, (double)in_scale);
        s->kernel = MOTE_K_SOFTMAX_S8;
        return MOTE_OK;
    }
}

mote_status mote_lower_reshape(mote_lower_ctx *c, mote_step *s)
{
    /* Input 1, when present, is the new shape; the output tensor's own
     * shape is authoritative, so only the element counts must agree. */
    if (c->out.elements != c->in[0].elements)
        return mote_lower_fail(c, MOTE_E_SHAPE, s->out, "output has %U elements; input has %U",
                               (unsigned long long)c->out.elements,
                               (unsigned long long)c->in[0].elements);
    if (c->in[0].type == MOTE_INT8) {
        float si, so;
        int32_t zi, zo;
        mote_status st;
        if (c->in[0].n_quant == 1 && c->out.n_quant == 1) {
            if ((st = mote_lower_act_quant(c, &c->in[0], c->in_idx[0], &si, &zi)) != MOTE_OK)
                return st;
            if ((st = mote_lower_act_quant(c, &c->out, s->out, &so, &zo)) != MOTE_OK) return st;
            if (si != so || zi != zo)
                return mote_lower_fail(c, MOTE_E_QUANT, s->out,
                                       "reshape cannot change quantization (scale %g -> %g, "
                                       "zero point %d -> %d)",
                                       (double)si, (double)so, (int)zi, (int)zo);
        }
    }
    if (c->in[0].bytes > UINT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, s->out, "tensor is larger than 4 GB");
    s->copy_bytes = (uint32_t)c->in[0].bytes;
    s->kernel = MOTE_K_COPY;
    return MOTE_OK;
}
