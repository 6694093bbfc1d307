/*
 * fully_connected_s8_dsp.c — FULLY_CONNECTED, int8, for cores with the DSP
 * extension. Bit-exact with mote_ref_fully_connected_s8 when the weights
 * are symmetric (filter_offset 0, as the int8 spec requires).
 *
 * depth % 4 == 0, depth <= 640, out_c % 4 == 0: the input row is widened
 * once with the offset into a stack buffer, then four output rows at a
 * time run mote_arm_xdot4 against it (21 instructions for 16 MACs).
 * Otherwise four output rows at a time against each input row
 * (mote_arm_dot4_s8: the input is widened in registers, no scratch), then
 * the four outputs requantized and stored as one word; leftover rows one
 * at a time. Each path is a kernel-table row of its own (arm_paths.h).
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"

#define FC_XW_WORDS (MOTE_ARM_FC_XW_DEPTH / 2) /* the widened input row (1280 bytes) */

/* Per-call constants of fc_blocks (words; offsets fixed in the asm). */
typedef struct fc_ctx {
    int32_t g8;          /* 0: bytes of the widened input (8 per group, groups even) */
    int32_t k;           /* 4: depth: the filter row stride */
    int32_t nblk;        /* 8: blocks of four output rows (>= 1) */
    int32_t ooff;        /* 12: output zero point */
    uint32_t lo4;        /* 16: act_min in every byte */
    uint32_t hi4;        /* 20: act_max in every byte */
    int32_t full;        /* 24: the act range is [-128, 127] */
    const int32_t *bias; /* 28: out_c entries */
    int32_t m, hq, e1;   /* 32: the per-tensor output stage, shift <= -2 */
} fc_ctx;

/*
 * Every block of four output rows (filter from w) against one widened input
 * row xw: the mote_arm_xdot4 loop (two groups per iteration, 21
 * instructions per 16 MACs), the output stage of mote_arm_requant_e2 with
 * the per-tensor constants (same arithmetic), zero point, SSAT, BFI
 * packing, clamp; one word stored per block at out, out + 4, ...
 * Hand-written (naked): the loop needs 13 registers, the context a 14th.
 */
__attribute__((naked, noinline)) static void fc_blocks(const int32_t *xw __attribute__((unused)),
                                                       const int8_t *w __attribute__((unused)),
                                                       int8_t *out __attribute__((unused)),
                                                       const fc_ctx *ctx __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "sub     sp, sp, #16\n\t"
                     "str     r0, [sp, #0]\n\t"
                     "str     r2, [sp, #4]\n\t"
                     "ldr     r4, [r3, #8]\n\t"
                     "str     r4, [sp, #8]\n\t"
                     "ldr     r4, [r3, #28]\n\t"
                     "str     r4, [sp, #12]\n\t"
                     "1:\n\t"
                     "ldr     r0, [sp, #0]\n\t"
                     "ldr     r2, [r3, #0]\n\t"
                     "add     r2, r2, r0\n\t"
                     "ldr     lr, [r3, #4]\n\t"
                     "add     r12, r1, lr, lsl #1\n\t"
                     "ldr     r8, [sp, #12]\n\t"
                     "ldm     r8!, {r4, r5, r6, r7}\n\t"
                     "str     r8, [sp, #12]\n\t"
                     "2:\n\t"
                     "ldrd    r8, r9, [r0], #8\n\t"
                     "ldr     r10, [r1, lr]\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r5, r11, r8, r5\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r5, r10, r9, r5\n\t"
                     "ldr     r10, [r1], #4\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r4, r11, r8, r4\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r4, r10, r9, r4\n\t"
                     "ldr     r10, [r12, lr]\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r7, r11, r8, r7\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r7, r10, r9, r7\n\t"
                     "ldr     r10, [r12], #4\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r6, r11, r8, r6\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r6, r10, r9, r6\n\t"
                     "ldrd    r8, r9, [r0], #8\n\t"
                     "ldr     r10, [r1, lr]\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r5, r11, r8, r5\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r5, r10, r9, r5\n\t"
                     "ldr     r10, [r1], #4\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r4, r11, r8, r4\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r4, r10, r9, r4\n\t"
                     "ldr     r10, [r12, lr]\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r7, r11, r8, r7\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r7, r10, r9, r7\n\t"
                     "ldr     r10, [r12], #4\n\t"
                     "sxtb16  r11, r10\n\t"
                     "smlad   r6, r11, r8, r6\n\t"
                     "sxtb16  r10, r10, ror #8\n\t"
                     "smlad   r6, r10, r9, r6\n\t"
                     "cmp     r0, r2\n\t"
                     "bne     2b\n\t"
                     "add     r1, r12, lr\n\t"
                     "add     r11, r3, #32\n\t"
                     "ldm     r11, {r8, r9, r10}\n\t"
                     "add     r11, r9, r4, asr #31\n\t"
                     "and     r0, r4, #0x80000000\n\t"
                     "orr     r0, r0, #0x40000000\n\t"
                     "smlal   r0, r11, r4, r8\n\t"
                     "asr     r4, r11, r10\n\t"
                     "add     r11, r9, r5, asr #31\n\t"
                     "and     r0, r5, #0x80000000\n\t"
                     "orr     r0, r0, #0x40000000\n\t"
                     "smlal   r0, r11, r5, r8\n\t"
                     "asr     r5, r11, r10\n\t"
                     "add     r11, r9, r6, asr #31\n\t"
                     "and     r0, r6, #0x80000000\n\t"
                     "orr     r0, r0, #0x40000000\n\t"
                     "smlal   r0, r11, r6, r8\n\t"
                     "asr     r6, r11, r10\n\t"
                     "add     r11, r9, r7, asr #31\n\t"
                     "and     r0, r7, #0x80000000\n\t"
                     "orr     r0, r0, #0x40000000\n\t"
                     "smlal   r0, r11, r7, r8\n\t"
                     "asr     r7, r11, r10\n\t"
                     "ldr     r0, [r3, #12]\n\t"
                     "add     r4, r4, r0\n\t"
                     "ssat    r4, #8, r4\n\t"
                     "add     r5, r5, r0\n\t"
                     "ssat    r5, #8, r5\n\t"
                     "add     r6, r6, r0\n\t"
                     "ssat    r6, #8, r6\n\t"
                     "add     r7, r7, r0\n\t"
                     "ssat    r7, #8, r7\n\t"
                     "bfi     r4, r5, #8, #8\n\t"
                     "bfi     r4, r6, #16, #8\n\t"
                     "bfi     r4, r7, #24, #8\n\t"
                     "ldr     r0, [r3, #24]\n\t"
                     "cbnz    r0, 3f\n\t"
                     "ldr     r8, [r3, #16]\n\t"
                     "ssub8   r9, r4, r8\n\t"
                     "sel     r4, r4, r8\n\t"
                     "ldr     r8, [r3, #20]\n\t"
                     "ssub8   r9, r8, r4\n\t"
                     "sel     r4, r4, r8\n\t"
                     "3:\n\t"
                     "ldr     r0, [sp, #4]\n\t"
                     "str     r4, [r0], #4\n\t"
                     "str     r0, [sp, #4]\n\t"
                     "ldr     r0, [sp, #8]\n\t"
                     "subs    r0, r0, #1\n\t"
                     "str     r0, [sp, #8]\n\t"
                     "bne     1b\n\t"
                     "add     sp, sp, #16\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}

/* The widened-input path (mote_arm_fc_xw_ok): the input row widened once
 * with the offset (stack), then four rows at a time against it:
 * mote_arm_xdot4, 21 instructions for 16 MACs; fc_blocks when the bias
 * and one shift <= -2 are shared. Otherwise the row is a patch of the
 * patch path and mote_arm_xw_blocks, already in every image the patch
 * path is in, runs it: all blocks in one call with per-channel constants,
 * or block by block with the one entry copied four times. */
void mote_arm_fc_xw(const mote_fc_s8_params *p, const mote_requant *q, int32_t batches,
                    int32_t depth, int32_t out_c, const int8_t *input, const int8_t *filter,
                    const int32_t *bias, int8_t *output)
{
    const int32_t per_tensor = p->per_channel ? 0 : 1, off2 = mote_arm_dup16(p->input_offset);
    int32_t xw[FC_XW_WORDS];
    const int32_t G = depth / 4;
    int32_t b, o, j;
    for (b = 0; b < batches; ++b) {
        const int8_t *x = input + b * depth;
        for (j = 0; j < G; ++j) {
            const uint32_t v = mote_arm_ld32(x + 4 * j);
            xw[2 * j] = mote_arm_even(v, off2);
            xw[2 * j + 1] = mote_arm_odd(v, off2);
        }
        if (per_tensor && bias && G % 2 == 0 && q->shift[0] <= -2) {
            fc_ctx c;
            c.g8 = 8 * G;
            c.k = depth;
            c.nblk = out_c / 4;
            c.ooff = p->output_offset;
            c.lo4 = mote_arm_dup8(p->act_min);
            c.hi4 = mote_arm_dup8(p->act_max);
            c.full = p->act_min <= -128 && p->act_max >= 127;
            c.bias = bias;
            c.m = q->multiplier[0];
            c.hq = (int32_t)1 << (-q->shift[0] - 2);
            c.e1 = -q->shift[0] - 1;
            fc_blocks(xw, filter, output + b * out_c, &c);
            continue;
        }
        {
            const uint32_t lims[4] = {(uint32_t)p->output_offset,
                                      (uint32_t)(p->act_min <= -128 && p->act_max >= 127),
                                      mote_arm_dup8(p->act_min), mote_arm_dup8(p->act_max)};
            const int32_t m = q->multiplier[0];
            const int8_t sh = q->shift[0];
            const int32_t m4[4] = {m, m, m, m};
            const int8_t s4[4] = {sh, sh, sh, sh};
            const int32_t nb = per_tensor ? 1 : out_c / 4;
            for (o = 0; o < out_c; o += 4 * nb)
                mote_arm_xw_blocks(xw, filter + o * depth, depth, G, nb, bias ? bias + o : NULL,
                                   output + b * out_c + o, per_tensor ? m4 : q->multiplier + o,
                                   per_tensor ? s4 : q->shift + o, lims);
        }
    }
}

/* Any other size: four output rows at a time against each input row
 * (mote_arm_dot4_s8 widens the input in registers), leftover rows one
 * at a time. */
void mote_arm_fc_dot(const mote_fc_s8_params *p, const mote_requant *q, int32_t batches,
                     int32_t depth, int32_t out_c, const int8_t *input, const int8_t *filter,
                     const int32_t *bias, int8_t *output)
{
    const int32_t per_tensor = p->per_channel ? 0 : 1, off2 = mote_arm_dup16(p->input_offset);
    int32_t b, o;
    for (o = 0; o + 4 <= out_c; o += 4) {
        mote_arm_rq4 rq;
        const int8_t *w = filter + o * depth;
        mote_arm_rq4_prep(&rq, q->multiplier, q->shift, o, per_tensor, p->output_offset, p->act_min,
                          p->act_max);
        for (b = 0; b < batches; ++b) {
            int32_t acc[4];
            acc[0] = bias ? bias[o] : 0;
            acc[1] = bias ? bias[o + 1] : 0;
            acc[2] = bias ? bias[o + 2] : 0;
            acc[3] = bias ? bias[o + 3] : 0;
            mote_arm_dot4_s8(w, depth, input + b * depth, depth, off2, acc);
            mote_arm_st32(output + b * out_c + o,
                          mote_arm_rq4_pack(&rq, acc[0], acc[1], acc[2], acc[3]));
        }
    }
    for (; o < out_c; ++o) {
        const int32_t k = per_tensor ? 0 : o;
        for (b = 0; b < batches; ++b) {
            const int32_t acc = mote_arm_dot1_s8(filter + o * depth, input + b * depth, depth, off2,
                                                 bias ? bias[o] : 0);
            output[b * out_c + o] = mote_arm_out_s8(acc, q->multiplier[k], q->shift[k],
                                                    p->output_offset, p->act_min, p->act_max);
        }
    }
}

mote_status mote_arm_fully_connected_s8(const mote_fc_s8_params *p, const mote_requant *q,
                                        int32_t batches, int32_t depth, int32_t out_c,
                                        const int8_t *input, const int8_t *filter,
                                        const int32_t *bias, int8_t *output, void *scratch)
{
    (void)scratch;
    if (!p || !q || !q->multiplier || !q->shift || !input || !filter || !output) return MOTE_E_ARG;
    if (batches < 1 || depth < 1 || out_c < 1) return MOTE_E_ARG;
    if (!mote_arm_fully_connected_s8_fits(p, batches, depth, out_c)) return MOTE_E_ARG;
    if (mote_arm_fc_xw_ok(depth, out_c))
        mote_arm_fc_xw(p, q, batches, depth, out_c, input, filter, bias, output);
    else
        mote_arm_fc_dot(p, q, batches, depth, out_c, input, filter, bias, output);
    return MOTE_OK;
}

#else
typedef int mote_arm_unused_;
#endif
