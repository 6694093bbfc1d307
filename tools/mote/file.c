/* file.c — see file.h. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200112L /* fileno, fstat */
#endif
#define _FILE_OFFSET_BITS 64    /* st_size of big files on 32-bit hosts too */

#include "file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* First block for a source of unknown size (pipe, device). */
#define FIRST_BLOCK ((size_t)64 << 10)

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void set_err(char *err, size_t errcap, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL || errcap == 0) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(err, errcap, fmt, ap);
    va_end(ap);
}

/* "268435456 bytes (256 MiB)" or "1014 bytes". */
static void format_limit(char *buf, size_t cap, size_t max)
{
    if (max >= ((size_t)1 << 20) && max % ((size_t)1 << 20) == 0) {
        snprintf(buf, cap, "%lu bytes (%lu MiB)", (unsigned long)max,
                 (unsigned long)(max >> 20));
    } else {
        snprintf(buf, cap, "%lu bytes", (unsigned long)max);
    }
}

int file_read(const char *path, size_t max, uint8_t **data, size_t *len, char *err,
              size_t errcap)
{
    /* The most this function ever holds: max + 1 bytes, enough to tell a
     * source of exactly max bytes from a longer one. */
    const size_t hold = max < SIZE_MAX ? max + 1 : SIZE_MAX;
    FILE *f;
    struct stat st;
    uint8_t *buf = NULL;
    size_t cap = FIRST_BLOCK, used = 0;
    char limit[64];

    *data = NULL;
    *len = 0;
    format_limit(limit, sizeof limit, max);
    f = fopen(path, "rb");
    if (f == NULL) {
        set_err(err, errcap, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            fclose(f);
            set_err(err, errcap, "cannot read %s: %s", path, strerror(EISDIR));
            return -1;
        }
        /* A regular file says its size: refuse an oversized one unread,
         * and read a fitting one in one block (+1 byte to see growth). */
        if (S_ISREG(st.st_mode) && st.st_size >= 0) {
            if ((unsigned long long)st.st_size > (unsigned long long)max) {
                fclose(f);
                set_err(err, errcap, "%s: larger than the limit of %s (the file has %llu bytes)",
                        path, limit, (unsigned long long)st.st_size);
                return -2;
            }
            cap = (size_t)st.st_size < hold ? (size_t)st.st_size + 1 : hold;
        }
    }
    if (cap > hold) {
        cap = hold;
    }
    for (;;) {
        size_t got;
        if (buf == NULL || used == cap) {
            size_t next = cap;
            uint8_t *grown;
            if (buf != NULL) {
                if (cap == hold) {
                    break; /* holds max + 1 bytes: too large */
                }
                next = cap < FIRST_BLOCK ? FIRST_BLOCK : cap > hold / 2 ? hold : cap * 2;
                next = next > hold ? hold : next;
            }
            grown = realloc(buf, next != 0 ? next : 1);
            if (grown == NULL) {
                free(buf);
                fclose(f);
                set_err(err, errcap, "%s: out of memory reading %lu bytes", path,
                        (unsigned long)next);
                return -1;
            }
            buf = grown;
            cap = next;
        }
        errno = 0;
        got = fread(buf + used, 1, cap - used, f);
        used += got;
        if (used < cap) {
            break; /* end of file or an error: a blocking read is short only then */
        }
    }
    if (ferror(f)) {
        int e = errno;
        free(buf);
        fclose(f);
        set_err(err, errcap, "cannot read %s: %s", path, e != 0 ? strerror(e) : "read error");
        return -1;
    }
    fclose(f);
    if (used > max) {
        free(buf);
        set_err(err, errcap, "%s: larger than the limit of %s", path, limit);
        return -2;
    }
    /* Exactly used bytes (1 for an empty file), so a sanitizer flags the
     * first byte read past the end. */
    {
        uint8_t *exact = realloc(buf, used != 0 ? used : 1);
        if (exact != NULL) {
            buf = exact;
        }
    }
    *data = buf;
    *len = used;
    return 0;
}

int file_write(const char *path, const void *data, size_t len, char *err, size_t errcap)
{
    int to_stdout = strcmp(path, "-") == 0;
    FILE *f = to_stdout ? stdout : fopen(path, "wb");
    int bad;

    if (f == NULL) {
        set_err(err, errcap, "cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    errno = 0;
    bad = len != 0 && fwrite(data, 1, len, f) != len;
    bad |= to_stdout ? fflush(f) != 0 : fclose(f) != 0;
    if (bad) {
        set_err(err, errcap, "cannot write %s: %s", to_stdout ? "stdout" : path,
                errno != 0 ? strerror(errno) : "write error");
        return -1;
    }
    return 0;
}
