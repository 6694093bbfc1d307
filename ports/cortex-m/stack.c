/* stack.c — stack painting and scanning. */
#include "stack.h"

#define PAINT 0xC5C5C5C5u
/* Leave the words just below this function's own frame alone: the loop
 * itself may spill there. */
#define MARGIN 64u

extern uint32_t __stack_limit[];

__attribute__((noinline)) void mcu_stack_paint(void)
{
    uintptr_t here = mcu_stack_pointer();
    volatile uint32_t *p = __stack_limit;
    while ((uintptr_t)(p + 1) < here - MARGIN)
        *p++ = PAINT;
}

size_t mcu_stack_used(uintptr_t base)
{
    const volatile uint32_t *p = __stack_limit;
    while ((uintptr_t)p < base && *p == PAINT)
        p++;
    return (uintptr_t)p < base ? (size_t)(base - (uintptr_t)p) : 0;
}
