/*
 * cli.h — what the commands of the host tool `mote` share: the one-line
 * error report, loading a model file, and printing shapes.
 *
 * Exit codes: 0 success, 1 any error (after exactly one "mote: ..." line on
 * stderr). No input may crash the tool.
 */
#ifndef MOTE_CLI_H
#define MOTE_CLI_H

#include <stddef.h>
#include <stdint.h>
#include "mote/mote.h"

#define CLI_VERSION "0.1.0"

/* Largest model or input file the tool reads (bytes). */
#define CLI_MAX_FILE ((size_t)1 << 30)

/* Room for one formatted shape "[d0,d1,...]" of MOTE_MAX_RANK int32 dims. */
#define CLI_SHAPE_MAX (MOTE_MAX_RANK * 12 + 4)

/* Print "mote: <message>" and a newline to stderr. Control bytes in the
 * message (from file names or model text) become '?', so the report is
 * always exactly one line. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Read the model at path and verify it with mote_model_init(). On success
 * *bytes holds the file (free() it after the model is no longer used) and
 * returns 0; on failure prints the error line and returns -1. */
int cli_load_model(const char *path, mote_model *m, uint8_t **bytes, size_t *len);

/* "[1,49,10,1]" into buf (cap bytes, at least CLI_SHAPE_MAX); rank 0 is "[]". */
void cli_format_shape(char *buf, size_t cap, const int32_t *dims, int32_t rank);

/* Zero point k of a tensor, treating an absent list as 0 and a single
 * zero point as shared by every channel. */
int64_t cli_zero_point(const mote_graph_tensor *t, uint32_t k);

/* True if s is one of the help flags. */
int cli_is_help(const char *s);

/* The commands: argv[0] is the command name. Return the exit code. */
int cmd_inspect(int argc, char **argv);
int cmd_run(int argc, char **argv);

#endif /* MOTE_CLI_H */
