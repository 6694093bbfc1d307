/* tflite_read.c — verify a whole .tflite file and fill the mote_graph. */
#include "format/tflite.h"

/* Header: uint32 root offset, then the 4-byte file identifier. */
#define HEADER_BYTES 8u

static mote_status read_header(const mote_fb *fb, mote_fb_table *model)
{
    uint32_t root;
    if (fb->n < HEADER_BYTES) {
        return MOTE_FB_FAIL(fb, MOTE_E_TRUNCATED, 0,
                            "file truncated: %u bytes, a flatbuffer header needs 8", fb->n);
    }
    if (memcmp(fb->p + 4, "TFL3", 4) != 0) {
        /* Each byte as 0xHH (the formatter has no field width). */
        return MOTE_FB_FAIL(fb, MOTE_E_IDENTIFIER, 4,
                            "file identifier (bytes 4..7) is 0x%x%x 0x%x%x 0x%x%x 0x%x%x, "
                            "not \"TFL3\"",
                            (unsigned)fb->p[4] >> 4, fb->p[4] & 15u, (unsigned)fb->p[5] >> 4,
                            fb->p[5] & 15u, (unsigned)fb->p[6] >> 4, fb->p[6] & 15u,
                            (unsigned)fb->p[7] >> 4, fb->p[7] & 15u);
    }
    root = mote_fb_u32(fb->p);
    if (root < HEADER_BYTES || root >= fb->n) {
        return MOTE_FB_FAIL(fb, MOTE_E_OFFSET, 0,
                            "root table offset 0x%x is outside the file (%u bytes)", root, fb->n);
    }
    return mote_fb_table_at(fb, root, "model", model);
}

/* Vector of tables field: its count, and every element verified. */
static mote_status table_vector(const mote_fb *fb, const mote_fb_table *t, uint32_t id,
                                const char *what, mote_fb_vec *v)
{
    mote_fb_table el;
    uint32_t k;
    mote_status s = mote_fb_vector(fb, t, id, 4, what, v);
    for (k = 0; s == MOTE_OK && k < v->len; k++) {
        s = mote_fb_vec_table(fb, v, k, what, &el);
    }
    return s;
}

/* Subgraph input / output lists: every index names a tensor. */
static mote_status io_vector(const mote_fb *fb, const mote_fb_table *sg, uint32_t id,
                             const char *what, uint32_t n_tensors, mote_fb_vec *v)
{
    uint32_t k;
    mote_status s = mote_fb_vector(fb, sg, id, 4, what, v);
    for (k = 0; s == MOTE_OK && k < v->len; k++) {
        int32_t x = mote_fb_i32(fb->p + v->data + 4u * k);
        if (x < 0 || (uint32_t)x >= n_tensors) {
            return MOTE_FB_FAIL(fb, MOTE_E_INDEX, v->data + 4u * k,
                                "subgraph %s %u: tensor index %d out of range "
                                "(model has %u tensors)",
                                what, k, x, n_tensors);
        }
    }
    return s;
}

mote_status mote_tflite_subgraph(mote_graph *g, uint32_t k, mote_error *err, int verify)
{
    mote_fb fb;
    mote_fb_table sg;
    mote_fb_vec subgraphs, tensors, ops, in, out, text;
    mote_status s;
    if (g == NULL || g->base == NULL || k >= g->n_subgraphs)
        return MOTE_FAIL(err, MOTE_E_ARG, -1, -1, 0, "subgraph %u out of range (%u subgraphs)", k,
                         g != NULL ? g->n_subgraphs : 0u);
    mote_tflite_fb(g, err, -1, -1, &fb);
    fb.verify = verify;
    subgraphs.data = g->where[MOTE_TFL_AT_SUBGRAPHS];
    subgraphs.len = g->n_subgraphs;
    s = mote_fb_vec_table(&fb, &subgraphs, k, "subgraph", &sg);
    if (s == MOTE_OK) s = table_vector(&fb, &sg, MOTE_TFL_SUBGRAPH_TENSORS, "tensor", &tensors);
    if (s == MOTE_OK) s = table_vector(&fb, &sg, MOTE_TFL_SUBGRAPH_OPERATORS, "operator", &ops);
    if (s == MOTE_OK && verify)
        s = mote_fb_string(&fb, &sg, MOTE_TFL_SUBGRAPH_NAME, "subgraph name", &text);
    if (s == MOTE_OK) s = io_vector(&fb, &sg, MOTE_TFL_SUBGRAPH_INPUTS, "input", tensors.len, &in);
    if (s == MOTE_OK)
        s = io_vector(&fb, &sg, MOTE_TFL_SUBGRAPH_OUTPUTS, "output", tensors.len, &out);
    if (s != MOTE_OK) return s;
    g->subgraph = k;
    g->where[MOTE_TFL_AT_SUBGRAPH] = sg.pos;
    g->where[MOTE_TFL_AT_TENSORS] = tensors.data;
    g->n_tensors = tensors.len;
    g->where[MOTE_TFL_AT_OPERATORS] = ops.data;
    g->n_ops = ops.len;
    g->where[MOTE_TFL_AT_INPUTS] = in.data;
    g->n_inputs = in.len;
    g->where[MOTE_TFL_AT_OUTPUTS] = out.data;
    g->n_outputs = out.len;
    return MOTE_OK;
}

static mote_status read_model(mote_graph *g, const mote_fb *fb)
{
    mote_fb_table model;
    mote_fb_vec opcodes, subgraphs, buffers, text;
    mote_status s = read_header(fb, &model);
    if (s == MOTE_OK)
        s = table_vector(fb, &model, MOTE_TFL_MODEL_OPCODES, "operator code", &opcodes);
    if (s == MOTE_OK) s = table_vector(fb, &model, MOTE_TFL_MODEL_BUFFERS, "buffer", &buffers);
    if (s == MOTE_OK)
        s = mote_fb_string(fb, &model, MOTE_TFL_MODEL_DESCRIPTION, "description", &text);
    if (s == MOTE_OK)
        s = mote_fb_vector(fb, &model, MOTE_TFL_MODEL_SUBGRAPHS, 4, "subgraph", &subgraphs);
    if (s != MOTE_OK) {
        return s;
    }
    /* Subgraph 0 is the entry (what TFLite runs); the others are reached
     * only through control-flow operators, and lowering checks those. */
    if (subgraphs.len == 0) {
        return MOTE_FB_FAIL(fb, MOTE_E_SUBGRAPHS, subgraphs.data,
                            "model has no subgraph; it needs at least one");
    }
    g->where[MOTE_TFL_AT_SUBGRAPHS] = subgraphs.data;
    g->n_subgraphs = subgraphs.len;
    g->where[MOTE_TFL_AT_OPCODES] = opcodes.data;
    g->where[MOTE_TFL_AT_N_OPCODES] = opcodes.len;
    g->where[MOTE_TFL_AT_BUFFERS] = buffers.data;
    g->where[MOTE_TFL_AT_N_BUFFERS] = buffers.len;
    return MOTE_OK;
}

/* Every tensor and operator of subgraph k decoded once with all checks, so
 * later accessor calls cannot fail. */
static mote_status verify_subgraph(mote_graph *g, uint32_t k, mote_error *err)
{
    mote_graph_tensor t;
    mote_graph_op op;
    uint32_t i;
    mote_status s = mote_tflite_subgraph(g, k, err, 1);
    for (i = 0; s == MOTE_OK && i < g->n_tensors; i++) {
        s = mote_tflite_tensor(g, i, &t, err, 1);
    }
    for (i = 0; s == MOTE_OK && i < g->n_ops; i++) {
        s = mote_tflite_op(g, i, &op, err, 1);
    }
    if (s != MOTE_OK && k != 0 && err != NULL && err->status == s) {
        mote_error_append(err, " (in subgraph %u)", (unsigned)k);
    }
    return s;
}

mote_status mote_tflite_read(mote_graph *g, const void *bytes, size_t len, mote_error *err)
{
    mote_fb fb;
    const uint8_t *data;
    size_t data_len;
    uint32_t k;
    mote_status s;
    if (err != NULL) {
        (void)MOTE_FAIL(err, MOTE_OK, -1, -1, 0, "");
    }
    if (g == NULL || bytes == NULL) {
        return MOTE_FAIL(err, MOTE_E_ARG, -1, -1, 0, "NULL graph or model bytes");
    }
    memset(g, 0, sizeof *g);
    /* Offsets in the graph are 32-bit; flatbuffers themselves stop at 2 GiB.
     * (Only a 64-bit size_t can say more.) */
#if SIZE_MAX > UINT32_MAX
    if (len > UINT32_MAX) {
        return MOTE_FAIL(err, MOTE_E_LIMIT, -1, -1, 0,
                         "model file of %U bytes is larger than 4 GiB", (unsigned long long)len);
    }
#endif
    g->base = (const uint8_t *)bytes;
    g->size = len;
    mote_tflite_fb(g, err, -1, -1, &fb);
    s = read_model(g, &fb);
    /* Every buffer, tensor and operator is decoded once with all checks,
     * so later accessor calls cannot fail. */
    for (k = 0; s == MOTE_OK && k < g->where[MOTE_TFL_AT_N_BUFFERS]; k++) {
        s = mote_tflite_buffer(g, &fb, k, &data, &data_len);
    }
    /* Every subgraph, the last first, so g ends up as subgraph 0. */
    for (k = g->n_subgraphs; s == MOTE_OK && k > 0; k--) {
        s = verify_subgraph(g, k - 1, err);
    }
    if (s != MOTE_OK) {
        /* Leave nothing half-filled that a careless caller could walk. */
        memset(g, 0, sizeof *g);
    }
    return s;
}
