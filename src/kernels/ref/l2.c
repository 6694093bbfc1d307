/*
 * L2_POOL_2D (float32) and L2_NORMALIZATION (int8, float32), as TFLite's
 * reference kernels (mote/kernels_reduce.h).
 */
#include <math.h>
#include <stddef.h>

#include "mote/kernels.h"
#include "base/fixedpoint_rsqrt.h"

mote_status mote_ref_l2_pool_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_pool_f32_step *s = (const mote_pool_f32_step *)step;
    const mote_pool_f32_params *p = &s->p;
    const float *in = (const float *)io->in[0];
    float *out = (float *)io->out[0];
    int32_t b, oy, ox, ch, fy, fx;
    if (in == NULL || out == NULL || s->in.c != s->out.c || s->in.n != s->out.n ||
        p->filter_h < 1 || p->filter_w < 1)
        return MOTE_E_ARG;
    for (b = 0; b < s->out.n; b++)
        for (oy = 0; oy < s->out.h; oy++)
            for (ox = 0; ox < s->out.w; ox++)
                for (ch = 0; ch < s->out.c; ch++) {
                    const int32_t y0 = oy * p->geom.stride_h - p->geom.pad_h;
                    const int32_t x0 = ox * p->geom.stride_w - p->geom.pad_w;
                    const int32_t fy0 = y0 < 0 ? -y0 : 0, fx0 = x0 < 0 ? -x0 : 0;
                    const int32_t fy1 = p->filter_h < s->in.h - y0 ? p->filter_h : s->in.h - y0;
                    const int32_t fx1 = p->filter_w < s->in.w - x0 ? p->filter_w : s->in.w - x0;
                    float sum = 0.0f, v;
                    int32_t count = 0;
                    for (fy = fy0; fy < fy1; fy++)
                        for (fx = fx0; fx < fx1; fx++) {
                            const float x = in[(((size_t)b * (size_t)s->in.h + (size_t)(y0 + fy)) *
                                                    (size_t)s->in.w +
                                                (size_t)(x0 + fx)) *
                                                   (size_t)s->in.c +
                                               (size_t)ch];
                            sum += x * x;
                            count++;
                        }
                    v = sqrtf(sum / (float)count);
                    v = v < p->act_min ? p->act_min : v;
                    out[(((size_t)b * (size_t)s->out.h + (size_t)oy) * (size_t)s->out.w +
                         (size_t)ox) *
                            (size_t)s->out.c +
                        (size_t)ch] = p->act_max < v ? p->act_max : v;
                }
    return MOTE_OK;
}

mote_status mote_ref_l2norm_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_l2norm_step *s = (const mote_l2norm_step *)step;
    const float *in = (const float *)io->in[0];
    float *out = (float *)io->out[0];
    int32_t i, k;
    if (in == NULL || out == NULL || s->outer < 1 || s->depth < 1) return MOTE_E_ARG;
    for (i = 0; i < s->outer; i++) {
        const float *x = in + (size_t)i * (size_t)s->depth;
        float sq = 0.0f, norm;
        for (k = 0; k < s->depth; k++)
            sq += x[k] * x[k];
        norm = sqrtf(sq);
        norm = norm > 1e-6f ? norm : 1e-6f;
        for (k = 0; k < s->depth; k++)
            out[(size_t)i * (size_t)s->depth + (size_t)k] = x[k] / norm;
    }
    return MOTE_OK;
}

mote_status mote_ref_l2norm_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_l2norm_step *s = (const mote_l2norm_step *)step;
    const int8_t *in = (const int8_t *)io->in[0];
    int8_t *out = (int8_t *)io->out[0];
    int32_t i, k;
    if (in == NULL || out == NULL || s->outer < 1 || s->depth < 1) return MOTE_E_ARG;
    for (i = 0; i < s->outer; i++) {
        const int8_t *x = in + (size_t)i * (size_t)s->depth;
        int32_t acc = 0, m, sh;
        for (k = 0; k < s->depth; k++)
            acc += (x[k] - s->input_zp) * (x[k] - s->input_zp);
        mote_fp_inv_sqrt(acc, &m, &sh);
        for (k = 0; k < s->depth; k++) {
            /* The output's 1/128 scale is folded into the shift (+7). */
            int32_t v = mote_requantize(x[k] - s->input_zp, m, (int)(sh + 7));
            v = v < -128 ? -128 : (v > 127 ? 127 : v);
            out[(size_t)i * (size_t)s->depth + (size_t)k] = (int8_t)v;
        }
    }
    return MOTE_OK;
}
