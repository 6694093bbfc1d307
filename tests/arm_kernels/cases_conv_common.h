/* cases_conv_common.h — the random-case set-up and check shared by the
 * pointwise and convolution cases files (cases_pw.c, cases_vdw2.c,
 * cases_c4.c). Each file keeps its own generator and seed; the helpers that
 * draw make exactly the draws, in the order, the files made themselves, so
 * every file still generates the same cases. */
#ifndef TESTS_ARM_KERNELS_CASES_CONV_COMMON_H
#define TESTS_ARM_KERNELS_CASES_CONV_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include "mote/kernels.h"
#include "armk_rand.h"

#define ARMK_GUARD_BYTE 0xA5

/* The activation range: draws a and b in [-128, 127], then one of the full
 * range, [min(a, b), max(a, b)] or [a, 127] (ReLU-like). */
void armk_conv_act(armk_rng *r, mote_conv_s8_params *p);

/* A pointwise case (1x1 filter, stride and dilation 1, batch 1): the
 * shapes from h x w pixels, K input and oc output channels, then draws
 * the input and output offsets and the activation range (armk_conv_act). */
void armk_conv_pw_case(armk_rng *r, mote_conv_s8_params *p, mote_dims *id, mote_dims *fd,
                       mote_dims *od, int32_t h, int32_t w, int32_t k, int32_t oc);

/* The pointwise cases' per-channel quantization of oc channels: multiplier
 * in [2^30, 2^31) (2^30 one time in 32); shift by smode: 0: -12..-4, 1:
 * -31..-20 (past the folded zero point), 2: -6..2 (some above -2: the
 * general output stage), 3: -31..2; bias in +-20000, or large one time in 4. */
void armk_conv_pw_quant(armk_rng *r, int32_t oc, int32_t smode, int32_t *mult, int8_t *shift,
                        int32_t *bias);

/* The Helium depthwise cases' quantization (cases_m55dw.c, cases_m55kws.c),
 * drawn in this order: input and output offsets, the activation range (full
 * or a random sub-range), then per channel c < C the multiplier, the shift
 * (smode 0: -31..0, 1: -2..0, 2: -31..2, else -12..-1) and the bias. 1 when
 * no shift is > 0. */
int32_t armk_conv_dw_quant(armk_rng *r, mote_conv_s8_params *p, int32_t C, int32_t smode,
                           int32_t *mult, int8_t *shift, int32_t *bias);
/* n bytes of fill, then `guard` guard bytes. */
void armk_conv_prep(int8_t *out, int32_t n, int fill, int32_t guard);

/* 1 when out's first n bytes equal ref's and its `guard` bytes after them
 * are intact. */
int armk_conv_same(const int8_t *ref, const int8_t *out, int32_t n, int32_t guard);

/* The step block (header, then the per-channel multipliers and shifts, as
 * lowering writes it) in buf, zeroed first over `size` bytes. */
mote_conv_s8_step *armk_conv_step(void *buf, size_t size, const mote_conv_s8_params *p,
                                  const mote_dims *id, const mote_dims *fd, const mote_dims *od,
                                  const int32_t *mult, const int8_t *shift);

/* Runs a row's step function on (src, filt, bias) into out, with scratch. */
mote_status armk_conv_run(mote_status (*fn)(const void *, const mote_kernel_io *),
                          const mote_conv_s8_step *s, const int8_t *src, const int8_t *filt,
                          const int32_t *bias, int8_t *out, void *scratch);

/* SAME or VALID output size and padding along one axis (TFLite's rule):
 * 0 when a VALID window does not fit. */
int armk_conv_axis(int32_t in, int32_t k, int32_t s, int32_t d, int same, int32_t *out,
                   int32_t *pad);

#endif
