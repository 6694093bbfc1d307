/*
 * mul_s8_dsp.c — MUL, int8, for cores with the DSP extension. Bit-exact
 * with mote_ref_mul_s8_step (TFLite's reference_integer_ops::Mul):
 *   out = clamp(ooff + MultiplyByQuantizedMultiplier((a + o1) * (b + o2)))
 *
 * Broadcasting: the output is walked in runs (mote_arm_bc_runs_make) in
 * which each input either advances with the output or repeats one element:
 * same shapes are one run, a per-channel operand gives runs of one pixel's
 * channels, a scalar one run. Runs with both inputs advancing take four
 * elements per step: one word load per input, SXTAB16 adds the offsets to
 * the even and odd bytes as int16 pairs, SMULBB / SMULTT make the four
 * products (|product| <= 383^2 < 2^18); a repeated operand is multiplied
 * with SMULBB / SMULTB against its one value.
 *
 * The requantization for shifts in [-23, -2] (every MUL a TFLite converter
 * makes: the multiplier is s1 * s2 / s_out) is mote_arm_requant_e2 with
 * the output zero point folded into its high-word addend (ooff * 2^(e-1)
 * shifts out exactly; |product * m / 2^32| < 2^17, so the word stays in
 * range for e <= 23), SSAT, BFI into one word, and the activation range
 * on the packed word (SSUB8 / SEL): about 10 instructions per element.
 * Other shifts take mote_arm_requant element by element.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_rows_ew.h"

typedef struct mul_k {
    int32_t o1, o2, m, lo, hi;
    int32_t fast;      /* shift in [-23, -2] */
    int32_t hqo, e1;   /* fast: 2^(e-2) + ooff 2^(e-1), e - 1 */
    int32_t sh, ooff;  /* general */
    uint32_t lo4, hi4; /* act_min / act_max in every byte */
} mul_k;

MOTE_ARM_INLINE int32_t mul_clamp(const mul_k *k, int32_t v)
{
    v = v < k->lo ? k->lo : v;
    return v > k->hi ? k->hi : v;
}

/* 16 x 16 products of halfwords (GCC makes SMULBB / SMULTT / SMULTB) */
MOTE_ARM_INLINE int32_t mul_bb(int32_t x, int32_t y)
{
    return (int32_t)(int16_t)x * (int16_t)y;
}
MOTE_ARM_INLINE int32_t mul_tt(int32_t x, int32_t y)
{
    return (x >> 16) * (y >> 16);
}
MOTE_ARM_INLINE int32_t mul_tb(int32_t x, int32_t y)
{
    return (x >> 16) * (int16_t)y;
}

/* one product requantized, plus the zero point, clamped */
MOTE_ARM_INLINE int8_t mul_fast(const mul_k *k, int32_t prod)
{
    return (int8_t)mul_clamp(k, mote_arm_requant_e2(prod, k->m, k->hqo, k->e1));
}

static int8_t mul_gen(const mul_k *k, int32_t prod)
{
    return (int8_t)mul_clamp(k, mote_arm_requant(prod, k->m, k->sh) + k->ooff);
}

/* Four products (mote_arm_requant_e2 with the zero point folded in, SSAT)
 * packed into one word: the first writes o whole, the others insert (BFI). */
#define MUL_OUT(pj, tail)                                                                          \
    "add   %[h], %[hq], %[" pj "], asr #31\n\t"                                                    \
    "and   %[l], %[" pj "], #0x80000000\n\t"                                                       \
    "orr   %[l], %[l], #0x40000000\n\t"                                                            \
    "smlal %[l], %[h], %[" pj "], %[m]\n\t"                                                        \
    "asr   %[h], %[h], %[e]\n\t" tail

MOTE_ARM_INLINE uint32_t mul_out4(const mul_k *k, int32_t p0, int32_t p1, int32_t p2, int32_t p3)
{
    uint32_t o;
    int32_t h, l;
    __asm__(MUL_OUT("p0", "ssat %[o], #8, %[h]\n\t")
                MUL_OUT("p1", "ssat %[h], #8, %[h]\n\tbfi %[o], %[h], #8, #8\n\t")
                    MUL_OUT("p2", "ssat %[h], #8, %[h]\n\tbfi %[o], %[h], #16, #8\n\t")
                        MUL_OUT("p3", "ssat %[h], #8, %[h]\n\tbfi %[o], %[h], #24, #8\n\t")
            : [o] "=&r"(o), [h] "=&r"(h), [l] "=&r"(l)
            : [p0] "r"(p0), [p1] "r"(p1), [p2] "r"(p2), [p3] "r"(p3), [m] "r"(k->m),
              [hq] "r"(k->hqo), [e] "r"(k->e1));
    /* the activation range per byte: SSUB8 sets GE where o >= lo, SEL picks */
    (void)__ssub8((int32_t)o, (int32_t)k->lo4);
    o = __sel(o, k->lo4);
    (void)__ssub8((int32_t)k->hi4, (int32_t)o);
    return __sel(o, k->hi4);
}
#undef MUL_OUT

/* n elements, both inputs advancing */
static void mul_vv_fast(const mul_k *k, const int8_t *a, const int8_t *b, int8_t *out, int32_t n)
{
    const int32_t o1 = mote_arm_dup16(k->o1), o2 = mote_arm_dup16(k->o2);
    int32_t i;
    for (i = 0; i + 4 <= n; i += 4) {
        const uint32_t wa = mote_arm_ld32(a + i), wb = mote_arm_ld32(b + i);
        const int32_t ae = mote_arm_even(wa, o1), ao = mote_arm_odd(wa, o1);
        const int32_t be = mote_arm_even(wb, o2), bo = mote_arm_odd(wb, o2);
        mote_arm_st32(out + i,
                      mul_out4(k, mul_bb(ae, be), mul_bb(ao, bo), mul_tt(ae, be), mul_tt(ao, bo)));
    }
    for (; i < n; ++i)
        out[i] = mul_fast(k, (a[i] + k->o1) * (b[i] + k->o2));
}

/* n elements of a times the one value bv = b + o2 */
static void mul_vs_fast(const mul_k *k, int32_t o1, const int8_t *a, int32_t bv, int8_t *out,
                        int32_t n)
{
    const int32_t o1p = mote_arm_dup16(o1);
    int32_t i;
    for (i = 0; i + 4 <= n; i += 4) {
        const uint32_t wa = mote_arm_ld32(a + i);
        const int32_t ae = mote_arm_even(wa, o1p), ao = mote_arm_odd(wa, o1p);
        mote_arm_st32(out + i,
                      mul_out4(k, mul_bb(ae, bv), mul_bb(ao, bv), mul_tb(ae, bv), mul_tb(ao, bv)));
    }
    for (; i < n; ++i)
        out[i] = mul_fast(k, (a[i] + o1) * bv);
}

/* One run (mote_arm_mul_run_fn): sa / sb 1 when that input advances. */
static void mul_run(const void *kv, const int8_t *a, int32_t sa, const int8_t *b, int32_t sb,
                    int8_t *out, int32_t n)
{
    const mul_k *k = (const mul_k *)kv;
    int32_t i;
    if (!k->fast) {
        for (i = 0; i < n; ++i)
            out[i] = mul_gen(k, (a[sa * i] + k->o1) * (b[sb * i] + k->o2));
    } else if (sa && sb) {
        mul_vv_fast(k, a, b, out, n);
    } else if (sa) {
        mul_vs_fast(k, k->o1, a, b[0] + k->o2, out, n);
    } else if (sb) { /* (a + o1)(b + o2) = (b + o2)(a + o1) */
        mul_vs_fast(k, k->o2, b, a[0] + k->o1, out, n);
    } else {
        memset(out, mul_fast(k, (a[0] + k->o1) * (b[0] + k->o2)), (size_t)n);
    }
}

mote_status mote_arm_mul_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_mul_q_step *s = (const mote_mul_q_step *)step;
    mul_k k;
    if (!mote_arm_mul_s8_io_fits(s, io)) return MOTE_E_ARG;
    k.o1 = s->input1_offset;
    k.o2 = s->input2_offset;
    k.m = s->multiplier;
    k.lo = s->act_min;
    k.hi = s->act_max;
    k.lo4 = mote_arm_dup8(k.lo);
    k.hi4 = mote_arm_dup8(k.hi);
    k.sh = s->shift;
    k.ooff = s->output_offset;
    k.fast = s->shift <= -2 && s->shift >= -23;
    k.e1 = k.fast ? -s->shift - 1 : 0;
    k.hqo = k.fast ? (int32_t)((1u << (k.e1 - 1)) + ((uint32_t)k.ooff << k.e1)) : 0;
    mote_arm_mul_s8_walk(s, io, mul_run, &k);
    return MOTE_OK;
}

#else
typedef int mote_arm_mul_unused_;
#endif
