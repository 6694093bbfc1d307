/* cli.c — helpers every command uses (see cli.h). */
#include "cli.h"
#include "mote/kernels.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"

void cli_error(const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    size_t i;

    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    /* One line, whatever bytes a file name or a model's text contained. */
    for (i = 0; line[i] != '\0'; i++) {
        unsigned char c = (unsigned char)line[i];
        if (c < 0x20 || c == 0x7f) {
            line[i] = '?';
        }
    }
    fprintf(stderr, "mote: %s\n", line);
}

int cli_read_file(const char *path, size_t max, const char *why, uint8_t **data, size_t *len)
{
    char err[FILE_ERR_MAX];
    int rc = file_read(path, max, data, len, err, sizeof err);

    if (rc != 0) {
        cli_error("%s%s", err, rc == -2 ? why : "");
        return -1;
    }
    return 0;
}

int cli_load_model(const char *path, mote_model *m, uint8_t **bytes, size_t *len)
{
    return cli_load_model_for(path, m, bytes, len, mote_build_isa());
}

int cli_load_model_for(const char *path, mote_model *m, uint8_t **bytes, size_t *len, uint32_t isa)
{
    return cli_load_model_plan(path, m, bytes, len, isa, 0);
}

int cli_load_model_plan(const char *path, mote_model *m, uint8_t **bytes, size_t *len, uint32_t isa,
                        uint32_t flags)
{
    mote_load_options o;
    mote_load_options_default(&o);
    o.isa = isa;
    o.plan_flags = flags;
    return cli_load_model_opts(path, m, bytes, len, &o);
}

int cli_load_model_opts(const char *path, mote_model *m, uint8_t **bytes, size_t *len,
                        const mote_load_options *o)
{
    mote_status st;

    if (cli_read_file(path, CLI_MAX_MODEL, " for a model file", bytes, len) != 0) {
        return -1;
    }
    st = mote_model_init_opts(m, *bytes, *len, o);
    if (st == MOTE_OK) {
        return 0;
    }
    cli_model_error(path, m, st);
    free(*bytes);
    *bytes = NULL;
    return -1;
}

void cli_whole_words(char *dst, size_t cap, const char *text, int full)
{
    size_t n;

    snprintf(dst, cap, "%s", text);
    if (full) { /* the runtime's buffer was full: the text may be cut */
        char *sp = strrchr(dst, ' ');
        if (sp != NULL) {
            *sp = '\0';
        }
        n = strlen(dst);
        snprintf(dst + n, cap - n, " [message shortened]");
    }
}

void cli_model_error(const char *path, mote_model *m, mote_status st)
{
    char where[96] = "", text[MOTE_DETAIL_MAX + 32];

    /* Point at the culprit when the runtime could name it. */
    if (m->error.op >= 0) {
        snprintf(where + strlen(where), sizeof where - strlen(where),
                 ", operator %ld", (long)m->error.op);
    }
    if (m->error.tensor >= 0) {
        snprintf(where + strlen(where), sizeof where - strlen(where),
                 ", tensor %ld", (long)m->error.tensor);
    }
    if (m->error.offset != 0) {
        snprintf(where + strlen(where), sizeof where - strlen(where),
                 ", byte offset %lu", (unsigned long)m->error.offset);
    }
    m->error.text[sizeof m->error.text - 1] = '\0';
    cli_whole_words(text, sizeof text, m->error.text,
                    strlen(m->error.text) + 1 >= sizeof m->error.text);
    if (m->error.text[0] != '\0') {
        cli_error("%s: %s: %s (status %d%s)", path, mote_status_str(st), text, (int)st, where);
    } else {
        cli_error("%s: %s (status %d%s)", path, mote_status_str(st), (int)st, where);
    }
}

void cli_format_shape(char *buf, size_t cap, const int32_t *dims, int32_t rank)
{
    size_t used = 0;
    int32_t k;

    if (cap == 0) {
        return;
    }
    buf[0] = '\0';
    if (rank < 0 || rank > MOTE_MAX_RANK) {
        snprintf(buf, cap, "[rank %ld]", (long)rank);
        return;
    }
    for (k = 0; k < rank && used < cap; k++) {
        int n = snprintf(buf + used, cap - used, "%s%ld", k == 0 ? "[" : ",", (long)dims[k]);
        if (n < 0) {
            return;
        }
        used += (size_t)n;
    }
    if (used < cap) {
        snprintf(buf + used, cap - used, "%s", rank == 0 ? "[]" : "]");
    }
}

int64_t cli_zero_point(const mote_graph_tensor *t, uint32_t k)
{
    if (t->zero_point_le == NULL || t->n_zero_points == 0) {
        return 0;
    }
    if (t->n_zero_points == 1) {
        k = 0;
    }
    if (k >= t->n_zero_points || k >= t->n_quant) {
        return 0;
    }
    return mote_graph_tensor_zero_point(t, k);
}

int cli_is_help(const char *s)
{
    return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}
