/*
 * test_args.c — the public kernel API (include/mote/kernels.h) refuses bad
 * arguments: NULL pointers, zero or mismatched dimensions, zero strides and
 * filters each give MOTE_E_ARG, and small valid calls give MOTE_OK.
 *
 * (The kernels' results are checked by the op tests, tests/ops/, against
 * TFLite Micro and LiteRT through whole single-operator models.)
 */
#include <math.h>
#include <string.h>

#include "mote/kernels.h"
#include "test_kernels.h"

static void test_s8_args(test_tally *t)
{
    mote_conv_s8_params cp;
    mote_fc_s8_params fp;
    mote_pool_s8_params pp;
    mote_add_s8_params ap;
    mote_softmax_s8_params sp;
    mote_requant q;
    mote_dims d = {1, 1, 1, 1};
    int32_t m = 1 << 30;
    int8_t sh = 0, x = 0, y = 0;

    memset(&cp, 0, sizeof cp);
    memset(&fp, 0, sizeof fp);
    memset(&pp, 0, sizeof pp);
    memset(&ap, 0, sizeof ap);
    memset(&sp, 0, sizeof sp);
    q.multiplier = &m;
    q.shift = &sh;
    tally_check(t, mote_ref_conv2d_s8(NULL, &q, &d, &x, &d, &x, NULL, &d, &y) == MOTE_E_ARG,
                "conv2d NULL params", NULL);
    tally_check(t, mote_ref_conv2d_s8(&cp, &q, &d, &x, &d, &x, NULL, &d, NULL) == MOTE_E_ARG,
                "conv2d NULL output", NULL);
    tally_check(t, mote_ref_conv2d_s8(&cp, &q, &d, &x, &d, &x, NULL, &d, &y) == MOTE_E_ARG,
                "conv2d stride 0", NULL);
    tally_check(t,
                mote_ref_depthwise_conv2d_s8(&cp, &q, &d, NULL, &d, &x, NULL, &d, &y) == MOTE_E_ARG,
                "depthwise NULL input", NULL);
    tally_check(t, mote_ref_fully_connected_s8(&fp, NULL, 1, 1, 1, &x, &x, NULL, &y) == MOTE_E_ARG,
                "fc NULL requant", NULL);
    tally_check(t, mote_ref_fully_connected_s8(&fp, &q, 0, 1, 1, &x, &x, NULL, &y) == MOTE_E_ARG,
                "fc zero batches", NULL);
    tally_check(t, mote_ref_avg_pool_s8(&pp, &d, &x, NULL, &y) == MOTE_E_ARG, "avg_pool NULL dims",
                NULL);
    tally_check(t, mote_ref_max_pool_s8(NULL, &d, &x, &d, &y) == MOTE_E_ARG, "max_pool NULL params",
                NULL);
    tally_check(t, mote_ref_add_s8(&ap, &d, &x, &d, NULL, &d, &y) == MOTE_E_ARG, "add NULL input",
                NULL);
    tally_check(t, mote_ref_softmax_s8(&sp, 1, 0, &x, &y) == MOTE_E_ARG, "softmax zero depth",
                NULL);
    tally_check(t, mote_ref_softmax_s8(NULL, 1, 1, &x, &y) == MOTE_E_ARG, "softmax NULL params",
                NULL);
}

static void test_f32_args(test_tally *t)
{
    float in[64] = {0}, w[64] = {0}, out[64];
    mote_dims d = {1, 2, 2, 2}, f = {2, 1, 1, 2}, dwf = {1, 1, 1, 2}, od = {1, 2, 2, 2};
    mote_dims bad = {1, 0, 2, 2}, wrong_c = {1, 2, 2, 3};
    mote_conv_f32_params cp = {{1, 1, 1, 1, 0, 0}, 1, -INFINITY, INFINITY};
    mote_conv_f32_params cp_stride0 = {{0, 1, 1, 1, 0, 0}, 1, -INFINITY, INFINITY};
    mote_pool_f32_params pp = {{1, 1, 1, 1, 0, 0}, 1, 1, -INFINITY, INFINITY};
    mote_pool_f32_params pp_f0 = {{1, 1, 1, 1, 0, 0}, 0, 1, -INFINITY, INFINITY};

    tally_check(t, mote_ref_conv2d_f32(&cp, &d, in, &f, w, NULL, &od, out) == MOTE_OK,
                "conv2d valid call", NULL);
    tally_check(t, mote_ref_conv2d_f32(NULL, &d, in, &f, w, NULL, &od, out) == MOTE_E_ARG,
                "conv2d NULL params", NULL);
    tally_check(t, mote_ref_conv2d_f32(&cp, &d, NULL, &f, w, NULL, &od, out) == MOTE_E_ARG,
                "conv2d NULL input", NULL);
    tally_check(t, mote_ref_conv2d_f32(&cp, &d, in, &f, NULL, NULL, &od, out) == MOTE_E_ARG,
                "conv2d NULL filter", NULL);
    tally_check(t, mote_ref_conv2d_f32(&cp, &d, in, &f, w, NULL, &od, NULL) == MOTE_E_ARG,
                "conv2d NULL output", NULL);
    tally_check(t, mote_ref_conv2d_f32(&cp, &bad, in, &f, w, NULL, &od, out) == MOTE_E_ARG,
                "conv2d zero dimension", NULL);
    tally_check(t, mote_ref_conv2d_f32(&cp_stride0, &d, in, &f, w, NULL, &od, out) == MOTE_E_ARG,
                "conv2d stride 0", NULL);
    tally_check(t, mote_ref_conv2d_f32(&cp, &wrong_c, in, &f, w, NULL, &od, out) == MOTE_E_ARG,
                "conv2d channel mismatch", NULL);

    tally_check(t, mote_ref_depthwise_conv2d_f32(&cp, &d, in, &dwf, w, NULL, &od, out) == MOTE_OK,
                "depthwise valid call", NULL);
    tally_check(t,
                mote_ref_depthwise_conv2d_f32(&cp, NULL, in, &dwf, w, NULL, &od, out) == MOTE_E_ARG,
                "depthwise NULL dims", NULL);
    tally_check(t, mote_ref_depthwise_conv2d_f32(&cp, &d, in, &f, w, NULL, &od, out) == MOTE_E_ARG,
                "depthwise filter batch != 1", NULL);
    cp.depth_multiplier = 0;
    tally_check(t,
                mote_ref_depthwise_conv2d_f32(&cp, &d, in, &dwf, w, NULL, &od, out) == MOTE_E_ARG,
                "depthwise multiplier 0", NULL);

    tally_check(
        t, mote_ref_fully_connected_f32(-INFINITY, INFINITY, 1, 4, 2, in, w, NULL, out) == MOTE_OK,
        "fc valid call", NULL);
    tally_check(t,
                mote_ref_fully_connected_f32(-INFINITY, INFINITY, 1, 4, 2, NULL, w, NULL, out) ==
                    MOTE_E_ARG,
                "fc NULL input", NULL);
    tally_check(t,
                mote_ref_fully_connected_f32(-INFINITY, INFINITY, 1, 0, 2, in, w, NULL, out) ==
                    MOTE_E_ARG,
                "fc depth 0", NULL);

    tally_check(t, mote_ref_avg_pool_f32(&pp, &d, in, &od, out) == MOTE_OK, "avg_pool valid call",
                NULL);
    tally_check(t, mote_ref_avg_pool_f32(&pp, &d, in, &od, NULL) == MOTE_E_ARG,
                "avg_pool NULL output", NULL);
    tally_check(t, mote_ref_avg_pool_f32(&pp_f0, &d, in, &od, out) == MOTE_E_ARG,
                "avg_pool filter 0", NULL);
    tally_check(t, mote_ref_max_pool_f32(&pp, &d, in, &od, out) == MOTE_OK, "max_pool valid call",
                NULL);
    tally_check(t, mote_ref_max_pool_f32(NULL, &d, in, &od, out) == MOTE_E_ARG,
                "max_pool NULL params", NULL);
    tally_check(t, mote_ref_max_pool_f32(&pp, &d, in, &wrong_c, out) == MOTE_E_ARG,
                "max_pool channel mismatch", NULL);

    tally_check(t, mote_ref_add_f32(-INFINITY, INFINITY, &d, in, &d, w, &od, out) == MOTE_OK,
                "add valid call", NULL);
    tally_check(t, mote_ref_add_f32(-INFINITY, INFINITY, &d, in, &d, NULL, &od, out) == MOTE_E_ARG,
                "add NULL in2", NULL);
    tally_check(t,
                mote_ref_add_f32(-INFINITY, INFINITY, &wrong_c, in, &d, w, &od, out) == MOTE_E_ARG,
                "add non-broadcastable shapes", NULL);

    tally_check(t, mote_ref_softmax_f32(1.0f, 2, 4, in, out) == MOTE_OK, "softmax valid call",
                NULL);
    tally_check(t, mote_ref_softmax_f32(1.0f, 2, 4, in, NULL) == MOTE_E_ARG, "softmax NULL output",
                NULL);
    tally_check(t, mote_ref_softmax_f32(1.0f, 0, 4, in, out) == MOTE_E_ARG, "softmax rows 0", NULL);
}

void test_args_run(test_tally *t)
{
    test_s8_args(t);
    test_f32_args(t);
}
