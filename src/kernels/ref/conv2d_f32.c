/*
 * CONV_2D, float32 reference.
 *
 * Follows TFLite's reference float convolution: for each output element the
 * products are summed in float in the order filter row, filter column, input
 * channel; the bias is added after the sum and the activation clamp last.
 * Keeping that order keeps results within float rounding of the oracle.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

/* Sum of input * filter over one receptive field. Taps that fall in the
 * padding contribute nothing, which is what zero padding means in float.
 * in_y0/in_x0 are the input coordinates of filter tap (0, 0). */
static float window_sum(const mote_conv_geom *g, const mote_dims *id, const float *in_batch,
                        const mote_dims *fd, const float *filt_oc, int32_t in_y0, int32_t in_x0)
{
    float total = 0.0f;
    int32_t fy, fx, ic;
    for (fy = 0; fy < fd->h; ++fy) {
        int32_t iy = in_y0 + fy * g->dilation_h;
        if (iy < 0 || iy >= id->h) continue;
        for (fx = 0; fx < fd->w; ++fx) {
            int32_t ix = in_x0 + fx * g->dilation_w;
            const float *x, *w;
            if (ix < 0 || ix >= id->w) continue;
            x = in_batch + (iy * id->w + ix) * id->c;
            w = filt_oc + (fy * fd->w + fx) * fd->c;
            for (ic = 0; ic < id->c; ++ic)
                total += x[ic] * w[ic];
        }
    }
    return total;
}

mote_status mote_ref_conv2d_f32(const mote_conv_f32_params *p, const mote_dims *input_dims,
                                const float *input, const mote_dims *filter_dims,
                                const float *filter, const float *bias,
                                const mote_dims *output_dims, float *output)
{
    const mote_conv_geom *g;
    int32_t b, oy, ox, oc, filter_size;

    if (!p || !input_dims || !input || !filter_dims || !filter || !output_dims || !output)
        return MOTE_E_ARG;
    g = &p->geom;
    if (!mote_ref_dims_ok(input_dims) || !mote_ref_dims_ok(filter_dims) ||
        !mote_ref_dims_ok(output_dims) || g->stride_h < 1 || g->stride_w < 1 || g->dilation_h < 1 ||
        g->dilation_w < 1 || g->pad_h < 0 || g->pad_w < 0)
        return MOTE_E_ARG;
    /* Channel and batch agreement is cheap to check and keeps every read
     * below inside the buffers the shapes describe. */
    if (filter_dims->c != input_dims->c || output_dims->c != filter_dims->n ||
        output_dims->n != input_dims->n)
        return MOTE_E_ARG;

    filter_size = filter_dims->h * filter_dims->w * filter_dims->c;
    for (b = 0; b < output_dims->n; ++b) {
        const float *in_batch = input + b * input_dims->h * input_dims->w * input_dims->c;
        for (oy = 0; oy < output_dims->h; ++oy) {
            int32_t in_y0 = oy * g->stride_h - g->pad_h;
            for (ox = 0; ox < output_dims->w; ++ox) {
                int32_t in_x0 = ox * g->stride_w - g->pad_w;
                for (oc = 0; oc < output_dims->c; ++oc) {
                    float acc = window_sum(g, input_dims, in_batch, filter_dims,
                                           filter + oc * filter_size, in_y0, in_x0);
                    if (bias) acc += bias[oc];
                    *output++ = mote_ref_clamp_f32(acc, p->act_min, p->act_max);
                }
            }
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_conv2d_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_f32_step *s = (const mote_conv_f32_step *)step;
    return mote_ref_conv2d_f32(&s->p, &s->in, io->in[0], &s->filter, io->in[1], io->in[2], &s->out,
                               io->out[0]);
}
