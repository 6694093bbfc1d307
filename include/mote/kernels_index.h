/*
 * mote/kernels_index.h — kernels that move elements chosen by data or
 * computed shapes (included by mote/kernels.h): GATHER, GATHER_ND,
 * EMBEDDING_LOOKUP, FILL / ZEROS_LIKE / SHAPE, BROADCAST_ARGS, SELECT_V2,
 * CAST, DYNAMIC_UPDATE_SLICE, MIRROR_PAD, SPACE_TO_BATCH_ND /
 * BATCH_TO_SPACE_ND, RANGE; and three small arithmetic kernels beside
 * them, ADD_N, CUMSUM and PRELU.
 *
 * Shapes were proved consistent by lowering. Index values read from
 * tensors at run time (GATHER, GATHER_ND, EMBEDDING_LOOKUP positions) are
 * checked by the kernels: one outside its dimension stops the step with
 * MOTE_E_PARAM before anything is read out of bounds (TFLite Micro fails
 * its invoke there too). BROADCAST_ARGS returns MOTE_E_PARAM for shapes
 * that do not broadcast or do not give the output's size.
 */
#ifndef MOTE_KERNELS_INDEX_H
#define MOTE_KERNELS_INDEX_H

#include <stdint.h>
#include "mote/status.h"

/* GATHER / EMBEDDING_LOOKUP: for b < batch, o < outer, j < coords, the
 * `inner` elements at axis position p = positions[b * coords + j] (int32,
 * or int64 with idx_esize 8) of input data_input's slice (b, o) go to the
 * output, in that order; p must lie in [0, axis). EMBEDDING_HYBRID: the
 * same with int8 data written as float32 value * scale. */
typedef struct mote_gather_step {
    int32_t data_input, index_input;
    uint32_t esize, idx_esize;
    int32_t batch, outer, axis, coords, inner;
    float scale;
} mote_gather_step;

/* GATHER_ND: n_slices rows of nd int32 indices; row i selects the `slice`
 * elements starting at sum(index[k] * counts[k]), each index[k] in
 * [0, dims[k]). */
typedef struct mote_gather_nd_step {
    uint32_t esize;
    int32_t n_slices, nd, slice;
    int32_t dims[MOTE_MAX_RANK], counts[MOTE_MAX_RANK];
} mote_gather_nd_step;

/* FILL / ZEROS_LIKE / SHAPE: the pattern written `repeats` times; with
 * value_input >= 0 the pattern is the first pattern_bytes of that input. */
typedef struct mote_fill_step {
    uint32_t pattern_bytes, repeats;
    int32_t value_input;
    uint8_t pattern[8 * MOTE_MAX_RANK];
} mote_fill_step;

/* BROADCAST_ARGS: the broadcast shape of two int32 / int64 shape vectors
 * of n1 and n2 values; n_out = max(n1, n2). */
typedef struct mote_broadcast_args_step {
    uint32_t esize;
    int32_t n1, n2, n_out;
} mote_broadcast_args_step;

/* SELECT_V2: out = cond ? x : y (inputs 0, 1, 2), each read at its element
 * strides along the output's shape (0 where it broadcasts). */
typedef struct mote_select_step {
    uint32_t esize;
    int32_t shape[MOTE_MAX_RANK];
    int32_t sc[MOTE_MAX_RANK], sx[MOTE_MAX_RANK], sy[MOTE_MAX_RANK];
} mote_select_step;

/* CAST: count elements from type `from` to type `to` (mote_type values:
 * FLOAT32, INT8, INT16, INT32, UINT32, BOOL), as C converts them (floats
 * toward zero; out-of-range floats saturate; integers wrap; to BOOL: != 0). */
enum { /* CAST's types: the values of mote_type (mote/graph.h) */
       MOTE_CAST_F32 = 0,
       MOTE_CAST_I32 = 2,
       MOTE_CAST_BOOL = 6,
       MOTE_CAST_I16 = 7,
       MOTE_CAST_I8 = 9,
       MOTE_CAST_U32 = 15
};
typedef struct mote_cast_step {
    int32_t from, to;
    uint32_t count;
} mote_cast_step;

/* DYNAMIC_UPDATE_SLICE: the operand (input 0, dims) with the update (input
 * 1, upd) written at the `rank` start indices of input 2 (int32, or int64
 * with idx_esize 8; for the last `rank` dims), each clamped to
 * [0, dims - upd]. */
typedef struct mote_dus_step {
    uint32_t esize, idx_esize;
    int32_t rank;
    int32_t dims[MOTE_MAX_RANK], upd[MOTE_MAX_RANK];
} mote_dus_step;

/* MIRROR_PAD: output element o reads input o - before, reflected at the
 * edges: REFLECT (offset 1) leaves the edge out, SYMMETRIC (offset 0)
 * repeats it. */
typedef struct mote_mirror_pad_step {
    uint32_t esize;
    int32_t offset;
    int32_t in_dims[MOTE_MAX_RANK], out_dims[MOTE_MAX_RANK], before[MOTE_MAX_RANK];
} mote_mirror_pad_step;

/* SPACE_TO_BATCH_ND (to_batch 1) / BATCH_TO_SPACE_ND (0) on [n, h, w, c]
 * shapes: batch k * n_small + b holds spatial offset (k / bw, k % bw) of
 * blocks bh x bw; pads are the top / left padding (or cropping); padded
 * elements get the `value` bytes. */
typedef struct mote_space_batch_step {
    uint32_t esize;
    int32_t to_batch;
    int32_t in[4], out[4];
    int32_t block[2], pad[2];
    uint8_t value[8];
} mote_space_batch_step;

/* RANGE: count values start, start + delta, ... (int32, or float32 when
 * is_float, accumulated as LiteRT does). */
typedef struct mote_range_step {
    int32_t is_float;
    uint32_t count;
    int32_t start_i, delta_i;
    float start_f, delta_f;
} mote_range_step;

/* ADD_N: out = sum of inputs 0..n-1 (count elements each). float32
 * (is_float): summed from 0.0f in input order. int8: TFLite Micro's
 * rescaling: every input (and, first, the input offset alone) shifted left
 * by 20 and scaled by in_mult / in_shift (<= 0), the sum scaled by out_mult
 * / out_shift, plus out_offset, clamped. */
typedef struct mote_add_n_step {
    int32_t n, count, is_float;
    int32_t in_offset, in_mult, in_shift, out_offset, out_mult, out_shift;
} mote_add_n_step;

/* CUMSUM along the middle of [before, depth, after]: running sums,
 * exclusive (each output leaves its own element out) and / or reverse
 * (from the end). float32 from 0.0f; int8 with ADD_N's rescaling (q), the
 * 32-bit running sum wrapping as TFLite Micro's does on two's complement
 * targets once it overflows. */
typedef struct mote_cumsum_step {
    int32_t is_float, exclusive, reverse;
    int32_t before, depth, after;
    mote_add_n_step q;
} mote_cumsum_step;

/* PRELU: out = x >= 0 ? x : x * alpha, x and alpha broadcast along b.
 * int8: (x + in_offset) >= 0 requantized by m1 / s1, else (x + in_offset) *
 * (alpha + alpha_offset) by m2 / s2; plus out_offset, clamped. */
typedef struct mote_prelu_step {
    mote_bcast b;
    int32_t is_float;
    int32_t is_s16; /* int16 input and output, int8 alpha (TFLite Micro's 16x8) */
    int32_t in_offset, alpha_offset, out_offset, m1, s1, m2, s2;
} mote_prelu_step;

mote_status mote_ref_add_n_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_prelu_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_cumsum_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_gather_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_embedding_hybrid_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_gather_nd_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_fill_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_broadcast_args_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_select_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_cast_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_dus_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_mirror_pad_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_space_batch_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_range_step(const void *step, const mote_kernel_io *io);

#endif /* MOTE_KERNELS_INDEX_H */
