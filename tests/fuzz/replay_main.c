/*
 * replay_main.c — a plain main() for the fuzz targets: runs
 * LLVMFuzzerTestOneInput once on every file given (directories are walked
 * one level deep). `make coverage` links the targets with it, without
 * libFuzzer or sanitizers, to measure the line coverage of a corpus.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long n;
    if (f == NULL) return 0;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return 0;
    }
    buf = (uint8_t *)malloc(n > 0 ? (size_t)n : 1u);
    if (buf != NULL && fread(buf, 1, (size_t)n, f) == (size_t)n)
        LLVMFuzzerTestOneInput(buf, (size_t)n);
    free(buf);
    fclose(f);
    return 1;
}

int main(int argc, char **argv)
{
    unsigned n = 0;
    int i;
    for (i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            DIR *d = opendir(argv[i]);
            struct dirent *e;
            char path[4096];
            while (d != NULL && (e = readdir(d)) != NULL) {
                if (e->d_name[0] == '.') continue;
                snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
                if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) n += run_file(path);
            }
            if (d != NULL) closedir(d);
        } else {
            n += run_file(argv[i]);
        }
    }
    printf("replayed %u inputs\n", n);
    return 0;
}
