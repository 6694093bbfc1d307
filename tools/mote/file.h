/*
 * file.h — whole-file reads and writes for the host tool. Errors are
 * reported with cli_error() (one line) and a -1 return.
 */
#ifndef MOTE_CLI_FILE_H
#define MOTE_CLI_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Read all of path into a fresh malloc()ed buffer (*data, free() it; never
 * NULL on success, even for an empty file) of *len bytes. Files longer than
 * max bytes are refused. Works on pipes and other unsized files too.
 * Returns 0, or -1 after printing the error line. */
int file_read(const char *path, size_t max, uint8_t **data, size_t *len);

/* Write len bytes to path (created or truncated); "-" means stdout.
 * Returns 0, or -1 after printing the error line. */
int file_write(const char *path, const void *data, size_t len);

#endif /* MOTE_CLI_FILE_H */
