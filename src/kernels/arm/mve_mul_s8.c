/*
 * mve_mul_s8.c — MUL, int8, with Helium (MVE, Cortex-M55). Bit-exact with
 * mote_ref_mul_s8_step; the steps mote_arm_mul_s8_step_fits accepts, with
 * the DSP row's runs over the broadcast (mote_arm_bc_runs_make).
 *
 * Eight elements per step: each input loaded widened to int16 lanes plus
 * its offset (a repeated operand is one duplicated value), VMULLB / VMULLT
 * make the even and odd products in int32 lanes, the requantization in
 * vector form (VSHL for a positive shift, VQRDMULH: TFLite's saturating
 * rounding doubling high multiply exactly, VRSHL of x - (x < 0) for the
 * rounding right shift with ties away from zero), the zero point and the
 * activation range, VMOVNB / VMOVNT back into element order, one
 * predicated byte store.
 */
#if defined(__ARM_FEATURE_MVE) && defined(__ARM_FEATURE_DSP)

#include <arm_mve.h>
#include <string.h>
#include "kernels/arm/arm_rows_ew.h"

typedef struct vmul_k {
    int32_t o1, o2, m, lsh, rsh, ooff;
    int32x4_t emask, lo, hi;
} vmul_k;

static inline __attribute__((always_inline)) int32x4_t vmul_rq(const vmul_k *k, int32x4_t v)
{
    v = vqrdmulhq_n_s32(vshlq_r_s32(v, k->lsh), k->m);
    v = vaddq_s32(v, vandq_s32(vshrq_n_s32(v, 31), k->emask));
    v = vaddq_n_s32(vrshlq_n_s32(v, k->rsh), k->ooff);
    return vminq_s32(vmaxq_s32(v, k->lo), k->hi);
}

/* n elements of a (advancing when sa) times b (advancing when sb):
 * mote_arm_mul_run_fn */
static void vmul_run(const void *kv, const int8_t *a, int32_t sa, const int8_t *b, int32_t sb,
                     int8_t *out, int32_t n)
{
    const vmul_k *k = (const vmul_k *)kv;
    const int16x8_t av = vdupq_n_s16((int16_t)(a[0] + k->o1));
    const int16x8_t bv = vdupq_n_s16((int16_t)(b[0] + k->o2));
    int32_t i;
    for (i = 0; i < n; i += 8) {
        const mve_pred16_t pr = vctp16q((uint32_t)(n - i));
        const int16x8_t x = sa ? vaddq_n_s16(vldrbq_z_s16(a + i, pr), (int16_t)k->o1) : av;
        const int16x8_t y = sb ? vaddq_n_s16(vldrbq_z_s16(b + i, pr), (int16_t)k->o2) : bv;
        int16x8_t o = vdupq_n_s16(0);
        o = vmovnbq_s32(o, vmul_rq(k, vmullbq_int_s16(x, y)));
        o = vmovntq_s32(o, vmul_rq(k, vmulltq_int_s16(x, y)));
        vstrbq_p_s16(out + i, o, pr);
    }
}

mote_status mote_mve_mul_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_mul_q_step *s = (const mote_mul_q_step *)step;
    vmul_k k;
    if (!mote_arm_mul_s8_io_fits(s, io)) return MOTE_E_ARG;
    k.o1 = s->input1_offset;
    k.o2 = s->input2_offset;
    k.m = s->multiplier;
    k.lsh = s->shift > 0 ? s->shift : 0;
    k.rsh = s->shift < 0 ? s->shift : 0;
    k.ooff = s->output_offset;
    k.emask = vdupq_n_s32(s->shift < 0 ? -1 : 0);
    k.lo = vdupq_n_s32(s->act_min);
    k.hi = vdupq_n_s32(s->act_max);
    mote_arm_mul_s8_walk(s, io, vmul_run, &k);
    return MOTE_OK;
}

#else
typedef int mote_mve_mul_unused_;
#endif
