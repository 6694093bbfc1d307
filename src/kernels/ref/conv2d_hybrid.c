/*
 * CONV_2D and DEPTHWISE_CONV_2D, hybrid reference: float32 input and
 * output, int8 weights with float scales (mote/kernels_hybrid.h).
 *
 * Each batch image is quantized into the scratch (ref_hybrid.h), then every
 * output is an int32 sum of w * (q - zero point) over the in-bounds taps
 * (padding is the real value 0, so it adds nothing), scaled back to float
 * in LiteRT's order, plus the bias, then clamped:
 *   CONV_2D per channel (asymmetric inputs, HybridConvPerChannel):
 *       (acc * weight_scale[oc]) * input_scale
 *   CONV_2D per tensor (symmetric inputs, HybridConv):
 *       acc * (input_scale * weight_scale)
 *   DEPTHWISE_CONV_2D (asymmetric, DepthwiseConvHybridPerChannel):
 *       acc * (weight_scale[oc] * input_scale)
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_hybrid.h"

uint32_t mote_ref_conv_hybrid_scratch(const void *step)
{
    const mote_conv_hybrid_step *s = (const mote_conv_hybrid_step *)step;
    return (uint32_t)s->in.h * (uint32_t)s->in.w * (uint32_t)s->in.c;
}

static int args_ok(const mote_conv_hybrid_step *s, const mote_kernel_io *io)
{
    const mote_conv_geom *g = &s->geom;
    return io->in[0] && io->in[1] && io->out[0] && io->scratch && mote_ref_dims_ok(&s->in) &&
           mote_ref_dims_ok(&s->filter) && mote_ref_dims_ok(&s->out) && g->stride_h >= 1 &&
           g->stride_w >= 1 && g->dilation_h >= 1 && g->dilation_w >= 1 && g->pad_h >= 0 &&
           g->pad_w >= 0 && s->out.n == s->in.n && (s->channels == 1 || s->channels == s->out.c);
}

static float out_value(float v, const float *bias, int32_t oc, const mote_conv_hybrid_step *s)
{
    if (bias) v += bias[oc];
    return mote_ref_clamp_f32(v, s->act_min, s->act_max);
}

mote_status mote_ref_conv2d_hybrid_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_hybrid_step *s = (const mote_conv_hybrid_step *)step;
    const float *scales = mote_step_hybrid_scales(step, (uint32_t)sizeof *s);
    const mote_conv_geom *g = &s->geom;
    const mote_dims *id = &s->in, *fd = &s->filter, *od = &s->out;
    const int8_t *filter;
    const float *input, *bias;
    float *output;
    int8_t *q;
    int32_t b, oy, ox, oc, fy, fx, ic, image, filter_size;

    if (!args_ok(s, io) || fd->c != id->c || fd->n != od->c) return MOTE_E_ARG;
    input = (const float *)io->in[0];
    filter = (const int8_t *)io->in[1];
    bias = (const float *)io->in[2];
    output = (float *)io->out[0];
    q = (int8_t *)io->scratch;
    image = id->h * id->w * id->c;
    filter_size = fd->h * fd->w * fd->c;
    for (b = 0; b < od->n; ++b) {
        int32_t zp;
        float sf = mote_ref_hybrid_quantize(s->asymmetric, input + b * image, image, q, &zp);
        float sf_tensor = sf * scales[0];
        for (oy = 0; oy < od->h; ++oy) {
            int32_t y0 = oy * g->stride_h - g->pad_h;
            for (ox = 0; ox < od->w; ++ox) {
                int32_t x0 = ox * g->stride_w - g->pad_w;
                for (oc = 0; oc < od->c; ++oc) {
                    const int8_t *w = filter + oc * filter_size;
                    int32_t acc = 0;
                    float v;
                    for (fy = 0; fy < fd->h; ++fy) {
                        int32_t iy = y0 + fy * g->dilation_h;
                        if (iy < 0 || iy >= id->h) continue;
                        for (fx = 0; fx < fd->w; ++fx) {
                            int32_t ix = x0 + fx * g->dilation_w;
                            const int8_t *x, *wt;
                            if (ix < 0 || ix >= id->w) continue;
                            x = q + (iy * id->w + ix) * id->c;
                            wt = w + (fy * fd->w + fx) * fd->c;
                            for (ic = 0; ic < id->c; ++ic)
                                acc += (int32_t)wt[ic] * ((int32_t)x[ic] - zp);
                        }
                    }
                    if (s->per_channel)
                        v = (float)acc * scales[s->channels == 1 ? 0 : oc] * sf;
                    else
                        v = (float)acc * sf_tensor;
                    *output++ = out_value(v, bias, oc, s);
                }
            }
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_depthwise_conv2d_hybrid_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_hybrid_step *s = (const mote_conv_hybrid_step *)step;
    const float *scales = mote_step_hybrid_scales(step, (uint32_t)sizeof *s);
    const mote_conv_geom *g = &s->geom;
    const mote_dims *id = &s->in, *fd = &s->filter, *od = &s->out;
    const int8_t *filter;
    const float *input, *bias;
    float *output;
    int8_t *q;
    int32_t b, oy, ox, oc, fy, fx, image, dm = s->depth_multiplier;

    if (!args_ok(s, io) || dm < 1 || fd->n != 1 || fd->c != od->c || id->c * dm != od->c)
        return MOTE_E_ARG;
    input = (const float *)io->in[0];
    filter = (const int8_t *)io->in[1];
    bias = (const float *)io->in[2];
    output = (float *)io->out[0];
    q = (int8_t *)io->scratch;
    image = id->h * id->w * id->c;
    for (b = 0; b < od->n; ++b) {
        int32_t zp;
        float sf = mote_ref_hybrid_quantize(s->asymmetric, input + b * image, image, q, &zp);
        for (oy = 0; oy < od->h; ++oy) {
            int32_t y0 = oy * g->stride_h - g->pad_h;
            for (ox = 0; ox < od->w; ++ox) {
                int32_t x0 = ox * g->stride_w - g->pad_w;
                for (oc = 0; oc < od->c; ++oc) {
                    int32_t ic = oc / dm, acc = 0;
                    for (fy = 0; fy < fd->h; ++fy) {
                        int32_t iy = y0 + fy * g->dilation_h;
                        if (iy < 0 || iy >= id->h) continue;
                        for (fx = 0; fx < fd->w; ++fx) {
                            int32_t ix = x0 + fx * g->dilation_w;
                            if (ix < 0 || ix >= id->w) continue;
                            acc += (int32_t)filter[(fy * fd->w + fx) * fd->c + oc] *
                                   ((int32_t)q[(iy * id->w + ix) * id->c + ic] - zp);
                        }
                    }
                    *output++ = out_value((float)acc * (scales[s->channels == 1 ? 0 : oc] * sf),
                                          bias, oc, s);
                }
            }
        }
    }
    return MOTE_OK;
}
