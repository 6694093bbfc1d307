/*
 * test_main.c — driver of the robustness tests.
 *
 *   test_robust --models MODEL...     arena canaries + planned-regions-only
 *                                     check for each model, and the arena API
 *                                     refusals (one byte short, misaligned)
 *   test_robust --overflow DIR        DIR/MANIFEST.tsv: each model's exact
 *                                     mote_model_init status
 *   test_robust --hostile DIR         the reader's corpus through the whole
 *                                     load path: never crash, refusals keep
 *                                     the reader's status
 *   test_robust --misaligned MODEL...  a float model at an odd address is
 *                                     refused (MOTE_E_OFFSET)
 */
#include <stdlib.h>
#include <string.h>

#include "robust.h"
#include "mote/status.h"

int robust_failed, robust_passed;

uint8_t *robust_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long n;
    if (f == NULL) return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return NULL;
    }
    buf = (uint8_t *)malloc(n > 0 ? (size_t)n : 1u);
    if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

int main(int argc, char **argv)
{
    int i, mode = 0;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--models") == 0) mode = 1;
        else if (strcmp(argv[i], "--overflow") == 0) mode = 2;
        else if (strcmp(argv[i], "--hostile") == 0) mode = 3;
        else if (strcmp(argv[i], "--misaligned") == 0) mode = 4;
        else if (mode == 4) test_misaligned_model(argv[i]);
        else if (mode == 1) {
            test_arena_guard(argv[i]);
            test_arena_api(argv[i]);
        } else if (mode == 2 || mode == 3) {
            test_overflow_manifest(argv[i], mode == 3);
        } else {
            fprintf(stderr, "usage: %s [--models MODEL...] [--overflow DIR] [--hostile DIR] "
                    "[--misaligned MODEL...]\n",
                    argv[0]);
            return 2;
        }
    }
    printf("robust: %d passed, %d failed\n", robust_passed, robust_failed);
    return robust_failed == 0 ? 0 : 1;
}
