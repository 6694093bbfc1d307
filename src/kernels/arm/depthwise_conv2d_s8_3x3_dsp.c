/*
 * depthwise_conv2d_s8_3x3_dsp.c — DEPTHWISE_CONV_2D, int8, depth multiplier
 * 1, DSP extension: the 3x3 windows (arm_paths.h), in place or not: int16
 * lines with SMLAD tap pairs when the output stage allows (most cases),
 * else padded int8 rows. Bit-exact with mote_ref_depthwise_conv2d_s8.
 */
#if defined(__ARM_FEATURE_DSP)

#include <stddef.h>
#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_paths.h"

/* n words from s to d, both word aligned: LDM/STM of four words (two
 * instructions per 16 bytes), then single words. Forward: d <= s or no
 * overlap. */
__attribute__((naked, noinline)) static void copy_words(int32_t *d __attribute__((unused)),
                                                        const int32_t *s __attribute__((unused)),
                                                        int32_t n __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7}\n\t"
                     "subs    r2, r2, #4\n\t"
                     "blt     2f\n\t"
                     "1:\n\t"
                     "ldm     r1!, {r4, r5, r6, r7}\n\t"
                     "stm     r0!, {r4, r5, r6, r7}\n\t"
                     "subs    r2, r2, #4\n\t"
                     "bge     1b\n\t"
                     "2:\n\t"
                     "adds    r2, r2, #4\n\t"
                     "beq     4f\n\t"
                     "3:\n\t"
                     "ldr     r3, [r1], #4\n\t"
                     "str     r3, [r0], #4\n\t"
                     "subs    r2, r2, #1\n\t"
                     "bne     3b\n\t"
                     "4:\n\t"
                     "pop     {r4, r5, r6, r7}\n\t"
                     "bx      lr\n\t");
}

/* One padded row into d (pcols columns of cc channels from channel c0):
 * input row iy from column x0 on, the input zero point outside the input
 * (padding: zp + input_offset = 0, so those taps add exactly nothing, as
 * the reference's skipped taps do). */
MOTE_ARM_INLINE void dw3_load_row(int32_t *d, const int8_t *in_batch, int32_t iy, int32_t x0,
                                  int32_t pcols, int32_t cc, int32_t c0, const mote_dims *id,
                                  uint32_t z4)
{
    const int32_t C = id->c, IW = id->w, wpc = cc / 4;
    int32_t x, j, xl, xh;
    if (iy < 0 || iy >= id->h) {
        for (j = 0; j < pcols * wpc; ++j)
            d[j] = (int32_t)z4;
        return;
    }
    xl = x0 < 0 ? -x0 : 0; /* first column inside */
    if (xl > pcols) xl = pcols;
    xh = IW - x0; /* one past the last column inside */
    if (xh > pcols) xh = pcols;
    if (xh < xl) xh = xl;
    for (j = 0; j < xl * wpc; ++j)
        d[j] = (int32_t)z4;
    {
        const int8_t *src = in_batch + ((int32_t)iy * IW + x0 + xl) * C + c0;
        int32_t *dd = d + xl * wpc;
        if (cc == C && ((uintptr_t)src & 3u) == 0) {
            copy_words(dd, (const int32_t *)(const void *)src, (xh - xl) * wpc);
        } else {
            for (x = xl; x < xh; ++x, src += C)
                for (j = 0; j < wpc; ++j)
                    *dd++ = (int32_t)mote_arm_ld32(src + 4 * j);
        }
    }
    for (j = xh * wpc; j < pcols * wpc; ++j)
        d[j] = (int32_t)z4;
}

/* Group constants of dw3_row_general (words): the filter as 9 taps x
 * (w0, w2), (w1, w3) int16 pairs, the bias of the four channels, then per
 * channel (multiplier, shift, unused). */
#define DW3_GRP_WORDS 34
#define DW3_GRP_BIAS 18
#define DW3_GRP_RQ 22

/* Per-call constants of dw3_row_general. */
typedef struct dw3_ctx {
    int32_t cs;   /* pixel stride in the padded rows */
    int32_t rs;   /* padded row stride - cs */
    int32_t off2; /* input offset, both halves */
    int32_t ps;   /* input step between output pixels */
    int32_t oc;   /* output pixel stride */
    int32_t n;    /* pixels (>= 1) */
    int32_t ooff; /* output zero point */
    uint32_t lo4; /* act_min in every byte */
    uint32_t hi4; /* act_max in every byte */
    int32_t full; /* the act range is [-128, 127] */
    int32_t oc2;  /* oc again (dw3_px: one LDRD with adv) */
    int32_t adv;  /* dw3_px: ps - 3 cs - 2 rs, from the taps' end to the next window */
} dw3_ctx;

/*
 * The arm_dsp_3x3_px row (tiny outputs): n output pixels of one group of
 * four channels (3x3 window in the padded
 * rows at px, px + ps, ...; outputs at out, out + oc, ...): the nine taps
 * as dw3x3_asm, then the output stage of mote_arm_requant_e2 (the same
 * arithmetic: per channel one LDM of its constants, the 64-bit addend
 * built from the sign, SMLAL, ASR; the output zero point is in the high
 * word's addend, a multiple of 2^(e-1), so the shift adds it exactly),
 * SSAT, BFI packing and the activation clamp: everything in registers,
 * about 120 instructions per pixel. The window pointer (r12), the row
 * strides (r0) and the input offset (r1) stay in registers from pixel to
 * pixel; the output pointer and the end are on the stack. Hand-written
 * (naked): the taps alone need 13 registers.
 */
__attribute__((naked, noinline)) static void dw3_px(const int8_t *px __attribute__((unused)),
                                                    int8_t *out __attribute__((unused)),
                                                    const int32_t *grp __attribute__((unused)),
                                                    const dw3_ctx *ctx __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "sub     sp, sp, #8\n\t"
                     "ldr     r4, [r3, #20]\n\t"
                     "ldr     r5, [r3, #12]\n\t"
                     "mla     r4, r4, r5, r0\n\t"
                     "strd    r1, r4, [sp]\n\t"
                     "mov     r12, r0\n\t"
                     "ldrd    r0, r1, [r3, #4]\n\t"
                     "ldr     lr, [r3, #0]\n\t"
                     "1:\n\t"
                     "ldrd    r4, r5, [r2, #72]\n\t"
                     "ldrd    r6, r7, [r2, #80]\n\t"
                     "ldr     r9, [r12]\n\t"
                     "sxtab16 r8, r1, r9\n\t"
                     "sxtab16 r9, r1, r9, ror #8\n\t"
                     "ldrd    r10, r11, [r2, #0]\n\t"
                     "smlabb  r4, r10, r8, r4\n\t"
                     "smlatt  r6, r10, r8, r6\n\t"
                     "smlabb  r5, r11, r9, r5\n\t"
                     "smlatt  r7, r11, r9, r7\n\t"
                     "ldr     r9, [r12, lr]\n\t"
                     "sxtab16 r8, r1, r9\n\t"
                     "sxtab16 r9, r1, r9, ror #8\n\t"
                     "ldrd    r10, r11, [r2, #8]\n\t"
                     "smlabb  r4, r10, r8, r4\n\t"
                     "smlatt  r6, r10, r8, r6\n\t"
                     "smlabb  r5, r11, r9, r5\n\t"
                     "smlatt  r7, r11, r9, r7\n\t"
                     "add     r12, r12, lr\n\t"
                     "ldr     r9, [r12, lr]\n\t"
                     "sxtab16 r8, r1, r9\n\t"
                     "sxtab16 r9, r1, r9, ror #8\n\t"
                     "ldrd    r10, r11, [r2, #16]\n\t"
                     "smlabb  r4, r10, r8, r4\n\t"
                     "smlatt  r6, r10, r8, r6\n\t"
                     "smlabb  r5, r11, r9, r5\n\t"
                     "smlatt  r7, r11, r9, r7\n\t"
                     "add     r12, r12, r0\n\t"
                     "ldr     r9, [r12]\n\t"
                     "sxtab16 r8, r1, r9\n\t"
                     "sxtab16 r9, r1, r9, ror #8\n\t"
                     "ldrd    r10, r11, [r2, #24]\n\t"
                     "smlabb  r4, r10, r8, r4\n\t"
                     "smlatt  r6, r10, r8, r6\n\t"
                     "smlabb  r5, r11, r9, r5\n\t"
                     "smlatt  r7, r11, r9, r7\n\t"
                     "ldr     r9, [r12, lr]\n\t"
                     "sxtab16 r8, r1, r9\n\t"
                     "sxtab16 r9, r1, r9, ror #8\n\t"
                     "ldrd    r10, r11, [r2, #32]\n\t"
                     "smlabb  r4, r10, r8, r4\n\t"
                     "smlatt  r6, r10, r8, r6\n\t"
                     "smlabb  r5, r11, r9, r5\n\t"
                     "smlatt  r7, r11, r9, r7\n\t"
                     "add     r12, r12, lr\n\t"
                     "ldr     r9, [r12, lr]\n\t"
                     "sxtab16 r8, r1, r9\n\t"
                     "sxtab16 r9, r1, r9, ror #8\n\t"
                     "ldrd    r10, r11, [r2, #40]\n\t"
                     "smlabb  r4, r10, r8, r4\n\t"
                     "smlatt  r6, r10, r8, r6\n\t"
                     "smlabb  r5, r11, r9, r5\n\t"
                     "smlatt  r7, r11, r9, r7\n\t"
                     "add     r12, r12, r0\n\t"
                     "ldr     r9, [r12]\n\t"
                     "sxtab16 r8, r1, r9\n\t"
                     "sxtab16 r9, r1, r9, ror #8\n\t"
                     "ldrd    r10, r11, [r2, #48]\n\t"
                     "smlabb  r4, r10, r8, r4\n\t"
                     "smlatt  r6, r10, r8, r6\n\t"
                     "smlabb  r5, r11, r9, r5\n\t"
                     "smlatt  r7, r11, r9, r7\n\t"
                     "ldr     r9, [r12, lr]\n\t"
                     "sxtab16 r8, r1, r9\n\t"
                     "sxtab16 r9, r1, r9, ror #8\n\t"
                     "ldrd    r10, r11, [r2, #56]\n\t"
                     "smlabb  r4, r10, r8, r4\n\t"
                     "smlatt  r6, r10, r8, r6\n\t"
                     "smlabb  r5, r11, r9, r5\n\t"
                     "smlatt  r7, r11, r9, r7\n\t"
                     "add     r12, r12, lr\n\t"
                     "ldr     r9, [r12, lr]\n\t"
                     "sxtab16 r8, r1, r9\n\t"
                     "sxtab16 r9, r1, r9, ror #8\n\t"
                     "ldrd    r10, r11, [r2, #64]\n\t"
                     "smlabb  r4, r10, r8, r4\n\t"
                     "smlatt  r6, r10, r8, r6\n\t"
                     "smlabb  r5, r11, r9, r5\n\t"
                     "smlatt  r7, r11, r9, r7\n\t"
                     "add     lr, r2, #88\n\t"
                     "ldm     lr!, {r8, r9, r10}\n\t"
                     "add     r9, r9, r4, asr #31\n\t"
                     "and     r11, r4, #0x80000000\n\t"
                     "orr     r11, r11, #0x40000000\n\t"
                     "smlal   r11, r9, r4, r8\n\t"
                     "asr     r4, r9, r10\n\t"
                     "ldm     lr!, {r8, r9, r10}\n\t"
                     "add     r9, r9, r5, asr #31\n\t"
                     "and     r11, r5, #0x80000000\n\t"
                     "orr     r11, r11, #0x40000000\n\t"
                     "smlal   r11, r9, r5, r8\n\t"
                     "asr     r5, r9, r10\n\t"
                     "ldm     lr!, {r8, r9, r10}\n\t"
                     "add     r9, r9, r6, asr #31\n\t"
                     "and     r11, r6, #0x80000000\n\t"
                     "orr     r11, r11, #0x40000000\n\t"
                     "smlal   r11, r9, r6, r8\n\t"
                     "asr     r6, r9, r10\n\t"
                     "ldm     lr!, {r8, r9, r10}\n\t"
                     "add     r9, r9, r7, asr #31\n\t"
                     "and     r11, r7, #0x80000000\n\t"
                     "orr     r11, r11, #0x40000000\n\t"
                     "smlal   r11, r9, r7, r8\n\t"
                     "asr     r7, r9, r10\n\t"
                     "ssat    r4, #8, r4\n\t"
                     "ssat    r5, #8, r5\n\t"
                     "ssat    r6, #8, r6\n\t"
                     "ssat    r7, #8, r7\n\t"
                     "bfi     r4, r5, #8, #8\n\t"
                     "bfi     r4, r6, #16, #8\n\t"
                     "bfi     r4, r7, #24, #8\n\t"
                     "ldr     r5, [r3, #36]\n\t"
                     "cbnz    r5, 2f\n\t"
                     "ldr     r8, [r3, #28]\n\t"
                     "ssub8   r9, r4, r8\n\t"
                     "sel     r4, r4, r8\n\t"
                     "ldr     r8, [r3, #32]\n\t"
                     "ssub8   r9, r8, r4\n\t"
                     "sel     r4, r4, r8\n\t"
                     "2:\n\t"
                     "ldrd    r8, r9, [sp]\n\t"
                     "ldrd    r10, r11, [r3, #40]\n\t"
                     "str     r4, [r8]\n\t"
                     "add     r8, r8, r10\n\t"
                     "str     r8, [sp]\n\t"
                     "add     r12, r12, r11\n\t"
                     "ldr     lr, [r3, #0]\n\t"
                     "cmp     r12, r9\n\t"
                     "bne     1b\n\t"
                     "add     sp, sp, #8\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}

/* One output row of one group: the nine taps (mote_arm_tap4: one word
 * load, two SXTAB16, four SMLAxy), the output stage of mote_arm_rq_one
 * (the single-rounding form for shifts <= -2), packing and the activation
 * clamp. Most cases take the int16 lines below instead. */
static __attribute__((noinline)) void dw3_row_general(const int8_t *px, int8_t *out,
                                                      const int32_t *grp, const dw3_ctx *x)
{
    const int32_t *rq = grp + DW3_GRP_RQ;
    int32_t i, j;
    for (i = 0; i < x->n; ++i, px += x->ps, out += x->oc) {
        mote_arm_acc4 a;
        const int8_t *t = px;
        int32_t v[4];
        uint32_t w = 0;
        a.a0 = grp[DW3_GRP_BIAS];
        a.a1 = grp[DW3_GRP_BIAS + 1];
        a.a2 = grp[DW3_GRP_BIAS + 2];
        a.a3 = grp[DW3_GRP_BIAS + 3];
        for (j = 0; j < 9; ++j) { /* a loop (flash: KWS links this fallback) */
            mote_arm_tap4(&a, t, grp + 2 * j, x->off2);
            t += j % 3 == 2 ? x->rs - x->cs : x->cs; /* the next tap, or the next row's first */
        }
        v[0] = a.a0;
        v[1] = a.a1;
        v[2] = a.a2;
        v[3] = a.a3;
        for (j = 0; j < 4; ++j) {
            const int32_t r =
                mote_arm_ssat8(mote_arm_rq_one(v[j], rq[3 * j], rq[3 * j + 1]) + x->ooff);
            w |= ((uint32_t)r & 0xFFu) << (8 * j);
        }
        if (!x->full) {
            (void)__ssub8((int32_t)w, (int32_t)x->lo4); /* GE: w >= act_min */
            w = __sel(w, x->lo4);
            (void)__ssub8((int32_t)x->hi4, (int32_t)w); /* GE: act_max >= w */
            w = __sel(w, x->hi4);
        }
        mote_arm_st32(out, w);
    }
}

/*
 * 3x3, dilation 1, C % 4 == 0, any stride: the three input rows of an
 * output row are copied into three padded rows on the stack (the input
 * zero point in the padding), so every output pixel is one window wholly
 * inside them (dw3_row_general, no border cases), and the filter and output
 * constants of up to MOTE_ARM_DW3_CH channels are prepared once. In place
 * (input == output; batch 1, the same row, stride 1 along rows or one
 * output row): rows are copied before any output row overwrites them, and
 * an output row only overwrites input rows the later ones no longer read
 * (they are in the padded rows by then); a channel block writes only its
 * own channels, which no other block reads. The cases: mote_arm_dw_s8_path
 * (arm_plan.c); the int16-line path below takes most of them first.
 */
MOTE_ARM_INLINE void dw3_rows8_with(const mote_conv_s8_params *p, const mote_requant *q,
                                    const mote_dims *id, const int8_t *input, const int8_t *filter,
                                    const int32_t *bias, const mote_dims *od, int8_t *output,
                                    const int use_px)
{
    int32_t rows[3 * MOTE_ARM_DW3_ROW_BYTES / 4];
    int32_t grp[MOTE_ARM_DW3_CH / 4 * DW3_GRP_WORDS];
    uint8_t fast[MOTE_ARM_DW3_CH / 4];
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, sh = g->stride_h, sw = g->stride_w, ph = g->pad_h, pw = g->pad_w;
    const int32_t OH = od->h, OW = od->w, pcols = (OW - 1) * sw + 3;
    const int32_t off2 = mote_arm_dup16(p->input_offset);
    const uint32_t z4 = mote_arm_dup8(-p->input_offset);
    dw3_ctx x;
    int32_t cc, c0, b, oy, k, i;

    /* the case mote_arm_dw_s8_path gave this path (arm_plan.c) */
    cc = MOTE_ARM_DW3_ROW_BYTES / pcols / 4 * 4;
    if (cc > MOTE_ARM_DW3_CH) cc = MOTE_ARM_DW3_CH;
    if (cc > C) cc = C;
    x.off2 = off2;
    x.oc = C;
    x.n = OW;
    x.ooff = p->output_offset;
    x.full = p->act_min <= -128 && p->act_max >= 127;
    x.lo4 = mote_arm_dup8(p->act_min);
    x.hi4 = mote_arm_dup8(p->act_max);
    for (c0 = 0; c0 < C; c0 += cc) {
        const int32_t ng = (C - c0 < cc ? C - c0 : cc) / 4, rwords = pcols * ng;
        const int32_t rbytes = 4 * rwords, cs = 4 * ng; /* row and pixel strides */
        x.cs = cs;
        x.rs = rbytes - cs;
        x.ps = sw * cs;
        if (use_px) {
            x.oc2 = C;
            x.adv = x.ps - 3 * cs - 2 * x.rs;
        }
        /* filter (two int16 pairs per tap), bias, output constants per group */
        for (k = 0; k < ng; ++k) {
            const int32_t c = c0 + 4 * k;
            int32_t *gk = grp + DW3_GRP_WORDS * k, t;
            for (t = 0; t < 9; ++t) {
                const uint32_t w = mote_arm_ld32(filter + t * C + c);
                gk[2 * t] = mote_arm_even0(w);
                gk[2 * t + 1] = mote_arm_odd0(w);
            }
            for (i = 0; i < 4; ++i) {
                gk[DW3_GRP_BIAS + i] = bias ? bias[c + i] : 0;
                gk[DW3_GRP_RQ + 3 * i] = q->multiplier[c + i];
                gk[DW3_GRP_RQ + 3 * i + 1] = q->shift[c + i];
            }
            if (use_px) { /* dw3_px: (multiplier, 2^(e-2) + zp 2^(e-1), e-1), |hq| < 2^30 */
                fast[k] = 1;
                for (i = 0; i < 4; ++i) {
                    const int32_t s = q->shift[c + i];
                    if (s > -2 || s < -23) fast[k] = 0;
                }
                for (i = 0; fast[k] && i < 4; ++i) {
                    const int32_t s = q->shift[c + i];
                    gk[DW3_GRP_RQ + 3 * i + 1] =
                        ((int32_t)1 << (-s - 2)) + p->output_offset * ((int32_t)1 << (-s - 1));
                    gk[DW3_GRP_RQ + 3 * i + 2] = -s - 1;
                }
            }
        }
        for (b = 0; b < od->n; ++b) {
            const int8_t *in_batch = input + b * id->h * id->w * C;
            int8_t *out = output + b * OH * OW * C + c0;
            int32_t have = -1000; /* first input row in the padded rows */
            for (oy = 0; oy < OH; ++oy) {
                const int32_t iy = oy * sh - ph, d = iy - have;
                int32_t r = 0;
                if (d == 1) {
                    copy_words(rows, rows + rwords, 2 * rwords);
                    r = 2;
                } else if (d == 2) {
                    copy_words(rows, rows + 2 * rwords, rwords);
                    r = 1;
                } else if (d == 0) {
                    r = 3;
                }
                for (; r < 3; ++r)
                    dw3_load_row(rows + r * rwords, in_batch, iy + r, -pw, pcols, 4 * ng, c0, id,
                                 z4);
                have = iy;
                for (k = 0; k < ng; ++k) {
                    if (use_px && fast[k])
                        dw3_px((const int8_t *)rows + 4 * k, out + 4 * k, grp + DW3_GRP_WORDS * k,
                               &x);
                    else
                        dw3_row_general((const int8_t *)rows + 4 * k, out + 4 * k,
                                        grp + DW3_GRP_WORDS * k, &x);
                }
                out += OW * C;
            }
        }
    }
}

static __attribute__((noinline)) void dw3_rows8(const mote_conv_s8_params *p, const mote_requant *q,
                                                const mote_dims *id, const int8_t *input,
                                                const int8_t *filter, const int32_t *bias,
                                                const mote_dims *od, int8_t *output)
{
    dw3_rows8_with(p, q, id, input, filter, bias, od, output, 0);
}

static __attribute__((noinline)) void dw3_rows8_px(const mote_conv_s8_params *p,
                                                   const mote_requant *q, const mote_dims *id,
                                                   const int8_t *input, const int8_t *filter,
                                                   const int32_t *bias, const mote_dims *od,
                                                   int8_t *output)
{
    dw3_rows8_with(p, q, id, input, filter, bias, od, output, 1);
}

static int dw3s_run(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                    const int8_t *input, const int8_t *filter, const int32_t *bias,
                    const mote_dims *od, int8_t *output);
static int dw3s_run2(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                     const int8_t *input, const int8_t *filter, const int32_t *bias,
                     const mote_dims *od, int8_t *output);
static int dw3s_runb(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                     const int8_t *input, const int8_t *filter, const int32_t *bias,
                     const mote_dims *od, int8_t *output);

/* The arm_dsp_3x3_px row: outputs of at most 3x3 pixels, or of even sides
 * up to 6x6 (arm_plan.c, mote_arm_dw_3x3_px_case). The even ones at stride
 * 1: 2 x 2 blocks of the int16 lines (dw3s_runb; VWW layers 13..21, 6x6x128:
 * 107 040 -> see bench/RESULTS.md, h-vwwdw), else as the arm_dsp_3x3 and
 * _s2 rows. The 3x3 ones: where the int16 lines' per-group set-up (tables,
 * three widened lines per output line) outweighs their steps: the padded int8
 * rows with the hand-written pixel loop (dw3_px) for groups whose shifts are
 * all in [-23, -2]. Except a 3x3 output at stride 1, where the int16 lines
 * (when they take the case) measured faster (VWW layer 25, 3x3x256: 103 360
 * against 106 480 M4 instructions; at stride 2 the pixel loop wins: layer
 * 23, 57 880 against 62 520). Each path a frame of its own. */
void mote_arm_dw_3x3_px(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                        const int8_t *input, const int8_t *filter, const int32_t *bias,
                        const mote_dims *od, int8_t *output)
{
    const int s1 = p->geom.stride_h == 1 && p->geom.stride_w == 1;
    if (od->h > 3 || od->w > 3) { /* even sides up to 6 x 6 (mote_arm_dw_3x3_px_case) */
        if (s1 && dw3s_runb(p, q, id, input, filter, bias, od, output)) return;
        if (mote_arm_dw_3x3_s2_case(p, id, od))
            mote_arm_dw_3x3_s2(p, q, id, input, filter, bias, od, output);
        else
            mote_arm_dw_3x3(p, q, id, input, filter, bias, od, output);
        return;
    }
    if (od->h == 3 && od->w == 3 && s1 && dw3s_run(p, q, id, input, filter, bias, od, output))
        return;
    if (od->h == 3 && od->w == 3 && p->geom.stride_h == 2 && p->geom.stride_w == 2 &&
        dw3s_run2(p, q, id, input, filter, bias, od, output))
        return;
    dw3_rows8_px(p, q, id, input, filter, bias, od, output);
}

/* ---- int16 lines, two output pixels per step ----
 *
 * The 3x3 window is taken along "lines" (input rows, or input columns when
 * the output has more rows than columns: transposed) whose elements (pixels
 * along the line) the output walks with stride 1 (or 2: every other output
 * of a step is dropped). Each input line of a group of four
 * channels is widened once into four int16 lines (one per channel, the input
 * offset added: padding is 0, as the reference's skipped taps), and kept in
 * DW3S_SLOTS slots: the three lines of a window are always slots b, b + 1, b + 2,
 * fixed offsets from one pointer (dw3s_run). Two neighbouring outputs of one channel, A = (x0, x1) and
 * D = (x2, x3) the int16 pairs of one filter line:
 *   out0 += SMLAD((w0, w1), A) + SMLABB((w2, w1), D)  = w0 x0 + w1 x1 + w2 x2
 *   out1 += SMLADX((w2, w1), D) + SMLABT((w0, w1), A) = w0 x1 + w1 x2 + w2 x3
 * six instructions (two loads) for six MACs; four outputs per step (dw3s_line,
 * dw3s_line2) or 2 x 2 blocks (dw3s_blk) need fewer (below). The filter and the bias are
 * doubled (2w fits int16, |2 acc| < 2^31 is checked) for the output stage:
 * with a2 = 2 acc, SMMLAR(a2, m, H) = H + floor((acc m + 2^30) / 2^31) =
 * H + x, x the reference's SaturatingRoundingDoublingHighMul (arm_requant.h:
 * one floor formula for both signs); H = 2^(e-1) + zp 2^e - [acc < 0], so
 * t >> e = floor((x - [acc < 0] + 2^(e-1)) / 2^e) + zp, the reference's
 * RoundingDivideByPOT plus the zero point (arm_requant.h: [x < 0] may be
 * replaced by [acc < 0] for e >= 1). Four instructions per output: ADD
 * (the sign), SMMLAR, ASR, SSAT. Taken when every channel has e = -shift
 * in [1, 22] (|x| < 2^30, so t cannot wrap) and |bias| <= 2^29.
 */
#define DW3S_RS 60                  /* bytes per int16 line: 30 elements */
#define DW3S_NMAX (DW3S_RS / 2 - 3) /* stride-1 outputs per chunk (steps read 4 ceil(n / 4) + 2) */
#define DW3S_SLOTS 8 /* lines in the ring: 6x6 outputs (eight input lines) move none */
#define DW3S_STR_(x) #x
#define DW3S_STR(x) DW3S_STR_(x)
#define DW3S_OFF(r, c) "#((" #r " * 4 + " #c ") * " DW3S_STR(DW3S_RS) ")"
/* the same line two words on */
#define DW3S2_OFF8(r, c) "#((" #r " * 4 + " #c ") * " DW3S_STR(DW3S_RS) " + 8)"

/* Per channel (10 words): 2 bias, (2w0, 2w1) and (2w2, 2w1) of the three
 * filter lines, e, m, H0 = 2^(e-1) + zp 2^e; then act_full, lo4, hi4, where
 * the second output of a step goes (bytes past the first; 0 when the
 * elements go with stride 2: the first, stored after it, wins) and how far
 * the outputs move per step. */
typedef struct dw3s_tab {
    int32_t ch[4][10];
    int32_t full;
    uint32_t lo4, hi4;
    int32_t o1, adv;
    int32_t ols, nlp; /* dw3s_blk: output line stride, pairs of output lines */
} dw3s_tab;

/* clang-format would join the asm strings and macros of a line: one instruction a line */
/* clang-format off */
#define DW3S_LINE(r, c)                                                                            \
    "ldm     r2!, {r9, r10}\n\t"                                                                   \
    "ldrd    r6, r7, [r0, " DW3S_OFF(r, c) "]\n\t"                                                 \
    "smlad   r4, r9, r6, r4\n\t"                                                                   \
    "smlabb  r4, r10, r7, r4\n\t"                                                                  \
    "smladx  r5, r10, r7, r5\n\t"                                                                  \
    "smlabt  r5, r9, r6, r5\n\t"
/* one channel: the taps, then the output stage up to the shift (RQ:
 * DW3S_RQS or DW3S_RQN, below) */
#define DW3S_CH(c, RQ)                                                                             \
    "ldm     r2!, {r8, r9, r10}\n\t"                                                               \
    "ldrd    r6, r7, [r0, " DW3S_OFF(0, c) "]\n\t"                                                 \
    "smlad   r4, r9, r6, r8\n\t"                                                                   \
    "smladx  r5, r10, r7, r8\n\t"                                                                  \
    "smlabb  r4, r10, r7, r4\n\t"                                                                  \
    "smlabt  r5, r9, r6, r5\n\t"                                                                   \
    DW3S_LINE(1, c)                                                                                \
    DW3S_LINE(2, c)                                                                                \
    "ldm     r2!, {r6, r8, r9}\n\t"                                                                \
    RQ("r4", "r8", "r9", "r6")                                                                     \
    RQ("r5", "r8", "r9", "r6")
/* clang-format on */
#define DW3S_PACK(c)                                                                               \
    "ssat    r4, #8, r4\n\t"                                                                       \
    "ssat    r5, #8, r5\n\t"                                                                       \
    "bfi     r11, r4, #(8 * " #c "), #8\n\t"                                                       \
    "bfi     r12, r5, #(8 * " #c "), #8\n\t"

/* The activation range on the two packed output words r11, r12 (lo4 r7, hi4
 * r8, four int8 lanes each), skipped when the table's full (r6) says the
 * range is all of int8. */
#define DW3S_CLAMP                                                                                 \
    "cbnz    r6, 2f\n\t"                                                                           \
    "ssub8   lr, r11, r7\n\t"                                                                      \
    "sel     r11, r11, r7\n\t"                                                                     \
    "ssub8   lr, r8, r11\n\t"                                                                      \
    "sel     r11, r11, r8\n\t"                                                                     \
    "ssub8   lr, r12, r7\n\t"                                                                      \
    "sel     r12, r12, r7\n\t"                                                                     \
    "ssub8   lr, r8, r12\n\t"                                                                      \
    "sel     r12, r12, r8\n\t"                                                                     \
    "2:\n\t"

/* Four outputs per step (dw3s_line): elements x .. x + 3 of one channel,
 * A = (x0, x1), B = (x2, x3), C = (x4, x5) the int16 pairs of one filter
 * line (one LDRD, one LDR):
 *   out0 += SMLAD((w0, w1), A) + SMLABB((w2, w1), B)
 *   out1 += SMLABT((w0, w1), A) + SMLADX((w2, w1), B)
 *   out2 += SMLAD((w0, w1), B) + SMLABB((w2, w1), C)
 *   out3 += SMLABT((w0, w1), B) + SMLADX((w2, w1), C)
 * eleven instructions per line for twelve MACs (two outputs: twelve), and
 * the table's constants loaded once per four outputs. Accumulators r4 .. r7,
 * filter pairs r9, r10, data r8 and lr; line 0 starts from the bias (r8,
 * its data in r6, r7 before they are accumulators). */
/* clang-format off */
#define DW3S4_LINE(r, c)                                                                           \
    "ldm     r2!, {r9, r10}\n\t"                                                                   \
    "ldrd    r8, lr, [r0, " DW3S_OFF(r, c) "]\n\t"                                                 \
    "smlad   r4, r9, r8, r4\n\t"                                                                   \
    "smlabt  r5, r9, r8, r5\n\t"                                                                   \
    "smlabb  r4, r10, lr, r4\n\t"                                                                  \
    "smladx  r5, r10, lr, r5\n\t"                                                                  \
    "smlad   r6, r9, lr, r6\n\t"                                                                   \
    "smlabt  r7, r9, lr, r7\n\t"                                                                   \
    "ldr     r8, [r0, " DW3S2_OFF8(r, c) "]\n\t"                                                   \
    "smlabb  r6, r10, r8, r6\n\t"                                                                  \
    "smladx  r7, r10, r8, r7\n\t"
/* The output stage up to the shift of accumulator a (multiplier m, H h,
 * e): DW3S_RQS with the sign correction (H - [acc < 0], above), DW3S_RQN
 * without it, one instruction less, for act_min >= zp (ReLU / ReLU6: VWW's,
 * person_detect's and KWS's layers): the correction only moves outputs of
 * a negative accumulator, and with m >= 0 and e >= 1 those are <= zp with
 * or without it (H = 2^(e-1) + zp 2^e plus a rounded product <= 0, shifted
 * by e), so the clamp makes them act_min either way. Each line function
 * below is built with either (the _ns ones: DW3S_RQN); the drivers choose
 * per call. */
#define DW3S_RQS(a, m, h, e)                                                                       \
    "add     lr, " h ", " a ", asr #31\n\t"                                                          \
    "smmlar  " a ", " a ", " m ", lr\n\t"                                                            \
    "asr     " a ", " a ", " e "\n\t"
#define DW3S_RQN(a, m, h, e)                                                                       \
    "smmlar  " a ", " a ", " m ", " h "\n\t"                                                         \
    "asr     " a ", " a ", " e "\n\t"
/* e r8, m r9, H r10 */
#define DW3S4_RQ(a, RQ) RQ(a, "r9", "r10", "r8")
#define DW3S4_CH(c, RQ)                                                                            \
    "ldm     r2!, {r8, r9, r10}\n\t"                                                               \
    "ldrd    r6, r7, [r0, " DW3S_OFF(0, c) "]\n\t"                                                 \
    "smlad   r4, r9, r6, r8\n\t"                                                                   \
    "smlabt  r5, r9, r6, r8\n\t"                                                                   \
    "smlabb  r4, r10, r7, r4\n\t"                                                                  \
    "smladx  r5, r10, r7, r5\n\t"                                                                  \
    "smlad   r6, r9, r7, r8\n\t"                                                                   \
    "smlabt  r7, r9, r7, r8\n\t"                                                                   \
    "ldr     r8, [r0, " DW3S2_OFF8(0, c) "]\n\t"                                                   \
    "smlabb  r6, r10, r8, r6\n\t"                                                                  \
    "smladx  r7, r10, r8, r7\n\t"                                                                  \
    DW3S4_LINE(1, c)                                                                               \
    DW3S4_LINE(2, c)                                                                               \
    "ldm     r2!, {r8, r9, r10}\n\t"                                                               \
    DW3S4_RQ("r4", RQ)                                                                            \
    DW3S4_RQ("r5", RQ)                                                                            \
    DW3S4_RQ("r6", RQ)                                                                            \
    DW3S4_RQ("r7", RQ)
/* channel c's four outputs into byte c of the packed words r1, r3, r11, r12 */
#define DW3S4_PACK(c)                                                                              \
    "ssat    r4, #8, r4\n\t"                                                                       \
    "ssat    r5, #8, r5\n\t"                                                                       \
    "ssat    r6, #8, r6\n\t"                                                                       \
    "ssat    r7, #8, r7\n\t"                                                                       \
    "bfi     r1, r4, #(8 * " #c "), #8\n\t"                                                        \
    "bfi     r3, r5, #(8 * " #c "), #8\n\t"                                                        \
    "bfi     r11, r6, #(8 * " #c "), #8\n\t"                                                       \
    "bfi     r12, r7, #(8 * " #c "), #8\n\t"
/* the activation range on one packed word (lo4 r5, hi4 r6) */
#define DW3S4_CLAMP(w)                                                                             \
    "ssub8   lr, " w ", r5\n\t"                                                                    \
    "sel     " w ", " w ", r5\n\t"                                                                 \
    "ssub8   lr, r6, " w "\n\t"                                                                    \
    "sel     " w ", " w ", r6\n\t"
/* clang-format on */

/*
 * Outputs of one line, four channels: the window lines at p (int16 lines,
 * slot offsets above, p at the line's first element); each step the outputs
 * at elements x .. x + 3 (p advances four elements), packed into r1, r3,
 * r11, r12 (the output pointer and the count on the stack), stored as
 * out + o1 and out, then out + adv + o1 and out + adv, out advancing by 2
 * adv. Element stride 1 (o1 = oes, adv = 2 oes): n outputs; when one or
 * two are left after the four-output steps, a two-output step (DW3S_CH:
 * six instructions per line for six MACs; a loop over the channels, its
 * clamp and stores those of the four-output steps), so that at most one
 * output is dropped (n % 4 = 3: the last step's fourth, computed from
 * whatever follows element n + 1); stride 2: n = 2 * outputs, o1 = 0, adv =
 * oes (the odd elements' outputs are overwritten by the even ones).
 */
/* clang-format off */
#define DW3S_LINE_FN(NAME_, RQ_) \
__attribute__((naked, noinline)) static void NAME_(const int16_t *p __attribute__((unused)), \
                                                       int8_t *out __attribute__((unused)), \
                                                       const dw3s_tab *t __attribute__((unused)), \
                                                       int32_t n __attribute__((unused))) \
{ \
    __asm__ volatile("push    {r1, r3, r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t" \
                     "cmp     r3, #2\n\t" \
                     "bls     5f\n\t" \
                     "1:\n\t" \
                     DW3S4_CH(0, RQ_) \
                     "ssat    r1, #8, r4\n\t" \
                     "ssat    r3, #8, r5\n\t" \
                     "ssat    r11, #8, r6\n\t" \
                     "ssat    r12, #8, r7\n\t" \
                     DW3S4_CH(1, RQ_) \
                     DW3S4_PACK(1) \
                     DW3S4_CH(2, RQ_) \
                     DW3S4_PACK(2) \
                     DW3S4_CH(3, RQ_) \
                     DW3S4_PACK(3) \
                     "8:\n\t" \
                     "ldm     r2, {r4, r5, r6, r7, r8}\n\t" \
                     "cbnz    r4, 2f\n\t" \
                     DW3S4_CLAMP("r1") \
                     DW3S4_CLAMP("r3") \
                     DW3S4_CLAMP("r11") \
                     DW3S4_CLAMP("r12") \
                     "2:\n\t" \
                     "sub     r2, r2, #160\n\t" \
                     "ldrd    r9, r10, [sp]\n\t" \
                     "subs    r10, r10, #4\n\t" \
                     "blt     3f\n\t" \
                     "str     r3, [r9, r7]\n\t" \
                     "str     r1, [r9]\n\t" \
                     "add     r9, r9, r8\n\t" \
                     "str     r12, [r9, r7]\n\t" \
                     "str     r11, [r9]\n\t" \
                     "add     r9, r9, r8\n\t" \
                     "strd    r9, r10, [sp]\n\t" \
                     "add     r0, r0, #8\n\t" \
                     "cmp     r10, #2\n\t" \
                     "bhi     1b\n\t" \
                     "cmp     r10, #0\n\t" \
                     "beq     7f\n\t" \
                     /* one or two outputs left (or n <= 2): two outputs \
                      * (DW3S_CH), a loop over the channels (p moves a \
                      * channel line each, the bytes shift into r1, r3), then \
                      * the clamp and the stores above (n - 4 < 0) */ \
                     "5:\n\t" \
                     "mov     r12, #4\n\t" \
                     "6:\n\t" \
                     DW3S_CH(0, RQ_) \
                     "ssat    r4, #8, r4\n\t" \
                     "ssat    r5, #8, r5\n\t" \
                     "lsr     r1, r1, #8\n\t" \
                     "orr     r1, r1, r4, lsl #24\n\t" \
                     "lsr     r3, r3, #8\n\t" \
                     "orr     r3, r3, r5, lsl #24\n\t" \
                     "add     r0, r0, #" DW3S_STR(DW3S_RS) "\n\t" \
                     "subs    r12, r12, #1\n\t" \
                     "bne     6b\n\t" \
                     "b       8b\n\t" \
                     "3:\n\t" /* n - 4 in r10: -3, -2 or -1 outputs (elements) left out */ \
                     "cmn     r10, #3\n\t" \
                     "beq     4f\n\t" \
                     "str     r3, [r9, r7]\n\t" \
                     "cmn     r10, #2\n\t" \
                     "beq     4f\n\t" \
                     "add     r10, r9, r8\n\t" \
                     "str     r11, [r10]\n\t" \
                     "4:\n\t" \
                     "str     r1, [r9]\n\t" \
                     "7:\n\t" \
                     "pop     {r1, r3, r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t"); \
}
/* clang-format on */
DW3S_LINE_FN(dw3s_line, DW3S_RQS)
DW3S_LINE_FN(dw3s_line_ns, DW3S_RQN)

/* Stride 2 (the arm_dsp_3x3_s2 row): outputs at elements x and x + 2 of
 * one line per step, A = (x0, x1), B = (x2, x3), C = (x4, x5) the int16
 * pairs of one filter line:
 *   out0 += SMLAD((w0, w1), A) + SMLABB((w2, w1), B)
 *   out1 += SMLAD((w0, w1), B) + SMLABB((w2, w1), C)
 * four MACs (three loads) for six products, no output dropped. */
/* clang-format off */
#define DW3S2_LINE(r, c)                                                                           \
    "ldm     r2!, {r9, r10}\n\t"                                                                   \
    "ldrd    r6, r7, [r0, " DW3S_OFF(r, c) "]\n\t"                                                 \
    "ldr     lr, [r0, " DW3S2_OFF8(r, c) "]\n\t"                                                   \
    "smlad   r4, r9, r6, r4\n\t"                                                                   \
    "smlabb  r4, r10, r7, r4\n\t"                                                                  \
    "smlad   r5, r9, r7, r5\n\t"                                                                   \
    "smlabb  r5, r10, lr, r5\n\t"
#define DW3S2_CH(c, RQ)                                                                            \
    "ldm     r2!, {r8, r9, r10}\n\t"                                                               \
    "ldrd    r6, r7, [r0, " DW3S_OFF(0, c) "]\n\t"                                                 \
    "ldr     lr, [r0, " DW3S2_OFF8(0, c) "]\n\t"                                                   \
    "smlad   r4, r9, r6, r8\n\t"                                                                   \
    "smlad   r5, r9, r7, r8\n\t"                                                                   \
    "smlabb  r4, r10, r7, r4\n\t"                                                                  \
    "smlabb  r5, r10, lr, r5\n\t"                                                                  \
    DW3S2_LINE(1, c)                                                                               \
    DW3S2_LINE(2, c)                                                                               \
    "ldm     r2!, {r6, r8, r9}\n\t"                                                                \
    RQ("r4", "r8", "r9", "r6")                                                                     \
    RQ("r5", "r8", "r9", "r6")
/* clang-format on */

/* Four stride-2 outputs per step (dw3s_line2): elements x, x + 2, x + 4,
 * x + 6, the pairs A .. E of x .. x + 9 (two LDRD, one LDR):
 *   out_k += SMLAD((w0, w1), pair k) + SMLABB((w2, w1), pair k + 1)
 * twelve instructions per filter line for eight MACs (two outputs: seven
 * for four). Registers as DW3S4_CH. */
#define DW3S2_OFF16(r, c) "#((" #r " * 4 + " #c ") * " DW3S_STR(DW3S_RS) " + 16)"
/* clang-format off */
#define DW3S24_LINE(r, c)                                                                          \
    "ldm     r2!, {r9, r10}\n\t"                                                                   \
    "ldrd    r8, lr, [r0, " DW3S_OFF(r, c) "]\n\t"                                                 \
    "smlad   r4, r9, r8, r4\n\t"                                                                   \
    "smlabb  r4, r10, lr, r4\n\t"                                                                  \
    "smlad   r5, r9, lr, r5\n\t"                                                                   \
    "ldrd    r8, lr, [r0, " DW3S2_OFF8(r, c) "]\n\t"                                               \
    "smlabb  r5, r10, r8, r5\n\t"                                                                  \
    "smlad   r6, r9, r8, r6\n\t"                                                                   \
    "smlabb  r6, r10, lr, r6\n\t"                                                                  \
    "smlad   r7, r9, lr, r7\n\t"                                                                   \
    "ldr     r8, [r0, " DW3S2_OFF16(r, c) "]\n\t"                                                  \
    "smlabb  r7, r10, r8, r7\n\t"
#define DW3S24_CH(c, RQ)                                                                           \
    "ldm     r2!, {r8, r9, r10}\n\t"                                                               \
    "ldrd    r6, r7, [r0, " DW3S_OFF(0, c) "]\n\t"                                                 \
    "smlad   r4, r9, r6, r8\n\t"                                                                   \
    "smlabb  r4, r10, r7, r4\n\t"                                                                  \
    "smlad   r5, r9, r7, r8\n\t"                                                                   \
    "ldrd    r6, r7, [r0, " DW3S2_OFF8(0, c) "]\n\t"                                               \
    "smlabb  r5, r10, r6, r5\n\t"                                                                  \
    "smlad   r6, r9, r6, r8\n\t"                                                                   \
    "smlabb  r6, r10, r7, r6\n\t"                                                                  \
    "smlad   r7, r9, r7, r8\n\t"                                                                   \
    "ldr     lr, [r0, " DW3S2_OFF16(0, c) "]\n\t"                                                  \
    "smlabb  r7, r10, lr, r7\n\t"                                                                  \
    DW3S24_LINE(1, c)                                                                              \
    DW3S24_LINE(2, c)                                                                              \
    "ldm     r2!, {r8, r9, r10}\n\t"                                                               \
    DW3S4_RQ("r4", RQ)                                                                            \
    DW3S4_RQ("r5", RQ)                                                                            \
    DW3S4_RQ("r6", RQ)                                                                            \
    DW3S4_RQ("r7", RQ)
/* clang-format on */

/* dw3s_line2 calls it for lines of six outputs (below); the table's adv
 * is read at byte 176 there. */
static void dw3s_line23(const int16_t *p, int8_t *out, const dw3s_tab *t, int32_t n);
static void dw3s_line23_ns(const int16_t *p, int8_t *out, const dw3s_tab *t, int32_t n);
typedef char dw3s_adv_at_176[offsetof(dw3s_tab, adv) == 176 ? 1 : -1];

/* dw3s_line for element stride 2 (n = 2 * outputs, as dw3s_run passes;
 * the table's adv: the output stride): four outputs per step, p advancing
 * eight elements, packed and stored as dw3s_line; when the outputs % 4 are
 * 1 or 2, the first two by a two-output step (DW3S2_CH, a loop over the
 * channels) so that the last step drops at most one. The reads stay in the
 * line: n <= 28 elements, a step reads up to 8 steps + 1 after the first
 * step's 4, at most element 29 < DW3S_RS / 2. */
/* clang-format off */
#define DW3S_LINE2_FN(NAME_, RQ_, L23_) \
__attribute__((naked, noinline)) static void NAME_(const int16_t *p __attribute__((unused)), \
                                                        int8_t *out __attribute__((unused)), \
                                                        const dw3s_tab *t __attribute__((unused)), \
                                                        int32_t n __attribute__((unused))) \
{ \
    __asm__ volatile("push    {r1, r3, r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t" \
                     "and     r4, r3, #7\n\t" \
                     "sub     r4, r4, #2\n\t" \
                     "cmp     r4, #2\n\t" \
                     "bhi     1f\n\t" \
                     "cmp     r3, #12\n\t" \
                     "beq     20f\n\t" \
                     "mov     r12, #4\n\t" \
                     "5:\n\t" \
                     DW3S2_CH(0, RQ_) \
                     "ssat    r4, #8, r4\n\t" \
                     "ssat    r5, #8, r5\n\t" \
                     "lsr     r1, r1, #8\n\t" \
                     "orr     r1, r1, r4, lsl #24\n\t" \
                     "lsr     r3, r3, #8\n\t" \
                     "orr     r3, r3, r5, lsl #24\n\t" \
                     "add     r0, r0, #" DW3S_STR(DW3S_RS) "\n\t" \
                     "subs    r12, r12, #1\n\t" \
                     "bne     5b\n\t" \
                     "sub     r0, r0, #(4 * " DW3S_STR(DW3S_RS) " - 8)\n\t" \
                     "ldm     r2, {r4, r5, r6, r7, r8}\n\t" \
                     "sub     r2, r2, #160\n\t" \
                     "cbnz    r4, 6f\n\t" \
                     DW3S4_CLAMP("r1") \
                     DW3S4_CLAMP("r3") \
                     "6:\n\t" \
                     "ldrd    r9, r10, [sp]\n\t" \
                     "str     r1, [r9]\n\t" \
                     "subs    r10, r10, #4\n\t" \
                     "blt     7f\n\t" \
                     "str     r3, [r9, r8]\n\t" \
                     "add     r9, r9, r8, lsl #1\n\t" \
                     "strd    r9, r10, [sp]\n\t" \
                     "beq     7f\n\t" \
                     "1:\n\t" \
                     DW3S24_CH(0, RQ_) \
                     "ssat    r1, #8, r4\n\t" \
                     "ssat    r3, #8, r5\n\t" \
                     "ssat    r11, #8, r6\n\t" \
                     "ssat    r12, #8, r7\n\t" \
                     DW3S24_CH(1, RQ_) \
                     DW3S4_PACK(1) \
                     DW3S24_CH(2, RQ_) \
                     DW3S4_PACK(2) \
                     DW3S24_CH(3, RQ_) \
                     DW3S4_PACK(3) \
                     "ldm     r2, {r4, r5, r6, r7, r8}\n\t" \
                     "cbnz    r4, 2f\n\t" \
                     DW3S4_CLAMP("r1") \
                     DW3S4_CLAMP("r3") \
                     DW3S4_CLAMP("r11") \
                     DW3S4_CLAMP("r12") \
                     "2:\n\t" \
                     "sub     r2, r2, #160\n\t" \
                     "ldrd    r9, r10, [sp]\n\t" \
                     "str     r1, [r9]\n\t" \
                     "subs    r10, r10, #8\n\t" \
                     "blt     3f\n\t" \
                     "str     r3, [r9, r8]\n\t" \
                     "add     r9, r9, r8, lsl #1\n\t" \
                     "str     r11, [r9]\n\t" \
                     "str     r12, [r9, r8]\n\t" \
                     "add     r9, r9, r8, lsl #1\n\t" \
                     "strd    r9, r10, [sp]\n\t" \
                     "add     r0, r0, #16\n\t" \
                     "bne     1b\n\t" \
                     "pop     {r1, r3, r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t" \
                     "3:\n\t" /* n - 8 in r10: -6, -4 or -2 (outputs 1, 2 or 3 left) */ \
                     "cmn     r10, #6\n\t" \
                     "beq     7f\n\t" \
                     "str     r3, [r9, r8]\n\t" \
                     "cmn     r10, #4\n\t" \
                     "beq     7f\n\t" \
                     "str     r11, [r9, r8, lsl #1]\n\t" \
                     "7:\n\t" \
                     "pop     {r1, r3, r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t" \
                     /* six outputs (VWW layer 11's lines): two steps of \
                      * three (dw3s_line23 at p, out and at p + 6 elements, \
                      * out + 3 adv; t->adv at byte 176), not a two-output \
                      * step over the channels and a four-output one */ \
                     "20:\n\t" \
                     "mov     r4, r0\n\t" \
                     "mov     r5, r2\n\t" \
                     "bl      " L23_ "\n\t" \
                     "add     r0, r4, #12\n\t" \
                     "ldr     r6, [r5, #176]\n\t" \
                     "ldr     r1, [sp]\n\t" \
                     "add     r6, r6, r6, lsl #1\n\t" \
                     "add     r1, r1, r6\n\t" \
                     "mov     r2, r5\n\t" \
                     "bl      " L23_ "\n\t" \
                     "pop     {r1, r3, r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t"); \
}
/* clang-format on */
DW3S_LINE2_FN(dw3s_line2, DW3S_RQS, "dw3s_line23")
DW3S_LINE2_FN(dw3s_line2_ns, DW3S_RQN, "dw3s_line23_ns")

/* Three outputs at stride 2 (dw3s_line23): elements 0, 2, 4 of one line,
 * A .. D the int16 pairs of elements 0 .. 7 of one filter line (two LDRD;
 * element 7 is read, not used):
 *   out0 += SMLAD((w0, w1), A) + SMLABB((w2, w1), B)
 *   out1 += SMLAD((w0, w1), B) + SMLABB((w2, w1), C)
 *   out2 += SMLAD((w0, w1), C) + SMLABB((w2, w1), D)
 * nine instructions per filter line (the four-output step: twelve). */
/* clang-format off */
#define DW3S23_LINE(r, c)                                                                          \
    "ldm     r2!, {r9, r10}\n\t"                                                                   \
    "ldrd    r7, lr, [r0, " DW3S_OFF(r, c) "]\n\t"                                                 \
    "smlad   r4, r9, r7, r4\n\t"                                                                   \
    "smlabb  r4, r10, lr, r4\n\t"                                                                  \
    "smlad   r5, r9, lr, r5\n\t"                                                                   \
    "ldrd    r7, lr, [r0, " DW3S2_OFF8(r, c) "]\n\t"                                               \
    "smlabb  r5, r10, r7, r5\n\t"                                                                  \
    "smlad   r6, r9, r7, r6\n\t"                                                                   \
    "smlabb  r6, r10, lr, r6\n\t"
#define DW3S23_CH(c, RQ)                                                                           \
    "ldm     r2!, {r8, r9, r10}\n\t"                                                               \
    "ldrd    r7, lr, [r0, " DW3S_OFF(0, c) "]\n\t"                                                 \
    "smlad   r4, r9, r7, r8\n\t"                                                                   \
    "smlabb  r4, r10, lr, r4\n\t"                                                                  \
    "smlad   r5, r9, lr, r8\n\t"                                                                   \
    "ldrd    r7, lr, [r0, " DW3S2_OFF8(0, c) "]\n\t"                                               \
    "smlabb  r5, r10, r7, r5\n\t"                                                                  \
    "smlad   r6, r9, r7, r8\n\t"                                                                   \
    "smlabb  r6, r10, lr, r6\n\t"                                                                  \
    DW3S23_LINE(1, c)                                                                              \
    DW3S23_LINE(2, c)                                                                              \
    "ldm     r2!, {r8, r9, r10}\n\t"                                                               \
    DW3S4_RQ("r4", RQ)                                                                            \
    DW3S4_RQ("r5", RQ)                                                                            \
    DW3S4_RQ("r6", RQ)
#define DW3S23_PACK(c)                                                                             \
    "ssat    r4, #8, r4\n\t"                                                                       \
    "ssat    r5, #8, r5\n\t"                                                                       \
    "ssat    r6, #8, r6\n\t"                                                                       \
    "bfi     r1, r4, #(8 * " #c "), #8\n\t"                                                        \
    "bfi     r3, r5, #(8 * " #c "), #8\n\t"                                                        \
    "bfi     r12, r6, #(8 * " #c "), #8\n\t"
/* clang-format on */

/* dw3s_line2 for lines of exactly three outputs (the _s2 code of the
 * arm_dsp_3x3_px row: 3x3 outputs, VWW / person_detect layer 23; dw3s_run2
 * chooses it per chunk): one step, no fourth output computed and dropped;
 * the packed words r1, r3, r12 stored at out, out + adv, out + 2 adv. */
/* clang-format off */
#define DW3S_LINE23_FN(NAME_, RQ_) \
__attribute__((naked, noinline)) static void NAME_(const int16_t *p __attribute__((unused)), \
                                                         int8_t *out __attribute__((unused)), \
                                                         const dw3s_tab *t __attribute__((unused)), \
                                                         int32_t n __attribute__((unused))) \
{ \
    __asm__ volatile("push    {r1, r4, r5, r6, r7, r8, r9, r10, lr}\n\t" \
                     DW3S23_CH(0, RQ_) \
                     "ssat    r1, #8, r4\n\t" \
                     "ssat    r3, #8, r5\n\t" \
                     "ssat    r12, #8, r6\n\t" \
                     DW3S23_CH(1, RQ_) \
                     DW3S23_PACK(1) \
                     DW3S23_CH(2, RQ_) \
                     DW3S23_PACK(2) \
                     DW3S23_CH(3, RQ_) \
                     DW3S23_PACK(3) \
                     "ldm     r2, {r4, r5, r6, r7, r8}\n\t" \
                     "cbnz    r4, 2f\n\t" \
                     DW3S4_CLAMP("r1") \
                     DW3S4_CLAMP("r3") \
                     DW3S4_CLAMP("r12") \
                     "2:\n\t" \
                     "ldr     r9, [sp]\n\t" \
                     "str     r1, [r9]\n\t" \
                     "str     r3, [r9, r8]\n\t" \
                     "str     r12, [r9, r8, lsl #1]\n\t" \
                     "pop     {r1, r4, r5, r6, r7, r8, r9, r10, pc}\n\t"); \
}
/* clang-format on */
DW3S_LINE23_FN(dw3s_line23, DW3S_RQS)
DW3S_LINE23_FN(dw3s_line23_ns, DW3S_RQN)

/* Blocks of 2 x 2 outputs (dw3s_blk): elements x, x + 1 of output lines l
 * and l + 1, A_s = (x0, x1), D_s = (x2, x3) the int16 pairs of slot s (one
 * LDRD each); filter line k meets slots k (line l) and k + 1 (line l + 1):
 *   out(l, x)     += SMLAD((w0, w1), A_k) + SMLABB((w2, w1), D_k)
 *   out(l, x + 1) += SMLABT((w0, w1), A_k) + SMLADX((w2, w1), D_k)
 * and the same with slot k + 1 for line l + 1: eleven instructions per
 * filter line for twelve MACs, as dw3s_line, but no output dropped on
 * planes of even sides (dw3s_line's 6-output lines drop or pay a two-output
 * step). Registers as DW3S4_CH. */
/* clang-format off */
#define DW3SB_LINE(r, c)                                                                           \
    "ldm     r2!, {r9, r10}\n\t"                                                                   \
    "ldrd    r8, lr, [r0, " DW3S_OFF(r, c) "]\n\t"                                                 \
    "smlad   r4, r9, r8, r4\n\t"                                                                   \
    "smlabt  r5, r9, r8, r5\n\t"                                                                   \
    "smlabb  r4, r10, lr, r4\n\t"                                                                  \
    "smladx  r5, r10, lr, r5\n\t"                                                                  \
    "ldrd    r8, lr, [r0, " DW3S_OFF((r + 1), c) "]\n\t"                                             \
    "smlad   r6, r9, r8, r6\n\t"                                                                   \
    "smlabt  r7, r9, r8, r7\n\t"                                                                   \
    "smlabb  r6, r10, lr, r6\n\t"                                                                  \
    "smladx  r7, r10, lr, r7\n\t"
#define DW3SB_CH(c, RQ)                                                                            \
    "ldm     r2!, {r8, r9, r10}\n\t"                                                               \
    "ldrd    r6, r7, [r0, " DW3S_OFF(0, c) "]\n\t"                                                 \
    "smlad   r4, r9, r6, r8\n\t"                                                                   \
    "smlabt  r5, r9, r6, r8\n\t"                                                                   \
    "smlabb  r4, r10, r7, r4\n\t"                                                                  \
    "smladx  r5, r10, r7, r5\n\t"                                                                  \
    "ldrd    r7, lr, [r0, " DW3S_OFF(1, c) "]\n\t"                                                 \
    "smlad   r6, r9, r7, r8\n\t"                                                                   \
    "smlabt  r7, r9, r7, r8\n\t"                                                                   \
    "smlabb  r6, r10, lr, r6\n\t"                                                                  \
    "smladx  r7, r10, lr, r7\n\t"                                                                  \
    DW3SB_LINE(1, c)                                                                               \
    DW3SB_LINE(2, c)                                                                               \
    "ldm     r2!, {r8, r9, r10}\n\t"                                                               \
    DW3S4_RQ("r4", RQ)                                                                            \
    DW3S4_RQ("r5", RQ)                                                                            \
    DW3S4_RQ("r6", RQ)                                                                            \
    DW3S4_RQ("r7", RQ)
/* clang-format on */

/*
 * Every output of one group of four channels, element stride 1, line
 * stride 1, the ring holding every line (slot l = input line l): pairs of
 * output lines (t->nlp), n outputs per line (even), 2 x 2 blocks packed as
 * dw3s_line (r1, r3: line l; r11, r12: line l + 1) and stored at out,
 * out + o1, out + ols, out + ols + o1. On the stack: out, the elements left
 * in the line, n, the line pairs left.
 */
/* clang-format off */
#define DW3S_BLK_FN(NAME_, RQ_) \
__attribute__((naked, noinline)) static void NAME_(const int16_t *p __attribute__((unused)), \
                                                      int8_t *out __attribute__((unused)), \
                                                      const dw3s_tab *t __attribute__((unused)), \
                                                      int32_t n __attribute__((unused))) \
{ \
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t" \
                     "ldr     r4, [r2, #184]\n\t" \
                     "push    {r3, r4}\n\t" \
                     "push    {r1, r3}\n\t" \
                     "1:\n\t" \
                     DW3SB_CH(0, RQ_) \
                     "ssat    r1, #8, r4\n\t" \
                     "ssat    r3, #8, r5\n\t" \
                     "ssat    r11, #8, r6\n\t" \
                     "ssat    r12, #8, r7\n\t" \
                     DW3SB_CH(1, RQ_) \
                     DW3S4_PACK(1) \
                     DW3SB_CH(2, RQ_) \
                     DW3S4_PACK(2) \
                     DW3SB_CH(3, RQ_) \
                     DW3S4_PACK(3) \
                     "ldm     r2, {r4, r5, r6, r7, r8, r9}\n\t" \
                     "cbnz    r4, 2f\n\t" \
                     DW3S4_CLAMP("r1") \
                     DW3S4_CLAMP("r3") \
                     DW3S4_CLAMP("r11") \
                     DW3S4_CLAMP("r12") \
                     "2:\n\t" \
                     "sub     r2, r2, #160\n\t" \
                     "ldrd    r10, r4, [sp]\n\t" \
                     "str     r1, [r10]\n\t" \
                     "str     r3, [r10, r7]\n\t" \
                     "add     lr, r10, r9\n\t" \
                     "str     r11, [lr]\n\t" \
                     "str     r12, [lr, r7]\n\t" \
                     "add     r10, r10, r8\n\t" \
                     "add     r0, r0, #4\n\t" \
                     "subs    r4, r4, #2\n\t" \
                     "strd    r10, r4, [sp]\n\t" \
                     "bne     1b\n\t" \
                     /* the next pair of lines: out + 2 ols - n oes, p two \
                      * slots on from the line's start */ \
                     "ldrd    r5, r6, [sp, #8]\n\t" \
                     "subs    r6, r6, #1\n\t" \
                     "beq     3f\n\t" \
                     "str     r6, [sp, #12]\n\t" \
                     "str     r5, [sp, #4]\n\t" \
                     "add     r10, r10, r9, lsl #1\n\t" \
                     "mls     r10, r5, r7, r10\n\t" \
                     "str     r10, [sp]\n\t" \
                     "sub     r0, r0, r5, lsl #1\n\t" \
                     "add     r0, r0, #(8 * " DW3S_STR(DW3S_RS) ")\n\t" \
                     "b       1b\n\t" \
                     "3:\n\t" \
                     "add     sp, sp, #16\n\t" \
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t"); \
}
/* clang-format on */
DW3S_BLK_FN(dw3s_blk, DW3S_RQS)
DW3S_BLK_FN(dw3s_blk_ns, DW3S_RQN)

/* (lo of a, lo of b) and (hi of a, hi of b): PKHBT / PKHTB. */
MOTE_ARM_INLINE uint32_t dw3s_lo2(int32_t a, int32_t b)
{
    uint32_t r;
    __asm__("pkhbt   %0, %1, %2, lsl #16" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
MOTE_ARM_INLINE uint32_t dw3s_hi2(int32_t a, int32_t b)
{
    uint32_t r;
    __asm__("pkhtb   %0, %2, %1, asr #16" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

/* dw3s_wide's constants (words, in this order): the element stride in
 * bytes, the input offset in both halves, the loops' counts (four
 * elements, pairs), bit 0: an odd first element alone, bit 1: an odd last
 * one, and the steps from one line's end to the next line's start (ring
 * slot, input). */
typedef struct dw3s_wcfg {
    int32_t esb, off2, nq, np, flags, ddadv, srcadv;
} dw3s_wcfg;

/* A chunk's input lines for dw3s_lines: line 0's element jl of channel c0
 * (src, may point outside the input: only lines in [0, nli) are read), the
 * line stride in bytes, the input's elements [jl, jh) of the padded line,
 * dw3s_wide's constants. */
typedef struct dw3s_ld {
    const int8_t *src;
    int32_t ils, nli, jl, jh;
    dw3s_wcfg w;
} dw3s_ld;

/* One element (four channels, at r1) into the four lines at r0 (halfwords;
 * r5: the input offset; r6, r7 scratch). */
/* clang-format off */
#define DW3S_ONE                                                                                   \
    "ldr     r6, [r1]\n\t"                                                                         \
    "sxtab16 r7, r5, r6\n\t"                                                                       \
    "sxtab16 r6, r5, r6, ror #8\n\t"                                                               \
    "strh    r7, [r0]\n\t"                                                                         \
    "strh    r6, [r0, #" DW3S_STR(DW3S_RS) "]\n\t"                                                 \
    "lsr     r7, r7, #16\n\t"                                                                      \
    "lsr     r6, r6, #16\n\t"                                                                      \
    "strh    r7, [r0, #(2 * " DW3S_STR(DW3S_RS) ")]\n\t"                                           \
    "strh    r6, [r0, #(3 * " DW3S_STR(DW3S_RS) ")]\n\t"                                           \
    "add     r0, r0, #2\n\t"                                                                       \
    "add     r1, r1, r4\n\t"
/* clang-format on */

/*
 * nl (>= 1) input lines of four channels, from src (element jl), into the
 * four channel lines of consecutive ring slots from dd (element jl; channel
 * k at k * DW3S_RS bytes), widened (the input offset added) into int16
 * pairs: per pair of elements two loads, PKHBT / PKHTB (the bytes of
 * channels 0, 1 and of 2, 3 of both elements: one word each), four SXTAB16
 * (the pairs of the four channels), four stores; four elements per loop
 * from an even one (two pairs of each channel line: one STRD; an odd first
 * element alone), or pairs (unaligned words: short lines, as VWW's 6x6
 * ones, whose first element is odd), an odd last element alone
 * (dw3s_lines chooses: the flags of w). Hand-written: the four-element
 * loop needs every register. It loads its four words first (the fourth at
 * 3 esb, r11: one pointer step a loop, not two) and packs them before any
 * SXTAB16, so that six scratch registers hold a loop's values (four packed
 * words, two results) and one is left for 3 esb; the loop counters are in
 * r6 (CBZ: no compare for an empty loop). 23 instructions for four
 * elements (were 24) and 17 a line (were 19): VWW -12 K on the M4.
 */
__attribute__((naked, noinline)) static void dw3s_wide(int8_t *dd __attribute__((unused)),
                                                       const int8_t *src __attribute__((unused)),
                                                       const dw3s_wcfg *w __attribute__((unused)),
                                                       int32_t nl __attribute__((unused)))
{
    /* clang-format off */
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "ldrd    r4, r5, [r2]\n\t"
                     "add     r11, r4, r4, lsl #1\n\t"
                     "1:\n\t"
                     "ldr     r6, [r2, #16]\n\t"
                     "tst     r6, #1\n\t"
                     "it      ne\n\t"
                     "blne    9f\n\t"
                     "ldr     r6, [r2, #8]\n\t"
                     "cbz     r6, 4f\n\t"
                     "3:\n\t"
                     "ldr     r7, [r1]\n\t"
                     "ldr     r8, [r1, r4]\n\t"
                     "ldr     r9, [r1, r4, lsl #1]\n\t"
                     "ldr     r10, [r1, r11]\n\t"
                     "add     r1, r1, r4, lsl #2\n\t"
                     "pkhbt   r12, r7, r8, lsl #16\n\t" /* channels 0, 1 of elements 0, 1 */
                     "pkhtb   r8, r8, r7, asr #16\n\t"  /* 2, 3 of 0, 1 */
                     "pkhbt   r7, r9, r10, lsl #16\n\t" /* 0, 1 of 2, 3 */
                     "pkhtb   r10, r10, r9, asr #16\n\t" /* 2, 3 of 2, 3 */
                     "sxtab16 r9, r5, r12, ror #8\n\t"
                     "sxtab16 lr, r5, r7, ror #8\n\t"
                     "strd    r9, lr, [r0, #" DW3S_STR(DW3S_RS) "]\n\t"
                     "sxtab16 r9, r5, r8\n\t"
                     "sxtab16 lr, r5, r10\n\t"
                     "strd    r9, lr, [r0, #(2 * " DW3S_STR(DW3S_RS) ")]\n\t"
                     "sxtab16 r9, r5, r8, ror #8\n\t"
                     "sxtab16 lr, r5, r10, ror #8\n\t"
                     "strd    r9, lr, [r0, #(3 * " DW3S_STR(DW3S_RS) ")]\n\t"
                     "sxtab16 r9, r5, r12\n\t"
                     "sxtab16 lr, r5, r7\n\t"
                     "strd    r9, lr, [r0], #8\n\t"
                     "subs    r6, r6, #1\n\t"
                     "bne     3b\n\t"
                     "4:\n\t"
                     "ldr     r6, [r2, #12]\n\t"
                     "cbz     r6, 6f\n\t"
                     "5:\n\t"
                     "ldr     r7, [r1]\n\t"
                     "ldr     r8, [r1, r4]\n\t"
                     "add     r1, r1, r4, lsl #1\n\t"
                     "pkhbt   r12, r7, r8, lsl #16\n\t"
                     "pkhtb   r8, r8, r7, asr #16\n\t"
                     "sxtab16 r10, r5, r12\n\t"
                     "sxtab16 r12, r5, r12, ror #8\n\t"
                     "sxtab16 r9, r5, r8\n\t"
                     "sxtab16 r8, r5, r8, ror #8\n\t"
                     "str     r12, [r0, #" DW3S_STR(DW3S_RS) "]\n\t"
                     "str     r9, [r0, #(2 * " DW3S_STR(DW3S_RS) ")]\n\t"
                     "str     r8, [r0, #(3 * " DW3S_STR(DW3S_RS) ")]\n\t"
                     "str     r10, [r0], #4\n\t"
                     "subs    r6, r6, #1\n\t"
                     "bne     5b\n\t"
                     "6:\n\t"
                     "ldr     r6, [r2, #16]\n\t"
                     "tst     r6, #2\n\t"
                     "it      ne\n\t"
                     "blne    9f\n\t"
                     "ldrd    r6, r7, [r2, #20]\n\t"
                     "add     r0, r0, r6\n\t"
                     "add     r1, r1, r7\n\t"
                     "subs    r3, r3, #1\n\t"
                     "bne     1b\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t"
                     "9:\n\t" /* one element (lr: free outside the loops) */
                     DW3S_ONE
                     "bx      lr\n\t");
    /* clang-format on */
}

/* dw3s_wide for lines of pairs only (w->nq and w->flags 0, w->np >= 1:
 * dw3s_runb's 6-element lines from an odd element, VWW layers 13..21),
 * without the per-line tests of the other loops and the odd elements
 * (about 6 instructions a line instead of 19). */
__attribute__((naked, noinline)) static void dw3s_wide2(int8_t *dd __attribute__((unused)),
                                                        const int8_t *src __attribute__((unused)),
                                                        const dw3s_wcfg *w __attribute__((unused)),
                                                        int32_t nl __attribute__((unused)))
{
    /* clang-format off */
    __asm__ volatile("push    {r4, r5, r6, r7, r10, r11, lr}\n\t"
                     "ldrd    r4, r5, [r2]\n\t"
                     "1:\n\t"
                     "ldr     lr, [r2, #12]\n\t"
                     "5:\n\t"
                     "ldr     r6, [r1]\n\t"
                     "ldr     r7, [r1, r4]\n\t"
                     "add     r1, r1, r4, lsl #1\n\t"
                     "pkhbt   r12, r6, r7, lsl #16\n\t"
                     "pkhtb   r7, r7, r6, asr #16\n\t"
                     "sxtab16 r10, r5, r12\n\t"
                     "sxtab16 r12, r5, r12, ror #8\n\t"
                     "sxtab16 r11, r5, r7\n\t"
                     "sxtab16 r7, r5, r7, ror #8\n\t"
                     "str     r12, [r0, #" DW3S_STR(DW3S_RS) "]\n\t"
                     "str     r11, [r0, #(2 * " DW3S_STR(DW3S_RS) ")]\n\t"
                     "str     r7, [r0, #(3 * " DW3S_STR(DW3S_RS) ")]\n\t"
                     "str     r10, [r0], #4\n\t"
                     "subs    lr, lr, #1\n\t"
                     "bne     5b\n\t"
                     "ldrd    r6, r7, [r2, #20]\n\t"
                     "add     r0, r0, r6\n\t"
                     "add     r1, r1, r7\n\t"
                     "subs    r3, r3, #1\n\t"
                     "bne     1b\n\t"
                     "pop     {r4, r5, r6, r7, r10, r11, pc}\n\t");
    /* clang-format on */
}

/* The words holding elements jl .. jh-1 of the four lines of one slot to 0
 * (the input zero point plus the offset, as the reference's skipped taps). */
static void dw3s_pad(int32_t *d, const dw3s_ld *ld)
{
    int32_t *dw = d + (ld->jl >> 1);
    const int32_t *de = d + ((ld->jh + 1) >> 1);
    /* clang-format off */
    for (; dw < de; ++dw) /* the four lines at once (asm: GCC makes memset calls) */
        __asm__ volatile("str     %1, [%0]\n\t"
                         "str     %1, [%0, #" DW3S_STR(DW3S_RS) "]\n\t"
                         "str     %1, [%0, #(2 * " DW3S_STR(DW3S_RS) ")]\n\t"
                         "str     %1, [%0, #(3 * " DW3S_STR(DW3S_RS) ")]\n\t"
                         :
                         : "r"(dw), "r"(0)
                         : "memory");
    /* clang-format on */
}

/* Input lines L .. L+cnt-1 (cnt >= 1) of four channels into cnt consecutive
 * ring slots from d: the input's (dw3s_wide) elements jl .. jh-1, a line
 * outside the input zeros (dw3s_pad). The columns outside [jl, jh) are zero
 * already (dw3s_run). */
static __attribute__((noinline)) void dw3s_lines(int32_t *d, const dw3s_ld *ld, int32_t L,
                                                 int32_t cnt)
{
    int32_t nd;
    for (; cnt > 0 && L < 0; --cnt, ++L, d += DW3S_RS)
        dw3s_pad(d, ld);
    nd = ld->nli - L < cnt ? ld->nli - L : cnt;
    if (nd > 0) {
        if (ld->jh > ld->jl) dw3s_wide((int8_t *)d + 2 * ld->jl, ld->src + L * ld->ils, &ld->w, nd);
        cnt -= nd;
        d += nd * DW3S_RS;
    }
    for (; cnt > 0; --cnt, d += DW3S_RS)
        dw3s_pad(d, ld);
}

/* Words w0 .. w1-1 of the four channel lines of the first ns ring slots
 * (from buf) to 0. */
static __attribute__((noinline)) void dw3s_zero(int32_t *buf, int32_t ns, int32_t w0, int32_t w1)
{
    int32_t s, w;
    /* words outer: an empty range (half of the band calls' chunks) returns
     * at once */
    for (w = w0; w < w1; ++w)
        for (s = 0; s < ns; ++s)
            /* clang-format off */
            __asm__ volatile("str     %1, [%0]\n\t"
                             "str     %1, [%0, #" DW3S_STR(DW3S_RS) "]\n\t"
                             "str     %1, [%0, #(2 * " DW3S_STR(DW3S_RS) ")]\n\t"
                             "str     %1, [%0, #(3 * " DW3S_STR(DW3S_RS) ")]\n\t"
                             :
                             : "r"(buf + s * DW3S_RS + w), "r"(0)
                             : "memory");
    /* clang-format on */
}

/* Whether every channel takes the output stage above (e = -shift in
 * [1, 22], |bias| <= 2^29: |2 acc| <= 2^30 + 2 * 9 * 255 * 128 < 2^31;
 * checked as bias in [-2^29, 2^29), the other rows take 2^29). */
static __attribute__((noinline)) int dw3s_ok(const mote_requant *q, const int32_t *bias, int32_t C)
{
    /* the shifts four at a time (C % 4 == 0: the groups of four): s + 22
     * in [0, 21] per byte (UADD8), USUB8 of 22 sets the GE bit of a byte
     * out of it, SEL makes those bytes nonzero */
    const int8_t *s = q->shift, *se = s + C;
    uint32_t bad = 0;
    for (; s < se; s += 4) {
        uint32_t t;
        __asm__("uadd8   %0, %1, %2\n\t"
                "usub8   %0, %0, %2\n\t"
                "sel     %0, %3, %4\n\t"
                : "=&r"(t)
                : "r"(mote_arm_ld32(s)), "r"(0x16161616u), "r"(0xFFFFFFFFu), "r"(0u));
        bad |= t;
    }
    if (bad) return 0;
    if (bias) {
        /* b in [-2^29, 2^29): b + 2^29 has its top two bits clear; ORed,
         * two at a time, without a branch per channel (C % 4 == 0; it runs
         * on every call, in a band chain once per band row) */
        const int32_t *b = bias, *be = bias + C;
        for (; b < be; b += 2)
            bad |= ((uint32_t)b[0] + (1u << 29)) | ((uint32_t)b[1] + (1u << 29));
    }
    return bad >> 30 == 0;
}

/* One filter line r of the table (dw3s_prep): the four channels' three
 * taps (words at r1, r1 + fe, r1 + 2 fe: unaligned LDR) split by SXTB16
 * into (c0, c2) and (c1, c3) int16 pairs, doubled by SADD16 (|2w| <= 256),
 * the taps of one channel paired by PKHBT / PKHTB, (2w0, 2w1) and
 * (2w2, 2w1) stored by one STRD per channel (words 1 + 2r, 2 + 2r of its
 * ten, r0 at word 2r); r1 moves to the next line. */
/* clang-format off */
#define DW3S_TAPS_AT(o)                                                                            \
    "ldr     r4, [r1]\n\t"                                                                         \
    "ldr     r5, [r1, r3]\n\t"                                                                     \
    "ldr     r6, [r1, r3, lsl #1]\n\t"                                                             \
    "add     r1, r1, r2\n\t"                                                                       \
    "sxtb16  r7, r4\n\t"                                                                           \
    "sxtb16  r4, r4, ror #8\n\t"                                                                   \
    "sxtb16  r8, r5\n\t"                                                                           \
    "sxtb16  r5, r5, ror #8\n\t"                                                                   \
    "sxtb16  r9, r6\n\t"                                                                           \
    "sxtb16  r6, r6, ror #8\n\t"                                                                   \
    "sadd16  r7, r7, r7\n\t"                                                                       \
    "sadd16  r4, r4, r4\n\t"                                                                       \
    "sadd16  r8, r8, r8\n\t"                                                                       \
    "sadd16  r5, r5, r5\n\t"                                                                       \
    "sadd16  r9, r9, r9\n\t"                                                                       \
    "sadd16  r6, r6, r6\n\t"                                                                       \
    "pkhbt   r10, r7, r8, lsl #16\n\t"                                                             \
    "pkhbt   r11, r9, r8, lsl #16\n\t"                                                             \
    "strd    r10, r11, [r0, #(" o " + 4)]\n\t"                                          \
    "pkhbt   r10, r4, r5, lsl #16\n\t"                                                             \
    "pkhbt   r11, r6, r5, lsl #16\n\t"                                                             \
    "strd    r10, r11, [r0, #(" o " + 40 + 4)]\n\t"                                     \
    "pkhtb   r10, r8, r7, asr #16\n\t"                                                             \
    "pkhtb   r11, r8, r9, asr #16\n\t"                                                             \
    "strd    r10, r11, [r0, #(" o " + 80 + 4)]\n\t"                                     \
    "pkhtb   r10, r5, r4, asr #16\n\t"                                                             \
    "pkhtb   r11, r5, r6, asr #16\n\t"                                                             \
    "strd    r10, r11, [r0, #(" o " + 120 + 4)]\n\t"
#define DW3S_TAPS DW3S_TAPS_AT("0")
/* clang-format on */

/* dw3s_prep's constants of a call: the filter (channel 0's first tap), its
 * strides across lines (fl) and along a line (fe), the shifts, the
 * multipliers, the biases (or dw3s_nobias) and their step per channel in
 * bytes (4, or 0 for dw3s_nobias), 2 zp + 1 (offsets: dw3s_prep). */
typedef struct dw3s_pq {
    const int8_t *f;
    int32_t fl, fe;
    const int8_t *sh;
    const int32_t *m;
    const int32_t *b;
    int32_t bs;
    uint32_t h1;
} dw3s_pq;

static const int32_t dw3s_nobias = 0; /* every channel's bias when there are none (step 0) */

/* The table rows ch (ten words each) of channels c0 .. c0+3: the doubled
 * taps (DW3S_TAPS, a loop over the three filter lines, not unrolled: KWS
 * links this file), then per channel the bias doubled and the output
 * stage: e, m, H = 2^(e-1) + zp 2^e = (2 zp + 1) 2^(e-1) = (h1 << e) >> 1
 * (e in [1, 22] by dw3s_ok: |h1 2^e| < 2^31). Hand-written: it runs per
 * group of four channels on every call (in a band chain once per band
 * row); one call with the constants' loop in asm is about 20 instructions
 * a group less than the compiler's loop after a separate taps call (an
 * unrolled loop: 22 less again, but 84 bytes more in KWS's image). */
__attribute__((naked, noinline)) static void dw3s_prep(int32_t *ch __attribute__((unused)),
                                                       int32_t c0 __attribute__((unused)),
                                                       const dw3s_pq *pq __attribute__((unused)))
{
    /* clang-format off */
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "push    {r0, r1, r2}\n\t"
                     "ldr     r3, [r2]\n\t"
                     "add     r1, r1, r3\n\t"
                     "ldrd    r2, r3, [r2, #4]\n\t"
                     "mov     lr, #3\n\t"
                     "1:\n\t"
                     DW3S_TAPS
                     "add     r0, r0, #8\n\t"
                     "subs    lr, lr, #1\n\t"
                     "bne     1b\n\t"
                     "pop     {r0, r1, r2}\n\t"
                     "ldr     r4, [r2, #12]\n\t"
                     "add     r4, r4, r1\n\t"
                     "ldr     r5, [r2, #16]\n\t"
                     "add     r5, r5, r1, lsl #2\n\t"
                     "ldrd    r6, r7, [r2, #20]\n\t"
                     "mla     r6, r7, r1, r6\n\t"
                     "ldr     lr, [r2, #28]\n\t"
                     "mov     r8, #4\n\t"
                     "2:\n\t" /* a loop over the channels (flash: KWS links this) */
                     "ldrsb   r1, [r4], #1\n\t"
                     "rsb     r1, r1, #0\n\t"
                     "lsl     r2, lr, r1\n\t"
                     "asr     r2, r2, #1\n\t"
                     "ldr     r3, [r6]\n\t"
                     "add     r6, r6, r7\n\t"
                     "lsl     r3, r3, #1\n\t"
                     "ldr     r9, [r5], #4\n\t"
                     "str     r3, [r0]\n\t"
                     "strd    r1, r9, [r0, #28]\n\t"
                     "str     r2, [r0, #36]\n\t"
                     "add     r0, r0, #40\n\t"
                     "subs    r8, r8, #1\n\t"
                     "bne     2b\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
    /* clang-format on */
}

/* dw3s_prep unrolled (the stride-2 row only: dw3s_run2; KWS does not
 * link it): the three filter lines at fixed table offsets, then the four
 * channels' constants (CONST), no loop counters and no pointer restored:
 * ~25 instructions a group and call less (VWW layer 3's band calls, one
 * per group and band row; layers 7, 11, 23). */
/* clang-format off */
#define DW3S_CONST(o)                                                                              \
    "ldrsb   r1, [r4], #1\n\t"                                                                     \
    "rsb     r1, r1, #0\n\t"                                                                       \
    "lsl     r2, lr, r1\n\t"                                                                       \
    "asr     r2, r2, #1\n\t"                                                                       \
    "ldr     r3, [r6]\n\t"                                                                         \
    "add     r6, r6, r7\n\t"                                                                       \
    "lsl     r3, r3, #1\n\t"                                                                       \
    "ldr     r9, [r5], #4\n\t"                                                                     \
    "str     r3, [r0, #(" o ")]\n\t"                                                               \
    "strd    r1, r9, [r0, #(" o " + 28)]\n\t"                                                      \
    "str     r2, [r0, #(" o " + 36)]\n\t"
/* clang-format on */
__attribute__((naked, noinline)) static void dw3s_prep4(int32_t *ch __attribute__((unused)),
                                                        int32_t c0 __attribute__((unused)),
                                                        const dw3s_pq *pq __attribute__((unused)))
{
    /* clang-format off */
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "mov     r12, r2\n\t"
                     "mov     lr, r1\n\t"
                     "ldr     r3, [r2]\n\t"
                     "add     r1, r1, r3\n\t"
                     "ldrd    r2, r3, [r2, #4]\n\t"
                     DW3S_TAPS_AT("0")
                     DW3S_TAPS_AT("8")
                     DW3S_TAPS_AT("16")
                     "ldr     r4, [r12, #12]\n\t"
                     "add     r4, r4, lr\n\t"
                     "ldr     r5, [r12, #16]\n\t"
                     "add     r5, r5, lr, lsl #2\n\t"
                     "ldrd    r6, r7, [r12, #20]\n\t"
                     "mla     r6, r7, lr, r6\n\t"
                     "ldr     lr, [r12, #28]\n\t"
                     DW3S_CONST("0")
                     DW3S_CONST("40")
                     DW3S_CONST("80")
                     DW3S_CONST("120")
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
    /* clang-format on */
}

/* pq for dw3s_prep. */
static void dw3s_pq_set(dw3s_pq *pq, const mote_conv_s8_params *p, const mote_requant *q,
                        const int8_t *filter, const int32_t *bias, int32_t fl, int32_t fe)
{
    pq->f = filter;
    pq->fl = fl;
    pq->fe = fe;
    pq->sh = q->shift;
    pq->m = q->multiplier;
    pq->b = bias ? bias : &dw3s_nobias;
    pq->bs = bias ? 4 : 0;
    pq->h1 = 2u * (uint32_t)p->output_offset + 1u;
}

/*
 * The int16-line path (above): element stride 1 or 2, any line stride,
 * batch 1, every channel's output stage as dw3s_ok; returns 0 when it does
 * not take the case. Lines are input rows, or columns when the output has
 * more rows than columns (transposed: fewer, longer lines); one chunk of at
 * most DW3S_NMAX (stride 1) or 14 (stride 2) outputs per line, else chunks
 * of 24 or 12 (multiples of the four-output step). The window's
 * three lines are slots b, b + 1, b + 2 of DW3S_SLOTS, loaded several
 * windows at a time; when b + 2 would pass the last slot, the lines it
 * keeps move to slots 0 and up; when the ring holds every line the windows
 * span (small planes, band calls), all of them are widened first, in one
 * call. In place (the
 * same shape, line stride 1, one chunk): line l's outputs overwrite input
 * line l only after the lines up to l + 1 are in the ring, and later windows
 * read no line before l; a group of four channels writes only its own
 * channels.
 */
typedef void (*dw3s_line_fn)(const int16_t *, int8_t *, const dw3s_tab *, int32_t);
MOTE_ARM_INLINE int dw3s_run_with(const mote_conv_s8_params *p, const mote_requant *q,
                                  const mote_dims *id, const int8_t *input, const int8_t *filter,
                                  const int32_t *bias, const mote_dims *od, int8_t *output,
                                  dw3s_line_fn line, dw3s_line_fn line_ns, int direct)
{
    int32_t buf[DW3S_SLOTS * 4 * DW3S_RS / 4];
    dw3s_tab tab;
    const int32_t C = id->c, off2 = mote_arm_dup16(p->input_offset);
    /* lines and elements of input and output; strides in bytes; the filter
     * strides across lines (fl) and along a line (fe); line and element
     * strides of the window */
    int32_t nli = id->h, nei = id->w, nlo = od->h, neo = od->w, ils = id->w * C, ies = C;
    int32_t ols = od->w * C, oes = C, fl = 3 * C, fe = C, lpad = p->geom.pad_h;
    int32_t epad = p->geom.pad_w, ls = p->geom.stride_h, es = p->geom.stride_w;
    int32_t c0, jl, jh, fill, ex0, nmax, nslot, nall, s, top, L, sep, cstep, *cb, k, keep, ns;
    dw3s_ld ld, cl[2];
    dw3s_pq pq;
    if (od->h > od->w) { /* transposed: lines are columns */
        nli = id->w, nei = id->h, nlo = od->w, neo = od->h, ils = C, ies = id->w * C;
        ols = C, oes = od->w * C, fl = C, fe = 3 * C;
        lpad = p->geom.pad_w, epad = p->geom.pad_h, ls = p->geom.stride_w, es = p->geom.stride_h;
    }
    /* the steps read elements up to 4 ceil(n / 4) + 1 (stride 1) or 2 n + 1
     * (stride 2) of n outputs: at most nmax outputs a line, in place one
     * chunk; several chunks of four-step multiples (24, 12: no chunk pays
     * the two-output step or drops an output; 48 outputs at stride 1 were
     * chunks of 27 and 21) */
    nmax = es == 1 ? DW3S_NMAX : (DW3S_NMAX + 2) / 2;
    if (es > 2 || od->n != 1 ||
        (input == output && (od->h != id->h || od->w != id->w || ls != 1 || neo > nmax)) ||
        !dw3s_ok(q, bias, C))
        return 0;
    /* act_min >= zp: the line functions without the sign correction
     * (DW3S_RQN) */
    ns = p->act_min >= p->output_offset;
    if (ns) line = line_ns;
    if (neo > nmax) nmax = es == 1 ? 24 : 12;
    ld.ils = ils;
    ld.nli = nli;
    ld.w.esb = ies;
    ld.w.off2 = off2;
    tab.full = p->act_min <= -128 && p->act_max >= 127;
    tab.lo4 = mote_arm_dup8(p->act_min);
    tab.hi4 = mote_arm_dup8(p->act_max);
    tab.o1 = es == 1 ? oes : 0;
    tab.adv = es == 1 ? 2 * oes : oes;
    tab.ols = ols;
    tab.nlp = nlo / 2;
    fill = 3 + (DW3S_SLOTS - 3) / ls * ls;         /* ring slots loaded: a window's end */
    nall = (nlo - 1) * ls + 3;                     /* the lines the windows span */
    nslot = nall < DW3S_SLOTS ? nall : DW3S_SLOTS; /* slots the ring uses (band calls: few) */
    /* every chunk's lines in slots of their own (the ring holds every line
     * of every chunk: band calls of a few rows on long lines, VWW layers 1
     * and 3): a chunk's padding words and lines, zeroed by the first group,
     * stay zero for the others, as with one chunk (per group and chunk they
     * were ~70 instructions: 19 K of VWW's band chain) */
    sep = (neo + nmax - 1) / nmax * nall <= DW3S_SLOTS;
    cstep = sep ? nall * DW3S_RS : 0; /* words from one chunk's slots to the next's */
    /* direct (dw3s_run2): with one chunk a line, or chunks in slots of their
     * own (at most two: nall >= 3), each chunk's dw3s_ld (its elements,
     * dw3s_wide's counts) is worked out by the first group and kept for the
     * others (cl), which move its input pointer only (~85 instructions a
     * group and chunk: VWW layer 3's band calls, layers 7, 11, 23); chunks
     * sharing slots zero them per group, as before */
    keep = direct && (neo <= nmax || sep);
    dw3s_pq_set(&pq, p, q, filter, bias, fl, fe);
    for (c0 = 0; c0 < C; c0 += 4) {
        if (direct)
            dw3s_prep4(tab.ch[0], c0, &pq);
        else
            dw3s_prep(tab.ch[0], c0, &pq);
        if (keep && c0 > 0 && nall <= DW3S_SLOTS) {
            /* later groups when the ring holds every line (then the chunks'
             * slots are their own: sep): per chunk its kept dw3s_ld four
             * channels on, its input lines by dw3s_wide, its output lines;
             * a loop of its own, not the general one's per-chunk
             * bookkeeping (~65 instructions a chunk: VWW layer 3's band
             * calls, layer 23) */
            const int32_t l0 = lpad > 0 ? 0 : -lpad;
            const int32_t l1 = nall - lpad > nli ? nli : nall - lpad;
            for (ex0 = 0, cb = buf, k = 0; ex0 < neo; ex0 += nmax, cb += cstep, ++k) {
                const int32_t n = neo - ex0 < nmax ? neo - ex0 : nmax;
                dw3s_ld *lp = cl + k;
                int32_t lo, *slot = cb;
                int8_t *o = output + c0 + ex0 * oes;
                lp->src += 4;
                if (l1 > l0 && lp->jh > lp->jl)
                    dw3s_wide((int8_t *)(slot + (l0 + lpad) * DW3S_RS) + 2 * lp->jl,
                              lp->src + l0 * ils, &lp->w, l1 - l0);
                if (es == 2 && n == 3)
                    for (lo = 0; lo < nlo; ++lo, o += ols, slot += ls * DW3S_RS)
                        (ns ? dw3s_line23_ns : dw3s_line23)((const int16_t *)slot, o, &tab, 6);
                else
                    for (lo = 0; lo < nlo; ++lo, o += ols, slot += ls * DW3S_RS)
                        line((const int16_t *)slot, o, &tab, es * n);
            }
            continue;
        }
        for (ex0 = 0, cb = buf, k = 0; ex0 < neo; ex0 += nmax, cb += cstep, ++k) {
            const int32_t n = neo - ex0 < nmax ? neo - ex0 : nmax, x0 = ex0 * es - epad;
            /* the elements the chunk's outputs read: [0, need), need <= 29 */
            const int32_t need = es == 1 ? n + 2 : 2 * n + 1;
            int32_t lo, *slot = cb;
            int8_t *o = output + c0 + ex0 * oes;
            dw3s_ld *lp = keep ? cl + k : &ld;
            if (keep && c0 > 0) { /* the first group's set-up, four channels on */
                lp->src += 4;
                jl = lp->jl;
                jh = lp->jh;
            } else {
                if (keep) *lp = ld;
                /* the input's elements in the chunk's padded line: [jl, jh) */
                jl = x0 < 0 ? -x0 : 0;
                jh = nei - x0 < need ? nei - x0 : need;
                if (jh < jl) jh = jl;
                if (c0 == 0 || (neo > nmax && !sep)) {
                    /* the words of [0, need) outside [jl, jh) to 0 in the
                     * slots the lines use (the lines write the rest): once
                     * per call, or per chunk when several share the slots
                     * (an earlier chunk's elements may be there). The steps
                     * read further (up to element 29: dw3s_line's last
                     * four-output step, dw3s_line2's) only for outputs they
                     * drop, whatever is there */
                    dw3s_zero(slot, nslot, 0, (jl + 1) >> 1);
                    dw3s_zero(slot, nslot, jh >> 1, (need + 1) >> 1);
                }
                lp->src = input + c0 + (x0 + jl) * ies;
                lp->jl = jl;
                lp->jh = jh;
                {
                    /* four elements per loop from an even one (an odd first
                     * one alone), or pairs when the first is odd on a short
                     * line */
                    const int32_t nc = jh - jl, quads = !(jl & 1) || nc >= 12;
                    const int32_t first = quads && (jl & 1), rem = nc - first;
                    lp->w.nq = quads ? rem >> 2 : 0;
                    lp->w.np = quads ? (rem >> 1) & 1 : rem >> 1;
                    lp->w.flags = first | (rem & 1) << 1;
                    lp->w.ddadv = 4 * DW3S_RS - 2 * nc;
                    lp->w.srcadv = ils - nc * ies;
                }
            }
            if (nall <= DW3S_SLOTS) { /* the ring holds every line: one load */
                /* lines -lpad .. nall-1-lpad in the chunk's slots 0 ..
                 * nall-1; when the chunk's slots are its own the padding
                 * lines' slots hold zeros from the first group on (no group
                 * writes them): the input lines only */
                int32_t l0 = -lpad, l1 = nall - lpad;
                if (c0 > 0 && sep) { /* (direct: the loop above) */
                    l0 = l0 < 0 ? 0 : l0;
                    l1 = l1 > nli ? nli : l1;
                }
                if (l1 > l0) dw3s_lines(slot + (l0 + lpad) * DW3S_RS, lp, l0, l1 - l0);
                if (direct && es == 2 && n == 3) /* three stride-2 outputs a line */
                    for (lo = 0; lo < nlo; ++lo, o += ols, slot += ls * DW3S_RS)
                        (ns ? dw3s_line23_ns : dw3s_line23)((const int16_t *)slot, o, &tab, 6);
                else
                    for (lo = 0; lo < nlo; ++lo, o += ols, slot += ls * DW3S_RS)
                        line((const int16_t *)slot, o, &tab, es * n);
                continue;
            }
            /* the ring: slots 0 .. top-1 hold the input lines before L,
             * window lo is slots s .. s+2. A window past the lines loaded
             * loads up to slot fill (one dw3s_lines call for several output
             * lines, not one per line: about 25 instructions less a line),
             * moving the lines it keeps (s .. top-1) to slot 0 first when
             * it would pass the last slot; fill ends a window, so the move
             * copies only the lines later windows read */
            s = 0;
            top = 0;
            L = -lpad;
            for (lo = 0; lo < nlo; ++lo, s += ls, o += ols) {
                if (s + 3 > top) {
                    int32_t cnt;
                    if (s > top) { /* lines no window reads (ls > 3) */
                        L += s - top;
                        top = s;
                    }
                    if (s + 3 > DW3S_SLOTS) {
                        copy_words(buf, buf + s * DW3S_RS, (top - s) * DW3S_RS);
                        top -= s;
                        s = 0;
                    }
                    cnt = fill - top;
                    if (cnt > nall - lpad - L) cnt = nall - lpad - L;
                    dw3s_lines(buf + top * DW3S_RS, lp, L, cnt);
                    top += cnt;
                    L += cnt;
                }
                line((const int16_t *)(buf + s * DW3S_RS), o, &tab, es * n);
            }
        }
    }
    return 1;
}

/* dw3s_run_with for each line function (a copy each, the line called
 * directly): the stride-2 one is linked only with the arm_dsp_3x3_s2 and
 * _px rows, so it alone takes direct (the kept chunk loads, the later
 * groups' loop, dw3s_line23, dw3s_prep4: code KWS, whose image has little
 * room, does not link). */
static __attribute__((noinline)) int dw3s_run(const mote_conv_s8_params *p, const mote_requant *q,
                                              const mote_dims *id, const int8_t *input,
                                              const int8_t *filter, const int32_t *bias,
                                              const mote_dims *od, int8_t *output)
{
    return dw3s_run_with(p, q, id, input, filter, bias, od, output, dw3s_line, dw3s_line_ns, 0);
}
static __attribute__((noinline)) int dw3s_run2(const mote_conv_s8_params *p, const mote_requant *q,
                                               const mote_dims *id, const int8_t *input,
                                               const int8_t *filter, const int32_t *bias,
                                               const mote_dims *od, int8_t *output)
{
    return dw3s_run_with(p, q, id, input, filter, bias, od, output, dw3s_line2, dw3s_line2_ns, 1);
}
/* 2 x 2 blocks (dw3s_blk; the arm_dsp_3x3_px row only): the caller checks
 * stride 1 and outputs of even sides up to 6 x 6. dw3s_run_with's case
 * with line and element stride 1, one chunk (at most 6 outputs a line) and
 * every line in the ring (at most 8), its per-group set-up (the chunk's
 * elements, dw3s_wide's counts, the lines to load) done once per call: per
 * group the table, the input lines, one dw3s_blk call (VWW layers 13..21,
 * 32 groups each). Returns 0 when it does not take the case. */
static __attribute__((noinline)) int dw3s_runb(const mote_conv_s8_params *p, const mote_requant *q,
                                               const mote_dims *id, const int8_t *input,
                                               const int8_t *filter, const int32_t *bias,
                                               const mote_dims *od, int8_t *output)
{
    int32_t buf[DW3S_SLOTS * 4 * DW3S_RS / 4];
    dw3s_tab tab;
    dw3s_ld ld;
    dw3s_pq pq;
    const int32_t C = id->c;
    int32_t nli = id->h, nei = id->w, nlo = od->h, neo = od->w, ils = id->w * C, ies = C;
    int32_t ols = od->w * C, oes = C, fl = 3 * C, fe = C, lpad = p->geom.pad_h;
    int32_t epad = p->geom.pad_w, c0, jl, jh, need, nall, l0, l1;
    int pairs;
    const int8_t *src0;
    /* act_min >= zp: without the sign correction (DW3S_RQN) */
    const dw3s_line_fn blk = p->act_min >= p->output_offset ? dw3s_blk_ns : dw3s_blk;
    if (od->h > od->w) { /* transposed: lines are columns */
        nli = id->w, nei = id->h, nlo = od->w, neo = od->h, ils = C, ies = id->w * C;
        ols = C, oes = od->w * C, fl = C, fe = 3 * C;
        lpad = p->geom.pad_w, epad = p->geom.pad_h;
    }
    if (od->n != 1 || (input == output && (od->h != id->h || od->w != id->w)) ||
        !dw3s_ok(q, bias, C))
        return 0;
    tab.full = p->act_min <= -128 && p->act_max >= 127;
    tab.lo4 = mote_arm_dup8(p->act_min);
    tab.hi4 = mote_arm_dup8(p->act_max);
    tab.o1 = oes;
    tab.adv = 2 * oes;
    tab.ols = ols;
    tab.nlp = nlo / 2;
    nall = nlo + 2; /* the lines the windows span: slots 0 .. nall-1 */
    need = neo + 2; /* the elements the outputs read: [0, need) */
    /* the input's elements in the padded line: [jl, jh) */
    jl = epad;
    jh = nei + epad < need ? nei + epad : need;
    if (jh < jl) jh = jl;
    /* the words of [0, need) outside [jl, jh) to 0 (the lines write the rest) */
    dw3s_zero(buf, nall, 0, (jl + 1) >> 1);
    dw3s_zero(buf, nall, jh >> 1, (need + 1) >> 1);
    ld.ils = ils;
    ld.nli = nli;
    ld.jl = jl;
    ld.jh = jh;
    ld.w.esb = ies;
    ld.w.off2 = mote_arm_dup16(p->input_offset);
    {
        /* as dw3s_run_with */
        const int32_t nc = jh - jl, quads = !(jl & 1) || nc >= 12;
        const int32_t first = quads && (jl & 1), rem = nc - first;
        ld.w.nq = quads ? rem >> 2 : 0;
        ld.w.np = quads ? (rem >> 1) & 1 : rem >> 1;
        ld.w.flags = first | (rem & 1) << 1;
        ld.w.ddadv = 4 * DW3S_RS - 2 * nc;
        ld.w.srcadv = ils - nc * ies;
    }
    src0 = input + (jl - epad) * ies;
    /* lines -lpad .. nall-1-lpad in slots 0 .. nall-1; after the first
     * group the padding lines' slots hold zeros (no group writes them) */
    l0 = -lpad;
    l1 = nall - lpad;
    pairs = ld.w.nq == 0 && ld.w.flags == 0 && ld.w.np > 0;
    dw3s_pq_set(&pq, p, q, filter, bias, fl, fe);
    for (c0 = 0; c0 < C; c0 += 4) {
        dw3s_prep(tab.ch[0], c0, &pq);
        ld.src = src0 + c0;
        if (c0 > 0 && pairs) { /* input lines only, pairs only (dw3s_lines' case) */
            if (l1 > l0)
                dw3s_wide2((int8_t *)(buf + (l0 + lpad) * DW3S_RS) + 2 * jl, ld.src + l0 * ils,
                           &ld.w, l1 - l0);
        } else if (l1 > l0) {
            dw3s_lines(buf + (l0 + lpad) * DW3S_RS, &ld, l0, l1 - l0);
        }
        blk((const int16_t *)buf, output + c0, &tab, neo);
        l0 = l0 < 0 ? 0 : l0;
        l1 = l1 > nli ? nli : l1;
    }
    return 1;
}

/* The int16-line path when it takes the case, else the padded int8 rows (each
 * a frame of its own: the stack holds one of them). */
void mote_arm_dw_3x3(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                     const int8_t *input, const int8_t *filter, const int32_t *bias,
                     const mote_dims *od, int8_t *output)
{
    if (!dw3s_run(p, q, id, input, filter, bias, od, output))
        dw3_rows8(p, q, id, input, filter, bias, od, output);
}

/* Element stride 2, not in place (MOTE_ARM_DW_3X3_S2: a row of its own, so
 * firmware without such a layer links none of it): two outputs per step
 * (dw3s_line2), else as mote_arm_dw_3x3. */
void mote_arm_dw_3x3_s2(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                        const int8_t *input, const int8_t *filter, const int32_t *bias,
                        const mote_dims *od, int8_t *output)
{
    if (!dw3s_run2(p, q, id, input, filter, bias, od, output))
        dw3_rows8(p, q, id, input, filter, bias, od, output);
}

#else
typedef int mote_arm_unused_;
#endif
