/*
 * add_s8_dsp.c — ADD, int8, same-shape inputs (no broadcasting), for cores
 * with the DSP extension. Bit-exact with mote_ref_add_s8.
 *
 * Each element takes three requantizations (both inputs to the common
 * scale, the sum to the output scale), all with shift <= 0. When every
 * shift is <= -2 they use the single-rounding SMLAL form of arm_requant.h
 * (mote_arm_requant_e2, seven instructions each); otherwise the general
 * mote_arm_requant. Broadcasting steps stay with the reference row.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_kernels.h"

typedef struct add_k {
    int32_t off1, off2, ls, m1, m2, mo, ooff, lo, hi;
    int32_t s1, s2, so;    /* shifts (<= 0) */
    int32_t hq1, hq2, hqo; /* 2^(e-2) */
    int32_t e1a, e1b, e1o; /* e - 1 */
} add_k;

MOTE_ARM_INLINE int8_t add_fast(const add_k *k, int32_t a, int32_t b)
{
    const int32_t as = mote_arm_requant_e2((a + k->off1) << k->ls, k->m1, k->hq1, k->e1a);
    const int32_t bs = mote_arm_requant_e2((b + k->off2) << k->ls, k->m2, k->hq2, k->e1b);
    int32_t v = mote_arm_requant_e2(as + bs, k->mo, k->hqo, k->e1o) + k->ooff;
    v = v < k->lo ? k->lo : v;
    v = v > k->hi ? k->hi : v;
    return (int8_t)v;
}

MOTE_ARM_INLINE int8_t add_gen(const add_k *k, int32_t a, int32_t b)
{
    const int32_t as = mote_arm_requant((a + k->off1) << k->ls, k->m1, k->s1);
    const int32_t bs = mote_arm_requant((b + k->off2) << k->ls, k->m2, k->s2);
    int32_t v = mote_arm_requant(as + bs, k->mo, k->so) + k->ooff;
    v = v < k->lo ? k->lo : v;
    v = v > k->hi ? k->hi : v;
    return (int8_t)v;
}

mote_status mote_arm_add_s8(const mote_add_s8_params *p, const mote_dims *in1_dims,
                            const int8_t *in1, const mote_dims *in2_dims, const int8_t *in2,
                            const mote_dims *output_dims, int8_t *output, void *scratch)
{
    add_k k;
    int32_t i, n;
    (void)scratch;
    if (!p || !in1_dims || !in1 || !in2_dims || !in2 || !output_dims || !output) return MOTE_E_ARG;
    if (!mote_arm_add_s8_fits(p, in1_dims, in2_dims, output_dims)) return MOTE_E_ARG;
    n = output_dims->n * output_dims->h * output_dims->w * output_dims->c;
    k.off1 = p->input1_offset;
    k.off2 = p->input2_offset;
    k.ls = p->left_shift;
    k.m1 = p->input1_multiplier;
    k.m2 = p->input2_multiplier;
    k.mo = p->output_multiplier;
    k.s1 = p->input1_shift;
    k.s2 = p->input2_shift;
    k.so = p->output_shift;
    k.ooff = p->output_offset;
    k.lo = p->act_min;
    k.hi = p->act_max;
    if (k.s1 <= -2 && k.s2 <= -2 && k.so <= -2) {
        k.hq1 = (int32_t)1 << (-k.s1 - 2);
        k.hq2 = (int32_t)1 << (-k.s2 - 2);
        k.hqo = (int32_t)1 << (-k.so - 2);
        k.e1a = -k.s1 - 1;
        k.e1b = -k.s2 - 1;
        k.e1o = -k.so - 1;
        for (i = 0; i < n; ++i)
            output[i] = add_fast(&k, in1[i], in2[i]);
    } else {
        for (i = 0; i < n; ++i)
            output[i] = add_gen(&k, in1[i], in2[i]);
    }
    return MOTE_OK;
}

#else
typedef int mote_arm_unused_;
#endif
