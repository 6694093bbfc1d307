/*
 * session.c — carve a session out of the caller's arena, and run it.
 */
#include <string.h>

#include "mote/mote.h"
#include "base/error.h"
#include "core/band.h"
#include "core/control.h"
#include "core/layout.h"
#include "core/order.h"
#include "core/plan.h"
#include "core/step.h"
#include "core/steps.h"
#include "core/work.h"
#include "format/tflite.h"
#include "kernels/kernel_table.h"
#include "ops/requant_run.h"

/* A tensor reference is 32 bits, whatever the pointer width: an offset into
 * the activation area, or (top bit set) an offset into the model bytes for
 * a constant, or MOTE_REF_NONE. mote_model_init refuses models of 2 GB or
 * more, so every constant's offset fits in 31 bits. */
#define MOTE_REF_CONST 0x80000000u
#define MOTE_REF_NONE 0xFFFFFFFFu

static uint8_t *ref_ptr(const mote_session *s, uint32_t ref)
{
    if (ref == MOTE_REF_NONE) return NULL;
    if (ref & MOTE_REF_CONST) /* read-only: kernels never write constants */
        return (uint8_t *)(uintptr_t)(s->model_base + (ref & ~MOTE_REF_CONST));
    return s->activations + ref;
}

static void fill_io(mote_tensor *io, const mote_graph *g, int32_t index, uint8_t *data)
{
    mote_graph_tensor t;
    int32_t r;
    memset(io, 0, sizeof *io);
    mote_graph_get_tensor(g, (uint32_t)index, &t);
    io->type = t.type;
    io->rank = t.rank;
    for (r = 0; r < t.rank; r++)
        io->dims[r] = t.dims[r];
    io->bytes = t.bytes;
    io->data = data;
    io->index = index;
    if (t.n_quant >= 1) {
        io->scale = mote_graph_tensor_scale(&t, 0);
        io->zero_point = t.n_zero_points ? (int32_t)mote_graph_tensor_zero_point(&t, 0) : 0;
    }
}

/* Planning or lowering refused what mote_model_init accepted: only changed
 * model bytes can do that. MOTE_E_STATE, keeping what went wrong. */
static mote_status changed(mote_session *s)
{
    mote_error was = s->error;
    mote_error_set(&s->error, MOTE_E_STATE, was.op, was.tensor, was.offset,
                   "the model bytes changed since mote_model_init: %s", was.text);
    return MOTE_E_STATE;
}

/* A session is live while its model still holds the contents it was laid
 * out for: initialised, and of the same generation (mote.h). */
static int session_live(const mote_session *s)
{
    return s != NULL && s->model != NULL && s->model->initialized &&
           s->generation == s->model->generation;
}

/* Variable tensors (operator state) to zero, int8 ones to their zero point:
 * TFLite Micro's ResetVariableTensors. */
static void reset_state(mote_session *s, const mote_graph *g)
{
    uint32_t i;
    for (i = 0; i < g->n_tensors; i++) {
        mote_graph_tensor t;
        int value = 0;
        mote_graph_get_tensor(g, i, &t);
        if (!t.is_variable || s->tensor_ref[i] == MOTE_REF_NONE) continue;
        if (t.type == MOTE_INT8 && t.n_zero_points > 0)
            value = (int)(int8_t)mote_graph_tensor_zero_point(&t, 0);
        memset(s->activations + s->tensor_ref[i], value, t.bytes);
    }
    /* Signal library kernels keep theirs in their parameter block's tail. */
    for (i = 0; i < s->model->n_steps; i++) {
        const mote_step *st = &s->steps[i];
        uint32_t at, bytes;
        if (st->row < mote_kernel_row_count && mote_kernel_state != NULL &&
            mote_kernel_state(mote_kernel_rows[st->row].kernel, s->state + st->params, &at, &bytes))
            memset(s->state + st->params + at, 0, bytes);
    }
    if (mote_cf != NULL) mote_cf->reset(s); /* resource variables, CALL_ONCE */
}

/* The tensor table: constants by their offset in the model, the rest where
 * the plan put them. A frame of its own (a decoded tensor is large), not
 * under the step builder's. */
static MOTE_NOINLINE void fill_refs(mote_session *s, const mote_graph *g,
                                    const mote_plan_entry *plan)
{
    uint32_t i;
    for (i = 0; i < g->n_tensors; i++) {
        mote_graph_tensor t;
        mote_graph_get_tensor(g, i, &t);
        if (t.data != NULL)
            s->tensor_ref[i] = (uint32_t)(t.data - g->base) | MOTE_REF_CONST;
        else if (plan[i].used)
            s->tensor_ref[i] = plan[i].offset;
        else
            s->tensor_ref[i] = MOTE_REF_NONE;
    }
}

/* Write the steps, operands and parameter blocks, which must come out as
 * the model counted them. Its own frame (the sizes), not under the
 * planner's. */
static MOTE_NOINLINE mote_status write_steps(mote_session *s, const mote_model *m,
                                             const mote_graph *g, const mote_layout *layout,
                                             const mote_plan_entry *plan, const mote_band *band,
                                             mote_lower_ctx *ctx)
{
    mote_steps_sizes sz;
    mote_status st = mote_steps_build(g, m->isa, plan, band, layout, s->arena, &sz, &s->error, ctx);
    if (st != MOTE_OK) return st == MOTE_E_STATE ? st : changed(s);
    if (sz.prefix_bytes != m->prefix_bytes || sz.params_bytes != m->params_bytes ||
        (sz.scratch_end > 0 && sz.scratch_end > m->activation_bytes))
        return mote_error_set(&s->error, MOTE_E_STATE, -1, -1, 0,
                              "steps differ from what the model planned");
    return MOTE_OK;
}

/* Output 0 of operator i (the record in this frame, not the caller's). */
static MOTE_NOINLINE int32_t op_output(const mote_graph *g, uint32_t i)
{
    mote_graph_op op;
    mote_graph_get_op(g, i, &op);
    return mote_graph_op_output(&op, 0);
}

/* A band chain: its intermediates have no tensor of their own (the plan
 * entry of the first holds the row windows, core/band.h). */
static MOTE_NOINLINE mote_status set_band(mote_session *s, const mote_graph *g,
                                          const mote_plan_entry *plan, const mote_band *band,
                                          mote_plan_work *pw)
{
    uint32_t i;
    s->band_work = plan[band->work].offset;
    for (i = (uint32_t)band->first; i < (uint32_t)band->last; i++)
        s->tensor_ref[op_output(g, i)] = MOTE_REF_NONE;
    s->band_first = band->first;
    s->band_last = band->last;
    if (mote_bands == NULL || mote_bands->check(s, g, band, &pw->band) != MOTE_OK)
        return mote_error_set(&s->error, MOTE_E_STATE, band->first, -1, 0,
                              "band chain differs from what the model planned");
    /* the windows' rows as the check found them (it refuses caps past
     * 16 bits), so that running needs no walk of its own to place them */
    for (i = 0; i < (uint32_t)(band->last - band->first) + 1; i++) /* [0]: room (band_run.c) */
        s->band_cap[i] = (uint16_t)pw->band.cap[i];
    return MOTE_OK;
}

/* The execution order of a reordered model (core/order.h): the last n_ops
 * operand slots of the state; NULL when it runs in the model's order. */
static const int16_t *exec_order(const mote_session *s)
{
    const mote_model *m = s->model;
    if (!(m->plan_flags & MOTE_PLAN_REORDERED)) return NULL;
    return s->operands + (m->n_operands - m->graph.n_ops);
}

/* A reordered model's order, chosen again (core/order.h) into the state's
 * last operand slots (ow: the search's work memory): the graph in that
 * order (ow->view), or NULL when the search disagrees with the model. */
static MOTE_NOINLINE const mote_graph *order_again(mote_session *s, const mote_model *m,
                                                   mote_plan_entry *plan, mote_lower_ctx *ctx,
                                                   mote_order_work *ow)
{
    int16_t *order = s->operands + (m->n_operands - m->graph.n_ops);
    if (m->n_operands < m->graph.n_ops || mote_order_search == NULL ||
        mote_order_search(&m->graph, m->isa, plan, ow, order, ctx) != 1) {
        mote_error_set(&s->error, MOTE_E_STATE, -1, -1, 0,
                       "execution order differs from what the model planned");
        return NULL;
    }
    mote_order_view(&m->graph, order, &ow->view);
    return &ow->view;
}

static MOTE_NOINLINE mote_status lay_out_order_on_stack(mote_session *s, const mote_model *m,
                                                        const mote_layout *layout,
                                                        mote_plan_entry *plan, mote_lower_ctx *ctx,
                                                        mote_plan_work *pw);

/* Plan and write the state (steps, operands, tensor table, parameter
 * blocks), with the plan records, the lowering context and the planner's
 * work where the caller says (ctx NULL: on the stack). A reordered model
 * chooses its order again with the search's work memory in mem (bytes
 * long) when it fits, else on the stack, and plans the graph in that order. */
static mote_status lay_out(mote_session *s, const mote_model *m, const mote_layout *layout,
                           mote_plan_entry *plan, mote_lower_ctx *ctx, mote_plan_work *pw,
                           void *mem, size_t bytes)
{
    const mote_graph *g = &m->graph;
    mote_band band;
    size_t total;
    mote_status st;

    s->band_first = s->band_last = -1;
    if (m->control_at != 0) /* several subgraphs (control_at is 0 without mote_cf) */
        return mote_cf != NULL ? mote_cf->lay_out(s, m, layout) : MOTE_E_STATE;
    if (m->plan_flags & MOTE_PLAN_REORDERED) {
        int16_t *unused;
        mote_order_work *ow;
        if (!mote_order_carve(mem, bytes, &unused, &ow))
            return lay_out_order_on_stack(s, m, layout, plan, ctx, pw);
        if ((g = order_again(s, m, plan, ctx, ow)) == NULL) return MOTE_E_STATE;
    }
    if (mote_plan_build_in(g, m->plan_flags, plan, &total, &band, pw, &s->error) != MOTE_OK)
        return changed(s);
    if (total > m->activation_bytes)
        return mote_error_set(&s->error, MOTE_E_STATE, -1, -1, 0,
                              "activations differ from what the model planned");
    MOTE_ASSERT(mote_plan_check(plan, g->n_tensors, total) == MOTE_OK);
    fill_refs(s, g, plan);
    if ((st = write_steps(s, m, g, layout, plan, &band, ctx)) != MOTE_OK) return st;
    return band.first >= 0 ? set_band(s, g, plan, &band, pw) : MOTE_OK;
}

/* The search's work memory on the stack, in its own frame (only a
 * reordered model whose arena cannot hold it gets here). */
static MOTE_NOINLINE mote_status lay_out_order_on_stack(mote_session *s, const mote_model *m,
                                                        const mote_layout *layout,
                                                        mote_plan_entry *plan, mote_lower_ctx *ctx,
                                                        mote_plan_work *pw)
{
    uint64_t mem[(MOTE_ORDER_WORK_BYTES + 7u) / 8u];
    return lay_out(s, m, layout, plan, ctx, pw, mem, sizeof mem);
}

/* The arena's activation part cannot hold the records: on the stack, in
 * their own frame; the records past the model's tensors hold the order's
 * work when they can (core/order.h). */
static MOTE_NOINLINE mote_status lay_out_on_stack(mote_session *s, const mote_model *m,
                                                  const mote_layout *layout)
{
    mote_plan_entry plan[MOTE_MAX_TENSORS];
    mote_plan_work pw;
    return lay_out(s, m, layout, plan, NULL, &pw, plan + m->graph.n_tensors,
                   (MOTE_MAX_TENSORS - m->graph.n_tensors) * sizeof *plan);
}

/* The model bytes, verified again, give the graph mote_model_init read. In
 * a frame of its own, so the copy is not on the stack while laying out. */
static MOTE_NOINLINE int same_bytes(mote_session *s, const mote_graph *g)
{
    mote_graph again;
    memset(&again, 0, sizeof again);
    return mote_tflite_read(&again, g->base, g->size, &s->error) == MOTE_OK &&
           memcmp(&again, g, sizeof again) == 0;
}

mote_status mote_session_init(mote_session *s, const mote_model *m, void *arena, size_t arena_size)
{
    mote_layout layout;
    mote_work w;
    uint8_t *base = (uint8_t *)arena;
    const mote_graph *g;
    mote_status st;
    uint32_t i;

    if (s == NULL) return MOTE_E_ARG;
    memset(s, 0, sizeof *s);
    mote_error_clear(&s->error);
    if (m == NULL || arena == NULL || !m->initialized)
        return mote_error_set(&s->error, MOTE_E_ARG, -1, -1, 0,
                              "NULL model or arena, or the model is not initialised");
    if ((uintptr_t)arena % MOTE_ARENA_ALIGN != 0)
        return mote_error_set(&s->error, MOTE_E_ARG, -1, -1, 0,
                              "arena is not aligned to MOTE_ARENA_ALIGN (%d bytes)",
                              MOTE_ARENA_ALIGN);
    if (arena_size < mote_model_arena_size(m))
        return mote_error_set(
            &s->error, MOTE_E_ARENA_SMALL, -1, -1, 0, "arena is %U bytes; the model needs %U",
            (unsigned long long)arena_size, (unsigned long long)mote_model_arena_size(m));
    g = &m->graph;
    /* The bytes must not have changed since mote_model_init (mote.h): they
     * are verified again, and everything below is re-derived from them and
     * must agree with what the model planned, so changed bytes give
     * MOTE_E_STATE instead of a session larger than its arena. */
    if (!same_bytes(s, g))
        return mote_error_set(&s->error, MOTE_E_STATE, -1, -1, 0,
                              "the model bytes changed since mote_model_init");
    /* Re-derive the layout, plan and steps exactly as mote_model_init did;
     * any disagreement is reported rather than trusted. */
    if (mote_layout_compute(m->n_steps, m->n_operands, m->n_refs, m->params_bytes, &layout) != 0 ||
        layout.state_bytes != m->state_bytes)
        return mote_error_set(&s->error, MOTE_E_STATE, -1, -1, 0,
                              "runtime state layout differs from the model's");

    s->arena = base;
    s->arena_size = arena_size;
    s->state = base;
    s->activations = base + layout.state_bytes;
    s->model_base = g->base;
    s->steps = (struct mote_step *)(void *)(base + layout.steps);
    s->operands = (int16_t *)(void *)(base + layout.operands);
    s->tensor_ref = (uint32_t *)(void *)(base + layout.tensor_refs);
    /* The activation part is unused until the first invoke (inputs are
     * written after this call, variable tensors reset below): the planner
     * works there (core/work.h). */
    if (mote_work_carve(s->activations, arena_size - layout.state_bytes, g->n_tensors, &w)) {
        size_t used = mote_work_bytes(g->n_tensors);
        st = lay_out(s, m, &layout, w.plan, w.ctx, w.pw, s->activations + used,
                     arena_size - layout.state_bytes - used);
    } else
        st = lay_out_on_stack(s, m, &layout);
    if (st != MOTE_OK) return st;
    for (i = 0; i < g->n_inputs; i++) {
        int32_t t = mote_graph_input(g, i);
        fill_io(&s->inputs[i], g, t, ref_ptr(s, s->tensor_ref[t]));
    }
    for (i = 0; i < g->n_outputs; i++) {
        int32_t t = mote_graph_output(g, i);
        fill_io(&s->outputs[i], g, t, ref_ptr(s, s->tensor_ref[t]));
    }
    s->model = m;
    s->generation = m->generation;
    reset_state(s, g);
    return MOTE_OK;
}

mote_status mote_session_reset(mote_session *s)
{
    if (s == NULL) return MOTE_E_ARG;
    if (!session_live(s)) return MOTE_E_STATE;
    reset_state(s, &s->model->graph);
    return MOTE_OK;
}

mote_tensor *mote_input(mote_session *s, uint32_t i)
{
    if (!session_live(s) || i >= s->model->graph.n_inputs) return NULL;
    return &s->inputs[i];
}

const mote_tensor *mote_output(const mote_session *s, uint32_t i)
{
    if (!session_live(s) || i >= s->model->graph.n_outputs) return NULL;
    return &s->outputs[i];
}

void mote_session_set_observer(mote_session *s, mote_observer fn, void *user)
{
    if (s == NULL) return;
    s->observer = fn;
    s->observer_user = user;
}

mote_status mote_session_tensor_data(const mote_session *s, uint32_t tensor, const void **data,
                                     size_t *bytes)
{
    mote_graph_tensor t;
    if (s == NULL || data == NULL || bytes == NULL) return MOTE_E_ARG;
    if (!session_live(s)) return MOTE_E_STATE;
    if (tensor >= s->model->graph.n_tensors) return MOTE_E_ARG;
    mote_graph_get_tensor(&s->model->graph, tensor, &t);
    if (t.data != NULL || s->tensor_ref[tensor] == MOTE_REF_NONE) return MOTE_E_ARG;
    *data = ref_ptr(s, s->tensor_ref[tensor]);
    *bytes = t.bytes;
    return MOTE_OK;
}

/* Step i (-1: a step of a subgraph, core/control.c, planned without
 * bands) makes its requantization table at run time: the model makes
 * tables at run time, its kernel can, and it is not in the band chain,
 * whose steps keep theirs stored (core/steps.h, mote_steps_isa). */
static int table_at_run(const mote_session *s, const mote_step *st, int32_t i)
{
    const int32_t kernel = mote_kernel_rows[st->row].kernel;
    if (!(s->model->isa & MOTE_LOWER_TABLES_AT_RUN) || !mote_requant_at_run_kernel(kernel) ||
        mote_requant_block_channels(kernel, s->state + st->params) == 0)
        return 0;
    return i < 0 || s->band_first < 0 || i < s->band_first || i > s->band_last;
}

mote_status mote_session_step_info(const mote_session *s, uint32_t op, mote_step_info *info)
{
    uint32_t at = op;
    const mote_step *st;
    const mote_kernel_row *row;
    if (s == NULL || info == NULL) return MOTE_E_ARG;
    if (!session_live(s)) return MOTE_E_STATE;
    if (op >= s->model->graph.n_ops) return MOTE_E_ARG;
    if (s->model->plan_flags & MOTE_PLAN_REORDERED) { /* op is the model's index */
        const int16_t *order = s->operands + (s->model->n_operands - s->model->graph.n_ops);
        for (at = 0; at < s->model->graph.n_ops && (uint32_t)order[at] != op; at++) {
        }
        if (at == s->model->graph.n_ops) return MOTE_E_STATE;
    }
    st = &s->steps[at];
    if (mote_cf_is_control(st)) { /* run by the interpreter */
        memset(info, 0, sizeof *info);
        info->kernel = "CONTROL";
        info->variant = "interp";
        return MOTE_OK;
    }
    row = &mote_kernel_rows[st->row];
    memset(info, 0, sizeof *info);
    info->kernel = mote_kernel_name((mote_kernel_id)row->kernel);
    info->variant = row->variant;
    if (st->has_scratch) {
        const int16_t *ops = mote_step_operands(s->state, st);
        const int32_t kernel = mote_kernel_rows[st->row].kernel;
        uint32_t front = 0;
        info->scratch_bytes = mote_kernel_scratch(st->row, s->state + st->params);
        info->scratch_offset = mote_step_scratch(s->state, st);
        /* A convolution planned in place (its output over its input) uses
         * the ring of rows core/steps.c gave it as scratch. */
        if (st->n_in > 0 && st->n_out > 0 && ops[0] >= 0 &&
            s->tensor_ref[ops[0]] == s->tensor_ref[ops[st->n_in]]) {
            uint32_t ring = mote_plan_rows_ring(&s->model->graph, op);
            if (ring > info->scratch_bytes) info->scratch_bytes = ring;
        }
        /* A table made at run time goes in front (core/steps.h). */
        if (table_at_run(s, st, (int32_t)at))
            front = (uint32_t)mote_steps_table_prefix(
                mote_requant_block_bytes(kernel, s->state + st->params),
                5u * mote_requant_block_channels(kernel, s->state + st->params));
        info->scratch_bytes += front;
    }
    return MOTE_OK;
}

/* A step whose requantization table is made at run time (ops/requant_run.h):
 * copy its block to the front of its scratch and compute the table after
 * it; *block and *scratch then point there and past it (to the kernel's
 * own scratch). */
static MOTE_NOINLINE mote_status make_table(const mote_session *s, const mote_step *st,
                                            const int16_t *ops, const void **block, void **scratch)
{
    const int32_t kernel = mote_kernel_rows[st->row].kernel;
    const uint32_t bytes = mote_requant_block_bytes(kernel, *block);
    const uint32_t offset = mote_step_scratch(s->state, st);
    uint8_t *at = s->activations + offset;
    uint32_t n = mote_requant_block_channels(kernel, *block);
    int32_t *mult;
    if (offset == MOTE_NO_SCRATCH || st->n_in < 2 || st->n_out < 1) return MOTE_E_STATE;
    memcpy(at, *block, bytes);
    mult = (int32_t *)(void *)(at + bytes);
    if (mote_requant_fill(&s->model->graph, ops[0], ops[1], ops[st->n_in], n, mult,
                          (int8_t *)(mult + n)) != MOTE_OK)
        return MOTE_E_STATE;
    *block = at;
    *scratch = at + mote_steps_table_prefix(bytes, 5u * n);
    return MOTE_OK;
}

/* Run step i (-1: of a subgraph) through its kernel-table row: operand
 * pointers from the tensor table (constants point into the model bytes and
 * are only read). */
static mote_status run_step(const mote_session *s, const mote_step *st, int32_t i)
{
    const void *in[MOTE_MAX_OP_INPUTS];
    void *out[MOTE_MAX_OP_OUTPUTS];
    const int16_t *ops = mote_step_operands(s->state, st);
    const void *block = s->state + st->params;
    const uint32_t scratch = mote_step_scratch(s->state, st);
    mote_kernel_io io;
    uint32_t k;

    for (k = 0; k < st->n_in; k++)
        in[k] = ops[k] >= 0 ? ref_ptr(s, s->tensor_ref[ops[k]]) : NULL;
    /* Optional inputs a model leaves off the end of the list (FC without a
     * bias has 2 inputs) read as omitted: NULL, as kernels.h promises. */
    for (; k < MOTE_MAX_OP_INPUTS; k++)
        in[k] = NULL;
    for (k = 0; k < st->n_out; k++)
        out[k] = ref_ptr(s, s->tensor_ref[ops[st->n_in + k]]);
    io.in = in;
    io.out = out;
    io.scratch = scratch != MOTE_NO_SCRATCH ? s->activations + scratch : NULL;
    if (table_at_run(s, st, i)) {
        mote_status r = make_table(s, st, ops, &block, &io.scratch);
        if (r != MOTE_OK) return r;
    }
    return mote_kernel_rows[st->row].run(block, &io);
}

/* The observer, for the steps first..last just run, with each operator's
 * index in the model (core/order.h); -1 when it re-initialised the model. */
static MOTE_NOINLINE int notify(const mote_session *s, uint32_t first, uint32_t last)
{
    const int16_t *order = exec_order(s);
    uint32_t i;
    for (i = first; i <= last; i++) {
        s->observer(s->observer_user, s, order != NULL ? (uint32_t)order[i] : i);
        if (!session_live(s)) return -1;
    }
    return 0;
}

mote_status mote_invoke(mote_session *s)
{
    uint32_t i, n;
    if (s == NULL) return MOTE_E_ARG;
    if (!session_live(s)) return MOTE_E_STATE;
    n = s->model->graph.n_ops;
    for (i = 0; i < n; i++) {
        const mote_step *step = &s->steps[i];
        uint32_t done = i;
        mote_status st;
        if ((int32_t)i == s->band_first) { /* the chain, band by band (core/band.h) */
            st = mote_bands != NULL ? mote_bands->run(s) : MOTE_E_STATE;
            done = (uint32_t)s->band_last;
        } else {
            st = !mote_cf_is_control(step) ? run_step(s, step, (int32_t)i)
                 : mote_cf != NULL         ? mote_cf->run(s, i)
                                           : MOTE_E_STATE;
        }
        if (st != MOTE_OK) return st;
        if (s->observer != NULL && notify(s, i, done) != 0) return MOTE_E_STATE;
        i = done;
    }
    return MOTE_OK;
}

mote_status mote_session_run_step(const mote_session *s, const mote_step *st)
{
    return run_step(s, st, -1);
}

uint8_t *mote_session_ref(const mote_session *s, int32_t tensor)
{
    return tensor >= 0 ? ref_ptr(s, s->tensor_ref[tensor]) : NULL;
}
