/*
 * selftest.c — checks the port without the runtime: console output, a file
 * read from the host, the exit status, instruction counting and the fault
 * report. The semihosting command line picks the check:
 *
 *   selftest.elf hello            print and exit 0
 *   selftest.elf read <file>      print the file's size and byte sum
 *   selftest.elf exit <n>         exit with status n
 *   selftest.elf count <n>        print the SysTick rate and the measured
 *                                 instructions of a 2*n-instruction loop
 *   selftest.elf stack            measure a function with a 1024-byte frame
 *   selftest.elf fault            read unmapped memory: fault report, exit 3
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "icount.h"
#include "semihost.h"
#include "stack.h"

static int read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("cannot open %s\n", path);
        return 1;
    }
    unsigned long size = 0, sum = 0;
    int c;
    while ((c = fgetc(f)) != EOF) {
        size++;
        sum += (unsigned)c;
    }
    fclose(f);
    printf("file %s size=%lu sum=%lu\n", path, size, sum);
    return 0;
}

static int count(uint32_t n)
{
    uint32_t khz = mcu_icount_calibrate();
    uint64_t t0 = mcu_icount_now();
    mcu_icount_spin(n);
    uint64_t t1 = mcu_icount_now();
    printf("systick_khz=%lu loop=%llu measured=%llu\n", (unsigned long)khz,
           2ull * n, (unsigned long long)(t1 - t0));
    return 0;
}

/* Touches every byte of a 1 KB local array, so its frame is a bit more. */
__attribute__((noinline)) static int deep(int k)
{
    volatile uint8_t buf[1024];
    for (int i = 0; i < (int)sizeof buf; i++)
        buf[i] = (uint8_t)(i + k);
    return buf[k & 1023];
}

static int stack(void)
{
    mcu_icount_stop();
    uintptr_t base = mcu_stack_pointer();
    mcu_stack_paint();
    int v = deep(3);
    printf("stack used=%u (1024-byte array) v=%d\n", (unsigned)mcu_stack_used(base), v);
    return 0;
}

int main(void)
{
    char *argv[8];
    int argc = mcu_semihost_args(argv, 8);
    const char *cmd = argc > 1 ? argv[1] : "hello";

    if (strcmp(cmd, "hello") == 0) {
        printf("hello from mote's Cortex-M port\n");
        return 0;
    }
    if (strcmp(cmd, "read") == 0 && argc > 2)
        return read_file(argv[2]);
    if (strcmp(cmd, "exit") == 0 && argc > 2)
        return atoi(argv[2]);
    if (strcmp(cmd, "count") == 0 && argc > 2)
        return count((uint32_t)strtoul(argv[2], NULL, 0));
    if (strcmp(cmd, "stack") == 0)
        return stack();
    if (strcmp(cmd, "fault") == 0) {
        /* 0xF0000000 is unmapped on every MPS board: a precise bus fault,
         * escalated to HardFault since BusFault is not enabled. */
        volatile uint32_t *bad = (volatile uint32_t *)0xF0000000u;
        return (int)*bad;
    }
    printf("selftest: unknown command '%s'\n", cmd);
    return 2;
}
