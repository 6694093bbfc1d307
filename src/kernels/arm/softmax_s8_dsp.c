/*
 * softmax_s8_dsp.c — SOFTMAX, int8, for cores with the DSP extension.
 * Bit-exact with mote_ref_softmax_s8 (TFLite's reference: gemmlowp's
 * fixed-point exp of the rescaled differences, a reciprocal of their sum).
 *
 * What changes, not the arithmetic:
 *  - the row's maximum four bytes at a time (SSUB8 sets GE per byte where
 *    x >= m, SEL takes those bytes);
 *  - every exp is computed once: the first SM_CACHE of a row are kept on
 *    the stack for the output pass (the reference computes each twice);
 *  - gemmlowp's saturating rounding doubling high multiply as one SMULL
 *    and a shift: round-half-up of a*b / 2^31 is floor((a*b + 2^30) / 2^31)
 *    for both signs (arm_requant.h), and its one saturating case,
 *    INT32_MIN * INT32_MIN, cannot occur here (the operands of the exp's
 *    series are below 2^29 in magnitude, the barrel's are positive, the
 *    input multiplier is >= 0);
 *  - the barrel shifter of exp stops at the highest set bit of the part
 *    it multiplies away (small differences: one or two multiplies);
 *  - the output's two roundings (high multiply by the reciprocal, then
 *    the rounding shift by >= 23 bits) collapse into one (the same floor
 *    argument as mote_arm_requant_e2): one SMLAL and a shift, then SSAT.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_rows_ew.h"
#include "base/fixedpoint_exp.h"

#define SM_CACHE 32 /* exps kept per row (128 bytes of stack) */

/* gemmlowp SaturatingRoundingDoublingHighMul for operands that are not
 * both INT32_MIN. */
MOTE_ARM_INLINE int32_t sm_mh(int32_t a, int32_t b)
{
    return (int32_t)(((int64_t)a * b + ((int64_t)1 << 30)) >> 31);
}

/* exp(a) for a in Q5.26, a < 0, result in Q0.31: mote_fp_exp_neg_q5. */
static int32_t sm_exp_q5(int32_t a)
{
    static const int32_t barrel[7] = {1672461947, 1302514674, 790015084, 290630308,
                                      39332535,   720401,     242};
    const int32_t c = 1895147668; /* exp(-1/8) */
    const int32_t a_mod = (a & ((1 << 24) - 1)) - (1 << 24);
    uint32_t bits = (((uint32_t)a_mod - (uint32_t)a) >> 24) & 0x7Fu;
    /* the series around -1/8 of a_mod in Q0 (a_mod * 2^5, exact: |a_mod| <= 2^24) */
    const int32_t x = (int32_t)((uint32_t)a_mod << 5) + (1 << 28);
    const int32_t x2 = sm_mh(x, x), x3 = sm_mh(x2, x), x4 = sm_mh(x2, x2);
    /* (x4 / 4 rounded: x4 >= 0) + x3, times 1/3, plus x2, halved with ties
     * away from zero: t = v - (v < 0), (t >> 1) + (t & 1) */
    int32_t v = sm_mh((((x4 >> 1) + 1) >> 1) + x3, 715827883) + x2;
    int32_t r, k = 0;
    // cppcheck-suppress shiftTooManyBitsSigned
    v += v >> 31; /* arithmetic (base/fixedpoint.h) */
    v = (v >> 1) + (v & 1);
    r = c + sm_mh(c, x + v);
    for (; bits != 0; bits >>= 1, ++k)
        if (bits & 1u) r = sm_mh(r, barrel[k]);
    return r;
}

/* exp of a difference at or above diff_min (0 below it: the output is
 * then -128 either way). */
static int32_t sm_exp(const mote_softmax_s8_params *p, int32_t diff)
{
    if (diff < p->diff_min) return 0;
    {
        const int32_t a =
            sm_mh((int32_t)((uint32_t)diff << p->input_left_shift), p->input_multiplier);
        return a == 0 ? INT32_MAX : sm_exp_q5(a); /* exp(0) = 1: gemmlowp's One() */
    }
}

/* The largest of n int8 (n >= 1). */
static int32_t sm_max(const int8_t *in, int32_t n)
{
    uint32_t m = 0x80808080u, t;
    int32_t i, mx;
    for (i = 0; i + 4 <= n; i += 4) {
        const uint32_t v = mote_arm_ld32(in + i);
        (void)__ssub8((int32_t)v, (int32_t)m); /* GE: v >= m */
        m = __sel(v, m);
    }
    t = m >> 16 | m << 16;
    (void)__ssub8((int32_t)m, (int32_t)t);
    m = __sel(m, t);
    t = m >> 8 | m << 24;
    (void)__ssub8((int32_t)m, (int32_t)t);
    m = __sel(m, t);
    mx = (int8_t)m;
    for (; i < n; ++i)
        mx = in[i] > mx ? in[i] : mx;
    return mx;
}

static void sm_row(const mote_softmax_s8_params *p, int32_t depth, const int8_t *in, int8_t *out)
{
    int32_t cache[SM_CACHE];
    const int32_t mx = sm_max(in, depth);
    const int32_t nc = depth < SM_CACHE ? depth : SM_CACHE;
    int32_t i, sum = 0, recip, hq, e1, headroom;

    for (i = 0; i < nc; ++i) {
        const int32_t e = sm_exp(p, in[i] - mx);
        cache[i] = e;
        sum += ((e >> 11) + 1) >> 1; /* Q0 -> Q12, rounded (e >= 0) */
    }
    for (; i < depth; ++i) {
        const int32_t e = sm_exp(p, in[i] - mx);
        sum += ((e >> 11) + 1) >> 1;
    }
    /* sum >= 2^19 (exp(0) of the maximum): headroom + 1 <= 12 and the
     * output shift e = 12 - (headroom + 1) + 23 is in [23, 34] */
    headroom = (int32_t)__builtin_clz((uint32_t)sum);
    recip = mote_fp_one_over_one_plus_x((int32_t)(((uint32_t)sum << headroom) - 0x80000000u));
    e1 = 12 - headroom + 23 - 1;
    if (e1 >= 31) { /* every probability below 1/512: 0 (see the reference) */
        memset(out, -128, (size_t)depth);
        return;
    }
    hq = (int32_t)1 << (e1 - 1);
    /* floor((exp * recip + 2^30 + 2^(30 + e)) / 2^(31 + e)) - 128, e = e1 + 1 */
    for (i = 0; i < depth; ++i) {
        /* cache[i] for i < nc was written by the first pass */
        // cppcheck-suppress uninitvar
        const int32_t e = i < nc ? cache[i] : sm_exp(p, in[i] - mx);
        const int64_t acc = (((int64_t)hq << 32) | (1 << 30)) + (int64_t)e * recip;
        out[i] = (int8_t)mote_arm_ssat8(((int32_t)(acc >> 32) >> e1) - 128);
    }
}

mote_status mote_arm_softmax_s8(const mote_softmax_s8_params *p, int32_t rows, int32_t depth,
                                const int8_t *input, int8_t *output)
{
    return mote_arm_softmax_s8_rows(p, rows, depth, input, output, sm_row);
}

mote_status mote_arm_softmax_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_softmax_s8_step *s = (const mote_softmax_s8_step *)step;
    return mote_arm_softmax_s8(&s->p, s->rows, s->depth, (const int8_t *)io->in[0],
                               (int8_t *)io->out[0]);
}

#else
typedef int mote_arm_softmax_unused_;
#endif
