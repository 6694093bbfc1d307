/*
 * test_kernels.h — shared tally of the kernel unit tests (test_main.c).
 *
 * test_quant.c checks the fixed-point helpers and quant.c against
 * hand-derived values; test_args.c checks the public kernel API's argument
 * checks. Both report into one tally so the program prints a single
 * "N passed, N failed" line. Kernel results are the op tests' (tests/ops/).
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

/* quant.c's integer multipliers against TFLite's double arithmetic. */
void test_quant_ratio_run(test_tally *t);

/* Argument checks of the kernels in include/mote/kernels.h. */
void test_args_run(test_tally *t);

#endif /* MOTE_TESTS_KERNELS_H */
