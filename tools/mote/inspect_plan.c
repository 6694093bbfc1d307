/* inspect_plan.c — `mote inspect --plan`: where each activation tensor
 * lives in the arena, from the runtime's own planner (src/core/plan.c), so
 * a user can see what dominates RAM. */
#include <stdio.h>

#include "cli.h"
#include "core/order.h"
#include "core/plan.h"
#include "escape.h"
#include "inspect_plan.h"

const mote_graph *inspect_exec_graph(const mote_model *m, const int16_t **order)
{
    static mote_plan_entry work[MOTE_MAX_TENSORS];
    static int16_t ord[MOTE_MAX_OPS];
    static mote_order_work ow;
    static mote_graph view;
    if (m == NULL || mote_model_exec_view(m, work, &ow, ord, &view) != MOTE_OK) return NULL;
    if (order != NULL) *order = ord;
    return &view;
}

int inspect_order_info(const mote_model *m, const mote_model *model_order,
                       const mote_model *forced, inspect_order *o)
{
    static mote_plan_entry work[MOTE_MAX_TENSORS];
    const int16_t *order;
    const mote_graph *g;
    uint32_t i;
    o->found = 0;
    if (forced != NULL && !(m->plan_flags & MOTE_PLAN_REORDERED) &&
        (forced->plan_flags & MOTE_PLAN_REORDERED) &&
        (g = inspect_exec_graph(forced, &order)) != NULL) {
        o->found = 1;
        for (i = 0; i < g->n_ops; i++)
            o->found_order[i] = order[i];
        o->found_peak = (unsigned long)mote_order_live_peak(g, work);
        o->found_acts =
            (unsigned long)(mote_model_arena_size(forced) - mote_model_state_size(forced));
        o->found_arena = (unsigned long)mote_model_arena_size(forced);
    }
    g = inspect_exec_graph(m, &order);
    if (g == NULL) {
        cli_error("inspect: cannot rebuild the execution order");
        return 1;
    }
    o->enabled = !(m->plan_flags & MOTE_PLAN_NO_REORDER);
    o->used = (m->plan_flags & MOTE_PLAN_REORDERED) != 0;
    o->n = g->n_ops;
    for (i = 0; i < g->n_ops; i++)
        o->order[i] = order[i];
    o->peak = (unsigned long)mote_order_live_peak(g, work);
    o->peak_model = (unsigned long)mote_order_live_peak(mote_model_graph(m), work);
    o->acts = (unsigned long)(mote_model_arena_size(m) - mote_model_state_size(m));
    o->arena = (unsigned long)mote_model_arena_size(m);
    if (model_order == NULL) model_order = m;
    o->acts_model =
        (unsigned long)(mote_model_arena_size(model_order) - mote_model_state_size(model_order));
    o->arena_model = (unsigned long)mote_model_arena_size(model_order);
    return 0;
}

void inspect_print_order(const inspect_order *o)
{
    uint32_t i;
    if (!o->enabled) {
        printf("order: off (--no-reorder), the model's; live peak %lu\n", o->peak);
        return;
    }
    if (!o->used && !o->found) {
        printf("order: on, the model's (no order has a lower live peak); live peak %lu, "
               "activations %lu\n",
               o->peak, o->acts);
        return;
    }
    if (!o->used) {
        printf("order: on, the model's (no other order plans smaller); live peak %lu, "
               "activations %lu; the search's order (live peak %lu, activations %lu, arena "
               "%lu) runs",
               o->peak, o->acts, o->found_peak, o->found_acts, o->found_arena);
        for (i = 0; i < o->n; i++)
            printf(" %d", (int)o->found_order[i]);
        printf("\n");
        return;
    }
    printf("order: on, reordered; live peak %lu (model order: %lu), activations %lu (model "
           "order: %lu), arena %lu (model order: %lu); runs",
           o->peak, o->peak_model, o->acts, o->acts_model, o->arena, o->arena_model);
    for (i = 0; i < o->n; i++)
        printf(" %d", (int)o->order[i]);
    printf("\n");
}

int inspect_print_plan(const mote_model *m)
{
    static mote_plan_entry plan[MOTE_MAX_TENSORS];
    const int16_t *order = NULL;
    const mote_graph *g = inspect_exec_graph(m, &order);
    mote_error err;
    size_t total = 0, live_peak = 0, step_peak = 0;
    uint32_t i;
    int32_t op;

    mote_band band;
    if (g == NULL || mote_plan_build_opts(g, m->plan_flags, plan, &total, &band, &err) != MOTE_OK) {
        cli_error("inspect: cannot rebuild the memory plan");
        return 1;
    }
    /* Largest sum of buffers live at one operator: no plan can go below it
     * (in-place operators already share their input's buffer); and with
     * each operator's kernel scratch (or in-place ring) added, what no
     * arena for these steps can go below. */
    for (op = 0; op <= (int32_t)g->n_ops; op++) {
        size_t live = 0;
        mote_step_info info;
        for (i = 0; i < g->n_tensors; i++)
            if (plan[i].used && plan[i].size && plan[i].first <= op && op <= plan[i].last)
                live += plan[i].size;
        if (live > live_peak) live_peak = live;
        if (op < (int32_t)g->n_ops &&
            mote_model_step_info(m, (uint32_t)order[op], &info) == MOTE_OK)
            live += info.scratch_bytes;
        if (live > step_peak) step_peak = live;
    }
    printf("\nmemory plan: arena %lu = state %lu + activations %lu (lower bound for these "
           "lifetimes: %lu; with kernel scratch: %lu)\n",
           (unsigned long)mote_model_arena_size(m), (unsigned long)mote_model_state_size(m),
           (unsigned long)(mote_model_arena_size(m) - mote_model_state_size(m)),
           (unsigned long)live_peak, (unsigned long)step_peak);
    {
        mote_state_parts p;
        if (mote_model_state_parts(m, &p) == MOTE_OK)
            printf("  state %lu = steps %lu + operands %lu + tensors %lu + params %lu + requant "
                   "%lu + padding %lu; requantization tables %s\n",
                   (unsigned long)mote_model_state_size(m), (unsigned long)p.steps,
                   (unsigned long)p.operands, (unsigned long)p.tensors, (unsigned long)p.params,
                   (unsigned long)p.requant, (unsigned long)p.padding,
                   !mote_model_requant_at_run(m) ? "stored in the state"
                   /* The band chain's steps keep theirs (core/steps.h). */
                   : band.first >= 0 ? "made at run time in each step's scratch, but the band "
                                       "chain's, stored in the state"
                                   : "made at run time in each step's scratch");
    }
    if (m->plan_flags & MOTE_PLAN_REORDERED) {
        /* Lifetimes below count steps of this order, not model indices. */
        printf("  execution order (core/order.h): step k runs operator");
        for (i = 0; i < g->n_ops; i++)
            printf(" %d", (int)order[i]);
        printf("\n  ops below are steps of that order\n");
    }
    printf("  %-8s %-8s %-8s %-10s %s\n", "offset", "bytes", "tensor", "ops", "name");
    /* In address order: repeatedly print the lowest buffer not yet printed
     * (printed ones get size 0; ties go to the lower tensor index). */
    for (;;) {
        int32_t best = -1;
        for (i = 0; i < g->n_tensors; i++) {
            if (!plan[i].used || plan[i].size == 0) continue;
            if (best < 0 || plan[i].offset < plan[best].offset) best = (int32_t)i;
        }
        if (best < 0) break;
        {
            mote_graph_tensor t;
            char ops[32];
            uint32_t k;
            mote_graph_get_tensor(g, (uint32_t)best, &t);
            snprintf(ops, sizeof ops, "%d..%d", (int)plan[best].first, (int)plan[best].last);
            printf("  %-8lu %-8lu %-8d %-10s ", (unsigned long)plan[best].offset,
                   (unsigned long)plan[best].size, (int)best, ops);
            esc_print(stdout, t.name, t.name_len); /* model text: one line, printable */
            /* RESHAPE outputs and in-place operators' outputs that share
             * this buffer. */
            for (k = 0; k < g->n_tensors; k++)
                if (plan[k].alias == best) printf("  (shared with tensor %u)", (unsigned)k);
            if (best == band.work)
                printf("  (row windows of operators %d..%d, run band by band)", (int)band.first,
                       (int)band.last);
            printf("\n");
        }
        plan[best].size = 0; /* printed */
    }
    /* Kernel scratch: alive only while its operator runs (plan.h, step 4). */
    for (i = 0; i < g->n_ops; i++) {
        mote_step_info info;
        if (mote_model_step_info(m, (uint32_t)order[i], &info) != MOTE_OK ||
            info.scratch_bytes == 0)
            continue;
        printf("  %-8lu %-8lu %-8s %-10d scratch of %s (%s)\n", (unsigned long)info.scratch_offset,
               (unsigned long)info.scratch_bytes, "-", (int)i, info.kernel, info.variant);
    }
    (void)total;
    return 0;
}

int inspect_patch_info(const mote_model *m, const mote_model *plain, inspect_patch *p)
{
    static mote_plan_entry plan[MOTE_MAX_TENSORS];
    const mote_graph *g = inspect_exec_graph(m, NULL);
    mote_error err;
    mote_band band;
    size_t total = 0;
    if (g == NULL || mote_plan_build_opts(g, m->plan_flags, plan, &total, &band, &err) != MOTE_OK) {
        cli_error("inspect: cannot rebuild the memory plan");
        return 1;
    }
    p->enabled = !(m->plan_flags & MOTE_PLAN_NO_PATCH);
    p->used = band.first >= 0;
    p->first = band.first;
    p->last = band.last;
    p->bands = band.bands;
    p->acts = (unsigned long)(mote_model_arena_size(m) - mote_model_state_size(m));
    p->acts_without = plain != NULL
                          ? (unsigned long)(mote_model_arena_size(plain) - mote_model_state_size(plain))
                          : p->acts;
    return 0;
}

void inspect_print_patch(const inspect_patch *p)
{
    if (!p->enabled)
        printf("patch: off (--no-patch), activations %lu\n", p->acts);
    else if (!p->used)
        printf("patch: on, not used (no chain lowers the peak), activations %lu\n", p->acts);
    else
        printf("patch: on, activations %lu (without: %lu), operators %d..%d in %lu bands\n",
               p->acts, p->acts_without, p->first, p->last, p->bands);
}
