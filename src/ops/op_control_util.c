/*
 * op_control_util.c — lowering of the control-flow and resource-variable
 * operators (ops/op_control.h), shared by their op files, and what the
 * interpreter's build needs to know about them: the subgraphs an operator
 * runs and the model's variables.
 */
#include <string.h>

#include "ops/op.h"
#include "ops/op_control.h"

/* Options fields (schema.fbs): IfOptions then, else; WhileOptions cond,
 * body; CallOnceOptions init; VarHandleOptions container, shared_name. */

mote_status mote_control_callees(const mote_graph *g, uint32_t i, int32_t sub[2], uint32_t *n)
{
    mote_graph_op op;
    *n = 0;
    sub[0] = sub[1] = -1;
    if (mote_graph_get_op(g, i, &op) != MOTE_OK) return MOTE_E_ARG;
    if (op.code == MOTE_OP_IF || op.code == MOTE_OP_WHILE) {
        sub[0] = mote_graph_opt_i32(&op, 0, 0);
        sub[1] = mote_graph_opt_i32(&op, 1, 0);
        *n = 2;
    } else if (op.code == MOTE_OP_CALL_ONCE) {
        sub[0] = mote_graph_opt_i32(&op, 0, 0);
        *n = 1;
    }
    return MOTE_OK;
}

/* Every operator of every subgraph, in order: subgraph 0 first. */
typedef struct walk {
    mote_graph sub;
    uint32_t j, i;
    mote_graph_op op;
} walk;

static void walk_start(walk *w, const mote_graph *g)
{
    memset(w, 0, sizeof *w);
    w->j = 0;
    w->i = 0;
    if (mote_graph_subgraph(g, 0, &w->sub) != MOTE_OK) w->sub.n_subgraphs = 0;
}

static int walk_next(walk *w)
{
    for (;;) {
        if (w->j >= w->sub.n_subgraphs) return 0;
        if (w->i < w->sub.n_ops) {
            mote_graph_get_op(&w->sub, w->i, &w->op);
            w->i++;
            return 1;
        }
        w->j++;
        w->i = 0;
        if (w->j >= w->sub.n_subgraphs || mote_graph_subgraph(&w->sub, w->j, &w->sub) != MOTE_OK)
            return 0;
    }
}

/* container and shared_name of a VAR_HANDLE; 0 if either string is bad. */
static int names(const mote_graph *g, const mote_graph_op *op, const char *s[2], uint32_t n[2])
{
    return mote_graph_opt_string(g, op, 0, &s[0], &n[0]) == MOTE_OK &&
           mote_graph_opt_string(g, op, 1, &s[1], &n[1]) == MOTE_OK;
}

static int same_names(const char *a[2], const uint32_t an[2], const char *b[2],
                      const uint32_t bn[2])
{
    uint32_t k;
    for (k = 0; k < 2; k++)
        if (an[k] != bn[k] || (an[k] != 0 && memcmp(a[k], b[k], an[k]) != 0)) return 0;
    return 1;
}

/* Id of the variable named s/n: distinct names before its first VAR_HANDLE
 * in walk order; -1 when no VAR_HANDLE names it (or too many handles). */
static int32_t id_of(const mote_graph *g, const char *s[2], const uint32_t n[2])
{
    walk w, v;
    int32_t id = 0;
    uint32_t handles = 0;
    walk_start(&w, g);
    while (walk_next(&w)) {
        const char *ws[2], *vs[2];
        uint32_t wn[2], vn[2];
        int first = 1;
        if (w.op.code != MOTE_OP_VAR_HANDLE) continue;
        if (++handles > MOTE_CTL_MAX_HANDLES || !names(&w.sub, &w.op, ws, wn)) return -1;
        if (same_names(ws, wn, s, n)) return id;
        /* A name seen before takes no new id. */
        walk_start(&v, g);
        while (walk_next(&v) && (v.j < w.j || (v.j == w.j && v.i < w.i))) {
            if (v.op.code != MOTE_OP_VAR_HANDLE || !names(&v.sub, &v.op, vs, vn)) continue;
            if (same_names(vs, vn, ws, wn)) {
                first = 0;
                break;
            }
        }
        id += first;
    }
    return -1;
}

/* Variable id of the resource tensor t read by operator `at` of g: t must
 * be the output of an earlier VAR_HANDLE of g. -1 otherwise. */
static int32_t resource_id(const mote_graph *g, uint32_t at, int32_t t)
{
    uint32_t i;
    for (i = 0; i < at && t >= 0; i++) {
        mote_graph_op op;
        const char *s[2];
        uint32_t n[2];
        mote_graph_get_op(g, i, &op);
        if (op.code != MOTE_OP_VAR_HANDLE || op.n_outputs != 1 || mote_graph_op_output(&op, 0) != t)
            continue;
        return names(g, &op, s, n) ? id_of(g, s, n) : -1;
    }
    return -1;
}

uint32_t mote_control_var_count(const mote_graph *g)
{
    walk w;
    int32_t best = -1;
    walk_start(&w, g);
    while (walk_next(&w)) {
        const char *s[2];
        uint32_t n[2];
        int32_t id;
        if (w.op.code != MOTE_OP_VAR_HANDLE || !names(&w.sub, &w.op, s, n)) continue;
        id = id_of(g, s, n);
        if (id > best) best = id;
    }
    return (uint32_t)(best + 1);
}

/* The first ASSIGN_VARIABLE of variable v: its value tensor, in *t. */
static int first_assign(const mote_graph *g, uint32_t v, mote_graph_tensor *t)
{
    walk w;
    walk_start(&w, g);
    while (walk_next(&w)) {
        int32_t value;
        if (w.op.code != MOTE_OP_ASSIGN_VARIABLE || w.op.n_inputs != 2) continue;
        if (resource_id(&w.sub, w.i - 1, mote_graph_op_input(&w.op, 0)) != (int32_t)v) continue;
        value = mote_graph_op_input(&w.op, 1);
        if (value < 0 || mote_graph_get_tensor(&w.sub, (uint32_t)value, t) != MOTE_OK) return 0;
        return 1;
    }
    return 0;
}

void mote_control_var(const mote_graph *g, uint32_t v, uint32_t *bytes, int32_t *fill)
{
    mote_graph_tensor t;
    *bytes = 0;
    *fill = 0;
    if (!first_assign(g, v, &t) || t.bytes > UINT32_MAX - 64u) return;
    *bytes = (uint32_t)t.bytes;
    /* As TFLite Micro: an int8 variable starts at its zero point. */
    if (t.type == MOTE_INT8 && t.n_zero_points > 0)
        *fill = (int32_t)(int8_t)mote_graph_tensor_zero_point(&t, 0);
}

/* Write the block (counting: only its size). */
static mote_status put_block(mote_lower_ctx *c, const uint32_t *words, uint32_t n)
{
    c->kernel = -1;
    c->block_bytes = 4u * n;
    c->channels = 0;
    if (c->dest == NULL) return MOTE_OK;
    if ((size_t)c->block_bytes > c->dest_cap)
        return mote_lower_fail(c, MOTE_E_STATE, -1, "runtime state is smaller than planned");
    memcpy(c->dest, words, c->block_bytes);
    c->block = c->dest;
    return MOTE_OK;
}

static mote_status get(mote_lower_ctx *c, const mote_graph *g, int32_t idx, mote_graph_tensor *t)
{
    memset(t, 0, sizeof *t);
    if (idx < 0 || mote_graph_get_tensor(g, (uint32_t)idx, t) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_GRAPH, idx, "omitted or bad operand tensor %d", (int)idx);
    return MOTE_OK;
}

/* Operand tensor (of this operator) and subgraph tensor must hold the same
 * bytes: same type and element count. */
static mote_status same(mote_lower_ctx *c, int32_t idx, const mote_graph *sub, int32_t sidx,
                        const char *what, uint32_t k, uint32_t *bytes)
{
    mote_graph_tensor a, b;
    mote_status s;
    (void)what; /* in messages only (none with MOTE_NO_STRINGS) */
    (void)k;
    if ((s = get(c, c->g, idx, &a)) != MOTE_OK) return s;
    if ((s = get(c, sub, sidx, &b)) != MOTE_OK) return s;
    if (a.type != b.type || a.elements != b.elements || a.bytes != b.bytes || a.bytes == 0 ||
        a.bytes > UINT32_MAX)
        return mote_lower_fail(c, MOTE_E_GRAPH, idx,
                               "tensor %d (%s, %U elements) does not match subgraph %u's %s %u "
                               "(%s, %U elements)",
                               (int)idx, mote_type_name(a.type), (unsigned long long)a.elements,
                               (unsigned)sub->subgraph, what, (unsigned)k, mote_type_name(b.type),
                               (unsigned long long)b.elements);
    *bytes = (uint32_t)a.bytes;
    return MOTE_OK;
}

static mote_status subgraph(mote_lower_ctx *c, int32_t k, mote_graph *sub)
{
    memset(sub, 0, sizeof *sub);
    if (k < 0 || (uint32_t)k >= c->g->n_subgraphs ||
        mote_graph_subgraph(c->g, (uint32_t)k, sub) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_INDEX, -1,
                               "subgraph index %d out of range (model has %u subgraphs)", (int)k,
                               (unsigned)c->g->n_subgraphs);
    return MOTE_OK;
}

/* Outputs of the operator: tensors of the arena, not constants. */
static mote_status outputs_written(mote_lower_ctx *c)
{
    uint32_t k;
    for (k = 0; k < c->op.n_outputs; k++) {
        mote_graph_tensor t;
        int32_t idx = mote_graph_op_output(&c->op, k);
        mote_status s;
        if ((s = get(c, c->g, idx, &t)) != MOTE_OK) return s;
        if (t.data != NULL)
            return mote_lower_fail(c, MOTE_E_GRAPH, idx, "writes constant tensor %d", (int)idx);
    }
    return MOTE_OK;
}

#define CTL_MAX_WORDS (MOTE_CTL_BYTES + 2 * (MOTE_MAX_OP_INPUTS + MOTE_MAX_OP_OUTPUTS) + 1)

mote_status mote_ctl_lower_call(mote_lower_ctx *c, int kind)
{
    uint32_t w[CTL_MAX_WORDS];
    mote_graph a, b;
    uint32_t k, n_in = c->op.n_inputs, n_out = c->op.n_outputs, at = MOTE_CTL_BYTES;
    mote_status s;
    memset(w, 0, sizeof w);
    w[MOTE_CTL_KIND] = (uint32_t)kind;
    if (n_in > MOTE_MAX_OP_INPUTS || n_out > MOTE_MAX_OP_OUTPUTS)
        return mote_lower_fail(
            c, MOTE_E_LIMIT, -1, "has %u inputs and %u outputs; this build allows %d and %d",
            (unsigned)n_in, (unsigned)n_out, MOTE_MAX_OP_INPUTS, MOTE_MAX_OP_OUTPUTS);
    if ((s = outputs_written(c)) != MOTE_OK) return s;
    if (kind == MOTE_CTL_CALL_ONCE) {
        int32_t init = mote_graph_opt_i32(&c->op, 0, 0);
        if (n_in != 0 || n_out != 0)
            return mote_lower_fail(c, MOTE_E_GRAPH, -1,
                                   "has %u inputs and %u outputs; expected none", (unsigned)n_in,
                                   (unsigned)n_out);
        if ((s = subgraph(c, init, &a)) != MOTE_OK) return s;
        if (a.n_inputs != 0 || a.n_outputs != 0)
            return mote_lower_fail(c, MOTE_E_GRAPH, -1,
                                   "init subgraph %d has %u inputs and %u outputs; expected none",
                                   (int)init, (unsigned)a.n_inputs, (unsigned)a.n_outputs);
        w[MOTE_CTL_SUB_A] = w[MOTE_CTL_SUB_B] = (uint32_t)init;
        return put_block(c, w, MOTE_CTL_ONCE_DONE + 1);
    }
    if ((s = subgraph(c, mote_graph_opt_i32(&c->op, 0, 0), &a)) != MOTE_OK) return s;
    if ((s = subgraph(c, mote_graph_opt_i32(&c->op, 1, 0), &b)) != MOTE_OK) return s;
    w[MOTE_CTL_SUB_A] = a.subgraph;
    w[MOTE_CTL_SUB_B] = b.subgraph;
    if (kind == MOTE_CTL_IF) {
        mote_graph_tensor cond;
        uint32_t j;
        if (n_in < 1 || (s = get(c, c->g, mote_graph_op_input(&c->op, 0), &cond)) != MOTE_OK)
            return n_in < 1 ? mote_lower_fail(c, MOTE_E_GRAPH, -1, "has no condition input") : s;
        if (cond.type != MOTE_BOOL || cond.elements < 1)
            return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, mote_graph_op_input(&c->op, 0),
                                   "condition is %s; expected a BOOL tensor",
                                   mote_type_name(cond.type));
        for (j = 0; j < 2; j++) {
            const mote_graph *br = j == 0 ? &a : &b;
            if (br->n_inputs != n_in - 1 || br->n_outputs != n_out)
                return mote_lower_fail(c, MOTE_E_GRAPH, -1,
                                       "has %u inputs after the condition and %u outputs; "
                                       "subgraph %u has %u and %u",
                                       (unsigned)(n_in - 1), (unsigned)n_out,
                                       (unsigned)br->subgraph, (unsigned)br->n_inputs,
                                       (unsigned)br->n_outputs);
            for (k = 0; k + 1 < n_in; k++)
                if ((s = same(c, mote_graph_op_input(&c->op, k + 1), br, mote_graph_input(br, k),
                              "input", k, &w[at + k])) != MOTE_OK)
                    return s;
            for (k = 0; k < n_out; k++)
                if ((s = same(c, mote_graph_op_output(&c->op, k), br, mote_graph_output(br, k),
                              "output", k, &w[at + n_in - 1 + k])) != MOTE_OK)
                    return s;
        }
        w[MOTE_CTL_N_IN] = n_in - 1;
        w[MOTE_CTL_N_OUT] = n_out;
        return put_block(c, w, at + n_in - 1 + n_out);
    }
    /* WHILE: n loop-carried tensors, through cond (one BOOL out) and body. */
    if (n_in != n_out || n_in == 0)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1,
                               "has %u inputs and %u outputs; expected n and n", (unsigned)n_in,
                               (unsigned)n_out);
    if (a.n_inputs != n_in || a.n_outputs != 1 || b.n_inputs != n_in || b.n_outputs != n_in)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1,
                               "carries %u tensors; cond subgraph %u has %u inputs and %u "
                               "outputs (expected %u and 1), body subgraph %u %u and %u",
                               (unsigned)n_in, (unsigned)a.subgraph, (unsigned)a.n_inputs,
                               (unsigned)a.n_outputs, (unsigned)n_in, (unsigned)b.subgraph,
                               (unsigned)b.n_inputs, (unsigned)b.n_outputs);
    {
        mote_graph_tensor cond;
        if ((s = get(c, &a, mote_graph_output(&a, 0), &cond)) != MOTE_OK) return s;
        if (cond.type != MOTE_BOOL || cond.elements < 1)
            return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, -1,
                                   "cond subgraph %u outputs %s; expected a BOOL tensor",
                                   (unsigned)a.subgraph, mote_type_name(cond.type));
    }
    for (k = 0; k < n_in; k++) {
        uint32_t bytes;
        if ((s = same(c, mote_graph_op_input(&c->op, k), &a, mote_graph_input(&a, k), "input", k,
                      &w[at + k])) != MOTE_OK ||
            (s = same(c, mote_graph_op_input(&c->op, k), &b, mote_graph_input(&b, k), "input", k,
                      &bytes)) != MOTE_OK ||
            (s = same(c, mote_graph_op_output(&c->op, k), &b, mote_graph_output(&b, k), "output", k,
                      &w[at + n_in + k])) != MOTE_OK ||
            (s = same(c, mote_graph_op_input(&c->op, k), c->g, mote_graph_op_output(&c->op, k),
                      "output", k, &bytes)) != MOTE_OK)
            return s;
    }
    w[MOTE_CTL_N_IN] = n_in;
    w[MOTE_CTL_N_OUT] = n_in;
    return put_block(c, w, at + 2 * n_in);
}

mote_status mote_ctl_lower_var(mote_lower_ctx *c, int kind)
{
    uint32_t w[3];
    mote_graph_tensor t;
    const char *s[2];
    uint32_t n[2], bytes;
    int32_t id, fill;
    mote_status st;
    w[0] = (uint32_t)kind;
    if (kind == MOTE_CTL_VAR_HANDLE) {
        if (c->op.n_inputs != 0 || c->op.n_outputs != 1)
            return mote_lower_fail(c, MOTE_E_GRAPH, -1,
                                   "has %u inputs and %u outputs; expected 0 "
                                   "and 1",
                                   (unsigned)c->op.n_inputs, (unsigned)c->op.n_outputs);
        if ((st = get(c, c->g, mote_graph_op_output(&c->op, 0), &t)) != MOTE_OK) return st;
        if ((int32_t)t.type != MOTE_TYPE_RESOURCE || t.data != NULL)
            return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, mote_graph_op_output(&c->op, 0),
                                   "output is %s; expected a RESOURCE tensor",
                                   mote_type_name(t.type));
        if (!names(c->g, &c->op, s, n))
            return mote_lower_fail(c, MOTE_E_OFFSET, -1,
                                   "container or shared_name is not a "
                                   "string inside the file");
        if ((id = id_of(c->g, s, n)) < 0)
            return mote_lower_fail(c, MOTE_E_LIMIT, -1,
                                   "model has more than %d VAR_HANDLE "
                                   "operators",
                                   MOTE_CTL_MAX_HANDLES);
        w[1] = (uint32_t)id;
        return put_block(c, w, 2);
    }
    if (c->op.n_inputs != (kind == MOTE_CTL_READ_VARIABLE ? 1u : 2u) ||
        c->op.n_outputs != (kind == MOTE_CTL_READ_VARIABLE ? 1u : 0u))
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs and %u outputs",
                               (unsigned)c->op.n_inputs, (unsigned)c->op.n_outputs);
    id = resource_id(c->g, c->index, mote_graph_op_input(&c->op, 0));
    if (id < 0)
        return mote_lower_fail(c, MOTE_E_GRAPH, mote_graph_op_input(&c->op, 0),
                               "resource tensor %d is not the output of an earlier VAR_HANDLE "
                               "of this subgraph",
                               (int)mote_graph_op_input(&c->op, 0));
    mote_control_var(c->g, (uint32_t)id, &bytes, &fill);
    if (bytes == 0)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1,
                               "variable %d is never assigned (no ASSIGN_VARIABLE sizes it)",
                               (int)id);
    if (kind == MOTE_CTL_READ_VARIABLE) {
        if ((st = outputs_written(c)) != MOTE_OK) return st;
        if ((st = get(c, c->g, mote_graph_op_output(&c->op, 0), &t)) != MOTE_OK) return st;
    } else if ((st = get(c, c->g, mote_graph_op_input(&c->op, 1), &t)) != MOTE_OK) {
        return st;
    }
    if (t.bytes != bytes)
        return mote_lower_fail(c, MOTE_E_SHAPE, -1,
                               "variable %d holds %u bytes (its first ASSIGN_VARIABLE); this "
                               "operand has %U",
                               (int)id, (unsigned)bytes, (unsigned long long)t.bytes);
    w[1] = (uint32_t)id;
    w[2] = bytes;
    return put_block(c, w, 3);
}
