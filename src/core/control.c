/*
 * control.c — several subgraphs and resource variables: build, plan and
 * run; see control.h.
 */
#include "core/control.h"

#include <string.h>

#include "base/error.h"
#include "core/lower.h"
#include "core/plan.h"
#include "core/steps.h"
#include "core/work.h"
#include "kernels/kernel_table.h"
#include "ops/op.h"
#include "ops/op_control.h"

#define ALIGN_UP(x) (((x) + (MOTE_ARENA_ALIGN - 1)) & ~(uint64_t)(MOTE_ARENA_ALIGN - 1))

/* Control table (control.h): header words, then records. */
enum { T_N_SUB = 0, T_VAR_REF = 1, T_N_VARS = 2, T_N_STEPS = 3, T_HEAD = 4 };
enum { S_STEP = 0, S_N_STEPS = 1, S_TENSOR = 2, S_N_IN = 3, S_N_OUT = 4, S_IO = 5, S_WORDS = 6 };
enum { V_BYTES = 0, V_FILL = 1, V_WORDS = 2 };
#define NO_CALL 0xFFFFFFFFu
#define REF_NONE 0xFFFFFFFFu
#define REF_CONST 0x80000000u

/* What the build knows about the model's subgraphs. */
typedef struct cf_info {
    uint32_t n_sub, n_vars, max_depth;
    int32_t depth[MOTE_MAX_SUBGRAPHS]; /* longest call chain from subgraph 0; -1: not reached */
    uint32_t step_base[MOTE_MAX_SUBGRAPHS], tensor_base[MOTE_MAX_SUBGRAPHS];
    uint32_t acts[MOTE_MAX_SUBGRAPHS], region[MOTE_MAX_SUBGRAPHS];
    uint64_t steps, tensors, operands, io, prefix, params, tables, acts_end;
} cf_info;

int mote_cf_needed(const mote_graph *g)
{
    uint32_t i;
    for (i = 0; i < g->n_ops; i++) {
        mote_graph_op op;
        const mote_op_def *def;
        if (mote_graph_get_op(g, i, &op) != MOTE_OK) return 0;
        def = mote_op_find_op(&op);
        if (def != NULL && (def->flags & MOTE_OPF_CONTROL)) return 1;
    }
    return 0;
}

/* The call graph from subgraph 0: reach, depth, recursion. */
static mote_status scan(const mote_graph *g0, cf_info *f, mote_error *err)
{
    uint32_t n = g0->n_subgraphs, r, k, i, j;
    memset(f, 0, sizeof *f);
    if (n > MOTE_MAX_SUBGRAPHS)
        return mote_error_set(err, MOTE_E_LIMIT, -1, -1, 0,
                              "model has %u subgraphs; this build allows %d (MOTE_MAX_SUBGRAPHS)",
                              (unsigned)n, MOTE_MAX_SUBGRAPHS);
    f->n_sub = n;
    for (k = 0; k < n; k++)
        f->depth[k] = -1;
    f->depth[0] = 0;
    /* Longest chains, one level per round: a subgraph is expanded at every
     * depth it reaches; beyond n - 1 levels there must be a cycle. */
    for (r = 0; r < n; r++) {
        for (k = 0; k < n; k++) {
            mote_graph sub;
            if (f->depth[k] != (int32_t)r) continue;
            mote_graph_subgraph(g0, k, &sub);
            for (i = 0; i < sub.n_ops; i++) {
                int32_t callee[2];
                uint32_t nc;
                mote_control_callees(&sub, i, callee, &nc);
                for (j = 0; j < nc; j++) {
                    if (callee[j] < 0 || (uint32_t)callee[j] >= n)
                        return mote_error_set(err, MOTE_E_INDEX, (int32_t)i, -1, 0,
                                              "operator %u of subgraph %u runs subgraph %d; "
                                              "the model has %u",
                                              (unsigned)i, (unsigned)k, (int)callee[j],
                                              (unsigned)n);
                    if (r + 1 >= n)
                        return mote_error_set(err, MOTE_E_GRAPH, (int32_t)i, -1, 0,
                                              "operator %u of subgraph %u runs subgraph %d, "
                                              "which is already running (recursion)",
                                              (unsigned)i, (unsigned)k, (int)callee[j]);
                    if (f->depth[callee[j]] < (int32_t)(r + 1))
                        f->depth[callee[j]] = (int32_t)(r + 1);
                    if (r + 1 > f->max_depth) f->max_depth = r + 1;
                }
            }
        }
    }
    if (f->max_depth > MOTE_MAX_SUBGRAPH_DEPTH)
        return mote_error_set(err, MOTE_E_LIMIT, -1, -1, 0,
                              "subgraph calls nest %u deep; this build allows %d "
                              "(MOTE_MAX_SUBGRAPH_DEPTH)",
                              (unsigned)f->max_depth, MOTE_MAX_SUBGRAPH_DEPTH);
    for (k = 0; k < n; k++) {
        mote_graph sub;
        if (f->depth[k] < 0) continue;
        mote_graph_subgraph(g0, k, &sub);
        if (sub.n_tensors > MOTE_MAX_TENSORS || sub.n_ops > MOTE_MAX_OPS)
            return mote_error_set(err, MOTE_E_LIMIT, -1, -1, 0,
                                  "subgraph %u has %u tensors and %u operators; this build "
                                  "allows %d and %d (MOTE_MAX_TENSORS, MOTE_MAX_OPS)",
                                  (unsigned)k, (unsigned)sub.n_tensors, (unsigned)sub.n_ops,
                                  MOTE_MAX_TENSORS, MOTE_MAX_OPS);
        f->step_base[k] = (uint32_t)f->steps;
        f->tensor_base[k] = (uint32_t)f->tensors;
        f->steps += sub.n_ops;
        f->tensors += sub.n_tensors;
        f->io += (uint64_t)sub.n_inputs + sub.n_outputs;
    }
    f->n_vars = mote_control_var_count(g0);
    /* Operands hold global tensor indices in 16 bits. */
    if (f->tensors + f->n_vars > INT16_MAX || f->steps > INT16_MAX)
        return mote_error_set(err, MOTE_E_LIMIT, -1, -1, 0,
                              "subgraphs hold %U tensors and %U operators together; at most "
                              "32767 of each",
                              (unsigned long long)f->tensors, (unsigned long long)f->steps);
    return MOTE_OK;
}

/* Name the subgraph in an error about one of its operators. */
static mote_status in_sub(mote_status s, mote_error *err, uint32_t k)
{
    if (s != MOTE_OK && k != 0) mote_error_append(err, " (subgraph %u)", (unsigned)k);
    return s;
}

/* Count pass for every reached subgraph: lower, plan, scratch. */
static mote_status count(const mote_graph *g0, uint32_t isa, cf_info *f, mote_plan_entry *plan,
                         mote_error *err)
{
    uint32_t k, j, v;
    for (k = 0; k < f->n_sub; k++) {
        mote_graph sub;
        mote_steps_sizes sz;
        size_t total;
        mote_status s;
        uint64_t acts;
        if (f->depth[k] < 0) continue;
        mote_graph_subgraph(g0, k, &sub);
        if (k != 0 && (s = mote_lower_check_ops(&sub, err)) != MOTE_OK) return in_sub(s, err, k);
        if ((s = mote_steps_build(&sub, isa, NULL, NULL, NULL, NULL, &sz, err, NULL)) != MOTE_OK ||
            (s = mote_plan_build(&sub, plan, &total, err)) != MOTE_OK ||
            (s = mote_steps_build(&sub, isa, plan, NULL, NULL, NULL, &sz, err, NULL)) != MOTE_OK)
            return in_sub(s, err, k);
        acts = ALIGN_UP((uint64_t)total);
        if (ALIGN_UP(sz.scratch_end) > acts) acts = ALIGN_UP(sz.scratch_end);
        if (acts > UINT32_MAX / 4)
            return mote_error_set(err, MOTE_E_OVERFLOW, -1, -1, 0, "activations overflow");
        f->acts[k] = (uint32_t)acts;
        f->operands += sz.operands;
        f->prefix += sz.prefix_bytes;
        f->params += sz.params_bytes;
        f->tables += sz.table_bytes;
    }
    /* Regions: by depth, so every caller is placed before its callees. */
    for (j = 0; j <= f->max_depth; j++) {
        for (k = 0; k < f->n_sub; k++) {
            mote_graph sub;
            uint32_t i;
            if (f->depth[k] != (int32_t)j) continue;
            mote_graph_subgraph(g0, k, &sub);
            for (i = 0; i < sub.n_ops; i++) {
                int32_t callee[2];
                uint32_t nc, c;
                mote_control_callees(&sub, i, callee, &nc);
                for (c = 0; c < nc; c++)
                    if (f->region[callee[c]] < f->region[k] + f->acts[k])
                        f->region[callee[c]] = f->region[k] + f->acts[k];
            }
        }
    }
    for (k = 0; k < f->n_sub; k++)
        if (f->depth[k] >= 0 && (uint64_t)f->region[k] + f->acts[k] > f->acts_end)
            f->acts_end = (uint64_t)f->region[k] + f->acts[k];
    f->acts_end = ALIGN_UP(f->acts_end);
    for (v = 0; v < f->n_vars; v++) {
        uint32_t bytes;
        int32_t fill;
        mote_control_var(g0, v, &bytes, &fill);
        f->acts_end += ALIGN_UP((uint64_t)bytes);
    }
    if (f->acts_end > UINT32_MAX - MOTE_ARENA_ALIGN)
        return mote_error_set(err, MOTE_E_OVERFLOW, -1, -1, 0, "activations need more than 4 GB");
    return MOTE_OK;
}

static uint64_t table_bytes(const cf_info *f)
{
    return 4u * ((uint64_t)T_HEAD + (uint64_t)S_WORDS * f->n_sub + (uint64_t)V_WORDS * f->n_vars);
}

static mote_status layout_of(const cf_info *f, mote_layout *l, mote_error *err)
{
    if (mote_layout_compute((uint32_t)f->steps, f->io, (uint32_t)(f->tensors + f->n_vars),
                            f->params + table_bytes(f), l) != 0 ||
        f->acts_end > SIZE_MAX - l->state_bytes)
        return mote_error_set(err, MOTE_E_OVERFLOW, -1, -1, 0, "runtime state overflows");
    return MOTE_OK;
}

static MOTE_NOINLINE mote_status plan_all(const mote_graph *g0, uint32_t isa, cf_info *f,
                                          mote_error *err)
{
    mote_plan_entry plan[MOTE_MAX_TENSORS];
    mote_status s = scan(g0, f, err);
    return s == MOTE_OK ? count(g0, isa, f, plan, err) : s;
}

mote_status mote_cf_plan_model(mote_model *m, uint32_t isa)
{
    cf_info f;
    mote_layout l;
    mote_status s;
    if ((s = plan_all(&m->graph, isa, &f, &m->error)) != MOTE_OK) return s;
    if ((s = layout_of(&f, &l, &m->error)) != MOTE_OK) return s;
    m->isa = isa;
    m->n_steps = (uint32_t)f.steps;
    m->n_refs = (uint32_t)(f.tensors + f.n_vars);
    m->n_operands = (uint32_t)f.io; /* the steps' lists are in their prefixes */
    m->prefix_bytes = (uint32_t)f.prefix;
    m->params_bytes = (uint32_t)(f.params + table_bytes(&f));
    m->table_bytes = (uint32_t)f.tables;
    m->control_at = (uint32_t)(l.params + f.params);
    m->activation_bytes = (size_t)f.acts_end;
    m->state_bytes = l.state_bytes;
    return MOTE_OK;
}

/* Write pass for subgraph k: tensor table entries, steps, operands. */
static mote_status write_sub(mote_session *s, const mote_model *m, const mote_layout *l,
                             const cf_info *f, uint32_t k, mote_plan_entry *plan, uint64_t *prefix,
                             uint64_t *params)
{
    mote_graph sub;
    mote_layout at = *l;
    mote_steps_sizes sz;
    size_t total;
    uint32_t i, j;
    mote_status st;
    mote_graph_subgraph(&m->graph, k, &sub);
    if (mote_plan_build(&sub, plan, &total, &s->error) != MOTE_OK || ALIGN_UP(total) > f->acts[k])
        return mote_error_set(&s->error, MOTE_E_STATE, -1, -1, 0,
                              "activations differ from what the model planned");
    for (i = 0; i < sub.n_tensors; i++) {
        mote_graph_tensor t;
        uint32_t *ref = &s->tensor_ref[f->tensor_base[k] + i];
        mote_graph_get_tensor(&sub, i, &t);
        if (t.data != NULL)
            *ref = (uint32_t)(t.data - sub.base) | REF_CONST;
        else if (plan[i].used)
            *ref = f->region[k] + plan[i].offset;
        else
            *ref = REF_NONE;
    }
    at.steps += (size_t)f->step_base[k] * sizeof(mote_step);
    at.params = (size_t)*params;
    if ((st = mote_steps_build(&sub, m->isa, plan, NULL, &at, s->state, &sz, &s->error, NULL)) !=
        MOTE_OK)
        return st;
    /* Global numbering: operand lists, tensors and scratch. */
    for (i = 0; i < sub.n_ops; i++) {
        const mote_step *step = &s->steps[f->step_base[k] + i];
        int16_t *o = mote_step_operands(s->state, step);
        uint32_t *scratch = mote_step_scratch_word(s->state, step);
        for (j = 0; j < (uint32_t)step->n_in + step->n_out; j++)
            if (o[j] >= 0) o[j] = (int16_t)(o[j] + (int32_t)f->tensor_base[k]);
        if (scratch != NULL && *scratch != MOTE_NO_SCRATCH) *scratch += f->region[k];
    }
    *prefix += sz.prefix_bytes;
    *params += sz.params_bytes;
    return MOTE_OK;
}

static MOTE_NOINLINE mote_status write_all(mote_session *s, const mote_model *m,
                                           const mote_layout *l, cf_info *f)
{
    mote_plan_entry plan[MOTE_MAX_TENSORS];
    uint64_t prefix = 0, params = l->params, acts;
    uint32_t *tab, k, v, io;
    mote_status st;
    if ((st = scan(&m->graph, f, &s->error)) != MOTE_OK ||
        (st = count(&m->graph, m->isa, f, plan, &s->error)) != MOTE_OK)
        return st;
    for (k = 0; k < f->n_sub; k++)
        if (f->depth[k] >= 0 && (st = write_sub(s, m, l, f, k, plan, &prefix, &params)) != MOTE_OK)
            return st;
    if (params != m->control_at || prefix != f->prefix)
        return mote_error_set(&s->error, MOTE_E_STATE, -1, -1, 0,
                              "steps differ from what the model planned");
    tab = (uint32_t *)(void *)(s->state + m->control_at);
    tab[T_N_SUB] = f->n_sub;
    tab[T_VAR_REF] = (uint32_t)f->tensors;
    tab[T_N_VARS] = f->n_vars;
    tab[T_N_STEPS] = (uint32_t)f->steps;
    io = 0; /* the operand array holds these lists alone */
    for (k = 0; k < f->n_sub; k++) {
        uint32_t *r = tab + T_HEAD + S_WORDS * k, i;
        mote_graph sub;
        memset(r, 0, S_WORDS * sizeof *r);
        if (f->depth[k] < 0) continue;
        mote_graph_subgraph(&m->graph, k, &sub);
        r[S_STEP] = f->step_base[k];
        r[S_N_STEPS] = sub.n_ops;
        r[S_TENSOR] = f->tensor_base[k];
        r[S_N_IN] = sub.n_inputs;
        r[S_N_OUT] = sub.n_outputs;
        r[S_IO] = io;
        for (i = 0; i < sub.n_inputs; i++)
            s->operands[io++] = (int16_t)(mote_graph_input(&sub, i) + (int32_t)f->tensor_base[k]);
        for (i = 0; i < sub.n_outputs; i++)
            s->operands[io++] = (int16_t)(mote_graph_output(&sub, i) + (int32_t)f->tensor_base[k]);
    }
    acts = f->acts_end;
    for (v = f->n_vars; v > 0; v--) {
        uint32_t bytes;
        int32_t fill;
        uint32_t *r = tab + T_HEAD + S_WORDS * f->n_sub + V_WORDS * (v - 1);
        mote_control_var(&m->graph, v - 1, &bytes, &fill);
        acts -= ALIGN_UP((uint64_t)bytes);
        s->tensor_ref[f->tensors + v - 1] = (uint32_t)acts;
        r[V_BYTES] = bytes;
        r[V_FILL] = (uint32_t)fill;
    }
    return MOTE_OK;
}

mote_status mote_cf_lay_out(mote_session *s, const mote_model *m, const mote_layout *layout)
{
    cf_info f;
    mote_status st = write_all(s, m, layout, &f);
    if (st == MOTE_OK && f.acts_end != m->activation_bytes)
        return mote_error_set(&s->error, MOTE_E_STATE, -1, -1, 0,
                              "activations differ from what the model planned");
    return st;
}

/* ---- the interpreter ---------------------------------------------------- */

static uint32_t *control_table(const mote_session *s)
{
    return (uint32_t *)(void *)(s->state + s->model->control_at);
}

static const uint32_t *sub_rec(const mote_session *s, uint32_t k)
{
    return control_table(s) + T_HEAD + S_WORDS * k;
}

static uint8_t *var_ptr(const mote_session *s, uint32_t id)
{
    return s->activations + s->tensor_ref[control_table(s)[T_VAR_REF] + id];
}

/* Copy n tensors (global indices) src[k] -> dst[k], bytes[k] each. */
static void copy_list(const mote_session *s, const int16_t *dst, const int16_t *src,
                      const uint32_t *bytes, uint32_t n)
{
    uint32_t k;
    for (k = 0; k < n; k++) {
        uint8_t *d = mote_session_ref(s, dst[k]);
        const uint8_t *from = mote_session_ref(s, src[k]);
        if (d != from) memmove(d, from, bytes[k]);
    }
}

/* One turn of control step st: *call receives the subgraph to run next
 * (NO_CALL when the step is done); *phase carries where it is. */
static mote_status control(mote_session *s, const mote_step *st, uint32_t *phase, uint32_t *call)
{
    uint32_t *w = (uint32_t *)(void *)(s->state + st->params);
    const int16_t *ins = mote_step_operands(s->state, st), *outs = ins + st->n_in;
    const uint32_t *bytes = w + MOTE_CTL_BYTES, *r;
    uint32_t n = w[MOTE_CTL_N_IN];
    *call = NO_CALL;
    switch (w[MOTE_CTL_KIND]) {
    case MOTE_CTL_IF:
        if (*phase == 0) {
            int yes = *mote_session_ref(s, ins[0]) != 0;
            *call = yes ? w[MOTE_CTL_SUB_A] : w[MOTE_CTL_SUB_B];
            r = sub_rec(s, *call);
            copy_list(s, s->operands + r[S_IO], ins + 1, bytes, n);
            *phase = yes ? 1u : 2u;
            return MOTE_OK;
        }
        r = sub_rec(s, *phase == 1 ? w[MOTE_CTL_SUB_A] : w[MOTE_CTL_SUB_B]);
        copy_list(s, outs, s->operands + r[S_IO] + r[S_N_IN], bytes + n, w[MOTE_CTL_N_OUT]);
        *phase = 0;
        return MOTE_OK;
    case MOTE_CTL_WHILE: {
        const uint32_t *cond = sub_rec(s, w[MOTE_CTL_SUB_A]);
        const uint32_t *body = sub_rec(s, w[MOTE_CTL_SUB_B]);
        if (*phase == 0) {
            copy_list(s, outs, ins, bytes, n);
        } else if (*phase == 2) {
            if (*mote_session_ref(s, s->operands[cond[S_IO] + cond[S_N_IN]]) == 0) {
                *phase = 0;
                return MOTE_OK;
            }
            copy_list(s, s->operands + body[S_IO], outs, bytes, n);
            *phase = 3;
            *call = w[MOTE_CTL_SUB_B];
            return MOTE_OK;
        } else {
            copy_list(s, outs, s->operands + body[S_IO] + body[S_N_IN], bytes + n, n);
        }
        copy_list(s, s->operands + cond[S_IO], outs, bytes, n);
        *phase = 2;
        *call = w[MOTE_CTL_SUB_A];
        return MOTE_OK;
    }
    case MOTE_CTL_CALL_ONCE:
        if (*phase == 0 && w[MOTE_CTL_ONCE_DONE] == 0) {
            *phase = 1;
            *call = w[MOTE_CTL_SUB_A];
            return MOTE_OK;
        }
        if (*phase == 1) w[MOTE_CTL_ONCE_DONE] = 1;
        *phase = 0;
        return MOTE_OK;
    case MOTE_CTL_VAR_HANDLE:
        /* READ / ASSIGN were tied to the variable at load. */
        return MOTE_OK;
    case MOTE_CTL_READ_VARIABLE:
        memcpy(mote_session_ref(s, outs[0]), var_ptr(s, w[1]), w[2]);
        return MOTE_OK;
    case MOTE_CTL_ASSIGN_VARIABLE:
        memmove(var_ptr(s, w[1]), mote_session_ref(s, ins[1]), w[2]);
        return MOTE_OK;
    default: return MOTE_E_STATE;
    }
}

typedef struct frame {
    uint32_t pc, end, phase;
} frame;

mote_status mote_cf_run(mote_session *s, uint32_t i)
{
    frame f[MOTE_MAX_SUBGRAPH_DEPTH + 1];
    uint32_t d = 0;
    f[0].pc = i;
    f[0].end = i + 1;
    f[0].phase = 0;
    for (;;) {
        frame *fr = &f[d];
        const mote_step *st;
        uint32_t call;
        mote_status rc;
        if (fr->pc >= fr->end) {
            if (d == 0) return MOTE_OK;
            d--;
            continue;
        }
        st = &s->steps[fr->pc];
        if (!mote_cf_is_control(st)) {
            if ((rc = mote_session_run_step(s, st)) != MOTE_OK) return rc;
            fr->pc++;
            continue;
        }
        if ((rc = control(s, st, &fr->phase, &call)) != MOTE_OK) return rc;
        if (call == NO_CALL) {
            fr->pc++;
            continue;
        }
        /* Load refused deeper nesting; this cannot trigger. */
        if (d >= MOTE_MAX_SUBGRAPH_DEPTH) return MOTE_E_STATE;
        d++;
        f[d].pc = sub_rec(s, call)[S_STEP];
        f[d].end = f[d].pc + sub_rec(s, call)[S_N_STEPS];
        f[d].phase = 0;
    }
}

void mote_cf_reset(mote_session *s)
{
    const uint32_t *tab, *vars;
    uint32_t v, i;
    if (s->model->control_at == 0) return;
    tab = control_table(s);
    vars = tab + T_HEAD + S_WORDS * tab[T_N_SUB];
    for (v = 0; v < tab[T_N_VARS]; v++)
        memset(var_ptr(s, v), (int)(int32_t)vars[V_WORDS * v + V_FILL],
               vars[V_WORDS * v + V_BYTES]);
    for (i = 0; i < tab[T_N_STEPS]; i++) {
        const mote_step *st = &s->steps[i];
        uint32_t *w = (uint32_t *)(void *)(s->state + st->params);
        if (mote_cf_is_control(st) && w[MOTE_CTL_KIND] == MOTE_CTL_CALL_ONCE)
            w[MOTE_CTL_ONCE_DONE] = 0;
    }
}
