/* steps.c — see steps.h. */
#include "core/steps.h"

#include <string.h>

#include "base/error.h"
#include "core/lower.h"
#include "core/step.h"

mote_status mote_steps_build(const mote_graph *g, uint32_t isa, const mote_plan_entry *plan,
                             const mote_layout *l, uint8_t *state, mote_steps_sizes *sz,
                             mote_error *err)
{
    mote_step *steps = NULL;
    int16_t *operands = NULL;
    uint64_t cursor = 0;
    uint32_t i, k;
    mote_status s;

    memset(sz, 0, sizeof *sz);
    if (state != NULL) {
        if (plan == NULL || l == NULL) return MOTE_E_ARG;
        steps = (mote_step *)(void *)(state + l->steps);
        operands = (int16_t *)(void *)(state + l->operands);
        cursor = l->params;
    }
    for (i = 0; i < g->n_ops; i++) {
        mote_graph_op op;
        mote_lowered low;
        uint8_t *dest = state != NULL ? state + cursor : NULL;
        size_t cap = state != NULL ? (size_t)(l->state_bytes - cursor) : 0;
        uint32_t scratch = MOTE_NO_SCRATCH;

        if ((s = mote_lower_op(g, i, isa, dest, cap, &low, err)) != MOTE_OK) return s;
        mote_graph_get_op(g, i, &op);
        if (low.scratch_bytes != 0) {
            sz->scratch_steps++;
            if (plan != NULL) {
                if (mote_plan_scratch(plan, g->n_tensors, i, low.scratch_bytes, &scratch) !=
                    MOTE_OK)
                    return mote_error_set(err, MOTE_E_OVERFLOW, (int32_t)i, -1, 0,
                                          "operator %u: scratch needs more than 4 GB", (unsigned)i);
                if ((uint64_t)scratch + low.scratch_bytes > sz->scratch_end)
                    sz->scratch_end = (uint64_t)scratch + low.scratch_bytes;
            }
        }
        if (state != NULL) {
            mote_step *st = &steps[i];
            st->row = (uint16_t)low.row;
            st->n_in = (uint8_t)op.n_inputs;
            st->n_out = (uint8_t)op.n_outputs;
            st->operands = (uint32_t)sz->operands;
            st->params = (uint32_t)cursor;
            st->scratch = scratch;
            for (k = 0; k < op.n_inputs; k++)
                operands[sz->operands + k] = (int16_t)mote_graph_op_input(&op, k);
            for (k = 0; k < op.n_outputs; k++)
                operands[sz->operands + op.n_inputs + k] = (int16_t)mote_graph_op_output(&op, k);
        }
        /* Counts stay far below 2^64: at most 2^15 operators, each with a
         * block below 2^32 and fewer than 2^32 operands. */
        sz->operands += (uint64_t)op.n_inputs + op.n_outputs;
        sz->params_bytes += low.block_bytes;
        cursor += low.block_bytes;
    }
    return MOTE_OK;
}
