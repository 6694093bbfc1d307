/*
 * LOGISTIC and TANH, int8 (TFLite reference_integer_ops::Logistic / Tanh,
 * one loop with a different function): x - zero point outside
 * (-radius, radius) saturates; inside, it is rescaled to Q4 with
 * MultiplyByQuantizedMultiplier, gemmlowp's logistic / tanh gives Q0, and a
 * rounding shift gives the output: logistic in units of 1/256 from -128,
 * tanh in units of 1/128 around 0.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_sigmoid.h"

static mote_status sigmoid_s8(const mote_sigmoid_s8_step *p, const mote_kernel_io *io, int is_tanh)
{
    const int8_t *in = (const int8_t *)io->in[0];
    int8_t *out = (int8_t *)io->out[0];
    int32_t i;
    if (in == NULL || out == NULL || p->elements <= 0 || p->shift < 0 || p->shift > 30)
        return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i) {
        const int32_t x = (int32_t)in[i] - p->input_zp;
        int32_t v;
        if (x <= -p->radius) {
            v = -128;
        } else if (x >= p->radius) {
            v = 127;
        } else {
            const int32_t q4 = mote_requantize(x, p->multiplier, p->shift);
            v = is_tanh ? mote_fp_div_pot(mote_fp_tanh_q4(q4), 24)
                        : mote_fp_div_pot(mote_fp_logistic_q4(q4), 23) - 128;
            v = v < -128 ? -128 : v > 127 ? 127 : v;
        }
        out[i] = (int8_t)v;
    }
    return MOTE_OK;
}

mote_status mote_ref_logistic_s8_step(const void *step, const mote_kernel_io *io)
{
    return sigmoid_s8((const mote_sigmoid_s8_step *)step, io, 0);
}

mote_status mote_ref_tanh_s8_step(const void *step, const mote_kernel_io *io)
{
    return sigmoid_s8((const mote_sigmoid_s8_step *)step, io, 1);
}
