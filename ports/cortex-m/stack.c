/* stack.c — stack painting and scanning. */
#include "stack.h"

#define PAINT 0xC5C5C5C5u
/* Leave the words just below this function's own frame alone: the loop's
 * spills and the return path live there. */
#define MARGIN 64u

extern uint32_t __stack_limit[];

__attribute__((noinline)) uintptr_t mcu_stack_paint(void)
{
    /* The frame of this function is below the caller's stack pointer; its
     * top approximates the caller's position to a few words. */
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    volatile uint32_t *p = __stack_limit;
    while ((uintptr_t)(p + 1) < here - MARGIN)
        *p++ = PAINT;
    return here;
}

size_t mcu_stack_used(uintptr_t base)
{
    const volatile uint32_t *p = __stack_limit;
    while ((uintptr_t)p < base && *p == PAINT)
        p++;
    return (uintptr_t)p < base ? (size_t)(base - (uintptr_t)p) : 0;
}
