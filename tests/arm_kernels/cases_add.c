/*
 * cases_add.c — the Arm DSP ADD row's exact-input path (add_s8_dsp.c:
 * one input's multiplier exactly 1/2, 2^30 with shift 0, as the larger
 * input's is in every TFLite ADD) against the reference kernel
 * (mote_ref_add_s8): seeded random cases compared byte for byte with guard
 * bytes after the output, the parameters on and just past each edge of
 * the path (the other input's shift -21 / -22, output shift -1 / -22 and 0
 * / -23, offsets +-128 / 129, multipliers 0, 2^30, 2^31 - 1 and 2^30 + 2^j,
 * whose products land on exact rounding ties), element
 * counts with and without a tail of 1-3, in place over either input,
 * either input the exact one, extreme inputs (-128 / 127 only), clamped
 * and full activation ranges. Then the instructions of IC's layer 11 ADD
 * (8x8x64, its parameters) on the reference and the DSP row.
 *
 * Prints "add_s8 exact-input cases: N passed, M failed (T on the path)"
 * and "layer=ic_add11 elems=... ref_instructions=... arm_instructions=...
 * arm_instr_per_elem=...".
 */
#include <stdio.h>
#include <string.h>
#include "armk_rand.h"
#include "cases_bufs.h"
#include "icount.h"
#include "mote/kernels.h"
#include "kernels/arm/arm_kernels.h"

#define ad_a (armk_cases.add.a)
#define ad_b (armk_cases.add.b)
#define ad_ref (armk_cases.add.ref)
#define ad_arm (armk_cases.add.arm)
#define AD_GB 0x5A

void armk_cases_add(int n_cases, int do_bench, int *passed, int *failed);

/* What the path takes (add_s8_dsp.c, add_x_run), written out again: the
 * count of cases on it must not be 0. */
static int ad_on_path(const mote_add_s8_params *p)
{
    const int e1 = p->input2_multiplier == (1 << 30) && p->input2_shift == 0;
    const int e2 = p->input1_multiplier == (1 << 30) && p->input1_shift == 0;
    const int32_t s = e1 ? p->input1_shift : p->input2_shift;
    if (!e1 && !e2) return 0;
    return p->left_shift == 20 && s >= -21 && p->output_shift <= -1 && p->output_shift >= -22 &&
           p->input1_offset >= -128 && p->input1_offset <= 128 && p->input2_offset >= -128 &&
           p->input2_offset <= 128 && p->output_offset >= -128 && p->output_offset <= 127 &&
           p->act_min >= -128 && p->act_max <= 127 && p->act_min <= p->act_max;
}

static int32_t ad_mult(armk_rng *r)
{
    switch (armk_rnd(r) % 12) {
    case 0: return 0;
    case 1: return 1 << 30;
    case 2: return 0x7FFFFFFF;
    case 3: return armk_int(r, 1, 0x3FFFFFFF); /* below 1/2 (not what TFLite makes) */
    case 4:
    case 5: /* few low bits set: exact rounding ties are common */
        return (1 << 30) + (1 << armk_int(r, 0, 29));
    default: return (int32_t)((1u << 30) | (armk_rnd(r) >> 2));
    }
}

static int32_t ad_off(armk_rng *r)
{
    switch (armk_rnd(r) % 8) {
    case 0: return 128;
    case 1: return -128;
    case 2: return armk_rnd(r) % 2 ? 129 : -129; /* past the path's range */
    default: return armk_int(r, -127, 128);
    }
}

static long ad_inner; /* on-path output bytes strictly inside (-128, 127): not saturated */

static int ad_one(armk_rng *r, int i, int *on_path)
{
    mote_add_s8_params p;
    mote_dims d;
    int32_t n;
    int mode, ok, which;
    mote_status sr, sa;
    const int8_t *x1, *x2;
    int8_t *out;
    memset(&p, 0, sizeof p);
    switch (armk_rnd(r) % 16) { /* short ones (tails), up to IC's layer 11 (8x8x64), a few rows */
    case 0:
    case 1:
    case 2:
    case 3: n = armk_int(r, 1, 12); break;
    case 4: n = armk_int(r, 4, AD_MAX); break;
    default: n = armk_int(r, 4, 256); break;
    }
    d.n = 1;
    d.h = 1;
    d.w = 1;
    d.c = n;
    p.left_shift = armk_rnd(r) % 16 == 0 ? armk_int(r, 18, 20) : 20;
    p.input1_offset = ad_off(r);
    p.input2_offset = ad_off(r);
    p.output_offset =
        armk_rnd(r) % 8 == 0 ? (armk_rnd(r) % 2 ? 127 : -128) : armk_int(r, -128, 127);
    p.input1_multiplier = ad_mult(r);
    p.input2_multiplier = ad_mult(r);
    p.output_multiplier = ad_mult(r);
    switch (armk_rnd(r) % 6) {
    case 0: p.input1_shift = armk_rnd(r) % 2 ? -21 : -22; break;
    case 1: p.input1_shift = 0; break;
    default: p.input1_shift = armk_int(r, -8, -1); break;
    }
    switch (armk_rnd(r) % 8) {
    case 0: p.output_shift = armk_rnd(r) % 2 ? -1 : -22; break;
    case 1: p.output_shift = armk_rnd(r) % 2 ? 0 : -23; break;
    default: p.output_shift = armk_int(r, -21, -2); break;
    }
    /* Mostly an output multiplier that keeps the results inside int8 for
     * this shift (|sum| up to 2^28: about 2^(e + 9) .. 2^(e + 12)), so
     * that the roundings, not the saturation, decide the bytes; a random
     * one (mostly saturating) otherwise. */
    if (armk_rnd(r) % 4 != 0 && p.output_shift < 0) {
        const int32_t e = -p.output_shift;
        const uint32_t lo = e + 9 < 30 ? 1u << (e + 9) : 1u << 30;
        const uint32_t hi = e + 12 < 31 ? 1u << (e + 12) : 0x7FFFFFFFu;
        p.output_multiplier = armk_rnd(r) % 3 == 0 /* a power of two and one bit: ties */
                                  ? (int32_t)(lo + (1u << armk_int(r, 0, e + 9 < 30 ? e + 8 : 29)))
                                  : (int32_t)(lo + armk_rnd(r) % (hi - lo + 1u));
    }
    /* the exact input: input 2, input 1, or both */
    which = (int)(armk_rnd(r) % 8);
    p.input2_shift = 0;
    p.input2_multiplier = which == 7 ? p.input2_multiplier : 1 << 30;
    if (which >= 4 && which < 7) {
        mote_add_s8_params q = p;
        p.input1_multiplier = q.input2_multiplier;
        p.input1_shift = q.input2_shift;
        p.input2_multiplier = q.input1_multiplier;
        p.input2_shift = q.input1_shift;
    }
    if (which == 3) p.input1_multiplier = 1 << 30, p.input1_shift = 0;
    switch (armk_rnd(r) % 4) {
    case 0: p.act_min = -128, p.act_max = 127; break;
    case 1: p.act_min = p.output_offset, p.act_max = 127; break;
    default:
        p.act_min = armk_int(r, -128, 127);
        p.act_max = armk_int(r, p.act_min, 127);
        break;
    }
    mode = (int)(armk_rnd(r) % 4); /* extreme inputs, in place over input 1 / 2 */
    armk_fill_s8(r, ad_a, n, mode == 0 && armk_rnd(r) % 2);
    armk_fill_s8(r, ad_b, n, mode == 0 && armk_rnd(r) % 2);
    if (!mote_arm_add_s8_fits(&p, &d, &d, &d)) return -1;
    *on_path = ad_on_path(&p);
    memset(ad_ref + n, AD_GB, AD_GUARD);
    memset(ad_arm + n, AD_GB, AD_GUARD);
    sr = mote_ref_add_s8(&p, &d, ad_a, &d, ad_b, &d, ad_ref);
    x1 = ad_a;
    x2 = ad_b;
    if (mode == 2) {
        memcpy(ad_arm, ad_a, (size_t)n);
        x1 = ad_arm;
    } else if (mode == 3) {
        memcpy(ad_arm, ad_b, (size_t)n);
        x2 = ad_arm;
    } else {
        memset(ad_arm, 0x77, (size_t)n);
    }
    out = ad_arm;
    sa = mote_arm_add_s8(&p, &d, x1, &d, x2, &d, out, NULL);
    ok = sr == MOTE_OK && sa == MOTE_OK && memcmp(ad_ref, ad_arm, (size_t)n + AD_GUARD) == 0;
    if (*on_path) {
        int32_t k;
        for (k = 0; k < n; ++k)
            ad_inner += ad_ref[k] > -128 && ad_ref[k] < 127;
    }
    if (!ok)
        printf("add_s8 exact-input case %d FAILED: n %ld ls %ld off %ld,%ld,%ld m %ld,%ld,%ld "
               "s %ld,%ld,%ld act %ld..%ld mode %d status %d/%d\n",
               i, (long)n, (long)p.left_shift, (long)p.input1_offset, (long)p.input2_offset,
               (long)p.output_offset, (long)p.input1_multiplier, (long)p.input2_multiplier,
               (long)p.output_multiplier, (long)p.input1_shift, (long)p.input2_shift,
               (long)p.output_shift, (long)p.act_min, (long)p.act_max, mode, (int)sr, (int)sa);
    return ok;
}

/* IC's layer 11 ADD (pretrainedResnet_quant, 8x8x64) */
static void ad_bench(int *passed, int *failed)
{
    mote_add_s8_params p;
    mote_dims d = {1, 8, 8, 64};
    armk_rng r = {0x2468ACE1u};
    uint64_t t0, overhead, ref_n, arm_n, per100;
    mote_status sr, sa;
    const int32_t n = 8 * 8 * 64;
    p.input1_offset = -38;
    p.input2_offset = 2;
    p.output_offset = -128;
    p.left_shift = 20;
    p.input1_multiplier = 1657902019;
    p.input1_shift = -2;
    p.input2_multiplier = 1073741824;
    p.input2_shift = 0;
    p.output_multiplier = 1835721671;
    p.output_shift = -18;
    p.act_min = -128;
    p.act_max = 127;
    if (mcu_icount_calibrate() == 0) {
        printf("add bench: SysTick did not tick\n");
        (*failed)++;
        return;
    }
    armk_fill_s8(&r, ad_a, n, 0);
    armk_fill_s8(&r, ad_b, n, 0);
    t0 = mcu_icount_now();
    overhead = mcu_icount_now() - t0;
    t0 = mcu_icount_now();
    sr = mote_ref_add_s8(&p, &d, ad_a, &d, ad_b, &d, ad_ref);
    ref_n = mcu_icount_now() - t0 - overhead;
    t0 = mcu_icount_now();
    sa = mote_arm_add_s8(&p, &d, ad_a, &d, ad_b, &d, ad_arm, NULL);
    arm_n = mcu_icount_now() - t0 - overhead;
    per100 = (arm_n * 100u + (uint64_t)n / 2) / (uint64_t)n;
    printf("layer=ic_add11 elems=%ld ref_instructions=%llu arm_instructions=%llu "
           "arm_instr_per_elem=%lu.%02lu\n",
           (long)n, (unsigned long long)ref_n, (unsigned long long)arm_n,
           (unsigned long)(per100 / 100), (unsigned long)(per100 % 100));
    if (sr == MOTE_OK && sa == MOTE_OK && memcmp(ad_ref, ad_arm, (size_t)n) == 0)
        (*passed)++;
    else
        (*failed)++;
}

void armk_cases_add(int n_cases, int do_bench, int *passed, int *failed)
{
    armk_rng r = {0xADD5EEDu};
    int i, ps = 0, fl = 0, taken = 0, skipped = 0;
    n_cases /= 3; /* the reference takes ~140 instructions per element (the M55 suite's timeout) */
    for (i = 0; i < n_cases; ++i) {
        int on = 0;
        const int ok = ad_one(&r, i, &on);
        if (ok < 0) {
            skipped++;
            continue;
        }
        if (ok)
            ps++;
        else
            fl++;
        taken += on;
    }
    if (n_cases > 0 && (taken == 0 || ad_inner == 0)) fl++; /* the path must be reached */
    printf("add_s8 exact-input cases: %d passed, %d failed (%d on the path, %ld of their bytes "
           "not saturated; %d not taken by the row)\n",
           ps, fl, taken, ad_inner, skipped);
    *passed += ps;
    *failed += fl;
    if (do_bench) ad_bench(passed, failed);
}
