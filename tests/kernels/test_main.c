/*
 * test_main.c — the kernel unit tests: quant.c and the fixed-point helpers
 * (test_quant.c), quant.c's integer multipliers against double arithmetic
 * (test_quant_ratio.c), and the public kernel API's argument checks
 * (test_args.c). One tally, one "N passed, N failed" line; exits non-zero
 * on any failure.
 */
#include <stdio.h>

#include "test_kernels.h"

void tally_check(test_tally *t, int ok, const char *name, const char *detail)
{
    if (ok) {
        t->passed++;
    } else {
        t->failed++;
        printf("FAIL %s%s%s\n", name, detail && detail[0] ? ": " : "", detail ? detail : "");
    }
}

int main(void)
{
    test_tally t = {0, 0};
    test_quant_run(&t);
    test_quant_ratio_run(&t);
    test_args_run(&t);
    printf("%d passed, %d failed\n", t.passed, t.failed);
    return t.failed ? 1 : 0;
}
