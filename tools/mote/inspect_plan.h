/* inspect_plan.h — the memory-plan section of `mote inspect --plan`. */
#ifndef MOTE_INSPECT_PLAN_H
#define MOTE_INSPECT_PLAN_H

#include "mote/mote.h"

/* Print the arena layout of m's activations; 0 on success, 1 on error
 * (already reported). */
int inspect_print_plan(const mote_model *m);

/* Band (patch) execution as the planner chose it for m (core/band.h),
 * with the activations of the same model planned without it. */
typedef struct inspect_patch {
    int enabled;         /* m was planned without MOTE_PLAN_NO_PATCH */
    int used;            /* a band chain was chosen */
    int first, last;     /* its operators */
    unsigned long bands; /* output rows of its last operator: one band each */
    unsigned long acts;  /* m's activation bytes (arena - state) */
    unsigned long acts_without; /* ... planned with MOTE_PLAN_NO_PATCH */
} inspect_patch;

/* Fill p for m (plain: the same model planned with MOTE_PLAN_NO_PATCH, or
 * NULL when m is); 0, or 1 on error (already reported). */
int inspect_patch_info(const mote_model *m, const mote_model *plain, inspect_patch *p);

/* "patch: on, activations 33024 (without: 55296), operators 0..3 in 24
 * bands" */
void inspect_print_patch(const inspect_patch *p);

/* The graph of m as it runs: a view in the order the runtime chose
 * (src/core/order.h) when it reordered m, else m's own graph; *order (when
 * order is not NULL) receives the order (position -> model operator). In
 * static storage, valid until the next call; NULL on error. */
const mote_graph *inspect_exec_graph(const mote_model *m, const int16_t **order);

/* The execution order (src/core/order.h) as the planner chose it for m. */
typedef struct inspect_order {
    int enabled;                          /* planned without MOTE_PLAN_NO_REORDER */
    int used;                             /* m runs in another order than the model's */
    uint32_t n;                           /* operators */
    int16_t order[MOTE_MAX_OPS];          /* step k runs operator order[k] */
    unsigned long peak, peak_model;       /* live peak (lifetimes): chosen, model order */
    unsigned long acts, acts_model;       /* activation bytes: chosen, model order */
    unsigned long arena, arena_model;     /* arena bytes: chosen, model order */
    /* The search's order when the planner kept the model's (it planned no
     * smaller): found (it differs from the model's), and its figures. */
    int found;
    int16_t found_order[MOTE_MAX_OPS];
    unsigned long found_peak, found_acts, found_arena;
} inspect_order;

/* Fill o for m (model_order: the same model planned with
 * MOTE_PLAN_NO_REORDER, or NULL when m is; forced: planned with the
 * internal MOTE_PLAN_FORCE_REORDER, or NULL); 0, or 1 on error (reported). */
int inspect_order_info(const mote_model *m, const mote_model *model_order,
                       const mote_model *forced, inspect_order *o);

/* "order: on, reordered; live peak 10240 (model order: 17408), ..." */
void inspect_print_order(const inspect_order *o);

#endif /* MOTE_INSPECT_PLAN_H */
