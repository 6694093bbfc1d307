/* cmd_inspect.c — `mote inspect MODEL [--json]`: what a model holds and
 * what it costs (MACs, constant bytes, arena bytes), as text or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/order.h"
#include "ops/registry.h"
#include "escape.h"
#include "inspect_plan.h"
#include "inspect_timeline.h"
#include "json.h"
#include "mote/kernels.h"
#include "targets.h"

/* The operator's name: a CUSTOM operator's custom_code ("SignalRfft"). */
static const char *op_label(const mote_graph_op *op)
{
    uint32_t n = 0;
    const char *name = mote_op_name(op->code);
    const char *code = strcmp(name, "CUSTOM") == 0 ? mote_graph_op_custom_code(op, &n) : NULL;
    return code != NULL && n > 0 ? code : name;
}

static const char help[] =
    "usage: mote inspect MODEL [--json] [--plan] [--timeline] [--svg FILE] [--target T]\n"
    "                    [--no-patch] [--no-reorder] [--requant stored|run|auto]\n"
    "\n"
    "Verify MODEL (a .tflite file) with the mote runtime and describe it: one row\n"
    "per operator (shapes in -> out, MACs), one row per tensor (type, shape, bytes,\n"
    "constant or activation, quantization), then totals: macs, constant_bytes (sum\n"
    "of constant tensor data) and arena_bytes (the exact arena a session needs).\n"
    "\n"
    "options:\n"
    "  --json      print one JSON object instead of text (keys: file, size,\n"
    "              operators, tensors, inputs, outputs, macs, constant_bytes,\n"
    "              target, arena_bytes, patch: {enabled, used, first_op,\n"
    "              last_op, bands, activation_bytes, activation_bytes_without},\n"
    "              order: {enabled, used, steps, peak_live, peak_live_model_order,\n"
    "              activation_bytes, activation_bytes_model_order,\n"
    "              arena_bytes_model_order, search: null or {steps, peak_live,\n"
    "              activation_bytes, arena_bytes} when the model's order was kept})\n"
    "  --plan      (text) also print the memory plan: every activation tensor's\n"
    "              offset, size and lifetime in the arena, in address order, and\n"
    "              each kernel's scratch\n"
    "  --timeline  (text) also print the arena over time: one row per operator,\n"
    "              one column per slice of offsets, a letter per live buffer, #\n"
    "              for kernel scratch; the step with the most live bytes marked\n"
    "  --svg FILE  draw the same as an SVG picture (boxes over time, peak marked)\n"
    "  --target T  plan for core T: host (default), m0plus, m3, m4, m7, m33, m55;\n"
    "              arena_bytes is then what a firmware build for T needs (kernel\n"
    "              variants differ in scratch)\n"
    "  --no-patch  plan without band (patch) execution: no leading chain of\n"
    "              convolutions runs band by band (the text line `patch:` gives\n"
    "              the activations with and without it)\n"
    "  --no-reorder  run the operators in the model's order: no other order of\n"
    "              a graph with branches is chosen for a smaller arena (the text\n"
    "              line `order:` gives the live peak and activations in the\n"
    "              model's order and in the chosen one; --plan lists the order)\n"
    "  --requant M where the int8 requantization tables live: stored (default,\n"
    "              in the runtime state), run (computed before each step runs,\n"
    "              in its scratch: smaller state, slower; no band execution),\n"
    "              auto (the smaller arena of the two); --plan names the mode\n"
    "              chosen\n"
    "  -h, --help  this text\n"
    "\n"
    "A model mote cannot run is still described when its file verifies: the\n"
    "same report with arena_bytes unknown (null in JSON), then every operator\n"
    "mote refuses, in every subgraph (\"2:5\" is subgraph 2's operator 5), with\n"
    "its index, operand types and the reason (JSON key \"unsupported\":\n"
    "[{\"subgraph\", \"index\", \"op\", \"types\", \"reason\"}]); the\n"
    "runtime's error goes to stderr and the exit status is 1.\n";

/* Per-channel lists in text show this many leading values. */
#define SHOW_CHANNELS 3
#define QUANT_TEXT 160

/* Decode tensor index (may be -1 for an omitted operand); 0 on success. */
static int get_tensor(const mote_graph *g, int32_t index, mote_graph_tensor *t)
{
    if (index < 0) {
        return -1;
    }
    return mote_graph_get_tensor(g, (uint32_t)index, t) == MOTE_OK ? 0 : -1;
}

static uint64_t constant_bytes(const mote_graph *g)
{
    uint64_t sum = 0;
    uint32_t i;
    mote_graph_tensor t;

    for (i = 0; i < g->n_tensors; i++) {
        if (mote_graph_get_tensor(g, i, &t) == MOTE_OK && t.data != NULL) {
            sum += t.data_bytes;
        }
    }
    return sum;
}

static uint64_t total_macs(const mote_graph *g)
{
    uint64_t sum = 0, m;
    uint32_t i;

    for (i = 0; i < g->n_ops; i++) {
        m = mote_op_macs(g, i);
        sum = m > UINT64_MAX - sum ? UINT64_MAX : sum + m;
    }
    return sum;
}

/* ---- text ---------------------------------------------------------------- */

/* A model string with non-printable bytes and backslashes escaped, padded
 * with spaces to width columns. */
static void print_name(const char *s, uint32_t n, int width)
{
    int cols = n != 0 ? esc_print(stdout, s, n) : printf("\"\"");

    while (cols++ < width) {
        putchar(' ');
    }
}

/* Quantization in a few words: per-tensor scale and zero point, or the
 * channel count, axis and first SHOW_CHANNELS values of each list. */
static void format_quant(char *buf, size_t cap, const mote_graph_tensor *t)
{
    uint32_t k, show;
    size_t used;

    if (t->n_quant == 0) {
        snprintf(buf, cap, "-");
        return;
    }
    if (t->n_quant == 1) {
        snprintf(buf, cap, "scale %.9g zp %lld", (double)mote_graph_tensor_scale(t, 0),
                 (long long)cli_zero_point(t, 0));
        return;
    }
    show = t->n_quant < SHOW_CHANNELS ? t->n_quant : SHOW_CHANNELS;
    used = (size_t)snprintf(buf, cap, "x%lu (dim %ld) scale", (unsigned long)t->n_quant,
                            (long)t->quant_dim);
    for (k = 0; k < show && used < cap; k++) {
        used += (size_t)snprintf(buf + used, cap - used, "%s%.3g", k == 0 ? " " : ",",
                                 (double)mote_graph_tensor_scale(t, k));
    }
    if (used < cap) {
        used += (size_t)snprintf(buf + used, cap - used, "%s zp", show < t->n_quant ? ",..." : "");
    }
    for (k = 0; k < show && used < cap; k++) {
        used += (size_t)snprintf(buf + used, cap - used, "%s%lld", k == 0 ? " " : ",",
                                 (long long)cli_zero_point(t, k));
    }
    if (used < cap) {
        snprintf(buf + used, cap - used, "%s", show < t->n_quant ? ",..." : "");
    }
}

static void print_operand_shapes(const mote_graph *g, const mote_graph_op *op, int outputs)
{
    uint32_t k, n = outputs ? op->n_outputs : op->n_inputs;
    char shape[CLI_SHAPE_MAX];
    mote_graph_tensor t;

    for (k = 0; k < n; k++) {
        int32_t idx = outputs ? mote_graph_op_output(op, k) : mote_graph_op_input(op, k);
        if (get_tensor(g, idx, &t) != 0) {
            printf("%s-", k > 0 ? " " : "");
            continue;
        }
        cli_format_shape(shape, sizeof shape, t.dims, t.rank);
        printf("%s%s", k > 0 ? " " : "", shape);
    }
}

static void print_io(const mote_graph *g, const char *what, uint32_t k, int32_t idx)
{
    mote_graph_tensor t;
    char shape[CLI_SHAPE_MAX], quant[QUANT_TEXT];

    printf("%s %lu: tensor %ld ", what, (unsigned long)k, (long)idx);
    if (get_tensor(g, idx, &t) != 0) {
        printf("(invalid)\n");
        return;
    }
    cli_format_shape(shape, sizeof shape, t.dims, t.rank);
    print_name(t.name, t.name_len, 0);
    format_quant(quant, sizeof quant, &t);
    printf(" %s %s %lu bytes, %s\n", mote_type_name(t.type), shape, (unsigned long)t.bytes,
           quant);
}

/* Band execution and execution order as planned (inspect_plan.h); set
 * before a report. */
static inspect_patch patch;
static inspect_order order_info;

/* m is NULL when the model does not load (arena_bytes unknown). */
static void text_report(const char *path, size_t size, const mote_graph *g, const mote_model *m,
                        const char *target)
{
    char shape[CLI_SHAPE_MAX], quant[QUANT_TEXT];
    uint32_t i;
    mote_graph_op op;
    mote_graph_tensor t;
    uint64_t macs = total_macs(g);

    printf("file: %s\nsize: %lu bytes\ntensors: %lu\noperators: %lu\n", path,
           (unsigned long)size, (unsigned long)g->n_tensors, (unsigned long)g->n_ops);
    for (i = 0; i < g->n_inputs; i++) {
        print_io(g, "input", i, mote_graph_input(g, i));
    }
    for (i = 0; i < g->n_outputs; i++) {
        print_io(g, "output", i, mote_graph_output(g, i));
    }

    printf("\noperators:\n  %-4s %-18s %14s  %s\n", "#", "op", "macs", "inputs -> outputs");
    for (i = 0; i < g->n_ops; i++) {
        if (mote_graph_get_op(g, i, &op) != MOTE_OK) {
            printf("  %-4lu (invalid)\n", (unsigned long)i);
            continue;
        }
        printf("  %-4lu %-18s %14llu  ", (unsigned long)i, op_label(&op),
               (unsigned long long)mote_op_macs(g, i));
        print_operand_shapes(g, &op, 0);
        printf(" -> ");
        print_operand_shapes(g, &op, 1);
        printf("\n");
    }

    /* The name goes last: converter names run to hundreds of bytes. */
    printf("\ntensors:\n  %-4s %-8s %-16s %9s  %-10s %-60s %s\n", "#", "type", "shape", "bytes",
           "kind", "quantization", "name");
    for (i = 0; i < g->n_tensors; i++) {
        if (mote_graph_get_tensor(g, i, &t) != MOTE_OK) {
            printf("  %-4lu (invalid)\n", (unsigned long)i);
            continue;
        }
        cli_format_shape(shape, sizeof shape, t.dims, t.rank);
        format_quant(quant, sizeof quant, &t);
        printf("  %-4lu %-8s %-16s %9lu  %-10s %-60s ", (unsigned long)i, mote_type_name(t.type),
               shape, (unsigned long)t.bytes,
               t.data != NULL ? "constant" : (t.is_variable ? "state" : "activation"), quant);
        print_name(t.name, t.name_len, 0);
        printf("\n");
    }

    printf("\nmacs: %llu (%.2f M)\n", (unsigned long long)macs, (double)macs / 1e6);
    printf("constant_bytes: %llu\n", (unsigned long long)constant_bytes(g));
    printf("target: %s\n", target);
    if (m != NULL) {
        printf("arena_bytes: %lu\n", (unsigned long)mote_model_arena_size(m));
        inspect_print_patch(&patch);
        inspect_print_order(&order_info);
    } else {
        printf("arena_bytes: unknown (the model does not load)\n");
    }
}

/* ---- operators mote refuses ----------------------------------------------- */

/* Operator i's verdict: 0 when mote runs it, else 1 with the reason in
 * reason (the runtime's text without its "operator N (NAME): " prefix; a
 * text the runtime had to cut is cut back to a whole word and says so). */
static int op_verdict(const mote_graph *g, uint32_t i, uint32_t isa, char *reason, size_t cap)
{
    mote_error err;
    const char *text;

    if (mote_graph_check_op(g, i, isa, &err) == MOTE_OK) {
        return 0;
    }
    err.text[sizeof err.text - 1] = '\0';
    text = err.text;
    if (strncmp(text, "operator ", 9) == 0 && strstr(text, "): ") != NULL) {
        text = strstr(text, "): ") + 3;
    }
    if (text[0] == '\0') {
        text = mote_status_str(err.status);
    }
    cli_whole_words(reason, cap, text, strlen(err.text) + 1 >= sizeof err.text);
    return 1;
}

/* "INT8,FLOAT32 -> FLOAT32": the operand types of op ("-" for an omitted
 * optional input). */
static void format_types(char *buf, size_t cap, const mote_graph *g, const mote_graph_op *op)
{
    uint32_t k;
    size_t used = 0;
    mote_graph_tensor t;

    buf[0] = '\0';
    for (k = 0; k < op->n_inputs + op->n_outputs && used < cap; k++) {
        int out = k >= op->n_inputs;
        int32_t idx = out ? mote_graph_op_output(op, k - op->n_inputs) : mote_graph_op_input(op, k);
        const char *sep = k == 0 ? "" : (out && k == op->n_inputs) ? " -> " : ",";
        used += (size_t)snprintf(buf + used, cap - used, "%s%s", sep,
                                 get_tensor(g, idx, &t) == 0 ? mote_type_name(t.type) : "-");
    }
}

/* Subgraph k of g (k = 0 is g itself): 0 when there is one. */
static int subgraph_of(const mote_graph *g, uint32_t k, mote_graph *sub)
{
    if (k == 0) {
        *sub = *g;
        return 0;
    }
    return mote_graph_subgraph(g, k, sub) == MOTE_OK ? 0 : -1;
}

/* The text section: every operator mote refuses, in every subgraph (IF and
 * WHILE bodies too), with its types and why. */
static void text_unsupported(const mote_graph *g, uint32_t isa)
{
    char reason[MOTE_DETAIL_MAX + 32], types[160], where[32];
    uint32_t i, k, n = 0, n_ops = 0;
    mote_graph_op op;
    mote_graph sub;

    for (k = 0; k < g->n_subgraphs; k++) {
        if (subgraph_of(g, k, &sub) != 0) {
            continue;
        }
        n_ops += sub.n_ops;
        for (i = 0; i < sub.n_ops; i++) {
            if (mote_graph_get_op(&sub, i, &op) != MOTE_OK ||
                !op_verdict(&sub, i, isa, reason, sizeof reason)) {
                continue;
            }
            if (n++ == 0) {
                printf("\nunsupported:\n  %-8s %-18s %-28s  %s\n", "#", "op", "types", "reason");
            }
            /* "5" in the entry subgraph, "2:5" (subgraph 2, operator 5) elsewhere */
            if (k == 0) {
                snprintf(where, sizeof where, "%lu", (unsigned long)i);
            } else {
                snprintf(where, sizeof where, "%lu:%lu", (unsigned long)k, (unsigned long)i);
            }
            format_types(types, sizeof types, &sub, &op);
            printf("  %-8s %-18s %-28s  %s\n", where, op_label(&op), types, reason);
        }
    }
    if (n == 0) {
        printf("\nunsupported: none (every operator lowers; the model fails for the reason on "
               "stderr)\n");
    } else {
        printf("unsupported_operators: %lu of %lu\n", (unsigned long)n, (unsigned long)n_ops);
    }
}

/* ---- JSON ---------------------------------------------------------------- */

static void json_operands(json_writer *w, const mote_graph *g, const mote_graph_op *op,
                          int outputs)
{
    uint32_t k, n = outputs ? op->n_outputs : op->n_inputs;
    mote_graph_tensor t;

    json_array_begin(w);
    for (k = 0; k < n; k++) {
        int32_t idx = outputs ? mote_graph_op_output(op, k) : mote_graph_op_input(op, k);
        json_object_begin(w);
        json_key(w, "index");
        json_int(w, idx);
        if (get_tensor(g, idx, &t) == 0) {
            json_key(w, "shape");
            json_shape(w, t.dims, t.rank);
            json_key(w, "type");
            json_cstring(w, mote_type_name(t.type));
        } else {
            json_key(w, "shape");
            json_null(w);
            json_key(w, "type");
            json_null(w);
        }
        json_object_end(w);
    }
    json_array_end(w);
}

/* Fields every tensor description shares. */
static void json_tensor_head(json_writer *w, int32_t index, const mote_graph_tensor *t)
{
    json_key(w, "index");
    json_int(w, index);
    json_key(w, "name");
    json_string(w, t->name, t->name_len);
    json_key(w, "type");
    json_cstring(w, mote_type_name(t->type));
    json_key(w, "shape");
    json_shape(w, t->dims, t->rank);
    json_key(w, "bytes");
    json_uint(w, t->bytes);
}

static void json_tensor(json_writer *w, uint32_t index, const mote_graph_tensor *t)
{
    uint32_t k;

    json_object_begin(w);
    json_tensor_head(w, (int32_t)index, t);
    json_key(w, "constant");
    json_bool(w, t->data != NULL);
    json_key(w, "quantization");
    if (t->n_quant == 0) {
        json_null(w);
    } else {
        json_object_begin(w);
        json_key(w, "scale");
        json_array_begin(w);
        for (k = 0; k < t->n_quant; k++) {
            json_double(w, (double)mote_graph_tensor_scale(t, k));
        }
        json_array_end(w);
        json_key(w, "zero_point");
        json_array_begin(w);
        for (k = 0; k < t->n_quant; k++) {
            json_int(w, cli_zero_point(t, k));
        }
        json_array_end(w);
        json_key(w, "quantized_dimension");
        json_int(w, t->quant_dim);
        json_object_end(w);
    }
    json_object_end(w);
}

/* A model input or output: per-tensor scale and zero point (0 when the
 * tensor is not quantized), as an application sees it. */
static void json_io(json_writer *w, const mote_graph *g, int32_t idx)
{
    mote_graph_tensor t;

    if (get_tensor(g, idx, &t) != 0) {
        json_null(w);
        return;
    }
    json_object_begin(w);
    json_tensor_head(w, idx, &t);
    json_key(w, "scale");
    json_double(w, t.n_quant > 0 ? (double)mote_graph_tensor_scale(&t, 0) : 0.0);
    json_key(w, "zero_point");
    json_int(w, t.n_quant > 0 ? cli_zero_point(&t, 0) : 0);
    json_object_end(w);
}

/* One refused operator: subgraph sg's operator i, its types, the reason. */
static void json_unsupported_op(json_writer *w, const mote_graph *g, uint32_t sg, uint32_t i,
                                const char *reason)
{
    uint32_t k;
    mote_graph_op op;
    mote_graph_tensor t;

    if (mote_graph_get_op(g, i, &op) != MOTE_OK) {
        return;
    }
    {
        json_object_begin(w);
        json_key(w, "subgraph");
        json_uint(w, sg);
        json_key(w, "index");
        json_uint(w, i);
        json_key(w, "op");
        json_cstring(w, op_label(&op));
        json_key(w, "types");
        json_object_begin(w);
        json_key(w, "inputs");
        json_array_begin(w);
        for (k = 0; k < op.n_inputs; k++) {
            if (get_tensor(g, mote_graph_op_input(&op, k), &t) == 0) {
                json_cstring(w, mote_type_name(t.type));
            } else {
                json_null(w);
            }
        }
        json_array_end(w);
        json_key(w, "outputs");
        json_array_begin(w);
        for (k = 0; k < op.n_outputs; k++) {
            if (get_tensor(g, mote_graph_op_output(&op, k), &t) == 0) {
                json_cstring(w, mote_type_name(t.type));
            } else {
                json_null(w);
            }
        }
        json_array_end(w);
        json_object_end(w);
        json_key(w, "reason");
        json_cstring(w, reason);
        json_object_end(w);
    }
}

static void json_unsupported(json_writer *w, const mote_graph *g, uint32_t isa)
{
    char reason[MOTE_DETAIL_MAX + 32];
    uint32_t i, sg;
    mote_graph sub;

    json_array_begin(w);
    for (sg = 0; sg < g->n_subgraphs; sg++) {
        if (subgraph_of(g, sg, &sub) != 0) {
            continue;
        }
        for (i = 0; i < sub.n_ops; i++) {
            if (op_verdict(&sub, i, isa, reason, sizeof reason)) {
                json_unsupported_op(w, &sub, sg, i, reason);
            }
        }
    }
    json_array_end(w);
}

/* m is NULL when the model does not load: arena_bytes is null and
 * "unsupported" lists what mote refuses (describe.c). */
static void json_report(const char *path, size_t size, const mote_graph *g, const mote_model *m,
                        const char *target, uint32_t isa)
{
    json_writer w;
    uint32_t i;
    mote_graph_op op;
    mote_graph_tensor t;

    json_init(&w, stdout);
    json_object_begin(&w);
    json_key(&w, "file");
    json_cstring(&w, path);
    json_key(&w, "size");
    json_uint(&w, size);

    json_key(&w, "operators");
    json_array_begin(&w);
    for (i = 0; i < g->n_ops; i++) {
        if (mote_graph_get_op(g, i, &op) != MOTE_OK) {
            json_null(&w);
            continue;
        }
        json_object_begin(&w);
        json_key(&w, "index");
        json_uint(&w, i);
        json_key(&w, "op");
        json_cstring(&w, op_label(&op));
        json_key(&w, "code");
        json_int(&w, op.code);
        json_key(&w, "version");
        json_int(&w, op.version);
        json_key(&w, "inputs");
        json_operands(&w, g, &op, 0);
        json_key(&w, "outputs");
        json_operands(&w, g, &op, 1);
        json_key(&w, "macs");
        json_uint(&w, mote_op_macs(g, i));
        json_object_end(&w);
    }
    json_array_end(&w);

    json_key(&w, "tensors");
    json_array_begin(&w);
    for (i = 0; i < g->n_tensors; i++) {
        if (mote_graph_get_tensor(g, i, &t) != MOTE_OK) {
            json_null(&w);
            continue;
        }
        json_tensor(&w, i, &t);
    }
    json_array_end(&w);

    json_key(&w, "inputs");
    json_array_begin(&w);
    for (i = 0; i < g->n_inputs; i++) {
        json_io(&w, g, mote_graph_input(g, i));
    }
    json_array_end(&w);
    json_key(&w, "outputs");
    json_array_begin(&w);
    for (i = 0; i < g->n_outputs; i++) {
        json_io(&w, g, mote_graph_output(g, i));
    }
    json_array_end(&w);

    json_key(&w, "macs");
    json_uint(&w, total_macs(g));
    json_key(&w, "constant_bytes");
    json_uint(&w, constant_bytes(g));
    json_key(&w, "target");
    json_cstring(&w, target);
    json_key(&w, "arena_bytes");
    if (m != NULL) {
        json_uint(&w, mote_model_arena_size(m));
        json_key(&w, "patch");
        json_object_begin(&w);
        json_key(&w, "enabled");
        json_bool(&w, patch.enabled);
        json_key(&w, "used");
        json_bool(&w, patch.used);
        json_key(&w, "first_op");
        if (patch.used) json_int(&w, patch.first); else json_null(&w);
        json_key(&w, "last_op");
        if (patch.used) json_int(&w, patch.last); else json_null(&w);
        json_key(&w, "bands");
        json_uint(&w, patch.used ? patch.bands : 0);
        json_key(&w, "activation_bytes");
        json_uint(&w, patch.acts);
        json_key(&w, "activation_bytes_without");
        json_uint(&w, patch.acts_without);
        json_object_end(&w);
        json_key(&w, "order");
        json_object_begin(&w);
        json_key(&w, "enabled");
        json_bool(&w, order_info.enabled);
        json_key(&w, "used");
        json_bool(&w, order_info.used);
        json_key(&w, "steps");
        json_array_begin(&w);
        for (i = 0; i < order_info.n; i++)
            json_int(&w, order_info.order[i]);
        json_array_end(&w);
        json_key(&w, "peak_live");
        json_uint(&w, order_info.peak);
        json_key(&w, "peak_live_model_order");
        json_uint(&w, order_info.peak_model);
        json_key(&w, "activation_bytes");
        json_uint(&w, order_info.acts);
        json_key(&w, "activation_bytes_model_order");
        json_uint(&w, order_info.acts_model);
        json_key(&w, "arena_bytes_model_order");
        json_uint(&w, order_info.arena_model);
        /* The search's order when the planner kept the model's. */
        json_key(&w, "search");
        if (order_info.found) {
            json_object_begin(&w);
            json_key(&w, "steps");
            json_array_begin(&w);
            for (i = 0; i < order_info.n; i++)
                json_int(&w, order_info.found_order[i]);
            json_array_end(&w);
            json_key(&w, "peak_live");
            json_uint(&w, order_info.found_peak);
            json_key(&w, "activation_bytes");
            json_uint(&w, order_info.found_acts);
            json_key(&w, "arena_bytes");
            json_uint(&w, order_info.found_arena);
            json_object_end(&w);
        } else {
            json_null(&w);
        }
        json_object_end(&w);
    } else {
        json_null(&w);
        json_key(&w, "unsupported");
        json_unsupported(&w, g, isa);
    }
    json_object_end(&w);
}

int cmd_inspect(int argc, char **argv)
{
    const char *path = NULL;
    int as_json = 0, with_plan = 0, with_timeline = 0, no_patch = 0, no_reorder = 0, i;
    const char *svg = NULL;
    const char *target = "host";
    uint32_t isa = mote_build_isa();
    mote_requant_mode requant = MOTE_REQUANT_STORED;
    mote_load_options opts;
    static mote_model model; /* static: the struct is large for a stack */
    uint8_t *bytes;
    size_t len;
    mote_status st;

    for (i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs(help, stdout);
            return 0;
        }
    }
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0) {
            as_json = 1;
        } else if (strcmp(a, "--plan") == 0) {
            with_plan = 1;
        } else if (strcmp(a, "--timeline") == 0) {
            with_timeline = 1;
        } else if (strcmp(a, "--no-patch") == 0) {
            no_patch = 1;
        } else if (strcmp(a, "--no-reorder") == 0) {
            no_reorder = 1;
        } else if (strcmp(a, "--svg") == 0) {
            if (i + 1 >= argc) {
                cli_error("inspect: --svg needs a FILE");
                return 1;
            }
            svg = argv[++i];
        } else if (strcmp(a, "--target") == 0) {
            if (i + 1 >= argc) {
                cli_error("inspect: --target needs a core (%s)", cli_target_names());
                return 1;
            }
            target = argv[++i];
            if (cli_target_isa(target, &isa) != 0) {
                cli_error("inspect: unknown target '%s' (known: %s)", target, cli_target_names());
                return 1;
            }
        } else if (strcmp(a, "--requant") == 0) {
            const char *mode = i + 1 < argc ? argv[++i] : "";
            if (strcmp(mode, "stored") == 0) {
                requant = MOTE_REQUANT_STORED;
            } else if (strcmp(mode, "run") == 0) {
                requant = MOTE_REQUANT_AT_RUN;
            } else if (strcmp(mode, "auto") == 0) {
                requant = MOTE_REQUANT_SMALLEST;
            } else {
                cli_error("inspect: --requant needs stored, run or auto");
                return 1;
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            cli_error("inspect: unknown option '%s' (try 'mote inspect --help')", a);
            return 1;
        } else if (path != NULL) {
            cli_error("inspect: more than one MODEL given ('%s' and '%s')", path, a);
            return 1;
        } else {
            path = a;
        }
    }
    if (path == NULL) {
        cli_error("inspect: missing MODEL (try 'mote inspect --help')");
        return 1;
    }
    if (cli_read_file(path, CLI_MAX_MODEL, " for a model file", &bytes, &len) != 0) {
        return 1;
    }
    mote_load_options_default(&opts);
    opts.isa = isa;
    opts.requant = requant;
    opts.plan_flags = (no_patch ? MOTE_PLAN_NO_PATCH : 0) | (no_reorder ? MOTE_PLAN_NO_REORDER : 0);
    st = mote_model_init_opts(&model, bytes, len, &opts);
    if (st != MOTE_OK) {
        /* Not runnable: the runtime's one line on stderr; then, when the
         * file itself verifies, the whole graph and what mote refuses. */
        static mote_graph graph;
        mote_error err;
        cli_model_error(path, &model, st);
        if (mote_graph_read(&graph, bytes, len, &err) == MOTE_OK) {
            if (as_json) {
                json_report(path, len, &graph, NULL, target, isa);
            } else {
                text_report(path, len, &graph, NULL, target);
                text_unsupported(&graph, isa);
            }
            fflush(stdout);
        }
        free(bytes);
        return 1;
    }
    {
        /* The same model without bands, for the `patch:` line. */
        static mote_model plain;
        const mote_model *without = NULL;
        static mote_model in_order; /* and in the model's order, for `order:` */
        static mote_model forced;   /* and in the search's order, whatever it plans */
        const mote_model *model_order = NULL, *search_order = NULL;
        mote_load_options o2 = opts, o3 = opts;
        if (!no_patch && mote_model_init_plan(&plain, bytes, len, isa,
                                              MOTE_PLAN_NO_PATCH | opts.plan_flags) == MOTE_OK)
            without = &plain;
        o2.plan_flags |= MOTE_PLAN_NO_REORDER;
        if (!no_reorder && mote_model_init_opts(&in_order, bytes, len, &o2) == MOTE_OK)
            model_order = &in_order;
        o3.plan_flags |= MOTE_PLAN_FORCE_REORDER;
        if (!no_reorder && mote_model_init_opts(&forced, bytes, len, &o3) == MOTE_OK)
            search_order = &forced;
        if (inspect_patch_info(&model, without, &patch) != 0 ||
            inspect_order_info(&model, model_order, search_order, &order_info) != 0) {
            free(bytes);
            return 1;
        }
    }
    /* The graph the runtime verified is the one described: the tool reads
     * it through the graph accessors, never the file bytes itself. */
    if (as_json) {
        json_report(path, len, mote_model_graph(&model), &model, target, isa);
    } else {
        text_report(path, len, mote_model_graph(&model), &model, target);
        if ((with_plan && inspect_print_plan(&model) != 0) ||
            (with_timeline && inspect_print_timeline(&model) != 0)) {
            free(bytes);
            return 1;
        }
    }
    if (svg != NULL && inspect_write_svg(&model, svg) != 0) {
        free(bytes);
        return 1;
    }
    free(bytes);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("inspect: cannot write to stdout");
        return 1;
    }
    return 0;
}
