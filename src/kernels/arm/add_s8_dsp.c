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

/* one input byte (ror r) into hi: x = byte + off, X = x << k, c = (b ^ s) - s
 * (one asm statement per byte: eight registers each, which the allocator
 * finds however the callers are inlined) */
#define ADD_W_IN(r)                                                                                \
    "sxtab %[x], %[off], %[w], ror #" r "\n\t"                                                     \
    "lsl   %[x], %[x], %[k]\n\t"                                                                   \
    "eor   %[c], %[b], %[x], asr #31\n\t"                                                          \
    "sub   %[c], %[c], %[x], asr #31\n\t"                                                          \
    "smlal %[c], %[hi], %[x], %[m]\n\t"
#define ADD_W_IN1(r, acc)                                                                          \
    __asm__(ADD_W_IN(r)                                                                            \
            : [x] "=&r"(x), [c] "=&r"(c), [hi] "+r"(acc)                                           \
            : [w] "r"(w), [off] "r"(off), [k] "r"(k), [b] "r"(b), [m] "r"(m))

MOTE_ARM_INLINE void add_w_in4(uint32_t w, int32_t off, int32_t k, uint32_t b, int32_t m,
                               int32_t *s0, int32_t *s1, int32_t *s2, int32_t *s3)
{
    int32_t x, c;
    ADD_W_IN1("0", *s0);
    ADD_W_IN1("8", *s1);
    ADD_W_IN1("16", *s2);
    ADD_W_IN1("24", *s3);
}
#undef ADD_W_IN1
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

/*
 * The exact-input path: the larger input's multiplier is exactly 1/2 in
 * every TFLite ADD (input multipliers are s_i / (2 max(s_1, s_2)); 1/2 is
 * 2^30 with shift 0), and then that input's requantization is exact:
 * mul_high(x << 20, 2^30) = x << 19 (the product x 2^50 is a multiple of
 * 2^31, the nudge below 2^31 in size truncates away), the rounding divide
 * by 2^0 is the identity. So, with x2 that input and x1 the other:
 *
 *   s = (x2 << 19) + scaled1,  scaled1 as in the word path above (SXTAB,
 *       LSL k1, EOR, SUB, SMLAL), its SMLAL accumulating onto x2 << 19
 *       instead of 0. x2 << 19 comes from halfword pairs: SXTAB16 adds the
 *       offset to bytes 0 and 2 (ROR #8: 1 and 3); LSL #19 keeps the low
 *       half's 13 bits (|x2| <= 256 needs 10), AND 0xFFF80000 with the pair
 *       shifted left 3 keeps the high half's.
 *   out: mul_high(s, mo) = floor((s mo + 2^30) / 2^31)
 *          = floor((2s mo + 2^31) / 2^32) = SMMULR(2s, mo)
 *        (|s| <= 2^27 + 2^27, so 2s fits), and the rounding divide by 2^e,
 *        e = -output_shift >= 1 (ties away from zero), is
 *          floor((y + 2^(e-1) - [y < 0]) / 2^e).
 *        [y < 0] may be [s < 0]: mo >= 0 makes y <= 0 for s < 0, and for
 *        y = 0 both give 0 when e >= 1. With the output zero point folded in
 *        (ooff 2^e, shifted out exactly) SMMLAR's addend is
 *          kq - [s < 0],  kq = 2^(e-1) + ooff 2^e,
 *        ADD (kq + (s >> 31)), SMMLAR, ASR: |y| <= 2^28, so for e <= 22 the
 *        sum stays below 2^28 + 2^29 + 2^21 < 2^31. Then SSAT, BFI, and the
 *        activation range (when not [-128, 127]) by SSUB8 / SEL.
 *
 * Four elements per iteration in one loop (naked: 14 registers), 57
 * instructions: the four sums in r8-r11; the constants of both input
 * stages loaded by one LDM, the output stage's by two LDRD, from the
 * context (instruction count, not registers, is what they cost).
 */
typedef struct add_x {
    int32_t off2d;     /*  0: exact input's offset, both halves */
    int32_t d2;        /*  4: exact input - general input (bytes) */
    uint32_t m19;      /*  8: 0xFFF80000 */
    int32_t off1, k1;  /* 12: general input's offset, k = ls + 1 - e */
    uint32_t b1;       /* 20: its 64-bit addend's low word (add_w_b) */
    int32_t m1;        /* 24 */
    int32_t mo, kq;    /* 28 */
    int32_t eo, dout;  /* 36: e; output - general input - 4 (bytes) */
    int32_t unused_;   /* 44 */
    uint32_t lo4, hi4; /* 48: activation range, every byte */
} add_x;

/* one general-input byte of r1 (ror r) onto sum s (r8-r11): r4 off1, r5 k1, r6 b1, r7 m1 */
#define ADD_X_IN(ror, s)                                                                           \
    "sxtab   r2, r4, r1" ror "\n\t"                                                                \
    "lsl     r2, r2, r5\n\t"                                                                       \
    "eor     r3, r6, r2, asr #31\n\t"                                                              \
    "sub     r3, r3, r2, asr #31\n\t"                                                              \
    "smlal   r3, " s ", r2, r7\n\t"

/* sum s requantized into r5 (r1 mo, r2 kq, r3 e) */
#define ADD_X_OUT(s)                                                                               \
    "add     r7, " s ", " s "\n\t"                                                                 \
    "add     r5, r2, " s ", asr #31\n\t"                                                           \
    "smmlar  r5, r7, r1, r5\n\t"                                                                   \
    "asr     r5, r5, r3\n\t"

#define ADD_X_CLAMP                                                                                \
    "ldrd    r8, r9, [r12, #48]\n\t"                                                               \
    "ssub8   r10, r6, r8\n\t"                                                                      \
    "sel     r6, r6, r8\n\t"                                                                       \
    "ssub8   r10, r9, r6\n\t"                                                                      \
    "sel     r6, r6, r9\n\t"

/* in1: the general input, end = in1 + 4 * words (words >= 1), x: context */
/* clang-format would join the asm strings and macros of a line: one instruction a line */
/* clang-format off */
#define ADD_X_FN(NAME, CLAMP)                                                                      \
    __attribute__((naked, noinline)) static void NAME(const int8_t *in1 __attribute__((unused)),   \
                                                      const int8_t *end __attribute__((unused)),   \
                                                      const add_x *x __attribute__((unused)))      \
    {                                                                                              \
        __asm__ volatile(                                                                          \
            "push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"                                   \
            "mov     lr, r1\n\t"                                                                   \
            "mov     r12, r2\n\t"                                                                  \
            "1:\n\t"                                                                               \
            "ldm     r12, {r1, r2, r3, r4, r5, r6, r7}\n\t" /* off2d d2 m19 off1 k1 b1 m1 */       \
            "ldr     r8, [r0, r2]\n\t"                                                             \
            "sxtab16 r9, r1, r8, ror #8\n\t"                                                       \
            "sxtab16 r8, r1, r8\n\t"                                                               \
            "and     r10, r3, r8, lsl #3\n\t"                                                      \
            "lsl     r8, r8, #19\n\t"                                                              \
            "and     r11, r3, r9, lsl #3\n\t"                                                      \
            "lsl     r9, r9, #19\n\t"                                                              \
            "ldr     r1, [r0], #4\n\t"                                                             \
            ADD_X_IN("", "r8")                                                                     \
            ADD_X_IN(", ror #8", "r9")                                                             \
            ADD_X_IN(", ror #16", "r10")                                                           \
            ADD_X_IN(", ror #24", "r11")                                                           \
            "ldrd    r1, r2, [r12, #28]\n\t" /* mo, kq */                                          \
            "ldrd    r3, r4, [r12, #36]\n\t" /* e, dout */                                         \
            ADD_X_OUT("r8")                                                                        \
            "ssat    r6, #8, r5\n\t"                                                               \
            ADD_X_OUT("r9")                                                                        \
            "ssat    r5, #8, r5\n\t"                                                               \
            "bfi     r6, r5, #8, #8\n\t"                                                           \
            ADD_X_OUT("r10")                                                                       \
            "ssat    r5, #8, r5\n\t"                                                               \
            "bfi     r6, r5, #16, #8\n\t"                                                          \
            ADD_X_OUT("r11")                                                                       \
            "ssat    r5, #8, r5\n\t"                                                               \
            "bfi     r6, r5, #24, #8\n\t"                                                          \
            CLAMP                                                                                  \
            "str     r6, [r0, r4]\n\t"                                                             \
            "cmp     r0, lr\n\t"                                                                   \
            "bne     1b\n\t"                                                                       \
            "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");                                 \
    }
/* clang-format on */

ADD_X_FN(add_x_full, "")
ADD_X_FN(add_x_clamp, ADD_X_CLAMP)
#undef ADD_X_FN
#undef ADD_X_CLAMP
#undef ADD_X_OUT
#undef ADD_X_IN

/*
 * The table path (long runs): the general input's part of each sum
 * depends on its int8 value alone, so it is looked up. For each byte v
 * (-128 .. 127) the table holds
 *   t(v) = floor((x 2^k m1 + c) / 2^32),  x = v + off1,
 * the high word the exact-input path's SMLAL adds (c = b for x >= 0,
 * 2^32 - b for x < 0). Consecutive x differ by 2^k m1 in the 64-bit
 * numerator: each segment of one sign (x < 0, then x >= 0) is a run of
 * 64-bit additions (ADDS, ADC, and a store per four entries: about 2.5
 * instructions per entry), from x0 2^k m1 + c. Per four elements: the
 * exact input as in the exact-input path but shifted by 20 (2 (x2 << 19):
 * the doubling the output stage did), the general one LDRSB / LDR of the
 * entry / ADD of it doubled (LSL #1), then the output stage without its
 * doubling: 42 instructions (57 in add_x_full), for the 256 entries built
 * per call. The table (1 KB, 264 words: each segment
 * is written eight entries at a time, up to seven past its end, before
 * the next one writes them) is on the stack of add_t_run, called only for
 * runs long enough to pay it back (ADD_T_MIN).
 */
#define ADD_T_MIN 384
#define ADD_T_WORDS 264

typedef struct add_t {
    int32_t off2d;      /*  0: exact input's offset, both halves */
    int32_t d2;         /*  4: exact input - general input (bytes) */
    uint32_t m20;       /*  8: 0xFFF00000 */
    const int32_t *tb;  /* 12: the entry of v = 0 (tb[v] for v in [-128, 127]) */
    int32_t mo, kq, eo; /* 16: output stage (as add_x) */
    uint32_t lo4, hi4;  /* 28: activation range, every byte */
    int32_t dout;       /* 36: output - general input - 4 (bytes) */
} add_t;

/* 8 n8 entries (n8 >= 1) of one segment into d: the high word of the
 * 64-bit (hi, lo), which grows by (dhi, dlo) per entry. */
__attribute__((naked, noinline)) static void
add_t_fill(int32_t *d __attribute__((unused)), uint32_t lo __attribute__((unused)),
           int32_t hi __attribute__((unused)), int32_t n8 __attribute__((unused)),
           uint32_t dlo __attribute__((unused)), int32_t dhi __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "ldrd    r4, r5, [sp, #36]\n\t"
                     "mov     r6, r2\n\t"
                     "1:\n\t" /* r6: this group's first entry */
                     "adds    r1, r1, r4\n\t"
                     "adc     r7, r6, r5\n\t"
                     "adds    r1, r1, r4\n\t"
                     "adc     r8, r7, r5\n\t"
                     "adds    r1, r1, r4\n\t"
                     "adc     r9, r8, r5\n\t"
                     "stm     r0!, {r6, r7, r8, r9}\n\t"
                     "adds    r1, r1, r4\n\t"
                     "adc     r10, r9, r5\n\t"
                     "adds    r1, r1, r4\n\t"
                     "adc     r11, r10, r5\n\t"
                     "adds    r1, r1, r4\n\t"
                     "adc     r12, r11, r5\n\t"
                     "adds    r1, r1, r4\n\t"
                     "adc     lr, r12, r5\n\t"
                     "stm     r0!, {r10, r11, r12, lr}\n\t"
                     "adds    r1, r1, r4\n\t"
                     "adc     r6, lr, r5\n\t"
                     "subs    r3, r3, #1\n\t"
                     "bne     1b\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}

/* the next general-input byte (LDRSB, post-indexed) looked up and added, doubled, onto sum s */
#define ADD_T_IN(s)                                                                                \
    "ldrsb   r2, [r0], #1\n\t"                                                                     \
    "ldr     r2, [r4, r2, lsl #2]\n\t"                                                             \
    "add     " s ", " s ", r2, lsl #1\n\t"

/* doubled sum s requantized into r1 (r5 mo, r6 kq, r7 e) */
#define ADD_T_OUT(s)                                                                               \
    "add     r1, r6, " s ", asr #31\n\t"                                                           \
    "smmlar  r1, " s ", r5, r1\n\t"                                                                \
    "asr     r1, r1, r7\n\t"

#define ADD_T_CLAMP                                                                                \
    "ldrd    r3, r4, [sp, #28]\n\t"                                                                \
    "ssub8   r1, r2, r3\n\t"                                                                       \
    "sel     r2, r2, r3\n\t"                                                                       \
    "ssub8   r1, r4, r2\n\t"                                                                       \
    "sel     r2, r2, r4\n\t"

/* in1: the general input, end = in1 + 4 * words (words >= 1), t: context
 * (its first nine words copied to the frame: r12 keeps the output's
 * distance) */
/* clang-format off */
#define ADD_T_FN(NAME, CLAMP)                                                                      \
    __attribute__((naked, noinline)) static void NAME(const int8_t *in1 __attribute__((unused)),   \
                                                      const int8_t *end __attribute__((unused)),   \
                                                      const add_t *t __attribute__((unused)))      \
    {                                                                                              \
        __asm__ volatile(                                                                          \
            "push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"                                   \
            "mov     lr, r1\n\t"                                                                   \
            "ldr     r12, [r2, #36]\n\t"                                                           \
            "ldm     r2, {r1, r3, r4, r5, r6, r7, r8, r9, r10}\n\t"                                \
            "push    {r1, r3, r4, r5, r6, r7, r8, r9, r10}\n\t"                                    \
            "1:\n\t"                                                                               \
            "ldm     sp, {r1, r2, r3, r4, r5, r6, r7}\n\t" /* off2d d2 m20 tb mo kq e */           \
            "ldr     r8, [r0, r2]\n\t"                                                             \
            "sxtab16 r9, r1, r8, ror #8\n\t"                                                       \
            "sxtab16 r8, r1, r8\n\t"                                                               \
            "and     r10, r3, r8, lsl #4\n\t"                                                      \
            "lsl     r8, r8, #20\n\t"                                                              \
            "and     r11, r3, r9, lsl #4\n\t"                                                      \
            "lsl     r9, r9, #20\n\t"                                                              \
            ADD_T_IN("r8")                                                                         \
            ADD_T_IN("r9")                                                                         \
            ADD_T_IN("r10")                                                                        \
            ADD_T_IN("r11")                                                                        \
            ADD_T_OUT("r8")                                                                        \
            "ssat    r2, #8, r1\n\t"                                                               \
            ADD_T_OUT("r9")                                                                        \
            "ssat    r1, #8, r1\n\t"                                                               \
            "bfi     r2, r1, #8, #8\n\t"                                                           \
            ADD_T_OUT("r10")                                                                       \
            "ssat    r1, #8, r1\n\t"                                                               \
            "bfi     r2, r1, #16, #8\n\t"                                                          \
            ADD_T_OUT("r11")                                                                       \
            "ssat    r1, #8, r1\n\t"                                                               \
            "bfi     r2, r1, #24, #8\n\t"                                                          \
            CLAMP                                                                                  \
            "str     r2, [r0, r12]\n\t"                                                            \
            "cmp     r0, lr\n\t"                                                                   \
            "bne     1b\n\t"                                                                       \
            "add     sp, sp, #36\n\t"                                                              \
            "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");                                 \
    }
/* clang-format on */

ADD_T_FN(add_t_full, "")
ADD_T_FN(add_t_clamp, ADD_T_CLAMP)
#undef ADD_T_FN
#undef ADD_T_CLAMP
#undef ADD_T_OUT
#undef ADD_T_IN

/* The table path on n >= 4 elements, n % 4 == 0, of a case add_x_run
 * accepted (g: in1 the general input a, in2 the exact one b). */
__attribute__((noinline)) static void add_t_run(const add_k *g, const int8_t *a, const int8_t *b,
                                                int8_t *out, int32_t n)
{
    int32_t tab[ADD_T_WORDS];
    add_t t;
    const int32_t k = 21 + g->s1, n1 = 128 - g->off1; /* n1 entries of x < 0 */
    const uint32_t bb = add_w_b(g->s1);
    const int64_t step = (int64_t)g->m1 * ((int64_t)1 << k);
    if (n1 > 0) {
        /* from x0 = -128 + off1: x0 2^k m1 + 2^32 - b */
        const int64_t a0 = (int64_t)(g->off1 - 128) * step + (int64_t)(0u - bb);
        add_t_fill(tab, (uint32_t)a0, (int32_t)(a0 >> 32), (n1 + 7) / 8, (uint32_t)step,
                   (int32_t)(step >> 32));
    }
    if (n1 < 256) /* from x = 0: b */
        add_t_fill(tab + n1, bb, 0, (256 - n1 + 7) / 8, (uint32_t)step, (int32_t)(step >> 32));
    t.off2d = mote_arm_dup16(g->off2);
    t.d2 = (int32_t)((uintptr_t)b - (uintptr_t)a); /* modulo 2^32: the address wraps back */
    t.m20 = 0xFFF00000u;
    t.tb = tab + 128;
    t.mo = g->mo;
    t.eo = -g->so;
    t.kq = (int32_t)((1u << (t.eo - 1)) + ((uint32_t)g->ooff << t.eo));
    t.lo4 = mote_arm_dup8(g->lo);
    t.hi4 = mote_arm_dup8(g->hi);
    t.dout = (int32_t)((uintptr_t)out - (uintptr_t)a - 4u);
    if (g->lo == -128 && g->hi == 127)
        add_t_full(a, a + n, &t);
    else
        add_t_clamp(a, a + n, &t);
}

MOTE_ARM_INLINE int add_exact(int32_t m, int32_t shift)
{
    return m == (int32_t)1 << 30 && shift == 0;
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

/* The exact-input path when the parameters allow it (1: done). Input
 * ranges: offsets in [-128, 128] (|x| <= 256), left shift 20, the other
 * input's shift in [-21, 0] (k >= 0), output shift in [-22, -1], zero
 * point and activation range int8. The last n % 4 elements per element. */
__attribute__((noinline)) static int add_x_run(const add_k *k, const int8_t *in1, const int8_t *in2,
                                               int8_t *out, int32_t n)
{
    add_x x;
    add_k g = *k; /* g: in1 the general input, in2 the exact one */
    const int8_t *a = in1, *b = in2;
    int32_t i;
    if (!add_exact(k->m2, k->s2)) {
        if (!add_exact(k->m1, k->s1)) return 0;
        g.off1 = k->off2;
        g.off2 = k->off1;
        g.m1 = k->m2;
        g.s1 = k->s2;
        a = in2;
        b = in1;
    }
    if (g.ls != 20 || g.s1 < -21 || g.so > -1 || g.so < -22 || g.off1 < -128 || g.off1 > 128 ||
        g.off2 < -128 || g.off2 > 128 || g.ooff < -128 || g.ooff > 127 || g.lo < -128 ||
        g.hi > 127 || g.lo > g.hi)
        return 0;
    if (n >= ADD_T_MIN) {
        add_t_run(&g, a, b, out, n & ~3);
    } else if (n >= 4) {
        x.off2d = mote_arm_dup16(g.off2);
        x.d2 = (int32_t)((uintptr_t)b - (uintptr_t)a); /* modulo 2^32: the address wraps back */
        x.m19 = 0xFFF80000u;
        x.off1 = g.off1;
        x.k1 = 21 + g.s1;
        x.b1 = add_w_b(g.s1);
        x.m1 = g.m1;
        x.mo = g.mo;
        x.eo = -g.so;
        x.kq = (int32_t)((1u << (x.eo - 1)) + ((uint32_t)g.ooff << x.eo));
        x.dout = (int32_t)((uintptr_t)out - (uintptr_t)a - 4u);
        x.unused_ = 0;
        x.lo4 = mote_arm_dup8(g.lo);
        x.hi4 = mote_arm_dup8(g.hi);
        if (g.lo == -128 && g.hi == 127)
            add_x_full(a, a + (n & ~3), &x);
        else
            add_x_clamp(a, a + (n & ~3), &x);
    }
    for (i = n & ~3; i < n; ++i)
        out[i] = add_gen(k, in1[i], in2[i]);
    return 1;
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
    if (add_x_run(&k, in1, in2, output, n)) {
        /* done: the exact-input path */
    } else if (-k.s1 <= k.ls + 1 && -k.s2 <= k.ls + 1 && k.so <= -2 && k.so >= -23 &&
               k.off1 >= -128 && k.off1 <= 128 && k.off2 >= -128 && k.off2 <= 128 &&
               k.ooff >= -128 && k.ooff <= 127 && k.lo >= -128 && k.hi <= 127 && k.lo <= k.hi) {
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
