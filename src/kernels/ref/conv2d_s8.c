/*
 * CONV_2D, int8 reference (TFLite reference_integer_ops::ConvPerChannel).
 *
 * For each output element: sum over the filter window of
 * filter * (input + input_offset), skipping taps that fall in the padding
 * (a padded tap is the input's zero point, so its term is zero), then add
 * the bias, requantize with the channel's multiplier and shift, add the
 * output zero point and clamp. Grouped convolution follows TFLite too: when
 * the filter's depth divides the input's, each group of out_c / groups
 * filters reads its own slice of input channels.
 *
 * Accumulator bound (proved at lowering, src/ops/op_conv_util.c): each tap
 * is w * (x + input_offset) with w in [-128, 127] and x + input_offset in
 * [-255, 255], so |tap| <= 128 * 255 = 32640; lowering allows at most
 * MOTE_MAX_TAPS = 65536 taps (kh * kw * filter depth) per output, and
 * 65536 * 32640 = 2139095040 <= INT32_MAX, for any input and weight values.
 * The bias is then added with wrap-around (ref_util.h), and requantization
 * saturates.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_rows.h"

/* The part of one output's window that lies inside the input: rows of
 * taps, a tap being depth input channels in a row. From one row to the
 * next the input moves on in_row elements and the filter f_row, from one
 * tap to the next the input in_tap and the filter depth. */
typedef struct conv_window {
    mote_ref_window at; /* rows x taps, where they start (ref_rows.h) */
    int32_t depth, in_row, in_tap, f_row;
    int32_t input_offset;
} conv_window;

/* Sum of filter * (input + input_offset) over the window; in and f point
 * at its first tap. */
static MOTE_REF_NOINLINE int32_t window_sum(const int8_t *in, const int8_t *f, const conv_window *w)
{
    const int32_t depth = w->depth, input_offset = w->input_offset;
    int32_t acc = 0, r, t, i;

    for (r = 0; r < w->at.rows; ++r)
        for (t = 0; t < w->at.taps; ++t) {
            const int8_t *in_px = in + r * w->in_row + t * w->in_tap;
            const int8_t *f_px = f + r * w->f_row + t * depth;
            for (i = 0; i < depth; ++i)
                acc += (int32_t)f_px[i] * ((int32_t)in_px[i] + input_offset);
        }
    return acc;
}

/* q_step 1: q has one entry per output channel; 0: one entry for all
 * (per-tensor weights, as a step block with channels == 1 stores them).
 *
 * An output pixel's window is the same for all its channels, so the taps
 * inside the input (mote_ref_window_at, ref_rows.h) are found once per
 * pixel; each output channel then sums over those taps only. */
static mote_status conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q, int32_t q_step,
                             const mote_dims *input_dims, const int8_t *input,
                             const mote_dims *filter_dims, const int8_t *filter,
                             const int32_t *bias, const mote_dims *output_dims, int8_t *output)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    const mote_conv_geom *g;
    conv_window w;
    int32_t groups, per_group, f_size, b, oy, ox;

    if (!p || !q || !q->multiplier || !q->shift || !input_dims || !input || !filter_dims ||
        !filter || !output_dims || !output)
        return MOTE_E_ARG;
    g = &p->geom;
    if (!mote_ref_dims_ok(id) || !mote_ref_dims_ok(fd) || !mote_ref_dims_ok(od) || od->n != id->n ||
        od->c != fd->n || id->c % fd->c != 0 || od->c % (id->c / fd->c) != 0 || g->stride_h < 1 ||
        g->stride_w < 1 || g->dilation_h < 1 || g->dilation_w < 1)
        return MOTE_E_ARG;
    /* groups of per_group filters, each reading its own fd->c input channels */
    groups = id->c / fd->c;
    per_group = od->c / groups;
    f_size = fd->h * fd->w * fd->c;
    w.in_row = g->dilation_h * id->w * id->c;
    w.in_tap = g->dilation_w * id->c;
    w.f_row = fd->w * fd->c;
    w.input_offset = p->input_offset;

    for (b = 0; b < od->n; ++b) {
        const int8_t *in_batch = input + b * id->h * id->w * id->c;
        for (oy = 0; oy < od->h; ++oy) {
            for (ox = 0; ox < od->w; ++ox) {
                int8_t *out_px = output + ((b * od->h + oy) * od->w + ox) * od->c;
                int32_t grp, k, oc = 0;
                mote_ref_window_at(g, id, fd->h, fd->w, oy, ox, &w.at);
                w.depth = fd->c;
                /* Taps next to each other in both input and filter: one run. */
                if (w.in_tap == fd->c) {
                    w.depth *= w.at.taps;
                    w.at.taps = 1;
                }
                for (grp = 0; grp < groups; ++grp) {
                    const int8_t *in_win = in_batch + w.at.in_first * id->c + grp * fd->c;
                    for (k = 0; k < per_group; ++k, ++oc) {
                        const int32_t acc =
                            window_sum(in_win, filter + oc * f_size + w.at.f_first * fd->c, &w);
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

mote_status mote_ref_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                               const mote_dims *input_dims, const int8_t *input,
                               const mote_dims *filter_dims, const int8_t *filter,
                               const int32_t *bias, const mote_dims *output_dims, int8_t *output)
{
    return conv2d_s8(p, q, 1, input_dims, input, filter_dims, filter, bias, output_dims, output);
}

mote_status mote_ref_conv2d_s8_step(const void *step, const mote_kernel_io *io)
{
    return mote_ref_conv_s8_run(conv2d_s8, step, io);
}
