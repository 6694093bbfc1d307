/*
 * cases_m55dw.c — random cases of the Helium depthwise kernel's 3x3 pair
 * path (mve_s8.c: dw_split_mve / dw_inner_mve and the dwr_run kernels: two
 * pixels of eight channels per step, the input offset folded into seeds;
 * whole windows, two-row and two-column edges, C = 8 at stride 1) against
 * mote_ref_depthwise_conv2d_s8, byte for byte: 3x3 windows at dilation 1,
 * C a multiple of 8 (8 to 256, 8 often) and a few others, strides 1 to 3
 * on each axis, SAME and VALID padding, runs of even and odd lengths,
 * batches of two, shifts from -31 to 0 (zero shifts mixed in: lanes with
 * and without the rounding fix; all below 0: the kernels without the
 * mask) and some above 0 (the per-pixel path), NULL biases, activation
 * ranges, inputs and filters at the int8 extremes. Guard bytes after the
 * output catch writes past it. The buffers are cases_pw.c's (the files
 * run one after another).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "armk_rand.h"
#include "cases_bufs.h"
#include "cases_conv_common.h"

int armk_cases_m55dw(int n_cases, int *passed, int *failed);

#if defined(__ARM_FEATURE_MVE) && defined(__ARM_FEATURE_DSP)
#include "kernels/arm/arm_mve.h"

#define md_in (armk_cases.pw.in)
#define md_filt (armk_cases.pw.filt)
#define md_ref (armk_cases.pw.ref)
#define md_out (armk_cases.pw.out)
#define md_bias (armk_cases.pw.bias)

/* the output rows (columns) whose windows lie inside the input */
static int32_t inner_count(int32_t n_out, int32_t stride, int32_t pad, int32_t n_in)
{
    int32_t o, k = 0;
    for (o = 0; o < n_out; ++o)
        k += o * stride - pad >= 0 && o * stride - pad + 2 < n_in;
    return k;
}

int armk_cases_m55dw(int n_cases, int *passed, int *failed)
{
    static int32_t mult[PW_MAXK];
    static int8_t shift[PW_MAXK];
    armk_rng rng = {0x6d353564u};
    int p0 = *passed, f0 = *failed, taken = 0, odd = 0, s2 = 0;
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        const int same = armk_int(&rng, 0, 2) != 0, extreme = armk_int(&rng, 0, 5) == 0;
        const int32_t *bias = armk_int(&rng, 0, 6) == 0 ? NULL : md_bias;
        const int32_t smode = armk_int(&rng, 0, 4);
        int32_t n_in, n_out, ih, iw, rsh_only;
        mote_status sr, sa;
        int ok;
        memset(&p, 0, sizeof p);
        id.n = od.n = armk_int(&rng, 0, 7) == 0 ? 2 : 1;
        fd.n = 1;
        id.c = armk_int(&rng, 0, 9) == 0   ? armk_int(&rng, 1, 40)
               : armk_int(&rng, 0, 4) == 0 ? 8 /* the C = 8 stride-1 kernel */
                                           : 8 * armk_int(&rng, 1, 32);
        od.c = fd.c = id.c;
        fd.h = fd.w = 3;
        id.h = armk_int(&rng, 1, 20);
        id.w = armk_int(&rng, 1, 24);
        p.depth_multiplier = 1;
        p.geom.stride_h = armk_int(&rng, 0, 5) == 0 ? 3 : armk_int(&rng, 1, 2);
        p.geom.stride_w = armk_int(&rng, 0, 1) ? p.geom.stride_h : armk_int(&rng, 1, 3);
        p.geom.dilation_h = p.geom.dilation_w = 1;
        if (same) {
            od.h = (id.h + p.geom.stride_h - 1) / p.geom.stride_h;
            od.w = (id.w + p.geom.stride_w - 1) / p.geom.stride_w;
            p.geom.pad_h = ((od.h - 1) * p.geom.stride_h + 3 - id.h) / 2;
            p.geom.pad_w = ((od.w - 1) * p.geom.stride_w + 3 - id.w) / 2;
            if (p.geom.pad_h < 0) p.geom.pad_h = 0;
            if (p.geom.pad_w < 0) p.geom.pad_w = 0;
        } else {
            if (id.h < 3 || id.w < 3) {
                --i;
                continue;
            }
            od.h = (id.h - 3) / p.geom.stride_h + 1;
            od.w = (id.w - 3) / p.geom.stride_w + 1;
        }
        n_in = id.n * id.h * id.w * id.c;
        n_out = od.n * od.h * od.w * od.c;
        if (n_in > (int32_t)sizeof md_in || n_out + PW_GUARD > (int32_t)sizeof md_out) {
            --i;
            continue;
        }
        rsh_only = armk_conv_dw_quant(&rng, &p, id.c, smode, mult, shift, md_bias);
        q.multiplier = mult;
        q.shift = shift;
        armk_fill_s8(&rng, md_in, n_in, extreme);
        armk_fill_s8(&rng, md_filt, 9 * id.c, extreme);
        memset(md_ref, 0x11, sizeof md_ref);
        sr = mote_ref_depthwise_conv2d_s8(&p, &q, &id, md_in, &fd, md_filt, bias, &od, md_ref);
        memset(md_ref + n_out, ARMK_GUARD_BYTE, PW_GUARD);
        memset(md_out, 0x77, sizeof md_out);
        memset(md_out + n_out, ARMK_GUARD_BYTE, PW_GUARD);
        sa = mote_mve_depthwise_conv2d_s8(&p, &q, &id, md_in, &fd, md_filt, bias, &od, md_out);
        ok = sr == MOTE_OK && sa == MOTE_OK && armk_conv_same(md_ref, md_out, n_out, PW_GUARD);
        ih = inner_count(od.h, p.geom.stride_h, p.geom.pad_h, id.h);
        iw = inner_count(od.w, p.geom.stride_w, p.geom.pad_w, id.w);
        /* the path's test in mve_s8.c: at least 4 pairs (DW_MIN_PAIRS) */
        if (id.c % 8 == 0 && rsh_only && od.h * od.w >= 8 && ih * (iw & ~1) >= 8) {
            ++taken;
            odd += iw & 1;
            s2 += p.geom.stride_h > 1 || p.geom.stride_w > 1;
        }
        if (ok) {
            ++*passed;
        } else {
            ++*failed;
            if (*failed - f0 <= 5) {
                int32_t z = 0;
                while (z < n_out + PW_GUARD && md_ref[z] == md_out[z])
                    ++z;
                printf("  first mismatch at %ld of %ld: ref=%d out=%d\n", (long)z, (long)n_out,
                       md_ref[z], md_out[z]);
                printf("FAIL depthwise mve interior: case %d in %ldx%ldx%ldx%ld stride %ld,%ld "
                       "pad %ld,%ld\n",
                       i, (long)id.n, (long)id.h, (long)id.w, (long)id.c, (long)p.geom.stride_h,
                       (long)p.geom.stride_w, (long)p.geom.pad_h, (long)p.geom.pad_w);
            }
        }
    }
    printf("depthwise mve interior cases (m55dw): %d passed, %d failed (%d on the interior path, "
           "%d with odd runs, %d strided)\n",
           *passed - p0, *failed - f0, taken, odd, s2);
    return *failed - f0;
}

#else
int armk_cases_m55dw(int n_cases, int *passed, int *failed)
{
    (void)n_cases;
    (void)passed;
    (void)failed;
    return 0;
}
#endif
