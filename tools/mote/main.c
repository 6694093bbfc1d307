/* main.c — `mote`, the host tool: dispatch to a command. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: mote <command> [options]\n"
    "\n"
    "Run and examine int8 TFLite models with the mote runtime.\n"
    "\n"
    "commands:\n"
    "  inspect MODEL [--json] [--plan] [--target T]\n"
    "                                operators, tensors, MACs and arena size\n"
    "  ops [--markdown]              the operators and kernel variants mote has\n"
    "  run MODEL --input FILE ... --output FILE [--repeat N] [--time]\n"
    "                                run the model on raw or .npy inputs\n"
    "\n"
    "options:\n"
    "  -h, --help                    this text ('mote <command> --help' for a command)\n"
    "  --version                     print the version\n"
    "\n"
    "Errors print one line 'mote: <problem>' on stderr and exit with status 1.\n";

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
    if (strcmp(cmd, "inspect") == 0) {
        return cmd_inspect(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "ops") == 0) {
        return cmd_ops(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "run") == 0) {
        return cmd_run(argc - 1, argv + 1);
    }
    if (cmd[0] == '-') {
        cli_error("unknown option '%s' (try 'mote --help')", cmd);
    } else {
        cli_error("unknown command '%s' (try 'mote --help')", cmd);
    }
    return 1;
}
