/*
 * ref_litert_act.h — the float sigmoid and tanh that LiteRT's hybrid LSTM
 * applies to its gates, reproduced bit for bit, for the hybrid
 * UNIDIRECTIONAL_SEQUENCE_LSTM kernel (lstm_hybrid.c) only.
 *
 * Why they exist: that kernel quantizes its float output state to int8 at
 * every step. A gate that differs from LiteRT's in the last bit can move a
 * state value across a rounding boundary, and from then on the outputs
 * differ by a whole int8 step (libm's expf / tanhf did that in 2 of the 208
 * default op-test cases). The float32 LSTM follows TFLite Micro instead
 * (ref_lstm.h) and keeps libm's.
 *
 * What LiteRT runs (ai-edge-litert 2.3, x86-64, the reference op resolver):
 * its tensor_utils apply Eigen's tanh() and logistic() to each gate vector.
 * Both come from Eigen's fast-math float code:
 *
 *   tanh      an odd / even rational fit of degree 9 / 8 in x, the input
 *             clamped to +-7.90738964 (where the fit reaches 1). Eigen's
 *             vector and scalar paths compute the same.
 *   sigmoid   e / (1 + e). On Eigen's vector (SIMD) path e = exp(x/2)^2,
 *             exp by a split ln 2 range reduction and a degree-5
 *             polynomial, x clamped to 16.6355324 and 0 below -104. On its
 *             scalar path e = expf(x) (the C library's). Which elements of
 *             a vector take which path: mote_litert_sigmoid_row.
 *
 * The constants below are Eigen's; the code is written from the formulas.
 * Checked against LiteRT through the LSTM itself (gates with zero weights
 * and the probed values as biases, the cell state read back): tanh and the
 * vector-path sigmoid equal on 2^20 values each; the scalar path's element
 * positions on every vector length 1-40 of each sigmoid gate, time-major
 * and batch-major. With them the op tests' hybrid LSTM outputs equal
 * LiteRT's bit for bit (208 default cases, 2008 long ones).
 *
 * No multiply-add is fused in LiteRT's x86-64 build: evaluated with fused
 * multiply-adds the same formulas differ from its outputs on 33% (tanh)
 * and 0.7% (sigmoid) of inputs. So every product here is rounded on its
 * own, each operation a statement of its own: clang contracts only within
 * one expression, GCC in ISO C mode (-std=c99, which every mote build
 * uses) not at all. Checked: the same bits from gcc and clang, -O0 to -O3,
 * ASan, -march=native, and from the Cortex-M4 (-Os, -O2), M55 and M3
 * firmware under QEMU. A GNU-mode build (-std=gnu99, GCC contracting across
 * statements) on an FMA target would differ. Float only, no double. The
 * one libm call is expf on the scalar path (at most 3 + 3 elements of a
 * sigmoid vector): glibc's, as LiteRT's, on the host, so the host is exact;
 * another C library's expf (newlib's on the firmware) may differ in the
 * last bit for those few elements. A LiteRT built with fused multiply-adds
 * (Eigen uses them on aarch64) would differ from these in the last bits.
 */
#ifndef MOTE_KERNELS_REF_LITERT_ACT_H
#define MOTE_KERNELS_REF_LITERT_ACT_H

#include <math.h>
#include <stdint.h>
#include <string.h>

/* tanh(x) as Eigen's fast-math float tanh. */
static inline float mote_litert_tanh(float x)
{
    const float c = 7.90738964080810547f;
    float y, x2, x3, p, q, t;
    if (!(x == x)) return x; /* NaN */
    y = x < c ? x : c;
    y = y > -c ? y : -c;
    x2 = y * y;
    x3 = x2 * y;
    /* numerator x + x^3 P(x^2), denominator Q(x^2), Horner from the top */
    t = 1.394553628e-8f * x2;
    p = t + 2.102733560e-5f;
    t = p * x2;
    p = t + 3.520756727e-3f;
    t = p * x2;
    p = t + 1.340216100e-1f;
    t = 8.015776984e-7f * x2;
    q = t + 3.326951409e-4f;
    t = q * x2;
    q = t + 2.597254514e-2f;
    t = q * x2;
    q = t + 4.673548340e-1f;
    t = q * x2;
    q = t + 1.0f;
    t = x3 * p;
    p = t + y;
    return p / q;
}

/* Sigmoid as Eigen's float logistic on its vector path. */
static inline float mote_litert_sigmoid_vec(float x)
{
    float y, t, m, r, r2, pe, po, pl, p, s, e;
    int32_t k;
    uint32_t bits;
    if (!(x == x)) return x; /* NaN */
    if (x < -104.0f) return 0.0f;
    y = x < 16.6355324f ? x : 16.6355324f;
    y = y * 0.5f;
    /* y = m ln 2 + r, m = floor(y / ln 2 + 1/2), ln 2 in two parts */
    t = y * 1.44269504088896341f;
    t = t + 0.5f;
    k = (int32_t)t; /* t in [-74.5, 12.5] */
    if ((float)k > t) k -= 1;
    m = (float)k;
    t = m * -0.693359375f;
    r = t + y;
    t = m * 2.12194440e-4f;
    r = t + r;
    /* exp(r) = 1 + r + r^2 (p2 + p3 r + p4 r^2 + p5 r^3), even and odd parts */
    r2 = r * r;
    t = r2 * 4.1898667812347412109375e-2f;
    pe = t + 0.49999141693115234375f;
    t = r2 * 8.33471305668354034423828125e-3f;
    po = t + 0.16666877269744873046875f;
    pl = r + 1.0f;
    t = r * po;
    p = t + pe;
    t = r2 * p;
    p = t + pl;
    /* exp(y) = 2^m exp(r) (m in [-75, 12]: 2^m is a normal float), squared */
    bits = (uint32_t)(k + 127) << 23;
    memcpy(&s, &bits, sizeof s);
    e = p * s;
    e = e * e;
    t = 1.0f + e;
    return e / t;
}

/* Sigmoid as Eigen's float logistic on its scalar path. */
static inline float mote_litert_sigmoid_scalar(float x)
{
    const float c = 16.6355324f;
    float e = expf(c < x ? c : x), t;
    t = 1.0f + e;
    return e / t;
}

/* The sigmoid over one vector v of n gate values, as LiteRT applies it to a
 * vector that starts `at` floats into its 16-byte aligned scratch buffer:
 * Eigen's map runs 4-float packets from the first 16-byte aligned element
 * to the last whole packet and its scalar path on the elements before and
 * after (lstm_hybrid.c says where LiteRT's gate vectors lie). */
static inline void mote_litert_sigmoid_row(float *v, int32_t n, int32_t at)
{
    int32_t head = (4 - at % 4) % 4, end, k;
    if (head > n) head = n;
    end = head + (n - head) / 4 * 4;
    for (k = 0; k < n; k++)
        v[k] =
            k < head || k >= end ? mote_litert_sigmoid_scalar(v[k]) : mote_litert_sigmoid_vec(v[k]);
}

#endif /* MOTE_KERNELS_REF_LITERT_ACT_H */
