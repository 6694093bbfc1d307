/* tflite_op.c — decode and check one Operator table and its options. */
#include "format/tflite.h"
#include "format/op_names.inc"

/* builtin_options: its type in the union's range and, when present, its
 * table verified, so mote_graph_opt_*() can read any field of it. Which
 * type an operator must carry, and what its fields may hold, is the
 * operator's business (src/ops/). */
static mote_status decode_options(const mote_fb *fb, const mote_fb_table *ot, mote_graph_op *op)
{
    mote_fb_table t = {0, 0, 0, 0};
    int present = 0;
    uint8_t type = 0;
    mote_status s = mote_fb_get_u8(fb, ot, MOTE_TFL_OP_OPTIONS_TYPE, "builtin_options_type", &type);
    if (s != MOTE_OK) {
        return s;
    }
    op->options.type = type;
    if (type > MOTE_FORMAT_OPTIONS_LAST) {
        return MOTE_FB_FAIL(fb, MOTE_E_ENUM, ot->pos,
                            "builtin_options_type %u is not in the schema (0..%d)", type,
                            MOTE_FORMAT_OPTIONS_LAST);
    }
    if (type != 0) {
        s = mote_fb_sub(fb, ot, MOTE_TFL_OP_OPTIONS, "builtin_options", &t, &present);
        if (s != MOTE_OK) {
            return s;
        }
    }
    if (present) {
        op->options.table = fb->p + t.pos;
        op->options.fields = fb->p + t.vt;
        op->options.table_bytes = (uint16_t)t.size;
        op->options.field_bytes = (uint16_t)t.vt_size;
    }
    return MOTE_OK;
}

/* custom_options: a byte vector inside the file, in the only format the
 * schema has (FLEXBUFFERS = 0). What the bytes hold is the operator's
 * business (src/format/flexbuf.c reads them, bounds-checked). */
static mote_status decode_custom_options(const mote_fb *fb, const mote_fb_table *ot,
                                         mote_graph_op *op)
{
    mote_fb_vec v;
    uint8_t format = 0;
    mote_status s = mote_fb_vector(fb, ot, MOTE_TFL_OP_CUSTOM_OPTIONS, 1, "custom_options", &v);
    if (s == MOTE_OK)
        s = mote_fb_get_u8(fb, ot, MOTE_TFL_OP_CUSTOM_FORMAT, "custom_options_format", &format);
    if (s != MOTE_OK) return s;
    if (format != 0)
        return MOTE_FB_FAIL(fb, MOTE_E_ENUM, ot->pos,
                            "custom_options_format %u is not in the schema (0: FLEXBUFFERS)",
                            format);
    if (v.len != 0) {
        op->custom_options = fb->p + v.data;
        op->custom_options_len = v.len;
    }
    return MOTE_OK;
}

/* OperatorCode: code = max(builtin_code, deprecated_builtin_code), since
 * older writers set only the byte and newer ones put 127 (the placeholder)
 * in the byte for codes above it. */
static mote_status decode_opcode(const mote_graph *g, const mote_fb *fb, mote_graph_op *op)
{
    mote_fb_vec codes, custom;
    mote_fb_table ct;
    int8_t dep = 0;
    int32_t builtin = 0;
    mote_status s;
    codes.data = g->where[MOTE_TFL_AT_OPCODES];
    codes.len = g->where[MOTE_TFL_AT_N_OPCODES];
    s = mote_fb_vec_table(fb, &codes, op->opcode_index, "operator code", &ct);
    if (s == MOTE_OK)
        s = mote_fb_get_i8(fb, &ct, MOTE_TFL_OPCODE_DEPRECATED, "deprecated_builtin_code", &dep);
    if (s == MOTE_OK)
        s = mote_fb_get_32(fb, &ct, MOTE_TFL_OPCODE_BUILTIN, "builtin_code", &builtin);
    if (s == MOTE_OK) s = mote_fb_get_32(fb, &ct, MOTE_TFL_OPCODE_VERSION, "version", &op->version);
    if (s == MOTE_OK) s = mote_fb_string(fb, &ct, MOTE_TFL_OPCODE_CUSTOM, "custom_code", &custom);
    if (s != MOTE_OK) {
        return s;
    }
    if (dep < 0 || builtin < 0 || builtin > MOTE_FORMAT_OP_LAST) {
        return MOTE_FB_FAIL(fb, MOTE_E_ENUM, ct.pos,
                            "operator code %u: builtin_code %d, deprecated_builtin_code %d: "
                            "not an operator of the schema (0..%d)",
                            op->opcode_index, builtin, dep, MOTE_FORMAT_OP_LAST);
    }
    op->code = dep > builtin ? dep : builtin;
    if (custom.len != 0) {
        op->custom = (const char *)(fb->p + custom.data);
        op->custom_len = custom.len;
    }
    return MOTE_OK;
}

/* inputs / outputs: indices of tensors; -1 marks an omitted optional input. */
static mote_status decode_indices(const mote_graph *g, const mote_fb *fb, const mote_fb_table *ot,
                                  uint32_t id, const char *what, int32_t lowest, uint32_t *n,
                                  const uint8_t **le)
{
    mote_fb_vec v;
    uint32_t k;
    mote_status s = mote_fb_vector(fb, ot, id, 4, what, &v);
    if (s != MOTE_OK) {
        return s;
    }
    for (k = 0; fb->verify && k < v.len; k++) {
        int32_t x = mote_fb_i32(fb->p + v.data + 4u * k);
        if (x < lowest || (x >= 0 && (uint32_t)x >= g->n_tensors)) {
            return MOTE_FB_FAIL(fb, MOTE_E_INDEX, v.data + 4u * k,
                                "%s index %d out of range (model has %u tensors)", what, x,
                                g->n_tensors);
        }
    }
    *n = v.len;
    *le = v.len != 0 ? fb->p + v.data : NULL;
    return MOTE_OK;
}

mote_status mote_tflite_op(const mote_graph *g, uint32_t i, mote_graph_op *op, mote_error *err,
                           int verify)
{
    mote_fb fb;
    mote_fb_vec ops;
    mote_fb_table ot;
    mote_status s;
    if (g == NULL || op == NULL || i >= g->n_ops) {
        return MOTE_FAIL(err, MOTE_E_ARG, -1, -1, 0,
                         "operator index %u out of range (%u operators)", i,
                         g != NULL ? g->n_ops : 0u);
    }
    memset(op, 0, sizeof *op);
    op->version = 1;
    mote_tflite_fb(g, err, (int32_t)i, -1, &fb);
    fb.verify = verify;
    ops.data = g->where[MOTE_TFL_AT_OPERATORS];
    ops.len = g->n_ops;
    s = mote_fb_vec_table(&fb, &ops, i, "operator", &ot);
    if (s == MOTE_OK) {
        s = mote_fb_get_32(&fb, &ot, MOTE_TFL_OP_OPCODE_INDEX, "opcode_index", &op->opcode_index);
    }
    if (s == MOTE_OK && op->opcode_index >= g->where[MOTE_TFL_AT_N_OPCODES]) {
        return MOTE_FB_FAIL(&fb, MOTE_E_INDEX, ot.pos,
                            "opcode index %u out of range (model has %u operator codes)",
                            op->opcode_index, g->where[MOTE_TFL_AT_N_OPCODES]);
    }
    if (s == MOTE_OK) s = decode_opcode(g, &fb, op);
    if (s == MOTE_OK) {
        s = decode_indices(g, &fb, &ot, MOTE_TFL_OP_INPUTS, "input", -1, &op->n_inputs,
                           &op->inputs_le);
    }
    if (s == MOTE_OK) {
        s = decode_indices(g, &fb, &ot, MOTE_TFL_OP_OUTPUTS, "output", 0, &op->n_outputs,
                           &op->outputs_le);
    }
    if (s == MOTE_OK) s = decode_options(&fb, &ot, op);
    if (s == MOTE_OK) s = decode_custom_options(&fb, &ot, op);
    return s;
}
