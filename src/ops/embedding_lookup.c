/*
 * EMBEDDING_LOOKUP: rows of input 1 (the table, float32 or int8) picked by
 * input 0 (int32 ids, rank 1); output [ids, table dims 1...]. An int8
 * table with a float32 output is TFLite Micro's hybrid case: each value
 * times the table's (per-tensor) scale. Ids are checked at run time: one
 * outside [0, rows) fails the invoke with MOTE_E_PARAM, as in TFLite Micro.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_embedding_lookup(mote_lower_ctx *c)
{
    const mote_graph_tensor *ids = &c->in[0], *tab = &c->in[1];
    int32_t want[MOTE_MAX_RANK], k;
    int hybrid;
    mote_gather_step *p;
    mote_status st;
    if (c->op.n_inputs != 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2",
                               (unsigned)c->op.n_inputs);
    if (ids->type != MOTE_INT32 || ids->rank != 1)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[0],
                               "ids must be a rank-1 INT32 tensor (type %s, rank %d)",
                               mote_type_name(ids->type), (int)ids->rank);
    if (tab->type != MOTE_FLOAT32 && tab->type != MOTE_INT8)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                               "table type %s is not supported (FLOAT32 and INT8 are)",
                               mote_type_name(tab->type));
    hybrid = tab->type == MOTE_INT8 && c->out.type == MOTE_FLOAT32;
    if (c->out.type != tab->type && !hybrid)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->out_idx,
                               "output type %s; the table's (%s) or FLOAT32 for an INT8 table",
                               mote_type_name(c->out.type), mote_type_name(tab->type));
    if (tab->rank < 2)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1], "table has rank %d; at least 2",
                               (int)tab->rank);
    want[0] = ids->dims[0];
    for (k = 1; k < tab->rank; k++)
        want[k] = tab->dims[k];
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, tab->rank, want)) != MOTE_OK) return st;
    if (tab->elements > INT32_MAX || c->out.elements > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "tensors above 2^31 elements");
    if (hybrid && tab->n_quant != 1)
        return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[1],
                               "an INT8 table needs one (per-tensor) scale; it has %u",
                               (unsigned)tab->n_quant);
    if ((p = mote_lower_step(c, hybrid ? MOTE_KID_EMBEDDING_HYBRID : MOTE_KID_GATHER, 0, &st)) ==
        NULL)
        return st;
    p->data_input = 1;
    p->index_input = 0;
    p->esize = mote_shape_esize(tab);
    p->idx_esize = 4;
    p->batch = 1;
    p->outer = 1;
    p->axis = tab->dims[0];
    p->coords = ids->dims[0];
    p->inner = (int32_t)mote_shape_inner(tab, 0);
    p->scale = hybrid ? mote_graph_tensor_scale(tab, 0) : 1.0f;
    return MOTE_OK;
}

uint64_t mote_macs_embedding_lookup(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
