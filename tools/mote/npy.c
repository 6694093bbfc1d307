/* npy.c — see npy.h. A small recursive-descent reader for the header dict. */
#include "npy.h"

#include <stdio.h>
#include <string.h>

typedef struct cursor {
    const uint8_t *p, *end;
    char *err;
    size_t errcap;
} cursor;

static const uint8_t magic[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};

int npy_has_magic(const uint8_t *buf, size_t len)
{
    return len >= sizeof magic && memcmp(buf, magic, sizeof magic) == 0;
}

static int fail(cursor *c, const char *what)
{
    snprintf(c->err, c->errcap, "bad .npy header: %s", what);
    return -1;
}

static void skip_ws(cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')) {
        c->p++;
    }
}

/* Consume ch (after whitespace) if it is next; 1 if it was. */
static int accept(cursor *c, char ch)
{
    skip_ws(c);
    if (c->p < c->end && *c->p == (uint8_t)ch) {
        c->p++;
        return 1;
    }
    return 0;
}

/* A quoted string without escapes (none of the three keys or any dtype
 * string needs one) into out (cap bytes, NUL-terminated). */
static int parse_string(cursor *c, char *out, size_t cap)
{
    uint8_t quote;
    size_t n = 0;

    skip_ws(c);
    if (c->p >= c->end || (*c->p != '\'' && *c->p != '"')) {
        return fail(c, "expected a quoted string");
    }
    quote = *c->p++;
    while (c->p < c->end && *c->p != quote) {
        if (*c->p == '\\' || *c->p < 0x20) {
            return fail(c, "unsupported character in a string");
        }
        if (n + 1 >= cap) {
            return fail(c, "string too long");
        }
        out[n++] = (char)*c->p++;
    }
    if (c->p >= c->end) {
        return fail(c, "unterminated string");
    }
    c->p++;
    out[n] = '\0';
    return 0;
}

static int parse_bool(cursor *c, int *out)
{
    skip_ws(c);
    if ((size_t)(c->end - c->p) >= 4 && memcmp(c->p, "True", 4) == 0) {
        c->p += 4;
        *out = 1;
        return 0;
    }
    if ((size_t)(c->end - c->p) >= 5 && memcmp(c->p, "False", 5) == 0) {
        c->p += 5;
        *out = 0;
        return 0;
    }
    return fail(c, "fortran_order must be True or False");
}

/* One dimension: decimal digits, optionally followed by Python 2's 'L'. */
static int parse_dim(cursor *c, uint64_t *out)
{
    uint64_t v = 0;
    int digits = 0;

    skip_ws(c);
    if (c->p < c->end && *c->p == '-') {
        return fail(c, "negative dimension in shape");
    }
    while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
        unsigned d = (unsigned)(*c->p++ - '0');
        if (v > (UINT64_MAX - d) / 10) {
            return fail(c, "dimension too large");
        }
        v = v * 10 + d;
        digits++;
    }
    if (digits == 0) {
        return fail(c, "expected an integer in shape");
    }
    if (c->p < c->end && *c->p == 'L') {
        c->p++;
    }
    *out = v;
    return 0;
}

/* "(d0, d1, ...)" with an optional trailing comma; "()" is rank 0. */
static int parse_shape(cursor *c, npy_array *a)
{
    if (!accept(c, '(')) {
        return fail(c, "shape must be a tuple");
    }
    a->rank = 0;
    if (accept(c, ')')) {
        return 0;
    }
    for (;;) {
        if (a->rank >= NPY_MAX_RANK) {
            return fail(c, "shape has too many dimensions");
        }
        if (parse_dim(c, &a->shape[a->rank]) != 0) {
            return -1;
        }
        a->rank++;
        if (accept(c, ')')) {
            return 0;
        }
        if (!accept(c, ',')) {
            return fail(c, "expected ',' or ')' in shape");
        }
        if (accept(c, ')')) {
            return 0;
        }
    }
}

/* Split "<f4" into byte order, kind and item size. */
static int parse_descr(cursor *c, npy_array *a)
{
    const char *s = a->descr;
    unsigned long size = 0;

    a->byte_order = '|';
    if (*s == '<' || *s == '>' || *s == '|' || *s == '=') {
        a->byte_order = *s++;
    }
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) {
        snprintf(c->err, c->errcap, "unsupported .npy dtype '%s'", a->descr);
        return -1;
    }
    a->kind = *s++;
    if (*s < '1' || *s > '9') {
        snprintf(c->err, c->errcap, "unsupported .npy dtype '%s'", a->descr);
        return -1;
    }
    while (*s >= '0' && *s <= '9' && size <= 65536) {
        size = size * 10 + (unsigned long)(*s++ - '0');
    }
    if (*s != '\0' || size > 65536) {
        snprintf(c->err, c->errcap, "unsupported .npy dtype '%s'", a->descr);
        return -1;
    }
    a->item_size = (uint32_t)size;
    return 0;
}

/* The header dict: each of the three keys exactly once, nothing else. */
static int parse_dict(cursor *c, npy_array *a)
{
    int seen_descr = 0, seen_order = 0, seen_shape = 0;
    char key[16];

    if (!accept(c, '{')) {
        return fail(c, "expected '{'");
    }
    while (!accept(c, '}')) {
        if (parse_string(c, key, sizeof key) != 0) {
            return -1;
        }
        if (!accept(c, ':')) {
            return fail(c, "expected ':' after a key");
        }
        if (strcmp(key, "descr") == 0 && !seen_descr) {
            seen_descr = 1;
            skip_ws(c);
            if (c->p < c->end && (*c->p == '[' || *c->p == '{')) {
                snprintf(c->err, c->errcap, "structured .npy dtypes are not supported");
                return -1;
            }
            if (parse_string(c, a->descr, sizeof a->descr) != 0) {
                return -1;
            }
        } else if (strcmp(key, "fortran_order") == 0 && !seen_order) {
            seen_order = 1;
            if (parse_bool(c, &a->fortran_order) != 0) {
                return -1;
            }
        } else if (strcmp(key, "shape") == 0 && !seen_shape) {
            seen_shape = 1;
            if (parse_shape(c, a) != 0) {
                return -1;
            }
        } else {
            return fail(c, "unexpected or repeated key");
        }
        if (!accept(c, ',')) {
            if (!accept(c, '}')) {
                return fail(c, "expected ',' or '}'");
            }
            break;
        }
    }
    if (!seen_descr || !seen_order || !seen_shape) {
        return fail(c, "missing 'descr', 'fortran_order' or 'shape'");
    }
    skip_ws(c);
    if (c->p != c->end) {
        return fail(c, "text after the dict");
    }
    return parse_descr(c, a);
}

int npy_parse(const uint8_t *buf, size_t len, npy_array *out, char *err, size_t errcap)
{
    cursor c;
    size_t start, hlen;
    uint64_t need;
    uint32_t k;

    memset(out, 0, sizeof *out);
    c.err = err;
    c.errcap = errcap;
    if (errcap > 0) {
        err[0] = '\0';
    }
    if (!npy_has_magic(buf, len)) {
        snprintf(err, errcap, "not a .npy file (bad magic)");
        return -1;
    }
    if (len < 8) {
        snprintf(err, errcap, "truncated .npy header");
        return -1;
    }
    out->major = buf[6];
    out->minor = buf[7];
    if (out->major == 1) {
        start = 10;
        hlen = len >= start ? (size_t)buf[8] | (size_t)buf[9] << 8 : 0;
    } else if (out->major == 2 || out->major == 3) {
        start = 12;
        hlen = len >= start ? (size_t)buf[8] | (size_t)buf[9] << 8 | (size_t)buf[10] << 16 |
                                  (size_t)buf[11] << 24
                            : 0;
    } else {
        snprintf(err, errcap, "unsupported .npy version %d.%d", out->major, out->minor);
        return -1;
    }
    if (len < start || hlen > len - start) {
        snprintf(err, errcap, "truncated .npy header: it needs %lu bytes, the file has %lu",
                 (unsigned long)(len < start ? start : start + hlen), (unsigned long)len);
        return -1;
    }
    c.p = buf + start;
    c.end = buf + start + hlen;
    if (parse_dict(&c, out) != 0) {
        return -1;
    }
    out->elements = 1;
    for (k = 0; k < out->rank; k++) {
        if (out->shape[k] != 0 && out->elements > UINT64_MAX / out->shape[k]) {
            snprintf(err, errcap, "bad .npy header: shape is too large");
            return -1;
        }
        out->elements *= out->shape[k];
    }
    out->data_offset = start + hlen;
    out->data_bytes = len - out->data_offset;
    if (out->elements > UINT64_MAX / out->item_size) {
        snprintf(err, errcap, "bad .npy header: shape is too large");
        return -1;
    }
    need = out->elements * out->item_size;
    if ((uint64_t)out->data_bytes != need) {
        char shape[64];
        npy_format_shape(out, shape, sizeof shape);
        snprintf(err, errcap, "%s .npy data: shape %s of '%s' needs %llu bytes, the file holds %lu",
                 (uint64_t)out->data_bytes < need ? "truncated" : "excess", shape, out->descr,
                 (unsigned long long)need, (unsigned long)out->data_bytes);
        return -1;
    }
    return 0;
}

void npy_format_shape(const npy_array *a, char *buf, size_t cap)
{
    size_t used = 0;
    uint32_t k;

    if (cap < 8) {
        if (cap > 0) {
            buf[0] = '\0';
        }
        return;
    }
    buf[used++] = '(';
    for (k = 0; k < a->rank; k++) {
        char num[32];
        int n = snprintf(num, sizeof num, "%s%llu", k > 0 ? ", " : "",
                         (unsigned long long)a->shape[k]);
        if (n < 0 || used + (size_t)n + 5 > cap) {
            memcpy(buf + used, "...", 3);
            used += 3;
            break;
        }
        memcpy(buf + used, num, (size_t)n);
        used += (size_t)n;
    }
    if (a->rank == 1 && used + 2 < cap && buf[used - 1] != '.') {
        buf[used++] = ',';
    }
    buf[used++] = ')';
    buf[used] = '\0';
}
