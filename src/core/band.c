/* band.c — band chains: layer geometry and the band walk; see band.h. */
#include "core/band.h"

#include "mote/mote.h"
#include "ops/op.h"

#define ALIGN_UP(x) (((x) + (MOTE_ARENA_ALIGN - 1)) & ~(uint64_t)(MOTE_ARENA_ALIGN - 1))

int mote_band_layer_of(const mote_graph *g, uint32_t i, mote_band_layer *l)
{
    mote_graph_op op;
    mote_graph_tensor t;
    int32_t t0, t1, t2, to, kh, dh, sh, in_h;
    int64_t pad;
    uint64_t in_row;
    if (i >= g->n_ops || mote_graph_get_op(g, i, &op) != MOTE_OK) return 0;
    if ((op.code != MOTE_OP_CONV_2D && op.code != MOTE_OP_DEPTHWISE_CONV_2D) || op.n_inputs < 2 ||
        op.n_outputs != 1)
        return 0;
    t0 = mote_graph_op_input(&op, 0);
    t1 = mote_graph_op_input(&op, 1);
    t2 = op.n_inputs > 2 ? mote_graph_op_input(&op, 2) : -1;
    to = mote_graph_op_output(&op, 0);
    if (t0 < 0 || t1 < 0 || to < 0) return 0;
    /* The filter (and bias) constant: only input 0 is an activation. */
    mote_graph_get_tensor(g, (uint32_t)t1, &t);
    if (t.data == NULL || t.type != MOTE_INT8 || t.rank != 4) return 0;
    kh = t.dims[1];
    if (t2 >= 0) {
        mote_graph_get_tensor(g, (uint32_t)t2, &t);
        if (t.data == NULL) return 0;
    }
    mote_graph_get_tensor(g, (uint32_t)t0, &t);
    if (t.data != NULL || t.type != MOTE_INT8 || t.rank != 4 || t.dims[0] != 1) return 0;
    in_h = t.dims[1];
    in_row = (uint64_t)t.dims[2] * (uint64_t)t.dims[3];
    mote_graph_get_tensor(g, (uint32_t)to, &t);
    if (t.type != MOTE_INT8 || t.rank != 4 || t.dims[0] != 1) return 0;
    /* conv_options: stride_h is field 2; dilation_h field 5 (CONV_2D) or 6
     * (DEPTHWISE_CONV_2D), as ops/op_conv_util.c reads them. */
    sh = mote_graph_opt_i32(&op, 2, 0);
    dh = mote_graph_opt_i32(&op, op.code == MOTE_OP_DEPTHWISE_CONV_2D ? 6u : 5u, 1);
    if (sh < 1 || sh > INT16_MAX || dh < 1 || dh > INT16_MAX || kh < 1 || kh > INT16_MAX ||
        in_h < 1 || t.dims[1] < 1 || in_row == 0 || in_row > UINT32_MAX / 2 ||
        (uint64_t)t.dims[2] * (uint64_t)t.dims[3] > UINT32_MAX / 2)
        return 0;
    l->in_h = in_h;
    l->out_h = t.dims[1];
    l->stride = sh;
    l->span = (kh - 1) * dh + 1;
    /* Padding on top: 0 for VALID; SAME as TFLite (and lowering) compute it. */
    pad = 0;
    if (mote_graph_opt_i32(&op, 0, 0) == 0) {
        pad = ((int64_t)l->out_h - 1) * sh + l->span - in_h;
        pad = pad > 0 ? pad / 2 : 0;
    }
    l->pad = (int32_t)pad;
    l->in_row = (uint32_t)in_row;
    l->out_row = (uint32_t)((uint64_t)t.dims[2] * (uint64_t)t.dims[3]);
    return 1;
}

/* Last input row (clipped) output row y of layer l reads. */
static int32_t last_read(const mote_band_layer *l, int32_t y)
{
    int64_t r = (int64_t)y * l->stride - l->pad + l->span - 1;
    return r >= l->in_h ? l->in_h - 1 : (int32_t)r;
}

/* First input row (clipped) output row y of layer l reads. */
static int32_t first_read(const mote_band_layer *l, int32_t y)
{
    int64_t r = (int64_t)y * l->stride - l->pad;
    if (r < 0) return 0;
    return r >= l->in_h ? l->in_h : (int32_t)r;
}

int mote_band_walk(const mote_band_layer *l, uint32_t n, int32_t *cap, int *overlap_ok,
                   const mote_band_visit *v)
{
    /* next[k]: next row of tensor k to make; window j holds rows
     * [base[j], base[j] + cnt[j]) of tensor j. */
    int32_t next[MOTE_BAND_MAX_OPS + 1], base[MOTE_BAND_MAX_OPS + 1], cnt[MOTE_BAND_MAX_OPS + 1],
        need[MOTE_BAND_MAX_OPS + 1], y;
    uint32_t k;
    int rc;
    if (n < 2 || n > MOTE_BAND_MAX_OPS) return (int)MOTE_E_STATE;
    for (k = 0; k < n; k++) {
        if (l[k].in_h < 1 || l[k].out_h < 1 || l[k].stride < 1 || l[k].span < 1 || l[k].pad < 0 ||
            l[k].in_row == 0 || l[k].out_row == 0)
            return (int)MOTE_E_STATE;
        if (k > 0 && (l[k].in_h != l[k - 1].out_h || l[k].in_row != l[k - 1].out_row)) return (int)MOTE_E_STATE;
    }
    for (k = 0; k <= n; k++) {
        next[k] = base[k] = cnt[k] = 0;
        if (k < n) cap[k] = 0;
    }
    *overlap_ok = 1;
    for (y = 0; y < l[n - 1].out_h; y++) {
        need[n] = y;
        for (k = n - 1; k >= 1; k--)
            need[k] = last_read(&l[k], need[k + 1]);
        for (k = 0; k < n; k++) {
            mote_band_call c;
            int32_t p = next[k + 1], q = need[k + 1];
            if (k + 1 < n) {
                const uint32_t w = k + 1;
                /* Rows of window w the next layer never reads again. */
                const int32_t low = first_read(&l[w], next[w + 1]);
                if (cnt[w] > 0 && low > base[w]) {
                    int32_t d = low - base[w] < cnt[w] ? low - base[w] : cnt[w];
                    if (d < cnt[w] && v != NULL && v->drop != NULL &&
                        (rc = v->drop(v->user, w, d, cnt[w] - d)) != 0)
                        return rc;
                    base[w] += d;
                    cnt[w] -= d;
                }
                /* Rows below low are read by no one: not made at all. */
                if (low > p) p = low;
                if (q < p) continue;
                if (cnt[w] == 0) base[w] = p;
                c.out_at = p - base[w];
                cnt[w] = q - base[w] + 1;
                if (cnt[w] > cap[w]) cap[w] = cnt[w];
            } else {
                if (q < p) continue;
                c.out_at = p;
            }
            c.k = k;
            c.row = p;
            c.count = q - p + 1;
            c.in_base = k == 0 ? 0 : base[k];
            c.in_count = k == 0 ? l[0].in_h : cnt[k];
            /* Every row the call reads is in its input's window. */
            if (first_read(&l[k], p) < c.in_base ||
                last_read(&l[k], q) >= c.in_base + c.in_count)
                return (int)MOTE_E_STATE;
            if (v != NULL && v->call != NULL && (rc = v->call(v->user, &c)) != 0) return rc;
            next[k + 1] = q + 1;
        }
        if (next[n] != y + 1) return (int)MOTE_E_STATE;
        /* Output rows [0, y] may lie over the input only below the first
         * input row a later band reads. */
        if (y + 1 < l[n - 1].out_h &&
            (uint64_t)next[n] * l[n - 1].out_row >
                (uint64_t)first_read(&l[0], next[1]) * l[0].in_row)
            *overlap_ok = 0;
    }
    return 0;
}

uint32_t mote_band_window_at(const mote_band_layer *l, uint32_t j, const int32_t *cap)
{
    uint64_t at = 0;
    uint32_t w;
    for (w = 1; w < j; w++)
        at += ALIGN_UP((uint64_t)(uint32_t)cap[w] * l[w].in_row);
    return at > UINT32_MAX ? UINT32_MAX : (uint32_t)at;
}

uint32_t mote_band_work_bytes(const mote_band_layer *l, uint32_t n, const int32_t *cap)
{
    return mote_band_window_at(l, n, cap);
}
