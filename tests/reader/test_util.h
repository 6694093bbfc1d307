/* test_util.h — tiny harness shared by the reader tests: one line per
 * failure, counts for the final "N passed, N failed" line. */
#ifndef MOTE_TEST_READER_UTIL_H
#define MOTE_TEST_READER_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include "mote/status.h"

extern int test_passed, test_failed;

/* Count one check; on failure print "FAIL <where>: <message>". */
void test_check(int ok, const char *where, const char *fmt, ...);
#define CHECK(ok, ...) test_check((ok) != 0, __FILE__ ":" TEST_STR(__LINE__), __VA_ARGS__)
#define TEST_STR(x) TEST_STR2(x)
#define TEST_STR2(x) #x

/* Whole file into a malloc'd buffer of exactly its size (so ASan sees any
 * read past the end), through the shared bounded reader tools/mote/file.c.
 * NULL (and a FAIL line) if unreadable. */
uint8_t *test_read_file(const char *path, size_t *len);

#include "status_names.h"

/* The parts run by main(). */
void test_models(const char *expect_path, int n_models, char **models);
void test_hostile(const char *dir);
void test_truncation(const char *model);
void test_flips(const char *model, unsigned iterations, uint32_t seed);
void test_flexbuf(void); /* test_flexbuf.c: CUSTOM operators' FlexBuffer options */

#endif
