/* names.c — element type sizes and names, operator names. With
 * MOTE_NO_STRINGS the names are left out (they only ever serve messages):
 * the two name functions return "" and no name text reaches the flash. */
#include "mote/graph.h"

#ifndef MOTE_NO_STRINGS
#define MOTE_FORMAT_OP_NAMES
#include "format/op_names.inc"
#endif

/* Indexed by TensorType. A size of 0 marks types without a fixed byte size
 * per element: strings, resources, variants and the packed sub-byte types
 * (INT4, INT2, UINT4 store two or four values per byte). */
static const uint8_t type_size[MOTE_TYPE_LAST + 1] = {
    4, 2, 4, 1, 8, 0, 1, 2, 8, 1, 8, 16, 8, 0, 0, 4, 2, 0, 2, 0, 0, 1, 1,
};

#ifndef MOTE_NO_STRINGS
static const char *const type_name[MOTE_TYPE_LAST + 1] = {
    "FLOAT32",  "FLOAT16",  "INT32",     "UINT8",         "INT64",       "STRING",
    "BOOL",     "INT16",    "COMPLEX64", "INT8",          "FLOAT64",     "COMPLEX128",
    "UINT64",   "RESOURCE", "VARIANT",   "UINT32",        "UINT16",      "INT4",
    "BFLOAT16", "INT2",     "UINT4",     "FLOAT8_E4M3FN", "FLOAT8_E5M2",
};
#endif

size_t mote_type_size(mote_type t)
{
    /* Unsigned compare: catches negative values too, and stays free of
     * always-false warnings where enums are short (arm-none-eabi). */
    unsigned v = (unsigned)t;
    if (v > MOTE_TYPE_LAST) {
        return 0;
    }
    return type_size[v];
}

const char *mote_type_name(int32_t t)
{
#ifdef MOTE_NO_STRINGS
    (void)t;
    return "";
#else
    if (t < 0 || t > MOTE_TYPE_LAST) {
        return "UNKNOWN";
    }
    return type_name[t];
#endif
}

const char *mote_op_name(int32_t code)
{
#ifdef MOTE_NO_STRINGS
    (void)code;
    return "";
#else
    if (code < 0 || code > MOTE_FORMAT_OP_LAST || mote_op_names[code] == 0) {
        return "UNKNOWN";
    }
    return mote_op_names[code];
#endif
}
