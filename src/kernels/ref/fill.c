/*
 * FILL / ZEROS_LIKE / SHAPE (a repeated pattern), BROADCAST_ARGS, RANGE
 * and CAST.
 */
#include <stddef.h>
#include <string.h>

#include "mote/kernels.h"

mote_status mote_ref_fill_step(const void *step, const mote_kernel_io *io)
{
    const mote_fill_step *s = (const mote_fill_step *)step;
    const uint8_t *pat = s->value_input >= 0 ? (const uint8_t *)io->in[s->value_input] : s->pattern;
    uint8_t *out = (uint8_t *)io->out[0];
    uint32_t i;
    if (out == NULL || pat == NULL || s->pattern_bytes > sizeof s->pattern) return MOTE_E_ARG;
    for (i = 0; i < s->repeats; i++) {
        memcpy(out, pat, s->pattern_bytes);
        out += s->pattern_bytes;
    }
    return MOTE_OK;
}

static int64_t read_int(const void *p, uint32_t esize, int32_t i)
{
    if (esize == 8) return ((const int64_t *)p)[i];
    return ((const int32_t *)p)[i];
}

mote_status mote_ref_broadcast_args_step(const void *step, const mote_kernel_io *io)
{
    const mote_broadcast_args_step *s = (const mote_broadcast_args_step *)step;
    const void *a = io->in[0], *b = io->in[1];
    void *out = io->out[0];
    int32_t k;
    if (a == NULL || b == NULL || out == NULL) return MOTE_E_ARG;
    for (k = 0; k < s->n_out; k++) {
        const int32_t i = k - (s->n_out - s->n1), j = k - (s->n_out - s->n2);
        const int64_t x = i >= 0 ? read_int(a, s->esize, i) : 1;
        const int64_t y = j >= 0 ? read_int(b, s->esize, j) : 1;
        int64_t r;
        if (x == y || y == 1)
            r = x;
        else if (x == 1)
            r = y;
        else
            return MOTE_E_PARAM;
        if (s->esize == 8)
            ((int64_t *)out)[k] = r;
        else
            ((int32_t *)out)[k] = (int32_t)r;
    }
    return MOTE_OK;
}

mote_status mote_ref_range_step(const void *step, const mote_kernel_io *io)
{
    const mote_range_step *s = (const mote_range_step *)step;
    uint32_t i;
    if (io->out[0] == NULL) return MOTE_E_ARG;
    if (s->is_float) {
        float *out = (float *)io->out[0], v = s->start_f;
        for (i = 0; i < s->count; i++) {
            out[i] = v;
            v += s->delta_f;
        }
    } else {
        int32_t *out = (int32_t *)io->out[0];
        int64_t v = s->start_i;
        for (i = 0; i < s->count; i++) {
            out[i] = (int32_t)v;
            v += s->delta_i;
        }
    }
    return MOTE_OK;
}

/* Value of element i of a tensor of type t, as a double (exact for every
 * type CAST reads: float32 and integers up to 32 bits). */
static double cast_in(const void *p, int32_t t, uint32_t i)
{
    switch (t) {
    case MOTE_CAST_F32: return (double)((const float *)p)[i];
    case MOTE_CAST_I8: return (double)((const int8_t *)p)[i];
    case MOTE_CAST_I16: return (double)((const int16_t *)p)[i];
    case MOTE_CAST_I32: return (double)((const int32_t *)p)[i];
    case MOTE_CAST_U32: return (double)((const uint32_t *)p)[i];
    default: return ((const uint8_t *)p)[i] != 0 ? 1.0 : 0.0; /* BOOL */
    }
}

/* v as an integer of `bits` bits: toward zero, saturated to int64, then wrapped. */
static uint32_t wrap(double v)
{
    double t = v < 0 ? -v : v;
    int64_t x;
    if (t >= 9.2e18) t = 9.2e18;
    x = (int64_t)t;
    if (v < 0) x = -x;
    return (uint32_t)(uint64_t)x;
}

mote_status mote_ref_cast_step(const void *step, const mote_kernel_io *io)
{
    const mote_cast_step *s = (const mote_cast_step *)step;
    const void *in = io->in[0];
    void *out = io->out[0];
    uint32_t i;
    if (in == NULL || out == NULL) return MOTE_E_ARG;
    for (i = 0; i < s->count; i++) {
        const double v = cast_in(in, s->from, i);
        switch (s->to) {
        case MOTE_CAST_F32: ((float *)out)[i] = (float)v; break;
        case MOTE_CAST_I8: ((int8_t *)out)[i] = (int8_t)(uint8_t)wrap(v); break;
        case MOTE_CAST_I16: ((int16_t *)out)[i] = (int16_t)(uint16_t)wrap(v); break;
        case MOTE_CAST_I32: ((int32_t *)out)[i] = (int32_t)wrap(v); break;
        case MOTE_CAST_U32: ((uint32_t *)out)[i] = wrap(v); break;
        default: ((uint8_t *)out)[i] = v != 0.0 ? 1u : 0u; break;
        }
    }
    return MOTE_OK;
}
