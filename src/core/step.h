/*
 * step.h — one lowered operator as the interpreter runs it.
 *
 * Steps live in the session's state (the front of the arena) and hold no
 * pointers, only offsets, so the state a model needs is the same number
 * of bytes on a 64-bit host and on a 32-bit microcontroller, and an
 * ahead-of-time compiler can emit it as const data.
 *
 * The state is laid out by core/layout.h:
 *   [steps, 8 bytes each][operand array (int16): control-flow lists only]
 *   [tensor refs (u32)][per step: prefix, parameter block]
 * A step names its kernel-table row and where its parameter block is (the
 * kernel's mote_*_step struct and any requantization table after it).
 * Right in front of the block is the step's prefix: its scratch offset
 * (u32, only when it has scratch), then its operand tensor indices (int16,
 * n_in + n_out of them, padded to 4 bytes). A step without scratch pays
 * nothing for it, and no step stores where its operands start.
 */
#ifndef MOTE_CORE_STEP_H
#define MOTE_CORE_STEP_H

#include <stdint.h>

#define MOTE_NO_SCRATCH 0xFFFFFFFFu

/* Bit-fields of unsigned int (32 bits on every target mote builds for):
 * 8 bytes a step, the same on a 64-bit host and a 32-bit core. */
typedef struct mote_step {
    unsigned row : 15;        /* row of the kernel table (kernels/kernel_table.h), or
                                 MOTE_ROW_CONTROL */
    unsigned has_scratch : 1; /* a scratch offset precedes the operand list */
    unsigned n_in : 8;        /* operator inputs (<= MOTE_MAX_OP_INPUTS) */
    unsigned n_out : 8;       /* operator outputs (<= MOTE_MAX_OP_OUTPUTS) */
    uint32_t params;          /* byte offset of the parameter block in the state */
} mote_step;

typedef char mote_step_is_8_bytes[sizeof(mote_step) == 8 ? 1 : -1];

/* Bytes of the operand list of a step with n operands, padded to 4. */
static inline uint32_t mote_step_list_bytes(uint32_t n)
{
    return (2u * n + 3u) & ~3u;
}

/* Bytes of a step's prefix: scratch word (when it has scratch), operand list. */
static inline uint32_t mote_step_prefix_bytes(uint32_t n_operands, int has_scratch)
{
    return mote_step_list_bytes(n_operands) + (has_scratch ? 4u : 0u);
}

/* The step's operand tensor indices (inputs, then outputs; -1: omitted). */
static inline int16_t *mote_step_operands(uint8_t *state, const mote_step *st)
{
    return (int16_t *)(void *)(state + st->params -
                               mote_step_list_bytes((uint32_t)st->n_in + st->n_out));
}

/* Where the step's scratch offset is kept (NULL: it has none). */
static inline uint32_t *mote_step_scratch_word(uint8_t *state, const mote_step *st)
{
    if (!st->has_scratch) return (uint32_t *)0;
    return (uint32_t *)(void *)(state + st->params -
                                mote_step_list_bytes((uint32_t)st->n_in + st->n_out) - 4u);
}

/* The step's scratch offset in the activations, or MOTE_NO_SCRATCH. */
static inline uint32_t mote_step_scratch(uint8_t *state, const mote_step *st)
{
    const uint32_t *w = mote_step_scratch_word(state, st);
    return w != (uint32_t *)0 ? *w : MOTE_NO_SCRATCH;
}

#endif /* MOTE_CORE_STEP_H */
