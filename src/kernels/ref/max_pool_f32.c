/*
 * MAX_POOL_2D, float32 reference.
 *
 * Each output is the largest in-bounds tap of its window (padding never
 * wins), then clamped, as in TFLite's reference.
 */
#include <float.h>
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

mote_status mote_ref_max_pool_f32(const mote_pool_f32_params *p, const mote_dims *input_dims,
                                  const float *input, const mote_dims *output_dims, float *output)
{
    const mote_dims *id = input_dims;
    const mote_conv_geom *g;
    int32_t b, oy, ox, c, y, x;

    if (!p || !input_dims || !input || !output_dims || !output) return MOTE_E_ARG;
    g = &p->geom;
    if (!mote_ref_pool_args_ok(p->filter_h, p->filter_w, g, input_dims, output_dims))
        return MOTE_E_ARG;

    for (b = 0; b < output_dims->n; ++b) {
        const float *in_batch = input + b * id->h * id->w * id->c;
        for (oy = 0; oy < output_dims->h; ++oy) {
            int32_t y0 = oy * g->stride_h - g->pad_h;
            int32_t y_lo = mote_ref_max_i32(y0, 0),
                    y_hi = mote_ref_min_i32(y0 + p->filter_h, id->h);
            for (ox = 0; ox < output_dims->w; ++ox) {
                int32_t x0 = ox * g->stride_w - g->pad_w;
                int32_t x_lo = mote_ref_max_i32(x0, 0),
                        x_hi = mote_ref_min_i32(x0 + p->filter_w, id->w);
                for (c = 0; c < id->c; ++c) {
                    /* Start from the lowest finite float, as TFLite does. */
                    float best = -FLT_MAX;
                    for (y = y_lo; y < y_hi; ++y) {
                        for (x = x_lo; x < x_hi; ++x) {
                            float v = in_batch[(y * id->w + x) * id->c + c];
                            if (v > best) best = v;
                        }
                    }
                    *output++ = mote_ref_clamp_f32(best, p->act_min, p->act_max);
                }
            }
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_max_pool_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_pool_f32_step *s = (const mote_pool_f32_step *)step;
    return mote_ref_max_pool_f32(&s->p, &s->in, io->in[0], &s->out, io->out[0]);
}
