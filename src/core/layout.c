/* layout.c — see layout.h. */
#include "core/layout.h"

#include "core/step.h"
#include "mote/config.h"

int mote_layout_compute(uint32_t n_ops, uint32_t n_tensors, uint32_t n_channels, mote_layout *l)
{
    /* Counts are bounded by MOTE_MAX_* and the channel count by the model
     * size, so with 64-bit intermediates nothing can wrap; still, refuse
     * rather than trust that on a 32-bit size_t. */
    uint64_t at = 0;
    l->steps = 0;
    at += (uint64_t)n_ops * sizeof(mote_step);
    at = (at + 3u) & ~(uint64_t)3u;
    l->tensor_refs = (size_t)at;
    at += (uint64_t)n_tensors * sizeof(uint32_t);
    at = (at + 3u) & ~(uint64_t)3u;
    l->mult = (size_t)at;
    at += (uint64_t)n_channels * sizeof(int32_t);
    l->shift = (size_t)at;
    at += (uint64_t)n_channels;
    at = (at + (MOTE_ARENA_ALIGN - 1)) & ~(uint64_t)(MOTE_ARENA_ALIGN - 1);
    if (at > (uint64_t)(SIZE_MAX / 2)) return -1;
    l->state_bytes = (size_t)at;
    return 0;
}
