/*
 * layout.h — how a session divides its arena. One function, used both to
 * size the arena (mote_model_init) and to carve it (mote_session_init), so
 * the two can never disagree. Nothing here depends on the pointer width, so
 * the size is the same on the host that inspects a model and on the device.
 *
 *   [steps: n_ops * mote_step][operands: n_operands * int16, to 4 bytes]
 *   [tensor refs: n_tensors * u32][step prefixes and parameter blocks: params_bytes]
 * The operand array holds the subgraph input/output lists of a model with
 * control flow (core/control.h) and nothing else: each step's own operand
 * list is in its prefix (core/step.h).
 *   pad to MOTE_ARENA_ALIGN [activations and scratch: planned]
 */
#ifndef MOTE_CORE_LAYOUT_H
#define MOTE_CORE_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

typedef struct mote_layout {
    size_t steps, operands, tensor_refs, params; /* byte offsets in the arena */
    size_t state_bytes;                          /* start of the activations */
} mote_layout;

/* Returns 0 on success, -1 if the sizes overflow. */
int mote_layout_compute(uint32_t n_ops, uint64_t n_operands, uint32_t n_tensors,
                        uint64_t params_bytes, mote_layout *l);

#endif /* MOTE_CORE_LAYOUT_H */
