/*
 * mote/kernels_shape.h — data-movement kernels (included by mote/kernels.h):
 * PAD, strided copies (TRANSPOSE, SLICE, STRIDED_SLICE...), CONCATENATION /
 * PACK and SPLIT / SPLIT_V / UNPACK.
 *
 * They move elements without looking at them, so one kernel serves every
 * element type: blocks carry the element size in bytes (1, 2, 4 or 8).
 * Shapes are given at MOTE_MAX_RANK dimensions, outermost first, padded
 * with leading 1s. Lowering (src/ops/op_shape_util.c) proved every index in
 * bounds before any call.
 */
#ifndef MOTE_KERNELS_SHAPE_H
#define MOTE_KERNELS_SHAPE_H

#include <stdint.h>
#include "mote/status.h"

/* PAD / PADV2: out[i] = in[i - before] inside the input, else the pad value
 * (value_input < 0: the `value` bytes; else the first element of input
 * value_input, read at run time). */
typedef struct mote_pad_step {
    uint32_t esize;
    int32_t value_input;
    uint8_t value[8];
    int32_t in_dims[MOTE_MAX_RANK];
    int32_t out_dims[MOTE_MAX_RANK];
    int32_t before[MOTE_MAX_RANK]; /* >= 0; out_dims = in_dims + before + after */
} mote_pad_step;

/* Strided copy: output element (i0..iR-1), written in row-major order, is
 * input element offset + sum(ik * strides[k]) of input `input`. Strides may
 * be negative (REVERSE_V2, negative STRIDED_SLICE strides) or zero. */
typedef struct mote_strided_step {
    uint32_t esize;
    int32_t input;
    int32_t offset;
    int32_t dims[MOTE_MAX_RANK]; /* output dims, >= 1 */
    int32_t strides[MOTE_MAX_RANK];
} mote_strided_step;

/* CONCATENATION / PACK: `outer` times, input k's next chunk[k] bytes are
 * appended to the output, for k = 0..n-1. */
typedef struct mote_concat_step {
    uint32_t n, outer;
    uint32_t chunk[MOTE_MAX_OP_INPUTS];
} mote_concat_step;

/* SPLIT / SPLIT_V / UNPACK: `outer` times, the input's next chunk[k] bytes
 * go to output k, for k = 0..n-1. */
typedef struct mote_split_step {
    uint32_t n, outer;
    int32_t input;
    uint32_t chunk[MOTE_MAX_OP_OUTPUTS];
} mote_split_step;

mote_status mote_ref_pad_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_strided_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_concat_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_split_step(const void *step, const mote_kernel_io *io);

#endif /* MOTE_KERNELS_SHAPE_H */
