/*
 * ADD, SUB, MUL, DIV and SQUARED_DIFFERENCE on int32 with broadcasting
 * (TFLite Micro's int32 paths of reference_ops Add / Sub / Mul / Div and its
 * SquaredDifference: (a - b) * (a - b)), the result clamped to
 * [act_min, act_max]. DIV truncates toward zero as C++ does; a zero divisor,
 * or INT32_MIN / -1, crashes TFLite Micro and returns MOTE_E_PARAM here
 * (the outputs before it are written, the rest not).
 * TFLite's C++ overflows a signed int there; the machines it runs on wrap
 * modulo 2^32, and so does mote, in unsigned arithmetic (no undefined
 * behaviour) converted back without an implementation-defined cast.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_elementwise.h"

/* The int32 whose two's complement bits are u. */
static int32_t from_bits(uint32_t u)
{
    return u <= (uint32_t)INT32_MAX ? (int32_t)u : -(int32_t)(UINT32_MAX - u) - 1;
}

enum { ARITH_ADD, ARITH_SUB, ARITH_MUL, ARITH_SQDIFF, ARITH_DIV };

static uint32_t arith(int op, uint32_t a, uint32_t b)
{
    switch (op) {
    case ARITH_ADD: return a + b;
    case ARITH_SUB: return a - b;
    case ARITH_MUL: return a * b;
    default: return (a - b) * (a - b);
    }
}

static mote_status arith_i32(const void *step, const mote_kernel_io *io, int op)
{
    const mote_binary_i32_step *p = (const mote_binary_i32_step *)step;
    const int32_t *in1 = (const int32_t *)io->in[0], *in2 = (const int32_t *)io->in[1];
    int32_t *out = (int32_t *)io->out[0];
    mote_bc_it it;
    int32_t i;
    if (in1 == NULL || in2 == NULL || out == NULL || !mote_bc_ok(&p->b) || p->act_min > p->act_max)
        return MOTE_E_ARG;
    mote_bc_start(&it);
    for (i = 0; i < p->b.elements; ++i, mote_bc_next(&p->b, &it)) {
        const uint32_t a = (uint32_t)in1[it.o1], b = (uint32_t)in2[it.o2];
        int32_t v;
        if (op == ARITH_DIV) {
            if (in2[it.o2] == 0 || (in1[it.o1] == INT32_MIN && in2[it.o2] == -1))
                return MOTE_E_PARAM;
            v = in1[it.o1] / in2[it.o2];
        } else {
            v = from_bits(arith(op, a, b));
        }
        if (v < p->act_min) v = p->act_min;
        if (v > p->act_max) v = p->act_max;
        out[i] = v;
    }
    return MOTE_OK;
}

mote_status mote_ref_add_i32_step(const void *step, const mote_kernel_io *io)
{
    return arith_i32(step, io, ARITH_ADD);
}

mote_status mote_ref_sub_i32_step(const void *step, const mote_kernel_io *io)
{
    return arith_i32(step, io, ARITH_SUB);
}

mote_status mote_ref_mul_i32_step(const void *step, const mote_kernel_io *io)
{
    return arith_i32(step, io, ARITH_MUL);
}

mote_status mote_ref_div_i32_step(const void *step, const mote_kernel_io *io)
{
    return arith_i32(step, io, ARITH_DIV);
}

mote_status mote_ref_squared_difference_i32_step(const void *step, const mote_kernel_io *io)
{
    return arith_i32(step, io, ARITH_SQDIFF);
}
