/* robust.h — shared bits of the robustness tests (tests/robust/). */
#ifndef MOTE_TEST_ROBUST_H
#define MOTE_TEST_ROBUST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

extern int robust_failed, robust_passed;

#define CHECK(cond, ...)                                          \
    do {                                                          \
        if (cond) {                                               \
            robust_passed++;                                      \
        } else {                                                  \
            robust_failed++;                                      \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);  \
            fprintf(stderr, __VA_ARGS__);                         \
            fputc('\n', stderr);                                  \
        }                                                         \
    } while (0)

/* Whole file into an exactly-sized heap buffer (free() it), through the
 * shared bounded reader tools/mote/file.c; NULL (reason on stderr) on error. */
uint8_t *robust_read_file(const char *path, size_t *len);

#include "status_names.h"

void test_arena_guard(const char *model);
void test_arena_api(const char *model);
void test_overflow_manifest(const char *dir, int whole_path_only);
void test_misaligned_model(const char *model);

#endif
