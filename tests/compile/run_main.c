/*
 * run_main.c — drive a model compiled by `mote compile`, on the host or as
 * Cortex-M firmware under QEMU (tests/compile/test_compile.py).
 *
 * Built with -DAOT_HEADER='"name.h"' -DAOT_NAME=name -DAOT_UP=NAME. For
 * each input file (raw bytes of input 0) it runs NAME_invoke and prints
 *
 *   out <file> 0 <hex bytes>
 *
 * the line format of the interpreter's firmware (ports/cortex-m/app/main.c),
 * so one comparison serves both. On Cortex-M (-DAOT_MCU) the arguments come
 * from the semihosting command line. With -bench (first argument) it also
 * prints `bench instructions=<N> arena=<bytes>` for the second run of the
 * first input (QEMU -icount shift=0).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include AOT_HEADER

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define AOT_INVOKE CAT(AOT_NAME, _invoke)
#define AOT_ARENA CAT(AOT_UP, _ARENA_SIZE)
#define AOT_IN CAT(AOT_UP, _INPUT_SIZE)
#define AOT_OUT CAT(AOT_UP, _OUTPUT_SIZE)

#ifdef AOT_MCU
#include "icount.h"
#include "semihost.h"
#endif

static uint8_t arena[AOT_ARENA] __attribute__((aligned(16)));
static uint8_t input[AOT_IN + 1];
static uint8_t output[AOT_OUT];

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t n, k;
    int rc;
    if (f == NULL) {
        printf("error: cannot open %s\n", path);
        return -1;
    }
    n = fread(input, 1, sizeof input, f);
    fclose(f);
    if (n != AOT_IN) {
        printf("error: %s has %u bytes, the input takes %u\n", path, (unsigned)n,
               (unsigned)AOT_IN);
        return -1;
    }
    rc = AOT_INVOKE(arena, input, output);
    if (rc != 0) {
        printf("error: invoke returned %d\n", rc);
        return -1;
    }
    printf("out %s 0 ", path);
    for (k = 0; k < AOT_OUT; k++)
        printf("%02x", output[k]);
    printf("\n");
    return 0;
}

#ifdef AOT_MCU
#define MAX_ARGS 24
int main(void)
{
    char *argv[MAX_ARGS];
    int argc = mcu_semihost_args(argv, MAX_ARGS), i, first = 1, rc = 0;
    if (first < argc && strcmp(argv[first], "-bench") == 0) {
        uint64_t t0, overhead, total;
        first++;
        if (first >= argc || run_file(argv[first]) != 0) return 1;
        if (mcu_icount_calibrate() == 0) return 1;
        t0 = mcu_icount_now();
        overhead = mcu_icount_now() - t0;
        t0 = mcu_icount_now();
        if (AOT_INVOKE(arena, input, output) != 0) return 1;
        total = mcu_icount_now() - t0 - overhead;
        printf("bench instructions=%llu arena=%u\n", (unsigned long long)total,
               (unsigned)AOT_ARENA);
        first++;
    }
    for (i = first; i < argc; i++)
        if (run_file(argv[i]) != 0) rc = 1;
    return rc;
}
#else
int main(int argc, char **argv)
{
    int i, rc = 0;
    /* Misuse is refused, not crashed on. */
    if (AOT_INVOKE(NULL, input, output) == 0 || AOT_INVOKE(arena + 1, input, output) == 0 ||
        AOT_INVOKE(arena, NULL, output) == 0 || AOT_INVOKE(arena, input, NULL) == 0) {
        printf("error: invoke accepted a NULL or misaligned argument\n");
        return 1;
    }
    for (i = 1; i < argc; i++)
        if (run_file(argv[i]) != 0) rc = 1;
    return rc;
}
#endif
