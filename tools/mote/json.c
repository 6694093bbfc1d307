/* json.c — see json.h. */
#include "json.h"

#include <assert.h>
#include <math.h>

void json_init(json_writer *w, FILE *f)
{
    w->f = f;
    w->depth = 0;
    w->count[0] = 0;
    w->after_key = 0;
}

/* Separator and indentation before a member (key or array element). */
static void member(json_writer *w)
{
    int i;

    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth > 0 && w->count[w->depth - 1]++ > 0) {
        fputs(w->depth <= 3 ? "," : ", ", w->f);
    }
    if (w->depth > 0 && w->depth <= 3) {
        fputc('\n', w->f);
        for (i = 0; i < w->depth; i++) {
            fputs("  ", w->f);
        }
    }
}

static void open_container(json_writer *w, char c)
{
    member(w);
    assert(w->depth < JSON_MAX_DEPTH);
    fputc(c, w->f);
    w->count[w->depth++] = 0;
}

static void close_container(json_writer *w, char c)
{
    int i;

    assert(w->depth > 0);
    w->depth--;
    if (w->count[w->depth] > 0 && w->depth < 3) {
        fputc('\n', w->f);
        for (i = 0; i < w->depth; i++) {
            fputs("  ", w->f);
        }
    }
    fputc(c, w->f);
    if (w->depth == 0) {
        fputc('\n', w->f);
    }
}

void json_object_begin(json_writer *w) { open_container(w, '{'); }
void json_object_end(json_writer *w) { close_container(w, '}'); }
void json_array_begin(json_writer *w) { open_container(w, '['); }
void json_array_end(json_writer *w) { close_container(w, ']'); }

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid.
 * Rejects overlong forms, surrogates and code points above U+10FFFF. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t len, i;
    unsigned long cp;

    if (s[0] < 0x80) {
        return 1;
    } else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        len = 2;
        cp = s[0] & 0x1fu;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        len = 3;
        cp = s[0] & 0x0fu;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        len = 4;
        cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (len > n) {
        return 0;
    }
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xc0u) != 0x80u) {
            return 0;
        }
        cp = (cp << 6) | (s[i] & 0x3fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff)) {
        return 0;
    }
    return len;
}

/* The code point of the valid len-byte UTF-8 sequence at s. */
static unsigned long utf8_cp(const unsigned char *s, size_t len)
{
    static const unsigned char lead_mask[5] = {0, 0x7f, 0x1f, 0x0f, 0x07};
    unsigned long cp = s[0] & lead_mask[len];
    size_t i;

    for (i = 1; i < len; i++) {
        cp = (cp << 6) | (s[i] & 0x3fu);
    }
    return cp;
}

/* RFC 8259 section 7: '"', '\\' and every control character U+0000..U+001F
 * must be escaped. DEL, the C1 controls U+0080..U+009F (a terminal may act
 * on them) and U+2028/U+2029 (line breaks to JavaScript) are escaped too,
 * so the text holds no control character at all. */
void json_string(json_writer *w, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    member(w);
    fputc('"', w->f);
    while (i < n) {
        unsigned char c = p[i];
        size_t len = utf8_len(p + i, n - i);
        unsigned long cp = len != 0 ? utf8_cp(p + i, len) : c;
        if (c == '"' || c == '\\') {
            fputc('\\', w->f);
            fputc(c, w->f);
        } else if (c == '\n') {
            fputs("\\n", w->f);
        } else if (c == '\r') {
            fputs("\\r", w->f);
        } else if (c == '\t') {
            fputs("\\t", w->f);
        } else if (c == '\b') {
            fputs("\\b", w->f);
        } else if (c == '\f') {
            fputs("\\f", w->f);
        } else if (len == 0) {
            /* Not UTF-8: the byte's Latin-1 reading, U+0000..U+00FF. */
            fprintf(w->f, "\\u%04x", (unsigned)c);
            len = 1;
        } else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029) {
            fprintf(w->f, "\\u%04lx", cp);
        } else {
            fwrite(p + i, 1, len, w->f);
        }
        i += len;
    }
    fputc('"', w->f);
}

void json_cstring(json_writer *w, const char *s)
{
    size_t n = 0;

    while (s[n] != '\0') {
        n++;
    }
    json_string(w, s, n);
}

void json_key(json_writer *w, const char *key)
{
    json_cstring(w, key);
    fputs(": ", w->f);
    w->after_key = 1;
}

void json_int(json_writer *w, int64_t v)
{
    member(w);
    fprintf(w->f, "%lld", (long long)v);
}

void json_uint(json_writer *w, uint64_t v)
{
    member(w);
    fprintf(w->f, "%llu", (unsigned long long)v);
}

void json_double(json_writer *w, double v)
{
    member(w);
    /* %.9g round-trips a float32 exactly. */
    if (!isfinite(v)) {
        fputs("null", w->f);
    } else {
        fprintf(w->f, "%.9g", v);
    }
}

void json_bool(json_writer *w, int v)
{
    member(w);
    fputs(v ? "true" : "false", w->f);
}

void json_null(json_writer *w)
{
    member(w);
    fputs("null", w->f);
}

void json_shape(json_writer *w, const int32_t *dims, int32_t rank)
{
    int32_t k;

    /* Written by hand so a shape stays on one line at any depth. */
    member(w);
    fputc('[', w->f);
    for (k = 0; k < rank; k++) {
        fprintf(w->f, k == 0 ? "%ld" : ",%ld", (long)dims[k]);
    }
    fputc(']', w->f);
}
