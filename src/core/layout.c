/* layout.c — see layout.h. */
#include "core/layout.h"

#include "core/step.h"
#include "mote/config.h"

int mote_layout_compute(uint32_t n_ops, uint64_t n_operands, uint32_t n_tensors,
                        uint64_t params_bytes, mote_layout *l)
{
    /* 64-bit sums of 32-bit counts cannot wrap; the total is then checked
     * against half of size_t so a 32-bit target refuses what it cannot
     * address instead of wrapping. */
    uint64_t at = 0;
    if (n_operands > UINT32_MAX || params_bytes > UINT32_MAX) return -1;
    l->steps = 0;
    at += (uint64_t)n_ops * sizeof(mote_step);
    l->operands = (size_t)at;
    at += n_operands * sizeof(int16_t);
    at = (at + 3u) & ~(uint64_t)3u;
    l->tensor_refs = (size_t)at;
    at += (uint64_t)n_tensors * sizeof(uint32_t);
    l->params = (size_t)at;
    at += params_bytes;
    at = (at + (MOTE_ARENA_ALIGN - 1)) & ~(uint64_t)(MOTE_ARENA_ALIGN - 1);
    if (at > (uint64_t)(SIZE_MAX / 2)) return -1;
    l->state_bytes = (size_t)at;
    return 0;
}
