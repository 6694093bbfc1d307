/*
 * lower.h — turn each verified graph operator into a ready-to-run step:
 * find the operator in the table (src/ops/ops.def), let its op file check
 * and lower it into a kernel parameter block, and pick the kernel row for
 * the target.
 *
 * Lowering runs with identical results in mote_model_init() (counting:
 * dest == NULL, to validate and size the state) and in mote_session_init()
 * (writing the block into the arena).
 */
#ifndef MOTE_CORE_LOWER_H
#define MOTE_CORE_LOWER_H

#include <stddef.h>
#include <stdint.h>
#include "mote/graph.h"
#include "mote/status.h"

typedef struct mote_lowered {
    int32_t row;            /* kernel table row chosen */
    uint32_t block_bytes;   /* in the state: parameter block (+ its requantization table
                               unless that is made at run time), 4-byte multiple */
    uint32_t table_bytes;   /* the requantization table (in block_bytes, or at run time) */
    uint32_t scratch_bytes; /* what the row needs for this step */
    uint8_t table_at_run;   /* 1: the table is computed before each run (core/requant_run.h) */
} mote_lowered;

/* Load option carried in the top bit of the `isa` word lowering and the
 * step builder take (never a MOTE_ISA_* feature): the requantization
 * tables of the kernels core/requant_run.h can recompute are not stored
 * in the state but computed into the step's scratch before each run. */
#define MOTE_LOWER_TABLES_AT_RUN 0x80000000u

/* Refuse a graph that runs any operator mote lacks, naming all of them
 * (each distinct name once, with the first operator index that uses it).
 * Returns MOTE_OK or MOTE_E_UNSUPPORTED_OP. */
mote_status mote_lower_check_ops(const mote_graph *g, mote_error *err);

/* Lower operator i for a target with instruction-set features isa. With
 * dest, the block is written there (cap bytes available). Returns MOTE_OK,
 * MOTE_E_UNSUPPORTED_OP, MOTE_E_UNSUPPORTED_TYPE, MOTE_E_SHAPE,
 * MOTE_E_QUANT, MOTE_E_PARAM, MOTE_E_ENUM, MOTE_E_GRAPH, MOTE_E_LIMIT or
 * MOTE_E_STATE (dest too small: a planning bug). */
mote_status mote_lower_op(const mote_graph *g, uint32_t i, uint32_t isa, uint8_t *dest, size_t cap,
                          mote_lowered *out, mote_error *err);

/* As mote_lower_op, with the lowering context (a mote_lower_ctx, ops/op.h:
 * several hundred bytes) where the caller says instead of on the stack:
 * loading keeps it in the arena or the caller's work area (core/model.c). */
struct mote_lower_ctx;
mote_status mote_lower_op_in(const mote_graph *g, uint32_t i, uint32_t isa, uint8_t *dest,
                             size_t cap, mote_lowered *out, mote_error *err,
                             struct mote_lower_ctx *ctx);

#endif /* MOTE_CORE_LOWER_H */
