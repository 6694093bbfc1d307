/*
 * depthwise_conv2d_s8_3x3_dsp.c — DEPTHWISE_CONV_2D, int8, depth multiplier
 * 1, DSP extension: the padded-row path for 3x3 windows (arm_paths.h), in
 * place or not. Bit-exact with mote_ref_depthwise_conv2d_s8.
 */
#if defined(__ARM_FEATURE_DSP)

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
static void dw3_load_row(int32_t *d, const int8_t *in_batch, int32_t iy, int32_t x0, int32_t pcols,
                         int32_t cc, int32_t c0, const mote_dims *id, uint32_t z4)
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

/* Group constants of dw3_px (words): the filter as 9 taps x (w0, w2),
 * (w1, w3) int16 pairs, the bias of the four channels, then per channel
 * (multiplier, 2^(e-2) + zp * 2^(e-1), e-1): the fast output stage (every
 * shift in [-23, -2]) with the output zero point folded in. */
#define DW3_GRP_WORDS 34
#define DW3_GRP_BIAS 18
#define DW3_GRP_RQ 22

/* Per-call constants of dw3_px (words, offsets fixed in the asm). */
typedef struct dw3_ctx {
    int32_t cs;   /* 0: pixel stride in the padded rows */
    int32_t rs;   /* 4: padded row stride - cs */
    int32_t off2; /* 8: input offset, both halves */
    int32_t ps;   /* 12: input step between output pixels */
    int32_t oc;   /* 16: output pixel stride */
    int32_t n;    /* 20: pixels (>= 1) */
    int32_t ooff; /* 24: output zero point (dw3_row_general) */
    uint32_t lo4; /* 28: act_min in every byte */
    uint32_t hi4; /* 32: act_max in every byte */
    int32_t full; /* 36: the act range is [-128, 127] */
    int32_t oc2;  /* 40: oc again (one LDRD with adv) */
    int32_t adv;  /* 44: ps - 3 cs - 2 rs: where the taps leave the pointer to the next window */
} dw3_ctx;

/*
 * n output pixels of one group of four channels (3x3 window in the padded
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

/* One output row of one group whose shifts are not all in [-23, -2]
 * (dw3_px takes the others): the same taps, the general output stage. */
static __attribute__((noinline)) void dw3_row_general(const int8_t *px, int8_t *out,
                                                      const int32_t *grp, const dw3_ctx *x)
{
    const int32_t *rq = grp + DW3_GRP_RQ;
    int32_t i, j;
    for (i = 0; i < x->n; ++i, px += x->ps, out += x->oc) {
        mote_arm_acc4 a;
        int32_t v[4];
        uint32_t w = 0;
        a.a0 = grp[DW3_GRP_BIAS];
        a.a1 = grp[DW3_GRP_BIAS + 1];
        a.a2 = grp[DW3_GRP_BIAS + 2];
        a.a3 = grp[DW3_GRP_BIAS + 3];
        for (j = 0; j < 9; ++j) /* plain C: a rare path (GCC -O2 cannot fit dw3x3_asm here) */
            mote_arm_tap4(&a, px + (j / 3) * (x->rs + x->cs) + (j % 3) * x->cs, grp + 2 * j,
                          x->off2);
        v[0] = a.a0;
        v[1] = a.a1;
        v[2] = a.a2;
        v[3] = a.a3;
        for (j = 0; j < 4; ++j) {
            const int32_t r =
                mote_arm_ssat8(mote_arm_requant(v[j], rq[3 * j], rq[3 * j + 1]) + x->ooff);
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
 * inside them (dw3_px, no border cases), and the filter and output
 * constants of up to MOTE_ARM_DW3_CH channels are prepared once. In place
 * (input == output; batch 1, the same row, stride 1 along rows or one
 * output row): rows are copied before any output row overwrites them, and
 * an output row only overwrites input rows the later ones no longer read
 * (they are in the padded rows by then); a channel block writes only its
 * own channels, which no other block reads. The cases: mote_arm_dw_s8_path
 * (arm_plan.c).
 */
void mote_arm_dw_3x3(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                     const int8_t *input, const int8_t *filter, const int32_t *bias,
                     const mote_dims *od, int8_t *output)
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
        x.oc2 = C;
        x.adv = x.ps - 3 * cs - 2 * x.rs;
        /* filter (two int16 pairs per tap), bias, output constants per group */
        for (k = 0; k < ng; ++k) {
            const int32_t c = c0 + 4 * k;
            int32_t *gk = grp + DW3_GRP_WORDS * k, t;
            fast[k] = 1;
            for (t = 0; t < 9; ++t) {
                const uint32_t w = mote_arm_ld32(filter + t * C + c);
                gk[2 * t] = mote_arm_even0(w);
                gk[2 * t + 1] = mote_arm_odd0(w);
            }
            for (i = 0; i < 4; ++i) {
                const int32_t s = q->shift[c + i];
                int32_t *r = gk + DW3_GRP_RQ + 3 * i;
                gk[DW3_GRP_BIAS + i] = bias ? bias[c + i] : 0;
                r[0] = q->multiplier[c + i];
                if (s <= -2 && s >= -23) { /* |hq| < 2^30: the high word cannot wrap */
                    r[1] = ((int32_t)1 << (-s - 2)) + p->output_offset * ((int32_t)1 << (-s - 1));
                    r[2] = -s - 1;
                } else {
                    fast[k] = 0;
                }
            }
            if (!fast[k]) /* dw3_row_general: (multiplier, shift) */
                for (i = 0; i < 4; ++i)
                    gk[DW3_GRP_RQ + 3 * i + 1] = q->shift[c + i];
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
                    const int8_t *px = (const int8_t *)rows + 4 * k;
                    if (fast[k])
                        dw3_px(px, out + 4 * k, grp + DW3_GRP_WORDS * k, &x);
                    else
                        dw3_row_general(px, out + 4 * k, grp + DW3_GRP_WORDS * k, &x);
                }
                out += OW * C;
            }
        }
    }
}

#else
typedef int mote_arm_unused_;
#endif
