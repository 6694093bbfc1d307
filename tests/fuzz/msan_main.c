/*
 * msan_main.c — the plain main() of `make test-msan`: runs
 * LLVMFuzzerTestOneInput once on every file given (directories one level
 * deep), each in a heap block of exactly its size. It reads with
 * fopen/fread only: MemorySanitizer needs every function it calls either
 * instrumented or intercepted, and fstat() (in tools/mote/file.c) is not
 * intercepted on every libc, which would report a false positive.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MSAN_FILE_MAX ((size_t)64 << 20)

static unsigned run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf, *exact;
    size_t n = 0, got;
    if (f == NULL) return 0;
    buf = (uint8_t *)malloc(MSAN_FILE_MAX);
    if (buf == NULL) {
        fclose(f);
        return 0;
    }
    while (n < MSAN_FILE_MAX && (got = fread(buf + n, 1, MSAN_FILE_MAX - n, f)) > 0) n += got;
    fclose(f);
    exact = (uint8_t *)malloc(n ? n : 1);
    if (exact != NULL) {
        memcpy(exact, buf, n);
        LLVMFuzzerTestOneInput(exact, n);
        free(exact);
    }
    free(buf);
    return 1;
}

int main(int argc, char **argv)
{
    unsigned n = 0;
    int i;
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
    printf("replayed %u inputs\n", n);
    return 0;
}
