/*
 * RANGE (beyond TFLite Micro, as LiteRT): start, start + delta, ... up to
 * limit (excluded), from three constant scalars of the output's type,
 * int32 or float32; the output vector must have the length LiteRT
 * computes. Float values are accumulated (start, += delta), as LiteRT.
 */
#include <math.h>
#include <string.h>

#include "ops/op_shape_util.h"

static float scalar_f(const mote_graph_tensor *t)
{
    float v;
    memcpy(&v, t->data, 4);
    return v;
}

static int32_t scalar_i(const mote_graph_tensor *t)
{
    int32_t v;
    memcpy(&v, t->data, 4);
    return v;
}

mote_status mote_lower_range(mote_lower_ctx *c)
{
    const int is_float = c->in[0].type == MOTE_FLOAT32;
    mote_range_step *p;
    mote_status st;
    int64_t count;
    uint32_t k;
    if (c->op.n_inputs != 3)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 3",
                               (unsigned)c->op.n_inputs);
    for (k = 0; k < 3; k++) {
        if ((st = mote_shape_check_type(c, &c->in[k], c->in_idx[k], c->in[0].type)) != MOTE_OK)
            return st;
        if (c->in[k].data == NULL || c->in[k].elements != 1)
            return mote_lower_fail(c, MOTE_E_DYNAMIC, c->in_idx[k],
                                   "input %u must be a constant scalar", (unsigned)k);
    }
    if (is_float) {
        const float s = scalar_f(&c->in[0]), l = scalar_f(&c->in[1]), d = scalar_f(&c->in[2]);
        double n = ceil(fabs(((double)l - (double)s) / (double)d));
        if (!(d != 0.0f) || !(n < 2147483647.0) || ((l > s) != (d > 0) && l != s))
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[2],
                                   "start, limit and delta are "
                                   "inconsistent or too long");
        n = (double)ceilf(fabsf((l - s) / d));
        count = (int64_t)n;
    } else {
        const int64_t s = scalar_i(&c->in[0]), l = scalar_i(&c->in[1]), d = scalar_i(&c->in[2]);
        if (d == 0 || ((l > s) != (d > 0) && l != s))
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[2],
                                   "start, limit and delta are inconsistent");
        count = ((l > s ? l - s : s - l) + (d > 0 ? d : -d) - 1) / (d > 0 ? d : -d);
    }
    {
        const int32_t want = (int32_t)count;
        if ((st = mote_shape_expect(c, &c->out, c->out_idx, 1, &want)) != MOTE_OK) return st;
    }
    if ((p = mote_lower_step(c, MOTE_KID_RANGE, 0, &st)) == NULL) return st;
    p->is_float = is_float;
    p->count = (uint32_t)count;
    if (is_float) {
        p->start_f = scalar_f(&c->in[0]);
        p->delta_f = scalar_f(&c->in[2]);
    } else {
        p->start_i = scalar_i(&c->in[0]);
        p->delta_i = scalar_i(&c->in[2]);
    }
    return MOTE_OK;
}

uint64_t mote_macs_range(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
