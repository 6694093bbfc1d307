/*
 * ADD: int8 and float32, broadcasting up to rank 4 (each input dimension
 * equals the output's or is 1); int16 (zero points 0) broadcasting up to
 * rank 6 through SUB's formula with left shift 15 (TFLM add_common.cc; the
 * pot_scale_int16 option is ignored, as TFLite Micro does); int32
 * (wrapping, fused activation ignored as TFLite Micro does). Options
 * AddOptions: 0 fused activation.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

static mote_status lower_add_s16(mote_lower_ctx *c, int32_t act)
{
    mote_bcast b;
    mote_status st;
    if ((st = mote_ew_broadcast(c, &b)) != MOTE_OK) return st;
    return mote_ew_lower_addsub_q(c, MOTE_KID_ADD_S16, &b, act, 15);
}

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

mote_status mote_lower_add(mote_lower_ctx *c)
{
    int32_t act = 0;
    mote_dims a, b, o;
    mote_status st;
    int k;

    if ((st = mote_lower_opt_enum(c, 0, MOTE_ACTIVATION_LAST, "fused activation", &act)) != MOTE_OK)
        return st;
    if (c->in[0].type == MOTE_INT16) return lower_add_s16(c, act);
    /* TFLite Micro's int32 ADD clamps to the whole int32 range, whatever
     * the fused activation says. */
    if (c->in[0].type == MOTE_INT32) return mote_ew_lower_binary_i32(c, MOTE_KID_ADD_I32, 0);
    if ((st = mote_lower_need_input(c, 1, -1)) != MOTE_OK) return st;
    if (c->in[1].type != c->in[0].type)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                               "inputs have types %s and %s", mote_type_name(c->in[0].type),
                               mote_type_name(c->in[1].type));
    if ((st = mote_lower_dims4(c, &c->in[0], c->in_idx[0], &a)) != MOTE_OK) return st;
    if ((st = mote_lower_dims4(c, &c->in[1], c->in_idx[1], &b)) != MOTE_OK) return st;
    if ((st = mote_lower_dims4(c, &c->out, c->out_idx, &o)) != MOTE_OK) return st;
    if ((st = check_broadcast(c, &a, c->in_idx[0], &o)) != MOTE_OK) return st;
    if ((st = check_broadcast(c, &b, c->in_idx[1], &o)) != MOTE_OK) return st;
    /* The output must be exactly the broadcast of the two inputs. */
    {
        const int32_t av[4] = {a.n, a.h, a.w, a.c};
        const int32_t bv[4] = {b.n, b.h, b.w, b.c};
        const int32_t ov[4] = {o.n, o.h, o.w, o.c};
        for (k = 0; k < 4; k++) {
            int32_t want = av[k] > bv[k] ? av[k] : bv[k];
            if (ov[k] != want)
                return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                                       "output dimension %d is %d; the inputs broadcast to %d", k,
                                       (int)ov[k], (int)want);
        }
    }
    if (c->in[0].type == MOTE_FLOAT32) {
        mote_add_f32_step *p = mote_lower_step(c, MOTE_KID_ADD_F32, 0, &st);
        if (p == NULL) return st;
        p->in1 = a;
        p->in2 = b;
        p->out = o;
        return mote_lower_act_f32(c, act, &p->act_min, &p->act_max);
    } else {
        mote_add_s8_step *p;
        float sc1, sc2, sco;
        int32_t zp1, zp2, zpo, lo, hi;
        if ((st = mote_lower_act_quant(c, &c->in[0], c->in_idx[0], &sc1, &zp1)) != MOTE_OK)
            return st;
        if ((st = mote_lower_act_quant(c, &c->in[1], c->in_idx[1], &sc2, &zp2)) != MOTE_OK)
            return st;
        if ((st = mote_lower_act_quant(c, &c->out, c->out_idx, &sco, &zpo)) != MOTE_OK) return st;
        if ((st = mote_lower_act_s8(c, act, sco, zpo, &lo, &hi)) != MOTE_OK) return st;
        if ((p = mote_lower_step(c, MOTE_KID_ADD_S8, 0, &st)) == NULL) return st;
        p->in1 = a;
        p->in2 = b;
        p->out = o;
        if (mote_quant_add_s8(sc1, zp1, sc2, zp2, sco, zpo, lo, hi, &p->p) != MOTE_OK)
            return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                                   "scales %g, %g -> %g give no valid multipliers", (double)sc1,
                                   (double)sc2, (double)sco);
        return MOTE_OK;
    }
}

uint64_t mote_macs_add(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
