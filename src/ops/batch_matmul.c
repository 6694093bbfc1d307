/*
 * BATCH_MATMUL: lhs [..., rows, depth] x rhs [..., depth, cols] with up to
 * three broadcast batch dimensions (ranks 2-5), adj_x / adj_y; int8
 * (per-tensor, any zero points, int32 sums), int16 (zero points 0, int64
 * sums) and float32. Either operand may be constant. Options
 * BatchMatMulOptions: 0 adj_x, 1 adj_y, 2 asymmetric_quantize_inputs (hybrid:
 * float lhs, constant int8 rhs, ops/op_hybrid_util.c).
 */
#include <string.h>

#include "ops/op_reduce_util.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"
#include "ops/lower_select.h"

/* Dimension d of t counted from the end (1 when t has fewer). */
static int32_t dim_back(const mote_graph_tensor *t, int32_t d)
{
    return d < t->rank ? t->dims[t->rank - 1 - d] : 1;
}

static mote_status quant(mote_lower_ctx *c, mote_bmm_step *p)
{
    float sl, sr, so;
    int32_t zl, zr, zo, m, sh;
    int wide = c->in[0].type == MOTE_INT16;
    int64_t most, limit;
    mote_status st;
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], wide, &sl, &zl)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->in[1], c->in_idx[1], wide, &sr, &zr)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, wide, &so, &zo)) != MOTE_OK) return st;
    /* TFLite GetQuantizedConvolutionMultipler: the scales' product in
     * float, then divided in double. */
    if (mote_quant_requant((double)(sl * sr) / (double)so, &m, &sh) != MOTE_OK || (wide && sh > 14))
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "scales %g x %g / %g give no valid multiplier", (double)sl,
                               (double)sr, (double)so);
    /* Largest |product| of one term, and how many fit the accumulator:
     * int32 for int8, TFLite's int64 requantization range (2^47) for int16. */
    most = (int64_t)(zl >= 0 ? 128 + zl : 127 - zl) * (int64_t)(zr >= 0 ? 128 + zr : 127 - zr);
    limit = wide ? ((int64_t)1 << 47) / most : (int64_t)INT32_MAX / most;
    if (p->depth > limit)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[0],
                               "depth %d exceeds %D (the accumulator could overflow)",
                               (int)p->depth, (long long)limit);
    p->lhs_offset = -zl;
    p->rhs_offset = -zr;
    p->output_offset = zo;
    p->multiplier = m;
    p->shift = sh;
    p->act_min = mote_ew_qmin(c->in[0].type);
    p->act_max = mote_ew_qmax(c->in[0].type);
    return MOTE_OK;
}

mote_status mote_lower_batch_matmul(mote_lower_ctx *c)
{
    const mote_graph_tensor *l = &c->in[0], *r = &c->in[1];
    int32_t adj_x = mote_lower_opt_bool(c, 0, 0), adj_y = mote_lower_opt_bool(c, 1, 0);
    int32_t rank, d, depth_r, sl, sr;
    mote_bmm_step *p, s;
    mote_status st;
    mote_kernel_id k;

    memset(&s, 0, sizeof s);
    if ((st = mote_lower_need_input(c, 1, -1)) != MOTE_OK) return st;
    if (l->elements > INT32_MAX || r->elements > INT32_MAX || c->out.elements > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "an operand has 2^31 elements or more");
    /* Float lhs with int8 rhs is hybrid (ops/op_hybrid_util.c). */
    if (r->type != l->type && !(l->type == MOTE_FLOAT32 && r->type == MOTE_INT8))
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                               "rhs type %s differs from lhs type %s (hybrid: FLOAT32 lhs, "
                               "constant INT8 rhs)",
                               mote_type_name(r->type), mote_type_name(l->type));
    if (l->rank < 2 || l->rank > 5 || r->rank < 2 || r->rank > 5)
        return mote_lower_fail(c, MOTE_E_SHAPE, -1, "operands have ranks %d and %d; 2 to 5",
                               (int)l->rank, (int)r->rank);
    rank = l->rank > r->rank ? l->rank : r->rank;
    s.rows = dim_back(l, adj_x ? 0 : 1);
    s.depth = dim_back(l, adj_x ? 1 : 0);
    depth_r = dim_back(r, adj_y ? 0 : 1);
    s.cols = dim_back(r, adj_y ? 1 : 0);
    if (depth_r != s.depth)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1], "lhs depth %d, rhs depth %d",
                               (int)s.depth, (int)depth_r);
    if (c->out.rank != rank || dim_back(&c->out, 1) != s.rows || dim_back(&c->out, 0) != s.cols)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "output must have rank %d and end in [%d, %d]", (int)rank,
                               (int)s.rows, (int)s.cols);
    /* Batch dimensions, innermost (d = 2) first, padded to three; the
     * strides step over whole matrices. */
    sl = s.rows * s.depth;
    sr = s.depth * s.cols;
    for (d = 2; d < 5; d++) {
        int32_t a = dim_back(l, d), b = dim_back(r, d), o = a == 1 ? b : a;
        if (a != b && a != 1 && b != 1)
            return mote_lower_fail(c, MOTE_E_SHAPE, -1,
                                   "batch dimensions %d and %d do not "
                                   "broadcast",
                                   (int)a, (int)b);
        if (dim_back(&c->out, d) != o)
            return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                                   "output batch dimension is %d; the operands give %d",
                                   (int)dim_back(&c->out, d), (int)o);
        s.batch[4 - d] = o;
        s.lhs_stride[4 - d] = a == 1 ? 0 : sl;
        s.rhs_stride[4 - d] = b == 1 ? 0 : sr;
        sl *= a;
        sr *= b;
    }
    s.adj_x = adj_x;
    s.adj_y = adj_y;
    if (r->type != l->type)
        return mote_lower_by_type_table.bmm_hybrid == NULL
                   ? mote_lower_type_left_out(c)
                   : mote_lower_by_type_table.bmm_hybrid(c, &s);
    if (l->type != MOTE_FLOAT32 && (st = quant(c, &s)) != MOTE_OK) return st;
    k = l->type == MOTE_INT8    ? MOTE_KID_BATCH_MATMUL_S8
        : l->type == MOTE_INT16 ? MOTE_KID_BATCH_MATMUL_S16
                                : MOTE_KID_BATCH_MATMUL_F32;
    if ((p = mote_lower_step(c, k, 0, &st)) == NULL) return st;
    *p = s;
    return MOTE_OK;
}

/* Each output element is one dot product of `depth` terms. */
uint64_t mote_macs_batch_matmul(const mote_graph *g, const mote_graph_op *op)
{
    mote_graph_tensor l;
    if (mote_graph_get_tensor(g, (uint32_t)mote_graph_op_input(op, 0), &l) != MOTE_OK || l.rank < 2)
        return 0;
    return mote_macs_mul(mote_macs_out_elements(g, op),
                         (uint64_t)l.dims[l.rank - (mote_graph_opt_i8(op, 0, 0) ? 2 : 1)]);
}
