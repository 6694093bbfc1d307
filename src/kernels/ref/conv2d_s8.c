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

/* One output element: the window sum for output channel oc at input
 * origin (y0, x0), whose group starts at input channel c0. */
static int32_t window_sum(const mote_conv_s8_params *p, const mote_dims *id, const int8_t *in_batch,
                          const mote_dims *fd, const int8_t *filter, int32_t oc, int32_t y0,
                          int32_t x0, int32_t c0)
{
    const mote_conv_geom *g = &p->geom;
    int32_t acc = 0, ky, kx, ic;

    for (ky = 0; ky < fd->h; ++ky) {
        const int32_t y = y0 + g->dilation_h * ky;
        if (y < 0 || y >= id->h) continue;
        for (kx = 0; kx < fd->w; ++kx) {
            const int32_t x = x0 + g->dilation_w * kx;
            const int8_t *in_px, *f_px;
            if (x < 0 || x >= id->w) continue;
            in_px = in_batch + (y * id->w + x) * id->c + c0;
            f_px = filter + ((oc * fd->h + ky) * fd->w + kx) * fd->c;
            for (ic = 0; ic < fd->c; ++ic)
                acc += (int32_t)f_px[ic] * ((int32_t)in_px[ic] + p->input_offset);
        }
    }
    return acc;
}

/* q_step 1: q has one entry per output channel; 0: one entry for all
 * (per-tensor weights, as a step block with channels == 1 stores them). */
static mote_status conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q, int32_t q_step,
                             const mote_dims *input_dims, const int8_t *input,
                             const mote_dims *filter_dims, const int8_t *filter,
                             const int32_t *bias, const mote_dims *output_dims, int8_t *output)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    int32_t per_group, b, oy, ox, oc;

    if (!p || !q || !q->multiplier || !q->shift || !input_dims || !input || !filter_dims ||
        !filter || !output_dims || !output)
        return MOTE_E_ARG;
    if (!mote_ref_dims_ok(id) || !mote_ref_dims_ok(fd) || !mote_ref_dims_ok(od) || od->n != id->n ||
        od->c != fd->n || id->c % fd->c != 0 || od->c % (id->c / fd->c) != 0 ||
        p->geom.stride_h < 1 || p->geom.stride_w < 1 || p->geom.dilation_h < 1 ||
        p->geom.dilation_w < 1)
        return MOTE_E_ARG;
    per_group = od->c / (id->c / fd->c);

    for (b = 0; b < od->n; ++b) {
        const int8_t *in_batch = input + b * id->h * id->w * id->c;
        for (oy = 0; oy < od->h; ++oy) {
            const int32_t y0 = oy * p->geom.stride_h - p->geom.pad_h;
            for (ox = 0; ox < od->w; ++ox) {
                const int32_t x0 = ox * p->geom.stride_w - p->geom.pad_w;
                int8_t *out_px = output + ((b * od->h + oy) * od->w + ox) * od->c;
                for (oc = 0; oc < od->c; ++oc) {
                    int32_t acc = window_sum(p, id, in_batch, fd, filter, oc, y0, x0,
                                             (oc / per_group) * fd->c);
                    const int32_t qi = oc * q_step;
                    out_px[oc] = mote_ref_output_s8(acc, bias, oc, q->multiplier[qi], q->shift[qi],
                                                    p->output_offset, p->act_min, p->act_max);
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
