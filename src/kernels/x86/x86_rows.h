/*
 * x86_rows.h — the x86-64 kernels as kernel-table rows (kernels.def): each
 * takes its kernel's parameter block and the operator's buffers, exactly as
 * the reference row does, and gives the reference's bytes.
 *
 * Three levels, chosen at run time from the CPU (mote_build_isa()):
 *   sse41   SSE4.1: int8 widened to int16, pairs summed with PMADDWD;
 *   avx2    the same on 256-bit registers, vector requantization;
 *   avx512  AVX-512 BW + VNNI: CONV_2D with repacked weights and
 *           FULLY_CONNECTED through VPDPBUSD (64 MACs per instruction),
 *           DEPTHWISE_CONV_2D through VPMADDWD, ADD on 16 lanes; the AVX2
 *           code for the pools.
 * Rows marked in place (x86_*_ip in kernels.def) take the steps the planner
 * runs over their own input (core/plan.c) and only those.
 * The library is compiled without -mavx2: each function carries its own
 * target attribute, so one host build runs on any x86-64 CPU.
 *
 * The *_fits and *_scratch functions are portable C (x86_plan.c); the step
 * functions exist only on x86-64 with GCC or clang (MOTE_ROWS_X86 in
 * kernels/kernel_table.h).
 */
#ifndef MOTE_KERNELS_X86_ROWS_H
#define MOTE_KERNELS_X86_ROWS_H

#include <stdint.h>
#include "mote/kernels.h"

int mote_x86_conv2d_s8_step_fits(const void *step);
uint32_t mote_x86_conv2d_s8_step_scratch(const void *step);
uint32_t mote_x86_conv2d_s8_step_scratch_avx512(const void *step);
int mote_x86_depthwise_conv2d_s8_step_fits(const void *step);
/* In place (output 0 in input 0's buffer, planned by core/plan.c): the
 * same step functions, which see in[0] == out[0]; the depthwise rows use
 * the planner's ring (kernel_table.h) as scratch, the 1x1 convolution none. */
int mote_x86_conv2d_s8_ip_fits(const void *step);
int mote_x86_depthwise_conv2d_s8_ip_fits(const void *step);
int mote_x86_fully_connected_s8_step_fits(const void *step);
int mote_x86_pool_s8_step_fits(const void *step);
int mote_x86_add_s8_step_fits(const void *step);

mote_status mote_x86_conv2d_s8_step_avx512(const void *step, const mote_kernel_io *io);
mote_status mote_x86_conv2d_s8_step_avx2(const void *step, const mote_kernel_io *io);
mote_status mote_x86_conv2d_s8_step_sse41(const void *step, const mote_kernel_io *io);
mote_status mote_x86_fully_connected_s8_step_avx512(const void *step, const mote_kernel_io *io);
mote_status mote_x86_fully_connected_s8_step_avx2(const void *step, const mote_kernel_io *io);
mote_status mote_x86_fully_connected_s8_step_sse41(const void *step, const mote_kernel_io *io);
mote_status mote_x86_depthwise_conv2d_s8_step_avx512(const void *step, const mote_kernel_io *io);
mote_status mote_x86_depthwise_conv2d_s8_step_avx2(const void *step, const mote_kernel_io *io);
mote_status mote_x86_depthwise_conv2d_s8_step_sse41(const void *step, const mote_kernel_io *io);
mote_status mote_x86_avg_pool_s8_step_avx2(const void *step, const mote_kernel_io *io);
mote_status mote_x86_max_pool_s8_step_avx2(const void *step, const mote_kernel_io *io);
mote_status mote_x86_add_s8_step_avx2(const void *step, const mote_kernel_io *io);
mote_status mote_x86_add_s8_step_avx512(const void *step, const mote_kernel_io *io);

#endif /* MOTE_KERNELS_X86_ROWS_H */
