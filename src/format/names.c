/* names.c — element type sizes and names, operator names. */
#include "mote/graph.h"

#define MOTE_FORMAT_OP_NAMES
#include "format/op_names.inc"

/* Indexed by TensorType. A size of 0 marks types without a fixed byte size
 * per element: strings, resources, variants and the packed sub-byte types
 * (INT4, INT2, UINT4 store two or four values per byte). */
static const struct {
    const char *name;
    uint8_t size;
} type_info[MOTE_TYPE_LAST + 1] = {
    {"FLOAT32", 4}, {"FLOAT16", 2},       {"INT32", 4},       {"UINT8", 1},     {"INT64", 8},
    {"STRING", 0},  {"BOOL", 1},          {"INT16", 2},       {"COMPLEX64", 8}, {"INT8", 1},
    {"FLOAT64", 8}, {"COMPLEX128", 16},   {"UINT64", 8},      {"RESOURCE", 0},  {"VARIANT", 0},
    {"UINT32", 4},  {"UINT16", 2},        {"INT4", 0},        {"BFLOAT16", 2},  {"INT2", 0},
    {"UINT4", 0},   {"FLOAT8_E4M3FN", 1}, {"FLOAT8_E5M2", 1},
};

size_t mote_type_size(mote_type t)
{
    /* Unsigned compare: catches negative values too, and stays free of
     * always-false warnings where enums are short (arm-none-eabi). */
    unsigned v = (unsigned)t;
    if (v > MOTE_TYPE_LAST) {
        return 0;
    }
    return type_info[v].size;
}

const char *mote_type_name(int32_t t)
{
    if (t < 0 || t > MOTE_TYPE_LAST) {
        return "UNKNOWN";
    }
    return type_info[t].name;
}

const char *mote_op_name(int32_t code)
{
    if (code < 0 || code > MOTE_FORMAT_OP_LAST || mote_op_names[code] == 0) {
        return "UNKNOWN";
    }
    return mote_op_names[code];
}
