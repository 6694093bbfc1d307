/*
 * CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with int8 activations and
 * packed int4 weights (TFLite's INT4 tensors: two values per byte, element
 * 2i in the low nibble of byte i, each sign-extended from 4 bits).
 *
 * TFLite Micro unpacks the whole filter into an int8 scratch buffer, then
 * runs the int8 reference kernel. mote never unpacks the tensor: each tap
 * reads its nibble in place, so the arithmetic (and every byte) is the
 * int8 kernels' (conv2d_s8.c, depthwise_conv2d_s8.c, fully_connected_s8.c)
 * with weights in [-8, 7]; their accumulator bounds hold a fortiori. The
 * parameter blocks are the int8 kernels' own.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

/* Weight i of a packed int4 tensor. */
static inline int32_t w4(const uint8_t *w, int32_t i)
{
    const uint8_t b = w[i >> 1];
    const uint8_t nib = (uint8_t)((i & 1) ? (b >> 4) : (b & 0x0F));
    return (int32_t)nib - ((nib & 0x08) ? 16 : 0);
}

mote_status mote_ref_conv2d_s8_i4_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    const mote_conv_s8_params *p = &s->p;
    const mote_dims *id = &s->in, *fd = &s->filter, *od = &s->out;
    const int8_t *input = (const int8_t *)io->in[0];
    const uint8_t *filter = (const uint8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int8_t *output = (int8_t *)io->out[0];
    int32_t per_group, b, oy, ox, oc, ky, kx, ic;

    if (!input || !filter || !output) return MOTE_E_ARG;
    if (!mote_ref_dims_ok(id) || !mote_ref_dims_ok(fd) || !mote_ref_dims_ok(od) || od->n != id->n ||
        od->c != fd->n || id->c % fd->c != 0 || od->c % (id->c / fd->c) != 0 ||
        (s->channels != 1 && s->channels != od->c))
        return MOTE_E_ARG;
    per_group = od->c / (id->c / fd->c);

    for (b = 0; b < od->n; ++b) {
        const int8_t *in_batch = input + b * id->h * id->w * id->c;
        for (oy = 0; oy < od->h; ++oy) {
            const int32_t y0 = oy * p->geom.stride_h - p->geom.pad_h;
            for (ox = 0; ox < od->w; ++ox) {
                const int32_t x0 = ox * p->geom.stride_w - p->geom.pad_w;
                int8_t *out_px = output + ((b * od->h + oy) * od->w + ox) * od->c;
                for (oc = 0; oc < od->c; ++oc) {
                    const int32_t c0 = (oc / per_group) * fd->c, qi = s->channels == 1 ? 0 : oc;
                    int32_t acc = 0;
                    for (ky = 0; ky < fd->h; ++ky) {
                        const int32_t y = y0 + p->geom.dilation_h * ky;
                        if (y < 0 || y >= id->h) continue;
                        for (kx = 0; kx < fd->w; ++kx) {
                            const int32_t x = x0 + p->geom.dilation_w * kx;
                            const int8_t *in_px;
                            int32_t f0;
                            if (x < 0 || x >= id->w) continue;
                            in_px = in_batch + (y * id->w + x) * id->c + c0;
                            f0 = ((oc * fd->h + ky) * fd->w + kx) * fd->c;
                            for (ic = 0; ic < fd->c; ++ic)
                                acc += w4(filter, f0 + ic) * ((int32_t)in_px[ic] + p->input_offset);
                        }
                    }
                    out_px[oc] = mote_ref_output_s8(acc, bias, oc, q.multiplier[qi], q.shift[qi],
                                                    p->output_offset, p->act_min, p->act_max);
                }
            }
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_depthwise_conv2d_s8_i4_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    const mote_conv_s8_params *p = &s->p;
    const mote_dims *id = &s->in, *fd = &s->filter, *od = &s->out;
    const int8_t *input = (const int8_t *)io->in[0];
    const uint8_t *filter = (const uint8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int8_t *output = (int8_t *)io->out[0];
    const int32_t dm = p->depth_multiplier;
    int32_t b, oy, ox, ic, m, ky, kx;

    if (!input || !filter || !output) return MOTE_E_ARG;
    if (!mote_ref_dims_ok(id) || !mote_ref_dims_ok(fd) || !mote_ref_dims_ok(od) || dm < 1 ||
        fd->n != 1 || od->n != id->n || od->c != fd->c || od->c != id->c * dm ||
        (s->channels != 1 && s->channels != od->c))
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
                        const int32_t oc = ic * dm + m, qi = s->channels == 1 ? 0 : oc;
                        int32_t acc = 0;
                        for (ky = 0; ky < fd->h; ++ky) {
                            const int32_t y = y0 + p->geom.dilation_h * ky;
                            if (y < 0 || y >= id->h) continue;
                            for (kx = 0; kx < fd->w; ++kx) {
                                const int32_t x = x0 + p->geom.dilation_w * kx;
                                if (x < 0 || x >= id->w) continue;
                                acc += w4(filter, (ky * fd->w + kx) * fd->c + oc) *
                                       ((int32_t)in_batch[(y * id->w + x) * id->c + ic] +
                                        p->input_offset);
                            }
                        }
                        out_px[oc] =
                            mote_ref_output_s8(acc, bias, oc, q.multiplier[qi], q.shift[qi],
                                               p->output_offset, p->act_min, p->act_max);
                    }
                }
            }
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_fully_connected_s8_i4_step(const void *step, const mote_kernel_io *io)
{
    const mote_fc_s8_step *s = (const mote_fc_s8_step *)step;
    mote_fc_s8_params params;
    mote_requant q;
    const mote_fc_s8_params *p = &params;
    const mote_fc_s8_dims dm = mote_fc_s8_step_unpack(s, &params, &q);
    const int8_t *input = (const int8_t *)io->in[0];
    const uint8_t *filter = (const uint8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int8_t *output = (int8_t *)io->out[0];
    int32_t b, o, d;

    if (!input || !filter || !output) return MOTE_E_ARG;
    if (dm.batches < 1 || dm.depth < 1 || dm.out_c < 1) return MOTE_E_ARG;

    for (b = 0; b < dm.batches; ++b) {
        const int8_t *in_row = input + b * dm.depth;
        for (o = 0; o < dm.out_c; ++o) {
            const int32_t qi = p->per_channel ? o : 0, w0 = o * dm.depth;
            int32_t acc = 0;
            for (d = 0; d < dm.depth; ++d)
                acc += (w4(filter, w0 + d) + p->filter_offset) *
                       ((int32_t)in_row[d] + p->input_offset);
            output[b * dm.out_c + o] =
                mote_ref_output_s8(acc, bias, o, q.multiplier[qi], q.shift[qi], p->output_offset,
                                   p->act_min, p->act_max);
        }
    }
    return MOTE_OK;
}
