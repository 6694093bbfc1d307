/*
 * depthwise_conv2d_s8_tiny_dsp.c — DEPTHWISE_CONV_2D, int8, depth
 * multiplier 1, DSP extension: 3x3 at stride 1, padding 1, on planes six
 * or three pixels wide and at most six rows (VWW / person_detect layers
 * 13..21, 6x6x128, and 25, 3x3x256), out of place: the arm_dsp_tiny row,
 * listed before
 * arm_dsp_3x3_px (which these planes took before: 2 x 2 blocks of a ring
 * of int16 lines, per group tables). Bit-exact with
 * mote_ref_depthwise_conv2d_s8.
 *
 * Per group of four channels the whole plane is widened once into four
 * int16 planes of 8 x 8 (the input offset added; row 0, row h + 1 and
 * columns 0 and 7 are the padding, zeroed once per call, so padding costs
 * no test). Then channel by channel, one hand-written call does all of the
 * channel's outputs, a row of six (or three) at a time: with the padded row's words
 * W0 = (e0, e1) .. W3 = (e6, e7) and the filter line's pairs wa = (w0, w1),
 * wb = (w2, w1):
 *   out 2k   += SMLAD(wa, Wk) + SMLABB(wb, Wk+1)
 *   out 2k+1 += SMLABT(wa, Wk) + SMLADX(wb, Wk+1)
 * fourteen instructions per filter line for six outputs (two LDRD of data,
 * one of weights; seven for three outputs, tdw_chan3); the first and last
 * output rows skip their zero line.
 * The output stage is the 3x3 int16 lines' (depthwise_conv2d_s8_3x3_dsp.c):
 * weights and bias doubled, ADD of the sign into H = 2^(e-1) + zp 2^e,
 * SMMLAR by m, ASR by e, SSAT; channels outside that stage's conditions
 * (e = -shift in [1, 22], bias in [-2^29, 2^29)) take a plain C loop with the
 * exact requantization. The activation range: one SEL pass over the
 * output words at the end, when it is not all of int8.
 */
#include "kernels/arm/arm_rows.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"

/* The row's case (portable: the host plans with it). */
int mote_arm_dw_tiny_case(const mote_conv_s8_params *p, const mote_dims *id, const mote_dims *od)
{
    return p->geom.stride_h == 1 && p->geom.stride_w == 1 && p->geom.pad_h == 1 &&
           p->geom.pad_w == 1 && id->n == 1 && od->n == 1 && id->h == od->h && id->w == od->w &&
           id->c == od->c && (od->w == 6 || od->w == 3) && od->h >= 1 && od->h <= 6;
}

int mote_arm_dw_tiny_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return mote_arm_dw_step_path(step, 0) == MOTE_ARM_DW_3X3 &&
           mote_arm_dw_tiny_case(&s->p, &s->in, &s->out);
}

#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"

/* Per channel: the doubled weight pairs wa, wb of filter lines 0..2, the
 * doubled bias, m, H, e, and where the middle rows end (plane + 16 (h - 1)). */
typedef struct tdw_tab {
    int32_t w[6];
    int32_t b2, m, h, e;
    const int32_t *mid_end;
} tdw_tab;

/* clang-format off */
/* line L of the window (padded row r0 + 16 L) starting from the bias (r9) */
#define TDW_INIT(L)                                                                                \
    "ldr     r9, [r1, #24]\n\t"                                                                    \
    "ldrd    r10, r11, [r1, #(8 * " #L ")]\n\t"                                                    \
    "ldrd    r12, lr, [r0, #(16 * " #L ")]\n\t"                                                    \
    "smlad   r4, r10, r12, r9\n\t"                                                                 \
    "smlabt  r5, r10, r12, r9\n\t"                                                                 \
    "smlabb  r4, r11, lr, r4\n\t"                                                                  \
    "smladx  r5, r11, lr, r5\n\t"                                                                  \
    "smlad   r6, r10, lr, r9\n\t"                                                                  \
    "smlabt  r7, r10, lr, r9\n\t"                                                                  \
    "ldrd    r12, lr, [r0, #(16 * " #L " + 8)]\n\t"                                                \
    "smlabb  r6, r11, r12, r6\n\t"                                                                 \
    "smladx  r7, r11, r12, r7\n\t"                                                                 \
    "smlad   r8, r10, r12, r9\n\t"                                                                 \
    "smlabt  r9, r10, r12, r9\n\t"                                                                 \
    "smlabb  r8, r11, lr, r8\n\t"                                                                  \
    "smladx  r9, r11, lr, r9\n\t"
/* line L added to the six accumulators r4 .. r9 */
#define TDW_ACC(L)                                                                                 \
    "ldrd    r10, r11, [r1, #(8 * " #L ")]\n\t"                                                    \
    "ldrd    r12, lr, [r0, #(16 * " #L ")]\n\t"                                                    \
    "smlad   r4, r10, r12, r4\n\t"                                                                 \
    "smlabt  r5, r10, r12, r5\n\t"                                                                 \
    "smlabb  r4, r11, lr, r4\n\t"                                                                  \
    "smladx  r5, r11, lr, r5\n\t"                                                                  \
    "smlad   r6, r10, lr, r6\n\t"                                                                  \
    "smlabt  r7, r10, lr, r7\n\t"                                                                  \
    "ldrd    r12, lr, [r0, #(16 * " #L " + 8)]\n\t"                                                \
    "smlabb  r6, r11, r12, r6\n\t"                                                                 \
    "smladx  r7, r11, r12, r7\n\t"                                                                 \
    "smlad   r8, r10, r12, r8\n\t"                                                                 \
    "smlabt  r9, r10, r12, r9\n\t"                                                                 \
    "smlabb  r8, r11, lr, r8\n\t"                                                                  \
    "smladx  r9, r11, lr, r9\n\t"
/* the output stage up to the saturation of one accumulator (m r10, H r11, e r12) */
#define TDW_RQ(a)                                                                                  \
    "add     lr, r11, " a ", asr #31\n\t"                                                          \
    "smmlar  " a ", " a ", r10, lr\n\t"                                                            \
    "asr     " a ", " a ", r12\n\t"                                                                \
    "ssat    " a ", #8, " a "\n\t"
/* six outputs to r2, r2 + C, .. (C r3); r2 moves to the next output row */
#define TDW_OUT                                                                                    \
    "ldrd    r10, r11, [r1, #28]\n\t"                                                              \
    "ldr     r12, [r1, #36]\n\t"                                                                   \
    TDW_RQ("r4") TDW_RQ("r5") TDW_RQ("r6") TDW_RQ("r7") TDW_RQ("r8") TDW_RQ("r9")                 \
    "strb    r4, [r2]\n\t"                                                                         \
    "strb    r5, [r2, r3]\n\t"                                                                     \
    "add     r2, r2, r3, lsl #1\n\t"                                                               \
    "strb    r6, [r2]\n\t"                                                                         \
    "strb    r7, [r2, r3]\n\t"                                                                     \
    "add     r2, r2, r3, lsl #1\n\t"                                                               \
    "strb    r8, [r2]\n\t"                                                                         \
    "strb    r9, [r2, r3]\n\t"                                                                     \
    "add     r2, r2, r3, lsl #1\n\t"                                                               \
    "adds    r0, r0, #16\n\t"
/* clang-format on */

/*
 * One channel's outputs: plane r0 (8 padded rows of 8 int16, 16 bytes a
 * row), table r1, output r2 (pixel 0 of the channel), C r3. The first
 * output row reads padded rows 1, 2 (row 0 is zeros), the middle ones
 * three, the last (when h >= 2) rows h - 1, h (row h + 1 is zeros).
 * Assumes h >= 2 (a height of 1 reads only row 1: tdw_one1).
 */
/* clang-format off */
__attribute__((naked, noinline)) static void tdw_chan(const int32_t *pl __attribute__((unused)),
                                                      const tdw_tab *t __attribute__((unused)),
                                                      int8_t *out __attribute__((unused)),
                                                      int32_t c __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     /* first row: lines 1, 2 */
                     TDW_INIT(1) TDW_ACC(2) TDW_OUT
                     /* middle rows: lines 0, 1, 2 while r0 < mid_end */
                     "b       2f\n\t"
                     "1:\n\t" TDW_INIT(0) TDW_ACC(1) TDW_ACC(2) TDW_OUT
                     "2:\n\t"
                     "ldr     r10, [r1, #40]\n\t"
                     "cmp     r0, r10\n\t"
                     "blo     1b\n\t"
                     /* last row: lines 0, 1 */
                     TDW_INIT(0) TDW_ACC(1) TDW_OUT
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}
/* clang-format on */

/* The same for a plane of one row: line 1 only. */
/* clang-format off */
__attribute__((naked, noinline)) static void tdw_one1(const int32_t *pl __attribute__((unused)),
                                                      const tdw_tab *t __attribute__((unused)),
                                                      int8_t *out __attribute__((unused)),
                                                      int32_t c __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t" TDW_INIT(1) TDW_OUT
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}
/* clang-format on */

/* clang-format off */
/* Planes three wide: W0 = (0, x0), W1 = (x1, x2) of a padded row, outputs
 *   out0 += SMLAD(wa, W0) + SMLABB(wb, W1), out1 += SMLABT(wa, W0) +
 *   SMLADX(wb, W1), out2 += SMLAD(wa, W1) (w2 meets the padding)
 * seven instructions per filter line for three outputs; bias r7, outputs
 * r4 .. r6, weights r10, r11, data r12, lr. */
#define TDW3_INIT(L)                                                                               \
    "ldr     r7, [r1, #24]\n\t"                                                                    \
    "ldrd    r10, r11, [r1, #(8 * " #L ")]\n\t"                                                    \
    "ldrd    r12, lr, [r0, #(16 * " #L ")]\n\t"                                                    \
    "smlad   r4, r10, r12, r7\n\t"                                                                 \
    "smlabt  r5, r10, r12, r7\n\t"                                                                 \
    "smlabb  r4, r11, lr, r4\n\t"                                                                  \
    "smladx  r5, r11, lr, r5\n\t"                                                                  \
    "smlad   r6, r10, lr, r7\n\t"
#define TDW3_ACC(L)                                                                                \
    "ldrd    r10, r11, [r1, #(8 * " #L ")]\n\t"                                                    \
    "ldrd    r12, lr, [r0, #(16 * " #L ")]\n\t"                                                    \
    "smlad   r4, r10, r12, r4\n\t"                                                                 \
    "smlabt  r5, r10, r12, r5\n\t"                                                                 \
    "smlabb  r4, r11, lr, r4\n\t"                                                                  \
    "smladx  r5, r11, lr, r5\n\t"                                                                  \
    "smlad   r6, r10, lr, r6\n\t"
#define TDW3_OUT                                                                                   \
    "ldrd    r10, r11, [r1, #28]\n\t"                                                              \
    "ldr     r12, [r1, #36]\n\t"                                                                   \
    TDW_RQ("r4") TDW_RQ("r5") TDW_RQ("r6")                                                         \
    "strb    r4, [r2]\n\t"                                                                         \
    "strb    r5, [r2, r3]\n\t"                                                                     \
    "strb    r6, [r2, r3, lsl #1]\n\t"                                                             \
    "add     r2, r2, r3\n\t"                                                                       \
    "add     r2, r2, r3, lsl #1\n\t"                                                               \
    "adds    r0, r0, #16\n\t"
/* clang-format on */

/* tdw_chan for planes three wide (h >= 2) */
/* clang-format off */
__attribute__((naked, noinline)) static void tdw_chan3(const int32_t *pl __attribute__((unused)),
                                                       const tdw_tab *t __attribute__((unused)),
                                                       int8_t *out __attribute__((unused)),
                                                       int32_t c __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     TDW3_INIT(1) TDW3_ACC(2) TDW3_OUT
                     "b       2f\n\t"
                     "1:\n\t" TDW3_INIT(0) TDW3_ACC(1) TDW3_ACC(2) TDW3_OUT
                     "2:\n\t"
                     "ldr     r10, [r1, #40]\n\t"
                     "cmp     r0, r10\n\t"
                     "blo     1b\n\t"
                     TDW3_INIT(0) TDW3_ACC(1) TDW3_OUT
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}
/* clang-format on */

/* tdw_chan3 for a plane of one row */
/* clang-format off */
__attribute__((naked, noinline)) static void tdw3_one1(const int32_t *pl __attribute__((unused)),
                                                       const tdw_tab *t __attribute__((unused)),
                                                       int8_t *out __attribute__((unused)),
                                                       int32_t c __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t" TDW3_INIT(1) TDW3_OUT
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}
/* clang-format on */

/* (bottom of a, bottom of b) and (top of a, top of b) as int16 pairs */
static inline int32_t tdw_pkhbt(int32_t a, int32_t b)
{
    int32_t r;
    __asm__("pkhbt   %0, %1, %2, lsl #16" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static inline int32_t tdw_pkhtb(int32_t b, int32_t a)
{
    int32_t r;
    __asm__("pkhtb   %0, %1, %2, asr #16" : "=r"(r) : "r"(b), "r"(a));
    return r;
}

/* Pixels src and src + C (four channels each) into the four planes at d
 * (int16 elements; planes 64 elements apart): the input offset added, the
 * two pixels' values of a channel packed into one word. */
static inline __attribute__((always_inline)) void tdw_wide2(int16_t *d, const int8_t *src,
                                                            int32_t C, int32_t off2)
{
    const uint32_t a = mote_arm_ld32(src), b = mote_arm_ld32(src + C);
    const int32_t ae = mote_arm_even(a, off2), be = mote_arm_even(b, off2);
    const int32_t ao = mote_arm_odd(a, off2), bo = mote_arm_odd(b, off2);
    mote_arm_st32(d, (uint32_t)tdw_pkhbt(ae, be));
    mote_arm_st32(d + 128, (uint32_t)tdw_pkhtb(be, ae));
    mote_arm_st32(d + 64, (uint32_t)tdw_pkhbt(ao, bo));
    mote_arm_st32(d + 192, (uint32_t)tdw_pkhtb(bo, ao));
}

/* Pixel src alone (the third of a row three wide) into the four planes at d. */
static inline __attribute__((always_inline)) void tdw_wide1(int16_t *d, const int8_t *src,
                                                            int32_t off2)
{
    const uint32_t a = mote_arm_ld32(src);
    const int32_t ae = mote_arm_even(a, off2), ao = mote_arm_odd(a, off2);
    d[0] = (int16_t)ae;
    d[128] = (int16_t)(ae >> 16);
    d[64] = (int16_t)ao;
    d[192] = (int16_t)(ao >> 16);
}

/* (lo, hi) as an int16 pair */
static inline __attribute__((unused)) int32_t tdw_pair(int32_t lo, int32_t hi)
{
    return (int32_t)(((uint32_t)lo & 0xFFFFu) | ((uint32_t)hi << 16));
}

/* A channel outside the asm stage's conditions: the exact requantization
 * (arm_requant.h) on the widened plane, weights not doubled. */
static __attribute__((noinline)) void tdw_slow(const int16_t *pl, const int8_t *f, int32_t C,
                                               int32_t bias, int32_t m, int32_t sh,
                                               const mote_conv_s8_params *p, int32_t h, int32_t w,
                                               int8_t *out)
{
    int32_t y, x, ky, kx;
    for (y = 0; y < h; ++y)
        for (x = 0; x < w; ++x) {
            int32_t acc = bias;
            for (ky = 0; ky < 3; ++ky)
                for (kx = 0; kx < 3; ++kx)
                    acc += (int32_t)f[(ky * 3 + kx) * C] * pl[(y + ky) * 8 + x + kx];
            out[(y * w + x) * C] =
                mote_arm_out_s8(acc, m, sh, p->output_offset, p->act_min, p->act_max);
        }
}

void mote_arm_dw_tiny(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                      const int8_t *input, const int8_t *filter, const int32_t *bias,
                      const mote_dims *od, int8_t *output)
{
    union {
        int32_t w[4 * 8 * 4];
        int16_t h[4 * 8 * 8];
    } pl;
    tdw_tab t[4];
    const int32_t C = od->c, h = od->h, w = od->w, npx = h * w;
    const int32_t off2 = mote_arm_dup16(p->input_offset);
    const uint32_t h1 = 2u * (uint32_t)p->output_offset + 1u; /* H = h1 << (e - 1) */
    int32_t c0, k, i;
    /* the channel call for this plane's width and height */
    void (*const chan)(const int32_t *, const tdw_tab *, int8_t *, int32_t) =
        w == 6 ? (h >= 2 ? tdw_chan : tdw_one1) : (h >= 2 ? tdw_chan3 : tdw3_one1);
    (void)id;
    memset(&pl, 0, sizeof pl);
    for (c0 = 0; c0 < C; c0 += 4) {
        /* the group's four planes: pixel x of row y at element (y + 1) * 8 + x + 1;
         * two pixels a step, one (unaligned) word per channel, a row unrolled */
        if (w == 6) {
            const int8_t *src = input + c0;
            for (i = 0; i < h; ++i, src += 6 * C) {
                int16_t *d = pl.h + (i + 1) * 8 + 1;
                tdw_wide2(d, src, C, off2);
                tdw_wide2(d + 2, src + 2 * C, C, off2);
                tdw_wide2(d + 4, src + 4 * C, C, off2);
            }
        } else {
            const int8_t *src = input + c0;
            for (i = 0; i < h; ++i, src += 3 * C) {
                int16_t *d = pl.h + (i + 1) * 8 + 1;
                tdw_wide2(d, src, C, off2);
                tdw_wide1(d + 2, src + 2 * C, off2);
            }
        }
        /* the four channels' doubled weight pairs: tap words split by SXTB16
         * into (c0, c2) and (c1, c3), doubled by SXTAB16 of themselves, then
         * PKHBT / PKHTB into (w0, w1) and (w2, w1) per channel and line */
        for (i = 0; i < 3; ++i) {
            const int8_t *f = filter + c0 + 3 * i * C;
            const uint32_t v0 = mote_arm_ld32(f), v1 = mote_arm_ld32(f + C),
                           v2 = mote_arm_ld32(f + 2 * C);
            const int32_t e0 = mote_arm_even(v0, mote_arm_even0(v0)),
                          e1 = mote_arm_even(v1, mote_arm_even0(v1)),
                          e2 = mote_arm_even(v2, mote_arm_even0(v2));
            const int32_t o0 = mote_arm_odd(v0, mote_arm_odd0(v0)),
                          o1 = mote_arm_odd(v1, mote_arm_odd0(v1)),
                          o2 = mote_arm_odd(v2, mote_arm_odd0(v2));
            t[0].w[2 * i] = tdw_pkhbt(e0, e1);
            t[0].w[2 * i + 1] = tdw_pkhbt(e2, e1);
            t[2].w[2 * i] = tdw_pkhtb(e1, e0);
            t[2].w[2 * i + 1] = tdw_pkhtb(e1, e2);
            t[1].w[2 * i] = tdw_pkhbt(o0, o1);
            t[1].w[2 * i + 1] = tdw_pkhbt(o2, o1);
            t[3].w[2 * i] = tdw_pkhtb(o1, o0);
            t[3].w[2 * i + 1] = tdw_pkhtb(o1, o2);
        }
        for (k = 0; k < 4; ++k) {
            const int32_t c = c0 + k, sh = q->shift[c], m = q->multiplier[c];
            const int32_t b = bias ? bias[c] : 0;
            tdw_tab *tk = &t[k];
            if (sh > -1 || sh < -22 || b < -(1 << 29) || b >= (1 << 29)) {
                tdw_slow(pl.h + k * 64, filter + c, C, b, m, sh, p, h, w, output + c);
                continue;
            }
            tk->b2 = 2 * b;
            tk->m = m;
            tk->e = -sh;
            tk->h = (int32_t)(h1 << (tk->e - 1));
            tk->mid_end = pl.w + k * 32 + 4 * (h - 1);
            chan(pl.w + k * 32, tk, output + c, C);
        }
    }
    if (p->act_min > -128 || p->act_max < 127) {
        /* the activation range on four channels at a time (C % 4 == 0) */
        const uint32_t lo = mote_arm_dup8(p->act_min), hi = mote_arm_dup8(p->act_max);
        int8_t *o = output, *oe = output + npx * C;
        for (; o < oe; o += 4) {
            uint32_t v = mote_arm_ld32(o), g;
            __asm__("ssub8   %1, %0, %2\n\t"
                    "sel     %0, %0, %2\n\t"
                    "ssub8   %1, %3, %0\n\t"
                    "sel     %0, %0, %3"
                    : "+r"(v), "=&r"(g)
                    : "r"(lo), "r"(hi));
            mote_arm_st32(o, v);
        }
    }
}

mote_status mote_arm_dw_tiny_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (io->in[0] == NULL || io->in[1] == NULL || io->out[0] == NULL || io->in[0] == io->out[0] ||
        !mote_arm_dw_tiny_fits(step))
        return MOTE_E_ARG;
    mote_arm_dw_tiny(&s->p, &q, &s->in, (const int8_t *)io->in[0], (const int8_t *)io->in[1],
                     (const int32_t *)io->in[2], &s->out, (int8_t *)io->out[0]);
    return MOTE_OK;
}

#endif /* __ARM_FEATURE_DSP */
