/*
 * MAXIMUM and MINIMUM, int8 and int16 (TFLite
 * reference_ops::MaximumMinimumBroadcastSlow): the larger / smaller stored
 * value. TFLite Micro compares the stored integers whatever the tensors'
 * quantization, and so does mote.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_elementwise.h"

static int args_ok(const mote_binary_step *p, const mote_kernel_io *io)
{
    return io->in[0] != NULL && io->in[1] != NULL && io->out[0] != NULL && mote_bc_ok(&p->b);
}

/* want_max: 1 for MAXIMUM, 0 for MINIMUM. */
static mote_status minmax_s8(const mote_binary_step *p, const mote_kernel_io *io, int want_max)
{
    const int8_t *in1 = (const int8_t *)io->in[0], *in2 = (const int8_t *)io->in[1];
    int8_t *out = (int8_t *)io->out[0];
    mote_bc_it it;
    int32_t i;
    if (!args_ok(p, io)) return MOTE_E_ARG;
    mote_bc_start(&it);
    for (i = 0; i < p->b.elements; ++i, mote_bc_next(&p->b, &it)) {
        const int8_t a = in1[it.o1], b = in2[it.o2];
        out[i] = want_max ? (a > b ? a : b) : (a < b ? a : b);
    }
    return MOTE_OK;
}

static mote_status minmax_s16(const mote_binary_step *p, const mote_kernel_io *io, int want_max)
{
    const int16_t *in1 = (const int16_t *)io->in[0], *in2 = (const int16_t *)io->in[1];
    int16_t *out = (int16_t *)io->out[0];
    mote_bc_it it;
    int32_t i;
    if (!args_ok(p, io)) return MOTE_E_ARG;
    mote_bc_start(&it);
    for (i = 0; i < p->b.elements; ++i, mote_bc_next(&p->b, &it)) {
        const int16_t a = in1[it.o1], b = in2[it.o2];
        out[i] = want_max ? (a > b ? a : b) : (a < b ? a : b);
    }
    return MOTE_OK;
}

mote_status mote_ref_maximum_s8_step(const void *step, const mote_kernel_io *io)
{
    return minmax_s8((const mote_binary_step *)step, io, 1);
}

mote_status mote_ref_maximum_s16_step(const void *step, const mote_kernel_io *io)
{
    return minmax_s16((const mote_binary_step *)step, io, 1);
}

mote_status mote_ref_minimum_s8_step(const void *step, const mote_kernel_io *io)
{
    return minmax_s8((const mote_binary_step *)step, io, 0);
}

mote_status mote_ref_minimum_s16_step(const void *step, const mote_kernel_io *io)
{
    return minmax_s16((const mote_binary_step *)step, io, 0);
}
