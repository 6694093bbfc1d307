/*
 * ARG_MAX / ARG_MIN along one axis (mote/kernels_reduce.h), as TFLite's
 * reference ArgMinMax: the input viewed as [outer, axis, inner]; each
 * output starts at index 0 and moves only to a strictly greater (sign 1)
 * or smaller (sign -1) value, so the first extreme wins and a NaN never
 * replaces a value.
 */
#include <stddef.h>

#include "mote/kernels.h"

static int arg_ok(const mote_arg_step *s, const mote_kernel_io *io)
{
    return io->in[0] != NULL && io->out[0] != NULL && s->outer >= 1 && s->axis >= 1 &&
           s->inner >= 1;
}

static void put(const mote_arg_step *s, const mote_kernel_io *io, size_t k, int32_t at)
{
    if (s->out_int64)
        ((int64_t *)io->out[0])[k] = at;
    else
        ((int32_t *)io->out[0])[k] = at;
}

static mote_status arg_s8(const void *step, const mote_kernel_io *io, int sign)
{
    const mote_arg_step *s = (const mote_arg_step *)step;
    const int8_t *in = (const int8_t *)io->in[0];
    int32_t o, i, a;
    if (!arg_ok(s, io)) return MOTE_E_ARG;
    for (o = 0; o < s->outer; o++)
        for (i = 0; i < s->inner; i++) {
            const int8_t *p = in + (size_t)o * (size_t)s->axis * (size_t)s->inner + (size_t)i;
            int8_t best = p[0];
            int32_t at = 0;
            for (a = 1; a < s->axis; a++) {
                const int8_t v = p[(size_t)a * (size_t)s->inner];
                if (sign > 0 ? v > best : v < best) {
                    best = v;
                    at = a;
                }
            }
            put(s, io, (size_t)o * (size_t)s->inner + (size_t)i, at);
        }
    return MOTE_OK;
}

static mote_status arg_f32(const void *step, const mote_kernel_io *io, int sign)
{
    const mote_arg_step *s = (const mote_arg_step *)step;
    const float *in = (const float *)io->in[0];
    int32_t o, i, a;
    if (!arg_ok(s, io)) return MOTE_E_ARG;
    for (o = 0; o < s->outer; o++)
        for (i = 0; i < s->inner; i++) {
            const float *p = in + (size_t)o * (size_t)s->axis * (size_t)s->inner + (size_t)i;
            float best = p[0];
            int32_t at = 0;
            for (a = 1; a < s->axis; a++) {
                const float v = p[(size_t)a * (size_t)s->inner];
                if (sign > 0 ? v > best : v < best) {
                    best = v;
                    at = a;
                }
            }
            put(s, io, (size_t)o * (size_t)s->inner + (size_t)i, at);
        }
    return MOTE_OK;
}

mote_status mote_ref_arg_max_s8_step(const void *step, const mote_kernel_io *io)
{
    return arg_s8(step, io, 1);
}

mote_status mote_ref_arg_min_s8_step(const void *step, const mote_kernel_io *io)
{
    return arg_s8(step, io, -1);
}

mote_status mote_ref_arg_max_f32_step(const void *step, const mote_kernel_io *io)
{
    return arg_f32(step, io, 1);
}

mote_status mote_ref_arg_min_f32_step(const void *step, const mote_kernel_io *io)
{
    return arg_f32(step, io, -1);
}
