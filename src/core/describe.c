/*
 * describe.c — describing a model mote may not run: the verified graph
 * without lowering, and each operator's lowering verdict on its own, so a
 * tool can print the whole model and then every operator mote refuses and
 * why (`mote inspect` on a model that does not load).
 */
#include <string.h>

#include "mote/mote.h"
#include "base/error.h"
#include "core/lower.h"
#include "kernels/kernel_table.h"
#include "format/tflite.h"

mote_status mote_graph_read(mote_graph *g, const void *bytes, size_t len, mote_error *err)
{
    if (err != NULL) mote_error_clear(err);
    if (g == NULL || bytes == NULL)
        return mote_error_set(err, MOTE_E_ARG, -1, -1, 0, "graph or model bytes are NULL");
    memset(g, 0, sizeof *g);
    if (len > 0x7FFFFFFFu)
        return mote_error_set(err, MOTE_E_LIMIT, -1, -1, 0,
                              "model is %U bytes; at most 2 GB is supported",
                              (unsigned long long)len);
    return mote_tflite_read(g, bytes, len, err);
}

mote_status mote_graph_check_op(const mote_graph *g, uint32_t op, uint32_t isa, mote_error *err)
{
    mote_lowered low;
    mote_error again;
    mote_status s;
    if (err != NULL) mote_error_clear(err);
    if (g == NULL || op >= g->n_ops)
        return mote_error_set(err, MOTE_E_ARG, (int32_t)op, -1, 0, "operator %u out of range",
                              (unsigned)op);
    /* Counting mode (no destination): checks everything, writes nothing.
     * No plan says whether the step runs in place: either kind of row
     * will do (kernels/kernel_table.h, MOTE_ISA_ROW_INPLACE). */
    isa &= ~MOTE_ISA_ROW_INPLACE;
    s = mote_lower_op(g, op, isa, NULL, 0, &low, err);
    if (s == MOTE_E_UNSUPPORTED_OP &&
        mote_lower_op(g, op, isa | MOTE_ISA_ROW_INPLACE, NULL, 0, &low, &again) == MOTE_OK) {
        if (err != NULL) mote_error_clear(err);
        s = MOTE_OK;
    }
    return s;
}
