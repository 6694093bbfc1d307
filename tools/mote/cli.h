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
#include "file.h"
#include "mote/mote.h"

#define CLI_VERSION "0.1.0"

/* Largest model file the tool reads (bytes): 256 MiB (file.h). */
#define CLI_MAX_MODEL FILE_MODEL_MAX

/* The largest input file read for a tensor of n bytes: the same elements
 * as float64 (8 bytes each, numpy's default dtype, so an array of the wrong
 * dtype is still read and refused as such, naming both dtypes) plus a .npy
 * header (numpy itself refuses headers over 10 000 bytes by default). */
#define CLI_INPUT_WIDEN 8
#define CLI_NPY_HEADER_MAX ((size_t)16 << 10)

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

/* Read all of path (file_read(), at most max bytes) into a fresh malloc()ed
 * buffer. On failure prints one error line and returns -1; when the file
 * is over the limit, why (e.g. " for a model file") ends the line. */
int cli_read_file(const char *path, size_t max, const char *why, uint8_t **data, size_t *len);

/* Read the model at path (at most CLI_MAX_MODEL bytes) and verify it with mote_model_init(). On success
 * *bytes holds the file (free() it after the model is no longer used) and
 * returns 0; on failure prints the error line and returns -1. */
int cli_load_model(const char *path, mote_model *m, uint8_t **bytes, size_t *len);

/* As cli_load_model, planning for a core with features isa (targets.h). */
int cli_load_model_for(const char *path, mote_model *m, uint8_t **bytes, size_t *len, uint32_t isa);

/* As cli_load_model_for, with planner options flags (MOTE_PLAN_*). */
int cli_load_model_plan(const char *path, mote_model *m, uint8_t **bytes, size_t *len, uint32_t isa,
                        uint32_t flags);

/* As cli_load_model, with load options o (mote_model_init_opts). */
int cli_load_model_opts(const char *path, mote_model *m, uint8_t **bytes, size_t *len,
                        const mote_load_options *o);

/* The one stderr line cli_load_model_for prints when mote_model_init_for
 * returned st for m. */
void cli_model_error(const char *path, mote_model *m, mote_status st);

/* text (a runtime message, or its tail) into dst; when full (the message
 * filled the runtime's MOTE_DETAIL_MAX buffer, so it may have been cut) it
 * is cut back to a whole word and ends " [message shortened]". */
void cli_whole_words(char *dst, size_t cap, const char *text, int full);

/* "[1,49,10,1]" into buf (cap bytes, at least CLI_SHAPE_MAX); rank 0 is "[]". */
void cli_format_shape(char *buf, size_t cap, const int32_t *dims, int32_t rank);

/* Zero point k of a tensor, treating an absent list as 0 and a single
 * zero point as shared by every channel. */
int64_t cli_zero_point(const mote_graph_tensor *t, uint32_t k);

/* True if s is one of the help flags. */
int cli_is_help(const char *s);

/* The commands: argv[0] is the command name. Return the exit code. */
int cmd_compile(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_ops(int argc, char **argv);
int cmd_run(int argc, char **argv);
/* profile, validate, report: exec python3 -m mote (cmd_tools.c). */
int cmd_tools(int argc, char **argv);

#endif /* MOTE_CLI_H */
