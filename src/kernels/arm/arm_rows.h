/*
 * arm_rows.h — the Arm DSP kernels as kernel-table rows (kernels.def): each
 * takes its kernel's parameter block and the operator's buffers, exactly as
 * the reference row does.
 *
 * The *_fits and *_scratch functions are portable (arm_rows.c), so the host
 * can plan memory for a Cortex-M target; the *_step functions exist only
 * where __ARM_FEATURE_DSP is defined (arm_steps_dsp.c).
 */
#ifndef MOTE_KERNELS_ARM_ROWS_H
#define MOTE_KERNELS_ARM_ROWS_H

#include <stdint.h>
#include "mote/kernels.h"

int mote_arm_conv2d_s8_step_fits(const void *step);
int mote_arm_depthwise_conv2d_s8_step_fits(const void *step);
/* The CONV_2D / DEPTHWISE_CONV_2D path rows (arm_paths.h): the path a
 * step takes (in place or not), each path's fits, and its step function
 * (arm_steps_dsp.c). The _ip rows and the rows rows run steps planned in
 * place (core/steps.c picks them then). The two functions above answer
 * for the union of the paths (the Helium rows defer to it). */
int mote_arm_conv2d_s8_step_path(const void *step, int inplace);
int mote_arm_dw_step_path(const void *step, int inplace);
int mote_arm_conv_pw_fits(const void *step);
int32_t *mote_arm_room(int32_t row, void *step, int32_t k, uint32_t *bytes);
/* The room slot (depth_multiplier, unused by CONV_2D) of a step whose row
 * has the fits function given, else NULL: the few-pixel rows' room hooks. */
int32_t *mote_arm_room_slot_if(int32_t row, void *step, int (*fits)(const void *));
mote_status mote_arm_conv_pw_room_step(const void *step, const mote_kernel_io *io);
int mote_arm_conv_widened_fits(const void *step);
int mote_arm_conv_widened_tail_fits(const void *step);
int mote_arm_conv_2x2_fits(const void *step);
int mote_arm_conv_patch_fits(const void *step);
int mote_arm_conv_patch_ck_fits(const void *step);
/* four pixels x one channel, and the same row by row in place (h-c4) */
int mote_arm_conv_4px_fits(const void *step);
int mote_arm_conv_rows_4px_fits(const void *step);
mote_status mote_arm_conv_4px_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_conv_rows_4px_step(const void *step, const mote_kernel_io *io);
int mote_arm_conv_direct_fits(const void *step);
int mote_arm_conv_pw_ip_fits(const void *step);
int mote_arm_conv_pw_ip_room_fits(const void *step);
int mote_arm_conv_patch_ip_fits(const void *step);
int mote_arm_conv_pw4_fits(const void *step);
int mote_arm_conv_pw4_ip_fits(const void *step);
mote_status mote_arm_conv_pw4_step(const void *step, const mote_kernel_io *io);
/* Pointwise, eight or sixteen input channels (conv2d_s8_pwk_dsp.c). */
int mote_arm_conv_pwk_fits(const void *step);
mote_status mote_arm_conv_pwk_step(const void *step, const mote_kernel_io *io);
/* Pointwise strided, no padding (conv2d_s8_pws_dsp.c). */
int mote_arm_conv_pws_fits(const void *step);
mote_status mote_arm_conv_pws_step(const void *step, const mote_kernel_io *io);
int mote_arm_conv_rows_pws_fits(const void *step);
mote_status mote_arm_conv_rows_pws_step(const void *step, const mote_kernel_io *io);
/* First layers, few input channels (conv2d_s8_first_dsp.c). */
int mote_arm_conv_first_fits(const void *step);
mote_status mote_arm_conv_first_step(const void *step, const mote_kernel_io *io);
/* One input channel, depth multiplier 8 or 16: the first-layer path on
 * the transposed weights (depthwise_conv2d_s8_dm_dsp.c). */
int mote_arm_dw_dm_first_fits(const void *step);
mote_status mote_arm_dw_dm_first_step(const void *step, const mote_kernel_io *io);
int mote_arm_conv_rows_widened_fits(const void *step);
int mote_arm_conv_rows_2x2_fits(const void *step);
int mote_arm_conv_rows_patch_fits(const void *step);
int mote_arm_conv_rows_fits(const void *step);
int mote_arm_dw_3x3_fits(const void *step);
int mote_arm_dw_general_fits(const void *step);
int mote_arm_dw_3x3_s2_fits(const void *step);
int mote_arm_dw_3x3_px_fits(const void *step);
mote_status mote_arm_dw_3x3_px_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_dw_3x3_s2_step(const void *step, const mote_kernel_io *io);
int mote_arm_dw_3x3_ip_fits(const void *step);
int mote_arm_dw_rows_3x3_fits(const void *step);
int mote_arm_dw_rows_fits(const void *step);
mote_status mote_arm_conv_pw_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_conv_widened_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_conv_widened_tail_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_conv_2x2_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_conv_patch_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_conv_patch_ck_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_conv_direct_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_conv_rows_widened_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_conv_rows_2x2_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_conv_rows_patch_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_conv_rows_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_dw_3x3_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_dw_general_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_dw_rows_3x3_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_dw_rows_step(const void *step, const mote_kernel_io *io);
/* One input channel, depth multiplier M > 1, K * M <= 256: the CONV_2D
 * paths on the transposed weights (depthwise_conv2d_s8_dm_dsp.c); dm:
 * the widened path with M % 4 == 0, dm_any: the other cases. */
int mote_arm_dw_dm_fits(const void *step);
int mote_arm_dw_dm_any_fits(const void *step);
mote_status mote_arm_dw_dm_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_dw_dm_any_step(const void *step, const mote_kernel_io *io);

int mote_arm_fully_connected_s8_step_fits(const void *step);
int mote_arm_avg_pool_s8_step_fits(const void *step);
int mote_arm_max_pool_s8_step_fits(const void *step);
int mote_arm_add_s8_step_fits(const void *step);

/* FULLY_CONNECTED's two paths (arm_paths.h, mote_arm_fc_xw_ok). */
int mote_arm_fc_xw_fits(const void *step);
int mote_arm_fc_dot_fits(const void *step);
mote_status mote_arm_fc_xw_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_fc_dot_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_avg_pool_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_max_pool_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_arm_add_s8_step(const void *step, const mote_kernel_io *io);

/* Helium rows (arm_steps_mve.c; fits portable, in arm_rows.c). */
int mote_mve_conv2d_s8_step_fits(const void *step);
int mote_mve_depthwise_conv2d_s8_step_fits(const void *step);
mote_status mote_mve_conv2d_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_mve_depthwise_conv2d_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_mve_fully_connected_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_mve_add_s8_step(const void *step, const mote_kernel_io *io);
/* Helium first layers, 3x3 over 3 channels (mve_chain_s8.c; fits portable there). */
int mote_mve_conv_first_fits(const void *step);
mote_status mote_mve_conv_first_step(const void *step, const mote_kernel_io *io);
/* Helium pointwise, 8 or 16 input channels (mve_chain_s8.c; fits portable there). */
int mote_mve_conv_pwk_fits(const void *step);
mote_status mote_mve_conv_pwk_step(const void *step, const mote_kernel_io *io);

/* In place, row by row (the planner gave the output input 0's buffer:
 * CONV_2D / DEPTHWISE_CONV_2D, same shape, batch 1; core/plan.c): the same
 * protocol as the reference rows (kernels/ref/ref_rows.h): output rows
 * into a ring of mote_inplace_ring_rows() rows in the step's scratch, each
 * copied back once no later output row reads the input rows it covers.
 * A filter of one row (1x1, pad 0) reads only its own input row: the call
 * then gets that row alone. fn: an Arm kernel without its scratch. */
typedef mote_status (*mote_arm_conv_fn)(const mote_conv_s8_params *p, const mote_requant *q,
                                        const mote_dims *input_dims, const int8_t *input,
                                        const mote_dims *filter_dims, const int8_t *filter,
                                        const int32_t *bias, const mote_dims *output_dims,
                                        int8_t *output);
mote_status mote_arm_conv_rows(mote_arm_conv_fn fn, const mote_conv_s8_step *s,
                               const mote_requant *q, const mote_kernel_io *io);

/* 3x3 depthwise on planes six or three wide (depthwise_conv2d_s8_tiny_dsp.c). */
int mote_arm_dw_tiny_fits(const void *step);
mote_status mote_arm_dw_tiny_step(const void *step, const mote_kernel_io *io);

/* Pointwise on few pixels in arena room (conv2d_s8_pwn_dsp.c, h-pwsmall):
 * out of place, batch 1, 2 .. MOTE_ARM_PWN_MAX_PIX pixels, K % 8 == 0,
 * MOTE_ARM_PWN_MIN_K <= K <= MOTE_ARM_PW4_MAX_K, OC % 4 == 0 (a step the
 * pixel-chunk or pw4 path takes); the room's size (as mote_arm_room: NULL
 * for another row; kernel_table.c asks it first where the row is linked), the
 * kernel on the room (buf: word aligned; 0, nothing written, for a shift
 * outside [-23, -1], a bias outside [-2^29, 2^29] or a filter not word
 * aligned: the caller runs the path the rule gives). */
#define MOTE_ARM_PWN_MAX_PIX 36
#define MOTE_ARM_PWN_FEW_PIX 16 /* past it, planes with few zero rows go to pw */
#define MOTE_ARM_PWN_MIN_K 64
int mote_arm_conv_pwn_fits(const void *step);
uint32_t mote_arm_pwn_room_bytes(const void *step, int32_t k);
int32_t *mote_arm_pwn_room(int32_t row, void *step, int32_t k, uint32_t *bytes);
mote_status mote_arm_conv_pwn_step(const void *step, const mote_kernel_io *io);
int mote_arm_conv_pwn(const mote_conv_s8_params *p, const mote_requant *q, int32_t C, int32_t OC,
                      int32_t npix, const int8_t *input, int8_t *output, const int8_t *filter,
                      const int32_t *bias, int32_t *buf);
/* (DSP builds) filter row w of K bytes (word aligned, K % 8 == 0) all
 * zero; at least `need` of 16 rows sampled over OC starting with eight
 * zero bytes. */
int mote_arm_pwn_row_zero(const int8_t *w, int32_t K);
int mote_arm_pwn_sparse(const int8_t *w, int32_t K, int32_t OC, int32_t need);
/* The Helium side (mve_pwn_s8.c): arm_dsp_pwn's steps where some filter rows
 * are all zero, the others through mote_mve_conv2d_s8 four at a time. */
int mote_mve_conv_pwn_fits(const void *step);
uint32_t mote_mve_pwn_room_bytes(const void *step, int32_t k);
int32_t *mote_mve_pwn_room(int32_t row, void *step, int32_t k, uint32_t *bytes);
mote_status mote_mve_conv_pwn_step(const void *step, const mote_kernel_io *io);

/* The MUL / SOFTMAX rows and the Helium pool rows. */
#include "kernels/arm/arm_rows_ew.h"

/* Helium 3x3 depthwise on 6x6 / 3x3 planes (mve_dw_tiny_s8.c; fits portable
 * there): the row, and the kernel for the cases (0: a shift > 0, not run). */
int mote_mve_dw_tiny_fits(const void *step);
mote_status mote_mve_dw_tiny_step(const void *step, const mote_kernel_io *io);
int mote_mve_dw_tiny(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                     const int8_t *input, const int8_t *filter, const int32_t *bias,
                     const mote_dims *od, int8_t *output);
/* Helium 3x3 depthwise on larger planes of 6x6 tiles (mve_dw_tiny_s8.c; fits
 * portable there): the row, and the kernel for the cases (0: not run). */
int mote_mve_dw_tile_fits(const void *step);
mote_status mote_mve_dw_tile_step(const void *step, const mote_kernel_io *io);
int mote_mve_dw_tile(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                     const int8_t *input, const int8_t *filter, const int32_t *bias,
                     const mote_dims *od, int8_t *output);
mote_status mote_mve_dw_tile_row(const mote_conv_s8_params *p, const mote_requant *q,
                                 const mote_dims *id, const int8_t *input, const mote_dims *fd,
                                 const int8_t *filter, const int32_t *bias, const mote_dims *od,
                                 int8_t *output);

#endif /* MOTE_KERNELS_ARM_ROWS_H */
