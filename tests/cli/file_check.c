/*
 * file_check.c — checks of the one bounded file reader (tools/mote/file.c)
 * that the CLI, the demo, the benchmark and the C tests share:
 *
 *   - a regular file comes back whole, in a block of exactly its size;
 *   - an empty file gives length 0 and a non-NULL buffer;
 *   - a file of exactly max bytes is accepted, max + 1 refused (-2) unread,
 *     with the limit named in the message;
 *   - a FIFO (no size to trust) is read whole, and one that carries more
 *     than max bytes is refused after at most max + 1 bytes;
 *   - /dev/zero (endless) is refused quickly, naming the limit, at a small
 *     limit and at the model limit FILE_MODEL_MAX (256 MiB);
 *   - a missing file and a directory fail (-1) with a one-line reason;
 *   - no block larger than max + 1 bytes is ever requested (malloc and
 *     realloc are wrapped at link time: -Wl,--wrap=malloc,--wrap=realloc).
 *
 * usage: file_check TMPDIR     Prints "file_check: N passed, N failed".
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "file.h"

static int passed, failed;

static void check(int ok, const char *what, const char *detail)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s%s%s\n", what, detail != NULL ? ": " : "", detail != NULL ? detail : "");
    }
}

/* ---- allocation watch: the largest block file.c ever asked for -------- */

void *__real_malloc(size_t n);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_realloc(void *p, size_t n);

static size_t largest;

void *__wrap_malloc(size_t n)
{
    if (n > largest) largest = n;
    return __real_malloc(n);
}

void *__wrap_realloc(void *p, size_t n)
{
    if (n > largest) largest = n;
    return __real_realloc(p, n);
}

/* ---- helpers ------------------------------------------------------------ */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void write_file(const char *path, size_t n)
{
    FILE *f = fopen(path, "wb");
    size_t i;
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    for (i = 0; i < n; i++) fputc((int)(i * 7 + 3) & 0xff, f);
    fclose(f);
}

static int pattern_ok(const uint8_t *d, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (d[i] != (uint8_t)((i * 7 + 3) & 0xff)) return 0;
    return 1;
}

/* Start a child that writes n pattern bytes into the FIFO at path. */
static pid_t fifo_writer(const char *path, size_t n)
{
    pid_t pid = fork();
    if (pid == 0) {
        static uint8_t chunk[4096];
        FILE *f;
        size_t i, done = 0;
        signal(SIGPIPE, SIG_IGN);
        f = fopen(path, "wb");
        if (f == NULL) _exit(3);
        while (done < n) {
            size_t k = n - done < sizeof chunk ? n - done : sizeof chunk;
            for (i = 0; i < k; i++) chunk[i] = (uint8_t)(((done + i) * 7 + 3) & 0xff);
            if (fwrite(chunk, 1, k, f) != k) break; /* reader gone: fine */
            done += k;
        }
        fclose(f);
        _exit(0);
    }
    return pid;
}

/* Read path with limit max; check the outcome (want_rc) and that no block
 * over max + 1 bytes was requested. Returns the length read (or 0). */
static size_t read_case(const char *what, const char *path, size_t max, int want_rc,
                        const char *want_text, int check_pattern)
{
    uint8_t *d = (uint8_t *)1;
    size_t len = 123;
    char err[FILE_ERR_MAX], line[1600];
    int rc;

    largest = 0;
    memset(err, 0, sizeof err);
    rc = file_read(path, max, &d, &len, err, sizeof err);
    snprintf(line, sizeof line, "rc %d (want %d), len %lu, err \"%s\"", rc, want_rc,
             (unsigned long)len, err);
    check(rc == want_rc, what, line);
    check(largest <= max + 1, what, "a block larger than max + 1 bytes was requested");
    if (rc == 0) {
        check(d != NULL, what, "NULL buffer on success");
        if (check_pattern) check(pattern_ok(d, len), what, "contents differ");
        free(d);
        return len;
    }
    check(d == NULL && len == 0, what, "failure leaves *data NULL and *len 0");
    check(err[0] != '\0' && strchr(err, '\n') == NULL, what, "error is one non-empty line");
    if (want_text != NULL) check(strstr(err, want_text) != NULL, what, line);
    return 0;
}

int main(int argc, char **argv)
{
    char dir[512], path[600], fifo[600], limit_text[64];
    pid_t pid;
    int status;
    double t0;

    if (argc != 2) {
        fprintf(stderr, "usage: file_check TMPDIR\n");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s", argv[1]);

    /* Regular files. */
    snprintf(path, sizeof path, "%s/regular.bin", dir);
    write_file(path, 100000);
    check(read_case("regular file", path, 1u << 20, 0, NULL, 1) == 100000, "regular file length",
          NULL);
    check(largest <= 100001, "regular file read in one block of its size + 1", NULL);
    check(read_case("file of exactly max bytes", path, 100000, 0, NULL, 1) == 100000,
          "exactly max", NULL);
    read_case("file of max + 1 bytes refused unread", path, 99999, -2,
              "larger than the limit of 99999 bytes", 0);
    snprintf(path, sizeof path, "%s/empty.bin", dir);
    write_file(path, 0);
    check(read_case("empty file", path, 1000, 0, NULL, 0) == 0, "empty file length 0", NULL);
    read_case("empty file, limit 0", path, 0, 0, NULL, 0);

    /* Failures that are not about size. */
    snprintf(path, sizeof path, "%s/missing.bin", dir);
    read_case("missing file", path, 1000, -1, "cannot open", 0);
    read_case("directory", dir, 1000, -1, "directory", 0);

    /* FIFOs: no size to trust. */
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    if (mkfifo(fifo, 0600) != 0) {
        check(0, "mkfifo", strerror(errno));
    } else {
        pid = fifo_writer(fifo, 300000);
        check(read_case("FIFO within the limit", fifo, 1u << 20, 0, NULL, 1) == 300000,
              "FIFO length", NULL);
        waitpid(pid, &status, 0);
        pid = fifo_writer(fifo, 5000000);
        read_case("FIFO over the limit", fifo, 200000, -2, "limit of 200000 bytes", 0);
        kill(pid, SIGTERM);
        waitpid(pid, &status, 0);
        pid = fifo_writer(fifo, 0);
        check(read_case("empty FIFO", fifo, 1000, 0, NULL, 0) == 0, "empty FIFO length", NULL);
        waitpid(pid, &status, 0);
        unlink(fifo);
    }

    /* /dev/zero never ends: refused at the limit, quickly. */
    t0 = now();
    read_case("/dev/zero, limit 1000", "/dev/zero", 1000, -2, "limit of 1000 bytes", 0);
    check(now() - t0 < 1.0, "/dev/zero, limit 1000, under 1 s", NULL);
    snprintf(limit_text, sizeof limit_text, "limit of %lu bytes (256 MiB)",
             (unsigned long)FILE_MODEL_MAX);
    t0 = now();
    read_case("/dev/zero, model limit", "/dev/zero", FILE_MODEL_MAX, -2, limit_text, 0);
    check(now() - t0 < 20.0, "/dev/zero at the model limit, under 20 s", NULL);

    /* file_write: round trip, and a failure is one line. */
    {
        char err[FILE_ERR_MAX];
        const char msg[] = "hello";
        snprintf(path, sizeof path, "%s/written.bin", dir);
        check(file_write(path, msg, 5, err, sizeof err) == 0, "file_write", err);
        check(read_case("read back", path, 5, 0, NULL, 0) == 5, "written length", NULL);
        snprintf(path, sizeof path, "%s/no/such/dir/x", dir);
        check(file_write(path, msg, 5, err, sizeof err) == -1 && strstr(err, "cannot create"),
              "file_write into a missing dir", err);
    }

    printf("file_check: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
