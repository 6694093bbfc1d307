/*
 * order.h — the execution order: which topological order of a graph's
 * operators the planner places tensors for (issue #10, item 1).
 *
 * A model stores its operators in one order, but a graph with branches (a
 * ResNet skip, two heads) can run them in any order that computes each
 * tensor before it is read. Which one sets how many bytes are live at once:
 * a block whose wide branch runs first keeps its output alive while the
 * narrow branch still waits on the block's input. mote_order_choose looks
 * for the order with the lowest peak of live bytes, exactly where that is
 * cheap, and never moves an operator where it cannot:
 *
 *  1. Segments. In the model's order, operator q closes a segment when
 *     every tensor written before q is last read by q at the latest: then
 *     nothing written earlier is still needed after q, and (as nearly every
 *     operator of a CNN reads the one before) an order of the whole graph
 *     is an order of each segment in turn. Segments are searched one at a
 *     time and never change places; a segment longer than MOTE_ORDER_OPS
 *     operators, or touching more than MOTE_ORDER_BUFS buffers, is cut into
 *     windows of consecutive operators (each searched alone).
 *  2. Cost. Within a window the live bytes depend only on which of its
 *     operators have run: the buffers it reads from before the window until
 *     their last reader in it, its own outputs until their last reader (to
 *     the end when read after the window, or a model output), RESHAPE
 *     outputs sharing their input's buffer, an element-wise operator
 *     (MOTE_OPF_INPLACE) writing over a same-sized input that dies there,
 *     and the kernel's scratch while it runs. Buffers live across the whole
 *     window add the same to every order and are left out.
 *  3. Search. Depth first over the operators ready at each point, the
 *     cheapest first (ties: the lower model index), so the first order found
 *     is the greedy one; a branch is cut as soon as it reaches the best peak
 *     found (or what one remaining operator needs by itself). The model's
 *     order is the first best, and only a strictly lower peak replaces it,
 *     so ties keep the model's order. At most MOTE_ORDER_BUDGET operators
 *     are tried per window: within it the result is exact, beyond it the
 *     best found so far (the greedy order at worst).
 *  4. Order. Operators reading or writing a variable tensor (state kept
 *     across invokes) and control operators keep their relative order.
 *
 * Models with several subgraphs (core/control.h) keep the model's order.
 * Everything is integer arithmetic on the graph and the kernels' scratch
 * (lowered for the same instruction-set features), so the host
 * (`mote inspect --target`) and the device choose the same order. The work
 * memory is a mote_order_work and the plan records (core/work.h); nothing
 * large is on the stack.
 */
#ifndef MOTE_CORE_ORDER_H
#define MOTE_CORE_ORDER_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/graph.h"
#include "core/plan.h"

struct mote_lower_ctx;

#define MOTE_ORDER_OPS 32       /* operators searched together (bits of a word) */
#define MOTE_ORDER_BUFS 64      /* buffers of one window */
#define MOTE_ORDER_BUDGET 2048u /* operators tried per window */

typedef struct mote_order_op {
    uint32_t preds;   /* operators of the window that must run first (bits) */
    uint32_t scratch; /* kernel scratch while it runs */
    uint32_t bound;   /* bytes live while it runs, in any order (a lower bound) */
    uint8_t inplace;  /* may write its output over a dying input (MOTE_OPF_INPLACE) */
} mote_order_op;

typedef struct mote_order_buf {
    uint32_t size;
    uint32_t readers; /* operators of the window that read it (bits) */
    int16_t tensor;   /* the buffer's (root) tensor */
    int8_t producer;  /* operator of the window writing it; -1: live at the window's start */
    uint8_t keep;     /* read after the window (or a model output): never freed in it */
} mote_order_buf;

typedef struct mote_order_level {
    uint32_t done;       /* operators run before this level (bits) */
    uint32_t live, peak; /* bytes live, and the peak so far */
    uint32_t tried_cost; /* last candidate tried at this level */
    int8_t tried, pick;  /* its operator (-1: none yet); the one descended into */
} mote_order_level;

typedef struct mote_order_work {
    mote_order_op op[MOTE_ORDER_OPS];
    mote_order_buf buf[MOTE_ORDER_BUFS];
    mote_order_level lv[MOTE_ORDER_OPS + 1];
    int8_t best[MOTE_ORDER_OPS];
    uint32_t n_op, n_buf;
    mote_graph view; /* where loading keeps the graph in the chosen order */
    struct {         /* the model's figures in its own order (core/model.c) */
        size_t state, acts;
        uint32_t isa, operands, params, tables, prefix;
    } was;
} mote_order_work;

/* Work memory for one choice: the order (MOTE_MAX_OPS entries) and the
 * search's records, 16-byte aligned. */
#define MOTE_ORDER_ROUND(x) (((x) + 15u) & ~(size_t)15u)
#define MOTE_ORDER_WORK_BYTES                                                                      \
    (16u + MOTE_ORDER_ROUND(MOTE_MAX_OPS * sizeof(int16_t)) + sizeof(mote_order_work))
static inline size_t mote_order_work_bytes(void)
{
    return MOTE_ORDER_WORK_BYTES;
}

/* Carve an order array and a mote_order_work out of mem (bytes long); 0
 * when mem is NULL or too small. */
static inline int mote_order_carve(void *mem, size_t bytes, int16_t **order, mote_order_work **w)
{
    uintptr_t at = ((uintptr_t)mem + 15u) & ~(uintptr_t)15u;
    if (mem == NULL || bytes < mote_order_work_bytes()) return 0;
    *order = (int16_t *)(void *)at;
    *w = (mote_order_work *)(void *)(at + MOTE_ORDER_ROUND(MOTE_MAX_OPS * sizeof(int16_t)));
    return 1;
}

/* Choose the execution order of g's operators into order[0 .. g->n_ops):
 * order[p] is the operator run at position p. isa: the features the kernels
 * are chosen for (the scratch each needs). e: g->n_tensors plan records,
 * used as work (overwritten). ctx: where lowering keeps its context (NULL:
 * the stack). Returns 1 when the order differs from the model's, 0 when it
 * is the model's (order holds 0, 1, ...), or -1 when the graph cannot be
 * planned (the planner then says why). */
int mote_order_choose(const mote_graph *g, uint32_t isa, mote_plan_entry *e, mote_order_work *w,
                      int16_t *order, struct mote_lower_ctx *ctx);

/* The search as this build links it (order_select.c): mote_order_choose,
 * or NULL in a firmware whose operator selection has no model the search
 * reorders (MOTE_OPSET_ORDER absent, `mote ops --for`): loading then keeps
 * the model's order, as those models do anyway, and --gc-sections drops the
 * search (about 2 KB on a Cortex-M4). */
typedef int (*mote_order_choose_fn)(const mote_graph *g, uint32_t isa, mote_plan_entry *e,
                                    mote_order_work *w, int16_t *order, struct mote_lower_ctx *ctx);
extern const mote_order_choose_fn mote_order_search;

/* A copy of g whose operator p is order[p] (mote_graph_get_op through it):
 * the planner, the step builder and band execution then see the chosen
 * order. order must outlive view. */
static inline void mote_order_view(const mote_graph *g, const int16_t *order, mote_graph *view)
{
    *view = *g;
    view->order = order;
}

/* Internal bit of mote_model.plan_flags (beside the public MOTE_PLAN_*):
 * the model runs in the order mote_order_choose gives (it planned smaller
 * than the model's), which a session chooses again and keeps in the last
 * g->n_ops operand slots of its state (core/session.c). */
#define MOTE_PLAN_REORDERED 0x80000000u
/* Internal planner option (mote compile): keep the chosen order whenever it
 * differs from the model's, even when it plans no smaller. */
#define MOTE_PLAN_FORCE_REORDER 0x40000000u

struct mote_model;
/* The graph of model m as it runs: view = its graph, in the chosen order
 * when m was reordered; order[0 .. n_ops) receives the order (the model's:
 * 0, 1, ...). e (n_tensors records) and w are work memory. For the tools
 * and reports that plan a model again (inspect, compile). Returns MOTE_OK,
 * MOTE_E_ARG, or MOTE_E_STATE. */
mote_status mote_model_exec_view(const struct mote_model *m, mote_plan_entry *e, mote_order_work *w,
                                 int16_t *order, mote_graph *view);

/* Largest sum of live buffer bytes at one operator of g in its own order
 * (lifetimes and RESHAPE aliases; e: g->n_tensors records, overwritten):
 * what inspect reports for the model's order and the chosen one. 0 when g
 * cannot be planned. */
uint64_t mote_order_live_peak(const mote_graph *g, mote_plan_entry *e);

#endif /* MOTE_CORE_ORDER_H */
