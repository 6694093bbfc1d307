/*
 * band_select.c — whether this build links band execution (core/band.h:
 * band.c, band_run.c, plan_band.c).
 *
 * The full build does. A build with an operator selection (MOTE_OPSET,
 * kernels/kernel_table.h; this file is compiled with it, like
 * control_select.c) links it only when the selection says a model of it
 * runs a band chain (MOTE_OPSET_BANDS, which `mote ops --for` writes when
 * the planner chooses a chain for one of its models; the choice depends
 * on the graph only, not on the core or the table mode). Otherwise
 * mote_bands is NULL, the planner plans without bands (as with
 * MOTE_PLAN_NO_PATCH: the plan the selection's models get anyway), no call
 * reaches the band code, and --gc-sections drops it (about 3.5 KB on a
 * Cortex-M4).
 */
#include "core/band.h"
#include "core/plan.h"

#include "kernels/kernel_table.h"

#if !defined(MOTE_OPSET) || defined(MOTE_OPSET_BANDS)
static const mote_band_entry full = {mote_plan_band_make, mote_plan_band_apply, mote_band_check,
                                     mote_band_run, mote_plan_band_room};

const mote_band_entry *const mote_bands = &full;
#else
const mote_band_entry *const mote_bands = NULL;
#endif
