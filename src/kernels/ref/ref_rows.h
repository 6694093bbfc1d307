/*
 * ref_rows.h — CONV_2D / DEPTHWISE_CONV_2D int8 in place, row by row.
 *
 * When the planner gives a windowed step's output the buffer of its input
 * (MOTE_OPF_INPLACE_ROWS, core/plan.c: batch 1, the same rows (width and
 * channels), no more of them, stride 1 along rows or a single output row),
 * the reference row is called with in[0] == out[0]. It then computes one
 * output row at a time, with the kernel's own loop (so the bytes are those
 * of the whole-tensor call), into a ring of R rows in its scratch
 * (R = mote_inplace_ring_rows), and after computing row y copies row
 * y - (R - 1) back over input row y - (R - 1): no later output row reads
 * input rows above y + 1 - pad_h, and R - 1 = pad_h (or R = output rows:
 * every row is done). The input rows a call reads are never overwritten
 * yet.
 */
#ifndef MOTE_KERNELS_REF_ROWS_H
#define MOTE_KERNELS_REF_ROWS_H

#include "mote/kernels.h"
#include "kernels/kernel_table.h"

/* The part of one output pixel's filter window that lies inside the input:
 * rows x taps filter taps from tap (ky0, kx0), f_first = ky0 * fw + kx0,
 * reading input pixel in_first = y * in->w + x first (the tap below it is
 * dilation_h input rows further on, the one to its right dilation_w
 * pixels). The other taps read the padding, which holds the input's zero
 * point: their term filter * (input + input_offset) is zero, so the
 * convolutions skip them. rows or taps is 0 (and the offsets 0) when the
 * window lies wholly in the padding. ref_rows.c. */
typedef struct mote_ref_window {
    int32_t rows, taps, in_first, f_first;
} mote_ref_window;

void mote_ref_window_at(const mote_conv_geom *g, const mote_dims *in, int32_t fh, int32_t fw,
                        int32_t oy, int32_t ox, mote_ref_window *w);

typedef mote_status (*mote_ref_conv_s8_fn)(const mote_conv_s8_params *p, const mote_requant *q,
                                           int32_t q_step, const mote_dims *input_dims,
                                           const int8_t *input, const mote_dims *filter_dims,
                                           const int8_t *filter, const int32_t *bias,
                                           const mote_dims *output_dims, int8_t *output);

/* Runs a CONV_2D_S8 / DEPTHWISE_CONV_2D_S8 step (a mote_conv_s8_step) with
 * the kernel fn: in place, row by row as above, when the planner gave the
 * output the input's buffer, else in one call. ref_rows.c; one copy for
 * both kernels. */
mote_status mote_ref_conv_s8_run(mote_ref_conv_s8_fn fn, const void *step,
                                 const mote_kernel_io *io);

#endif /* MOTE_KERNELS_REF_ROWS_H */
