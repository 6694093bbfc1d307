/*
 * x86_kernels.h — shared by the x86-64 kernel files (not a public header).
 *
 * MOTE_X86_BUILD is 1 where the intrinsics exist (x86-64 with GCC or clang,
 * per-function target attributes); elsewhere the kernel files compile to
 * nothing but a typedef.
 */
#ifndef MOTE_KERNELS_X86_KERNELS_H
#define MOTE_KERNELS_X86_KERNELS_H

#include <stdint.h>
#include "mote/kernels.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define MOTE_X86_BUILD 1
#else
#define MOTE_X86_BUILD 0
#endif

/* Pixels per block of the matrix kernels. */
#define MOTE_X86_PX_MAX 4
/* ... and of the AVX-512 kernel with repacked weights (conv_pk). */
#define MOTE_X86_PK_PX 8

/* Windows of at most MOTE_X86_SMALL_K bytes whose rows are shorter than
 * MOTE_X86_SMALL_ROW bytes (a first layer with one channel, say) are copied
 * whole for every pixel, rows being too short to read in place: the scratch
 * then holds MOTE_X86_PX_MAX columns, at most 256 bytes
 * (mote_x86_conv2d_s8_small). */
#define MOTE_X86_SMALL_K 64
#define MOTE_X86_SMALL_ROW 8

/* On AVX-512 CONV_2D runs with the weights of 16, 32 or 64 output channels
 * repacked into the scratch (16 * K bytes per 16 channels, K rounded up to
 * a multiple of 4) so that one VPDPBUSD gives 16 channels of one pixel and
 * no horizontal sums are needed: as many groups of 16 as the channels
 * need, up to 4, while they take at most MOTE_X86_PK_BYTES (one group
 * whatever its size). */
#define MOTE_X86_PK_BYTES 16384
int32_t mote_x86_pk_groups(const mote_conv_s8_step *s);
/* How that kernel reads windows (conv_pk in matmul_s8_x86.c). */
#define MOTE_X86_PK_COLUMN 0 /* every window copied whole (im2col) */
#define MOTE_X86_PK_ROWS 1   /* rows of a multiple of 4 bytes, in place */
#define MOTE_X86_PK_PADDED 2 /* rows read to the next multiple of 4, in place */
int mote_x86_pk_mode(const mote_conv_s8_step *s);
/* Bytes per output channel of the packed weights (K, padded as read). */
int32_t mote_x86_pk_k(const mote_conv_s8_step *s);
/* Bytes of its im2col columns at the front of the scratch (0 when every
 * window is read in place). */
uint32_t mote_x86_pk_cols(const mote_conv_s8_step *s);

/* Output channels per chunk: the accumulators of a pixel block live on the
 * stack, MOTE_X86_PX_MAX x MOTE_X86_OC_CHUNK int32. */
#define MOTE_X86_OC_CHUNK 64

/* Channels of a 1x1 convolution run in place (mote_x86_conv2d_s8_pw_ip):
 * a block's outputs wait on the stack, MOTE_X86_PX_MAX x this many bytes. */
#define MOTE_X86_IP_C_MAX 512
/* On AVX-512 its weights are repacked on the stack when they take at most
 * this many bytes (out_c x in_c, in_c rounded up to a multiple of 4). */
#define MOTE_X86_IP_PACK 16384

/* A 1x1 convolution, stride 1, no padding, as many output channels as
 * input channels (at most MOTE_X86_IP_C_MAX), batch 1: it can run in place
 * (the planner's MOTE_OPF_INPLACE_ROWS), pixel block by pixel block, with
 * no scratch. */
int mote_x86_conv2d_s8_pw_ip(const mote_conv_s8_step *s);

/* Every window of the convolution lies inside the input with contiguous
 * rows (a 1x1 or VALID convolution, say): no im2col column, no scratch. */
int mote_x86_conv2d_s8_direct(const mote_conv_s8_step *s);
int mote_x86_conv2d_s8_small(const mote_conv_s8_step *s);
/* Every window is one contiguous run of the input (direct, one row). */
int mote_x86_conv2d_s8_in_place(const mote_conv_s8_step *s);

#endif /* MOTE_KERNELS_X86_KERNELS_H */
