/*
 * cases_ic.c — random cases of the Arm DSP four-pixel CONV_2D path's
 * row blocks (conv2d_s8_4px_dsp.c: four pixels of one output row, each
 * input row's window widened once, h-ic), against mote_ref_conv2d_s8 byte
 * for byte.
 *
 * cases_c4.c keeps to rows of at most 10 pixels; here the output rows are
 * wider (up to 36 input columns), so that most blocks are row blocks: in
 * channels 4 to 32 (K up to 288), strides 1 and 2, SAME padding (the
 * windows of a row's first and last blocks reach past the input) and
 * VALID, 1x1 to 3x3 windows and 1x3 / 3x1 ones, dilation 2 along the rows
 * (the row blocks take it) or along the columns (they do not), output
 * widths that are and are not multiples of four (blocks across rows),
 * batches of 2, in place through the arm_dsp_rows_4px row; in channels
 * 36 to 68 with 3x3 windows (K past 288: the patch in parts, up to 576,
 * and 612, past the path); extreme int8
 * inputs and weights with extreme zero points and biases near 2^29 (the
 * output stage's short forms' bound) or 2^30 (the exact form); ReLU
 * ranges (zero point -128, the short form without the sign term); shifts
 * across [-23, -2].
 * Guard bytes after the outputs catch writes past them.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mote/kernels.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"
#include "kernels/arm/arm_rows.h"
#include "kernels/kernel_table.h"
#include "armk_rand.h"
#include "cases_bufs.h"
#include "cases_conv_common.h"

int armk_cases_ic(int n_cases, int *passed, int *failed);

#if defined(__ARM_FEATURE_DSP)

#define ic_b (armk_cases.ic)

static int ic_same(int32_t n)
{
    return armk_conv_same(ic_b.ref, ic_b.arm, n, IC_GUARD);
}

static void ic_record(int ok, int *passed, int *failed, const char *what, int i,
                      const mote_dims *id, const mote_dims *fd, const mote_dims *od,
                      const mote_conv_s8_params *p)
{
    if (ok) {
        ++*passed;
        return;
    }
    ++*failed;
    if (*failed <= 8)
        printf("FAIL conv2d_s8 4px rows (ic) %s: case %d in %ldx%ldx%ldx%ld filter %ldx%ld out "
               "%ldx%ldx%ld stride %ld,%ld pad %ld,%ld dil %ld,%ld\n",
               what, i, (long)id->n, (long)id->h, (long)id->w, (long)id->c, (long)fd->h,
               (long)fd->w, (long)od->h, (long)od->w, (long)od->c, (long)p->geom.stride_h,
               (long)p->geom.stride_w, (long)p->geom.pad_h, (long)p->geom.pad_w,
               (long)p->geom.dilation_h, (long)p->geom.dilation_w);
}

static mote_status ic_run_step(const mote_conv_s8_params *p, const mote_requant *q,
                               const mote_dims *id, const mote_dims *fd, const mote_dims *od,
                               const int8_t *src, const int32_t *bias, int8_t *out, int inplace)
{
    mote_conv_s8_step *s =
        armk_conv_step(ic_b.step, sizeof ic_b.step, p, id, fd, od, q->multiplier, q->shift);
    if (inplace) {
        const uint32_t ring = (uint32_t)mote_inplace_ring_rows(od->h, p->geom.pad_h) *
                              (uint32_t)od->w * (uint32_t)od->c;
        if (ring > sizeof ic_b.ring || !mote_arm_conv_rows_4px_fits(s)) return MOTE_E_STATE;
        memset(ic_b.ring, 0x5A, ring);
        return armk_conv_run(mote_arm_conv_rows_4px_step, s, src, ic_b.filt, bias, out, ic_b.ring);
    }
    if (!mote_arm_conv_4px_fits(s)) return MOTE_E_STATE;
    return armk_conv_run(mote_arm_conv_4px_step, s, src, ic_b.filt, bias, out, NULL);
}

int armk_cases_ic(int n_cases, int *passed, int *failed)
{
    armk_rng r = {0x1c1c2d2du};
    int p0 = *passed, f0 = *failed, took_n = 0, ip_n = 0, edge_n = 0, split_n = 0, relu_n = 0;
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        const int extreme = armk_rnd(&r) % 4 == 0;
        const int32_t *bias = armk_rnd(&r) % 8 == 0 ? NULL : ic_b.bias;
        int32_t j, a, b, n_in, n_out, K, sh_lo;
        int same, inplace, took, deep, relu, bmode;
        mote_status st;
        memset(&p, 0, sizeof p);
        id.n = od.n = armk_rnd(&r) % 6 == 0 ? 2 : 1;
        fd.h = armk_int(&r, 1, 3);
        fd.w = armk_int(&r, 1, 3);
        if (armk_rnd(&r) % 2) fd.h = fd.w = 3;
        id.c = 4 * armk_int(&r, 1, 8);
        deep = armk_rnd(&r) % 4 == 0;
        if (deep) { /* K past 288: the patch in parts (up to 3x3x64 = 576, and past it) */
            id.c = 4 * armk_int(&r, 9, IC_DEEP_C / 4 + 1);
            fd.h = fd.w = 3;
        }
        fd.c = id.c;
        od.c = fd.n = armk_int(&r, 1, IC_CH);
        p.geom.stride_h = armk_rnd(&r) % 3 == 0 ? 2 : 1;
        p.geom.stride_w = armk_rnd(&r) % 3 == 0 ? 2 : 1;
        p.geom.dilation_h = armk_rnd(&r) % 6 == 0 ? 2 : 1;
        p.geom.dilation_w = armk_rnd(&r) % 8 == 0 ? 2 : 1;
        same = armk_rnd(&r) % 4 != 0;
        id.h = armk_int(&r, 1, IC_MAXH);
        id.w = armk_int(&r, 4, deep ? IC_MAXW / 2 : IC_MAXW);
        inplace = armk_rnd(&r) % 4 == 0 && id.c <= IC_CH;
        if (inplace) { /* as the planner gives it (same shape, batch 1) */
            id.n = od.n = 1;
            od.c = fd.n = id.c;
            fd.h |= 1;
            fd.w |= 1;
            p.geom.stride_h = p.geom.stride_w = 1;
            same = 1;
        }
        if (!armk_conv_axis(id.h, fd.h, p.geom.stride_h, p.geom.dilation_h, same, &od.h,
                            &p.geom.pad_h) ||
            !armk_conv_axis(id.w, fd.w, p.geom.stride_w, p.geom.dilation_w, same, &od.w,
                            &p.geom.pad_w)) {
            same = 1;
            (void)armk_conv_axis(id.h, fd.h, p.geom.stride_h, p.geom.dilation_h, 1, &od.h,
                                 &p.geom.pad_h);
            (void)armk_conv_axis(id.w, fd.w, p.geom.stride_w, p.geom.dilation_w, 1, &od.w,
                                 &p.geom.pad_w);
        }
        K = fd.h * fd.w * id.c;
        p.input_offset = extreme ? (armk_rnd(&r) % 2 ? 128 : -127) : -armk_int(&r, -128, 127);
        p.output_offset = extreme ? (armk_rnd(&r) % 2 ? 127 : -128) : armk_int(&r, -128, 127);
        a = armk_int(&r, -128, 127);
        b = armk_int(&r, -128, 127);
        if (armk_rnd(&r) % 2) {
            p.act_min = -128;
            p.act_max = 127;
        } else {
            p.act_min = a < b ? a : b;
            p.act_max = a < b ? b : a;
        }
        /* a ReLU layer's range (the output stage's short form without the
         * sign term: act_min >= the zero point), a third of the time */
        relu = armk_rnd(&r) % 3 == 0;
        if (relu) {
            p.output_offset = -128;
            p.act_min = -128;
            p.act_max = 127;
        }
        /* biases at the short forms' bound (2^29) or near 2^30 (past it) */
        bmode = extreme ? (int)(armk_rnd(&r) % 2) : 2;
        sh_lo = armk_rnd(&r) % 2 ? -23 : -12;
        for (j = 0; j < od.c; ++j) {
            ic_b.mult[j] =
                armk_rnd(&r) % 8 == 0 ? INT32_MAX : (int32_t)((1u << 30) | (armk_rnd(&r) >> 2));
            ic_b.shift[j] = (int8_t)armk_int(&r, sh_lo, -2);
            ic_b.bias[j] = bmode < 2 ? (armk_rnd(&r) % 2 ? 1 : -1) *
                                           ((1 << (29 + bmode)) - (int32_t)(armk_rnd(&r) % 4096))
                                     : armk_int(&r, -30000, 30000);
        }
        q.multiplier = ic_b.mult;
        q.shift = ic_b.shift;
        n_in = id.n * id.h * id.w * id.c;
        n_out = od.n * od.h * od.w * od.c;
        armk_fill_s8(&r, ic_b.in, n_in, extreme);
        armk_fill_s8(&r, ic_b.filt, od.c * K, extreme);
        memset(ic_b.ref, 0x11, (size_t)n_out);
        st = mote_ref_conv2d_s8(&p, &q, &id, ic_b.in, &fd, ic_b.filt, bias, &od, ic_b.ref);
        if (st != MOTE_OK) {
            ic_record(0, passed, failed, "reference refused", i, &id, &fd, &od, &p);
            continue;
        }
        /* the path's entry point: takes every case of its rule */
        memset(ic_b.arm, 0x3c, (size_t)n_out);
        memset(ic_b.arm + n_out, 0xA5, IC_GUARD);
        took = mote_arm_conv_4px(&p, &q, &id, ic_b.in, &fd, ic_b.filt, bias, &od, ic_b.arm);
        ic_record(took == mote_arm_p4_ok(K, id.c, od.c, 0) && (!took || ic_same(n_out)), passed,
                  failed, "entry point", i, &id, &fd, &od, &p);
        took_n += took;
        edge_n += took && od.w >= 4 && (p.geom.pad_w > 0 || od.w % 4 != 0);
        split_n += took && K > MOTE_ARM_P4_MAX_K;
        relu_n += took && relu;
        /* the rows, when the plan gives the step to them */
        if (mote_arm_conv2d_s8_path(&p, &id, &fd, &od, 0) != MOTE_ARM_CONV_4PX) continue;
        memset(ic_b.arm, 0x3c, (size_t)n_out);
        memset(ic_b.arm + n_out, 0xA5, IC_GUARD);
        st = ic_run_step(&p, &q, &id, &fd, &od, ic_b.in, bias, ic_b.arm, 0);
        ic_record(st == MOTE_OK && ic_same(n_out), passed, failed, "arm_dsp_4px row", i, &id, &fd,
                  &od, &p);
        if (inplace && mote_arm_conv2d_s8_path(&p, &id, &fd, &od, 1) == MOTE_ARM_CONV_RING) {
            memcpy(ic_b.arm, ic_b.in, (size_t)n_in);
            memset(ic_b.arm + n_out, 0xA5, IC_GUARD);
            st = ic_run_step(&p, &q, &id, &fd, &od, ic_b.arm, bias, ic_b.arm, 1);
            ic_record(st == MOTE_OK && ic_same(n_out), passed, failed, "arm_dsp_rows_4px row", i,
                      &id, &fd, &od, &p);
            ++ip_n;
        }
    }
    if (took_n == 0 || ip_n == 0 || edge_n == 0 || split_n == 0 || relu_n == 0) {
        ++*failed;
        printf("FAIL conv2d_s8 4px rows (ic): a kind of case never came up\n");
    }
    printf("conv2d_s8 4px row blocks (ic): %d passed, %d failed (%d taken, %d with edge blocks, "
           "%d in place, %d in parts, %d ReLU ranges)\n",
           *passed - p0, *failed - f0, took_n, edge_n, ip_n, split_n, relu_n);
    return *failed - f0;
}

#else
int armk_cases_ic(int n_cases, int *passed, int *failed)
{
    (void)n_cases;
    (void)passed;
    (void)failed;
    return 0;
}
#endif
