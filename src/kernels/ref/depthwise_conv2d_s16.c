/*
 * DEPTHWISE_CONV_2D, int16 activations with int8 weights (TFLite
 * reference_integer_ops::DepthwiseConvPerChannel, 16x8).
 *
 * Output channel oc = ic * depth_multiplier + m reads input channel ic:
 * the window sum of w * x (zero points are 0) in int64, plus the int64
 * bias (modulo 2^64), requantized with the int64 MultiplyByQuantizedMultiplier
 * (mote_requantize64), clamped. TFLite Micro always takes an int64 bias
 * here; lowering refuses any other bias type.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

mote_status mote_ref_depthwise_conv2d_s16_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s16_step *s = (const mote_conv_s16_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    const mote_dims *id = &s->in, *fd = &s->filter, *od = &s->out;
    const mote_conv_geom *g = &s->geom;
    const int16_t *input = (const int16_t *)io->in[0];
    const int8_t *filter = (const int8_t *)io->in[1];
    const void *bias = io->in[2]; /* int64, maybe 4-byte aligned only */
    int16_t *output = (int16_t *)io->out[0];
    const int32_t dm = s->depth_multiplier;
    int32_t b, oy, ox, ic, m, ky, kx;

    if (!input || !filter || !output) return MOTE_E_ARG;
    if (!mote_ref_dims_ok(id) || !mote_ref_dims_ok(fd) || !mote_ref_dims_ok(od) || dm < 1 ||
        fd->n != 1 || od->n != id->n || od->c != fd->c || od->c != id->c * dm ||
        (s->channels != 1 && s->channels != od->c))
        return MOTE_E_ARG;

    for (b = 0; b < od->n; ++b) {
        const int16_t *in_batch = input + b * id->h * id->w * id->c;
        for (oy = 0; oy < od->h; ++oy) {
            const int32_t y0 = oy * g->stride_h - g->pad_h;
            for (ox = 0; ox < od->w; ++ox) {
                const int32_t x0 = ox * g->stride_w - g->pad_w;
                int16_t *out_px = output + ((b * od->h + oy) * od->w + ox) * od->c;
                for (ic = 0; ic < id->c; ++ic) {
                    for (m = 0; m < dm; ++m) {
                        const int32_t oc = ic * dm + m, qi = s->channels == 1 ? 0 : oc;
                        int64_t sum = 0;
                        uint64_t acc;
                        int32_t v;
                        for (ky = 0; ky < fd->h; ++ky) {
                            const int32_t y = y0 + g->dilation_h * ky;
                            if (y < 0 || y >= id->h) continue;
                            for (kx = 0; kx < fd->w; ++kx) {
                                const int32_t x = x0 + g->dilation_w * kx;
                                if (x < 0 || x >= id->w) continue;
                                sum += (int32_t)filter[(ky * fd->w + kx) * fd->c + oc] *
                                       (int32_t)in_batch[(y * id->w + x) * id->c + ic];
                            }
                        }
                        acc = (uint64_t)sum;
                        if (bias) acc += (uint64_t)mote_ref_load_i64(bias, oc);
                        v = mote_requantize64((int64_t)acc, q.multiplier[qi], q.shift[qi]);
                        v = mote_ref_max_i32(v, s->act_min);
                        v = mote_ref_min_i32(v, s->act_max);
                        out_px[oc] = (int16_t)v;
                    }
                }
            }
        }
    }
    return MOTE_OK;
}
