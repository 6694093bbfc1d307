/*
 * matmul_s8_x86.c — CONV_2D and FULLY_CONNECTED int8 on x86-64, as
 * dot products of int8 rows.
 *
 * Both kernels are out[p, o] = requantize(bias[o] + sum_k w[o, k] *
 * (a[p, k] + input_offset)): for FULLY_CONNECTED a[p] is an input row; for
 * CONV_2D it is the pixel's window (filter [out_c, kh, kw, in_c] is then
 * exactly [out_c, K] with K = kh * kw * in_c). A window inside the input is
 * read in place, kh rows of kw * in_c contiguous bytes; one that crosses the
 * padding is copied into a one-column scratch first (im2col), padded taps
 * written as the input zero point, whose term (zp + input_offset) * w is zero
 * (the reference skips them).
 *
 * Dot products, per level:
 *   sse41/avx2  int8 sign-extended to int16, input_offset added (|x + off|
 *               <= 255), PMADDWD sums pairs into int32 (|pair| <= 65280);
 *   avx512      VPDPBUSD multiplies unsigned by signed bytes, so the input
 *               goes in as x + 128 (x ^ 0x80) and the kernel adds
 *               (input_offset - 128) * sum_k w[o, k] per output channel.
 * Each int32 accumulator is the reference's sum (lowering bounds it to
 * int32); partial sums and the correction wrap like the reference's
 * (two's complement), so the total is the same int32.
 */
#include "kernels/x86/x86_kernels.h"
#include "kernels/x86/x86_rows.h"

#if MOTE_X86_BUILD

#include <string.h>
#include "kernels/x86/x86_simd.h"

static int32_t min_i32(int32_t a, int32_t b)
{
    return a < b ? a : b;
}

/* One level's dot products: px pixels x 4 output channels at a time. */
typedef struct mm_ops {
    int32_t px;
    /* out[p * out_stride + j] = corr[j] + the sum over nseg segments g
     * of sum_{k < seg} w[j][g * seg + k] * (a[p][g * a_step[p] + k] +
     * in_off), except that with vnni set the input term is a + 128. */
    void (*dot)(const int8_t *const *a, const int32_t *a_step, const int8_t *const *w, int32_t seg,
                int32_t nseg, int32_t in_off, const int32_t *corr, int32_t *out,
                int32_t out_stride);
    /* out[j] = sum_k w[j][k] * (a[k] + in_off), exactly, at every level. */
    void (*dot1)(const int8_t *a, const int8_t *const *w, int32_t k, int32_t in_off, int32_t *out);
    /* out[j] = sum_k w[j][k] (vnni only). */
    void (*wsum)(const int8_t *const *w, int32_t k, int32_t *out);
    void (*requant)(const int32_t *acc, const int32_t *bias, int32_t c0, int32_t n,
                    const mote_x86_rq *q, int8_t *out);
    int vnni;
} mm_ops;

/* ---- SSE4.1 ---------------------------------------------------------- */

MOTE_T_SSE41 static void dot_sse41_2x4(const int8_t *const *a, const int32_t *a_step,
                                       const int8_t *const *w, int32_t seg, int32_t nseg,
                                       int32_t in_off, const int32_t *corr, int32_t *out,
                                       int32_t out_stride)
{
    const __m128i off = _mm_set1_epi16((short)in_off);
    __m128i c00 = _mm_setzero_si128(), c01 = c00, c02 = c00, c03 = c00;
    __m128i c10 = c00, c11 = c00, c12 = c00, c13 = c00;
    int32_t tail[8] = {0, 0, 0, 0, 0, 0, 0, 0}, g, i, p, j;
    for (g = 0; g < nseg; g++) {
        const int8_t *a0p = a[0] + g * a_step[0], *a1p = a[1] + g * a_step[1];
        const int8_t *w0p = w[0] + g * seg, *w1p = w[1] + g * seg, *w2p = w[2] + g * seg,
                     *w3p = w[3] + g * seg;
        for (i = 0; i + 8 <= seg; i += 8) {
#define LD8(ptr) _mm_cvtepi8_epi16(_mm_loadl_epi64((const __m128i *)(const void *)(ptr)))
            const __m128i a0 = _mm_add_epi16(LD8(a0p + i), off);
            const __m128i a1 = _mm_add_epi16(LD8(a1p + i), off);
            const __m128i w0 = LD8(w0p + i), w1 = LD8(w1p + i), w2 = LD8(w2p + i),
                          w3 = LD8(w3p + i);
#undef LD8
            c00 = _mm_add_epi32(c00, _mm_madd_epi16(a0, w0));
            c01 = _mm_add_epi32(c01, _mm_madd_epi16(a0, w1));
            c02 = _mm_add_epi32(c02, _mm_madd_epi16(a0, w2));
            c03 = _mm_add_epi32(c03, _mm_madd_epi16(a0, w3));
            c10 = _mm_add_epi32(c10, _mm_madd_epi16(a1, w0));
            c11 = _mm_add_epi32(c11, _mm_madd_epi16(a1, w1));
            c12 = _mm_add_epi32(c12, _mm_madd_epi16(a1, w2));
            c13 = _mm_add_epi32(c13, _mm_madd_epi16(a1, w3));
        }
        for (; i < seg; i++)
            for (p = 0; p < 2; p++)
                for (j = 0; j < 4; j++)
                    tail[p * 4 + j] += (a[p][g * a_step[p] + i] + in_off) * w[j][g * seg + i];
    }
    {
        const __m128i cv = _mm_loadu_si128((const __m128i *)(const void *)corr);
        _mm_storeu_si128((__m128i *)(void *)out,
                         _mm_add_epi32(_mm_add_epi32(mote_x86_hsum4_sse41(c00, c01, c02, c03), cv),
                                       _mm_loadu_si128((const __m128i *)(const void *)tail)));
        _mm_storeu_si128((__m128i *)(void *)(out + out_stride),
                         _mm_add_epi32(_mm_add_epi32(mote_x86_hsum4_sse41(c10, c11, c12, c13), cv),
                                       _mm_loadu_si128((const __m128i *)(const void *)(tail + 4))));
    }
}

MOTE_T_SSE41 static void dot_sse41_1x4(const int8_t *a, const int8_t *const *w, int32_t k,
                                       int32_t in_off, int32_t *out)
{
    const __m128i off = _mm_set1_epi16((short)in_off);
    __m128i c0 = _mm_setzero_si128(), c1 = c0, c2 = c0, c3 = c0;
    int32_t i = 0, j;
    for (; i + 8 <= k; i += 8) {
#define LD8(ptr) _mm_cvtepi8_epi16(_mm_loadl_epi64((const __m128i *)(const void *)(ptr)))
        const __m128i a0 = _mm_add_epi16(LD8(a + i), off);
        c0 = _mm_add_epi32(c0, _mm_madd_epi16(a0, LD8(w[0] + i)));
        c1 = _mm_add_epi32(c1, _mm_madd_epi16(a0, LD8(w[1] + i)));
        c2 = _mm_add_epi32(c2, _mm_madd_epi16(a0, LD8(w[2] + i)));
        c3 = _mm_add_epi32(c3, _mm_madd_epi16(a0, LD8(w[3] + i)));
#undef LD8
    }
    _mm_storeu_si128((__m128i *)(void *)out, mote_x86_hsum4_sse41(c0, c1, c2, c3));
    for (; i < k; i++)
        for (j = 0; j < 4; j++)
            out[j] += (a[i] + in_off) * w[j][i];
}

/* ---- AVX2 ------------------------------------------------------------ */

/* 16 int8 at ptr, sign-extended to int16. */
#define LD16(ptr) _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(const void *)(ptr)))
/* 8 int8 at ptr, sign-extended to int16, in the low half of a zeroed ymm. */
#define LD8Z(ptr)                                                                                  \
    _mm256_inserti128_si256(                                                                       \
        _mm256_setzero_si256(),                                                                    \
        _mm_cvtepi8_epi16(_mm_loadl_epi64((const __m128i *)(const void *)(ptr))), 0)

#define MOTE_MADD8(a0, a1, w0, w1, w2, w3)                                                         \
    do {                                                                                           \
        c00 = _mm256_add_epi32(c00, _mm256_madd_epi16(a0, w0));                                    \
        c01 = _mm256_add_epi32(c01, _mm256_madd_epi16(a0, w1));                                    \
        c02 = _mm256_add_epi32(c02, _mm256_madd_epi16(a0, w2));                                    \
        c03 = _mm256_add_epi32(c03, _mm256_madd_epi16(a0, w3));                                    \
        c10 = _mm256_add_epi32(c10, _mm256_madd_epi16(a1, w0));                                    \
        c11 = _mm256_add_epi32(c11, _mm256_madd_epi16(a1, w1));                                    \
        c12 = _mm256_add_epi32(c12, _mm256_madd_epi16(a1, w2));                                    \
        c13 = _mm256_add_epi32(c13, _mm256_madd_epi16(a1, w3));                                    \
    } while (0)

MOTE_T_AVX2 static void dot_avx2_2x4(const int8_t *const *a, const int32_t *a_step,
                                     const int8_t *const *w, int32_t seg, int32_t nseg,
                                     int32_t in_off, const int32_t *corr, int32_t *out,
                                     int32_t out_stride)
{
    const __m256i off = _mm256_set1_epi16((short)in_off);
    __m256i c00 = _mm256_setzero_si256(), c01 = c00, c02 = c00, c03 = c00;
    __m256i c10 = c00, c11 = c00, c12 = c00, c13 = c00;
    int32_t tail[8] = {0, 0, 0, 0, 0, 0, 0, 0}, g, i, p, j;
    for (g = 0; g < nseg; g++) {
        const int8_t *a0p = a[0] + g * a_step[0], *a1p = a[1] + g * a_step[1];
        const int8_t *w0p = w[0] + g * seg, *w1p = w[1] + g * seg, *w2p = w[2] + g * seg,
                     *w3p = w[3] + g * seg;
        for (i = 0; i + 16 <= seg; i += 16) {
            const __m256i a0 = _mm256_add_epi16(LD16(a0p + i), off);
            const __m256i a1 = _mm256_add_epi16(LD16(a1p + i), off);
            MOTE_MADD8(a0, a1, LD16(w0p + i), LD16(w1p + i), LD16(w2p + i), LD16(w3p + i));
        }
        if (i + 8 <= seg) {
            /* Zero upper halves: the high lanes of a * w are 0 * 0. */
            const __m256i a0 = _mm256_add_epi16(LD8Z(a0p + i), off);
            const __m256i a1 = _mm256_add_epi16(LD8Z(a1p + i), off);
            MOTE_MADD8(a0, a1, LD8Z(w0p + i), LD8Z(w1p + i), LD8Z(w2p + i), LD8Z(w3p + i));
            i += 8;
        }
        for (; i < seg; i++)
            for (p = 0; p < 2; p++)
                for (j = 0; j < 4; j++)
                    tail[p * 4 + j] += (a[p][g * a_step[p] + i] + in_off) * w[j][g * seg + i];
    }
    {
        const __m128i cv = _mm_loadu_si128((const __m128i *)(const void *)corr);
        _mm_storeu_si128((__m128i *)(void *)out,
                         _mm_add_epi32(_mm_add_epi32(mote_x86_hsum4_avx2(c00, c01, c02, c03), cv),
                                       _mm_loadu_si128((const __m128i *)(const void *)tail)));
        _mm_storeu_si128((__m128i *)(void *)(out + out_stride),
                         _mm_add_epi32(_mm_add_epi32(mote_x86_hsum4_avx2(c10, c11, c12, c13), cv),
                                       _mm_loadu_si128((const __m128i *)(const void *)(tail + 4))));
    }
}
#undef MOTE_MADD8

MOTE_T_AVX2 static void dot_avx2_1x4(const int8_t *a, const int8_t *const *w, int32_t k,
                                     int32_t in_off, int32_t *out)
{
    const __m256i off = _mm256_set1_epi16((short)in_off);
    __m256i c0 = _mm256_setzero_si256(), c1 = c0, c2 = c0, c3 = c0;
    int32_t i = 0, j;
    for (; i + 16 <= k; i += 16) {
        const __m256i a0 = _mm256_add_epi16(LD16(a + i), off);
        c0 = _mm256_add_epi32(c0, _mm256_madd_epi16(a0, LD16(w[0] + i)));
        c1 = _mm256_add_epi32(c1, _mm256_madd_epi16(a0, LD16(w[1] + i)));
        c2 = _mm256_add_epi32(c2, _mm256_madd_epi16(a0, LD16(w[2] + i)));
        c3 = _mm256_add_epi32(c3, _mm256_madd_epi16(a0, LD16(w[3] + i)));
    }
    if (i + 8 <= k) {
        const __m256i a0 = _mm256_add_epi16(LD8Z(a + i), off);
        c0 = _mm256_add_epi32(c0, _mm256_madd_epi16(a0, LD8Z(w[0] + i)));
        c1 = _mm256_add_epi32(c1, _mm256_madd_epi16(a0, LD8Z(w[1] + i)));
        c2 = _mm256_add_epi32(c2, _mm256_madd_epi16(a0, LD8Z(w[2] + i)));
        c3 = _mm256_add_epi32(c3, _mm256_madd_epi16(a0, LD8Z(w[3] + i)));
        i += 8;
    }
    _mm_storeu_si128((__m128i *)(void *)out, mote_x86_hsum4_avx2(c0, c1, c2, c3));
    for (; i < k; i++)
        for (j = 0; j < 4; j++)
            out[j] += (a[i] + in_off) * w[j][i];
}
#undef LD16
#undef LD8Z

MOTE_T_AVX2 static void requant_avx2(const int32_t *acc, const int32_t *bias, int32_t c0, int32_t n,
                                     const mote_x86_rq *q, int8_t *out)
{
    mote_x86_requant_avx2(acc, bias, c0, n, q, out);
}

/* ---- AVX-512 VNNI ---------------------------------------------------- */

/* Lanes [0, n) of 64 (n >= 1). */
static __mmask64 mask64(int32_t n)
{
    return n >= 64 ? ~(__mmask64)0 : (((__mmask64)1 << n) - 1);
}

MOTE_T_AVX512 static inline __m256i fold512(__m512i v)
{
    return _mm256_add_epi32(_mm512_castsi512_si256(v), _mm512_extracti64x4_epi64(v, 1));
}

MOTE_T_AVX512 static void dot_vnni_4x4(const int8_t *const *a, const int32_t *a_step,
                                       const int8_t *const *w, int32_t seg, int32_t nseg,
                                       int32_t in_off, const int32_t *corr, int32_t *out,
                                       int32_t out_stride)
{
    const __m512i flip = _mm512_set1_epi8((char)-128);
    __m512i c00 = _mm512_setzero_si512(), c01 = c00, c02 = c00, c03 = c00;
    __m512i c10 = c00, c11 = c00, c12 = c00, c13 = c00;
    __m512i c20 = c00, c21 = c00, c22 = c00, c23 = c00;
    __m512i c30 = c00, c31 = c00, c32 = c00, c33 = c00;
    int32_t g, i;
    (void)in_off;
    for (g = 0; g < nseg; g++) {
        const int8_t *a0p = a[0] + g * a_step[0], *a1p = a[1] + g * a_step[1];
        const int8_t *a2p = a[2] + g * a_step[2], *a3p = a[3] + g * a_step[3];
        const int8_t *w0p = w[0] + g * seg, *w1p = w[1] + g * seg, *w2p = w[2] + g * seg,
                     *w3p = w[3] + g * seg;
        for (i = 0; i < seg; i += 64) {
            /* Masked-off lanes: a reads 0 ^ 0x80, w reads 0, so they add 0. */
            const __mmask64 m = mask64(seg - i);
            const __m512i a0 = _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, a0p + i), flip);
            const __m512i a1 = _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, a1p + i), flip);
            const __m512i a2 = _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, a2p + i), flip);
            const __m512i a3 = _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, a3p + i), flip);
            const __m512i w0 = _mm512_maskz_loadu_epi8(m, w0p + i);
            const __m512i w1 = _mm512_maskz_loadu_epi8(m, w1p + i);
            const __m512i w2 = _mm512_maskz_loadu_epi8(m, w2p + i);
            const __m512i w3 = _mm512_maskz_loadu_epi8(m, w3p + i);
            c00 = _mm512_dpbusd_epi32(c00, a0, w0);
            c01 = _mm512_dpbusd_epi32(c01, a0, w1);
            c02 = _mm512_dpbusd_epi32(c02, a0, w2);
            c03 = _mm512_dpbusd_epi32(c03, a0, w3);
            c10 = _mm512_dpbusd_epi32(c10, a1, w0);
            c11 = _mm512_dpbusd_epi32(c11, a1, w1);
            c12 = _mm512_dpbusd_epi32(c12, a1, w2);
            c13 = _mm512_dpbusd_epi32(c13, a1, w3);
            c20 = _mm512_dpbusd_epi32(c20, a2, w0);
            c21 = _mm512_dpbusd_epi32(c21, a2, w1);
            c22 = _mm512_dpbusd_epi32(c22, a2, w2);
            c23 = _mm512_dpbusd_epi32(c23, a2, w3);
            c30 = _mm512_dpbusd_epi32(c30, a3, w0);
            c31 = _mm512_dpbusd_epi32(c31, a3, w1);
            c32 = _mm512_dpbusd_epi32(c32, a3, w2);
            c33 = _mm512_dpbusd_epi32(c33, a3, w3);
        }
    }
    {
        const __m128i cv = _mm_loadu_si128((const __m128i *)(const void *)corr);
#define MOTE_ST4(row, v0, v1, v2, v3)                                                              \
    _mm_storeu_si128(                                                                              \
        (__m128i *)(void *)(out + (row)*out_stride),                                               \
        _mm_add_epi32(mote_x86_hsum4_avx2(fold512(v0), fold512(v1), fold512(v2), fold512(v3)),     \
                      cv))
        MOTE_ST4(0, c00, c01, c02, c03);
        MOTE_ST4(1, c10, c11, c12, c13);
        MOTE_ST4(2, c20, c21, c22, c23);
        MOTE_ST4(3, c30, c31, c32, c33);
#undef MOTE_ST4
    }
}

MOTE_T_AVX512 static void wsum_vnni(const int8_t *const *w, int32_t k, int32_t *out)
{
    const __m512i ones = _mm512_set1_epi8(1);
    __m512i s0 = _mm512_setzero_si512(), s1 = s0, s2 = s0, s3 = s0;
    int32_t i;
    for (i = 0; i < k; i += 64) {
        const __mmask64 m = mask64(k - i);
        s0 = _mm512_dpbusd_epi32(s0, ones, _mm512_maskz_loadu_epi8(m, w[0] + i));
        s1 = _mm512_dpbusd_epi32(s1, ones, _mm512_maskz_loadu_epi8(m, w[1] + i));
        s2 = _mm512_dpbusd_epi32(s2, ones, _mm512_maskz_loadu_epi8(m, w[2] + i));
        s3 = _mm512_dpbusd_epi32(s3, ones, _mm512_maskz_loadu_epi8(m, w[3] + i));
    }
    _mm_storeu_si128((__m128i *)(void *)out,
                     mote_x86_hsum4_avx2(fold512(s0), fold512(s1), fold512(s2), fold512(s3)));
}

MOTE_T_AVX512 static void dot_vnni_1x4(const int8_t *a, const int8_t *const *w, int32_t k,
                                       int32_t in_off, int32_t *out)
{
    const __m512i flip = _mm512_set1_epi8((char)-128), ones = _mm512_set1_epi8(1);
    __m512i c0 = _mm512_setzero_si512(), c1 = c0, c2 = c0, c3 = c0;
    __m512i s0 = c0, s1 = c0, s2 = c0, s3 = c0;
    __m128i dot, sum;
    int32_t i;
    if (in_off == 128) {
        /* x + in_off is x + 128 itself: no correction, no sums of weights. */
        for (i = 0; i < k; i += 64) {
            const __mmask64 m = mask64(k - i);
            const __m512i a0 = _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, a + i), flip);
            c0 = _mm512_dpbusd_epi32(c0, a0, _mm512_maskz_loadu_epi8(m, w[0] + i));
            c1 = _mm512_dpbusd_epi32(c1, a0, _mm512_maskz_loadu_epi8(m, w[1] + i));
            c2 = _mm512_dpbusd_epi32(c2, a0, _mm512_maskz_loadu_epi8(m, w[2] + i));
            c3 = _mm512_dpbusd_epi32(c3, a0, _mm512_maskz_loadu_epi8(m, w[3] + i));
        }
        _mm_storeu_si128((__m128i *)(void *)out,
                         mote_x86_hsum4_avx2(fold512(c0), fold512(c1), fold512(c2), fold512(c3)));
        return;
    }
    for (i = 0; i < k; i += 64) {
        const __mmask64 m = mask64(k - i);
        const __m512i a0 = _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, a + i), flip);
        const __m512i w0 = _mm512_maskz_loadu_epi8(m, w[0] + i);
        const __m512i w1 = _mm512_maskz_loadu_epi8(m, w[1] + i);
        const __m512i w2 = _mm512_maskz_loadu_epi8(m, w[2] + i);
        const __m512i w3 = _mm512_maskz_loadu_epi8(m, w[3] + i);
        c0 = _mm512_dpbusd_epi32(c0, a0, w0);
        c1 = _mm512_dpbusd_epi32(c1, a0, w1);
        c2 = _mm512_dpbusd_epi32(c2, a0, w2);
        c3 = _mm512_dpbusd_epi32(c3, a0, w3);
        s0 = _mm512_dpbusd_epi32(s0, ones, w0);
        s1 = _mm512_dpbusd_epi32(s1, ones, w1);
        s2 = _mm512_dpbusd_epi32(s2, ones, w2);
        s3 = _mm512_dpbusd_epi32(s3, ones, w3);
    }
    dot = mote_x86_hsum4_avx2(fold512(c0), fold512(c1), fold512(c2), fold512(c3));
    sum = mote_x86_hsum4_avx2(fold512(s0), fold512(s1), fold512(s2), fold512(s3));
    /* sum w * (x + 128) + (in_off - 128) * sum w, wrapping. */
    dot = _mm_add_epi32(dot, _mm_mullo_epi32(sum, _mm_set1_epi32(in_off - 128)));
    _mm_storeu_si128((__m128i *)(void *)out, dot);
}

/* Weights repacked (any K): 16 output channels per register. The weights
 * of G groups of 16 channels from oc0 are repacked as wp[k / 4][G * 16][k % 4]
 * (zero past K and past the last channel), so VPDPBUSD of the 4 input
 * bytes k..k+3, broadcast, with the 64 bytes of group g in row k / 4 adds
 * their 4 taps to 16 channels at once: no horizontal sums, and each
 * weight load serves 4 or 8 pixels (MOTE_X86_PK_PX). */

/* out[c] = dword c of every row r[0..15] (a 16 x 16 transposition of
 * 32-bit elements). */
MOTE_T_AVX512 static inline __attribute__((always_inline)) void transpose16(const __m512i *r,
                                                                            __m512i *out)
{
    __m512i t[16], u[16];
    int32_t i, j;
    _Pragma("GCC unroll 8") for (i = 0; i < 8; i++)
    {
        t[2 * i] = _mm512_unpacklo_epi32(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_epi32(r[2 * i], r[2 * i + 1]);
    }
    /* u[4 i + j], 128-bit lane L: element 4 L + j of rows 4 i .. 4 i + 3. */
    _Pragma("GCC unroll 4") for (i = 0; i < 4; i++)
    {
        u[4 * i] = _mm512_unpacklo_epi64(t[4 * i], t[4 * i + 2]);
        u[4 * i + 1] = _mm512_unpackhi_epi64(t[4 * i], t[4 * i + 2]);
        u[4 * i + 2] = _mm512_unpacklo_epi64(t[4 * i + 1], t[4 * i + 3]);
        u[4 * i + 3] = _mm512_unpackhi_epi64(t[4 * i + 1], t[4 * i + 3]);
    }
    _Pragma("GCC unroll 4") for (j = 0; j < 4; j++)
    {
        const __m512i c0 = _mm512_shuffle_i32x4(u[j], u[4 + j], 0x44);
        const __m512i c1 = _mm512_shuffle_i32x4(u[j], u[4 + j], 0xEE);
        const __m512i c2 = _mm512_shuffle_i32x4(u[8 + j], u[12 + j], 0x44);
        const __m512i c3 = _mm512_shuffle_i32x4(u[8 + j], u[12 + j], 0xEE);
        out[j] = _mm512_shuffle_i32x4(c0, c2, 0x88);
        out[4 + j] = _mm512_shuffle_i32x4(c0, c2, 0xDD);
        out[8 + j] = _mm512_shuffle_i32x4(c1, c3, 0x88);
        out[12 + j] = _mm512_shuffle_i32x4(c1, c3, 0xDD);
    }
}

/* Packs ng groups (see above) and gives each group's per-channel sums of
 * weights (lane j: channel 16 g + j) in wsum[g]. */
MOTE_T_AVX512 static void pk_pack(const int8_t *filter, int32_t k, int32_t oc0, int32_t oc_n,
                                  int32_t ng, int8_t *wp, __m512i *wsum)
{
    const int32_t k4 = (k + 3) / 4, gs = ng * 64;
    const __m512i ones = _mm512_set1_epi8(1);
    __m512i r[16], col[16];
    int32_t g, blk, j, c;
    for (g = 0; g < ng; g++) {
        const int32_t c0 = oc0 + 16 * g, nc = min_i32(16, oc_n - c0);
        int8_t *dst = wp + g * 64;
        __m512i sum = _mm512_setzero_si512();
        /* 64 bytes (16 chunks of 4) of each channel's row at a time. */
        for (blk = 0; blk * 64 < k; blk++) {
            const __mmask64 m = mask64(k - blk * 64);
            _Pragma("GCC unroll 16") for (j = 0; j < 16; j++) r[j] =
                j < nc ? _mm512_maskz_loadu_epi8(m, filter + (c0 + j) * k + blk * 64)
                       : _mm512_setzero_si512();
            transpose16(r, col);
            for (c = 0; c < 16 && blk * 16 + c < k4; c++) {
                _mm512_storeu_si512((void *)(dst + (blk * 16 + c) * gs), col[c]);
                sum = _mm512_dpbusd_epi32(sum, ones, col[c]);
            }
        }
        wsum[g] = sum;
    }
}

/* The output stage of a group of 16 channels: each lane's bias and
 * correction (in_off - 128) * sum w (the dot products take x + 128), its
 * requantization, and which lanes are channels (m). */
typedef struct pk_group {
    __m512i init, mult, left, right;
    __mmask16 m;
} pk_group;

MOTE_T_AVX512 static void pk_group_init(__m512i sum, int32_t c0, int32_t oc_n, const int32_t *bias,
                                        int32_t in_off, const mote_x86_rq *q, pk_group *o)
{
    const __m512i zero = _mm512_setzero_si512();
    const int32_t nc = min_i32(16, oc_n - c0);
    __m512i sh;
    o->m = (__mmask16)(nc <= 0 ? 0u : nc >= 16 ? 0xFFFFu : (1u << nc) - 1u);
    /* Wrapping, as the reference's int32 sum and bias. */
    o->init = _mm512_mullo_epi32(sum, _mm512_set1_epi32(in_off - 128));
    if (bias != NULL && nc > 0)
        o->init = _mm512_add_epi32(o->init, _mm512_maskz_loadu_epi32(o->m, bias + c0));
    if (q->per_tensor || nc <= 0) {
        o->mult = _mm512_set1_epi32(q->mult[0]);
        sh = _mm512_set1_epi32(q->shift[0]);
    } else {
        o->mult = _mm512_maskz_loadu_epi32(o->m, q->mult + c0);
        sh = _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(o->m, q->shift + c0));
    }
    o->left = _mm512_max_epi32(sh, zero);
    o->right = _mm512_sub_epi32(o->left, sh);
}

/* pk_pack of the weights at src (rows of k bytes, channels src0.. of
 * src_n), then pk_group_init for each of the ng groups, output channels
 * oc0.. of oc_n. */
MOTE_T_AVX512 static void pk_prepare(const int8_t *src, int32_t k, int32_t src0, int32_t src_n,
                                     int32_t oc0, int32_t oc_n, int32_t ng, int8_t *wp,
                                     const int32_t *bias, int32_t in_off, const mote_x86_rq *q,
                                     pk_group *gr)
{
    __m512i wsum[4];
    int32_t j;
    pk_pack(src, k, src0, src_n, ng, wp, wsum);
    for (j = 0; j < ng; j++)
        pk_group_init(wsum[j], oc0 + 16 * j, oc_n, bias, in_off, q, &gr[j]);
}

MOTE_T_AVX512 static inline void pk_store(int8_t *out, __m512i acc, const pk_group *gr,
                                          const mote_x86_rq *q)
{
    __m512i v = _mm512_add_epi32(mote_x86_rq16(acc, gr->mult, gr->left, gr->right),
                                 _mm512_set1_epi32(q->out_off));
    v = _mm512_min_epi32(_mm512_max_epi32(v, _mm512_set1_epi32(q->act_min)),
                         _mm512_set1_epi32(q->act_max));
    mote_x86_store16_masked(out, gr->m, v);
}

static int32_t load4(const int8_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* NP pixels x NG groups: acc[p * NG + g] = init of group g plus the sum
 * over nseg segments (seg bytes, a multiple of 4) of pixel p
 * (a[p] + s * a_step[p]) against the packed weights. */
#define MOTE_PK_BLOCK(NG, NP)                                                                      \
    MOTE_T_AVX512 static void pk_block##NG##x##NP(const int8_t *const *a, const int32_t *a_step,   \
                                                  int32_t nseg, int32_t seg, const int8_t *wp,     \
                                                  const pk_group *gr, __m512i *acc)                \
    {                                                                                              \
        const __m512i flip = _mm512_set1_epi8((char)-128);                                         \
        __m512i c[(NP)][(NG)];                                                                     \
        int32_t sg, i, p, g;                                                                       \
        _Pragma("GCC unroll 8") for (p = 0; p < (NP); p++)                                         \
            _Pragma("GCC unroll 4") for (g = 0; g < (NG); g++) c[p][g] = gr[g].init;               \
        for (sg = 0; sg < nseg; sg++) {                                                            \
            const int8_t *ap[(NP)];                                                                \
            const int8_t *w = wp + (sg * seg / 4) * ((NG)*64);                                     \
            _Pragma("GCC unroll 8") for (p = 0; p < (NP); p++) ap[p] = a[p] + sg * a_step[p];      \
            _Pragma("GCC unroll 2") for (i = 0; i < seg; i += 4, w += (NG)*64)                     \
            {                                                                                      \
                __m512i wv[(NG)];                                                                  \
                _Pragma("GCC unroll 4") for (g = 0; g < (NG); g++) wv[g] =                         \
                    _mm512_loadu_si512((const void *)(w + g * 64));                                \
                _Pragma("GCC unroll 8") for (p = 0; p < (NP); p++)                                 \
                {                                                                                  \
                    const __m512i b = _mm512_xor_si512(_mm512_set1_epi32(load4(ap[p] + i)), flip); \
                    _Pragma("GCC unroll 4") for (g = 0; g < (NG); g++) c[p][g] =                   \
                        _mm512_dpbusd_epi32(c[p][g], b, wv[g]);                                    \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
        _Pragma("GCC unroll 8") for (p = 0; p < (NP); p++)                                         \
            _Pragma("GCC unroll 4") for (g = 0; g < (NG); g++) acc[p * (NG) + g] = c[p][g];        \
    }
MOTE_PK_BLOCK(1, 8)
MOTE_PK_BLOCK(2, 8)
MOTE_PK_BLOCK(4, 4)
#undef MOTE_PK_BLOCK

/* MOTE_X86_PK_PX pixels (np of them stored) x ng groups, requantized and
 * stored at out + p * out_stride + 16 g. */
MOTE_T_AVX512 static void pk_pixels(const int8_t *const *a, const int32_t *a_step, int32_t nseg,
                                    int32_t seg, const int8_t *wp, const pk_group *gr, int32_t ng,
                                    int32_t np, const mote_x86_rq *q, int8_t *out,
                                    int32_t out_stride)
{
    __m512i acc[MOTE_X86_PK_PX * 4];
    int32_t p, g;
    if (ng == 4) {
        pk_block4x4(a, a_step, nseg, seg, wp, gr, acc);
        if (np > 4) pk_block4x4(a + 4, a_step + 4, nseg, seg, wp, gr, acc + 16);
    } else if (ng == 2) {
        pk_block2x8(a, a_step, nseg, seg, wp, gr, acc);
    } else {
        pk_block1x8(a, a_step, nseg, seg, wp, gr, acc);
    }
    for (p = 0; p < np; p++)
        for (g = 0; g < ng; g++)
            pk_store(out + p * out_stride + g * 16, acc[p * ng + g], &gr[g], q);
}

/* ---- drivers (plain C: they only call the level's functions) ---------- */

static const mm_ops ops_sse41 = {2, dot_sse41_2x4, dot_sse41_1x4, NULL, mote_x86_requant_scalar, 0};
static const mm_ops ops_avx2 = {2, dot_avx2_2x4, dot_avx2_1x4, NULL, requant_avx2, 0};
static const mm_ops ops_avx512 = {4, dot_vnni_4x4, dot_vnni_1x4, wsum_vnni, requant_avx2, 1};

/* memcpy for the short runs of im2col (a few channels): fixed-size,
 * overlapping copies that compile to moves instead of a library call. */
static void copy_run(int8_t *dst, const int8_t *src, int32_t n)
{
    if (n > 16) {
        memcpy(dst, src, (size_t)n);
    } else if (n >= 8) {
        memcpy(dst, src, 8);
        memcpy(dst + n - 8, src + n - 8, 8);
    } else if (n >= 4) {
        memcpy(dst, src, 4);
        memcpy(dst + n - 4, src + n - 4, 4);
    } else {
        int32_t i;
        for (i = 0; i < n; i++)
            dst[i] = src[i];
    }
}

/* The window of the pixel at input origin (y0, x0) as one column of
 * kh * kw * in_c bytes; padded taps hold the input zero point. */
static void im2col(const mote_conv_s8_step *s, const int8_t *in_b, int32_t y0, int32_t x0,
                   int8_t zp, int8_t *col)
{
    const mote_conv_geom *g = &s->p.geom;
    const int32_t c = s->in.c, fw = s->filter.w;
    int32_t ky, kx;
    for (ky = 0; ky < s->filter.h; ky++) {
        const int32_t y = y0 + g->dilation_h * ky;
        int8_t *dst = col + ky * fw * c;
        if (y < 0 || y >= s->in.h) {
            memset(dst, zp, (size_t)fw * (size_t)c);
            continue;
        }
        if (g->dilation_w == 1) {
            /* In-bounds taps of a row are contiguous in the input. */
            const int32_t lo = x0 < 0 ? -x0 : 0;
            const int32_t hi = min_i32(fw, s->in.w - x0);
            if (hi <= lo) {
                memset(dst, zp, (size_t)fw * (size_t)c);
                continue;
            }
            if (lo > 0) memset(dst, zp, (size_t)lo * (size_t)c);
            copy_run(dst + lo * c, in_b + (y * s->in.w + x0 + lo) * c, (hi - lo) * c);
            if (hi < fw) memset(dst + hi * c, zp, (size_t)(fw - hi) * (size_t)c);
            continue;
        }
        for (kx = 0; kx < fw; kx++) {
            const int32_t x = x0 + g->dilation_w * kx;
            if (x < 0 || x >= s->in.w)
                memset(dst + kx * c, zp, (size_t)c);
            else
                copy_run(dst + kx * c, in_b + (y * s->in.w + x) * c, c);
        }
    }
}

/* An output pixel, walked in order without divisions. */
typedef struct px_cursor {
    int32_t b, oy, ox;
} px_cursor;

static void px_next(const mote_conv_s8_step *s, px_cursor *c)
{
    if (++c->ox < s->out.w) return;
    c->ox = 0;
    if (++c->oy < s->out.h) return;
    c->oy = 0;
    c->b++;
}

/* AVX-512: the weights repacked (pk_pack), a group of up to
 * mote_x86_pk_groups(s) x 16 output channels at a time, every pixel
 * through it in blocks of MOTE_X86_PK_PX. How windows are read
 * (mote_x86_pk_mode): row by row in place when each window row's bytes are
 * contiguous and a multiple of 4 (MOTE_X86_PK_ROWS); row by row in place
 * with each row read to the next multiple of 4 when they are not (a first
 * layer's few channels, MOTE_X86_PK_PADDED: each row is read from up to 3
 * bytes before it, the weights copied with zero bytes in front of each row,
 * and a window whose first read would start before the input is copied
 * instead); else copied whole
 * (MOTE_X86_PK_COLUMN). Windows that cross the padding are copied into one
 * of MOTE_X86_PK_PX im2col columns, laid out as the rows are read.
 * Scratch (mote_x86_conv2d_s8_step_scratch_avx512): the columns (none when
 * every window is read in place), the padded weights (MOTE_X86_PK_PADDED),
 * the packed weights. */
static mote_status conv_pk(const mote_conv_s8_step *s, const mote_x86_rq *q, const int8_t *input,
                           const int8_t *filter, const int32_t *bias, int8_t *output,
                           int8_t *scratch)
{
    const mote_conv_geom *g = &s->p.geom;
    const int32_t ch = s->in.c, fh = s->filter.h, fw = s->filter.w, row = fw * ch;
    const int32_t k = fh * row, k_pad = (k + 3) & ~3;
    const int mode = mote_x86_pk_mode(s);
    const int32_t kp = mote_x86_pk_k(s); /* packed bytes per channel */
    const int32_t seg = mode == MOTE_X86_PK_COLUMN ? kp : mode == MOTE_X86_PK_ROWS ? row : kp / fh;
    const int32_t nseg = mode == MOTE_X86_PK_COLUMN ? 1 : fh;
    const int32_t row_step = g->dilation_h * s->in.w * ch;
    const int32_t total = s->out.n * s->out.h * s->out.w, oc_n = s->out.c;
    const int32_t gmax = mote_x86_pk_groups(s), in_off = s->p.input_offset;
    /* MOTE_X86_PK_PADDED: zero bytes in front of each row (a row is read
     * from lead bytes before it). */
    const int32_t lead = mode == MOTE_X86_PK_PADDED ? seg - row : 0;
    const uint32_t cols = mote_x86_pk_cols(s);
    int8_t *const tmp = scratch + MOTE_X86_PK_PX * kp; /* one im2col window (padded) */
    int8_t *const fpad = scratch + cols;               /* padded weights */
    int8_t *const wp = fpad + (mode == MOTE_X86_PK_PADDED ? gmax * 16 * kp : 0);
    const int8_t zp = (int8_t)(-in_off);
    const int8_t *a[MOTE_X86_PK_PX];
    int32_t a_step[MOTE_X86_PK_PX];
    pk_group gr[4];
    int32_t oc0, ng, px0, np, p, j, ky;
    for (oc0 = 0; oc0 < oc_n; oc0 += 16 * ng) {
        const int32_t groups_left = (oc_n - oc0 + 15) / 16;
        px_cursor cur = {0, 0, 0};
        ng = gmax;
        while (ng > groups_left)
            ng /= 2;
        if (mode == MOTE_X86_PK_PADDED) {
            const int32_t nc = min_i32(16 * ng, oc_n - oc0);
            memset(fpad, 0, (size_t)nc * (size_t)kp);
            for (j = 0; j < nc; j++)
                for (ky = 0; ky < fh; ky++)
                    copy_run(fpad + j * kp + ky * seg + lead, filter + (oc0 + j) * k + ky * row,
                             row);
            pk_prepare(fpad, kp, 0, nc, oc0, oc_n, ng, wp, bias, in_off, q, gr);
        } else {
            pk_prepare(filter, k, oc0, oc_n, oc0, oc_n, ng, wp, bias, in_off, q, gr);
        }
        /* The current output row (b * out.h + oy) and the output columns
         * [ox_lo, ox_hi) whose windows are read in place there. */
        int32_t row_key = -1, ox_lo = 0, ox_hi = 0;
        for (px0 = 0; px0 < total; px0 += np) {
            np = min_i32(MOTE_X86_PK_PX, total - px0);
            for (p = 0; p < np; p++, px_next(s, &cur)) {
                const int32_t y0 = cur.oy * g->stride_h - g->pad_h;
                const int32_t x0 = cur.ox * g->stride_w - g->pad_w;
                const int8_t *in_b = input + cur.b * s->in.h * s->in.w * ch;
                if (cur.b * s->out.h + cur.oy != row_key) {
                    row_key = cur.b * s->out.h + cur.oy;
                    ox_lo = ox_hi = 0;
                    if (mode != MOTE_X86_PK_COLUMN && y0 >= 0 &&
                        y0 + (fh - 1) * g->dilation_h < s->in.h) {
                        /* x0 >= 0 and x0 + span < in.w; with padded rows
                         * also the read from lead bytes before the window
                         * inside the input. */
                        /* In int64: a legal step may carry a stride or
                         * padding near INT32_MAX (fuzz_gen found it). */
                        const int64_t span = (int64_t)(fw - 1) * g->dilation_w;
                        const int64_t first = ((int64_t)cur.b * s->in.h + y0) * s->in.w * ch;
                        const int64_t reach = (int64_t)s->in.w - span + g->pad_w;
                        int64_t lo = ((int64_t)g->pad_w + g->stride_w - 1) / g->stride_w;
                        const int64_t hi = reach <= 0 ? 0 : (reach - 1) / g->stride_w + 1;
                        while (lo < hi && first + (lo * g->stride_w - g->pad_w) * ch < lead)
                            lo++;
                        ox_lo = (int32_t)(lo < s->out.w ? lo : s->out.w);
                        ox_hi = (int32_t)(hi < s->out.w ? hi : s->out.w);
                    }
                }
                if (cur.ox >= ox_lo && cur.ox < ox_hi) {
                    a[p] = in_b + (y0 * s->in.w + x0) * ch - lead;
                    a_step[p] = row_step;
                } else if (mode == MOTE_X86_PK_PADDED) {
                    int8_t *col = scratch + p * kp;
                    im2col(s, in_b, y0, x0, zp, tmp);
                    memset(col, 0, (size_t)kp);
                    for (ky = 0; ky < fh; ky++)
                        copy_run(col + ky * seg + lead, tmp + ky * row, row);
                    a[p] = col;
                    a_step[p] = seg;
                } else {
                    int8_t *col = scratch + p * kp;
                    im2col(s, in_b, y0, x0, zp, col);
                    if (kp > k) memset(col + k, 0, (size_t)(kp - k));
                    a[p] = col;
                    a_step[p] = seg;
                }
            }
            for (; p < MOTE_X86_PK_PX; p++) {
                a[p] = a[np - 1];
                a_step[p] = a_step[np - 1];
            }
            pk_pixels(a, a_step, nseg, seg, wp, gr, ng, np, q, output + px0 * oc_n + oc0, oc_n);
        }
    }
    (void)k_pad;
    return MOTE_OK;
}

/* conv_pw_in_place on AVX-512 with the weights repacked as conv_pk does,
 * every channel's at once (K a multiple of 4, oc_n rounded up to 64 times
 * K at most MOTE_X86_IP_PACK bytes, on the stack: an in-place step has no
 * scratch but the planner's ring), in sets of up to 4 groups of 16
 * channels. */
static mote_status pw_in_place_pk(const mote_conv_s8_step *s, const mote_x86_rq *q, int8_t *buf,
                                  const int8_t *filter, const int32_t *bias)
{
    const int32_t k = s->in.c, k_pad = (k + 3) & ~3, oc_n = s->out.c;
    const int32_t total = s->out.h * s->out.w, sets = (oc_n + 63) / 64;
    int8_t wp[MOTE_X86_IP_PACK], tmp[MOTE_X86_PK_PX * MOTE_X86_IP_C_MAX];
    pk_group gr[MOTE_X86_IP_C_MAX / 16];
    int32_t ng[MOTE_X86_IP_C_MAX / 64];
    const int8_t *a[MOTE_X86_PK_PX];
    int32_t a_step[MOTE_X86_PK_PX];
    int32_t r, px0, np, p;
    /* Set r: channels 64 r.., ng[r] groups, weights at wp + 64 r * k_pad. */
    for (r = 0; r < sets; r++) {
        const int32_t groups_left = (oc_n - 64 * r + 15) / 16;
        ng[r] = groups_left >= 4 ? 4 : groups_left >= 2 ? 2 : 1;
        if (ng[r] == 2 && groups_left == 3) ng[r] = 4; /* the fourth group is zero */
        pk_prepare(filter, k, 64 * r, oc_n, 64 * r, oc_n, ng[r], wp + 64 * r * k_pad, bias,
                   s->p.input_offset, q, &gr[4 * r]);
    }
    for (px0 = 0; px0 < total; px0 += np) {
        np = min_i32(MOTE_X86_PK_PX, total - px0);
        for (p = 0; p < MOTE_X86_PK_PX; p++) {
            a[p] = buf + (px0 + min_i32(p, np - 1)) * k;
            a_step[p] = k_pad;
        }
        for (r = 0; r < sets; r++)
            pk_pixels(a, a_step, 1, k_pad, wp + 64 * r * k_pad, &gr[4 * r], ng[r], np, q,
                      tmp + 64 * r, oc_n);
        /* tmp's np pixels were all stored by pk_pixels. */
        // cppcheck-suppress uninitvar
        memcpy(buf + px0 * oc_n, tmp, (size_t)np * (size_t)oc_n);
    }
    return MOTE_OK;
}

/* A 1x1 convolution in place (mote_x86_conv2d_s8_pw_ip: the planner gave
 * the output input 0's buffer, same pixels and channels): output pixel p
 * reads only input pixel p, so each block of pixels is computed whole
 * (every channel chunk) into tmp and then written over its own input. */
static mote_status conv_pw_in_place(const mm_ops *ops, const mote_conv_s8_step *s,
                                    const mote_x86_rq *q, int8_t *buf, const int8_t *filter,
                                    const int32_t *bias)
{
    const int32_t k = s->in.c, oc_n = s->out.c, total = s->out.h * s->out.w;
    const int32_t in_off = s->p.input_offset;
    int32_t acc[MOTE_X86_PX_MAX * MOTE_X86_OC_CHUNK], corr[MOTE_X86_IP_C_MAX];
    int32_t a_step[MOTE_X86_PX_MAX];
    int8_t tmp[MOTE_X86_PX_MAX * MOTE_X86_IP_C_MAX];
    const int8_t *a[MOTE_X86_PX_MAX];
    int32_t oc0, px0, np, p, j, jj;

    if (oc_n > MOTE_X86_IP_C_MAX || k != oc_n || s->in.n != 1 || s->out.n != 1 ||
        s->out.h != s->in.h || s->out.w != s->in.w)
        return MOTE_E_ARG;
    /* Pixels are read in place 4 bytes at a time: whole pixels only. */
    if (ops->vnni && (k & 3) == 0 && (int64_t)((oc_n + 63) & ~63) * k <= MOTE_X86_IP_PACK)
        return pw_in_place_pk(s, q, buf, filter, bias);
    memset(corr, 0, sizeof corr);
    if (ops->vnni)
        for (j = 0; j < oc_n; j += 4) {
            const int8_t *w[4];
            int32_t sums[4];
            for (jj = 0; jj < 4; jj++)
                w[jj] = filter + min_i32(j + jj, oc_n - 1) * k;
            ops->wsum(w, k, sums);
            for (jj = 0; jj < 4 && j + jj < oc_n; jj++)
                corr[j + jj] = (int32_t)((uint32_t)sums[jj] * (uint32_t)(in_off - 128));
        }
    for (px0 = 0; px0 < total; px0 += np) {
        np = min_i32(ops->px, total - px0);
        for (p = 0; p < ops->px; p++) {
            a[p] = buf + (px0 + min_i32(p, np - 1)) * k;
            a_step[p] = k;
        }
        for (oc0 = 0; oc0 < oc_n; oc0 += MOTE_X86_OC_CHUNK) {
            const int32_t nc = min_i32(MOTE_X86_OC_CHUNK, oc_n - oc0);
            for (j = 0; j < nc; j += 4) {
                const int8_t *w[4];
                for (jj = 0; jj < 4; jj++)
                    w[jj] = filter + (oc0 + min_i32(j + jj, nc - 1)) * k;
                ops->dot(a, a_step, w, k, 1, in_off, corr + oc0 + j, acc + j, MOTE_X86_OC_CHUNK);
            }
            for (p = 0; p < np; p++)
                ops->requant(acc + p * MOTE_X86_OC_CHUNK, bias, oc0, nc, q, tmp + p * oc_n + oc0);
        }
        /* tmp's np pixels were all stored just above. */
        // cppcheck-suppress uninitvar
        memcpy(buf + px0 * oc_n, tmp, (size_t)np * (size_t)oc_n);
    }
    return MOTE_OK;
}

static mote_status conv_run(const mm_ops *ops, const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_conv_geom *g = &s->p.geom;
    const mote_requant rq = mote_step_requant(s, sizeof *s, s->channels);
    const int8_t *input = (const int8_t *)io->in[0], *filter = (const int8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int8_t *output = (int8_t *)io->out[0];
    int8_t *col = (int8_t *)io->scratch;
    const int32_t ch = s->in.c, fh = s->filter.h, fw = s->filter.w;
    const int32_t seg = fw * ch, k = fh * seg, row_step = g->dilation_h * s->in.w * ch;
    const int32_t out_px = s->out.h * s->out.w, total = s->out.n * out_px, oc_n = s->out.c;
    const int32_t in_off = s->p.input_offset;
    /* Short windows: every pixel's window copied whole (one segment). */
    const int small = mote_x86_conv2d_s8_small(s);
    const int rows_contiguous = !small && (fw == 1 || g->dilation_w == 1);
    const int32_t k_pad = (k + 3) & ~3;
    const int8_t zp = (int8_t)(-in_off);
    int32_t acc[MOTE_X86_PX_MAX * MOTE_X86_OC_CHUNK], corr[MOTE_X86_OC_CHUNK];
    int32_t a_step[MOTE_X86_PX_MAX];
    const int8_t *a[MOTE_X86_PX_MAX];
    mote_x86_rq q;
    int32_t oc0, px0, np, p, j, jj;

    if (input == NULL || filter == NULL || output == NULL) return MOTE_E_ARG;
    q.mult = rq.multiplier;
    q.shift = rq.shift;
    q.per_tensor = s->channels == 1;
    q.out_off = s->p.output_offset;
    q.act_min = s->p.act_min;
    q.act_max = s->p.act_max;
    /* In place: the planner gave the output input 0's buffer. */
    if (input == output) {
        if (!mote_x86_conv2d_s8_pw_ip(s)) return MOTE_E_ARG;
        return conv_pw_in_place(ops, s, &q, output, filter, bias);
    }
    if (ops->vnni) {
        if (col == NULL) return MOTE_E_ARG;
        return conv_pk(s, &q, input, filter, bias, output, col);
    }

    for (oc0 = 0; oc0 < oc_n; oc0 += MOTE_X86_OC_CHUNK) {
        const int32_t nc = min_i32(MOTE_X86_OC_CHUNK, oc_n - oc0);
        memset(corr, 0, sizeof corr);
        if (ops->vnni) {
            /* (in_off - 128) * sum w per channel: the dot products take
             * x + 128. Wrapping arithmetic, as the sum itself. */
            for (j = 0; j < nc; j += 4) {
                const int8_t *w[4];
                int32_t sums[4];
                for (jj = 0; jj < 4; jj++)
                    w[jj] = filter + (oc0 + min_i32(j + jj, nc - 1)) * k;
                ops->wsum(w, k, sums);
                for (jj = 0; jj < 4 && j + jj < nc; jj++)
                    corr[j + jj] = (int32_t)((uint32_t)sums[jj] * (uint32_t)(in_off - 128));
            }
        }
        px_cursor cur = {0, 0, 0};
        for (px0 = 0; px0 < total; px0 += np) {
            /* A block of up to px pixels: windows inside the input are read
             * in place, row by row; at most one other (a border pixel) is
             * copied into the one-column scratch, which ends the block.
             * Short windows are all copied, each into its own column. */
            int col_used = 0;
            for (np = 0; np < ops->px && px0 + np < total; np++, px_next(s, &cur)) {
                const int32_t y0 = cur.oy * g->stride_h - g->pad_h;
                const int32_t x0 = cur.ox * g->stride_w - g->pad_w;
                const int8_t *in_b = input + cur.b * s->in.h * s->in.w * ch;
                if (rows_contiguous && y0 >= 0 && x0 >= 0 &&
                    y0 + (fh - 1) * g->dilation_h < s->in.h &&
                    x0 + (fw - 1) * g->dilation_w < s->in.w) {
                    a[np] = in_b + (y0 * s->in.w + x0) * ch;
                    a_step[np] = row_step;
                } else {
                    int8_t *dst = col + (small ? np * k_pad : 0);
                    if (col_used && !small) break;
                    if (col == NULL) return MOTE_E_ARG;
                    im2col(s, in_b, y0, x0, zp, dst);
                    a[np] = dst;
                    a_step[np] = seg;
                    col_used = 1;
                }
            }
            /* Past the last pixel, repeat it (computed, not stored). */
            for (p = np; p < ops->px; p++) {
                a[p] = a[np - 1];
                a_step[p] = a_step[np - 1];
            }
            for (j = 0; j < nc; j += 4) {
                const int8_t *w[4];
                for (jj = 0; jj < 4; jj++)
                    w[jj] = filter + (oc0 + min_i32(j + jj, nc - 1)) * k;
                /* Rows past np and channels past nc are scratch lanes of acc. */
                ops->dot(a, a_step, w, seg, fh, in_off, corr + j, acc + j, MOTE_X86_OC_CHUNK);
            }
            for (p = 0; p < np; p++)
                ops->requant(acc + p * MOTE_X86_OC_CHUNK, bias, oc0, nc, &q,
                             output + (px0 + p) * oc_n + oc0);
        }
    }
    return MOTE_OK;
}

static mote_status fc_run(const mm_ops *ops, const void *step, const mote_kernel_io *io)
{
    const mote_fc_s8_step *s = (const mote_fc_s8_step *)step;
    mote_fc_s8_params p;
    mote_requant rq;
    const mote_fc_s8_dims d = mote_fc_s8_step_unpack(s, &p, &rq);
    const int8_t *input = (const int8_t *)io->in[0], *filter = (const int8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int8_t *output = (int8_t *)io->out[0];
    const int32_t depth = d.depth, oc_n = d.out_c;
    int32_t acc[MOTE_X86_OC_CHUNK + 4];
    mote_x86_rq q;
    int32_t b, oc0, j, jj;

    if (input == NULL || filter == NULL || output == NULL) return MOTE_E_ARG;
    q.mult = rq.multiplier;
    q.shift = rq.shift;
    q.per_tensor = !p.per_channel;
    q.out_off = p.output_offset;
    q.act_min = p.act_min;
    q.act_max = p.act_max;

    for (b = 0; b < d.batches; b++) {
        const int8_t *a = input + b * depth;
        for (oc0 = 0; oc0 < oc_n; oc0 += MOTE_X86_OC_CHUNK) {
            const int32_t nc = min_i32(MOTE_X86_OC_CHUNK, oc_n - oc0);
            for (j = 0; j < nc; j += 4) {
                const int8_t *w[4];
                for (jj = 0; jj < 4; jj++)
                    w[jj] = filter + (oc0 + min_i32(j + jj, nc - 1)) * depth;
                ops->dot1(a, w, depth, p.input_offset, acc + j);
            }
            ops->requant(acc, bias, oc0, nc, &q, output + b * oc_n + oc0);
        }
    }
    return MOTE_OK;
}

mote_status mote_x86_conv2d_s8_step_sse41(const void *step, const mote_kernel_io *io)
{
    return conv_run(&ops_sse41, step, io);
}

mote_status mote_x86_conv2d_s8_step_avx2(const void *step, const mote_kernel_io *io)
{
    return conv_run(&ops_avx2, step, io);
}

mote_status mote_x86_conv2d_s8_step_avx512(const void *step, const mote_kernel_io *io)
{
    return conv_run(&ops_avx512, step, io);
}

mote_status mote_x86_fully_connected_s8_step_sse41(const void *step, const mote_kernel_io *io)
{
    return fc_run(&ops_sse41, step, io);
}

mote_status mote_x86_fully_connected_s8_step_avx2(const void *step, const mote_kernel_io *io)
{
    return fc_run(&ops_avx2, step, io);
}

mote_status mote_x86_fully_connected_s8_step_avx512(const void *step, const mote_kernel_io *io)
{
    return fc_run(&ops_avx512, step, io);
}

#else
typedef int mote_x86_matmul_unused; /* ISO C: a translation unit is not empty */
#endif
