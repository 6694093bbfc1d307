/*
 * conv2d_s8_pws_dsp.c — CONV_2D, int8, DSP extension: strided pointwise
 * convolutions (1x1, stride > 1 on some axis, no padding, K % 8 == 0,
 * K <= 128, out_c % 4 == 0, not in place; arm_paths.h,
 * MOTE_ARM_CONV_PWS), the arm_dsp_pws row. IC's (ResNet-8) shortcut
 * convolutions 32x32x16 -> 16x16x32 and 16x16x32 -> 8x8x64.
 *
 * A 1x1 filter at stride s reads one input pixel per output pixel: the
 * pixel-chunk path's engine (mote_arm_pw_chunk: both operands widened,
 * 11 instructions per 16 MACs, the output stage in registers) applies once
 * the subsampled pixels are gathered. Each chunk of output pixels has its
 * input pixels widened with the input offset into a stack buffer (the
 * pixels of one output row are s * C bytes apart), then runs the chunk.
 * The patch path, which these steps took before, widens the int8 filter
 * rows again for every pixel (21 instructions per 16 MACs).
 *
 * Bit-exact with mote_ref_conv2d_s8 (the chunk engine's arithmetic).
 */
#include "kernels/arm/arm_paths.h"
#include "kernels/arm/arm_rows.h"

/* The rows' cases (portable: the host plans for the device): out of place,
 * and in place row by row (each row call out of place, as
 * mote_arm_conv_rows makes them: arm_rows.c's rule for the rows rows). */
int mote_arm_conv_pws_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_PWS;
}

int mote_arm_conv_rows_pws_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 1) == MOTE_ARM_CONV_RING &&
           mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_PWS;
}

#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"

/* The stack buffer: the four widened filter rows (8 G words) and the
 * chunk's widened pixels (2 G words each). 768 words: IC's 16x16x32 ->
 * 8x8x64 step (G = 8) takes its 64 pixels in two chunks; a band call of
 * its 32x32x16 -> 16x16x32 step (one output row: 16 pixels, G = 4) one. */
#define PWS_BUF_WORDS 768

/*
 * n >= 1 pixels, `step` bytes apart from src, each `pairs` >= 1 pairs of
 * groups of four int8 (C = 8 pairs bytes, any alignment: LDR), widened with
 * the offset pair off2 into d (mote_arm_widen_in's layout, pixel after
 * pixel): nine instructions per pair of groups.
 */
__attribute__((naked, noinline)) static void pws_widen(int32_t *d __attribute__((unused)),
                                                       const int8_t *src __attribute__((unused)),
                                                       int32_t n __attribute__((unused)),
                                                       int32_t pairs __attribute__((unused)),
                                                       int32_t step __attribute__((unused)),
                                                       int32_t off2 __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, lr}\n\t"
                     "ldrd    r4, r5, [sp, #32]\n\t" /* step, off2 */
                     "1:\n\t"
                     "mov     r6, r1\n\t"
                     "mov     r7, r3\n\t"
                     "2:\n\t"
                     "ldr     r9, [r6], #4\n\t"
                     "ldr     lr, [r6], #4\n\t"
                     "sxtab16 r8, r5, r9\n\t"
                     "sxtab16 r9, r5, r9, ror #8\n\t"
                     "sxtab16 r10, r5, lr\n\t"
                     "sxtab16 lr, r5, lr, ror #8\n\t"
                     "stm     r0!, {r8, r9, r10, lr}\n\t"
                     "subs    r7, r7, #1\n\t"
                     "bne     2b\n\t"
                     "add     r1, r1, r4\n\t"
                     "subs    r2, r2, #1\n\t"
                     "bne     1b\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, pc}\n\t");
}

void mote_arm_conv_pws(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                       const int8_t *input, const mote_dims *od, const int8_t *filter,
                       const int32_t *bias, int8_t *output)
{
    int32_t buf[PWS_BUF_WORDS];
    const int32_t C = id->c, G = C / 4, OC = od->c, OW = od->w;
    const int32_t P = (PWS_BUF_WORDS - 8 * G) / (2 * G), off2 = mote_arm_dup16(p->input_offset);
    const int32_t sh = p->geom.stride_h, sw = p->geom.stride_w;
    const int32_t rows = od->n * od->h; /* output rows over the batches */
    int32_t *const xw = buf + 8 * G;
    int32_t r = 0, x = 0, n = 0; /* next pixel to gather: row r, column x; n gathered */
    int8_t *out = output;
    while (r < rows) {
        const int32_t b = r / od->h, y = r - b * od->h;
        int32_t k = OW - x < P - n ? OW - x : P - n;
        const int8_t *src = input + (((size_t)b * (size_t)id->h + (size_t)(y * sh)) *
                                         (size_t)id->w +
                                     (size_t)(x * sw)) *
                                        (size_t)C;
        pws_widen(xw + n * 2 * G, src, k, G / 2, sw * C, off2);
        n += k;
        x += k;
        if (x == OW) x = 0, ++r;
        if (n == P || r == rows) {
            mote_arm_pw_chunk(p, q, G, OC, n, xw, out, filter, bias, buf);
            out += (size_t)n * (size_t)OC;
            n = 0;
        }
    }
}

mote_status mote_arm_conv_pws_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    const int8_t *in = (const int8_t *)io->in[0], *w = (const int8_t *)io->in[1];
    int8_t *out = (int8_t *)io->out[0];
    if (in == NULL || w == NULL || out == NULL ||
        mote_arm_conv2d_s8_step_path(s, in == out) != MOTE_ARM_CONV_PWS)
        return MOTE_E_ARG;
    mote_arm_conv_pws(&s->p, &q, &s->in, in, &s->out, w, (const int32_t *)io->in[2], out);
    return MOTE_OK;
}

/* One row call of the in-place rows (out of place). */
static mote_status pws_row(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                           const int8_t *input, const mote_dims *fd, const int8_t *filter,
                           const int32_t *bias, const mote_dims *od, int8_t *output)
{
    if (mote_arm_conv2d_s8_path(p, id, fd, od, input == output) != MOTE_ARM_CONV_PWS)
        return MOTE_E_ARG;
    mote_arm_conv_pws(p, q, id, input, od, filter, bias, output);
    return MOTE_OK;
}

mote_status mote_arm_conv_rows_pws_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (io->in[0] == NULL || io->in[1] == NULL || io->out[0] == NULL ||
        mote_arm_conv2d_s8_step_path(s, io->in[0] == io->out[0]) != MOTE_ARM_CONV_RING)
        return MOTE_E_ARG;
    return mote_arm_conv_rows(pws_row, s, &q, io);
}

#endif
