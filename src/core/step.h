/*
 * step.h — one lowered operator as the interpreter runs it.
 *
 * Steps live in the session's state (the front of the arena) and hold no
 * pointers, only 16- and 32-bit fields, so the state a model needs is the
 * same number of bytes on a 64-bit host and on a 32-bit microcontroller,
 * and an ahead-of-time compiler can emit it as const data.
 *
 * The state is laid out by core/layout.h:
 *   [steps][operand tensor indices (int16)][tensor refs (u32)][parameter blocks]
 * A step names its kernel-table row, where its operand list starts, where
 * its parameter block is (the kernel's mote_*_step struct and any
 * requantization table after it) and where its scratch is.
 */
#ifndef MOTE_CORE_STEP_H
#define MOTE_CORE_STEP_H

#include <stdint.h>

#define MOTE_NO_SCRATCH 0xFFFFFFFFu

typedef struct mote_step {
    uint16_t row;      /* row of the kernel table (kernels/kernel_table.h) */
    uint8_t n_in;      /* operator inputs */
    uint8_t n_out;     /* operator outputs */
    uint32_t operands; /* first of n_in + n_out entries in the operand list */
    uint32_t params;   /* byte offset of the parameter block in the state */
    uint32_t scratch;  /* byte offset of the scratch in the activations, or MOTE_NO_SCRATCH */
} mote_step;

#endif /* MOTE_CORE_STEP_H */
