/*
 * mve_softmax_s8.c — SOFTMAX, int8, with Helium (MVE, Cortex-M55).
 * Bit-exact with mote_ref_softmax_s8: the same gemmlowp fixed-point exp,
 * four lanes at a time.
 *
 * VQRDMULH is gemmlowp's SaturatingRoundingDoublingHighMul exactly (round
 * half up of 2ab / 2^32, INT32_MIN * INT32_MIN saturated), VSHL by a
 * register shifts left modulo 2^32 as the reference's shift does, and
 * VRSHR of a non-negative value is its rounding divide by a power of two
 * (computed without overflow). The barrel shifter's seven conditional
 * multiplies are predicated VQRDMULHs, and stop at the highest bit any
 * lane needs. The row's maximum: VMAXV over predicated loads. The first
 * 32 exps of a row are kept for the output pass (the reference computes
 * each twice).
 */
#if defined(__ARM_FEATURE_MVE) && defined(__ARM_FEATURE_DSP)

#include <arm_mve.h>
#include <string.h>
#include "kernels/arm/arm_rows_ew.h"
#include "base/fixedpoint_exp.h"

#define MVE_SM_CACHE 32 /* exps kept per row for the output pass (128 bytes of stack) */

/* exp(d * beta * input_scale) in Q0.31 of four differences d (<= 0);
 * lanes below diff_min give 0 (their output is -128 either way). */
static int32x4_t vexp(const mote_softmax_s8_params *p, int32x4_t d)
{
    static const int32_t barrel[7] = {1672461947, 1302514674, 790015084, 290630308,
                                      39332535,   720401,     242};
    const int32_t c = 1895147668; /* exp(-1/8) */
    const int32x4_t a =
        vqrdmulhq_n_s32(vshlq_r_s32(d, p->input_left_shift), p->input_multiplier); /* Q5 */
    const int32x4_t a_mod = vsubq_n_s32(vandq_s32(a, vdupq_n_s32((1 << 24) - 1)), 1 << 24);
    const uint32x4_t removed = vreinterpretq_u32_s32(vsubq_s32(a_mod, a));
    const int32x4_t x = vaddq_n_s32(vshlq_n_s32(a_mod, 5), 1 << 28);
    const int32x4_t x2 = vqrdmulhq_s32(x, x), x3 = vqrdmulhq_s32(x2, x);
    const int32x4_t x4 = vqrdmulhq_s32(x2, x2);
    int32x4_t v = vaddq_s32(vqrdmulhq_n_s32(vaddq_s32(vrshrq_n_s32(x4, 2), x3), 715827883), x2);
    int32x4_t r;
    /* the barrel's bits of the lanes that use them (not a = 0, whose
     * exp is 1, nor lanes below diff_min) */
    const mve_pred16_t used = (mve_pred16_t)(vcmpneq_n_s32(a, 0) & vcmpgeq_n_s32(d, p->diff_min));
    uint32_t top = vmaxvq_p_u32(0, removed, used) >> 24, bit = 1u << 24;
    int k;
    /* halved, ties away from zero: t = v - (v < 0), (t + 1) >> 1 */
    v = vrshrq_n_s32(vaddq_s32(v, vshrq_n_s32(v, 31)), 1);
    r = vaddq_n_s32(vqrdmulhq_n_s32(vaddq_s32(x, v), c), c);
    for (k = 0; k < 7 && top != 0; ++k, top >>= 1, bit <<= 1)
        r = vqrdmulhq_m_n_s32(r, r, barrel[k],
                              vcmpneq_n_u32(vandq_u32(removed, vdupq_n_u32(bit)), 0));
    r = vpselq_s32(vdupq_n_s32(INT32_MAX), r, vcmpeqq_n_s32(a, 0));
    return vpselq_s32(r, vdupq_n_s32(0), vcmpgeq_n_s32(d, p->diff_min));
}

static void row_mve(const mote_softmax_s8_params *p, int32_t depth, const int8_t *in, int8_t *out)
{
    int8_t m8 = -128;
    int32x4_t cache[MVE_SM_CACHE / 4];
    int32_t i, mx, sum = 0, recip, headroom, sh;
    for (i = 0; i < depth; i += 16)
        m8 = vmaxvq_p_s8(m8, vldrbq_z_s8(in + i, vctp8q((uint32_t)(depth - i))),
                         vctp8q((uint32_t)(depth - i)));
    mx = m8;
    for (i = 0; i < depth; i += 4) {
        const mve_pred16_t pr = vctp32q((uint32_t)(depth - i));
        const int32x4_t e = vexp(p, vsubq_n_s32(vldrbq_z_s32(in + i, pr), mx));
        if (i < MVE_SM_CACHE) cache[i / 4] = e;
        sum = vaddvaq_p_s32(sum, vrshrq_n_s32(e, 12), pr); /* Q0 -> Q12 */
    }
    /* sum >= 2^19: the reference's reciprocal and output shift */
    headroom = (int32_t)__builtin_clz((uint32_t)sum);
    recip = mote_fp_one_over_one_plus_x((int32_t)(((uint32_t)sum << headroom) - 0x80000000u));
    sh = 12 - headroom + 23;
    if (sh > 31) {
        memset(out, -128, (size_t)depth);
        return;
    }
    for (i = 0; i < depth; i += 4) {
        const mve_pred16_t pr = vctp32q((uint32_t)(depth - i));
        const int32x4_t e =
            i < MVE_SM_CACHE ? cache[i / 4] : vexp(p, vsubq_n_s32(vldrbq_z_s32(in + i, pr), mx));
        int32x4_t v = vrshlq_n_s32(vqrdmulhq_n_s32(e, recip), -sh);
        v = vminq_s32(vmaxq_s32(vsubq_n_s32(v, 128), vdupq_n_s32(-128)), vdupq_n_s32(127));
        vstrbq_p_s32(out + i, v, pr);
    }
}

mote_status mote_mve_softmax_s8(const mote_softmax_s8_params *p, int32_t rows, int32_t depth,
                                const int8_t *input, int8_t *output)
{
    return mote_arm_softmax_s8_rows(p, rows, depth, input, output, row_mve);
}

mote_status mote_mve_softmax_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_softmax_s8_step *s = (const mote_softmax_s8_step *)step;
    return mote_mve_softmax_s8(&s->p, s->rows, s->depth, (const int8_t *)io->in[0],
                               (int8_t *)io->out[0]);
}

#else
typedef int mote_mve_softmax_unused_;
#endif
