/* icount.c — 64-bit SysTick counter and its calibration. */
#include "icount.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)   /* control and status */
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)   /* reload value */
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)   /* current value (counts down) */
#define SCB_ICSR (*(volatile uint32_t *)0xE000ED04u)

#define CSR_ENABLE    (1u << 0)
#define CSR_TICKINT   (1u << 1)
#define CSR_CLKSOURCE (1u << 2)     /* 1 = processor clock */
#define ICSR_PENDSTSET (1u << 26)   /* SysTick interrupt pending */

/* The largest reload: one interrupt per 2^24 ticks (~670 M instructions on
 * MPS2), so interrupt overhead barely touches the counts. */
#define RELOAD 0xFFFFFFu

static volatile uint32_t reloads;
static uint32_t rate_khz;

void mcu_systick_handler(void)
{
    reloads++;
}

void mcu_icount_start(void)
{
    SYST_CSR = 0;
    reloads = 0;
    SYST_RVR = RELOAD;
    SYST_CVR = 0;   /* any write clears the counter; it reloads on the next tick */
    SYST_CSR = CSR_ENABLE | CSR_TICKINT | CSR_CLKSOURCE;
}

void mcu_icount_stop(void)
{
    SYST_CSR = 0;
    SCB_ICSR = 1u << 25;   /* PENDSTCLR: drop a reload that is pending */
}

uint64_t mcu_icount_ticks(void)
{
    uint32_t before, value, pending, after;
    /* Re-read if the interrupt ran in between. */
    do {
        before = reloads;
        value = SYST_CVR;
        pending = SCB_ICSR & ICSR_PENDSTSET;
        after = reloads;
    } while (before != after);
    /* The counter runs 0 (just started or just wrapped, interrupt raised),
     * RELOAD, RELOAD-1, ..., 1, 0. A wrap whose interrupt is still pending
     * shows as 0 or a freshly reloaded high value: count it. */
    if (pending && (value == 0 || value > RELOAD / 2))
        before++;
    uint32_t into_period = value == 0 ? 0 : RELOAD + 1u - value;
    return (uint64_t)before * (RELOAD + 1u) + into_period;
}

__attribute__((naked)) void mcu_icount_spin(uint32_t n)
{
    (void)n;
    /* Unified syntax, so Armv6-M (Thumb-1 only, M0+) assembles it too. */
    __asm__ volatile(
        ".syntax unified\n\t"
        "1:\n\t"
        "subs r0, r0, #1\n\t"
        "bne 1b\n\t"
        "bx lr\n");
}

uint32_t mcu_icount_calibrate(void)
{
    /* Two loops whose lengths differ by exactly 2 * N instructions: the
     * difference of their tick counts cancels the call and read overhead. */
    const uint32_t n = 2500000u;
    mcu_icount_start();
    uint64_t t0 = mcu_icount_ticks();
    mcu_icount_spin(n);
    uint64_t t1 = mcu_icount_ticks();
    mcu_icount_spin(2u * n);
    uint64_t t2 = mcu_icount_ticks();
    uint64_t delta = (t2 - t1) - (t1 - t0);        /* ticks per 2n instructions */
    /* ticks per million instructions = kHz, since 1 instruction = 1 ns. */
    rate_khz = (uint32_t)((delta * 1000000u + n) / (2u * n));
    mcu_icount_start();
    return rate_khz;
}

uint64_t mcu_icount_now(void)
{
    uint64_t ticks = mcu_icount_ticks();
    return rate_khz ? ticks * 1000000u / rate_khz : 0;
}
