/*
 * signal_fft.c — Rfft and Irfft of TFLite Micro's Signal library: the
 * kiss_fftr real transform (a half-length complex FFT of radix-4 and
 * radix-2 stages, then the split step), in int16 (Q15), int32 (Q31) and
 * float, bit-exact with the kissfft TFLite Micro builds. Fixed point
 * scales by 1/radix before every butterfly and by 1/2 in the split, as
 * kissfft does; every store to a scalar wraps to the scalar's width.
 *
 * The twiddles (computed once by the lowering, ops/signal_rfft.c) follow
 * the block; the scratch holds the transform's work buffers.
 */
#include <string.h>

#include "kernels/ref/ref_util.h"

typedef struct cpx_i {
    int32_t r, i;
} cpx_i;

typedef struct cpx_f {
    float r, i;
} cpx_f;

/* ---- fixed point: int16 (bits 15) and int32 (bits 31) ---------------- */

typedef struct fx {
    int bits;         /* FRACBITS: 15 or 31 */
    const cpx_i *tw;  /* twiddles, ncfft of them */
    const cpx_i *stw; /* super-twiddles, ncfft / 2 */
    int inverse;
} fx;

/* Store to a kiss_fft_scalar: wrap to 16 or 32 bits. */
static int32_t narrow(const fx *f, int64_t v)
{
    if (f->bits == 15) return (int32_t)(int16_t)(uint16_t)((uint64_t)v & 0xFFFFu);
    return (int32_t)(uint32_t)((uint64_t)v & 0xFFFFFFFFu);
}

/* sround(x): (x + 2^(bits-1)) >> bits, in the product type (int32 for
 * 16-bit data, int64 for 32-bit), then stored. */
static int32_t sround(const fx *f, int64_t x)
{
    if (f->bits == 15) {
        int32_t y = (int32_t)(uint32_t)((uint64_t)x + (1u << 14));
        return narrow(f, y >> 15);
    }
    return narrow(f, (int64_t)((uint64_t)x + (1u << 30)) >> 31);
}

static int64_t samp_max(const fx *f)
{
    return f->bits == 15 ? 32767 : 2147483647;
}

static void fixdiv(const fx *f, cpx_i *c, int64_t div)
{
    int64_t k = samp_max(f) / div;
    c->r = sround(f, (int64_t)c->r * k);
    c->i = sround(f, (int64_t)c->i * k);
}

static cpx_i cmul(const fx *f, cpx_i a, cpx_i b)
{
    cpx_i m;
    m.r = sround(f, (int64_t)a.r * b.r - (int64_t)a.i * b.i);
    m.i = sround(f, (int64_t)a.r * b.i + (int64_t)a.i * b.r);
    return m;
}

static cpx_i cadd(const fx *f, cpx_i a, cpx_i b)
{
    cpx_i m;
    m.r = narrow(f, (int64_t)a.r + b.r);
    m.i = narrow(f, (int64_t)a.i + b.i);
    return m;
}

static cpx_i csub(const fx *f, cpx_i a, cpx_i b)
{
    cpx_i m;
    m.r = narrow(f, (int64_t)a.r - b.r);
    m.i = narrow(f, (int64_t)a.i - b.i);
    return m;
}

/* In 16-bit kissfft, a + b is an int before it is halved; in 32-bit it
 * wraps at 32 bits first. */
static int32_t half_sum(const fx *f, int32_t a, int32_t b)
{
    int64_t s = (int64_t)a + b;
    if (f->bits == 31) s = (int32_t)(uint32_t)((uint64_t)s & 0xFFFFFFFFu);
    return narrow(f, s >> 1);
}

static int32_t half_diff(const fx *f, int32_t a, int32_t b)
{
    int64_t s = (int64_t)a - b;
    if (f->bits == 31) s = (int32_t)(uint32_t)((uint64_t)s & 0xFFFFFFFFu);
    return narrow(f, s >> 1);
}

static void bfly2_i(const fx *f, cpx_i *out, size_t fstride, size_t m)
{
    const cpx_i *tw = f->tw;
    size_t k;
    for (k = 0; k < m; k++) {
        cpx_i t;
        fixdiv(f, &out[k], 2);
        fixdiv(f, &out[k + m], 2);
        t = cmul(f, out[k + m], *tw);
        tw += fstride;
        out[k + m] = csub(f, out[k], t);
        out[k] = cadd(f, out[k], t);
    }
}

static void bfly4_i(const fx *f, cpx_i *out, size_t fstride, size_t m)
{
    const cpx_i *tw1 = f->tw, *tw2 = f->tw, *tw3 = f->tw;
    size_t k;
    for (k = 0; k < m; k++) {
        cpx_i s0, s1, s2, s3, s4, s5;
        cpx_i *o = out + k;
        fixdiv(f, &o[0], 4);
        fixdiv(f, &o[m], 4);
        fixdiv(f, &o[2 * m], 4);
        fixdiv(f, &o[3 * m], 4);
        s0 = cmul(f, o[m], *tw1);
        s1 = cmul(f, o[2 * m], *tw2);
        s2 = cmul(f, o[3 * m], *tw3);
        s5 = csub(f, o[0], s1);
        o[0] = cadd(f, o[0], s1);
        s3 = cadd(f, s0, s2);
        s4 = csub(f, s0, s2);
        o[2 * m] = csub(f, o[0], s3);
        tw1 += fstride;
        tw2 += fstride * 2;
        tw3 += fstride * 3;
        o[0] = cadd(f, o[0], s3);
        if (f->inverse) {
            o[m].r = narrow(f, (int64_t)s5.r - s4.i);
            o[m].i = narrow(f, (int64_t)s5.i + s4.r);
            o[3 * m].r = narrow(f, (int64_t)s5.r + s4.i);
            o[3 * m].i = narrow(f, (int64_t)s5.i - s4.r);
        } else {
            o[m].r = narrow(f, (int64_t)s5.r + s4.i);
            o[m].i = narrow(f, (int64_t)s5.i - s4.r);
            o[3 * m].r = narrow(f, (int64_t)s5.r - s4.i);
            o[3 * m].i = narrow(f, (int64_t)s5.i + s4.r);
        }
    }
}

/* Input index of output position o (digit reversal over the factors). */
static size_t leaf_index(const int32_t *factors, int32_t n_factors, size_t o)
{
    size_t in = 0, fstride = 1;
    int32_t s;
    for (s = 0; s < n_factors; s++) {
        size_t p = (size_t)factors[2 * s], m = (size_t)factors[2 * s + 1];
        in += (o / m) * fstride;
        o %= m;
        fstride *= p;
    }
    return in;
}

/* kiss_fft: the ncfft-point complex transform of in into out. */
static void cfft_i(const fx *f, const mote_signal_fft_step *p, const cpx_i *in, cpx_i *out,
                   size_t ncfft)
{
    size_t o, fstride;
    int32_t s;
    for (o = 0; o < ncfft; o++)
        out[o] = in[leaf_index(p->factors, p->n_factors, o)];
    for (s = p->n_factors - 1; s >= 0; s--) {
        size_t radix = (size_t)p->factors[2 * s], m = (size_t)p->factors[2 * s + 1], b;
        fstride = ncfft / (radix * m);
        for (b = 0; b < fstride; b++) {
            if (radix == 4)
                bfly4_i(f, out + b * radix * m, fstride, m);
            else
                bfly2_i(f, out + b * radix * m, fstride, m);
        }
    }
}

/* ---- float ------------------------------------------------------------ */

typedef struct ff {
    const cpx_f *tw, *stw;
    int inverse;
} ff;

static cpx_f cmul_f(cpx_f a, cpx_f b)
{
    cpx_f m;
    m.r = a.r * b.r - a.i * b.i;
    m.i = a.r * b.i + a.i * b.r;
    return m;
}

static void bfly2_f(const ff *f, cpx_f *out, size_t fstride, size_t m)
{
    const cpx_f *tw = f->tw;
    size_t k;
    for (k = 0; k < m; k++) {
        cpx_f t = cmul_f(out[k + m], *tw);
        tw += fstride;
        out[k + m].r = out[k].r - t.r;
        out[k + m].i = out[k].i - t.i;
        out[k].r += t.r;
        out[k].i += t.i;
    }
}

static void bfly4_f(const ff *f, cpx_f *out, size_t fstride, size_t m)
{
    const cpx_f *tw1 = f->tw, *tw2 = f->tw, *tw3 = f->tw;
    size_t k;
    for (k = 0; k < m; k++) {
        cpx_f s0, s1, s2, s3, s4, s5;
        cpx_f *o = out + k;
        s0 = cmul_f(o[m], *tw1);
        s1 = cmul_f(o[2 * m], *tw2);
        s2 = cmul_f(o[3 * m], *tw3);
        s5.r = o[0].r - s1.r;
        s5.i = o[0].i - s1.i;
        o[0].r += s1.r;
        o[0].i += s1.i;
        s3.r = s0.r + s2.r;
        s3.i = s0.i + s2.i;
        s4.r = s0.r - s2.r;
        s4.i = s0.i - s2.i;
        o[2 * m].r = o[0].r - s3.r;
        o[2 * m].i = o[0].i - s3.i;
        tw1 += fstride;
        tw2 += fstride * 2;
        tw3 += fstride * 3;
        o[0].r += s3.r;
        o[0].i += s3.i;
        if (f->inverse) {
            o[m].r = s5.r - s4.i;
            o[m].i = s5.i + s4.r;
            o[3 * m].r = s5.r + s4.i;
            o[3 * m].i = s5.i - s4.r;
        } else {
            o[m].r = s5.r + s4.i;
            o[m].i = s5.i - s4.r;
            o[3 * m].r = s5.r - s4.i;
            o[3 * m].i = s5.i + s4.r;
        }
    }
}

static void cfft_f(const ff *f, const mote_signal_fft_step *p, const cpx_f *in, cpx_f *out,
                   size_t ncfft)
{
    size_t o;
    int32_t s;
    for (o = 0; o < ncfft; o++)
        out[o] = in[leaf_index(p->factors, p->n_factors, o)];
    for (s = p->n_factors - 1; s >= 0; s--) {
        size_t radix = (size_t)p->factors[2 * s], m = (size_t)p->factors[2 * s + 1], b;
        size_t fstride = ncfft / (radix * m);
        for (b = 0; b < fstride; b++) {
            if (radix == 4)
                bfly4_f(f, out + b * radix * m, fstride, m);
            else
                bfly2_f(f, out + b * radix * m, fstride, m);
        }
    }
}

/* ---- loads and stores of the tensors' scalars ------------------------- */

static int32_t load_i(const mote_signal_fft_step *p, const void *base, size_t k)
{
    if (p->elem == 2) {
        int16_t v;
        memcpy(&v, (const uint8_t *)base + 2 * k, 2);
        return v;
    } else {
        int32_t v;
        memcpy(&v, (const uint8_t *)base + 4 * k, 4);
        return v;
    }
}

static void store_i(const mote_signal_fft_step *p, void *base, size_t k, int32_t v)
{
    if (p->elem == 2) {
        int16_t s = (int16_t)v;
        memcpy((uint8_t *)base + 2 * k, &s, 2);
    } else {
        memcpy((uint8_t *)base + 4 * k, &v, 4);
    }
}

/* The twiddle tail after the block: ncfft + ncfft/2 complex values, stored
 * as int32 or float pairs whatever the element type. */
static const uint8_t *tail_of(const mote_signal_fft_step *p)
{
    return (const uint8_t *)p + sizeof *p;
}

uint32_t mote_ref_signal_fft_scratch(const void *step)
{
    const mote_signal_fft_step *p = (const mote_signal_fft_step *)step;
    /* 2 x ncfft complex values of 8 bytes: the time data, the transform. */
    return (uint32_t)p->fft_length / 2u * 2u * 8u + 8u;
}

mote_status mote_ref_signal_rfft_step(const void *step, const mote_kernel_io *io)
{
    const mote_signal_fft_step *p = (const mote_signal_fft_step *)step;
    const uint8_t *in = (const uint8_t *)io->in[0];
    uint8_t *out = (uint8_t *)io->out[0];
    size_t ncfft = (size_t)p->fft_length / 2, row, k;
    if (p->is_float) {
        ff f;
        cpx_f *tmp = (cpx_f *)io->scratch, *buf = tmp + ncfft;
        f.tw = (const cpx_f *)(const void *)tail_of(p);
        f.stw = f.tw + ncfft;
        f.inverse = 0;
        for (row = 0; row < (size_t)p->rows; row++) {
            const float *x = (const float *)(const void *)(in + row * (size_t)p->in_length * 4);
            float *y = (float *)(void *)(out + row * (size_t)p->out_length * 8);
            cpx_f tdc;
            for (k = 0; k < ncfft; k++) {
                tmp[k].r = 2 * k < (size_t)p->in_length ? x[2 * k] : 0.0f;
                tmp[k].i = 2 * k + 1 < (size_t)p->in_length ? x[2 * k + 1] : 0.0f;
            }
            cfft_f(&f, p, tmp, buf, ncfft);
            tdc = buf[0];
            y[0] = tdc.r + tdc.i;
            y[2 * ncfft] = tdc.r - tdc.i;
            y[1] = 0.0f;
            y[2 * ncfft + 1] = 0.0f;
            for (k = 1; k <= ncfft / 2; k++) {
                cpx_f fpk = buf[k], fpnk, f1k, f2k, tw;
                fpnk.r = buf[ncfft - k].r;
                fpnk.i = -buf[ncfft - k].i;
                f1k.r = fpk.r + fpnk.r;
                f1k.i = fpk.i + fpnk.i;
                f2k.r = fpk.r - fpnk.r;
                f2k.i = fpk.i - fpnk.i;
                tw = cmul_f(f2k, f.stw[k - 1]);
                y[2 * k] = (f1k.r + tw.r) * 0.5f;
                y[2 * k + 1] = (f1k.i + tw.i) * 0.5f;
                y[2 * (ncfft - k)] = (f1k.r - tw.r) * 0.5f;
                y[2 * (ncfft - k) + 1] = (tw.i - f1k.i) * 0.5f;
            }
        }
        return MOTE_OK;
    } else {
        fx f;
        cpx_i *tmp = (cpx_i *)io->scratch, *buf = tmp + ncfft;
        f.bits = p->elem == 2 ? 15 : 31;
        f.tw = (const cpx_i *)(const void *)tail_of(p);
        f.stw = f.tw + ncfft;
        f.inverse = 0;
        for (row = 0; row < (size_t)p->rows; row++) {
            const uint8_t *x = in + row * (size_t)p->in_length * (size_t)p->elem;
            uint8_t *y = out + row * (size_t)p->out_length * 2u * (size_t)p->elem;
            cpx_i tdc;
            for (k = 0; k < ncfft; k++) {
                tmp[k].r = 2 * k < (size_t)p->in_length ? load_i(p, x, 2 * k) : 0;
                tmp[k].i = 2 * k + 1 < (size_t)p->in_length ? load_i(p, x, 2 * k + 1) : 0;
            }
            cfft_i(&f, p, tmp, buf, ncfft);
            tdc = buf[0];
            fixdiv(&f, &tdc, 2);
            store_i(p, y, 0, narrow(&f, (int64_t)tdc.r + tdc.i));
            store_i(p, y, 2 * ncfft, narrow(&f, (int64_t)tdc.r - tdc.i));
            store_i(p, y, 1, 0);
            store_i(p, y, 2 * ncfft + 1, 0);
            for (k = 1; k <= ncfft / 2; k++) {
                cpx_i fpk = buf[k], fpnk, f1k, f2k, tw;
                fpnk.r = buf[ncfft - k].r;
                fpnk.i = narrow(&f, -(int64_t)buf[ncfft - k].i);
                fixdiv(&f, &fpk, 2);
                fixdiv(&f, &fpnk, 2);
                f1k = cadd(&f, fpk, fpnk);
                f2k = csub(&f, fpk, fpnk);
                tw = cmul(&f, f2k, f.stw[k - 1]);
                store_i(p, y, 2 * k, half_sum(&f, f1k.r, tw.r));
                store_i(p, y, 2 * k + 1, half_sum(&f, f1k.i, tw.i));
                store_i(p, y, 2 * (ncfft - k), half_diff(&f, f1k.r, tw.r));
                store_i(p, y, 2 * (ncfft - k) + 1, half_diff(&f, tw.i, f1k.i));
            }
        }
        return MOTE_OK;
    }
}

mote_status mote_ref_signal_irfft_step(const void *step, const mote_kernel_io *io)
{
    const mote_signal_fft_step *p = (const mote_signal_fft_step *)step;
    const uint8_t *in = (const uint8_t *)io->in[0];
    uint8_t *out = (uint8_t *)io->out[0];
    size_t ncfft = (size_t)p->fft_length / 2, row, k;
    if (p->is_float) {
        ff f;
        cpx_f *tmp = (cpx_f *)io->scratch, *buf = tmp + ncfft;
        f.tw = (const cpx_f *)(const void *)tail_of(p);
        f.stw = f.tw + ncfft;
        f.inverse = 1;
        for (row = 0; row < (size_t)p->rows; row++) {
            const float *x = (const float *)(const void *)(in + row * (size_t)p->in_length * 8);
            float *y = (float *)(void *)(out + row * (size_t)p->out_length * 4);
            tmp[0].r = x[0] + x[2 * ncfft];
            tmp[0].i = x[0] - x[2 * ncfft];
            for (k = 1; k <= ncfft / 2; k++) {
                cpx_f fk, fnkc, fek, fok, t;
                fk.r = x[2 * k];
                fk.i = x[2 * k + 1];
                fnkc.r = x[2 * (ncfft - k)];
                fnkc.i = -x[2 * (ncfft - k) + 1];
                fek.r = fk.r + fnkc.r;
                fek.i = fk.i + fnkc.i;
                t.r = fk.r - fnkc.r;
                t.i = fk.i - fnkc.i;
                fok = cmul_f(t, f.stw[k - 1]);
                tmp[k].r = fek.r + fok.r;
                tmp[k].i = fek.i + fok.i;
                tmp[ncfft - k].r = fek.r - fok.r;
                tmp[ncfft - k].i = fek.i - fok.i;
                tmp[ncfft - k].i *= -1.0f;
            }
            cfft_f(&f, p, tmp, buf, ncfft);
            /* TFLite Micro divides the float result by fft_length. */
            for (k = 0; k < ncfft; k++) {
                y[2 * k] = buf[k].r / (float)p->fft_length;
                y[2 * k + 1] = buf[k].i / (float)p->fft_length;
            }
        }
        return MOTE_OK;
    } else {
        fx f;
        cpx_i *tmp = (cpx_i *)io->scratch, *buf = tmp + ncfft;
        f.bits = p->elem == 2 ? 15 : 31;
        f.tw = (const cpx_i *)(const void *)tail_of(p);
        f.stw = f.tw + ncfft;
        f.inverse = 1;
        for (row = 0; row < (size_t)p->rows; row++) {
            const uint8_t *x = in + row * (size_t)p->in_length * 2u * (size_t)p->elem;
            uint8_t *y = out + row * (size_t)p->out_length * (size_t)p->elem;
            int32_t x0 = load_i(p, x, 0), xn = load_i(p, x, 2 * ncfft);
            tmp[0].r = narrow(&f, (int64_t)x0 + xn);
            tmp[0].i = narrow(&f, (int64_t)x0 - xn);
            fixdiv(&f, &tmp[0], 2);
            for (k = 1; k <= ncfft / 2; k++) {
                cpx_i fk, fnkc, fek, fok, t;
                fk.r = load_i(p, x, 2 * k);
                fk.i = load_i(p, x, 2 * k + 1);
                fnkc.r = load_i(p, x, 2 * (ncfft - k));
                fnkc.i = narrow(&f, -(int64_t)load_i(p, x, 2 * (ncfft - k) + 1));
                fixdiv(&f, &fk, 2);
                fixdiv(&f, &fnkc, 2);
                fek = cadd(&f, fk, fnkc);
                t = csub(&f, fk, fnkc);
                fok = cmul(&f, t, f.stw[k - 1]);
                tmp[k] = cadd(&f, fek, fok);
                tmp[ncfft - k] = csub(&f, fek, fok);
                tmp[ncfft - k].i = narrow(&f, -(int64_t)tmp[ncfft - k].i);
            }
            cfft_i(&f, p, tmp, buf, ncfft);
            for (k = 0; k < ncfft; k++) {
                store_i(p, y, 2 * k, buf[k].r);
                store_i(p, y, 2 * k + 1, buf[k].i);
            }
        }
        return MOTE_OK;
    }
}
