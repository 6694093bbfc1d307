/* tflite_tensor.c — decode and check one Tensor table (and its buffer). */
#include "format/tflite.h"

/* Largest tensor, in elements and in bytes. Kernels index with int32_t, and
 * the same limit on host and target keeps the reader's verdict portable
 * (a 64-bit host would otherwise accept what a 32-bit MCU cannot address). */
#define MAX_TENSOR_BYTES 0x7FFFFFFFu

void mote_tflite_fb(const mote_graph *g, mote_error *err, int32_t op, int32_t tensor, mote_fb *fb)
{
    fb->p = g->base;
    fb->n = (uint32_t)g->size; /* mote_tflite_read refused files >= 4 GiB */
    fb->err = err;
    fb->op = op;
    fb->tensor = tensor;
    fb->verify = 1;
}

/* offset/size of buffer idx (at pos) point outside the file. */
static MOTE_FB_COLD mote_status fail_buffer_range(const mote_fb *fb, uint32_t pos, uint32_t idx,
                                                  uint64_t off, uint64_t size)
{
    (void)idx; /* unused when MOTE_NO_STRINGS drops the messages */
    (void)size;
    if (off >= fb->n) {
        return MOTE_FB_FAIL(fb, MOTE_E_OFFSET, pos,
                            "buffer %u: data offset 0x%X is outside the file (%u bytes)", idx,
                            (unsigned long long)off, fb->n);
    }
    return MOTE_FB_FAIL(fb, MOTE_E_TRUNCATED, (uint32_t)off,
                        "file truncated: buffer %u data at offset 0x%x needs %U bytes, "
                        "file has %u",
                        idx, (unsigned)off, (unsigned long long)(off + size), fb->n);
}

mote_status mote_tflite_buffer(const mote_graph *g, const mote_fb *fb, uint32_t idx,
                               const uint8_t **data, size_t *len)
{
    mote_fb_vec buffers, bytes;
    mote_fb_table bt;
    uint64_t off = 0, size = 0;
    mote_status s;
    *data = NULL;
    *len = 0;
    buffers.data = g->where[MOTE_TFL_AT_BUFFERS];
    buffers.len = g->where[MOTE_TFL_AT_N_BUFFERS];
    s = mote_fb_vec_table(fb, &buffers, idx, "buffer", &bt);
    if (s == MOTE_OK) {
        s = mote_fb_vector(fb, &bt, MOTE_TFL_BUFFER_DATA, 1, "buffer data", &bytes);
    }
    if (s == MOTE_OK) {
        s = mote_fb_get_u64(fb, &bt, MOTE_TFL_BUFFER_OFFSET, "buffer offset", &off);
    }
    if (s == MOTE_OK) {
        s = mote_fb_get_u64(fb, &bt, MOTE_TFL_BUFFER_SIZE, "buffer size", &size);
    }
    if (s != MOTE_OK) {
        return s;
    }
    /* The schema: offset/size locate the data in the same file, and are
     * "only valid if > 1" (0 and 1 are placeholders writers leave). */
    if (off > 1) {
        if (off >= fb->n || size > fb->n - off) {
            return fail_buffer_range(fb, bt.pos, idx, off, size);
        }
        *data = size != 0 ? fb->p + off : NULL;
        *len = (size_t)size;
        return MOTE_OK;
    }
    if (bytes.len != 0) {
        *data = fb->p + bytes.data;
        *len = bytes.len;
    }
    return MOTE_OK;
}

/* shape: rank within MOTE_MAX_RANK, every dimension concrete. */
static MOTE_FB_APART mote_status decode_shape(const mote_fb *fb, const mote_fb_table *tt,
                                              mote_graph_tensor *t)
{
    mote_fb_vec v;
    uint32_t k;
    mote_status s = mote_fb_vector(fb, tt, MOTE_TFL_TENSOR_SHAPE, 4, "shape", &v);
    if (s != MOTE_OK) {
        return s;
    }
    if (fb->verify && v.len > MOTE_MAX_RANK) {
        return MOTE_FB_FAIL(fb, MOTE_E_LIMIT, v.data - 4u, "rank %u exceeds MOTE_MAX_RANK (%d)",
                            v.len, MOTE_MAX_RANK);
    }
    t->rank = (int32_t)v.len;
    for (k = 0; k < v.len; k++) {
        t->dims[k] = mote_fb_i32(fb->p + v.data + 4u * k);
        if (fb->verify && t->dims[k] < 0) {
            /* shape_signature may carry -1 (MLPerf models do, in the batch
             * dimension) and is ignored; shape itself must be concrete. */
            return MOTE_FB_FAIL(fb, MOTE_E_DYNAMIC, v.data + 4u * k,
                                "dimension %u of shape is %d (dynamic shapes are not supported)", k,
                                t->dims[k]);
        }
    }
    return MOTE_OK;
}

/* The refusals that print a shape keep their text buffer in a frame of
 * their own, taken only when a model is refused: loading's stack is what
 * a good model uses (mote.h promises well under 1 KB). */
static MOTE_FB_COLD mote_status fail_too_large(const mote_fb *fb, uint32_t pos,
                                               const mote_graph_tensor *t)
{
    char dims[80];
    (void)dims;
    (void)t;
    return MOTE_FB_FAIL(
        fb, MOTE_E_OVERFLOW, pos, "shape %s %s is larger than 2^31-1 elements or bytes",
        mote_error_dims(dims, sizeof dims, t->dims, t->rank), mote_type_name(t->type));
}

static MOTE_FB_COLD mote_status fail_buffer_size(const mote_fb *fb, uint32_t buf,
                                                 const mote_graph_tensor *t)
{
    char dims[80];
    (void)dims;
    (void)buf;
    return MOTE_FB_FAIL(fb, MOTE_E_SHAPE, (uint32_t)(t->data - fb->p),
                        "buffer %u holds %U bytes, shape %s %s needs %U", buf,
                        (unsigned long long)t->data_bytes,
                        mote_error_dims(dims, sizeof dims, t->dims, t->rank),
                        mote_type_name(t->type), (unsigned long long)t->bytes);
}

/* elements and bytes, refusing anything past MAX_TENSOR_BYTES. */
static mote_status size_tensor(const mote_fb *fb, uint32_t pos, mote_graph_tensor *t)
{
    uint64_t elems = 1, bytes;
    int32_t k;
    for (k = 0; k < t->rank; k++) {
        if (t->dims[k] == 0) {
            elems = 0;
            break;
        }
    }
    /* Each step multiplies a value <= 2^31 by a dimension < 2^31: no 64-bit
     * wrap before the check. */
    for (k = 0; k < t->rank && elems != 0; k++) {
        elems *= (uint64_t)t->dims[k];
        if (elems > MAX_TENSOR_BYTES) {
            break;
        }
    }
    bytes = elems * mote_type_size(t->type);
    if (fb->verify && (elems > MAX_TENSOR_BYTES || bytes > MAX_TENSOR_BYTES)) {
        return fail_too_large(fb, pos, t);
    }
    t->elements = (size_t)elems;
    t->bytes = (size_t)bytes;
    return MOTE_OK;
}

/* QuantizationParameters: counts consistent, per-axis dimension matches. */
static MOTE_FB_APART mote_status decode_quant(const mote_fb *fb, const mote_fb_table *tt,
                                              mote_graph_tensor *t)
{
    mote_fb_table q;
    mote_fb_vec scale, zp;
    uint8_t details = 0;
    int present;
    mote_status s = mote_fb_sub(fb, tt, MOTE_TFL_TENSOR_QUANT, "quantization", &q, &present);
    if (s != MOTE_OK || !present) {
        return s;
    }
    s = mote_fb_vector(fb, &q, MOTE_TFL_QUANT_SCALE, 4, "quantization scale", &scale);
    if (s == MOTE_OK) {
        s = mote_fb_vector(fb, &q, MOTE_TFL_QUANT_ZERO_POINT, 8, "quantization zero_point", &zp);
    }
    if (s == MOTE_OK) {
        s = mote_fb_get_u8(fb, &q, MOTE_TFL_QUANT_DETAILS_TYPE, "quantization details_type",
                           &details);
    }
    if (s == MOTE_OK) {
        s = mote_fb_get_32(fb, &q, MOTE_TFL_QUANT_DIM, "quantized_dimension", &t->quant_dim);
    }
    if (s != MOTE_OK) {
        return s;
    }
    /* QuantizationDetails has three members; any of them replaces the
     * scale / zero-point pair that the runtime implements. */
    if (!fb->verify) {
        details = 0;
    }
    if (details > 3) {
        return MOTE_FB_FAIL(fb, MOTE_E_ENUM, q.pos,
                            "quantization details type %u is not in the schema (0..3)", details);
    }
    if (details != 0) {
        return MOTE_FB_FAIL(fb, MOTE_E_QUANT, q.pos,
                            "quantization details (custom/blockwise/multi-axis) are not supported");
    }
    if (fb->verify && zp.len != 0 && zp.len != 1 && zp.len != scale.len) {
        return MOTE_FB_FAIL(fb, MOTE_E_QUANT, q.pos,
                            "%u scales but %u zero points (need 0, 1 or %u)", scale.len, zp.len,
                            scale.len);
    }
    /* Converters copy the filter's quantized_dimension onto per-channel
     * biases (person_detect has rank-1 biases marked dimension 3); TFLite
     * Micro never reads it there, so a rank-1 tensor with one scale per
     * element is accepted whatever the dimension says. */
    if (scale.len > 1 && t->rank == 1 && (uint32_t)t->dims[0] == scale.len) {
        t->quant_dim = 0;
    } else if (fb->verify && scale.len > 1) {
        if (t->quant_dim < 0 || t->quant_dim >= t->rank) {
            return MOTE_FB_FAIL(fb, MOTE_E_QUANT, q.pos,
                                "per-axis quantization on dimension %d of a rank-%d tensor",
                                t->quant_dim, t->rank);
        }
        if ((uint32_t)t->dims[t->quant_dim] != scale.len) {
            return MOTE_FB_FAIL(fb, MOTE_E_QUANT, q.pos, "%u scales for dimension %d of size %d",
                                scale.len, t->quant_dim, t->dims[t->quant_dim]);
        }
    }
    t->n_quant = scale.len;
    t->scale_le = scale.len != 0 ? fb->p + scale.data : NULL;
    t->n_zero_points = zp.len;
    t->zero_point_le = zp.len != 0 ? fb->p + zp.data : NULL;
    return MOTE_OK;
}

/* buffer: index in range; data, when present, exactly the tensor's size. */
static mote_status decode_data(const mote_graph *g, const mote_fb *fb, const mote_fb_table *tt,
                               mote_graph_tensor *t)
{
    uint32_t buf = 0;
    mote_status s = mote_fb_get_32(fb, tt, MOTE_TFL_TENSOR_BUFFER, "buffer index", &buf);
    if (s != MOTE_OK) {
        return s;
    }
    if (fb->verify && buf >= g->where[MOTE_TFL_AT_N_BUFFERS]) {
        return MOTE_FB_FAIL(fb, MOTE_E_INDEX, tt->pos,
                            "buffer index %u out of range (model has %u buffers)", buf,
                            g->where[MOTE_TFL_AT_N_BUFFERS]);
    }
    s = mote_tflite_buffer(g, fb, buf, &t->data, &t->data_bytes);
    if (s != MOTE_OK || t->data == NULL) {
        return s;
    }
    /* Marked on every read (verified or not): lowering checks it. */
    t->unaligned = (uint8_t)(t->type == MOTE_INT64 && (uintptr_t)t->data % 8u == 4u);
    if (!fb->verify) {
        return MOTE_OK;
    }
    /* Kernels load multi-byte constants (float32 weights, int32 biases)
     * directly: on Cortex-M an unaligned VLDR/LDRD faults, and in C it is
     * undefined. TensorFlow's converter aligns buffers to 4 bytes (older
     * versions to 16); a hostile file (or an unaligned copy of the model)
     * need not. INT64 data at 4 mod 8 (the converter's 16x8 biases) is
     * marked, and only kernels that load it safely may take it (lower.c). */
    if (!t->unaligned && mote_type_size(t->type) > 1 &&
        (uintptr_t)t->data % (uintptr_t)mote_type_size(t->type) != 0) {
        return MOTE_FB_FAIL(fb, MOTE_E_OFFSET, (uint32_t)(t->data - fb->p),
                            "buffer %u data at offset 0x%x is not aligned to its %s elements "
                            "(the model bytes must be 16-byte aligned)",
                            buf, (unsigned)(t->data - fb->p), mote_type_name(t->type));
    }
    /* Types without a byte size per element (strings, packed int4, ...)
     * cannot be checked here; lowering refuses them anyway. */
    if (mote_type_size(t->type) != 0 && t->data_bytes != t->bytes) {
        return fail_buffer_size(fb, buf, t);
    }
    return MOTE_OK;
}

mote_status mote_tflite_tensor(const mote_graph *g, uint32_t i, mote_graph_tensor *t,
                               mote_error *err, int verify)
{
    mote_fb fb;
    mote_fb_vec tensors, name;
    mote_fb_table tt;
    int8_t type = 0;
    uint32_t sparsity = 0, external = 0;
    mote_status s;
    if (g == NULL || t == NULL || i >= g->n_tensors) {
        return MOTE_FAIL(err, MOTE_E_ARG, -1, -1, 0, "tensor index %u out of range (%u tensors)", i,
                         g != NULL ? g->n_tensors : 0u);
    }
    memset(t, 0, sizeof *t);
    mote_tflite_fb(g, err, -1, (int32_t)i, &fb);
    fb.verify = verify;
    tensors.data = g->where[MOTE_TFL_AT_TENSORS];
    tensors.len = g->n_tensors;
    s = mote_fb_vec_table(&fb, &tensors, i, "tensor", &tt);
    if (s == MOTE_OK) {
        s = decode_shape(&fb, &tt, t);
    }
    if (s == MOTE_OK) {
        s = mote_fb_get_i8(&fb, &tt, MOTE_TFL_TENSOR_TYPE, "tensor type", &type);
    }
    if (s == MOTE_OK && verify && (type < 0 || type > MOTE_TYPE_LAST)) {
        return MOTE_FB_FAIL(&fb, MOTE_E_ENUM, tt.pos, "type %d is not a TensorType (0..%d)", type,
                            MOTE_TYPE_LAST);
    }
    t->type = (mote_type)type;
    if (s == MOTE_OK) {
        s = mote_fb_string(&fb, &tt, MOTE_TFL_TENSOR_NAME, "tensor name", &name);
        t->name = name.len != 0 ? (const char *)fb.p + name.data : "";
        t->name_len = name.len;
    }
    if (s == MOTE_OK && verify) {
        s = mote_fb_ref(&fb, &tt, MOTE_TFL_TENSOR_SPARSITY, "sparsity", &sparsity);
    }
    if (s == MOTE_OK && sparsity != 0) {
        return MOTE_FB_FAIL(&fb, MOTE_E_UNSUPPORTED_TYPE, sparsity,
                            "sparse tensors are not supported");
    }
    if (s == MOTE_OK && verify) {
        s = mote_fb_get_32(&fb, &tt, MOTE_TFL_TENSOR_EXTERNAL_BUFFER, "external_buffer", &external);
    }
    if (s == MOTE_OK && external != 0) {
        return MOTE_FB_FAIL(&fb, MOTE_E_UNSUPPORTED_TYPE, tt.pos,
                            "data in external buffer %u (outside the model file) is not "
                            "supported",
                            external);
    }
    if (s == MOTE_OK) {
        s = size_tensor(&fb, tt.pos, t);
    }
    if (s == MOTE_OK) {
        s = decode_quant(&fb, &tt, t);
    }
    if (s == MOTE_OK) {
        s = decode_data(g, &fb, &tt, t);
    }
    if (s == MOTE_OK) {
        uint8_t variable = 0;
        s = mote_fb_get_u8(&fb, &tt, MOTE_TFL_TENSOR_IS_VARIABLE, "is_variable", &variable);
        /* State lives in the arena; its buffer, if any, is not read (as in
         * TFLite Micro, which zeroes variable tensors; mote_session_reset). */
        if (s == MOTE_OK && variable != 0) {
            t->is_variable = 1;
            t->data = NULL;
            t->data_bytes = 0;
        }
    }
    return s;
}
