/*
 * ref_elementwise.h — the broadcast walk the element-wise reference kernels
 * share (static inline, so each kernel file stays self-contained).
 *
 * A mote_bcast (mote/kernels_elementwise.h) gives the output's shape padded
 * to MOTE_BCAST_RANK and each input's element strides along it (0 where it
 * broadcasts). Walking the output in row-major order, mote_bc_next() moves
 * the two input offsets the way TFLite's BroadcastBinaryOpSimple indexes
 * them: output element i reads input1[o1], input2[o2].
 */
#ifndef MOTE_KERNELS_REF_ELEMENTWISE_H
#define MOTE_KERNELS_REF_ELEMENTWISE_H

#include <stdint.h>
#include "mote/kernels.h"

typedef struct mote_bc_it {
    int32_t idx[MOTE_BCAST_RANK];
    int32_t o1, o2;
} mote_bc_it;

static inline void mote_bc_start(mote_bc_it *it)
{
    int d;
    for (d = 0; d < MOTE_BCAST_RANK; ++d)
        it->idx[d] = 0;
    it->o1 = 0;
    it->o2 = 0;
}

static inline void mote_bc_next(const mote_bcast *b, mote_bc_it *it)
{
    int d;
    for (d = MOTE_BCAST_RANK - 1; d >= 0; --d) {
        it->o1 += b->s1[d];
        it->o2 += b->s2[d];
        if (++it->idx[d] < b->shape[d]) return;
        it->o1 -= b->s1[d] * b->shape[d];
        it->o2 -= b->s2[d] * b->shape[d];
        it->idx[d] = 0;
    }
}

/* The cheap entry check: a positive element count matching the shape. */
static inline int mote_bc_ok(const mote_bcast *b)
{
    int64_t n = 1;
    int d;
    for (d = 0; d < MOTE_BCAST_RANK; ++d) {
        if (b->shape[d] < 1) return 0;
        n *= b->shape[d];
        if (n > INT32_MAX) return 0;
    }
    return n == b->elements;
}

/* The loop of the quantized binary kernels: out[i] = f(p, in1[o1], in2[o2],
 * arg) over the whole broadcast b, for int8 (wide 0) or int16 (wide 1)
 * tensors. f's result must fit the output type. */
typedef int32_t (*mote_bc_q_fn)(const void *p, int32_t a, int32_t b, int arg);

static inline void mote_bc_run_q(const mote_bcast *b, const mote_kernel_io *io, int wide,
                                 mote_bc_q_fn f, const void *p, int arg)
{
    mote_bc_it it;
    int32_t i;
    mote_bc_start(&it);
    for (i = 0; i < b->elements; ++i, mote_bc_next(b, &it)) {
        if (wide) {
            const int16_t *in1 = (const int16_t *)io->in[0], *in2 = (const int16_t *)io->in[1];
            ((int16_t *)io->out[0])[i] = (int16_t)f(p, in1[it.o1], in2[it.o2], arg);
        } else {
            const int8_t *in1 = (const int8_t *)io->in[0], *in2 = (const int8_t *)io->in[1];
            ((int8_t *)io->out[0])[i] = (int8_t)f(p, in1[it.o1], in2[it.o2], arg);
        }
    }
}

#endif /* MOTE_KERNELS_REF_ELEMENTWISE_H */
