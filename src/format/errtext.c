/* errtext.c — the reader's tiny message formatter (see errtext.h). */
#include "format/errtext.h"

#ifndef MOTE_NO_STRINGS
/* Append state: text is always NUL-terminated; pos stops at the last byte. */
typedef struct {
    char *buf;
    size_t pos, cap;
} outbuf;

static void put_char(outbuf *o, char c)
{
    if (o->pos + 1 < o->cap) {
        o->buf[o->pos++] = c;
        o->buf[o->pos] = '\0';
    }
}

static void put_str(outbuf *o, const char *s)
{
    if (s == NULL) {
        s = "(null)";
    }
    while (*s != '\0') {
        put_char(o, *s++);
    }
}

/* Unsigned value in base 10 or 16; 20 digits hold any 64-bit value. */
static void put_unsigned(outbuf *o, unsigned long long v, unsigned base)
{
    char digits[24];
    int n = 0;
    do {
        unsigned d = (unsigned)(v % base);
        digits[n++] = (char)(d < 10 ? '0' + d : 'a' + (d - 10));
        v /= base;
    } while (v != 0);
    while (n > 0) {
        put_char(o, digits[--n]);
    }
}

static void put_signed(outbuf *o, long long v)
{
    if (v < 0) {
        put_char(o, '-');
        /* Negate in unsigned arithmetic so LLONG_MIN does not overflow. */
        put_unsigned(o, 0ULL - (unsigned long long)v, 10);
    } else {
        put_unsigned(o, (unsigned long long)v, 10);
    }
}

#endif /* MOTE_NO_STRINGS */

mote_status mote_format_vfail(mote_error *e, mote_status s, int32_t op, int32_t tensor,
                              uint32_t offset, const char *fmt, va_list ap)
{
    if (e == NULL) {
        return s;
    }
    e->status = s;
    e->op = op;
    e->tensor = tensor;
    e->offset = offset;
    e->text[0] = '\0';
#ifdef MOTE_NO_STRINGS
    (void)fmt;
    (void)ap;
#else
    outbuf o;
    o.buf = e->text;
    o.pos = 0;
    o.cap = sizeof e->text;
    if (op >= 0) {
        put_str(&o, "operator ");
        put_signed(&o, op);
        put_str(&o, ": ");
    } else if (tensor >= 0) {
        put_str(&o, "tensor ");
        put_signed(&o, tensor);
        put_str(&o, ": ");
    }
    for (; *fmt != '\0'; fmt++) {
        if (*fmt != '%' || fmt[1] == '\0') {
            put_char(&o, *fmt);
            continue;
        }
        switch (*++fmt) {
        case 's': put_str(&o, va_arg(ap, const char *)); break;
        case 'd': put_signed(&o, va_arg(ap, int)); break;
        case 'u': put_unsigned(&o, va_arg(ap, unsigned), 10); break;
        case 'x': put_unsigned(&o, va_arg(ap, unsigned), 16); break;
        case 'D': put_signed(&o, va_arg(ap, long long)); break;
        case 'U': put_unsigned(&o, va_arg(ap, unsigned long long), 10); break;
        case 'X': put_unsigned(&o, va_arg(ap, unsigned long long), 16); break;
        default: put_char(&o, *fmt); break;
        }
    }
#endif
    return s;
}

mote_status mote_format_fail(mote_error *e, mote_status s, int32_t op, int32_t tensor,
                             uint32_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    s = mote_format_vfail(e, s, op, tensor, offset, fmt, ap);
    va_end(ap);
    return s;
}

const char *mote_format_dims(char *buf, size_t cap, const int32_t *dims, int32_t rank)
{
    if (cap == 0) {
        return buf;
    }
    buf[0] = '\0';
#ifdef MOTE_NO_STRINGS
    (void)dims;
    (void)rank;
#else
    {
        outbuf o;
        int32_t k;
        o.buf = buf;
        o.pos = 0;
        o.cap = cap;
        put_char(&o, '[');
        for (k = 0; k < rank; k++) {
            if (k > 0) {
                put_char(&o, ',');
            }
            put_signed(&o, dims[k]);
        }
        put_char(&o, ']');
    }
#endif
    return buf;
}
