/* tflite_op.c — decode and check one Operator table and its options. */
#include "format/tflite.h"
#include "core/error.h"
#include "format/op_names.inc"

/* Schema enums the decoded options use. */
#define PADDING_LAST 1        /* Padding: SAME, VALID */
#define ACTIVATION_LAST 5     /* ActivationFunctionType: NONE .. SIGN_BIT */
#define WEIGHTS_FORMAT_LAST 1 /* FullyConnectedOptionsWeightsFormat */

static mote_status check_enum(const mote_fb *fb, const mote_fb_table *t, int32_t v, int32_t last,
                              const char *what)
{
    (void)what; /* unused when MOTE_NO_STRINGS drops the messages */
    if (v < 0 || v > last) {
        return MOTE_FB_FAIL(fb, MOTE_E_ENUM, t->pos, "%s %d is not in the schema (0..%d)", what, v,
                            last);
    }
    return MOTE_OK;
}

/* Read byte-sized enum field id into *out (keeping the default if absent)
 * and check it against 0..last. */
static mote_status get_enum(const mote_fb *fb, const mote_fb_table *t, uint32_t id, int32_t last,
                            const char *what, int32_t *out)
{
    int8_t v = (int8_t)*out;
    mote_status s = mote_fb_get_i8(fb, t, id, what, &v);
    if (s != MOTE_OK) {
        return s;
    }
    *out = v;
    return check_enum(fb, t, v, last, what);
}

/* Conv2DOptions / DepthwiseConv2DOptions: same fields, depthwise has
 * depth_multiplier at id 3 and everything after it shifted by one. */
static mote_status decode_conv(const mote_fb *fb, const mote_fb_table *t, int depthwise,
                               mote_graph_conv_opts *c)
{
    uint32_t shift = depthwise ? 1u : 0u;
    mote_status s;
    c->dilation_w = 1;
    c->dilation_h = 1;
    s = get_enum(fb, t, 0, PADDING_LAST, "padding", &c->padding);
    if (s == MOTE_OK) s = mote_fb_get_32(fb, t, 1, "stride_w", &c->stride_w);
    if (s == MOTE_OK) s = mote_fb_get_32(fb, t, 2, "stride_h", &c->stride_h);
    if (s == MOTE_OK && depthwise) {
        s = mote_fb_get_32(fb, t, 3, "depth_multiplier", &c->depth_multiplier);
    }
    if (s == MOTE_OK) {
        s = get_enum(fb, t, 3 + shift, ACTIVATION_LAST, "fused activation", &c->activation);
    }
    if (s == MOTE_OK) s = mote_fb_get_32(fb, t, 4 + shift, "dilation_w_factor", &c->dilation_w);
    if (s == MOTE_OK) s = mote_fb_get_32(fb, t, 5 + shift, "dilation_h_factor", &c->dilation_h);
    return s;
}

static mote_status decode_pool(const mote_fb *fb, const mote_fb_table *t, mote_graph_pool_opts *p)
{
    mote_status s = get_enum(fb, t, 0, PADDING_LAST, "padding", &p->padding);
    if (s == MOTE_OK) s = mote_fb_get_32(fb, t, 1, "stride_w", &p->stride_w);
    if (s == MOTE_OK) s = mote_fb_get_32(fb, t, 2, "stride_h", &p->stride_h);
    if (s == MOTE_OK) s = mote_fb_get_32(fb, t, 3, "filter_width", &p->filter_w);
    if (s == MOTE_OK) s = mote_fb_get_32(fb, t, 4, "filter_height", &p->filter_h);
    if (s == MOTE_OK) s = get_enum(fb, t, 5, ACTIVATION_LAST, "fused activation", &p->activation);
    return s;
}

static mote_status decode_fc(const mote_fb *fb, const mote_fb_table *t, mote_graph_fc_opts *f)
{
    uint8_t keep = 0;
    mote_status s = get_enum(fb, t, 0, ACTIVATION_LAST, "fused activation", &f->activation);
    if (s == MOTE_OK) {
        s = get_enum(fb, t, 1, WEIGHTS_FORMAT_LAST, "weights_format", &f->weights_format);
    }
    if (s == MOTE_OK) s = mote_fb_get_u8(fb, t, 2, "keep_num_dims", &keep);
    f->keep_num_dims = keep != 0;
    return s;
}

/* The options union member each decoded operator must carry. */
static int32_t expected_options(int32_t code)
{
    switch (code) {
    case MOTE_OP_CONV_2D: return MOTE_TFL_OPTS_CONV2D;
    case MOTE_OP_DEPTHWISE_CONV_2D: return MOTE_TFL_OPTS_DEPTHWISE;
    case MOTE_OP_FULLY_CONNECTED: return MOTE_TFL_OPTS_FC;
    case MOTE_OP_AVERAGE_POOL_2D:
    case MOTE_OP_MAX_POOL_2D: return MOTE_TFL_OPTS_POOL2D;
    case MOTE_OP_ADD: return MOTE_TFL_OPTS_ADD;
    case MOTE_OP_SOFTMAX: return MOTE_TFL_OPTS_SOFTMAX;
    default: return -1;
    }
}

/* builtin_options: type in the union's range, table verified, and for the
 * operators mote decodes, of the right type and with sane enums. An absent
 * table (or type NONE) leaves every field at its schema default. */
static mote_status decode_options(const mote_fb *fb, const mote_fb_table *ot, mote_graph_op *op)
{
    mote_fb_table t;
    int present = 0;
    uint8_t type = 0;
    int32_t want = expected_options(op->code);
    mote_status s = mote_fb_get_u8(fb, ot, MOTE_TFL_OP_OPTIONS_TYPE, "builtin_options_type", &type);
    if (s != MOTE_OK) {
        return s;
    }
    op->options_type = type;
    if (type > MOTE_FORMAT_OPTIONS_LAST) {
        return MOTE_FB_FAIL(fb, MOTE_E_ENUM, ot->pos,
                            "builtin_options_type %u is not in the schema (0..%d)", type,
                            MOTE_FORMAT_OPTIONS_LAST);
    }
    if (type != 0 && want >= 0 && type != want) {
        return MOTE_FB_FAIL(fb, MOTE_E_PARAM, ot->pos, "%s carries options type %u, expected %d",
                            mote_op_name(op->code), type, want);
    }
    if (type != 0) {
        s = mote_fb_sub(fb, ot, MOTE_TFL_OP_OPTIONS, "builtin_options", &t, &present);
        if (s != MOTE_OK) {
            return s;
        }
    }
    if (op->code == MOTE_OP_CONV_2D || op->code == MOTE_OP_DEPTHWISE_CONV_2D) {
        op->opt.conv.dilation_w = 1;
        op->opt.conv.dilation_h = 1;
    }
    if (!present || want < 0) {
        return MOTE_OK;
    }
    switch (op->code) {
    case MOTE_OP_CONV_2D: return decode_conv(fb, &t, 0, &op->opt.conv);
    case MOTE_OP_DEPTHWISE_CONV_2D: return decode_conv(fb, &t, 1, &op->opt.conv);
    case MOTE_OP_FULLY_CONNECTED: return decode_fc(fb, &t, &op->opt.fc);
    case MOTE_OP_AVERAGE_POOL_2D:
    case MOTE_OP_MAX_POOL_2D: return decode_pool(fb, &t, &op->opt.pool);
    case MOTE_OP_ADD:
        return get_enum(fb, &t, 0, ACTIVATION_LAST, "fused activation", &op->opt.add.activation);
    default: /* MOTE_OP_SOFTMAX; beta defaults to 0 like the schema */
        return mote_fb_get_32(fb, &t, 0, "beta", &op->opt.softmax.beta);
    }
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
    codes.data = g->opcodes;
    codes.len = g->n_opcodes;
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
    for (k = 0; k < v.len; k++) {
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

mote_status mote_tflite_op(const mote_graph *g, uint32_t i, mote_graph_op *op, mote_error *err)
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
    ops.data = g->operators;
    ops.len = g->n_ops;
    s = mote_fb_vec_table(&fb, &ops, i, "operator", &ot);
    if (s == MOTE_OK) {
        s = mote_fb_get_32(&fb, &ot, MOTE_TFL_OP_OPCODE_INDEX, "opcode_index", &op->opcode_index);
    }
    if (s == MOTE_OK && op->opcode_index >= g->n_opcodes) {
        return MOTE_FB_FAIL(&fb, MOTE_E_INDEX, ot.pos,
                            "opcode index %u out of range (model has %u operator codes)",
                            op->opcode_index, g->n_opcodes);
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
    return s;
}
