/*
 * cases_pw.c — random cases of the Arm DSP pointwise path's deep-input
 * blocks (conv2d_s8_pw4_dsp.c: 1x1, stride 1, 128 < K <= 256, K % 8 ==
 * 0), against mote_ref_conv2d_s8, byte for byte: pixel counts with and
 * without a tail of 1-3 pixels and over several chunks, per-channel shifts
 * from +2 to -31 (the folded zero point, the zero point added after the
 * shift, the general output stage for shifts above -2), NULL biases,
 * activation ranges; out of place, in place (K == OC), and through the
 * arm_dsp_pw4 / arm_dsp_pw4_ip rows (which must take the step). Guard bytes
 * after the output catch writes past it.
 *
 * Then the pixel-chunk path (conv2d_s8_pw_dsp.c: K <= 128; two pixels x
 * two channels): K = 8..128 out of place, K = 4..128 in place (odd group
 * counts), pixel counts odd and even, one pixel, over several chunks;
 * filter, input and output at any byte alignment (the filter's aligned
 * and unaligned widening); zero multipliers with any shift, the shift
 * modes above, biases near the int32 limits and near 2^30 with shifts
 * -24 .. -31 (VWW's dead channels: both output stages of pw2_pairs),
 * activation ranges; through
 * the kernel and the arm_dsp_pw / arm_dsp_pw_ip row (arm_dsp_pwk where it
 * takes K = 8 / 16 out of place). Then the arm_dsp_pw row with the arena
 * room a block records, and in place the arm_dsp_pw_ip_room row, with the
 * output stage's limits on some channels (pw_room_cases).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "armk_rand.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"
#include "kernels/arm/arm_rows.h"
#include "cases_bufs.h"
#include "cases_conv_common.h"

void armk_cases_pw(int n_cases, int *passed, int *failed);

/* The buffers: cases_bufs.h. */
#define pw_in (armk_cases.pw.in)
#define pw_filt (armk_cases.pw.filt)
#define pw_ref (armk_cases.pw.ref)
#define pw_out (armk_cases.pw.out)
#define pw_bias (armk_cases.pw.bias)
/* a step block with its requantization table after it, as lowering writes it */
#define pw_step (armk_cases.pw.step)

static armk_rng rng = {0x9e3779b9u};

static int pw_same(int32_t n)
{
    return armk_conv_same(pw_ref, pw_out, n, PW_GUARD);
}

static void pw_record(int ok, int *passed, int *failed, const char *what, int i, int32_t K,
                      int32_t OC, int32_t npix)
{
    if (ok) {
        ++*passed;
        return;
    }
    ++*failed;
    if (*failed <= 5)
        printf("FAIL conv2d_s8 pw4 %s: case %d K %ld OC %ld pixels %ld\n", what, i, (long)K,
               (long)OC, (long)npix);
}

/* The step through the row that must take it (pw, or pw_ip in place). */
static mote_status pw_row(const mote_conv_s8_params *p, const mote_dims *id, const mote_dims *fd,
                          const mote_dims *od, const int32_t *mult, const int8_t *shift,
                          const int8_t *src, const int32_t *bias, int8_t *out)
{
    const mote_conv_s8_step *s =
        armk_conv_step(pw_step, sizeof pw_step, p, id, fd, od, mult, shift);
    const int inplace = src == out;
    if (!(inplace ? mote_arm_conv_pw4_ip_fits(s) : mote_arm_conv_pw4_fits(s))) return MOTE_E_STATE;
    return armk_conv_run(mote_arm_conv_pw4_step, s, src, pw_filt, bias, out, NULL);
}

/* The pixel-chunk path's output stage drops its sign correction when
 * act_min >= zp (PW2_RQN): one case in five made as VWW's and KWS's ReLU
 * layers (zp = -128, all of int8), and the ranges counted for pw_ranges. */
static int32_t pw_ge, pw_ge_full, pw_lt;
static void pw_act(mote_conv_s8_params *p)
{
    if (armk_rnd(&rng) % 5 == 0) p->output_offset = -128, p->act_min = -128, p->act_max = 127;
    if (p->act_min >= p->output_offset) {
        ++pw_ge;
        pw_ge_full += p->act_min <= -128 && p->act_max >= 127;
    } else {
        ++pw_lt;
    }
}

/* Prints the counts since the last call (both stages must have run), then
 * starts them again. */
static void pw_ranges(const char *name, int n_cases, int *failed)
{
    printf("%s: %ld drawn with act_min >= zp (%ld of them zp = -128, all of int8), %ld with "
           "act_min < zp\n",
           name, (long)pw_ge, (long)pw_ge_full, (long)pw_lt);
    if (n_cases >= 30 && (pw_ge == 0 || pw_ge_full == 0 || pw_lt == 0)) ++*failed;
    pw_ge = pw_ge_full = pw_lt = 0;
}

/* The pixel-chunk cases (header): the arm_dsp_pw, arm_dsp_pw_ip or
 * arm_dsp_pwk row, and the kernel. */
static void pw_chunk_cases(int n_cases, int *passed, int *failed)
{
    static int32_t mult[PW_MAXK];
    static int8_t shift[PW_MAXK];
    int p0 = *passed, f0 = *failed, taken = 0;
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        const mote_conv_s8_step *s;
        const int32_t *bias = armk_rnd(&rng) % 8 == 0 ? NULL : pw_bias;
        const int inplace = (int)(armk_rnd(&rng) % 3 == 0);
        const int32_t K = inplace ? 4 * armk_int(&rng, 1, 32) : 8 * armk_int(&rng, 1, 16);
        const int32_t OC = inplace ? K : 4 * armk_int(&rng, 1, 32);
        const int32_t smode = (int32_t)(armk_rnd(&rng) % 4);
        const int32_t fo = armk_int(&rng, 0, 3), xo = armk_int(&rng, 0, 3);
        const int32_t maxpix = (PW_MAXPIX * PW_MAXK - 4) / (K > OC ? K : OC);
        int8_t *const filt = pw_filt + fo, *const out = pw_out + xo;
        int8_t *const base = inplace ? pw_in : pw_in + xo; /* the input, for the reference */
        const int8_t *const src = inplace ? out : base;
        int32_t h, w, npix, j, n_in, n_out;
        mote_status sr, sa;
        memset(&p, 0, sizeof p);
        /* one pixel, a few, or up to the buffers (several chunks) */
        switch (armk_rnd(&rng) % 4) {
        case 0:
            h = 1;
            w = armk_int(&rng, 1, 3);
            break;
        case 1:
            h = armk_int(&rng, 1, 5);
            w = armk_int(&rng, 1, 7);
            break;
        default:
            h = armk_int(&rng, 1, maxpix / 8 > 1 ? maxpix / 8 : 1);
            w = armk_int(&rng, 1, 8);
            break;
        }
        if (h * w > maxpix) h = maxpix / w;
        npix = h * w;
        armk_conv_pw_case(&rng, &p, &id, &fd, &od, h, w, K, OC);
        pw_act(&p);
        armk_conv_pw_quant(&rng, OC, smode, mult, shift, pw_bias);
        for (j = 0; j < OC; ++j) {
            const uint32_t r = armk_rnd(&rng) % 16;
            if (r == 0) { /* a dead channel: the zero point, whatever the shift */
                mult[j] = 0;
                shift[j] = (int8_t)armk_int(&rng, -31, 2);
            } else if (r == 1) { /* |acc| near 2^31 (|dot| < 2^22 for K <= 128) */
                pw_bias[j] = (armk_rnd(&rng) & 1) ? INT32_MAX - (1 << 22) : INT32_MIN + (1 << 22);
            } else if (r == 2) { /* VWW's dead channels: |bias| 2^30 .. 2^30 + 2^29, shifts
                                  * -24 .. -31, on both sides of PW2_RQ's |bias| + |h| limit */
                const int32_t b = (int32_t)(1 << 30) + (int32_t)(armk_rnd(&rng) % (1u << 29));
                pw_bias[j] = (armk_rnd(&rng) & 1) ? b : -b;
                shift[j] = (int8_t)armk_int(&rng, -31, -24);
            }
        }
        q.multiplier = mult;
        q.shift = shift;
        n_in = npix * K;
        n_out = npix * OC;
        for (j = 0; j < n_in; ++j)
            base[j] = (int8_t)armk_rnd(&rng);
        for (j = 0; j < OC * K; ++j)
            filt[j] = (int8_t)armk_rnd(&rng);
        memset(pw_ref, 0x11, sizeof pw_ref);
        sr = mote_ref_conv2d_s8(&p, &q, &id, base, &fd, filt, bias, &od, pw_ref);
        memset(pw_ref + n_out, 0xA5, PW_GUARD);
        if (sr != MOTE_OK || !mote_arm_conv2d_s8_fits(&p, &id, &fd, &od)) {
            pw_record(0, passed, failed, "chunks not taken", i, K, OC, npix);
            continue;
        }
        /* the kernel */
        memset(pw_out, 0x77, sizeof pw_out);
        if (inplace) memcpy(out, base, (size_t)n_in);
        memset(out + n_out, 0xA5, PW_GUARD);
        sa = mote_arm_conv2d_s8(&p, &q, &id, src, &fd, filt, bias, &od, out, NULL);
        pw_record(sa == MOTE_OK && armk_conv_same(pw_ref, out, n_out, PW_GUARD), passed, failed,
                  inplace ? "chunks in place" : "chunks kernel", i, K, OC, npix);
        /* the row the plan gives the step */
        memset(pw_out, 0x77, sizeof pw_out);
        if (inplace) memcpy(out, base, (size_t)n_in);
        memset(out + n_out, 0xA5, PW_GUARD);
        s = armk_conv_step(pw_step, sizeof pw_step, &p, &id, &fd, &od, mult, shift);
        if (inplace ? mote_arm_conv_pw_ip_fits(s) : mote_arm_conv_pw_fits(s)) {
            ++taken;
            sa = armk_conv_run(inplace ? mote_arm_conv_pw_step : mote_arm_conv_pw_room_step, s, src,
                               filt, bias, out, NULL);
        } else if (!inplace && mote_arm_conv_pwk_fits(s)) {
            sa = armk_conv_run(mote_arm_conv_pwk_step, s, src, filt, bias, out, NULL);
        } else {
            sa = MOTE_E_STATE;
        }
        pw_record(sa == MOTE_OK && armk_conv_same(pw_ref, out, n_out, PW_GUARD), passed, failed,
                  inplace ? "arm_dsp_pw_ip row" : "arm_dsp_pw row", i, K, OC, npix);
    }
    pw_ranges("conv2d_s8 pixel chunks", n_cases, failed);
    printf("conv2d_s8 pixel chunks (K 4..128): %d passed, %d failed (%d on the pw rows)\n",
           *passed - p0, *failed - f0, taken);
    if (taken == 0) ++*failed;
}

/* The arm_dsp_pw row (out of place, more pixels than a stack chunk holds),
 * or in place (K == OC) the arm_dsp_pw_ip_room row, with the room the
 * planner records in the block (its offset from the output, + 4 + k, in
 * depth_multiplier): k = 1 .. 11 chunks (odd and even pixel counts, a last
 * short chunk), no room (0, 1: the stack buffer), and a room not word
 * aligned (the output at an odd address: the stack buffer too). The room
 * starts as garbage; guard bytes after it catch writes past k chunks'
 * words. */
#define PW_ROOM_BYTES (4 * (PW_MAXPIX * PW_MAXK / 2 + 2 * 128))
static uint8_t pw_room[PW_ROOM_BYTES + 16 + PW_GUARD] __attribute__((aligned(16)));

/* The output stage's limits on some channels: shifts -1 (the general
 * stage), -23 / -24 (the zero point folded or added after the shift),
 * multipliers 0, 2^30, INT32_MAX, biases +-2^29 and +-(2^30 - 2^22) and
 * one inside (where a doubled accumulator would still fit) and
 * VWW's dead channels (2^30 + 128, shifts -24 .. -36 clipped to -31). */
static void pw_stage_limits(int32_t OC, int32_t *mult, int8_t *shift)
{
    static const int8_t shifts[] = {-1, -23, -24, -31};
    static const int32_t mults[] = {0, 1 << 30, INT32_MAX};
    static const int32_t biases[] = {1 << 29,
                                     -(1 << 29),
                                     (1 << 30) - (1 << 22),
                                     -(1 << 30) + (1 << 22),
                                     (1 << 30) - (1 << 22) - 1,
                                     -(1 << 30) + (1 << 22) + 1,
                                     (1 << 30) + 128};
    int32_t j;
    for (j = 0; j < OC; ++j) {
        const uint32_t r = armk_rnd(&rng) % 8;
        if (r == 0) shift[j] = shifts[armk_rnd(&rng) % 4];
        if (r == 1) mult[j] = mults[armk_rnd(&rng) % 3];
        if (r == 2) pw_bias[j] = biases[armk_rnd(&rng) % 7];
        if (r == 3) {
            pw_bias[j] = (1 << 30) + 128;
            shift[j] = (int8_t)armk_int(&rng, -31, -24);
        }
    }
}

static void pw_room_cases(int n_cases, int *passed, int *failed)
{
    static int32_t mult[PW_MAXK];
    static int8_t shift[PW_MAXK];
    int p0 = *passed, f0 = *failed, roomed = 0, roomed_ip = 0, skipped = 0;
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        mote_conv_s8_step *s;
        const int32_t *bias = armk_rnd(&rng) % 8 == 0 ? NULL : pw_bias;
        const int inplace = (int)(armk_rnd(&rng) % 3 == 0);
        const int32_t K = 4 * armk_int(&rng, 1, 32);
        const int32_t OC = inplace ? K : 4 * armk_int(&rng, 1, 64);
        const int32_t smode = (int32_t)(armk_rnd(&rng) % 4);
        const int32_t xo = armk_rnd(&rng) % 4 == 0 ? armk_int(&rng, 1, 3) : 0;
        const int32_t maxpix = (PW_MAXPIX * PW_MAXK - 4) / (K > OC ? K : OC);
        const int32_t k = (int32_t)(armk_rnd(&rng) % 13) - 1; /* -1, 0: no room */
        int8_t *const out = pw_out + xo;
        const int8_t *const src = inplace ? out : pw_in;
        int32_t h, w, npix, j, n_out, words = 0, tag = 1;
        uint8_t *room = NULL;
        mote_status sr, sa;
        int ok;
        memset(&p, 0, sizeof p);
        h = armk_int(&rng, 1, 16);
        w = armk_int(&rng, 1, 20);
        if (h * w > maxpix) h = maxpix / w;
        /* one stack chunk: room (the full unroll) only in one chunk */
        if (h * w <= mote_arm_pw_stack_pixels(K) && k > 1) {
            ++skipped;
            continue;
        }
        npix = h * w;
        armk_conv_pw_case(&rng, &p, &id, &fd, &od, h, w, K, OC);
        pw_act(&p);
        armk_conv_pw_quant(&rng, OC, smode, mult, shift, pw_bias);
        pw_stage_limits(OC, mult, shift);
        q.multiplier = mult;
        q.shift = shift;
        n_out = npix * OC;
        for (j = 0; j < npix * K; ++j)
            pw_in[j] = (int8_t)armk_rnd(&rng);
        for (j = 0; j < OC * K; ++j)
            pw_filt[j] = (int8_t)armk_rnd(&rng);
        memset(pw_ref, 0x11, sizeof pw_ref);
        sr = mote_ref_conv2d_s8(&p, &q, &id, pw_in, &fd, pw_filt, bias, &od, pw_ref);
        memset(pw_ref + n_out, 0xA5, PW_GUARD);
        s = (mote_conv_s8_step *)(void *)armk_conv_step(pw_step, sizeof pw_step, &p, &id, &fd, &od,
                                                        mult, shift);
        if (sr == MOTE_OK && !(inplace ? mote_arm_conv_pw_ip_fits(s) : mote_arm_conv_pw_fits(s))) {
            /* another path's (K, OC) */
            ++skipped;
            continue;
        }
        if (sr != MOTE_OK) {
            pw_record(0, passed, failed, "arm_dsp_pw room reference", i, K, OC, npix);
            continue;
        }
        memset(pw_room, 0x5A, sizeof pw_room);
        if (k >= 1) {
            /* the room as the planner gives it: 16-byte offset from the output */
            room = pw_room + (((uintptr_t)out - (uintptr_t)pw_room) & 15u);
            words = mote_arm_pw_room_words(K, npix, k);
            tag = (int32_t)(room - (uint8_t *)out) + 4 + k;
            if (xo == 0) ++roomed;
        } else {
            tag = k + 1;
        }
        s->p.depth_multiplier = tag;
        memset(pw_out, 0x77, sizeof pw_out);
        if (inplace) memcpy(out, pw_in, (size_t)(npix * K));
        memset(out + n_out, 0xA5, PW_GUARD);
        /* in place, the arm_dsp_pw_ip_room row takes the step with a room
         * recorded, never without */
        if (inplace && mote_arm_conv_pw_ip_room_fits(s) != (k >= 1)) {
            pw_record(0, passed, failed, "arm_dsp_pw_ip_room fits", i, K, OC, npix);
            continue;
        }
        sa = armk_conv_run(mote_arm_conv_pw_room_step, s, src, pw_filt, bias, out, NULL);
        ok = sa == MOTE_OK && armk_conv_same(pw_ref, out, n_out, PW_GUARD);
        if (inplace && k >= 1) ++roomed_ip;
        if (room != NULL)
            for (j = 0; j < PW_GUARD; ++j)
                if (room[4 * words + j] != 0x5A) ok = 0;
        pw_record(ok, passed, failed,
                  inplace ? "arm_dsp_pw_ip_room row with room" : "arm_dsp_pw row with room", i, K,
                  OC, npix);
    }
    pw_ranges("conv2d_s8 pointwise with arena room", n_cases, failed);
    printf("conv2d_s8 pointwise with arena room (K 4..128): %d passed, %d failed (%d with "
           "room, %d of them in place; %d one stack chunk or not pointwise)\n",
           *passed - p0, *failed - f0, roomed, roomed_ip, skipped);
    if (roomed == 0 || roomed_ip == 0) ++*failed;
}

void armk_cases_pw(int n_cases, int *passed, int *failed)
{
    static int32_t mult[PW_MAXK];
    static int8_t shift[PW_MAXK];
    int p0 = *passed, f0 = *failed;
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        const int32_t *bias = armk_rnd(&rng) % 6 == 0 ? NULL : pw_bias;
        const int inplace = (int)(armk_rnd(&rng) % 3 == 0);
        const int32_t K = 8 * armk_int(&rng, 17, 32);
        const int32_t OC = inplace ? K : 4 * armk_int(&rng, 1, 64);
        const int32_t smode = (int32_t)(armk_rnd(&rng) % 4);
        int32_t h, w, npix, j, n_in, n_out;
        mote_status sr, sa;
        memset(&p, 0, sizeof p);
        h = armk_int(&rng, 1, 5);
        w = armk_int(&rng, 1, 8);
        npix = h * w;
        armk_conv_pw_case(&rng, &p, &id, &fd, &od, h, w, K, OC);
        armk_conv_pw_quant(&rng, OC, smode, mult, shift, pw_bias);
        q.multiplier = mult;
        q.shift = shift;
        n_in = npix * K;
        n_out = npix * OC;
        for (j = 0; j < n_in; ++j)
            pw_in[j] = (int8_t)armk_rnd(&rng);
        for (j = 0; j < OC * K; ++j)
            pw_filt[j] = (int8_t)armk_rnd(&rng);
        memset(pw_ref, 0x11, sizeof pw_ref);
        sr = mote_ref_conv2d_s8(&p, &q, &id, pw_in, &fd, pw_filt, bias, &od, pw_ref);
        memset(pw_ref + n_out, 0xA5, PW_GUARD);
        if (sr != MOTE_OK || !mote_arm_conv2d_s8_fits(&p, &id, &fd, &od)) {
            pw_record(0, passed, failed, "not taken", i, K, OC, npix);
            continue;
        }
        /* the kernel, out of place (in place when K == OC) */
        memset(pw_out, 0x77, sizeof pw_out);
        if (inplace) memcpy(pw_out, pw_in, (size_t)n_in);
        memset(pw_out + n_out, 0xA5, PW_GUARD);
        sa = mote_arm_conv2d_s8(&p, &q, &id, inplace ? pw_out : pw_in, &fd, pw_filt, bias, &od,
                                pw_out, NULL);
        pw_record(sa == MOTE_OK && pw_same(n_out), passed, failed, inplace ? "in place" : "kernel",
                  i, K, OC, npix);
        /* the row the plan gives the step */
        memset(pw_out, 0x77, sizeof pw_out);
        if (inplace) memcpy(pw_out, pw_in, (size_t)n_in);
        memset(pw_out + n_out, 0xA5, PW_GUARD);
        sa = pw_row(&p, &id, &fd, &od, mult, shift, inplace ? pw_out : pw_in, bias, pw_out);
        pw_record(sa == MOTE_OK && pw_same(n_out), passed, failed,
                  inplace ? "arm_dsp_pw4_ip row" : "arm_dsp_pw4 row", i, K, OC, npix);
    }
    printf("conv2d_s8 pw4 (K 136..256): %d passed, %d failed\n", *passed - p0, *failed - f0);
    pw_chunk_cases(2 * n_cases + 1, passed, failed);
    pw_room_cases(8 * n_cases + 1, passed, failed);
}
