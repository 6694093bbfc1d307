/*
 * lower.c — what every operator's lowering shares: the table lookup, the
 * operand and type rules of ops.def, and the kernel row choice. What one
 * operator checks is in its own file, src/ops/<op>.c.
 */
#include "core/lower.h"

#include <string.h>

#include "core/work.h"
#include "ops/op.h"
#include "ops/op_control.h"

#ifndef MOTE_NO_STRINGS
/* Decimal digits of v. */
static size_t digits_of(uint32_t v)
{
    size_t n = 1;
    while (v >= 10u) {
        v /= 10u;
        n++;
    }
    return n;
}
#endif

#ifdef MOTE_NO_STRINGS
/* No names to list: the first unsupported operator is the answer (the
 * error records its index, as the full message's first entry does). */
mote_status mote_lower_check_ops(const mote_graph *g, mote_error *err)
{
    uint32_t i;
    for (i = 0; i < g->n_ops; i++) {
        mote_graph_op op;
        if (mote_graph_get_op(g, i, &op) != MOTE_OK) return MOTE_E_ARG;
        if (mote_op_find_op(&op) == NULL)
            return mote_error_set(err, MOTE_E_UNSUPPORTED_OP, (int32_t)i, -1, 0, "");
    }
    return MOTE_OK;
}
#else
mote_status mote_lower_check_ops(const mote_graph *g, mote_error *err)
{
    uint32_t i, bad = 0, total = 0, pass;
    /* Each distinct unsupported code is named once: a small table of the
     * codes already named (the schema has fewer than 256 builtin codes).
     * The first pass counts them; the second names as many as fit the
     * detail text whole, keeping room for " and N more", so no name is cut
     * mid-word. */
    uint8_t named[32];
    /* " and 255 more": at most 256 distinct codes. */
    const size_t more_room = sizeof " and 255 more" - 1;
    for (pass = 0; pass < 2; pass++) {
        memset(named, 0, sizeof named);
        for (i = 0; i < g->n_ops; i++) {
            mote_graph_op op;
            uint32_t code;
            if (mote_graph_get_op(g, i, &op) != MOTE_OK) return MOTE_E_ARG;
            if (mote_op_find_op(&op) != NULL) continue;
            code = (uint32_t)op.code & 0xFFu;
            /* CUSTOM operators differ by name: each one is listed. */
            if (!mote_op_is_custom(&op) && (named[code / 8] & (1u << (code % 8)))) continue;
            named[code / 8] = (uint8_t)(named[code / 8] | (1u << (code % 8)));
            if (pass == 0) {
                total++;
                continue;
            }
            if (bad == 0) {
                mote_error_set(err, MOTE_E_UNSUPPORTED_OP, (int32_t)i, -1, 0,
                               "unsupported operator(s): %s (operator %u)", mote_op_label(&op),
                               (unsigned)i);
            } else {
                /* ", NAME (operator I)" and, unless it is the last, the
                 * room for " and N more" after it. */
                if (err != NULL) {
                    size_t used = strlen(err->text);
                    size_t need = 2 + strlen(mote_op_label(&op)) + sizeof " (operator )" - 1 +
                                  digits_of(i) + (bad + 1 < total ? more_room : 0);
                    if (used + need >= sizeof err->text) break;
                }
                mote_error_append(err, ", %s (operator %u)", mote_op_label(&op), (unsigned)i);
            }
            bad++;
        }
    }
    if (bad < total) mote_error_append(err, " and %u more", (unsigned)(total - bad));
    return total ? MOTE_E_UNSUPPORTED_OP : MOTE_OK;
}
#endif /* MOTE_NO_STRINGS */

static mote_status load_tensor(mote_lower_ctx *c, int32_t idx, mote_graph_tensor *t)
{
    if (mote_graph_get_tensor(c->g, (uint32_t)idx, t) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_INDEX, idx, "tensor %d is out of range", (int)idx);
    return MOTE_OK;
}

/* "INT8 and FLOAT32" for a type mask, into the error text. */
static mote_status fail_type(mote_lower_ctx *c, uint32_t types)
{
#ifdef MOTE_NO_STRINGS
    (void)types;
    return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[0], "");
#else
    int32_t t;
    int n = 0;
    mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[0], "input type %s is not supported (",
                    mote_type_name(c->in[0].type));
    for (t = 0; t < 32; t++) {
        if (!(types & (1u << t))) continue;
        if (n++ > 0) mote_error_append(c->err, " and ");
        mote_error_append(c->err, "%s", mote_type_name(t));
    }
    mote_error_append(c->err, n > 1 ? " are)" : " is)");
    return MOTE_E_UNSUPPORTED_TYPE;
#endif
}

/* A constant the reader marked unaligned (INT64 at 4 mod 8, as TensorFlow's
 * converter stores 16x8 biases) reaches only a kernel that loads it safely:
 * the operator's lowering sets its bit in c->unaligned_ok. Any other input
 * (at any position) is refused, naming it. Its own frame: not in
 * mote_lower_op_in's while that one reads the graph (loading's stack). */
static MOTE_NOINLINE mote_status check_unaligned(mote_lower_ctx *c)
{
    uint32_t k;
    for (k = 0; k < c->op.n_inputs; k++) {
        mote_graph_tensor *t = &c->in[k < MOTE_LOWER_INPUTS ? k : MOTE_LOWER_INPUTS - 1];
        const int32_t idx = mote_graph_op_input(&c->op, k);
        if (idx < 0 || (k < 32u && (c->unaligned_ok & (1u << k)))) continue;
        /* Inputs past the decoded ones are read into the last decoded
         * input's record, which the operator's lowering is done with (a
         * record in this frame would sit on loading's deepest path). */
        if (k >= MOTE_LOWER_INPUTS && mote_graph_get_tensor(c->g, (uint32_t)idx, t) != MOTE_OK)
            continue; /* out of range: refused by the operator's own checks */
        if (t->unaligned)
            return mote_lower_fail(c, MOTE_E_OFFSET, idx,
                                   "input %u (constant tensor %d, %s) is 4 but not 8-byte "
                                   "aligned in the file, and this operator's kernel loads it "
                                   "directly",
                                   (unsigned)k, (int)idx, mote_type_name(t->type));
    }
    return MOTE_OK;
}

/* Zero-size tensors (a 0 anywhere in the shape: batch 0, 0 channels, 0
 * rows...) are refused at load for every operator, naming the tensor, as
 * TFLite Micro's kernels effectively do (none of them has a path for an
 * empty operand). Checked here, once, for the output and every input;
 * only the new-shape input of an in-place operator (RESHAPE's input 1,
 * which is metadata: [0] is the shape of a scalar) may be empty. */
static mote_status check_not_empty(mote_lower_ctx *c, const mote_op_def *def)
{
    uint32_t k;
    for (k = 0; k < MOTE_LOWER_INPUTS; k++) {
        if (c->in_idx[k] < 0 || c->in[k].elements != 0) continue;
        if (k >= 1 && (def->flags & MOTE_OPF_ALIAS)) continue;
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[k],
                               "input %u (tensor %d) has no elements (a dimension is 0)",
                               (unsigned)k, (int)c->in_idx[k]);
    }
    if (c->out.elements == 0)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "output tensor %d has no elements (a dimension is 0)",
                               (int)c->out_idx);
    return MOTE_OK;
}

mote_status mote_lower_op(const mote_graph *g, uint32_t i, uint32_t isa, uint8_t *dest, size_t cap,
                          mote_lowered *out, mote_error *err)
{
    mote_lower_ctx c;
    return mote_lower_op_in(g, i, isa, dest, cap, out, err, &c);
}

mote_status mote_lower_op_in(const mote_graph *g, uint32_t i, uint32_t isa, uint8_t *dest,
                             size_t cap, mote_lowered *out, mote_error *err, mote_lower_ctx *c)
{
    const mote_op_def *def;
    const mote_kernel_row *row;
    mote_status s;
    uint32_t k;
    uint64_t bytes;

    memset(c, 0, sizeof *c);
    c->tables_at_run = (isa & MOTE_LOWER_TABLES_AT_RUN) != 0;
    isa &= ~MOTE_LOWER_TABLES_AT_RUN;
    c->g = g;
    c->index = i;
    c->err = err;
    c->kernel = -1;
    c->dest = dest;
    c->dest_cap = cap;
    out->row = -1;
    out->block_bytes = 0;
    out->table_bytes = 0;
    out->scratch_bytes = 0;
    out->table_at_run = 0;
    if (mote_graph_get_op(g, i, &c->op) != MOTE_OK)
        return mote_error_set(err, MOTE_E_ARG, (int32_t)i, -1, 0, "operator %u out of range",
                              (unsigned)i);
    def = mote_op_find_op(&c->op);
    if (def == NULL)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_OP, -1, "operator is not supported");
    if (c->op.options.type != 0 && c->op.options.type != def->options)
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "carries options type %d, expected %d",
                               (int)c->op.options.type, (int)def->options);
    if (def->flags & MOTE_OPF_CONTROL) {
        if ((s = def->lower(c)) != MOTE_OK) return s;
        out->row = (int32_t)MOTE_ROW_CONTROL;
        out->block_bytes = c->block_bytes;
        return MOTE_OK;
    }
    if (!(def->flags & MOTE_OPF_MULTI_OUT) && c->op.n_outputs != 1)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u outputs; expected 1",
                               (unsigned)c->op.n_outputs);
    if (c->op.n_outputs < 1 || c->op.n_outputs > MOTE_MAX_OP_OUTPUTS)
        return mote_lower_fail(c, MOTE_E_LIMIT, -1,
                               "has %u outputs; this build allows 1 to %d (MOTE_MAX_OP_OUTPUTS)",
                               (unsigned)c->op.n_outputs, MOTE_MAX_OP_OUTPUTS);
    if (c->op.n_inputs > MOTE_MAX_OP_INPUTS)
        return mote_lower_fail(c, MOTE_E_LIMIT, -1,
                               "has %u inputs; this build allows %d (MOTE_MAX_OP_INPUTS)",
                               (unsigned)c->op.n_inputs, MOTE_MAX_OP_INPUTS);
    for (k = 0; k < MOTE_LOWER_INPUTS; k++) {
        c->in_idx[k] = k < c->op.n_inputs ? mote_graph_op_input(&c->op, k) : -1;
        c->in[k].type = MOTE_TYPE_NONE;
        if (c->in_idx[k] >= 0 && (s = load_tensor(c, c->in_idx[k], &c->in[k])) != MOTE_OK) return s;
    }
    c->out_idx = mote_graph_op_output(&c->op, 0);
    if ((s = load_tensor(c, c->out_idx, &c->out)) != MOTE_OK) return s;
    if (c->out.data != NULL)
        return mote_lower_fail(c, MOTE_E_GRAPH, c->out_idx, "writes constant tensor %d",
                               (int)c->out_idx);
    if ((s = mote_lower_need_input(c, 0, -1)) != MOTE_OK) return s;
    if ((s = check_not_empty(c, def)) != MOTE_OK) return s;
    if ((unsigned)c->in[0].type >= 32 || !(def->types & (1u << c->in[0].type)))
        return fail_type(c, def->types);
    if (!(def->flags & MOTE_OPF_OUT_TYPE) && c->out.type != c->in[0].type)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->out_idx,
                               "output type %s differs from input type %s",
                               mote_type_name(c->out.type), mote_type_name(c->in[0].type));

    if ((s = def->lower(c)) != MOTE_OK) return s;
    if ((s = check_unaligned(c)) != MOTE_OK) return s;
    if (c->kernel < 0) return mote_lower_fail(c, MOTE_E_STATE, -1, "lowering chose no kernel");
    out->row = mote_kernel_pick((mote_kernel_id)c->kernel, isa, c->block);
    /* Every kernel has a ref row, so only an operator selection
     * (MOTE_OPSET, kernels/kernel_table.h) can leave a kernel without one,
     * or, selected per target, without a row for this step here. */
    if (out->row < 0 && !mote_kernel_has_rows((mote_kernel_id)c->kernel))
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_OP, -1,
                               "kernel %s was left out of this build (its operator selection, "
                               "mote_opset.h from `mote ops --for`, does not list it)",
                               mote_kernel_name((mote_kernel_id)c->kernel));
    if (out->row < 0)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_OP, -1,
                               "no row of kernel %s in this build runs this step on this core "
                               "(its operator selection, `mote ops --for ... --target`, was "
                               "made for another model or core)",
                               mote_kernel_name((mote_kernel_id)c->kernel));
    row = &mote_kernel_rows[out->row];
    if (dest != NULL && row->run == NULL)
        return mote_lower_fail(c, MOTE_E_STATE, -1,
                               "kernel %s variant %s is not compiled into this build",
                               mote_kernel_name((mote_kernel_id)c->kernel), row->variant);
    bytes = ((uint64_t)c->block_bytes + (uint64_t)c->channels * 5u + 3u) & ~(uint64_t)3u;
    if (bytes > UINT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, -1, "parameter block is larger than 4 GB");
    out->block_bytes = (uint32_t)bytes;
    out->table_bytes = (uint32_t)bytes - c->block_bytes;
    /* mote_lower_step stored the block alone; a block with no entries
     * after it (a per-tensor FULLY_CONNECTED keeps its one) has no table
     * to make. */
    if (c->tables_at_run && c->channels > 0) {
        out->block_bytes = c->block_bytes;
        out->table_at_run = 1;
    }
    out->scratch_bytes = mote_kernel_scratch(out->row, c->block);
    return MOTE_OK;
}
