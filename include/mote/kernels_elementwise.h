/*
 * mote/kernels_elementwise.h — element-wise kernels (included by
 * mote/kernels.h): unary maths and activations, QUANTIZE / DEQUANTIZE, and
 * binary operators with broadcasting up to rank 6.
 *
 * Every kernel here takes a step block (no pointers) and the operator's
 * buffers; lowering (src/ops/op_elementwise_util.c) proved shapes,
 * broadcast strides and quantization before any call.
 */
#ifndef MOTE_KERNELS_ELEMENTWISE_H
#define MOTE_KERNELS_ELEMENTWISE_H

#include <stdint.h>
#include "mote/status.h"

#define MOTE_BCAST_RANK 6

/* A binary operation's iteration space: the output's shape (leading 1s up to
 * MOTE_BCAST_RANK, outermost first) and each input's element strides along
 * it, 0 where that input broadcasts (its dimension is 1). */
typedef struct mote_bcast {
    int32_t shape[MOTE_BCAST_RANK];
    int32_t s1[MOTE_BCAST_RANK], s2[MOTE_BCAST_RANK];
    int32_t elements; /* product of shape, >= 1 */
} mote_bcast;

/* Output element types a kernel may write (values of mote_type). */
enum { MOTE_EW_OUT_INT8 = 9, MOTE_EW_OUT_INT16 = 7 };

/* QUANTIZE between integer types (int8 / int16 / int32 input) and RELU:
 *   out = clamp(output_zp + MultiplyByQuantizedMultiplier(x - input_zp,
 *               multiplier, shift), act_min, act_max)
 * written as int8 or int16 (out_type). */
typedef struct mote_requant_step {
    int32_t elements;
    int32_t input_zp, output_zp;
    int32_t multiplier, shift; /* multiplier in [2^30, 2^31) or 0; shift in [-31, 30] */
    int32_t act_min, act_max;  /* inside the output type's range */
    int32_t out_type;          /* MOTE_EW_OUT_INT8 / MOTE_EW_OUT_INT16 */
} mote_requant_step;

/* QUANTIZE float32 -> int8 / int16: zp + roundf(x / scale), clamped. */
typedef struct mote_quantize_f32_step {
    int32_t elements;
    float scale; /* finite, > 0 */
    int32_t zero_point;
    int32_t out_type;
} mote_quantize_f32_step;

/* DEQUANTIZE int8 / int16 -> float32: (float)((double)scale * (x - zp)). */
typedef struct mote_dequantize_step {
    int32_t elements;
    float scale;
    int32_t zero_point;
} mote_dequantize_step;

/* RELU6 (and other pure clamps) on int8 / int16: min(max(x, lo), hi). */
typedef struct mote_clamp_step {
    int32_t elements;
    int32_t lo, hi;
} mote_clamp_step;

/* Unary float32 maths; alpha is the operator's parameter where it has one
 * (LEAKY_RELU's alpha), unused otherwise. */
typedef struct mote_unary_f32_step {
    int32_t elements;
    float alpha;
} mote_unary_f32_step;

/* Binary float32 operators with a fused activation clamp. */
typedef struct mote_binary_f32_step {
    mote_bcast b;
    float act_min, act_max; /* -INFINITY / INFINITY for none */
} mote_binary_f32_step;

/* ADD, SUB, MUL, SQUARED_DIFFERENCE, DIV on int32: wrapping arithmetic
 * (DIV: truncating, MOTE_E_PARAM for a zero divisor or INT32_MIN / -1) clamped to the fused
 * activation's range (INT32_MIN / INT32_MAX for none). */
typedef struct mote_binary_i32_step {
    mote_bcast b;
    int32_t act_min, act_max;
} mote_binary_i32_step;

/* SQUARED_DIFFERENCE on int8 / int16 (TFLite Micro's quantized form): both
 * inputs rescaled onto twice the larger input scale after a left shift (7
 * for int8, 0 for int16), the difference squared and requantized. */
typedef struct mote_sqdiff_q_step {
    mote_bcast b;
    int32_t left_shift;
    int32_t input1_offset, input1_multiplier, input1_shift; /* shifts <= 0 */
    int32_t input2_offset, input2_multiplier, input2_shift;
    int32_t output_offset, output_multiplier, output_shift; /* shift in [-31, 30] */
    int32_t act_min, act_max;
} mote_sqdiff_q_step;

/* Binary integer operators without parameters (MAXIMUM, MINIMUM). */
typedef struct mote_binary_step {
    mote_bcast b;
} mote_binary_step;

/* MUL int8 / int16 (TFLite reference_integer_ops::Mul). */
typedef struct mote_mul_q_step {
    mote_bcast b;
    int32_t input1_offset, input2_offset; /* -zero points */
    int32_t output_offset;
    int32_t multiplier, shift;
    int32_t act_min, act_max;
} mote_mul_q_step;

/* SUB (and ADD) int8 / int16 (TFLite's general quantized path). */
typedef struct mote_addsub_q_step {
    mote_bcast b;
    int32_t input1_offset, input2_offset, output_offset;
    int32_t left_shift; /* 20 for int8, 15 for int16 */
    int32_t input1_multiplier, input1_shift;
    int32_t input2_multiplier, input2_shift;
    int32_t output_multiplier, output_shift;
    int32_t act_min, act_max;
} mote_addsub_q_step;

/* LOGISTIC and TANH, int8: x - input_zp rescaled to Q4 by multiplier /
 * shift (shift in [0, 30]) unless outside (-radius, radius). */
typedef struct mote_sigmoid_s8_step {
    int32_t elements;
    int32_t input_zp;
    int32_t multiplier, shift, radius;
} mote_sigmoid_s8_step;

/* LOGISTIC and TANH, int16 (TFLite's table interpolation): the input is
 * rescaled as (x * multiplier + round) >> left_shift, multiplier in
 * [0, 32767], left_shift in [0, 31]. */
typedef struct mote_sigmoid_s16_step {
    int32_t elements;
    int32_t multiplier, left_shift;
} mote_sigmoid_s16_step;

/* LEAKY_RELU int8 / int16 (TFLite QuantizeLeakyRelu): x - input_zp >= 0 is
 * rescaled by the identity multiplier, below 0 by the alpha one (negative
 * when alpha is), plus output_zp, clamped to the type. */
typedef struct mote_leaky_relu_q_step {
    int32_t elements;
    int32_t input_zp, output_zp;
    int32_t mult_identity, shift_identity; /* shifts in [-31, 30] */
    int32_t mult_alpha, shift_alpha;
} mote_leaky_relu_q_step;

/* HARD_SWISH int8 (TFLite reference_ops::HardSwish, 16-bit fixed point):
 * Q15 multipliers and exponents from TFLite's Prepare. */
typedef struct mote_hard_swish_s8_step {
    int32_t elements;
    int32_t input_zp, output_zp;
    int32_t output_mult16, output_exp;   /* output_exp in [-31, 0] */
    int32_t reluish_mult16, reluish_exp; /* reluish_exp in [-31, 30] */
} mote_hard_swish_s8_step;

/* Comparison operators (EQUAL ... LESS_EQUAL), output bool (one byte, 0 or
 * 1). int8 inputs are compared after TFLite's rescaling: (x + offset) << 8
 * times each input's own scale as a multiplier below one. */
enum {
    MOTE_CMP_EQ = 0,
    MOTE_CMP_NE = 1,
    MOTE_CMP_GT = 2,
    MOTE_CMP_GE = 3,
    MOTE_CMP_LT = 4,
    MOTE_CMP_LE = 5
};
typedef struct mote_compare_step {
    mote_bcast b;
    int32_t op; /* MOTE_CMP_* */
    int32_t left_shift;
    int32_t input1_offset, input1_multiplier, input1_shift; /* int8 only */
    int32_t input2_offset, input2_multiplier, input2_shift;
} mote_compare_step;

/* ABS int8 / int16 (TFLite's AbsEvalQuantized): |x - input_zp|, rescaled
 * by multiplier / shift when `rescale` (the scales differ), plus
 * output_zp, clamped to the type. */
typedef struct mote_abs_q_step {
    int32_t elements;
    int32_t input_zp, output_zp;
    int32_t multiplier, shift; /* shift in [-31, 30] */
    int32_t rescale;
} mote_abs_q_step;

/* RSQRT int8 / int16 (TFLite's RsqrtEvalQuantized): 1 / sqrt(x - input_zp)
 * in fixed point, rescaled by multiplier / shift (1 / (sqrt(in_scale) *
 * out_scale)), plus output_zp, clamped to the type; x - input_zp == 0 gives
 * the type's largest value, < 0 fails with MOTE_E_PARAM. */
typedef struct mote_rsqrt_q_step {
    int32_t elements;
    int32_t input_zp, output_zp;
    int32_t multiplier, shift; /* shift in [-11, 30] */
} mote_rsqrt_q_step;

/* DIV int8 (TFLite's quantized DivElementwise): (x - input1_zp) / (y -
 * input2_zp) by a fixed-point reciprocal, rescaled by output_multiplier /
 * output_shift (s1 / (s2 * s_out)), plus output_zp, clamped to [act_min,
 * act_max]; MOTE_E_PARAM where TFLite's result is undefined (divisor at its
 * zero point, final rounding shift outside [0, 31]). */
typedef struct mote_div_s8_step {
    mote_bcast b;
    int32_t input1_zp, input2_zp, output_zp;
    int32_t output_multiplier, output_shift; /* shift in [-31, 30] */
    int32_t act_min, act_max;
} mote_div_s8_step;

/* ELU int8: a 256-byte lookup table (indexed by the input byte as
 * unsigned) follows the block in its MOTE_ELU_S8_TABLE_WORDS requantization
 * words; channels holds that count. */
#define MOTE_ELU_S8_TABLE_WORDS 64
typedef struct mote_elu_s8_step {
    int32_t elements;
    int32_t channels; /* MOTE_ELU_S8_TABLE_WORDS */
} mote_elu_s8_step;

/* Parameter-free unary operators (LOGICAL_NOT). LOGICAL_AND / LOGICAL_OR
 * take a mote_binary_step. */
typedef struct mote_unary_step {
    int32_t elements;
} mote_unary_step;

mote_status mote_ref_logistic_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_tanh_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_requant_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_requant_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_requant_s32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_quantize_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_dequantize_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_dequantize_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_clamp_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_clamp_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_mul_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_mul_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_sub_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_sub_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_maximum_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_maximum_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_minimum_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_minimum_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_add_i32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_sub_i32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_mul_i32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_squared_difference_i32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_div_i32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_squared_difference_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_squared_difference_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_maximum_i32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_maximum_i64_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_minimum_i32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_minimum_i64_step(const void *step, const mote_kernel_io *io);

mote_status mote_ref_logistic_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_tanh_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_abs_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_abs_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_rsqrt_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_elu_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_div_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_rsqrt_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_leaky_relu_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_leaky_relu_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_hard_swish_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_add_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_compare_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_compare_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_compare_i32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_compare_i64_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_compare_bool_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_logical_and_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_logical_or_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_logical_not_step(const void *step, const mote_kernel_io *io);
/* float32 families (one loop, a different function each). */
mote_status mote_ref_relu_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_relu6_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_abs_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_neg_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_logistic_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_tanh_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_leaky_relu_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_hard_swish_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_floor_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_ceil_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_round_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_sqrt_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_rsqrt_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_square_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_exp_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_log_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_sin_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_cos_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_elu_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_div_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_floor_div_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_floor_mod_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_squared_difference_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_mul_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_sub_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_maximum_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_minimum_f32_step(const void *step, const mote_kernel_io *io);

#endif /* MOTE_KERNELS_ELEMENTWISE_H */
