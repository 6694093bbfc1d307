/* steps.c — see steps.h. */
#include "core/steps.h"

#include <string.h>

#include "base/error.h"
#include "core/lower.h"
#include "core/step.h"
#include "core/work.h"
#include "kernels/kernel_table.h"

/* ctx: never NULL here (mote_steps_lower gives one), so that the block is
 * at hand after lowering, when counting too (in ctx->local). */
static mote_status lower_row(const mote_graph *g, uint32_t i, uint32_t isa,
                             const mote_plan_entry *plan, uint8_t *dest, size_t cap,
                             mote_lowered *low, mote_error *err, struct mote_lower_ctx *ctx)
{
    uint32_t ring, r;
    mote_status s;
    /* In place: the rows made for it may be picked (kernel_table.h). Its
     * records (lowering, which starts by clearing them, has not begun)
     * hold what the in-place check reads, not this frame. */
    ring = plan == NULL ? 0 : mote_plan_inplace_rows_in(g, plan, i, &ctx->op, &ctx->out);
    isa &= ~MOTE_ISA_ROW_INPLACE;
    if (ring != 0) isa |= MOTE_ISA_ROW_INPLACE;
    s = mote_lower_op_in(g, i, isa, dest, cap, low, err, ctx);
    /* Counting, before there is a plan: an operator selection made for
     * this core may hold only the in-place row of a step the plan will put
     * in place (the rows differ in nothing counted here). */
    if (s == MOTE_E_UNSUPPORTED_OP && plan == NULL && dest == NULL)
        s = mote_lower_op_in(g, i, isa | MOTE_ISA_ROW_INPLACE, dest, cap, low, err, ctx);
    if (s != MOTE_OK) return s;
    if (ring == 0) return MOTE_OK;
    /* In place, row by row: only the reference rows of these two kernels
     * do it (plan.h); the planner checked the shapes and types. */
    r = (uint32_t)low->row;
    if (low->row < 0 || r >= mote_kernel_row_count ||
        (mote_kernel_rows[r].kernel != MOTE_KID_CONV_2D_S8 &&
         mote_kernel_rows[r].kernel != MOTE_KID_DEPTHWISE_CONV_2D_S8))
        return mote_error_set(err, MOTE_E_STATE, (int32_t)i, -1, 0,
                              "operator %u: planned in place, lowered to another kernel",
                              (unsigned)i);
    /* The Arm rows of these two kernels run in place (the Helium rows and
     * the DSP rows marked in place; kernels/arm/arm_rows.h,
     * mote_arm_conv_rows), and so do the rows marked in place
     * (MOTE_ISA_ROW_INPLACE: the x86 ones), needing no scratch beyond the
     * ring: they keep the step. */
    if ((mote_kernel_rows[r].isa & (MOTE_ISA_ARM_DSP | MOTE_ISA_ARM_MVE | MOTE_ISA_ROW_INPLACE)) !=
            0 &&
        low->scratch_bytes == 0) {
        /* Such a row may take arena room free at the step anyway, and then
         * another row (mote_steps_room): decided here, from the plan, so
         * that whoever asks for the step's row (sessions, the operator
         * selection's tool, the compiler) gets the one it runs. (A step in
         * place is never a band chain's: plan_band.c.) */
        if (mote_kernel_room != NULL)
            mote_kernel_room(g, plan, NULL, i, ctx->out_idx, low, ctx->block);
        low->scratch_bytes = ring;
        return MOTE_OK;
    }
    for (r = 0; r < mote_kernel_row_count; r++) {
        const mote_kernel_row *row = &mote_kernel_rows[r];
        if (row->kernel == mote_kernel_rows[low->row].kernel && row->isa == 0 &&
            row->fits == NULL && row->scratch_bytes == NULL)
            break;
    }
    /* Only an operator selection made for another core can lack it. */
    if (r == mote_kernel_row_count)
        return mote_error_set(err, MOTE_E_UNSUPPORTED_OP, (int32_t)i, -1, 0,
                              "operator %u: no reference row to run in place in this build "
                              "(its operator selection was made for another model or core)",
                              (unsigned)i);
    low->row = (int32_t)r;
    low->scratch_bytes = ring;
    return MOTE_OK;
}

/* A step whose table is made at run time: the block and its table are
 * made in front of the kernel's own scratch (core/step.h). Its own frame,
 * off the lowering path. */
static MOTE_NOINLINE mote_status table_prefix(uint32_t i, mote_lowered *low, mote_error *err)
{
    const uint64_t bytes =
        (uint64_t)mote_steps_table_prefix(low->block_bytes, low->table_bytes) + low->scratch_bytes;
    if (bytes > UINT32_MAX)
        return mote_error_set(err, MOTE_E_LIMIT, (int32_t)i, -1, 0,
                              "operator %u: scratch needs more than 4 GB", (unsigned)i);
    low->scratch_bytes = (uint32_t)bytes;
    return MOTE_OK;
}

static MOTE_NOINLINE mote_status steps_lower_on_stack(const mote_graph *g, uint32_t i, uint32_t isa,
                                                      const mote_plan_entry *plan, uint8_t *dest,
                                                      size_t cap, mote_lowered *low,
                                                      mote_error *err);

mote_status mote_steps_lower(const mote_graph *g, uint32_t i, uint32_t isa,
                             const mote_plan_entry *plan, uint8_t *dest, size_t cap,
                             mote_lowered *low, mote_error *err, struct mote_lower_ctx *ctx)
{
    mote_status s;
    if (ctx == NULL) return steps_lower_on_stack(g, i, isa, plan, dest, cap, low, err);
    s = lower_row(g, i, isa, plan, dest, cap, low, err, ctx);
    if (s != MOTE_OK || !low->table_at_run) return s;
    return table_prefix(i, low, err);
}

/* mote_steps_lower with the lowering context in this frame (the caller
 * gave none), as mote_lower_op keeps its own. */
static MOTE_NOINLINE mote_status steps_lower_on_stack(const mote_graph *g, uint32_t i, uint32_t isa,
                                                      const mote_plan_entry *plan, uint8_t *dest,
                                                      size_t cap, mote_lowered *low,
                                                      mote_error *err)
{
    struct mote_lower_ctx c;
    return mote_steps_lower(g, i, isa, plan, dest, cap, low, err, &c);
}

/* Operands of operator i (inputs and outputs). */
static MOTE_NOINLINE uint32_t op_operands(const mote_graph *g, uint32_t i)
{
    mote_graph_op op;
    mote_graph_get_op(g, i, &op);
    return (uint32_t)op.n_inputs + op.n_outputs;
}

/* Count operator i's prefix and block into sz and, with state, write its
 * step record and prefix (scratch word, operand list) at `at`, its block
 * being right after. Its own frame: the decoded operator is not on the
 * stack while the next operator is lowered (loading's stack). */
static MOTE_NOINLINE void record_step(const mote_graph *g, uint32_t i, const mote_lowered *low,
                                      uint32_t scratch, uint64_t at, uint8_t *state,
                                      mote_step *steps, mote_steps_sizes *sz)
{
    mote_graph_op op;
    const int has_scratch = low->scratch_bytes != 0;
    uint32_t k, prefix;
    mote_graph_get_op(g, i, &op);
    prefix = mote_step_prefix_bytes((uint32_t)op.n_inputs + op.n_outputs, has_scratch);
    if (steps != NULL) {
        mote_step *st = &steps[i];
        int16_t *ops;
        uint32_t *word;
        st->row = (unsigned)low->row & 0x7FFFu;
        st->has_scratch = has_scratch ? 1u : 0u;
        st->n_in = (unsigned)op.n_inputs & 0xFFu;
        st->n_out = (unsigned)op.n_outputs & 0xFFu;
        st->params = (uint32_t)(at + prefix);
        memset(state + at, 0, prefix);
        if ((word = mote_step_scratch_word(state, st)) != NULL) *word = scratch;
        ops = mote_step_operands(state, st);
        for (k = 0; k < op.n_inputs; k++)
            ops[k] = (int16_t)mote_graph_op_input(&op, k);
        for (k = 0; k < op.n_outputs; k++)
            ops[op.n_inputs + k] = (int16_t)mote_graph_op_output(&op, k);
    }
    /* Counts stay far below 2^64: at most 2^15 operators, each with a
     * block below 2^32 and fewer than 2^32 operands. */
    sz->operands += (uint64_t)op.n_inputs + op.n_outputs;
    sz->prefix_bytes += prefix;
    sz->params_bytes += (uint64_t)prefix + low->block_bytes;
    if (!low->table_at_run)
        sz->table_bytes += low->table_bytes;
    else
        sz->run_tables++;
}

/* Where step i goes (after its operand list) and what room is left: its
 * own frame, off the lowering path (loading's stack). */
static MOTE_NOINLINE uint8_t *step_dest(const mote_graph *g, uint32_t i, const mote_layout *l,
                                        uint8_t *state, uint64_t cursor, size_t *cap)
{
    const uint32_t list = mote_step_list_bytes(op_operands(g, i));
    *cap = state != NULL && l->state_bytes >= cursor + list
               ? (size_t)(l->state_bytes - cursor - list)
               : 0;
    return state != NULL ? state + cursor + list : NULL;
}

/* Step i lowered into low: its scratch word and scratch placed, its record
 * written; *cursor moves past it. Its own frame, off the lowering path. */
static MOTE_NOINLINE mote_status finish_step(const mote_graph *g, uint32_t i,
                                             const mote_plan_entry *plan, const mote_lowered *low,
                                             uint8_t *dest, size_t cap, uint8_t *state,
                                             mote_step *steps, uint64_t *cursor,
                                             mote_steps_sizes *sz, mote_error *err)
{
    const uint32_t list = mote_step_list_bytes(op_operands(g, i));
    uint32_t scratch = MOTE_NO_SCRATCH;
    if (low->scratch_bytes != 0) {
        sz->scratch_steps++;
        if (dest != NULL) {
            if (cap < (size_t)low->block_bytes + 4u)
                return mote_error_set(err, MOTE_E_STATE, (int32_t)i, -1, 0,
                                      "operator %u: runtime state is smaller than planned",
                                      (unsigned)i);
            memmove(dest + 4, dest, low->block_bytes);
        }
        if (plan != NULL) {
            if (mote_plan_scratch(plan, g->n_tensors, i, low->scratch_bytes, &scratch) != MOTE_OK)
                return mote_error_set(err, MOTE_E_OVERFLOW, (int32_t)i, -1, 0,
                                      "operator %u: scratch needs more than 4 GB", (unsigned)i);
            if ((uint64_t)scratch + low->scratch_bytes > sz->scratch_end)
                sz->scratch_end = (uint64_t)scratch + low->scratch_bytes;
        }
    }
    record_step(g, i, low, scratch, *cursor, state, steps, sz);
    *cursor += (uint64_t)list + (low->scratch_bytes != 0 ? 4u : 0u) + low->block_bytes;
    return MOTE_OK;
}

/* Output 0 of operator i (-1: none): its own frame, not mote_steps_room's
 * (which lower_row calls: loading's stack). */
static MOTE_NOINLINE int32_t op_output0(const mote_graph *g, uint32_t i)
{
    mote_graph_op op;
    if (mote_graph_get_op(g, i, &op) != MOTE_OK) return -1;
    return mote_graph_op_output(&op, 0);
}

/* Step i's row takes arena room free at that step anyway (kernel_table.h):
 * its first choice k (1 .. 11) whose bytes fit there, placed as scratch is
 * (first fit among the buffers live then) and ending below the plan's
 * highest buffer, so that the arena never grows; its place, from output
 * 0's (out, or -1: read from the graph; its plan entry holds the place,
 * the input's in place), + 4 + k, goes into the block (dest, NULL when
 * counting). The plan alone decides, so the model's and the session's
 * steps agree (and the compiler's, which takes the session's blocks). Not
 * for a band chain's steps (their outputs are band buffers) nor a step
 * with scratch of its own (its block is not at dest; a table made at run
 * time is copied into that scratch). A step in place is asked from
 * lower_row, before it gets its ring (its rows that take room use none),
 * and with room takes the row that fits its step then (arm_dsp_pw_ip_room
 * for arm_dsp_pw_ip): so every user of mote_steps_lower sees that row.
 * Reached only through mote_kernel_room: a build without such a row links
 * none of it. */
void mote_steps_room(const mote_graph *g, const mote_plan_entry *plan, const mote_band *band,
                     uint32_t i, int32_t out, mote_lowered *low, uint8_t *dest)
{
    uint64_t peak = 0;
    uint32_t bytes = 0, off, j;
    int32_t k, *slot;
    if (dest == NULL || plan == NULL || low->scratch_bytes != 0 || low->table_at_run ||
        (band != NULL && band->first >= 0 && (int32_t)i >= band->first && (int32_t)i <= band->last))
        return;
    if (out < 0) out = op_output0(g, i);
    if (out < 0 || (uint32_t)out >= g->n_tensors || !plan[out].used) return;
    for (j = 0; j < g->n_tensors; j++)
        if (plan[j].used && plan[j].alias < 0 && (uint64_t)plan[j].offset + plan[j].size > peak)
            peak = (uint64_t)plan[j].offset + plan[j].size;
    for (k = 1; k <= 11; k++) {
        int64_t delta;
        if ((slot = mote_kernel_room_slot(low->row, dest, k, &bytes)) == NULL || bytes == 0) return;
        if (mote_plan_scratch(plan, g->n_tensors, i, bytes, &off) != MOTE_OK ||
            (uint64_t)off + bytes > peak)
            continue;
        delta = (int64_t)off - (int64_t)plan[out].offset;
        if (delta % 16 != 0 || delta < INT32_MIN + 16 || delta > INT32_MAX - 16) return;
        *slot = (int32_t)delta + 4 + k;
        if (plan[out].alias >= 0) {
            /* (with the in-place rows: a build may have picked an out-of-place
             * row that runs in place too when the in-place one is left out) */
            const int32_t r =
                mote_kernel_pick((mote_kernel_id)mote_kernel_rows[low->row].kernel,
                                 mote_kernel_rows[low->row].isa | MOTE_ISA_ROW_INPLACE, dest);
            if (r >= 0) low->row = r;
        }
        return;
    }
}

mote_status mote_steps_build(const mote_graph *g, uint32_t isa, const mote_plan_entry *plan,
                             const mote_band *band, const mote_layout *l, uint8_t *state,
                             mote_steps_sizes *sz, mote_error *err, struct mote_lower_ctx *ctx)
{
    mote_step *steps = NULL;
    uint64_t cursor = 0;
    uint32_t i;
    mote_status s;

    memset(sz, 0, sizeof *sz);
    if (state != NULL) {
        if (plan == NULL || l == NULL) return MOTE_E_ARG;
        steps = (mote_step *)(void *)(state + l->steps);
        cursor = l->params;
    }
    for (i = 0; i < g->n_ops; i++) {
        mote_lowered low;
        size_t cap;
        /* The block goes after the operand list; a step that turns out to
         * have scratch moves it 4 bytes on, for its scratch word (the
         * layout counted that word: the counting pass saw the scratch). */
        uint8_t *dest = step_dest(g, i, l, state, cursor, &cap);
        if ((s = mote_steps_lower(g, i, mote_steps_isa(isa, band, i), plan, dest, cap, &low, err,
                                  ctx)) != MOTE_OK ||
            (s = finish_step(g, i, plan, &low, dest, cap, state, steps, &cursor, sz, err)) !=
                MOTE_OK)
            return s;
        if (mote_kernel_room != NULL) mote_kernel_room(g, plan, band, i, -1, &low, dest);
    }
    return MOTE_OK;
}
