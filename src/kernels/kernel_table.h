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
#if defined(__ARM_FEATURE_DSP)
#define MOTE_ROWS_ARM_DSP 1
#define MOTE_KFN_ARM_DSP(fn) fn
#elif defined(__arm__) || defined(__thumb__) || defined(__riscv)
#define MOTE_ROWS_ARM_DSP 0
#else
#define MOTE_ROWS_ARM_DSP 1
#define MOTE_KFN_ARM_DSP(fn) NULL
#endif

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

/* Scratch bytes row r needs for step. */
uint32_t mote_kernel_scratch(int32_t r, const void *step);

#endif /* MOTE_KERNELS_KERNEL_TABLE_H */
