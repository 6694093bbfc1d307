/* macs.c — see macs.h for the counting rule of each operator. */
#include "core/macs.h"

/* Saturating product: a file may declare shapes whose MAC count does not fit
 * 64 bits, and a wrapped figure would look plausible. */
static uint64_t mul_sat(uint64_t a, uint64_t b)
{
    if (a != 0 && b > UINT64_MAX / a) {
        return UINT64_MAX;
    }
    return a * b;
}

/* Decode the tensor an operand index names; 0 for an omitted operand (-1). */
static int load_operand(const mote_graph *g, int32_t index, mote_graph_tensor *t)
{
    if (index < 0) {
        return 0;
    }
    return mote_graph_get_tensor(g, (uint32_t)index, t) == MOTE_OK;
}

/* Dimension k of t, 0 when absent or not positive. */
static uint64_t dim(const mote_graph_tensor *t, int32_t k)
{
    if (k >= t->rank || t->dims[k] <= 0) {
        return 0;
    }
    return (uint64_t)t->dims[k];
}

uint64_t mote_op_macs(const mote_graph *g, uint32_t op_index)
{
    mote_graph_op op;
    mote_graph_tensor w, out;
    uint64_t n;

    if (g == NULL || mote_graph_get_op(g, op_index, &op) != MOTE_OK) {
        return 0;
    }
    if (op.code != MOTE_OP_CONV_2D && op.code != MOTE_OP_DEPTHWISE_CONV_2D &&
        op.code != MOTE_OP_FULLY_CONNECTED) {
        return 0;
    }
    if (op.n_inputs < 2 || op.n_outputs < 1 || !load_operand(g, mote_graph_op_input(&op, 1), &w) ||
        !load_operand(g, mote_graph_op_output(&op, 0), &out)) {
        return 0;
    }
    n = (uint64_t)out.elements;
    switch (op.code) {
    case MOTE_OP_CONV_2D:
        if (w.rank != 4) {
            return 0;
        }
        return mul_sat(mul_sat(mul_sat(n, dim(&w, 1)), dim(&w, 2)), dim(&w, 3));
    case MOTE_OP_DEPTHWISE_CONV_2D:
        if (w.rank != 4) {
            return 0;
        }
        return mul_sat(mul_sat(n, dim(&w, 1)), dim(&w, 2));
    default: /* FULLY_CONNECTED: each output element is one dot product */
        if (w.rank != 2) {
            return 0;
        }
        return mul_sat(n, dim(&w, 1));
    }
}
