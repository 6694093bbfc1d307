/*
 * kernel_table.h — the one table of kernel implementations (kernels.def).
 *
 * Lowering picks a row per step, once, for the target's instruction-set
 * features (mote_kernel_pick); the interpreter calls the row's function
 * through the table and never names a kernel. A row whose function is NULL
 * is known to this build only for planning (the host planning for a
 * Cortex-M, say): its fits / scratch_bytes answer, it cannot run here.
 */
#ifndef MOTE_KERNELS_KERNEL_TABLE_H
#define MOTE_KERNELS_KERNEL_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include "mote/kernels.h"

/* Which rows a build carries. A core with the Arm DSP extension runs its
 * rows; the host keeps them for planning only (function NULL); any other
 * device (Cortex-M0+/M3, RISC-V) links none of them. */
#if defined(MOTE_NO_ARM_ROWS) /* reference kernels only, to measure against */
#define MOTE_ROWS_ARM_DSP 0
#elif defined(__ARM_FEATURE_DSP)
#define MOTE_ROWS_ARM_DSP 1
#define MOTE_KFN_ARM_DSP(fn) fn
#elif defined(__arm__) || defined(__thumb__) || defined(__riscv)
#define MOTE_ROWS_ARM_DSP 0
#else
#define MOTE_ROWS_ARM_DSP 1
#define MOTE_KFN_ARM_DSP(fn) NULL
#endif

/* Helium (MVE) rows, the same way: run on the Cortex-M55, planned for it on
 * the host. */
#if defined(MOTE_NO_ARM_ROWS)
#define MOTE_ROWS_ARM_MVE 0
#elif defined(__ARM_FEATURE_MVE) && defined(__ARM_FEATURE_DSP)
#define MOTE_ROWS_ARM_MVE 1
#define MOTE_KFN_ARM_MVE(fn) fn
#elif defined(__arm__) || defined(__thumb__) || defined(__riscv)
#define MOTE_ROWS_ARM_MVE 0
#else
#define MOTE_ROWS_ARM_MVE 1
#define MOTE_KFN_ARM_MVE(fn) NULL
#endif

/* x86-64 rows: only on x86-64 hosts built with GCC or clang (the kernels
 * carry per-function target attributes; mote_build_isa() asks the CPU
 * which of them may run). Nowhere else, not even for planning. */
#if defined(MOTE_NO_X86_ROWS) /* reference kernels only, to measure against */
#define MOTE_ROWS_X86 0
#elif defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define MOTE_ROWS_X86 1
#else
#define MOTE_ROWS_X86 0
#endif

/* ---- operator selection ---------------------------------------------------
 * By default a build carries every operator of ops.def and every row of
 * kernels.def. A build that defines MOTE_OPSET (a header written by
 * `mote ops --for MODEL... --header mote_opset.h`, given to the compiler of
 * src/ops/registry.c, src/ops/macs.c and src/kernels/kernel_table.c with
 * -include) keeps only the operators defined as MOTE_OPSET_OP_<NAME> 1 and
 * the rows of the kernels defined as MOTE_OPSET_K_<ID> 1; their lowering
 * and kernel functions are then referenced by nothing else and
 * --gc-sections drops them. Which kernels an operator may choose is ops.def's
 * kernels column (the tool takes, of those, the ones the models' types
 * need). A model using a left-out operator or kernel is refused at load
 * with MOTE_E_UNSUPPORTED_OP saying it was left out of this build.
 *
 * With `--target T` the header also defines MOTE_OPSET_ROWS and, for each
 * row a step of the models runs on core T, MOTE_OPSET_R_<ID>_<variant> 1:
 * the table then keeps those rows only (not even `ref` when no step runs
 * it), as a per-model op resolver would, and a step whose row is absent
 * (another model, another core) is refused at load, never run by a
 * substitute.
 *
 * MOTE_SEL_IS1(x) is 1 when x is a macro defined as 1, else 0 (the
 * "placeholder" trick: only MOTE_SEL_P_1 exists, and it adds an argument);
 * MOTE_SEL_IF(c)(tokens) and MOTE_SEL_KEEP(c, tokens) keep the tokens when
 * c is 1. */
#define MOTE_SEL_CAT(a, b) MOTE_SEL_CAT_(a, b)
#define MOTE_SEL_CAT_(a, b) a##b
#define MOTE_SEL_P_1 0,
#define MOTE_SEL_2ND(a, b, ...) b
#define MOTE_SEL_IS1(x) MOTE_SEL_IS1_(x)
#define MOTE_SEL_IS1_(v) MOTE_SEL_IS1__(MOTE_SEL_P_##v)
#define MOTE_SEL_IS1__(p) MOTE_SEL_2ND(p 1, 0, 0) /* NOLINT(bugprone-macro-parentheses) */
#define MOTE_SEL_IF(c) MOTE_SEL_CAT(MOTE_SEL_IF_, c)
#define MOTE_SEL_IF_1(...) __VA_ARGS__
#define MOTE_SEL_IF_0(...)
#define MOTE_SEL_KEEP(c, ...) MOTE_SEL_IF(c)(__VA_ARGS__)
#define MOTE_SEL_NOT(c) MOTE_SEL_CAT(MOTE_SEL_NOT_, c)
#define MOTE_SEL_NOT_0 1
#define MOTE_SEL_NOT_1 0
#ifdef MOTE_OPSET
#define MOTE_SEL_OP(name) MOTE_SEL_IS1(MOTE_OPSET_OP_##name)
#define MOTE_SEL_KERNEL(id) MOTE_SEL_IS1(MOTE_OPSET_K_##id)
#else
#define MOTE_SEL_OP(name) 1
#define MOTE_SEL_KERNEL(id) 1
#endif
#if defined(MOTE_OPSET) && defined(MOTE_OPSET_ROWS)
#define MOTE_SEL_ROW(id, variant) MOTE_SEL_IS1(MOTE_OPSET_R_##id##_##variant)
#else
#define MOTE_SEL_ROW(id, variant) MOTE_SEL_KERNEL(id)
#endif

/* Not a feature of any core: marks a row that runs a step the planner put
 * in place (output 0 in input 0's buffer; core/plan.c). Lowering asks for
 * rows with it only for such steps, and then before any other row of the
 * same features (core/steps.c, mote_steps_lower), so they come first in
 * kernels.def. Never in the features a caller passes. */
#define MOTE_ISA_ROW_INPLACE 0x8000u

typedef enum mote_kernel_id {
#define MOTE_KERNEL(id, step) MOTE_KID_##id,
#include "kernels/kernels.def"
    MOTE_KID_COUNT
} mote_kernel_id;

typedef struct mote_kernel_row {
    uint16_t kernel;               /* mote_kernel_id */
    uint16_t isa;                  /* MOTE_ISA_* features the row needs (0: portable C) */
    const char *variant;           /* "ref", "arm_dsp", ... */
    int (*fits)(const void *step); /* NULL: every step */
    uint32_t (*scratch_bytes)(const void *step); /* NULL: none */
    mote_kernel_fn run;                          /* NULL: not compiled into this build */
} mote_kernel_row;

extern const mote_kernel_row mote_kernel_rows[];
extern const uint32_t mote_kernel_row_count;

/* Bytes of kernel k's parameter block (its mote_*_step struct). */
uint32_t mote_kernel_step_bytes(mote_kernel_id k);

/* Name of kernel k ("CONV_2D_S8"), "" with MOTE_NO_STRINGS. */
const char *mote_kernel_name(mote_kernel_id k);

/* The first row of kernel k whose features are all in isa and that fits
 * step; -1 when none (cannot happen for a kernel with a ref row). */
int32_t mote_kernel_pick(mote_kernel_id k, uint32_t isa, const void *step);

/* 1 when this build carries any row of kernel k (an operator selection,
 * MOTE_OPSET, may leave a kernel out, or keep only some of its rows). */
int mote_kernel_has_rows(mote_kernel_id k);

/* The reference row of kernel k in this build (the specification: no
 * features, no fits predicate, no scratch), or -1 when the build's
 * operator selection left it out. */
int32_t mote_kernel_ref_row(mote_kernel_id k);

/* Where a stateful kernel (the Signal library's) keeps its state between
 * invokes (mote_signal_state, kernels_signal.h); NULL in a build whose
 * operator selection has no stateful kernel, so the reset links none of
 * that code. */
extern int (*const mote_kernel_state)(uint32_t kernel, const void *step, uint32_t *offset,
                                      uint32_t *bytes);

/* A row that uses arena room free at its step anyway (no scratch that could
 * grow the arena): given row r's block, the bytes it would use in its k-th
 * choice (k = 1, 2, ..: the most useful first; 0 bytes: no more) and where
 * the block records the room's place (a word that lowering set to 1: none);
 * NULL for every other row. */
int32_t *mote_kernel_room_slot(int32_t r, void *step, int32_t k, uint32_t *bytes);
/* The few-pixel pointwise rows' parts of it (arm_dsp_pwn, arm_mve_pwn),
 * NULL in a build without that row. */
extern int32_t *(*const mote_kernel_pwn_room)(int32_t r, void *step, int32_t k, uint32_t *bytes);
extern int32_t *(*const mote_kernel_mve_pwn_room)(int32_t r, void *step, int32_t k,
                                                  uint32_t *bytes);

/* core/steps.c's mote_steps_room, which gives such a row the room of its
 * first choice that fits (its offset from output 0, + 4 + k, in that word)
 * when it fits below the plan's buffers (a step in place then takes the
 * row that fits it with the room); out: output 0's tensor, or -1 (read
 * from the graph). NULL in a build without such a row (KWS's, say), so
 * that none of it is linked. */
struct mote_graph;
struct mote_plan_entry;
struct mote_band;
struct mote_lowered;
void mote_steps_room(const struct mote_graph *g, const struct mote_plan_entry *plan,
                     const struct mote_band *band, uint32_t i, int32_t out,
                     struct mote_lowered *low, uint8_t *dest);
extern void (*const mote_kernel_room)(const struct mote_graph *g,
                                      const struct mote_plan_entry *plan,
                                      const struct mote_band *band, uint32_t i, int32_t out,
                                      struct mote_lowered *low, uint8_t *dest);

/* Scratch bytes row r needs for step. */
uint32_t mote_kernel_scratch(int32_t r, const void *step);

/* In-place windowed operators (MOTE_OPF_INPLACE_ROWS in ops.def, planned
 * by core/plan.c): when output 0 takes over input 0's buffer (same shape,
 * batch 1), the reference row computes the output rows into a ring of this
 * many rows in its scratch and writes a row back once no later output row
 * reads the input row it covers. h: rows, pad_h: rows of padding on top. */
static inline int32_t mote_inplace_ring_rows(int32_t h, int32_t pad_h)
{
    if (pad_h < 0) return h;
    return pad_h < h ? pad_h + 1 : h;
}

#endif /* MOTE_KERNELS_KERNEL_TABLE_H */
