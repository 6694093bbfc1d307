/*
 * Unary float32 operators, one loop each with a different function, as
 * TFLite's reference kernels write them (RELU keeps -0.0 and NaN: it only
 * replaces values below 0).
 */
#include <math.h>

#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

#define MOTE_UNARY_F32(name, expr)                                                                 \
    mote_status name(const void *step, const mote_kernel_io *io)                                   \
    {                                                                                              \
        const mote_unary_f32_step *p = (const mote_unary_f32_step *)step;                          \
        const float *in = (const float *)io->in[0];                                                \
        float *out = (float *)io->out[0];                                                          \
        int32_t i;                                                                                 \
        if (in == NULL || out == NULL || p->elements <= 0) return MOTE_E_ARG;                      \
        for (i = 0; i < p->elements; ++i) {                                                        \
            const float x = in[i];                                                                 \
            out[i] = (expr);                                                                       \
        }                                                                                          \
        return MOTE_OK;                                                                            \
    }

MOTE_UNARY_F32(mote_ref_relu_f32_step, x < 0.0f ? 0.0f : x)
MOTE_UNARY_F32(mote_ref_relu6_f32_step, x > 6.0f ? 6.0f : x < 0.0f ? 0.0f : x)
MOTE_UNARY_F32(mote_ref_abs_f32_step, fabsf(x))
MOTE_UNARY_F32(mote_ref_neg_f32_step, -x)

/* LOGISTIC as TFLite's reference: 1 above 16.619047..., exp(x) below -9
 * (where 1 / (1 + exp(-x)) loses nothing more), else 1 / (1 + exp(-x)). */
static float logistic_f32(float x)
{
    if (x > 16.619047164916992188f) return 1.0f;
    if (x < -9.0f) return expf(x);
    return 1.0f / (1.0f + expf(-x));
}

MOTE_UNARY_F32(mote_ref_logistic_f32_step, logistic_f32(x))
MOTE_UNARY_F32(mote_ref_tanh_f32_step, tanhf(x))

/* LEAKY_RELU: x when above 0, else x * alpha (TFLite reference_ops). */
MOTE_UNARY_F32(mote_ref_leaky_relu_f32_step, x > 0.0f ? x : x * p->alpha)

/* HARD_SWISH: x * min(6, max(0, x + 3)) / 6, in that order. */
static float hard_swish_f32(float x)
{
    const float r = x + 3.0f;
    const float c = r > 0.0f ? r : 0.0f;
    return x * (c < 6.0f ? c : 6.0f) / 6.0f;
}

MOTE_UNARY_F32(mote_ref_hard_swish_f32_step, hard_swish_f32(x))

/* ROUND: TFLite RoundToNearest, ties to even. */
static float round_even_f32(float x)
{
    const float f = floorf(x);
    const float d = x - f;
    if (d < 0.5f || (d == 0.5f && fmodf(f, 2.0f) == 0.0f)) return f;
    return f + 1.0f;
}

MOTE_UNARY_F32(mote_ref_floor_f32_step, floorf(x))
MOTE_UNARY_F32(mote_ref_ceil_f32_step, ceilf(x))
MOTE_UNARY_F32(mote_ref_round_f32_step, round_even_f32(x))
MOTE_UNARY_F32(mote_ref_sqrt_f32_step, sqrtf(x))
MOTE_UNARY_F32(mote_ref_rsqrt_f32_step, 1.0f / sqrtf(x))
MOTE_UNARY_F32(mote_ref_square_f32_step, x *x)
MOTE_UNARY_F32(mote_ref_exp_f32_step, expf(x))
MOTE_UNARY_F32(mote_ref_log_f32_step, logf(x))
MOTE_UNARY_F32(mote_ref_sin_f32_step, sinf(x))
MOTE_UNARY_F32(mote_ref_cos_f32_step, cosf(x))
/* ELU: expm1(x) below 0, else x (TFLite reference_ops::Elu). */
MOTE_UNARY_F32(mote_ref_elu_f32_step, x < 0.0f ? expm1f(x) : x)
