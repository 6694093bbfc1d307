/* SignalIrfft: inverse real FFT of each row, as TFLite Micro's kiss_fftri
 * (float divided by fft_length), int16, int32 or float; fft_length a power of two. */
#include "ops/op_signal_util.h"

mote_status mote_lower_signal_irfft(mote_lower_ctx *c)
{
    return mote_signal_lower_fft(c, 1);
}

uint64_t mote_macs_signal_irfft(const mote_graph *g, const mote_graph_op *op)
{
    return mote_macs_mul(mote_macs_out_elements(g, op), 8);
}
