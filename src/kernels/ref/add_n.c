/*
 * ADD_N, CUMSUM and PRELU, float32 and int8 (PRELU also int16 with int8
 * alpha), bit-exact with TFLite Micro's
 * reference kernels (rounding read from them, not copied).
 */
#include <stddef.h>

#include "kernels/ref/ref_elementwise.h"
#include "kernels/ref/ref_util.h"

static int32_t clamp_s8(int32_t v)
{
    return v < -128 ? -128 : v > 127 ? 127 : v;
}

mote_status mote_ref_add_n_step(const void *step, const mote_kernel_io *io)
{
    const mote_add_n_step *s = (const mote_add_n_step *)step;
    int32_t i, j;
    for (j = 0; j < s->n; j++)
        if (io->in[j] == NULL) return MOTE_E_ARG;
    if (io->out[0] == NULL || s->n < 1) return MOTE_E_ARG;
    if (s->is_float) {
        float *out = (float *)io->out[0];
        for (i = 0; i < s->count; i++) {
            float x = 0.0f;
            for (j = 0; j < s->n; j++)
                x += ((const float *)io->in[j])[i];
            out[i] = x;
        }
        return MOTE_OK;
    }
    {
        int8_t *out = (int8_t *)io->out[0];
        /* The accumulator starts at the offset alone, scaled (TFLite Micro). */
        const int32_t start =
            mote_requantize_lt1(s->in_offset * (1 << 20), s->in_mult, s->in_shift);
        for (i = 0; i < s->count; i++) {
            int32_t acc = start;
            for (j = 0; j < s->n; j++) {
                const int32_t y = s->in_offset + ((const int8_t *)io->in[j])[i];
                acc += mote_requantize_lt1(y * (1 << 20), s->in_mult, s->in_shift);
            }
            out[i] = (int8_t)clamp_s8(mote_requantize_lt1(acc, s->out_mult, s->out_shift) +
                                      s->out_offset);
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_prelu_step(const void *step, const mote_kernel_io *io)
{
    const mote_prelu_step *s = (const mote_prelu_step *)step;
    mote_bc_it it;
    int32_t i;
    if (io->in[0] == NULL || io->in[1] == NULL || io->out[0] == NULL || !mote_bc_ok(&s->b))
        return MOTE_E_ARG;
    mote_bc_start(&it);
    for (i = 0; i < s->b.elements; i++) {
        if (s->is_float) {
            const float x = ((const float *)io->in[0])[it.o1];
            const float a = ((const float *)io->in[1])[it.o2];
            ((float *)io->out[0])[i] = x >= 0.0f ? x : x * a;
        } else {
            /* |x| <= 65535 and |a| <= 255: the product fits in int32. */
            const int32_t x = s->in_offset + (s->is_s16 ? ((const int16_t *)io->in[0])[it.o1]
                                                        : ((const int8_t *)io->in[0])[it.o1]);
            int32_t v;
            if (x >= 0) {
                v = mote_requantize(x, s->m1, s->s1);
            } else {
                const int32_t a = s->alpha_offset + ((const int8_t *)io->in[1])[it.o2];
                v = mote_requantize(x * a, s->m2, s->s2);
            }
            v += s->out_offset;
            if (s->is_s16)
                ((int16_t *)io->out[0])[i] = (int16_t)(v < -32768 ? -32768 : v > 32767 ? 32767 : v);
            else
                ((int8_t *)io->out[0])[i] = (int8_t)clamp_s8(v);
        }
        mote_bc_next(&s->b, &it);
    }
    return MOTE_OK;
}

/* One int8 element of CUMSUM / ADD_N scaled into the 2^20 sum domain. */
static int32_t scaled_s8(const mote_add_n_step *q, int32_t x)
{
    return mote_requantize_lt1((q->in_offset + x) * (1 << 20), q->in_mult, q->in_shift);
}

mote_status mote_ref_cumsum_step(const void *step, const mote_kernel_io *io)
{
    const mote_cumsum_step *s = (const mote_cumsum_step *)step;
    const mote_add_n_step *q = &s->q;
    int32_t b, a, d;
    if (io->in[0] == NULL || io->out[0] == NULL) return MOTE_E_ARG;
    for (a = 0; a < s->after; a++)
        for (b = 0; b < s->before; b++) {
            float accf = 0.0f;
            /* Wrapping 32-bit sum (unsigned: defined in C). */
            uint32_t acc =
                (uint32_t)mote_requantize_lt1(q->in_offset * (1 << 20), q->in_mult, q->in_shift);
            for (d = 0; d < s->depth; d++) {
                const int32_t dd = s->reverse ? s->depth - 1 - d : d;
                const size_t at = ((size_t)b * (size_t)s->depth + (size_t)dd) * (size_t)s->after +
                                  (size_t)(s->reverse ? s->after - 1 - a : a);
                if (s->is_float) {
                    const float x = ((const float *)io->in[0])[at];
                    float *o = (float *)io->out[0] + at;
                    if (s->exclusive) {
                        *o = accf;
                        accf += x;
                    } else {
                        accf += x;
                        *o = accf;
                    }
                } else {
                    const uint32_t y = (uint32_t)scaled_s8(q, ((const int8_t *)io->in[0])[at]);
                    const uint32_t before_add = acc;
                    acc += y;
                    ((int8_t *)io->out[0])[at] = (int8_t)clamp_s8(
                        mote_requantize_lt1((int32_t)(s->exclusive ? before_add : acc), q->out_mult,
                                            q->out_shift) +
                        q->out_offset);
                }
            }
        }
    return MOTE_OK;
}
