/* error.c — see error.h. */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void mote_error_clear(mote_error *err)
{
    if (err == NULL) return;
    err->status = MOTE_OK;
    err->op = -1;
    err->tensor = -1;
    err->offset = 0;
    err->text[0] = '\0';
}

mote_status mote_error_set(mote_error *err, mote_status s, int32_t op, int32_t tensor,
                           uint32_t off, const char *fmt, ...)
{
    if (err == NULL) return s;
    err->status = s;
    err->op = op;
    err->tensor = tensor;
    err->offset = off;
#ifdef MOTE_NO_STRINGS
    (void)fmt;
    err->text[0] = '\0';
#else
    {
        va_list ap;
        va_start(ap, fmt);
        (void)vsnprintf(err->text, sizeof err->text, fmt, ap);
        va_end(ap);
    }
#endif
    return s;
}

void mote_error_append(mote_error *err, const char *fmt, ...)
{
#ifdef MOTE_NO_STRINGS
    (void)err;
    (void)fmt;
#else
    size_t used;
    va_list ap;
    if (err == NULL) return;
    used = strlen(err->text);
    if (used + 1 >= sizeof err->text) return;
    va_start(ap, fmt);
    (void)vsnprintf(err->text + used, sizeof err->text - used, fmt, ap);
    va_end(ap);
#endif
}
