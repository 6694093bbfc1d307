/* semihost.c — direct semihosting calls (ARM semihosting spec v2). */
#include <stdint.h>
#include "semihost.h"

enum {
    SYS_WRITE0 = 0x04,
    SYS_GET_CMDLINE = 0x15,
    SYS_EXIT_EXTENDED = 0x20,
    ADP_STOPPED_APPLICATION_EXIT = 0x20026
};

/* On M-profile cores a semihosting request is BKPT 0xAB with the operation
 * in r0 and a pointer to its argument block in r1; the result is in r0. */
static uintptr_t semihost_call(uintptr_t op, const void *arg)
{
    register uintptr_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void mcu_semihost_write0(const char *s)
{
    (void)semihost_call(SYS_WRITE0, s);
}

int mcu_semihost_cmdline(char *buf, size_t len)
{
    uintptr_t block[2];
    block[0] = (uintptr_t)buf;
    block[1] = (uintptr_t)len;
    return semihost_call(SYS_GET_CMDLINE, block) == 0 ? 0 : -1;
}

int mcu_semihost_args(char **argv, int max)
{
    static char line[512];
    int argc = 0;
    if (mcu_semihost_cmdline(line, sizeof line) != 0)
        return 0;
    for (char *p = line; *p && argc < max;) {
        while (*p == ' ')
            *p++ = 0;
        if (!*p)
            break;
        argv[argc++] = p;
        while (*p && *p != ' ')
            p++;
    }
    return argc;
}

void mcu_semihost_exit(int status)
{
    /* SYS_EXIT_EXTENDED carries the status; plain SYS_EXIT only knows
     * "success" or "error". */
    uintptr_t block[2];
    block[0] = ADP_STOPPED_APPLICATION_EXIT;
    block[1] = (uintptr_t)status;
    (void)semihost_call(SYS_EXIT_EXTENDED, block);
    for (;;) {
    }
}
