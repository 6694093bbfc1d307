/*
 * macs.c — the one MAC count (ops/registry.h): ops.def's second column of
 * functions, in a table of its own so a firmware that never counts MACs
 * links none of them. An operator selection (MOTE_OPSET,
 * kernels/kernel_table.h) keeps the selected rows only.
 */
#include "ops/op.h"
#include "ops/registry.h"

static const struct {
    int32_t code;
    uint64_t (*macs)(const mote_graph *g, const mote_graph_op *op);
    const char *custom; /* custom_code of a CUSTOM row */
} op_macs[] = {
#define MOTE_OP(name, code, options, file, flags, types, kernels, i8, f32)                         \
    MOTE_SEL_KEEP(MOTE_SEL_OP(name),                                                               \
                  {code, mote_macs_##file, (code) == MOTE_OP_CODE_CUSTOM ? #name : NULL}, )
#include "ops/ops.def"
};

uint64_t mote_op_macs(const mote_graph *g, uint32_t op_index)
{
    mote_graph_op op;
    uint32_t k;
    if (g == NULL || mote_graph_get_op(g, op_index, &op) != MOTE_OK) return 0;
    for (k = 0; k < sizeof op_macs / sizeof op_macs[0]; k++) {
        if (mote_op_matches(&op, op_macs[k].code, op_macs[k].custom))
            return op_macs[k].macs(g, &op);
    }
    return 0;
}
