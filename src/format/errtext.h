/*
 * errtext.h — fill a mote_error detail record without printf.
 *
 * The reader names every problem in one line ("tensor 12: buffer holds 100
 * bytes, ..."). A full printf would pull kilobytes of code (and, in some
 * embedded C libraries, the heap for floats) into firmware, so messages go
 * through this small formatter. It knows only what the messages need:
 *   %s  const char *        %d  int           %u  unsigned int
 *   %x  unsigned int, hex   %D  long long     %U  unsigned long long
 *   %X  unsigned long long, hex
 * Text is cut (always NUL-terminated) at MOTE_DETAIL_MAX. When op (or else
 * tensor) is >= 0 the text starts with "operator N: " (or "tensor N: "), so
 * call sites never repeat it.
 *
 * Use MOTE_FAIL(), not the function: with MOTE_NO_STRINGS it drops the format
 * string and arguments at compile time, so no message text reaches flash.
 */
#ifndef MOTE_FORMAT_ERRTEXT_H
#define MOTE_FORMAT_ERRTEXT_H

#include <stdarg.h>
#include <stddef.h>
#include "mote/status.h"

/* Fill e (ignored when NULL) and return s, so callers can write
 * `return MOTE_FAIL(...)`. op / tensor are -1 when not about one. */
mote_status mote_format_fail(mote_error *e, mote_status s, int32_t op, int32_t tensor,
                             uint32_t offset, const char *fmt, ...);
mote_status mote_format_vfail(mote_error *e, mote_status s, int32_t op, int32_t tensor,
                              uint32_t offset, const char *fmt, va_list ap);

/* Write a shape as "[1,8,8,3]" into buf (cap bytes, cut if short). */
const char *mote_format_dims(char *buf, size_t cap, const int32_t *dims, int32_t rank);

#ifdef MOTE_NO_STRINGS
#define MOTE_FAIL(e, s, op, tensor, offset, ...) \
    mote_format_fail((e), (s), (op), (tensor), (offset), "")
#else
#define MOTE_FAIL(e, s, op, tensor, offset, ...) \
    mote_format_fail((e), (s), (op), (tensor), (offset), __VA_ARGS__)
#endif

#endif /* MOTE_FORMAT_ERRTEXT_H */
