/*
 * dsp_util.h — arithmetic helpers shared by the src/dsp files (internal).
 *
 * One definition of each rounding so the fixed-point path rounds the same
 * way everywhere: right shifts round half away from zero. Right shifts of
 * negative values assume an arithmetic shift (every compiler mote targets).
 */
#ifndef MOTE_DSP_UTIL_H
#define MOTE_DSP_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define MOTE_DSP_PI 3.14159265358979323846

/* n is a power of two in 4 .. max. */
static inline int mote_dsp_pow2_ok(size_t n, size_t max)
{
    return n >= 4 && n <= max && (n & (n - 1)) == 0;
}

/* x / 2^s rounded half away from zero, s in 1 .. 62. */
static inline int64_t mote_dsp_rshift64(int64_t x, int s)
{
    int64_t half = (int64_t)1 << (s - 1);
    return x >= 0 ? (x + half) >> s : -((-x + half) >> s);
}

/* x / 2^s rounded half up for unsigned values, s in 0 .. 63. */
static inline uint64_t mote_dsp_urshift64(uint64_t x, int s)
{
    if (s == 0) return x;
    return (x >> s) + ((x >> (s - 1)) & 1u);
}

/* Saturate to int32. */
static inline int32_t mote_dsp_sat32(int64_t x)
{
    if (x > INT32_MAX) return INT32_MAX;
    if (x < INT32_MIN) return INT32_MIN;
    return (int32_t)x;
}

/* Number of significant bits of x (0 for 0). */
static inline int mote_dsp_bits64(uint64_t x)
{
    int b = 0;
    while (x != 0) {
        x >>= 1;
        b++;
    }
    return b;
}

/* Reorder the m complex values of z into bit-reversed index order; a value
 * is 8 bytes (two floats or two int32s), moved as bytes. */
static inline void mote_dsp_bit_reverse(void *z, size_t m)
{
    unsigned char *b = (unsigned char *)z, t[8];
    size_t i, j = 0;
    for (i = 1; i < m; i++) {
        size_t bit = m >> 1;
        while (j & bit) {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if (i < j) {
            memcpy(t, b + 8 * i, 8);
            memcpy(b + 8 * i, b + 8 * j, 8);
            memcpy(b + 8 * j, t, 8);
        }
    }
}

/* Q-format value of v (|v| <= 1) with frac bits, rounded, saturated. */
static inline int64_t mote_dsp_round_q(double v, int frac)
{
    double s = v * (double)((int64_t)1 << frac);
    double r = s >= 0 ? s + 0.5 : s - 0.5;
    double lim = (double)(((int64_t)1 << frac) - 1);
    if (r > lim) r = lim;
    if (r < -lim - 1.0) r = -lim - 1.0;
    return (int64_t)r;
}

#endif /* MOTE_DSP_UTIL_H */
