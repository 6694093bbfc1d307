/*
 * band_run.c — run a session's band chain (band.h): the walk of
 * core/band.c with the kernels called on each band's rows.
 *
 * A layer's kernel is called through its step's own kernel-table row with
 * the parameter block (in the session's state) changed for the call —
 * input rows, output rows, top padding — and restored right after, so the
 * kernels are the ones the whole-tensor step runs and the bytes are the
 * same. A row whose `fits` refuses the band's shape, or that would need
 * more scratch than planned, gives way to the kernel's reference row
 * (every row of a kernel computes the same bytes).
 */
#include <string.h>

#include "mote/mote.h"
#include "core/band.h"
#include "core/control.h"
#include "core/step.h"
#include "kernels/kernel_table.h"

/* Loading's stack (issue #10: within 1 KB on every core): mote_band_check's
 * parts that hold a large frame (float_rows, room_all: a float_walk each)
 * or reach deep (same_layers: the graph's records) run in frames of their
 * own, never inlined, so no two of them are live at once and the check's
 * own frame stays small. */
#if defined(__GNUC__) || defined(__clang__)
#define BAND_NOINLINE __attribute__((noinline))
#else
#define BAND_NOINLINE
#endif

/* The session keeps a cap per window (mote_session.band_cap). */
typedef char mote_band_cap_fits_
    [sizeof(((mote_session *)0)->band_cap) >= MOTE_BAND_MAX_OPS * sizeof(uint16_t) ? 1 : -1];

/* What a layer's calls share, worked out once per run (mote_band_run):
 * its parameter block, its inputs 1 and 2 as the session hands them over
 * (a convolution's filter and bias), its scratch, and the row
 * its last call ran with the band fields of its block then (rows in, rows
 * out, top padding): a row's `fits` and scratch answers read only the
 * block, and a call changes only those fields, so a call with the same
 * ones takes the same row without asking again (most calls of a chain
 * have one shape). */
typedef struct band_layer_run {
    uint8_t *block;
    const void *in1, *in2; /* inputs 1 and 2 (NULL: absent) */
    void *scratch;         /* NULL: none planned */
    mote_kernel_fn run;    /* the row picked (valid when row >= 0) */
    uint32_t planned;      /* the step's row's scratch for the block as planned */
    int16_t in_h, out_h, pad;
    int16_t row; /* -1: none yet (fields out of int16 range: never kept) */
} band_layer_run;

/* The layers and windows (l, cap) are where the caller keeps them: the
 * work memory while loading (mote_band_check), the stack while running. */
typedef struct band_ctx {
    const mote_session *s;
    mote_band_layer *l;
    int32_t *cap;
    uint32_t n;
    uint8_t *work;
    uint8_t *in, *out; /* the chain's input and output tensors */
    /* Set once per run (mote_band_run), NULL while loading: where chain
     * tensor j's rows start (the chain's input; window j in the work
     * area), and each layer's shared parts. */
    uint8_t **win;
    band_layer_run *lr;
    int32_t y; /* FLOAT: the next row the last layer makes */
} band_ctx;

/* band_cap[0] (no window's): room for rows ahead in window 1 (bit 0),
 * every layer making several rows a call (MOTE_BAND_ROOM_ALL), and FLOAT
 * with a bit FLOAT_W(j) per floating window j. A window floats when only
 * one layer reads it, a 1x1 stride-1 convolution of it alone (each of its
 * rows is read by that layer's next call, none kept), and the chain's
 * output shares its input's buffer: it takes no work bytes; its rows are
 * written past output row y + 1 (y: the next row the last layer makes),
 * in that buffer (output rows not yet written, input rows no later call
 * reads, no other floating window's rows still unread: mote_band_check
 * walks the chain to make sure), and the work bytes it leaves go to the
 * other windows as rows (fewer, larger kernel calls). */
#define FLOAT 4
#define FLOAT_W(j) (1 << (8 + (j)))
#define FLOATING(modes) ((uint32_t)(modes) >> 8) /* bit j: window j floats */

/* Kernel of step i when it can be a band layer (conv, depthwise, ADD on
 * int8), else -1. */
static int32_t layer_kernel(const mote_session *s, uint32_t i)
{
    const mote_step *st = &s->steps[i];
    uint16_t kid;
    /* (at most three inputs: a call hands its kernel three) */
    if (st->row >= mote_kernel_row_count || st->n_out != 1 || st->n_in > 3) return -1;
    kid = mote_kernel_rows[st->row].kernel;
    if (!mote_band_chain_kernel(kid)) return -1;
    return kid == MOTE_KID_ADD_S8 ? (st->n_in == 2 ? (int32_t)kid : -1)
                                  : (st->n_in >= 2 ? (int32_t)kid : -1);
}

/* Layer k from its step (what its kernel will be told): 0, or -1. */
static int layer_from_step(const mote_session *s, uint32_t i, mote_band_layer *l)
{
    const uint8_t *block = s->state + s->steps[i].params;
    int32_t kid = layer_kernel(s, i);
    l->src[0] = l->src[1] = -1;
    if (kid == MOTE_KID_ADD_S8) {
        const mote_add_s8_step *as = (const mote_add_s8_step *)(const void *)block;
        if (as->in1.n != 1 || as->in1.h != as->out.h || as->in2.h != as->out.h ||
            as->in1.w != as->out.w || as->in2.w != as->out.w || as->in1.c != as->out.c ||
            as->in2.c != as->out.c || as->in2.n != 1 || as->out.n != 1)
            return -1;
        l->in_h = l->out_h = as->out.h;
        l->stride = l->span = 1;
        l->pad = 0;
        l->in_row = l->out_row = (uint32_t)as->out.w * (uint32_t)as->out.c;
        l->add = 1;
        return 0;
    }
    if (kid < 0) return -1;
    {
        const mote_conv_s8_step *cs = (const mote_conv_s8_step *)(const void *)block;
        if (cs->in.n != 1 || cs->out.n != 1) return -1;
        l->in_h = cs->in.h;
        l->out_h = cs->out.h;
        l->stride = cs->p.geom.stride_h;
        l->pad = cs->p.geom.pad_h;
        l->span = (cs->filter.h - 1) * cs->p.geom.dilation_h + 1;
        l->in_row = (uint32_t)cs->in.w * (uint32_t)cs->in.c;
        l->out_row = (uint32_t)cs->out.w * (uint32_t)cs->out.c;
        l->add = 0;
    }
    return 0;
}

/* Tensor index of step i's operand k (k >= n_in: outputs). */
static int32_t operand(const mote_session *s, uint32_t i, uint32_t k)
{
    return mote_step_operands(s->state, &s->steps[i])[k];
}

/* Step i's input k as its kernel is handed it (NULL: absent). */
static const void *input(const mote_session *s, uint32_t i, uint32_t k)
{
    return operand(s, i, k) >= 0 ? mote_session_ref(s, operand(s, i, k)) : NULL;
}

/* Layers from the steps, the chain tensors each reads (from the operand
 * lists), the windows' rows and the chain's tensors: 0, or -1 when they do
 * not form a chain the walk accepts. walk: the windows' rows from a walk
 * (loading), else from the session (what loading found: running). */
static int load(band_ctx *c, const mote_session *s, int walk)
{
    uint32_t k, j, q;
    int ok;
    const uint32_t first = (uint32_t)s->band_first;
    if (s->band_first < 0 || s->band_last <= s->band_first ||
        s->band_last - s->band_first + 1 > MOTE_BAND_MAX_OPS)
        return -1;
    c->s = s;
    c->n = (uint32_t)(s->band_last - s->band_first) + 1;
    for (k = 0; k < c->n; k++) {
        mote_band_layer *l = &c->l[k];
        if (layer_from_step(s, first + k, l) != 0) return -1;
        for (q = 0; q < (l->add ? 2u : 1u); q++) {
            int32_t t = operand(s, first + k, q);
            if (t == operand(s, first, 0)) l->src[q] = 0;
            for (j = 0; j < k; j++)
                if (t == operand(s, first + j, s->steps[first + j].n_in))
                    l->src[q] = (int8_t)(j + 1);
            if (l->src[q] < 0) return -1;
        }
    }
    if (walk) {
        if (mote_band_walk(c->l, c->n, c->cap, &ok, NULL, NULL) != 0) return -1;
    } else {
        for (k = 0; k < c->n; k++) /* [0]: the modes (FLOAT) */
            c->cap[k] = s->band_cap[k];
    }
    c->work = s->activations + s->band_work;
    c->in = mote_session_ref(s, operand(s, first, 0));
    c->out = mote_session_ref(s, operand(s, (uint32_t)s->band_last, s->steps[s->band_last].n_in));
    return c->in != NULL && c->out != NULL ? 0 : -1;
}

/* n bytes from s down to d (d < s: a forward copy is exact even where
 * they overlap). On Thumb-2 cores, word-aligned runs (the windows are
 * aligned; the rows of VWW's and IC's chains are whole words) go 64 bytes
 * per two LDM / STM pairs, each block loaded whole before it is stored (its
 * source starts past its destination's start: no store reaches a byte
 * still to be loaded); the rest through memmove. */
static void move_down(uint8_t *d, const uint8_t *s, size_t n)
{
#if defined(__thumb2__)
    if ((((uintptr_t)d | (uintptr_t)s | n) & 3u) == 0 && n >= 64) {
        /* two blocks per pass: the rows of IC's, VWW's and
         * person_detect's chains are multiples of 64 bytes */
        size_t blocks = n / 64;
        n %= 64;
        __asm__ volatile("1:\n\t"
                         "ldmia   %1!, {r3, r4, r5, r6, r8, r9, r10, r12}\n\t"
                         "stmia   %0!, {r3, r4, r5, r6, r8, r9, r10, r12}\n\t"
                         "ldmia   %1!, {r3, r4, r5, r6, r8, r9, r10, r12}\n\t"
                         "stmia   %0!, {r3, r4, r5, r6, r8, r9, r10, r12}\n\t"
                         "subs    %2, %2, #1\n\t"
                         "bne     1b\n\t"
                         : "+r"(d), "+r"(s), "+r"(blocks)
                         :
                         : "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r12", "cc", "memory");
    }
#endif
    if (n > 0) memmove(d, s, n);
}

static int drop(void *user, uint32_t j, int32_t d, int32_t keep)
{
    band_ctx *c = (band_ctx *)user;
    uint8_t *w = c->win[j];
    const size_t row = c->l[j - 1].out_row; /* window j: layer j - 1's output */
    if (keep > 0) move_down(w, w + (size_t)d * row, (size_t)keep * row);
    return 0;
}

/* Run the row of step st on block (changed for the band), or the
 * kernel's reference row when that one does not take the band's shape or
 * would need more scratch than planned (lr->planned). */
static mote_status run_row(const mote_step *st, band_layer_run *lr, mote_kernel_io *io,
                           int32_t in_h, int32_t out_h, int32_t pad)
{
    if (lr->row < 0 || lr->in_h != in_h || lr->out_h != out_h || lr->pad != pad) {
        const mote_kernel_row *row = &mote_kernel_rows[st->row];
        const int keep_it = in_h >= 0 && in_h <= INT16_MAX && out_h >= 0 && out_h <= INT16_MAX &&
                            pad >= 0 && pad <= INT16_MAX;
        const uint32_t need = row->scratch_bytes != NULL ? row->scratch_bytes(lr->block) : 0;
        int32_t r = (int32_t)st->row;
        if ((row->fits != NULL && !row->fits(lr->block)) ||
            (need > 0 && (io->scratch == NULL || need > lr->planned)))
            r = mote_kernel_ref_row((mote_kernel_id)row->kernel);
        if (r < 0 || r > INT16_MAX || mote_kernel_rows[r].run == NULL) return MOTE_E_STATE;
        lr->run = mote_kernel_rows[r].run;
        lr->row = (int16_t)(keep_it ? r : -1);
        lr->in_h = (int16_t)in_h;
        lr->out_h = (int16_t)out_h;
        lr->pad = (int16_t)pad;
    }
    return lr->run(lr->block, io);
}

static int call(void *user, const mote_band_call *bc)
{
    band_ctx *c = (band_ctx *)user;
    const mote_session *s = c->s;
    const uint32_t i = (uint32_t)s->band_first + bc->k;
    const mote_step *st = &s->steps[i];
    const mote_band_layer *l = &c->l[bc->k];
    band_layer_run *lr = &c->lr[bc->k];
    /* inputs 0 (and 1 for ADD) are set below from the windows; a chain
     * step has at most three (layer_kernel), NULL past its own as the
     * session hands them over */
    const void *in[3];
    void *out[1];
    mote_kernel_io io;
    mote_status status;

    in[1] = lr->in1;
    in[2] = lr->in2;
    if (bc->k + 1 < c->n) {
        /* the row goes inside its window (the walk counts the rows each
         * window holds; the caps loading found are in the session) */
        if (bc->out_at < 0 || bc->out_at + bc->count > (int32_t)s->band_cap[bc->k + 1])
            return (int)MOTE_E_STATE;
        out[0] = c->win[bc->k + 1] + (size_t)bc->out_at * l->out_row;
    } else {
        out[0] = c->out + (size_t)bc->row * l->out_row;
    }
    io.in = in;
    io.out = out;
    io.scratch = lr->scratch;
    if (l->add) {
        /* Rows row .. row + count - 1 of both inputs and the output. */
        /* (the kernels read the block only: the fields changed are put back) */
        mote_add_s8_step *as = (mote_add_s8_step *)(void *)lr->block;
        const int32_t h1 = as->in1.h, h2 = as->in2.h, ho = as->out.h;
        in[0] = c->win[l->src[0]] + (size_t)(bc->row - bc->in_base[0]) * l->in_row;
        in[1] = c->win[l->src[1]] + (size_t)(bc->row - bc->in_base[1]) * l->in_row;
        as->in1.h = as->in2.h = as->out.h = bc->count;
        status = run_row(st, lr, &io, bc->count, bc->count, 0);
        as->in1.h = h1;
        as->in2.h = h2;
        as->out.h = ho;
    } else {
        /* The first input row the band reads, and from where in the
         * window: rows above it are left out, so the top padding is what
         * remains of the layer's own (0 below the top). */
        mote_conv_s8_step *cs = (mote_conv_s8_step *)(void *)lr->block;
        const int32_t in_h = cs->in.h, out_h = cs->out.h, pad_h = cs->p.geom.pad_h;
        const int32_t first = bc->row * l->stride - l->pad;
        const int32_t off = first - bc->in_base[0] > 0 ? first - bc->in_base[0] : 0;
        in[0] = c->win[l->src[0]] + (size_t)off * l->in_row;
        cs->in.h = bc->in_count[0] - off;
        cs->out.h = bc->count;
        cs->p.geom.pad_h = bc->in_base[0] + off - first;
        status = run_row(st, lr, &io, cs->in.h, cs->out.h, cs->p.geom.pad_h);
        cs->in.h = in_h;
        cs->out.h = out_h;
        cs->p.geom.pad_h = pad_h;
    }
    return (int)status;
}

/* Whether window j (1 .. n - 1) may float: read by layer j alone, a 1x1
 * stride-1 convolution of it alone. */
static int floats(const mote_band_layer *l, uint32_t n, uint32_t j)
{
    uint32_t k;
    const mote_band_layer *r = &l[j];
    if (r->add || r->src[0] != (int8_t)j || r->src[1] >= 0 || r->span != 1 || r->stride != 1 ||
        r->pad != 0)
        return 0;
    for (k = 0; k < n; k++)
        if (k != j && (l[k].src[0] == (int8_t)j || l[k].src[1] == (int8_t)j)) return 0;
    return 1;
}

/* What a walk of FLOAT (mote_band_check) sees: the chain's layers, the
 * modes, the next row each layer makes (from its calls), the bytes each
 * floating window's unread rows take in the input's buffer (live: its bit),
 * and the kernel calls (fewer is better). */
typedef struct float_walk {
    const mote_band_layer *l;
    uint32_t n, live, calls;
    int32_t modes;
    int16_t next[MOTE_BAND_MAX_OPS];
    uint32_t lo[MOTE_BAND_MAX_OPS], hi[MOTE_BAND_MAX_OPS];
} float_walk;

/* A floating window keeps no rows from one of its reader's calls to the
 * next. */
static int float_drop(void *user, uint32_t j, int32_t d, int32_t keep)
{
    const float_walk *f = (const float_walk *)user;
    (void)d;
    return (f->modes & FLOAT_W(j)) && keep > 0 ? (int)MOTE_E_STATE : 0;
}

/* Whether bytes [lo, hi) of the input's buffer overlap a floating window's
 * unread rows. */
static int float_overlap(const float_walk *f, uint32_t lo, uint32_t hi)
{
    uint32_t j;
    for (j = 1; j < f->n; j++)
        if ((f->live & (1u << j)) && lo < f->hi[j] && f->lo[j] < hi) return 1;
    return 0;
}

/* A call as call_float will make it, checked: rows of floating window j
 * are written from its start (out_at 0: none unread), past output row
 * y + 1, below every chain input row a later call (or this one) reads (the
 * input's rows only die as the walk moves on) and over no other floating
 * window's unread rows; its reader reads them from the first; the last
 * layer's output rows cover no floating window's unread rows. */
static int float_call(void *user, const mote_band_call *bc)
{
    float_walk *f = (float_walk *)user;
    const mote_band_layer *l = f->l, *lk = &l[bc->k];
    const uint32_t n = f->n, j = bc->k + 1, R = l[n - 1].out_row;
    f->calls++;
    if (bc->k >= n) return (int)MOTE_E_STATE; /* (the walk's layers: k < n) */
    if ((f->modes & FLOAT_W(bc->k)) && bc->in_base[0] != bc->row) return (int)MOTE_E_STATE;
    if (j < n && (f->modes & FLOAT_W(j))) {
        int32_t low = l[0].in_h;
        uint32_t k;
        const uint64_t lo = (uint64_t)(f->next[n - 1] + 1) * R,
                       hi = lo + (uint64_t)(uint32_t)bc->count * lk->out_row;
        for (k = 0; k < n; k++) /* the first input row a later call reads */
            if (l[k].src[0] == 0 || l[k].src[1] == 0) {
                int32_t r = (k == bc->k ? bc->row : f->next[k]) * l[k].stride - l[k].pad;
                if (r < 0) r = 0;
                if (r < low) low = r;
            }
        if (bc->out_at != 0 || hi > (uint64_t)(uint32_t)low * l[0].in_row ||
            float_overlap(f, (uint32_t)lo, (uint32_t)hi))
            return (int)MOTE_E_STATE;
        f->lo[j] = (uint32_t)lo;
        f->hi[j] = (uint32_t)hi;
        f->live |= 1u << j;
    }
    if (j == n && float_overlap(f, (uint32_t)bc->row * R, (uint32_t)(bc->row + bc->count) * R))
        return (int)MOTE_E_STATE;
    /* floating window k read to its last row: no longer live, after the
     * checks above (this call still reads it while it writes) */
    if ((f->modes & FLOAT_W(bc->k)) && bc->row + bc->count >= bc->in_base[0] + bc->in_count[0])
        f->live &= ~(1u << bc->k);
    f->next[bc->k] = (int16_t)(bc->row + bc->count);
    return 0;
}

/* The walk with caps cap (cap[0]: the modes), checked as FLOAT runs it
 * when f->modes has FLOAT (else only counted): its kernel calls, or 0 when
 * it fails, or the windows that do not float need more than work_bytes. */
static uint32_t float_try(float_walk *f, const int32_t *cap, uint32_t work_bytes, int overlap)
{
    mote_band_visit v;
    uint32_t k;
    int ok;
    if (mote_band_window_at(f->l, f->n, cap, FLOATING(f->modes)) > work_bytes) return 0;
    for (k = 0; k < f->n; k++)
        f->next[k] = 0;
    f->live = f->calls = 0;
    v.drop = f->modes & FLOAT ? float_drop : NULL;
    v.call = float_call;
    v.user = f;
    if (mote_band_walk(f->l, f->n, NULL, &ok, &v, (cap[0] & 3) ? cap : NULL) != 0 ||
        (overlap && !ok))
        return 0;
    return f->calls;
}

/* FLOAT for chain c (cap: its windows' rows, cap[0] the modes) when its
 * output shares the input's buffer and some window may float: the work
 * bytes floating windows leave go a row or two at a time to the window
 * where they save the most kernel calls (floating windows' rows cost no
 * work bytes), each step kept only when the walk with it works and keeps
 * FLOAT's places.
 * Nothing changes unless that makes fewer calls than the caps the check
 * found. */
#define FLOAT_STEPS 8 /* windows grown at most so often (each step walks the chain 2n times) */
static BAND_NOINLINE void float_rows(band_ctx *c, uint32_t work_bytes)
{
    const uint32_t n = c->n;
    int32_t *cap = c->cap, keep[MOTE_BAND_MAX_OPS];
    float_walk f;
    uint32_t k, j, best, calls, fewest;
    f.l = c->l;
    f.n = n;
    f.modes = 0;
    for (k = 0; k < n; k++)
        keep[k] = cap[k];
    /* the calls without FLOAT (no floating window checked) */
    if ((fewest = float_try(&f, cap, work_bytes, 1)) == 0) return;
    f.modes = 1 | MOTE_BAND_ROOM_ALL | FLOAT;
    for (j = 1; j < n; j++)
        if (floats(c->l, n, j)) {
            f.modes |= FLOAT_W(j);
            cap[j] = 1;
        }
    cap[0] = f.modes;
    if (f.modes == (1 | MOTE_BAND_ROOM_ALL | FLOAT) ||
        (calls = float_try(&f, cap, work_bytes, 1)) == 0) {
        for (k = 0; k < n; k++)
            cap[k] = keep[k];
        return;
    }
    for (k = 0; k < FLOAT_STEPS; k++) {
        /* one or two rows more in one window (a layer ahead of its
         * readers may need two more to make fewer calls) */
        int32_t add = 0;
        best = 0;
        for (j = n; j-- > 1;) {
            int32_t a;
            for (a = 1; a <= 2; a++) {
                uint32_t t;
                cap[j] += a;
                if (cap[j] <= c->l[j - 1].out_h && (t = float_try(&f, cap, work_bytes, 1)) != 0 &&
                    t < calls) {
                    calls = t;
                    best = j;
                    add = a;
                }
                cap[j] -= a;
            }
        }
        if (best == 0) break;
        cap[best] += add;
    }
    if (calls >= fewest)
        for (k = 0; k < n; k++)
            cap[k] = keep[k];
}

/* MOTE_BAND_ROOM_ALL with the caps the check found, kept when its walk
 * works and makes fewer kernel calls by more than 1/64 (its walk takes
 * more passes: IC, 192 -> 189 calls, 7 K fewer instructions on a
 * Cortex-M4; person_detect, 252 -> 250, 1.7 K more). */
static BAND_NOINLINE void room_all(band_ctx *c, uint32_t work_bytes, int overlap)
{
    float_walk f;
    uint32_t calls, all;
    const int32_t was = c->cap[0];
    f.l = c->l;
    f.n = c->n;
    f.modes = 0; /* counted only */
    calls = float_try(&f, c->cap, work_bytes, overlap);
    c->cap[0] |= 1 | MOTE_BAND_ROOM_ALL;
    all = float_try(&f, c->cap, work_bytes, overlap);
    if (calls == 0 || all == 0 || all + (all >> 6) >= calls) c->cap[0] = was;
}

/* call() with FLOAT (a callback of its own: chains without it pay
 * nothing): rows of a floating window go past output row y + 1, where
 * their reader's call then reads them. */
static int call_float(void *user, const mote_band_call *bc)
{
    band_ctx *c = (band_ctx *)user;
    const uint32_t j = bc->k + 1;
    int rc;
    if (j < c->n && (c->s->band_cap[0] & FLOAT_W(j)))
        c->win[j] = c->out + (size_t)(c->y + 1) * c->l[c->n - 1].out_row;
    rc = call(user, bc);
    if (j == c->n) c->y = bc->row + bc->count;
    return rc;
}

/* The steps tell the kernels what the planner planned from the graph for
 * chain b (its n layers, from the steps, in w->l), one layer at a time:
 * the graph's records are read into w, and this frame holds one layer.
 * The chain tensors each layer reads come from the steps' operand lists,
 * which are the graph's. */
static BAND_NOINLINE mote_status same_layers(const mote_graph *g, const mote_band *b,
                                             mote_band_work *w, uint32_t n)
{
    uint32_t k;
    for (k = 0; k < n; k++) {
        mote_band_layer l;
        const mote_band_layer *c = &w->l[k];
        if (!mote_band_layer_of(g, (uint32_t)b->first + k, &l, w) || l.in_h != c->in_h ||
            l.out_h != c->out_h || l.stride != c->stride || l.pad != c->pad || l.span != c->span ||
            l.in_row != c->in_row || l.out_row != c->out_row || l.add != c->add)
            return MOTE_E_STATE;
    }
    return MOTE_OK;
}

/* The windows' rows for chain b from the session's steps, into w->cap
 * (w->l: the layers), as mote_band_check describes: MOTE_OK or
 * MOTE_E_STATE. */
static BAND_NOINLINE mote_status find_caps(const mote_session *s, const mote_band *b,
                                           mote_band_work *w)
{
    band_ctx c;
    uint32_t k;
    c.l = w->l;
    c.cap = w->cap;
    if (load(&c, s, 1) != 0 || mote_band_work_bytes(c.l, c.n, c.cap) > b->work_bytes ||
        b->last - b->first + 1 != (int32_t)c.n)
        return MOTE_E_STATE;
    /* Rows the plan gave window 1 beyond the walk's (plan.c,
     * mote_plan_band_room) let its layer make rows ahead, when a walk with
     * that room works (and keeps the output off input rows still to be
     * read where the plan put it over them); cap[0], no window's, tells
     * running so. */
    c.cap[0] = 0;
    if (c.l[0].src[0] == 0 && c.l[0].src[1] < 0) {
        int32_t x = 0;
        int ok;
        while (x < MOTE_BAND_ROOM_ROWS && c.cap[1] < c.l[0].out_h) {
            c.cap[1]++;
            if (mote_band_work_bytes(c.l, c.n, c.cap) > b->work_bytes) {
                c.cap[1]--;
                break;
            }
            x++;
        }
        if (x > 0 && mote_band_walk(c.l, c.n, NULL, &ok, NULL, c.cap) == 0 && (ok || !b->overlap))
            c.cap[0] = 1;
        else
            c.cap[1] -= x;
    }
    if (b->overlap) float_rows(&c, b->work_bytes);
    /* Without FLOAT: every layer still makes as many rows a call as the
     * windows the walk found hold, when that makes fewer calls. */
    if (!(c.cap[0] & MOTE_BAND_ROOM_ALL)) room_all(&c, b->work_bytes, b->overlap);
    /* the session keeps the windows' rows for mote_band_run (w->cap) */
    for (k = 1; k < c.n; k++)
        if (c.cap[k] < 1 || c.cap[k] > UINT16_MAX) return MOTE_E_STATE;
    return MOTE_OK;
}

/* Two calls in a frame of their own: the caps' search (band_ctx, the
 * float search under it) and the graph's reading (same_layers) are never
 * live together. */
mote_status mote_band_check(const mote_session *s, const mote_graph *g, const mote_band *b,
                            mote_band_work *w)
{
    if (find_caps(s, b, w) != MOTE_OK) return MOTE_E_STATE;
    /* (find_caps checked the chain has b->last - b->first + 1 layers) */
    return same_layers(g, b, w, (uint32_t)(b->last - b->first) + 1);
}

mote_status mote_band_run(const mote_session *s)
{
    band_ctx c;
    mote_band_visit v;
    mote_band_layer l[MOTE_BAND_MAX_OPS];
    int32_t cap[MOTE_BAND_MAX_OPS];
    uint8_t *win[MOTE_BAND_MAX_OPS];
    band_layer_run lr[MOTE_BAND_MAX_OPS];
    uint32_t k;
    int rc;
    c.l = l;
    c.cap = cap;
    if (load(&c, s, 0) != 0) return MOTE_E_STATE;
    for (k = 0; k < c.n; k++) {
        const uint32_t i = (uint32_t)s->band_first + k;
        const mote_step *st = &s->steps[i];
        const mote_kernel_row *row = &mote_kernel_rows[st->row];
        win[k] = k > 0 ? c.work + mote_band_window_at(c.l, k, c.cap, FLOATING(c.cap[0])) : c.in;
        lr[k].block = s->state + st->params;
        lr[k].in1 = st->n_in > 1 ? input(s, i, 1) : NULL;
        lr[k].in2 = st->n_in > 2 ? input(s, i, 2) : NULL;
        lr[k].scratch = st->has_scratch ? s->activations + mote_step_scratch(s->state, st) : NULL;
        lr[k].run = NULL;
        lr[k].row = -1;
        lr[k].in_h = lr[k].out_h = lr[k].pad = 0;
        /* the block as planned (calls change it and put it back) */
        lr[k].planned = row->scratch_bytes != NULL ? row->scratch_bytes(lr[k].block) : 0;
    }
    c.win = win;
    c.lr = lr;
    if ((s->band_cap[0] & FLOAT) != 0 && c.out != c.in) return MOTE_E_STATE;
    v.drop = drop;
    v.call = (s->band_cap[0] & FLOAT) != 0 ? call_float : call;
    c.y = 0;
    v.user = &c;
    /* The windows stay where loading put them (win, from the session's
     * caps, which call() checks each row against; room for rows ahead
     * when loading found some, band_cap[0]). */
    rc = mote_band_walk(c.l, c.n, NULL, NULL, &v, s->band_cap[0] != 0 ? cap : NULL);
    return (mote_status)rc;
}
