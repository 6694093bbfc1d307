/*
 * kernels_signal.h — TFLite Micro's Signal library operators (CUSTOM
 * operators "SignalWindow", "SignalRfft", ...): audio front-end steps,
 * bit-exact with TFLite Micro's signal kernels.
 *
 * Some blocks are followed by a tail the lowering fills (FFT twiddles) or
 * the kernel keeps across invokes (the state of Framer, Stacker, Delay,
 * OverlapAdd and FilterBankSpectralSubtraction). Such a tail lives in the
 * step's parameter block, in the session's state for the session's life;
 * all-zero bytes are the state TFLite Micro's Reset gives:
 * mote_session_reset() zeroes it (mote_signal_state below says where it
 * is), and `mote compile`, whose parameter blocks are const data, refuses
 * a model with such state.
 */
#ifndef MOTE_KERNELS_SIGNAL_H
#define MOTE_KERNELS_SIGNAL_H

#include <stdint.h>
#include "mote/status.h"

typedef struct mote_signal_window_step { /* int16 x int16 weights >> shift, saturated */
    int32_t elements, weights, shift;
} mote_signal_window_step;

typedef struct mote_signal_auto_scale_step { /* FftAutoScale: int16 -> int16, int32 bits */
    int32_t elements;
} mote_signal_auto_scale_step;

/* Rfft / Irfft (kiss_fftr, n = fft_length a power of two >= 4): the tail
 * holds n/2 complex twiddles and n/4 super-twiddles, each {re, im} in the
 * element type (int16, int32 or float). The scratch holds n/2 + n/2
 * complex values: the padded input and the half-length transform. */
typedef struct mote_signal_fft_step {
    int32_t fft_length;
    int32_t rows;       /* transforms: elements / input_length */
    int32_t in_length;  /* real samples (Rfft) or complex bins (Irfft) per row */
    int32_t out_length; /* complex bins (Rfft) or real samples (Irfft) per row */
    int32_t elem;       /* bytes of one scalar: 2, 4 (int32 or float) */
    int32_t is_float;
    int32_t n_factors; /* radix stages of the half-length complex FFT */
    int32_t factors[2 * 16];
} mote_signal_fft_step;

typedef struct mote_signal_energy_step { /* |z|^2 of complex int16 bins [start, end) */
    int32_t start, end, outputs; /* the other outputs are zeroed (TFLite Micro leaves them) */
} mote_signal_energy_step;

typedef struct mote_signal_filter_bank_step { /* uint32 spectrum -> uint64 channels */
    int32_t channels;                         /* output channels (num_channels) */
    int32_t inputs;                           /* spectrum bins */
} mote_signal_filter_bank_step;

typedef struct mote_signal_sqrt_step { /* uint64 -> uint32 sqrt >> scale_bits */
    int32_t channels;
} mote_signal_sqrt_step;

typedef struct mote_signal_spectral_sub_step { /* state: channels uint32 noise estimates */
    int32_t channels;
    uint32_t smoothing, one_minus_smoothing, alternate_smoothing, alternate_one_minus_smoothing;
    uint32_t smoothing_bits, spectral_subtraction_bits, min_signal_remaining;
    int32_t clamping;
} mote_signal_spectral_sub_step;

typedef struct mote_signal_log_step { /* uint32 -> int16 log */
    int32_t channels, correction_bits, output_scale;
} mote_signal_log_step;

typedef struct mote_signal_pcan_step {
    int32_t channels, snr_shift;
} mote_signal_pcan_step;

/* A FIFO of int16 samples per row (Framer, Stacker, Delay): the tail
 * holds, per row, a uint32 count of samples held, then `capacity` samples. */
typedef struct mote_signal_framer_step {
    int32_t rows, frames, frame_size, frame_step, prefill, capacity;
} mote_signal_framer_step;

typedef struct mote_signal_stacker_step {
    int32_t channels, left, right, step, capacity;
} mote_signal_stacker_step;

typedef struct mote_signal_delay_step {
    int32_t rows, frame_size, delay;
} mote_signal_delay_step;

typedef struct mote_signal_overlap_add_step { /* state: rows x frame_size values */
    int32_t rows, frames, frame_size, frame_step, is_float;
} mote_signal_overlap_add_step;

/* The state kernel `kernel` (a mote_kernel_id) keeps across invokes in the
 * tail of its parameter block `step`: *bytes bytes from *offset after the
 * block's start; all-zero bytes are TFLite Micro's Reset state. Returns 0
 * (and no bytes) for a kernel that keeps none. mote_session_reset() clears
 * it; the op tests snapshot it. */
int mote_signal_state(uint32_t kernel, const void *step, uint32_t *offset, uint32_t *bytes);

mote_status mote_ref_signal_window_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_signal_auto_scale_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_signal_rfft_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_signal_irfft_step(const void *step, const mote_kernel_io *io);
uint32_t mote_ref_signal_fft_scratch(const void *step);
mote_status mote_ref_signal_energy_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_signal_filter_bank_step(const void *step, const mote_kernel_io *io);
uint32_t mote_ref_signal_filter_bank_scratch(const void *step);
mote_status mote_ref_signal_sqrt_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_signal_spectral_sub_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_signal_log_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_signal_pcan_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_signal_framer_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_signal_stacker_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_signal_delay_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_signal_overlap_add_step(const void *step, const mote_kernel_io *io);

#endif /* MOTE_KERNELS_SIGNAL_H */
