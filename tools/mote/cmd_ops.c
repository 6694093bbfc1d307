/* cmd_ops.c — `mote ops [--markdown]`: the operators mote runs, their
 * types and their kernel variants, straight from the operator table
 * (src/ops/ops.def) and the kernel table (src/kernels/kernels.def). The
 * README's operator table is this command's --markdown output. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "kernels/kernel_table.h"
#include "ops/op.h"

static const char help[] =
    "usage: mote ops [--markdown]\n"
    "\n"
    "List every operator mote runs: what its int8 and float32 support covers, and\n"
    "each kernel (operator x types) with its variants ('ref' is the reference;\n"
    "others need an instruction-set extension and are chosen per step when the\n"
    "target has it). Anything else is refused when a model is loaded.\n"
    "\n"
    "options:\n"
    "  --markdown  print the table as Markdown (the README's operator table)\n"
    "  -h, --help  this text\n";

static const struct {
    const char *name, *kernels, *i8, *f32;
} ops[] = {
#define MOTE_OP(name, code, options, file, flags, types, kernels, i8, f32) {#name, kernels, i8, f32},
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

int cmd_ops(int argc, char **argv)
{
    int markdown = 0, i;
    size_t k;
    char kernels[512];

    for (i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs(help, stdout);
            return 0;
        } else if (strcmp(argv[i], "--markdown") == 0) {
            markdown = 1;
        } else {
            cli_error("ops: unknown argument '%s' (try 'mote ops --help')", argv[i]);
            return 1;
        }
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
