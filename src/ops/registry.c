/*
 * registry.c — ops.def expanded into the runtime's operator list.
 */
#include "ops/op.h"

static const mote_op_def op_defs[] = {
#define MOTE_OP(name, code, options, file, flags, types, kernels, i8, f32)                         \
    {code, options, flags, types, mote_lower_##file},
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
