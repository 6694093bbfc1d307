/*
 * LOGICAL_AND and LOGICAL_OR with broadcasting, LOGICAL_NOT: bool tensors
 * (one byte each, 0 or 1; any other byte reads as true), as TFLite's
 * reference kernels.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_elementwise.h"

#define MOTE_LOGICAL(name, expr)                                                                   \
    mote_status name(const void *step, const mote_kernel_io *io)                                   \
    {                                                                                              \
        const mote_binary_step *p = (const mote_binary_step *)step;                                \
        const uint8_t *in1 = (const uint8_t *)io->in[0], *in2 = (const uint8_t *)io->in[1];        \
        uint8_t *out = (uint8_t *)io->out[0];                                                      \
        mote_bc_it it;                                                                             \
        int32_t i;                                                                                 \
        if (in1 == NULL || in2 == NULL || out == NULL || !mote_bc_ok(&p->b)) return MOTE_E_ARG;    \
        mote_bc_start(&it);                                                                        \
        for (i = 0; i < p->b.elements; ++i, mote_bc_next(&p->b, &it)) {                            \
            const int a = in1[it.o1] != 0, b = in2[it.o2] != 0;                                    \
            out[i] = (uint8_t)(expr);                                                              \
        }                                                                                          \
        return MOTE_OK;                                                                            \
    }

MOTE_LOGICAL(mote_ref_logical_and_step, a &&b)
MOTE_LOGICAL(mote_ref_logical_or_step, a || b)

mote_status mote_ref_logical_not_step(const void *step, const mote_kernel_io *io)
{
    const mote_unary_step *p = (const mote_unary_step *)step;
    const uint8_t *in = (const uint8_t *)io->in[0];
    uint8_t *out = (uint8_t *)io->out[0];
    int32_t i;
    if (in == NULL || out == NULL || p->elements <= 0) return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i)
        out[i] = (uint8_t)(in[i] == 0);
    return MOTE_OK;
}
