/* test_main.c — the reader suite: real models against an independent
 * decoder's expectations, hand-made hostile files, truncation and byte flips.
 *
 * usage: test_reader [--expect FILE MODEL...] [--hostile DIR] [--trunc MODEL]
 *                    [--flip MODEL ITERATIONS]...
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "file.h"
#include "test_util.h"
#include "mote/graph.h"
#include "format/tflite.h"
#include "ops/op.h"

int test_passed, test_failed;

void test_check(int ok, const char *where, const char *fmt, ...)
{
    va_list ap;
    if (ok) {
        test_passed++;
        return;
    }
    test_failed++;
    printf("FAIL %s: ", where);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

uint8_t *test_read_file(const char *path, size_t *len)
{
    uint8_t *buf;
    char err[FILE_ERR_MAX];
    if (file_read(path, FILE_MODEL_MAX, &buf, len, err, sizeof err) != 0) {
        CHECK(0, "%s", err);
        return NULL;
    }
    return buf;
}

/* Names, sizes and status sentences: the small tables. */
static void test_tables(void)
{
    int k;
    mote_graph g;
    mote_error err;
    /* Statuses run from MOTE_OK (0) down to MOTE_E_STATE without gaps. */
    for (k = MOTE_OK; k >= MOTE_E_STATE; k--) {
        const char *s = mote_status_str((mote_status)k);
        CHECK(s != NULL && s[0] != '\0', "mote_status_str(%s) is empty",
              mote_test_status_name(k));
        CHECK(strcmp(mote_test_status_name(k), "(unknown status)") != 0,
              "status %d has no test name", k);
    }
    /* Every status the header lists (the generated table) has a sentence
     * and a name that maps back to it. */
    CHECK(mote_test_status_count() >= 19, "status table has %d entries", mote_test_status_count());
    for (k = 0; k < mote_test_status_count(); k++) {
        int st = mote_test_status_at(k);
        const char *s = mote_status_str((mote_status)st);
        CHECK(s != NULL && s[0] != '\0' && strcmp(s, "unknown status") != 0,
              "mote_status_str(%s) has no sentence", mote_test_status_name(st));
        CHECK(mote_test_status_value(mote_test_status_name(st)) == st, "status %d round trip", st);
    }
    CHECK(strcmp(mote_type_name(MOTE_INT8), "INT8") == 0, "type name of INT8");
    CHECK(strcmp(mote_type_name(22), "FLOAT8_E5M2") == 0, "type name of 22");
    CHECK(strcmp(mote_type_name(23), "UNKNOWN") == 0, "type name of 23");
    CHECK(strcmp(mote_type_name(-1), "UNKNOWN") == 0, "type name of -1");
    CHECK(mote_type_size(MOTE_INT8) == 1 && mote_type_size(MOTE_FLOAT32) == 4 &&
          mote_type_size(MOTE_INT32) == 4 && mote_type_size(MOTE_INT16) == 2 &&
          mote_type_size(MOTE_STRING) == 0 && mote_type_size((mote_type)99) == 0,
          "mote_type_size table");
    CHECK(strcmp(mote_op_name(MOTE_OP_CONV_2D), "CONV_2D") == 0, "op name of 3");
    CHECK(strcmp(mote_op_name(MOTE_OP_SOFTMAX), "SOFTMAX") == 0, "op name of 25");
    CHECK(strcmp(mote_op_name(209), "STABLEHLO_CASE") == 0, "op name of 209");
    CHECK(strcmp(mote_op_name(210), "UNKNOWN") == 0, "op name of 210");
    CHECK(strcmp(mote_op_name(-5), "UNKNOWN") == 0, "op name of -5");
    CHECK(mote_tflite_read(NULL, "x", 1, &err) == MOTE_E_ARG && err.status == MOTE_E_ARG,
          "NULL graph gives MOTE_E_ARG");
    CHECK(mote_tflite_read(&g, NULL, 1, NULL) == MOTE_E_ARG, "NULL bytes gives MOTE_E_ARG");
}

int main(int argc, char **argv)
{
    int i = 1;
    test_tables();
    test_flexbuf();
    while (i < argc) {
        if (strcmp(argv[i], "--expect") == 0 && i + 1 < argc) {
            int j = i + 2;
            while (j < argc && strncmp(argv[j], "--", 2) != 0) j++;
            test_models(argv[i + 1], j - (i + 2), argv + i + 2);
            i = j;
        } else if (strcmp(argv[i], "--hostile") == 0 && i + 1 < argc) {
            test_hostile(argv[i + 1]);
            i += 2;
        } else if (strcmp(argv[i], "--trunc") == 0 && i + 1 < argc) {
            test_truncation(argv[i + 1]);
            i += 2;
        } else if (strcmp(argv[i], "--flip") == 0 && i + 2 < argc) {
            test_flips(argv[i + 1], (unsigned)strtoul(argv[i + 2], NULL, 10), 0x6d6f7465u);
            i += 3;
        } else {
            fprintf(stderr, "usage: %s [--expect FILE MODEL...] [--hostile DIR] "
                    "[--trunc MODEL] [--flip MODEL N]...\n", argv[0]);
            return 2;
        }
    }
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed == 0 ? 0 : 1;
}
