/*
 * app.h — what the sensor applications (examples/wakeword, anomaly, vww)
 * share: bounded file reads and a streaming WAV reader on stdio (the host's
 * files, or the host's files through semihosting on a microcontroller),
 * model and session set-up in a caller's static arena, a CRC-32, and a cost
 * counter (wall time on the host, executed instructions on Cortex-M).
 *
 * Everything is heap-free: the same application code runs on the host and
 * in the Cortex-M firmware (ports/cortex-m/app/app_fw.c); only main() and
 * the cost counter differ.
 */
#ifndef APP_COMMON_H
#define APP_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mote/mote.h"

/* Read a whole file into buf (at most cap bytes). Returns 0 and *len, or -1
 * after printing why on stderr (missing, unreadable, larger than cap). */
int app_read_file(const char *path, void *buf, size_t cap, size_t *len);

/* A 16-bit PCM WAV read in pieces: any channel count (mixed down by
 * averaging, rounded half away from zero), any sample rate (the caller
 * checks it). */
typedef struct app_wav {
    FILE *f;
    long data_pos;     /* file offset of the first sample */
    uint32_t rate;     /* Hz */
    uint32_t channels; /* 1 .. 8 */
    size_t frames;     /* samples per channel */
    size_t pos;        /* next frame to read */
} app_wav;

/* Open and parse the header. Returns 0, or -1 with *why set. */
int app_wav_open(app_wav *w, const char *path, const char **why);

/* Read up to n mono samples; returns how many (0 at the end or on error). */
size_t app_wav_read(app_wav *w, int16_t *out, size_t n);

/* Back to the first sample. Returns 0 or -1. */
int app_wav_rewind(app_wav *w);

void app_wav_close(app_wav *w);

/* Does the file start with "RIFF....WAVE"? (1 yes, 0 no or unreadable) */
int app_is_wav(const char *path);

/* A model with its session in a caller-provided arena. */
typedef struct app_model {
    mote_model model;
    mote_session session;
    size_t arena_bytes; /* what the model needs (mote_model_arena_size) */
} app_model;

/* Verify the model bytes and set up a session in arena (aligned to
 * MOTE_ARENA_ALIGN). Returns 0, or -1 after printing why (tag prefixes
 * the message). */
int app_model_init(app_model *m, const void *bytes, size_t len, void *arena, size_t arena_cap,
                   const char *tag);

/* CRC-32 (IEEE 802.3, reflected, init and final xor 0xFFFFFFFF: zlib's
 * crc32(), "123456789" -> 0xCBF43926). */
uint32_t app_crc32(const void *data, size_t n);

/* Cost counters: APP_COST_FRONTEND for feature extraction (decode, resize,
 * FFT, mel, log, quantize), APP_COST_MODEL for mote_invoke. The host counts
 * nanoseconds (CLOCK_MONOTONIC, examples/common/cost_host.c); the firmware
 * counts executed instructions under QEMU -icount (ports/cortex-m/app/
 * app_fw.c). app_cost_enabled() is 0 when nobody asked (--time / -bench):
 * then begin/end cost nothing and the apps print no cost line. */
enum { APP_COST_FRONTEND = 0, APP_COST_MODEL = 1, APP_COST_N = 2 };
int app_cost_enabled(void);
void app_cost_begin(int which);
void app_cost_end(int which);
uint64_t app_cost_total(int which);
uint32_t app_cost_count(int which);
const char *app_cost_unit(void); /* "ns" or "instructions" */

/* Print "cost frontend=<N> model=<N> unit=<unit> invokes=<N>" when enabled. */
void app_cost_print(void);

#endif /* APP_COMMON_H */
