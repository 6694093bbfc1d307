/*
 * tflite.h — the verifying .tflite reader.
 *
 * mote_tflite_read() checks a whole model file before anything uses it and
 * fills a mote_graph that points into the bytes (no copy, no allocation, no
 * recursion). The per-tensor and per-operator decoders below are the same
 * code the verifier runs, so the accessors in include/mote/graph.h can decode
 * on demand and cannot meet anything the verifier did not accept.
 * docs/READER.md lists every check and the status it returns.
 */
#ifndef MOTE_FORMAT_TFLITE_H
#define MOTE_FORMAT_TFLITE_H

#include <stddef.h>
#include "mote/graph.h"
#include "mote/status.h"
#include "format/flatbuf.h"
#include "base/error.h"

/* Verify a whole .tflite flatbuffer of len bytes and fill g (pointing into
 * bytes, which must outlive g). err (may be NULL) gets status, op, tensor,
 * byte offset and a one-line message; on success its status is MOTE_OK.
 * Returns MOTE_OK or MOTE_E_ARG (NULL g or bytes), MOTE_E_TRUNCATED,
 * MOTE_E_IDENTIFIER, MOTE_E_OFFSET, MOTE_E_OVERFLOW, MOTE_E_SUBGRAPHS,
 * MOTE_E_INDEX, MOTE_E_ENUM, MOTE_E_LIMIT, MOTE_E_DYNAMIC, MOTE_E_SHAPE,
 * MOTE_E_QUANT, MOTE_E_UNSUPPORTED_TYPE. It does not judge operator or
 * type support, operator options, nor graph structure: lowering does. */
mote_status mote_tflite_read(mote_graph *g, const void *bytes, size_t len, mote_error *err);

/* Decode tensor i / operator i of a graph. With verify, every check runs
 * (the verifier calls these once per index); without, the decoder trusts
 * what the verifier accepted and only decodes (the graph accessors). */
mote_status mote_tflite_tensor(const mote_graph *g, uint32_t i, mote_graph_tensor *t,
                               mote_error *err, int verify);
mote_status mote_tflite_op(const mote_graph *g, uint32_t i, mote_graph_op *op, mote_error *err,
                           int verify);

/* Field ids (position in the schema's table, unions taking two) of what the
 * reader reads; names follow third_party/tflite/schema.fbs. */
enum {
    MOTE_TFL_MODEL_OPCODES = 1,
    MOTE_TFL_MODEL_SUBGRAPHS = 2,
    MOTE_TFL_MODEL_DESCRIPTION = 3,
    MOTE_TFL_MODEL_BUFFERS = 4,

    MOTE_TFL_OPCODE_DEPRECATED = 0,
    MOTE_TFL_OPCODE_CUSTOM = 1,
    MOTE_TFL_OPCODE_VERSION = 2,
    MOTE_TFL_OPCODE_BUILTIN = 3,

    MOTE_TFL_SUBGRAPH_TENSORS = 0,
    MOTE_TFL_SUBGRAPH_INPUTS = 1,
    MOTE_TFL_SUBGRAPH_OUTPUTS = 2,
    MOTE_TFL_SUBGRAPH_OPERATORS = 3,
    MOTE_TFL_SUBGRAPH_NAME = 4,

    MOTE_TFL_BUFFER_DATA = 0,
    MOTE_TFL_BUFFER_OFFSET = 1,
    MOTE_TFL_BUFFER_SIZE = 2,

    MOTE_TFL_TENSOR_SHAPE = 0,
    MOTE_TFL_TENSOR_TYPE = 1,
    MOTE_TFL_TENSOR_BUFFER = 2,
    MOTE_TFL_TENSOR_NAME = 3,
    MOTE_TFL_TENSOR_QUANT = 4,
    MOTE_TFL_TENSOR_IS_VARIABLE = 5,
    MOTE_TFL_TENSOR_SPARSITY = 6,
    MOTE_TFL_TENSOR_EXTERNAL_BUFFER = 10,

    MOTE_TFL_QUANT_SCALE = 2,
    MOTE_TFL_QUANT_ZERO_POINT = 3,
    MOTE_TFL_QUANT_DETAILS_TYPE = 4,
    MOTE_TFL_QUANT_DIM = 6,

    MOTE_TFL_OP_OPCODE_INDEX = 0,
    MOTE_TFL_OP_INPUTS = 1,
    MOTE_TFL_OP_OUTPUTS = 2,
    MOTE_TFL_OP_OPTIONS_TYPE = 3,
    MOTE_TFL_OP_OPTIONS = 4,
    MOTE_TFL_OP_CUSTOM_OPTIONS = 5,
    MOTE_TFL_OP_CUSTOM_FORMAT = 6
};

/* The words of mote_graph.where: offsets of the subgraph's vectors (their
 * first element) in the model bytes; the model's subgraph vector and the
 * subgraph's table. */
enum {
    MOTE_TFL_AT_TENSORS = 0,
    MOTE_TFL_AT_OPERATORS = 1,
    MOTE_TFL_AT_OPCODES = 2,
    MOTE_TFL_AT_BUFFERS = 3,
    MOTE_TFL_AT_INPUTS = 4,
    MOTE_TFL_AT_OUTPUTS = 5,
    MOTE_TFL_AT_N_OPCODES = 6,
    MOTE_TFL_AT_N_BUFFERS = 7,
    MOTE_TFL_AT_SUBGRAPHS = 8, /* the model's subgraph vector */
    MOTE_TFL_AT_SUBGRAPH = 9   /* this subgraph's table */
};

/* Point g (filled for any subgraph of the model) at subgraph k's vectors.
 * With verify, subgraph k's own fields are checked (tensors, operators,
 * inputs and outputs are checked by the caller, through the decoders). */
mote_status mote_tflite_subgraph(mote_graph *g, uint32_t k, mote_error *err, int verify);

/* Verify buffer idx (< g->n_buffers) and give its bytes: the `data` vector,
 * or the `offset`/`size` pair (data placed after the flatbuffer in the same
 * file, used when offset > 1). *data = NULL, *len = 0 when it is empty. */
mote_status mote_tflite_buffer(const mote_graph *g, const mote_fb *fb, uint32_t idx,
                               const uint8_t **data, size_t *len);

/* Open g's bytes as a flatbuffer for decoding (messages about op / tensor). */
void mote_tflite_fb(const mote_graph *g, mote_error *err, int32_t op, int32_t tensor, mote_fb *fb);

#endif /* MOTE_FORMAT_TFLITE_H */
