/* SignalDelay: each row of int16 samples delayed by delay_length samples
 * across invokes (a FIFO per row in the block's tail). */
#include "ops/op_signal_util.h"

mote_status mote_lower_signal_delay(mote_lower_ctx *c)
{
    mote_flexbuf_map m;
    mote_signal_delay_step *p;
    mote_status s;
    uint8_t *tail;
    int32_t delay = 0, inner, rows;
    if ((s = mote_lower_outputs(c, 1)) != MOTE_OK) return s;
    if ((s = mote_signal_options(c, &m)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "delay_length", 0, 1 << 16, &delay)) != MOTE_OK) return s;
    if (c->in[0].rank < 1 || c->out.elements != c->in[0].elements)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "output must match the input");
    inner = c->in[0].dims[c->in[0].rank - 1];
    rows = (int32_t)(c->in[0].elements / (size_t)inner);
    p = mote_signal_step(c, MOTE_KID_SIGNAL_DELAY,
                         4u + (uint64_t)rows *
                                  (4u + (((uint64_t)(inner + delay) * 2u + 3u) & ~(uint64_t)3u)),
                         &tail, &s);
    if (p == NULL) return s;
    p->rows = rows;
    p->frame_size = inner;
    p->delay = delay;
    return MOTE_OK;
}

uint64_t mote_macs_signal_delay(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
