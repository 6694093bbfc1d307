/*
 * L2_POOL_2D, float32 (TFLite Micro has float only): sqrt of the mean of
 * the in-bounds squares in each window. Options Pool2DOptions: 0 padding,
 * 1 stride_w, 2 stride_h, 3 filter_width, 4 filter_height, 5 activation.
 */
#include <string.h>

#include "ops/op_reduce_util.h"

mote_status mote_lower_l2_pool_2d(mote_lower_ctx *c)
{
    int32_t padding = 0, act = 0;
    mote_pool_f32_step *p, s;
    mote_status st;
    memset(&s, 0, sizeof s);
    if ((st = mote_lower_opt_enum(c, 0, MOTE_PADDING_LAST, "padding", &padding)) != MOTE_OK ||
        (st = mote_lower_opt_enum(c, 5, MOTE_ACTIVATION_LAST, "fused activation", &act)) != MOTE_OK)
        return st;
    s.p.filter_w = mote_lower_opt_i32(c, 3, 0);
    s.p.filter_h = mote_lower_opt_i32(c, 4, 0);
    if (c->in[0].rank != 4 || c->out.rank != 4)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0], "input and output must have rank 4");
    mote_lower_dims4(c, &c->in[0], c->in_idx[0], &s.in);
    mote_lower_dims4(c, &c->out, c->out_idx, &s.out);
    if (s.in.c != s.out.c || s.in.n != s.out.n)
        return mote_lower_fail(
            c, MOTE_E_SHAPE, c->out_idx,
            "output batch and channels [%d, %d] differ from the input's [%d, %d]", (int)s.out.n,
            (int)s.out.c, (int)s.in.n, (int)s.in.c);
    if ((st = mote_lower_geometry(c, padding, s.p.filter_h, s.p.filter_w,
                                  mote_lower_opt_i32(c, 2, 0), mote_lower_opt_i32(c, 1, 0), 1, 1,
                                  &s.in, &s.out, &s.p.geom)) != MOTE_OK)
        return st;
    if ((st = mote_lower_act_f32(c, act, &s.p.act_min, &s.p.act_max)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, MOTE_KID_L2_POOL_2D_F32, 0, &st)) == NULL) return st;
    *p = s;
    return MOTE_OK;
}

uint64_t mote_macs_l2_pool_2d(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
