/*
 * plan.c — lifetimes, in-place RESHAPE and greedy-by-size placement; see
 * plan.h for the algorithm.
 */
#include "core/plan.h"

#include <string.h>

#include "base/error.h"
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

static mote_status lifetimes(const mote_graph *g, mote_plan_entry *e, mote_error *err)
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
        mote_graph_tensor ten;
        /* A constant lives in the model bytes (flash): the application
         * would write its input there. */
        mote_graph_get_tensor(g, (uint32_t)t, &ten);
        if (ten.data != NULL)
            return mote_error_set(err, MOTE_E_GRAPH, -1, t, 0,
                                  "model input tensor %d is a constant", (int)t);
        e[t].first = 0;
        e[t].last = 0;
        e[t].used = 1;
    }
    for (i = 0; i < g->n_ops; i++) {
        mote_graph_op op;
        mote_graph_get_op(g, i, &op);
        for (k = 0; k < op.n_inputs; k++) {
            int32_t t = mote_graph_op_input(&op, k);
            mote_graph_tensor ten;
            if (t < 0) continue;
            mote_graph_get_tensor(g, (uint32_t)t, &ten);
            if (ten.data != NULL) continue;
            if (e[t].first > (int32_t)i)
                return mote_error_set(err, MOTE_E_GRAPH, (int32_t)i, t, 0,
                                      "operator %u reads tensor %d before any operator writes "
                                      "it (a cycle, or a missing producer)",
                                      (unsigned)i, (int)t);
            e[t].last = (int16_t)i;
            e[t].used = 1;
        }
        for (k = 0; k < op.n_outputs; k++) {
            int32_t t = mote_graph_op_output(&op, k);
            mote_graph_tensor ten;
            if (t < 0)
                return mote_error_set(err, MOTE_E_GRAPH, (int32_t)i, -1, 0,
                                      "operator %u has an omitted output", (unsigned)i);
            mote_graph_get_tensor(g, (uint32_t)t, &ten);
            if (ten.data != NULL || e[t].first != INT16_MAX)
                return mote_error_set(
                    err, MOTE_E_GRAPH, (int32_t)i, t, 0,
                    "operator %u writes tensor %d, which is %s", (unsigned)i, (int)t,
                    ten.data != NULL ? "a constant"
                                     : "already written (a model input or another "
                                       "operator's output)");
            if (ten.bytes > UINT32_MAX)
                return mote_error_set(err, MOTE_E_LIMIT, (int32_t)i, t, 0,
                                      "tensor %d needs more than 4 GB", (int)t);
            e[t].first = (int16_t)i;
            e[t].last = (int16_t)i;
            e[t].used = 1;
        }
    }
    for (k = 0; k < g->n_outputs; k++) {
        int32_t t = mote_graph_output(g, k);
        mote_graph_tensor ten;
        mote_graph_get_tensor(g, (uint32_t)t, &ten);
        /* Outputs are promised inside the arena (mote.h); a constant is not. */
        if (ten.data != NULL)
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
        mote_graph_tensor ten;
        if (!e[i].used) continue;
        mote_graph_get_tensor(g, i, &ten);
        if (ten.data != NULL) {
            e[i].used = 0;
            continue;
        }
        if (ten.bytes > UINT32_MAX - MOTE_ARENA_ALIGN)
            return mote_error_set(err, MOTE_E_LIMIT, -1, (int32_t)i, 0,
                                  "tensor %u needs more than 4 GB", (unsigned)i);
        e[i].size = (uint32_t)ten.bytes;
    }
    return MOTE_OK;
}

/* Outputs of operators that only reinterpret bytes (MOTE_OPF_ALIAS in
 * ops.def: RESHAPE) share their (non-constant) input's buffer. */
static void share_aliases(const mote_graph *g, mote_plan_entry *e)
{
    uint32_t i;
    for (i = 0; i < g->n_ops; i++) {
        mote_graph_op op;
        int32_t in, out, root;
        const mote_op_def *def;
        mote_graph_get_op(g, i, &op);
        def = mote_op_find(op.code);
        if (def == NULL || !(def->flags & MOTE_OPF_ALIAS) || op.n_inputs < 1 || op.n_outputs != 1)
            continue;
        in = mote_graph_op_input(&op, 0);
        out = mote_graph_op_output(&op, 0);
        if (in < 0 || out < 0 || !e[in].used || !e[out].used) continue;
        root = root_of(e, in);
        if (e[out].size != e[root].size) continue;
        e[out].alias = (int16_t)root;
        e[out].size = 0;
        if (e[out].last > e[root].last) e[root].last = e[out].last;
    }
}

static int overlap_life(const mote_plan_entry *a, const mote_plan_entry *b)
{
    return a->first <= b->last && b->first <= a->last;
}

/* Is a placed before b in greedy order? */
static int before(const mote_plan_entry *e, uint32_t a, uint32_t b)
{
    if (e[a].size != e[b].size) return e[a].size > e[b].size;
    if (e[a].first != e[b].first) return e[a].first < e[b].first;
    return a < b;
}

mote_status mote_plan_build(const mote_graph *g, mote_plan_entry *e, size_t *total, mote_error *err)
{
    uint32_t n = g->n_tensors, i, j;
    uint64_t end = 0;
    mote_status s;

    *total = 0;
    if (n > MOTE_MAX_TENSORS)
        return mote_error_set(err, MOTE_E_LIMIT, -1, -1, 0,
                              "model has %u tensors; this build allows %d (MOTE_MAX_TENSORS)",
                              (unsigned)n, MOTE_MAX_TENSORS);
    if (g->n_ops >= INT16_MAX)
        return mote_error_set(err, MOTE_E_LIMIT, -1, -1, 0, "too many operators");
    if ((s = lifetimes(g, e, err)) != MOTE_OK) return s;
    share_aliases(g, e);

    /* Place buffers one by one in greedy order: each round picks the
     * largest unplaced buffer (O(n^2) overall, no sort buffer needed). The
     * `used` field doubles as the "placed" mark: 2 once placed. */
    for (;;) {
        int32_t pick = -1;
        uint64_t off = 0;
        int moved;
        for (i = 0; i < n; i++) {
            if (e[i].used != 1 || e[i].alias >= 0 || e[i].size == 0) continue;
            if (pick < 0 || before(e, i, (uint32_t)pick)) pick = (int32_t)i;
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
        if (ALIGN_UP(off + e[pick].size) > UINT32_MAX)
            return mote_error_set(err, MOTE_E_OVERFLOW, -1, pick, 0,
                                  "activations need more than 4 GB");
        e[pick].offset = (uint32_t)off;
        e[pick].used = 2;
        if (off + e[pick].size > end) end = off + e[pick].size;
    }
    /* Aliases take their root's offset; restore the used marks. */
    for (i = 0; i < n; i++) {
        if (e[i].alias >= 0) e[i].offset = e[root_of(e, (int32_t)i)].offset;
        if (e[i].used == 2) e[i].used = 1;
    }
    *total = (size_t)ALIGN_UP(end);
    return MOTE_OK;
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
