/*
 * ELU: float32 (expm1f below 0, else x) and int8, as TFLite Micro's
 * reference kernel. int8: TFLite Micro's 256-entry lookup table, built here
 * in float as its Prepare does: x = in_scale * (q - in_zp), y = expf(x) - 1
 * below 0 else x, out = clamp(out_zp + roundf(y * (1 / out_scale))). Any
 * per-tensor scales and zero points (TFLite Micro checks none). Refused: a
 * table entry whose float value is not finite or outside int32 before the
 * clamp (TFLite Micro's float-to-int conversion is undefined there). The
 * table (and expf) is reached through lower_select.h, so a build whose
 * selection has no ELU_S8 links neither. No options used.
 */
#include <math.h>
#include <string.h>

#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/lower_select.h"

mote_status mote_lower_elu_s8(mote_lower_ctx *c)
{
    int8_t table[256];
    mote_elu_s8_step *p;
    float si, so, inv;
    int32_t zi, zo, q;
    mote_status st;

    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &si, &zi)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, 0, &so, &zo)) != MOTE_OK) return st;
    inv = 1.0f / so;
    for (q = -128; q <= 127; ++q) {
        const float x = si * (float)(q - zi);
        const float y = x < 0.0f ? expf(x) - 1.0f : x;
        const float v = roundf(y * inv) + (float)zo;
        int32_t r;
        if (!(v >= -2147483648.0f && v < 2147483648.0f))
            return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                                   "scales %g -> %g: ELU of input %d is %g output steps, "
                                   "where TFLite Micro's conversion is undefined",
                                   (double)si, (double)so, (int)q, (double)v);
        r = (int32_t)v;
        table[(uint8_t)(int8_t)q] = (int8_t)(r < -128 ? -128 : r > 127 ? 127 : r);
    }
    if ((p = mote_lower_step(c, MOTE_KID_ELU_S8, MOTE_ELU_S8_TABLE_WORDS, &st)) == NULL) return st;
    p->elements = (int32_t)c->out.elements;
    p->channels = MOTE_ELU_S8_TABLE_WORDS;
    if (c->mult != NULL) memcpy(c->mult, table, sizeof table);
    return MOTE_OK;
}

mote_status mote_lower_elu(mote_lower_ctx *c)
{
    mote_status st;
    if (c->in[0].type == MOTE_FLOAT32) return mote_ew_lower_unary_f32(c, MOTE_KID_ELU_F32, 0.0f);
    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    return mote_lower_by_type_table.elu_s8 == NULL ? mote_lower_type_left_out(c)
                                                   : mote_lower_by_type_table.elu_s8(c);
}

uint64_t mote_macs_elu(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
