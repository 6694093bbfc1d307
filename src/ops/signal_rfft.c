/* SignalRfft: real FFT of each row (zero-padded to fft_length), int16,
 * int32 or float, as TFLite Micro's kiss_fftr; fft_length a power of two. */
#include <math.h>
#include <string.h>

#include "ops/op_signal_util.h"

/* kissfft's kf_factor: powers of 4, then 2, then odd primes. */
static int32_t factor(int32_t n, int32_t *f)
{
    int32_t p = 4, k = 0;
    double floor_sqrt = floor(sqrt((double)n));
    do {
        while (n % p) {
            p = p == 4 ? 2 : p == 2 ? 3 : p + 2;
            if (p > floor_sqrt) p = n;
        }
        n /= p;
        f[2 * k] = p;
        f[2 * k + 1] = n;
        k++;
    } while (n > 1 && k < 16);
    return k;
}

/* kf_cexp of the fixed-point kissfft: floor(0.5 + max * cos(phase)). */
static void put_tw(uint8_t *tail, uint32_t i, int32_t type, double phase)
{
    if (type == MOTE_FLOAT32) {
        float v[2];
        v[0] = (float)cos(phase);
        v[1] = (float)sin(phase);
        memcpy(tail + 8u * i, v, 8);
    } else {
        double max = type == MOTE_INT16 ? 32767.0 : 2147483647.0;
        int32_t v[2];
        v[0] = (int32_t)floor(0.5 + max * cos(phase));
        v[1] = (int32_t)floor(0.5 + max * sin(phase));
        memcpy(tail + 8u * i, v, 8);
    }
}

mote_status mote_signal_lower_fft(mote_lower_ctx *c, int inverse)
{
    const double pi = 3.14159265358979323846264338327;
    mote_flexbuf_map m;
    mote_signal_fft_step *p;
    mote_status s;
    uint8_t *tail;
    int32_t t = 0, n = 0, type = c->in[0].type, in_last, out_last, k, nf, f[32];
    uint32_t i, ncfft;
    int32_t want = type == MOTE_FLOAT32 ? 0 : type == MOTE_INT16 ? 7 : 2;
    if ((s = mote_lower_outputs(c, 1)) != MOTE_OK) return s;
    if (c->out.type != c->in[0].type)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->out_idx,
                               "output type must be the input's");
    if ((s = mote_signal_options(c, &m)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "T", want, want, &t)) != MOTE_OK) return s;
    if ((s = mote_signal_int(c, &m, "fft_length", 4, 1 << 16, &n)) != MOTE_OK) return s;
    if ((n & (n - 1)) != 0)
        return mote_lower_fail(c, MOTE_E_PARAM, -1,
                               "fft_length %d is not a power of two (mote runs radix 2 and 4)",
                               (int)n);
    if (c->in[0].rank < 1 || c->out.rank != c->in[0].rank)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "output rank must be the input's");
    in_last = c->in[0].dims[c->in[0].rank - 1];
    out_last = c->out.dims[c->out.rank - 1];
    if (!inverse && (in_last > n || out_last != n + 2))
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "rows of %d samples (at most fft_length %d) give %d values; "
                               "output rows have %d",
                               (int)in_last, (int)n, (int)(n + 2), (int)out_last);
    if (inverse && (in_last != n + 2 || out_last != n))
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "input rows need %d values and output rows %d (fft_length)",
                               (int)(n + 2), (int)n);
    if (c->out.elements / (size_t)out_last != c->in[0].elements / (size_t)in_last)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "input and output rows differ");
    ncfft = (uint32_t)n / 2u;
    nf = factor((int32_t)ncfft, f);
    for (k = 0; k < nf; k++)
        if (f[2 * k] != 2 && f[2 * k] != 4)
            return mote_lower_fail(c, MOTE_E_PARAM, -1, "fft_length %d: radix %d", (int)n,
                                   (int)f[2 * k]);
    p = mote_signal_step(c, inverse ? MOTE_KID_SIGNAL_IRFFT : MOTE_KID_SIGNAL_RFFT,
                         ((uint64_t)ncfft + ncfft / 2u) * 8u, &tail, &s);
    if (p == NULL) return s;
    p->fft_length = n;
    p->rows = (int32_t)(c->in[0].elements / (size_t)in_last);
    p->in_length = inverse ? in_last / 2 : in_last;
    p->out_length = inverse ? out_last : out_last / 2;
    p->elem = type == MOTE_INT16 ? 2 : 4;
    p->is_float = type == MOTE_FLOAT32;
    p->n_factors = nf;
    memcpy(p->factors, f, sizeof(int32_t) * 2u * (uint32_t)nf);
    if (tail != NULL) {
        for (i = 0; i < ncfft; i++) {
            double phase = -2 * pi * (double)i / (double)ncfft;
            if (inverse) phase *= -1;
            put_tw(tail, i, type, phase);
        }
        for (i = 0; i < ncfft / 2u; i++) {
            double phase = -pi * ((double)(i + 1) / (double)ncfft + .5);
            if (inverse) phase *= -1;
            put_tw(tail, ncfft + i, type, phase);
        }
    }
    return MOTE_OK;
}

mote_status mote_lower_signal_rfft(mote_lower_ctx *c)
{
    return mote_signal_lower_fft(c, 0);
}

uint64_t mote_macs_signal_rfft(const mote_graph *g, const mote_graph_op *op)
{
    return mote_macs_mul(mote_macs_out_elements(g, op), 8);
}
