/*
 * mote/mote.h — run a TFLite model on a microcontroller, with no heap.
 *
 * Typical use:
 *
 *     static mote_model model;
 *     static mote_session session;
 *     static uint8_t arena[32768] __attribute__((aligned(MOTE_ARENA_ALIGN)));
 *
 *     if (mote_model_init(&model, model_bytes, model_len) != MOTE_OK) { ... model.error.text ... }
 *     size_t need = mote_model_arena_size(&model);        // exact; known before any invoke
 *     if (mote_session_init(&session, &model, arena, sizeof arena) != MOTE_OK) { ... }
 *     memcpy(mote_input(&session, 0)->data, features, mote_input(&session, 0)->bytes);
 *     if (mote_invoke(&session) != MOTE_OK) { ... }
 *     const mote_tensor *out = mote_output(&session, 0);
 *
 * Memory: the model bytes stay where they are (flash) and must outlive the
 * model and its sessions. All run-time state (the lowered steps, their
 * parameter blocks with per-channel requantization tables, the tensor table)
 * and all activations and kernel scratch live in the caller's arena; mote_model_arena_size() is that whole number. The only
 * other RAM is sizeof(mote_model) + sizeof(mote_session), and stack.
 * Several models (or several sessions of one model) run side by side; nothing
 * is global.
 */
#ifndef MOTE_MOTE_H
#define MOTE_MOTE_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/status.h"
#include "mote/graph.h"

/* A model input or output as the application sees it. */
typedef struct mote_tensor {
    mote_type type;
    int32_t rank;
    int32_t dims[MOTE_MAX_RANK];
    size_t bytes; /* size of data in bytes */
    void *data;   /* inside the arena; valid after mote_session_init() */
    float scale;  /* per-tensor quantization; 0 when not quantized */
    int32_t zero_point;
    int32_t index; /* tensor index in the model */
} mote_tensor;

/* A verified model. Complete so it can be static; fields are private. */
typedef struct mote_model {
    /* -- private -- */
    mote_graph graph;
    size_t state_bytes;      /* steps + operand lists + tensor table + parameter blocks */
    size_t activation_bytes; /* planned activations and kernel scratch */
    uint32_t n_operands;     /* operand array entries (control-flow lists; core/step.h) */
    uint32_t prefix_bytes;   /* step prefixes: scratch words and operand lists */
    uint32_t params_bytes;   /* step prefixes and kernel parameter blocks (with requantization
                                tables) */
    uint32_t table_bytes;    /* of which requantization tables kept in the state */
    uint32_t isa;            /* MOTE_ISA_* features the steps were planned for; the top bit
                                (core/lower.h) when tables are made at run time */
    uint32_t n_steps;        /* steps over every subgraph run (n_ops of a one-subgraph model) */
    uint32_t n_refs;         /* tensor table entries (n_tensors, plus subgraphs and variables) */
    uint32_t control_at;     /* control table in the state (core/control.h); 0: none */
    uint32_t generation;     /* bumped by every mote_model_init on this struct */
    uint32_t plan_flags;     /* MOTE_PLAN_* the plan was made with */
    int initialized;
    /* -- public, read-only -- */
    mote_error error; /* why the last failing call failed */
} mote_model;

struct mote_step; /* one lowered operator; src/core/step.h */
struct mote_session;

/* Called after each operator runs (for layer-by-layer checks and profiling).
 * op is the operator index in the model. */
typedef void (*mote_observer)(void *user, const struct mote_session *s, uint32_t op);

typedef struct mote_session {
    /* -- private -- */
    const mote_model *model;
    uint8_t *arena;
    size_t arena_size;
    uint8_t *state;          /* the runtime state: the front of the arena (core/layout.h) */
    struct mote_step *steps; /* n_ops entries, in the state */
    int16_t *operands;       /* subgraphs' input and output lists (control flow), in the
                                state; a step's own list is in its prefix (core/step.h) */
    uint32_t *tensor_ref;    /* n_tensors entries, in the state: see session.c */
    uint8_t *activations;    /* the planned part of the arena */
    const uint8_t *model_base;
    mote_tensor inputs[MOTE_MAX_IO];
    mote_tensor outputs[MOTE_MAX_IO];
    mote_observer observer;
    void *observer_user;
    uint32_t generation;           /* the model's generation when the session was laid out */
    int32_t band_first, band_last; /* operators run band by band (core/band.h); -1: none */
    uint32_t band_work;            /* their row windows, an offset in the activations */
    uint16_t band_cap[8];          /* rows of window j (1 .. chain length - 1); [0]: modes,
                                      as room for rows ahead (core/band_run.c) */
    /* -- public, read-only -- */
    mote_error error; /* why mote_session_init last failed */
} mote_session;

/* Which kernel runs one operator, for reports (mote inspect, benchmarks). */
typedef struct mote_step_info {
    const char *kernel;      /* kernel (operator x types), e.g. "CONV_2D_S8"; "" without strings */
    const char *variant;     /* implementation, e.g. "ref", "arm_dsp" */
    uint32_t param_bytes;    /* its parameter block in the runtime state (model call only) */
    uint32_t scratch_bytes;  /* scratch it uses while it runs (0: none) */
    uint32_t scratch_offset; /* where, from the start of the activations */
} mote_step_info;

/* Verify a .tflite model and plan it. bytes must stay valid and unchanged
 * for the life of the model and its sessions (typically they are in flash).
 * Nothing is copied. On failure m->error names the problem.
 *
 * Re-initialising: calling mote_model_init again on the same mote_model
 * (whatever the result) ends every session made from it. Each init bumps
 * a generation stamp that every session call checks: a session of an
 * earlier generation, or of a model whose last init failed, is stale, and
 * mote_invoke / mote_session_tensor_data / mote_session_step_info return
 * MOTE_E_STATE, mote_input / mote_output NULL. Lay out a new session
 * (mote_session_init) after re-initialising. A model must not be
 * re-initialised while one of its sessions is inside mote_invoke.
 *
 * Bounds (docs/ROBUSTNESS.md), for a file of len bytes: the arena it
 * reports is state + activations, where the runtime state is at most
 *     (n_ops + 1) * (272 + 3 * len / 2) bytes
 * (steps, operand lists and tensor table are counts the file stores; each
 * parameter block is at most 256 bytes plus 5 per weight scale the file
 * stores: weights with one scale cost one requantization entry, not one
 * per channel), and activations are the planned sizes, at most 4 GiB
 * (MOTE_E_OVERFLOW beyond). With several subgraphs (IF, WHILE, CALL_ONCE:
 * src/core/control.h), n_ops counts the operators of every subgraph run,
 * plus one per subgraph and per variable for the control table. The work of this call is at most proportional
 * to (n_ops + 1) * len plus MOTE_MAX_TENSORS^3 for the planner, with
 * n_ops <= MOTE_MAX_OPS. Every count is computed in 64 bits and checked,
 * never wrapped.
 * Returns MOTE_OK, MOTE_E_ARG (NULL pointer), or any reader / lowering error:
 * MOTE_E_TRUNCATED, MOTE_E_IDENTIFIER, MOTE_E_OFFSET, MOTE_E_INDEX,
 * MOTE_E_ENUM, MOTE_E_UNSUPPORTED_OP, MOTE_E_UNSUPPORTED_TYPE,
 * MOTE_E_SUBGRAPHS, MOTE_E_DYNAMIC, MOTE_E_SHAPE, MOTE_E_QUANT,
 * MOTE_E_OVERFLOW, MOTE_E_LIMIT, MOTE_E_GRAPH, MOTE_E_PARAM.
 * Steps are planned for the kernels this build runs (mote_build_isa()). */
mote_status mote_model_init(mote_model *m, const void *bytes, size_t len);

/* As mote_model_init, but plan for a core with instruction-set features
 * isa (MOTE_ISA_* of mote/kernels.h: 0 for Cortex-M0+/M3, MOTE_ISA_ARM_DSP
 * for M4/M7/M33, MOTE_ISA_ARM_DSP | MOTE_ISA_ARM_MVE for M55): the arena
 * size is then the one a build for that core needs (kernel variants differ
 * in scratch). A session of such a model can only run where those kernels
 * are compiled in (else mote_session_init returns MOTE_E_STATE). */
mote_status mote_model_init_for(mote_model *m, const void *bytes, size_t len, uint32_t isa);

/* As mote_model_init, keeping the planner's records and the lowering
 * context (16 bytes per tensor plus about 1 KB) in `work` for the duration
 * of the call instead of on the stack: the arena you will give the session
 * is a fine place (its contents are not kept). Loading then needs well
 * under 1 KB of stack; with work NULL or too small it uses the stack as
 * mote_model_init does (about 16 * MOTE_MAX_TENSORS bytes plus 0.6 KB
 * more). Choosing the execution order (unless MOTE_PLAN_NO_REORDER) takes
 * about 2.6 KB more of the same work memory (of the stack records' unused
 * tail with work NULL).
 * mote_session_init does the same in the arena's activation part. */
mote_status mote_model_init_in(mote_model *m, const void *bytes, size_t len, void *work,
                               size_t work_size);

/* Planner options for mote_model_init_plan. MOTE_PLAN_NO_PATCH: never run
 * a leading chain of convolutions band by band (patch execution, which
 * keeps their large intermediate tensors from existing whole, so the
 * arena is smaller; the output bytes are identical either way). Without
 * it the planner uses bands where they lower the arena. With bands, the
 * chain's intermediate tensors have no data (mote_session_tensor_data
 * refuses them, and the observer runs for the chain's operators once the
 * whole chain is done): use MOTE_PLAN_NO_PATCH to see every layer. */
#define MOTE_PLAN_NO_PATCH 1u
/* MOTE_PLAN_NO_REORDER: run the operators in the model's order. Without it,
 * a graph with branches (ResNet skips) may run them in another order that
 * computes every tensor before it is read, when that order gives a smaller
 * arena (src/core/order.h): the output bytes are identical, the observer
 * still gets each operator's index in the model, in the order they run. */
#define MOTE_PLAN_NO_REORDER 2u

/* As mote_model_init_for, with planner options flags (MOTE_PLAN_*). */
mote_status mote_model_init_plan(mote_model *m, const void *bytes, size_t len, uint32_t isa,
                                 uint32_t flags);

/* Where the per-channel requantization tables of int8 CONV_2D,
 * DEPTHWISE_CONV_2D and FULLY_CONNECTED steps (an int32 multiplier and an
 * int8 shift per output channel, most of a CNN's runtime state) live. */
typedef enum mote_requant_mode {
    /* In the runtime state, computed once at session init: fastest. */
    MOTE_REQUANT_STORED = 0,
    /* Computed before each run of the step into that step's planned
     * scratch, from the float scales in the model (which stays in flash):
     * the state shrinks by the tables, the step's scratch grows by its
     * block and table, each invoke costs the computation (docs:
     * bench/RESULTS.md, "Memory"). Outputs are identical. With band
     * execution (docs/PATCH.md), the steps of the band chain keep their
     * tables stored: the chain calls each kernel once per row, and those
     * first layers have few channels (VWW: 400 bytes of tables). */
    MOTE_REQUANT_AT_RUN = 1,
    /* Whichever of the two gives the smaller arena (STORED on a tie). */
    MOTE_REQUANT_SMALLEST = 2
} mote_requant_mode;

/* Everything mote_model_init_opts() can be told; mote_load_options_default()
 * gives what mote_model_init() uses. */
typedef struct mote_load_options {
    uint32_t isa;     /* MOTE_ISA_* features to plan for (as mote_model_init_for) */
    void *work;       /* loading's temporaries (as mote_model_init_in), or NULL */
    size_t work_size; /* bytes at work */
    mote_requant_mode requant;
    uint32_t plan_flags; /* MOTE_PLAN_* (0: bands where they lower the arena) */
} mote_load_options;

/* isa = mote_build_isa(), no work memory, MOTE_REQUANT_STORED, plan_flags 0. */
void mote_load_options_default(mote_load_options *o);

/* As mote_model_init with options o (NULL: the defaults). Returns what
 * mote_model_init returns; MOTE_E_ARG for an unknown requant mode. */
mote_status mote_model_init_opts(mote_model *m, const void *bytes, size_t len,
                                 const mote_load_options *o);

/* 1 when m's requantization tables are made at run time
 * (MOTE_REQUANT_AT_RUN, or chosen by MOTE_REQUANT_SMALLEST) — all but the
 * band chain's (mote_state_parts.requant counts those) — else 0 (also when
 * every such step is in the chain: then every table is stored). */
int mote_model_requant_at_run(const mote_model *m);

/* Bytes of the arena's runtime-state part (steps, parameter blocks, tensor
 * table); the rest of mote_model_arena_size() is activations and scratch. */
size_t mote_model_state_size(const mote_model *m);

/* What the runtime state is made of (bytes; they sum to
 * mote_model_state_size()). */
typedef struct mote_state_parts {
    size_t steps;    /* one 8-byte record per step */
    size_t operands; /* operand tensor indices (int16, each step's to 4 bytes) and the
                        scratch offsets of steps with scratch (4 bytes each) */
    size_t tensors;  /* tensor table: one 32-bit reference per tensor */
    size_t params;   /* kernel parameter blocks (and control tables) */
    size_t requant;  /* tables after the blocks kept in the state: requantization (5 bytes
                        per entry), and the int16 SOFTMAX lookup table */
    size_t padding;  /* to MOTE_ARENA_ALIGN */
} mote_state_parts;

/* Fill p for an initialised model. Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_model_state_parts(const mote_model *m, mote_state_parts *p);

/* Number of operators (steps); 0 if m is not an initialised model. */
uint32_t mote_model_op_count(const mote_model *m);

/* Kernel, variant and scratch of operator op. Returns MOTE_OK or MOTE_E_ARG. */
mote_status mote_model_step_info(const mote_model *m, uint32_t op, mote_step_info *info);

/* Exact bytes of arena a session of this model needs (state + activations),
 * assuming the arena starts MOTE_ARENA_ALIGN-aligned. 0 if m is not an
 * initialised model. */
size_t mote_model_arena_size(const mote_model *m);

/* The verified graph (operators, tensors) for inspection tools; NULL if m
 * is not an initialised model. Valid as long as the model. */
const mote_graph *mote_model_graph(const mote_model *m);

/* Describing a model that may not load (src/core/describe.c), for tools:
 * mote_graph_read() reads and verifies the file into g (as
 * mote_model_init does first) without lowering anything; g points into
 * bytes. mote_graph_check_op() lowers operator op alone for the ISA
 * features isa (mote_build_isa()) without storing anything: MOTE_OK when
 * mote runs it, else the status and err's text say why. */
mote_status mote_graph_read(mote_graph *g, const void *bytes, size_t len, mote_error *err);
mote_status mote_graph_check_op(const mote_graph *g, uint32_t op, uint32_t isa, mote_error *err);

/* Number of model inputs / outputs. */
uint32_t mote_model_input_count(const mote_model *m);
uint32_t mote_model_output_count(const mote_model *m);

/* Lay out a session in arena (arena_size bytes, MOTE_ARENA_ALIGN-aligned).
 * Returns MOTE_OK, MOTE_E_ARG (NULL, misaligned, model not initialised),
 * MOTE_E_ARENA_SMALL (s->error says how many bytes were given and needed),
 * or MOTE_E_STATE (a kernel the model was planned for is not compiled into
 * this build, or the model bytes changed since mote_model_init: they are
 * verified again here; s->error names the cause). The arena belongs to the session until it
 * is dropped (there is nothing to free). */
mote_status mote_session_init(mote_session *s, const mote_model *m, void *arena, size_t arena_size);

/* Input / output i, or NULL when i is out of range. The data pointers are
 * fixed for the session's life: write inputs, invoke, read outputs.
 * Inputs are consumed: once the layers that read an input have run, the
 * planner reuses its memory (that is how the arena stays small), so write
 * every input again before each mote_invoke(). Outputs stay valid until the
 * next invoke. */
mote_tensor *mote_input(mote_session *s, uint32_t i);
const mote_tensor *mote_output(const mote_session *s, uint32_t i);

/* Run the model once. Returns MOTE_OK, MOTE_E_ARG (s is NULL, or a kernel
 * refused its arguments: cannot happen for a model lowering accepted),
 * MOTE_E_STATE (s was never successfully initialised, or is stale: its
 * model was re-initialised since, see mote_model_init) or MOTE_E_PARAM
 * (a value computed or fed at run time that the operator has no answer
 * for: an index out of range in GATHER, GATHER_ND or EMBEDDING_LOOKUP, a
 * zero divisor in DIV int8 / int32, a negative number in RSQRT int8 /
 * int16, shapes BROADCAST_ARGS cannot broadcast; only models with those
 * operators, and nothing is read or written out of bounds). A kernel's
 * status is passed through unchanged and stops the run at that operator;
 * the outputs are then undefined. */
mote_status mote_invoke(mote_session *s);

/* Restore every piece of state the model keeps across invokes (the variable
 * tensors of SVDF and UNIDIRECTIONAL_SEQUENCE_LSTM: activation, output and
 * cell state; resource variables and CALL_ONCE too; the FIFOs, sums and noise
 * estimates of the Signal library's Framer, Stacker, Delay, OverlapAdd and
 * FilterBankSpectralSubtraction) to what mote_session_init
 * left: zero, or the zero point for an int8 tensor, as TFLite Micro's Reset()
 * (which ignores a variable tensor's constant buffer too). A stateful model's invokes form a
 * sequence (a stream of audio frames, a sentence): call this between
 * sequences. Models without state are unaffected. Returns MOTE_OK, MOTE_E_ARG
 * (s is NULL) or MOTE_E_STATE (s is not live). */
mote_status mote_session_reset(mote_session *s);

/* Install (or clear, with NULL) the per-operator observer. */
void mote_session_set_observer(mote_session *s, mote_observer fn, void *user);

/* Kernel, variant and scratch of operator op as this session runs it. */
mote_status mote_session_step_info(const mote_session *s, uint32_t op, mote_step_info *info);

/* Bytes of any non-constant tensor as last written (valid inside an observer
 * for the tensors the operator just produced). Returns MOTE_E_ARG for a bad
 * index or a constant tensor, MOTE_E_STATE for a stale session. */
mote_status mote_session_tensor_data(const mote_session *s, uint32_t tensor, const void **data,
                                     size_t *bytes);

#endif /* MOTE_MOTE_H */
