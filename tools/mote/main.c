/* main.c — `mote`, the host tool: dispatch to a command. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: mote <command> [options]\n"
    "\n"
    "Run and examine TensorFlow Lite models (int8, and float32) with the mote\n"
    "runtime, on this computer or on an emulated Cortex-M core.\n"
    "\n"
    "commands:\n"
    "  compile MODEL --name NAME -o DIR [--target T] [--kernels fast|small|ref]\n"
    "      the model as C source (NAME.h, NAME.c): const weights, one kernel call\n"
    "      per layer, no reader or interpreter; --kernels small|ref: reference\n"
    "      kernels for tiny layers or all, less code\n"
    "  inspect MODEL [--json] [--plan] [--timeline] [--svg FILE] [--target T]\n"
    "          [--no-patch] [--no-reorder] [--requant stored|run|auto]\n"
    "      operators, tensors, MACs and the exact arena size; --plan: where every\n"
    "      activation lives in the arena and what the state is made of;\n"
    "      --timeline / --svg: the arena over time (text / SVG picture); --target:\n"
    "      plan for core T; --no-patch: plan without band (patch) execution of the\n"
    "      first layers; --no-reorder: in the model's operator order, not the one\n"
    "      chosen for a smaller arena; --requant: requantization tables in the\n"
    "      state, or made before each layer runs (less RAM)\n"
    "  ops [--markdown]\n"
    "      the operators, types and kernel variants mote has\n"
    "  ops --for MODEL... [--target T] [--header FILE]\n"
    "      the operator selection those models need, as a C header (MOTE_OPSET):\n"
    "      a firmware built with it links only their operators and kernels\n"
    "      (--target: and only the kernel variants their steps use on core T)\n"
    "  run MODEL --input FILE... [--output FILE...] [--print] [--top K]\n"
    "          [--repeat N] [--time] [--arena BYTES] [--no-patch] [--no-reorder]\n"
    "      run the model on raw or .npy inputs (float .npy inputs of a quantized\n"
    "      model are quantized); write raw or .npy outputs, or print them\n"
    "      (dequantized values, top-K classes); --arena: try a smaller arena\n"
    "  profile MODEL --core C [--input FILE] [--mhz N] [--json]\n"
    "      per-layer instructions, MACs per instruction, kernel variant, arena,\n"
    "      peak stack and flash on core C (m0plus, m3, m4, m7, m33, m55), measured\n"
    "      under QEMU; checks the firmware's output against the host's. Needs make,\n"
    "      arm-none-eabi-gcc (newlib) and qemu-system-arm (installed on demand)\n"
    "  validate MODEL [--data DIR | --random N] [--reference tflm|litert]\n"
    "      compare mote's outputs with TFLite Micro's (or LiteRT's) on your inputs:\n"
    "      exact-match rate, max abs difference, RMSE, cosine, top-1 agreement.\n"
    "      Needs Python with numpy and tflite-micro (or ai-edge-litert)\n"
    "  report MODEL -o FILE.html [--core C]\n"
    "      one self-contained HTML page: graph, per-layer MACs and weights, arena\n"
    "      memory timeline, totals (and per-layer instructions with --core)\n"
    "\n"
    "options:\n"
    "  -h, --help                    this text ('mote <command> --help' for a command)\n"
    "  --version                     print the version\n"
    "\n"
    "profile, validate and report are Python (python/mote, run with $MOTE_PYTHON,\n"
    "the repository's .venv, or python3). Errors print one line 'mote: <problem>'\n"
    "on stderr and exit with status 1.\n";

int main(int argc, char **argv)
{
    const char *cmd;

    if (argc < 2) {
        cli_error("missing command (try 'mote --help')");
        return 1;
    }
    cmd = argv[1];
    if (cli_is_help(cmd)) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("mote %s\n", CLI_VERSION);
        return 0;
    }
    if (strcmp(cmd, "compile") == 0) {
        return cmd_compile(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "inspect") == 0) {
        return cmd_inspect(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "ops") == 0) {
        return cmd_ops(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "run") == 0) {
        return cmd_run(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "profile") == 0 || strcmp(cmd, "validate") == 0 ||
        strcmp(cmd, "report") == 0) {
        return cmd_tools(argc - 1, argv + 1);
    }
    if (cmd[0] == '-') {
        cli_error("unknown option '%s' (try 'mote --help')", cmd);
    } else {
        cli_error("unknown command '%s' (try 'mote --help')", cmd);
    }
    return 1;
}
