/*
 * op.h — operators: the table (ops.def), and what every src/ops/<op>.c
 * file gets to lower its operator into a step.
 *
 * Lowering an operator means: check its types, shapes, quantization and
 * options against what mote implements, refuse anything else with a status
 * that names the cause, and fill one kernel parameter block (a mote_*_step
 * struct from include/mote/kernels.h, plus its requantization table). All
 * float maths happens here, once. Kernels then check nothing in their loops.
 *
 * Lowering runs with identical results in two modes: counting (in
 * mote_model_init, to validate and size the runtime state: the block is
 * written to a scratch copy and requantization entries are computed and
 * checked but not stored, c->mult == NULL) and writing (in
 * mote_session_init, into the arena).
 */
#ifndef MOTE_OPS_OP_H
#define MOTE_OPS_OP_H

#include <stddef.h>
#include <stdint.h>
#include "mote/graph.h"
#include "mote/status.h"
#include "kernels/kernel_table.h"
#include "base/error.h"

/* Operator codes mote runs (values equal TFLite's BuiltinOperator). */
enum {
#define MOTE_OP(name, code, options, file, flags, types, kernels, i8, f32) MOTE_OP_##name = (code),
#include "ops/ops.def"
    MOTE_OP_NONE_ = -1
};

/* Element types as bits of a mask (bit = mote_type value). */
#define MOTE_TM(t) (1u << (t))
#define MOTE_TM_F32 MOTE_TM(MOTE_FLOAT32)
#define MOTE_TM_I8 MOTE_TM(MOTE_INT8)
#define MOTE_TM_I16 MOTE_TM(MOTE_INT16)
#define MOTE_TM_I32 MOTE_TM(MOTE_INT32)
#define MOTE_TM_I64 MOTE_TM(MOTE_INT64)
#define MOTE_TM_BOOL MOTE_TM(MOTE_BOOL)
#define MOTE_TM_U32 MOTE_TM(MOTE_UINT32)
#define MOTE_TM_U64 MOTE_TM(MOTE_UINT64)

/* TFLite's BuiltinOperator CUSTOM: a row of ops.def with this code is a
 * custom operator, whose custom_code string is the row's NAME. */
#define MOTE_OP_CODE_CUSTOM 32

/* What the planner may do with an operator. */
enum {
    MOTE_OPF_ALIAS = 1u << 0, /* output 0 is input 0's bytes reinterpreted: may share its buffer */
    MOTE_OPF_MULTI_OUT = 1u << 1, /* may have several outputs (the op checks how many) */
    MOTE_OPF_OUT_TYPE = 1u << 2,  /* output type may differ from input 0's (the op checks it) */
    /* Element-wise: output element i is computed from element i of any
     * input of the output's size (and broadcast elements of the others),
     * and every kernel row reads it before writing output element i. So
     * output 0 may take over the buffer of a same-sized input that dies at
     * this operator (core/plan.c). A row that cannot run in place must not
     * be added to a flagged operator, or the flag must go. */
    MOTE_OPF_INPLACE = 1u << 3,
    /* Windowed (CONV_2D, DEPTHWISE_CONV_2D): with int8 input, filter and
     * output of the input's shape (batch 1), output 0 may take over input
     * 0's buffer when it dies there; the step then runs on the reference
     * row, row by row through a ring in its scratch (kernel_table.h,
     * mote_inplace_ring_rows). The planner does it only where it lowers
     * the peak (the fast rows are faster). */
    MOTE_OPF_INPLACE_ROWS = 1u << 4,
    /* Control flow or resource variable (ops/op_control.h): lowered by its
     * op file alone (none of the generic operand checks), run by the
     * interpreter (row MOTE_ROW_CONTROL), never in place. */
    MOTE_OPF_CONTROL = 1u << 5
};

/* Largest decoded operand list lowering keeps at hand. */
#define MOTE_LOWER_INPUTS 4

/* Largest kernel parameter block (checked by mote_lower_step). */
#define MOTE_STEP_BLOCK_MAX 256

typedef struct mote_lower_ctx {
    const mote_graph *g;
    uint32_t index;                          /* operator index */
    mote_graph_op op;                        /* decoded once */
    mote_graph_tensor in[MOTE_LOWER_INPUTS]; /* inputs 0..3 (type MOTE_TYPE_NONE when absent) */
    int32_t in_idx[MOTE_LOWER_INPUTS];       /* -1 when absent */
    mote_graph_tensor out;                   /* output 0 */
    int32_t out_idx;
    mote_error *err;
    /* The step being built (mote_lower_step fills these). */
    int32_t kernel;       /* mote_kernel_id, -1 until chosen */
    void *block;          /* parameter block */
    uint32_t block_bytes; /* its size, a multiple of 4 */
    uint32_t channels;    /* requantization entries after the block */
    int32_t *mult;        /* those entries; NULL when counting */
    int8_t *shift;
    int tables_at_run; /* requantization tables made at run time (core/lower.h): set by
                          lowering, cleared by mote_lower_step for kernels that store theirs */
    uint8_t *dest;     /* where the block goes; NULL when counting */
    size_t dest_cap;
    uint32_t local[MOTE_STEP_BLOCK_MAX / 4]; /* the block while counting */
    /* Bit k: the kernel loads input k alignment-safely, so it may be a
     * constant marked `unaligned` (INT64 at 4 mod 8); any other such
     * operand is refused after the operator's lowering. */
    uint32_t unaligned_ok;
} mote_lower_ctx;

/* One row of ops.def, as the runtime uses it. */
typedef struct mote_op_def {
    int16_t code;
    uint8_t options; /* BuiltinOptions member (0: none) */
    uint8_t flags;   /* MOTE_OPF_* */
    uint32_t types;  /* MOTE_TM_* of input 0 (and output 0) */
    mote_status (*lower)(mote_lower_ctx *c);
    const char *custom; /* custom_code of a CUSTOM row (code 32), else NULL */
} mote_op_def;

/* The row for builtin code, or NULL when mote does not run it (always NULL
 * for CUSTOM, whose rows are found by name: mote_op_find_op). */
const mote_op_def *mote_op_find(int32_t code);

/* The row for a decoded operator: by builtin code, or for CUSTOM by its
 * custom_code. NULL when mote does not run it. */
const mote_op_def *mote_op_find_op(const mote_graph_op *op);

/* Is op a CUSTOM operator (named by its custom_code, not its code)? */
int mote_op_is_custom(const mote_graph_op *op);

/* Is op the operator of a table row (builtin code, or CUSTOM and custom)? */
int mote_op_matches(const mote_graph_op *op, int32_t code, const char *custom);

/* The operator's name for messages: its custom_code for CUSTOM (when it is
 * short and printable, else "CUSTOM"), else the builtin name; "" with
 * MOTE_NO_STRINGS. */
const char *mote_op_label(const mote_graph_op *op);

/* Declarations of every op file's two functions, from the table. */
#define MOTE_OP(name, code, options, file, flags, types, kernels, i8, f32)                         \
    mote_status mote_lower_##file(mote_lower_ctx *c);                                              \
    uint64_t mote_macs_##file(const mote_graph *g, const mote_graph_op *op);
#include "ops/ops.def"

/* ---- helpers for op files (op_util.c) ------------------------------------ */

/* Start the step: kernel k, whose block is followed by `channels`
 * requantization entries. Returns the zeroed block, or NULL with *s set
 * (the destination is full). */
void *mote_lower_step(mote_lower_ctx *c, mote_kernel_id k, uint32_t channels, mote_status *s);

/* As mote_lower_step, with `extra` more bytes (a multiple of 4) between
 * the kernel's block and the entries, part of the block (a wide
 * FULLY_CONNECTED's dimensions). */
void *mote_lower_step_ext(mote_lower_ctx *c, mote_kernel_id k, uint32_t extra, uint32_t channels,
                          mote_status *s);

/* Fail about this operator (and tensor, or -1), with a message prefixed
 * "operator <i> (<NAME>): ". */
mote_status mote_lower_fail_fn(const mote_lower_ctx *c, mote_status s, int32_t tensor,
                               const char *fmt, ...);
#ifdef MOTE_NO_STRINGS
#define mote_lower_fail(c, s, tensor, ...) mote_lower_fail_fn((c), (s), (tensor), "")
#else
#define mote_lower_fail(c, s, tensor, ...) mote_lower_fail_fn((c), (s), (tensor), __VA_ARGS__)
#endif

/* Require input k present and, with want_const 1 / 0, constant / not
 * constant (-1: either). */
mote_status mote_lower_need_input(const mote_lower_ctx *c, uint32_t k, int want_const);

/* Require exactly n outputs (lowering handles output 0 in c->out). */
mote_status mote_lower_outputs(const mote_lower_ctx *c, uint32_t n);

/* Tensor shape as rank-4 NHWC dims (leading 1s); MOTE_E_SHAPE if rank > 4. */
mote_status mote_lower_dims4(const mote_lower_ctx *c, const mote_graph_tensor *t, int32_t index,
                             mote_dims *d);

/* Per-tensor scale and int8 zero point of an int8 activation tensor. */
mote_status mote_lower_act_quant(const mote_lower_ctx *c, const mote_graph_tensor *t, int32_t index,
                                 float *scale, int32_t *zero_point);

/* Float clamp range of a fused activation. */
mote_status mote_lower_act_f32(const mote_lower_ctx *c, int32_t act, float *lo, float *hi);

/* int8 clamp range of a fused activation in the output's quantization;
 * MOTE_E_PARAM for an activation mote does not fuse. */
mote_status mote_lower_act_s8(const mote_lower_ctx *c, int32_t act, float scale, int32_t zp,
                              int32_t *lo, int32_t *hi);

/* Output size and leading padding along one axis, as TFLite computes them. */
mote_status mote_lower_window(const mote_lower_ctx *c, int32_t padding, int32_t in, int32_t filter,
                              int32_t stride, int32_t dilation, int32_t *out, int32_t *pad);

/* Options fields (ops/op_util.c): read field `field` of the operator's
 * options, keeping *out (the schema default) when absent; enums are checked
 * against 0..last (MOTE_E_ENUM). */
mote_status mote_lower_opt_enum(const mote_lower_ctx *c, uint32_t field, int32_t last,
                                const char *what, int32_t *out);
int32_t mote_lower_opt_i32(const mote_lower_ctx *c, uint32_t field, int32_t def);
float mote_lower_opt_f32(const mote_lower_ctx *c, uint32_t field, float def);
int32_t mote_lower_opt_bool(const mote_lower_ctx *c, uint32_t field, int32_t def);

/* Schema enum ranges the options use. */
#define MOTE_PADDING_LAST 1    /* Padding: SAME, VALID */
#define MOTE_ACTIVATION_LAST 5 /* ActivationFunctionType: NONE .. SIGN_BIT */

/* ---- shared by the windowed and matrix operators (op_conv_util.c) ------- */

/* Weights must match the activations' type, or be int8 with float32
 * activations (hybrid, ops/op_hybrid_util.c) or int16 activations (16x8). */
mote_status mote_lower_weights_type(mote_lower_ctx *c);

/* Optional bias (input 2): constant, of type want, with out_c elements. */
mote_status mote_lower_bias(mote_lower_ctx *c, int32_t out_c, mote_type want);

/* Fill n_entries requantization entries (at c->mult, unless counting) from
 * a weights tensor with 1 or out_c scales, quantized along quant_dim. */
mote_status mote_lower_weight_quant(mote_lower_ctx *c, int32_t quant_dim, int32_t out_c,
                                    float in_scale, float out_scale, int32_t n_entries);

/* Output height/width and padding of a window, refusing an output tensor
 * that disagrees with what TFLite computes. */
mote_status mote_lower_geometry(mote_lower_ctx *c, int32_t padding, int32_t fh, int32_t fw,
                                int32_t sh, int32_t sw, int32_t dh, int32_t dw, const mote_dims *in,
                                const mote_dims *out, mote_conv_geom *geom);

/* CONV_2D and DEPTHWISE_CONV_2D share everything but the filter layout. */
mote_status mote_lower_conv_common(mote_lower_ctx *c, int depthwise);

/* Rows of padding above a CONV_2D / DEPTHWISE_CONV_2D of kh filter rows
 * from in_h input rows to out_h <= in_h output rows, as lowering computes
 * it, from the options alone (for the in-place planner, core/plan.c); -1
 * unless the stride along rows is 1 (or there is one output row), or when
 * the options are out of range. */
int32_t mote_conv_rows_pad(const mote_graph_op *op, int32_t kh, int32_t in_h, int32_t out_h);

/* How an operator maps rows, for band execution (core/band.h): output row
 * r reads input rows r * stride - pad .. + span - 1 (clipped) of each of
 * its `inputs` activation inputs (input 0, and input 1 for an ADD). */
typedef struct mote_op_rows {
    int32_t in_h, out_h;       /* rows of the input(s) and of the output */
    int32_t stride, pad, span; /* span = (kernel rows - 1) * dilation + 1 */
    uint32_t in_row, out_row;  /* bytes per row (width * channels, int8) */
    uint8_t inputs;            /* activation inputs: 1, or 2 for an ADD */
} mote_op_rows;

/* Rows of op in g when it can run band by band: an int8 CONV_2D or
 * DEPTHWISE_CONV_2D (batch 1, constant int8 filter and bias), or an int8
 * ADD of two activations of the output's shape. 1 and *r filled, else 0.
 * *t is where the tensors are read (its contents are not kept): the
 * planner lends its work memory, so loading's stack stays small. */
int mote_op_band_rows(const mote_graph *g, const mote_graph_op *op, mote_op_rows *r,
                      mote_graph_tensor *t);

/* AVERAGE_POOL_2D and MAX_POOL_2D share everything but the kernel. */
mote_status mote_lower_pool_common(mote_lower_ctx *c, int average);

/* Dimension k of operand tensor `index` of g (0 when absent or not positive). */
uint64_t mote_macs_dim(const mote_graph *g, int32_t index, int32_t k, int32_t want_rank);

/* Elements of output 0 of op (0 when absent). */
uint64_t mote_macs_out_elements(const mote_graph *g, const mote_graph_op *op);

/* Saturating product. */
uint64_t mote_macs_mul(uint64_t a, uint64_t b);

#endif /* MOTE_OPS_OP_H */
