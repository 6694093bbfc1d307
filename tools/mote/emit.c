/* emit.c — `mote compile`: a model as C source; see emit.h. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inspect_plan.h"
#include "core/lower.h"
#include "core/plan.h"
#include "core/step.h"
#include "core/order.h"
#include "core/steps.h"
#include "emit.h"
#include "kernels/kernel_table.h"
#include "ops/op.h"
#include "ops/registry.h"

/* The step function of every kernel-table row, by name, in table order:
 * kernels.def expanded once more with each row's function spelled out
 * (the host's own table holds NULL for rows it only plans for). */
#undef MOTE_KFN_ARM_DSP
#define MOTE_KFN_ARM_DSP(fn) fn
#undef MOTE_KFN_ARM_MVE
#define MOTE_KFN_ARM_MVE(fn) fn
#define EMIT_STR(x) #x
#define EMIT_XSTR(x) EMIT_STR(x)
static const char *const row_fn[] = {
#define MOTE_KROW(id, variant, isa, fits, scratch, fn) EMIT_XSTR(fn),
#include "kernels/kernels.def"
};
static const char *const kernel_struct[] = {
#define MOTE_KERNEL(id, step) #step,
#include "kernels/kernels.def"
};

#define ALIGN_UP(x) (((x) + (MOTE_ARENA_ALIGN - 1)) & ~(uint64_t)(MOTE_ARENA_ALIGN - 1))

/* Everything the compiler reads from the runtime, per operator. */
typedef struct emit_step {
    int32_t row;            /* kernel-table row for the target */
    uint32_t scratch;       /* offset in the arena, or MOTE_NO_SCRATCH */
    uint32_t scratch_bytes; /* for the target's row */
    const uint8_t *block;   /* the parameter block the session holds */
    uint32_t block_bytes;   /* with its requantization table */
    int in_place;           /* a COPY whose output is its input's buffer: no call */
} emit_step;

typedef struct emit_ctx {
    const emit_options *o;
    const mote_graph *g;
    mote_session *sess;
    mote_plan_entry *plan;
    emit_step *steps;
    uint8_t *need_const; /* per tensor: a constant some call reads */
    uint64_t arena;
    const int16_t *order; /* step i runs operator order[i] (core/order.h) */
    FILE *f;
} emit_ctx;

/* Model text in a C comment: printable ASCII, no comment end, bounded. */
static void comment_text(FILE *f, const char *s, uint32_t n)
{
    uint32_t k;
    for (k = 0; k < n && k < 72; k++) {
        unsigned char c = (unsigned char)s[k];
        fputc((c >= 0x20 && c < 0x7f && c != '*' && c != '\\') ? c : '?', f);
    }
    if (n > 72) fputs("...", f);
}

static void shape_text(char *buf, size_t cap, const mote_graph_tensor *t)
{
    cli_format_shape(buf, cap, t->dims, t->rank);
}

static int valid_name(const char *s)
{
    size_t k;
    if (s[0] == '\0' || strlen(s) > 64) return 0;
    for (k = 0; s[k] != '\0'; k++) {
        char c = s[k];
        int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!alpha && !(k > 0 && c >= '0' && c <= '9')) return 0;
    }
    return 1;
}

static void upper(char *dst, const char *s)
{
    size_t k;
    for (k = 0; s[k] != '\0'; k++)
        dst[k] = (s[k] >= 'a' && s[k] <= 'z') ? (char)(s[k] - 'a' + 'A') : s[k];
    dst[k] = '\0';
}

/* Is operand k of operator i read by its kernel? The extra inputs of an
 * operator that only reinterprets bytes (RESHAPE's new shape) are not. */
static int operand_read(const mote_graph *g, uint32_t i, uint32_t k)
{
    mote_graph_op op;
    const mote_op_def *def;
    mote_graph_get_op(g, i, &op);
    def = mote_op_find(op.code);
    return !(k >= 1 && def != NULL && (def->flags & MOTE_OPF_ALIAS));
}

/* ---- gathering: the runtime lowers and plans, we read ------------------- */

/* The reference row to call instead of row for step i (--kernels), or row
 * when there is none or it would need other scratch than the plan placed
 * (in place, the reference row runs in the same ring: core/steps.c). */
static int32_t ref_instead(const emit_ctx *c, uint32_t i, int32_t row)
{
    const emit_step *e = &c->steps[i];
    const uint32_t ring = mote_plan_inplace_rows(c->g, c->plan, i);
    uint32_t r;
    if (mote_kernel_rows[row].isa == 0) return row;
    for (r = 0; r < mote_kernel_row_count; r++)
        if (mote_kernel_rows[r].kernel == mote_kernel_rows[row].kernel &&
            mote_kernel_rows[r].isa == 0 && mote_kernel_rows[r].fits == NULL) {
            const uint32_t need = ring != 0 ? ring : mote_kernel_scratch((int32_t)r, e->block);
            return need == e->scratch_bytes ? (int32_t)r : row;
        }
    return row;
}

/* --kernels small: a fast kernel function that only layers of fewer than
 * EMIT_SMALL_MACS MACs call (none without MACs: pooling, element-wise)
 * gives way to the reference rows there, so it is not linked at all. */
static void small_to_ref(emit_ctx *c)
{
    uint32_t i, j, n = c->g->n_ops;
    for (i = 0; i < n; i++) {
        const char *fn = row_fn[c->steps[i].row];
        int small = mote_kernel_rows[c->steps[i].row].isa != 0;
        for (j = 0; j < n && small; j++) {
            uint64_t macs = mote_op_macs(c->g, j);
            if (strcmp(row_fn[c->steps[j].row], fn) == 0 && (macs == 0 || macs >= EMIT_SMALL_MACS))
                small = 0;
        }
        if (small) c->steps[i].row = ref_instead(c, i, c->steps[i].row);
    }
}

/* Do a and b run their operators in the same order? */
static int same_order(const mote_model *a, const mote_model *b)
{
    static int16_t first[MOTE_MAX_OPS];
    const int16_t *order;
    const mote_graph *g = inspect_exec_graph(a, &order);
    uint32_t i;
    if (g == NULL) return 0;
    for (i = 0; i < g->n_ops; i++)
        first[i] = order[i];
    if (inspect_exec_graph(b, &order) == NULL) return 0;
    for (i = 0; i < g->n_ops; i++)
        if (first[i] != order[i]) return 0;
    return 1;
}

static int gather(emit_ctx *c, const mote_model *mref, const mote_model *mtgt)
{
    const mote_graph *g = c->g;
    mote_session *s = c->sess;
    mote_error err;
    size_t total = 0;
    uint64_t end;
    uint32_t i, k;

    if (mote_plan_build(g, c->plan, &total, &err) != MOTE_OK) {
        cli_error("compile: cannot rebuild the memory plan: %s", err.text);
        return -1;
    }
    end = total;
    for (i = 0; i < g->n_tensors; i++) {
        mote_graph_tensor t;
        mote_graph_get_tensor(g, i, &t);
        if (t.data == NULL && c->plan[i].used && s->tensor_ref[i] != c->plan[i].offset) {
            cli_error("compile: tensor %u: the session and the plan disagree", (unsigned)i);
            return -1;
        }
    }
    for (i = 0; i < g->n_ops; i++) {
        const mote_step *st = &s->steps[i];
        emit_step *e = &c->steps[i];
        mote_lowered low;
        /* The target's row and scratch, as mote_model_init_for(isa) and
         * mote_steps_build choose them (counting pass: the host need not
         * run the row). */
        if (mote_steps_lower(g, i, c->o->isa, c->plan, NULL, 0, &low, &err, NULL) != MOTE_OK ||
            low.row < 0 || (uint32_t)low.row >= mote_kernel_row_count) {
            cli_error("compile: operator %u: %s", (unsigned)i, err.text);
            return -1;
        }
        if (mote_kernel_rows[low.row].kernel != mote_kernel_rows[st->row].kernel) {
            cli_error("compile: operator %u: target and host lowering chose different kernels",
                      (unsigned)i);
            return -1;
        }
        {
            uint32_t at, bytes;
            if (mote_signal_state(mote_kernel_rows[st->row].kernel, s->state + st->params, &at,
                                  &bytes)) {
                cli_error("compile: operator %u (%s) keeps state across invokes in its parameter "
                          "block, which compiled code holds as const data: run this model with "
                          "the interpreter (mote_session_init / mote_invoke)",
                          (unsigned)i,
                          mote_kernel_name((mote_kernel_id)mote_kernel_rows[st->row].kernel));
                return -1;
            }
        }
        e->row = low.row;
        e->block = s->state + st->params;
        e->block_bytes = low.block_bytes;
        e->scratch_bytes = low.scratch_bytes;
        if (c->o->kernels == EMIT_KERNELS_REF) e->row = ref_instead(c, i, e->row);
        e->scratch = MOTE_NO_SCRATCH;
        if (low.scratch_bytes != 0) {
            if (mote_plan_scratch(c->plan, g->n_tensors, i, low.scratch_bytes, &e->scratch) !=
                MOTE_OK) {
                cli_error("compile: operator %u: cannot place scratch", (unsigned)i);
                return -1;
            }
            if ((uint64_t)e->scratch + low.scratch_bytes > end)
                end = (uint64_t)e->scratch + low.scratch_bytes;
        }
        e->in_place = 0;
        if (mote_kernel_rows[low.row].kernel == MOTE_KID_COPY && st->n_in >= 1 && st->n_out == 1) {
            const int16_t *ops = mote_step_operands(s->state, st);
            int32_t a = ops[0], b = ops[st->n_in];
            mote_graph_tensor ta;
            if (a >= 0) {
                mote_graph_get_tensor(g, (uint32_t)a, &ta);
                e->in_place = ta.data == NULL && b >= 0 && s->tensor_ref[a] == s->tensor_ref[b];
            }
        }
        if (!e->in_place) {
            for (k = 0; k < st->n_in; k++) {
                int32_t t = mote_step_operands(s->state, st)[k];
                mote_graph_tensor ten;
                if (t < 0 || !operand_read(g, i, k)) continue;
                mote_graph_get_tensor(g, (uint32_t)t, &ten);
                if (ten.data != NULL) c->need_const[t] = 1;
            }
        }
    }
    if (c->o->kernels == EMIT_KERNELS_SMALL) small_to_ref(c);
    /* The arena the compiled code needs is the interpreter's activation
     * part for the same target: checked, not assumed. */
    c->arena = ALIGN_UP(end);
    if (c->arena != (uint64_t)(mote_model_arena_size(mtgt) - mote_model_state_size(mtgt))) {
        cli_error("compile: activations %lu differ from the runtime's %lu", (unsigned long)c->arena,
                  (unsigned long)(mote_model_arena_size(mtgt) - mote_model_state_size(mtgt)));
        return -1;
    }
    (void)mref;
    return 0;
}

/* ---- the header ----------------------------------------------------------- */

static void io_comment(FILE *f, const mote_graph *g, const char *what, uint32_t k, int32_t idx)
{
    mote_graph_tensor t;
    char shape[CLI_SHAPE_MAX], sc[32];
    mote_graph_get_tensor(g, (uint32_t)idx, &t);
    shape_text(shape, sizeof shape, &t);
    fprintf(f, " *   %s %u: %s %s, %lu bytes", what, (unsigned)k, mote_type_name(t.type), shape,
            (unsigned long)t.bytes);
    if (t.n_quant >= 1) {
        emit_float(sc, sizeof sc, mote_graph_tensor_scale(&t, 0));
        fprintf(f, ", scale %s zero point %ld", sc,
                (long)(t.n_zero_points ? mote_graph_tensor_zero_point(&t, 0) : 0));
    }
    fprintf(f, " (\"");
    comment_text(f, t.name, t.name_len);
    fprintf(f, "\")\n");
}

static void io_defines(FILE *f, const mote_graph *g, const char *up, const char *what, uint32_t n,
                       int inputs)
{
    uint32_t k;
    for (k = 0; k < n; k++) {
        mote_graph_tensor t;
        int32_t idx = inputs ? mote_graph_input(g, k) : mote_graph_output(g, k);
        mote_graph_get_tensor(g, (uint32_t)idx, &t);
        if (k == 0) fprintf(f, "#define %s_%s_SIZE %lu\n", up, what, (unsigned long)t.bytes);
        fprintf(f, "#define %s_%s%u_SIZE %lu\n", up, what, (unsigned)k, (unsigned long)t.bytes);
    }
}

static int write_header(emit_ctx *c, const char *path, const char *up, int single)
{
    const mote_graph *g = c->g;
    FILE *f = fopen(path, "w");
    uint32_t k;
    if (f == NULL) {
        cli_error("compile: cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    fprintf(f, "/*\n * %s.h — generated by `mote compile` (mote %s) from\n *   ", c->o->name,
            CLI_VERSION);
    comment_text(f, c->o->model_path, (uint32_t)strlen(c->o->model_path));
    fprintf(f,
            "\n * for target %s. Do not edit; compile the model again instead.\n"
            " *\n"
            " * Link %s.c with the kernels (src/kernels/, src/base/; -Iinclude):\n"
            " * no model file, reader or interpreter. The arena holds activations\n"
            " * and kernel scratch only; weights and layer parameters are const.\n"
            " *\n",
            c->o->target, c->o->name);
    for (k = 0; k < g->n_inputs; k++)
        io_comment(f, g, "input", k, mote_graph_input(g, k));
    for (k = 0; k < g->n_outputs; k++)
        io_comment(f, g, "output", k, mote_graph_output(g, k));
    fprintf(f,
            " *\n"
            " * Inputs are consumed (their arena bytes are reused during the run).\n"
            " * Returns 0 (MOTE_OK) or a negative mote status (mote/status.h):\n"
            " * MOTE_E_ARG for a NULL pointer or an arena not aligned to\n"
            " * %s_ARENA_ALIGN bytes.\n"
            " */\n"
            "#ifndef %s_H\n#define %s_H\n\n",
            up, up, up);
    fprintf(f, "#define %s_ARENA_SIZE %lu\n#define %s_ARENA_ALIGN %d\n", up,
            (unsigned long)c->arena, up, MOTE_ARENA_ALIGN);
    fprintf(f, "#define %s_INPUT_COUNT %u\n#define %s_OUTPUT_COUNT %u\n", up, (unsigned)g->n_inputs,
            up, (unsigned)g->n_outputs);
    io_defines(f, g, up, "INPUT", g->n_inputs, 1);
    io_defines(f, g, up, "OUTPUT", g->n_outputs, 0);
    fprintf(f, "\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
    if (single)
        fprintf(f,
                "/* Run once: input (%s_INPUT_SIZE bytes) -> output (%s_OUTPUT_SIZE bytes). */\n"
                "int %s_invoke(void *arena, const void *input, void *output);\n\n",
                up, up, c->o->name);
    fprintf(f,
            "/* Run once: inputs[k] (%s_INPUT<k>_SIZE bytes) -> outputs[k]. */\n"
            "int %s_invoke_io(void *arena, const void *const *inputs, void *const *outputs);\n\n"
            "#ifdef __cplusplus\n}\n#endif\n\n#endif /* %s_H */\n",
            up, c->o->name, up);
    if (fclose(f) != 0) {
        cli_error("compile: cannot write %s", path);
        return -1;
    }
    return 0;
}

/* ---- the C file ------------------------------------------------------------ */

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static const char *const_ctype(mote_type t, int *per_line)
{
    switch (t) {
    case MOTE_INT8: *per_line = 20; return "int8_t";
    case MOTE_INT16: *per_line = 12; return "int16_t";
    case MOTE_INT32: *per_line = 8; return "int32_t";
    case MOTE_FLOAT32: *per_line = 6; return "float";
    case MOTE_INT64: *per_line = 4; return "int64_t";
    default: *per_line = 20; return "uint8_t";
    }
}

/* One element of constant t at element k, as C. */
static void const_elem(FILE *f, mote_type type, const uint8_t *p)
{
    char buf[40];
    switch (type) {
    case MOTE_INT8: fprintf(f, "%d", (int)(int8_t)p[0]); break;
    case MOTE_INT16:
        fprintf(f, "%d", (int)(int16_t)(uint16_t)((unsigned)p[0] | (unsigned)p[1] << 8));
        break;
    case MOTE_INT32: {
        int32_t v = (int32_t)rd32(p);
        if (v == INT32_MIN)
            fprintf(f, "(-2147483647 - 1)");
        else
            fprintf(f, "%ld", (long)v);
        break;
    }
    case MOTE_FLOAT32: {
        uint32_t u = rd32(p);
        float v;
        memcpy(&v, &u, 4);
        emit_float(buf, sizeof buf, v);
        fputs(buf, f);
        break;
    }
    case MOTE_INT64: {
        uint64_t u = (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
        if (u == (uint64_t)1 << 63)
            fprintf(f, "(-9223372036854775807LL - 1)");
        else
            fprintf(f, "%lldLL", (long long)(int64_t)u);
        break;
    }
    default: fprintf(f, "%u", (unsigned)p[0]); break;
    }
}

static int const_needs_math(const mote_graph_tensor *t)
{
    size_t k;
    if (t->type != MOTE_FLOAT32) return 0;
    for (k = 0; k + 4 <= t->data_bytes; k += 4) {
        uint32_t u = rd32(t->data + k);
        if ((u & 0x7F800000u) == 0x7F800000u) return 1;
    }
    return 0;
}

static uint64_t write_constant(FILE *f, const mote_graph *g, uint32_t i)
{
    mote_graph_tensor t;
    char shape[CLI_SHAPE_MAX];
    int per_line;
    const char *ctype;
    size_t esize, n, k;
    mote_graph_get_tensor(g, i, &t);
    ctype = const_ctype(t.type, &per_line);
    esize = (t.type == MOTE_INT8 || t.type == MOTE_INT16 || t.type == MOTE_INT32 ||
             t.type == MOTE_FLOAT32 || t.type == MOTE_INT64)
                ? mote_type_size(t.type)
                : 1;
    n = t.data_bytes / esize;
    shape_text(shape, sizeof shape, &t);
    fprintf(f, "/* tensor %u: %s %s, %lu bytes (\"", (unsigned)i, mote_type_name(t.type), shape,
            (unsigned long)t.data_bytes);
    comment_text(f, t.name, t.name_len);
    fprintf(f, "\") */\nstatic const %s tensor%u[%lu] MOTE_AOT_ALIGNED = {", ctype, (unsigned)i,
            (unsigned long)(n > 0 ? n : 1));
    if (n == 0) fputs("0", f);
    for (k = 0; k < n; k++) {
        fputs(k == 0 ? "\n    " : (k % (size_t)per_line == 0 ? ",\n    " : ", "), f);
        const_elem(f, t.type, t.data + k * esize);
    }
    fprintf(f, "};\n\n");
    return t.data_bytes;
}

/* "in  tensor 12 INT8 [1,25,5,64] at arena + 8000" lines of a step comment. */
static void operand_comment(FILE *f, emit_ctx *c, const char *what, int32_t t, int read)
{
    mote_graph_tensor ten;
    char shape[CLI_SHAPE_MAX];
    if (t < 0) {
        fprintf(f, "     *   %-3s (none)\n", what);
        return;
    }
    mote_graph_get_tensor(c->g, (uint32_t)t, &ten);
    shape_text(shape, sizeof shape, &ten);
    fprintf(f, "     *   %-3s tensor %ld %s %s", what, (long)t, mote_type_name(ten.type), shape);
    if (ten.data != NULL)
        fprintf(f, read ? ", constant tensor%ld" : ", constant (not read)", (long)t);
    else
        fprintf(f, ", arena + %lu", (unsigned long)c->sess->tensor_ref[t]);
    fprintf(f, " \"");
    comment_text(f, ten.name, ten.name_len > 40 ? 40 : ten.name_len);
    fprintf(f, "%s\"\n", ten.name_len > 40 ? "..." : "");
}

/* Operand k of step i as a C expression. */
static void operand_expr(FILE *f, emit_ctx *c, uint32_t i, uint32_t k, int32_t t)
{
    mote_graph_tensor ten;
    if (t < 0 || !operand_read(c->g, i, k)) {
        fputs("NULL", f);
        return;
    }
    mote_graph_get_tensor(c->g, (uint32_t)t, &ten);
    if (ten.data != NULL)
        fprintf(f, "tensor%ld", (long)t);
    else
        fprintf(f, "a + %lu", (unsigned long)c->sess->tensor_ref[t]);
}

static void write_step(emit_ctx *c, uint32_t i, uint32_t *calls)
{
    FILE *f = c->f;
    const mote_step *st = &c->sess->steps[i];
    const emit_step *e = &c->steps[i];
    const mote_kernel_row *row = &mote_kernel_rows[e->row];
    const int16_t *ops = mote_step_operands(c->sess->state, st);
    mote_graph_op op;
    uint64_t macs = mote_op_macs(c->g, i);
    uint32_t k;

    mote_graph_get_op(c->g, i, &op);
    fprintf(f, "    /* layer %u: %s -> %s (%s)", (unsigned)i, mote_op_name(op.code),
            mote_kernel_name((mote_kernel_id)row->kernel), row->variant);
    if (c->order[i] != (int16_t)i) fprintf(f, ", the model's operator %d", (int)c->order[i]);
    if (macs != 0) fprintf(f, ", %llu MACs", (unsigned long long)macs);
    fprintf(f, "\n");
    for (k = 0; k < st->n_in; k++)
        operand_comment(f, c, "in", ops[k], operand_read(c->g, i, k));
    for (k = 0; k < st->n_out; k++)
        operand_comment(f, c, "out", ops[st->n_in + k], 1);
    if (e->scratch != MOTE_NO_SCRATCH)
        fprintf(f, "     *   scratch %lu bytes, arena + %lu\n", (unsigned long)e->scratch_bytes,
                (unsigned long)e->scratch);
    if (e->in_place) {
        fprintf(f, "     *   in place: the output shares the input's bytes, nothing to run */\n\n");
        return;
    }
    fprintf(f, "     */\n    {\n        const void *const in[%u] = {", (unsigned)st->n_in);
    for (k = 0; k < st->n_in; k++) {
        if (k > 0) fputs(", ", f);
        operand_expr(f, c, i, k, ops[k]);
    }
    fprintf(f, "};\n        void *const out[%u] = {", (unsigned)st->n_out);
    for (k = 0; k < st->n_out; k++) {
        if (k > 0) fputs(", ", f);
        operand_expr(f, c, i, st->n_in + k, ops[st->n_in + k]);
    }
    fprintf(f, "};\n        io.in = in;\n        io.out = out;\n");
    if (e->scratch != MOTE_NO_SCRATCH)
        fprintf(f, "        io.scratch = a + %lu;\n", (unsigned long)e->scratch);
    else
        fprintf(f, "        io.scratch = NULL;\n");
    fprintf(f, "        if ((s = %s(&layer%u, &io)) != MOTE_OK) return (int)s;\n    }\n\n",
            row_fn[e->row], (unsigned)i);
    (*calls)++;
}

static int write_source(emit_ctx *c, const char *path, const char *up, int single,
                        emit_summary *sum)
{
    const mote_graph *g = c->g;
    uint32_t i, k;
    int math = 0, requant = 0, foreign = 0;
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        cli_error("compile: cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    c->f = f;
    for (i = 0; i < g->n_ops; i++) {
        const emit_step *e = &c->steps[i];
        int kid = mote_kernel_rows[e->row].kernel;
        if (e->in_place) continue;
        if (emit_block_needs_math(kid, e->block)) math = 1;
        if (kid == MOTE_KID_CONV_2D_S8 || kid == MOTE_KID_DEPTHWISE_CONV_2D_S8 ||
            kid == MOTE_KID_FULLY_CONNECTED_S8)
            requant = 1;
        if (strcmp(mote_kernel_rows[e->row].variant, "ref") != 0) foreign = 1;
    }
    for (i = 0; i < g->n_tensors; i++) {
        mote_graph_tensor t;
        if (!c->need_const[i]) continue;
        mote_graph_get_tensor(g, i, &t);
        if (const_needs_math(&t)) math = 1;
    }
    fprintf(f, "/*\n * %s.c — generated by `mote compile` (mote %s) from\n *   ", c->o->name,
            CLI_VERSION);
    comment_text(f, c->o->model_path, (uint32_t)strlen(c->o->model_path));
    fprintf(f,
            "\n * for target %s: %u layers, arena %lu bytes. Do not edit.\n"
            " *\n"
            " * Each layer is one call of the kernel the runtime's lowering chose for\n"
            " * the target, with the parameter block the runtime computed (the\n"
            " * mote_*_step structs of mote/kernels.h, requantization tables after\n"
            " * them) and its operands at the offsets the runtime's planner chose.\n"
            " */\n",
            c->o->target, (unsigned)g->n_ops, (unsigned long)c->arena);
    fprintf(f, "#include <stddef.h>\n#include <stdint.h>\n#include <string.h>\n");
    if (math) fprintf(f, "#include <math.h>\n");
    fprintf(f, "\n#include \"mote/kernels.h\"\n#include \"%s.h\"\n\n", c->o->name);
    if (foreign) {
        fprintf(f, "/* Kernel rows for %s (src/kernels/): */\n", c->o->target);
        for (i = 0; i < g->n_ops; i++) {
            const emit_step *e = &c->steps[i];
            uint32_t j;
            int seen = 0;
            if (e->in_place || strcmp(mote_kernel_rows[e->row].variant, "ref") == 0) continue;
            for (j = 0; j < i; j++)
                if (!c->steps[j].in_place && c->steps[j].row == e->row) seen = 1;
            if (!seen)
                fprintf(f, "mote_status %s(const void *step, const mote_kernel_io *io);\n",
                        row_fn[e->row]);
        }
        fprintf(f, "\n");
    }
    fprintf(f, "#if defined(__GNUC__)\n#define MOTE_AOT_ALIGNED __attribute__((aligned(16)))\n"
               "#else\n#define MOTE_AOT_ALIGNED\n#endif\n\n");
    if (requant)
        fprintf(f, "/* A parameter block followed by its requantization table, as\n"
                   " * mote_step_requant() finds it: n int32 multipliers, n int8 shifts. */\n"
                   "#define MOTE_AOT_REQUANT_BLOCK(type, n) \\\n"
                   "    struct {                            \\\n"
                   "        type step;                      \\\n"
                   "        int32_t multiplier[n];          \\\n"
                   "        int8_t shift[n];                \\\n"
                   "    }\n"
                   "struct mote_aot_layout_check {\n    mote_fc_s8_step step;\n"
                   "    int32_t multiplier[1];\n};\n"
                   "typedef char mote_aot_layout_ok[offsetof(struct mote_aot_layout_check, "
                   "multiplier) == sizeof(mote_fc_s8_step) ? 1 : -1];\n\n");
    fprintf(f, "/* ---- weights (constant tensors) ---- */\n\n");
    for (i = 0; i < g->n_tensors; i++)
        if (c->need_const[i]) sum->weight_bytes += write_constant(f, g, i);
    fprintf(f, "/* ---- layer parameters ---- */\n\n");
    for (i = 0; i < g->n_ops; i++) {
        const emit_step *e = &c->steps[i];
        char var[32];
        mote_graph_op op;
        if (e->in_place) continue;
        mote_graph_get_op(g, i, &op);
        snprintf(var, sizeof var, "layer%u", (unsigned)i);
        fprintf(f, "/* layer %u: %s, %s */\n", (unsigned)i, mote_op_name(op.code),
                kernel_struct[mote_kernel_rows[e->row].kernel]);
        if (emit_param_block(f, var, mote_kernel_rows[e->row].kernel,
                             kernel_struct[mote_kernel_rows[e->row].kernel], e->block,
                             e->block_bytes) != 0) {
            fclose(f);
            cli_error("compile: operator %u: kernel %s has a block the compiler cannot write",
                      (unsigned)i,
                      mote_kernel_name((mote_kernel_id)mote_kernel_rows[e->row].kernel));
            return -1;
        }
        fprintf(f, "\n");
        sum->param_bytes += e->block_bytes;
    }
    fprintf(f, "/* ---- the network ---- */\n\n");
    if (single)
        fprintf(f, "int %s_invoke(void *arena, const void *input, void *output)\n{\n", c->o->name);
    else
        fprintf(f,
                "int %s_invoke_io(void *arena, const void *const *inputs, void *const *outputs)\n"
                "{\n",
                c->o->name);
    fprintf(f, "    uint8_t *const a = (uint8_t *)arena;\n"
               "    mote_kernel_io io;\n"
               "    mote_status s;\n\n");
    if (single)
        fprintf(f,
                "    if (a == NULL || input == NULL || output == NULL ||\n"
                "        (uintptr_t)arena %% %s_ARENA_ALIGN != 0)\n"
                "        return (int)MOTE_E_ARG;\n",
                up);
    else {
        fprintf(f,
                "    if (a == NULL || inputs == NULL || outputs == NULL ||\n"
                "        (uintptr_t)arena %% %s_ARENA_ALIGN != 0)\n"
                "        return (int)MOTE_E_ARG;\n",
                up);
        for (k = 0; k < g->n_inputs; k++)
            fprintf(f, "    if (inputs[%u] == NULL) return (int)MOTE_E_ARG;\n", (unsigned)k);
        for (k = 0; k < g->n_outputs; k++)
            fprintf(f, "    if (outputs[%u] == NULL) return (int)MOTE_E_ARG;\n", (unsigned)k);
    }
    for (k = 0; k < g->n_inputs; k++) {
        int32_t t = mote_graph_input(g, k);
        mote_graph_tensor ten;
        char src[32];
        mote_graph_get_tensor(g, (uint32_t)t, &ten);
        if (!c->plan[t].used) continue;
        snprintf(src, sizeof src, single ? "input" : "inputs[%u]", (unsigned)k);
        fprintf(f, "    memcpy(a + %lu, %s, %lu); /* input %u: tensor %ld */\n",
                (unsigned long)c->sess->tensor_ref[t], src, (unsigned long)ten.bytes, (unsigned)k,
                (long)t);
    }
    fprintf(f, "\n");
    for (i = 0; i < g->n_ops; i++)
        write_step(c, i, &sum->calls);
    for (k = 0; k < g->n_outputs; k++) {
        int32_t t = mote_graph_output(g, k);
        mote_graph_tensor ten;
        char dst[32];
        mote_graph_get_tensor(g, (uint32_t)t, &ten);
        snprintf(dst, sizeof dst, single ? "output" : "outputs[%u]", (unsigned)k);
        fprintf(f, "    memcpy(%s, a + %lu, %lu); /* output %u: tensor %ld */\n", dst,
                (unsigned long)c->sess->tensor_ref[t], (unsigned long)ten.bytes, (unsigned)k,
                (long)t);
    }
    fprintf(f, "    return (int)MOTE_OK;\n}\n\n");
    if (single)
        fprintf(f,
                "int %s_invoke_io(void *arena, const void *const *inputs, void *const *outputs)\n"
                "{\n"
                "    if (inputs == NULL || outputs == NULL) return (int)MOTE_E_ARG;\n"
                "    return %s_invoke(arena, inputs[0], outputs[0]);\n}\n",
                c->o->name, c->o->name);
    if (fclose(f) != 0) {
        cli_error("compile: cannot write %s", path);
        return -1;
    }
    return 0;
}

int emit_model(const uint8_t *bytes, size_t len, const emit_options *o, emit_summary *sum)
{
    static mote_model mref, mtgt;
    static mote_session sess;
    static mote_plan_entry plan[MOTE_MAX_TENSORS];
    static emit_step steps[MOTE_MAX_OPS];
    static uint8_t need_const[MOTE_MAX_TENSORS];
    emit_ctx c;
    uint8_t *raw = NULL, *arena;
    size_t need;
    char up[72], *path = NULL;
    size_t plen;
    int rc = 1, single;
    mote_status st;

    memset(sum, 0, sizeof *sum);
    if (!valid_name(o->name)) {
        cli_error("compile: --name '%s' is not a C identifier (letters, digits, _; at most 64)",
                  o->name);
        return 1;
    }
    if (sizeof row_fn / sizeof row_fn[0] != mote_kernel_row_count) {
        cli_error("compile: kernel table mismatch");
        return 1;
    }
    upper(up, o->name);
    /* The host's own rows (reference kernels) write the blocks; the rows
     * are then chosen again for the target below. Blocks do not depend on
     * the row. */
    /* The compiled code runs every layer whole: band (patch) execution
     * (core/band.h) is the interpreter's, so both plan without it. */
    /* Both run the operators in the order the target's plan chose
     * (core/order.h): the host model keeps that order (whatever its own
     * arena) and the calls are emitted in it. Should the host's search
     * find another order (it weighs each core's kernel scratch), both use
     * the model's order. */
    if ((st = mote_model_init_plan(&mtgt, bytes, len, o->isa, MOTE_PLAN_NO_PATCH)) != MOTE_OK ||
        (st = mote_model_init_plan(&mref, bytes, len, mote_build_isa(),
                                   MOTE_PLAN_NO_PATCH | ((mtgt.plan_flags & MOTE_PLAN_REORDERED)
                                                             ? MOTE_PLAN_FORCE_REORDER
                                                             : MOTE_PLAN_NO_REORDER))) != MOTE_OK ||
        (!same_order(&mref, &mtgt) &&
         ((st = mote_model_init_plan(&mtgt, bytes, len, o->isa,
                                     MOTE_PLAN_NO_PATCH | MOTE_PLAN_NO_REORDER)) != MOTE_OK ||
          (st = mote_model_init_plan(&mref, bytes, len, mote_build_isa(),
                                     MOTE_PLAN_NO_PATCH | MOTE_PLAN_NO_REORDER)) != MOTE_OK))) {
        cli_error("compile: %s: %s: %s", o->model_path, mote_status_str(st),
                  mref.error.text[0] ? mref.error.text : mtgt.error.text);
        return 1;
    }
    /* Control flow and resource variables (IF, WHILE, CALL_ONCE, VAR_HANDLE,
     * READ_VARIABLE, ASSIGN_VARIABLE) run in the interpreter, not through
     * kernel rows the compiler could emit calls to. */
    if (mref.control_at != 0) {
        cli_error("compile: %s: the model uses control flow or resource variables (IF, WHILE, "
                  "CALL_ONCE, VAR_HANDLE, READ_VARIABLE, ASSIGN_VARIABLE); the compiler cannot "
                  "emit those yet: run it with the interpreter (mote_model_init)",
                  o->model_path);
        return 1;
    }
    need = mote_model_arena_size(&mref);
    raw = malloc(need + MOTE_ARENA_ALIGN);
    if (raw == NULL) {
        cli_error("compile: out of memory");
        return 1;
    }
    arena =
        raw + (MOTE_ARENA_ALIGN - (size_t)((uintptr_t)raw % MOTE_ARENA_ALIGN)) % MOTE_ARENA_ALIGN;
    if ((st = mote_session_init(&sess, &mref, arena, need)) != MOTE_OK) {
        cli_error("compile: %s: session: %s: %s", o->model_path, mote_status_str(st),
                  sess.error.text);
        goto done;
    }
    memset(&c, 0, sizeof c);
    memset(need_const, 0, sizeof need_const);
    c.o = o;
    c.g = inspect_exec_graph(&mref, &c.order);
    if (c.g == NULL) {
        cli_error("compile: cannot rebuild the execution order");
        goto done;
    }
    c.sess = &sess;
    c.plan = plan;
    c.steps = steps;
    c.need_const = need_const;
    if (gather(&c, &mref, &mtgt) != 0) goto done;
    single = c.g->n_inputs == 1 && c.g->n_outputs == 1;
    plen = strlen(o->out_dir) + strlen(o->name) + 8;
    path = malloc(plen);
    if (path == NULL) {
        cli_error("compile: out of memory");
        goto done;
    }
    snprintf(path, plen, "%s/%s.h", o->out_dir, o->name);
    if (write_header(&c, path, up, single) != 0) goto done;
    snprintf(path, plen, "%s/%s.c", o->out_dir, o->name);
    if (write_source(&c, path, up, single, sum) != 0) goto done;
    sum->steps = c.g->n_ops;
    sum->arena_bytes = c.arena;
    /* The interpreter's arena as it runs by default (bands where they help). */
    sum->interp_arena_bytes = mote_model_init_for(&mtgt, bytes, len, o->isa) == MOTE_OK
                                  ? mote_model_arena_size(&mtgt)
                                  : 0;
    rc = 0;
done:
    free(path);
    free(raw);
    return rc;
}
