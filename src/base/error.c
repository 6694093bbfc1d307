/* error.c — the runtime's one message formatter (see error.h). */
#include "base/error.h"

#include <string.h>

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
    if (s == NULL) s = "(null)";
    while (*s != '\0')
        put_char(o, *s++);
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
    while (n > 0)
        put_char(o, digits[--n]);
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

/* A double with 6 significant digits, %g style: plain notation for
 * exponents -5..5, else d.ddddde+XX; trailing zeros dropped. Messages only
 * show scales and parameters, so this needs no exactness beyond that. */
static void put_double(outbuf *o, double v)
{
    char d[8];
    unsigned long m;
    int e10 = 0, i, last;
    if (v != v) {
        put_str(o, "nan");
        return;
    }
    if (v < 0) {
        put_char(o, '-');
        v = -v;
    }
    if (v > 1.7976931348623157e308) {
        put_str(o, "inf");
        return;
    }
    if (v == 0.0) {
        put_char(o, '0');
        return;
    }
    while (v >= 10.0) {
        v /= 10.0;
        e10++;
    }
    while (v < 1.0) {
        v *= 10.0;
        e10--;
    }
    m = (unsigned long)(v * 100000.0 + 0.5);
    if (m >= 1000000UL) {
        m /= 10;
        e10++;
    }
    for (i = 5; i >= 0; i--) {
        d[i] = (char)('0' + m % 10);
        m /= 10;
    }
    for (last = 5; last > 0 && d[last] == '0'; last--) {
    }
    if (e10 >= -5 && e10 <= 5) {
        if (e10 < 0) {
            put_str(o, "0.");
            for (i = -1; i > e10; i--)
                put_char(o, '0');
            for (i = 0; i <= last; i++)
                put_char(o, d[i]);
        } else {
            for (i = 0; i <= e10; i++)
                put_char(o, i <= 5 ? d[i] : '0');
            if (last > e10) {
                put_char(o, '.');
                for (i = e10 + 1; i <= last; i++)
                    put_char(o, d[i]);
            }
        }
    } else {
        put_char(o, d[0]);
        if (last > 0) {
            put_char(o, '.');
            for (i = 1; i <= last; i++)
                put_char(o, d[i]);
        }
        put_char(o, 'e');
        put_char(o, e10 < 0 ? '-' : '+');
        if (e10 < 0) e10 = -e10;
        if (e10 < 10) put_char(o, '0');
        put_unsigned(o, (unsigned long long)e10, 10);
    }
}

static void put_format(outbuf *o, const char *fmt, va_list ap)
{
    for (; *fmt != '\0'; fmt++) {
        if (*fmt != '%' || fmt[1] == '\0') {
            put_char(o, *fmt);
            continue;
        }
        switch (*++fmt) {
        case 's': put_str(o, va_arg(ap, const char *)); break;
        case 'd': put_signed(o, va_arg(ap, int)); break;
        case 'u': put_unsigned(o, va_arg(ap, unsigned), 10); break;
        case 'x': put_unsigned(o, va_arg(ap, unsigned), 16); break;
        case 'D': put_signed(o, va_arg(ap, long long)); break;
        case 'U': put_unsigned(o, va_arg(ap, unsigned long long), 10); break;
        case 'X': put_unsigned(o, va_arg(ap, unsigned long long), 16); break;
        case 'g': put_double(o, va_arg(ap, double)); break;
        default: put_char(o, *fmt); break;
        }
    }
}
#endif /* MOTE_NO_STRINGS */

void mote_error_clear(mote_error *err)
{
    if (err == NULL) return;
    err->status = MOTE_OK;
    err->op = -1;
    err->tensor = -1;
    err->offset = 0;
    err->text[0] = '\0';
}

static mote_status set_v(mote_error *err, mote_status s, int32_t op, int32_t tensor, uint32_t off,
                         int prefix, const char *fmt, va_list ap)
{
    if (err == NULL) return s;
    err->status = s;
    err->op = op;
    err->tensor = tensor;
    err->offset = off;
    err->text[0] = '\0';
#ifdef MOTE_NO_STRINGS
    (void)prefix;
    (void)fmt;
    (void)ap;
#else
    {
        outbuf o;
        o.buf = err->text;
        o.pos = 0;
        o.cap = sizeof err->text;
        if (prefix && op >= 0) {
            put_str(&o, "operator ");
            put_signed(&o, op);
            put_str(&o, ": ");
        } else if (prefix && tensor >= 0) {
            put_str(&o, "tensor ");
            put_signed(&o, tensor);
            put_str(&o, ": ");
        }
        put_format(&o, fmt, ap);
    }
#endif
    return s;
}

mote_status mote_error_set_fn(mote_error *err, mote_status s, int32_t op, int32_t tensor,
                              uint32_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    s = set_v(err, s, op, tensor, off, 0, fmt, ap);
    va_end(ap);
    return s;
}

mote_status mote_error_vfail(mote_error *err, mote_status s, int32_t op, int32_t tensor,
                             uint32_t off, const char *fmt, va_list ap)
{
    return set_v(err, s, op, tensor, off, 1, fmt, ap);
}

mote_status mote_error_fail(mote_error *err, mote_status s, int32_t op, int32_t tensor,
                            uint32_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    s = set_v(err, s, op, tensor, off, 1, fmt, ap);
    va_end(ap);
    return s;
}

void mote_error_vappend(mote_error *err, const char *fmt, va_list ap)
{
#ifdef MOTE_NO_STRINGS
    (void)err;
    (void)fmt;
    (void)ap;
#else
    outbuf o;
    if (err == NULL) return;
    o.buf = err->text;
    o.pos = strlen(err->text);
    o.cap = sizeof err->text;
    put_format(&o, fmt, ap);
#endif
}

void mote_error_append_fn(mote_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mote_error_vappend(err, fmt, ap);
    va_end(ap);
}

const char *mote_error_dims(char *buf, size_t cap, const int32_t *dims, int32_t rank)
{
    if (cap == 0) return buf;
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
            if (k > 0) put_char(&o, ',');
            put_signed(&o, dims[k]);
        }
        put_char(&o, ']');
    }
#endif
    return buf;
}
