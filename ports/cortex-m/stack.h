/*
 * stack.h — measure peak stack use by painting.
 *
 * mcu_stack_paint() fills the unused part of the stack region (from its
 * floor, __stack_limit in the linker script, up to just below the caller's
 * frame) with a pattern and returns the caller's stack position. After the
 * code under test ran, mcu_stack_used() finds the lowest word that no longer
 * holds the pattern and returns how many bytes below that position the
 * stack reached. Call both from the same function, with no interrupt
 * enabled in between (an exception frame would count too).
 */
#ifndef MCU_STACK_H
#define MCU_STACK_H

#include <stddef.h>
#include <stdint.h>

uintptr_t mcu_stack_paint(void);
size_t mcu_stack_used(uintptr_t base);

#endif /* MCU_STACK_H */
