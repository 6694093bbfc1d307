/*
 * SELECT_V2: out = condition ? x : y, element-wise with broadcasting of
 * all three (rank <= 6): x and y float32, int8 or int16 (TFLite Micro's
 * types) of the output's type; the condition is BOOL. Bytes are copied, so
 * x, y and the output must be quantized alike (TFLite Micro requires it).
 */
#include "ops/op_shape_util.h"

static int32_t dim_end(const mote_graph_tensor *t, int32_t k)
{
    return k < t->rank ? t->dims[t->rank - 1 - k] : 1;
}

mote_status mote_lower_select_v2(mote_lower_ctx *c)
{
    const mote_graph_tensor *o = &c->out;
    mote_select_step *p;
    mote_status st;
    int32_t k, i, acc[3] = {1, 1, 1};
    if (c->op.n_inputs != 3)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 3",
                               (unsigned)c->op.n_inputs);
    if (c->in[0].type != MOTE_BOOL)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[0],
                               "condition has type %s; BOOL expected",
                               mote_type_name(c->in[0].type));
    if (o->type != MOTE_FLOAT32 && o->type != MOTE_INT8 && o->type != MOTE_INT16)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->out_idx,
                               "type %s is not supported (FLOAT32, INT8 and INT16 are)",
                               mote_type_name(o->type));
    for (i = 1; i <= 2; i++) {
        if ((st = mote_shape_check_type(c, &c->in[i], c->in_idx[i], o->type)) != MOTE_OK) return st;
        if (o->type != MOTE_FLOAT32 &&
            (st = mote_shape_same_quant(c, &c->in[i], c->in_idx[i], o, c->out_idx)) != MOTE_OK)
            return st;
    }
    if (o->rank > MOTE_MAX_RANK || o->elements > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "output above rank 6 or 2^31 elements");
    if ((p = mote_lower_step(c, MOTE_KID_SELECT, 0, &st)) == NULL) return st;
    p->esize = mote_shape_esize(o);
    for (k = 0; k < MOTE_MAX_RANK; k++) {
        const int32_t slot = MOTE_MAX_RANK - 1 - k, d = dim_end(o, k);
        int32_t *s[3];
        s[0] = p->sc;
        s[1] = p->sx;
        s[2] = p->sy;
        p->shape[slot] = d;
        for (i = 0; i < 3; i++) {
            const int32_t di = dim_end(&c->in[i], k);
            if (c->in[i].rank > o->rank || (di != d && di != 1))
                return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[i],
                                       "input %d does not broadcast to the output (dimension %d "
                                       "from the end: %d, output %d)",
                                       (int)i, (int)k, (int)di, (int)d);
            s[i][slot] = di == d ? acc[i] : 0;
            acc[i] *= di;
        }
    }
    return MOTE_OK;
}

uint64_t mote_macs_select_v2(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
