/*
 * conv2d_s8_direct_dsp.c — CONV_2D, int8, DSP extension: the direct path
 * (any size; arm_paths.h), and the channels the widened-weight path leaves.
 * Four output channels at a time, and for each output pixel the in-bounds
 * part of every filter row is one contiguous run in the input and in the
 * filter (dilation 1), handed to mote_arm_dot4_s8, which widens both in
 * registers. Padded taps are skipped, as in the reference. The four
 * results are requantized and stored as one word; channels past the last
 * block go one by one. Bit-exact with mote_ref_conv2d_s8.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_paths.h"

/* Accumulate, for the filter rows at w (row stride K, rows = 4 or 1), the
 * in-bounds taps of output pixel (oy, ox). Padded taps are skipped, as the
 * reference skips them. */
static void pixel_dot(const mote_conv_s8_params *p, const mote_dims *id, const int8_t *in_batch,
                      const mote_dims *fd, int32_t oy, int32_t ox, const int8_t *w, int32_t K,
                      int32_t rows, int32_t off2, int32_t *acc)
{
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, row = fd->w * C;
    const int32_t y0 = oy * g->stride_h - g->pad_h, x0 = ox * g->stride_w - g->pad_w;
    int32_t ky, kx, kx_lo, kx_hi, ky_lo, ky_hi;

    mote_arm_tap_range(y0, g->dilation_h, id->h, fd->h, &ky_lo, &ky_hi);
    mote_arm_tap_range(x0, g->dilation_w, id->w, fd->w, &kx_lo, &kx_hi);
    if (kx_hi <= kx_lo) return;
    for (ky = ky_lo; ky < ky_hi; ++ky) {
        const int8_t *in_row = in_batch + (y0 + g->dilation_h * ky) * id->w * C;
        const int8_t *wr = w + ky * row;
        if (g->dilation_w == 1) {
            const int32_t n = (kx_hi - kx_lo) * C;
            const int8_t *x = in_row + (x0 + kx_lo) * C;
            if (rows == 4)
                mote_arm_dot4_s8(wr + kx_lo * C, K, x, n, off2, acc);
            else
                acc[0] = mote_arm_dot1_s8(wr + kx_lo * C, x, n, off2, acc[0]);
        } else {
            for (kx = kx_lo; kx < kx_hi; ++kx) {
                const int8_t *x = in_row + (x0 + g->dilation_w * kx) * C;
                if (rows == 4)
                    mote_arm_dot4_s8(wr + kx * C, K, x, C, off2, acc);
                else
                    acc[0] = mote_arm_dot1_s8(wr + kx * C, x, C, off2, acc[0]);
            }
        }
    }
}

void mote_arm_conv_direct(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                          const int8_t *input, const mote_dims *fd, const int8_t *filter,
                          const int32_t *bias, const mote_dims *od, int8_t *output, int32_t o0)
{
    const int32_t K = fd->h * fd->w * fd->c, OC = od->c, off2 = mote_arm_dup16(p->input_offset);
    /* 1x1, stride 1, no padding: pixel i reads input pixel i, one run */
    const int pw1 = fd->h == 1 && fd->w == 1 && p->geom.stride_h == 1 && p->geom.stride_w == 1 &&
                    p->geom.pad_h == 0 && p->geom.pad_w == 0 && od->h == id->h && od->w == id->w;
    int32_t b, oy, ox, o = o0;
    for (; o + 4 <= OC; o += 4) {
        mote_arm_rq4 rq;
        const int32_t b0 = bias ? bias[o] : 0, b1 = bias ? bias[o + 1] : 0;
        const int32_t b2 = bias ? bias[o + 2] : 0, b3 = bias ? bias[o + 3] : 0;
        mote_arm_rq4_prep(&rq, q->multiplier, q->shift, o, 0, p->output_offset, p->act_min,
                          p->act_max);
        for (b = 0; b < od->n; ++b) {
            const int8_t *in_batch = input + b * id->h * id->w * id->c;
            int8_t *out = output + b * od->h * od->w * OC + o;
            for (oy = 0; oy < od->h; ++oy)
                for (ox = 0; ox < od->w; ++ox, out += OC) {
                    int32_t acc[4];
                    acc[0] = b0;
                    acc[1] = b1;
                    acc[2] = b2;
                    acc[3] = b3;
                    if (pw1)
                        mote_arm_dot4_s8(filter + o * K, K, in_batch + (oy * id->w + ox) * K, K,
                                         off2, acc);
                    else
                        pixel_dot(p, id, in_batch, fd, oy, ox, filter + o * K, K, 4, off2, acc);
                    mote_arm_st32(out, mote_arm_rq4_pack(&rq, acc[0], acc[1], acc[2], acc[3]));
                }
        }
    }
    for (; o < OC; ++o) {
        const int32_t m = q->multiplier[o], sh = q->shift[o];
        for (b = 0; b < od->n; ++b) {
            const int8_t *in_batch = input + b * id->h * id->w * id->c;
            int8_t *out = output + b * od->h * od->w * OC + o;
            for (oy = 0; oy < od->h; ++oy)
                for (ox = 0; ox < od->w; ++ox, out += OC) {
                    int32_t acc = bias ? bias[o] : 0;
                    pixel_dot(p, id, in_batch, fd, oy, ox, filter + o * K, K, 1, off2, &acc);
                    *out = mote_arm_out_s8(acc, m, sh, p->output_offset, p->act_min, p->act_max);
                }
        }
    }
}

#else
typedef int mote_arm_unused_;
#endif
