/*
 * RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR (mote/kernels_reduce.h), as
 * TFLite's reference kernels, float operations in the same order.
 */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "mote/kernels.h"

static int resize_ok(const mote_resize_step *s, const mote_kernel_io *io)
{
    return io->in[0] != NULL && io->out[0] != NULL && s->in.n >= 1 && s->in.h >= 1 &&
           s->in.w >= 1 && s->in.c >= 1 && s->out.n == s->in.n && s->out.c == s->in.c &&
           s->out.h >= 1 && s->out.w >= 1;
}

static size_t at(const mote_dims *d, int32_t b, int32_t y, int32_t x)
{
    return (((size_t)b * (size_t)d->h + (size_t)y) * (size_t)d->w + (size_t)x) * (size_t)d->c;
}

/* TFLite ComputeInterpolationValues: source coordinate and its two
 * neighbours, clamped to the input. */
static void interp_f(int32_t v, float scale, int32_t half, int32_t size, float *src, int32_t *lo,
                     int32_t *hi)
{
    float f, c;
    *src = half ? ((float)v + 0.5f) * scale - 0.5f : (float)v * scale;
    f = floorf(*src);
    c = ceilf(*src);
    *lo = (int32_t)f > 0 ? (int32_t)f : 0;
    *hi = (int32_t)c < size - 1 ? (int32_t)c : size - 1;
}

mote_status mote_ref_resize_bilinear_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_resize_step *s = (const mote_resize_step *)step;
    const float *in = (const float *)io->in[0];
    float *out = (float *)io->out[0];
    int32_t b, y, x, c;
    if (!resize_ok(s, io)) return MOTE_E_ARG;
    for (b = 0; b < s->out.n; b++)
        for (y = 0; y < s->out.h; y++) {
            float iy;
            int32_t y0, y1;
            interp_f(y, s->scale_h, s->half_pixel, s->in.h, &iy, &y0, &y1);
            for (x = 0; x < s->out.w; x++) {
                float ix;
                int32_t x0, x1;
                const float *p00, *p10, *p01, *p11;
                interp_f(x, s->scale_w, s->half_pixel, s->in.w, &ix, &x0, &x1);
                p00 = in + at(&s->in, b, y0, x0);
                p10 = in + at(&s->in, b, y1, x0);
                p01 = in + at(&s->in, b, y0, x1);
                p11 = in + at(&s->in, b, y1, x1);
                for (c = 0; c < s->in.c; c++) {
                    const float dy = iy - (float)y0, dx = ix - (float)x0;
                    out[at(&s->out, b, y, x) + (size_t)c] =
                        p00[c] * (1 - dy) * (1 - dx) + p10[c] * dy * (1 - dx) +
                        p01[c] * (1 - dy) * dx + p11[c] * dy * dx + 0.0f;
                }
            }
        }
    return MOTE_OK;
}

/* TFLite ComputeInterpolationValuesInteger: coordinates in 1/1024. */
static void interp_i(int32_t v, int32_t scale10, int32_t half, int32_t size, int32_t *src,
                     int32_t *lo, int32_t *hi)
{
    *src = half ? v * scale10 + scale10 / 2 - (1 << 9) : v * scale10;
    *lo = *src / (1 << 10) > 0 ? *src / (1 << 10) : 0;
    *hi = (*src + (1 << 10) - 1) / (1 << 10);
    if (*hi > size - 1) *hi = size - 1;
}

mote_status mote_ref_resize_bilinear_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_resize_step *s = (const mote_resize_step *)step;
    const int8_t *in = (const int8_t *)io->in[0];
    int8_t *out = (int8_t *)io->out[0];
    int32_t b, y, x, c;
    if (!resize_ok(s, io)) return MOTE_E_ARG;
    for (b = 0; b < s->out.n; b++)
        for (y = 0; y < s->out.h; y++) {
            int32_t iy, y0, y1;
            interp_i(y, s->scale10_h, s->half_pixel, s->in.h, &iy, &y0, &y1);
            for (x = 0; x < s->out.w; x++) {
                int32_t ix, x0, x1;
                int64_t fy, fx;
                const int8_t *p00, *p10, *p01, *p11;
                interp_i(x, s->scale10_w, s->half_pixel, s->in.w, &ix, &x0, &x1);
                fy = iy - (1 << 10) * y0;
                fx = ix - (1 << 10) * x0;
                p00 = in + at(&s->in, b, y0, x0);
                p10 = in + at(&s->in, b, y1, x0);
                p01 = in + at(&s->in, b, y0, x1);
                p11 = in + at(&s->in, b, y1, x1);
                for (c = 0; c < s->in.c; c++) {
                    const int64_t v = (int64_t)p00[c] * ((1 << 10) - fy) * ((1 << 10) - fx) +
                                      (int64_t)p10[c] * fy * ((1 << 10) - fx) +
                                      (int64_t)p01[c] * ((1 << 10) - fy) * fx +
                                      (int64_t)p11[c] * fy * fx;
                    /* Round half away from zero, then divide (TFLite's
                     * double-rounding build). */
                    const int64_t r = v > 0 ? (1 << 19) : -(1 << 19);
                    out[at(&s->out, b, y, x) + (size_t)c] = (int8_t)((v + r) / (1 << 20));
                }
            }
        }
    return MOTE_OK;
}

/* TFLite GetNearestNeighbor. */
static int32_t nearest(int32_t v, float scale, const mote_resize_step *s, int32_t size)
{
    const float src = ((float)v + (s->half_pixel ? 0.5f : 0.0f)) * scale;
    int32_t r = s->align_corners ? (int32_t)roundf(src) : (int32_t)floorf(src);
    if (r > size - 1) r = size - 1;
    if (s->half_pixel && r < 0) r = 0;
    return r;
}

mote_status mote_ref_resize_nearest_step(const void *step, const mote_kernel_io *io)
{
    const mote_resize_step *s = (const mote_resize_step *)step;
    const uint8_t *in = (const uint8_t *)io->in[0];
    uint8_t *out = (uint8_t *)io->out[0];
    const size_t row = (size_t)s->in.c * (size_t)s->elem_bytes;
    int32_t b, y, x;
    if (!resize_ok(s, io) || s->elem_bytes < 1) return MOTE_E_ARG;
    for (b = 0; b < s->out.n; b++)
        for (y = 0; y < s->out.h; y++) {
            const int32_t iy = nearest(y, s->scale_h, s, s->in.h);
            for (x = 0; x < s->out.w; x++) {
                const int32_t ix = nearest(x, s->scale_w, s, s->in.w);
                memcpy(out + at(&s->out, b, y, x) * (size_t)s->elem_bytes,
                       in + at(&s->in, b, iy, ix) * (size_t)s->elem_bytes, row);
            }
        }
    return MOTE_OK;
}
