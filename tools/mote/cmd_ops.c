/* cmd_ops.c — `mote ops [--markdown]`: the operators mote runs, their
 * types and their kernel variants, straight from the operator table
 * (src/ops/ops.def) and the kernel table (src/kernels/kernels.def). The
 * README's operator table is this command's --markdown output.
 *
 * `mote ops --for MODEL... [--target T] [--header FILE]` writes the operator
 * selection for those models (kernels/kernel_table.h, MOTE_OPSET): the
 * operators they use and, of each operator's kernels (ops.def's kernels
 * column), those its lowering chooses for the models' types. With --target,
 * also the kernel rows (variants) lowering picks on that core, step by
 * step, as the device will: a firmware then links no other variant. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/band.h"
#include "core/lower.h"
#include "core/order.h"
#include "core/plan.h"
#include "file.h"
#include "inspect_plan.h"
#include "kernels/kernel_table.h"
#include "ops/op.h"
#include "targets.h"

static const char help[] =
    "usage: mote ops [--markdown]\n"
    "       mote ops --for MODEL [MODEL...] [--target T] [--header FILE]\n"
    "\n"
    "List every operator mote runs: what its int8 and float32 support covers, and\n"
    "each kernel (operator x types) with its variants ('ref' is the reference;\n"
    "others need an instruction-set extension and are chosen per step when the\n"
    "target has it). Anything else is refused when a model is loaded.\n"
    "\n"
    "options:\n"
    "  --markdown  print the table as Markdown (the README's operator table)\n"
    "  --for MODEL [MODEL...]\n"
    "              instead, the operator selection for these models: a C header\n"
    "              defining MOTE_OPSET, MOTE_OPSET_OP_<NAME> for each operator they\n"
    "              use and MOTE_OPSET_K_<KERNEL> for each kernel (operator x type)\n"
    "              their lowering chooses. Compile src/ops/registry.c,\n"
    "              src/ops/macs.c and src/kernels/kernel_table.c with\n"
    "              '-include FILE' and the build carries only those operators\n"
    "              and kernels; a model needing another is refused at load\n"
    "              (MOTE_E_UNSUPPORTED_OP, 'left out of this build')\n"
    "  --target T  with --for: also select the kernel rows (variants) the models'\n"
    "              steps use on core T (m0plus, m3, m4, m7, m33, m55, host):\n"
    "              MOTE_OPSET_ROWS and MOTE_OPSET_R_<KERNEL>_<variant>; every\n"
    "              other row, the reference one included, is left out. A model\n"
    "              whose step needs a row left out is refused at load\n"
    "              (MOTE_E_UNSUPPORTED_OP, 'no row ... in this build')\n"
    "  --header FILE  where --for writes the header ('-', the default: stdout)\n"
    "  -h, --help  this text\n";

static const struct {
    const char *name, *kernels, *i8, *f32;
} ops[] = {
#define MOTE_OP(name, code, options, file, flags, types, kernels, i8, f32)                         \
    {#name, kernels, i8, f32},
#include "ops/ops.def"
};

/* "CONV_2D_S8 (ref, arm_dsp)" for each kernel named in `names` (space
 * separated) into buf; -1 when a name is not in the kernel table. */
static int describe_kernels(const char *names, char *buf, size_t cap)
{
    char name[64];
    const char *p = names;
    size_t used = 0;
    buf[0] = '\0';
    while (*p != '\0') {
        size_t n = strcspn(p, " ");
        int32_t k, found = -1;
        uint32_t r;
        int first = 1;
        if (n == 0 || n >= sizeof name) return -1;
        memcpy(name, p, n);
        name[n] = '\0';
        p += n;
        while (*p == ' ')
            p++;
        for (k = 0; k < MOTE_KID_COUNT; k++)
            if (strcmp(mote_kernel_name((mote_kernel_id)k), name) == 0) found = k;
        if (found < 0) return -1;
        used += (size_t)snprintf(buf + used, cap - used, "%s%s (", used ? ", " : "", name);
        for (r = 0; r < mote_kernel_row_count && used < cap; r++) {
            if (mote_kernel_rows[r].kernel != (uint16_t)found) continue;
            used += (size_t)snprintf(buf + used, cap - used, "%s%s", first ? "" : ", ",
                                     mote_kernel_rows[r].variant);
            first = 0;
        }
        if (used < cap) used += (size_t)snprintf(buf + used, cap - used, ")");
        if (used >= cap) return -1;
    }
    return 0;
}

/* Is `name` one of the space-separated words of `list`? */
static int names_kernel(const char *list, const char *name)
{
    size_t n = strlen(name);
    const char *p = list;
    while (*p != '\0') {
        size_t w = strcspn(p, " ");
        if (w == n && strncmp(p, name, n) == 0) return 1;
        p += w;
        while (*p == ' ')
            p++;
    }
    return 0;
}

#define N_TABLE_OPS (sizeof ops / sizeof ops[0])

/* What the models use: per ops.def row, the input types (MOTE_TM_* bits);
 * per kernel, whether a step chose it. */
typedef struct selection {
    uint32_t op_types[N_TABLE_OPS];
    uint8_t op_used[N_TABLE_OPS];
    uint8_t kernel_used[MOTE_KID_COUNT];
    uint8_t op_kernel[N_TABLE_OPS][MOTE_KID_COUNT];
    uint8_t row_used[256]; /* with --target: the rows the steps run */
    int bands;             /* the planner runs a band chain for a model */
    int order;             /* loading runs a model in another order (core/order.h) */
    const char *target;    /* NULL: every row of each kernel */
    uint32_t isa;
} selection;

/* The model's file name, for a C comment: no directories, and nothing but
 * letters, digits and . _ - (others become '?'). */
static void comment_name(const char *path, char *buf, size_t cap)
{
    const char *base = strrchr(path, '/');
    size_t k;
    base = base != NULL ? base + 1 : path;
    for (k = 0; base[k] != '\0' && k + 1 < cap; k++) {
        char ch = base[k];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 ch == '.' || ch == '_' || ch == '-';
        buf[k] = ok ? ch : '?';
    }
    buf[k] = '\0';
}

/* Band execution calls a chain layer's kernel on a few rows at a time
 * through its step's row, or through the kernel's reference row when that
 * row refuses the band's shape (core/band_run.c, run_row): a selection with
 * bands keeps the reference rows of the chain kernels its models use
 * (core/band.h, mote_band_chain_kernel). */
static void keep_band_ref_rows(selection *sel)
{
    uint32_t kid;
    for (kid = 0; kid < MOTE_KID_COUNT; kid++) {
        const int32_t r = mote_band_chain_kernel(kid) && sel->kernel_used[kid]
                              ? mote_kernel_ref_row((mote_kernel_id)kid)
                              : -1;
        if (r >= 0 && (uint32_t)r < sizeof sel->row_used) sel->row_used[r] = 1;
    }
}

/* With --target: the row step i of model runs on the target (as planned:
 * mote_model_step_info lowers with the plan, so an in-place step's row is
 * the one it runs) into sel->row_used; 0, or 1 after an error line. */
static int select_row(const char *path, const mote_model *model, uint32_t i, int32_t kid,
                      selection *sel)
{
    mote_step_info info;
    uint32_t r;
    if (mote_model_step_info(model, i, &info) != MOTE_OK || info.variant == NULL) {
        cli_error("ops: %s: operator %u has no kernel row for target %s", path, (unsigned)i,
                  sel->target);
        return 1;
    }
    for (r = 0; r < mote_kernel_row_count; r++) {
        if (mote_kernel_rows[r].kernel == (uint16_t)kid &&
            strcmp(mote_kernel_rows[r].variant, info.variant) == 0) {
            if (r >= sizeof sel->row_used) break;
            sel->row_used[r] = 1;
            return 0;
        }
    }
    cli_error("ops: %s: operator %u: row %s of kernel %s not found", path, (unsigned)i,
              info.variant, mote_kernel_name((mote_kernel_id)kid));
    return 1;
}

/* Add what the model at path uses to *sel; 0, or 1 after an error line. */
static int select_model(const char *path, selection *sel)
{
    static mote_model model; /* static: the struct is large for a stack */
    const mote_graph *g;
    uint8_t *bytes = NULL;
    size_t len = 0;
    uint32_t i;
    int rc = 0;

    /* Verified and planned by the full runtime (every operator, every
     * kernel): the kernel a step uses does not depend on the target, its
     * row (variant) does, and so may the plan (in-place steps run rows
     * that can), so the model is planned for the target's features. */
    if (cli_load_model_for(path, &model, &bytes, &len, sel->isa) != 0) return 1;
    g = mote_model_graph(&model);
    /* Band execution (core/band.h) is linked only when the planner runs a
     * chain for one of the models: the same planner as loading (plan flags
     * as loaded here: the defaults, bands allowed), on the graph in the
     * order loading runs it (core/order.h: a chain may exist only in the
     * order chosen), whose choice depends on the graph only (not on the
     * core or the table mode). */
    {
        static mote_plan_entry plan[MOTE_MAX_TENSORS];
        const mote_graph *run = inspect_exec_graph(&model, NULL);
        mote_band band;
        mote_error err;
        size_t total;
        if (run == NULL ||
            mote_plan_build_opts(run, model.plan_flags, plan, &total, &band, &err) != MOTE_OK) {
            cli_error("ops: %s: cannot plan the model", path);
            free(bytes);
            return 1;
        }
        if (band.first >= 0) sel->bands = 1;
    }
    /* The execution-order search (core/order.h) is linked only when loading
     * keeps another order than the model's for one of the models on this
     * target (without a target: when the search finds one at all, as a
     * core's kernel rows may tip the choice). */
    if (model.plan_flags & MOTE_PLAN_REORDERED) sel->order = 1;
    if (sel->target == NULL && !sel->order) {
        static mote_plan_entry work[MOTE_MAX_TENSORS];
        static mote_order_work ow;
        static int16_t ord[MOTE_MAX_OPS];
        if (mote_order_choose(g, sel->isa, work, &ow, ord, NULL) == 1) sel->order = 1;
    }
    for (i = 0; i < g->n_ops && rc == 0; i++) {
        mote_graph_op op;
        mote_graph_tensor t;
        mote_lowered low;
        mote_error err;
        const char *name;
        const char *kname;
        size_t k;
        int32_t kid, in0;
        if (mote_graph_get_op(g, i, &op) != MOTE_OK ||
            mote_lower_op(g, i, 0, NULL, 0, &low, &err) != MOTE_OK || low.row < 0) {
            cli_error("ops: %s: operator %u does not lower", path, (unsigned)i);
            rc = 1;
            break;
        }
        if (low.row >= (int32_t)mote_kernel_row_count) {
            /* IF, WHILE, CALL_ONCE, variables: run by the interpreter, and
             * the subgraphs they call are not walked here yet. */
            cli_error("ops: %s: operator %u (%s) is control flow or a resource variable; "
                      "--for does not select for such models yet",
                      path, (unsigned)i, mote_op_label(&op));
            rc = 1;
            break;
        }
        name = mote_op_label(&op); /* a CUSTOM operator's row is named by its custom_code */
        for (k = 0; k < N_TABLE_OPS; k++)
            if (strcmp(ops[k].name, name) == 0) break;
        kid = (int32_t)mote_kernel_rows[low.row].kernel;
        kname = mote_kernel_name((mote_kernel_id)kid);
        if (k == N_TABLE_OPS || kid < 0 || kid >= MOTE_KID_COUNT) {
            cli_error("ops: %s: operator %u (%s) is not in the operator table", path, (unsigned)i,
                      name);
            rc = 1;
            break;
        }
        /* The kernels column is what a selection may take for an operator:
         * a step choosing a kernel it does not name is a table bug. */
        if (!names_kernel(ops[k].kernels, kname)) {
            cli_error("ops: %s: operator %u (%s) chose kernel %s, which its row in "
                      "src/ops/ops.def does not name (kernels column '%s')",
                      path, (unsigned)i, name, kname, ops[k].kernels);
            rc = 1;
            break;
        }
        in0 = op.n_inputs > 0 ? mote_graph_op_input(&op, 0) : -1;
        if (in0 >= 0 && mote_graph_get_tensor(g, (uint32_t)in0, &t) == MOTE_OK &&
            (unsigned)t.type < 32u)
            sel->op_types[k] |= 1u << t.type;
        sel->op_used[k] = 1;
        sel->op_kernel[k][kid] = 1;
        sel->kernel_used[kid] = 1;
        if (sel->target != NULL && select_row(path, &model, i, kid, sel) != 0) rc = 1;
    }
    if (rc == 0 && sel->bands && sel->target != NULL) keep_band_ref_rows(sel);
    free(bytes);
    return rc;
}

/* The header for sel, written to path ("-": stdout). */
static int write_selection(const selection *sel, char **models, int n_models, const char *path)
{
    static char text[64 << 10];
    size_t used = 0, k;
    int i, n_ops = 0, n_kernels = 0;
    int32_t kid;
    char err[FILE_ERR_MAX];
    char name[128];

#define PUT(...)                                                                                   \
    do {                                                                                           \
        if (used < sizeof text)                                                                    \
            used += (size_t)snprintf(text + used, sizeof text - used, __VA_ARGS__);                \
    } while (0)
    PUT("/*\n * mote_opset.h: the operators and kernels of");
    for (i = 0; i < n_models; i++) {
        comment_name(models[i], name, sizeof name);
        PUT(" %s", name);
    }
    if (sel->target != NULL) PUT("\n * on target %s", sel->target);
    PUT("\n * (written by `mote ops --for`; src/kernels/kernel_table.h says how it is used).\n"
        " * Compile src/ops/registry.c, src/ops/macs.c and src/kernels/kernel_table.c\n"
        " * with -include this file: the build then carries only these operators and\n"
        " * kernels, and refuses any other as left out of this build.\n */\n"
        "#ifndef MOTE_OPSET_H\n#define MOTE_OPSET_H\n\n#define MOTE_OPSET 1\n\n"
        "/* Operators (input types: kernels). */\n");
    for (k = 0; k < N_TABLE_OPS; k++) {
        int32_t t;
        int first = 1;
        if (!sel->op_used[k]) continue;
        n_ops++;
        PUT("#define MOTE_OPSET_OP_%s 1 /*", ops[k].name);
        for (t = 0; t < 32; t++)
            if (sel->op_types[k] & (1u << t)) PUT(" %s", mote_type_name(t));
        PUT(":");
        for (kid = 0; kid < MOTE_KID_COUNT; kid++) {
            if (!sel->op_kernel[k][kid]) continue;
            PUT("%s %s", first ? "" : ",", mote_kernel_name((mote_kernel_id)kid));
            first = 0;
        }
        PUT(" */\n");
    }
    if (sel->target == NULL)
        PUT("\n/* Kernels: every row of each (variants for the target's features). */\n");
    else
        PUT("\n/* Kernels (the rows below are the only ones kept). */\n");
    for (kid = 0; kid < MOTE_KID_COUNT; kid++) {
        if (!sel->kernel_used[kid]) continue;
        n_kernels++;
        PUT("#define MOTE_OPSET_K_%s 1\n", mote_kernel_name((mote_kernel_id)kid));
    }
    if (sel->bands)
        PUT("\n/* The planner runs a band chain (core/band.h): band execution is\n"
            " * linked (src/core/band_select.c). */\n#define MOTE_OPSET_BANDS 1\n");
    else
        PUT("\n/* No band chain (core/band.h) for these models: band execution is\n"
            " * left out (src/core/band_select.c); a model that would run one is\n"
            " * planned without it here. */\n");
    if (sel->order)
        PUT("\n/* Loading runs a model in another order than its own (core/order.h):\n"
            " * the execution-order search is linked (src/core/order_select.c). */\n"
            "#define MOTE_OPSET_ORDER 1\n");
    else
        PUT("\n/* These models run in their own order: the execution-order search is\n"
            " * left out (src/core/order_select.c). */\n");
    if (sel->target != NULL) {
        uint32_t r;
        PUT("\n/* Kernel rows the steps run on %s (lowering's pick, in-place steps\n"
            " * included); no other row is compiled in, not even `ref`. */\n"
            "#define MOTE_OPSET_ROWS 1\n",
            sel->target);
        for (r = 0; r < mote_kernel_row_count && r < sizeof sel->row_used; r++)
            if (sel->row_used[r])
                PUT("#define MOTE_OPSET_R_%s_%s 1\n",
                    mote_kernel_name((mote_kernel_id)mote_kernel_rows[r].kernel),
                    mote_kernel_rows[r].variant);
    }
    PUT("\n#endif /* MOTE_OPSET_H */\n");
#undef PUT
    if (used >= sizeof text) {
        cli_error("ops: the selection is longer than %u bytes", (unsigned)sizeof text);
        return 1;
    }
    if (n_ops == 0 || n_kernels == 0) {
        cli_error("ops: the models use no operator; a selection needs at least one");
        return 1;
    }
    if (file_write(path, text, used, err, sizeof err) != 0) {
        cli_error("ops: %s", err);
        return 1;
    }
    return 0;
}

int cmd_ops(int argc, char **argv)
{
    int markdown = 0, i, n_models = 0, want_for = 0;
    size_t k;
    char kernels[1024]; /* CONV_2D alone lists over 500 bytes of rows */
    char **models = NULL;
    const char *header = "-";
    const char *target = NULL;
    uint32_t isa = 0;

    for (i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs(help, stdout);
            return 0;
        } else if (strcmp(argv[i], "--markdown") == 0) {
            markdown = 1;
        } else if (strcmp(argv[i], "--header") == 0) {
            if (i + 1 >= argc) {
                cli_error("ops: --header needs a FILE");
                return 1;
            }
            header = argv[++i];
        } else if (strcmp(argv[i], "--target") == 0) {
            if (i + 1 >= argc) {
                cli_error("ops: --target needs a core (%s)", cli_target_names());
                return 1;
            }
            target = argv[++i];
            if (cli_target_isa(target, &isa) != 0) {
                cli_error("ops: unknown target '%s' (known: %s)", target, cli_target_names());
                return 1;
            }
        } else if (strcmp(argv[i], "--for") == 0) {
            want_for = 1;
            models = argv + i + 1;
            while (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0) {
                i++;
                n_models++;
            }
        } else {
            cli_error("ops: unknown argument '%s' (try 'mote ops --help')", argv[i]);
            return 1;
        }
    }
    if (!want_for && (strcmp(header, "-") != 0 || target != NULL)) {
        cli_error("ops: %s goes with --for MODEL...", target != NULL ? "--target" : "--header");
        return 1;
    }
    if (want_for) {
        static selection sel; /* static: large, and zeroed */
        if (n_models == 0 || markdown) {
            cli_error(n_models == 0 ? "ops: --for needs at least one MODEL"
                                    : "ops: --for and --markdown do not go together");
            return 1;
        }
        if (mote_kernel_row_count > sizeof sel.row_used) {
            cli_error("ops: the kernel table has more than %u rows", (unsigned)sizeof sel.row_used);
            return 1;
        }
        sel.target = target;
        sel.isa = target != NULL ? isa : 0u;
        for (i = 0; i < n_models; i++)
            if (select_model(models[i], &sel) != 0) return 1;
        return write_selection(&sel, models, n_models, header);
    }
    if (markdown) {
        printf("| operator | int8 (TFLite int8 spec) | float32 | kernels (variants) |\n");
        printf("|---|---|---|---|\n");
    }
    for (k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        if (describe_kernels(ops[k].kernels, kernels, sizeof kernels) != 0) {
            cli_error("ops: %s names a kernel the kernel table lacks ('%s')", ops[k].name,
                      ops[k].kernels);
            return 1;
        }
        if (markdown)
            printf("| %s | %s | %s | %s |\n", ops[k].name, ops[k].i8, ops[k].f32, kernels);
        else
            printf("%s\n  int8:    %s\n  float32: %s\n  kernels: %s\n", ops[k].name, ops[k].i8,
                   ops[k].f32, kernels);
    }
    return 0;
}
