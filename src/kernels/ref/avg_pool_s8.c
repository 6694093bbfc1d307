/*
 * AVERAGE_POOL_2D, int8 reference (TFLite reference_integer_ops::AveragePool).
 *
 * The window is clipped to the input, so padding counts neither in the sum
 * nor in the divisor. The integer mean rounds half away from zero:
 * (sum +- count/2) / count with C's truncating division. Input and output
 * share scale and zero point, so no requantization happens.
 *
 * Accumulator bound (proved at lowering, src/ops/op_conv_util.c): count <=
 * min(filter_h, in_h) * min(filter_w, in_w) <= 16711935, so |sum +- count/2|
 * <= 128.5 * count <= INT32_MAX for any input values, and count itself
 * (< 2^24) cannot overflow.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

mote_status mote_ref_avg_pool_s8(const mote_pool_s8_params *p, const mote_dims *input_dims,
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
                const int32_t count = (y_hi - y_lo) * (x_hi - x_lo);
                int8_t *out_px = output + ((b * od->h + oy) * od->w + ox) * od->c;
                /* A window wholly in the padding: TFLite's kernel fails on
                 * it too. Lowering rejects such geometry. */
                if (y_hi <= y_lo || x_hi <= x_lo) return MOTE_E_PARAM;
                for (c = 0; c < id->c; ++c) {
                    int32_t sum = 0, avg;
                    for (y = y_lo; y < y_hi; ++y)
                        for (x = x_lo; x < x_hi; ++x)
                            sum += in_batch[(y * id->w + x) * id->c + c];
                    avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
                    avg = mote_ref_max_i32(avg, p->act_min);
                    avg = mote_ref_min_i32(avg, p->act_max);
                    out_px[c] = (int8_t)avg;
                }
            }
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_avg_pool_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_pool_s8_step *s = (const mote_pool_s8_step *)step;
    return mote_ref_avg_pool_s8(&s->p, &s->in, io->in[0], &s->out, io->out[0]);
}
