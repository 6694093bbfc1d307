/*
 * DIV, int8 (TFLite's quantized DivElementwise / BroadcastDivSlow): with
 * a = x - zp1 and b = y - zp2 (both negated when b < 0), 1/b as a Q0
 * reciprocal and a power of two (GetReciprocal), a shifted left by its
 * redundant sign bits and multiplied by it, then rescaled by the output
 * multiplier with one rounding right shift of
 *   e = -(output_shift - reciprocal_bits - headroom)
 * plus the output zero point, clamped to the fused activation.
 *
 * Where TFLite Micro has no defined result mote says what it does:
 * - b == 0 (a divisor at its zero point: TFLite only DCHECKs it, then
 *   divides by zero in GetReciprocal) fails the invoke with MOTE_E_PARAM;
 * - an exponent e above 31, which happens on ordinary inputs (a small
 *   against b: 0 / 100 at unit scales), is a rounding shift of a 32-bit
 *   value by 32 or more, so the exact quotient term is 0 and the output is
 *   the output zero point, clamped. gemmlowp's RoundingDivideByPOT is
 *   undefined there (TFLite Micro's x86 build returns garbage such as
 *   0 / 100 = zero point + 1), so these outputs are not compared;
 * - e below 0 (a left shift, only with extreme scale ratios) fails the
 *   invoke with MOTE_E_PARAM.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_elementwise.h"
#include "base/fixedpoint_exp.h"

/* Redundant sign bits of x (GCC's __builtin_clrsb, as TFLite's
 * CountLeadingSignBits): 31 for 0 and -1. */
static int sign_bits(int32_t x)
{
    const uint32_t u = (uint32_t)(x < 0 ? ~x : x);
    return u == 0 ? 31 : mote_fp_clz32(u) - 1;
}

static int step_ok(const mote_div_s8_step *p, const mote_kernel_io *io)
{
    return io->in[0] != NULL && io->in[1] != NULL && io->out[0] != NULL && mote_bc_ok(&p->b) &&
           p->output_shift <= 30 && p->output_shift >= -31 && p->act_min <= p->act_max &&
           p->act_min >= -128 && p->act_max <= 127;
}

/* One quotient into *out; MOTE_E_PARAM for a zero divisor or a left shift. */
static mote_status one(const mote_div_s8_step *p, int32_t x, int32_t y, int8_t *out)
{
    int32_t a = x - p->input1_zp, b = y - p->input2_zp, inv, q, v;
    int rbits, head, e;
    if (b == 0) return MOTE_E_PARAM;
    if (b < 0) {
        a = -a;
        b = -b;
    }
    inv = mote_fp_reciprocal(b, 31, &rbits);
    head = sign_bits(a);
    q = mote_requantize_gt1(a, inv, head);
    e = -(p->output_shift - rbits - head);
    if (e < 0) return MOTE_E_PARAM;
    /* |high product| < 2^31, so shifting it right by 32 or more rounds to 0 */
    v = (e > 31 ? 0 : mote_requantize_lt1(q, p->output_multiplier, -e)) + p->output_zp;
    *out = (int8_t)(v < p->act_min ? p->act_min : v > p->act_max ? p->act_max : v);
    return MOTE_OK;
}

mote_status mote_ref_div_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_div_s8_step *p = (const mote_div_s8_step *)step;
    const int8_t *in1 = (const int8_t *)io->in[0], *in2 = (const int8_t *)io->in[1];
    int8_t *out = (int8_t *)io->out[0];
    mote_bc_it it;
    int32_t i;
    if (!step_ok(p, io)) return MOTE_E_ARG;
    mote_bc_start(&it);
    for (i = 0; i < p->b.elements; ++i, mote_bc_next(&p->b, &it)) {
        const mote_status s = one(p, in1[it.o1], in2[it.o2], &out[i]);
        if (s != MOTE_OK) return s;
    }
    return MOTE_OK;
}
