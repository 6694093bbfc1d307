/*
 * step.h — one lowered operator: which kernel to call and its ready-made
 * parameters. The lowering step (lower.c) fills steps; the interpreter
 * (session.c) only reads them. Steps live in the session's arena and hold
 * no pointers: only 32-bit fields, so the arena a model needs is the same
 * number on a 64-bit host and on a 32-bit microcontroller.
 */
#ifndef MOTE_CORE_STEP_H
#define MOTE_CORE_STEP_H

#include <stdint.h>
#include "mote/kernels.h"

typedef enum mote_kernel_id {
    MOTE_K_CONV_S8 = 1,
    MOTE_K_DWCONV_S8,
    MOTE_K_FC_S8,
    MOTE_K_AVGPOOL_S8,
    MOTE_K_MAXPOOL_S8,
    MOTE_K_ADD_S8,
    MOTE_K_SOFTMAX_S8,
    MOTE_K_CONV_F32,
    MOTE_K_DWCONV_F32,
    MOTE_K_FC_F32,
    MOTE_K_AVGPOOL_F32,
    MOTE_K_MAXPOOL_F32,
    MOTE_K_ADD_F32,
    MOTE_K_SOFTMAX_F32,
    MOTE_K_COPY /* RESHAPE: a byte copy, or nothing when planned in place */
} mote_kernel_id;

typedef struct mote_step {
    int32_t kernel;                      /* mote_kernel_id */
    int32_t in[3];                       /* tensor indices: data, weights, bias (-1: none) */
    int32_t out;                         /* output tensor index */
    mote_dims in_dims, w_dims, out_dims; /* w_dims: filter, or 2nd ADD input */
    int32_t rows, depth, cols;           /* FC: batches, depth, out_c; SOFTMAX: rows, depth */
    uint32_t copy_bytes;                 /* COPY */
    uint32_t q_first;                    /* first entry of this step in the session's
                                              requantization tables (no pointers, so a
                                              step has one size on every target) */
    union {
        mote_conv_s8_params conv_s8;
        mote_fc_s8_params fc_s8;
        mote_pool_s8_params pool_s8;
        mote_add_s8_params add_s8;
        mote_softmax_s8_params softmax_s8;
        mote_conv_f32_params conv_f32;
        mote_pool_f32_params pool_f32;
        struct {
            float act_min, act_max;
        } clamp_f32; /* FC and ADD float */
        float beta;  /* SOFTMAX float */
    } p;
} mote_step;

#endif /* MOTE_CORE_STEP_H */
