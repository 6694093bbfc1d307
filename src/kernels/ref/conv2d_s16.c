/*
 * CONV_2D, int16 activations with int8 weights (TFLite
 * reference_integer_ops::ConvPerChannel, 16x8).
 *
 * Activations are symmetric (zero point 0): no input or output offset. Each
 * output is the window sum of w * x over the taps inside the input, plus
 * the bias, requantized, clamped. TFLite Micro picks the accumulator from
 * the bias type: int32 with an int32 bias (requantized with the int32
 * MultiplyByQuantizedMultiplier, as int8), int64 with an int64 bias or none
 * (the int64 MultiplyByQuantizedMultiplier, mote_requantize64). The
 * int32 sum wraps modulo 2^32 exactly as TFLite's int32 additions do on
 * every target (|tap| <= 2^22, so up to 511 taps can never wrap); the int64
 * sum cannot overflow for MOTE_MAX_TAPS taps, and the bias is added modulo
 * 2^64. Grouped convolution as in the int8 kernel.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

static int64_t window_sum(const mote_conv_s16_step *s, const int16_t *in_batch,
                          const int8_t *filter, int32_t oc, int32_t y0, int32_t x0, int32_t c0)
{
    const mote_conv_geom *g = &s->geom;
    const mote_dims *id = &s->in, *fd = &s->filter;
    int64_t acc = 0;
    int32_t ky, kx, ic;

    for (ky = 0; ky < fd->h; ++ky) {
        const int32_t y = y0 + g->dilation_h * ky;
        if (y < 0 || y >= id->h) continue;
        for (kx = 0; kx < fd->w; ++kx) {
            const int32_t x = x0 + g->dilation_w * kx;
            const int16_t *in_px;
            const int8_t *f_px;
            if (x < 0 || x >= id->w) continue;
            in_px = in_batch + (y * id->w + x) * id->c + c0;
            f_px = filter + ((oc * fd->h + ky) * fd->w + kx) * fd->c;
            for (ic = 0; ic < fd->c; ++ic)
                acc += (int32_t)f_px[ic] * (int32_t)in_px[ic];
        }
    }
    return acc;
}

mote_status mote_ref_conv2d_s16_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s16_step *s = (const mote_conv_s16_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    const mote_dims *id = &s->in, *fd = &s->filter, *od = &s->out;
    const int16_t *input = (const int16_t *)io->in[0];
    const int8_t *filter = (const int8_t *)io->in[1];
    const void *bias = io->in[2];
    int16_t *output = (int16_t *)io->out[0];
    int32_t per_group, b, oy, ox, oc;

    if (!input || !filter || !output) return MOTE_E_ARG;
    if (!mote_ref_dims_ok(id) || !mote_ref_dims_ok(fd) || !mote_ref_dims_ok(od) || od->n != id->n ||
        od->c != fd->n || id->c % fd->c != 0 || od->c % (id->c / fd->c) != 0 ||
        (s->channels != 1 && s->channels != od->c))
        return MOTE_E_ARG;
    per_group = od->c / (id->c / fd->c);

    for (b = 0; b < od->n; ++b) {
        const int16_t *in_batch = input + b * id->h * id->w * id->c;
        for (oy = 0; oy < od->h; ++oy) {
            const int32_t y0 = oy * s->geom.stride_h - s->geom.pad_h;
            for (ox = 0; ox < od->w; ++ox) {
                const int32_t x0 = ox * s->geom.stride_w - s->geom.pad_w;
                int16_t *out_px = output + ((b * od->h + oy) * od->w + ox) * od->c;
                for (oc = 0; oc < od->c; ++oc) {
                    const int64_t sum =
                        window_sum(s, in_batch, filter, oc, y0, x0, (oc / per_group) * fd->c);
                    const int32_t qi = s->channels == 1 ? 0 : oc;
                    int32_t v;
                    if (s->acc64) {
                        uint64_t acc = (uint64_t)sum;
                        if (bias) acc += (uint64_t)mote_ref_load_i64(bias, oc);
                        v = mote_requantize64((int64_t)acc, q.multiplier[qi], q.shift[qi]);
                    } else {
                        uint32_t acc = (uint32_t)(uint64_t)sum;
                        if (bias) acc += (uint32_t)((const int32_t *)bias)[oc];
                        v = mote_requantize((int32_t)acc, q.multiplier[qi], q.shift[qi]);
                    }
                    v = mote_ref_max_i32(v, s->act_min);
                    v = mote_ref_min_i32(v, s->act_max);
                    out_px[oc] = (int16_t)v;
                }
            }
        }
    }
    return MOTE_OK;
}
