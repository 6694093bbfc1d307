/*
 * icount.h — count executed instructions with SysTick under QEMU -icount.
 *
 * With `-icount shift=0` QEMU advances its virtual clock by exactly 1 ns per
 * executed instruction, and SysTick (processor clock source) ticks at the
 * board's clock: 25 MHz on MPS2, so one tick = 40 instructions; the AN547
 * differs. mcu_icount_calibrate() measures the tick rate with a loop of
 * known length, so no board clock is hard-coded. The 24-bit SysTick counter
 * is extended to 64 bits by counting reloads in its interrupt.
 *
 * Counts are exact and repeat run after run, with a resolution of one tick.
 * They are instructions, not cycles: compare builds in this setup only.
 * Without -icount the counter follows wall-clock time and means nothing.
 */
#ifndef MCU_ICOUNT_H
#define MCU_ICOUNT_H

#include <stdint.h>

/* Start (or restart from zero) the SysTick counter with its interrupt. */
void mcu_icount_start(void);

/* Stop the counter and its interrupt (so it pushes no exception frame on the
 * stack while stack use is being measured). */
void mcu_icount_stop(void);

/* SysTick ticks since mcu_icount_start(). */
uint64_t mcu_icount_ticks(void);

/* Measure the SysTick rate against a loop of known instruction count and
 * return it in kHz (ticks per million instructions). Restarts the counter.
 * Costs about 15 million instructions. */
uint32_t mcu_icount_calibrate(void);

/* Executed instructions since mcu_icount_start(), using the rate from
 * mcu_icount_calibrate() (which must have run). */
uint64_t mcu_icount_now(void);

/* Spin for 2 * n instructions (a SUBS/BNE loop), n >= 1. */
void mcu_icount_spin(uint32_t n);

/* SysTick interrupt: counts reloads. Installed by startup.c. */
void mcu_systick_handler(void);

#endif /* MCU_ICOUNT_H */
