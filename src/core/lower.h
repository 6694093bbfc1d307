/*
 * lower.h — turn each verified graph operator into a ready-to-run step.
 *
 * Lowering is where all float maths happens, once: fixed-point multipliers
 * and shifts per output channel, activation clamps in quantized units,
 * padding from the padding mode. It also decides what mote supports: every
 * type, shape and parameter a kernel relies on is checked here, so kernels
 * check nothing in their inner loops.
 *
 * Lowering runs twice with identical results: in mote_model_init() to
 * validate and count the requantization entries (tables with NULL arrays),
 * and in mote_session_init() to fill the steps and tables in the arena.
 */
#ifndef MOTE_CORE_LOWER_H
#define MOTE_CORE_LOWER_H

#include <stdint.h>
#include "mote/graph.h"
#include "mote/status.h"
#include "core/step.h"

/* Destination of per-channel requantization entries. With mult == NULL,
 * entries are only counted (in used). */
typedef struct mote_lower_tables {
    int32_t *mult;
    int8_t *shift;
    uint32_t cap;  /* entries available at mult/shift */
    uint32_t used; /* entries written (or counted) so far */
} mote_lower_tables;

/* Refuse a graph that runs any operator mote lacks, naming all of them
 * (each distinct name once, with the first operator index that uses it).
 * Returns MOTE_OK or MOTE_E_UNSUPPORTED_OP. */
mote_status mote_lower_check_ops(const mote_graph *g, mote_error *err);

/* Lower operator i into *step, appending its requantization entries to t.
 * Returns MOTE_OK, MOTE_E_UNSUPPORTED_OP, MOTE_E_UNSUPPORTED_TYPE,
 * MOTE_E_SHAPE, MOTE_E_QUANT, MOTE_E_PARAM or MOTE_E_LIMIT (table full). */
mote_status mote_lower_op(const mote_graph *g, uint32_t i, mote_step *step, mote_lower_tables *t,
                          mote_error *err);

#endif /* MOTE_CORE_LOWER_H */
