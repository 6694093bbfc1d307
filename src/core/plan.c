/*
 * plan.c — lifetimes, in-place RESHAPE and greedy-by-size placement; see
 * plan.h for the algorithm.
 */
#include "core/plan.h"

#include <string.h>

#include "mote/mote.h"
#include "base/error.h"
#include "core/band.h"
#include "core/work.h"
#include "kernels/kernel_table.h"
#include "ops/op.h"

#define ALIGN_UP(x) (((x) + (MOTE_ARENA_ALIGN - 1)) & ~(uint64_t)(MOTE_ARENA_ALIGN - 1))

static int32_t root_of(const mote_plan_entry *e, int32_t t)
{
    /* Alias chains are short (one per consecutive RESHAPE) and acyclic:
     * an alias always points at an earlier-produced tensor. */
    while (e[t].alias >= 0)
        t = e[t].alias;
    return t;
}

/* op and ten: records to read the graph into (the planner's are in its
 * work memory, not in this frame: loading's stack). */
static mote_status lifetimes(const mote_graph *g, mote_plan_entry *e, mote_graph_op *op,
                             mote_graph_tensor *ten, mote_error *err)
{
    uint32_t i, k;
    for (i = 0; i < g->n_tensors; i++) {
        e[i].size = 0;
        e[i].first = INT16_MAX;
        e[i].last = -1;
        e[i].alias = -1;
        e[i].used = 0;
        e[i].offset = 0;
    }
    for (k = 0; k < g->n_inputs; k++) {
        int32_t t = mote_graph_input(g, k);
        /* A constant lives in the model bytes (flash): the application
         * would write its input there. */
        mote_graph_get_tensor(g, (uint32_t)t, ten);
        if (ten->data != NULL)
            return mote_error_set(err, MOTE_E_GRAPH, -1, t, 0,
                                  "model input tensor %d is a constant", (int)t);
        e[t].first = 0;
        e[t].last = 0;
        e[t].used = 1;
    }
    /* Variable tensors (operator state: SVDF, LSTM) live from before the
     * first operator to after the last, never shared: they keep their bytes
     * across invokes. An operator writing one as an output is refused below
     * ("already written"). */
    for (i = 0; i < g->n_tensors; i++) {
        mote_graph_get_tensor(g, i, ten);
        if (!ten->is_variable) continue;
        e[i].first = 0;
        e[i].used = 1;
    }
    for (i = 0; i < g->n_ops; i++) {
        mote_graph_get_op(g, i, op);
        for (k = 0; k < op->n_inputs; k++) {
            int32_t t = mote_graph_op_input(op, k);
            if (t < 0) continue;
            mote_graph_get_tensor(g, (uint32_t)t, ten);
            if (ten->data != NULL) continue;
            if (e[t].first > (int32_t)i)
                return mote_error_set(err, MOTE_E_GRAPH, (int32_t)i, t, 0,
                                      "operator %u reads tensor %d before any operator writes "
                                      "it (a cycle, or a missing producer)",
                                      (unsigned)i, (int)t);
            e[t].last = (int16_t)i;
            e[t].used = 1;
        }
        for (k = 0; k < op->n_outputs; k++) {
            int32_t t = mote_graph_op_output(op, k);
            if (t < 0)
                return mote_error_set(err, MOTE_E_GRAPH, (int32_t)i, -1, 0,
                                      "operator %u has an omitted output", (unsigned)i);
            mote_graph_get_tensor(g, (uint32_t)t, ten);
            if (ten->data != NULL || e[t].first != INT16_MAX)
                return mote_error_set(
                    err, MOTE_E_GRAPH, (int32_t)i, t, 0,
                    "operator %u writes tensor %d, which is %s", (unsigned)i, (int)t,
                    ten->data != NULL ? "a constant"
                                      : "already written (a model input or another "
                                        "operator's output)");
            if (ten->bytes > UINT32_MAX)
                return mote_error_set(err, MOTE_E_LIMIT, (int32_t)i, t, 0,
                                      "tensor %d needs more than 4 GB", (int)t);
            e[t].first = (int16_t)i;
            e[t].last = (int16_t)i;
            e[t].used = 1;
        }
    }
    for (i = 0; i < g->n_tensors; i++) {
        mote_graph_get_tensor(g, i, ten);
        if (ten->is_variable) e[i].last = (int16_t)g->n_ops;
    }
    for (k = 0; k < g->n_outputs; k++) {
        int32_t t = mote_graph_output(g, k);
        mote_graph_get_tensor(g, (uint32_t)t, ten);
        /* Outputs are promised inside the arena (mote.h); a constant is not. */
        if (ten->data != NULL)
            return mote_error_set(err, MOTE_E_GRAPH, -1, t, 0,
                                  "model output tensor %d is a constant", (int)t);
        if (e[t].first == INT16_MAX)
            return mote_error_set(err, MOTE_E_GRAPH, -1, t, 0,
                                  "model output tensor %d is never written", (int)t);
        e[t].last = (int16_t)g->n_ops;
        e[t].used = 1;
    }
    /* Sizes of every non-constant tensor that takes part. */
    for (i = 0; i < g->n_tensors; i++) {
        if (!e[i].used) continue;
        mote_graph_get_tensor(g, i, ten);
        if (ten->data != NULL) {
            e[i].used = 0;
            continue;
        }
        if (ten->bytes > UINT32_MAX - MOTE_ARENA_ALIGN)
            return mote_error_set(err, MOTE_E_LIMIT, -1, (int32_t)i, 0,
                                  "tensor %u needs more than 4 GB", (unsigned)i);
        e[i].size = (uint32_t)ten->bytes;
    }
    return MOTE_OK;
}

/* Outputs of operators that only reinterpret bytes (MOTE_OPF_ALIAS in
 * ops.def: RESHAPE) share their (non-constant) input's buffer. */
static void share_aliases(const mote_graph *g, mote_plan_entry *e, mote_graph_op *op)
{
    uint32_t i;
    for (i = 0; i < g->n_ops; i++) {
        int32_t in, out, root;
        const mote_op_def *def;
        mote_graph_get_op(g, i, op);
        def = mote_op_find(op->code);
        if (def == NULL || !(def->flags & MOTE_OPF_ALIAS) || op->n_inputs < 1 || op->n_outputs != 1)
            continue;
        in = mote_graph_op_input(op, 0);
        out = mote_graph_op_output(op, 0);
        if (in < 0 || out < 0 || !e[in].used || !e[out].used) continue;
        root = root_of(e, in);
        if (e[out].size != e[root].size) continue;
        e[out].alias = (int16_t)root;
        e[out].size = 0;
        if (e[out].last > e[root].last) e[root].last = e[out].last;
    }
}

mote_status mote_plan_lifetimes(const mote_graph *g, mote_plan_entry *e, mote_error *err)
{
    mote_graph_op op;
    mote_graph_tensor ten;
    mote_status s = lifetimes(g, e, &op, &ten, err);
    if (s == MOTE_OK) share_aliases(g, e, &op);
    return s;
}

/* Ring bytes an in-place windowed operator (MOTE_OPF_INPLACE_ROWS) needs,
 * or 0 when op cannot write its output over input 0 row by row: int8
 * activations (batch 1) with the same row (width and channels) and no more
 * rows, stride 1 along rows, an int8 constant filter: the case the
 * reference rows handle (kernel_table.h, mote_inplace_ring_rows; the
 * padding on top as lowering computes it, ops/op_conv_util.c). */
static uint32_t rows_ring(const mote_graph *g, const mote_graph_op *op, mote_graph_tensor *tr)
{
    /* One tensor record at a time, in *tr (the planner's work, or the
     * caller's frame): the planner's stack stays small. */
    int32_t t0, t1, to, d, pad, dims[4], kh;
    if (op->n_inputs < 2 || op->n_outputs != 1) return 0;
    t0 = mote_graph_op_input(op, 0);
    t1 = mote_graph_op_input(op, 1);
    to = mote_graph_op_output(op, 0);
    if (t0 < 0 || t1 < 0 || to < 0) return 0;
    mote_graph_get_tensor(g, (uint32_t)t1, tr);
    if (tr->data == NULL || tr->type != MOTE_INT8 || tr->rank != 4) return 0;
    kh = tr->dims[1];
    mote_graph_get_tensor(g, (uint32_t)t0, tr);
    if (tr->data != NULL || tr->type != MOTE_INT8 || tr->rank != 4 || tr->dims[0] != 1) return 0;
    for (d = 0; d < 4; d++)
        dims[d] = tr->dims[d];
    mote_graph_get_tensor(g, (uint32_t)to, tr);
    if (tr->type != MOTE_INT8 || tr->rank != 4) return 0;
    for (d = 0; d < 4; d++)
        if (tr->dims[d] < 1 || (d == 1 ? tr->dims[d] > dims[d] : tr->dims[d] != dims[d])) return 0;
    if ((pad = mote_conv_rows_pad(op, kh, dims[1], tr->dims[1])) < 0) return 0;
    return (uint32_t)mote_inplace_ring_rows(tr->dims[1], pad) * (uint32_t)dims[2] *
           (uint32_t)dims[3];
}

#define OPBIT(m, i) ((m)[(i) >> 5] & (1u << ((i)&31u)))

/* In-place operators: output 0 takes over the buffer of a non-constant
 * input of the same size whose buffer (with every alias of it) is last read
 * by this operator. Element-wise operators (MOTE_OPF_INPLACE) may take any
 * such input; windowed ones (MOTE_OPF_INPLACE_ROWS, see rows_ring) input 0,
 * unless their bit is set in `off`; `on` receives the bits of those done.
 * Runs after share_aliases and in operator order, so a root's `last`
 * already covers every alias made so far: reads of a tensor sharing the
 * buffer at a later operator keep it from being overwritten here. */
static void share_inplace(const mote_graph *g, mote_plan_entry *e, const uint32_t *off,
                          uint32_t *on, const mote_band *b, mote_plan_work *w)
{
    mote_graph_op *op = &w->band.op; /* in w, not in this frame */
    uint32_t i, k;
    for (i = 0; i < g->n_ops; i++) {
        int32_t out;
        uint32_t n_in;
        const mote_op_def *def;
        mote_graph_get_op(g, i, op);
        def = mote_op_find(op->code);
        /* A bit in `off`: left out; in b's chain: run band by band
         * (core/band.h). */
        if (def == NULL || op->n_outputs != 1 || OPBIT(off, i) ||
            (b->first >= 0 && (int32_t)i >= b->first && (int32_t)i <= b->last))
            continue;
        if (def->flags & MOTE_OPF_INPLACE)
            n_in = op->n_inputs;
        else if ((def->flags & MOTE_OPF_INPLACE_ROWS) && rows_ring(g, op, &w->band.ten) != 0)
            n_in = 1;
        else
            continue;
        out = mote_graph_op_output(op, 0);
        if (out < 0 || !e[out].used || e[out].alias >= 0 || e[out].size == 0) continue;
        for (k = 0; k < n_in; k++) {
            int32_t in = mote_graph_op_input(op, k), root;
            if (in < 0 || !e[in].used) continue; /* omitted or constant */
            root = root_of(e, in);
            /* Element-wise: the same size; row by row: no larger (rows_ring). */
            if (root == out || e[root].last != (int32_t)i ||
                (def->flags & MOTE_OPF_INPLACE ? e[root].size != e[out].size
                                               : e[root].size < e[out].size))
                continue;
            e[out].alias = (int16_t)root;
            e[out].size = 0;
            if (e[out].last > e[root].last) e[root].last = e[out].last;
            if (!(def->flags & MOTE_OPF_INPLACE)) on[i >> 5] |= 1u << (i & 31u);
            break;
        }
    }
}

/* Largest sum of buffers live at one operator, with the rings of the
 * windowed operators done in place (bits in `on`). */
static uint64_t live_peak(const mote_graph *g, const mote_plan_entry *e, const uint32_t *on,
                          mote_plan_work *w)
{
    uint64_t peak = 0;
    uint32_t i, s;
    for (s = 0; s <= g->n_ops; s++) {
        uint64_t live = 0;
        for (i = 0; i < g->n_tensors; i++)
            if (e[i].used && e[i].size && e[i].first <= (int32_t)s && (int32_t)s <= e[i].last)
                live += e[i].size;
        if (s < g->n_ops && OPBIT(on, s)) {
            mote_graph_get_op(g, s, &w->band.op);
            live += rows_ring(g, &w->band.op, &w->band.ten);
        }
        if (live > peak) peak = live;
    }
    return peak;
}

/* Lifetimes, RESHAPE aliases, the band chain b (when b->first >= 0:
 * plan_band.c) and in place (windowed operators with a bit in `off` left
 * out; the chain's operators never run in place). */
static mote_status share(const mote_graph *g, mote_plan_entry *e, const uint32_t *off, uint32_t *on,
                         mote_band *b, mote_plan_work *w, mote_error *err)
{
    mote_status s;
    memset(on, 0, MOTE_PLAN_OPSET_WORDS * sizeof *on);
    if ((s = lifetimes(g, e, &w->band.op, &w->band.ten, err)) != MOTE_OK) return s;
    share_aliases(g, e, &w->band.op);
    if (b->first >= 0 && (mote_bands == NULL || mote_bands->apply(g, e, b, &w->band) != 0))
        return MOTE_E_STATE;
    share_inplace(g, e, off, on, b, w);
    return MOTE_OK;
}

/* Which windowed operators run in place: all that can, then each one is
 * left out again (in operator order) unless that raises the live peak
 * (rings included): in place they run on the reference row, so only where
 * they lower the peak. Leaves e planned with the chosen set. */
static mote_status choose_inplace(const mote_graph *g, mote_plan_entry *e, mote_band *b,
                                  mote_plan_work *w, mote_error *err)
{
    uint32_t *off = w->off, *on = w->on, *all = w->all;
    uint64_t best;
    uint32_t i;
    int changed = 0;
    mote_status s;
    memset(off, 0, sizeof w->off);
    if ((s = share(g, e, off, all, b, w, err)) != MOTE_OK) return s;
    best = live_peak(g, e, all, w);
    for (i = 0; i < g->n_ops; i++) {
        uint64_t peak;
        if (!OPBIT(all, i)) continue;
        off[i >> 5] |= 1u << (i & 31u);
        if ((s = share(g, e, off, on, b, w, err)) != MOTE_OK) return s;
        peak = live_peak(g, e, on, w);
        changed = 1;
        if (peak <= best)
            best = peak;
        else
            off[i >> 5] &= ~(1u << (i & 31u));
    }
    if (changed) return share(g, e, off, on, b, w, err);
    return MOTE_OK;
}

static int overlap_life(const mote_plan_entry *a, const mote_plan_entry *b)
{
    return a->first <= b->last && b->first <= a->last;
}

/* Placement orders the planner tries (plan.h, step 3). */
enum { ORDER_SIZE, ORDER_FIRST_USE, ORDER_LIFETIME, ORDER_COUNT };

/* Is a placed before b in this order? Every order ends in the tensor index,
 * so each is a strict total order and the plan is deterministic. */
static int before(const mote_plan_entry *e, uint32_t a, uint32_t b, int order)
{
    int32_t la = e[a].last - e[a].first, lb = e[b].last - e[b].first;
    if (order == ORDER_FIRST_USE && e[a].first != e[b].first) return e[a].first < e[b].first;
    if (order == ORDER_LIFETIME && la != lb) return la > lb;
    if (e[a].size != e[b].size) return e[a].size > e[b].size;
    if (e[a].first != e[b].first) return e[a].first < e[b].first;
    return a < b;
}

/* Place every buffer in the given order, first fit; *end receives the
 * highest byte used. Offsets are overwritten, so orders can be tried one
 * after another without a second table (the planner's stack stays one
 * entry per tensor, in the caller's array). */
static mote_status place(mote_plan_entry *e, uint32_t n, int order, uint64_t *end, mote_error *err)
{
    uint32_t i, j;
    *end = 0;
    /* Place buffers one by one: each round picks the first unplaced buffer
     * in the order (O(n^2) overall, no sort buffer needed). The `used`
     * field doubles as the "placed" mark: 2 once placed. */
    for (;;) {
        int32_t pick = -1;
        uint64_t off = 0;
        int moved;
        for (i = 0; i < n; i++) {
            if (e[i].used != 1 || e[i].alias >= 0 || e[i].size == 0) continue;
            if (pick < 0 || before(e, i, (uint32_t)pick, order)) pick = (int32_t)i;
        }
        if (pick < 0) break;
        /* First fit: bump past any placed, live-overlapping buffer in the
         * way until a full pass moves nothing. */
        do {
            moved = 0;
            for (j = 0; j < n; j++) {
                if (e[j].used != 2 || !overlap_life(&e[j], &e[pick])) continue;
                if (off < (uint64_t)e[j].offset + e[j].size && e[j].offset < off + e[pick].size) {
                    off = ALIGN_UP((uint64_t)e[j].offset + e[j].size);
                    moved = 1;
                }
            }
        } while (moved);
        /* Aligned end included: the total must fit a 32-bit size_t too. */
        if (ALIGN_UP(off + e[pick].size) > UINT32_MAX) {
            for (i = 0; i < n; i++)
                if (e[i].used == 2) e[i].used = 1;
            return mote_error_set(err, MOTE_E_OVERFLOW, -1, pick, 0,
                                  "activations need more than 4 GB");
        }
        e[pick].offset = (uint32_t)off;
        e[pick].used = 2;
        if (off + e[pick].size > *end) *end = off + e[pick].size;
    }
    /* Restore the used marks. */
    for (i = 0; i < n; i++)
        if (e[i].used == 2) e[i].used = 1;
    return MOTE_OK;
}

/* In place and placement with band b (b->first < 0: none); *total the
 * aligned activation end. */
static mote_status plan_with(const mote_graph *g, mote_plan_entry *e, mote_band *b, size_t *total,
                             mote_plan_work *w, mote_error *err)
{
    uint32_t n = g->n_tensors, i;
    uint64_t end = 0, best_end = 0;
    int order, best = ORDER_SIZE;
    mote_status s;

    if ((s = choose_inplace(g, e, b, w, err)) != MOTE_OK) return s;
    /* Greedy first fit in each order; keep the first that ends lowest
     * (greedy by size comes first, so no plan is ever larger than it). */
    for (order = 0; order < ORDER_COUNT; order++) {
        if ((s = place(e, n, order, &end, err)) != MOTE_OK) return s;
        if (order == 0 || ALIGN_UP(end) < ALIGN_UP(best_end)) {
            best = order;
            best_end = end;
        }
    }
    if (best != ORDER_COUNT - 1 && (s = place(e, n, best, &end, err)) != MOTE_OK) return s;
    /* Aliases take their root's offset. */
    for (i = 0; i < n; i++)
        if (e[i].alias >= 0) e[i].offset = e[root_of(e, (int32_t)i)].offset;
    *total = (size_t)ALIGN_UP(end);
    return MOTE_OK;
}

/* The operator where the most bytes are live in plan e: a band chain can
 * only lower the peak by covering it. */
static MOTE_NOINLINE uint32_t peak_op(const mote_graph *g, const mote_plan_entry *e)
{
    uint64_t peak = 0;
    uint32_t i, s, at = 0;
    for (s = 0; s < g->n_ops; s++) {
        uint64_t live = 0;
        for (i = 0; i < g->n_tensors; i++)
            if (e[i].used && e[i].size && e[i].first <= (int32_t)s && (int32_t)s <= e[i].last)
                live += e[i].size;
        if (live > peak) {
            peak = live;
            at = s;
        }
    }
    return at;
}

mote_status mote_plan_build_in(const mote_graph *g, uint32_t flags, mote_plan_entry *e,
                               size_t *total, mote_band *band, mote_plan_work *w, mote_error *err)
{
    /* The best chain so far is kept in *band (first < 0: none), the one
     * tried in cand: few locals, as the planner runs under loading's
     * stack (issue #10). */
    mote_band cand;
    size_t without = 0, t = 0, best_total;
    uint32_t p, a, b;
    mote_status s;

    *total = 0;
    band->first = band->last = band->work = -1;
    band->may_overlap = band->overlap = 0;
    band->work_bytes = band->without = band->bands = 0;
    if (g->n_tensors > MOTE_MAX_TENSORS)
        return mote_error_set(err, MOTE_E_LIMIT, -1, -1, 0,
                              "model has %u tensors; this build allows %d (MOTE_MAX_TENSORS)",
                              (unsigned)g->n_tensors, MOTE_MAX_TENSORS);
    if (g->n_ops >= INT16_MAX)
        return mote_error_set(err, MOTE_E_LIMIT, -1, -1, 0, "too many operators");
    if ((s = plan_with(g, e, band, &without, w, err)) != MOTE_OK) return s;
    *total = without;
    band->without = (uint32_t)without;
    /* Without band execution in this build (core/band.h, mote_bands):
     * planned as with MOTE_PLAN_NO_PATCH. */
    if ((flags & MOTE_PLAN_NO_PATCH) || g->n_ops < 2 || mote_bands == NULL) return MOTE_OK;
    /* Band chains through the peak operator, each planned in full; the
     * lowest strictly below the plan without bands wins (ties: the
     * earlier, shorter chain). */
    best_total = without;
    p = peak_op(g, e);
    for (a = p >= MOTE_BAND_MAX_OPS - 1 ? p - (MOTE_BAND_MAX_OPS - 1) : 0; a <= p; a++)
        for (b = a + 1 > p ? a + 1 : p; b < g->n_ops && b - a < MOTE_BAND_MAX_OPS; b++) {
            if (!mote_bands->make(g, a, b, &cand, &w->band)) continue;
            if (plan_with(g, e, &cand, &t, w, NULL) != MOTE_OK) continue;
            if (t < best_total) {
                *band = cand;
                best_total = t;
            }
        }
    /* Room the plan leaves beside the windows goes to window 1, a row at
     * a time while the activations stay as low (plan_band.c,
     * mote_plan_band_room). In this frame: plan_with is the planner's
     * deepest call (issue #10: loading within 1 KB of stack). */
    for (a = 1; band->first >= 0 && mote_bands->room != NULL && a <= MOTE_BAND_ROOM_ROWS; a++) {
        cand = *band;
        if ((cand.work_bytes = mote_bands->room(g, band, &w->band, a)) == 0 ||
            plan_with(g, e, &cand, &t, w, NULL) != MOTE_OK || t != best_total)
            break;
        band->work_bytes = cand.work_bytes;
    }
    if ((s = plan_with(g, e, band, total, w, err)) != MOTE_OK) return s;
    band->without = (uint32_t)without;
    return MOTE_OK;
}

mote_status mote_plan_build_opts(const mote_graph *g, uint32_t flags, mote_plan_entry *e,
                                 size_t *total, mote_band *band, mote_error *err)
{
    mote_plan_work w;
    return mote_plan_build_in(g, flags, e, total, band, &w, err);
}

mote_status mote_plan_build(const mote_graph *g, mote_plan_entry *e, size_t *total, mote_error *err)
{
    mote_band none;
    return mote_plan_build_opts(g, MOTE_PLAN_NO_PATCH, e, total, &none, err);
}

mote_status mote_plan_scratch(const mote_plan_entry *e, uint32_t n, uint32_t step, uint32_t size,
                              uint32_t *offset)
{
    uint64_t off = 0;
    uint32_t j;
    int moved;
    /* First fit among the buffers live while the step runs, as the greedy
     * placement does: bump past any in the way until nothing moves. */
    do {
        moved = 0;
        for (j = 0; j < n; j++) {
            if (!e[j].used || e[j].size == 0 || e[j].alias >= 0) continue;
            if (e[j].first > (int32_t)step || e[j].last < (int32_t)step) continue;
            if (off < (uint64_t)e[j].offset + e[j].size && e[j].offset < off + size) {
                off = ALIGN_UP((uint64_t)e[j].offset + e[j].size);
                moved = 1;
            }
        }
    } while (moved);
    if (ALIGN_UP(off + size) > UINT32_MAX) return MOTE_E_OVERFLOW;
    *offset = (uint32_t)off;
    return MOTE_OK;
}

mote_status mote_plan_check(const mote_plan_entry *e, uint32_t n, size_t total)
{
    uint32_t i, j;
    for (i = 0; i < n; i++) {
        if (!e[i].used || e[i].size == 0) continue;
        if (e[i].offset % MOTE_ARENA_ALIGN != 0 || (uint64_t)e[i].offset + e[i].size > total)
            return MOTE_E_GRAPH;
        for (j = i + 1; j < n; j++) {
            if (!e[j].used || e[j].size == 0 || !overlap_life(&e[i], &e[j])) continue;
            if (e[i].offset < e[j].offset + e[j].size && e[j].offset < e[i].offset + e[i].size)
                return MOTE_E_GRAPH;
        }
    }
    return MOTE_OK;
}

uint32_t mote_plan_rows_ring(const mote_graph *g, uint32_t i)
{
    mote_graph_tensor t;
    mote_graph_op op;
    const mote_op_def *def;
    if (i >= g->n_ops || mote_graph_get_op(g, i, &op) != MOTE_OK) return 0;
    def = mote_op_find(op.code);
    if (def == NULL || !(def->flags & MOTE_OPF_INPLACE_ROWS) || op.n_outputs != 1) return 0;
    return rows_ring(g, &op, &t);
}

uint32_t mote_plan_inplace_rows(const mote_graph *g, const mote_plan_entry *e, uint32_t i)
{
    mote_graph_tensor t;
    mote_graph_op op;
    return mote_plan_inplace_rows_in(g, e, i, &op, &t);
}

uint32_t mote_plan_inplace_rows_in(const mote_graph *g, const mote_plan_entry *e, uint32_t i,
                                   mote_graph_op *op, mote_graph_tensor *t)
{
    const mote_op_def *def;
    int32_t out, in;
    if (i >= g->n_ops || mote_graph_get_op(g, i, op) != MOTE_OK) return 0;
    def = mote_op_find(op->code);
    if (def == NULL || !(def->flags & MOTE_OPF_INPLACE_ROWS) || op->n_outputs != 1) return 0;
    out = mote_graph_op_output(op, 0);
    in = mote_graph_op_input(op, 0);
    /* In place means over its own input 0 (a band chain's output may share
     * the chain's input instead: plan_band.c). */
    if (out < 0 || (uint32_t)out >= g->n_tensors || e[out].alias < 0 || in < 0 ||
        (uint32_t)in >= g->n_tensors || e[out].alias != root_of(e, in))
        return 0;
    return rows_ring(g, op, t);
}
