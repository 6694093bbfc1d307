/*
 * registry.c — ops.def expanded into the runtime's operator list.
 *
 * With an operator selection (MOTE_OPSET, kernels/kernel_table.h) only the
 * selected rows reference their lowering. The others keep a row whose
 * lowering refuses the operator as left out of this build, so the error
 * says so instead of "not supported"; without message text
 * (MOTE_NO_STRINGS) they are dropped altogether: the refusal is the same
 * MOTE_E_UNSUPPORTED_OP.
 */
#include "ops/op.h"

#if defined(MOTE_OPSET) && !defined(MOTE_NO_STRINGS)
#define MOTE_SEL_STUB(name) MOTE_SEL_NOT(MOTE_SEL_OP(name))

static mote_status lower_left_out(mote_lower_ctx *c)
{
    return mote_lower_fail(c, MOTE_E_UNSUPPORTED_OP, -1,
                           "operator was left out of this build (its operator selection, "
                           "mote_opset.h from `mote ops --for`, does not list it)");
}
#else
#define MOTE_SEL_STUB(name) 0
#endif

#define OP_ROW(code, options, flags, types, lower, name)                                           \
    {code, options, flags, types, lower, (code) == MOTE_OP_CODE_CUSTOM ? (name) : NULL},

static const mote_op_def op_defs[] = {
#define MOTE_OP(name, code, options, file, flags, types, kernels, i8, f32)                         \
    MOTE_SEL_KEEP(MOTE_SEL_OP(name),                                                               \
                  OP_ROW(code, options, flags, types, mote_lower_##file, #name))                   \
    MOTE_SEL_KEEP(MOTE_SEL_STUB(name), OP_ROW(code, options, flags, types, lower_left_out, #name))
#include "ops/ops.def"
};

#define N_OPS (sizeof op_defs / sizeof op_defs[0])

const mote_op_def *mote_op_find(int32_t code)
{
    uint32_t k;
    if (code == MOTE_OP_CODE_CUSTOM) return NULL;
    for (k = 0; k < N_OPS; k++) {
        if (op_defs[k].code == code) return &op_defs[k];
    }
    return NULL;
}

int mote_op_is_custom(const mote_graph_op *op)
{
    return op != NULL && op->code == MOTE_OP_CODE_CUSTOM;
}

/* Is the C string z exactly the len bytes at name? (A loop, not strlen +
 * memcmp: the only use of either in a small firmware.) */
static int same_name(const char *z, const char *name, uint32_t len)
{
    uint32_t k;
    for (k = 0; k < len; k++)
        if (z[k] == '\0' || z[k] != name[k]) return 0;
    return z[len] == '\0';
}

int mote_op_matches(const mote_graph_op *op, int32_t code, const char *custom)
{
    uint32_t len = 0;
    const char *name;
    if (op == NULL || op->code != code) return 0;
    if (code != MOTE_OP_CODE_CUSTOM) return 1;
    name = mote_graph_op_custom_code(op, &len);
    return name != NULL && custom != NULL && same_name(custom, name, len);
}

const mote_op_def *mote_op_find_op(const mote_graph_op *op)
{
    uint32_t k;
    if (op == NULL) return NULL;
    if (op->code != MOTE_OP_CODE_CUSTOM) return mote_op_find(op->code);
    for (k = 0; k < N_OPS; k++) {
        if (op_defs[k].custom != NULL &&
            mote_op_matches(op, MOTE_OP_CODE_CUSTOM, op_defs[k].custom))
            return &op_defs[k];
    }
    return NULL;
}

const char *mote_op_label(const mote_graph_op *op)
{
#ifdef MOTE_NO_STRINGS
    /* Names only ever go into messages, and this build has none: no
     * reference to the name table (format/names.c), so the linker drops it. */
    (void)op;
    return "";
#else
    uint32_t len = 0, k;
    const char *name;
    if (op == NULL) return "UNKNOWN";
    name = mote_graph_op_custom_code(op, &len);
    if (op->code != MOTE_OP_CODE_CUSTOM || name == NULL || len > 48) return mote_op_name(op->code);
    for (k = 0; k < len; k++) {
        char ch = name[k];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '.' || ch == '-'))
            return mote_op_name(op->code);
    }
    return name;
#endif
}
