/*
 * dsp_driver.c — exposes each src/dsp function to tests/dsp/test_dsp.py.
 *
 * usage: dsp_driver OP ARGS... < input > output
 * Input and output are raw little-endian arrays (the host's layout); the
 * operations and their layouts are listed in usage() below. Exit status 0
 * on success, 1 when the function returned an error (its status is printed
 * on stderr), 2 on bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/dsp.h"
#include "kws_features.h"

static unsigned char in_buf[1 << 22];
static size_t in_len;
static unsigned char out_buf[1 << 22];
static uint64_t mem[1 << 16];

static void usage(void)
{
    fputs("ops (stdin -> stdout):\n"
          "  window_f32 N KIND PERIODIC           -> f32[N]\n"
          "  window_q15 N KIND PERIODIC           -> i16[N]\n"
          "  window_q31 N KIND PERIODIC           -> i32[N]\n"
          "  frames_f32 NS LEN STEP OUTLEN        f32[NS] f32[LEN] -> f32[count*OUTLEN]\n"
          "  frames_q15 NS LEN STEP OUTLEN        i16[NS] i16[LEN] -> i16[count*OUTLEN]\n"
          "  rfft_f32 N                            f32[N] -> f32[N+2]\n"
          "  rfft_s16 N                            i16[N] -> i32 exp, i32[N+2]\n"
          "  rfft_s32 N                            i32[N] -> i32 exp, i32[N+2]\n"
          "  mag_f32 B | pow_f32 B                 f32[2B] -> f32[B]\n"
          "  mag_s32 B                             i32[2B] -> u32[B]\n"
          "  pow_s32 B EXP                         i32[2B] -> i32 exp, u32[B]\n"
          "  mel_matrix NBINS NMEL SR LO HI        -> f32[NBINS*NMEL]\n"
          "  mel_f32 NBINS NMEL SR LO HI           f32[NBINS] -> f32[NMEL]\n"
          "  mel_u32 NBINS NMEL SR LO HI EXP       u32[NBINS] -> i32 exp, u32[NMEL]\n"
          "  log_f32 OFFSET                        f32[n] -> f32[n]\n"
          "  log_q16 EXP OFFM OFFE                 u32[n] -> i32[n]\n"
          "  dct_f32 NOUT NIN | dct_q16 NOUT NIN   rows of f32/i32[NIN] -> rows of [NOUT]\n"
          "  quant_f32 SCALE ZP | quant_q16 SCALE ZP  f32/i32[n] -> i8[n]\n"
          "  slaney_mel_matrix | slaney_mel_f32 ...  as mel_*, librosa's Slaney filterbank\n"
          "  image_resize SW SH C DW DH            u8[SW*SH*C] -> u8[DW*DH*C]\n"
          "  image_crop W H C X0 Y0 CW CH          u8[W*H*C] -> u8[CW*CH*C]\n"
          "  image_gray2rgb | image_rgb2gray       u8[n] -> u8[3n] | u8[3n] -> u8[n]\n"
          "  kws_f32 | kws_s16                     i16[16000] -> f32/i32 mfcc[490], log_mel[1960]\n",
          stderr);
}

static int fail(mote_status s)
{
    fprintf(stderr, "dsp_driver: status %d\n", (int)s);
    return 1;
}

static void write_out(const void *p, size_t bytes)
{
    fwrite(p, 1, bytes, stdout);
}

static long argl(char **argv, int i)
{
    return strtol(argv[i], NULL, 10);
}

static float argf(char **argv, int i)
{
    return (float)strtod(argv[i], NULL);
}

static int op_frames(int argc, char **argv, int q15)
{
    size_t ns, len, step, outlen, count, t, es = q15 ? 2 : 4;
    if (argc != 6) return 2;
    ns = (size_t)argl(argv, 2);
    len = (size_t)argl(argv, 3);
    step = (size_t)argl(argv, 4);
    outlen = (size_t)argl(argv, 5);
    if (in_len != (ns + len) * es) return 2;
    count = mote_dsp_frame_count(ns, len, step);
    for (t = 0; t < count; t++) {
        mote_status s;
        if (q15)
            s = mote_dsp_frame_q15((const int16_t *)(void *)in_buf, ns, len, step, t,
                                   (const int16_t *)(void *)(in_buf + ns * 2),
                                   (int16_t *)(void *)out_buf, outlen);
        else
            s = mote_dsp_frame_f32((const float *)(void *)in_buf, ns, len, step, t,
                                   (const float *)(void *)(in_buf + ns * 4),
                                   (float *)(void *)out_buf, outlen);
        if (s != MOTE_OK) return fail(s);
        write_out(out_buf, outlen * es);
    }
    return 0;
}

static int op_mel(int argc, char **argv, const char *op)
{
    mote_dsp_mel m;
    size_t nb, nm, k, j;
    mote_status s;
    if (argc < 7) return 2;
    nb = (size_t)argl(argv, 2);
    nm = (size_t)argl(argv, 3);
    if (strncmp(op, "slaney_", 7) == 0) {
        op += 7; /* slaney_mel_matrix, slaney_mel_f32: librosa's filterbank */
        s = mote_dsp_mel_init_slaney(&m, nb, nm, argf(argv, 4), argf(argv, 5), argf(argv, 6),
                                     mem, sizeof mem);
    } else {
        s = mote_dsp_mel_init(&m, nb, nm, argf(argv, 4), argf(argv, 5), argf(argv, 6), mem,
                              sizeof mem);
    }
    if (s != MOTE_OK) return fail(s);
    if (strcmp(op, "mel_matrix") == 0) {
        float *o = (float *)(void *)out_buf;
        for (k = 0; k < nb; k++)
            for (j = 0; j < nm; j++)
                o[k * nm + j] = mote_dsp_mel_weight(&m, k, j);
        write_out(o, nb * nm * 4);
    } else if (strcmp(op, "mel_f32") == 0) {
        if (in_len != nb * 4) return 2;
        s = mote_dsp_mel_apply_f32(&m, (const float *)(void *)in_buf, (float *)(void *)out_buf);
        if (s != MOTE_OK) return fail(s);
        write_out(out_buf, nm * 4);
    } else {
        int32_t e;
        if (argc != 8 || in_len != nb * 4) return 2;
        s = mote_dsp_mel_apply_u32(&m, (const uint32_t *)(void *)in_buf, (int32_t)argl(argv, 7),
                                   (uint32_t *)(void *)out_buf, &e);
        if (s != MOTE_OK) return fail(s);
        write_out(&e, 4);
        write_out(out_buf, nm * 4);
    }
    return 0;
}

static int op_dct(int argc, char **argv, int q)
{
    size_t nout, nin, rows, r;
    mote_status s;
    if (argc != 4) return 2;
    nout = (size_t)argl(argv, 2);
    nin = (size_t)argl(argv, 3);
    if (nin == 0 || in_len % (nin * 4) != 0) return 2;
    rows = in_len / (nin * 4);
    s = q ? mote_dsp_dct_table_q15((int16_t *)mem, nout, nin)
          : mote_dsp_dct_table_f32((float *)(void *)mem, nout, nin);
    if (s != MOTE_OK) return fail(s);
    for (r = 0; r < rows; r++) {
        if (q)
            s = mote_dsp_dct_apply_q16((const int16_t *)mem, nout, nin,
                                       (const int32_t *)(void *)in_buf + r * nin,
                                       (int32_t *)(void *)out_buf);
        else
            s = mote_dsp_dct_apply_f32((const float *)(void *)mem, nout, nin,
                                       (const float *)(void *)in_buf + r * nin,
                                       (float *)(void *)out_buf);
        if (s != MOTE_OK) return fail(s);
        write_out(out_buf, nout * 4);
    }
    return 0;
}

static int op_kws(int fixed)
{
    static kws_frontend fe;
    static float mfcc[KWS_FRAMES * KWS_MFCC], lm[KWS_FRAMES * KWS_MEL];
    static int32_t mfcc_q[KWS_FRAMES * KWS_MFCC], lm_q[KWS_FRAMES * KWS_MEL];
    mote_status s;
    if (in_len != KWS_CLIP * 2) return 2;
    if ((s = kws_frontend_init(&fe)) != MOTE_OK) return fail(s);
    if (fixed) {
        s = kws_features_s16(&fe, (const int16_t *)(void *)in_buf, mfcc_q, lm_q);
        if (s != MOTE_OK) return fail(s);
        write_out(mfcc_q, sizeof mfcc_q);
        write_out(lm_q, sizeof lm_q);
    } else {
        s = kws_features_f32(&fe, (const int16_t *)(void *)in_buf, mfcc, lm);
        if (s != MOTE_OK) return fail(s);
        write_out(mfcc, sizeof mfcc);
        write_out(lm, sizeof lm);
    }
    return 0;
}

static int op_image(int argc, char **argv);

static int run(int argc, char **argv)
{
    const char *op = argv[1];
    mote_status s = MOTE_OK;
    size_t n;
    if (strncmp(op, "window_", 7) == 0 && argc == 5) {
        mote_dsp_window_kind kind = (mote_dsp_window_kind)argl(argv, 3);
        int periodic = (int)argl(argv, 4), q15 = strcmp(op + 7, "q15") == 0;
        n = (size_t)argl(argv, 2);
        if (q15)
            s = mote_dsp_window_q15((int16_t *)(void *)out_buf, n, kind, periodic);
        else if (strcmp(op + 7, "q31") == 0)
            s = mote_dsp_window_q31((int32_t *)(void *)out_buf, n, kind, periodic);
        else
            s = mote_dsp_window_f32((float *)(void *)out_buf, n, kind, periodic);
        if (s != MOTE_OK) return fail(s);
        write_out(out_buf, n * (q15 ? 2u : 4u));
        return 0;
    }
    if (strcmp(op, "frames_f32") == 0) return op_frames(argc, argv, 0);
    if (strcmp(op, "frames_q15") == 0) return op_frames(argc, argv, 1);
    if (strcmp(op, "rfft_f32") == 0 && argc == 3) {
        mote_dsp_rfft_f32 p;
        n = (size_t)argl(argv, 2);
        if (in_len != n * 4) return 2;
        if ((s = mote_dsp_rfft_f32_init(&p, n, (float *)(void *)mem, sizeof mem / 4)) != MOTE_OK ||
            (s = mote_dsp_rfft_f32_run(&p, (const float *)(void *)in_buf,
                                       (float *)(void *)out_buf)) != MOTE_OK)
            return fail(s);
        write_out(out_buf, (n + 2) * 4);
        return 0;
    }
    if ((strcmp(op, "rfft_s16") == 0 || strcmp(op, "rfft_s32") == 0) && argc == 3) {
        mote_dsp_rfft_fx p;
        int32_t e;
        int wide = op[6] == '3';
        n = (size_t)argl(argv, 2);
        if (in_len != n * (wide ? 4u : 2u)) return 2;
        if ((s = mote_dsp_rfft_fx_init(&p, n, (int32_t *)(void *)mem, sizeof mem / 4)) != MOTE_OK)
            return fail(s);
        s = wide ? mote_dsp_rfft_fx_run_s32(&p, (const int32_t *)(void *)in_buf,
                                            (int32_t *)(void *)out_buf, &e)
                 : mote_dsp_rfft_fx_run_s16(&p, (const int16_t *)(void *)in_buf,
                                            (int32_t *)(void *)out_buf, &e);
        if (s != MOTE_OK) return fail(s);
        write_out(&e, 4);
        write_out(out_buf, (n + 2) * 4);
        return 0;
    }
    if ((strcmp(op, "mag_f32") == 0 || strcmp(op, "pow_f32") == 0) && argc == 3) {
        n = (size_t)argl(argv, 2);
        if (in_len != n * 8) return 2;
        s = op[0] == 'm' ? mote_dsp_magnitude_f32((const float *)(void *)in_buf, n,
                                                  (float *)(void *)out_buf)
                         : mote_dsp_power_f32((const float *)(void *)in_buf, n,
                                              (float *)(void *)out_buf);
        if (s != MOTE_OK) return fail(s);
        write_out(out_buf, n * 4);
        return 0;
    }
    if (strcmp(op, "mag_s32") == 0 && argc == 3) {
        n = (size_t)argl(argv, 2);
        if (in_len != n * 8) return 2;
        s = mote_dsp_magnitude_s32((const int32_t *)(void *)in_buf, n,
                                   (uint32_t *)(void *)out_buf);
        if (s != MOTE_OK) return fail(s);
        write_out(out_buf, n * 4);
        return 0;
    }
    if (strcmp(op, "pow_s32") == 0 && argc == 4) {
        int32_t e;
        n = (size_t)argl(argv, 2);
        if (in_len != n * 8) return 2;
        s = mote_dsp_power_s32((const int32_t *)(void *)in_buf, n, (int32_t)argl(argv, 3),
                               (uint32_t *)(void *)out_buf, &e);
        if (s != MOTE_OK) return fail(s);
        write_out(&e, 4);
        write_out(out_buf, n * 4);
        return 0;
    }
    if (strncmp(op, "mel_", 4) == 0 || strncmp(op, "slaney_mel_", 11) == 0) return op_mel(argc, argv, op);
    if (strcmp(op, "log_f32") == 0 && argc == 3) {
        n = in_len / 4;
        s = mote_dsp_log_f32((const float *)(void *)in_buf, n, argf(argv, 2),
                             (float *)(void *)out_buf);
        if (s != MOTE_OK) return fail(s);
        write_out(out_buf, n * 4);
        return 0;
    }
    if (strcmp(op, "log_q16") == 0 && argc == 5) {
        n = in_len / 4;
        s = mote_dsp_log_q16((const uint32_t *)(void *)in_buf, n, (int32_t)argl(argv, 2),
                             (uint64_t)strtoull(argv[3], NULL, 10), (int32_t)argl(argv, 4),
                             (int32_t *)(void *)out_buf);
        if (s != MOTE_OK) return fail(s);
        write_out(out_buf, n * 4);
        return 0;
    }
    if (strcmp(op, "dct_f32") == 0) return op_dct(argc, argv, 0);
    if (strcmp(op, "dct_q16") == 0) return op_dct(argc, argv, 1);
    if (strcmp(op, "quant_f32") == 0 && argc == 4) {
        n = in_len / 4;
        s = mote_dsp_quantize_f32_s8((const float *)(void *)in_buf, n, argf(argv, 2),
                                     (int32_t)argl(argv, 3), (int8_t *)out_buf);
        if (s != MOTE_OK) return fail(s);
        write_out(out_buf, n);
        return 0;
    }
    if (strcmp(op, "quant_q16") == 0 && argc == 4) {
        mote_dsp_quant_q16 q;
        n = in_len / 4;
        if ((s = mote_dsp_quant_q16_init(&q, argf(argv, 2), (int32_t)argl(argv, 3))) != MOTE_OK ||
            (s = mote_dsp_quantize_q16_s8(&q, (const int32_t *)(void *)in_buf, n,
                                          (int8_t *)out_buf)) != MOTE_OK)
            return fail(s);
        write_out(out_buf, n);
        return 0;
    }
    if (strcmp(op, "kws_f32") == 0) return op_kws(0);
    if (strcmp(op, "kws_s16") == 0) return op_kws(1);
    if (strncmp(op, "image_", 6) == 0) return op_image(argc, argv);
    return 2;
}

/* Image operations on u8 pixels (rows top-down, channels interleaved). */
static int op_image(int argc, char **argv)
{
    const char *op = argv[1];
    mote_status s;
    if (strcmp(op, "image_resize") == 0 && argc == 7) {
        size_t sw = (size_t)argl(argv, 2), sh = (size_t)argl(argv, 3), c = (size_t)argl(argv, 4);
        size_t dw = (size_t)argl(argv, 5), dh = (size_t)argl(argv, 6);
        if (in_len != sw * sh * c || dw * dh * c > sizeof out_buf) return 2;
        s = mote_dsp_image_resize_bilinear_u8(in_buf, sw, sh, c, out_buf, dw, dh);
        if (s != MOTE_OK) return fail(s);
        write_out(out_buf, dw * dh * c);
        return 0;
    }
    if (strcmp(op, "image_crop") == 0 && argc == 9) {
        size_t w = (size_t)argl(argv, 2), h = (size_t)argl(argv, 3), c = (size_t)argl(argv, 4);
        size_t cw = (size_t)argl(argv, 7), ch = (size_t)argl(argv, 8);
        if (in_len != w * h * c) return 2;
        s = mote_dsp_image_crop_u8(in_buf, w, h, c, (size_t)argl(argv, 5), (size_t)argl(argv, 6),
                                   cw, ch, out_buf);
        if (s != MOTE_OK) return fail(s);
        write_out(out_buf, cw * ch * c);
        return 0;
    }
    if (strcmp(op, "image_gray2rgb") == 0 && argc == 2) {
        if ((s = mote_dsp_image_gray_to_rgb_u8(in_buf, in_len, out_buf)) != MOTE_OK) return fail(s);
        write_out(out_buf, 3 * in_len);
        return 0;
    }
    if (strcmp(op, "image_rgb2gray") == 0 && argc == 2) {
        if (in_len % 3 != 0) return 2;
        s = mote_dsp_image_rgb_to_gray_u8(in_buf, in_len / 3, out_buf);
        if (s != MOTE_OK) return fail(s);
        write_out(out_buf, in_len / 3);
        return 0;
    }
    return 2;
}

int main(int argc, char **argv)
{
    int rc;
    if (argc < 2) {
        usage();
        return 2;
    }
    in_len = fread(in_buf, 1, sizeof in_buf, stdin);
    rc = run(argc, argv);
    if (rc == 2) usage();
    return rc;
}
