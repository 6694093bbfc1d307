/*
 * test_kernels.h — shared tally of the int8 kernel test program.
 *
 * test_kernels.c runs the TFLM-generated cases; test_quant.c checks the
 * fixed-point helpers and quant.c against hand-derived values. Both report
 * into one tally so the program prints a single "N passed, N failed" line.
 */
#ifndef MOTE_TESTS_KERNELS_H
#define MOTE_TESTS_KERNELS_H

typedef struct test_tally {
    int passed;
    int failed;
} test_tally;

/* Record one check: name and detail are printed only on failure. */
void tally_check(test_tally *t, int ok, const char *name, const char *detail);

/* Unit tests of src/base/fixedpoint*.h and src/ops/quant.c. */
void test_quant_run(test_tally *t);

#endif /* MOTE_TESTS_KERNELS_H */
