/* order.c — the execution order with the lowest peak of live bytes; see order.h. */
#include "core/order.h"

#include <string.h>

#include "core/lower.h"
#include "core/steps.h"
#include "core/work.h"
#include "ops/op.h"

#define BIT(k) (1u << (uint32_t)(k))

static int32_t root_of(const mote_plan_entry *e, int32_t t)
{
    while (e[t].alias >= 0)
        t = e[t].alias;
    return t;
}

/* Byte counts saturate instead of wrapping (no plan is 4 GB anyway). */
static uint32_t add_sat(uint32_t a, uint32_t b)
{
    return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

static uint32_t max_u32(uint32_t a, uint32_t b)
{
    return a > b ? a : b;
}

/* The window's buffer of root tensor r, added if new: its index, or -1
 * when the window holds MOTE_ORDER_BUFS already. */
static int32_t buf_of(mote_order_work *w, const mote_plan_entry *e, int32_t r, int32_t producer,
                      int32_t last_op)
{
    uint32_t j;
    for (j = 0; j < w->n_buf; j++)
        if (w->buf[j].tensor == r) return (int32_t)j;
    if (w->n_buf == MOTE_ORDER_BUFS) return -1;
    w->buf[j].size = e[r].size;
    w->buf[j].readers = 0;
    w->buf[j].tensor = (int16_t)r;
    w->buf[j].producer = (int8_t)producer;
    w->buf[j].keep = (uint8_t)(e[r].last > last_op);
    w->n_buf++;
    return (int32_t)j;
}

/* Does operator i touch state kept across invokes (a variable tensor), or
 * is it a control operator? Then it keeps its place among such operators. */
static MOTE_NOINLINE int ordered_op(const mote_graph *g, const mote_graph_op *op,
                                    const mote_op_def *def, const mote_plan_entry *e)
{
    uint32_t k;
    if (def == NULL || (def->flags & MOTE_OPF_CONTROL)) return 1;
    for (k = 0; k < op->n_inputs; k++) {
        int32_t t = mote_graph_op_input(op, k);
        mote_graph_tensor ten;
        /* Only tensors no operator writes can be variables. */
        if (t < 0 || !e[t].used || e[t].offset != 0) continue;
        mote_graph_get_tensor(g, (uint32_t)t, &ten);
        if (ten.is_variable) return 1;
    }
    return 0;
}

/* One operator of the window [a, b]: its predecessors and buffers. 0, or
 * -1 when its buffers do not fit. */
static MOTE_NOINLINE int add_op(const mote_graph *g, const mote_plan_entry *e, mote_order_work *w,
                                uint32_t a, uint32_t b, uint32_t i, int32_t *side)
{
    mote_graph_op op;
    const mote_op_def *def;
    mote_order_op *o = &w->op[i - a];
    uint32_t k, at = i - a;
    mote_graph_get_op(g, i, &op);
    def = mote_op_find_op(&op);
    memset(o, 0, sizeof *o);
    o->inplace = (uint8_t)(def != NULL && (def->flags & MOTE_OPF_INPLACE) && op.n_outputs == 1);
    for (k = 0; k < op.n_inputs; k++) {
        int32_t t = mote_graph_op_input(&op, k), r, j, p;
        if (t < 0 || !e[t].used) continue; /* omitted or constant */
        p = (int32_t)e[t].offset - 1;      /* its writer (-1: none) */
        if (p >= (int32_t)a && p < (int32_t)i) o->preds |= BIT(p - (int32_t)a);
        r = root_of(e, t);
        p = (int32_t)e[r].offset - 1;
        if (e[r].size == 0) continue;
        if (p < (int32_t)a || p > (int32_t)b) {
            if (e[r].last > (int32_t)b) continue; /* live across the window */
            p = -1;
        } else {
            p -= (int32_t)a;
        }
        if ((j = buf_of(w, e, r, p, (int32_t)b)) < 0) return -1;
        w->buf[j].readers |= BIT(at);
    }
    for (k = 0; k < op.n_outputs; k++) {
        int32_t t = mote_graph_op_output(&op, k);
        if (t < 0 || !e[t].used || e[t].alias >= 0 || e[t].size == 0) continue;
        if (buf_of(w, e, t, (int32_t)at, (int32_t)b) < 0) return -1;
    }
    if (ordered_op(g, &op, def, e)) {
        if (*side >= 0) o->preds |= BIT(*side);
        *side = (int32_t)at;
    }
    return 0;
}

/* The kernel scratch operator i needs (a requantization table made at run
 * time is left out: the band chain decides which steps make one). Its own
 * frame: the decoded operator of add_op is not on the stack while
 * lowering runs. */
static MOTE_NOINLINE uint32_t op_scratch(const mote_graph *g, uint32_t i, uint32_t isa,
                                         struct mote_lower_ctx *ctx)
{
    mote_lowered low;
    if (mote_steps_lower(g, i, isa & ~MOTE_LOWER_TABLES_AT_RUN, NULL, NULL, 0, &low, NULL, ctx) !=
        MOTE_OK)
        return 0;
    return low.scratch_bytes;
}

/* Window [a, b] into w: the first operator whose buffers do not fit, or
 * b + 1 when all do. */
static MOTE_NOINLINE uint32_t build(const mote_graph *g, const mote_plan_entry *e,
                                    mote_order_work *w, uint32_t a, uint32_t b, uint32_t isa,
                                    struct mote_lower_ctx *ctx)
{
    uint32_t i, k, j;
    int32_t side = -1;
    w->n_op = b - a + 1;
    w->n_buf = 0;
    for (i = a; i <= b; i++) {
        if (add_op(g, e, w, a, b, i, &side) != 0) return i;
        w->op[i - a].scratch = op_scratch(g, i, isa, ctx);
    }
    for (k = 0; k < w->n_op; k++) {
        uint32_t in = 0, out = 0;
        for (j = 0; j < w->n_buf; j++) {
            if (w->buf[j].readers & BIT(k)) in = add_sat(in, w->buf[j].size);
            if (w->buf[j].producer == (int8_t)k) out = add_sat(out, w->buf[j].size);
        }
        w->op[k].bound = add_sat(add_sat(in, w->op[k].inplace ? 0 : out), w->op[k].scratch);
    }
    return b + 1;
}

/* Operator k run after the operators in `done` with `live` bytes live:
 * bytes live while it runs, and after. */
static uint32_t cost(const mote_order_work *w, uint32_t k, uint32_t done, uint32_t live,
                     uint32_t *after)
{
    uint32_t j, out = 0, freed = 0, out_size = 0, during;
    int over = 0;
    const uint32_t now = done | BIT(k);
    for (j = 0; j < w->n_buf; j++) {
        const mote_order_buf *b = &w->buf[j];
        if (b->producer == (int8_t)k) {
            out = add_sat(out, b->size);
            out_size = b->size;
            if (b->readers == 0 && !b->keep) freed += b->size; /* read by nobody */
        } else if ((b->readers & BIT(k)) && !b->keep && (b->readers & ~now) == 0) {
            freed += b->size; /* its last reader */
        }
    }
    if (w->op[k].inplace && out != 0) /* over a same-sized input dying here */
        for (j = 0; j < w->n_buf && !over; j++) {
            const mote_order_buf *b = &w->buf[j];
            over = b->producer != (int8_t)k && (b->readers & BIT(k)) && !b->keep &&
                   (b->readers & ~now) == 0 && b->size == out_size;
        }
    during = add_sat(add_sat(live, over ? 0 : out), w->op[k].scratch);
    *after = add_sat(live, out);
    *after = *after >= freed ? *after - freed : 0;
    return during;
}

/* Search the window's orders (order.h, step 3); best[] receives the
 * winner. Returns 1 when it is not the model's. */
static MOTE_NOINLINE int search(mote_order_work *w)
{
    const uint32_t n = w->n_op;
    uint32_t k, j, live = 0, peak = 0, best, tries = 0;
    int32_t d;
    int found = 0;
    for (j = 0; j < w->n_buf; j++)
        if (w->buf[j].producer < 0) live = add_sat(live, w->buf[j].size);
    /* The model's order first: the one to beat. */
    w->lv[0].live = live;
    for (k = 0; k < n; k++) {
        uint32_t after;
        peak = max_u32(peak, cost(w, k, k == 0 ? 0 : BIT(k) - 1u, live, &after));
        live = after;
        w->best[k] = (int8_t)k;
    }
    best = peak;
    w->lv[0].done = 0;
    w->lv[0].peak = 0;
    w->lv[0].tried = -1;
    d = 0;
    while (d >= 0) {
        mote_order_level *l = &w->lv[d];
        int32_t pick = -1;
        uint32_t pick_cost = 0, pick_after = 0, p, lb;
        if ((uint32_t)d == n) { /* a whole order, below the best */
            best = l->peak;
            for (k = 0; k < n; k++)
                w->best[k] = w->lv[k].pick;
            found = 1;
            d--;
            continue;
        }
        if (tries >= MOTE_ORDER_BUDGET) break;
        /* The next ready operator by (cost, index) after the last tried. */
        for (k = 0; k < n && l->peak < best; k++) {
            uint32_t c, after;
            if ((l->done & BIT(k)) || (w->op[k].preds & ~l->done) != 0) continue;
            c = cost(w, k, l->done, l->live, &after);
            if (l->tried >= 0 &&
                (c < l->tried_cost || (c == l->tried_cost && (int32_t)k <= l->tried)))
                continue;
            if (pick < 0 || c < pick_cost) {
                pick = (int32_t)k;
                pick_cost = c;
                pick_after = after;
            }
        }
        if (pick < 0) {
            d--;
            continue;
        }
        tries++;
        l->tried = (int8_t)pick;
        l->tried_cost = pick_cost;
        p = max_u32(l->peak, pick_cost);
        if (p >= best) { /* so does every later candidate here */
            d--;
            continue;
        }
        lb = 0;
        for (k = 0; k < n; k++)
            if (!((l->done | BIT(pick)) & BIT(k))) lb = max_u32(lb, w->op[k].bound);
        if (lb >= best) continue;
        l->pick = (int8_t)pick;
        w->lv[d + 1].done = l->done | BIT(pick);
        w->lv[d + 1].live = pick_after;
        w->lv[d + 1].peak = p;
        w->lv[d + 1].tried = -1;
        d++;
    }
    if (!found) return 0;
    for (k = 0; k < n; k++)
        if (w->best[k] != (int8_t)k) return 1;
    return 0;
}

/* Writers: offset = operator + 1 (0: none). */
static MOTE_NOINLINE void mark_writers(const mote_graph *g, mote_plan_entry *e)
{
    uint32_t i, k;
    for (i = 0; i < g->n_ops; i++) {
        mote_graph_op op;
        mote_graph_get_op(g, i, &op);
        for (k = 0; k < op.n_outputs; k++) {
            int32_t t = mote_graph_op_output(&op, k);
            if (t >= 0) e[t].offset = i + 1;
        }
    }
}

/* reach[u]: the last operator reading an output of operator u (u itself
 * when none). */
static MOTE_NOINLINE void mark_reach(const mote_graph *g, const mote_plan_entry *e, int16_t *reach)
{
    uint32_t i, k;
    for (i = 0; i < g->n_ops; i++) {
        mote_graph_op op;
        mote_graph_get_op(g, i, &op);
        for (k = 0; k < op.n_inputs; k++) {
            int32_t t = mote_graph_op_input(&op, k);
            if (t >= 0 && e[t].used && e[t].offset != 0 && reach[e[t].offset - 1] < (int16_t)i)
                reach[e[t].offset - 1] = (int16_t)i;
        }
    }
}

int mote_order_choose(const mote_graph *g, uint32_t isa, mote_plan_entry *e, mote_order_work *w,
                      int16_t *order, struct mote_lower_ctx *ctx)
{
    uint32_t n = g->n_ops, i, k, a;
    int32_t reach;
    int changed = 0;
    for (i = 0; i < n; i++)
        order[i] = (int16_t)i;
    if (g->order != NULL || n < 3 || n > INT16_MAX || g->n_tensors > MOTE_MAX_TENSORS ||
        mote_plan_lifetimes(g, e, NULL) != MOTE_OK)
        return n < 3 ? 0 : -1;
    mark_writers(g, e);
    mark_reach(g, e, order);
    /* Segments (order.h, step 1): q closes one when nothing written before
     * q is read after it. The search writes order[a..q] only after the
     * reach of every operator up to q has been taken. */
    reach = -1;
    a = 0;
    for (i = 0; i < n; i++) {
        int32_t r = order[i];
        uint32_t s;
        if (reach > (int32_t)i && i + 1 < n) {
            if (r > reach) reach = r;
            continue;
        }
        if (r > reach) reach = r;
        /* Segment [a, i], in windows. */
        for (s = a; s <= i;) {
            uint32_t end = i - s + 1 > MOTE_ORDER_OPS ? s + MOTE_ORDER_OPS - 1 : i, stop;
            while ((stop = build(g, e, w, s, end, isa, ctx)) <= end) {
                if (stop <= s) { /* cannot happen: one operator has < 33 tensors */
                    end = s;
                    break;
                }
                end = stop - 1;
            }
            for (k = s; k <= end; k++)
                order[k] = (int16_t)k;
            if (end > s && search(w)) {
                for (k = 0; k <= end - s; k++)
                    order[s + k] = (int16_t)(s + (uint32_t)(uint8_t)w->best[k]);
                changed = 1;
            }
            s = end + 1;
        }
        a = i + 1;
    }
    return changed;
}

uint64_t mote_order_live_peak(const mote_graph *g, mote_plan_entry *e)
{
    uint64_t peak = 0;
    uint32_t s, i;
    if (g->n_tensors > MOTE_MAX_TENSORS || mote_plan_lifetimes(g, e, NULL) != MOTE_OK) return 0;
    for (s = 0; s <= g->n_ops; s++) {
        uint64_t live = 0;
        for (i = 0; i < g->n_tensors; i++)
            if (e[i].used && e[i].alias < 0 && e[i].first <= (int32_t)s && (int32_t)s <= e[i].last)
                live += e[i].size;
        if (live > peak) peak = live;
    }
    return peak;
}
