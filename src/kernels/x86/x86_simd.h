/*
 * x86_simd.h — requantization and reductions shared by the x86-64 kernel
 * files (included only where MOTE_X86_BUILD is 1).
 *
 * The vector requantization is mote_requantize() (base/fixedpoint.h), lane
 * by lane, bit for bit:
 *   1. x = acc << max(shift, 0), wrapping (VPSLLVD);
 *   2. the doubling high multiply round(x * M / 2^31), ties up. With the
 *      sign-dependent nudge and C's truncating division this equals
 *      floor((x * M + 2^30) / 2^31) for every x, M (M is never INT32_MIN,
 *      so the one saturating pair cannot occur): for a negative product
 *      trunc((p + 1 - 2^30) / 2^31) = floor((p + 2^30) / 2^31). The 64-bit
 *      products come from VPMULDQ on even and odd lanes; bits 31..62 of
 *      p + 2^30 are the result;
 *   3. the rounding right shift by max(-shift, 0), ties away from zero:
 *      (x >> e) + (x & mask > (mask >> 1) + (x < 0)), as mote_fp_div_pot.
 */
#ifndef MOTE_KERNELS_X86_SIMD_H
#define MOTE_KERNELS_X86_SIMD_H

#include <immintrin.h>
#include <stdint.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

#define MOTE_T_SSE41 __attribute__((target("sse4.1")))
#define MOTE_T_AVX2 __attribute__((target("avx2")))
#define MOTE_T_AVX512 __attribute__((target("avx2,avx512f,avx512bw,avx512vl,avx512vnni")))

/* The output stage of one step: requantization table and clamp. */
typedef struct mote_x86_rq {
    const int32_t *mult;
    const int8_t *shift;
    int per_tensor; /* nonzero: entry 0 serves every channel */
    int32_t out_off, act_min, act_max;
} mote_x86_rq;

/* out[i] for channels c0 + i, i < n: bias (may be NULL), requantize, offset,
 * clamp; the reference's output stage. */
static inline void mote_x86_requant_scalar(const int32_t *acc, const int32_t *bias, int32_t c0,
                                           int32_t n, const mote_x86_rq *q, int8_t *out)
{
    int32_t i;
    for (i = 0; i < n; i++) {
        const int32_t ch = c0 + i, qi = q->per_tensor ? 0 : ch;
        out[i] = mote_ref_output_s8(acc[i], bias, ch, q->mult[qi], q->shift[qi], q->out_off,
                                    q->act_min, q->act_max);
    }
}

/* mote_requantize() on 8 lanes; left = max(shift, 0), right = max(-shift, 0). */
MOTE_T_AVX2 static inline __m256i mote_x86_rq8(__m256i acc, __m256i mult, __m256i left,
                                               __m256i right)
{
    const __m256i x = _mm256_sllv_epi32(acc, left);
    const __m256i nudge = _mm256_set1_epi64x((long long)1 << 30);
    const __m256i one = _mm256_set1_epi32(1);
    __m256i even = _mm256_mul_epi32(x, mult);
    __m256i odd = _mm256_mul_epi32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(mult, 32));
    __m256i hi, mask, rem, thr;
    even = _mm256_srli_epi64(_mm256_add_epi64(even, nudge), 31);
    odd = _mm256_slli_epi64(_mm256_add_epi64(odd, nudge), 1);
    hi = _mm256_blend_epi32(even, odd, 0xAA);
    mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, right), one);
    rem = _mm256_and_si256(hi, mask);
    thr = _mm256_add_epi32(_mm256_srli_epi32(mask, 1), _mm256_srli_epi32(hi, 31));
    return _mm256_sub_epi32(_mm256_srav_epi32(hi, right), _mm256_cmpgt_epi32(rem, thr));
}

/* mote_requantize() on 16 lanes (as mote_x86_rq8). */
MOTE_T_AVX512 static inline __m512i mote_x86_rq16(__m512i acc, __m512i mult, __m512i left,
                                                  __m512i right)
{
    const __m512i x = _mm512_sllv_epi32(acc, left);
    const __m512i nudge = _mm512_set1_epi64((long long)1 << 30);
    const __m512i one = _mm512_set1_epi32(1);
    __m512i even = _mm512_mul_epi32(x, mult);
    __m512i odd = _mm512_mul_epi32(_mm512_srli_epi64(x, 32), _mm512_srli_epi64(mult, 32));
    __m512i hi, mask, rem, thr, r;
    even = _mm512_srli_epi64(_mm512_add_epi64(even, nudge), 31);
    odd = _mm512_slli_epi64(_mm512_add_epi64(odd, nudge), 1);
    hi = _mm512_mask_blend_epi32((__mmask16)0xAAAA, even, odd);
    mask = _mm512_sub_epi32(_mm512_sllv_epi32(one, right), one);
    rem = _mm512_and_si512(hi, mask);
    thr = _mm512_add_epi32(_mm512_srli_epi32(mask, 1), _mm512_srli_epi32(hi, 31));
    r = _mm512_srav_epi32(hi, right);
    return _mm512_mask_add_epi32(r, _mm512_cmpgt_epi32_mask(rem, thr), r, one);
}

/* 8 int32 lanes (already clamped to int8) to 8 bytes at out. */
MOTE_T_AVX2 static inline void mote_x86_store8(int8_t *out, __m256i v)
{
    const __m128i w = _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    _mm_storel_epi64((__m128i *)(void *)out, _mm_packs_epi16(w, w));
}

/* Lanes m of 16 int32 (already clamped to int8) to bytes at out. Narrowed
 * in a register, then a plain masked byte store: the same instructions'
 * worth as VPMOVDB to memory, and MemorySanitizer knows a masked store
 * (it does not model VPMOVDB's memory form, so it took the bytes written
 * that way as never written and reported every later read of them). */
MOTE_T_AVX512 static inline void mote_x86_store16_masked(int8_t *out, __mmask16 m, __m512i v)
{
    _mm_mask_storeu_epi8((void *)out, m, _mm512_cvtepi32_epi8(v));
}

/* The AVX2 output stage: as mote_x86_requant_scalar, 8 channels at a time. */
MOTE_T_AVX2 static inline void mote_x86_requant_avx2(const int32_t *acc, const int32_t *bias,
                                                     int32_t c0, int32_t n, const mote_x86_rq *q,
                                                     int8_t *out)
{
    const __m256i off = _mm256_set1_epi32(q->out_off);
    const __m256i lo = _mm256_set1_epi32(q->act_min), hi = _mm256_set1_epi32(q->act_max);
    const __m256i zero = _mm256_setzero_si256();
    __m256i m = _mm256_set1_epi32(q->mult[0]), sh = _mm256_set1_epi32(q->shift[0]);
    __m256i left = _mm256_max_epi32(sh, zero), right = _mm256_sub_epi32(left, sh);
    int32_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(acc + i));
        if (bias != NULL)
            a = _mm256_add_epi32(
                a, _mm256_loadu_si256((const __m256i *)(const void *)(bias + c0 + i)));
        if (!q->per_tensor) {
            m = _mm256_loadu_si256((const __m256i *)(const void *)(q->mult + c0 + i));
            sh = _mm256_cvtepi8_epi32(
                _mm_loadl_epi64((const __m128i *)(const void *)(q->shift + c0 + i)));
            left = _mm256_max_epi32(sh, zero);
            right = _mm256_sub_epi32(left, sh);
        }
        a = _mm256_add_epi32(mote_x86_rq8(a, m, left, right), off);
        mote_x86_store8(out + i, _mm256_min_epi32(_mm256_max_epi32(a, lo), hi));
    }
    mote_x86_requant_scalar(acc + i, bias, c0 + i, n - i, q, out + i);
}

/* The four horizontal sums of a, b, c, d. */
MOTE_T_AVX2 static inline __m128i mote_x86_hsum4_avx2(__m256i a, __m256i b, __m256i c, __m256i d)
{
    const __m256i abcd = _mm256_hadd_epi32(_mm256_hadd_epi32(a, b), _mm256_hadd_epi32(c, d));
    return _mm_add_epi32(_mm256_castsi256_si128(abcd), _mm256_extracti128_si256(abcd, 1));
}

MOTE_T_SSE41 static inline __m128i mote_x86_hsum4_sse41(__m128i a, __m128i b, __m128i c, __m128i d)
{
    return _mm_hadd_epi32(_mm_hadd_epi32(a, b), _mm_hadd_epi32(c, d));
}

#endif /* MOTE_KERNELS_X86_SIMD_H */
