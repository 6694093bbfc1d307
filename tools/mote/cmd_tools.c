/*
 * cmd_tools.c — `mote profile`, `mote validate`, `mote report`: the day-one
 * tools written in Python (python/mote/), which this command execs:
 *
 *     <python> -m mote <command> ARGS...
 *
 * with PYTHONPATH=<source dir>/python, MOTE_CLI=this binary (so the tools
 * use the same build), MOTE_ROOT=<source dir> and, when it exists,
 * MOTE_LIB=libmote.so next to this binary (`make pylib`).
 *
 * <python> is $MOTE_PYTHON, else <source dir>/.venv/bin/python (the test
 * venv: numpy, tflite-micro, ai-edge-litert), else python3. profile needs
 * only the standard library (plus make, arm-none-eabi-gcc and
 * qemu-system-arm); validate needs numpy and tflite-micro or
 * ai-edge-litert; report needs only the standard library.
 */
#define _XOPEN_SOURCE 700 /* setenv, realpath */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#ifndef MOTE_SOURCE_DIR
#define MOTE_SOURCE_DIR ""
#endif

#define PATH_CAP 4096

static int is_file(const char *dir, const char *rel)
{
    char p[PATH_CAP];
    if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, rel) >= sizeof p) {
        return 0;
    }
    return access(p, R_OK) == 0;
}

/* The source tree: $MOTE_ROOT, the directory this binary was built from,
 * or the first parent of the binary's directory that holds python/mote. */
static int find_root(const char *exe, char *root, size_t cap)
{
    const char *env = getenv("MOTE_ROOT");
    char dir[PATH_CAP];
    char *slash;

    if (env != NULL && env[0] != '\0') {
        snprintf(root, cap, "%s", env);
        return is_file(root, "python/mote/__main__.py") ? 0 : -1;
    }
    if (MOTE_SOURCE_DIR[0] != '\0' && is_file(MOTE_SOURCE_DIR, "python/mote/__main__.py")) {
        snprintf(root, cap, "%s", MOTE_SOURCE_DIR);
        return 0;
    }
    snprintf(dir, sizeof dir, "%s", exe);
    while ((slash = strrchr(dir, '/')) != NULL) {
        *slash = '\0';
        if (dir[0] != '\0' && is_file(dir, "python/mote/__main__.py")) {
            snprintf(root, cap, "%s", dir);
            return 0;
        }
    }
    return -1;
}

int cmd_tools(int argc, char **argv)
{
    char exe[PATH_CAP], root[PATH_CAP], pypath[2 * PATH_CAP], python[PATH_CAP], lib[PATH_CAP];
    const char *old = getenv("PYTHONPATH"), *py = getenv("MOTE_PYTHON");
    char **args;
    char *slash;
    int i;

    if (realpath("/proc/self/exe", exe) == NULL) {
        snprintf(exe, sizeof exe, "%s", "mote");
    }
    if (find_root(exe, root, sizeof root) != 0) {
        cli_error("%s: cannot find mote's python/ directory (set MOTE_ROOT to the source tree)",
                  argv[0]);
        return 1;
    }
    snprintf(pypath, sizeof pypath, "%s/python%s%s", root, old != NULL && old[0] ? ":" : "",
             old != NULL ? old : "");
    snprintf(lib, sizeof lib, "%s", exe);
    slash = strrchr(lib, '/');
    if (slash != NULL) {
        snprintf(slash + 1, sizeof lib - (size_t)(slash + 1 - lib), "libmote.so");
        if (getenv("MOTE_LIB") == NULL && access(lib, R_OK) == 0) {
            setenv("MOTE_LIB", lib, 1);
        }
    }
    setenv("PYTHONPATH", pypath, 1);
    setenv("MOTE_CLI", exe, 1);
    setenv("MOTE_ROOT", root, 1);
    if (py == NULL || py[0] == '\0') {
        int n = snprintf(python, sizeof python, "%s/.venv/bin/python", root);
        py = n > 0 && (size_t)n < sizeof python && access(python, X_OK) == 0 ? python : "python3";
    }
    args = calloc((size_t)argc + 4, sizeof *args);
    if (args == NULL) {
        cli_error("out of memory");
        return 1;
    }
    args[0] = (char *)py;
    args[1] = (char *)"-m";
    args[2] = (char *)"mote";
    for (i = 0; i < argc; i++) {
        args[3 + i] = argv[i];
    }
    fflush(stdout);
    execvp(py, args);
    cli_error("%s: cannot run %s: %s (profile, validate and report are Python: install "
              "python3, or set MOTE_PYTHON)", argv[0], py, strerror(errno));
    free(args);
    return 1;
}
