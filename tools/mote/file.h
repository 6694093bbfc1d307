/*
 * file.h — bounded whole-file reads and whole-file writes: the one file
 * helper of the host tool, the demo (examples/), the host benchmark
 * (bench/host_bench.c) and the C tests.
 *
 * No dependency on the rest of the CLI: errors come back as one
 * NUL-terminated line in a caller buffer (err, errcap bytes; may be NULL),
 * and the caller decides how to report it.
 */
#ifndef MOTE_CLI_FILE_H
#define MOTE_CLI_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Largest model file any host program reads (bytes): 256 MiB. */
#define FILE_MODEL_MAX ((size_t)256 << 20)

/* Room for one error line from file_read()/file_write(). */
#define FILE_ERR_MAX 1200

/* Read all of path into a fresh malloc()ed buffer (*data, free() it; never
 * NULL on success, even for an empty file) of exactly *len bytes, so a
 * sanitizer sees any access past the end.
 *
 * Regular files, pipes (FIFOs), character devices and stdin-like streams
 * alike: nothing is trusted from fseek/ftell. At most max bytes are
 * accepted; a source holding more is refused after reading max + 1 bytes
 * ("...: larger than the limit of <max> bytes"), never more, and no block
 * larger than max + 1 bytes is ever allocated. A regular file whose size is
 * already known to exceed max is refused without reading it.
 *
 * Returns 0; -2 when the source is larger than max; -1 on any other
 * failure. On failure the reason is in err, *data is NULL and *len 0. */
int file_read(const char *path, size_t max, uint8_t **data, size_t *len, char *err,
              size_t errcap);

/* Write len bytes to path (created or truncated); "-" means stdout.
 * Returns 0, or -1 with the reason in err. */
int file_write(const char *path, const void *data, size_t len, char *err, size_t errcap);

#endif /* MOTE_CLI_FILE_H */
