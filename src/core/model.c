/*
 * model.c — mote_model_init: verify, lower (counting), plan; the arena size.
 */
#include <string.h>

#include "mote/mote.h"
#include "base/error.h"
#include "core/control.h"
#include "core/layout.h"
#include "core/lower.h"
#include "core/order.h"
#include "core/plan.h"
#include "core/steps.h"
#include "core/work.h"
#include "format/tflite.h"
#include "kernels/kernel_table.h"
#include "ops/op_control.h"

#define ALIGN_UP(x) (((x) + (MOTE_ARENA_ALIGN - 1)) & ~(uint64_t)(MOTE_ARENA_ALIGN - 1))

static mote_status check_limits(mote_model *m)
{
    const mote_graph *g = &m->graph;
    if (g->n_tensors > MOTE_MAX_TENSORS || g->n_ops > MOTE_MAX_OPS)
        return mote_error_set(&m->error, MOTE_E_LIMIT, -1, -1, 0,
                              "model has %u tensors and %u operators; this build allows %d and "
                              "%d (MOTE_MAX_TENSORS, MOTE_MAX_OPS)",
                              (unsigned)g->n_tensors, (unsigned)g->n_ops, MOTE_MAX_TENSORS,
                              MOTE_MAX_OPS);
    if (g->n_inputs > MOTE_MAX_IO || g->n_outputs > MOTE_MAX_IO)
        return mote_error_set(&m->error, MOTE_E_LIMIT, -1, -1, 0,
                              "model has %u inputs and %u outputs; this build allows %d "
                              "(MOTE_MAX_IO)",
                              (unsigned)g->n_inputs, (unsigned)g->n_outputs, MOTE_MAX_IO);
    if (g->n_inputs == 0 || g->n_outputs == 0)
        return mote_error_set(&m->error, MOTE_E_GRAPH, -1, -1, 0,
                              "model has %u inputs and %u outputs; needs at least one of each",
                              (unsigned)g->n_inputs, (unsigned)g->n_outputs);
    return MOTE_OK;
}

/* Lower everything once (counting), so a model with several problems is
 * refused for the first operator's. Its own frame: the sizes are not kept
 * on the stack while the planner runs. */
static MOTE_NOINLINE mote_status count_steps(mote_model *m, uint32_t isa, mote_lower_ctx *ctx)
{
    mote_steps_sizes sz;
    return mote_steps_build(&m->graph, isa, NULL, NULL, NULL, NULL, &sz, &m->error, ctx);
}

/* The state's layout and the model's sizes from the counted steps sz
 * (their own frame: not on the stack while the steps are lowered). */
static MOTE_NOINLINE mote_status record_sizes(mote_model *m, uint32_t isa,
                                              const mote_steps_sizes *sz, size_t acts,
                                              uint32_t extra)
{
    mote_layout layout;
    /* No step left that makes its table at run time (all of them in the
     * chain): the model stores every table, and says so
     * (mote_model_requant_at_run). Lowering without the bit gives the same
     * steps, so the session lays out the same bytes. */
    if (sz->run_tables == 0) isa &= ~MOTE_LOWER_TABLES_AT_RUN;
    if (ALIGN_UP(sz->scratch_end) > acts) acts = (size_t)ALIGN_UP(sz->scratch_end);
    /* state + activations is what mote_model_arena_size() returns: it must
     * not wrap a 32-bit size_t. */
    /* The operand lists are in the step prefixes: the operand array holds
     * only another execution order's slots (extra, core/order.h). */
    if (mote_layout_compute(m->graph.n_ops, extra, m->graph.n_tensors, sz->params_bytes, &layout) !=
            0 ||
        acts > SIZE_MAX - layout.state_bytes)
        return mote_error_set(&m->error, MOTE_E_OVERFLOW, -1, -1, 0, "runtime state overflows");
    m->isa = isa;
    m->n_operands = extra;
    m->prefix_bytes = (uint32_t)sz->prefix_bytes;
    m->n_steps = m->graph.n_ops;
    m->n_refs = m->graph.n_tensors;
    m->params_bytes = (uint32_t)sz->params_bytes;
    m->table_bytes = (uint32_t)sz->table_bytes;
    m->activation_bytes = acts;
    m->state_bytes = layout.state_bytes;
    return MOTE_OK;
}

/* Again with the plan and its band chain: kernel scratch, and the rings of
 * operators the plan runs in place, are placed among the live buffers (the
 * chain's steps keep their tables stored: core/steps.h, mote_steps_isa);
 * then the state is laid out and the model records the sizes. g: the
 * model's graph, or a view of it in another order (core/order.h), whose
 * order then takes `extra` more operand slots of the state. */
static MOTE_NOINLINE mote_status place_steps(mote_model *m, const mote_graph *g, uint32_t isa,
                                             const mote_plan_entry *plan, const mote_band *band,
                                             mote_lower_ctx *ctx, size_t acts)
{
    mote_steps_sizes sz;
    mote_status s;
    if ((s = mote_steps_build(g, isa, plan, band, NULL, NULL, &sz, &m->error, ctx)) != MOTE_OK)
        return s;
    return record_sizes(m, isa, &sz, acts, g == &m->graph ? 0 : g->n_ops);
}

/* The model's order is planned: unless turned off, look for an order with
 * a lower live peak (core/order.h). 1 when one was found: the model's
 * figures are kept in ow, and ow->view is the graph in that order. */
static MOTE_NOINLINE int try_order(mote_model *m, uint32_t isa, mote_plan_entry *plan,
                                   mote_lower_ctx *ctx, int16_t *order, mote_order_work *ow)
{
    if ((m->plan_flags & MOTE_PLAN_NO_REORDER) || mote_order_search == NULL ||
        mote_order_search(&m->graph, isa, plan, ow, order, ctx) != 1)
        return 0;
    ow->was.state = m->state_bytes;
    ow->was.acts = m->activation_bytes;
    ow->was.isa = m->isa;
    ow->was.operands = m->n_operands;
    ow->was.params = m->params_bytes;
    ow->was.tables = m->table_bytes;
    ow->was.prefix = m->prefix_bytes;
    mote_order_view(&m->graph, order, &ow->view);
    return 1;
}

/* The other order planned (s: how): keep it when its arena, the order's
 * own slots in the state included, is strictly smaller (or when forced),
 * else the model's figures again. */
static MOTE_NOINLINE mote_status keep_order(mote_model *m, const mote_order_work *ow, mote_status s)
{
    if ((m->plan_flags & MOTE_PLAN_FORCE_REORDER) ||
        (s == MOTE_OK && m->state_bytes + m->activation_bytes < ow->was.state + ow->was.acts)) {
        if (s == MOTE_OK) m->plan_flags |= MOTE_PLAN_REORDERED;
        return s;
    }
    mote_error_clear(&m->error);
    m->state_bytes = ow->was.state;
    m->activation_bytes = ow->was.acts;
    m->isa = ow->was.isa;
    m->n_operands = ow->was.operands;
    m->params_bytes = ow->was.params;
    m->table_bytes = ow->was.tables;
    m->prefix_bytes = ow->was.prefix;
    return MOTE_OK;
}

static MOTE_NOINLINE mote_status plan_model_order_on_stack(mote_model *m, uint32_t isa,
                                                           mote_plan_entry *plan,
                                                           mote_lower_ctx *ctx, mote_plan_work *pw);

/* Lower (counting), plan, place scratch and lay out the state, with the
 * plan records, lowering context and planner work where the caller says
 * (ctx may be NULL: on the stack) and the execution order's work memory in
 * mem (bytes long) when it fits, else on the stack. The model's order is
 * planned first, then the order with the lowest live peak (core/order.h),
 * at the same stack depth; MOTE_PLAN_REORDERED when that one is kept (the
 * session chooses it again). */
static mote_status plan_model(mote_model *m, uint32_t isa, mote_plan_entry *plan,
                              mote_lower_ctx *ctx, mote_plan_work *pw, void *mem, size_t bytes)
{
    const mote_graph *g = &m->graph;
    int16_t *order;
    mote_order_work *ow;
    mote_band band;
    mote_status s;
    size_t acts;
    if (!mote_order_carve(mem, bytes, &order, &ow))
        return plan_model_order_on_stack(m, isa, plan, ctx, pw);
    if ((s = count_steps(m, isa, ctx)) != MOTE_OK) return s;
    for (;;) {
        if ((s = mote_plan_build_in(g, m->plan_flags, plan, &acts, &band, pw, &m->error)) ==
            MOTE_OK)
            s = place_steps(m, g, isa, plan, &band, ctx, acts);
        if (g != &m->graph) return keep_order(m, ow, s);
        if (s != MOTE_OK || !try_order(m, isa, plan, ctx, order, ow)) return s;
        g = &ow->view;
    }
}

/* The execution order's work memory on the stack, in its own frame: the
 * memory lent (if any) has no room for it. */
static MOTE_NOINLINE mote_status plan_model_order_on_stack(mote_model *m, uint32_t isa,
                                                           mote_plan_entry *plan,
                                                           mote_lower_ctx *ctx, mote_plan_work *pw)
{
    uint64_t mem[(MOTE_ORDER_WORK_BYTES + 7u) / 8u];
    return plan_model(m, isa, plan, ctx, pw, mem, sizeof mem);
}

/* No work memory lent: the records on the stack, in their own frame; the
 * records past the model's tensors hold the order's work when they can
 * (the same order either way). */
static MOTE_NOINLINE mote_status plan_model_on_stack(mote_model *m, uint32_t isa)
{
    mote_plan_entry plan[MOTE_MAX_TENSORS];
    mote_plan_work pw;
    return plan_model(m, isa, plan, NULL, &pw, plan + m->graph.n_tensors,
                      (MOTE_MAX_TENSORS - m->graph.n_tensors) * sizeof *plan);
}

/* Plan for the isa word (features, and MOTE_LOWER_TABLES_AT_RUN or not)
 * with planner options flags. Tables made at run time combine with band
 * execution: the band chain's steps keep theirs stored (core/steps.h,
 * mote_steps_isa), every other step makes its own in its scratch. */
static mote_status plan_for(mote_model *m, uint32_t isa, uint32_t flags, void *work,
                            size_t work_size)
{
    mote_work w;
    m->plan_flags = flags & ~MOTE_PLAN_REORDERED; /* the planner's to set */
    if (mote_cf != NULL && mote_cf->needed(&m->graph))
        return mote_cf->plan_model(m, isa); /* several subgraphs, variables */
    if (mote_work_carve(work, work_size, m->graph.n_tensors, &w))
        return plan_model(m, isa, w.plan, w.ctx, w.pw,
                          (uint8_t *)work + mote_work_bytes(m->graph.n_tensors),
                          work_size - mote_work_bytes(m->graph.n_tensors));
    return plan_model_on_stack(m, isa);
}

/* build_isa: plan for mote_build_isa() instead of o->isa. */
static mote_status model_init(mote_model *m, const void *bytes, size_t len,
                              const mote_load_options *o, int build_isa)
{
    mote_status s;
    uint32_t generation, isa;

    if (m == NULL) return MOTE_E_ARG;
    /* A new generation, whatever the outcome: sessions of the old contents
     * become stale (mote.h). */
    generation = m->generation + 1u;
    memset(m, 0, sizeof *m);
    m->generation = generation;
    mote_error_clear(&m->error);
    if (bytes == NULL)
        return mote_error_set(&m->error, MOTE_E_ARG, -1, -1, 0, "model bytes are NULL");
    if (o->requant != MOTE_REQUANT_STORED && o->requant != MOTE_REQUANT_AT_RUN &&
        o->requant != MOTE_REQUANT_SMALLEST)
        return mote_error_set(&m->error, MOTE_E_ARG, -1, -1, 0, "unknown requantization mode %d",
                              (int)o->requant);
    /* Sessions refer to constants by 31-bit offsets into the model. */
    if (len > 0x7FFFFFFFu)
        return mote_error_set(&m->error, MOTE_E_LIMIT, -1, -1, 0,
                              "model is %U bytes; at most 2 GB is supported",
                              (unsigned long long)len);
    if ((s = mote_tflite_read(&m->graph, bytes, len, &m->error)) != MOTE_OK) return s;
    if ((s = check_limits(m)) != MOTE_OK) return s;
    if ((s = mote_lower_check_ops(&m->graph, &m->error)) != MOTE_OK) return s;
    isa = (build_isa ? mote_build_isa() : o->isa) & ~MOTE_LOWER_TABLES_AT_RUN;
    if (o->requant == MOTE_REQUANT_AT_RUN) isa |= MOTE_LOWER_TABLES_AT_RUN;
    s = plan_for(m, isa, o->plan_flags, o->work, o->work_size);
    if (s == MOTE_OK && o->requant == MOTE_REQUANT_SMALLEST) {
        /* Plan both ways; keep the tables stored unless that costs RAM. */
        size_t stored = m->state_bytes + m->activation_bytes;
        s = plan_for(m, isa | MOTE_LOWER_TABLES_AT_RUN, o->plan_flags, o->work, o->work_size);
        if (s == MOTE_OK && m->state_bytes + m->activation_bytes >= stored)
            s = plan_for(m, isa, o->plan_flags, o->work, o->work_size);
    }
    if (s != MOTE_OK) return s;
    m->initialized = 1;
    return MOTE_OK;
}

void mote_load_options_default(mote_load_options *o)
{
    if (o == NULL) return;
    memset(o, 0, sizeof *o);
    o->isa = mote_build_isa();
    o->requant = MOTE_REQUANT_STORED;
}

mote_status mote_model_init_opts(mote_model *m, const void *bytes, size_t len,
                                 const mote_load_options *o)
{
    static const mote_load_options defaults = {0, NULL, 0, MOTE_REQUANT_STORED, 0};
    /* The defaults but for isa, which model_init takes from the build. */
    return model_init(m, bytes, len, o != NULL ? o : &defaults, o == NULL);
}

mote_status mote_model_init_for(mote_model *m, const void *bytes, size_t len, uint32_t isa)
{
    mote_load_options o;
    mote_load_options_default(&o);
    o.isa = isa;
    return model_init(m, bytes, len, &o, 0);
}

mote_status mote_model_init_plan(mote_model *m, const void *bytes, size_t len, uint32_t isa,
                                 uint32_t flags)
{
    mote_load_options o;
    mote_load_options_default(&o);
    o.isa = isa;
    o.plan_flags = flags;
    return model_init(m, bytes, len, &o, 0);
}

mote_status mote_model_init(mote_model *m, const void *bytes, size_t len)
{
    return mote_model_init_opts(m, bytes, len, NULL);
}

mote_status mote_model_init_in(mote_model *m, const void *bytes, size_t len, void *work,
                               size_t work_size)
{
    mote_load_options o;
    mote_load_options_default(&o);
    o.work = work;
    o.work_size = work_size;
    return model_init(m, bytes, len, &o, 0);
}

int mote_model_requant_at_run(const mote_model *m)
{
    return m != NULL && m->initialized && (m->isa & MOTE_LOWER_TABLES_AT_RUN) != 0;
}

mote_status mote_model_state_parts(const mote_model *m, mote_state_parts *p)
{
    mote_layout l;
    if (m == NULL || p == NULL || !m->initialized ||
        mote_layout_compute(m->n_steps, m->n_operands, m->n_refs, m->params_bytes, &l) != 0)
        return MOTE_E_ARG;
    p->steps = l.operands - l.steps;
    p->operands = l.tensor_refs - l.operands + m->prefix_bytes;
    p->tensors = l.params - l.tensor_refs;
    p->params = (size_t)m->params_bytes - m->table_bytes - m->prefix_bytes;
    p->requant = m->table_bytes;
    p->padding = l.state_bytes - l.params - m->params_bytes;
    return MOTE_OK;
}

size_t mote_model_arena_size(const mote_model *m)
{
    if (m == NULL || !m->initialized) return 0;
    return m->state_bytes + m->activation_bytes;
}

size_t mote_model_state_size(const mote_model *m)
{
    if (m == NULL || !m->initialized) return 0;
    return m->state_bytes;
}

uint32_t mote_model_input_count(const mote_model *m)
{
    return (m != NULL && m->initialized) ? m->graph.n_inputs : 0;
}

uint32_t mote_model_output_count(const mote_model *m)
{
    return (m != NULL && m->initialized) ? m->graph.n_outputs : 0;
}

uint32_t mote_model_op_count(const mote_model *m)
{
    return (m != NULL && m->initialized) ? m->graph.n_ops : 0;
}

const mote_graph *mote_model_graph(const mote_model *m)
{
    return (m != NULL && m->initialized) ? &m->graph : NULL;
}

mote_status mote_model_exec_view(const mote_model *m, mote_plan_entry *e, mote_order_work *w,
                                 int16_t *order, mote_graph *view)
{
    uint32_t i;
    if (m == NULL || !m->initialized) return MOTE_E_ARG;
    *view = m->graph;
    if (!(m->plan_flags & MOTE_PLAN_REORDERED)) {
        for (i = 0; i < m->graph.n_ops; i++)
            order[i] = (int16_t)i;
        return MOTE_OK;
    }
    if (mote_order_search == NULL || mote_order_search(&m->graph, m->isa, e, w, order, NULL) != 1)
        return MOTE_E_STATE;
    mote_order_view(&m->graph, order, view);
    return MOTE_OK;
}

mote_status mote_model_step_info(const mote_model *m, uint32_t op, mote_step_info *info)
{
    mote_plan_entry plan[MOTE_MAX_TENSORS];
    int16_t order[MOTE_MAX_OPS];
    mote_order_work ow;
    mote_graph view;
    mote_lowered low;
    mote_error err;
    mote_band band;
    size_t acts;
    uint32_t at;
    const mote_kernel_row *row;
    if (m == NULL || info == NULL || !m->initialized || op >= m->graph.n_ops) return MOTE_E_ARG;
    memset(info, 0, sizeof *info);
    if (mote_model_exec_view(m, plan, &ow, order, &view) != MOTE_OK) return MOTE_E_STATE;
    /* op is the model's index; the plan's step is its position. */
    for (at = 0; at < m->graph.n_ops && (uint32_t)order[at] != op; at++) {
    }
    if (mote_plan_build_opts(&view, m->plan_flags, plan, &acts, &band, &err) != MOTE_OK ||
        mote_steps_lower(&view, at, mote_steps_isa(m->isa, &band, at), plan, NULL, 0, &low, &err,
                         NULL) != MOTE_OK)
        return MOTE_E_STATE;
    if (low.row == (int32_t)MOTE_ROW_CONTROL) { /* run by the interpreter */
        info->kernel = "CONTROL";
        info->variant = "interp";
        info->param_bytes = low.block_bytes;
        return MOTE_OK;
    }
    row = &mote_kernel_rows[low.row];
    info->kernel = mote_kernel_name((mote_kernel_id)row->kernel);
    info->variant = row->variant;
    info->param_bytes = low.block_bytes;
    info->scratch_bytes = low.scratch_bytes;
    info->scratch_offset = 0;
    if (low.scratch_bytes != 0 && mote_plan_scratch(plan, m->graph.n_tensors, at, low.scratch_bytes,
                                                    &info->scratch_offset) != MOTE_OK)
        return MOTE_E_STATE;
    return MOTE_OK;
}
