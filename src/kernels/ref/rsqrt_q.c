/*
 * RSQRT, int8 and int16 (TFLite Micro's RsqrtEvalQuantized): with
 * v = x - input_zp, v == 0 gives the type's largest value; otherwise
 * 1 / sqrt(v) as a multiplier and shift (mote_fp_inv_sqrt), applied to 1
 * with 20 extra bits, then rescaled by the step's multiplier (1 /
 * (sqrt(in_scale) * out_scale)) with those 20 bits taken back, plus the
 * output zero point, clamped to the type. A negative v (x below the input
 * zero point) is outside RSQRT's domain: TFLite Micro fails the invoke,
 * mote returns MOTE_E_PARAM.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "base/fixedpoint_rsqrt.h"

/* 20 extra bits keep 1 / sqrt(v) an integer (TFLite's kShift). */
#define RSQRT_EXTRA_BITS 20

static int32_t rsqrt_one(const mote_rsqrt_q_step *p, int32_t v, int32_t lo, int32_t hi)
{
    int32_t m, sh, data, out;
    if (v == 0) return hi;
    mote_fp_inv_sqrt(v, &m, &sh);
    data = mote_requantize(1, m, (int)(sh + RSQRT_EXTRA_BITS));
    out = mote_requantize(data, p->multiplier, (int)(p->shift - RSQRT_EXTRA_BITS)) + p->output_zp;
    return out < lo ? lo : out > hi ? hi : out;
}

/* Lowering keeps shift - 20 in [-31, 10]: the rounding shift is defined and
 * data (at most 2^20) times 2^10 stays in int32. */
static int step_ok(const mote_rsqrt_q_step *p, const mote_kernel_io *io)
{
    return io->in[0] != NULL && io->out[0] != NULL && p->elements > 0 &&
           p->shift - RSQRT_EXTRA_BITS >= -31 && p->shift - RSQRT_EXTRA_BITS <= 10;
}

mote_status mote_ref_rsqrt_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_rsqrt_q_step *p = (const mote_rsqrt_q_step *)step;
    const int8_t *in = (const int8_t *)io->in[0];
    int8_t *out = (int8_t *)io->out[0];
    int32_t i;
    if (!step_ok(p, io)) return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i) {
        const int32_t v = in[i] - p->input_zp;
        if (v < 0) return MOTE_E_PARAM;
        out[i] = (int8_t)rsqrt_one(p, v, -128, 127);
    }
    return MOTE_OK;
}

mote_status mote_ref_rsqrt_s16_step(const void *step, const mote_kernel_io *io)
{
    const mote_rsqrt_q_step *p = (const mote_rsqrt_q_step *)step;
    const int16_t *in = (const int16_t *)io->in[0];
    int16_t *out = (int16_t *)io->out[0];
    int32_t i;
    if (!step_ok(p, io)) return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i) {
        const int32_t v = in[i] - p->input_zp;
        if (v < 0) return MOTE_E_PARAM;
        out[i] = (int16_t)rsqrt_one(p, v, -32768, 32767);
    }
    return MOTE_OK;
}
