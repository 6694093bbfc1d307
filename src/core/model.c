/*
 * model.c — mote_model_init: verify, lower (counting), plan; the arena size.
 */
#include <string.h>

#include "mote/mote.h"
#include "core/error.h"
#include "core/layout.h"
#include "core/lower.h"
#include "core/plan.h"
#include "core/step.h"
#include "format/tflite.h"

static mote_status check_limits(mote_model *m)
{
    const mote_graph *g = &m->graph;
    if (g->n_tensors > MOTE_MAX_TENSORS || g->n_ops > MOTE_MAX_OPS)
        return mote_error_set(&m->error, MOTE_E_LIMIT, -1, -1, 0,
                              "model has %u tensors and %u operators; this build allows %d and "
                              "%d (MOTE_MAX_TENSORS, MOTE_MAX_OPS)",
                              (unsigned)g->n_tensors, (unsigned)g->n_ops, MOTE_MAX_TENSORS,
                              MOTE_MAX_OPS);
    if (g->n_inputs > MOTE_MAX_IO || g->n_outputs > MOTE_MAX_IO)
        return mote_error_set(&m->error, MOTE_E_LIMIT, -1, -1, 0,
                              "model has %u inputs and %u outputs; this build allows %d "
                              "(MOTE_MAX_IO)",
                              (unsigned)g->n_inputs, (unsigned)g->n_outputs, MOTE_MAX_IO);
    if (g->n_inputs == 0 || g->n_outputs == 0)
        return mote_error_set(&m->error, MOTE_E_GRAPH, -1, -1, 0,
                              "model has %u inputs and %u outputs; needs at least one of each",
                              (unsigned)g->n_inputs, (unsigned)g->n_outputs);
    return MOTE_OK;
}

mote_status mote_model_init(mote_model *m, const void *bytes, size_t len)
{
    mote_plan_entry plan[MOTE_MAX_TENSORS];
    mote_lower_tables count = {NULL, NULL, 0, 0};
    mote_layout layout;
    mote_status s;
    uint32_t i;

    if (m == NULL) return MOTE_E_ARG;
    memset(m, 0, sizeof *m);
    mote_error_clear(&m->error);
    if (bytes == NULL)
        return mote_error_set(&m->error, MOTE_E_ARG, -1, -1, 0, "model bytes are NULL");
    /* Sessions refer to constants by 31-bit offsets into the model. */
    if (len > 0x7FFFFFFFu)
        return mote_error_set(&m->error, MOTE_E_LIMIT, -1, -1, 0,
                              "model is %U bytes; at most 2 GB is supported",
                              (unsigned long long)len);
    if ((s = mote_tflite_read(&m->graph, bytes, len, &m->error)) != MOTE_OK) return s;
    if ((s = check_limits(m)) != MOTE_OK) return s;
    if ((s = mote_lower_check_ops(&m->graph, &m->error)) != MOTE_OK) return s;
    for (i = 0; i < m->graph.n_ops; i++) {
        mote_step step;
        if ((s = mote_lower_op(&m->graph, i, &step, &count, &m->error)) != MOTE_OK) return s;
    }
    if ((s = mote_plan_build(&m->graph, plan, &m->activation_bytes, &m->error)) != MOTE_OK)
        return s;
    /* state + activations is what mote_model_arena_size() returns: it must
     * not wrap a 32-bit size_t. */
    if (mote_layout_compute(m->graph.n_ops, m->graph.n_tensors, count.used, &layout) != 0 ||
        m->activation_bytes > SIZE_MAX - layout.state_bytes)
        return mote_error_set(&m->error, MOTE_E_OVERFLOW, -1, -1, 0, "runtime state overflows");
    m->n_channels = count.used;
    m->state_bytes = layout.state_bytes;
    m->initialized = 1;
    return MOTE_OK;
}

size_t mote_model_arena_size(const mote_model *m)
{
    if (m == NULL || !m->initialized) return 0;
    return m->state_bytes + m->activation_bytes;
}

uint32_t mote_model_input_count(const mote_model *m)
{
    return (m != NULL && m->initialized) ? m->graph.n_inputs : 0;
}

uint32_t mote_model_output_count(const mote_model *m)
{
    return (m != NULL && m->initialized) ? m->graph.n_outputs : 0;
}

const mote_graph *mote_model_graph(const mote_model *m)
{
    return (m != NULL && m->initialized) ? &m->graph : NULL;
}
