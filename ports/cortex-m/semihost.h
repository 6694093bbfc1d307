/*
 * semihost.h — the few semihosting calls the port makes itself.
 *
 * Ordinary I/O (printf, fopen, exit) goes through newlib's rdimon library,
 * which also uses semihosting. These direct calls exist for what rdimon
 * does not offer without its own start-up code (the command line) and for
 * the fault handler, which must not depend on newlib's state.
 */
#ifndef MCU_SEMIHOST_H
#define MCU_SEMIHOST_H

#include <stddef.h>

/* Print a NUL-terminated string on the host's console. */
void mcu_semihost_write0(const char *s);

/* Copy the command line (QEMU: the kernel file name, a space, then the
 * -append text) into buf, NUL-terminated. Returns 0 on success, -1 if the
 * host refused (for example buf is too small). */
int mcu_semihost_cmdline(char *buf, size_t len);

/* Split the command line at spaces into at most max words, pointing into
 * a static buffer. argv[0] is the program (kernel) name. Returns the number
 * of words, 0 if the host gave no command line. */
int mcu_semihost_args(char **argv, int max);

/* Stop the emulator; QEMU exits with this status. Never returns. */
void mcu_semihost_exit(int status) __attribute__((noreturn));

#endif /* MCU_SEMIHOST_H */
