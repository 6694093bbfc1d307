/*
 * RESIZE_BILINEAR to the constant size (input 1): int8 (TFLite's
 * fixed-point ResizeBilinearInteger, values copied in the input's
 * quantization as TFLite Micro does) and float32; align_corners,
 * half_pixel_centers. Options ResizeBilinearOptions: 0-1 deprecated sizes,
 * 2 align_corners, 3 half_pixel_centers.
 */
#include "ops/op_reduce_util.h"

mote_status mote_lower_resize_bilinear(mote_lower_ctx *c)
{
    return mote_resize_lower(c, 1,
                             c->in[0].type == MOTE_INT8 ? MOTE_KID_RESIZE_BILINEAR_S8
                                                        : MOTE_KID_RESIZE_BILINEAR_F32);
}

uint64_t mote_macs_resize_bilinear(const mote_graph *g, const mote_graph_op *op)
{
    return mote_macs_mul(mote_macs_out_elements(g, op), 4); /* four weighted taps */
}
