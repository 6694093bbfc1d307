/*
 * control_select.c — whether this build links the control-flow path
 * (core/control.c: several subgraphs, resource variables).
 *
 * The full build does. A build with an operator selection (MOTE_OPSET,
 * kernels/kernel_table.h; this file is compiled with it, like the operator
 * and kernel tables) links it only when the selection has a control
 * operator (MOTE_OPF_CONTROL in ops.def); otherwise mote_cf is NULL, no
 * call reaches control.c, and --gc-sections drops it (about 4 KB on a
 * Cortex-M4). Without the path a model with control operators cannot load:
 * those operators are not in the selection's table either.
 */
#include "core/control.h"

#include "kernels/kernel_table.h"
#include "ops/op.h"

/* 1 when a selected operator is a control operator (constant). */
enum {
    ANY_CONTROL = 0
#define MOTE_OP(name, code, options, file, flags, types, kernels, i8, f32)                         \
    | (MOTE_SEL_OP(name) && (((flags)&MOTE_OPF_CONTROL) != 0))
#include "ops/ops.def"
};

static const mote_cf_entry full = {mote_cf_needed, mote_cf_plan_model, mote_cf_lay_out, mote_cf_run,
                                   mote_cf_reset};

const mote_cf_entry *const mote_cf = ANY_CONTROL ? &full : NULL;
