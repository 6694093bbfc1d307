/*
 * cases_dw_common.c — the random-case set-up and check shared by
 * cases_dw.c (the int16-line path) and cases_dw2.c (the stride-2 row) of
 * the 3x3 Arm DSP depthwise kernel: SAME and VALID geometry, shifts in and
 * just outside [-22, -1], biases up to and past 2^29, multipliers at both
 * ends of [2^30, 2^31) and 0, inputs and filters at the int8 extremes; the
 * expected output is mote_ref_depthwise_conv2d_s8's.
 */
#include <stdio.h>
#include <string.h>
#include "kernels/arm/arm_kernels.h"
#include "cases_dw_common.h"

void armk_dw_shape(armk_dw_case *k, armk_rng *r, int32_t max_hw, int same, int inplace, int extreme)
{
    memset(&k->p, 0, sizeof k->p);
    k->same = same;
    k->inplace = inplace;
    k->extreme = extreme;
    k->id.n = 1;
    k->id.h = armk_int(r, 1, max_hw);
    k->id.w = armk_int(r, 1, max_hw);
    k->id.c = 4 * armk_int(r, 1, 8);
    k->fd.n = 1;
    k->fd.h = k->fd.w = 3;
    k->fd.c = k->id.c;
    k->p.depth_multiplier = 1;
    k->p.geom.dilation_h = k->p.geom.dilation_w = 1;
}

int armk_dw_geom(armk_dw_case *k)
{
    mote_conv_geom *g = &k->p.geom;
    if (k->same) {
        k->od.h = (k->id.h + g->stride_h - 1) / g->stride_h;
        k->od.w = (k->id.w + g->stride_w - 1) / g->stride_w;
        g->pad_h = ((k->od.h - 1) * g->stride_h + 3 - k->id.h) / 2;
        g->pad_w = ((k->od.w - 1) * g->stride_w + 3 - k->id.w) / 2;
        if (g->pad_h < 0) g->pad_h = 0;
        if (g->pad_w < 0) g->pad_w = 0;
    } else {
        if (k->id.h < 3 || k->id.w < 3) return 0;
        k->od.h = (k->id.h - 3) / g->stride_h + 1;
        k->od.w = (k->id.w - 3) / g->stride_w + 1;
    }
    k->od.n = 1;
    k->od.c = k->id.c;
    return 1;
}

int armk_dw_band(armk_dw_case *k, armk_rng *r, int32_t max_hw, int32_t s_along, int32_t s_across,
                 int32_t max)
{
    mote_conv_geom *g = &k->p.geom;
    const int rows = armk_rnd(r) % 2; /* lines are rows (cut the rows), else columns */
    int32_t *ia = rows ? &k->id.h : &k->id.w, *il = rows ? &k->id.w : &k->id.h;
    int32_t *oa = rows ? &k->od.h : &k->od.w, *ol = rows ? &k->od.w : &k->od.h;
    int32_t *pa = rows ? &g->pad_h : &g->pad_w, *pl = rows ? &g->pad_w : &g->pad_h;
    int32_t span;
    if (rows)
        g->stride_h = s_across, g->stride_w = s_along;
    else
        g->stride_w = s_across, g->stride_h = s_along;
    if (armk_rnd(r) % 2) *il = armk_int(r, max_hw - 3, max_hw);
    *ol = (*il + s_along - 1) / s_along;
    *pl = ((*ol - 1) * s_along + 3 - *il) / 2;
    if (*pl < 0) *pl = 0;
    *oa = armk_int(r, 1, 2);
    *pa = armk_int(r, 0, 1);
    span = (*oa - 1) * s_across + 3 - *pa; /* the input lines the windows read */
    *ia = armk_int(r, span > 3 ? span - 2 : 1, span + 1);
    k->same = 1;
    k->od.n = 1;
    k->od.c = k->id.c;
    return k->id.h * k->id.w * k->id.c <= max && k->od.h * k->od.w * k->od.c <= max;
}

void armk_dw_data(armk_dw_case *k, armk_rng *r, const armk_dw_io *io)
{
    mote_conv_s8_params *p = &k->p;
    int32_t c;
    p->input_offset = k->extreme ? (armk_rnd(r) & 1 ? 128 : -127) : -armk_int(r, -128, 127);
    p->output_offset = armk_int(r, -128, 127);
    switch (armk_rnd(r) % 3) {
    case 0: p->act_min = -128, p->act_max = 127; break;
    case 1:
        /* ReLU-like; a quarter of them as VWW's and KWS's layers: zp = -128,
         * all of int8 (act_min >= zp with no clamp) */
        if (armk_rnd(r) % 4 == 0) p->output_offset = -128;
        p->act_min = p->output_offset, p->act_max = 127;
        break;
    default: p->act_min = armk_int(r, -128, 0), p->act_max = armk_int(r, 0, 127); break;
    }
    for (c = 0; c < k->id.c; ++c) {
        const uint32_t m = armk_rnd(r) % 8;
        io->mult[c] = m == 0   ? (int32_t)(1u << 30)
                      : m == 1 ? INT32_MAX
                      : m == 2 ? 0
                               : (int32_t)((1u << 30) | (armk_rnd(r) >> 2));
        /* mostly the path's range; sometimes just past it (the int8 rows) */
        io->shift[c] =
            (int8_t)(armk_rnd(r) % 16 == 0 ? (armk_rnd(r) & 1 ? 0 : -23) : armk_int(r, -22, -1));
        switch (armk_rnd(r) % 8) {
        case 0: io->bias[c] = (armk_rnd(r) & 1) ? (1 << 29) : -(1 << 29); break;
        case 1:
            io->bias[c] = (int32_t)armk_rnd(r) >> 1; /* often past 2^29 */
            break;
        default: io->bias[c] = armk_int(r, -100000, 100000); break;
        }
    }
    k->q.multiplier = io->mult;
    k->q.shift = io->shift;
    armk_fill_s8(r, io->in, k->id.h * k->id.w * k->id.c, k->extreme);
    armk_fill_s8(r, io->filt, 9 * k->id.c, k->extreme);
    memset(io->ref, 0x5A, io->cap);
    memset(io->arm, 0x5A, io->cap);
    k->bias = armk_rnd(r) % 8 ? io->bias : NULL;
}

static int32_t dw_ge, dw_ge_full, dw_lt; /* armk_dw_ranges' counts */

void armk_dw_ranges(int32_t *ge, int32_t *ge_full, int32_t *lt)
{
    *ge = dw_ge, *ge_full = dw_ge_full, *lt = dw_lt;
    dw_ge = dw_ge_full = dw_lt = 0;
}

int armk_dw_check(const armk_dw_case *k, const armk_dw_io *io, const char *name, int i, int failed)
{
    const int32_t in_n = k->id.h * k->id.w * k->id.c, out_n = k->od.h * k->od.w * k->od.c;
    mote_status sr, sa;
    if (k->p.act_min >= k->p.output_offset) {
        ++dw_ge;
        dw_ge_full += k->p.act_min <= -128 && k->p.act_max >= 127;
    } else {
        ++dw_lt;
    }
    sr = mote_ref_depthwise_conv2d_s8(&k->p, &k->q, &k->id, io->in, &k->fd, io->filt, k->bias,
                                      &k->od, io->ref);
    if (k->inplace) {
        memcpy(io->arm, io->in, (size_t)in_n);
        sa = mote_arm_depthwise_conv2d_s8(&k->p, &k->q, &k->id, io->arm, &k->fd, io->filt, k->bias,
                                          &k->od, io->arm, NULL);
    } else {
        sa = mote_arm_depthwise_conv2d_s8(&k->p, &k->q, &k->id, io->in, &k->fd, io->filt, k->bias,
                                          &k->od, io->arm, NULL);
    }
    if (sr == MOTE_OK && sa == MOTE_OK && memcmp(io->ref, io->arm, (size_t)out_n) == 0 &&
        memcmp(io->ref + out_n, io->arm + out_n, (size_t)io->guard) == 0)
        return 1;
    if (failed < 5)
        printf("%s cases FAIL case %d in %ldx%ldx%ld %s%s\n", name, i, (long)k->id.h, (long)k->id.w,
               (long)k->id.c, k->same ? "SAME" : "VALID", k->inplace ? " in place" : "");
    return 0;
}
