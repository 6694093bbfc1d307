/* SignalStacker: stacks left context + frame + right context of int16
 * channel vectors, kept across invokes (the block's tail); output 1 (bool)
 * says the stack was ready. */
#include "ops/op_signal_util.h"

mote_status mote_lower_signal_stacker(mote_lower_ctx *c)
{
    mote_flexbuf_map m;
    mote_graph_tensor valid;
    mote_signal_stacker_step *p;
    mote_status s;
    uint8_t *tail;
    int32_t nc = 0, left = 0, right = 0, step = 0, cap;
    if ((s = mote_lower_outputs(c, 2)) != MOTE_OK) return s;
    if ((s = mote_signal_tensor(c, 1, 1, MOTE_BOOL, 0, &valid)) != MOTE_OK) return s;
    if ((s = mote_signal_options(c, &m)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "num_channels", 1, 1 << 14, &nc)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "stacker_left_context", 0, 255, &left)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "stacker_right_context", 0, 255, &right)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "stacker_step", 1, left + right + 1, &step)) != MOTE_OK)
        return s;
    cap = nc * (left + right + 1);
    if (c->in[0].rank != 1 || c->out.rank != 1 || c->in[0].elements != (size_t)nc ||
        c->out.elements != (size_t)cap)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "needs %d input and %d output values (rank 1)", (int)nc, (int)cap);
    p = mote_signal_step(c, MOTE_KID_SIGNAL_STACKER,
                         8u + (((uint64_t)cap * 2u + 3u) & ~(uint64_t)3u), &tail, &s);
    if (p == NULL) return s;
    p->channels = nc;
    p->left = left;
    p->right = right;
    p->step = step;
    p->capacity = cap;
    return MOTE_OK;
}

uint64_t mote_macs_signal_stacker(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
