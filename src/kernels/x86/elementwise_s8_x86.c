/*
 * elementwise_s8_x86.c — DEPTHWISE_CONV_2D, AVERAGE_POOL_2D, MAX_POOL_2D and
 * ADD int8 on x86-64: vectorised along the channels, which are contiguous
 * in NHWC (the depthwise filter [1, kh, kw, c] too).
 *
 * DEPTHWISE_CONV_2D (depth multiplier 1): per tap, 16 channels of
 * (x + input_offset) * w in int16 (|product| <= 255 * 128 = 32640), widened
 * to int32 and summed; padded taps are skipped as in the reference; then
 * the reference's output stage; on AVX-512 tap pairs through VPMADDWD
 * instead (dw_row_avx512). Pools sum or take the maximum of the window
 * clipped to the input; the average's rounding division stays scalar (no
 * vector integer division). ADD is the reference's per-element formula on
 * 8 lanes (the AVX2 requantization of x86_simd.h with no left shift).
 */
#include "kernels/x86/x86_kernels.h"
#include "kernels/x86/x86_rows.h"

#if MOTE_X86_BUILD

#include <stdint.h>
#include <string.h>
#include "kernels/kernel_table.h"
#include "kernels/x86/x86_simd.h"

/* The reference's window sum of channel c at input origin (y0, x0). */
static int32_t dw_sum_scalar(const mote_conv_s8_step *s, const int8_t *in_b, const int8_t *filter,
                             int32_t c, int32_t y0, int32_t x0)
{
    const mote_conv_geom *g = &s->p.geom;
    int32_t acc = 0, ky, kx;
    for (ky = 0; ky < s->filter.h; ky++) {
        const int32_t y = y0 + g->dilation_h * ky;
        if (y < 0 || y >= s->in.h) continue;
        for (kx = 0; kx < s->filter.w; kx++) {
            const int32_t x = x0 + g->dilation_w * kx;
            if (x < 0 || x >= s->in.w) continue;
            acc += filter[(ky * s->filter.w + kx) * s->in.c + c] *
                   (in_b[(y * s->in.w + x) * s->in.c + c] + s->p.input_offset);
        }
    }
    return acc;
}

static void dw_rq(const mote_conv_s8_step *s, mote_x86_rq *q)
{
    const mote_requant rq = mote_step_requant(s, sizeof *s, s->channels);
    q->mult = rq.multiplier;
    q->shift = rq.shift;
    q->per_tensor = s->channels == 1;
    q->out_off = s->p.output_offset;
    q->act_min = s->p.act_min;
    q->act_max = s->p.act_max;
}

/* Output row oy of one image (in_b: its input) into out_row. */
MOTE_T_AVX2 static void dw_row_avx2(const mote_conv_s8_step *s, const mote_x86_rq *qp,
                                    const int8_t *in_b, const int8_t *filter, const int32_t *bias,
                                    int32_t oy, int8_t *out_row, const void *ctx)
{
    const mote_conv_geom *g = &s->p.geom;
    const int32_t ch = s->in.c, fw = s->filter.w;
    const __m256i off16 = _mm256_set1_epi16((short)s->p.input_offset);
    const __m256i off32 = _mm256_set1_epi32(s->p.input_offset);
    const mote_x86_rq q = *qp;
    int32_t acc[16], ox, ky, kx, c;
    (void)ctx;
    {
        {
            const int32_t y0 = oy * g->stride_h - g->pad_h;
            for (ox = 0; ox < s->out.w; ox++) {
                const int32_t x0 = ox * g->stride_w - g->pad_w;
                int8_t *out_px = out_row + ox * ch;
                for (c = 0; c + 16 <= ch; c += 16) {
                    __m256i lo = _mm256_setzero_si256(), hi = lo;
                    for (ky = 0; ky < s->filter.h; ky++) {
                        const int32_t y = y0 + g->dilation_h * ky;
                        if (y < 0 || y >= s->in.h) continue;
                        for (kx = 0; kx < fw; kx++) {
                            const int32_t x = x0 + g->dilation_w * kx;
                            __m256i xv, wv, pr;
                            if (x < 0 || x >= s->in.w) continue;
                            xv = _mm256_cvtepi8_epi16(_mm_loadu_si128((
                                const __m128i *)(const void *)(in_b + (y * s->in.w + x) * ch + c)));
                            wv = _mm256_cvtepi8_epi16(_mm_loadu_si128(
                                (const __m128i *)(const void *)(filter + (ky * fw + kx) * ch + c)));
                            pr = _mm256_mullo_epi16(_mm256_add_epi16(xv, off16), wv);
                            lo = _mm256_add_epi32(
                                lo, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(pr)));
                            hi = _mm256_add_epi32(
                                hi, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(pr, 1)));
                        }
                    }
                    _mm256_storeu_si256((__m256i *)(void *)acc, lo);
                    _mm256_storeu_si256((__m256i *)(void *)(acc + 8), hi);
                    mote_x86_requant_avx2(acc, bias, c, 16, &q, out_px + c);
                }
                for (; c + 8 <= ch; c += 8) {
                    __m256i sum = _mm256_setzero_si256();
                    for (ky = 0; ky < s->filter.h; ky++) {
                        const int32_t y = y0 + g->dilation_h * ky;
                        if (y < 0 || y >= s->in.h) continue;
                        for (kx = 0; kx < fw; kx++) {
                            const int32_t x = x0 + g->dilation_w * kx;
                            __m256i xv, wv;
                            if (x < 0 || x >= s->in.w) continue;
                            xv = _mm256_cvtepi8_epi32(_mm_loadl_epi64((
                                const __m128i *)(const void *)(in_b + (y * s->in.w + x) * ch + c)));
                            wv = _mm256_cvtepi8_epi32(_mm_loadl_epi64(
                                (const __m128i *)(const void *)(filter + (ky * fw + kx) * ch + c)));
                            sum = _mm256_add_epi32(
                                sum, _mm256_mullo_epi32(_mm256_add_epi32(xv, off32), wv));
                        }
                    }
                    _mm256_storeu_si256((__m256i *)(void *)acc, sum);
                    mote_x86_requant_avx2(acc, bias, c, 8, &q, out_px + c);
                }
                for (; c < ch; c++) {
                    acc[0] = dw_sum_scalar(s, in_b, filter, c, y0, x0);
                    mote_x86_requant_scalar(acc, bias, c, 1, &q, out_px + c);
                }
            }
        }
    }
}

MOTE_T_SSE41 static void dw_row_sse41(const mote_conv_s8_step *s, const mote_x86_rq *qp,
                                      const int8_t *in_b, const int8_t *filter, const int32_t *bias,
                                      int32_t oy, int8_t *out_row, const void *ctx)
{
    const mote_conv_geom *g = &s->p.geom;
    const int32_t ch = s->in.c, fw = s->filter.w;
    const __m128i off16 = _mm_set1_epi16((short)s->p.input_offset);
    const mote_x86_rq q = *qp;
    int32_t acc[8], ox, ky, kx, c;
    (void)ctx;
    {
        {
            const int32_t y0 = oy * g->stride_h - g->pad_h;
            for (ox = 0; ox < s->out.w; ox++) {
                const int32_t x0 = ox * g->stride_w - g->pad_w;
                int8_t *out_px = out_row + ox * ch;
                for (c = 0; c + 8 <= ch; c += 8) {
                    __m128i lo = _mm_setzero_si128(), hi = lo;
                    for (ky = 0; ky < s->filter.h; ky++) {
                        const int32_t y = y0 + g->dilation_h * ky;
                        if (y < 0 || y >= s->in.h) continue;
                        for (kx = 0; kx < fw; kx++) {
                            const int32_t x = x0 + g->dilation_w * kx;
                            __m128i xv, wv, pr;
                            if (x < 0 || x >= s->in.w) continue;
                            xv = _mm_cvtepi8_epi16(_mm_loadl_epi64((
                                const __m128i *)(const void *)(in_b + (y * s->in.w + x) * ch + c)));
                            wv = _mm_cvtepi8_epi16(_mm_loadl_epi64(
                                (const __m128i *)(const void *)(filter + (ky * fw + kx) * ch + c)));
                            pr = _mm_mullo_epi16(_mm_add_epi16(xv, off16), wv);
                            lo = _mm_add_epi32(lo, _mm_cvtepi16_epi32(pr));
                            hi = _mm_add_epi32(hi, _mm_cvtepi16_epi32(_mm_srli_si128(pr, 8)));
                        }
                    }
                    _mm_storeu_si128((__m128i *)(void *)acc, lo);
                    _mm_storeu_si128((__m128i *)(void *)(acc + 4), hi);
                    mote_x86_requant_scalar(acc, bias, c, 8, &q, out_px + c);
                }
                for (; c < ch; c++) {
                    acc[0] = dw_sum_scalar(s, in_b, filter, c, y0, x0);
                    mote_x86_requant_scalar(acc, bias, c, 1, &q, out_px + c);
                }
            }
        }
    }
}

typedef void (*dw_row_fn)(const mote_conv_s8_step *s, const mote_x86_rq *q, const int8_t *in_b,
                          const int8_t *filter, const int32_t *bias, int32_t oy, int8_t *out_row,
                          const void *ctx);

/* ---- AVX-512 depthwise ------------------------------------------------
 * Padded taps read the input zero point zp = -input_offset, whose term
 * w * (zp + input_offset) is zero as the reference's skipped tap, so every
 * pixel takes the same path: acc = sum_t w_t * x_t + input_offset * sum_t w_t
 * (x, w int8). Taps go in pairs: the bytes of taps t and t + 1 interleaved
 * per channel and widened to int16, VPMADDWD with the weights interleaved
 * the same way (once per call, dw512_ctx) gives 16 channels' w_t x_t +
 * w_t+1 x_t+1 in int32 lanes (an odd last tap pairs with a zero weight). */
#define MOTE_X86_DW_CH 512          /* channels this path takes */
#define MOTE_X86_DW_PAIR_BYTES 8192 /* its interleaved weights, on the stack */

/* Lanes [0, n) of 16 (n >= 1). */
static __mmask16 lanes16(int32_t n)
{
    return (__mmask16)(n >= 16 ? 0xFFFFu : (1u << n) - 1u);
}

typedef struct dw512_ctx {
    int16_t wi[MOTE_X86_DW_PAIR_BYTES / 2]; /* [pair][channel][2] */
    int32_t init[MOTE_X86_DW_CH];           /* bias + input_offset * sum w */
    int32_t pairs;
    /* Few channels (dw512_px): lane l is channel l % in_c of pixel l / in_c. */
    int16_t wl[32 * 16 * 2]; /* [pair][lane][2] */
    int32_t init_l[16], mult_l[16], shift_l[16];
} dw512_ctx;

/* 1, 2, 4 or 8 channels, stride 1 along rows: 16 / in_c adjacent output
 * pixels share a register, their taps being adjacent input pixels. */
static int dw512_px(const mote_conv_s8_step *s)
{
    const int32_t ch = s->in.c;
    return (ch == 1 || ch == 2 || ch == 4 || ch == 8) && s->p.geom.stride_w == 1 &&
           s->out.n * s->out.h * s->out.w >= 8 && s->filter.h * s->filter.w <= 64;
}

static int dw512_fits(const mote_conv_s8_step *s)
{
    const int32_t taps = s->filter.h * s->filter.w;
    /* At least 16 channels, and enough pixels to pay for dw512_prepare. */
    return s->in.c >= 16 && s->out.n * s->out.h * s->out.w >= 8 && s->in.c <= MOTE_X86_DW_CH &&
           taps <= 64 && (int64_t)((taps + 1) / 2) * s->in.c * 4 <= MOTE_X86_DW_PAIR_BYTES;
}

/* dw512_ctx's interleaved weights and init for every channel, 16 at a time. */
MOTE_T_AVX512 static void dw512_interleave(const mote_conv_s8_step *s, const int8_t *filter,
                                           const int32_t *bias, dw512_ctx *x)
{
    const int32_t ch = s->in.c, taps = s->filter.h * s->filter.w;
    const __m512i ones = _mm512_set1_epi16(1);
    int32_t c, t;
    for (c = 0; c < ch; c += 16) {
        const __mmask16 m = lanes16(ch - c);
        __m512i sum = _mm512_setzero_si512(), init;
        for (t = 0; t < x->pairs; t++) {
            const __m128i wa = _mm_maskz_loadu_epi8(m, filter + 2 * t * ch + c);
            const __m128i wb = 2 * t + 1 < taps
                                   ? _mm_maskz_loadu_epi8(m, filter + (2 * t + 1) * ch + c)
                                   : _mm_setzero_si128();
            const __m512i w = _mm512_cvtepi8_epi16(_mm256_inserti128_si256(
                _mm256_castsi128_si256(_mm_unpacklo_epi8(wa, wb)), _mm_unpackhi_epi8(wa, wb), 1));
            _mm512_mask_storeu_epi32((void *)(x->wi + (t * ch + c) * 2), m, w);
            sum = _mm512_add_epi32(sum, _mm512_madd_epi16(w, ones));
        }
        /* Wrapping, as the reference's int32 sum and bias. */
        init = _mm512_mullo_epi32(sum, _mm512_set1_epi32(s->p.input_offset));
        if (bias != NULL) init = _mm512_add_epi32(init, _mm512_maskz_loadu_epi32(m, bias + c));
        _mm512_mask_storeu_epi32((void *)(x->init + c), m, init);
    }
}

static void dw512_prepare(const mote_conv_s8_step *s, const mote_x86_rq *q, const int8_t *filter,
                          const int32_t *bias, dw512_ctx *x)
{
    const int32_t ch = s->in.c, taps = s->filter.h * s->filter.w;
    int32_t c, t, l;
    x->pairs = (taps + 1) / 2;
    if (dw512_px(s)) {
        for (l = 0; l < 16; l++) {
            int32_t sum = 0;
            c = l % ch;
            for (t = 0; t < 2 * x->pairs; t++) {
                const int16_t w = t < taps ? filter[t * ch + c] : 0;
                x->wl[((t / 2) * 16 + l) * 2 + (t & 1)] = w;
                sum += w;
            }
            x->init_l[l] = (int32_t)((uint32_t)sum * (uint32_t)s->p.input_offset +
                                     (bias != NULL ? (uint32_t)bias[c] : 0u));
            x->mult_l[l] = q->mult[q->per_tensor ? 0 : c];
            x->shift_l[l] = q->shift[q->per_tensor ? 0 : c];
        }
        return;
    }
    dw512_interleave(s, filter, bias, x);
}

MOTE_T_AVX512 static void dw_row_avx512(const mote_conv_s8_step *s, const mote_x86_rq *q,
                                        const int8_t *in_b, const int8_t *filter,
                                        const int32_t *bias, int32_t oy, int8_t *out_row,
                                        const void *ctx)
{
    const dw512_ctx *x = (const dw512_ctx *)ctx;
    const mote_conv_geom *g = &s->p.geom;
    const int32_t ch = s->in.c, fh = s->filter.h, fw = s->filter.w, taps = fh * fw;
    const __m128i zpv = _mm_set1_epi8((char)(-s->p.input_offset));
    const __m512i zero = _mm512_setzero_si512();
    const __m512i off = _mm512_set1_epi32(q->out_off);
    const __m512i lo = _mm512_set1_epi32(q->act_min), hi = _mm512_set1_epi32(q->act_max);
    const int32_t y0 = oy * g->stride_h - g->pad_h;
    const int8_t *tp[66];
    int32_t ox, ky, kx, c, t;
    (void)filter;
    (void)bias;
    for (ox = 0; ox < s->out.w; ox++) {
        const int32_t x0 = ox * g->stride_w - g->pad_w;
        int8_t *out_px = out_row + ox * ch;
        /* Each tap's input pixel, NULL in the padding. */
        for (ky = 0, t = 0; ky < fh; ky++) {
            const int32_t y = y0 + g->dilation_h * ky;
            for (kx = 0; kx < fw; kx++, t++) {
                const int32_t xx = x0 + g->dilation_w * kx;
                tp[t] = y < 0 || y >= s->in.h || xx < 0 || xx >= s->in.w
                            ? NULL
                            : in_b + (y * s->in.w + xx) * ch;
            }
        }
        tp[taps] = NULL; /* the odd last tap's partner (zero weight) */
        for (c = 0; c < ch; c += 16) {
            const __mmask16 m = lanes16(ch - c);
            __m512i acc = _mm512_maskz_loadu_epi32(m, x->init + c), mult, sh, left, right, v;
            for (t = 0; t < x->pairs; t++) {
                const __m128i xa = tp[2 * t] ? _mm_maskz_loadu_epi8(m, tp[2 * t] + c) : zpv;
                const __m128i xb = tp[2 * t + 1] ? _mm_maskz_loadu_epi8(m, tp[2 * t + 1] + c) : zpv;
                const __m256i xab =
                    _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_unpacklo_epi8(xa, xb)),
                                            _mm_unpackhi_epi8(xa, xb), 1);
                const __m512i wv =
                    _mm512_maskz_loadu_epi32(m, (const void *)(x->wi + (t * ch + c) * 2));
                acc = _mm512_add_epi32(acc, _mm512_madd_epi16(_mm512_cvtepi8_epi16(xab), wv));
            }
            if (q->per_tensor) {
                mult = _mm512_set1_epi32(q->mult[0]);
                sh = _mm512_set1_epi32(q->shift[0]);
            } else {
                mult = _mm512_maskz_loadu_epi32(m, q->mult + c);
                sh = _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(m, q->shift + c));
            }
            left = _mm512_max_epi32(sh, zero);
            right = _mm512_sub_epi32(left, sh);
            v = _mm512_add_epi32(mote_x86_rq16(acc, mult, left, right), off);
            v = _mm512_min_epi32(_mm512_max_epi32(v, lo), hi);
            mote_x86_store16_masked(out_px + c, m, v);
        }
    }
}

/* dw_row_avx512_px: one tap's 16 bytes, input pixels xs .. xs + 16 / in_c - 1
 * of the row at byte row_at (-1: a padding row), the zero point zpv where
 * they lie in the padding (or past the np pixels wanted). */
MOTE_T_AVX512 static inline __m128i dw_px_tap(const mote_conv_s8_step *s, const int8_t *in_b,
                                              intptr_t row_at, int32_t xs, int32_t np, __m128i zpv)
{
    const int32_t ch = s->in.c, per = 16 / ch;
    const int32_t jlo = xs < 0 ? -xs : 0;
    const int32_t jhi = s->in.w - xs < np ? s->in.w - xs : np;
    if (row_at < 0 || jhi <= jlo) return zpv;
    if (jlo == 0 && jhi == per)
        return _mm_loadu_si128((const __m128i *)(const void *)(in_b + row_at + (intptr_t)xs * ch));
    /* Lanes jlo * ch .. jhi * ch - 1 are in the input; the address is
     * formed as an integer (lanes before it are not read). */
    return _mm_mask_loadu_epi8(
        zpv, (__mmask16)(((1u << ((jhi - jlo) * ch)) - 1u) << (jlo * ch)),
        (const void *)((uintptr_t)in_b + (uintptr_t)(row_at + (intptr_t)xs * ch)));
}

/* dw512_px: 16 / in_c output pixels per register. A tap's lanes whose
 * input pixel lies in the padding keep the zero point (masked load). */
MOTE_T_AVX512 static void dw_row_avx512_px(const mote_conv_s8_step *s, const mote_x86_rq *q,
                                           const int8_t *in_b, const int8_t *filter,
                                           const int32_t *bias, int32_t oy, int8_t *out_row,
                                           const void *ctx)
{
    const dw512_ctx *x = (const dw512_ctx *)ctx;
    const mote_conv_geom *g = &s->p.geom;
    const int32_t ch = s->in.c, fh = s->filter.h, fw = s->filter.w, taps = fh * fw;
    const int32_t per = 16 / ch; /* pixels per register */
    const __m128i zpv = _mm_set1_epi8((char)(-s->p.input_offset));
    const __m512i zero = _mm512_setzero_si512();
    const __m512i off = _mm512_set1_epi32(q->out_off);
    const __m512i lo = _mm512_set1_epi32(q->act_min), hi = _mm512_set1_epi32(q->act_max);
    const __m512i init = _mm512_loadu_si512((const void *)x->init_l);
    const __m512i mult = _mm512_loadu_si512((const void *)x->mult_l);
    const __m512i sh = _mm512_loadu_si512((const void *)x->shift_l);
    const __m512i left = _mm512_max_epi32(sh, zero), right = _mm512_sub_epi32(left, sh);
    const int32_t y0 = oy * g->stride_h - g->pad_h;
    const int32_t n2 = 2 * x->pairs;
    /* Per tap: its input row (byte offset of pixel 0 of that row; -1: the
     * row is padding) and its column offset. */
    intptr_t row_at[66] = {0};
    int32_t xoff[66] = {0};
    int32_t ox0, t;
    (void)filter;
    (void)bias;
    for (t = 0; t < n2; t++) {
        const int32_t ky = t / fw, kx = t % fw, y = y0 + g->dilation_h * ky;
        row_at[t] = t >= taps || y < 0 || y >= s->in.h ? -1 : (intptr_t)y * s->in.w * ch;
        xoff[t] = g->dilation_w * kx - g->pad_w;
    }
    for (ox0 = 0; ox0 < s->out.w; ox0 += per) {
        const int32_t np = s->out.w - ox0 < per ? s->out.w - ox0 : per;
        const __mmask16 m = (__mmask16)((1u << (np * ch)) - 1u);
        __m512i acc = init, v;
        for (t = 0; t < x->pairs; t++) {
            const __m128i xa = dw_px_tap(s, in_b, row_at[2 * t], ox0 + xoff[2 * t], np, zpv);
            const __m128i xb =
                dw_px_tap(s, in_b, row_at[2 * t + 1], ox0 + xoff[2 * t + 1], np, zpv);
            const __m256i xab = _mm256_inserti128_si256(
                _mm256_castsi128_si256(_mm_unpacklo_epi8(xa, xb)), _mm_unpackhi_epi8(xa, xb), 1);
            const __m512i wv = _mm512_loadu_si512((const void *)(x->wl + t * 32));
            acc = _mm512_add_epi32(acc, _mm512_madd_epi16(_mm512_cvtepi8_epi16(xab), wv));
        }
        v = _mm512_add_epi32(mote_x86_rq16(acc, mult, left, right), off);
        v = _mm512_min_epi32(_mm512_max_epi32(v, lo), hi);
        mote_x86_store16_masked(out_row + ox0 * ch, m, v);
    }
}

/* In place (the planner gave the output input 0's buffer; ref_rows.h):
 * output rows into the ring of mote_inplace_ring_rows rows in the scratch,
 * row y - (R - 1) copied back once row y is done (no later output row
 * reads the input rows above y + 1 - pad_h). */
static mote_status dw_in_place(dw_row_fn row_fn, const mote_conv_s8_step *s, const mote_x86_rq *q,
                               const mote_kernel_io *io, const void *ctx)
{
    int8_t *buf = (int8_t *)io->out[0], *ring = (int8_t *)io->scratch;
    const int8_t *filter = (const int8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int32_t rows, d, y;
    size_t row;
    if (ring == NULL || s->in.n != 1 || s->out.n != 1 || s->out.h > s->in.h ||
        s->out.w != s->in.w || (s->p.geom.stride_h != 1 && s->out.h != 1))
        return MOTE_E_ARG;
    rows = mote_inplace_ring_rows(s->out.h, s->p.geom.pad_h);
    d = rows - 1;
    row = (size_t)s->in.w * (size_t)s->in.c;
    for (y = 0; y < s->out.h; y++) {
        row_fn(s, q, buf, filter, bias, y, ring + (size_t)(y % rows) * row, ctx);
        if (y >= d) memcpy(buf + (size_t)(y - d) * row, ring + (size_t)((y - d) % rows) * row, row);
    }
    for (y = s->out.h - d; y < s->out.h; y++)
        memcpy(buf + (size_t)y * row, ring + (size_t)(y % rows) * row, row);
    return MOTE_OK;
}

static mote_status dw_run(dw_row_fn row_fn, const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const int8_t *input = (const int8_t *)io->in[0], *filter = (const int8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int8_t *output = (int8_t *)io->out[0];
    const size_t in_img = (size_t)s->in.h * (size_t)s->in.w * (size_t)s->in.c;
    const size_t out_row = (size_t)s->out.w * (size_t)s->out.c;
    dw512_ctx ctx;
    const void *cx = NULL; /* the AVX-512 row's weights; the others take none */
    int32_t b, oy;
    mote_x86_rq q;

    if (input == NULL || filter == NULL || output == NULL) return MOTE_E_ARG;
    dw_rq(s, &q);
    if (row_fn == dw_row_avx512) {
        if (dw512_px(s))
            row_fn = dw_row_avx512_px;
        else if (!dw512_fits(s))
            row_fn = dw_row_avx2;
        if (row_fn != dw_row_avx2) {
            dw512_prepare(s, &q, filter, bias, &ctx);
            cx = &ctx;
        }
    }
    if (input == output) return dw_in_place(row_fn, s, &q, io, cx);
    for (b = 0; b < s->out.n; b++)
        for (oy = 0; oy < s->out.h; oy++)
            row_fn(s, &q, input + (size_t)b * in_img, filter, bias, oy,
                   output + ((size_t)b * (size_t)s->out.h + (size_t)oy) * out_row, cx);
    return MOTE_OK;
}

mote_status mote_x86_depthwise_conv2d_s8_step_avx512(const void *step, const mote_kernel_io *io)
{
    return dw_run(dw_row_avx512, step, io);
}

mote_status mote_x86_depthwise_conv2d_s8_step_avx2(const void *step, const mote_kernel_io *io)
{
    return dw_run(dw_row_avx2, step, io);
}

mote_status mote_x86_depthwise_conv2d_s8_step_sse41(const void *step, const mote_kernel_io *io)
{
    return dw_run(dw_row_sse41, step, io);
}

/* ---- pools ----------------------------------------------------------- */

static int32_t clamp_i32(int32_t v, int32_t lo, int32_t hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

MOTE_T_AVX2 static mote_status avg_pool_avx2(const mote_pool_s8_step *s, const mote_kernel_io *io)
{
    const mote_pool_s8_params *p = &s->p;
    const int8_t *input = (const int8_t *)io->in[0];
    int8_t *output = (int8_t *)io->out[0];
    const int32_t ch = s->in.c;
    int32_t sum[16], b, oy, ox, y, x, c, i;

    if (input == NULL || output == NULL) return MOTE_E_ARG;
    for (b = 0; b < s->out.n; b++) {
        const int8_t *in_b = input + b * s->in.h * s->in.w * ch;
        for (oy = 0; oy < s->out.h; oy++) {
            const int32_t y0 = oy * p->geom.stride_h - p->geom.pad_h;
            const int32_t y_lo = y0 > 0 ? y0 : 0;
            const int32_t y_hi = y0 + p->filter_h < s->in.h ? y0 + p->filter_h : s->in.h;
            for (ox = 0; ox < s->out.w; ox++) {
                const int32_t x0 = ox * p->geom.stride_w - p->geom.pad_w;
                const int32_t x_lo = x0 > 0 ? x0 : 0;
                const int32_t x_hi = x0 + p->filter_w < s->in.w ? x0 + p->filter_w : s->in.w;
                const int32_t count = (y_hi - y_lo) * (x_hi - x_lo);
                int8_t *out_px = output + ((b * s->out.h + oy) * s->out.w + ox) * ch;
                /* A window wholly in the padding: the reference refuses it. */
                if (y_hi <= y_lo || x_hi <= x_lo) return MOTE_E_PARAM;
                for (c = 0; c < ch; c += 16) {
                    const int32_t n = c + 16 <= ch ? 16 : ch - c;
                    if (c + 16 <= ch) {
                        __m256i lo = _mm256_setzero_si256(), hi = lo;
                        for (y = y_lo; y < y_hi; y++)
                            for (x = x_lo; x < x_hi; x++) {
                                const __m128i v = _mm_loadu_si128(
                                    (const __m128i *)(const void *)(in_b + (y * s->in.w + x) * ch +
                                                                    c));
                                lo = _mm256_add_epi32(lo, _mm256_cvtepi8_epi32(v));
                                hi = _mm256_add_epi32(hi,
                                                      _mm256_cvtepi8_epi32(_mm_srli_si128(v, 8)));
                            }
                        _mm256_storeu_si256((__m256i *)(void *)sum, lo);
                        _mm256_storeu_si256((__m256i *)(void *)(sum + 8), hi);
                    } else {
                        for (i = 0; i < n; i++) {
                            sum[i] = 0;
                            for (y = y_lo; y < y_hi; y++)
                                for (x = x_lo; x < x_hi; x++)
                                    sum[i] += in_b[(y * s->in.w + x) * ch + c + i];
                        }
                    }
                    for (i = 0; i < n; i++) {
                        const int32_t v = sum[i] > 0 ? (sum[i] + count / 2) / count
                                                     : (sum[i] - count / 2) / count;
                        out_px[c + i] = (int8_t)clamp_i32(v, p->act_min, p->act_max);
                    }
                }
            }
        }
    }
    return MOTE_OK;
}

MOTE_T_AVX2 static mote_status max_pool_avx2(const mote_pool_s8_step *s, const mote_kernel_io *io)
{
    const mote_pool_s8_params *p = &s->p;
    const int8_t *input = (const int8_t *)io->in[0];
    int8_t *output = (int8_t *)io->out[0];
    const int32_t ch = s->in.c;
    const __m256i lo = _mm256_set1_epi8((char)p->act_min), hi = _mm256_set1_epi8((char)p->act_max);
    int32_t b, oy, ox, y, x, c;

    if (input == NULL || output == NULL) return MOTE_E_ARG;
    for (b = 0; b < s->out.n; b++) {
        const int8_t *in_b = input + b * s->in.h * s->in.w * ch;
        for (oy = 0; oy < s->out.h; oy++) {
            const int32_t y0 = oy * p->geom.stride_h - p->geom.pad_h;
            const int32_t y_lo = y0 > 0 ? y0 : 0;
            const int32_t y_hi = y0 + p->filter_h < s->in.h ? y0 + p->filter_h : s->in.h;
            for (ox = 0; ox < s->out.w; ox++) {
                const int32_t x0 = ox * p->geom.stride_w - p->geom.pad_w;
                const int32_t x_lo = x0 > 0 ? x0 : 0;
                const int32_t x_hi = x0 + p->filter_w < s->in.w ? x0 + p->filter_w : s->in.w;
                int8_t *out_px = output + ((b * s->out.h + oy) * s->out.w + ox) * ch;
                for (c = 0; c + 32 <= ch; c += 32) {
                    __m256i m = _mm256_set1_epi8((char)-128);
                    for (y = y_lo; y < y_hi; y++)
                        for (x = x_lo; x < x_hi; x++)
                            m = _mm256_max_epi8(
                                m, _mm256_loadu_si256((
                                       const __m256i *)(const void *)(in_b +
                                                                      (y * s->in.w + x) * ch + c)));
                    m = _mm256_min_epi8(_mm256_max_epi8(m, lo), hi);
                    _mm256_storeu_si256((__m256i *)(void *)(out_px + c), m);
                }
                for (; c < ch; c++) {
                    int32_t m = -128;
                    for (y = y_lo; y < y_hi; y++)
                        for (x = x_lo; x < x_hi; x++) {
                            const int32_t v = in_b[(y * s->in.w + x) * ch + c];
                            m = v > m ? v : m;
                        }
                    out_px[c] = (int8_t)clamp_i32(m, p->act_min, p->act_max);
                }
            }
        }
    }
    return MOTE_OK;
}

mote_status mote_x86_avg_pool_s8_step_avx2(const void *step, const mote_kernel_io *io)
{
    return avg_pool_avx2((const mote_pool_s8_step *)step, io);
}

mote_status mote_x86_max_pool_s8_step_avx2(const void *step, const mote_kernel_io *io)
{
    return max_pool_avx2((const mote_pool_s8_step *)step, io);
}

/* ---- ADD --------------------------------------------------------------- */

/* The reference's per-element formula (ref/add_s8.c). */
static int8_t add_one(const mote_add_s8_params *p, int32_t a, int32_t b)
{
    const int32_t a_shifted = mote_fp_shl_wrap(a + p->input1_offset, p->left_shift);
    const int32_t b_shifted = mote_fp_shl_wrap(b + p->input2_offset, p->left_shift);
    const int32_t a_scaled = mote_requantize_lt1(a_shifted, p->input1_multiplier, p->input1_shift);
    const int32_t b_scaled = mote_requantize_lt1(b_shifted, p->input2_multiplier, p->input2_shift);
    const int32_t out =
        mote_requantize_lt1(a_scaled + b_scaled, p->output_multiplier, p->output_shift) +
        p->output_offset;
    return (int8_t)clamp_i32(out, p->act_min, p->act_max);
}

MOTE_T_AVX2 static mote_status add_avx2(const mote_add_s8_step *s, const mote_kernel_io *io)
{
    const mote_add_s8_params *p = &s->p;
    const int8_t *in1 = (const int8_t *)io->in[0], *in2 = (const int8_t *)io->in[1];
    int8_t *output = (int8_t *)io->out[0];
    const int32_t n = s->out.n * s->out.h * s->out.w * s->out.c;
    const __m256i zero = _mm256_setzero_si256();
    const __m256i off1 = _mm256_set1_epi32(p->input1_offset);
    const __m256i off2 = _mm256_set1_epi32(p->input2_offset);
    const __m256i m1 = _mm256_set1_epi32(p->input1_multiplier);
    const __m256i m2 = _mm256_set1_epi32(p->input2_multiplier);
    const __m256i mo = _mm256_set1_epi32(p->output_multiplier);
    const __m256i r1 = _mm256_set1_epi32(-p->input1_shift);
    const __m256i r2 = _mm256_set1_epi32(-p->input2_shift);
    const __m256i ro = _mm256_set1_epi32(-p->output_shift);
    const __m256i ls = _mm256_set1_epi32(p->left_shift);
    const __m256i oo = _mm256_set1_epi32(p->output_offset);
    const __m256i lo = _mm256_set1_epi32(p->act_min), hi = _mm256_set1_epi32(p->act_max);
    int32_t i = 0;

    if (in1 == NULL || in2 == NULL || output == NULL) return MOTE_E_ARG;
    for (; i + 8 <= n; i += 8) {
        __m256i a = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(const void *)(in1 + i)));
        __m256i b = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(const void *)(in2 + i)));
        a = mote_x86_rq8(_mm256_sllv_epi32(_mm256_add_epi32(a, off1), ls), m1, zero, r1);
        b = mote_x86_rq8(_mm256_sllv_epi32(_mm256_add_epi32(b, off2), ls), m2, zero, r2);
        a = _mm256_add_epi32(mote_x86_rq8(_mm256_add_epi32(a, b), mo, zero, ro), oo);
        mote_x86_store8(output + i, _mm256_min_epi32(_mm256_max_epi32(a, lo), hi));
    }
    for (; i < n; i++)
        output[i] = add_one(p, in1[i], in2[i]);
    return MOTE_OK;
}

/* mote_requantize_lt1() on 16 lanes with one multiplier and one right
 * shift for every lane (ADD's): mote_x86_rq16 with no left shift, its
 * rounding mask (mask = 2^right - 1, half = mask >> 1) made once. */
MOTE_T_AVX512 static inline __m512i rq16_uniform(__m512i x, __m512i mult, __m128i right,
                                                 __m512i mask, __m512i half)
{
    const __m512i nudge = _mm512_set1_epi64((long long)1 << 30);
    __m512i even = _mm512_mul_epi32(x, mult);
    __m512i odd = _mm512_mul_epi32(_mm512_srli_epi64(x, 32), mult);
    __m512i hi, r;
    even = _mm512_srli_epi64(_mm512_add_epi64(even, nudge), 31);
    odd = _mm512_slli_epi64(_mm512_add_epi64(odd, nudge), 1);
    hi = _mm512_mask_blend_epi32((__mmask16)0xAAAA, even, odd);
    r = _mm512_sra_epi32(hi, right);
    return _mm512_mask_add_epi32(
        r,
        _mm512_cmpgt_epi32_mask(_mm512_and_si512(hi, mask),
                                _mm512_add_epi32(half, _mm512_srli_epi32(hi, 31))),
        r, _mm512_set1_epi32(1));
}

/* ADD on 16 lanes (AVX-512). */
MOTE_T_AVX512 static mote_status add_avx512(const mote_add_s8_step *s, const mote_kernel_io *io)
{
    const mote_add_s8_params *p = &s->p;
    const int8_t *in1 = (const int8_t *)io->in[0], *in2 = (const int8_t *)io->in[1];
    int8_t *output = (int8_t *)io->out[0];
    const int32_t n = s->out.n * s->out.h * s->out.w * s->out.c;
    const __m512i off1 = _mm512_set1_epi32(p->input1_offset);
    const __m512i off2 = _mm512_set1_epi32(p->input2_offset);
    const __m512i m1 = _mm512_set1_epi32(p->input1_multiplier);
    const __m512i m2 = _mm512_set1_epi32(p->input2_multiplier);
    const __m512i mo = _mm512_set1_epi32(p->output_multiplier);
    const __m128i r1 = _mm_cvtsi32_si128(-p->input1_shift);
    const __m128i r2 = _mm_cvtsi32_si128(-p->input2_shift);
    const __m128i ro = _mm_cvtsi32_si128(-p->output_shift);
    const __m512i k1 = _mm512_set1_epi32((int32_t)((1u << -p->input1_shift) - 1u));
    const __m512i k2 = _mm512_set1_epi32((int32_t)((1u << -p->input2_shift) - 1u));
    const __m512i ko = _mm512_set1_epi32((int32_t)((1u << -p->output_shift) - 1u));
    const __m512i h1 = _mm512_srli_epi32(k1, 1), h2 = _mm512_srli_epi32(k2, 1);
    const __m512i ho = _mm512_srli_epi32(ko, 1);
    const __m128i ls = _mm_cvtsi32_si128(p->left_shift);
    const __m512i oo = _mm512_set1_epi32(p->output_offset);
    const __m512i lo = _mm512_set1_epi32(p->act_min), hi = _mm512_set1_epi32(p->act_max);
    int32_t i = 0;

    if (in1 == NULL || in2 == NULL || output == NULL) return MOTE_E_ARG;
    for (; i < n; i += 16) {
        const __mmask16 m = lanes16(n - i);
        __m512i a = _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(m, in1 + i));
        __m512i b = _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(m, in2 + i));
        a = rq16_uniform(_mm512_sll_epi32(_mm512_add_epi32(a, off1), ls), m1, r1, k1, h1);
        b = rq16_uniform(_mm512_sll_epi32(_mm512_add_epi32(b, off2), ls), m2, r2, k2, h2);
        a = _mm512_add_epi32(rq16_uniform(_mm512_add_epi32(a, b), mo, ro, ko, ho), oo);
        mote_x86_store16_masked(output + i, m, _mm512_min_epi32(_mm512_max_epi32(a, lo), hi));
    }
    return MOTE_OK;
}

mote_status mote_x86_add_s8_step_avx2(const void *step, const mote_kernel_io *io)
{
    return add_avx2((const mote_add_s8_step *)step, io);
}

mote_status mote_x86_add_s8_step_avx512(const void *step, const mote_kernel_io *io)
{
    return add_avx512((const mote_add_s8_step *)step, io);
}

#else
typedef int mote_x86_elementwise_unused; /* ISO C: a translation unit is not empty */
#endif
