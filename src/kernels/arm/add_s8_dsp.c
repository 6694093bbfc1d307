/*
 * add_s8_dsp.c — ADD, int8, same-shape inputs (no broadcasting), for cores
 * with the DSP extension. Bit-exact with mote_ref_add_s8.
 *
 * Each element takes three requantizations (both inputs to the common
 * scale, the sum to the output scale). The word path (every shape the
 * MLPerf Tiny models have: input shifts in [-(left_shift + 1), 0], output
 * shift in [-23, -2]) does four elements per step from one word load per
 * input: each input in five instructions (SXTAB, LSL, EOR, SUB, one SMLAL
 * whose high word is the exact result, accumulated onto the other input's),
 * the sum in six (mote_arm_requant_e2 with the zero point folded in, SSAT),
 * BFI packing and SSUB8 / SEL for the activation range; derivation below.
 * Other shifts take mote_arm_requant_e2 / mote_arm_requant per element.
 * Broadcasting steps stay with the reference row.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_kernels.h"

typedef struct add_k {
    int32_t off1, off2, ls, m1, m2, mo, ooff, lo, hi;
    int32_t s1, s2, so;    /* shifts (<= 0) */
    int32_t hq1, hq2, hqo; /* 2^(e-2) */
    int32_t e1a, e1b, e1o; /* e - 1 */
} add_k;

/*
 * The word path (4 elements per step). An input x = v + offset in
 * [-256, 256] takes, with e = -shift in [1, ls + 1] and k = ls + 1 - e,
 *   scaled = floor((x m 2^ls + 2^30 + 2^(30+e) - [x < 0] 2^31) / 2^(31+e))
 * (arm_requant.h: the two roundings in one; [acc < 0] for [mul_high < 0]).
 * Numerator and denominator are multiples of 2^(e-1) (ls >= e - 1,
 * e <= 31), so dividing both by it gives
 *   floor(((x << k) m + c) / 2^32),  c = b = 2^31 + 2^(31-e) for x >= 0,
 *   c = 2^31 - 2^(31-e) = 2^32 - b for x < 0:
 * c = (b ^ s) - s with s = (x << k) >> 31, and one SMLAL from (hi, lo c)
 * leaves hi + scaled in the high word. e = 0 (the larger input's scale:
 * its multiplier is exactly 1/2) has no rounding divide: mul_high alone is
 * floor(((x << (ls + 1)) m + 2^31) / 2^32), the same with b = 2^31
 * (2^32 - b = b). |x << k| <= 2^29. The first input's SMLAL starts from
 * hi = 0, the second's from the first's result, so the high word is the
 * sum. The sum goes through mote_arm_requant_e2 (e >= 2) with the output
 * zero point folded into its high-word addend (hq + ooff 2^(e-1): a
 * multiple of 2^(e-1) shifts out exactly; |scaled| <= 2^28, so
 * |sum m / 2^32| < 2^28 and for e <= 23 the word stays below
 * 2^28 + 2^29 + 2^21 < 2^31), SSAT to int8, and the activation range on the
 * packed word (SSUB8 / SEL).
 */
typedef struct add_w {
    int32_t off1, k1, m1, off2, k2, m2;
    uint32_t b1, b2;
    int32_t mo, hqo, e1o; /* hqo includes ooff 2^(e-1) */
} add_w;

MOTE_ARM_INLINE uint32_t add_w_b(int32_t shift)
{
    return shift == 0 ? 0x80000000u : 0x80000000u + (1u << (31 + shift));
}

/* one input byte (ror r) into hi: x = byte + off, X = x << k, c = (b ^ s) - s */
#define ADD_W_IN(r, hi)                                                                            \
    "sxtab %[x], %[off], %[w], ror #" r "\n\t"                                                     \
    "lsl   %[x], %[x], %[k]\n\t"                                                                   \
    "eor   %[c], %[b], %[x], asr #31\n\t"                                                          \
    "sub   %[c], %[c], %[x], asr #31\n\t"                                                          \
    "smlal %[c], %[" hi "], %[x], %[m]\n\t"

MOTE_ARM_INLINE void add_w_in4(uint32_t w, int32_t off, int32_t k, uint32_t b, int32_t m,
                               int32_t *s0, int32_t *s1, int32_t *s2, int32_t *s3)
{
    int32_t x, c;
    __asm__(
        ADD_W_IN("0", "s0") ADD_W_IN("8", "s1") ADD_W_IN("16", "s2") ADD_W_IN("24", "s3")
        : [x] "=&r"(x), [c] "=&r"(c), [s0] "+r"(*s0), [s1] "+r"(*s1), [s2] "+r"(*s2), [s3] "+r"(*s3)
        : [w] "r"(w), [off] "r"(off), [k] "r"(k), [b] "r"(b), [m] "r"(m));
}
#undef ADD_W_IN

/* one sum (mote_arm_requant_e2 with the zero point folded in, SSAT) into
 * byte j of o: the first one writes o whole, the others insert (BFI) */
#define ADD_W_OUT(sj, tail)                                                                        \
    "add   %[h], %[hq], %[" sj "], asr #31\n\t"                                                    \
    "and   %[l], %[" sj "], #0x80000000\n\t"                                                       \
    "orr   %[l], %[l], #0x40000000\n\t"                                                            \
    "smlal %[l], %[h], %[" sj "], %[mo]\n\t"                                                       \
    "asr   %[h], %[h], %[e]\n\t" tail

MOTE_ARM_INLINE uint32_t add_w_out4(int32_t s0, int32_t s1, int32_t s2, int32_t s3, int32_t mo,
                                    int32_t hqo, int32_t e1o)
{
    uint32_t o;
    int32_t h, l;
    __asm__(ADD_W_OUT("s0", "ssat %[o], #8, %[h]\n\t")
                ADD_W_OUT("s1", "ssat %[h], #8, %[h]\n\tbfi %[o], %[h], #8, #8\n\t")
                    ADD_W_OUT("s2", "ssat %[h], #8, %[h]\n\tbfi %[o], %[h], #16, #8\n\t")
                        ADD_W_OUT("s3", "ssat %[h], #8, %[h]\n\tbfi %[o], %[h], #24, #8\n\t")
            : [o] "=&r"(o), [h] "=&r"(h), [l] "=&r"(l)
            : [s0] "r"(s0), [s1] "r"(s1), [s2] "r"(s2), [s3] "r"(s3), [mo] "r"(mo), [hq] "r"(hqo),
              [e] "r"(e1o));
    return o;
}
#undef ADD_W_OUT

/* four elements from words a and b, clamped to the act range: SSUB8 sets
 * GE per byte, SEL picks; the upper bound only when `upper` (a constant
 * in each caller: act_max = 127 needs none, SSAT saw to it) */
MOTE_ARM_INLINE uint32_t add_w_step(const add_w *w, uint32_t a, uint32_t b, int upper, uint32_t lo4,
                                    uint32_t hi4)
{
    int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    uint32_t o;
    add_w_in4(a, w->off1, w->k1, w->b1, w->m1, &s0, &s1, &s2, &s3);
    add_w_in4(b, w->off2, w->k2, w->b2, w->m2, &s0, &s1, &s2, &s3);
    o = add_w_out4(s0, s1, s2, s3, w->mo, w->hqo, w->e1o);
    (void)__ssub8((int32_t)o, (int32_t)lo4); /* GE: o >= act_min */
    o = __sel(o, lo4);
    if (upper) {
        (void)__ssub8((int32_t)hi4, (int32_t)o); /* GE: act_max >= o */
        o = __sel(o, hi4);
    }
    return o;
}

/* the last n % 4 elements go through one more step from zero-filled words */
MOTE_ARM_INLINE void add_words(const add_w *w, const int8_t *in1, const int8_t *in2, int8_t *out,
                               int32_t n, int upper, uint32_t lo4, uint32_t hi4)
{
    int32_t i;
    for (i = 0; i + 4 <= n; i += 4)
        mote_arm_st32(out + i, add_w_step(w, mote_arm_ld32(in1 + i), mote_arm_ld32(in2 + i), upper,
                                          lo4, hi4));
    if (i < n) {
        const size_t r = (size_t)(n - i);
        uint32_t a = 0, b = 0, o;
        memcpy(&a, in1 + i, r);
        memcpy(&b, in2 + i, r);
        o = add_w_step(w, a, b, upper, lo4, hi4);
        memcpy(out + i, &o, r);
    }
}

static void add_words_lo(const add_w *w, const int8_t *in1, const int8_t *in2, int8_t *out,
                         int32_t n, uint32_t lo4)
{
    add_words(w, in1, in2, out, n, 0, lo4, 0);
}

static void add_words_lohi(const add_w *w, const int8_t *in1, const int8_t *in2, int8_t *out,
                           int32_t n, uint32_t lo4, uint32_t hi4)
{
    add_words(w, in1, in2, out, n, 1, lo4, hi4);
}

MOTE_ARM_INLINE int8_t add_fast(const add_k *k, int32_t a, int32_t b)
{
    const int32_t as = mote_arm_requant_e2((a + k->off1) << k->ls, k->m1, k->hq1, k->e1a);
    const int32_t bs = mote_arm_requant_e2((b + k->off2) << k->ls, k->m2, k->hq2, k->e1b);
    int32_t v = mote_arm_requant_e2(as + bs, k->mo, k->hqo, k->e1o) + k->ooff;
    v = v < k->lo ? k->lo : v;
    v = v > k->hi ? k->hi : v;
    return (int8_t)v;
}

MOTE_ARM_INLINE int8_t add_gen(const add_k *k, int32_t a, int32_t b)
{
    const int32_t as = mote_arm_requant((a + k->off1) << k->ls, k->m1, k->s1);
    const int32_t bs = mote_arm_requant((b + k->off2) << k->ls, k->m2, k->s2);
    int32_t v = mote_arm_requant(as + bs, k->mo, k->so) + k->ooff;
    v = v < k->lo ? k->lo : v;
    v = v > k->hi ? k->hi : v;
    return (int8_t)v;
}

mote_status mote_arm_add_s8(const mote_add_s8_params *p, const mote_dims *in1_dims,
                            const int8_t *in1, const mote_dims *in2_dims, const int8_t *in2,
                            const mote_dims *output_dims, int8_t *output, void *scratch)
{
    add_k k;
    int32_t i, n;
    (void)scratch;
    if (!p || !in1_dims || !in1 || !in2_dims || !in2 || !output_dims || !output) return MOTE_E_ARG;
    if (!mote_arm_add_s8_fits(p, in1_dims, in2_dims, output_dims)) return MOTE_E_ARG;
    n = output_dims->n * output_dims->h * output_dims->w * output_dims->c;
    k.off1 = p->input1_offset;
    k.off2 = p->input2_offset;
    k.ls = p->left_shift;
    k.m1 = p->input1_multiplier;
    k.m2 = p->input2_multiplier;
    k.mo = p->output_multiplier;
    k.s1 = p->input1_shift;
    k.s2 = p->input2_shift;
    k.so = p->output_shift;
    k.ooff = p->output_offset;
    k.lo = p->act_min;
    k.hi = p->act_max;
    if (-k.s1 <= k.ls + 1 && -k.s2 <= k.ls + 1 && k.so <= -2 && k.so >= -23 && k.off1 >= -128 &&
        k.off1 <= 128 && k.off2 >= -128 && k.off2 <= 128 && k.ooff >= -128 && k.ooff <= 127 &&
        k.lo >= -128 && k.hi <= 127 && k.lo <= k.hi) {
        add_w w;
        w.off1 = k.off1;
        w.off2 = k.off2;
        w.k1 = k.ls + 1 + k.s1;
        w.k2 = k.ls + 1 + k.s2;
        w.m1 = k.m1;
        w.m2 = k.m2;
        w.b1 = add_w_b(k.s1);
        w.b2 = add_w_b(k.s2);
        w.mo = k.mo;
        w.hqo = (int32_t)((1u << (-k.so - 2)) + ((uint32_t)k.ooff << (-k.so - 1)));
        w.e1o = -k.so - 1;
        if (k.hi == 127)
            add_words_lo(&w, in1, in2, output, n, mote_arm_dup8(k.lo));
        else
            add_words_lohi(&w, in1, in2, output, n, mote_arm_dup8(k.lo), mote_arm_dup8(k.hi));
    } else if (k.s1 <= -2 && k.s2 <= -2 && k.so <= -2) {
        k.hq1 = (int32_t)1 << (-k.s1 - 2);
        k.hq2 = (int32_t)1 << (-k.s2 - 2);
        k.hqo = (int32_t)1 << (-k.so - 2);
        k.e1a = -k.s1 - 1;
        k.e1b = -k.s2 - 1;
        k.e1o = -k.so - 1;
        for (i = 0; i < n; ++i)
            output[i] = add_fast(&k, in1[i], in2[i]);
    } else {
        for (i = 0; i < n; ++i)
            output[i] = add_gen(&k, in1[i], in2[i]);
    }
    return MOTE_OK;
}

#else
typedef int mote_arm_unused_;
#endif
