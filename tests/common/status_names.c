/* status_names.c — see status_names.h. */
#include "status_names.h"

#include <string.h>

#include "mote/status.h"

#define NAME(s) {s, #s}
static const struct {
    int s;
    const char *name;
} names[] = {
    NAME(MOTE_OK),          NAME(MOTE_E_ARG),         NAME(MOTE_E_TRUNCATED),
    NAME(MOTE_E_IDENTIFIER), NAME(MOTE_E_OFFSET),     NAME(MOTE_E_INDEX),
    NAME(MOTE_E_ENUM),      NAME(MOTE_E_UNSUPPORTED_OP), NAME(MOTE_E_UNSUPPORTED_TYPE),
    NAME(MOTE_E_SUBGRAPHS), NAME(MOTE_E_DYNAMIC),     NAME(MOTE_E_SHAPE),
    NAME(MOTE_E_QUANT),     NAME(MOTE_E_OVERFLOW),    NAME(MOTE_E_LIMIT),
    NAME(MOTE_E_GRAPH),     NAME(MOTE_E_ARENA_SMALL), NAME(MOTE_E_PARAM),
    NAME(MOTE_E_STATE),
};

const char *mote_test_status_name(int s)
{
    size_t k;
    for (k = 0; k < sizeof names / sizeof names[0]; k++)
        if (names[k].s == s) return names[k].name;
    return "(unknown status)";
}

int mote_test_status_value(const char *name)
{
    size_t k;
    for (k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(names[k].name, name) == 0) return names[k].s;
    return -999;
}
