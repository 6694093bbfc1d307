/*
 * MAXIMUM: int8, int16, int32, int64 and float32, broadcasting up to rank 6. TFLite
 * Micro compares the stored values without looking at quantization, so
 * mote accepts whatever quantization the tensors carry and gives the same
 * bytes. Options MaximumMinimumOptions (no fields).
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_maximum(mote_lower_ctx *c)
{
    static const mote_kernel_id k[5] = {MOTE_KID_MAXIMUM_S8, MOTE_KID_MAXIMUM_S16,
                                        MOTE_KID_MAXIMUM_F32, MOTE_KID_MAXIMUM_I32,
                                        MOTE_KID_MAXIMUM_I64};
    return mote_ew_lower_minmax(c, k);
}

uint64_t mote_macs_maximum(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
