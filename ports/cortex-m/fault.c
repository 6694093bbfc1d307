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

static const char *exception_name(uint32_t n)
{
    switch (n) {
    case 2: return "NMI";
    case 3: return "HardFault";
    case 4: return "MemManage";
    case 5: return "BusFault";
    case 6: return "UsageFault";
    case 7: return "SecureFault";
    default: return "unexpected exception";
    }
}

static void put_hex(const char *label, uint32_t v)
{
    char buf[24];
    int i = 0;
    while (*label)
        buf[i++] = *label++;
    buf[i++] = '0';
    buf[i++] = 'x';
    for (int shift = 28; shift >= 0; shift -= 4)
        buf[i++] = "0123456789abcdef"[(v >> shift) & 0xFu];
    buf[i] = 0;
    mcu_semihost_write0(buf);
}

/* frame: the eight words the core pushed on exception entry:
 * r0, r1, r2, r3, r12, lr, pc, xpsr. */
void mcu_fault_report(const uint32_t *frame, uint32_t ipsr)
{
    uint32_t n = ipsr & 0x1FFu;
    mcu_semihost_write0("\n*** fault: ");
    mcu_semihost_write0(exception_name(n));
    put_hex(" (exception ", n);
    mcu_semihost_write0(")\n");
    put_hex("CFSR=", CFSR);
    put_hex(" HFSR=", HFSR);
    put_hex(" MMFAR=", MMFAR);
    put_hex(" BFAR=", BFAR);
    mcu_semihost_write0("\n");
    put_hex("PC=", frame[6]);
    put_hex(" LR=", frame[5]);
    put_hex(" xPSR=", frame[7]);
    put_hex(" SP=", (uint32_t)(uintptr_t)frame);
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
