/*
 * mve_dw_tiny_s8.c — DEPTHWISE_CONV_2D, int8, depth multiplier 1, Helium
 * (MVE, Cortex-M55): 3x3 at stride 1, padding 1, out of place, on 6x6 and
 * 3x3 planes (VWW / person_detect layers 13..21, 6x6x128, and 25,
 * 3x3x256): the arm_mve_tiny row, listed before arm_mve (whose pair path
 * pays per block of eight channels a set-up, four corner pixels and
 * border runs on these planes). Bit-exact with mote_ref_depthwise_conv2d_s8.
 *
 * Pixels in lanes, not channels: a channel's plane is a handful of vectors,
 * so its nine weights sit in general registers and every tap is one
 * VMLA.S32 by scalar (four MACs an instruction; VMULLB / VMULLT + VADD on
 * channel lanes do eight in four). Per block of eight channels the planes
 * are widened once (one load of eight channels of a pixel, the input
 * offset added, one VSTRH scatter into the eight planes) into int16 rows of
 * eight, columns 0 and 7 (3 wide: 0 and 4..7) the padding, zeroed once per
 * call, so the left and right padding cost no test; the top and bottom
 * padding rows are not stored: their taps are never issued. An output row
 * of six is two vectors, x 0..3 and x 2..5 (both inside the padded row;
 * lanes 2, 3 computed twice, stored twice with the same value); of three,
 * one vector, lane 3 not stored. Each input row is loaded once (six
 * vectors, three taps by two halves) and multiplied into the accumulators
 * of the (up to) three output rows it feeds, which roll (A, B, C).
 *
 * Output stage per vector, the channel's constants scalar: VQRDMULH, VRSHL
 * (every shift <= 0; a layer with a shift > 0 takes arm_mve's path), the
 * zero point, the activation range; no sign correction: it moves only
 * outputs of a negative value before the rounding shift, which are <= zp
 * either way, and the row's case asks act_min >= zp (mote_arm_dw_tiny_case,
 * the proof in depthwise_conv2d_s8_tiny_dsp.c), so both give act_min.
 * One VSTRB scatter (offsets 0, C, 2C, 3C) per vector.
 */
#include "kernels/arm/arm_rows.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"

/* The row's shapes: 6x6 or 3x3 planes of the tiny case (portable: the host
 * plans with it). */
/* The stride-2 plane (VWW / person_detect layer 23: 6x6 -> 3x3, SAME:
 * no padding on top and left). */
static int mdt_s2_case(const mote_conv_s8_params *p, const mote_dims *id, const mote_dims *od)
{
    return p->geom.stride_h == 2 && p->geom.stride_w == 2 && p->geom.pad_h == 0 &&
           p->geom.pad_w == 0 && id->n == 1 && od->n == 1 && id->h == 6 && id->w == 6 &&
           od->h == 3 && od->w == 3 && id->c == od->c && id->c <= 4096 &&
           p->act_min >= p->output_offset;
}

int mote_mve_dw_tiny_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return (mote_arm_dw_tiny_fits(step) && s->out.h == s->out.w &&
            s->out.c * s->out.h * s->out.w <= 65536) ||
           (mote_arm_dw_step_path(step, 0) == MOTE_ARM_DW_3X3 && s->p.depth_multiplier == 1 &&
            mdt_s2_case(&s->p, &s->in, &s->out));
}

/* The tile row's case (portable): planes of 2 x 1 .. 2 x 2 tiles of 6x6
 * (VWW / person_detect layer 9, 12x12x64), 3x3 at stride 1, padding 1,
 * channels a multiple of 8, act_min >= zp (the output stage above), offsets
 * of a tile's outputs in 16 bits. Not larger planes: VWW's 48x48x8 layer 1
 * belongs to the chain of arm_mve_first (which this row would break: its
 * layer 0 went from 0.9 M to 5.4 M), and its 24x24x32 layer 5 runs in
 * place (this row is out of place only: it took arm_mve's path there). */
static int mdt_tile_case(const mote_conv_s8_step *s)
{
    const mote_conv_s8_params *p = &s->p;
    /* the band chains' blocks (in.h != out.h, or pad_h != 1) refused first */
    return s->in.h == s->out.h && p->geom.pad_h == 1 &&
           mote_arm_dw_step_path(s, 0) == MOTE_ARM_DW_3X3 && p->geom.stride_h == 1 &&
           p->geom.stride_w == 1 && p->geom.pad_h == 1 && p->geom.pad_w == 1 &&
           p->depth_multiplier == 1 && s->in.n == 1 && s->out.n == 1 && s->in.h == s->out.h &&
           s->in.w == s->out.w && s->in.c == s->out.c && s->out.c % 8 == 0 && s->out.h % 6 == 0 &&
           s->out.w % 6 == 0 && s->out.h * s->out.w > 36 &&
           ((s->out.h <= 12 && s->out.w <= 12) || (s->out.w == 24 && s->out.h <= 24)) &&
           (5 * s->out.w + 6) * s->out.c <= 65535 && p->act_min >= p->output_offset;
}

int mote_mve_dw_tile_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    /* a band chain's blocks of a 24-wide layer (person_detect's layer 5):
     * any shape arm_mve takes, the step handing the others over to it
     * (were they refused here, the chain would run the reference row) */
    return mdt_tile_case(s) || ((s->out.w == 24 || s->out.w == 12) && s->in.w == s->out.w &&
                                mote_mve_depthwise_conv2d_s8_step_fits(step));
}

#if defined(__ARM_FEATURE_MVE) && defined(__ARM_FEATURE_DSP)

#include <arm_mve.h>
#include <stddef.h>
#include "kernels/arm/arm_mve.h"

/* The block's buffer, per channel (MDT_CH6 / MDT_CH3 bytes apart): its
 * int16 plane, six (three) padded rows of eight, 16 bytes each, then its
 * table at MDT_TAB6 / MDT_TAB3: the nine weights (int32, window row by
 * row), bias, multiplier, shift. */
#define MDT_BLK 8
#define MDT_TAB6 96
#define MDT_CH6 144
#define MDT_TAB3 48
#define MDT_CH3 96

/* What the channel loops read of the call (offsets fixed in their
 * assembly). so: per output row of a 6x6 plane, the offsets of its eight
 * int16 lanes (VQMOVNB lanes 2i: x = i, VQMOVNT lanes 2i + 1: x = i + 2)
 * from the channel's first output; of a 3x3 plane, rows 0 and 1 in so[0]
 * (bottom, top), row 2 in so[1] (both halves the same lane: the same byte
 * written twice with the same value), lanes 6, 7 not stored. */
typedef struct mdt_k {
    int32_t zp;        /* 0: zero point */
    int32_t pad_[3];   /* 4 */
    int16_t lo[8];     /* 16: act_min */
    int16_t hi[8];     /* 32: act_max */
    uint16_t so[6][8]; /* 48 */
} mdt_k;
typedef char mdt_k_layout[offsetof(mdt_k, lo) == 16 && offsetof(mdt_k, so) == 48 ? 1 : -1];

#define MDT_S2(x) #x
#define MDT_S(x) MDT_S2(x)

/* clang-format off */
/* Weights w0..w8 in r3..r11 (window row 0: r3, r4, r5; 1: r6, r7, r8; 2:
 * r9, r10, r11); q6 the loaded input vector. */
#define MDT_LD(R, o) "vldrh.s32 q6, [r0, #(16 * " #R " + " #o ")]\n\t"
#define MDT_MLA(a, w) "vmla.s32 " a ", q6, " w "\n\t"
/* Input row R of a 6x6 plane into the output rows it feeds: P (window row
 * 2), Q (1), N (0), each two vectors (x 0..3, x 2..5). The five loads of
 * the row serve all: x 0..3 takes loads 0, 1, 2, x 2..5 loads 2, 3, 4. */
#define MDT_ROW(R, P0, P1, Q0, Q1, N0, N1)                                                         \
    MDT_LD(R, 0) P0(MDT_MLA, "r9") Q0(MDT_MLA, "r6") N0(MDT_MLA, "r3")                             \
    MDT_LD(R, 2) P0(MDT_MLA, "r10") Q0(MDT_MLA, "r7") N0(MDT_MLA, "r4")                            \
    MDT_LD(R, 4) P0(MDT_MLA, "r11") Q0(MDT_MLA, "r8") N0(MDT_MLA, "r5")                            \
                 P1(MDT_MLA, "r9") Q1(MDT_MLA, "r6") N1(MDT_MLA, "r3")                             \
    MDT_LD(R, 6) P1(MDT_MLA, "r10") Q1(MDT_MLA, "r7") N1(MDT_MLA, "r4")                            \
    MDT_LD(R, 8) P1(MDT_MLA, "r11") Q1(MDT_MLA, "r8") N1(MDT_MLA, "r5")
/* the same on a 3x3 plane: one vector a row (x 0..3, lane 3 not stored) */
#define MDT_ROW3(R, P, Q, N)                                                                       \
    MDT_LD(R, 0) P(MDT_MLA, "r9") Q(MDT_MLA, "r6") N(MDT_MLA, "r3")                                \
    MDT_LD(R, 2) P(MDT_MLA, "r10") Q(MDT_MLA, "r7") N(MDT_MLA, "r4")                               \
    MDT_LD(R, 4) P(MDT_MLA, "r11") Q(MDT_MLA, "r8") N(MDT_MLA, "r5")
/* accumulator operands of MDT_ROW (none: X) */
#define X(f, w) ""
#define A0(f, w) f("q0", w)
#define A1(f, w) f("q1", w)
#define B0(f, w) f("q2", w)
#define B1(f, w) f("q3", w)
#define C0(f, w) f("q4", w)
#define C1(f, w) f("q5", w)
/* a pair started from the bias (r12) */
#define MDT_NEW(a, b) "vdup.32 " a ", r12\n\t" "vdup.32 " b ", r12\n\t"
/* The output stage of a and b (table at r0 + T): both narrowed into q7
 * (VQMOVNB / VQMOVNT: int16, saturating, which moves no result: the range
 * is int8), the zero point, the range and the store (ST, lane offsets at
 * r2 + SO) on eight int16 lanes. */
#define MDT_OUT(T, a, b, SO, ST, TAIL)                                                             \
    "ldr r12, [r0, #(" T " + 40)]\n\t"                                                             \
    "vqrdmulh.s32 " a ", " a ", r12\n\t"                                                           \
    "vqrdmulh.s32 " b ", " b ", r12\n\t"                                                           \
    "ldr r12, [r0, #(" T " + 44)]\n\t"                                                             \
    "vrshl.s32 " a ", r12\n\t"                                                                     \
    "vrshl.s32 " b ", r12\n\t"                                                                     \
    TAIL(a, b, SO, ST)
/* the same for one vector a, narrowed into both halves */
#define MDT_OUT1(T, a, SO, ST, TAIL)                                                               \
    "ldr r12, [r0, #(" T " + 40)]\n\t"                                                             \
    "vqrdmulh.s32 " a ", " a ", r12\n\t"                                                           \
    "ldr r12, [r0, #(" T " + 44)]\n\t"                                                             \
    "vrshl.s32 " a ", r12\n\t"                                                                     \
    TAIL(a, a, SO, ST)
#define MDT_TAIL(a, b, SO, ST)                                                                     \
    "vqmovnb.s32 q7, " a "\n\t"                                                                    \
    "vqmovnt.s32 q7, " b "\n\t"                                                                    \
    "ldr r12, [r2]\n\t"                                                                            \
    "vqadd.s16 q7, q7, r12\n\t"                                                                    \
    "vldrw.u32 q6, [r2, #16]\n\t"                                                                  \
    "vmax.s16 q7, q7, q6\n\t"                                                                      \
    "vldrw.u32 q6, [r2, #32]\n\t"                                                                  \
    "vmin.s16 q7, q7, q6\n\t"                                                                      \
    "vldrw.u32 q6, [r2, #" SO "]\n\t"                                                              \
    ST "q7, [r1, q6]\n\t"
/* MDT_TAIL when the range is all of int8 (act_min -128, act_max 127, a
 * ReLU of zero point -128): VQMOVNB.S16 saturates each lane into its low
 * byte, the one VSTRB.16 stores, instead of VMAX / VMIN (the zero point
 * added saturating at int16 first: the same clamp). */
#define MDT_TAILF(a, b, SO, ST)                                                                    \
    "vqmovnb.s32 q7, " a "\n\t"                                                                    \
    "vqmovnt.s32 q7, " b "\n\t"                                                                    \
    "ldr r12, [r2]\n\t"                                                                            \
    "vqadd.s16 q7, q7, r12\n\t"                                                                    \
    "vqmovnb.s16 q7, q7\n\t"                                                                       \
    "vldrw.u32 q6, [r2, #" SO "]\n\t"                                                              \
    ST "q7, [r1, q6]\n\t"
#define MDT_ST "vstrb.16 "
#define MDT_STP "vpst\n\tvstrbt.16 "
#define MDT_T6 MDT_S(MDT_TAB6)
#define MDT_T3 MDT_S(MDT_TAB3)
/* clang-format on */

#define MDT_CLOBBER                                                                                \
    "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "lr", "d0", "d1", "d2", "d3", "d4",   \
        "d5", "d6", "d7", "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15", "cc", "memory"

/* n channels of a 6x6 plane: planes and tables from b (MDT_CH6 apart),
 * outputs from o (the first channel's; channels 1 apart). The rows roll
 * through the accumulator pairs A (q0, q1), B (q2, q3), C (q4, q5). */
/* clang-format off */
#define MDT6_FN(name, ST, TAIL)                                                                    \
static __attribute__((noinline)) void name(const int16_t *b, int8_t *o, const mdt_k *k, int32_t n) \
{                                                                                                  \
    register const int16_t *r0 __asm__("r0") = b;                                                  \
    register int8_t *r1 __asm__("r1") = o;                                                         \
    register const mdt_k *r2 __asm__("r2") = k;                                                    \
    register int32_t r3 __asm__("r3") = n;                                                         \
    __asm__ volatile(                                                                              \
        "dls lr, r3\n"                                                                             \
        "1:\n\t"                                                                                   \
        "add r12, r0, #" MDT_T6 "\n\t"                                                             \
        "ldm r12, {r3-r11}\n\t"                                                                    \
        "ldr r12, [r0, #(" MDT_T6 " + 36)]\n\t"                                                    \
        MDT_NEW("q0", "q1") MDT_NEW("q2", "q3")                                                    \
        MDT_ROW(0, X, X, A0, A1, B0, B1)                                                           \
        MDT_NEW("q4", "q5")                                                                        \
        MDT_ROW(1, A0, A1, B0, B1, C0, C1)                                                         \
        MDT_OUT(MDT_T6, "q0", "q1", "48", ST, TAIL)                                                \
        "ldr r12, [r0, #(" MDT_T6 " + 36)]\n\t"                                                    \
        MDT_NEW("q0", "q1")                                                                        \
        MDT_ROW(2, B0, B1, C0, C1, A0, A1)                                                         \
        MDT_OUT(MDT_T6, "q2", "q3", "64", ST, TAIL)                                                \
        "ldr r12, [r0, #(" MDT_T6 " + 36)]\n\t"                                                    \
        MDT_NEW("q2", "q3")                                                                        \
        MDT_ROW(3, C0, C1, A0, A1, B0, B1)                                                         \
        MDT_OUT(MDT_T6, "q4", "q5", "80", ST, TAIL)                                                \
        "ldr r12, [r0, #(" MDT_T6 " + 36)]\n\t"                                                    \
        MDT_NEW("q4", "q5")                                                                        \
        MDT_ROW(4, A0, A1, B0, B1, C0, C1)                                                         \
        MDT_OUT(MDT_T6, "q0", "q1", "96", ST, TAIL)                                                \
        MDT_ROW(5, B0, B1, C0, C1, X, X)                                                           \
        MDT_OUT(MDT_T6, "q2", "q3", "112", ST, TAIL)                                               \
        MDT_OUT(MDT_T6, "q4", "q5", "128", ST, TAIL)                                               \
        "adds r1, #1\n\t"                                                                          \
        "add r0, #" MDT_S(MDT_CH6) "\n\t"                                                          \
        "le lr, 1b\n\t"                                                                            \
        : "+r"(r0), "+r"(r1), "+r"(r3)                                                             \
        : "r"(r2)                                                                                  \
        : MDT_CLOBBER);                                                                            \
}
/* clang-format on */

/* n channels of a 3x3 plane (MDT_CH3 apart): rows A (q0), B (q1), C (q2);
 * p0 the six lanes stored. */
/* clang-format off */
#define MDT3_FN(name, ST, TAIL)                                                                    \
static __attribute__((noinline)) void name(const int16_t *b, int8_t *o, const mdt_k *k, int32_t n) \
{                                                                                                  \
    register const int16_t *r0 __asm__("r0") = b;                                                  \
    register int8_t *r1 __asm__("r1") = o;                                                         \
    register const mdt_k *r2 __asm__("r2") = k;                                                    \
    register int32_t r3 __asm__("r3") = n;                                                         \
    __asm__ volatile(                                                                              \
        "movw r12, #0xfff\n\t"                                                                     \
        "vmsr p0, r12\n\t"                                                                         \
        "dls lr, r3\n"                                                                             \
        "1:\n\t"                                                                                   \
        "add r12, r0, #" MDT_T3 "\n\t"                                                             \
        "ldm r12, {r3-r11}\n\t"                                                                    \
        "ldr r12, [r0, #(" MDT_T3 " + 36)]\n\t"                                                    \
        MDT_NEW("q0", "q1") "vdup.32 q2, r12\n\t"                                                  \
        MDT_ROW3(0, X, A0, A1)                                                                     \
        MDT_ROW3(1, A0, A1, B0)                                                                    \
        MDT_ROW3(2, A1, B0, X)                                                                     \
        MDT_OUT(MDT_T3, "q0", "q1", "48", ST, TAIL)                                                \
        MDT_OUT1(MDT_T3, "q2", "64", ST, TAIL)                                                     \
        "adds r1, #1\n\t"                                                                          \
        "add r0, #" MDT_S(MDT_CH3) "\n\t"                                                          \
        "le lr, 1b\n\t"                                                                            \
        : "+r"(r0), "+r"(r1), "+r"(r3)                                                             \
        : "r"(r2)                                                                                  \
        : MDT_CLOBBER);                                                                            \
}
/* clang-format on */

/* n channels of a 6x6 plane at stride 2 into 3x3 outputs: the widened
 * rows hold the even columns at halfwords 0..3 (column 6, the padding, at
 * 3) and the odd ones at 4..7, so taps 0, 1, 2 of output x are halfwords
 * x, 4 + x, x + 1 (loads at 0, 8, 2: one vector for the row's three
 * outputs, lane 3 not stored). Rows A (q0: input rows 0..2), B (q1: 2..4),
 * C (q2: 4, 5; row 6 the padding). */
#define MDTS_ROW(R, P, wa, wb, wc)                                                                 \
    MDT_LD(R, 0) P(MDT_MLA, wa) MDT_LD(R, 8) P(MDT_MLA, wb) MDT_LD(R, 2) P(MDT_MLA, wc)
/* (clang-format's output for this macro changes on every run: kept as written) */
/* clang-format off */
#define MDTS_ROW2(R, P, pa, pb, pc, N, na, nb, nc)                                                 \
    MDT_LD(R, 0) P(MDT_MLA, pa) N(MDT_MLA, na)                                                     \
    MDT_LD(R, 8) P(MDT_MLA, pb) N(MDT_MLA, nb)                                                     \
    MDT_LD(R, 2) P(MDT_MLA, pc) N(MDT_MLA, nc)
/* clang-format on */
/* clang-format off */
#define MDTS_FN(name, TAIL)                                                                        \
    static __attribute__((noinline)) void name(const int16_t *b, int8_t *o, const mdt_k *k,       \
                                               int32_t n)                                          \
    {                                                                                              \
        register const int16_t *r0 __asm__("r0") = b;                                              \
        register int8_t *r1 __asm__("r1") = o;                                                     \
        register const mdt_k *r2 __asm__("r2") = k;                                                \
        register int32_t r3 __asm__("r3") = n;                                                     \
        __asm__ volatile("movw r12, #0xfff\n\t"                                                    \
                         "vmsr p0, r12\n\t"                                                        \
                         "dls lr, r3\n"                                                            \
                         "1:\n\t"                                                                  \
                         "add r12, r0, #" MDT_T6 "\n\t"                                            \
                         "ldm r12, {r3-r11}\n\t"                                                   \
                         "ldr r12, [r0, #(" MDT_T6 " + 36)]\n\t"                                   \
                         MDT_NEW("q0", "q1") "vdup.32 q2, r12\n\t"                                 \
                         MDTS_ROW(0, A0, "r3", "r4", "r5")                                         \
                         MDTS_ROW(1, A0, "r6", "r7", "r8")                                         \
                         MDTS_ROW2(2, A0, "r9", "r10", "r11", A1, "r3", "r4", "r5")                \
                         MDTS_ROW(3, A1, "r6", "r7", "r8")                                         \
                         MDTS_ROW2(4, A1, "r9", "r10", "r11", B0, "r3", "r4", "r5")                \
                         MDTS_ROW(5, B0, "r6", "r7", "r8")                                         \
                         MDT_OUT(MDT_T6, "q0", "q1", "48", MDT_STP, TAIL)                          \
                         MDT_OUT1(MDT_T6, "q2", "64", MDT_STP, TAIL)                               \
                         "adds r1, #1\n\t"                                                         \
                         "add r0, #" MDT_S(MDT_CH6) "\n\t"                                         \
                         "le lr, 1b\n\t"                                                           \
                         : "+r"(r0), "+r"(r1), "+r"(r3)                                            \
                         : "r"(r2)                                                                 \
                         : MDT_CLOBBER);                                                           \
    }
/* clang-format on */
MDTS_FN(mdts_asm, MDT_TAIL)
MDTS_FN(mdtsf_asm, MDT_TAILF)

MDT6_FN(mdt6_asm, MDT_ST, MDT_TAIL)
MDT6_FN(mdt6f_asm, MDT_ST, MDT_TAILF)
MDT3_FN(mdt3_asm, MDT_STP, MDT_TAIL)
MDT3_FN(mdt3f_asm, MDT_STP, MDT_TAILF)

/* One pixel of mdt_widen: eight channels at x (LD / ST: plain, or
 * predicated by p0), the input offset (r12) added, into column q (q1..q6:
 * the eight planes' offsets of a column) of the row at r4; x to the next
 * pixel (C: r5). */
#define MDT_WPX(LD, ST, q)                                                                         \
    LD " q0, [%[x]]\n\t"                                                                           \
       "add %[x], r5\n\t"                                                                          \
       "vadd.i16 q0, q0, r12\n\t" ST " q0, [r4, " q ", uxtw #1]\n\t"
#define MDT_WROW6(LD, ST)                                                                          \
    MDT_WPX(LD, ST, "q1")                                                                          \
    MDT_WPX(LD, ST, "q2")                                                                          \
    MDT_WPX(LD, ST, "q3")                                                                          \
    MDT_WPX(LD, ST, "q4") MDT_WPX(LD, ST, "q5") MDT_WPX(LD, ST, "q6") "add r4, #16\n\t"
#define MDT_WROW3(LD, ST)                                                                          \
    MDT_WPX(LD, ST, "q1") MDT_WPX(LD, ST, "q2") MDT_WPX(LD, ST, "q3") "add r4, #16\n\t"
#define MDT_LDF "vldrb.s16"
#define MDT_STF "vstrh.16"
#define MDT_LDQ "vpst\n\tvldrbt.s16"
#define MDT_STQ "vpst\n\tvstrht.16"
/* the column offset vectors q1..q6 from q1 (o), one halfword apart; rows
 * left in lr */
#define MDT_WSET                                                                                   \
    "vmov q1, %q[o]\n\t"                                                                           \
    "vmov.i16 q0, #1\n\t"                                                                          \
    "vadd.i16 q2, q1, q0\n\t"                                                                      \
    "vadd.i16 q3, q2, q0\n\t"                                                                      \
    "vadd.i16 q4, q3, q0\n\t"                                                                      \
    "vadd.i16 q5, q4, q0\n\t"                                                                      \
    "vadd.i16 q6, q5, q0\n\t"                                                                      \
    "vmsr p0, %[pb]\n\t"                                                                           \
    "dls lr, lr\n"                                                                                 \
    "1:\n\t"
/* q1..q6 for stride 2: columns 0..5 at halfwords 0, 4, 1, 5, 2, 6 */
#define MDT_WSET2                                                                                  \
    "vmov q1, %q[o]\n\t"                                                                           \
    "vmov.i16 q0, #1\n\t"                                                                          \
    "vadd.i16 q3, q1, q0\n\t"                                                                      \
    "vadd.i16 q5, q3, q0\n\t"                                                                      \
    "vmov.i16 q0, #4\n\t"                                                                          \
    "vadd.i16 q2, q1, q0\n\t"                                                                      \
    "vadd.i16 q4, q3, q0\n\t"                                                                      \
    "vadd.i16 q6, q5, q0\n\t"                                                                      \
    "vmsr p0, %[pb]\n\t"                                                                           \
    "dls lr, lr\n"                                                                                 \
    "1:\n\t"
#define MDT_WASM2(ROW)                                                                             \
    __asm__ volatile(MDT_WSET2 ROW "le lr, 1b\n\t"                                                 \
                     : [x] "+r"(x), "+r"(r4), "+r"(lr)                                             \
                     : [o] "w"(o1), "r"(r5), "r"(r12), [pb] "r"(pb)                                \
                     : "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "d10", "d11",   \
                       "d12", "d13", "cc", "memory")
#define MDT_WASM(ROW)                                                                              \
    __asm__ volatile(MDT_WSET ROW "le lr, 1b\n\t"                                                  \
                     : [x] "+r"(x), "+r"(r4), "+r"(lr)                                             \
                     : [o] "w"(o1), "r"(r5), "r"(r12), [pb] "r"(pb)                                \
                     : "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "d10", "d11",   \
                       "d12", "d13", "cc", "memory")

/* A block's planes (w x w, w = 6 or 3): the input's pixels (x: the
 * block's first channel, C apart) widened with the input offset into
 * columns 1..w of the rows of each plane at b (ch bytes apart); nb
 * channels (< 8: predicated). */
static __attribute__((noinline)) void mdt_widen(const int8_t *x, int16_t *b, int32_t C, int32_t off,
                                                int32_t nb, int32_t w, int32_t ch)
{
    const uint16x8_t o1 =
        vaddq_n_u16(vmulq_n_u16(vidupq_n_u16(0, 1), (uint16_t)(ch / 2)), w > 0 ? 1 : 0);
    const uint32_t pb = (uint32_t)vctp16q((uint32_t)nb);
    register int16_t *r4 __asm__("r4") = b;
    register int32_t r5 __asm__("r5") = C;
    register int32_t r12 __asm__("r12") = off;
    register int32_t lr __asm__("lr") = w;
    if (w < 0) { /* stride 2: even columns at 0.., odd at 4.. */
        lr = 6;
        if (nb == MDT_BLK)
            MDT_WASM2(MDT_WROW6(MDT_LDF, MDT_STF));
        else
            MDT_WASM2(MDT_WROW6(MDT_LDQ, MDT_STQ));
    } else if (w == 6) {
        if (nb == MDT_BLK)
            MDT_WASM(MDT_WROW6(MDT_LDF, MDT_STF));
        else
            MDT_WASM(MDT_WROW6(MDT_LDQ, MDT_STQ));
    } else {
        if (nb == MDT_BLK)
            MDT_WASM(MDT_WROW3(MDT_LDF, MDT_STF));
        else
            MDT_WASM(MDT_WROW3(MDT_LDQ, MDT_STQ));
    }
}

/* Tap t of mdt_tab8: eight channels' weights (f, then to the next tap)
 * into the tables (q0: channels 0..3, q3: 4..7). */
#define MDT_TTAP(t)                                                                                \
    "vldrb.s32 q1, [%[f]]\n\t"                                                                     \
    "vldrb.s32 q2, [%[f], #4]\n\t"                                                                 \
    "add %[f], %[C]\n\t"                                                                           \
    "vstrw.32 q1, [q0, #(4 * " #t ")]\n\t"                                                         \
    "vstrw.32 q2, [q3, #(4 * " #t ")]\n\t"

/* A full block's tables (MDT_CH6 / MDT_CH3 apart from tab): the weights
 * of f (the block's first channel, taps C apart), bias (none: NULL, the
 * zeros of the buffer), multipliers m and shifts sh, as int32. */
static __attribute__((noinline)) void mdt_tab8(const int8_t *f, int32_t C, int8_t *tab,
                                               const int32_t *bias, const int32_t *m,
                                               const int8_t *sh, int32_t ch)
{
    const uint32x4_t a0 = vaddq_n_u32(vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)ch), (uint32_t)tab);
    const uint32x4_t a1 = vaddq_n_u32(a0, (uint32_t)(4 * ch));
    __asm__ volatile(
        "vmov q0, %q[a0]\n\t"
        "vmov q3, %q[a1]\n\t" MDT_TTAP(0) MDT_TTAP(1) MDT_TTAP(2) MDT_TTAP(3) MDT_TTAP(4)
            MDT_TTAP(5) MDT_TTAP(6) MDT_TTAP(7) MDT_TTAP(8) "cbz %[b], 1f\n\t"
                                                            "vldrw.u32 q1, [%[b]]\n\t"
                                                            "vldrw.u32 q2, [%[b], #16]\n\t"
                                                            "vstrw.32 q1, [q0, #36]\n\t"
                                                            "vstrw.32 q2, [q3, #36]\n"
                                                            "1:\n\t"
                                                            "vldrw.u32 q1, [%[m]]\n\t"
                                                            "vldrw.u32 q2, [%[m], #16]\n\t"
                                                            "vstrw.32 q1, [q0, #40]\n\t"
                                                            "vstrw.32 q2, [q3, #40]\n\t"
                                                            "vldrb.s32 q1, [%[sh]]\n\t"
                                                            "vldrb.s32 q2, [%[sh], #4]\n\t"
                                                            "vstrw.32 q1, [q0, #44]\n\t"
                                                            "vstrw.32 q2, [q3, #44]\n\t"
        : [f] "+l"(f)
        : [C] "r"(C), [b] "l"(bias), [m] "l"(m), [sh] "l"(sh), [a0] "w"(a0), [a1] "w"(a1)
        : "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "memory");
}

/* The whole layer (a 6x6 or 3x3 plane, the tiny case; out of place).
 * Returns 0 (nothing written) when a shift is > 0 (or the plane is another
 * or the output offsets would pass 16 bits). */
int mote_mve_dw_tiny(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                     const int8_t *input, const int8_t *filter, const int32_t *bias,
                     const mote_dims *od, int8_t *output)
{
    const int32_t C = id->c, W = od->w;
    /* stride 2: a 6x6 input in the 6x6 layout (its columns split), 3x3 out */
    const int s2 = p->geom.stride_w == 2;
    const int32_t T = W == 6 || s2 ? MDT_TAB6 : MDT_TAB3, CH = W == 6 || s2 ? MDT_CH6 : MDT_CH3;
    /* the block's planes and tables, zeroed once: the padding columns
     * stay zero, each block writing its pixels and tables over them */
    uint32_t buf32[MDT_BLK * MDT_CH6 / 4];
    int16_t *buf = (int16_t *)buf32;
    const uint32x4_t toff = vmulq_n_u32(vidupq_n_u32(0, 1), (uint32_t)CH);
    const int full = p->act_min == -128 && p->act_max == 127;
    void (*const run)(const int16_t *, int8_t *, const mdt_k *, int32_t) =
        s2       ? (full ? mdtsf_asm : mdts_asm)
        : W == 6 ? (full ? mdt6f_asm : mdt6_asm)
                 : (full ? mdt3f_asm : mdt3_asm);
    mdt_k k;
    int32_t c, j;
    if (s2 ? !mdt_s2_case(p, id, od)
           : !((W == 6 && od->h == 6) || (W == 3 && od->h == 3)) || C * W * W > 65536)
        return 0;
    {
        int8_t smax = -128;
        for (c = 0; c < C; c += 16) {
            const mve_pred16_t pc = vctp8q((uint32_t)(C - c));
            smax = vmaxvq_p_s8(smax, vldrbq_z_s8(q->shift + c, pc), pc);
        }
        if (smax > 0) return 0;
    }
    for (j = 0; j < MDT_BLK * CH / 4; j += 4)
        vst1q_u32(buf32 + j, vdupq_n_u32(0));
    k.zp = p->output_offset;
    k.pad_[0] = k.pad_[1] = k.pad_[2] = 0;
    vst1q_s16(k.lo, vdupq_n_s16((int16_t)p->act_min));
    vst1q_s16(k.hi, vdupq_n_s16((int16_t)p->act_max));
    {
        /* the lanes' pixels: 6x6 row 0 (row r: + 6 r), 3x3 rows 0 / 1, row 2 */
        static const uint16_t x6[8] = {0, 2, 1, 3, 2, 4, 3, 5};
        static const uint16_t x3[16] = {0, 3, 1, 4, 2, 5, 3, 6, 6, 6, 7, 7, 8, 8, 8, 8};
        const uint16_t uc = (uint16_t)C;
        if (W == 6)
            for (j = 0; j < 6; ++j)
                vst1q_u16(k.so[j], vmulq_n_u16(vaddq_n_u16(vld1q_u16(x6), (uint16_t)(6 * j)), uc));
        else {
            vst1q_u16(k.so[0], vmulq_n_u16(vld1q_u16(x3), uc));
            vst1q_u16(k.so[1], vmulq_n_u16(vld1q_u16(x3 + 8), uc));
        }
    }
    for (c = 0; c < C; c += MDT_BLK) {
        const int32_t nb = C - c < MDT_BLK ? C - c : MDT_BLK;
        const mve_pred16_t p0 = vctp32q((uint32_t)nb);
        const mve_pred16_t p1 = vctp32q((uint32_t)(nb > 4 ? nb - 4 : 0));
        int8_t *tab = (int8_t *)buf + T;
        mdt_widen(input + c, buf, C, p->input_offset, nb, s2 ? -1 : W, CH);
        if (nb == MDT_BLK) {
            mdt_tab8(filter + c, C, tab, bias ? bias + c : NULL, q->multiplier + c, q->shift + c,
                     CH);
            run(buf, output + c, &k, nb);
            continue;
        }
        /* a last block of four: the tables with predicates */
        for (j = 0; j < 9; ++j) {
            const int8_t *f = filter + j * C + c;
            vstrwq_scatter_offset_p_s32((int32_t *)(tab + 4 * j), toff, vldrbq_z_s32(f, p0), p0);
            vstrwq_scatter_offset_p_s32((int32_t *)(tab + 4 * j + 4 * CH), toff,
                                        vldrbq_z_s32(f + 4, p1), p1);
        }
        if (bias) {
            vstrwq_scatter_offset_p_s32((int32_t *)(tab + 36), toff, vldrwq_z_s32(bias + c, p0),
                                        p0);
            vstrwq_scatter_offset_p_s32((int32_t *)(tab + 36 + 4 * CH), toff,
                                        vldrwq_z_s32(bias + c + 4, p1), p1);
        }
        vstrwq_scatter_offset_p_s32((int32_t *)(tab + 40), toff,
                                    vldrwq_z_s32(q->multiplier + c, p0), p0);
        vstrwq_scatter_offset_p_s32((int32_t *)(tab + 40 + 4 * CH), toff,
                                    vldrwq_z_s32(q->multiplier + c + 4, p1), p1);
        vstrwq_scatter_offset_p_s32((int32_t *)(tab + 44), toff, vldrbq_z_s32(q->shift + c, p0),
                                    p0);
        vstrwq_scatter_offset_p_s32((int32_t *)(tab + 44 + 4 * CH), toff,
                                    vldrbq_z_s32(q->shift + c + 4, p1), p1);
        run(buf, output + c, &k, nb);
    }
    return 1;
}

/* The tile path: a block's channels, per channel an 8x8 int16 tile of
 * the input (the 6x6 outputs' windows: rows and columns -1 .. 6 around
 * them, zeros outside the input) then its table (MDT_TAB8). */
#define MDT_TAB8 128
#define MDT_CH8 176

/* n channels of a tile: as MDT6_FN, with the halo rows 0 and 7 (row 0
 * feeds output row 0 only, row 7 output row 5 only). */
/* clang-format off */
#define MDT8_FN(name, TAIL)                                                                        \
    static __attribute__((noinline)) void name(const int16_t *b, int8_t *o, const mdt_k *k,       \
                                               int32_t n)                                          \
    {                                                                                              \
        register const int16_t *r0 __asm__("r0") = b;                                              \
        register int8_t *r1 __asm__("r1") = o;                                                     \
        register const mdt_k *r2 __asm__("r2") = k;                                                \
        register int32_t r3 __asm__("r3") = n;                                                     \
        __asm__ volatile("dls lr, r3\n"                                                            \
                         "1:\n\t"                                                                  \
                         "add r12, r0, #" MDT_S(MDT_TAB8) "\n\t"                                   \
                         "ldm r12, {r3-r11}\n\t"                                                   \
                         "ldr r12, [r0, #(" MDT_S(MDT_TAB8) " + 36)]\n\t"                          \
                         MDT_NEW("q0", "q1")                                                       \
                         MDT_ROW(0, X, X, X, X, A0, A1)                                            \
                         MDT_NEW("q2", "q3")                                                       \
                         MDT_ROW(1, X, X, A0, A1, B0, B1)                                          \
                         MDT_NEW("q4", "q5")                                                       \
                         MDT_ROW(2, A0, A1, B0, B1, C0, C1)                                        \
                         MDT_OUT(MDT_S(MDT_TAB8), "q0", "q1", "48", MDT_ST, TAIL)                  \
                         "ldr r12, [r0, #(" MDT_S(MDT_TAB8) " + 36)]\n\t"                          \
                         MDT_NEW("q0", "q1")                                                       \
                         MDT_ROW(3, B0, B1, C0, C1, A0, A1)                                        \
                         MDT_OUT(MDT_S(MDT_TAB8), "q2", "q3", "64", MDT_ST, TAIL)                  \
                         "ldr r12, [r0, #(" MDT_S(MDT_TAB8) " + 36)]\n\t"                          \
                         MDT_NEW("q2", "q3")                                                       \
                         MDT_ROW(4, C0, C1, A0, A1, B0, B1)                                        \
                         MDT_OUT(MDT_S(MDT_TAB8), "q4", "q5", "80", MDT_ST, TAIL)                  \
                         "ldr r12, [r0, #(" MDT_S(MDT_TAB8) " + 36)]\n\t"                          \
                         MDT_NEW("q4", "q5")                                                       \
                         MDT_ROW(5, A0, A1, B0, B1, C0, C1)                                        \
                         MDT_OUT(MDT_S(MDT_TAB8), "q0", "q1", "96", MDT_ST, TAIL)                  \
                         MDT_ROW(6, B0, B1, C0, C1, X, X)                                          \
                         MDT_OUT(MDT_S(MDT_TAB8), "q2", "q3", "112", MDT_ST, TAIL)                 \
                         MDT_ROW(7, C0, C1, X, X, X, X)                                            \
                         MDT_OUT(MDT_S(MDT_TAB8), "q4", "q5", "128", MDT_ST, TAIL)                 \
                         "adds r1, #1\n\t"                                                         \
                         "add r0, #" MDT_S(MDT_CH8) "\n\t"                                         \
                         "le lr, 1b\n\t"                                                           \
                         : "+r"(r0), "+r"(r1), "+r"(r3)                                            \
                         : "r"(r2)                                                                 \
                         : MDT_CLOBBER);                                                           \
    }
/* clang-format on */
MDT8_FN(mdt8_asm, MDT_TAIL)
MDT8_FN(mdt8f_asm, MDT_TAILF)

/* A tile's input of a full block: nr rows of nc pixels from x (C apart,
 * rows xrow bytes apart), the input offset added, into the eight channels'
 * tiles at b (ch bytes apart) from halfword offset s0, rows rstep
 * halfwords apart. */
static __attribute__((noinline)) void mdt_tile_widen(const int8_t *x, int16_t *b, int32_t C,
                                                     int32_t xrow, int32_t off, int32_t nr,
                                                     int32_t nc, int32_t s0, int32_t ch,
                                                     int32_t rstep)
{
    const uint16x8_t o1 =
        vaddq_n_u16(vmulq_n_u16(vidupq_n_u16(0, 1), (uint16_t)(ch / 2)), (uint16_t)s0);
    register int16_t *r4 __asm__("r4") = b;
    register int32_t r7 __asm__("r7") = rstep;
    __asm__ volatile("vmov q1, %q[o]\n\t"
                     "movs r6, #1\n"
                     "1:\n\t"
                     "vmov q2, q1\n\t"
                     "mov r5, %[x]\n\t"
                     "wls lr, %[nc], 3f\n"
                     "2:\n\t"
                     "vldrb.s16 q0, [r5]\n\t"
                     "add r5, %[C]\n\t"
                     "vadd.i16 q0, q0, %[off]\n\t"
                     "vstrh.16 q0, [r4, q2, uxtw #1]\n\t"
                     "vadd.i16 q2, q2, r6\n\t"
                     "le lr, 2b\n"
                     "3:\n\t"
                     "add %[x], %[xrow]\n\t"
                     "vadd.i16 q1, q1, r7\n\t"
                     "subs %[nr], #1\n\t"
                     "bgt 1b\n\t"
                     : [x] "+r"(x), [nr] "+r"(nr)
                     : [o] "w"(o1), "r"(r4),
                       "r"(r7), [C] "r"(C), [xrow] "r"(xrow), [off] "r"(off), [nc] "r"(nc)
                     : "r5", "r6", "lr", "d0", "d1", "d2", "d3", "d4", "d5", "cc", "memory");
}

/* A layer of the tile row (out of place): channel blocks of eight outside,
 * 6x6 tiles inside; the block's tables written once (mdt_tab8), each
 * tile's input widened (the rows / columns outside the input zeroed) and
 * run. Returns 0 (nothing written) when a shift is > 0. */
static int mdt_tiles(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                     const int8_t *input, const int8_t *filter, const int32_t *bias,
                     const mote_dims *od, int8_t *output)
{
    const int32_t C = id->c, H = od->h, W = od->w, xrow = W * C;
    const int full = p->act_min == -128 && p->act_max == 127;
    void (*const run)(const int16_t *, int8_t *, const mdt_k *, int32_t) =
        full ? mdt8f_asm : mdt8_asm;
    uint32_t buf32[MDT_BLK * MDT_CH8 / 4];
    int16_t *buf = (int16_t *)buf32;
    const uint16x8_t choff = vmulq_n_u16(vidupq_n_u16(0, 1), MDT_CH8 / 2);
    const int16x8_t zero = vdupq_n_s16(0);
    mdt_k k;
    int32_t c, j, ty, tx;
    {
        int8_t smax = -128;
        for (c = 0; c < C; c += 16) {
            const mve_pred16_t pc = vctp8q((uint32_t)(C - c));
            smax = vmaxvq_p_s8(smax, vldrbq_z_s8(q->shift + c, pc), pc);
        }
        if (smax > 0) return 0;
    }
    for (j = 0; j < MDT_BLK * MDT_CH8 / 4; j += 4)
        vst1q_u32(buf32 + j, vdupq_n_u32(0));
    k.zp = p->output_offset;
    k.pad_[0] = k.pad_[1] = k.pad_[2] = 0;
    vst1q_s16(k.lo, vdupq_n_s16((int16_t)p->act_min));
    vst1q_s16(k.hi, vdupq_n_s16((int16_t)p->act_max));
    {
        static const uint16_t x6[8] = {0, 2, 1, 3, 2, 4, 3, 5};
        for (j = 0; j < 6; ++j)
            vst1q_u16(k.so[j],
                      vmulq_n_u16(vaddq_n_u16(vld1q_u16(x6), (uint16_t)(W * j)), (uint16_t)C));
    }
    for (c = 0; c < C; c += MDT_BLK) {
        mdt_tab8(filter + c, C, (int8_t *)buf + MDT_TAB8, bias ? bias + c : NULL, q->multiplier + c,
                 q->shift + c, MDT_CH8);
        for (ty = 0; ty < H; ty += 6)
            for (tx = 0; tx < W; tx += 6) {
                /* the tile's input rows r0 .. r1 - 1, columns c0 .. c1 - 1 */
                const int32_t r0 = ty == 0, r1 = ty + 6 == H ? 7 : 8;
                const int32_t c0 = tx == 0, c1 = tx + 6 == W ? 7 : 8;
                if (r0) /* row 0 above the input */
                    for (j = 0; j < MDT_BLK; ++j)
                        vst1q_s16(buf + j * (MDT_CH8 / 2), zero);
                if (r1 == 7)
                    for (j = 0; j < MDT_BLK; ++j)
                        vst1q_s16(buf + j * (MDT_CH8 / 2) + 56, zero);
                for (j = 0; j < 8; ++j) { /* the columns outside */
                    if (c0) vstrhq_scatter_shifted_offset_s16(buf + 8 * j, choff, zero);
                    if (c1 == 7) vstrhq_scatter_shifted_offset_s16(buf + 8 * j + 7, choff, zero);
                }
                mdt_tile_widen(input + ((ty - 1 + r0) * W + tx - 1 + c0) * C + c, buf, C, xrow,
                               p->input_offset, r1 - r0, c1 - c0, r0 * 8 + c0, MDT_CH8, 8);
                run(buf, output + (ty * W + tx) * C + c, &k, MDT_BLK);
            }
    }
    return 1;
}

/* In place (mote_arm_conv_rows: one output row a call, the window rows
 * from the whole input), rows of 24 pixels: per channel its three window
 * rows as int16 rows of 32 (64 bytes; column 0 and 25 the padding, a
 * window row outside the input all zeros), then its table (MDT_TABR). The
 * row's six vectors (x 0..3 .. 20..23) are q0..q5, each tap one load. */
#define MDT_TABR 192
#define MDT_CHR 240
/* clang-format off */
#define MDTR_LD(R, o) "vldrh.s32 q6, [r0, #(64 * " #R " + 2 * (" #o "))]\n\t"
#define MDTR_V(R, v, qa, wa, wb, wc)                                                               \
    MDTR_LD(R, 4 * v) MDT_MLA(qa, wa) MDTR_LD(R, 4 * v + 1) MDT_MLA(qa, wb)                        \
    MDTR_LD(R, 4 * v + 2) MDT_MLA(qa, wc)
#define MDTR_ROW(R, wa, wb, wc)                                                                    \
    MDTR_V(R, 0, "q0", wa, wb, wc) MDTR_V(R, 1, "q1", wa, wb, wc) MDTR_V(R, 2, "q2", wa, wb, wc)   \
    MDTR_V(R, 3, "q3", wa, wb, wc) MDTR_V(R, 4, "q4", wa, wb, wc) MDTR_V(R, 5, "q5", wa, wb, wc)
/* clang-format on */
/* clang-format off */
#define MDTR_FN(name, TAIL)                                                                        \
    static __attribute__((noinline)) void name(const int16_t *b, int8_t *o, const mdt_k *k,       \
                                               int32_t n)                                          \
    {                                                                                              \
        register const int16_t *r0 __asm__("r0") = b;                                              \
        register int8_t *r1 __asm__("r1") = o;                                                     \
        register const mdt_k *r2 __asm__("r2") = k;                                                \
        register int32_t r3 __asm__("r3") = n;                                                     \
        __asm__ volatile("dls lr, r3\n"                                                            \
                         "1:\n\t"                                                                  \
                         "add r12, r0, #" MDT_S(MDT_TABR) "\n\t"                                   \
                         "ldm r12, {r3-r11}\n\t"                                                   \
                         "ldr r12, [r0, #(" MDT_S(MDT_TABR) " + 36)]\n\t"                          \
                         MDT_NEW("q0", "q1") MDT_NEW("q2", "q3") MDT_NEW("q4", "q5")               \
                         MDTR_ROW(0, "r3", "r4", "r5")                                             \
                         MDTR_ROW(1, "r6", "r7", "r8")                                             \
                         MDTR_ROW(2, "r9", "r10", "r11")                                           \
                         MDT_OUT(MDT_S(MDT_TABR), "q0", "q1", "48", MDT_ST, TAIL)                  \
                         MDT_OUT(MDT_S(MDT_TABR), "q2", "q3", "64", MDT_ST, TAIL)                  \
                         MDT_OUT(MDT_S(MDT_TABR), "q4", "q5", "80", MDT_ST, TAIL)                  \
                         "adds r1, #1\n\t"                                                         \
                         "add r0, #" MDT_S(MDT_CHR) "\n\t"                                         \
                         "le lr, 1b\n\t"                                                           \
                         : "+r"(r0), "+r"(r1), "+r"(r3)                                            \
                         : "r"(r2)                                                                 \
                         : MDT_CLOBBER);                                                           \
    }
/* clang-format on */
MDTR_FN(mdtr_asm, MDT_TAIL)
MDTR_FN(mdtrf_asm, MDT_TAILF)

/* One output row of an in-place layer of the tile row, 24 pixels wide (the
 * window rows: input rows -pad_h .. 2 - pad_h); any other call as
 * mote_mve_depthwise_conv2d_s8. */
static mote_status mdt_row(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                           const int8_t *input, const mote_dims *fd, const int8_t *filter,
                           const int32_t *bias, const mote_dims *od, int8_t *output)
{
    const int32_t C = id->c, IH = id->h, y0 = -p->geom.pad_h, xrow = id->w * C;
    const int full = p->act_min == -128 && p->act_max == 127;
    void (*const run)(const int16_t *, int8_t *, const mdt_k *, int32_t) =
        full ? mdtrf_asm : mdtr_asm;
    uint32_t buf32[MDT_BLK * MDT_CHR / 4];
    int16_t *buf = (int16_t *)buf32;
    mdt_k k;
    int32_t c, j, r0, r1;
    if (od->h != 1 || od->w != 24 || id->w != 24 || C % 8 != 0 || od->n != 1 ||
        p->geom.stride_w != 1 || p->geom.pad_w != 1 || p->act_min < p->output_offset)
        return mote_mve_depthwise_conv2d_s8(p, q, id, input, fd, filter, bias, od, output);
    {
        int8_t smax = -128;
        for (c = 0; c < C; c += 16) {
            const mve_pred16_t pc = vctp8q((uint32_t)(C - c));
            smax = vmaxvq_p_s8(smax, vldrbq_z_s8(q->shift + c, pc), pc);
        }
        if (smax > 0)
            return mote_mve_depthwise_conv2d_s8(p, q, id, input, fd, filter, bias, od, output);
    }
    k.zp = p->output_offset;
    k.pad_[0] = k.pad_[1] = k.pad_[2] = 0;
    vst1q_s16(k.lo, vdupq_n_s16((int16_t)p->act_min));
    vst1q_s16(k.hi, vdupq_n_s16((int16_t)p->act_max));
    /* window rows r0 .. r1 - 1 inside the input */
    r0 = y0 < 0 ? -y0 : 0;
    r1 = IH - y0 < 3 ? IH - y0 : 3;
    {
        /* zeros where no block writes: the padding columns 0 and 25, the
         * rows outside the input, the bias of a layer without one (the
         * buffer is not cleared as a whole: a call per output row) */
        const uint16x8_t choff = vmulq_n_u16(vidupq_n_u16(0, 1), MDT_CHR / 2);
        const int16x8_t z16 = vdupq_n_s16(0);
        int32_t r;
        for (r = 0; r < 3; ++r) {
            vstrhq_scatter_shifted_offset_s16(buf + 32 * r, choff, z16);
            vstrhq_scatter_shifted_offset_s16(buf + 32 * r + 25, choff, z16);
            if (r < r0 || r >= r1)
                for (j = 0; j < MDT_BLK; ++j) {
                    int16_t *d = buf + j * (MDT_CHR / 2) + 32 * r + 1;
                    vst1q_s16(d, z16);
                    vst1q_s16(d + 8, z16);
                    vst1q_s16(d + 16, z16);
                }
        }
        if (!bias) { /* the bias words' low and high halves */
            vstrhq_scatter_shifted_offset_s16(buf + (MDT_TABR + 36) / 2, choff, z16);
            vstrhq_scatter_shifted_offset_s16(buf + (MDT_TABR + 38) / 2, choff, z16);
        }
    }
    {
        /* pair j: lanes 2i x = 8 j + i, lanes 2i + 1 x = 8 j + 4 + i */
        static const uint16_t xr[8] = {0, 4, 1, 5, 2, 6, 3, 7};
        for (j = 0; j < 3; ++j)
            vst1q_u16(k.so[j],
                      vmulq_n_u16(vaddq_n_u16(vld1q_u16(xr), (uint16_t)(8 * j)), (uint16_t)C));
    }
    for (c = 0; c < C; c += MDT_BLK) {
        mdt_tab8(filter + c, C, (int8_t *)buf + MDT_TABR, bias ? bias + c : NULL, q->multiplier + c,
                 q->shift + c, MDT_CHR);
        if (r1 > r0)
            mdt_tile_widen(input + (y0 + r0) * xrow + c, buf, C, xrow, p->input_offset, r1 - r0, 24,
                           r0 * 32 + 1, MDT_CHR, 32);
        run(buf, output + c, &k, MDT_BLK);
    }
    return MOTE_OK;
}

/* The tile row's step: out of place, every shift <= 0; otherwise arm_mve's
 * path. */
mote_status mote_mve_dw_tile_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    if (io->in[0] != NULL && io->in[0] == io->out[0] && s->out.w == 24 && mdt_tile_case(s)) {
        const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
        return mote_arm_conv_rows(mdt_row, s, &q, io);
    }
    if (io->in[0] != NULL && io->in[1] != NULL && io->out[0] != NULL && io->in[0] != io->out[0] &&
        mdt_tile_case(s)) {
        const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
        if (mdt_tiles(&s->p, &q, &s->in, (const int8_t *)io->in[0], (const int8_t *)io->in[1],
                      (const int32_t *)io->in[2], &s->out, (int8_t *)io->out[0]))
            return MOTE_OK;
    }
    return mote_mve_depthwise_conv2d_s8_step(step, io);
}

/* The in-place row of the tile row for the cases (as mote_arm_conv_rows
 * calls it). */
mote_status mote_mve_dw_tile_row(const mote_conv_s8_params *p, const mote_requant *q,
                                 const mote_dims *id, const int8_t *input, const mote_dims *fd,
                                 const int8_t *filter, const int32_t *bias, const mote_dims *od,
                                 int8_t *output)
{
    return mdt_row(p, q, id, input, fd, filter, bias, od, output);
}

/* The tile path for the cases: 0 when not run (not its case, or a shift >
 * 0). */
int mote_mve_dw_tile(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                     const int8_t *input, const int8_t *filter, const int32_t *bias,
                     const mote_dims *od, int8_t *output)
{
    mote_conv_s8_step s;
    s.p = *p;
    s.in = *id;
    s.out = *od;
    s.filter.n = 1;
    s.filter.h = s.filter.w = 3;
    s.filter.c = od->c;
    s.channels = od->c;
    if (!mdt_tile_case(&s)) return 0;
    return mdt_tiles(p, q, id, input, filter, bias, od, output);
}

mote_status mote_mve_dw_tiny_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    if (io->in[0] != NULL && io->in[1] != NULL && io->out[0] != NULL && io->in[0] != io->out[0] &&
        mote_mve_dw_tiny_fits(step)) {
        const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
        if (mote_mve_dw_tiny(&s->p, &q, &s->in, (const int8_t *)io->in[0],
                             (const int8_t *)io->in[1], (const int32_t *)io->in[2], &s->out,
                             (int8_t *)io->out[0]))
            return MOTE_OK;
    }
    return mote_mve_depthwise_conv2d_s8_step(step, io);
}

#endif /* __ARM_FEATURE_MVE && __ARM_FEATURE_DSP */
