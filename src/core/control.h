/*
 * control.h — models with several subgraphs or resource variables: their
 * runtime state, activation plan and interpreter.
 *
 * A model whose subgraph 0 has a control-flow or variable operator
 * (ops/op_control.h) is built here; any other takes the one-subgraph path
 * of model.c / session.c unchanged (unreached subgraphs are verified by the
 * reader and otherwise ignored, as TFLite Micro runs subgraph 0).
 *
 * State: the steps of every reached subgraph (subgraph 0's first, so step
 * i < n_ops is operator i), their operands (in their prefixes, core/step.h)
 * as global tensor indices (each subgraph's tensors numbered after the
 * previous one's); the operand array: each subgraph's input and output
 * lists; the tensor table: every reached
 * subgraph's tensors, then one entry per variable; the parameter blocks,
 * then the control table (words): n_subgraphs, the variables' first tensor
 * table entry, n_variables, n_steps; per subgraph: first step, steps,
 * first tensor, inputs, outputs, where its input list starts among the
 * operands; per variable: bytes, fill byte.
 *
 * Activations: each subgraph is planned alone (core/plan.h); subgraph 0
 * at offset 0, every called subgraph after the end of each subgraph that
 * calls it (so nothing live in a caller is touched by the callee, whatever
 * the nesting; subgraphs never active together share bytes), and the
 * variables, which live for the session, after all of them. The arena is
 * exact for that plan.
 *
 * Call graph: refused at load when a subgraph calls itself, directly or
 * not (MOTE_E_GRAPH), or nests deeper than MOTE_MAX_SUBGRAPH_DEPTH
 * (MOTE_E_LIMIT); the interpreter keeps one frame per level, no recursion.
 */
#ifndef MOTE_CORE_CONTROL_H
#define MOTE_CORE_CONTROL_H

#include <stdint.h>
#include "mote/mote.h"
#include "core/layout.h"
#include "core/step.h"
#include "ops/op_control.h"

/* Does the model need this path (subgraph 0 runs a control operator)? */
int mote_cf_needed(const mote_graph *g);

/* mote_model_init's part: lower, check and plan every reached subgraph;
 * fill m's sizes (state, activations, counts). */
mote_status mote_cf_plan_model(mote_model *m, uint32_t isa);

/* mote_session_init's part: write the state laid out by `layout` (computed
 * from m's counts) and the tensor table, checking they agree with m. */
mote_status mote_cf_lay_out(mote_session *s, const mote_model *m, const mote_layout *layout);

/* Run control step i of subgraph 0 (its row is MOTE_ROW_CONTROL), with
 * every subgraph it calls. */
mote_status mote_cf_run(mote_session *s, uint32_t i);

/* Session init and mote_session_reset: variables to their start value,
 * CALL_ONCE armed again. */
void mote_cf_reset(mote_session *s);

/* Is st a control step (no kernel row)? Inline: the interpreter asks it
 * of every step, and asking must not link this path in. */
static inline int mote_cf_is_control(const mote_step *st)
{
    return st->row == MOTE_ROW_CONTROL;
}

/* The entry points above, as model.c and session.c call them: through
 * this table, so a build whose operator selection (MOTE_OPSET) has no
 * control operator links none of this path (control_select.c, compiled
 * with the selection, sets it to NULL). */
typedef struct mote_cf_entry {
    int (*needed)(const mote_graph *g);
    mote_status (*plan_model)(mote_model *m, uint32_t isa);
    mote_status (*lay_out)(mote_session *s, const mote_model *m, const mote_layout *layout);
    mote_status (*run)(mote_session *s, uint32_t i);
    void (*reset)(mote_session *s);
} mote_cf_entry;

extern const mote_cf_entry *const mote_cf;

/* For session.c: a step through its kernel row; a tensor's bytes. */
mote_status mote_session_run_step(const mote_session *s, const mote_step *st);
uint8_t *mote_session_ref(const mote_session *s, int32_t tensor);

#endif /* MOTE_CORE_CONTROL_H */
