/*
 * plan.h — where every activation tensor lives in the arena.
 *
 * A pure, deterministic function of the graph: lifetimes and sizes in,
 * offsets and a total out.
 *
 * Operator i is the i-th the graph runs: the model's order, or another one
 * (core/order.h) when the graph is a view in the chosen order (g->order).
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
 *     written through the alias). An element-wise operator flagged
 *     MOTE_OPF_INPLACE (ADD, MUL, SUB, activations, QUANTIZE...) writes its
 *     output over a same-sized non-constant input whose buffer dies at that
 *     operator (its kernels read element i before writing element i), so
 *     the output shares that buffer too and the lower bound itself drops.
 *     CONV_2D and DEPTHWISE_CONV_2D (MOTE_OPF_INPLACE_ROWS) do the same over
 *     input 0 when it has the output's shape (int8, batch 1): the reference
 *     row then computes output rows into a ring of a few rows (its scratch)
 *     and writes each back once no later output row reads the input row
 *     under it. Those run on the reference row, so the planner first takes
 *     every candidate, then leaves each out again (in operator order) when
 *     that does not raise the live peak, rings included.
 *  3. Greedy first fit, in the best of three orders. Buffers are placed
 *     one by one at the lowest MOTE_ARENA_ALIGN-aligned offset that overlaps
 *     no already placed buffer whose lifetime overlaps its own; the
 *     activation part is the highest end. The orders: largest first (ties:
 *     earlier first use, then lower index); earliest first use first (ties
 *     as before); longest lifetime first (ties as the first). The planner
 *     places in each order and keeps the first with the lowest end, so it
 *     is never above greedy-by-size alone (VWW: 55 296 bytes, the lower
 *     bound, where largest-first alone fragments to 64 512).
 *
 *  4. Scratch. A kernel's scratch lives only while its step runs, so each
 *     step's scratch is placed after the tensors, first fit among the
 *     buffers live at that step (mote_plan_scratch); scratches of different
 *     steps never meet, so they may share bytes.
 *
 *  5. Bands (mote_plan_build_opts, core/band.h). Unless turned off, the
 *     planner also tries running a chain of consecutive operators through
 *     the operator where the most bytes are live band by band (row
 *     windows instead of whole intermediates), each chain of 2 to
 *     MOTE_BAND_MAX_OPS operators planned in full (steps 1-3), and keeps
 *     the one with the lowest activations if it is below the plan
 *     without (VWW 55 296 -> 32 256 bytes, IC 33 792 -> 19 456).
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
#include "core/band.h"

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

/* As mote_plan_build, and, unless flags has MOTE_PLAN_NO_PATCH (mote.h),
 * with the band chain (band.h) that lowers the activations the most, if
 * any: *band receives it (band->first < 0: none) and, in band->without,
 * the activation bytes without it. Deterministic: mote_model_init and
 * mote_session_init get the same plan. */
mote_status mote_plan_build_opts(const mote_graph *g, uint32_t flags, mote_plan_entry *e,
                                 size_t *total, mote_band *band, mote_error *err);

/* What the planner works in besides the entries: the in-place choice's
 * operator sets, the operator and tensor records it reads the graph into,
 * and the band chain being tried. About 580 bytes, kept off the stack
 * while loading (issue #10: within 1 KB): in the work memory
 * (core/work.h), where it shares the lowering context's place. */
#define MOTE_PLAN_OPSET_WORDS ((MOTE_MAX_OPS + 31) / 32)
typedef struct mote_plan_work {
    uint32_t off[MOTE_PLAN_OPSET_WORDS], on[MOTE_PLAN_OPSET_WORDS], all[MOTE_PLAN_OPSET_WORDS];
    mote_band_work band; /* its op and ten: where the planner reads the graph too */
} mote_plan_work;

/* mote_plan_build_opts working in *w (mote_plan_build_opts has it on its
 * stack). */
mote_status mote_plan_build_in(const mote_graph *g, uint32_t flags, mote_plan_entry *e,
                               size_t *total, mote_band *band, mote_plan_work *w, mote_error *err);

/* Steps 1 and the RESHAPE part of 2 alone: lifetimes (first, last, size,
 * used) and aliases of g's tensors in its own order, nothing placed
 * (core/order.c). Returns as mote_plan_build. */
mote_status mote_plan_lifetimes(const mote_graph *g, mote_plan_entry *e, mote_error *err);

/* Band chain b applied to plan entries e just after lifetimes and RESHAPE
 * aliases (plan_band.c), reading the graph into w->op: 0, or -1 when the
 * lifetimes do not allow it. */
int mote_plan_band_apply(const mote_graph *g, mote_plan_entry *e, mote_band *b, mote_band_work *w);

/* Offset in the activation area for `size` bytes of scratch used while
 * operator `step` runs. Returns MOTE_OK or MOTE_E_OVERFLOW. */
mote_status mote_plan_scratch(const mote_plan_entry *e, uint32_t n, uint32_t step, uint32_t size,
                              uint32_t *offset);

/* Ring bytes of operator i when the plan runs it in place row by row
 * (MOTE_OPF_INPLACE_ROWS: its output shares input 0's buffer), else 0. */
uint32_t mote_plan_inplace_rows(const mote_graph *g, const mote_plan_entry *e, uint32_t i);

/* As mote_plan_inplace_rows, reading the graph into *op and *t (their
 * contents are not kept): lowering lends its context's records, so the
 * records are not on loading's stack. */
uint32_t mote_plan_inplace_rows_in(const mote_graph *g, const mote_plan_entry *e, uint32_t i,
                                   mote_graph_op *op, mote_graph_tensor *t);

/* The ring operator i needs when it runs in place row by row (whether or
 * not the plan chose to), from its shapes alone; 0 for other operators. */
uint32_t mote_plan_rows_ring(const mote_graph *g, uint32_t i);

/* Independent verification of a plan: MOTE_OK or MOTE_E_GRAPH. */
mote_status mote_plan_check(const mote_plan_entry *e, uint32_t n, size_t total);

#endif /* MOTE_CORE_PLAN_H */
