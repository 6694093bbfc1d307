/*
 * steps.h — build the runtime state: every operator lowered (core/lower.h),
 * its kernel row chosen, its operands listed and its scratch placed.
 *
 * One function for both passes, so mote_model_init (counting) and
 * mote_session_init (writing) cannot disagree about a single byte.
 */
#ifndef MOTE_CORE_STEPS_H
#define MOTE_CORE_STEPS_H

#include <stdint.h>
#include "mote/graph.h"
#include "mote/config.h"
#include "mote/status.h"
#include "core/layout.h"
#include "core/plan.h"
#include "core/lower.h"

typedef struct mote_steps_sizes {
    uint64_t operands;      /* operand slots over all steps */
    uint64_t prefix_bytes;  /* step prefixes (scratch words, operand lists: core/step.h) */
    uint64_t params_bytes;  /* prefixes and parameter blocks over all steps */
    uint64_t table_bytes;   /* of which requantization tables */
    uint32_t run_tables;    /* steps whose requantization table is made at run time */
    uint64_t scratch_end;   /* end of the highest scratch in the activations (0: none) */
    uint32_t scratch_steps; /* steps whose kernel row needs scratch */
} mote_steps_sizes;

/* Bytes in front of the kernel's scratch of a step whose requantization
 * table is made at run time (mote_lowered.table_at_run): the block copy
 * and the table, to MOTE_ARENA_ALIGN so the kernel's part stays aligned. */
static inline uint64_t mote_steps_table_prefix(uint32_t block_bytes, uint32_t table_bytes)
{
    return ((uint64_t)block_bytes + table_bytes + (MOTE_ARENA_ALIGN - 1u)) &
           ~(uint64_t)(MOTE_ARENA_ALIGN - 1u);
}

/* The isa word operator i is lowered with under band chain band (NULL or
 * band->first < 0: none). A step of the chain keeps its requantization
 * table stored even when the model makes tables at run time
 * (MOTE_LOWER_TABLES_AT_RUN): band execution (core/band_run.c) calls the
 * step's kernel once per row and layer, straight on its parameter block in
 * the state, and a table made before each of those calls would cost far
 * more time than the few channels of a CNN's first layers cost in state
 * (VWW's chain, operators 0..4: 400 bytes). The model (placing its
 * steps), the session (writing them) and mote_model_step_info all decide
 * through here, from the same planner chain, so they agree byte for byte. */
static inline uint32_t mote_steps_isa(uint32_t isa, const mote_band *band, uint32_t i)
{
    if (band != NULL && band->first >= 0 && (int32_t)i >= band->first && (int32_t)i <= band->last)
        return isa & ~MOTE_LOWER_TABLES_AT_RUN;
    return isa;
}

/* Lower operator i as mote_lower_op does; when plan (may be NULL) runs it
 * in place row by row (mote_plan_inplace_rows), the rows made for that
 * (MOTE_ISA_ROW_INPLACE, kernels/kernel_table.h) may be picked, and the
 * step gets the ring as scratch (an Arm row keeps its pick, any other is
 * switched to its kernel's reference row); a step whose table is
 * made at run time (isa carries MOTE_LOWER_TABLES_AT_RUN) gets
 * mote_steps_table_prefix() more scratch, in front. Every user of a step's
 * row and scratch (sessions, inspect, the compiler) goes through here.
 * ctx: where the lowering context lives (NULL: on the stack). */
mote_status mote_steps_lower(const mote_graph *g, uint32_t i, uint32_t isa,
                             const mote_plan_entry *plan, uint8_t *dest, size_t cap,
                             mote_lowered *low, mote_error *err, struct mote_lower_ctx *ctx);

/* Lower every operator of g for instruction-set features isa, the steps
 * of band chain band (NULL: none) as mote_steps_isa() says.
 * state == NULL: count only (l unused); with plan, also place scratch.
 * state != NULL: write steps, their prefixes (scratch word, operand list)
 * and parameter blocks where l says (plan required; l->operands unused). ctx as for mote_steps_lower. Returns MOTE_OK or a
 * lowering / planning status. */
mote_status mote_steps_build(const mote_graph *g, uint32_t isa, const mote_plan_entry *plan,
                             const mote_band *band, const mote_layout *l, uint8_t *state,
                             mote_steps_sizes *sz, mote_error *err, struct mote_lower_ctx *ctx);

#endif /* MOTE_CORE_STEPS_H */
