/*
 * cases_m55kws.c — random cases of the Helium depthwise kernel's one-row
 * path (mve_s8.c: mote_mve_depthwise_conv2d_s8_row, dw_row_mve,
 * dwrow16_asm / dwrow8_asm: OH == 1, 3x3 at dilation 1, stride 1 along
 * the row, C % 8 == 0, every shift <= 0, at most 7 pixels, each block's
 * window rows in a padded buffer) against mote_ref_depthwise_conv2d_s8,
 * byte for byte. Two kinds: the row calls themselves (one output row of
 * an input of 1 to 6 rows, its window anywhere: pad_h from 2 down to
 * -(IH - 1), as mote_arm_conv_rows gives them), and whole layers run in
 * place through the step (its ring, one row per call: KWS's 25x5x64
 * layers' shape among them). W 1 to 10 with pad_w 0 to 2 (rows of 1 to 7
 * pixels, and wider ones: the other paths),
 * C a multiple of 16, of 8 (the last block of eight) and a few others,
 * stride 2 along the row now and then (not this path), shifts from -31 to
 * 0 and some above 0 (not this path), NULL biases, activation ranges,
 * int8 extremes, batches of two. Guard bytes after the output catch
 * writes past it. The buffers are cases_pw.c's.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "armk_rand.h"
#include "cases_bufs.h"
#include "cases_conv_common.h"

int armk_cases_m55kws(int n_cases, int *passed, int *failed);

#if defined(__ARM_FEATURE_MVE) && defined(__ARM_FEATURE_DSP)
#include "kernels/arm/arm_mve.h"
#include "kernels/arm/arm_rows.h"
#include "kernels/kernel_table.h"

#define mk_in (armk_cases.pw.in)
#define mk_filt (armk_cases.pw.filt)
#define mk_ref (armk_cases.pw.ref)
#define mk_out (armk_cases.pw.out)
#define mk_bias (armk_cases.pw.bias)
#define mk_step (armk_cases.pw.step)

int armk_cases_m55kws(int n_cases, int *passed, int *failed)
{
    static int32_t mult[PW_MAXK];
    static int8_t shift[PW_MAXK];
    /* the ring: after the filter (at most 9 * 256 bytes) */
    int8_t *ring = mk_filt + 4096;
    armk_rng rng = {0x6b77735au};
    int p0 = *passed, f0 = *failed, taken = 0, inplace = 0;
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        const int ip = armk_int(&rng, 0, 2) == 0, extreme = armk_int(&rng, 0, 5) == 0;
        const int32_t *bias = armk_int(&rng, 0, 6) == 0 ? NULL : mk_bias;
        const int32_t smode = armk_int(&rng, 0, 4);
        int32_t n_in, n_out, rsh_only;
        mote_status sr, sa;
        int ok;
        memset(&p, 0, sizeof p);
        id.n = od.n = !ip && armk_int(&rng, 0, 7) == 0 ? 2 : 1;
        fd.n = 1;
        id.c = armk_int(&rng, 0, 9) == 0   ? armk_int(&rng, 1, 40)
               : armk_int(&rng, 0, 2) == 0 ? 8 * armk_int(&rng, 1, 16)
                                           : 16 * armk_int(&rng, 1, 8);
        od.c = fd.c = id.c;
        fd.h = fd.w = 3;
        p.depth_multiplier = 1;
        p.geom.dilation_h = p.geom.dilation_w = 1;
        p.geom.stride_w = armk_int(&rng, 0, 7) == 0 ? 2 : 1;
        p.geom.pad_w = armk_int(&rng, 0, 3) == 0 ? armk_int(&rng, 0, 2) : 1;
        id.w = armk_int(&rng, 1, 10);
        od.w = (id.w + 2 * p.geom.pad_w - 3) / p.geom.stride_w + 1;
        if (id.w + 2 * p.geom.pad_w < 3 || od.w < 1) {
            --i;
            continue;
        }
        if (ip) {
            /* a layer in place: SAME along the rows, the row's width kept */
            id.h = armk_int(&rng, 0, 3) == 0 ? 25 : armk_int(&rng, 1, 8);
            if (od.w != id.w || 2 * id.h * id.w * id.c > 4096 + 4096) {
                --i;
                continue;
            }
            p.geom.stride_h = 1;
            p.geom.pad_h = 1;
            od.h = id.h;
        } else {
            /* one output row: the window's first row y0 = -pad_h */
            id.h = armk_int(&rng, 1, 6);
            p.geom.stride_h = armk_int(&rng, 1, 2);
            p.geom.pad_h = armk_int(&rng, 0, 4) == 0 ? 2 : 1 - armk_int(&rng, 0, id.h);
            od.h = 1;
        }
        n_in = id.n * id.h * id.w * id.c;
        n_out = od.n * od.h * od.w * od.c;
        if (n_in > (int32_t)sizeof mk_in || n_out + PW_GUARD > (int32_t)sizeof mk_out ||
            (ip && n_in + PW_GUARD > (int32_t)sizeof mk_out)) {
            --i;
            continue;
        }
        rsh_only = armk_conv_dw_quant(&rng, &p, id.c, smode, mult, shift, mk_bias);
        q.multiplier = mult;
        q.shift = shift;
        armk_fill_s8(&rng, mk_in, n_in, extreme);
        armk_fill_s8(&rng, mk_filt, 9 * id.c, extreme);
        memset(mk_ref, 0x11, sizeof mk_ref);
        sr = mote_ref_depthwise_conv2d_s8(&p, &q, &id, mk_in, &fd, mk_filt, bias, &od, mk_ref);
        memset(mk_ref + n_out, ARMK_GUARD_BYTE, PW_GUARD);
        memset(mk_out, 0x77, sizeof mk_out);
        memset(mk_out + n_out, ARMK_GUARD_BYTE, PW_GUARD);
        if (ip) {
            const mote_conv_s8_step *s =
                armk_conv_step(mk_step, sizeof mk_step, &p, &id, &fd, &od, mult, shift);
            memcpy(mk_out, mk_in, (size_t)n_in);
            sa = armk_conv_run(mote_mve_depthwise_conv2d_s8_step, s, mk_out, mk_filt, bias, mk_out,
                               ring);
            ++inplace;
        } else {
            sa = mote_mve_depthwise_conv2d_s8_row(&p, &q, &id, mk_in, &fd, mk_filt, bias, &od,
                                                  mk_out);
        }
        ok = sr == MOTE_OK && sa == MOTE_OK && armk_conv_same(mk_ref, mk_out, n_out, PW_GUARD);
        /* the path's test in mve_s8.c (each row call of an in-place layer) */
        taken += id.c % 8 == 0 && rsh_only && od.h == 1 && od.w <= 7 && p.geom.stride_w == 1;
        if (ok) {
            ++*passed;
        } else {
            ++*failed;
            if (*failed - f0 <= 5) {
                int32_t z = 0;
                while (z < n_out + PW_GUARD && mk_ref[z] == mk_out[z])
                    ++z;
                printf("  first mismatch at %ld of %ld: ref=%d out=%d\n", (long)z, (long)n_out,
                       mk_ref[z], mk_out[z]);
                printf("FAIL depthwise mve row: case %d in %ldx%ldx%ldx%ld stride %ld,%ld "
                       "pad %ld,%ld out %ldx%ld%s\n",
                       i, (long)id.n, (long)id.h, (long)id.w, (long)id.c, (long)p.geom.stride_h,
                       (long)p.geom.stride_w, (long)p.geom.pad_h, (long)p.geom.pad_w, (long)od.h,
                       (long)od.w, ip ? " in place" : "");
            }
        }
    }
    printf("depthwise mve row cases (m55kws): %d passed, %d failed (%d on the row path, %d in "
           "place)\n",
           *passed - p0, *failed - f0, taken, inplace);
    return *failed - f0;
}

#else
int armk_cases_m55kws(int n_cases, int *passed, int *failed)
{
    (void)n_cases;
    (void)passed;
    (void)failed;
    return 0;
}
#endif
