/*
 * json.h — a tiny streaming JSON writer for `mote inspect --json`.
 *
 * The writer tracks nesting so callers never place commas by hand. Strings
 * are byte strings (model names may hold any byte): valid UTF-8 passes
 * through, except that every control character is escaped (RFC 8259 asks
 * for U+0000..U+001F; DEL, the C1 controls U+0080..U+009F and U+2028/U+2029
 * are escaped as well), and each byte that is not part of a valid UTF-8
 * sequence is written as \u00XX (its Latin-1 reading), so the output is
 * always valid JSON with no control character in it.
 * Non-finite numbers are written as null.
 * Objects and arrays up to depth 3 start each member on a new line.
 */
#ifndef MOTE_CLI_JSON_H
#define MOTE_CLI_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

typedef struct json_writer {
    FILE *f;
    int depth;
    int count[JSON_MAX_DEPTH];   /* members written so far at each level */
    int after_key;               /* a key was written; the value follows */
} json_writer;

void json_init(json_writer *w, FILE *f);

/* Containers. Nesting beyond JSON_MAX_DEPTH is a caller bug (asserted). */
void json_object_begin(json_writer *w);
void json_object_end(json_writer *w);
void json_array_begin(json_writer *w);
void json_array_end(json_writer *w);

/* An object key (NUL-terminated ASCII); the next call writes its value. */
void json_key(json_writer *w, const char *key);

/* Values. */
void json_string(json_writer *w, const char *s, size_t n);
void json_cstring(json_writer *w, const char *s);
void json_int(json_writer *w, int64_t v);
void json_uint(json_writer *w, uint64_t v);
void json_double(json_writer *w, double v);
void json_bool(json_writer *w, int v);
void json_null(json_writer *w);

/* A shape as an array of integers. */
void json_shape(json_writer *w, const int32_t *dims, int32_t rank);

#endif /* MOTE_CLI_JSON_H */
