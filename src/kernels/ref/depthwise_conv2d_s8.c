/*
 * DEPTHWISE_CONV_2D, int8 reference (TFLite
 * reference_integer_ops::DepthwiseConvPerChannel).
 *
 * Output channel oc = ic * depth_multiplier + m reads only input channel ic:
 * sum over the window of filter[0, ky, kx, oc] * (input + input_offset),
 * padded taps skipped (they hold the input zero point), then bias, the
 * channel's requantization, the output zero point and the clamp.
 *
 * Accumulator bound (proved at lowering, src/ops/op_conv_util.c): one input
 * channel per output, so kh * kw taps of |w * (x + input_offset)| <=
 * 128 * 255 = 32640; lowering allows at most MOTE_MAX_TAPS = 65536 taps,
 * and 65536 * 32640 = 2139095040 <= INT32_MAX for any values. (A 257x257
 * filter, 66049 taps, is refused: with input zero point -128, input 127
 * and weights -128 its sum reached -2^31 - 2^21 before the bound existed.)
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_rows.h"

/* The part of one output's window that lies inside the input: rows of
 * taps. From one row to the next the input moves on in_row elements and
 * the filter f_row, from one tap to the next the input in_tap and the
 * filter f_tap (a tap of the filter holds every output channel). */
typedef struct dw_window {
    mote_ref_window at; /* rows x taps, where they start (ref_rows.h) */
    int32_t in_row, in_tap, f_row, f_tap;
    int32_t input_offset;
} dw_window;

/* Sum of filter * (input + input_offset) over the window; in and f point
 * at its first tap, in the output's input channel and output channel. */
static MOTE_REF_NOINLINE int32_t window_sum(const int8_t *in, const int8_t *f, const dw_window *w)
{
    const int32_t taps = w->at.taps, in_tap = w->in_tap, f_tap = w->f_tap;
    const int32_t input_offset = w->input_offset;
    int32_t acc = 0, r, t;

    for (r = 0; r < w->at.rows; ++r) {
        int32_t i = r * w->in_row, j = r * w->f_row; /* tap t: in[i], f[j] */
        for (t = 0; t < taps; ++t, i += in_tap, j += f_tap)
            acc += (int32_t)f[j] * ((int32_t)in[i] + input_offset);
    }
    return acc;
}

/* q_step 1: q has one entry per output channel; 0: one for all (per-tensor
 * weights, as a step block with channels == 1 stores them).
 *
 * An output pixel's window is the same for all its channels, so the taps
 * inside the input (mote_ref_window_at, ref_rows.h) are found once per
 * pixel; each output channel then sums over those taps only. */
static mote_status depthwise_s8(const mote_conv_s8_params *p, const mote_requant *q, int32_t q_step,
                                const mote_dims *input_dims, const int8_t *input,
                                const mote_dims *filter_dims, const int8_t *filter,
                                const int32_t *bias, const mote_dims *output_dims, int8_t *output)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    const mote_conv_geom *g;
    dw_window w;
    int32_t dm, b, oy, ox, ic, m;

    if (!p || !q || !q->multiplier || !q->shift || !input_dims || !input || !filter_dims ||
        !filter || !output_dims || !output)
        return MOTE_E_ARG;
    dm = p->depth_multiplier;
    g = &p->geom;
    if (!mote_ref_dims_ok(id) || !mote_ref_dims_ok(fd) || !mote_ref_dims_ok(od) || dm < 1 ||
        fd->n != 1 || od->n != id->n || od->c != fd->c || od->c != id->c * dm || g->stride_h < 1 ||
        g->stride_w < 1 || g->dilation_h < 1 || g->dilation_w < 1)
        return MOTE_E_ARG;
    w.in_row = g->dilation_h * id->w * id->c;
    w.in_tap = g->dilation_w * id->c;
    w.f_row = fd->w * fd->c;
    w.f_tap = fd->c;
    w.input_offset = p->input_offset;

    for (b = 0; b < od->n; ++b) {
        const int8_t *in_batch = input + b * id->h * id->w * id->c;
        for (oy = 0; oy < od->h; ++oy) {
            for (ox = 0; ox < od->w; ++ox) {
                int8_t *out_px = output + ((b * od->h + oy) * od->w + ox) * od->c;
                int32_t oc = 0;
                mote_ref_window_at(g, id, fd->h, fd->w, oy, ox, &w.at);
                for (ic = 0; ic < id->c; ++ic) {
                    for (m = 0; m < dm; ++m, ++oc) {
                        const int32_t acc = window_sum(in_batch + w.at.in_first * id->c + ic,
                                                       filter + w.at.f_first * fd->c + oc, &w);
                        const int32_t qi = oc * q_step;
                        out_px[oc] =
                            mote_ref_output_s8(acc, bias, oc, q->multiplier[qi], q->shift[qi],
                                               p->output_offset, p->act_min, p->act_max);
                    }
                }
            }
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_depthwise_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                                         const mote_dims *input_dims, const int8_t *input,
                                         const mote_dims *filter_dims, const int8_t *filter,
                                         const int32_t *bias, const mote_dims *output_dims,
                                         int8_t *output)
{
    return depthwise_s8(p, q, 1, input_dims, input, filter_dims, filter, bias, output_dims, output);
}

mote_status mote_ref_depthwise_conv2d_s8_step(const void *step, const mote_kernel_io *io)
{
    return mote_ref_conv_s8_run(depthwise_s8, step, io);
}
