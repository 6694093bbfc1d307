/*
 * signal.c — TFLite Micro's Signal library operators other than the FFTs:
 * Window, FftAutoScale, Energy, FilterBank, FilterBankSquareRoot,
 * FilterBankSpectralSubtraction, FilterBankLog, PCAN, Framer, Stacker,
 * Delay and OverlapAdd, bit-exact with TFLite Micro's signal kernels
 * (signal/src and signal/micro/kernels; read, not copied).
 *
 * Stateful kernels keep their state in the tail of their parameter block
 * (kernels_signal.h); all-zero bytes are the reset state, so a state that
 * needs a prefill (Framer, Delay) holds a "started" word the first invoke
 * sets after filling it.
 */
#include <string.h>

#include "kernels/kernel_table.h"
#include "kernels/ref/ref_util.h"

static uint8_t *state_of(const void *step, size_t block)
{
    /* The tail of the block is the step's own persistent state. */
    return (uint8_t *)(uintptr_t)step + block;
}

static uint32_t round4(uint32_t n)
{
    return (n + 3u) & ~3u;
}

int mote_signal_state(uint32_t kernel, const void *step, uint32_t *offset, uint32_t *bytes)
{
    /* The sizes the lowerings (src/ops/signal_*.c) gave the tails. */
    *offset = 0;
    *bytes = 0;
    switch (kernel) {
    case MOTE_KID_SIGNAL_SPECTRAL_SUB: {
        const mote_signal_spectral_sub_step *p = (const mote_signal_spectral_sub_step *)step;
        *offset = (uint32_t)sizeof *p;
        *bytes = (uint32_t)p->channels * 4u;
        return 1;
    }
    case MOTE_KID_SIGNAL_FRAMER: {
        const mote_signal_framer_step *p = (const mote_signal_framer_step *)step;
        *offset = (uint32_t)sizeof *p;
        *bytes = 4u + (uint32_t)p->rows * (4u + round4((uint32_t)p->capacity * 2u));
        return 1;
    }
    case MOTE_KID_SIGNAL_STACKER: {
        const mote_signal_stacker_step *p = (const mote_signal_stacker_step *)step;
        *offset = (uint32_t)sizeof *p;
        *bytes = 8u + round4((uint32_t)p->capacity * 2u);
        return 1;
    }
    case MOTE_KID_SIGNAL_DELAY: {
        const mote_signal_delay_step *p = (const mote_signal_delay_step *)step;
        *offset = (uint32_t)sizeof *p;
        *bytes = 4u + (uint32_t)p->rows * (4u + round4((uint32_t)(p->frame_size + p->delay) * 2u));
        return 1;
    }
    case MOTE_KID_SIGNAL_OVERLAP_ADD: {
        const mote_signal_overlap_add_step *p = (const mote_signal_overlap_add_step *)step;
        *offset = (uint32_t)sizeof *p;
        *bytes = (uint32_t)p->rows * round4((uint32_t)p->frame_size * (p->is_float ? 4u : 2u));
        return 1;
    }
    default: return 0;
    }
}

static int16_t sat16(int64_t v)
{
    return (int16_t)(v < -32768 ? -32768 : v > 32767 ? 32767 : v);
}

/* MostSignificantBit32 as TFLite Micro builds it with GCC: 32 for 0. */
static uint32_t msb64(uint64_t x)
{
    uint32_t n = 0;
    if (x == 0) return 64;
    while (x) {
        x >>= 1;
        n++;
    }
    return n;
}

static uint32_t msb32(uint32_t x)
{
    return x == 0 ? 32 : msb64(x);
}

mote_status mote_ref_signal_window_step(const void *step, const mote_kernel_io *io)
{
    const mote_signal_window_step *p = (const mote_signal_window_step *)step;
    const int16_t *x = (const int16_t *)io->in[0], *w = (const int16_t *)io->in[1];
    int16_t *y = (int16_t *)io->out[0];
    int32_t i;
    for (i = 0; i < p->elements; i++) {
        int32_t raw = ((int32_t)x[i] * w[i % p->weights]) >> p->shift;
        y[i] = sat16(raw);
    }
    return MOTE_OK;
}

mote_status mote_ref_signal_auto_scale_step(const void *step, const mote_kernel_io *io)
{
    const mote_signal_auto_scale_step *p = (const mote_signal_auto_scale_step *)step;
    const int16_t *x = (const int16_t *)io->in[0];
    int16_t *y = (int16_t *)io->out[0];
    int32_t *bits = (int32_t *)io->out[1];
    int16_t max = 0;
    int32_t i, scale;
    for (i = 0; i < p->elements; i++) {
        /* MaxAbs16: -(-32768) stays -32768 once stored. */
        if (x[i] > max)
            max = x[i];
        else if ((int16_t)(-x[i]) > max)
            max = (int16_t)(-x[i]);
    }
    scale = 16 - (int32_t)msb32((uint32_t)(int32_t)max) - 1;
    if (scale <= 0) scale = 0;
    for (i = 0; i < p->elements; i++)
        y[i] = (int16_t)(uint16_t)((uint32_t)(int32_t)x[i] << scale);
    *bits = scale;
    return MOTE_OK;
}

mote_status mote_ref_signal_energy_step(const void *step, const mote_kernel_io *io)
{
    const mote_signal_energy_step *p = (const mote_signal_energy_step *)step;
    const int16_t *z = (const int16_t *)io->in[0];
    uint32_t *y = (uint32_t *)io->out[0];
    int32_t i;
    /* TFLite Micro leaves the outputs outside [start, end) as they were
     * (undefined): mote zeroes them. */
    memset(y, 0, (size_t)p->start * 4u);
    memset(y + p->end, 0, (size_t)(p->outputs - p->end) * 4u);
    for (i = p->start; i < p->end; i++) {
        int32_t re = z[2 * i], im = z[2 * i + 1];
        y[i] = (uint32_t)(re * re) + (uint32_t)(im * im);
    }
    return MOTE_OK;
}

uint32_t mote_ref_signal_filter_bank_scratch(const void *step)
{
    const mote_signal_filter_bank_step *p = (const mote_signal_filter_bank_step *)step;
    return ((uint32_t)p->channels + 1u) * 8u;
}

mote_status mote_ref_signal_filter_bank_step(const void *step, const mote_kernel_io *io)
{
    const mote_signal_filter_bank_step *p = (const mote_signal_filter_bank_step *)step;
    const uint32_t *x = (const uint32_t *)io->in[0];
    const int16_t *w = (const int16_t *)io->in[1], *uw = (const int16_t *)io->in[2];
    const int16_t *fstart = (const int16_t *)io->in[3], *wstart = (const int16_t *)io->in[4];
    const int16_t *width = (const int16_t *)io->in[5];
    uint64_t *work = (uint64_t *)io->scratch;
    uint64_t acc = 0, unacc = 0;
    int32_t i, j;
    for (i = 0; i < p->channels + 1; i++) {
        for (j = 0; j < width[i]; j++) {
            /* int16 weight times uint64: the weight converts to uint64. */
            acc += (uint64_t)(int64_t)w[wstart[i] + j] * (uint64_t)x[fstart[i] + j];
            unacc += (uint64_t)(int64_t)uw[wstart[i] + j] * (uint64_t)x[fstart[i] + j];
        }
        work[i] = acc;
        acc = unacc;
        unacc = 0;
    }
    memcpy(io->out[0], work + 1, (size_t)p->channels * 8u);
    return MOTE_OK;
}

static uint32_t sqrt32(uint32_t num)
{
    uint32_t res = 0, bit;
    int32_t top, iterations;
    if (num == 0) return 0;
    top = (int32_t)(32 - msb32(num)) | 1;
    bit = 1u << (31 - top);
    iterations = (31 - top) / 2 + 1;
    while (iterations--) {
        if (num >= res + bit) {
            num -= res + bit;
            res = (res >> 1) + bit;
        } else {
            res >>= 1;
        }
        bit >>= 2;
    }
    if (num > res && res != 0xFFFF) ++res;
    return (uint16_t)res;
}

static uint32_t sqrt64(uint64_t num)
{
    uint64_t res = 0, bit;
    int32_t top, iterations;
    if ((num >> 32) == 0) return sqrt32((uint32_t)num);
    top = (int32_t)(64 - msb64(num)) | 1;
    bit = (uint64_t)1 << (63 - top);
    iterations = (63 - top) / 2 + 1;
    while (iterations--) {
        if (num >= res + bit) {
            num -= res + bit;
            res = (res >> 1) + bit;
        } else {
            res >>= 1;
        }
        bit >>= 2;
    }
    if (num > res && res != 0xFFFFFFFFu) ++res;
    return (uint32_t)res;
}

mote_status mote_ref_signal_sqrt_step(const void *step, const mote_kernel_io *io)
{
    const mote_signal_sqrt_step *p = (const mote_signal_sqrt_step *)step;
    const uint64_t *x = (const uint64_t *)io->in[0];
    int32_t bits = *(const int32_t *)io->in[1];
    uint32_t *y = (uint32_t *)io->out[0];
    int32_t i;
    for (i = 0; i < p->channels; i++) {
        uint32_t r = sqrt64(x[i]);
        /* A shift of 32 or more, or a negative one, is undefined in TFLite
         * Micro; mote gives 0 / the value unshifted. */
        y[i] = bits >= 32 ? 0u : bits <= 0 ? r : r >> bits;
    }
    return MOTE_OK;
}

mote_status mote_ref_signal_spectral_sub_step(const void *step, const mote_kernel_io *io)
{
    const mote_signal_spectral_sub_step *p = (const mote_signal_spectral_sub_step *)step;
    const uint32_t *x = (const uint32_t *)io->in[0];
    uint32_t *y = (uint32_t *)io->out[0], *noise_out = (uint32_t *)io->out[1];
    uint32_t *noise = (uint32_t *)(void *)state_of(step, sizeof *p);
    int32_t i;
    for (i = 0; i < p->channels; i++) {
        uint32_t sm = (i & 1) ? p->alternate_smoothing : p->smoothing;
        uint32_t osm = (i & 1) ? p->alternate_one_minus_smoothing : p->one_minus_smoothing;
        uint32_t up = x[i] << p->smoothing_bits, est, floor_v, sub;
        noise[i] = (uint32_t)(((uint64_t)up * sm + (uint64_t)noise[i] * osm) >>
                              p->spectral_subtraction_bits);
        est = noise[i];
        if (est > up) {
            est = up;
            if (p->clamping) noise[i] = est;
        }
        floor_v =
            (uint32_t)(((uint64_t)x[i] * p->min_signal_remaining) >> p->spectral_subtraction_bits);
        sub = (up - est) >> p->smoothing_bits;
        y[i] = sub > floor_v ? sub : floor_v;
    }
    memcpy(noise_out, noise, (size_t)p->channels * 4u);
    return MOTE_OK;
}

static const uint16_t log_lut[] = {
    0,    224,  442,  654,  861,  1063, 1259, 1450, 1636, 1817, 1992, 2163, 2329, 2490, 2646,
    2797, 2944, 3087, 3224, 3358, 3487, 3611, 3732, 3848, 3960, 4068, 4172, 4272, 4368, 4460,
    4549, 4633, 4714, 4791, 4864, 4934, 5001, 5063, 5123, 5178, 5231, 5280, 5326, 5368, 5408,
    5444, 5477, 5507, 5533, 5557, 5578, 5595, 5610, 5622, 5631, 5637, 5640, 5641, 5638, 5633,
    5626, 5615, 5602, 5586, 5568, 5547, 5524, 5498, 5470, 5439, 5406, 5370, 5332, 5291, 5249,
    5203, 5156, 5106, 5054, 5000, 4944, 4885, 4825, 4762, 4697, 4630, 4561, 4490, 4416, 4341,
    4264, 4184, 4103, 4020, 3935, 3848, 3759, 3668, 3575, 3481, 3384, 3286, 3186, 3084, 2981,
    2875, 2768, 2659, 2549, 2437, 2323, 2207, 2090, 1971, 1851, 1729, 1605, 1480, 1353, 1224,
    1094, 963,  830,  695,  559,  421,  282,  142,  0,    0};

/* Log32: natural log of x (> 1) in units of 1/out_scale... as TFLite Micro:
 * log2 in Q16 by a 128-segment table, times ln 2 (45426 / 2^16). */
static uint32_t log32(uint32_t x, uint32_t out_scale)
{
    uint32_t integer = msb32(x) - 1, base_seg, log2, loge;
    int32_t frac = (int32_t)(x - (1u << integer)), c0, c1, rel;
    if (integer < 16)
        frac = (int32_t)((uint32_t)frac << (16 - integer));
    else
        frac >>= integer - 16;
    base_seg = (uint32_t)frac >> 9;
    c0 = log_lut[base_seg];
    c1 = log_lut[base_seg + 1];
    rel = ((c1 - c0) * (frac - (int32_t)(base_seg * 512u))) >> 16;
    log2 = (integer << 16) + (uint32_t)(frac + c0 + rel);
    loge = (uint32_t)(((uint64_t)45426 * log2 + 32768u) >> 16);
    return (out_scale * loge + 32768u) >> 16;
}

mote_status mote_ref_signal_log_step(const void *step, const mote_kernel_io *io)
{
    const mote_signal_log_step *p = (const mote_signal_log_step *)step;
    const uint32_t *x = (const uint32_t *)io->in[0];
    int16_t *y = (int16_t *)io->out[0];
    int32_t i;
    for (i = 0; i < p->channels; i++) {
        uint32_t scaled = x[i] << p->correction_bits;
        if (scaled > 1) {
            uint32_t v = log32(scaled, (uint32_t)p->output_scale);
            y[i] = (int16_t)(v < 32767u ? v : 32767u);
        } else {
            y[i] = 0;
        }
    }
    return MOTE_OK;
}

static int16_t wide_dynamic(uint32_t x, const int16_t *lut)
{
    int16_t interval, frac;
    int32_t result;
    if (x <= 2) return lut[x];
    interval = (int16_t)msb32(x);
    lut += 4 * interval - 6;
    frac = (int16_t)(((interval < 11) ? (x << (11 - interval)) : (x >> (interval - 11))) & 0x3FF);
    result = ((int32_t)lut[2] * frac) >> 5;
    result += (int32_t)((uint32_t)lut[1] << 5);
    result *= frac;
    result = (result + (1 << 14)) >> 15;
    result += lut[0];
    return (int16_t)result;
}

mote_status mote_ref_signal_pcan_step(const void *step, const mote_kernel_io *io)
{
    const mote_signal_pcan_step *p = (const mote_signal_pcan_step *)step;
    const uint32_t *x = (const uint32_t *)io->in[0], *noise = (const uint32_t *)io->in[1];
    const int16_t *lut = (const int16_t *)io->in[2];
    uint32_t *y = (uint32_t *)io->out[0];
    int32_t i;
    for (i = 0; i < p->channels; i++) {
        uint32_t gain = (uint32_t)(int32_t)wide_dynamic(noise[i], lut);
        uint32_t snr = (uint32_t)(((uint64_t)x[i] * gain) >> p->snr_shift);
        /* PcanShrink, 12 SNR bits in, 6 out. */
        y[i] = snr < (2u << 12) ? (snr * snr) >> (2 + 2 * 12 - 6) : (snr >> (12 - 6)) - (1u << 6);
    }
    return MOTE_OK;
}

/* ---- FIFOs: [uint32 held][capacity int16 samples] per row ------------- */

static uint32_t *fifo_held(uint8_t *fifo)
{
    return (uint32_t *)(void *)fifo;
}

static int16_t *fifo_data(uint8_t *fifo)
{
    return (int16_t *)(void *)(fifo + 4);
}

static size_t fifo_bytes(int32_t capacity)
{
    return 4u + (((size_t)capacity * 2u + 3u) & ~(size_t)3u);
}

static void fifo_discard(uint8_t *fifo, uint32_t n)
{
    uint32_t *held = fifo_held(fifo);
    int16_t *d = fifo_data(fifo);
    if (n > *held) n = *held;
    memmove(d, d + n, (size_t)(*held - n) * 2u);
    *held -= n;
}

/* Row r's FIFO in a state of a uint32 "started" flag then rows of fb bytes. */
static uint8_t *fifo_row(uint8_t *st, size_t fb, int32_t r)
{
    return st + 4 + (size_t)r * fb;
}

/* On the first call, zero every row's FIFO with `held` samples (zeros) in it. */
static void fifos_start(uint8_t *st, int32_t rows, size_t fb, uint32_t held)
{
    uint32_t *started = (uint32_t *)(void *)st;
    int32_t r;
    if (*started) return;
    for (r = 0; r < rows; r++) {
        memset(fifo_row(st, fb, r), 0, fb);
        *fifo_held(fifo_row(st, fb, r)) = held;
    }
    *started = 1;
}

mote_status mote_ref_signal_framer_step(const void *step, const mote_kernel_io *io)
{
    const mote_signal_framer_step *p = (const mote_signal_framer_step *)step;
    uint8_t *st = state_of(step, sizeof *p);
    const int16_t *x = (const int16_t *)io->in[0];
    int16_t *y = (int16_t *)io->out[0];
    uint8_t *valid = (uint8_t *)io->out[1];
    size_t fb = fifo_bytes(p->capacity);
    int32_t r, f;
    fifos_start(st, p->rows, fb, p->prefill ? (uint32_t)(p->frame_size - p->frame_step) : 0u);
    *valid = 1;
    for (r = 0; r < p->rows; r++) {
        uint8_t *q = fifo_row(st, fb, r);
        for (f = 0; f < p->frames; f++) {
            size_t at = ((size_t)r * (size_t)p->frames + (size_t)f);
            uint32_t *held = fifo_held(q);
            memcpy(fifo_data(q) + *held, x + at * (size_t)p->frame_step,
                   (size_t)p->frame_step * 2u);
            *held += (uint32_t)p->frame_step;
            if (*held >= (uint32_t)p->frame_size) {
                memcpy(y + at * (size_t)p->frame_size, fifo_data(q), (size_t)p->frame_size * 2u);
                fifo_discard(q, (uint32_t)p->frame_step);
            } else {
                /* Not enough samples yet: TFLite Micro leaves the frame as
                 * it was (undefined); mote writes zeros. */
                memset(y + at * (size_t)p->frame_size, 0, (size_t)p->frame_size * 2u);
                *valid = 0;
            }
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_signal_stacker_step(const void *step, const mote_kernel_io *io)
{
    const mote_signal_stacker_step *p = (const mote_signal_stacker_step *)step;
    uint8_t *st = state_of(step, sizeof *p);
    uint32_t *has_first = (uint32_t *)(void *)st;
    uint8_t *q = st + 4;
    uint32_t *held = fifo_held(q);
    int16_t *d = fifo_data(q);
    const int16_t *x = (const int16_t *)io->in[0];
    uint8_t *valid = (uint8_t *)io->out[1];
    uint32_t nc = (uint32_t)p->channels, k;
    memcpy(d + *held, x, (size_t)nc * 2u);
    *held += nc;
    if (!*has_first) {
        /* The first frame is repeated left-context more times. */
        for (k = 0; k < (uint32_t)p->left; k++) {
            memcpy(d + *held, d + *held - nc, (size_t)nc * 2u);
            *held += nc;
        }
        *has_first = 1;
    }
    if (*held >= (uint32_t)p->capacity) {
        memcpy(io->out[0], d, (size_t)p->capacity * 2u);
        fifo_discard(q, nc * (uint32_t)p->step);
        *valid = 1;
    } else {
        /* Not full yet: TFLite Micro leaves the output as it was; zeros. */
        memset(io->out[0], 0, (size_t)p->capacity * 2u);
        *valid = 0;
    }
    return MOTE_OK;
}

mote_status mote_ref_signal_delay_step(const void *step, const mote_kernel_io *io)
{
    const mote_signal_delay_step *p = (const mote_signal_delay_step *)step;
    uint8_t *st = state_of(step, sizeof *p);
    const int16_t *x = (const int16_t *)io->in[0];
    int16_t *y = (int16_t *)io->out[0];
    size_t fb = fifo_bytes(p->frame_size + p->delay);
    int32_t r;
    fifos_start(st, p->rows, fb, (uint32_t)p->delay);
    for (r = 0; r < p->rows; r++) {
        uint8_t *q = fifo_row(st, fb, r);
        uint32_t *held = fifo_held(q);
        size_t at = (size_t)r * (size_t)p->frame_size;
        memcpy(fifo_data(q) + *held, x + at, (size_t)p->frame_size * 2u);
        *held += (uint32_t)p->frame_size;
        memcpy(y + at, fifo_data(q), (size_t)p->frame_size * 2u);
        fifo_discard(q, (uint32_t)p->frame_size);
    }
    return MOTE_OK;
}

mote_status mote_ref_signal_overlap_add_step(const void *step, const mote_kernel_io *io)
{
    const mote_signal_overlap_add_step *p = (const mote_signal_overlap_add_step *)step;
    uint8_t *st = state_of(step, sizeof *p);
    size_t fs = (size_t)p->frame_size, fstep = (size_t)p->frame_step, k;
    int32_t r, f;
    for (r = 0; r < p->rows; r++) {
        for (f = 0; f < p->frames; f++) {
            size_t in_at = ((size_t)r * (size_t)p->frames + (size_t)f) * fs;
            size_t out_at = ((size_t)r * (size_t)p->frames + (size_t)f) * fstep;
            if (p->is_float) {
                float *buf = (float *)(void *)st + (size_t)r * fs;
                const float *x = (const float *)io->in[0] + in_at;
                for (k = 0; k < fs; k++)
                    buf[k] += x[k];
                memcpy((float *)io->out[0] + out_at, buf, fstep * 4u);
                memmove(buf, buf + fstep, (fs - fstep) * 4u);
                memset(buf + (fs - fstep), 0, fstep * 4u);
            } else {
                int16_t *buf = (int16_t *)(void *)st + (size_t)r * fs;
                const int16_t *x = (const int16_t *)io->in[0] + in_at;
                for (k = 0; k < fs; k++)
                    buf[k] = sat16((int32_t)x[k] + buf[k]);
                memcpy((int16_t *)io->out[0] + out_at, buf, fstep * 2u);
                memmove(buf, buf + fstep, (fs - fstep) * 2u);
                memset(buf + (fs - fstep), 0, fstep * 2u);
            }
        }
    }
    return MOTE_OK;
}
