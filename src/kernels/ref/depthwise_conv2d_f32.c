/*
 * DEPTHWISE_CONV_2D, float32 reference.
 *
 * Output channel oc = ic * depth_multiplier + m reads only input channel ic.
 * As in TFLite's reference float kernel, products are summed in float over
 * filter row then column, the bias is added after, the clamp applied last.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

/* Sum over one receptive field for output channel oc, reading input channel
 * ic. Taps in the padding contribute nothing. */
static float window_sum(const mote_conv_geom *g, const mote_dims *id, const float *in_batch,
                        const mote_dims *fd, const float *filter, int32_t ic, int32_t oc,
                        int32_t in_y0, int32_t in_x0)
{
    float total = 0.0f;
    int32_t fy, fx;
    for (fy = 0; fy < fd->h; ++fy) {
        int32_t iy = in_y0 + fy * g->dilation_h;
        if (iy < 0 || iy >= id->h) continue;
        for (fx = 0; fx < fd->w; ++fx) {
            int32_t ix = in_x0 + fx * g->dilation_w;
            if (ix < 0 || ix >= id->w) continue;
            total +=
                in_batch[(iy * id->w + ix) * id->c + ic] * filter[(fy * fd->w + fx) * fd->c + oc];
        }
    }
    return total;
}

mote_status mote_ref_depthwise_conv2d_f32(const mote_conv_f32_params *p,
                                          const mote_dims *input_dims, const float *input,
                                          const mote_dims *filter_dims, const float *filter,
                                          const float *bias, const mote_dims *output_dims,
                                          float *output)
{
    const mote_conv_geom *g;
    int32_t b, oy, ox, ic, m, dm;

    if (!p || !input_dims || !input || !filter_dims || !filter || !output_dims || !output)
        return MOTE_E_ARG;
    g = &p->geom;
    dm = p->depth_multiplier;
    if (!mote_ref_dims_ok(input_dims) || !mote_ref_dims_ok(filter_dims) ||
        !mote_ref_dims_ok(output_dims) || dm < 1 || g->stride_h < 1 || g->stride_w < 1 ||
        g->dilation_h < 1 || g->dilation_w < 1 || g->pad_h < 0 || g->pad_w < 0)
        return MOTE_E_ARG;
    /* Cheap agreement checks that keep every read inside the buffers. */
    if (filter_dims->n != 1 || filter_dims->c != input_dims->c * dm ||
        output_dims->c != filter_dims->c || output_dims->n != input_dims->n)
        return MOTE_E_ARG;

    for (b = 0; b < output_dims->n; ++b) {
        const float *in_batch = input + b * input_dims->h * input_dims->w * input_dims->c;
        for (oy = 0; oy < output_dims->h; ++oy) {
            int32_t in_y0 = oy * g->stride_h - g->pad_h;
            for (ox = 0; ox < output_dims->w; ++ox) {
                int32_t in_x0 = ox * g->stride_w - g->pad_w;
                for (ic = 0; ic < input_dims->c; ++ic) {
                    for (m = 0; m < dm; ++m) {
                        int32_t oc = ic * dm + m;
                        float acc = window_sum(g, input_dims, in_batch, filter_dims, filter, ic, oc,
                                               in_y0, in_x0);
                        if (bias) acc += bias[oc];
                        /* Loop order ic, m visits oc in increasing order. */
                        *output++ = mote_ref_clamp_f32(acc, p->act_min, p->act_max);
                    }
                }
            }
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_depthwise_conv2d_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_f32_step *s = (const mote_conv_f32_step *)step;
    return mote_ref_depthwise_conv2d_f32(&s->p, &s->in, io->in[0], &s->filter, io->in[1], io->in[2],
                                         &s->out, io->out[0]);
}
