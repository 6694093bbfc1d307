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

/* Window sum of output channel oc (fed by input channel ic) at input
 * origin (y0, x0). */
static int32_t window_sum(const mote_conv_s8_params *p, const mote_dims *id, const int8_t *in_batch,
                          const mote_dims *fd, const int8_t *filter, int32_t ic, int32_t oc,
                          int32_t y0, int32_t x0)
{
    const mote_conv_geom *g = &p->geom;
    int32_t acc = 0, ky, kx;

    for (ky = 0; ky < fd->h; ++ky) {
        const int32_t y = y0 + g->dilation_h * ky;
        if (y < 0 || y >= id->h) continue;
        for (kx = 0; kx < fd->w; ++kx) {
            const int32_t x = x0 + g->dilation_w * kx;
            int32_t in_val, f_val;
            if (x < 0 || x >= id->w) continue;
            in_val = in_batch[(y * id->w + x) * id->c + ic];
            f_val = filter[(ky * fd->w + kx) * fd->c + oc];
            acc += f_val * (in_val + p->input_offset);
        }
    }
    return acc;
}

/* q_step 1: q has one entry per output channel; 0: one for all (per-tensor
 * weights, as a step block with channels == 1 stores them). */
static mote_status depthwise_s8(const mote_conv_s8_params *p, const mote_requant *q, int32_t q_step,
                                const mote_dims *input_dims, const int8_t *input,
                                const mote_dims *filter_dims, const int8_t *filter,
                                const int32_t *bias, const mote_dims *output_dims, int8_t *output)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    int32_t dm, b, oy, ox, ic, m;

    if (!p || !q || !q->multiplier || !q->shift || !input_dims || !input || !filter_dims ||
        !filter || !output_dims || !output)
        return MOTE_E_ARG;
    dm = p->depth_multiplier;
    if (!mote_ref_dims_ok(id) || !mote_ref_dims_ok(fd) || !mote_ref_dims_ok(od) || dm < 1 ||
        fd->n != 1 || od->n != id->n || od->c != fd->c || od->c != id->c * dm ||
        p->geom.stride_h < 1 || p->geom.stride_w < 1 || p->geom.dilation_h < 1 ||
        p->geom.dilation_w < 1)
        return MOTE_E_ARG;

    for (b = 0; b < od->n; ++b) {
        const int8_t *in_batch = input + b * id->h * id->w * id->c;
        for (oy = 0; oy < od->h; ++oy) {
            const int32_t y0 = oy * p->geom.stride_h - p->geom.pad_h;
            for (ox = 0; ox < od->w; ++ox) {
                const int32_t x0 = ox * p->geom.stride_w - p->geom.pad_w;
                int8_t *out_px = output + ((b * od->h + oy) * od->w + ox) * od->c;
                for (ic = 0; ic < id->c; ++ic) {
                    for (m = 0; m < dm; ++m) {
                        const int32_t oc = ic * dm + m, qi = oc * q_step;
                        int32_t acc = window_sum(p, id, in_batch, fd, filter, ic, oc, y0, x0);
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
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    /* channels is out.c (per channel) or 1 (per tensor). */
    if (s->channels != 1 && s->channels != s->out.c) return MOTE_E_ARG;
    /* In place (ref_rows.h): the planner gave the output the input's buffer. */
    if (io->in[0] != NULL && io->in[0] == io->out[0])
        return mote_ref_conv_s8_rows(depthwise_s8, s, &q, s->channels == 1 ? 0 : 1, io);
    return depthwise_s8(&s->p, &q, s->channels == 1 ? 0 : 1, &s->in, io->in[0], &s->filter,
                        io->in[1], io->in[2], &s->out, io->out[0]);
}
