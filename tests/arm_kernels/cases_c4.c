/*
 * cases_c4.c — random cases of the Arm DSP four-pixel CONV_2D path
 * (conv2d_s8_4px_dsp.c: four output pixels x one output channel, in_c % 4
 * == 0, K <= 576 (above 288 in parts: cases_ic.c has those), out_c <= 64),
 * against mote_ref_conv2d_s8 byte for byte.
 *
 * Shapes around the one-part limit: K up to 288 and just above (3x3x36 =
 * 324, taken in parts), 1 to 65 output channels (65: refused), 1x1 to 3x3
 * windows, strides 1 and 2, SAME and VALID, dilation 2, odd output widths
 * and pixel counts (a last block of 1-3 pixels), batches of 2; extreme
 * int8 inputs and weights (only -128 and 127) with extreme zero points
 * and biases near 2^30; shifts at the fold's limits (-23, -2) and one
 * channel past them (-24 or -1: refused, nothing written). Each case runs
 * the path's entry point (which must take exactly the cases the rule
 * says), the kernel entry point mote_arm_conv2d_s8 (the rule, and the
 * patch path a refused shift falls back to), the arm_dsp_4px row when the
 * plan gives the step to it, and, in place, the arm_dsp_rows_4px row
 * (row by row through the ring). Guard bytes after the outputs catch
 * writes past them.
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

int armk_cases_c4(int n_cases, int *passed, int *failed);

#if defined(__ARM_FEATURE_DSP)

#define c4_in (armk_cases.c4.in)
#define c4_filt (armk_cases.c4.filt)
#define c4_ref (armk_cases.c4.ref)
#define c4_arm (armk_cases.c4.arm)
#define c4_bias (armk_cases.c4.bias)
#define c4_mult (armk_cases.c4.mult)
#define c4_shift (armk_cases.c4.shift)
#define c4_step (armk_cases.c4.step)
#define c4_ring (armk_cases.c4.ring)

static int c4_same(int32_t n)
{
    return armk_conv_same(c4_ref, c4_arm, n, C4_GUARD);
}

static void c4_prep_out(int32_t n)
{
    armk_conv_prep(c4_arm, n, 0x3c, C4_GUARD);
}

static void c4_record(int ok, int *passed, int *failed, const char *what, int i,
                      const mote_dims *id, const mote_dims *fd, const mote_dims *od,
                      const mote_conv_s8_params *p)
{
    if (ok) {
        ++*passed;
        return;
    }
    ++*failed;
    if (*failed <= 8)
        printf("FAIL conv2d_s8 4px %s: case %d in %ldx%ldx%ldx%ld filter %ldx%ld out %ldx%ldx%ld "
               "stride %ld pad %ld,%ld dil %ld\n",
               what, i, (long)id->n, (long)id->h, (long)id->w, (long)id->c, (long)fd->h,
               (long)fd->w, (long)od->h, (long)od->w, (long)od->c, (long)p->geom.stride_h,
               (long)p->geom.pad_h, (long)p->geom.pad_w, (long)p->geom.dilation_h);
}

/* The step block with its requantization table after it, as lowering writes it. */
static mote_conv_s8_step *c4_make_step(const mote_conv_s8_params *p, const mote_dims *id,
                                       const mote_dims *fd, const mote_dims *od)
{
    return armk_conv_step(c4_step, sizeof c4_step, p, id, fd, od, c4_mult, c4_shift);
}

static mote_status c4_run_step(const mote_conv_s8_step *s, const int8_t *src, const int32_t *bias,
                               int8_t *out, int inplace)
{
    if (inplace) {
        const uint32_t ring = (uint32_t)mote_inplace_ring_rows(s->out.h, s->p.geom.pad_h) *
                              (uint32_t)s->out.w * (uint32_t)s->out.c;
        if (ring + C4_GUARD > sizeof c4_ring) return MOTE_E_STATE;
        memset(c4_ring, 0x5A, ring);
        return armk_conv_run(mote_arm_conv_rows_4px_step, s, src, c4_filt, bias, out, c4_ring);
    }
    return armk_conv_run(mote_arm_conv_4px_step, s, src, c4_filt, bias, out, NULL);
}

int armk_cases_c4(int n_cases, int *passed, int *failed)
{
    armk_rng r = {0xc4c4c4c4u};
    int p0 = *passed, f0 = *failed, took_n = 0, row_n = 0, ip_n = 0, refused_n = 0;
    int i;
    for (i = 0; i < n_cases; ++i) {
        mote_conv_s8_params p;
        mote_requant q;
        mote_dims id, fd, od;
        const int mode = (int)(armk_rnd(&r) % 8);
        const int extreme = armk_rnd(&r) % 4 == 0;
        const int smode = (int)(armk_rnd(&r) % 6);
        const int32_t *bias = armk_rnd(&r) % 8 == 0 ? NULL : c4_bias;
        int32_t K, j, n_in, n_out, npix, stride, dil;
        int same, inplace, want, took, path;
        mote_status st;
        memset(&p, 0, sizeof p);
        id.n = od.n = armk_rnd(&r) % 5 == 0 ? 2 : 1;
        fd.h = armk_int(&r, 1, 3);
        fd.w = armk_int(&r, 1, 3);
        id.c = 4 * armk_int(&r, 1, 8);
        if (mode == 0) { /* K at the limit, or just past it */
            fd.h = fd.w = 3;
            id.c = armk_rnd(&r) % 2 ? 32 : 36;
        }
        fd.c = id.c;
        od.c = fd.n = mode == 1 ? (armk_rnd(&r) % 2 ? 64 : 65) : armk_int(&r, 1, 64);
        stride = armk_rnd(&r) % 3 == 0 ? 2 : 1;
        dil = armk_rnd(&r) % 6 == 0 ? 2 : 1;
        same = (int)(armk_rnd(&r) % 2);
        id.h = armk_int(&r, 1, 10);
        id.w = armk_int(&r, 1, 10);
        /* in place: as the planner gives it (same shape, batch 1) */
        inplace = mode == 2 || (mode == 3 && id.c <= 32);
        if (inplace) {
            id.n = od.n = 1;
            od.c = fd.n = id.c;
            fd.h |= 1;
            fd.w |= 1;
            stride = 1;
            same = 1;
        }
        p.geom.stride_h = p.geom.stride_w = stride;
        p.geom.dilation_h = p.geom.dilation_w = dil;
        if (!armk_conv_axis(id.h, fd.h, stride, dil, same, &od.h, &p.geom.pad_h) ||
            !armk_conv_axis(id.w, fd.w, stride, dil, same, &od.w, &p.geom.pad_w)) {
            same = 1; /* VALID does not fit the input: SAME instead */
            (void)armk_conv_axis(id.h, fd.h, stride, dil, same, &od.h, &p.geom.pad_h);
            (void)armk_conv_axis(id.w, fd.w, stride, dil, same, &od.w, &p.geom.pad_w);
        }
        K = fd.h * fd.w * id.c;
        npix = od.n * od.h * od.w;
        p.input_offset = extreme ? (armk_rnd(&r) % 2 ? 128 : -127) : -armk_int(&r, -128, 127);
        p.output_offset = extreme ? (armk_rnd(&r) % 2 ? 127 : -128) : armk_int(&r, -128, 127);
        armk_conv_act(&r, &p);
        for (j = 0; j < od.c; ++j) {
            c4_mult[j] = armk_rnd(&r) % 8 == 0   ? INT32_MAX
                         : armk_rnd(&r) % 8 == 0 ? (1 << 30)
                                                 : (int32_t)((1u << 30) | (armk_rnd(&r) >> 2));
            if (smode == 0)
                c4_shift[j] = (int8_t)(armk_rnd(&r) % 2 ? -23 : -2);
            else if (smode == 1)
                c4_shift[j] = (int8_t)armk_int(&r, -23, -2);
            else
                c4_shift[j] = (int8_t)armk_int(&r, -12, -4);
            c4_bias[j] =
                extreme ? (armk_rnd(&r) % 2 ? 1 : -1) * ((1 << 30) - (int32_t)(armk_rnd(&r) % 4096))
                        : armk_int(&r, -30000, 30000);
        }
        if (smode == 5) /* one channel past the fold: the path refuses the case */
            c4_shift[armk_int(&r, 0, od.c - 1)] = (int8_t)(armk_rnd(&r) % 2 ? -24 : -1);
        q.multiplier = c4_mult;
        q.shift = c4_shift;
        n_in = id.n * id.h * id.w * id.c;
        n_out = npix * od.c;
        armk_fill_s8(&r, c4_in, n_in, extreme);
        armk_fill_s8(&r, c4_filt, od.c * K, extreme);
        memset(c4_ref, 0x11, (size_t)n_out);
        st = mote_ref_conv2d_s8(&p, &q, &id, c4_in, &fd, c4_filt, bias, &od, c4_ref);
        if (st != MOTE_OK) {
            c4_record(0, passed, failed, "reference refused", i, &id, &fd, &od, &p);
            continue;
        }
        /* 1. the path's entry point: takes exactly its cases */
        want = mote_arm_p4_ok(K, id.c, od.c, 0) && smode != 5;
        c4_prep_out(n_out);
        took = mote_arm_conv_4px(&p, &q, &id, c4_in, &fd, c4_filt, bias, &od, c4_arm);
        c4_record(took == want && (!took || c4_same(n_out)), passed, failed, "entry point", i, &id,
                  &fd, &od, &p);
        took_n += took;
        refused_n += !want;
        /* 2. the kernel entry point (the rule's path) */
        c4_prep_out(n_out);
        st = mote_arm_conv2d_s8(&p, &q, &id, c4_in, &fd, c4_filt, bias, &od, c4_arm, NULL);
        c4_record(st == MOTE_OK && c4_same(n_out), passed, failed, "kernel", i, &id, &fd, &od, &p);
        /* 3. the arm_dsp_4px row, when the plan gives it the step */
        path = mote_arm_conv2d_s8_path(&p, &id, &fd, &od, 0);
        if (path == MOTE_ARM_CONV_4PX) {
            mote_conv_s8_step *s = c4_make_step(&p, &id, &fd, &od);
            c4_prep_out(n_out);
            st = mote_arm_conv_4px_fits(s) ? c4_run_step(s, c4_in, bias, c4_arm, 0) : MOTE_E_STATE;
            c4_record(st == MOTE_OK && c4_same(n_out), passed, failed, "arm_dsp_4px row", i, &id,
                      &fd, &od, &p);
            ++row_n;
        }
        /* 4. in place, row by row (arm_dsp_rows_4px) */
        if (inplace && mote_arm_conv2d_s8_path(&p, &id, &fd, &od, 1) == MOTE_ARM_CONV_RING &&
            path == MOTE_ARM_CONV_4PX) {
            mote_conv_s8_step *s = c4_make_step(&p, &id, &fd, &od);
            memcpy(c4_arm, c4_in, (size_t)n_in);
            memset(c4_arm + n_out, 0xA5, C4_GUARD);
            st = mote_arm_conv_rows_4px_fits(s) ? c4_run_step(s, c4_arm, bias, c4_arm, 1)
                                                : MOTE_E_STATE;
            c4_record(st == MOTE_OK && c4_same(n_out), passed, failed, "arm_dsp_rows_4px row", i,
                      &id, &fd, &od, &p);
            ++ip_n;
        }
    }
    /* each kind of case must have come up */
    if (took_n == 0 || row_n == 0 || ip_n == 0 || refused_n == 0) {
        ++*failed;
        printf("FAIL conv2d_s8 4px: a kind of case never came up\n");
    }
    printf("conv2d_s8 4px cases: %d passed, %d failed (%d taken, %d refused, %d on the 4px row, "
           "%d in place)\n",
           *passed - p0, *failed - f0, took_n, refused_n, row_n, ip_n);
    return *failed - f0;
}

#else
int armk_cases_c4(int n_cases, int *passed, int *failed)
{
    (void)n_cases;
    (void)passed;
    (void)failed;
    return 0;
}
#endif
