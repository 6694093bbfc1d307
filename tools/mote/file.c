/* file.c — see file.h. */
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int file_read(const char *path, size_t max, uint8_t **data, size_t *len)
{
    FILE *f;
    uint8_t *buf = NULL;
    size_t cap = 0, used = 0;

    *data = NULL;
    *len = 0;
    f = fopen(path, "rb");
    if (f == NULL) {
        cli_error("cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    /* Grow geometrically instead of trusting a size from fseek/ftell, which
     * pipes and special files do not have. Read one byte past max so an
     * oversized file is detected rather than silently cut. */
    for (;;) {
        size_t got;
        if (used == cap) {
            size_t next = cap == 0 ? 65536 : cap * 2;
            uint8_t *grown;
            if (next > max + 1) {
                next = max + 1;
            }
            if (next <= cap) {
                break; /* already holds max + 1 bytes */
            }
            grown = realloc(buf, next);
            if (grown == NULL) {
                free(buf);
                fclose(f);
                cli_error("%s: out of memory", path);
                return -1;
            }
            buf = grown;
            cap = next;
        }
        errno = 0;
        got = fread(buf + used, 1, cap - used, f);
        used += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(f)) {
        int e = errno;
        free(buf);
        fclose(f);
        cli_error("cannot read %s: %s", path, e != 0 ? strerror(e) : "read error");
        return -1;
    }
    fclose(f);
    if (used > max) {
        free(buf);
        cli_error("%s: file is larger than %lu bytes", path, (unsigned long)max);
        return -1;
    }
    if (buf == NULL) {
        buf = malloc(1);
        if (buf == NULL) {
            cli_error("%s: out of memory", path);
            return -1;
        }
    }
    *data = buf;
    *len = used;
    return 0;
}

int file_write(const char *path, const void *data, size_t len)
{
    int to_stdout = strcmp(path, "-") == 0;
    FILE *f = to_stdout ? stdout : fopen(path, "wb");
    int bad;

    if (f == NULL) {
        cli_error("cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    errno = 0;
    bad = len != 0 && fwrite(data, 1, len, f) != len;
    bad |= to_stdout ? fflush(f) != 0 : fclose(f) != 0;
    if (bad) {
        cli_error("cannot write %s: %s", to_stdout ? "stdout" : path,
                  errno != 0 ? strerror(errno) : "write error");
        return -1;
    }
    return 0;
}
