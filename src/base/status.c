/* status.c — one sentence per status (include/mote/status.h). */
#include "mote/status.h"

const char *mote_status_str(mote_status s)
{
#ifdef MOTE_NO_STRINGS
    (void)s;
    return "";
#else
    switch (s) {
    case MOTE_OK: return "success";
    case MOTE_E_ARG: return "invalid argument (NULL pointer, bad index or misaligned arena)";
    case MOTE_E_TRUNCATED: return "model file is truncated";
    case MOTE_E_IDENTIFIER: return "not a TFLite model";
    case MOTE_E_OFFSET: return "an offset, vtable or vector in the model points outside the file";
    case MOTE_E_INDEX: return "an index into tensors, buffers or operator codes is out of range";
    case MOTE_E_ENUM: return "an enum field holds a value the schema does not define";
    case MOTE_E_UNSUPPORTED_OP: return "the model uses an operator mote does not implement";
    case MOTE_E_UNSUPPORTED_TYPE: return "the model uses a tensor type mote does not implement";
    case MOTE_E_SUBGRAPHS: return "the model does not have exactly one subgraph";
    case MOTE_E_DYNAMIC: return "the model has a dynamic shape";
    case MOTE_E_SHAPE: return "shapes are inconsistent with an operator or a buffer length";
    case MOTE_E_QUANT: return "quantization parameters are missing or invalid";
    case MOTE_E_OVERFLOW: return "a size computation would overflow";
    case MOTE_E_LIMIT: return "a compile-time limit (MOTE_MAX_*) is exceeded";
    case MOTE_E_GRAPH: return "the graph structure is invalid";
    case MOTE_E_ARENA_SMALL: return "the arena is too small for this model";
    case MOTE_E_PARAM: return "an operator parameter is out of range";
    case MOTE_E_STATE: return "call made in the wrong state";
    }
    return "unknown status";
#endif
}
