/*
 * MAX_POOL_2D, int8 reference (TFLite reference_integer_ops::MaxPool).
 *
 * The maximum over the window clipped to the input (padding never wins),
 * starting from -128, then the activation clamp. Input and output share
 * scale and zero point.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

mote_status mote_ref_max_pool_s8(const mote_pool_s8_params *p, const mote_dims *input_dims,
                                 const int8_t *input, const mote_dims *output_dims, int8_t *output)
{
    const mote_dims *id = input_dims, *od = output_dims;
    int32_t b, oy, ox, c, y, x;

    if (!p || !input_dims || !input || !output_dims || !output) return MOTE_E_ARG;
    if (!mote_ref_pool_args_ok(p->filter_h, p->filter_w, &p->geom, id, od)) return MOTE_E_ARG;

    for (b = 0; b < od->n; ++b) {
        const int8_t *in_batch = input + b * id->h * id->w * id->c;
        for (oy = 0; oy < od->h; ++oy) {
            const int32_t y0 = oy * p->geom.stride_h - p->geom.pad_h;
            const int32_t y_lo = mote_ref_max_i32(y0, 0),
                          y_hi = mote_ref_min_i32(y0 + p->filter_h, id->h);
            for (ox = 0; ox < od->w; ++ox) {
                const int32_t x0 = ox * p->geom.stride_w - p->geom.pad_w;
                const int32_t x_lo = mote_ref_max_i32(x0, 0),
                              x_hi = mote_ref_min_i32(x0 + p->filter_w, id->w);
                int8_t *out_px = output + ((b * od->h + oy) * od->w + ox) * od->c;
                for (c = 0; c < id->c; ++c) {
                    int32_t m = -128;
                    for (y = y_lo; y < y_hi; ++y)
                        for (x = x_lo; x < x_hi; ++x)
                            m = mote_ref_max_i32(m, in_batch[(y * id->w + x) * id->c + c]);
                    m = mote_ref_max_i32(m, p->act_min);
                    m = mote_ref_min_i32(m, p->act_max);
                    out_px[c] = (int8_t)m;
                }
            }
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_max_pool_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_pool_s8_step *s = (const mote_pool_s8_step *)step;
    return mote_ref_max_pool_s8(&s->p, &s->in, io->in[0], &s->out, io->out[0]);
}
