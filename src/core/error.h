/*
 * error.h — filling a mote_error detail record. One helper for the reader,
 * lowering and planning, so every message has the same shape and all text
 * compiles out under MOTE_NO_STRINGS.
 */
#ifndef MOTE_CORE_ERROR_H
#define MOTE_CORE_ERROR_H

#include <stdint.h>
#include "mote/status.h"

/* Record status s about operator op and tensor (either may be -1) at byte
 * offset off, with a printf-style message; returns s so callers can write
 * `return mote_error_set(...)`. err may be NULL. */
mote_status mote_error_set(mote_error *err, mote_status s, int32_t op, int32_t tensor,
                           uint32_t off, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Append more text to err->text (used to list every unsupported operator). */
void mote_error_append(mote_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Clear a record to "no error". */
void mote_error_clear(mote_error *err);

#endif /* MOTE_CORE_ERROR_H */
