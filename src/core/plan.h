/*
 * plan.h — where every activation tensor lives in the arena.
 *
 * A pure, deterministic function of the graph: lifetimes and sizes in,
 * offsets and a total out.
 *
 * Algorithm:
 *  1. Lifetimes. A tensor written by operator i and last read by operator j
 *     lives over [i, j]. Model inputs live from 0, model outputs to the end.
 *     Constants live in the model bytes and take no arena. While computing
 *     lifetimes the planner also checks the graph: every operator reads only
 *     tensors that exist by then (a model input, a constant, or the output of
 *     an earlier operator), and no tensor is written twice — which rules out
 *     cycles, since operators are stored in execution order.
 *  2. In place. An operator flagged MOTE_OPF_ALIAS in ops.def (RESHAPE)
 *     only reinterprets bytes, so its output shares its input's buffer; the
 *     shared buffer lives over the union of both lifetimes (no byte is ever
 *     written through the alias).
 *  3. Greedy by size, first fit. Buffers are placed largest first (ties:
 *     earlier first use, then lower index) at the lowest MOTE_ARENA_ALIGN-
 *     aligned offset that overlaps no already placed buffer whose lifetime
 *     overlaps its own. The arena's activation part is the highest end.
 *
 *  4. Scratch. A kernel's scratch lives only while its step runs, so each
 *     step's scratch is placed after the tensors, first fit among the
 *     buffers live at that step (mote_plan_scratch); scratches of different
 *     steps never meet, so they may share bytes.
 *
 * mote_plan_check() verifies a plan independently (no two live buffers
 * overlap, everything in bounds) and runs in tests and debug builds.
 */
#ifndef MOTE_CORE_PLAN_H
#define MOTE_CORE_PLAN_H

#include <stddef.h>
#include <stdint.h>
#include "mote/graph.h"
#include "mote/status.h"

typedef struct mote_plan_entry {
    uint32_t size;   /* bytes of arena; 0: constant, unused, or an alias */
    int16_t first;   /* operator that writes it (0 for model inputs) */
    int16_t last;    /* last operator that reads it (n_ops for outputs) */
    int16_t alias;   /* tensor whose buffer it shares, or -1 */
    int16_t used;    /* nonzero when any operator or the model I/O touches it */
    uint32_t offset; /* byte offset in the activation area (of the alias root) */
} mote_plan_entry;

/* Plan g's activations into e[0 .. g->n_tensors) (caller-provided,
 * g->n_tensors <= MOTE_MAX_TENSORS). *total receives the activation bytes.
 * Returns MOTE_OK, MOTE_E_GRAPH (with err naming operator and tensor),
 * MOTE_E_LIMIT or MOTE_E_OVERFLOW. */
mote_status mote_plan_build(const mote_graph *g, mote_plan_entry *e, size_t *total,
                            mote_error *err);

/* Offset in the activation area for `size` bytes of scratch used while
 * operator `step` runs. Returns MOTE_OK or MOTE_E_OVERFLOW. */
mote_status mote_plan_scratch(const mote_plan_entry *e, uint32_t n, uint32_t step, uint32_t size,
                              uint32_t *offset);

/* Independent verification of a plan: MOTE_OK or MOTE_E_GRAPH. */
mote_status mote_plan_check(const mote_plan_entry *e, uint32_t n, size_t total);

#endif /* MOTE_CORE_PLAN_H */
