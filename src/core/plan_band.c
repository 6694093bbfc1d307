/*
 * plan_band.c — how the planner sees a band chain (band.h): which chains
 * may run band by band, and what running one does to the plan entries.
 *
 * In the plan a chain first..last is: its input T0 (root) live to `last`;
 * its output Tn live from `first` (or, when the walk allows it and T0 dies
 * in the chain, Tn sharing T0's buffer); the windows of the intermediates
 * (outputs of first .. last-1, read inside the chain only) in one work
 * area, the plan entry of the first, live over first..last; the other
 * intermediates take no arena.
 */
#include "core/band.h"
#include "core/plan.h"

static int32_t root_of(const mote_plan_entry *e, int32_t t)
{
    while (e[t].alias >= 0)
        t = e[t].alias;
    return t;
}

/* Chain tensor of graph tensor t read by layer k: 0 for the chain's input
 * (input 0 of the first operator), j + 1 for layer j's output (j < k), -1
 * for anything else (the chain reads only its input and itself). */
static int32_t chain_tensor(const int32_t *chain, uint32_t k, int32_t t)
{
    uint32_t j;
    if (t < 0) return -1;
    for (j = 0; j <= k; j++)
        if (t == chain[j]) return (int32_t)j;
    return -1;
}

/* Layers of b from the graph into w->l (b->last - b->first + 1 entries)
 * and their tensors into w->t: the count, 0 when they do not form a
 * chain.
 * Few locals here and in its callers: the layers and tensors are in *w,
 * and each operator is read once (mote_band_layer_of, which leaves it in
 * w->op, where its tensors are read: no copy of them in this frame), so
 * the deepest frames under the planner hold one operator and one tensor
 * record; and inlined into its two callers, so the planner's path to the
 * graph's records has one frame less (issue #10: loading within 1 KB of
 * stack; 24 bytes on a Cortex-M0+). */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline uint32_t
layers(const mote_graph *g, const mote_band *b, mote_band_work *w)
{
    uint32_t n, k, s;
    if (b->first < 0 || b->last <= b->first) return 0;
    n = (uint32_t)(b->last - b->first) + 1;
    if (n > MOTE_BAND_MAX_OPS) return 0;
    for (k = 0; k < n; k++) {
        mote_band_layer *l = &w->l[k];
        if (!mote_band_layer_of(g, (uint32_t)b->first + k, l, w)) return 0;
        if (k == 0) w->t[0] = mote_graph_op_input(&w->op, 0);
        /* A convolution reads input 0 (inputs 1 and 2 are constants:
         * mote_band_layer_of); an ADD both. */
        for (s = 0; s < (l->add ? 2u : 1u); s++) {
            int32_t j = chain_tensor(w->t, k, mote_graph_op_input(&w->op, s));
            if (j < 0) return 0;
            l->src[s] = (int8_t)j;
        }
        w->t[k + 1] = mote_graph_op_output(&w->op, 0);
    }
    return n;
}

int mote_plan_band_make(const mote_graph *g, uint32_t first, uint32_t last, mote_band *b,
                        mote_band_work *w)
{
    uint32_t n;
    int ok;
    if (first >= last || last >= g->n_ops || last - first + 1 > MOTE_BAND_MAX_OPS) return 0;
    b->first = (int16_t)first;
    b->last = (int16_t)last;
    if ((n = layers(g, b, w)) == 0 || mote_band_walk(w->l, n, w->cap, &ok, NULL, NULL) != 0) {
        b->first = b->last = -1;
        return 0;
    }
    b->work = (int16_t)w->t[1];
    b->work_bytes = mote_band_work_bytes(w->l, n, w->cap);
    b->may_overlap = (uint8_t)ok;
    b->overlap = 0;
    b->bands = (uint32_t)w->l[n - 1].out_h;
    return 1;
}

uint32_t mote_plan_band_room(const mote_graph *g, const mote_band *b, mote_band_work *w,
                             uint32_t extra)
{
    uint32_t n;
    int ok;
    if ((n = layers(g, b, w)) == 0 || w->l[0].src[0] != 0 || w->l[0].src[1] >= 0 ||
        mote_band_walk(w->l, n, w->cap, &ok, NULL, NULL) != 0 ||
        extra > (uint32_t)(w->l[0].out_h - w->cap[1]))
        return 0;
    w->cap[1] += (int32_t)extra;
    if (mote_band_walk(w->l, n, NULL, &ok, NULL, w->cap) != 0 || (b->may_overlap && !ok)) return 0;
    return mote_band_work_bytes(w->l, n, w->cap);
}

int mote_plan_band_apply(const mote_graph *g, mote_plan_entry *e, mote_band *b, mote_band_work *w)
{
    mote_graph_op *op = &w->op; /* in w, not in this frame */
    int32_t r0, tn, i, dies;
    mote_graph_get_op(g, (uint32_t)b->first, op);
    r0 = root_of(e, mote_graph_op_input(op, 0));
    if (!e[r0].used || e[r0].size == 0) return -1;
    /* Every intermediate written by its operator and read inside the chain
     * only (not a model output: those live to the end). */
    for (i = b->first; i < b->last; i++) {
        int32_t t;
        mote_graph_get_op(g, (uint32_t)i, op);
        t = mote_graph_op_output(op, 0);
        if (!e[t].used || e[t].alias >= 0 || e[t].first != i || e[t].last > b->last) return -1;
    }
    mote_graph_get_op(g, (uint32_t)b->last, op);
    tn = mote_graph_op_output(op, 0);
    if (!e[tn].used || e[tn].alias >= 0 || e[tn].size == 0) return -1;
    /* The input dies in the chain: only chain layers read it (the walk
     * checked the output only covers rows none of them reads again). */
    dies = e[r0].last <= b->last;
    for (i = b->first; i < b->last; i++) {
        int32_t t;
        mote_graph_get_op(g, (uint32_t)i, op);
        t = mote_graph_op_output(op, 0);
        if (i == b->first) {
            e[t].size = b->work_bytes;
            e[t].last = b->last;
        } else {
            e[t].used = 0;
            e[t].size = 0;
        }
    }
    if (e[r0].last < b->last) e[r0].last = b->last;
    e[tn].first = b->first;
    b->overlap = 0;
    if (b->may_overlap && dies && e[tn].size <= e[r0].size) {
        e[tn].alias = (int16_t)r0;
        e[tn].size = 0;
        if (e[tn].last > e[r0].last) e[r0].last = e[tn].last;
        b->overlap = 1;
    }
    return 0;
}
