/* SignalOverlapAdd: frames of int16 (saturating) or float summed at
 * frame_step hops; the running sum is the step's state (the block's tail). */
#include "ops/op_signal_util.h"

mote_status mote_lower_signal_overlap_add(mote_lower_ctx *c)
{
    mote_flexbuf_map m;
    mote_signal_overlap_add_step *p;
    mote_status s;
    uint8_t *tail;
    int32_t t = 0, step = 0, size, frames, rows;
    int32_t want = c->in[0].type == MOTE_FLOAT32 ? 0 : 7; /* TensorType FLOAT32 / INT16 */
    if ((s = mote_lower_outputs(c, 1)) != MOTE_OK) return s;
    if ((s = mote_signal_options(c, &m)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "T", want, want, &t)) != MOTE_OK) return s;
    if (c->in[0].rank < 2 || c->out.rank != c->in[0].rank - 1)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "input rank must be at least 2 and the output's + 1");
    size = c->in[0].dims[c->in[0].rank - 1];
    frames = c->in[0].dims[c->in[0].rank - 2];
    if ((s = mote_signal_int(c, &m, "frame_step", 1, size, &step)) != MOTE_OK) return s;
    rows = (int32_t)(c->in[0].elements / ((size_t)size * (size_t)frames));
    if (c->out.elements != (size_t)rows * (size_t)frames * (size_t)step)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "output needs %d x %d values",
                               (int)(rows * frames), (int)step);
    p = mote_signal_step(
        c, MOTE_KID_SIGNAL_OVERLAP_ADD,
        (uint64_t)rows * (((uint64_t)size * (t == 0 ? 4u : 2u) + 3u) & ~(uint64_t)3u), &tail, &s);
    if (p == NULL) return s;
    p->rows = rows;
    p->frames = frames;
    p->frame_size = size;
    p->frame_step = step;
    p->is_float = t == 0;
    return MOTE_OK;
}

uint64_t mote_macs_signal_overlap_add(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
