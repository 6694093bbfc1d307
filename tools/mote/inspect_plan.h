/* inspect_plan.h — the memory-plan section of `mote inspect --plan`. */
#ifndef MOTE_INSPECT_PLAN_H
#define MOTE_INSPECT_PLAN_H

#include "mote/mote.h"

/* Print the arena layout of m's activations; 0 on success, 1 on error
 * (already reported). */
int inspect_print_plan(const mote_model *m);

#endif /* MOTE_INSPECT_PLAN_H */
