/*
 * conv2d_s8_dsp.c — CONV_2D, int8, for cores with the DSP extension.
 * Bit-exact with mote_ref_conv2d_s8 (groups = 1).
 *
 * Output pixels are taken two at a time: each one's receptive field is
 * copied into a column of the scratch pair (im2col, widened to int16 with
 * the input offset added, padded taps written as 0 — the reference skips
 * them, which adds the same nothing), then the matrix multiply of
 * matmul_s8_dsp.c runs every filter against both columns. A 1x1 filter
 * with the pixel inside the input is a single run (the pointwise case); a
 * filter row with dilation 1 is one run per row, so a first layer with one
 * input channel (KWS: 10x4x1) fills four values at a time too.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_kernels.h"

/* First filter tap index whose coordinate o + d * t lies in [0, n),
 * and one past the last, clamped to [0, taps]. */
static void tap_range(int32_t o, int32_t d, int32_t n, int32_t taps, int32_t *lo, int32_t *hi)
{
    int32_t a = o >= 0 ? 0 : (-o + d - 1) / d;
    int32_t b = o >= n ? 0 : (n - 1 - o) / d + 1;
    if (a > taps) a = taps;
    if (b > taps) b = taps;
    if (b < a) b = a;
    *lo = a;
    *hi = b;
}

static void fill_pixel(const mote_conv_s8_params *p, const mote_dims *id, const int8_t *in_batch,
                       const mote_dims *fd, int32_t oy, int32_t ox, int16_t *col, int32_t j)
{
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, K = fd->h * fd->w * C, row = fd->w * C;
    const int32_t y0 = oy * g->stride_h - g->pad_h, x0 = ox * g->stride_w - g->pad_w;
    int32_t ky, kx, kx_lo, kx_hi;

    tap_range(x0, g->dilation_w, id->w, fd->w, &kx_lo, &kx_hi);
    for (ky = 0; ky < fd->h; ++ky) {
        const int32_t y = y0 + g->dilation_h * ky;
        const int32_t k = ky * row;
        const int8_t *in_row;
        if (y < 0 || y >= id->h) {
            mote_arm_col_fill(col, K, j, k, 0, row, 0);
            continue;
        }
        in_row = in_batch + y * id->w * C;
        if (kx_lo > 0) mote_arm_col_fill(col, K, j, k, 0, kx_lo * C, 0);
        if (g->dilation_w == 1) {
            if (kx_hi > kx_lo)
                mote_arm_col_fill(col, K, j, k + kx_lo * C, in_row + (x0 + kx_lo) * C,
                                  (kx_hi - kx_lo) * C, p->input_offset);
        } else {
            for (kx = kx_lo; kx < kx_hi; ++kx)
                mote_arm_col_fill(col, K, j, k + kx * C, in_row + (x0 + g->dilation_w * kx) * C, C,
                                  p->input_offset);
        }
        if (kx_hi < fd->w) mote_arm_col_fill(col, K, j, k + kx_hi * C, 0, (fd->w - kx_hi) * C, 0);
    }
}

mote_status mote_arm_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                               const mote_dims *input_dims, const int8_t *input,
                               const mote_dims *filter_dims, const int8_t *filter,
                               const int32_t *bias, const mote_dims *output_dims, int8_t *output,
                               void *scratch)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    int16_t *col = (int16_t *)scratch;
    mote_arm_out os;
    int32_t K, b, oy, ox, j = 0;
    int8_t *out_first = output;

    if (!p || !q || !q->multiplier || !q->shift || !input_dims || !input || !filter_dims ||
        !filter || !output_dims || !output || !scratch)
        return MOTE_E_ARG;
    if (!mote_arm_conv2d_s8_fits(p, id, fd, od)) return MOTE_E_ARG;
    K = fd->h * fd->w * fd->c;
    os.bias = bias;
    os.mult = q->multiplier;
    os.shift = q->shift;
    os.q_step = 1;
    os.output_offset = p->output_offset;
    os.act_min = p->act_min;
    os.act_max = p->act_max;

    for (b = 0; b < od->n; ++b) {
        const int8_t *in_batch = input + b * id->h * id->w * id->c;
        for (oy = 0; oy < od->h; ++oy) {
            for (ox = 0; ox < od->w; ++ox) {
                int8_t *out_px = output + ((b * od->h + oy) * od->w + ox) * od->c;
                fill_pixel(p, id, in_batch, fd, oy, ox, col, j);
                if (j == 0) {
                    out_first = out_px;
                    j = 1;
                } else {
                    mote_arm_matmul_s8(filter, od->c, K, col, 2, &os, out_first, out_px);
                    j = 0;
                }
            }
        }
    }
    if (j == 1) mote_arm_matmul_s8(filter, od->c, K, col, 1, &os, out_first, 0);
    return MOTE_OK;
}

#else
typedef int mote_arm_unused_;
#endif
