/*
 * emit.h — the ahead-of-time compiler behind `mote compile`: a verified
 * model becomes one C header and one C file that call the kernels directly.
 *
 * Nothing is re-derived here. The model is loaded, lowered and planned by
 * the runtime itself (mote_model_init + mote_session_init in a scratch
 * arena on the host); the compiler then reads the steps, their parameter
 * blocks and the tensor table the session holds, and the kernel row and
 * scratch the runtime's lowering and planner choose for the target
 * (mote_lower_op, mote_plan_scratch). So the compiled code and the
 * interpreter share one truth: same blocks, same rows, same offsets.
 */
#ifndef MOTE_EMIT_H
#define MOTE_EMIT_H

#include <stdint.h>
#include <stdio.h>

/* One kernel's parameter block as a C initializer (emit_params.c).
 * var: the variable name; kernel: mote_kernel_id; type: its step struct's
 * name; block: the block the runtime wrote (block_bytes, with any
 * requantization table after it). Blocks of kernels without a field
 * printer are written as raw words. Returns 0, or -1 for a malformed block. */
int emit_param_block(FILE *f, const char *var, int kernel, const char *type, const uint8_t *block,
                     uint32_t block_bytes);

/* Does any block of this kernel hold a float that needs <math.h>
 * (an infinite clamp)? */
int emit_block_needs_math(int kernel, const uint8_t *block);

/* A float as a C literal that reads back as the same value ("1.5f",
 * "-INFINITY"). buf holds at least 32 bytes. */
void emit_float(char *buf, size_t cap, float v);

typedef struct emit_options {
    const char *model_path; /* for the comments only */
    const char *name;       /* C identifier: NAME_invoke, NAME.h */
    const char *out_dir;
    const char *target; /* "host", "m4", ... */
    uint32_t isa;       /* the target's MOTE_ISA_* features */
    int kernels;        /* EMIT_KERNELS_*: which rows the layers call */
} emit_options;

/* Which kernel rows compiled layers call (mote compile --kernels): the
 * ones the runtime picks for the target (fastest), the reference rows for
 * layers of 1 to EMIT_SMALL_MACS - 1 multiply-accumulates (a final
 * classifier: its fast row costs more flash than it saves time), or the
 * reference rows only
 * (least code). A layer keeps its row when the reference one would need
 * other scratch than the plan placed. */
enum { EMIT_KERNELS_FAST = 0, EMIT_KERNELS_SMALL = 1, EMIT_KERNELS_REF = 2 };
#define EMIT_SMALL_MACS 1024u

/* What was written, for the tool's one-line summary. */
typedef struct emit_summary {
    uint32_t steps, calls;       /* operators, kernel calls emitted */
    uint64_t arena_bytes;        /* NAME_ARENA_SIZE */
    uint64_t weight_bytes;       /* constant tensors emitted */
    uint64_t param_bytes;        /* parameter blocks with their tables */
    uint64_t interp_arena_bytes; /* what the interpreter needs for the same target */
} emit_summary;

/* Compile the model (bytes, len) to out_dir/name.h and out_dir/name.c.
 * Returns 0, or 1 after one cli_error() line. */
int emit_model(const uint8_t *bytes, size_t len, const emit_options *o, emit_summary *sum);

#endif /* MOTE_EMIT_H */
