/*
 * cases_vdw2.c — random cases of the pointwise four-pixel blocks' five-pixel
 * last block (conv2d_s8_pw4_dsp.c, pw5_chan: a chunk whose pixels are 1
 * mod 4, and the chunk of one pixel more than the buffer's whole blocks),
 * against mote_ref_conv2d_s8, byte for byte: pixel counts 4m + 1 (5 to
 * 37) and a few others, K from 136 to 256, out of place and in place
 * (K == OC), per-channel shifts from +2 to -31 (folded zero point, zero
 * point after the shift, the accumulators and the general output stage
 * above -2), NULL biases, activation ranges, inputs and filters at the
 * int8 extremes. Guard bytes after the output catch writes past it. The
 * buffers are cases_pw.c's (the files run one after another).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"
#include "armk_rand.h"
#include "cases_bufs.h"

int armk_cases_vdw2(int n_cases, int *passed, int *failed);

#if defined(__ARM_FEATURE_DSP)

#define v2_in (armk_cases.pw.in)
#define v2_filt (armk_cases.pw.filt)
#define v2_ref (armk_cases.pw.ref)
#define v2_out (armk_cases.pw.out)
#define v2_bias (armk_cases.pw.bias)

int armk_cases_vdw2(int n_cases, int *passed, int *failed)
{
    static int32_t mult[PW_MAXK];
    static int8_t shift[PW_MAXK];
    armk_rng rng = {0x2545f491u};
    int p0 = *passed, f0 = *failed;
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        const int32_t *bias = armk_int(&rng, 0, 5) == 0 ? NULL : v2_bias;
        const int inplace = armk_int(&rng, 0, 2) == 0;
        const int extreme = armk_int(&rng, 0, 4) == 0;
        const int32_t K = armk_int(&rng, 0, 2) == 0 ? 256 : 8 * armk_int(&rng, 17, 32);
        const int32_t OC = inplace ? K : 4 * armk_int(&rng, 1, 64);
        const int32_t smode = armk_int(&rng, 0, 3);
        int32_t npix, j, a, b, n_in, n_out;
        mote_status sr;
        int ok;
        memset(&p, 0, sizeof p);
        npix = armk_int(&rng, 0, 7) == 0 ? armk_int(&rng, 1, PW_MAXPIX) : 4 * armk_int(&rng, 1, 9) + 1;
        id.n = od.n = 1;
        id.h = od.h = npix % 3 == 0 ? 3 : 1;
        id.w = od.w = npix / id.h;
        id.c = fd.c = K;
        fd.n = od.c = OC;
        fd.h = fd.w = 1;
        p.geom.stride_h = p.geom.stride_w = 1;
        p.geom.dilation_h = p.geom.dilation_w = 1;
        p.input_offset = -armk_int(&rng, -128, 127);
        p.output_offset = armk_int(&rng, -128, 127);
        a = armk_int(&rng, -128, 127);
        b = armk_int(&rng, -128, 127);
        switch (armk_int(&rng, 0, 2)) {
        case 0: p.act_min = -128; p.act_max = 127; break;
        case 1: p.act_min = a < b ? a : b; p.act_max = a < b ? b : a; break;
        default: p.act_min = a; p.act_max = 127; break;
        }
        for (j = 0; j < OC; ++j) {
            mult[j] = armk_int(&rng, 0, 31) == 0 ? (1 << 30)
                                                : (int32_t)((1u << 30) | (armk_rnd(&rng) >> 2));
            if (smode == 0)
                shift[j] = (int8_t)armk_int(&rng, -12, -4);
            else if (smode == 1)
                shift[j] = (int8_t)armk_int(&rng, -31, -20);
            else if (smode == 2)
                shift[j] = (int8_t)armk_int(&rng, -6, 2);
            else
                shift[j] = (int8_t)armk_int(&rng, -31, 2);
            v2_bias[j] = armk_int(&rng, 0, 3) == 0 ? (int32_t)armk_rnd(&rng) >> 10
                                                   : armk_int(&rng, -20000, 20000);
        }
        q.multiplier = mult;
        q.shift = shift;
        n_in = npix * K;
        n_out = npix * OC;
        armk_fill_s8(&rng, v2_in, n_in, extreme);
        armk_fill_s8(&rng, v2_filt, OC * K, extreme);
        memset(v2_ref, 0x11, sizeof v2_ref);
        sr = mote_ref_conv2d_s8(&p, &q, &id, v2_in, &fd, v2_filt, bias, &od, v2_ref);
        memset(v2_ref + n_out, 0xA5, PW_GUARD);
        memset(v2_out, 0x77, sizeof v2_out);
        if (inplace) memcpy(v2_out, v2_in, (size_t)n_in);
        memset(v2_out + n_out, 0xA5, PW_GUARD);
        mote_arm_conv_pw4(&p, &q, K, OC, npix, inplace ? v2_out : v2_in, v2_out, v2_filt, bias);
        ok = sr == MOTE_OK && memcmp(v2_ref, v2_out, (size_t)(n_out + PW_GUARD)) == 0;
        if (ok) {
            ++*passed;
        } else {
            ++*failed;
            if (*failed - f0 <= 5)
                printf("FAIL conv2d_s8 pw4 five-pixel block: case %d K %ld OC %ld pixels %ld%s\n",
                       i, (long)K, (long)OC, (long)npix, inplace ? " in place" : "");
        }
    }
    printf("conv2d_s8 pw4 five-pixel blocks (vdw2): %d passed, %d failed\n", *passed - p0,
           *failed - f0);
    return *failed - f0;
}

#else
int armk_cases_vdw2(int n_cases, int *passed, int *failed)
{
    (void)n_cases;
    (void)passed;
    (void)failed;
    return 0;
}
#endif
