/*
 * fault.h — report a fault and stop, instead of spinning forever.
 *
 * Every fault exception (and any exception the firmware does not expect)
 * lands in mcu_fault_handler, which prints the fault status registers and
 * the stacked PC/LR through semihosting, then makes QEMU exit with
 * MCU_FAULT_EXIT. Turn the stacked PC into a source line with
 * `arm-none-eabi-addr2line -e app.elf <pc>`.
 */
#ifndef MCU_FAULT_H
#define MCU_FAULT_H

#define MCU_FAULT_EXIT 3

void mcu_fault_handler(void);

#endif /* MCU_FAULT_H */
