/* fault.c — print fault registers and the stacked frame, then exit. */
#include <stdint.h>
#include "fault.h"
#include "semihost.h"

/* System control block fault registers (ARMv7-M / ARMv8-M). */
#define REG(addr) (*(volatile const uint32_t *)(addr))
#define CFSR  REG(0xE000ED28u)   /* configurable fault status (MMFSR|BFSR|UFSR) */
#define HFSR  REG(0xE000ED2Cu)   /* hard fault status */
#define MMFAR REG(0xE000ED34u)   /* memory-management fault address */
#define BFAR  REG(0xE000ED38u)   /* bus fault address */

void mcu_fault_report(const uint32_t *frame, uint32_t ipsr) __attribute__((noreturn, used));

/* frame: the eight words the core pushed on exception entry:
 * r0, r1, r2, r3, r12, lr, pc, xpsr. The report:
 *   *** fault: <name> (exception 0x<n>)
 *   CFSR=0x.. HFSR=0x.. MMFAR=0x.. BFAR=0x..
 *   PC=0x.. LR=0x.. xPSR=0x.. SP=0x..
 * the names and labels each one string of NUL-separated parts, walked in
 * one loop: the handler is in every firmware, the minimal one (mote's
 * flash) included, and tables of pointers cost more than the strings. */
void mcu_fault_report(const uint32_t *frame, uint32_t ipsr)
{
    static const char names[] = "NMI\0HardFault\0MemManage\0BusFault\0UsageFault\0"
                                "SecureFault\0unexpected exception";
    static const char labels[] = " (exception \0)\nCFSR=\0 HFSR=\0 MMFAR=\0 BFAR=\0\nPC=\0"
                                 " LR=\0 xPSR=\0 SP=";
    const uint32_t n = ipsr & 0x1FFu;
    const uint32_t v[9] = {
        n, CFSR, HFSR, MMFAR, BFAR, frame[6], frame[5], frame[7], (uint32_t)(uintptr_t)frame};
    const char *label = labels, *name = names;
    char buf[24];
    unsigned i;
    /* name n - 2 for 2 .. 7, else the last */
    for (i = n >= 2 && n <= 7 ? n - 2 : 6; i > 0; --i)
        while (*name++)
            ;
    mcu_semihost_write0("\n*** fault: ");
    mcu_semihost_write0(name);
    for (i = 0; i < 9; ++i) {
        int k = 0, shift;
        while (*label)
            buf[k++] = *label++;
        ++label;
        buf[k++] = '0';
        buf[k++] = 'x';
        for (shift = 28; shift >= 0; shift -= 4)
            buf[k++] = "0123456789abcdef"[(v[i] >> shift) & 0xFu];
        buf[k] = 0;
        mcu_semihost_write0(buf);
    }
    mcu_semihost_write0("\n");
    mcu_semihost_exit(MCU_FAULT_EXIT);
}

/* Find the stack the core pushed the frame on (bit 2 of EXC_RETURN in lr:
 * 0 = main stack, 1 = process stack), then report. Written with ARMv6-M
 * instructions only, so it assembles for every M-profile core. */
__attribute__((naked)) void mcu_fault_handler(void)
{
    __asm__ volatile(
        "movs r0, #4\n\t"
        "mov r1, lr\n\t"
        "tst r0, r1\n\t"
        "beq 1f\n\t"
        "mrs r0, psp\n\t"
        "b 2f\n"
        "1:\n\t"
        "mrs r0, msp\n"
        "2:\n\t"
        "mrs r1, ipsr\n\t"
        "ldr r2, =mcu_fault_report\n\t"
        "bx r2\n\t"
        ".ltorg\n");
}
