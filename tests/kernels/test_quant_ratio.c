/*
 * test_quant_ratio.c — the integer multipliers of quant.c against the double
 * arithmetic they replace.
 *
 * quant.c computes the real multipliers of CONV_2D / DEPTHWISE / FC, ADD,
 * SUB, SOFTMAX and LOGISTIC / TANH from the float scales in integers
 * (mote_quant_ratio_real), so firmware links no soft-float double code.
 * The oracle here is what TFLite Micro's Prepare does: the same quotients
 * formed by the host's IEEE double arithmetic, then QuantizeMultiplier
 * written out again from its definition (frexp, round half away from zero,
 * the 2^31 carry, shifts below -31 flushed to zero), and each operator's
 * checks as quant.h documents them. Inputs: millions of random float bit
 * patterns (subnormals, powers of two, all-ones significands, the whole
 * exponent range) and constructed ties and carries, each kind counted so a
 * generator that stopped producing its case would fail.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ops/quant.h"
#include "test_kernels.h"

/* ---- the oracle -------------------------------------------------------- */

/* TFLite QuantizeMultiplier of a double. */
static void oracle_multiplier(double real, int32_t *m, int32_t *s)
{
    int e = 0;
    double q;
    long long qf;
    *m = 0;
    *s = 0;
    if (real == 0.0) return;
    q = frexp(real, &e);
    qf = llround(q * 2147483648.0); /* round(): halves away from zero */
    if (qf == 2147483648LL) {
        qf /= 2;
        ++e;
    }
    if (e < -31) {
        e = 0;
        qf = 0;
    }
    *m = (int32_t)qf;
    *s = e;
}

static int scale_ok(float s)
{
    return s > 0.0f && s <= FLT_MAX;
}

static mote_status oracle_conv(float si, float sw, float so, int32_t *m, int32_t *s)
{
    if (!scale_ok(si) || !scale_ok(so) || !(sw == 0.0f || scale_ok(sw))) return MOTE_E_QUANT;
    oracle_multiplier((double)si * (double)sw / (double)so, m, s);
    return *s > 30 ? MOTE_E_QUANT : MOTE_OK;
}

static mote_status oracle_below_one(double real, int32_t *m, int32_t *s)
{
    if (!(real > 0.0 && real < 1.0)) return MOTE_E_QUANT;
    oracle_multiplier(real, m, s);
    return *s <= 0 ? MOTE_OK : MOTE_E_QUANT;
}

/* ADD (left shift 20) and SUB: six outputs m1 s1 m2 s2 mo so. */
static mote_status oracle_addsub(float s1, float s2, float so, int32_t left_shift, int32_t *out)
{
    double twice_max, r1, r2, ro;
    mote_status st;
    if (!scale_ok(s1) || !scale_ok(s2) || !scale_ok(so)) return MOTE_E_QUANT;
    twice_max = 2.0 * (double)(s1 > s2 ? s1 : s2);
    r1 = (double)s1 / twice_max;
    r2 = (double)s2 / twice_max;
    ro = twice_max / ((double)((int32_t)1 << left_shift) * (double)so);
    if ((st = oracle_below_one(r1, &out[0], &out[1])) != MOTE_OK) return st;
    if ((st = oracle_below_one(r2, &out[2], &out[3])) != MOTE_OK) return st;
    return oracle_below_one(ro, &out[4], &out[5]);
}

/* SOFTMAX int8: multiplier, left shift, diff_min. */
static mote_status oracle_softmax(float beta, float si, int32_t *out)
{
    const double max_real = 2147483647.0;
    double real;
    if (!scale_ok(beta) || !scale_ok(si)) return MOTE_E_QUANT;
    real = (double)beta * (double)si * 67108864.0; /* 2^26 */
    if (real > max_real) real = max_real;
    if (!(real > 1.0)) return MOTE_E_QUANT;
    oracle_multiplier(real, &out[0], &out[1]);
    if (out[1] < 0 || out[1] > 31) return MOTE_E_QUANT;
    out[2] = -(int32_t)floor(31.0 * 67108864.0 / ldexp(1.0, out[1]));
    return MOTE_OK;
}

/* LOGISTIC / TANH int8: multiplier, shift, radius. */
static mote_status oracle_sigmoid(float si, int32_t *out)
{
    double q;
    int e = 0;
    if (!scale_ok(si)) return MOTE_E_QUANT;
    q = frexp((double)si * 134217728.0, &e); /* 2^27 */
    q = round(q * 2147483648.0);
    if (q >= 2147483648.0 || e < 0 || e > 30) return MOTE_E_QUANT;
    out[0] = (int32_t)q;
    out[1] = e;
    out[2] = (int32_t)floor(15.0 * 134217728.0 / ldexp(1.0, e));
    return MOTE_OK;
}

/* ---- inputs ------------------------------------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 32);
}

static float from_bits(uint32_t b)
{
    float f;
    memcpy(&f, &b, sizeof f);
    return f;
}

/* A positive finite float: any exponent (subnormals included) or one a
 * quantized model would carry, with random, zero or all-ones significand
 * bits. */
static float rnd_float(void)
{
    uint32_t exp_field, mant;
    const uint32_t kind = rnd() % 8;
    switch (rnd() % 4) {
    case 0: exp_field = rnd() % 255; break;       /* 0 (subnormal) .. 254 */
    case 1: exp_field = 0; break;                 /* subnormal */
    default: exp_field = 100 + rnd() % 40; break; /* 2^-27 .. 2^12 */
    }
    mant = rnd() & 0x7FFFFFu;
    if (kind == 0) mant = 0;          /* power of two */
    if (kind == 1) mant = 0x7FFFFFu;  /* just below one */
    if (kind == 2) mant &= 0x7FFF00u; /* short significand */
    if (exp_field == 0 && mant == 0) mant = 1 + rnd() % 3;
    return from_bits(exp_field << 23 | mant);
}

/* ---- checks ------------------------------------------------------------- */

typedef struct mismatch {
    long count;
    char first[200];
} mismatch;

static void note(mismatch *mm, int ok, float a, float b, float c, int32_t k, long got0, long got1,
                 long want0, long want1)
{
    if (ok) return;
    if (mm->count++ == 0)
        sprintf(mm->first, "a %a b %a c %a k %ld: got (%ld, %ld), want (%ld, %ld)", (double)a,
                (double)b, (double)c, (long)k, got0, got1, want0, want1);
}

static void report(test_tally *t, const char *name, const mismatch *mm)
{
    char detail[256];
    sprintf(detail, "%ld mismatches, first: %s", mm->count, mm->first);
    tally_check(t, mm->count == 0, name, detail);
}

/* mote_quant_ratio_real against frexp of the double, and
 * mote_quant_ratio_multiplier against QuantizeMultiplier of it. */
static void check_ratio(float a, float b, float c, int32_t k, mismatch *real_mm, mismatch *mult_mm)
{
    const double real = ldexp((double)a * (double)b / (double)c, (int)k);
    int e = 0;
    const double q = frexp(real, &e);
    uint64_t sig = 0;
    int32_t exp2 = 0, m = 0, s = 0, wm, ws;

    if (b > 0.0f) {
        mote_quant_ratio_real(a, b, c, k, &sig, &exp2);
        note(real_mm, (double)sig == ldexp(q, 53) && exp2 == e, a, b, c, k, (long)(sig >> 21), exp2,
             (long)(ldexp(q, 53) / 2097152.0), e);
    }
    mote_quant_ratio_multiplier(a, b, c, k, &m, &s);
    oracle_multiplier(real, &wm, &ws);
    note(mult_mm, m == wm && s == ws, a, b, c, k, m, s, wm, ws);
}

static void test_ratio_random(test_tally *t)
{
    mismatch real_mm = {0, ""}, mult_mm = {0, ""};
    long i;
    for (i = 0; i < 3000000; ++i) {
        const int32_t k = (int32_t)(rnd() % 129) - 64;
        check_ratio(rnd_float(), rnd_float(), rnd_float(), i % 4 ? 0 : k, &real_mm, &mult_mm);
    }
    /* Extremes of the float range and zero. */
    {
        const float ext[] = {FLT_MAX,
                             FLT_MIN,
                             from_bits(1),
                             from_bits(0x7FFFFF),
                             1.0f,
                             from_bits(0x3F7FFFFF),
                             from_bits(0x3F800001),
                             0.5f,
                             3.0f};
        const int32_t ks[] = {-64, -20, -1, 0, 1, 26, 27, 64};
        size_t x, y, z, w;
        for (x = 0; x < sizeof ext / sizeof ext[0]; ++x)
            for (y = 0; y < sizeof ext / sizeof ext[0]; ++y)
                for (z = 0; z < sizeof ext / sizeof ext[0]; ++z)
                    for (w = 0; w < sizeof ks / sizeof ks[0]; ++w)
                        check_ratio(ext[x], ext[y], ext[z], ks[w], &real_mm, &mult_mm);
        for (x = 0; x < sizeof ext / sizeof ext[0]; ++x)
            check_ratio(ext[x], 0.0f, ext[x], 0, &real_mm, &mult_mm);
    }
    report(t, "ratio_real == frexp of the double quotient (random, extremes)", &real_mm);
    report(t, "ratio_multiplier == QuantizeMultiplier of the double (random, extremes)", &mult_mm);
}

/* Rounding cases random inputs almost never reach:
 * - ties: a * b an odd 32-bit integer, c a power of two, so q * 2^31 ends in
 *   exactly one half (must round away from zero);
 * - carries: a * b / c just below a power of two, within 2^-32 relative, so
 *   q * 2^31 rounds up to 2^31 (halved, shift + 1);
 * - SOFTMAX's cap at 2^31 - 1 of a real multiplier just below 2^31. */
static void test_ratio_ties_carries(test_tally *t)
{
    mismatch real_mm = {0, ""}, mult_mm = {0, ""};
    long ties = 0, carries = 0, capped = 0, tries;
    char detail[96];

    for (tries = 0; tries < 2000000 && ties < 20000; ++tries) {
        const uint32_t a = (rnd() & 0x7FFFFu) | 0x80001u; /* odd, [2^19, 2^20) */
        const uint32_t b = (rnd() & 0xFFFu) | 0x1001u;    /* odd, [2^12, 2^13) */
        const uint64_t p = (uint64_t)a * b;
        const int32_t k = (int32_t)(rnd() % 61) - 30;
        const float c = ldexpf(1.0f, (int)(rnd() % 200) - 100);
        double q;
        int e;
        if (p >> 31 != 1) continue; /* exactly 32 bits */
        q = frexp((double)a * (double)b / (double)c, &e);
        if (ldexp(q, 31) - floor(ldexp(q, 31)) != 0.5) continue;
        ++ties;
        check_ratio((float)a, (float)b, c, k, &real_mm, &mult_mm);
    }
    for (tries = 0; tries < 20000000 && carries < 2000; ++tries) {
        /* a * b = D * 2^24 - r with 0 < r < D / 2^8: the quotient by D is
         * 2^24 (1 - r / (D 2^24)), within 2^-32 of 2^24 from below. */
        const uint64_t d = (rnd() & 0x7FFFFFu) | 0x800000u;
        const uint64_t a = (rnd() & 0x7FFFFFu) | 0x800000u;
        const uint64_t b = (d << 24) / a;
        const uint64_t r = (d << 24) - a * b;
        const int32_t k = (int32_t)(rnd() % 41) - 20;
        int32_t wm, ws;
        if (b >> 24 || r == 0 || r >= (d >> 8)) continue;
        oracle_multiplier(ldexp((double)a * (double)b / (double)d, (int)k), &wm, &ws);
        if (wm != (1 << 30)) continue; /* the oracle carried */
        ++carries;
        check_ratio((float)a, (float)b, (float)d, k, &real_mm, &mult_mm);
        check_ratio((float)a * 0x1p-40f, (float)b, (float)d * 0x1p-60f, k, &real_mm, &mult_mm);
    }
    /* SOFTMAX's cap: beta * scale * 2^26 in (2^31 - 1, 2^31), just below
     * the power of two, must be capped to 2^31 - 1 (not carried to 2^31 and
     * refused): a * b = 2^47 - r with r < 2^16, beta = a 2^-21, scale = b
     * 2^-21. */
    for (tries = 0; tries < 2000000 && capped < 200; ++tries) {
        const uint64_t a = (rnd() & 0x7FFFFFu) | 0x800001u;
        const uint64_t b = ((uint64_t)1 << 47) / a;
        const uint64_t r = ((uint64_t)1 << 47) - a * b;
        const float beta = ldexpf((float)a, -21), si = ldexpf((float)b, -21);
        int32_t want[3] = {0, 0, 0};
        mote_softmax_s8_params p;
        mote_status ws, gs;
        if (r == 0 || r >= 65536) continue;
        ++capped;
        memset(&p, 0, sizeof p);
        ws = oracle_softmax(beta, si, want);
        gs = mote_quant_softmax_s8(beta, si, &p);
        note(&mult_mm,
             ws == MOTE_OK && gs == ws && p.input_multiplier == want[0] &&
                 p.input_left_shift == want[1] && p.diff_min == want[2],
             beta, si, 1.0f, 26, p.input_multiplier, p.input_left_shift, want[0], want[1]);
    }
    sprintf(detail, "%ld ties, %ld carries, %ld softmax caps", ties, carries, capped);
    tally_check(t, ties >= 1000 && carries >= 100 && capped >= 100,
                "ratio tie, carry and cap cases generated", detail);
    report(t, "ratio_real == frexp of the double quotient (ties, carries)", &real_mm);
    report(t, "ratio_multiplier == QuantizeMultiplier of the double (ties, carries, caps)",
           &mult_mm);
}

/* Scales a model may carry, or not (zero, negative, NaN, infinite). */
static float rnd_scale(void)
{
    switch (rnd() % 32) {
    case 0: return 0.0f;
    case 1: return -rnd_float();
    case 2: return from_bits(0x7FC00000u); /* NaN */
    case 3: return from_bits(0x7F800000u); /* +inf */
    default: return rnd_float();
    }
}

static void test_operators(test_tally *t)
{
    mismatch conv = {0, ""}, add = {0, ""}, sub = {0, ""}, soft = {0, ""}, sig = {0, ""};
    long ok_conv = 0, ok_add = 0, ok_sub = 0, ok_soft = 0, ok_sig = 0, i;
    char detail[160];

    for (i = 0; i < 1000000; ++i) {
        const float s1 = rnd_scale(), s2 = rnd_scale(), s3 = rnd_scale();
        /* Mostly nearby scales, as real layers have, so the range checks
         * pass often enough to compare outputs. */
        const float n2 = i % 2 ? s2
                               : s1 * ldexpf(1.0f, (int)(rnd() % 9) - 4) *
                                     (1.0f + (float)(rnd() % 1000) / 1000.0f);
        const float n3 = i % 2 ? s3
                               : s1 * ldexpf(1.0f, (int)(rnd() % 9) - 4) *
                                     (1.0f + (float)(rnd() % 1000) / 1000.0f);
        int32_t want[6] = {0, 0, 0, 0, 0, 0}, got[6] = {0, 0, 0, 0, 0, 0};
        mote_status ws, gs;

        { /* CONV_2D / DEPTHWISE / FC: the filter scale may be 0. */
            const float sw = rnd() % 16 == 0 ? 0.0f : n2;
            int8_t sh8 = 0;
            ws = oracle_conv(s1, sw, n3, &want[0], &want[1]);
            gs = mote_quant_conv_channel(s1, sw, n3, &got[0], &sh8);
            got[1] = sh8;
            ok_conv += ws == MOTE_OK;
            note(&conv, gs == ws && (ws != MOTE_OK || (got[0] == want[0] && got[1] == want[1])), s1,
                 sw, n3, 0, got[0], got[1], want[0], want[1]);
        }
        { /* ADD int8 */
            mote_add_s8_params p;
            memset(&p, 0, sizeof p);
            ws = oracle_addsub(s1, n2, n3, 20, want);
            gs = mote_quant_add_s8(s1, 0, n2, 0, n3, 0, -128, 127, &p);
            ok_add += ws == MOTE_OK;
            note(&add,
                 gs == ws && (ws != MOTE_OK ||
                              (p.input1_multiplier == want[0] && p.input1_shift == want[1] &&
                               p.input2_multiplier == want[2] && p.input2_shift == want[3] &&
                               p.output_multiplier == want[4] && p.output_shift == want[5])),
                 s1, n2, n3, 20, p.output_multiplier, p.output_shift, want[4], want[5]);
        }
        { /* SUB: int8 (20) and int16 (15) left shifts, and others */
            const int32_t ls = i % 3 == 0 ? 20 : i % 3 == 1 ? 15 : (int32_t)(rnd() % 21);
            mote_addsub_q_step p;
            memset(&p, 0, sizeof p);
            ws = oracle_addsub(s1, n2, n3, ls, want);
            gs = mote_quant_sub(s1, n2, n3, ls, &p);
            ok_sub += ws == MOTE_OK;
            note(&sub,
                 gs == ws && (ws != MOTE_OK ||
                              (p.input1_multiplier == want[0] && p.input1_shift == want[1] &&
                               p.input2_multiplier == want[2] && p.input2_shift == want[3] &&
                               p.output_multiplier == want[4] && p.output_shift == want[5] &&
                               p.left_shift == ls)),
                 s1, n2, n3, ls, p.output_multiplier, p.output_shift, want[4], want[5]);
        }
        { /* SOFTMAX: beta mostly 1, the input scale around 2^-26 .. 2^6 */
            const float beta = i % 4 ? 1.0f : n2;
            const float si =
                i % 2 ? s1 : ldexpf(1.0f + (float)(rnd() % 4096) / 4096.0f, (int)(rnd() % 40) - 30);
            mote_softmax_s8_params p;
            memset(&p, 0, sizeof p);
            ws = oracle_softmax(beta, si, want);
            gs = mote_quant_softmax_s8(beta, si, &p);
            ok_soft += ws == MOTE_OK;
            note(&soft,
                 gs == ws &&
                     (ws != MOTE_OK || (p.input_multiplier == want[0] &&
                                        p.input_left_shift == want[1] && p.diff_min == want[2])),
                 beta, si, 1.0f, 26, p.input_multiplier, p.input_left_shift, want[0], want[1]);
        }
        { /* LOGISTIC / TANH */
            const float si =
                i % 2 ? s1 : ldexpf(1.0f + (float)(rnd() % 4096) / 4096.0f, (int)(rnd() % 40) - 30);
            mote_sigmoid_s8_step p;
            memset(&p, 0, sizeof p);
            ws = oracle_sigmoid(si, want);
            gs = mote_quant_sigmoid_s8(si, &p);
            ok_sig += ws == MOTE_OK;
            note(&sig,
                 gs == ws && (ws != MOTE_OK || (p.multiplier == want[0] && p.shift == want[1] &&
                                                p.radius == want[2])),
                 si, 1.0f, 1.0f, 27, p.multiplier, p.shift, want[0], want[1]);
        }
    }
    report(t, "conv_channel == double oracle", &conv);
    report(t, "add_s8 == double oracle", &add);
    report(t, "sub == double oracle", &sub);
    report(t, "softmax_s8 == double oracle", &soft);
    report(t, "sigmoid_s8 == double oracle", &sig);
    /* Enough accepted cases that the outputs, not only the refusals, were
     * compared. */
    sprintf(detail, "accepted: conv %ld add %ld sub %ld softmax %ld sigmoid %ld", ok_conv, ok_add,
            ok_sub, ok_soft, ok_sig);
    tally_check(t,
                ok_conv > 100000 && ok_add > 50000 && ok_sub > 50000 && ok_soft > 100000 &&
                    ok_sig > 100000,
                "operator comparisons reach accepted scales", detail);
}

void test_quant_ratio_run(test_tally *t)
{
    /* The oracle is the host's double arithmetic: it must round each
     * operation to double (no x87 extended intermediates). */
    tally_check(t, FLT_EVAL_METHOD == 0, "double oracle needs FLT_EVAL_METHOD 0", NULL);
    test_ratio_random(t);
    test_ratio_ties_carries(t);
    test_operators(t);
}
