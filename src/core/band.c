/* band.c — band chains: layer geometry and the band walk; see band.h. */
#include "core/band.h"

#include "mote/mote.h"
#include "ops/op.h"

#if defined(__GNUC__) || defined(__clang__)
#define MOTE_BAND_NOINLINE __attribute__((noinline))
#else
#define MOTE_BAND_NOINLINE
#endif

#define ALIGN_UP(x) (((x) + (MOTE_ARENA_ALIGN - 1)) & ~(uint64_t)(MOTE_ARENA_ALIGN - 1))

int mote_band_layer_of(const mote_graph *g, uint32_t i, mote_band_layer *l, int32_t io[3],
                       mote_band_work *w)
{
    mote_op_rows r;
    if (i >= g->n_ops || mote_graph_get_op(g, i, &w->op) != MOTE_OK ||
        !mote_op_band_rows(g, &w->op, &r, &w->ten))
        return 0;
    if (io != NULL) {
        io[0] = mote_graph_op_input(&w->op, 0);
        io[1] = w->op.n_inputs > 1 ? mote_graph_op_input(&w->op, 1) : -1;
        io[2] = mote_graph_op_output(&w->op, 0);
    }
    l->in_h = r.in_h;
    l->out_h = r.out_h;
    l->stride = r.stride;
    l->pad = r.pad;
    l->span = r.span;
    l->in_row = r.in_row;
    l->out_row = r.out_row;
    l->src[0] = l->src[1] = -1;
    l->add = (uint8_t)(r.inputs == 2);
    return 1;
}

/* Rows, strides, spans and padding are at most MOTE_BAND_MAX_ROWS
 * (chains checks), so the row arithmetic below stays in int32: y * stride
 * + span < 2^31. (The walk runs once per inference: 64-bit products and
 * compares cost it a third of its time on a Cortex-M4.) */
#define MOTE_BAND_MAX_ROWS 0x7fff

/* Last input row (clipped) output row y of layer l reads. */
static int32_t last_read(const mote_band_layer *l, int32_t y)
{
    const int32_t r = y * l->stride - l->pad + l->span - 1;
    return r >= l->in_h ? l->in_h - 1 : r;
}

/* First input row (clipped) output row y of layer l reads. */
static int32_t first_read(const mote_band_layer *l, int32_t y)
{
    const int32_t r = y * l->stride - l->pad;
    if (r < 0) return 0;
    return r >= l->in_h ? l->in_h : r;
}

/* First row of chain tensor j any layer reading it will read from now on
 * (each from the next output row it makes); the tensor's height when none
 * reads it. readers: bit c set when layer c reads tensor j (reads_of),
 * none below c0 (tensor j is read by layers j and on: c0 = j skips the
 * bits that cannot be set). */
static int32_t low_of(const mote_band_layer *l, uint32_t readers, const int16_t *next, uint32_t c0)
{
    int32_t low = INT32_MAX;
    for (readers >>= c0, l += c0, next += c0 + 1; readers != 0; readers >>= 1, l++, next++)
        if (readers & 1u) {
            const int32_t r = first_read(l, *next);
            if (r < low) low = r;
        }
    return low == INT32_MAX ? 0 : low;
}

/* The layers reading chain tensor j, as a mask (bit c: layer c). */
static uint32_t reads_of(const mote_band_layer *l, uint32_t n, uint32_t j)
{
    uint32_t c, s, m = 0;
    for (c = 0; c < n; c++)
        for (s = 0; s < 2; s++)
            if (l[c].src[s] == (int8_t)j) m |= 1u << c;
    return m;
}

/* Shapes chain: every input a chain tensor made earlier, with its rows. */
static int chains(const mote_band_layer *l, uint32_t n)
{
    uint32_t k, s;
    for (k = 0; k < n; k++) {
        if (l[k].in_h < 1 || l[k].out_h < 1 || l[k].stride < 1 || l[k].span < 1 || l[k].pad < 0 ||
            l[k].in_h > MOTE_BAND_MAX_ROWS || l[k].out_h > MOTE_BAND_MAX_ROWS ||
            l[k].stride > MOTE_BAND_MAX_ROWS || l[k].span > MOTE_BAND_MAX_ROWS ||
            l[k].pad > MOTE_BAND_MAX_ROWS || l[k].in_row == 0 || l[k].out_row == 0 ||
            l[k].src[0] < 0 || (l[k].add && l[k].src[1] < 0))
            return 0;
        for (s = 0; s < 2; s++) {
            int32_t j = l[k].src[s];
            if (j < 0) continue;
            if (j > (int32_t)k) return 0;
            if (j == 0 ? l[k].in_h != l[0].in_h || l[k].in_row != l[0].in_row
                       : l[k].in_h != l[j - 1].out_h || l[k].in_row != l[j - 1].out_row)
                return 0;
        }
    }
    return 1;
}

/* The walk, with `all` for MOTE_BAND_ROOM_ALL: a constant in each copy
 * (walk_one, walk_all), so the walk without it (IC's, person_detect's)
 * runs the instructions it ran before that mode was there. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((always_inline))
#endif
static inline int
walk(const mote_band_layer *l, uint32_t n, int32_t *cap, int *overlap_ok, const mote_band_visit *v,
     const int32_t *room, const int all)
{
    /* next[j]: next row of chain tensor j to make; window j holds rows
     * [base[j], base[j] + cnt[j]) of it; need[j]: the last row this band
     * needs. */
    /* (int16: rows are at most MOTE_BAND_MAX_ROWS, and the walk's frame
     * lies under the kernels' while running and under the planner's
     * while loading) */
    int16_t next[MOTE_BAND_MAX_OPS + 1], base[MOTE_BAND_MAX_OPS + 1], cnt[MOTE_BAND_MAX_OPS + 1],
        need[MOTE_BAND_MAX_OPS + 1];
    int32_t y;
    uint8_t readers[MOTE_BAND_MAX_OPS]; /* of chain tensor j (reads_of), j < n */
    mote_band_call c;
    uint32_t k, s;
    int rc, progress;
    if (n < 2 || n > MOTE_BAND_MAX_OPS || !chains(l, n)) return (int)MOTE_E_STATE;
    for (k = 0; k <= MOTE_BAND_MAX_OPS; k++) /* all: a reader mask has bits below n only */
        next[k] = base[k] = cnt[k] = 0;
    for (k = 0; k < n; k++) {
        if (cap != NULL) cap[k] = 0;
        readers[k] = (uint8_t)reads_of(l, n, k);
    }
    c.count = 1;
    if (overlap_ok != NULL) *overlap_ok = 1;
    for (y = 0; y < l[n - 1].out_h; y++) {
        /* Rows each tensor must have for output row y: consumers first
         * (layers only read tensors made by earlier layers). */
        for (k = 0; k < n; k++)
            need[k] = -1;
        need[n] = (int16_t)y;
        for (k = n; k-- > 0;) {
            if (need[k + 1] < 0) continue;
            for (s = 0; s < 2; s++) {
                int32_t j = l[k].src[s], r;
                if (j < 0) continue;
                r = last_read(&l[k], need[k + 1]);
                if (r > need[j]) need[j] = (int16_t)r;
            }
        }
        /* Rows flow through one at a time: in each pass every layer makes
         * its next row if this band needs it and its inputs hold the rows
         * it reads, so a row is consumed soon after it is made and the
         * windows stay a few rows deep (making each layer's rows for the
         * band all at once would size every window by the first band's
         * whole receptive field). */
        for (progress = 1; next[n] <= y && progress;) {
            progress = 0;
            for (k = 0; k < n; k++) {
                const mote_band_layer *lk = &l[k];
                const int32_t j0 = lk->src[0], j1 = lk->src[1];
                int32_t p = next[k + 1], low = 0, first, last;
                if (p > need[k + 1]) continue;
                if (k + 1 < n) {
                    /* Rows below low are read by no one: not made at all. */
                    low = low_of(l, readers[k + 1], next, k + 1);
                    if (low > p && (p = low) > need[k + 1]) continue;
                }
                /* Its inputs must hold every row output row p reads (the
                 * chain's input, tensor 0, is whole). */
                first = p * lk->stride - lk->pad;
                last = first + lk->span - 1;
                if (first < 0) first = 0;
                if (first > lk->in_h) first = lk->in_h;
                if (last >= lk->in_h) last = lk->in_h - 1;
                if ((j0 > 0 && last >= next[j0]) || (j1 > 0 && last >= next[j1])) continue;
                if (k + 1 < n) {
                    /* Window k + 1 drops the rows no layer reads again only
                     * now, when layer k makes its next row: only layer k
                     * adds rows to it and its readers only move on, so the
                     * window is as dropping at every pass would leave it
                     * (same rows, same caps), with one move where there
                     * were several. */
                    const uint32_t w = k + 1;
                    if (cnt[w] > 0 && low > base[w]) {
                        int32_t d = low - base[w] < cnt[w] ? low - base[w] : cnt[w];
                        if (d < cnt[w] && v != NULL && v->drop != NULL &&
                            (rc = v->drop(v->user, w, d, cnt[w] - d)) != 0)
                            return rc;
                        base[w] = (int16_t)(base[w] + d);
                        cnt[w] = (int16_t)(cnt[w] - d);
                    }
                    /* With MOTE_BAND_ROOM_ALL a full window waits for its
                     * readers (layers ahead of the flow may have filled
                     * it): the layer makes its row in a later pass (so
                     * below, cnt <= room). */
                    if (all && cnt[w] > 0 && p - base[w] + 1 > room[w]) continue;
                    if (cnt[w] == 0) base[w] = (int16_t)p;
                    c.out_at = p - base[w];
                    cnt[w] = (int16_t)(p - base[w] + 1);
                    /* With room: a layer reading only the chain's input
                     * (whole, so always ready) makes as many rows ahead
                     * as its window has room for, in one call; with
                     * MOTE_BAND_ROOM_ALL (room[0]) any other layer makes
                     * as many of the rows this band needs as its window
                     * has room for and its inputs hold (a kernel call
                     * costs a set-up, and a few rows at once let the
                     * kernels keep more of their work across rows). */
                    if (room != NULL) {
                        if (j0 == 0 && j1 < 0) {
                            while (cnt[w] < room[w] && p + c.count < lk->out_h) {
                                cnt[w]++;
                                c.count++;
                            }
                        } else if (all) {
                            while (cnt[w] < room[w] && p + c.count <= need[w]) {
                                const int32_t r = last_read(lk, p + c.count);
                                if ((j0 > 0 && r >= next[j0]) || (j1 > 0 && r >= next[j1])) break;
                                cnt[w]++;
                                c.count++;
                            }
                        }
                        if (!all && cnt[w] > room[w]) return (int)MOTE_E_STATE;
                    }
                    if (cap != NULL && cnt[w] > cap[w]) cap[w] = cnt[w];
                } else {
                    c.out_at = p;
                }
                c.k = k;
                c.row = p;
                if (c.count > 1) {
                    last = (p + c.count - 1) * lk->stride - lk->pad + lk->span - 1;
                    if (last >= lk->in_h) last = lk->in_h - 1;
                }
                for (s = 0; s < 2; s++) {
                    const int32_t j = lk->src[s];
                    c.in_base[s] = j > 0 ? base[j] : 0;
                    c.in_count[s] = j > 0 ? cnt[j] : lk->in_h;
                    /* Every row the call reads is in its input's window. */
                    if (j >= 0 && (first < c.in_base[s] || last >= c.in_base[s] + c.in_count[s]))
                        return (int)MOTE_E_STATE;
                }
                if (v != NULL && v->call != NULL && (rc = v->call(v->user, &c)) != 0) return rc;
                next[k + 1] = (int16_t)(p + c.count);
                c.count = 1;
                progress = 1;
            }
        }
        if (next[n] != y + 1) return (int)MOTE_E_STATE;
        /* Output rows [0, y] may lie over the input only below the first
         * input row a later band reads (not asked while running: loading
         * checked it). */
        if (overlap_ok != NULL && y + 1 < l[n - 1].out_h &&
            (uint64_t)next[n] * l[n - 1].out_row >
                (uint64_t)low_of(l, readers[0], next, 0) * l[0].in_row)
            *overlap_ok = 0;
    }
    return 0;
}

static MOTE_BAND_NOINLINE int walk_one(const mote_band_layer *l, uint32_t n, int32_t *cap,
                                       int *overlap_ok, const mote_band_visit *v,
                                       const int32_t *room)
{
    return walk(l, n, cap, overlap_ok, v, room, 0);
}

static MOTE_BAND_NOINLINE int walk_all(const mote_band_layer *l, uint32_t n, int32_t *cap,
                                       int *overlap_ok, const mote_band_visit *v,
                                       const int32_t *room)
{
    return walk(l, n, cap, overlap_ok, v, room, 1);
}

int mote_band_walk(const mote_band_layer *l, uint32_t n, int32_t *cap, int *overlap_ok,
                   const mote_band_visit *v, const int32_t *room)
{
    if (room != NULL && (room[0] & MOTE_BAND_ROOM_ALL))
        return walk_all(l, n, cap, overlap_ok, v, room);
    return walk_one(l, n, cap, overlap_ok, v, room);
}

uint32_t mote_band_window_at(const mote_band_layer *l, uint32_t j, const int32_t *cap,
                             uint32_t skip)
{
    uint64_t at = 0;
    uint32_t w;
    for (w = 1; w < j; w++) /* window w holds rows of layer w - 1's output */
        if (!(skip & (1u << w))) at += ALIGN_UP((uint64_t)(uint32_t)cap[w] * l[w - 1].out_row);
    return at > UINT32_MAX ? UINT32_MAX : (uint32_t)at;
}

uint32_t mote_band_work_bytes(const mote_band_layer *l, uint32_t n, const int32_t *cap)
{
    return mote_band_window_at(l, n, cap, 0);
}
