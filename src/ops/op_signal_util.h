/*
 * op_signal_util.h — what the Signal library operators' lowerings share
 * (src/ops/signal_*.c): their FlexBuffer options, tensor checks and the
 * tail after the parameter block (FFT tables, persistent state).
 */
#ifndef MOTE_OPS_OP_SIGNAL_UTIL_H
#define MOTE_OPS_OP_SIGNAL_UTIL_H

#include "ops/op.h"
#include "format/flexbuf.h"

/* Open the operator's custom_options as a FlexBuffer map. */
mote_status mote_signal_options(mote_lower_ctx *c, mote_flexbuf_map *m);

/* Required integer option `key` in [lo, hi] (a bool reads as 0 / 1). */
mote_status mote_signal_int(mote_lower_ctx *c, const mote_flexbuf_map *m, const char *key,
                            int64_t lo, int64_t hi, int32_t *out);

/* Tensor (input k, or output k when output) of the operator, which must
 * exist with type `type` and, unless rank < 0, rank `rank`. */
mote_status mote_signal_tensor(mote_lower_ctx *c, int output, uint32_t k, mote_type type,
                               int32_t rank, mote_graph_tensor *t);

/* Start the step of kernel k with `tail` bytes after its block (zeroed);
 * *tail_out points at them when writing, NULL when counting. */
void *mote_signal_step(mote_lower_ctx *c, mote_kernel_id k, uint64_t tail, uint8_t **tail_out,
                       mote_status *s);

/* SignalRfft (inverse 0) and SignalIrfft (1): checks, factors and the
 * kissfft twiddle tables (signal_rfft.c). */
mote_status mote_signal_lower_fft(mote_lower_ctx *c, int inverse);

#endif /* MOTE_OPS_OP_SIGNAL_UTIL_H */
