/*
 * mote/graph.h — the graph a model file describes, as the reader verified it.
 *
 * The reader (src/format/) fills a mote_graph that points into the model
 * bytes (zero copy). Tensors and operators are decoded on demand by
 * mote_graph_get_tensor() / mote_graph_get_op(), which cannot fail once
 * mote_tflite_read() accepted the file: every offset, length and index they
 * follow was checked then, so they decode without checking again. Core
 * (ops, plan, session) and tools read the graph only through these calls;
 * they never touch the file's bytes.
 *
 * Integers in the model are little-endian and may be unaligned in a hostile
 * file, so vectors are exposed as byte pointers with typed accessors.
 */
#ifndef MOTE_GRAPH_H
#define MOTE_GRAPH_H

#include <stddef.h>
#include <stdint.h>
#include "mote/config.h"
#include "mote/status.h"

/* Element types. The values equal TFLite's TensorType enum. */
typedef enum mote_type {
    MOTE_TYPE_NONE = -1, /* no tensor (an omitted optional input) */
    MOTE_FLOAT32 = 0,
    MOTE_FLOAT16 = 1,
    MOTE_INT32 = 2,
    MOTE_UINT8 = 3,
    MOTE_INT64 = 4,
    MOTE_STRING = 5,
    MOTE_BOOL = 6,
    MOTE_INT16 = 7,
    MOTE_COMPLEX64 = 8,
    MOTE_INT8 = 9,
    MOTE_FLOAT64 = 10,
    MOTE_UINT64 = 12,
    MOTE_UINT32 = 15,
    MOTE_INT4 = 17,     /* packed: two values per byte (low nibble first); no byte size */
    MOTE_TYPE_LAST = 22 /* largest value the schema defines (FLOAT8_E5M2) */
} mote_type;

/* Fused activation (TFLite ActivationFunctionType). */
enum {
    MOTE_ACT_NONE = 0,
    MOTE_ACT_RELU = 1,
    MOTE_ACT_RELU_N1_TO_1 = 2,
    MOTE_ACT_RELU6 = 3,
    MOTE_ACT_TANH = 4,
    MOTE_ACT_SIGN_BIT = 5
};

/* Padding (TFLite Padding). */
enum { MOTE_PAD_SAME = 0, MOTE_PAD_VALID = 1 };

/* The verified model. Counts are public; `where` is the reader's own
 * bookmark into the model bytes (format/tflite.h names its words) and means
 * nothing to anyone else. */
typedef struct mote_graph {
    const uint8_t *base; /* model bytes; must outlive the graph */
    size_t size;         /* model length in bytes */
    /* Counts of this subgraph; the model's subgraphs (every one verified);
     * which one this is (0, the entry, from mote_tflite_read). */
    uint32_t n_tensors, n_ops, n_inputs, n_outputs;
    uint32_t n_subgraphs, subgraph;
    uint32_t where[10]; /* reader-private */
    /* The execution order (core/order.h): mote_graph_get_op(g, p) decodes
     * operator order[p]. NULL (as the reader leaves it): the model's own. */
    const int16_t *order;
} mote_graph;

/* One tensor, decoded. Pointers point into the model bytes. */
typedef struct mote_graph_tensor {
    mote_type type;
    int32_t rank;
    int32_t dims[MOTE_MAX_RANK];  /* concrete `shape` (shape_signature is ignored) */
    size_t elements;              /* product of dims (checked, no overflow) */
    size_t bytes;                 /* elements * element size (checked) */
    const uint8_t *data;          /* constant data inside the model, or NULL */
    size_t data_bytes;            /* length of `data` (== bytes when data != NULL) */
    uint32_t n_quant;             /* number of scales (0: not quantized) */
    const uint8_t *scale_le;      /* n_quant float32, little-endian, maybe unaligned */
    const uint8_t *zero_point_le; /* n_quant int64, little-endian; NULL if absent */
    uint32_t n_zero_points;       /* 0, 1 or n_quant */
    int32_t quant_dim;            /* quantized_dimension */
    const char *name;             /* not NUL-terminated; name_len bytes */
    uint32_t name_len;
    /* TFLite's is_variable: state an operator (SVDF, LSTM) reads and writes
     * in place, kept in the arena across invokes. data is always NULL for
     * it: TFLite Micro ignores a variable tensor's buffer and starts (and
     * resets) it at zero (int8: its zero point), and so does mote. */
    uint8_t is_variable;
    /* Constant INT64 data 4 but not 8-byte aligned: TensorFlow's converter
     * (2.21) aligns buffers to 4 bytes only, so 16x8 models' int64 biases
     * land there. Lowering refuses such an operand unless the operator's
     * lowering says its kernel loads it alignment-safely (the int64 biases
     * of the 16x8 kernels: mote_lower_bias, TRANSPOSE_CONV). */
    uint8_t unaligned;
} mote_graph_tensor;

/* An operator's options: a table of numbered fields (for TFLite, the
 * builtin_options table; field k is the k-th field of its schema table).
 * Read through mote_graph_opt_*(); the reader verified where it lies. */
typedef struct mote_graph_options {
    int32_t type;          /* which options table (TFLite BuiltinOptions member; 0 = none) */
    const uint8_t *table;  /* reader-private; NULL when absent */
    const uint8_t *fields; /* reader-private */
    uint16_t table_bytes, field_bytes;
} mote_graph_options;

/* One operator, decoded. Tensor indices are -1 for an omitted optional input. */
typedef struct mote_graph_op {
    int32_t code; /* builtin code: max(builtin_code, deprecated_builtin_code) */
    uint32_t opcode_index;
    int32_t version;
    uint32_t n_inputs, n_outputs;
    const uint8_t *inputs_le;  /* n_inputs int32, little-endian */
    const uint8_t *outputs_le; /* n_outputs int32, little-endian */
    mote_graph_options options;
    /* CUSTOM operators (code 32): the operator code's custom_code string
     * (custom_len bytes, NUL-terminated in the file; NULL when absent) and
     * the operator's custom_options bytes (FlexBuffers; NULL when absent),
     * both verified inside the file. Read through the accessors below. */
    const char *custom;
    const uint8_t *custom_options;
    uint32_t custom_len, custom_options_len;
} mote_graph_op;

/* Subgraph k of g's model (0 <= k < g->n_subgraphs) as a graph of its own:
 * the same accessors then address its tensors and operators (indices are
 * the subgraph's own). A model's graph is its subgraph 0, the entry; the
 * others are run by control-flow operators (IF, WHILE, CALL_ONCE). The
 * reader verified every subgraph, so this cannot fail for a good k.
 * Returns MOTE_OK, or MOTE_E_ARG for a bad k or graph. */
mote_status mote_graph_subgraph(const mote_graph *g, uint32_t k, mote_graph *sub);

/* Decode tensor i (0 <= i < g->n_tensors). Returns MOTE_E_ARG for a bad i. */
mote_status mote_graph_get_tensor(const mote_graph *g, uint32_t i, mote_graph_tensor *out);

/* Decode operator i (0 <= i < g->n_ops): the i-th the graph runs, which is
 * operator order[i] of the model when g->order is set. Returns MOTE_E_ARG
 * for a bad i. */
mote_status mote_graph_get_op(const mote_graph *g, uint32_t i, mote_graph_op *out);

/* Index k of an operator's input / output list, or of the subgraph's. */
int32_t mote_graph_op_input(const mote_graph_op *op, uint32_t k);
int32_t mote_graph_op_output(const mote_graph_op *op, uint32_t k);
int32_t mote_graph_input(const mote_graph *g, uint32_t k);
int32_t mote_graph_output(const mote_graph *g, uint32_t k);

/* A CUSTOM operator's custom_code (NUL-terminated; *len its length) and
 * custom_options bytes; NULL (and *len 0) when the operator has none. */
const char *mote_graph_op_custom_code(const mote_graph_op *op, uint32_t *len);
const uint8_t *mote_graph_op_custom_options(const mote_graph_op *op, uint32_t *len);

/* Option field `field` of an operator, or def when the model leaves it out:
 * a 4-byte integer, a 1-byte integer (enums and bools; signed), a float. */
int32_t mote_graph_opt_i32(const mote_graph_op *op, uint32_t field, int32_t def);
int32_t mote_graph_opt_i8(const mote_graph_op *op, uint32_t field, int32_t def);
float mote_graph_opt_f32(const mote_graph_op *op, uint32_t field, float def);
/* String option field `field` of an operator of g (VAR_HANDLE's names),
 * verified against g's bytes: *text (not NUL-terminated) and *len; NULL and
 * 0 when absent. Returns MOTE_OK or a reader status for a bad string. */
mote_status mote_graph_opt_string(const mote_graph *g, const mote_graph_op *op, uint32_t field,
                                  const char **text, uint32_t *len);

/* Quantization parameter k of a tensor (0 <= k < n_quant). */
float mote_graph_tensor_scale(const mote_graph_tensor *t, uint32_t k);
int64_t mote_graph_tensor_zero_point(const mote_graph_tensor *t, uint32_t k);

/* Bytes of one element of a type, 0 for types mote cannot size. */
size_t mote_type_size(mote_type t);
/* Names: "INT8", "CONV_2D"... "UNKNOWN" for values outside the schema;
 * "" in a build without message text (MOTE_NO_STRINGS), which then carries
 * no name table. */
const char *mote_type_name(int32_t t);
const char *mote_op_name(int32_t code);

#endif /* MOTE_GRAPH_H */
