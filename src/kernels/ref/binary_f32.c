/*
 * Binary float32 operators with broadcasting, one loop each with a different
 * function (TFLite's reference kernels): MUL and SUB clamp to the fused
 * activation's range as min(max(v, act_min), act_max); MAXIMUM / MINIMUM
 * pick with a plain comparison (a NaN in input 2 wins MAXIMUM, as there).
 */
#include <math.h>
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_elementwise.h"

#define MOTE_BINARY_F32(name, expr)                                                                \
    mote_status name(const void *step, const mote_kernel_io *io)                                   \
    {                                                                                              \
        const mote_binary_f32_step *p = (const mote_binary_f32_step *)step;                        \
        const float *in1 = (const float *)io->in[0], *in2 = (const float *)io->in[1];              \
        float *out = (float *)io->out[0];                                                          \
        mote_bc_it it;                                                                             \
        int32_t i;                                                                                 \
        if (in1 == NULL || in2 == NULL || out == NULL || !mote_bc_ok(&p->b)) return MOTE_E_ARG;    \
        mote_bc_start(&it);                                                                        \
        for (i = 0; i < p->b.elements; ++i, mote_bc_next(&p->b, &it)) {                            \
            const float a = in1[it.o1], b = in2[it.o2];                                            \
            out[i] = (expr);                                                                       \
        }                                                                                          \
        return MOTE_OK;                                                                            \
    }

MOTE_BINARY_F32(mote_ref_mul_f32_step, mote_ref_clamp_f32(a *b, p->act_min, p->act_max))
MOTE_BINARY_F32(mote_ref_sub_f32_step, mote_ref_clamp_f32(a - b, p->act_min, p->act_max))
MOTE_BINARY_F32(mote_ref_maximum_f32_step, a > b ? a : b)
MOTE_BINARY_F32(mote_ref_minimum_f32_step, a < b ? a : b)

/* DIV with the fused activation clamp; FLOOR_DIV floor(a / b); FLOOR_MOD the
 * remainder with the divisor's sign (TFLite FloorMod); SQUARED_DIFFERENCE. */
static float floor_mod_f32(float a, float b)
{
    const float t = fmodf(a, b);
    return (t != 0.0f && ((b < 0.0f) != (t < 0.0f))) ? t + b : t;
}

MOTE_BINARY_F32(mote_ref_div_f32_step, mote_ref_clamp_f32(a / b, p->act_min, p->act_max))
MOTE_BINARY_F32(mote_ref_floor_div_f32_step, floorf(a / b))
MOTE_BINARY_F32(mote_ref_floor_mod_f32_step, floor_mod_f32(a, b))
MOTE_BINARY_F32(mote_ref_squared_difference_f32_step, (a - b) * (a - b))
