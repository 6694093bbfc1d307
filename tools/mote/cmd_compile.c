/* cmd_compile.c — `mote compile MODEL --name NAME -o DIR [--target T]`:
 * the model as C source that calls the kernels directly (emit.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "emit.h"
#include "mote/kernels.h"
#include "targets.h"

static const char help[] =
    "usage: mote compile MODEL --name NAME -o DIR [--target T] [--kernels K]\n"
    "\n"
    "Compile MODEL (a .tflite file) ahead of time into DIR/NAME.h and DIR/NAME.c:\n"
    "weights and layer parameters as const data, one kernel call per layer, the\n"
    "arena offsets as constants. The header defines NAME_ARENA_SIZE,\n"
    "NAME_INPUT_SIZE and NAME_OUTPUT_SIZE (bytes, NAME in upper case) and declares\n"
    "  int NAME_invoke(void *arena, const void *input, void *output);\n"
    "  int NAME_invoke_io(void *arena, const void *const *inputs, void *const *outputs);\n"
    "(NAME_invoke only for models with one input and one output), returning 0 or a\n"
    "mote status. Build NAME.c with -Iinclude and link the kernels (src/kernels/,\n"
    "src/base/); no reader or interpreter is needed. The bytes it computes are\n"
    "the interpreter's: the runtime itself lowers and plans the model here.\n"
    "\n"
    "options:\n"
    "  --name NAME   C identifier for the files and symbols\n"
    "  -o DIR        output directory (must exist)\n"
    "  --target T    host (default), m0plus, m3, m4, m7, m33, m55: call the kernel\n"
    "                rows that core runs (m4, m7, m33, m55: Arm DSP kernels)\n"
    "  --kernels K   small (default): the rows the runtime picks for the target,\n"
    "                but the reference kernels for layers of 1 to 1023 MACs (a\n"
    "                final FULLY_CONNECTED) whose fast kernel no larger layer\n"
    "                uses, where it costs more flash than it saves time;\n"
    "                fast: the rows the runtime picks, everywhere;\n"
    "                ref: the reference kernels only (least code, slowest)\n"
    "  -h, --help    this text\n";

int cmd_compile(int argc, char **argv)
{
    const char *path = NULL, *name = NULL, *dir = NULL, *target = "host";
    uint32_t isa = mote_build_isa();
    emit_options o;
    emit_summary sum;
    uint8_t *bytes = NULL;
    size_t len = 0;
    int i, rc, kernels = EMIT_KERNELS_SMALL;

    for (i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs(help, stdout);
            return 0;
        }
    }
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--name") == 0 || strcmp(a, "-o") == 0 || strcmp(a, "--target") == 0 ||
            strcmp(a, "--kernels") == 0) {
            if (i + 1 >= argc) {
                cli_error("compile: %s needs a value (try 'mote compile --help')", a);
                return 1;
            }
            if (strcmp(a, "--name") == 0) {
                name = argv[++i];
            } else if (strcmp(a, "-o") == 0) {
                dir = argv[++i];
            } else if (strcmp(a, "--kernels") == 0) {
                const char *k = argv[++i];
                if (strcmp(k, "fast") == 0) {
                    kernels = EMIT_KERNELS_FAST;
                } else if (strcmp(k, "small") == 0) {
                    kernels = EMIT_KERNELS_SMALL;
                } else if (strcmp(k, "ref") == 0) {
                    kernels = EMIT_KERNELS_REF;
                } else {
                    cli_error("compile: unknown --kernels '%s' (fast, small or ref)", k);
                    return 1;
                }
            } else {
                target = argv[++i];
                if (cli_target_isa(target, &isa) != 0) {
                    cli_error("compile: unknown target '%s' (known: %s)", target,
                              cli_target_names());
                    return 1;
                }
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            cli_error("compile: unknown option '%s' (try 'mote compile --help')", a);
            return 1;
        } else if (path != NULL) {
            cli_error("compile: more than one MODEL given ('%s' and '%s')", path, a);
            return 1;
        } else {
            path = a;
        }
    }
    if (path == NULL || name == NULL || dir == NULL) {
        cli_error("compile: missing %s (try 'mote compile --help')", path == NULL   ? "MODEL"
                                                                     : name == NULL ? "--name NAME"
                                                                                    : "-o DIR");
        return 1;
    }
    if (cli_read_file(path, CLI_MAX_MODEL, " for a model file", &bytes, &len) != 0) return 1;
    o.model_path = path;
    o.name = name;
    o.out_dir = dir;
    o.target = target;
    o.isa = isa;
    o.kernels = kernels;
    rc = emit_model(bytes, len, &o, &sum);
    free(bytes);
    if (rc != 0) return rc;
    printf("compiled %s: %s/%s.h %s/%s.c target=%s layers=%u calls=%u arena=%lu "
           "interpreter_arena=%lu weights=%lu params=%lu\n",
           path, dir, name, dir, name, target, (unsigned)sum.steps, (unsigned)sum.calls,
           (unsigned long)sum.arena_bytes, (unsigned long)sum.interp_arena_bytes,
           (unsigned long)sum.weight_bytes, (unsigned long)sum.param_bytes);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("compile: cannot write to stdout");
        return 1;
    }
    return 0;
}
