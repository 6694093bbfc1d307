/*
 * mote/kernels.h — the kernel library, callable without a model file.
 *
 * Each kernel takes a small parameter struct, its buffers and their shapes,
 * and returns a status. Kernels check only cheap arguments (NULL pointers,
 * non-positive dimensions); the lowering step (src/core/lower.c) validates
 * everything else before a kernel is ever called, so inner loops check
 * nothing.
 *
 * Layouts: activations are NHWC, row-major. CONV_2D filters are
 * [out_c, kh, kw, in_c]; DEPTHWISE_CONV_2D filters are [1, kh, kw, out_c]
 * with out_c = in_c * depth_multiplier; FULLY_CONNECTED weights are
 * [out_c, depth]. Biases are int32 (int8 kernels) or float (float kernels),
 * one per output channel, and may be NULL (no bias).
 *
 * Quantized arithmetic follows the TFLite int8 specification and is bit-exact
 * with TensorFlow Lite Micro's reference kernels:
 *   acc  = bias + sum((x + input_offset) * (w + filter_offset))
 *   out  = clamp(requantize(acc, multiplier, shift) + output_offset, act_min, act_max)
 * where requantize() is mote_requantize() in src/kernels/fixedpoint.h
 * (saturating rounding doubling high multiply, then rounding right shift).
 * Offsets follow the CMSIS-NN sign convention: input_offset and
 * filter_offset are MINUS the zero point; output_offset is PLUS the zero point.
 */
#ifndef MOTE_KERNELS_H
#define MOTE_KERNELS_H

#include <stdint.h>
#include "mote/status.h"

/* A rank-4 shape; lower-rank tensors are padded with leading 1s. */
typedef struct mote_dims {
    int32_t n, h, w, c;
} mote_dims;

/* Spatial geometry shared by convolutions and pools. Padding is the count of
 * implicit zero-point elements before the first row / column (TFLite's
 * SAME padding puts any odd extra element after the last). */
typedef struct mote_conv_geom {
    int32_t stride_h, stride_w;     /* >= 1 */
    int32_t dilation_h, dilation_w; /* >= 1; 1 for pools */
    int32_t pad_h, pad_w;           /* >= 0 */
} mote_conv_geom;

/* Per-output-channel requantization: real multiplier = multiplier * 2^(shift-31).
 * multiplier in [2^30, 2^31) or 0; shift in [-31, 30]. Arrays of out_c
 * entries (or of 1 entry where a kernel says "per tensor"). */
typedef struct mote_requant {
    const int32_t *multiplier;
    const int8_t *shift;
} mote_requant;

/* ---- int8 kernels ------------------------------------------------------ */

typedef struct mote_conv_s8_params {
    mote_conv_geom geom;
    int32_t depth_multiplier; /* depthwise only, >= 1 */
    int32_t input_offset;     /* -input zero point, in [-127, 128] */
    int32_t output_offset;    /* +output zero point, in [-128, 127] */
    int32_t act_min, act_max; /* clamp in output units, -128 <= min <= max <= 127 */
} mote_conv_s8_params;

/* CONV_2D, int8, per-channel weights (zero point 0).
 * input [n,h,w,in_c], filter [out_c,kh,kw,in_c], bias [out_c] or NULL,
 * output [n,oh,ow,out_c]. Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_ref_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                               const mote_dims *input_dims, const int8_t *input,
                               const mote_dims *filter_dims, const int8_t *filter,
                               const int32_t *bias, const mote_dims *output_dims, int8_t *output);

/* DEPTHWISE_CONV_2D, int8, per-channel weights. filter [1,kh,kw,out_c],
 * out_c = in_c * depth_multiplier. Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_ref_depthwise_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                                         const mote_dims *input_dims, const int8_t *input,
                                         const mote_dims *filter_dims, const int8_t *filter,
                                         const int32_t *bias, const mote_dims *output_dims,
                                         int8_t *output);

typedef struct mote_fc_s8_params {
    int32_t input_offset;  /* -input zero point */
    int32_t filter_offset; /* -weights zero point (0 for symmetric weights) */
    int32_t output_offset; /* +output zero point */
    int32_t act_min, act_max;
    int32_t per_channel; /* nonzero: q has out_c entries; zero: q has 1 */
} mote_fc_s8_params;

/* FULLY_CONNECTED, int8. input [batches, depth], filter [out_c, depth],
 * bias [out_c] or NULL, output [batches, out_c]. */
mote_status mote_ref_fully_connected_s8(const mote_fc_s8_params *p, const mote_requant *q,
                                        int32_t batches, int32_t depth, int32_t out_c,
                                        const int8_t *input, const int8_t *filter,
                                        const int32_t *bias, int8_t *output);

typedef struct mote_pool_s8_params {
    mote_conv_geom geom;        /* dilation ignored */
    int32_t filter_h, filter_w; /* >= 1 */
    int32_t act_min, act_max;
} mote_pool_s8_params;

/* AVERAGE_POOL_2D / MAX_POOL_2D, int8 (input and output share scale and
 * zero point). The average counts only in-bounds elements and rounds half
 * away from zero, as TFLite's reference does. */
mote_status mote_ref_avg_pool_s8(const mote_pool_s8_params *p, const mote_dims *input_dims,
                                 const int8_t *input, const mote_dims *output_dims, int8_t *output);
mote_status mote_ref_max_pool_s8(const mote_pool_s8_params *p, const mote_dims *input_dims,
                                 const int8_t *input, const mote_dims *output_dims, int8_t *output);

typedef struct mote_add_s8_params {
    int32_t input1_offset, input2_offset; /* -zero points */
    int32_t output_offset;                /* +zero point */
    int32_t left_shift;                   /* 20, as TFLite's reference */
    int32_t input1_multiplier, input1_shift;
    int32_t input2_multiplier, input2_shift;
    int32_t output_multiplier, output_shift;
    int32_t act_min, act_max;
} mote_add_s8_params;

/* ADD, int8, with broadcasting: each dimension of in1/in2 equals the output's
 * or is 1. */
mote_status mote_ref_add_s8(const mote_add_s8_params *p, const mote_dims *in1_dims,
                            const int8_t *in1, const mote_dims *in2_dims, const int8_t *in2,
                            const mote_dims *output_dims, int8_t *output);

typedef struct mote_softmax_s8_params {
    int32_t input_multiplier; /* beta * input_scale as Q31 with left shift */
    int32_t input_left_shift;
    int32_t diff_min; /* differences below this give exp() = 0 */
} mote_softmax_s8_params;

/* SOFTMAX over the last dimension, int8 in, int8 out (scale 1/256, zero
 * point -128). input/output [rows, depth]. */
mote_status mote_ref_softmax_s8(const mote_softmax_s8_params *p, int32_t rows, int32_t depth,
                                const int8_t *input, int8_t *output);

/* ---- float32 kernels --------------------------------------------------- */

typedef struct mote_conv_f32_params {
    mote_conv_geom geom;
    int32_t depth_multiplier; /* depthwise only */
    float act_min, act_max;   /* -INFINITY / INFINITY for no activation */
} mote_conv_f32_params;

mote_status mote_ref_conv2d_f32(const mote_conv_f32_params *p, const mote_dims *input_dims,
                                const float *input, const mote_dims *filter_dims,
                                const float *filter, const float *bias,
                                const mote_dims *output_dims, float *output);
mote_status mote_ref_depthwise_conv2d_f32(const mote_conv_f32_params *p,
                                          const mote_dims *input_dims, const float *input,
                                          const mote_dims *filter_dims, const float *filter,
                                          const float *bias, const mote_dims *output_dims,
                                          float *output);
mote_status mote_ref_fully_connected_f32(float act_min, float act_max, int32_t batches,
                                         int32_t depth, int32_t out_c, const float *input,
                                         const float *filter, const float *bias, float *output);

typedef struct mote_pool_f32_params {
    mote_conv_geom geom;
    int32_t filter_h, filter_w;
    float act_min, act_max;
} mote_pool_f32_params;

mote_status mote_ref_avg_pool_f32(const mote_pool_f32_params *p, const mote_dims *input_dims,
                                  const float *input, const mote_dims *output_dims, float *output);
mote_status mote_ref_max_pool_f32(const mote_pool_f32_params *p, const mote_dims *input_dims,
                                  const float *input, const mote_dims *output_dims, float *output);
mote_status mote_ref_add_f32(float act_min, float act_max, const mote_dims *in1_dims,
                             const float *in1, const mote_dims *in2_dims, const float *in2,
                             const mote_dims *output_dims, float *output);
mote_status mote_ref_softmax_f32(float beta, int32_t rows, int32_t depth, const float *input,
                                 float *output);

/* ---- kernel steps: the form the interpreter and compiled code call --------
 *
 * Each kernel also has a "step" entry point: one parameter block (everything
 * but the buffers, prepared once by lowering) and the operator's buffers in
 * its operand order. Every implementation of a kernel (reference, Arm DSP,
 * Helium, x86) takes the same block and buffers, so the kernel table can
 * pick any of them per step. Blocks hold no pointers: a requantization table
 * (int32 multiplier[channels], then int8 shift[channels]) follows the block
 * in memory when the block has a `channels` field.
 */

/* Instruction-set features a kernel variant may need (a bit set). A target
 * is the set its core has: Cortex-M0+/M3 none, M4/M7/M33 ARM_DSP, M55
 * ARM_DSP | ARM_MVE. */
enum {
    MOTE_ISA_ARM_DSP = 1u << 0,   /* SMLAD, SXTB16, SSAT... (Armv7E-M, Armv8-M Main) */
    MOTE_ISA_ARM_MVE = 1u << 1,   /* Helium (Armv8.1-M) */
    MOTE_ISA_X86_SSE41 = 1u << 2, /* x86-64 SSE4.1 */
    MOTE_ISA_X86_AVX2 = 1u << 3,  /* x86-64 AVX2 */
    MOTE_ISA_X86_AVX512 = 1u << 4 /* x86-64 AVX-512 (BW, VNNI) */
};

/* The features this build's code can run (compile-time on Cortex-M): the
 * target mote_model_init() plans for. */
uint32_t mote_build_isa(void);

/* Buffers of one kernel call. in[k] is operator input k (NULL when the
 * model omits it), out[k] output k. scratch is the step's scratch memory
 * (scratch_bytes() of the chosen variant, MOTE_ARENA_ALIGN-aligned) or NULL. */
typedef struct mote_kernel_io {
    const void *const *in;
    void *const *out;
    void *scratch;
} mote_kernel_io;

typedef mote_status (*mote_kernel_fn)(const void *step, const mote_kernel_io *io);

typedef struct mote_conv_s8_step { /* CONV_2D and DEPTHWISE_CONV_2D, int8 */
    mote_conv_s8_params p;
    mote_dims in, filter, out;
    int32_t channels; /* requantization entries that follow: out.c, or 1 for per-tensor
                         weights (every channel then uses entry 0) */
} mote_conv_s8_step;

/* FULLY_CONNECTED, int8 (16 bytes: the runtime state holds one per
 * layer). Narrow fields, each checked by lowering; weights are symmetric
 * (filter_offset 0). Dimensions above 65535 set MOTE_FC_WIDE: the three
 * fields here are then 0 and int32 batches, depth, out_c follow the block.
 * Per-tensor weights keep their single requantization entry here
 * (multiplier, shift); per-channel weights (MOTE_FC_PER_CHANNEL) have out_c
 * entries after the block and its wide words. mote_fc_s8_step_unpack gives
 * the kernel's params, table and dimensions. */
#define MOTE_FC_PER_CHANNEL 1u
#define MOTE_FC_WIDE 2u
typedef struct mote_fc_s8_step {
    int32_t multiplier; /* per-tensor weights: the requantization multiplier */
    uint16_t batches, depth, out_c;
    int8_t input_zero_point; /* the kernel's input_offset is its negation */
    int8_t output_offset;    /* +output zero point */
    int8_t act_min, act_max;
    int8_t shift;  /* per-tensor weights: the requantization shift */
    uint8_t flags; /* MOTE_FC_PER_CHANNEL, MOTE_FC_WIDE */
} mote_fc_s8_step;

typedef struct mote_fc_s8_dims {
    int32_t batches, depth, out_c;
} mote_fc_s8_dims;

typedef struct mote_pool_s8_step {
    mote_pool_s8_params p;
    mote_dims in, out;
} mote_pool_s8_step;

typedef struct mote_add_s8_step {
    mote_add_s8_params p;
    mote_dims in1, in2, out;
} mote_add_s8_step;

typedef struct mote_softmax_s8_step {
    mote_softmax_s8_params p;
    int32_t rows, depth;
} mote_softmax_s8_step;

typedef struct mote_conv_f32_step {
    mote_conv_f32_params p;
    mote_dims in, filter, out;
} mote_conv_f32_step;

typedef struct mote_fc_f32_step {
    float act_min, act_max;
    int32_t batches, depth, out_c;
} mote_fc_f32_step;

typedef struct mote_pool_f32_step {
    mote_pool_f32_params p;
    mote_dims in, out;
} mote_pool_f32_step;

typedef struct mote_add_f32_step {
    float act_min, act_max;
    mote_dims in1, in2, out;
} mote_add_f32_step;

typedef struct mote_softmax_f32_step {
    float beta;
    int32_t rows, depth;
} mote_softmax_f32_step;

typedef struct mote_copy_step { /* RESHAPE: bytes to move (none when in place) */
    uint32_t bytes;
} mote_copy_step;

/* The requantization table that follows a block of `block_bytes` bytes. */
static inline mote_requant mote_step_requant(const void *block, uint32_t block_bytes,
                                             int32_t channels)
{
    mote_requant q;
    q.multiplier = (const int32_t *)(const void *)((const uint8_t *)block + block_bytes);
    q.shift = (const int8_t *)(q.multiplier + channels);
    return q;
}

/* Bytes of a FULLY_CONNECTED int8 block before its table: with the wide
 * dimensions when it has them. */
static inline uint32_t mote_fc_s8_step_bytes(const mote_fc_s8_step *s)
{
    return (uint32_t)sizeof *s + ((s->flags & MOTE_FC_WIDE) ? 3u * 4u : 0u);
}

static inline mote_fc_s8_dims mote_fc_s8_step_dims(const mote_fc_s8_step *s)
{
    mote_fc_s8_dims d;
    if (s->flags & MOTE_FC_WIDE) {
        const int32_t *w = (const int32_t *)(const void *)(s + 1);
        d.batches = w[0];
        d.depth = w[1];
        d.out_c = w[2];
    } else {
        d.batches = s->batches;
        d.depth = s->depth;
        d.out_c = s->out_c;
    }
    return d;
}

/* Requantization entries after a FULLY_CONNECTED int8 block: out_c for
 * per-channel weights, none for per-tensor ones (kept in the block). */
static inline int32_t mote_fc_s8_step_channels(const mote_fc_s8_step *s)
{
    return (s->flags & MOTE_FC_PER_CHANNEL) ? mote_fc_s8_step_dims(s).out_c : 0;
}

/* The kernel parameters, requantization table and dimensions of a
 * FULLY_CONNECTED int8 block. */
static inline mote_fc_s8_dims mote_fc_s8_step_unpack(const mote_fc_s8_step *s, mote_fc_s8_params *p,
                                                     mote_requant *q)
{
    const mote_fc_s8_dims d = mote_fc_s8_step_dims(s);
    p->input_offset = -(int32_t)s->input_zero_point;
    p->filter_offset = 0;
    p->output_offset = s->output_offset;
    p->act_min = s->act_min;
    p->act_max = s->act_max;
    p->per_channel = (s->flags & MOTE_FC_PER_CHANNEL) != 0;
    if (p->per_channel) {
        *q = mote_step_requant(s, mote_fc_s8_step_bytes(s), d.out_c);
    } else {
        q->multiplier = &s->multiplier;
        q->shift = &s->shift;
    }
    return d;
}

/* Reference step entry points (src/kernels/ref/). */
mote_status mote_ref_conv2d_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_depthwise_conv2d_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_fully_connected_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_avg_pool_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_max_pool_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_add_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_softmax_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_conv2d_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_depthwise_conv2d_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_fully_connected_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_avg_pool_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_max_pool_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_add_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_softmax_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_copy_step(const void *step, const mote_kernel_io *io);

/* Element-wise kernels (QUANTIZE, activations, broadcasting binary operators). */
#include "mote/kernels_elementwise.h"
/* Reductions: MEAN, SUM, REDUCE_MAX / MIN, ARG_MAX / MIN. */
#include "mote/kernels_reduce.h"

/* int16 activations with int8 weights (16x8). */
#include "mote/kernels_s16.h"

/* Hybrid: float32 activations, int8 weights (dynamic-range quantization). */
#include "mote/kernels_hybrid.h"

/* Data-movement kernels (PAD, TRANSPOSE, slices, CONCATENATION, SPLIT...). */
#include "mote/kernels_shape.h"
/* Gathers, fills, casts, selects: elements moved by data or computed shapes. */
#include "mote/kernels_index.h"

/* Stateful sequence kernels: SVDF, UNIDIRECTIONAL_SEQUENCE_LSTM. */
#include "mote/kernels_rnn.h"

/* TFLite Micro's Signal library: audio front-end operators. */
#include "mote/kernels_signal.h"

#endif /* MOTE_KERNELS_H */
