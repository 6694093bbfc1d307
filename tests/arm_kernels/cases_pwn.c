/*
 * cases_pwn.c — random cases of the arm_dsp_pwn row (conv2d_s8_pwn_dsp.c:
 * pointwise on at most 16 pixels, 64 <= K <= 256, K % 8 == 0, OC % 4 == 0,
 * out of place, in the arena room the planner records in the block),
 * against mote_ref_conv2d_s8, byte for byte: planes of 2..36 pixels (pairs
 * and a lone last pixel; one pixel through the kernel alone, not the row's;
 * past 16 pixels with few zero rows the row runs arm_dsp_pw / arm_dsp_pw4), K over the whole range (one or two passes of the
 * 32-group run, entered part way, the widening entered part way), OC up to
 * 256; shifts in the output stage's range and at its edges (-1, -23) and
 * outside it (-24, 0, above: the rule's path runs instead), biases at
 * +-2^29 and just past, multipliers 0, 2^30, INT32_MAX; activation
 * ranges full or not; filter rows all zero (most of them, as VWW's 3x3
 * layers have, or some; with VWW's biases near +-2^30 and shifts -24 ..
 * -31, or now and then one byte left: live), zero multipliers; no room, a room not word aligned (the output at an
 * odd address), a filter not word aligned, the pixel-chunk row's own
 * smaller room (choice 2: one chunk of its own): the rule's path. The room
 * starts as garbage; guard bytes after the output and after the room's
 * words catch writes past them. Also: the row's fits at its limits (1 and 17
 * pixels, K 56 / 264 / not % 8, OC % 4 != 0, in place) and the room size
 * it asks for. On the M55 each case also through the arm_mve_pwn row.
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

int armk_cases_pwn(int n_cases, int *passed, int *failed);

/* The buffers: cases_pw.c's (cases_bufs.h), the room of its own. */
#define pn_in (armk_cases.pw.in)
#define pn_filt (armk_cases.pw.filt)
#define pn_ref (armk_cases.pw.ref)
#define pn_out (armk_cases.pw.out)
#define pn_bias (armk_cases.pw.bias)
#define pn_step (armk_cases.pw.step)
#define PN_ROOM_WORDS (7 * 256 + 128 * MOTE_ARM_PWN_MAX_PIX + 256 + 64)
#if PW_MAXPIX < MOTE_ARM_PWN_MAX_PIX
#error "cases_pw.c's buffers hold fewer pixels than the row takes"
#endif
static int32_t pn_room[PN_ROOM_WORDS + 4 + PW_GUARD / 4];

static armk_rng rng = {0x2545f491u};

static void pn_record(int ok, int *passed, int *failed, const char *what, int i, int32_t K,
                      int32_t OC, int32_t npix)
{
    if (ok) {
        ++*passed;
        return;
    }
    ++*failed;
    if (*failed <= 5)
        printf("FAIL conv2d_s8 pwn %s: case %d K %ld OC %ld pixels %ld\n", what, i, (long)K,
               (long)OC, (long)npix);
}

/* The room's words (conv2d_s8_pwn_dsp.c): its own, or the pixel-chunk
 * row's in one chunk (K <= 128) when that is more. */
static int32_t pn_words(int32_t K, int32_t OC, int32_t npix)
{
    const int32_t own = 7 * OC + K / 2 * npix + K + OC / 4;
    const int32_t pw = K <= 128 ? mote_arm_pw_room_words(K, npix, 1) : 0;
    return own > pw ? own : pw;
}

/* The row's fits at its limits, and the room it asks for. */
static void pn_fits_cases(int *passed, int *failed)
{
    /* fits: the shape is the row's (K, OC), the pixel count aside */
    static const struct {
        int32_t h, w, K, OC, fits;
    } t[] = {{3, 3, 128, 256, 1}, {3, 3, 256, 256, 1}, {1, 1, 64, 4, 1},   {4, 4, 256, 4, 1},
             {1, 16, 136, 8, 1},  {16, 1, 64, 12, 1},  {37, 1, 128, 8, 1}, {6, 7, 128, 8, 1},
             {6, 6, 128, 128, 1}, {36, 1, 256, 4, 1},  {1, 36, 64, 8, 1},  {3, 13, 64, 8, 1},
             {3, 3, 56, 8, 0},    {3, 3, 264, 8, 0},   {3, 3, 132, 8, 0},  {3, 3, 128, 6, 0},
             {3, 3, 16, 8, 0},    {2, 2, 8, 8, 0},     {1, 2, 64, 4, 1},   {1, 1, 128, 32, 1},
             {4, 5, 128, 64, 1},  {1, 17, 64, 16, 1}};
    mote_conv_s8_params p;
    mote_dims id, fd, od;
    int32_t mult[256];
    int8_t shift[256];
    unsigned j;
    memset(&p, 0, sizeof p);
    memset(mult, 0, sizeof mult);
    memset(shift, 0, sizeof shift);
    for (j = 0; j < sizeof t / sizeof t[0]; ++j) {
        mote_conv_s8_step *s;
        uint32_t bytes;
        int32_t k;
        int ok;
        armk_conv_pw_case(&rng, &p, &id, &fd, &od, t[j].h, t[j].w, t[j].K, t[j].OC);
        s = (mote_conv_s8_step *)(void *)armk_conv_step(pn_step, sizeof pn_step, &p, &id, &fd, &od,
                                                        mult, shift);
        const int32_t npix = t[j].h * t[j].w;
        const int fits = t[j].fits && npix >= 2 && npix <= MOTE_ARM_PWN_MAX_PIX;
        ok = !mote_arm_conv_pwn_fits(s) == !fits;
        bytes = mote_arm_pwn_room_bytes(s, 1);
        ok = ok && bytes == (fits ? 4u * (uint32_t)pn_words(t[j].K, t[j].OC, npix) : 0u);
        for (k = 2; k <= 12; ++k) { /* then the pixel-chunk row's own choices */
            const int32_t words = mote_arm_pw_room_words(t[j].K, npix, k - 1);
            const uint32_t want = fits && t[j].K <= 128 && k <= 11 &&
                                          words / t[j].K * 2 - 2 > mote_arm_pw_stack_pixels(t[j].K)
                                      ? 4u * (uint32_t)words
                                      : 0u;
            ok = ok && mote_arm_pwn_room_bytes(s, k) == want;
        }
        pn_record(ok, passed, failed, "fits / room size", (int)j, t[j].K, t[j].OC, npix);
    }
    /* in place: the step refuses it (the _ip rows, listed first, take it) */
    armk_conv_pw_case(&rng, &p, &id, &fd, &od, 3, 3, 128, 128);
    pn_record(armk_conv_run(mote_arm_conv_pwn_step,
                            armk_conv_step(pn_step, sizeof pn_step, &p, &id, &fd, &od, mult, shift),
                            pn_out, pn_filt, NULL, pn_out, NULL) == MOTE_E_ARG,
              passed, failed, "in place refused", 0, 128, 128, 9);
#if defined(__ARM_FEATURE_MVE)
    { /* the Helium side runs it through arm_mve (no in-place row before it on the M55) */
        mote_requant q;
        int32_t x;
        q.multiplier = mult;
        q.shift = shift;
        for (x = 0; x < 128; ++x) {
            mult[x] = 1 << 30;
            shift[x] = -8;
        }
        for (x = 0; x < 9 * 128; ++x)
            pn_in[x] = (int8_t)armk_rnd(&rng);
        for (x = 0; x < 128 * 128; ++x)
            pn_filt[x] = (int8_t)(x % 3 == 0 ? armk_rnd(&rng) : 0);
        memset(pn_ref, 0x11, sizeof pn_ref);
        (void)mote_ref_conv2d_s8(&p, &q, &id, pn_in, &fd, pn_filt, NULL, &od, pn_ref);
        memcpy(pn_out, pn_in, 9 * 128);
        pn_record(
            armk_conv_run(mote_mve_conv_pwn_step,
                          armk_conv_step(pn_step, sizeof pn_step, &p, &id, &fd, &od, mult, shift),
                          pn_out, pn_filt, NULL, pn_out, NULL) == MOTE_OK &&
                memcmp(pn_ref, pn_out, 9 * 128) == 0,
            passed, failed, "arm_mve_pwn in place", 0, 128, 128, 9);
    }
#endif
}

int armk_cases_pwn(int n_cases, int *passed, int *failed)
{
    static int32_t mult[256];
    static int8_t shift[256];
    int p0 = *passed, f0 = *failed, roomed = 0, direct = 0, mve = 0;
    int i;
    pn_fits_cases(passed, failed);
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        mote_conv_s8_step *s;
        const int32_t *bias = armk_rnd(&rng) % 8 == 0 ? NULL : pn_bias;
        const int32_t K = 8 * armk_int(&rng, 8, 32);
        /* OC 4 and 8 one time in four: the constant channels' forward copy
         * overlaps itself within a word pair */
        const int32_t OC = 4 * armk_int(&rng, 1, armk_rnd(&rng) % 4 == 0 ? 2 : 64);
        const int32_t mode = (int32_t)(armk_rnd(&rng) % 16);
        /* 1: most rows zero (VWW), 2: some */
        const int32_t dead = (int32_t)(armk_rnd(&rng) % 3);
        /* 0: no room, 1: room not word aligned, 2: filter not aligned */
        const int32_t xo = mode == 1 ? armk_int(&rng, 1, 3) : 0;
        const int32_t fo =
            mode == 2 && OC * K + 3 <= (int32_t)sizeof pn_filt ? armk_int(&rng, 1, 3) : 0;
        int8_t *const out = pn_out + xo;
        int8_t *const filt = pn_filt + fo;
        int32_t h, w, npix, j, n_out, words, tag;
        uint8_t *room;
        mote_status sr, sa;
        int ok;
        memset(&p, 0, sizeof p);
        npix = armk_int(&rng, 1, armk_rnd(&rng) % 2 ? MOTE_ARM_PWN_FEW_PIX : MOTE_ARM_PWN_MAX_PIX);
        if (armk_rnd(&rng) % 4 == 0) npix = armk_rnd(&rng) % 2 ? 9 : 36;
        h = armk_int(&rng, 1, npix);
        while (npix % h != 0)
            --h;
        w = npix / h;
        armk_conv_pw_case(&rng, &p, &id, &fd, &od, h, w, K, OC);
        if (armk_rnd(&rng) % 2 == 0) { /* VWW's range */
            p.act_min = -128;
            p.act_max = 127;
        }
        armk_conv_pw_quant(&rng, OC, armk_rnd(&rng) % 8 == 0 ? (int32_t)(armk_rnd(&rng) % 4) : 0,
                           mult, shift, pn_bias);
        if (armk_rnd(&rng) % 4 == 0) { /* the stage's edges, now and then past them */
            for (j = 0; j < OC; ++j) {
                const uint32_t r = armk_rnd(&rng) % 64;
                if (r == 0) shift[j] = -1;
                if (r == 1) shift[j] = -23;
                if (r == 2) pn_bias[j] = 1 << 29;
                if (r == 3) pn_bias[j] = -(1 << 29);
                if (r == 4) mult[j] = 0;
                if (r == 5) mult[j] = INT32_MAX;
                if (r == 6) mult[j] = 1 << 30;
                if (r == 7 && armk_rnd(&rng) % 32 == 0) shift[j] = -24;
                if (r == 8 && armk_rnd(&rng) % 32 == 0) pn_bias[j] = (1 << 29) + 1;
                if (r == 9 && armk_rnd(&rng) % 32 == 0) pn_bias[j] = -(1 << 29) - 1;
                if (r == 10 && armk_rnd(&rng) % 32 == 0) shift[j] = 0;
            }
        }
        q.multiplier = mult;
        q.shift = shift;
        n_out = npix * OC;
        for (j = 0; j < npix * K; ++j)
            pn_in[j] = (int8_t)armk_rnd(&rng);
        for (j = 0; j < OC * K; ++j)
            filt[j] = (int8_t)armk_rnd(&rng);
        if (dead != 0) /* all-zero rows (VWW's dead channels), as the model has them */
            for (j = 0; j < OC; ++j) {
                const uint32_t r = armk_rnd(&rng) % 8;
                if (dead == 1 ? r < 7 : r < 2) {
                    memset(filt + j * K, 0, (size_t)K);
                    if (dead == 2 && armk_rnd(&rng) % 64 == 0) /* now and then one byte left */
                        filt[j * K + (int32_t)(armk_rnd(&rng) % (uint32_t)K)] = 1;
                    if (j < OC && bias != NULL && armk_rnd(&rng) % 4 != 0)
                        pn_bias[j] =
                            (armk_rnd(&rng) % 2 ? 1 : -1) * ((1 << 30) - armk_int(&rng, 0, 200));
                    if (armk_rnd(&rng) % 4 != 0) shift[j] = (int8_t)armk_int(&rng, -31, -24);
                } else if (r == 7 && armk_rnd(&rng) % 32 == 0) {
                    mult[j] = 0; /* a live row with a zero multiplier: constant too */
                    shift[j] = (int8_t)armk_int(&rng, -31, 1);
                }
            }
        memset(pn_ref, 0x11, sizeof pn_ref);
        sr = mote_ref_conv2d_s8(&p, &q, &id, pn_in, &fd, filt, bias, &od, pn_ref);
        memset(pn_ref + n_out, 0xA5, PW_GUARD);
        s = (mote_conv_s8_step *)(void *)armk_conv_step(pn_step, sizeof pn_step, &p, &id, &fd, &od,
                                                        mult, shift);
        if (sr != MOTE_OK || !mote_arm_conv_pwn_fits(s) != (npix < 2)) {
            pn_record(0, passed, failed, "not taken", i, K, OC, npix);
            continue;
        }
        /* the room as the planner gives it: a 16-byte offset from the output */
        memset(pn_room, 0x5A, sizeof pn_room);
        room = (uint8_t *)pn_room + (((uintptr_t)out - (uintptr_t)pn_room) & 15u);
        words = pn_words(K, OC, npix);
        tag = mode == 0 ? 1 : (int32_t)(room - (uint8_t *)out) + 5;
        if (mode == 15 && K <= 128 && mote_arm_pwn_room_bytes(s, 2) != 0) {
            /* the pixel-chunk row's room in one chunk: that row runs */
            tag += 1;
            words = mote_arm_pw_room_words(K, npix, 1);
        }
        if (mode >= 3) ++roomed;
        s->p.depth_multiplier = tag;
        memset(pn_out, 0x77, sizeof pn_out);
        memset(out + n_out, 0xA5, PW_GUARD);
        /* one pixel: not the row's (the kernel takes it below) */
        sa = npix < 2 ? MOTE_OK
                      : armk_conv_run(mote_arm_conv_pwn_step, s, pn_in, filt, bias, out, NULL);
        ok = sa == MOTE_OK && (npix < 2 || armk_conv_same(pn_ref, out, n_out, PW_GUARD));
        for (j = 0; j < PW_GUARD; ++j)
            if (room[4 * words + j] != 0x5A) ok = 0;
        pn_record(ok, passed, failed, mode == 0 ? "no room" : "arm_dsp_pwn row", i, K, OC, npix);
        if (mode >= 3 && fo == 0) { /* the kernel itself: does it take the case? */
            memset(pn_out, 0x77, sizeof pn_out);
            memset(out + n_out, 0xA5, PW_GUARD);
            if (mote_arm_conv_pwn(&p, &q, K, OC, npix, pn_in, out, filt, bias,
                                  (int32_t *)(void *)room)) {
                ++direct;
                pn_record(armk_conv_same(pn_ref, out, n_out, PW_GUARD), passed, failed,
                          "arm_dsp_pwn kernel", i, K, OC, npix);
            }
        }
#if defined(__ARM_FEATURE_MVE)
        if (npix >= 2) { /* the Helium side (arm_mve_pwn), its own room when it has one */
            const uint32_t mb = mote_mve_pwn_room_bytes(s, 1);
            memset(pn_room, 0x5A, sizeof pn_room);
            s->p.depth_multiplier = mode == 0 ? 1 : (int32_t)(room - (uint8_t *)out) + 5;
            memset(pn_out, 0x77, sizeof pn_out);
            memset(out + n_out, 0xA5, PW_GUARD);
            sa = armk_conv_run(mote_mve_conv_pwn_step, s, pn_in, filt, bias, out, NULL);
            ok = sa == MOTE_OK && armk_conv_same(pn_ref, out, n_out, PW_GUARD);
            for (j = 0; j < PW_GUARD; ++j)
                if (room[mb + (uint32_t)j] != 0x5A) ok = 0;
            if (mode >= 1 && xo == 0 && fo == 0 && dead != 0) ++mve;
            pn_record(ok, passed, failed, "arm_mve_pwn row", i, K, OC, npix);
        }
#endif
    }
#if defined(__ARM_FEATURE_MVE)
    printf("conv2d_s8 pointwise few pixels, Helium (arm_mve_pwn): %d cases with room and zero "
           "rows\n",
           mve);
    if (mve == 0) ++*failed;
#else
    (void)mve;
#endif
    printf("conv2d_s8 pointwise few pixels (arm_dsp_pwn, K 64..256): %d passed, %d failed (%d "
           "with room, %d taken by the kernel)\n",
           *passed - p0, *failed - f0, roomed, direct);
    if (direct == 0) ++*failed;
    return *failed - f0;
}
