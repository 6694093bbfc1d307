/*
 * session.c — carve a session out of the caller's arena, and run it.
 */
#include <string.h>

#include "mote/mote.h"
#include "mote/kernels.h"
#include "core/error.h"
#include "core/layout.h"
#include "core/lower.h"
#include "core/plan.h"
#include "core/step.h"

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

mote_status mote_session_init(mote_session *s, const mote_model *m, void *arena, size_t arena_size)
{
    mote_plan_entry plan[MOTE_MAX_TENSORS];
    mote_lower_tables tables;
    mote_layout layout;
    mote_error err;
    size_t total;
    uint8_t *base = (uint8_t *)arena;
    const mote_graph *g;
    uint32_t i;

    if (s == NULL || m == NULL || arena == NULL || !m->initialized) return MOTE_E_ARG;
    if ((uintptr_t)arena % MOTE_ARENA_ALIGN != 0) return MOTE_E_ARG;
    memset(s, 0, sizeof *s);
    if (arena_size < mote_model_arena_size(m)) return MOTE_E_ARENA_SMALL;
    g = &m->graph;
    /* Re-derive the plan and tables exactly as mote_model_init did; any
     * disagreement would be a bug, reported rather than trusted. */
    if (mote_layout_compute(g->n_ops, g->n_tensors, m->n_channels, &layout) != 0 ||
        layout.state_bytes != m->state_bytes)
        return MOTE_E_STATE;
    if (mote_plan_build(g, plan, &total, &err) != MOTE_OK || total != m->activation_bytes)
        return MOTE_E_STATE;
    MOTE_ASSERT(mote_plan_check(plan, g->n_tensors, total) == MOTE_OK);

    s->model = m;
    s->arena = base;
    s->arena_size = arena_size;
    s->steps = (mote_step *)(void *)(base + layout.steps);
    s->tensor_ref = (uint32_t *)(void *)(base + layout.tensor_refs);
    s->activations = base + layout.state_bytes;
    s->model_base = g->base;
    s->mult = (int32_t *)(void *)(base + layout.mult);
    s->shift = (int8_t *)(base + layout.shift);
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
    tables.mult = s->mult;
    tables.shift = s->shift;
    tables.cap = m->n_channels;
    tables.used = 0;
    for (i = 0; i < g->n_ops; i++) {
        if (mote_lower_op(g, i, &s->steps[i], &tables, &err) != MOTE_OK) {
            s->model = NULL;
            return MOTE_E_STATE;
        }
    }
    for (i = 0; i < g->n_inputs; i++) {
        int32_t t = mote_graph_input(g, i);
        fill_io(&s->inputs[i], g, t, ref_ptr(s, s->tensor_ref[t]));
    }
    for (i = 0; i < g->n_outputs; i++) {
        int32_t t = mote_graph_output(g, i);
        fill_io(&s->outputs[i], g, t, ref_ptr(s, s->tensor_ref[t]));
    }
    return MOTE_OK;
}

mote_tensor *mote_input(mote_session *s, uint32_t i)
{
    if (s == NULL || s->model == NULL || i >= s->model->graph.n_inputs) return NULL;
    return &s->inputs[i];
}

const mote_tensor *mote_output(const mote_session *s, uint32_t i)
{
    if (s == NULL || s->model == NULL || i >= s->model->graph.n_outputs) return NULL;
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
    if (s == NULL || s->model == NULL || data == NULL || bytes == NULL ||
        tensor >= s->model->graph.n_tensors)
        return MOTE_E_ARG;
    mote_graph_get_tensor(&s->model->graph, tensor, &t);
    if (t.data != NULL || s->tensor_ref[tensor] == MOTE_REF_NONE) return MOTE_E_ARG;
    *data = ref_ptr(s, s->tensor_ref[tensor]);
    *bytes = t.bytes;
    return MOTE_OK;
}

/* Run one lowered step. Pointers come from the session's tensor table;
 * constants point into the model bytes and are only read. */
static mote_status run_step(const mote_session *s, const mote_step *st)
{
    const void *a = ref_ptr(s, s->tensor_ref[st->in[0]]);
    const void *w = st->in[1] >= 0 ? ref_ptr(s, s->tensor_ref[st->in[1]]) : NULL;
    const void *b = st->in[2] >= 0 ? ref_ptr(s, s->tensor_ref[st->in[2]]) : NULL;
    void *o = ref_ptr(s, s->tensor_ref[st->out]);
    const mote_requant q = {s->mult + st->q_first, s->shift + st->q_first};

    switch (st->kernel) {
    case MOTE_K_CONV_S8:
        return mote_ref_conv2d_s8(&st->p.conv_s8, &q, &st->in_dims, a, &st->w_dims, w, b,
                                  &st->out_dims, o);
    case MOTE_K_DWCONV_S8:
        return mote_ref_depthwise_conv2d_s8(&st->p.conv_s8, &q, &st->in_dims, a, &st->w_dims, w, b,
                                            &st->out_dims, o);
    case MOTE_K_FC_S8:
        return mote_ref_fully_connected_s8(&st->p.fc_s8, &q, st->rows, st->depth, st->cols, a, w, b,
                                           o);
    case MOTE_K_AVGPOOL_S8:
        return mote_ref_avg_pool_s8(&st->p.pool_s8, &st->in_dims, a, &st->out_dims, o);
    case MOTE_K_MAXPOOL_S8:
        return mote_ref_max_pool_s8(&st->p.pool_s8, &st->in_dims, a, &st->out_dims, o);
    case MOTE_K_ADD_S8:
        return mote_ref_add_s8(&st->p.add_s8, &st->in_dims, a, &st->w_dims, w, &st->out_dims, o);
    case MOTE_K_SOFTMAX_S8:
        return mote_ref_softmax_s8(&st->p.softmax_s8, st->rows, st->depth, a, o);
    case MOTE_K_CONV_F32:
        return mote_ref_conv2d_f32(&st->p.conv_f32, &st->in_dims, a, &st->w_dims, w, b,
                                   &st->out_dims, o);
    case MOTE_K_DWCONV_F32:
        return mote_ref_depthwise_conv2d_f32(&st->p.conv_f32, &st->in_dims, a, &st->w_dims, w, b,
                                             &st->out_dims, o);
    case MOTE_K_FC_F32:
        return mote_ref_fully_connected_f32(st->p.clamp_f32.act_min, st->p.clamp_f32.act_max,
                                            st->rows, st->depth, st->cols, a, w, b, o);
    case MOTE_K_AVGPOOL_F32:
        return mote_ref_avg_pool_f32(&st->p.pool_f32, &st->in_dims, a, &st->out_dims, o);
    case MOTE_K_MAXPOOL_F32:
        return mote_ref_max_pool_f32(&st->p.pool_f32, &st->in_dims, a, &st->out_dims, o);
    case MOTE_K_ADD_F32:
        return mote_ref_add_f32(st->p.clamp_f32.act_min, st->p.clamp_f32.act_max, &st->in_dims, a,
                                &st->w_dims, w, &st->out_dims, o);
    case MOTE_K_SOFTMAX_F32: return mote_ref_softmax_f32(st->p.beta, st->rows, st->depth, a, o);
    case MOTE_K_COPY:
        /* In-place RESHAPE shares the buffer: nothing to move. */
        if (o != a) memcpy(o, a, st->copy_bytes);
        return MOTE_OK;
    default: return MOTE_E_STATE;
    }
}

mote_status mote_invoke(mote_session *s)
{
    uint32_t i, n;
    if (s == NULL) return MOTE_E_ARG;
    if (s->model == NULL) return MOTE_E_STATE;
    n = s->model->graph.n_ops;
    for (i = 0; i < n; i++) {
        mote_status st = run_step(s, &s->steps[i]);
        if (st != MOTE_OK) return st;
        if (s->observer != NULL) s->observer(s->observer_user, s, i);
    }
    return MOTE_OK;
}
