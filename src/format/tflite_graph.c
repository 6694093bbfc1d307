/* tflite_graph.c — the accessors of include/mote/graph.h. */
#include "format/tflite.h"

mote_status mote_graph_get_tensor(const mote_graph *g, uint32_t i, mote_graph_tensor *out)
{
    return mote_tflite_tensor(g, i, out, NULL, 0);
}

mote_status mote_graph_get_op(const mote_graph *g, uint32_t i, mote_graph_op *out)
{
    if (g != NULL && g->order != NULL && i < g->n_ops)
        return mote_tflite_op(g, (uint32_t)g->order[i], out, NULL, 0);
    return mote_tflite_op(g, i, out, NULL, 0);
}

/* The index lists were range-checked by the reader; a bad k (caller bug)
 * gives -1, the schema's "no tensor", rather than a read past the list. */
static int32_t index_at(const uint8_t *le, uint32_t n, uint32_t k)
{
    if (le == NULL || k >= n) {
        return -1;
    }
    return mote_fb_i32(le + 4u * k);
}

int32_t mote_graph_op_input(const mote_graph_op *op, uint32_t k)
{
    return op != NULL ? index_at(op->inputs_le, op->n_inputs, k) : -1;
}

int32_t mote_graph_op_output(const mote_graph_op *op, uint32_t k)
{
    return op != NULL ? index_at(op->outputs_le, op->n_outputs, k) : -1;
}

const char *mote_graph_op_custom_code(const mote_graph_op *op, uint32_t *len)
{
    if (len != NULL) *len = op != NULL ? op->custom_len : 0u;
    return op != NULL ? op->custom : NULL;
}

const uint8_t *mote_graph_op_custom_options(const mote_graph_op *op, uint32_t *len)
{
    if (len != NULL) *len = op != NULL ? op->custom_options_len : 0u;
    return op != NULL ? op->custom_options : NULL;
}

int32_t mote_graph_input(const mote_graph *g, uint32_t k)
{
    if (g == NULL || g->base == NULL) {
        return -1;
    }
    return index_at(g->base + g->where[MOTE_TFL_AT_INPUTS], g->n_inputs, k);
}

int32_t mote_graph_output(const mote_graph *g, uint32_t k)
{
    if (g == NULL || g->base == NULL) {
        return -1;
    }
    return index_at(g->base + g->where[MOTE_TFL_AT_OUTPUTS], g->n_outputs, k);
}

float mote_graph_tensor_scale(const mote_graph_tensor *t, uint32_t k)
{
    if (t == NULL || t->scale_le == NULL || k >= t->n_quant) {
        return 0.0f;
    }
    return mote_fb_f32(t->scale_le + 4u * k);
}

/* One zero point stands for every channel; none means 0. */
int64_t mote_graph_tensor_zero_point(const mote_graph_tensor *t, uint32_t k)
{
    if (t == NULL || t->zero_point_le == NULL) {
        return 0;
    }
    if (t->n_zero_points == 1) {
        k = 0;
    }
    if (k >= t->n_zero_points) {
        return 0;
    }
    return mote_fb_i64(t->zero_point_le + 8u * k);
}

/* Field `field` of an options table: its bytes, or NULL when the model
 * leaves it out. The reader verified the table and its field list; a field
 * that would reach past the table's bytes reads as absent. */
static const uint8_t *opt_field(const mote_graph_op *op, uint32_t field, uint32_t width)
{
    const mote_graph_options *o;
    uint32_t slot, at;
    if (op == NULL) {
        return NULL;
    }
    o = &op->options;
    slot = 4u + 2u * field;
    if (o->table == NULL || field > 0xFFFFu || slot + 2u > o->field_bytes) {
        return NULL;
    }
    at = mote_fb_u16(o->fields + slot);
    if (at == 0 || at + width > o->table_bytes) {
        return NULL;
    }
    return o->table + at;
}

int32_t mote_graph_opt_i32(const mote_graph_op *op, uint32_t field, int32_t def)
{
    const uint8_t *p = opt_field(op, field, 4);
    return p != NULL ? mote_fb_i32(p) : def;
}

int32_t mote_graph_opt_i8(const mote_graph_op *op, uint32_t field, int32_t def)
{
    const uint8_t *p = opt_field(op, field, 1);
    return p != NULL ? (int32_t)(int8_t)p[0] : def;
}

float mote_graph_opt_f32(const mote_graph_op *op, uint32_t field, float def)
{
    const uint8_t *p = opt_field(op, field, 4);
    return p != NULL ? mote_fb_f32(p) : def;
}

mote_status mote_graph_subgraph(const mote_graph *g, uint32_t k, mote_graph *sub)
{
    mote_graph copy;
    mote_status s;
    if (g == NULL || sub == NULL || g->base == NULL || k >= g->n_subgraphs) return MOTE_E_ARG;
    copy = *g;
    copy.order = NULL; /* the subgraph's own order */
    s = mote_tflite_subgraph(&copy, k, NULL, 0);
    if (s == MOTE_OK) *sub = copy;
    return s;
}

mote_status mote_graph_opt_string(const mote_graph *g, const mote_graph_op *op, uint32_t field,
                                  const char **text, uint32_t *len)
{
    mote_fb fb;
    mote_fb_table t;
    mote_fb_vec v = {0, 0};
    mote_status s;
    *text = NULL;
    *len = 0;
    if (g == NULL || op == NULL || g->base == NULL) return MOTE_E_ARG;
    if (op->options.table == NULL) return MOTE_OK;
    /* The options table was verified by the reader; the string it refers
     * to was not (the reader does not know which fields are strings). */
    mote_tflite_fb(g, NULL, -1, -1, &fb);
    t.pos = (uint32_t)(op->options.table - g->base);
    t.vt = (uint32_t)(op->options.fields - g->base);
    t.size = op->options.table_bytes;
    t.vt_size = op->options.field_bytes;
    s = mote_fb_string(&fb, &t, field, "option string", &v);
    if (s != MOTE_OK) return s;
    if (v.len != 0) {
        *text = (const char *)(g->base + v.data);
        *len = v.len;
    }
    return MOTE_OK;
}
