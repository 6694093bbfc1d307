/*
 * TRANSPOSE_CONV (mote/kernels_reduce.h), as TFLite's reference kernels: a
 * scatter over the input (batch, y, x, input channel, filter y, filter x,
 * output channel), so every output element's sum adds its terms in
 * TFLite's order, then the bias, the requantization and the clamp.
 */
#include <stddef.h>
#include <string.h>

#include "mote/kernels.h"
#include "base/fixedpoint.h"
#include "kernels/ref/ref_util.h"

static size_t out_elements(const mote_tconv_step *s)
{
    return (size_t)s->out.n * (size_t)s->out.h * (size_t)s->out.w * (size_t)s->out.c;
}

uint32_t mote_ref_transpose_conv_s8_scratch(const void *step)
{
    return (uint32_t)(out_elements((const mote_tconv_step *)step) * 4u);
}

uint32_t mote_ref_transpose_conv_s16_scratch(const void *step)
{
    return (uint32_t)(out_elements((const mote_tconv_step *)step) * 8u);
}

static int tconv_ok(const mote_tconv_step *s, const mote_kernel_io *io)
{
    return io->in[1] != NULL && io->in[2] != NULL && io->out[0] != NULL && s->in.n >= 1 &&
           s->in.h >= 1 && s->in.w >= 1 && s->in.c >= 1 && s->out.n == s->in.n && s->out.h >= 1 &&
           s->out.w >= 1 && s->out.c == s->filter.n && s->filter.c == s->in.c && s->stride_h >= 1 &&
           s->stride_w >= 1;
}

/* The scatter: body(o, x, w) for every in-bounds (output index o, input
 * value x, filter value w). */
#define SCATTER(s, in, filt, body)                                                                 \
    do {                                                                                           \
        int32_t b_, iy_, ix_, ic_, fy_, fx_, oc_;                                                  \
        for (b_ = 0; b_ < (s)->in.n; b_++)                                                         \
            for (iy_ = 0; iy_ < (s)->in.h; iy_++)                                                  \
                for (ix_ = 0; ix_ < (s)->in.w; ix_++)                                              \
                    for (ic_ = 0; ic_ < (s)->in.c; ic_++)                                          \
                        for (fy_ = 0; fy_ < (s)->filter.h; fy_++)                                  \
                            for (fx_ = 0; fx_ < (s)->filter.w; fx_++) {                            \
                                const int32_t oy_ = iy_ * (s)->stride_h - (s)->pad_h + fy_;        \
                                const int32_t ox_ = ix_ * (s)->stride_w - (s)->pad_w + fx_;        \
                                const size_t xi_ =                                                 \
                                    (((size_t)b_ * (size_t)(s)->in.h + (size_t)iy_) *              \
                                         (size_t)(s)->in.w +                                       \
                                     (size_t)ix_) *                                                \
                                        (size_t)(s)->in.c +                                        \
                                    (size_t)ic_;                                                   \
                                if (oy_ < 0 || oy_ >= (s)->out.h || ox_ < 0 || ox_ >= (s)->out.w)  \
                                    continue;                                                      \
                                for (oc_ = 0; oc_ < (s)->out.c; oc_++) {                           \
                                    const size_t o =                                               \
                                        (((size_t)b_ * (size_t)(s)->out.h + (size_t)oy_) *         \
                                             (size_t)(s)->out.w +                                  \
                                         (size_t)ox_) *                                            \
                                            (size_t)(s)->out.c +                                   \
                                        (size_t)oc_;                                               \
                                    const size_t wi_ =                                             \
                                        (((size_t)oc_ * (size_t)(s)->filter.h + (size_t)fy_) *     \
                                             (size_t)(s)->filter.w +                               \
                                         (size_t)fx_) *                                            \
                                            (size_t)(s)->filter.c +                                \
                                        (size_t)ic_;                                               \
                                    body((o), (in)[xi_], (filt)[wi_]);                             \
                                }                                                                  \
                            }                                                                      \
    } while (0)

mote_status mote_ref_transpose_conv_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_tconv_step *s = (const mote_tconv_step *)step;
    const mote_requant q = mote_step_requant(step, sizeof *s, s->channels);
    const int8_t *filter = (const int8_t *)io->in[1], *in = (const int8_t *)io->in[2];
    const int32_t *bias = s->bias_bits ? (const int32_t *)io->in[3] : NULL;
    int32_t *acc = (int32_t *)io->scratch;
    int8_t *out = (int8_t *)io->out[0];
    size_t i, n = out_elements(s);
    if (!tconv_ok(s, io) || acc == NULL || (s->bias_bits && bias == NULL)) return MOTE_E_ARG;
    memset(acc, 0, n * sizeof *acc);
#define ADD_S8(o, x, w) acc[o] += ((x) + s->input_offset) * (w)
    SCATTER(s, in, filter, ADD_S8);
#undef ADD_S8
    for (i = 0; i < n; i++) {
        const int32_t ch = (int32_t)(i % (size_t)s->out.c);
        int32_t v = acc[i] + (bias ? bias[ch] : 0);
        v = mote_requantize(v, q.multiplier[ch], q.shift[ch]) + s->output_offset;
        v = v < s->act_min ? s->act_min : (v > s->act_max ? s->act_max : v);
        out[i] = (int8_t)v;
    }
    return MOTE_OK;
}

mote_status mote_ref_transpose_conv_s16_step(const void *step, const mote_kernel_io *io)
{
    const mote_tconv_step *s = (const mote_tconv_step *)step;
    const mote_requant q = mote_step_requant(step, sizeof *s, s->channels);
    const int8_t *filter = (const int8_t *)io->in[1];
    const int16_t *in = (const int16_t *)io->in[2];
    int64_t *acc = (int64_t *)io->scratch;
    int16_t *out = (int16_t *)io->out[0];
    size_t i, n = out_elements(s);
    if (!tconv_ok(s, io) || acc == NULL || (s->bias_bits && io->in[3] == NULL)) return MOTE_E_ARG;
    memset(acc, 0, n * sizeof *acc);
#define ADD_S16(o, x, w) acc[o] += (int64_t)(x) * (w)
    SCATTER(s, in, filter, ADD_S16);
#undef ADD_S16
    for (i = 0; i < n; i++) {
        const int32_t ch = (int32_t)(i % (size_t)s->out.c);
        int64_t a = acc[i];
        int32_t v;
        if (s->bias_bits == 16) a += ((const int16_t *)io->in[3])[ch];
        if (s->bias_bits == 64) a += mote_ref_load_i64(io->in[3], ch);
        v = mote_requantize64(a, q.multiplier[ch], q.shift[ch]) + s->output_offset;
        v = v < s->act_min ? s->act_min : (v > s->act_max ? s->act_max : v);
        out[i] = (int16_t)v;
    }
    return MOTE_OK;
}

mote_status mote_ref_transpose_conv_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_tconv_step *s = (const mote_tconv_step *)step;
    const float *filter = (const float *)io->in[1], *in = (const float *)io->in[2];
    const float *bias = s->bias_bits ? (const float *)io->in[3] : NULL;
    float *out = (float *)io->out[0];
    size_t i, n = out_elements(s);
    if (!tconv_ok(s, io) || (s->bias_bits && bias == NULL)) return MOTE_E_ARG;
    for (i = 0; i < n; i++)
        out[i] = 0.0f;
#define ADD_F32(o, x, w) out[o] += (x) * (w)
    SCATTER(s, in, filter, ADD_F32);
#undef ADD_F32
    for (i = 0; i < n; i++) {
        float v = out[i] + (bias ? bias[i % (size_t)s->out.c] : 0.0f);
        v = v < s->f_act_min ? s->f_act_min : v;
        out[i] = s->f_act_max < v ? s->f_act_max : v;
    }
    return MOTE_OK;
}
