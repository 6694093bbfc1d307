/* cases_rows.h — the MUL / SOFTMAX / Helium pool rows' cases (cases_rows.c). */
#ifndef TESTS_ARM_KERNELS_CASES_ROWS_H
#define TESTS_ARM_KERNELS_CASES_ROWS_H

/* Runs n_cases random cases per kernel (and the benchmark layers when
 * do_bench), prints per-kernel counts, adds them to *passed / *failed. */
void armk_rows_cases(int n_cases, int do_bench, int *passed, int *failed);

#endif
