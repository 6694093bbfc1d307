/*
 * msan_main.c — the plain main() of `make test-msan`: runs
 * LLVMFuzzerTestOneInput once on every file given (directories one level
 * deep), each in a heap block of exactly its size. It reads with
 * fopen/fread only: MemorySanitizer needs every function it calls either
 * instrumented or intercepted, and fstat() (in tools/mote/file.c) is not
 * intercepted on every libc, which would report a false positive.
 * The 64 MB read buffer is allocated once for all files: a fresh one per file
 * had MemorySanitizer poison 64 MB of shadow and 64 MB of origins each time,
 * most of the suite's run time (system time in page faults); the exact-size
 * copy each input runs from is still a new heap block per file.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MSAN_FILE_MAX ((size_t)64 << 20)

static uint8_t *buf; /* MSAN_FILE_MAX bytes, allocated once by main() */

static unsigned run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *exact;
    size_t n = 0, got;
    if (f == NULL) return 0;
    while (n < MSAN_FILE_MAX && (got = fread(buf + n, 1, MSAN_FILE_MAX - n, f)) > 0)
        n += got;
    fclose(f);
    exact = (uint8_t *)malloc(n ? n : 1);
    if (exact != NULL) {
        memcpy(exact, buf, n);
        LLVMFuzzerTestOneInput(exact, n);
        free(exact);
    }
    return 1;
}

int main(int argc, char **argv)
{
    unsigned n = 0;
    int i;
    buf = (uint8_t *)malloc(MSAN_FILE_MAX);
    if (buf == NULL) {
        printf("msan_main: out of memory for the read buffer\n");
        return 1;
    }
    for (i = 1; i < argc; i++) {
        DIR *d = opendir(argv[i]);
        struct dirent *e;
        char path[4096];
        if (d == NULL) {
            n += run_file(argv[i]);
            continue;
        }
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.' || strlen(argv[i]) + strlen(e->d_name) + 2 > sizeof path)
                continue;
            snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
            if (strstr(e->d_name, "MANIFEST") == NULL) n += run_file(path);
        }
        closedir(d);
    }
    free(buf);
    printf("replayed %u inputs\n", n);
    return 0;
}
