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
 * (batch 1, constant filter) or an int8 ADD of two same-shaped tensors,
 * reading only the chain's input (T0: input 0 of `first`) and each other's
 * outputs; every intermediate (outputs of first .. last-1) read inside the
 * chain only (and not a model output). The chain's input and output (Tn)
 * are ordinary planned tensors; each intermediate is a window of rows in
 * one work area the planner places like a tensor (the plan entry of the
 * first intermediate holds it; the others take no arena).
 *
 * Windows, not recompute. MCUNetV2 recomputes the rows two bands share;
 * here each intermediate keeps the rows a later band still reads (a
 * sliding window: rows no later output row reads are dropped and the rest
 * moved to the front), so every output row of every layer is computed
 * exactly once and the chain does the same multiply-adds as without bands.
 * The cost is copying the kept rows (kernel height - stride rows per new
 * row) and one kernel call per row and layer. A band is one output row of
 * the last layer; within it rows flow through one at a time (each layer
 * makes its next row as soon as its inputs hold the rows it reads), so a
 * window holds about a kernel's height of rows, not the first band's
 * whole receptive field.
 *
 * Branches: a chain may be any run of consecutive operators whose only
 * outside input is the first one's input 0 — an ADD joining two of its
 * tensors (a ResNet skip) included, and a tensor read by several of its
 * layers keeps the rows the slowest of them still needs. IC's first two
 * residual blocks (operators 0..7) run so.
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
#include "kernels/kernel_table.h"

/* Kernels a band chain's layers may run (conv, depthwise, ADD on int8):
 * band_run.c calls them on a few rows at a time, falling back to their
 * reference rows for a band shape a faster row refuses. */
static inline int mote_band_chain_kernel(uint32_t kid)
{
    return kid == MOTE_KID_CONV_2D_S8 || kid == MOTE_KID_DEPTHWISE_CONV_2D_S8 ||
           kid == MOTE_KID_ADD_S8;
}

#define MOTE_BAND_MAX_OPS 8   /* layers in a chain */
#define MOTE_BAND_ROOM_ROWS 8 /* most rows window 1 takes beyond its walk's (plan.c) */
/* room[0] of a walk (no window's): bit set when every layer, not only one
 * reading the chain's input, makes several rows a call (band_run.c) */
#define MOTE_BAND_ROOM_ALL 2

/* One layer's rows: what the band walk needs. Chain tensors are numbered
 * 0 (the chain's input) and k + 1 (layer k's output); layer n - 1 writes
 * the chain's output. */
typedef struct mote_band_layer {
    int32_t in_h, out_h;       /* rows of its input(s) and output */
    int32_t stride, pad, span; /* along rows; span = (kernel rows - 1) * dilation + 1 */
    uint32_t in_row, out_row;  /* bytes per row of input and output (width * channels) */
    int8_t src[2];             /* chain tensors it reads; src[1] < 0: one input */
    uint8_t add;               /* element-wise ADD of src[0] and src[1] (else a convolution) */
} mote_band_layer;

/* The chain the planner chose (first < 0: none). */
typedef struct mote_band {
    int16_t first, last; /* operators run band by band */
    int16_t work;        /* tensor (T1) whose plan entry holds the windows */
    uint8_t may_overlap; /* the walk allows the output over the input */
    uint8_t overlap;     /* 1: the output shares the chain input's buffer */
    uint32_t work_bytes; /* the windows, each MOTE_ARENA_ALIGN-aligned */
    uint32_t without;    /* activation bytes of the plan without bands */
    uint32_t bands;      /* output rows of the last layer */
} mote_band;

/* What planning or checking a chain works in: the layers, the windows'
 * rows, and the records the graph is read into. About 480 bytes, so not
 * on the stack while loading (issue #10: loading keeps within 1 KB of
 * stack): the planner takes it from the work memory it is lent
 * (core/work.h), where it shares the lowering context's place (lowering
 * and band planning never run at the same time). */
typedef struct mote_band_work {
    mote_band_layer l[MOTE_BAND_MAX_OPS];
    int32_t cap[MOTE_BAND_MAX_OPS];
    int32_t t[MOTE_BAND_MAX_OPS + 1]; /* graph tensor of chain tensor j */
    mote_graph_op op;                 /* the operator being read */
    mote_graph_tensor ten;            /* the tensor being read */
} mote_band_work;

/* Layer geometry of operator i from the graph when it can be one layer of
 * a band chain (int8 CONV_2D / DEPTHWISE_CONV_2D, batch 1, constant int8
 * filter; or an int8 ADD of two same-shaped activations): 1, else 0
 * (src is left to the caller). The graph is read into w->op and w->ten;
 * on 1, w->op holds operator i (where the caller finds its tensors). */
int mote_band_layer_of(const mote_graph *g, uint32_t i, mote_band_layer *l, mote_band_work *w);

/* What one kernel call of the walk does: layer k makes output rows
 * [row, row + count) from its inputs' windows (input s holds rows
 * [in_base[s], in_base[s] + in_count[s])); the output goes to its window
 * at row out_at (or, for the last layer, to row `row` of the chain
 * output). The chain's input (tensor 0) is whole: base 0, all rows. */
typedef struct mote_band_call {
    uint32_t k;
    int32_t row, count, out_at;
    int32_t in_base[2], in_count[2];
} mote_band_call;

/* Callbacks of a walk (NULL: plan only). */
typedef struct mote_band_visit {
    /* Window j (1 .. n-1) drops its first `drop` rows, keeping `keep`. */
    int (*drop)(void *user, uint32_t j, int32_t drop, int32_t keep);
    int (*call)(void *user, const mote_band_call *c);
    void *user;
} mote_band_visit;

/* Walk the chain of n layers (2 .. MOTE_BAND_MAX_OPS) band by band. cap
 * (n entries; cap[j] for window j, 1 <= j < n; NULL: not wanted)
 * receives the most rows each window holds; *overlap_ok whether the output
 * may share the input's buffer (NULL: not wanted, not checked: running).
 * room (NULL: none) gives each window's rows when the plan left some over:
 * a layer reading only the chain's input then makes as many rows per call
 * as its window has room for (fewer calls), and a walk that would need
 * more rows in any window fails.
 * Returns 0, or MOTE_E_STATE for a chain it cannot walk (shapes that do
 * not chain, or too little room) or the first nonzero callback result. */
int mote_band_walk(const mote_band_layer *l, uint32_t n, int32_t *cap, int *overlap_ok,
                   const mote_band_visit *v, const int32_t *room);

/* Work bytes for windows of cap rows (as mote_band_walk gives). */
uint32_t mote_band_work_bytes(const mote_band_layer *l, uint32_t n, const int32_t *cap);

/* Byte offset of window j in the work area; the windows before it whose
 * bit is set in skip (bit w: window w) take none of it. */
uint32_t mote_band_window_at(const mote_band_layer *l, uint32_t j, const int32_t *cap,
                             uint32_t skip);

/* The chain of operators first..last as a band (geometry, walk, work
 * bytes) into *b, working in *w: 1, or 0 when it cannot be one
 * (plan_band.c). */
int mote_plan_band_make(const mote_graph *g, uint32_t first, uint32_t last, mote_band *b,
                        mote_band_work *w);

/* Work bytes of chain b (planned by mote_plan_band_make) when window 1
 * holds `extra` rows more than its walk needs, for its layer to make rows
 * ahead, several per call (mote_band_walk's room): 0 when that layer
 * reads more than the chain's input, or the walk with that room fails (or
 * could not put the output over the input where b may). Working in *w.
 * The planner gives window 1 such rows while its activations stay as low
 * (plan.c). */
uint32_t mote_plan_band_room(const mote_graph *g, const mote_band *b, mote_band_work *w,
                             uint32_t extra);

/* A session's band chain (band_run.c): mote_band_check at session init
 * (the steps form the planned chain, its windows fit work_bytes, and
 * agree with what the planner read from graph g for band b; working in
 * *w), mote_band_run in place of the chain's steps. MOTE_OK, MOTE_E_STATE
 * or a kernel's status. */
struct mote_session;
mote_status mote_band_check(const struct mote_session *s, const mote_graph *g, const mote_band *b,
                            mote_band_work *w);
mote_status mote_band_run(const struct mote_session *s);

/* Band execution as the planner and the session reach it: through this
 * table, so a build whose operator selection says no model of it runs a
 * band chain (MOTE_OPSET without MOTE_OPSET_BANDS: `mote ops --for` runs
 * the planner and writes MOTE_OPSET_BANDS only when it chooses a chain)
 * links none of band.c, band_run.c, plan_band.c (band_select.c, compiled
 * with the selection like control_select.c). NULL there: the planner then
 * plans without bands, as MOTE_PLAN_NO_PATCH does. The full build keeps
 * it. */
struct mote_plan_entry;
typedef struct mote_band_entry {
    int (*make)(const mote_graph *g, uint32_t first, uint32_t last, mote_band *b,
                mote_band_work *w);
    int (*apply)(const mote_graph *g, struct mote_plan_entry *e, mote_band *b, mote_band_work *w);
    mote_status (*check)(const struct mote_session *s, const mote_graph *g, const mote_band *b,
                         mote_band_work *w);
    mote_status (*run)(const struct mote_session *s);
    uint32_t (*room)(const mote_graph *g, const mote_band *b, mote_band_work *w, uint32_t extra);
} mote_band_entry;

extern const mote_band_entry *const mote_bands;

#endif /* MOTE_CORE_BAND_H */
