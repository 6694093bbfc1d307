/*
 * escape.h — model-provided strings (tensor names) made safe for text
 * output. A .tflite file is untrusted: a name holding CR, LF, an escape
 * sequence or a fake "arena_bytes: 1" line must not forge output lines or
 * drive the terminal.
 *
 * The escaped form keeps printable ASCII (0x20..0x7e) as it is, writes a
 * backslash as \\ and every other byte (controls, DEL, bytes >= 0x80) as
 * \xNN with two lowercase hex digits. So an escaped name is always one line
 * of printable ASCII, and the original bytes can be recovered from it.
 * (JSON output has its own escaping, in json.c.)
 */
#ifndef MOTE_CLI_ESCAPE_H
#define MOTE_CLI_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* Write the escaped form of s[0..n) to f; returns the columns written. */
int esc_print(FILE *f, const char *s, size_t n);

#endif /* MOTE_CLI_ESCAPE_H */
