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

#include "file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Each file through the shared bounded reader (tools/mote/file.c), in a
 * block of exactly its size. */
static unsigned run_file(const char *path)
{
    uint8_t *buf;
    size_t n;
    if (file_read(path, FILE_MODEL_MAX, &buf, &n, NULL, 0) != 0) return 0;
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
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
