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
    uint32_t n_operands;     /* operand slots over all steps */
    uint32_t params_bytes;   /* kernel parameter blocks (with requantization tables) */
    uint32_t isa;            /* MOTE_ISA_* features the steps were planned for */
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
    int16_t *operands;       /* operand tensor indices of every step, in the state */
    uint32_t *tensor_ref;    /* n_tensors entries, in the state: see session.c */
    uint8_t *activations;    /* the planned part of the arena */
    const uint8_t *model_base;
    mote_tensor inputs[MOTE_MAX_IO];
    mote_tensor outputs[MOTE_MAX_IO];
    mote_observer observer;
    void *observer_user;
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

/* Bytes of the arena's runtime-state part (steps, parameter blocks, tensor
 * table); the rest of mote_model_arena_size() is activations and scratch. */
size_t mote_model_state_size(const mote_model *m);

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

/* Number of model inputs / outputs. */
uint32_t mote_model_input_count(const mote_model *m);
uint32_t mote_model_output_count(const mote_model *m);

/* Lay out a session in arena (arena_size bytes, MOTE_ARENA_ALIGN-aligned).
 * Returns MOTE_OK, MOTE_E_ARG (NULL, misaligned, model not initialised),
 * MOTE_E_ARENA_SMALL (s->error says how many bytes were given and needed),
 * or MOTE_E_STATE (a kernel the model was planned for is not compiled into
 * this build; s->error names it). The arena belongs to the session until it
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
 * refused its arguments: cannot happen for a model lowering accepted) or
 * MOTE_E_STATE (s was never successfully initialised). A kernel's status
 * is passed through unchanged and stops the run at that operator. */
mote_status mote_invoke(mote_session *s);

/* Install (or clear, with NULL) the per-operator observer. */
void mote_session_set_observer(mote_session *s, mote_observer fn, void *user);

/* Kernel, variant and scratch of operator op as this session runs it. */
mote_status mote_session_step_info(const mote_session *s, uint32_t op, mote_step_info *info);

/* Bytes of any non-constant tensor as last written (valid inside an observer
 * for the tensors the operator just produced). Returns MOTE_E_ARG for a bad
 * index or a constant tensor. */
mote_status mote_session_tensor_data(const mote_session *s, uint32_t tensor, const void **data,
                                     size_t *bytes);

#endif /* MOTE_MOTE_H */
