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
 *   test_robust --size-bits N         this build's size_t has N bits (the
 *                                     32-bit suite, make test-32bit, checks
 *                                     it really runs with a 32-bit size_t)
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "robust.h"
#include "mote/status.h"

int robust_failed, robust_passed;

uint8_t *robust_read_file(const char *path, size_t *len)
{
    uint8_t *buf;
    char err[FILE_ERR_MAX];
    if (file_read(path, FILE_MODEL_MAX, &buf, len, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return NULL;
    }
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
        else if (strcmp(argv[i], "--size-bits") == 0 && i + 1 < argc) {
            unsigned long want = strtoul(argv[++i], NULL, 10);
            CHECK(sizeof(size_t) * CHAR_BIT == want, "size_t has %u bits, want %lu",
                  (unsigned)(sizeof(size_t) * CHAR_BIT), want);
        }
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
    printf("robust: %d passed, %d failed (size_t: %u bits)\n", robust_passed, robust_failed,
           (unsigned)(sizeof(size_t) * CHAR_BIT));
    return robust_failed == 0 ? 0 : 1;
}
