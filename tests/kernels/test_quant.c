/*
 * test_quant.c — fixed-point helpers and quant.c against hand-derived values.
 *
 * Every expected value here is worked out from the definition in the
 * comment beside it (powers of two, exact float inputs), or compared with
 * libm within a stated tolerance; none is produced by running mote.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mote/graph.h"
#include "ops/quant.h"
#include "base/fixedpoint.h"
#include "base/fixedpoint_exp.h"
#include "test_kernels.h"

static void check_i32(test_tally *t, const char *name, int32_t got, int32_t want)
{
    char detail[96];
    sprintf(detail, "got %ld, want %ld", (long)got, (long)want);
    tally_check(t, got == want, name, detail);
}

static void check_mult(test_tally *t, const char *name, double real, int32_t want_m,
                       int32_t want_s)
{
    char detail[128];
    int32_t m = 12345, s = 12345;
    mote_quant_multiplier(real, &m, &s);
    sprintf(detail, "real %.17g: got (%ld, %ld), want (%ld, %ld)", real, (long)m, (long)s,
            (long)want_m, (long)want_s);
    tally_check(t, m == want_m && s == want_s, name, detail);
}

static void test_multiplier(test_tally *t)
{
    const int32_t h = 1 << 30;   /* 0.5 as a Q31 significand */
    check_mult(t, "multiplier 0", 0.0, 0, 0);
    check_mult(t, "multiplier 0.5", 0.5, h, 0);
    check_mult(t, "multiplier 0.75", 0.75, 1610612736, 0);          /* 0.75 * 2^31 */
    check_mult(t, "multiplier 1.0", 1.0, h, 1);                     /* 0.5 * 2^1 */
    check_mult(t, "multiplier 3.0", 3.0, 1610612736, 2);            /* 0.75 * 2^2 */
    check_mult(t, "multiplier 1000", 1000.0, 2097152000, 10);       /* 0.9765625 * 2^10 */
    /* q * 2^31 = 2^31 - 1: the largest significand, no carry. */
    check_mult(t, "multiplier 1-2^-31", 1.0 - ldexp(1.0, -31), INT32_MAX, 0);
    /* q * 2^31 = 2^31 - 0.5 rounds half away to 2^31: halve, shift + 1. */
    check_mult(t, "multiplier 1-2^-32 carries", 1.0 - ldexp(1.0, -32), h, 1);
    check_mult(t, "multiplier 1-2^-33 carries", 1.0 - ldexp(1.0, -33), h, 1);
    check_mult(t, "multiplier 0.5-2^-34 carries", 0.5 - ldexp(1.0, -34), h, 0);
    check_mult(t, "multiplier 2^-31", ldexp(1.0, -31), h, -30);
    check_mult(t, "multiplier 2^-32", ldexp(1.0, -32), h, -31);
    check_mult(t, "multiplier 2^-33 underflows", ldexp(1.0, -33), 0, 0);
    check_mult(t, "multiplier 1e-20 underflows", 1e-20, 0, 0);
    /* Carry into the last representable shift happens before the cut. */
    check_mult(t, "multiplier 2^-33 - tiny carries to -31",
               ldexp(1.0 - ldexp(1.0, -40), -32), h, -31);
    check_mult(t, "multiplier -0.5", -0.5, -h, 0);
}

static void test_fixedpoint(test_tally *t)
{
    check_i32(t, "mul_high min*min saturates", mote_fp_mul_high(INT32_MIN, INT32_MIN), INT32_MAX);
    check_i32(t, "mul_high 2^30*2^30", mote_fp_mul_high(1 << 30, 1 << 30), 1 << 29);
    check_i32(t, "mul_high 1.5 -> 2", mote_fp_mul_high(3, 1 << 30), 2);
    /* gemmlowp's nudge for negative products is 1 - 2^30: ties go up. */
    check_i32(t, "mul_high -1.5 -> -1", mote_fp_mul_high(-3, 1 << 30), -1);
    check_i32(t, "mul_high 0.5 -> 1", mote_fp_mul_high(1, 1 << 30), 1);
    check_i32(t, "mul_high -0.5 -> 0", mote_fp_mul_high(-1, 1 << 30), 0);
    check_i32(t, "mul_high -1.75 -> -2", mote_fp_mul_high(-7, 1 << 29), -2);
    check_i32(t, "mul_high 1.25 -> 1", mote_fp_mul_high(5, 1 << 29), 1);

    check_i32(t, "div_pot 5/2", mote_fp_div_pot(5, 1), 3);
    check_i32(t, "div_pot -5/2", mote_fp_div_pot(-5, 1), -3);
    check_i32(t, "div_pot 6/4", mote_fp_div_pot(6, 2), 2);
    check_i32(t, "div_pot -6/4", mote_fp_div_pot(-6, 2), -2);
    check_i32(t, "div_pot 7/4", mote_fp_div_pot(7, 2), 2);
    check_i32(t, "div_pot -7/4", mote_fp_div_pot(-7, 2), -2);
    check_i32(t, "div_pot 5/4", mote_fp_div_pot(5, 2), 1);
    check_i32(t, "div_pot -5/4", mote_fp_div_pot(-5, 2), -1);
    check_i32(t, "div_pot x/1", mote_fp_div_pot(-12345, 0), -12345);
    check_i32(t, "div_pot min/2^31", mote_fp_div_pot(INT32_MIN, 31), -1);
    check_i32(t, "div_pot max/2^31", mote_fp_div_pot(INT32_MAX, 31), 1);
    check_i32(t, "div_pot 2^30/2^31", mote_fp_div_pot(1 << 30, 31), 1);
    check_i32(t, "div_pot -2^30/2^31", mote_fp_div_pot(-(1 << 30), 31), -1);
    check_i32(t, "div_pot (2^30-1)/2^31", mote_fp_div_pot((1 << 30) - 1, 31), 0);

    check_i32(t, "requantize 100*0.5", mote_requantize(100, 1 << 30, 0), 50);
    check_i32(t, "requantize 101*0.5", mote_requantize(101, 1 << 30, 0), 51);
    check_i32(t, "requantize -101*0.5", mote_requantize(-101, 1 << 30, 0), -50);
    /* -5 * 0.5 = -2.5 -> -2 (tie up), then -2 / 2 = -1 exactly. */
    check_i32(t, "requantize -5*0.25", mote_requantize(-5, 1 << 30, -1), -1);
    check_i32(t, "requantize 100*0.25", mote_requantize(100, 1 << 30, -1), 25);
    /* Double rounding: 5 * 0.5 = 2.5 -> 3, then 3 / 2 = 1.5 -> 2 (a single
     * rounding of 1.25 would give 1). */
    check_i32(t, "requantize double rounding", mote_requantize(5, 1 << 30, -1), 2);
    check_i32(t, "requantize left shift first", mote_requantize(3, 1 << 30, 2), 6);
    check_i32(t, "requantize multiplier 0", mote_requantize(123456, 0, 0), 0);
    check_i32(t, "requantize_lt1", mote_requantize_lt1(5, 1 << 30, -1), 2);
    check_i32(t, "requantize_gt1", mote_requantize_gt1(-3, 1 << 30, 1), -3);

    check_i32(t, "sat_shl saturates up", mote_fp_sat_shl(1 << 29, 2), INT32_MAX);
    check_i32(t, "sat_shl saturates down", mote_fp_sat_shl(-(1 << 29), 2), INT32_MIN);
    check_i32(t, "sat_shl in range", mote_fp_sat_shl((1 << 29) - 1, 2), INT32_MAX - 3);
    check_i32(t, "half_sum", mote_fp_half_sum(INT32_MAX, INT32_MAX), INT32_MAX);
    check_i32(t, "half_sum rounds away", mote_fp_half_sum(-3, 0), -2);
}

/* exp() and reciprocal against libm: the gemmlowp approximations are good to
 * a few units in 2^-31 over their domains; 1e-6 leaves ample margin while
 * still catching any wrong constant, bit or shift. */
static void test_exp_recip(test_tally *t)
{
    char name[96], detail[128];
    int i;

    check_i32(t, "exp(0) is Q0 one", mote_fp_exp_neg_q5(0), INT32_MAX);
    for (i = 1; i <= 40; ++i) {
        /* Points spread over (-32, 0), including exact multiples of 1/4. */
        const double x = -(double)i * 0.77 - (i % 4 == 0 ? 0.0 : 0.013 * i);
        const int32_t a = (int32_t)floor(x * 67108864.0);   /* Q5.26 */
        const double want = exp((double)a / 67108864.0);
        const double got = mote_fp_exp_neg_q5(a) / 2147483648.0;
        sprintf(name, "exp(%.6f)", (double)a / 67108864.0);
        sprintf(detail, "got %.9g, want %.9g", got, want);
        tally_check(t, fabs(got - want) < 1e-6, name, detail);
    }
    for (i = 0; i < 24; ++i) {
        /* Sums in Q12.19 from 1.0 up to about 4000. */
        const int32_t x = (int32_t)((1 << 19) + (int32_t)((double)i * i * 7.3 * (1 << 19)) + i);
        int bits = -99;
        const int32_t r = mote_fp_reciprocal(x, 12, &bits);
        const double got = r / 2147483648.0 / ldexp(1.0, bits);
        const double want = 1.0 / (x / 524288.0);
        sprintf(name, "reciprocal(%.6f)", x / 524288.0);
        sprintf(detail, "got %.9g, want %.9g (bits over unit %d)", got, want, bits);
        tally_check(t, fabs(got / want - 1.0) < 1e-6 && bits >= 0 && bits <= 12, name, detail);
    }
}

static void check_act(test_tally *t, const char *name, int32_t act, float scale, int32_t zp,
                      mote_status want_st, int32_t want_lo, int32_t want_hi)
{
    char detail[128];
    int32_t lo = 999, hi = 999;
    mote_status st = mote_quant_activation_s8(act, scale, zp, &lo, &hi);
    int ok = st == want_st && (st != MOTE_OK || (lo == want_lo && hi == want_hi));
    sprintf(detail, "status %d [%ld, %ld], want status %d [%ld, %ld]", (int)st, (long)lo,
            (long)hi, (int)want_st, (long)want_lo, (long)want_hi);
    tally_check(t, ok, name, detail);
}

static void test_activation(test_tally *t)
{
    int32_t lo, hi;
    check_act(t, "act NONE", MOTE_ACT_NONE, 0.1f, -10, MOTE_OK, -128, 127);
    check_act(t, "act RELU", MOTE_ACT_RELU, 0.1f, -10, MOTE_OK, -10, 127);
    /* 6 / 0.1f = 59.99999911 -> 60 */
    check_act(t, "act RELU6", MOTE_ACT_RELU6, 0.1f, -10, MOTE_OK, -10, 50);
    check_act(t, "act RELU_N1_TO_1", MOTE_ACT_RELU_N1_TO_1, 0.1f, -10, MOTE_OK, -20, 0);
    check_act(t, "act RELU6 clipped", MOTE_ACT_RELU6, 0.01f, 0, MOTE_OK, 0, 127);
    check_act(t, "act RELU6 high zp", MOTE_ACT_RELU6, 0.03125f, 100, MOTE_OK, 100, 127);
    check_act(t, "act RELU zp -128", MOTE_ACT_RELU, 0.5f, -128, MOTE_OK, -128, 127);
    /* 6 / 12 = 0.5 rounds half away from zero to 1 (roundf, not rint). */
    check_act(t, "act RELU6 rounds half away", MOTE_ACT_RELU6, 12.0f, 0, MOTE_OK, 0, 1);
    check_act(t, "act N1_TO_1 rounds half away", MOTE_ACT_RELU_N1_TO_1, 2.0f, 0, MOTE_OK, -1,
              1);
    check_act(t, "act TANH refused", MOTE_ACT_TANH, 0.1f, 0, MOTE_E_PARAM, 0, 0);
    check_act(t, "act SIGN_BIT refused", MOTE_ACT_SIGN_BIT, 0.1f, 0, MOTE_E_PARAM, 0, 0);
    check_act(t, "act unknown refused", 99, 0.1f, 0, MOTE_E_PARAM, 0, 0);
    check_act(t, "act scale 0", MOTE_ACT_RELU, 0.0f, 0, MOTE_E_QUANT, 0, 0);
    check_act(t, "act scale negative", MOTE_ACT_NONE, -0.5f, 0, MOTE_E_QUANT, 0, 0);
    check_act(t, "act scale NaN", MOTE_ACT_RELU, (float)NAN, 0, MOTE_E_QUANT, 0, 0);
    check_act(t, "act scale inf", MOTE_ACT_RELU, (float)INFINITY, 0, MOTE_E_QUANT, 0, 0);
    check_act(t, "act zero point 128", MOTE_ACT_NONE, 0.1f, 128, MOTE_E_QUANT, 0, 0);
    /* 6 / 1e-9 exceeds int32: TFLite refuses it too. */
    check_act(t, "act RELU6 overflow", MOTE_ACT_RELU6, 1e-9f, 0, MOTE_E_QUANT, 0, 0);
    tally_check(t, mote_quant_activation_s8(MOTE_ACT_NONE, 0.1f, 0, NULL, &hi) == MOTE_E_ARG,
                "act NULL", NULL);
    (void)lo;
}

static void test_conv_fc(test_tally *t)
{
    int32_t m = 0;
    int8_t s = 0;
    mote_status st;

    st = mote_quant_conv_channel(0.5f, 0.5f, 0.5f, &m, &s);
    tally_check(t, st == MOTE_OK && m == (1 << 30) && s == 0, "conv_channel 0.5", NULL);
    st = mote_quant_conv_channel(0.5f, 0.0f, 0.5f, &m, &s);
    tally_check(t, st == MOTE_OK && m == 0 && s == 0, "conv_channel filter scale 0", NULL);
    /* 2^15 * 2^14 / 1 = 2^29 = 0.5 * 2^30: the largest allowed shift. */
    st = mote_quant_conv_channel(32768.0f, 16384.0f, 1.0f, &m, &s);
    tally_check(t, st == MOTE_OK && m == (1 << 30) && s == 30, "conv_channel shift 30", NULL);
    tally_check(t, mote_quant_conv_channel(32768.0f, 32768.0f, 1.0f, &m, &s) == MOTE_E_QUANT,
                "conv_channel shift 31 refused", NULL);
    tally_check(t, mote_quant_conv_channel(0.0f, 0.5f, 0.5f, &m, &s) == MOTE_E_QUANT,
                "conv_channel input scale 0", NULL);
    tally_check(t, mote_quant_conv_channel(0.5f, 0.5f, (float)NAN, &m, &s) == MOTE_E_QUANT,
                "conv_channel output scale NaN", NULL);
    tally_check(t, mote_quant_conv_channel(0.5f, -0.5f, 0.5f, &m, &s) == MOTE_E_QUANT,
                "conv_channel negative filter scale", NULL);
    tally_check(t, mote_quant_conv_channel(0.5f, 0.5f, 0.5f, NULL, &s) == MOTE_E_ARG,
                "conv_channel NULL", NULL);

    /* (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24 is exact in double (a float product
     * would round the tie to even, 1 + 2^-11, giving 1074266112): the
     * significand is 2^30 * (1 + 2^-11 + 2^-24), shift 1. */
    st = mote_quant_conv_channel(1.0f + 0x1p-12f, 1.0f + 0x1p-12f, 1.0f, &m, &s);
    tally_check(t, st == MOTE_OK && m == 1074266176 && s == 1, "conv_channel double product",
                NULL);
}

static void test_add(test_tally *t)
{
    mote_add_s8_params p;
    mote_status st;

    memset(&p, 0, sizeof p);
    /* Scales 0.5, 0.5, 1: inputs x 0.5 / (2 * 0.5) = 0.5 -> (2^30, 0); the
     * sum x 1 / (2^20 * 1) = 2^-20 -> (2^30, -19). */
    st = mote_quant_add_s8(0.5f, 3, 0.5f, -7, 1.0f, 11, -100, 100, &p);
    tally_check(t, st == MOTE_OK && p.input1_offset == -3 && p.input2_offset == 7 &&
                       p.output_offset == 11 && p.left_shift == 20 &&
                       p.input1_multiplier == (1 << 30) && p.input1_shift == 0 &&
                       p.input2_multiplier == (1 << 30) && p.input2_shift == 0 &&
                       p.output_multiplier == (1 << 30) && p.output_shift == -19 &&
                       p.act_min == -100 && p.act_max == 100,
                "add equal scales", NULL);
    /* Scales 0.25 and 1: 0.25 / 2 = 2^-3 -> (2^30, -2); 1 / 2 -> (2^30, 0). */
    st = mote_quant_add_s8(0.25f, 0, 1.0f, 0, 1.0f, 0, -128, 127, &p);
    tally_check(t, st == MOTE_OK && p.input1_multiplier == (1 << 30) && p.input1_shift == -2 &&
                       p.input2_multiplier == (1 << 30) && p.input2_shift == 0,
                "add unequal scales", NULL);
    /* Output multiplier 2 / (2^20 * 2^-19) = 1 is not below one. */
    tally_check(t, mote_quant_add_s8(1.0f, 0, 1.0f, 0, 0x1p-19f, 0, -128, 127, &p) ==
                       MOTE_E_QUANT, "add output multiplier 1 refused", NULL);
    tally_check(t, mote_quant_add_s8(1.0f, 0, 0.0f, 0, 1.0f, 0, -128, 127, &p) == MOTE_E_QUANT,
                "add input scale 0", NULL);
    tally_check(t, mote_quant_add_s8(1.0f, -129, 1.0f, 0, 1.0f, 0, -128, 127, &p) ==
                       MOTE_E_QUANT, "add zero point out of range", NULL);
    tally_check(t, mote_quant_add_s8(1.0f, 0, 1.0f, 0, 1.0f, 0, 10, -10, &p) == MOTE_E_QUANT,
                "add empty clamp", NULL);
    tally_check(t, mote_quant_add_s8(1.0f, 0, 1.0f, 0, 1.0f, 0, -128, 127, NULL) == MOTE_E_ARG,
                "add NULL", NULL);
}

static void test_softmax_params(test_tally *t)
{
    mote_softmax_s8_params p;
    mote_status st;

    /* 1 * 2^-4 * 2^26 = 2^22 = 0.5 * 2^23; radius floor(31 * 2^26 / 2^23) = 248. */
    st = mote_quant_softmax_s8(1.0f, 0.0625f, &p);
    tally_check(t, st == MOTE_OK && p.input_multiplier == (1 << 30) &&
                       p.input_left_shift == 23 && p.diff_min == -248,
                "softmax 2^-4", NULL);
    /* Capped at 2^31 - 1 = (1 - 2^-31) * 2^31; radius floor(31/32) = 0. */
    st = mote_quant_softmax_s8(1.0f, 1000.0f, &p);
    tally_check(t, st == MOTE_OK && p.input_multiplier == INT32_MAX &&
                       p.input_left_shift == 31 && p.diff_min == 0,
                "softmax capped multiplier", NULL);
    /* beta * scale * 2^26 = 1 is not greater than one. */
    tally_check(t, mote_quant_softmax_s8(1.0f, 0x1p-26f, &p) == MOTE_E_QUANT,
                "softmax multiplier 1 refused", NULL);
    tally_check(t, mote_quant_softmax_s8(0.0f, 0.1f, &p) == MOTE_E_QUANT, "softmax beta 0",
                NULL);
    tally_check(t, mote_quant_softmax_s8(1.0f, (float)INFINITY, &p) == MOTE_E_QUANT,
                "softmax scale inf", NULL);
    tally_check(t, mote_quant_softmax_s8(1.0f, 0.1f, NULL) == MOTE_E_ARG, "softmax NULL",
                NULL);
}

void test_quant_run(test_tally *t)
{
    test_multiplier(t);
    test_fixedpoint(t);
    test_exp_recip(t);
    test_activation(t);
    test_conv_fc(t);
    test_add(t);
    test_softmax_params(t);
}
