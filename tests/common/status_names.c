/* status_names.c — see status_names.h. */
#include "status_names.h"

#include <string.h>

#include "mote/status.h"

/* Every member of enum mote_status, generated from include/mote/status.h
 * at build time (tests/common/gen_status_table.sh, rule in mk/common.mk):
 * the header is the one list of names. */
#define NAME(s) {s, #s}
static const struct {
    int s;
    const char *name;
} names[] = {
#include "status_table.h"
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

int mote_test_status_count(void)
{
    return (int)(sizeof names / sizeof names[0]);
}

int mote_test_status_at(int k)
{
    return k >= 0 && k < mote_test_status_count() ? names[k].s : -999;
}
