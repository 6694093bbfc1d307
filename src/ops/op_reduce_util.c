/*
 * op_reduce_util.c — the reductions' shared lowering (op_reduce_util.h).
 */
#include <string.h>

#include "ops/op_reduce_util.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

static int32_t read_i32(const uint8_t *p)
{
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return (int32_t)v;
}

/* Mark the axes of constant input 1 in reduced[] (TFLite ResolveAxis:
 * negative values count from the end, repeats are ignored). */
static mote_status read_axes(mote_lower_ctx *c, int32_t rank, int *reduced)
{
    size_t i;
    mote_status st;
    if ((st = mote_lower_need_input(c, 1, 1)) != MOTE_OK) return st;
    if (c->in[1].type != MOTE_INT32)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                               "axis tensor %d has type %s; INT32 is supported", (int)c->in_idx[1],
                               mote_type_name(c->in[1].type));
    if (rank == 0) return MOTE_OK; /* a scalar: TFLite ignores the axes */
    for (i = 0; i < c->in[1].elements; i++) {
        int32_t v = read_i32(c->in[1].data + 4 * i);
        if (v < -rank || v >= rank)
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                                   "axis %d is outside [-%d, %d) for input rank %d", (int)v,
                                   (int)rank, (int)rank, (int)rank);
        reduced[v < 0 ? v + rank : v] = 1;
    }
    return MOTE_OK;
}

/* The output shape TFLite gives: reduced dimensions become 1 (keep_dims)
 * or disappear. */
static mote_status check_out_shape(mote_lower_ctx *c, const int *reduced, int32_t keep)
{
    int32_t r, k = 0, want_rank = 0;
    const mote_graph_tensor *in = &c->in[0];
    for (r = 0; r < in->rank; r++)
        want_rank += keep || !reduced[r];
    if (c->out.rank != want_rank)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "output has rank %d; the reduction gives rank %d (keep_dims %d)",
                               (int)c->out.rank, (int)want_rank, (int)keep);
    for (r = 0; r < in->rank; r++) {
        int32_t want = reduced[r] ? 1 : in->dims[r];
        if (reduced[r] && !keep) continue;
        if (c->out.dims[k] != want)
            return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                                   "output dimension %d is %d; the reduction gives %d (keep_dims "
                                   "%d)",
                                   (int)k, (int)c->out.dims[k], (int)want, (int)keep);
        k++;
    }
    return MOTE_OK;
}

mote_status mote_reduce_geometry(mote_lower_ctx *c, mote_reduce_step *s)
{
    int reduced[MOTE_MAX_RANK], kind[MOTE_REDUCE_RANK];
    int32_t r, n = 0, keep = mote_lower_opt_bool(c, 0, 0), stride = 1;
    int64_t count = 1;
    mote_status st;
    memset(reduced, 0, sizeof reduced);
    if (c->in[0].rank > MOTE_REDUCE_RANK)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0], "input has rank %d; at most %d",
                               (int)c->in[0].rank, MOTE_REDUCE_RANK);
    if (c->in[0].elements > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[0],
                               "input has %U elements; at most 2^31 - 1",
                               (unsigned long long)c->in[0].elements);
    if ((st = read_axes(c, c->in[0].rank, reduced)) != MOTE_OK) return st;
    if ((st = check_out_shape(c, reduced, keep)) != MOTE_OK) return st;
    /* Drop extents of 1, merge neighbours of the same kind. */
    for (r = 0; r < c->in[0].rank; r++) {
        int32_t d = c->in[0].dims[r];
        if (reduced[r]) count *= d;
        if (d == 1) continue;
        if (n > 0 && kind[n - 1] == reduced[r]) {
            s->dims[n - 1] *= d;
        } else {
            kind[n] = reduced[r];
            s->dims[n++] = d;
        }
    }
    if (n == 0) {
        kind[0] = 0;
        s->dims[n++] = 1;
    }
    s->rank = n;
    for (r = n - 1; r >= 0; r--) {
        s->out_stride[r] = kind[r] ? 0 : stride;
        if (!kind[r]) stride *= s->dims[r];
    }
    s->in_elements = (int32_t)c->in[0].elements;
    s->out_elements = stride;
    s->count = (int32_t)count;
    return MOTE_OK;
}

mote_status mote_reduce_requant(mote_lower_ctx *c, mote_reduce_step *s, int mean)
{
    float si, so;
    int32_t zi, zo, m, sh, ls, qmin = mote_ew_qmin(c->in[0].type),
                               qmax = mote_ew_qmax(c->in[0].type);
    int64_t diff, limit, raw_limit;
    mote_status st;
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &si, &zi)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, 0, &so, &zo)) != MOTE_OK) return st;
    if (mote_quant_requant((double)si / (double)so, &m, &sh) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "input scale %g / output scale %g gives no valid multiplier",
                               (double)si, (double)so);
    if (mean) {
        /* TFLite: shift = floor(log2(count)), at most 32 and 31 + shift,
         * multiplier * 2^shift / count (truncated). */
        int32_t sn = 0;
        while (sn < 32 && ((int64_t)1 << (sn + 1)) <= (int64_t)s->count)
            sn++;
        if (sn > 31 + sh) sn = 31 + sh;
        m = (int32_t)((((int64_t)m) << sn) / s->count);
        sh -= sn;
    }
    /* The kernel sums raw values in int32, subtracts input_zp * count and
     * shifts the difference left by max(shift, 0) before the multiply. */
    ls = sh > 0 ? sh : 0;
    diff = (int64_t)(qmax - zi > zi - qmin ? qmax - zi : zi - qmin);
    limit = (int64_t)INT32_MAX / (diff << ls);
    raw_limit = (int64_t)INT32_MAX / (int64_t)(-qmin);
    if (raw_limit < limit) limit = raw_limit;
    if (s->count > limit)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[0],
                               "%d elements per output: int32 sums overflow beyond %D (input zero "
                               "point %d, left shift %d)",
                               (int)s->count, (long long)limit, (int)zi, (int)ls);
    s->multiplier = m;
    s->shift = sh;
    s->input_zp = zi;
    s->output_zp = zo;
    return MOTE_OK;
}

mote_status mote_reduce_lower_extreme(mote_lower_ctx *c, const mote_kernel_id k[2])
{
    mote_reduce_step *p, g;
    mote_status st;
    memset(&g, 0, sizeof g);
    if ((st = mote_reduce_geometry(c, &g)) != MOTE_OK) return st;
    if (c->in[0].type == MOTE_INT8) {
        float si, so;
        int32_t zi, zo;
        if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &si, &zi)) != MOTE_OK) return st;
        if ((st = mote_ew_quant(c, &c->out, c->out_idx, 0, &so, &zo)) != MOTE_OK) return st;
        if (si != so || zi != zo)
            return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                                   "output quantization (%g, %d) differs from the input's (%g, %d)",
                                   (double)so, (int)zo, (double)si, (int)zi);
    }
    p = mote_lower_step(c, c->in[0].type == MOTE_INT8 ? k[0] : k[1], 0, &st);
    if (p == NULL) return st;
    *p = g;
    return MOTE_OK;
}

mote_status mote_reduce_lower_arg(mote_lower_ctx *c, const mote_kernel_id k[2])
{
    const mote_graph_tensor *in = &c->in[0];
    mote_arg_step *p;
    int64_t axis;
    int32_t r, k_out = 0, outer = 1, inner = 1;
    mote_status st;
    if ((st = mote_lower_need_input(c, 1, 1)) != MOTE_OK) return st;
    if ((c->in[1].type != MOTE_INT32 && c->in[1].type != MOTE_INT64) || c->in[1].elements != 1)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                               "axis tensor %d must hold one INT32 or INT64 value (has %U of %s)",
                               (int)c->in_idx[1], (unsigned long long)c->in[1].elements,
                               mote_type_name(c->in[1].type));
    axis = read_i32(c->in[1].data); /* an int64's low half, little-endian */
    if (c->in[1].type == MOTE_INT64)
        axis = (int64_t)(((uint64_t)(uint32_t)read_i32(c->in[1].data + 4) << 32) |
                         (uint64_t)(uint32_t)axis);
    if (c->out.type != MOTE_INT32 && c->out.type != MOTE_INT64)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->out_idx,
                               "output type %s is not supported (INT32 and INT64 are)",
                               mote_type_name(c->out.type));
    if (in->rank < 1 || axis < -in->rank || axis >= in->rank)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                               "axis %D is outside [-%d, %d) for input rank %d", (long long)axis,
                               (int)in->rank, (int)in->rank, (int)in->rank);
    if (in->elements > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[0],
                               "input has %U elements; at most 2^31 - 1",
                               (unsigned long long)in->elements);
    if (axis < 0) axis += in->rank;
    for (r = 0; r < in->rank; r++) {
        if (r == axis) continue;
        if (r < axis) outer *= in->dims[r];
        if (r > axis) inner *= in->dims[r];
        if (k_out >= c->out.rank || c->out.dims[k_out] != in->dims[r])
            return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                                   "output dimension %d is %d; the input without axis %d gives %d",
                                   (int)k_out, k_out < c->out.rank ? (int)c->out.dims[k_out] : 0,
                                   (int)axis, (int)in->dims[r]);
        k_out++;
    }
    if (k_out != c->out.rank)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "output has rank %d; the input without axis %d has rank %d",
                               (int)c->out.rank, (int)axis, (int)k_out);
    p = mote_lower_step(c, in->type == MOTE_INT8 ? k[0] : k[1], 0, &st);
    if (p == NULL) return st;
    p->outer = outer;
    p->axis = in->dims[axis];
    p->inner = inner;
    p->out_int64 = c->out.type == MOTE_INT64;
    return MOTE_OK;
}

mote_status mote_resize_lower(mote_lower_ctx *c, int bilinear, mote_kernel_id k)
{
    uint32_t f = bilinear ? 2u : 0u; /* align_corners field; half_pixel_centers follows */
    int32_t oh, ow;
    mote_resize_step *p, s;
    mote_status st;
    memset(&s, 0, sizeof s);
    s.align_corners = mote_lower_opt_bool(c, f, 0);
    s.half_pixel = mote_lower_opt_bool(c, f + 1, 0);
    if ((st = mote_lower_need_input(c, 1, 1)) != MOTE_OK) return st;
    if (c->in[1].type != MOTE_INT32 || c->in[1].rank != 1 || c->in[1].elements != 2)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                               "size tensor %d must hold 2 INT32 values", (int)c->in_idx[1]);
    oh = read_i32(c->in[1].data);
    ow = read_i32(c->in[1].data + 4);
    if (s.align_corners && s.half_pixel)
        return mote_lower_fail(c, MOTE_E_PARAM, -1,
                               "align_corners and half_pixel_centers are both set");
    if (c->in[0].rank != 4 || c->out.rank != 4)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0], "input and output must have rank 4");
    if ((st = mote_lower_dims4(c, &c->in[0], c->in_idx[0], &s.in)) != MOTE_OK ||
        (st = mote_lower_dims4(c, &c->out, c->out_idx, &s.out)) != MOTE_OK)
        return st;
    if (s.out.n != s.in.n || s.out.c != s.in.c || s.out.h != oh || s.out.w != ow)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "output [%d, %d, %d, %d]; input and size give [%d, %d, %d, %d]",
                               (int)s.out.n, (int)s.out.h, (int)s.out.w, (int)s.out.c, (int)s.in.n,
                               (int)oh, (int)ow, (int)s.in.c);
    /* The fixed-point coordinates (1024 * size) stay inside int32. */
    if (s.in.h > (1 << 20) || s.in.w > (1 << 20) || s.out.h > (1 << 20) || s.out.w > (1 << 20))
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "heights and widths above 2^20");
    /* TFLite's scales, in float and in 1/1024 (rounded). */
    s.scale_h = (float)s.in.h / (float)s.out.h;
    s.scale_w = (float)s.in.w / (float)s.out.w;
    s.scale10_h = ((1 << 10) * s.in.h + s.out.h / 2) / s.out.h;
    s.scale10_w = ((1 << 10) * s.in.w + s.out.w / 2) / s.out.w;
    if (s.align_corners && s.out.h > 1) {
        s.scale_h = (float)(s.in.h - 1) / (float)(s.out.h - 1);
        s.scale10_h = ((1 << 10) * (s.in.h - 1) + (s.out.h - 1) / 2) / (s.out.h - 1);
    }
    if (s.align_corners && s.out.w > 1) {
        s.scale_w = (float)(s.in.w - 1) / (float)(s.out.w - 1);
        s.scale10_w = ((1 << 10) * (s.in.w - 1) + (s.out.w - 1) / 2) / (s.out.w - 1);
    }
    s.elem_bytes = c->in[0].type == MOTE_INT8 ? 1 : c->in[0].type == MOTE_INT16 ? 2 : 4;
    if ((p = mote_lower_step(c, k, 0, &st)) == NULL) return st;
    *p = s;
    return MOTE_OK;
}
