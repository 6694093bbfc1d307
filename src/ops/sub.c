/*
 * SUB: int8, int16 (zero points 0), int32 (wrapping, as TFLite Micro's) and
 * float32, broadcasting up to rank 6.
 * Options SubOptions: 0 fused activation, 1 pot_scale_int16 (ignored: TFLite
 * Micro always takes the general int16 path, LiteRT takes a power-of-two
 * path when it is set; mote follows TFLite Micro). Multipliers as the TFLM
 * we match computes them, in double (mote_quant_sub).
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_sub(mote_lower_ctx *c)
{
    const mote_type t = c->in[0].type;
    int32_t act;
    mote_bcast b;
    mote_status st;

    if (t == MOTE_FLOAT32) return mote_ew_lower_binary_f32(c, MOTE_KID_SUB_F32, 1);
    if (t == MOTE_INT32) return mote_ew_lower_binary_i32(c, MOTE_KID_SUB_I32, 1);
    if ((st = mote_ew_act_opt(c, 0, &act)) != MOTE_OK) return st;
    if ((st = mote_ew_broadcast(c, &b)) != MOTE_OK) return st;
    return mote_ew_lower_addsub_q(c, t == MOTE_INT8 ? MOTE_KID_SUB_S8 : MOTE_KID_SUB_S16, &b, act,
                                  t == MOTE_INT8 ? 20 : 15);
}

uint64_t mote_macs_sub(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
