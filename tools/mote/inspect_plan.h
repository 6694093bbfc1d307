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

#endif /* MOTE_INSPECT_PLAN_H */
