/*
 * requant_run.h — requantization tables made at run time (low-RAM mode).
 *
 * An int8 CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED step normally keeps
 * its per-channel table (int32 multiplier + int8 shift per output channel)
 * in the runtime state, after its parameter block: most of the state of a
 * CNN. Loaded with MOTE_REQUANT_AT_RUN (mote.h), such a step stores the
 * block alone; before each run the interpreter copies the block into the
 * step's planned scratch and computes the table after it from the float
 * scales in the model (flash), with the very function lowering uses
 * (mote_quant_conv_channel), so the kernel sees the same bytes.
 */
#ifndef MOTE_OPS_REQUANT_RUN_H
#define MOTE_OPS_REQUANT_RUN_H

#include <stdint.h>
#include "mote/graph.h"
#include "mote/status.h"

/* 1 when kernel (a mote_kernel_id) can have its table made at run time. */
int mote_requant_at_run_kernel(int32_t kernel);

/* Entries of the table of a block of such a kernel (its `channels`). */
uint32_t mote_requant_block_channels(int32_t kernel, const void *block);

/* Bytes of a block of such a kernel before its table (a wide
 * FULLY_CONNECTED's dimensions included). */
uint32_t mote_requant_block_bytes(int32_t kernel, const void *block);

/* Fill channels entries (multiplier[], shift[]) for an operator reading
 * tensor `in` with weights `weights` into `out`, as lowering did: entry
 * ch from input scale, weight scale ch (or 0 when the weights have one)
 * and output scale. Returns MOTE_OK, or MOTE_E_STATE when the scales no
 * longer give what lowering accepted (changed model bytes). */
mote_status mote_requant_fill(const mote_graph *g, int32_t in, int32_t weights, int32_t out,
                              uint32_t channels, int32_t *multiplier, int8_t *shift);

#endif /* MOTE_OPS_REQUANT_RUN_H */
