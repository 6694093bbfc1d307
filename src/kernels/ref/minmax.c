/*
 * MAXIMUM and MINIMUM, int8, int16, int32 and int64 (TFLite
 * reference_ops::MaximumMinimumBroadcastSlow): the larger / smaller stored
 * value. TFLite Micro compares the stored integers whatever the tensors'
 * quantization, and so does mote. One loop per element type, written once.
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
#define MOTE_MINMAX(fn, ctype)                                                                     \
    static mote_status fn(const mote_binary_step *p, const mote_kernel_io *io, int want_max)       \
    {                                                                                              \
        typedef ctype T;                                                                           \
        const T *in1 = (const T *)io->in[0], *in2 = (const T *)io->in[1];                          \
        T *out = (T *)io->out[0];                                                                  \
        mote_bc_it it;                                                                             \
        int32_t i;                                                                                 \
        if (!args_ok(p, io)) return MOTE_E_ARG;                                                    \
        mote_bc_start(&it);                                                                        \
        for (i = 0; i < p->b.elements; ++i, mote_bc_next(&p->b, &it)) {                            \
            const T a = in1[it.o1], b = in2[it.o2];                                                \
            out[i] = want_max ? (a > b ? a : b) : (a < b ? a : b);                                 \
        }                                                                                          \
        return MOTE_OK;                                                                            \
    }

MOTE_MINMAX(minmax_s8, int8_t)
MOTE_MINMAX(minmax_s16, int16_t)
MOTE_MINMAX(minmax_i32, int32_t)
MOTE_MINMAX(minmax_i64, int64_t)

#define MOTE_MINMAX_STEP(name, fn, want_max)                                                       \
    mote_status name(const void *step, const mote_kernel_io *io)                                   \
    {                                                                                              \
        return fn((const mote_binary_step *)step, io, want_max);                                   \
    }

MOTE_MINMAX_STEP(mote_ref_maximum_s8_step, minmax_s8, 1)
MOTE_MINMAX_STEP(mote_ref_maximum_s16_step, minmax_s16, 1)
MOTE_MINMAX_STEP(mote_ref_maximum_i32_step, minmax_i32, 1)
MOTE_MINMAX_STEP(mote_ref_maximum_i64_step, minmax_i64, 1)
MOTE_MINMAX_STEP(mote_ref_minimum_s8_step, minmax_s8, 0)
MOTE_MINMAX_STEP(mote_ref_minimum_s16_step, minmax_s16, 0)
MOTE_MINMAX_STEP(mote_ref_minimum_i32_step, minmax_i32, 0)
MOTE_MINMAX_STEP(mote_ref_minimum_i64_step, minmax_i64, 0)
