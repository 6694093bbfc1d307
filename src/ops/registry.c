/*
 * registry.c — ops.def expanded into the runtime's operator list, and the
 * one public MAC count (mote_op_macs).
 */
#include "ops/op.h"
#include "ops/registry.h"

static const mote_op_def op_defs[] = {
#define MOTE_OP(name, code, options, file, flags, types, kernels, i8, f32)                         \
    {code, options, flags, types, mote_lower_##file, mote_macs_##file},
#include "ops/ops.def"
};

#define N_OPS (sizeof op_defs / sizeof op_defs[0])

const mote_op_def *mote_op_find(int32_t code)
{
    uint32_t k;
    for (k = 0; k < N_OPS; k++) {
        if (op_defs[k].code == code) return &op_defs[k];
    }
    return NULL;
}

uint64_t mote_op_macs(const mote_graph *g, uint32_t op_index)
{
    mote_graph_op op;
    const mote_op_def *d;
    if (g == NULL || mote_graph_get_op(g, op_index, &op) != MOTE_OK) return 0;
    d = mote_op_find(op.code);
    return d != NULL ? d->macs(g, &op) : 0;
}
