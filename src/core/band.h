/*
 * band.h — patch (band) execution of a leading chain of convolutions
 * (issue #10, item 2).
 *
 * The memory-heaviest stage of a CNN is usually its first few layers: VWW's
 * 48x48x8 -> 48x48x16 pointwise convolution needs 18 432 + 36 864 bytes at
 * once. Run as a chain, band by band over the output rows of its last
 * layer, those intermediates never exist whole: each one lives in a window
 * of a few rows.
 *
 * Chain: operators first..last, each a CONV_2D or DEPTHWISE_CONV_2D on int8
 * (batch 1) whose input 0 is the previous one's output, every intermediate
 * read by the next operator only (and not a model output). The chain's
 * input (T0) and output (Tn) are ordinary planned tensors; intermediate j
 * (T1 .. Tn-1) is a window of rows in one work area the planner places
 * like a tensor (the plan entry of T1 holds it; the other intermediates
 * take no arena).
 *
 * Windows, not recompute. MCUNetV2 recomputes the rows two bands share;
 * here each intermediate keeps the rows a later band still reads (a
 * sliding window: rows no later output row reads are dropped and the rest
 * moved to the front), so every output row of every layer is computed
 * exactly once and the chain does the same multiply-adds as without bands.
 * The cost is copying the kept rows (kernel height - stride rows per new
 * row) and one kernel call per band and layer. A band is one output row of
 * the last layer; each layer produces just the rows that row needs.
 *
 * Kernel calls: a layer's step is run through its own kernel-table row (or
 * the kernel's reference row when that one does not fit the band's shape),
 * with its parameter block's input rows, output rows and top padding set
 * for the band and restored after (band_run.c): the kernels themselves are
 * unchanged, so the bytes are those of the whole-tensor call.
 *
 * Overlap: when the chain's output is no larger than its input and the
 * input dies at the chain, the output may take the input's buffer: output
 * row r is written once band r is done, and it must only cover input rows
 * no later band reads; mote_band_walk checks exactly that.
 */
#ifndef MOTE_CORE_BAND_H
#define MOTE_CORE_BAND_H

#include <stdint.h>
#include "mote/graph.h"
#include "mote/status.h"

#define MOTE_BAND_MAX_OPS 6 /* layers in a chain */

/* One layer's rows: what the band walk needs. */
typedef struct mote_band_layer {
    int32_t in_h, out_h;      /* rows of its input and output */
    int32_t stride, pad, span; /* along rows; span = (kernel rows - 1) * dilation + 1 */
    uint32_t in_row, out_row; /* bytes per row of input and output (width * channels) */
} mote_band_layer;

/* The chain the planner chose (first < 0: none). */
typedef struct mote_band {
    int16_t first, last;   /* operators run band by band */
    int16_t work;          /* tensor (T1) whose plan entry holds the windows */
    uint8_t may_overlap;   /* the walk allows the output over the input */
    uint8_t overlap;       /* 1: the output shares the chain input's buffer */
    uint32_t work_bytes;   /* the windows, each MOTE_ARENA_ALIGN-aligned */
    uint32_t without;      /* activation bytes of the plan without bands */
    uint32_t bands;        /* output rows of the last layer */
} mote_band;

/* Layer geometry of operator i from the graph when it can be one layer of
 * a band chain (int8 CONV_2D / DEPTHWISE_CONV_2D, batch 1, constant int8
 * filter): 1, else 0. */
int mote_band_layer_of(const mote_graph *g, uint32_t i, mote_band_layer *l);

/* What one kernel call of the walk does: layer k makes output rows
 * [row, row + count) from its input's window, which holds rows
 * [in_base, in_base + in_count); the output goes to its window at row
 * out_at (or, for the last layer, to row `row` of the chain output). */
typedef struct mote_band_call {
    uint32_t k;
    int32_t row, count, in_base, in_count, out_at;
} mote_band_call;

/* Callbacks of a walk (NULL: plan only). */
typedef struct mote_band_visit {
    /* Window j (1 .. n-1) drops its first `drop` rows of `keep` kept. */
    int (*drop)(void *user, uint32_t j, int32_t drop, int32_t keep);
    int (*call)(void *user, const mote_band_call *c);
    void *user;
} mote_band_visit;

/* Walk the chain of n layers (2 .. MOTE_BAND_MAX_OPS) band by band. cap
 * (n entries; cap[j] for window j, 1 <= j < n) receives the most rows
 * each window holds; *overlap_ok whether the output may share the input's
 * buffer. Returns 0, or MOTE_E_STATE for a chain it cannot walk (shapes
 * that do not chain) or the first nonzero callback result. */
int mote_band_walk(const mote_band_layer *l, uint32_t n, int32_t *cap, int *overlap_ok,
                   const mote_band_visit *v);

/* Work bytes for windows of cap rows (as mote_band_walk gives). */
uint32_t mote_band_work_bytes(const mote_band_layer *l, uint32_t n, const int32_t *cap);

/* Byte offset of window j in the work area. */
uint32_t mote_band_window_at(const mote_band_layer *l, uint32_t j, const int32_t *cap);

/* The chain of operators first..last as a band (geometry, walk, work
 * bytes) into *b: 1, or 0 when it cannot be one (plan_band.c). */
int mote_plan_band_make(const mote_graph *g, uint32_t first, uint32_t last, mote_band *b);

/* Layers of b from the graph into l (b->last - b->first + 1 entries):
 * the count, 0 when they do not form a chain. */
uint32_t mote_plan_band_layers(const mote_graph *g, const mote_band *b, mote_band_layer *l);

/* A session's band chain (band_run.c): mote_band_check at session init
 * (the steps form the planned chain, its windows fit work_bytes),
 * mote_band_run in place of the chain's steps. MOTE_OK, MOTE_E_STATE or a
 * kernel's status. */
struct mote_session;
mote_status mote_band_check(const struct mote_session *s, uint32_t work_bytes);
mote_status mote_band_run(const struct mote_session *s);

#endif /* MOTE_CORE_BAND_H */
