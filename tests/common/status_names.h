/* status_names.h — test-side names of every mote_status ("MOTE_E_SHAPE"),
 * so manifests can name the status a case expects. One table for all
 * C test programs, generated from include/mote/status.h at build time
 * (link tests/common/status_names.c, compile with -I$(STATUS_GEN_DIR) and
 * depend on $(STATUS_TABLE): mk/common.mk). Python tests parse the header
 * the same way: tests/common/status_names.py. */
#ifndef MOTE_TEST_STATUS_NAMES_H
#define MOTE_TEST_STATUS_NAMES_H

/* The enum name of status s, or "(unknown status)". */
const char *mote_test_status_name(int s);
/* The status called name, or -999 when no status has that name. */
int mote_test_status_value(const char *name);
/* How many statuses the enum has, and the k-th (0 <= k < count; -999
 * outside), in the header's order. */
int mote_test_status_count(void);
int mote_test_status_at(int k);

#endif
