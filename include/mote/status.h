/*
 * mote/status.h — the one status type every fallible call returns.
 *
 * 0 is success; every error is negative and specific, so a caller can act on
 * it without parsing text. mote_status_str() gives a short sentence.
 */
#ifndef MOTE_STATUS_H
#define MOTE_STATUS_H

#include <stdint.h>
#include "mote/config.h"

typedef enum mote_status {
    MOTE_OK = 0,
    MOTE_E_ARG = -1,              /* API misuse: NULL pointer, bad index, misaligned arena */
    MOTE_E_TRUNCATED = -2,        /* model file shorter than its structure says */
    MOTE_E_IDENTIFIER = -3,       /* not a TFLite flatbuffer (identifier is not "TFL3") */
    MOTE_E_OFFSET = -4,           /* an offset, vtable or vector points outside the file */
    MOTE_E_INDEX = -5,            /* an index into tensors/buffers/opcodes is out of range */
    MOTE_E_ENUM = -6,             /* an enum field holds a value the schema does not define */
    MOTE_E_UNSUPPORTED_OP = -7,   /* the graph runs an operator mote does not implement */
    MOTE_E_UNSUPPORTED_TYPE = -8, /* tensor type or type combination not implemented */
    MOTE_E_SUBGRAPHS = -9,        /* the model has more than one subgraph (or none) */
    MOTE_E_DYNAMIC = -10,         /* a dynamic shape: -1 in shape, or unknown rank */
    MOTE_E_SHAPE = -11,           /* shapes inconsistent with the operator or with buffer length */
    MOTE_E_QUANT = -12,           /* missing or invalid quantization parameters */
    MOTE_E_OVERFLOW = -13,        /* a size computation would overflow */
    MOTE_E_LIMIT = -14,           /* a compile-time limit (MOTE_MAX_*) is exceeded */
    MOTE_E_GRAPH = -15,           /* graph structure: cycle, tensor read before written, ... */
    MOTE_E_ARENA_SMALL = -16,     /* the arena is smaller than mote_model_arena_size() */
    MOTE_E_PARAM = -17,           /* operator parameter out of range (stride 0, bad padding, ...) */
    MOTE_E_STATE = -18            /* call made in the wrong state (e.g. invoke before init) */
} mote_status;

/* Short English sentence for a status, e.g. "model file is truncated".
 * Never NULL; with MOTE_NO_STRINGS it returns "". */
const char *mote_status_str(mote_status s);

/* Detail record filled by the reader and the lowering step on error: which
 * operator or tensor (or -1), the byte offset in the model (or 0), and a
 * message naming the problem (empty when MOTE_NO_STRINGS). */
typedef struct mote_error {
    mote_status status;
    int32_t op;      /* operator index, -1 when not about one operator */
    int32_t tensor;  /* tensor index, -1 when not about one tensor */
    uint32_t offset; /* byte offset in the model file, 0 when unknown */
    char text[MOTE_DETAIL_MAX];
} mote_error;

#endif /* MOTE_STATUS_H */
