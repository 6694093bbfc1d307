/*
 * quant.h — quantization arithmetic done once, at lowering time.
 *
 * Turns float scales and zero points into the integer parameters the int8
 * kernels take (Q31 multipliers with shifts, activation clamps, ADD and
 * SOFTMAX parameter blocks). Each function reproduces the float/double
 * arithmetic of TensorFlow Lite Micro's Prepare step exactly, including
 * where it computes in float and where in double, because one ulp of
 * difference in a multiplier can change an output byte.
 *
 * Every function validates what would make the integer maths overflow or be
 * undefined and returns MOTE_E_QUANT (bad scale, zero point or resulting
 * multiplier) or MOTE_E_PARAM (unsupported activation); on error the outputs
 * are left unspecified.
 */
#ifndef MOTE_OPS_QUANT_H
#define MOTE_OPS_QUANT_H

#include <stdint.h>
#include "mote/status.h"
#include "mote/kernels.h"

/* Real multiplier -> Q31 multiplier and power-of-two exponent such that
 * real ~= multiplier * 2^(shift - 31), as TFLite QuantizeMultiplier: frexp,
 * round half away from zero, a significand that rounds up to 2^31 is halved
 * with shift + 1, and shifts below -31 become multiplier 0, shift 0 (all
 * bits would be shifted out). real == 0 gives 0, 0. real must be finite;
 * NaN and infinities give 0, 0 (callers validate scales first). A negative
 * real gives a negative multiplier, as in TFLite. */
void mote_quant_multiplier(double real, int32_t *multiplier, int32_t *shift);

/* The same without double arithmetic, for the real multiplier
 * (double)a * (double)b / (double)c * 2^k that most Prepare steps form
 * from float scales: the result equals mote_quant_multiplier() of that
 * double for every a, c finite and > 0 (subnormals included), b finite and
 * >= 0 (0 gives 0, 0) and |k| <= 64. Firmware that only needs these
 * multipliers links no soft-float double helpers. */
void mote_quant_ratio_multiplier(float a, float b, float c, int32_t k, int32_t *multiplier,
                                 int32_t *shift);

/* Its first half: the double (double)a * (double)b / (double)c * 2^k
 * (a, b, c finite and > 0, |k| <= 64) as frexp() splits it, q * 2^e with
 * q in [0.5, 1): *significand = q * 2^53, in [2^52, 2^53), and *exponent
 * = e. The product is exact in double and the quotient rounds once, to
 * nearest with ties to even, as the FPU does. */
void mote_quant_ratio_real(float a, float b, float c, int32_t k, uint64_t *significand,
                           int32_t *exponent);

/* Clamp [act_min, act_max] in int8 output units for fused activation act
 * (MOTE_ACT_NONE / RELU / RELU6 / RELU_N1_TO_1), as TFLite
 * CalculateActivationRangeQuantized: zero_point + roundf(x / scale) in float
 * for x = 0, 6, -1, 1, intersected with [-128, 127].
 * scale: finite and > 0; zero_point in [-128, 127] (else MOTE_E_QUANT).
 * Returns MOTE_OK, MOTE_E_ARG (NULL), MOTE_E_QUANT, or MOTE_E_PARAM for
 * TANH, SIGN_BIT and unknown values. */
mote_status mote_quant_activation_s8(int32_t act, float scale, int32_t zero_point, int32_t *act_min,
                                     int32_t *act_max);

/* One requantization entry of CONV_2D / DEPTHWISE_CONV_2D (per channel or
 * per tensor) and of FULLY_CONNECTED (per channel or per tensor), as TFLite
 * PopulateConvolutionQuantizationParams: the product is formed in double,
 * (double)input_scale * (double)filter_scale / (double)output_scale
 * (computed exactly so, in integers: mote_quant_ratio_multiplier).
 * Per-tensor FC uses the same double product in the TFLM we match (some
 * TFLite versions form it in float; tests/ops/spec_fully_connected.py has FC edge cases that tell
 * the two apart). input_scale, output_scale: finite and > 0; filter_scale:
 * finite and >= 0 (0 gives multiplier 0). Returns MOTE_OK, MOTE_E_ARG (NULL)
 * or MOTE_E_QUANT (bad scale, or a multiplier >= 2^30 whose shift exceeds
 * 30). */
mote_status mote_quant_conv_channel(float input_scale, float filter_scale, float output_scale,
                                    int32_t *multiplier, int8_t *shift);

/* ADD parameters, as TFLite add_common PrepareAdd for int8: left_shift 20,
 * inputs rescaled by scale_i / (2 * max(scale1, scale2)) and the sum by
 * 2 * max / (2^20 * out_scale), each via QuantizeMultiplierSmallerThanOneExp
 * (real multiplier must be in (0, 1) and its shift <= 0). act_min/act_max
 * come from mote_quant_activation_s8(). Scales finite and > 0, zero points in
 * [-128, 127]. Returns MOTE_OK, MOTE_E_ARG (NULL) or MOTE_E_QUANT (includes an
 * output scale so small that the output multiplier reaches 1). */
mote_status mote_quant_add_s8(float in1_scale, int32_t in1_zp, float in2_scale, int32_t in2_zp,
                              float out_scale, int32_t out_zp, int32_t act_min, int32_t act_max,
                              mote_add_s8_params *p);

/* SOFTMAX int8 -> int8 parameters, as TFLite softmax_common: the multiplier
 * of PreprocessSoftmaxScaling(beta, input_scale, 5 integer bits), i.e.
 * min(beta * input_scale * 2^26, 2^31 - 1) in double, which must exceed 1
 * (QuantizeMultiplierGreaterThanOne), and diff_min = -CalculateInputRadius(5,
 * left_shift). beta and input_scale finite and > 0. The output quantization
 * (scale 1/256, zero point -128) is the caller's to check.
 * Returns MOTE_OK, MOTE_E_ARG (NULL) or MOTE_E_QUANT. */
mote_status mote_quant_softmax_s8(float beta, float input_scale, mote_softmax_s8_params *p);

/* ---- element-wise operators ------------------------------------------- */

/* mote_quant_activation_s8() for any integer output range [qmin, qmax]
 * (int8 or int16): TFLite CalculateActivationRangeQuantized. */
mote_status mote_quant_activation_range(int32_t act, float scale, int32_t zero_point, int32_t qmin,
                                        int32_t qmax, int32_t *act_min, int32_t *act_max);

/* QuantizeMultiplier(real) for MultiplyByQuantizedMultiplier: real finite
 * and >= 0, the resulting shift in [-31, 30] (else MOTE_E_QUANT). */
mote_status mote_quant_requant(double real, int32_t *multiplier, int32_t *shift);

/* SUB int8 / int16 multipliers, as TFLM CalculateOpDataSub:
 * twice_max = 2 * max(s1, s2) and the three ratios s1 / twice_max,
 * s2 / twice_max, twice_max / (2^left_shift * s_out) in double (as ADD),
 * each through QuantizeMultiplierSmallerThanOneExp. Fills the multiplier
 * and shift fields and left_shift of *p. */
mote_status mote_quant_sub(float in1_scale, float in2_scale, float out_scale, int32_t left_shift,
                           mote_addsub_q_step *p);

/* LOGISTIC / TANH int8 input rescaling, as TFLM's Prepare: frexp of
 * input_scale * 2^27 in double, multiplier round(q * 2^31), left shift the
 * exponent, radius CalculateInputRadius(4, shift, 31). Fills multiplier,
 * shift and radius of *p. MOTE_E_QUANT when the shift leaves [0, 30] (input
 * scales below 2^-27 or from 8 up), where TFLite's arithmetic is undefined. */
mote_status mote_quant_sigmoid_s8(float input_scale, mote_sigmoid_s8_step *p);

#endif /* MOTE_OPS_QUANT_H */
