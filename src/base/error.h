/*
 * error.h — filling a mote_error detail record, without printf.
 *
 * One small formatter serves the reader, lowering and planning, so every
 * message has the same shape. A full printf would pull kilobytes of code
 * (and, in some embedded C libraries, the heap for floats) into firmware.
 * It knows only what the messages need:
 *   %s  const char *        %d  int           %u  unsigned int
 *   %x  unsigned int, hex   %D  long long     %U  unsigned long long
 *   %X  unsigned long long, hex               %g  double (6 significant digits)
 * Text is cut (always NUL-terminated) at MOTE_DETAIL_MAX.
 *
 * With MOTE_NO_STRINGS the MOTE_FAIL macro drops the format string and its
 * arguments at compile time, so no message text reaches flash.
 */
#ifndef MOTE_BASE_ERROR_H
#define MOTE_BASE_ERROR_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "mote/status.h"

/* Record status s about operator op and tensor (either may be -1) at byte
 * offset off, with a formatted message; returns s so callers can write
 * `return mote_error_set(...)`. err may be NULL. */
mote_status mote_error_set_fn(mote_error *err, mote_status s, int32_t op, int32_t tensor,
                              uint32_t off, const char *fmt, ...);

/* As mote_error_set, but the text starts "operator N: " when op >= 0, else
 * "tensor N: " when tensor >= 0 (the reader's messages rely on this). */
mote_status mote_error_vfail(mote_error *err, mote_status s, int32_t op, int32_t tensor,
                             uint32_t off, const char *fmt, va_list ap);
mote_status mote_error_fail(mote_error *err, mote_status s, int32_t op, int32_t tensor,
                            uint32_t off, const char *fmt, ...);

/* Append more formatted text to err->text. */
void mote_error_append_fn(mote_error *err, const char *fmt, ...);
void mote_error_vappend(mote_error *err, const char *fmt, va_list ap);

/* Clear a record to "no error". */
void mote_error_clear(mote_error *err);

/* Write a shape as "[1,8,8,3]" into buf (cap bytes, cut if short). */
const char *mote_error_dims(char *buf, size_t cap, const int32_t *dims, int32_t rank);

/* Callers use these macros: with MOTE_NO_STRINGS the message arguments are
 * never evaluated, so name tables and formatting code drop out of flash. */
#ifdef MOTE_NO_STRINGS
#define MOTE_FAIL(e, s, op, tensor, offset, ...)                                                   \
    mote_error_fail((e), (s), (op), (tensor), (offset), "")
#define mote_error_set(e, s, op, tensor, offset, ...)                                              \
    mote_error_set_fn((e), (s), (op), (tensor), (offset), "")
#define mote_error_append(e, ...) ((void)(e))
#else
#define MOTE_FAIL(e, s, op, tensor, offset, ...)                                                   \
    mote_error_fail((e), (s), (op), (tensor), (offset), __VA_ARGS__)
#define mote_error_set(e, s, op, tensor, offset, ...)                                              \
    mote_error_set_fn((e), (s), (op), (tensor), (offset), __VA_ARGS__)
#define mote_error_append(e, ...) mote_error_append_fn((e), __VA_ARGS__)
#endif

#endif /* MOTE_BASE_ERROR_H */
