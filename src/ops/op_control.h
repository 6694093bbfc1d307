/*
 * op_control.h — control flow and resource variables: IF, WHILE, CALL_ONCE
 * (which run other subgraphs) and VAR_HANDLE, READ_VARIABLE,
 * ASSIGN_VARIABLE (state kept across invokes). Their steps run in the
 * interpreter (core/control.c), not through a kernel row: the step's row is
 * MOTE_ROW_CONTROL and its parameter block is the words below.
 *
 * Block (uint32 words):
 *   [0] kind (MOTE_CTL_*)
 *   IF:        [1] then subgraph [2] else subgraph [3] n inputs copied
 *              (operator inputs 1..n) [4] m outputs, then n + m byte counts
 *   WHILE:     [1] cond [2] body [3] n [4] n (loop-carried tensors), then
 *              2n byte counts
 *   CALL_ONCE: [1] init subgraph [2] unused [3] 0 [4] 0 [5] done (nonzero
 *              once the init subgraph ran; cleared by session init / reset)
 *   VAR_HANDLE:                 [1] variable id
 *   READ_VARIABLE, ASSIGN_VARIABLE: [1] variable id [2] bytes
 *
 * A variable is identified by VAR_HANDLE's (container, shared_name); ids
 * count distinct names in subgraph order, then operator order. Its size and
 * type are fixed by the first ASSIGN_VARIABLE (same order), as TFLite
 * Micro's MicroResourceVariables allocates it; READ and later ASSIGNs must
 * agree. READ_VARIABLE / ASSIGN_VARIABLE take their resource from a
 * VAR_HANDLE of the same subgraph (load refuses anything else).
 */
#ifndef MOTE_OPS_OP_CONTROL_H
#define MOTE_OPS_OP_CONTROL_H

#include <stdint.h>
#include "mote/graph.h"
#include "mote/status.h"

enum {
    MOTE_CTL_IF = 1,
    MOTE_CTL_WHILE = 2,
    MOTE_CTL_CALL_ONCE = 3,
    MOTE_CTL_VAR_HANDLE = 4,
    MOTE_CTL_READ_VARIABLE = 5,
    MOTE_CTL_ASSIGN_VARIABLE = 6
};

/* Words of a control block's header (IF, WHILE, CALL_ONCE). */
enum {
    MOTE_CTL_KIND = 0,
    MOTE_CTL_SUB_A = 1,
    MOTE_CTL_SUB_B = 2,
    MOTE_CTL_N_IN = 3,
    MOTE_CTL_N_OUT = 4,
    MOTE_CTL_BYTES = 5
};
#define MOTE_CTL_ONCE_DONE 5

/* The kernel-table row of a control step: none; the interpreter runs it. */
#define MOTE_ROW_CONTROL 0x7FFFu

/* Most VAR_HANDLE operators a model may hold (finding variables by name is
 * quadratic in them). */
#define MOTE_CTL_MAX_HANDLES 64

/* TensorType RESOURCE: VAR_HANDLE's output. */
#define MOTE_TYPE_RESOURCE 13

/* Subgraphs operator i of g runs (up to 2, into sub[]); *n = 0 for an
 * operator that runs none. Indices are as the model stores them (lowering
 * checks the range). Returns MOTE_OK. */
mote_status mote_control_callees(const mote_graph *g, uint32_t i, int32_t sub[2], uint32_t *n);

/* Resource variables of the whole model (g: any of its subgraphs): their
 * number, and for id v < that number, its bytes and the byte it starts
 * (and resets) at. A variable no ASSIGN_VARIABLE sizes has bytes 0
 * (lowering of its READ refuses it). */
uint32_t mote_control_var_count(const mote_graph *g);
void mote_control_var(const mote_graph *g, uint32_t v, uint32_t *bytes, int32_t *fill);

/* For the op files (op_control_util.c): the lowering of each. */
struct mote_lower_ctx;
mote_status mote_ctl_lower_call(struct mote_lower_ctx *c, int kind);
mote_status mote_ctl_lower_var(struct mote_lower_ctx *c, int kind);

#endif /* MOTE_OPS_OP_CONTROL_H */
