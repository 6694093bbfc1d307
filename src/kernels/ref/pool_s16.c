/*
 * AVERAGE_POOL_2D and MAX_POOL_2D, int16 (TFLite reference_integer_ops::
 * AveragePool / MaxPool for int16): the int8 kernels' arithmetic on int16
 * values. The window is clipped to the input; the average sums in int32
 * (lowering bounds the in-bounds count so that |sum +- count/2| <=
 * 32768.5 * count stays below 2^31) and rounds half away from zero; the
 * maximum starts from -32768. Input and output share one quantization.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

static mote_status pool_s16(const mote_pool_s8_step *s, const int16_t *input, int16_t *output,
                            int average)
{
    const mote_pool_s8_params *p = &s->p;
    const mote_dims *id = &s->in, *od = &s->out;
    int32_t b, oy, ox, c, y, x;

    if (!input || !output) return MOTE_E_ARG;
    if (!mote_ref_pool_args_ok(p->filter_h, p->filter_w, &p->geom, id, od)) return MOTE_E_ARG;

    for (b = 0; b < od->n; ++b) {
        const int16_t *in_batch = input + b * id->h * id->w * id->c;
        for (oy = 0; oy < od->h; ++oy) {
            const int32_t y0 = oy * p->geom.stride_h - p->geom.pad_h;
            const int32_t y_lo = mote_ref_max_i32(y0, 0),
                          y_hi = mote_ref_min_i32(y0 + p->filter_h, id->h);
            for (ox = 0; ox < od->w; ++ox) {
                const int32_t x0 = ox * p->geom.stride_w - p->geom.pad_w;
                const int32_t x_lo = mote_ref_max_i32(x0, 0),
                              x_hi = mote_ref_min_i32(x0 + p->filter_w, id->w);
                const int32_t count = (y_hi - y_lo) * (x_hi - x_lo);
                int16_t *out_px = output + ((b * od->h + oy) * od->w + ox) * od->c;
                if (y_hi <= y_lo || x_hi <= x_lo) return MOTE_E_PARAM;
                for (c = 0; c < id->c; ++c) {
                    int32_t v;
                    if (average) {
                        int32_t sum = 0;
                        for (y = y_lo; y < y_hi; ++y)
                            for (x = x_lo; x < x_hi; ++x)
                                sum += in_batch[(y * id->w + x) * id->c + c];
                        v = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
                    } else {
                        v = -32768;
                        for (y = y_lo; y < y_hi; ++y)
                            for (x = x_lo; x < x_hi; ++x)
                                v = mote_ref_max_i32(v, in_batch[(y * id->w + x) * id->c + c]);
                    }
                    v = mote_ref_max_i32(v, p->act_min);
                    v = mote_ref_min_i32(v, p->act_max);
                    out_px[c] = (int16_t)v;
                }
            }
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_avg_pool_s16_step(const void *step, const mote_kernel_io *io)
{
    return pool_s16((const mote_pool_s8_step *)step, (const int16_t *)io->in[0],
                    (int16_t *)io->out[0], 1);
}

mote_status mote_ref_max_pool_s16_step(const void *step, const mote_kernel_io *io)
{
    return pool_s16((const mote_pool_s8_step *)step, (const int16_t *)io->in[0],
                    (int16_t *)io->out[0], 0);
}
