/* log.c — natural log, float and integer-only (Q16). */
#include <math.h>

#include "dsp/dsp.h"
#include "dsp/dsp_util.h"

mote_status mote_dsp_log_f32(const float *x, size_t n, float offset, float *out)
{
    size_t i;
    if (x == NULL || out == NULL) return MOTE_E_ARG;
    for (i = 0; i < n; i++)
        out[i] = logf(x[i] + offset);
    return MOTE_OK;
}

#define LOG2_FRAC 20
#define LN2_Q24 11629080     /* round(ln 2 * 2^24) */
#define LOG2_INT_LIMIT 50000 /* |log2| beyond this cannot be a Q16 int32 ln */

int32_t mote_dsp_ln_q16(uint64_t m, int32_t e)
{
    int b = mote_dsp_bits64(m), i;
    uint64_t f;
    int64_t ip, log2_q20, frac = 0;
    if (m == 0) return INT32_MIN;
    /* m = f * 2^(b-1) with f in [1, 2), held in Q30. */
    f = b - 1 >= 30 ? m >> (b - 1 - 30) : m << (30 - (b - 1));
    /* Fraction bits of log2 f by repeated squaring: f^2 >= 2 means the next
     * bit is 1. */
    for (i = 1; i <= LOG2_FRAC; i++) {
        f = (f * f) >> 30;
        if (f >= ((uint64_t)2 << 30)) {
            f >>= 1;
            frac |= (int64_t)1 << (LOG2_FRAC - i);
        }
    }
    ip = (int64_t)(b - 1) + e;
    if (ip > LOG2_INT_LIMIT) ip = LOG2_INT_LIMIT;
    if (ip < -LOG2_INT_LIMIT) ip = -LOG2_INT_LIMIT;
    log2_q20 = ip * ((int64_t)1 << LOG2_FRAC) + frac;
    /* ln x = log2 x * ln 2: Q20 * Q24 = Q44, down to Q16. */
    return mote_dsp_sat32(mote_dsp_rshift64(log2_q20 * LN2_Q24, 28));
}

/* (m, e) with m moved so its top bit is bit 61 (m == 0 stays 0). */
static void normalise(uint64_t *m, int32_t *e)
{
    int b = mote_dsp_bits64(*m);
    if (b == 0) return;
    if (b > 62) {
        *m >>= b - 62;
        *e += b - 62;
    } else {
        *m <<= 62 - b;
        *e -= 62 - b;
    }
}

mote_status mote_dsp_log_q16(const uint32_t *x, size_t n, int32_t exp, uint64_t off_m,
                             int32_t off_e, int32_t *out)
{
    size_t i;
    if (x == NULL || out == NULL) return MOTE_E_ARG;
    normalise(&off_m, &off_e);
    for (i = 0; i < n; i++) {
        uint64_t m = x[i], om = off_m;
        int32_t e = exp, oe = off_e;
        normalise(&m, &e);
        /* Sum of two values below 2^62 each: align to the larger exponent. */
        if (m == 0) {
            m = om;
            e = oe;
        } else if (om != 0) {
            if (oe > e) {
                uint64_t t = m;
                int32_t te = e;
                m = om;
                e = oe;
                om = t;
                oe = te;
            }
            if (e - oe < 62) m += om >> (e - oe);
        }
        out[i] = mote_dsp_ln_q16(m, e);
    }
    return MOTE_OK;
}
