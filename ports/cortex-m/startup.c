/*
 * startup.c — vector table and reset handler for the QEMU Cortex-M boards.
 *
 * Reset: enable the FPU (before any code that might touch it), copy .data
 * from its load address in flash, zero .bss, open newlib's semihosting
 * handles, run main() and exit with its value. Symbols come from
 * ld/common.ld.
 *
 * Built with -DMCU_NO_STDIO (firmware without newlib's stdio, such as the
 * size-measuring app/minimal.c) it skips rdimon and exits through a direct
 * semihosting call.
 */
#include <stdint.h>
#include <stdlib.h>
#include "fault.h"
#include "icount.h"
#include "semihost.h"

extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __stack_top[];

int main(void);
void initialise_monitor_handles(void);   /* newlib rdimon */
void reset_handler(void) __attribute__((noreturn));
void _init(void);
void _fini(void);

#define CPACR (*(volatile uint32_t *)0xE000ED88u)

void reset_handler(void)
{
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
    /* Full access to coprocessors 10 and 11: the FPU (and Helium on M55).
     * Until this runs any floating-point instruction faults. */
    CPACR |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
    /* QEMU loads .data at its load address only, so copy it like a
     * flash-based chip would. */
    for (uint32_t *src = __data_load, *dst = __data_start; dst < __data_end;)
        *dst++ = *src++;
    for (uint32_t *dst = __bss_start; dst < __bss_end;)
        *dst++ = 0;
#ifdef MCU_NO_STDIO
    mcu_semihost_exit(main());
#else
    initialise_monitor_handles();
    exit(main());
#endif
}

/* newlib's exit path calls these; the C runtime start files that normally
 * provide them are not linked (-nostartfiles). */
void _init(void) {}
void _fini(void) {}

/* The core reads the initial stack pointer and the reset address from the
 * first two words, then one handler per system exception. No peripheral
 * interrupt is used, so the table stops after SysTick. */
struct vector_table {
    void *initial_sp;
    void (*handler[15])(void);
};

__attribute__((section(".vectors"), used))
static const struct vector_table vectors = {
    __stack_top,
    {
        reset_handler,        /*  1 Reset */
        mcu_fault_handler,    /*  2 NMI */
        mcu_fault_handler,    /*  3 HardFault */
        mcu_fault_handler,    /*  4 MemManage */
        mcu_fault_handler,    /*  5 BusFault */
        mcu_fault_handler,    /*  6 UsageFault */
        mcu_fault_handler,    /*  7 SecureFault (v8-M) */
        0, 0, 0,              /*  8-10 reserved */
        mcu_fault_handler,    /* 11 SVCall */
        mcu_fault_handler,    /* 12 DebugMonitor */
        0,                    /* 13 reserved */
        mcu_fault_handler,    /* 14 PendSV */
        mcu_systick_handler   /* 15 SysTick */
    }
};
