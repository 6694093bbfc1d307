/*
 * matmul_s8_dsp.c — the int8 x int16 matrix multiply behind CONV_2D and
 * FULLY_CONNECTED on cores with the DSP extension, and the column fill
 * (im2col) that feeds it. See arm_dsp.h for the column-pair layout.
 *
 * Blocking: two filter rows x two columns. Per four depth values: two
 * 32-bit weight loads, four SXTB16, two LDRD of the columns, eight SMLAD:
 * 16 multiply-accumulates in 16 instructions plus the loop (unrolled
 * twice). The loop is written in assembly because it needs 14 registers
 * and GCC at -Os spills its C equivalent.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"

/* Position of depth index k of column j inside a column pair. */
MOTE_ARM_INLINE int32_t col_pos(int32_t K4, int32_t j, int32_t k)
{
    if (k < K4) return 2 * (k & ~3) + 4 * j + (((k & 1) << 1) | ((k >> 1) & 1));
    return 2 * K4 + 4 * j + (k - K4);
}

void mote_arm_col_fill(int16_t *col, int32_t K, int32_t j, int32_t k, const int8_t *src, int32_t n,
                       int32_t input_offset)
{
    const int32_t K4 = K & ~3;
    const int32_t off2 = mote_arm_dup16(input_offset);

    for (; n > 0 && ((k & 3) != 0 || n < 4 || k >= K4); ++k, --n)
        col[col_pos(K4, j, k)] = (int16_t)(src ? *src++ + input_offset : 0);
    for (; n >= 4 && k < K4; k += 4, n -= 4) {
        int16_t *d = col + 2 * k + 4 * j;
        if (src) {
            const uint32_t x = mote_arm_ld32(src);
            mote_arm_st32(d, (uint32_t)mote_arm_even(x, off2));
            mote_arm_st32(d + 2, (uint32_t)mote_arm_odd(x, off2));
            src += 4;
        } else {
            mote_arm_st32(d, 0);
            mote_arm_st32(d + 2, 0);
        }
    }
    for (; n > 0; ++k, --n)
        col[col_pos(K4, j, k)] = (int16_t)(src ? *src++ + input_offset : 0);
}

/* One group of four depth values, two rows x two columns. */
#define MM_STEP                                                                                    \
    "ldr    %[x], [%[wa]], #4\n\t"                                                                 \
    "ldrd   %[p1], %[q1], [%[c], #8]\n\t"                                                          \
    "ldrd   %[p0], %[q0], [%[c]], #16\n\t"                                                         \
    "sxtb16 %[w], %[x]\n\t"                                                                        \
    "sxtb16 %[x], %[x], ror #8\n\t"                                                                \
    "smlad  %[a0], %[w], %[p0], %[a0]\n\t"                                                         \
    "smlad  %[a0], %[x], %[q0], %[a0]\n\t"                                                         \
    "smlad  %[a1], %[w], %[p1], %[a1]\n\t"                                                         \
    "smlad  %[a1], %[x], %[q1], %[a1]\n\t"                                                         \
    "ldr    %[x], [%[wb]], #4\n\t"                                                                 \
    "sxtb16 %[w], %[x]\n\t"                                                                        \
    "sxtb16 %[x], %[x], ror #8\n\t"                                                                \
    "smlad  %[b0], %[w], %[p0], %[b0]\n\t"                                                         \
    "smlad  %[b0], %[x], %[q0], %[b0]\n\t"                                                         \
    "smlad  %[b1], %[w], %[p1], %[b1]\n\t"                                                         \
    "smlad  %[b1], %[x], %[q1], %[b1]\n\t"

/* Rows wa and wa + K against both columns of the pair; acc = {a0, a1, b0, b1}. */
static void rows2_cols2(const int8_t *wa, int32_t K, const int16_t *col, int32_t *acc)
{
    const int8_t *wb = wa + K;
    const int16_t *c = col;
    int32_t a0 = acc[0], a1 = acc[1], b0 = acc[2], b1 = acc[3];
    int32_t n = K >> 3, k;
    int32_t x, w, p0, q0, p1, q1;

    if (K & 4) {
        __asm__ volatile(MM_STEP
                         : [a0] "+r"(a0), [a1] "+r"(a1), [b0] "+r"(b0), [b1] "+r"(b1),
                           [wa] "+r"(wa), [wb] "+r"(wb), [c] "+r"(c), [x] "=&r"(x), [w] "=&r"(w),
                           [p0] "=&r"(p0), [q0] "=&r"(q0), [p1] "=&r"(p1), [q1] "=&r"(q1)
                         :
                         : "memory");
    }
    if (n > 0) {
        __asm__ volatile(
            "1:\n\t" MM_STEP MM_STEP "subs   %[n], %[n], #1\n\t"
            "bne    1b\n\t"
            : [a0] "+r"(a0), [a1] "+r"(a1), [b0] "+r"(b0), [b1] "+r"(b1), [wa] "+r"(wa),
              [wb] "+r"(wb), [c] "+r"(c), [n] "+r"(n), [x] "=&r"(x), [w] "=&r"(w), [p0] "=&r"(p0),
              [q0] "=&r"(q0), [p1] "=&r"(p1), [q1] "=&r"(q1)
            :
            : "memory", "cc");
    }
    /* c now points at the tails: column 0 at c[0..], column 1 at c[4..]. */
    for (k = 0; k < (K & 3); ++k) {
        a0 += wa[k] * c[k];
        a1 += wa[k] * c[4 + k];
        b0 += wb[k] * c[k];
        b1 += wb[k] * c[4 + k];
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = b0;
    acc[3] = b1;
}

/* Row w against column 0 of the pair, plus column 1 when ncols is 2. */
static void rows1(const int8_t *w, int32_t K, const int16_t *c, int32_t ncols, int32_t *acc)
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t g, k;
    for (g = K >> 2; g > 0; --g) {
        const uint32_t x = mote_arm_ld32(w);
        const int32_t w02 = mote_arm_even0(x), w13 = mote_arm_odd0(x);
        a0 = __smlad(w02, (int32_t)mote_arm_ld32(c), a0);
        a0 = __smlad(w13, (int32_t)mote_arm_ld32(c + 2), a0);
        if (ncols == 2) {
            a1 = __smlad(w02, (int32_t)mote_arm_ld32(c + 4), a1);
            a1 = __smlad(w13, (int32_t)mote_arm_ld32(c + 6), a1);
        }
        w += 4;
        c += 8;
    }
    for (k = 0; k < (K & 3); ++k) {
        a0 += w[k] * c[k];
        if (ncols == 2) a1 += w[k] * c[4 + k];
    }
    acc[0] = a0;
    acc[1] = a1;
}

void mote_arm_matmul_s8(const int8_t *w, int32_t out_c, int32_t K, const int16_t *col,
                        int32_t ncols, const mote_arm_out *os, int8_t *out0, int8_t *out1)
{
    /* Copied to locals: the int8 output stores may alias anything, which
     * would make the compiler reload every field after each store. */
    const int32_t *const bias = os->bias;
    const int32_t *const mult = os->mult;
    const int8_t *const shift = os->shift;
    const int32_t q_step = os->q_step, ooff = os->output_offset, lo = os->act_min, hi = os->act_max;
    int32_t o;
    int32_t acc[4];
    for (o = 0; o < out_c; o += 2) {
        const int32_t ba = bias ? bias[o] : 0;
        const int32_t ma = mult[o * q_step], sa = shift[o * q_step];
        if (o + 1 < out_c) {
            const int32_t bb = bias ? bias[o + 1] : 0;
            const int32_t mb = mult[(o + 1) * q_step], sb = shift[(o + 1) * q_step];
            acc[0] = ba;
            acc[1] = ba;
            acc[2] = bb;
            acc[3] = bb;
            if (ncols == 2) {
                rows2_cols2(w + o * K, K, col, acc);
                out1[o] = mote_arm_out_s8(acc[1], ma, sa, ooff, lo, hi);
                out1[o + 1] = mote_arm_out_s8(acc[3], mb, sb, ooff, lo, hi);
            } else {
                rows1(w + o * K, K, col, 1, acc);
                rows1(w + (o + 1) * K, K, col, 1, acc + 2);
            }
            out0[o] = mote_arm_out_s8(acc[0], ma, sa, ooff, lo, hi);
            out0[o + 1] = mote_arm_out_s8(acc[2], mb, sb, ooff, lo, hi);
        } else {
            acc[0] = ba;
            acc[1] = ba;
            rows1(w + o * K, K, col, ncols, acc);
            out0[o] = mote_arm_out_s8(acc[0], ma, sa, ooff, lo, hi);
            if (ncols == 2) out1[o] = mote_arm_out_s8(acc[1], ma, sa, ooff, lo, hi);
        }
    }
}

#else
typedef int mote_arm_unused_;
#endif
