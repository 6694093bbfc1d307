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
    int32_t rows, taps, depth;
    int32_t in_row, in_tap, f_row;
    int32_t input_offset;
} conv_window;

/* Sum of filter * (input + input_offset) over the window; in and f point
 * at its first tap. */
static MOTE_REF_NOINLINE int32_t window_sum(const int8_t *in, const int8_t *f,
                                            const conv_window *w)
{
    const int32_t depth = w->depth, input_offset = w->input_offset;
    int32_t acc = 0, r, t, i;

    for (r = 0; r < w->rows; ++r)
        for (t = 0; t < w->taps; ++t) {
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
 * inside the input ([ky0, ky1) x [kx0, kx1), ref_util.h) are found once
 * per pixel; each output channel then sums over those taps only. */
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
            const int32_t y0 = oy * g->stride_h - g->pad_h;
            int32_t ky0, ky1;
            mote_ref_tap_range(y0, g->dilation_h, fd->h, id->h, &ky0, &ky1);
            for (ox = 0; ox < od->w; ++ox) {
                const int32_t x0 = ox * g->stride_w - g->pad_w;
                int8_t *out_px = output + ((b * od->h + oy) * od->w + ox) * od->c;
                int32_t kx0, kx1, in_first = 0, f_first = 0, grp, k, oc = 0;
                mote_ref_tap_range(x0, g->dilation_w, fd->w, id->w, &kx0, &kx1);
                w.rows = ky1 > ky0 ? ky1 - ky0 : 0;
                w.taps = kx1 > kx0 ? kx1 - kx0 : 0;
                w.depth = fd->c;
                if (w.rows > 0 && w.taps > 0) {
                    in_first = ((y0 + g->dilation_h * ky0) * id->w + x0 + g->dilation_w * kx0) *
                               id->c;
                    f_first = (ky0 * fd->w + kx0) * fd->c;
                }
                /* Taps next to each other in both input and filter: one run. */
                if (w.in_tap == fd->c) {
                    w.depth *= w.taps;
                    w.taps = 1;
                }
                for (grp = 0; grp < groups; ++grp) {
                    const int8_t *in_win = in_batch + in_first + grp * fd->c;
                    for (k = 0; k < per_group; ++k, ++oc) {
                        const int32_t acc = window_sum(in_win, filter + oc * f_size + f_first, &w);
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
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    /* channels is out.c (per channel) or 1 (per tensor); lowering never
     * stores anything else. */
    if (s->channels != 1 && s->channels != s->out.c) return MOTE_E_ARG;
    /* In place (ref_rows.h): the planner gave the output the input's buffer. */
    if (io->in[0] != NULL && io->in[0] == io->out[0])
        return mote_ref_conv_s8_rows(conv2d_s8, s, &q, s->channels == 1 ? 0 : 1, io);
    return conv2d_s8(&s->p, &q, s->channels == 1 ? 0 : 1, &s->in, io->in[0], &s->filter, io->in[1],
                     io->in[2], &s->out, io->out[0]);
}
