/* op_signal_util.c — shared by the Signal library operators (op_signal_util.h). */
#include "ops/op_signal_util.h"

mote_status mote_signal_options(mote_lower_ctx *c, mote_flexbuf_map *m)
{
    uint32_t len = 0;
    const uint8_t *p = mote_graph_op_custom_options(&c->op, &len);
    const char *why = "";
    mote_status s = mote_flexbuf_map_open(p, len, m, &why);
    if (s != MOTE_OK)
        return mote_lower_fail(c, s == MOTE_E_TRUNCATED && p == NULL ? MOTE_E_PARAM : s, -1,
                               "custom_options (%u bytes): %s", (unsigned)len, why);
    return MOTE_OK;
}

mote_status mote_signal_int(mote_lower_ctx *c, const mote_flexbuf_map *m, const char *key,
                            int64_t lo, int64_t hi, int32_t *out)
{
    int64_t v = 0;
    int found = 0;
    const char *why = "";
    mote_status s = mote_flexbuf_get_int(m, key, &v, &found, &why);
    if (s != MOTE_OK) return mote_lower_fail(c, s, -1, "custom_options '%s': %s", key, why);
    if (!found) return mote_lower_fail(c, MOTE_E_PARAM, -1, "custom_options lack '%s'", key);
    if (v < lo || v > hi)
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "custom option %s = %D is outside %D..%D", key,
                               (long long)v, (long long)lo, (long long)hi);
    *out = (int32_t)v;
    return MOTE_OK;
}

#define IO_WORD(output) ((output) ? "output" : "input")

mote_status mote_signal_tensor(mote_lower_ctx *c, int output, uint32_t k, mote_type type,
                               int32_t rank, mote_graph_tensor *t)
{
    int32_t idx = output ? mote_graph_op_output(&c->op, k) : mote_graph_op_input(&c->op, k);
    if (idx < 0 || mote_graph_get_tensor(c->g, (uint32_t)idx, t) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "%s %u is missing", IO_WORD(output),
                               (unsigned)k);
    if (t->type != type)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, idx, "%s %u is %s; expected %s",
                               IO_WORD(output), (unsigned)k, mote_type_name(t->type),
                               mote_type_name(type));
    if (rank >= 0 && t->rank != rank)
        return mote_lower_fail(c, MOTE_E_SHAPE, idx, "%s %u has rank %d; expected %d",
                               IO_WORD(output), (unsigned)k, (int)t->rank, (int)rank);
    if (output && t->data != NULL)
        return mote_lower_fail(c, MOTE_E_GRAPH, idx, "writes constant tensor %d", (int)idx);
    return MOTE_OK;
}

void *mote_signal_step(mote_lower_ctx *c, mote_kernel_id k, uint64_t tail, uint8_t **tail_out,
                       mote_status *s)
{
    /* The tail rides in the block's table area (5 bytes per entry). */
    uint64_t entries = (tail + 4u) / 5u;
    void *p;
    *tail_out = NULL;
    if (entries > 0x3FFFFFFFu) {
        *s = mote_lower_fail(c, MOTE_E_LIMIT, -1, "state of %U bytes is too large",
                             (unsigned long long)tail);
        return NULL;
    }
    p = mote_lower_step(c, k, (uint32_t)entries, s);
    if (p != NULL && c->mult != NULL) *tail_out = (uint8_t *)c->mult;
    return p;
}
