/* SignalFramer: int16 samples into overlapping frames, a FIFO per row kept
 * across invokes (the block's tail); output 1 (bool) says all were ready. */
#include "ops/op_signal_util.h"

mote_status mote_lower_signal_framer(mote_lower_ctx *c)
{
    mote_flexbuf_map m;
    mote_graph_tensor valid;
    mote_signal_framer_step *p;
    mote_status s;
    uint8_t *tail;
    int32_t size = 0, step = 0, prefill = 0, inner, rows, frames, cap;
    if ((s = mote_lower_outputs(c, 2)) != MOTE_OK) return s;
    if ((s = mote_signal_tensor(c, 1, 1, MOTE_BOOL, 0, &valid)) != MOTE_OK) return s;
    if ((s = mote_signal_options(c, &m)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "frame_size", 1, 1 << 16, &size)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "frame_step", 1, size, &step)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "prefill", 0, 1, &prefill)) != MOTE_OK) return s;
    if (c->in[0].rank < 1 || c->out.rank != c->in[0].rank + 1)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "output rank must be input rank + 1");
    inner = c->in[0].dims[c->in[0].rank - 1];
    if (inner < step || inner % step != 0)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0],
                               "innermost dimension %d is not a multiple of frame_step %d",
                               (int)inner, (int)step);
    rows = (int32_t)(c->in[0].elements / (size_t)inner);
    frames = inner / step;
    if (c->out.elements != (size_t)rows * (size_t)frames * (size_t)size)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "output needs %d frames of %d",
                               (int)(rows * frames), (int)size);
    cap = (size + step - 1) / step * step;
    p = mote_signal_step(c, MOTE_KID_SIGNAL_FRAMER,
                         4u + (uint64_t)rows * (4u + (((uint64_t)cap * 2u + 3u) & ~(uint64_t)3u)),
                         &tail, &s);
    if (p == NULL) return s;
    p->rows = rows;
    p->frames = frames;
    p->frame_size = size;
    p->frame_step = step;
    p->prefill = prefill;
    p->capacity = cap;
    return MOTE_OK;
}

uint64_t mote_macs_signal_framer(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
