/*
 * mve_pwn_s8.c — CONV_2D, int8, Helium (Cortex-M55): the arm_mve_pwn row,
 * the Helium side of arm_dsp_pwn (conv2d_s8_pwn_dsp.c): the same steps
 * (pointwise, 2 .. MOTE_ARM_PWN_MAX_PIX pixels, out of place), where some
 * output channels have an all-zero filter row (VWW's 6x6 and 3x3 layers:
 * 16 .. 91 % of their channels). Such a channel's output is its bias
 * requantized, for every pixel; the others run the Helium pointwise kernel
 * (mote_mve_conv2d_s8) four at a time, their filter rows copied together
 * into the room and their outputs scattered from it. Bit-exact with
 * mote_ref_conv2d_s8. In place, without room, or where fewer than 4 of 16 rows
 * sampled start with eight zero bytes (Helium's whole-layer loop is then
 * the faster: VWW's L12, 16 % zero rows; person_detect, none), the step
 * runs the arm_mve row it displaces.
 *
 * The room (mote_arm_pwn_room, as arm_dsp_pwn's choice 1): four filter
 * rows (K words), four outputs per pixel (npix words), a byte per channel.
 */
#include "kernels/arm/arm_paths.h"
#include "kernels/arm/arm_rows.h"
#include "kernels/kernel_table.h"

/* The row's cases: arm_dsp_pwn's (portable: the host plans for the device). */
int mote_mve_conv_pwn_fits(const void *step)
{
    return mote_arm_conv_pwn_fits(step);
}

/* The room's bytes in choice k (k = 1 only). */
uint32_t mote_mve_pwn_room_bytes(const void *step, int32_t k)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    if (k != 1 || !mote_mve_conv_pwn_fits(step)) return 0;
    return 4u * (uint32_t)(s->filter.c + s->out.h * s->out.w + s->out.c / 4);
}

/* mote_kernel_room_slot for the arm_mve_pwn row (NULL for another row),
 * recorded as arm_dsp_pwn's. */
int32_t *mote_mve_pwn_room(int32_t row, void *step, int32_t k, uint32_t *bytes)
{
    int32_t *slot = mote_arm_room_slot_if(row, step, mote_mve_conv_pwn_fits);
    if (slot != NULL) *bytes = mote_mve_pwn_room_bytes(step, k);
    return slot;
}

#if defined(__ARM_FEATURE_MVE)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_mve.h"

/* The step entry of the arm_mve_pwn row. */
mote_status mote_mve_conv_pwn_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const int32_t tag = s->p.depth_multiplier, k = (tag & 15) - 4;
    const int8_t *in = (const int8_t *)io->in[0], *w = (const int8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int8_t *out = (int8_t *)io->out[0];
    const int32_t npix = s->out.h * s->out.w, C = s->filter.c, OC = s->out.c;
    int32_t *buf;
    if (in == NULL || w == NULL || out == NULL) return MOTE_E_ARG;
    buf = k == 1 ? (int32_t *)(void *)(out + (tag - 5)) : NULL;
    /* in place (SWW's pointwise layers: the arm_mve row after this one takes
     * those on the M55, where no row marked in place comes first) */
    if (in == out || buf == NULL || ((uintptr_t)buf & 3u) != 0 || ((uintptr_t)w & 3u) != 0 ||
        !mote_arm_pwn_sparse(w, C, OC, 4))
        return mote_mve_conv2d_s8_step(step, io); /* (it checks the step itself) */
    if (!mote_mve_conv_pwn_fits(s)) return MOTE_E_ARG;
    {
        const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
        int8_t *const wbuf = (int8_t *)(void *)buf;       /* four filter rows */
        int8_t *const tmp = wbuf + 4 * C;                 /* four outputs per pixel */
        uint8_t *const cst = (uint8_t *)(tmp + 4 * npix); /* 1: a constant channel */
        mote_dims fd4 = s->filter, od4 = s->out;
        int32_t m4[4], b4[4], o, j, t, n = 0, live[4], nconst = 0;
        int8_t sh4[4];
        mote_requant q4;
        for (o = 0; o < OC; ++o) {
            cst[o] = (uint8_t)(q.multiplier[o] == 0 || mote_arm_pwn_row_zero(w + o * C, C));
            nconst += cst[o];
        }
        if (nconst > 0) { /* as arm_dsp_pwn: the first pixel, copied forward */
            const int32_t nb = (npix - 1) * OC;
            for (o = 0; o < OC; ++o)
                if (cst[o])
                    out[o] = mote_arm_out_s8(bias ? bias[o] : 0, q.multiplier[o], q.shift[o],
                                             s->p.output_offset, s->p.act_min, s->p.act_max);
            for (j = 0; j < nb; j += 4)
                mote_arm_st32(out + OC + j, mote_arm_ld32(out + j));
        }
        fd4.n = 4;
        od4.c = 4;
        q4.multiplier = m4;
        q4.shift = sh4;
        for (o = 0; o <= OC; ++o) {
            if (o < OC) {
                if (cst[o]) continue;
                live[n++] = o;
            }
            if (n == 4 || (o == OC && n > 0)) {
                for (j = n; j < 4; ++j) /* the last group padded with its last channel */
                    live[j] = live[n - 1];
                for (j = 0; j < 4; ++j) {
                    const int32_t *src = (const int32_t *)(const void *)(w + live[j] * C);
                    int32_t *d = (int32_t *)(void *)(wbuf + j * C);
                    for (t = 0; t < C / 4; ++t)
                        d[t] = src[t];
                    m4[j] = q.multiplier[live[j]];
                    sh4[j] = q.shift[live[j]];
                    b4[j] = bias ? bias[live[j]] : 0;
                }
                (void)mote_mve_conv2d_s8(&s->p, &q4, &s->in, in, &fd4, wbuf, b4, &od4, tmp);
                for (t = 0; t < npix; ++t)
                    for (j = 0; j < n; ++j)
                        out[t * OC + live[j]] = tmp[4 * t + j];
                n = 0;
            }
        }
    }
    return MOTE_OK;
}

#else
typedef int mote_mve_unused_pwn_;
#endif
