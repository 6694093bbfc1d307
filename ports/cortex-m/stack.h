/*
 * stack.h — measure peak stack use by painting.
 *
 *     uintptr_t base = mcu_stack_pointer();
 *     mcu_stack_paint();
 *     ... code under test ...
 *     size_t used = mcu_stack_used(base);
 *
 * mcu_stack_paint() fills the free part of the stack region (from its floor,
 * __stack_limit in the linker script, up to just below its own frame) with a
 * pattern. mcu_stack_used() finds the lowest word that no longer holds the
 * pattern and returns how many bytes below base the stack reached. Keep
 * interrupts off in between: an exception frame would count too.
 */
#ifndef MCU_STACK_H
#define MCU_STACK_H

#include <stddef.h>
#include <stdint.h>

/* The caller's stack pointer. */
static inline uintptr_t mcu_stack_pointer(void)
{
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

void mcu_stack_paint(void);
size_t mcu_stack_used(uintptr_t base);

#endif /* MCU_STACK_H */
