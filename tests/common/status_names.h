/* status_names.h — test-side names of every mote_status ("MOTE_E_SHAPE"),
 * so manifests can name the status a case expects. One table for all
 * C test programs. */
#ifndef MOTE_TEST_STATUS_NAMES_H
#define MOTE_TEST_STATUS_NAMES_H

/* The enum name of status s, or "(unknown status)". */
const char *mote_test_status_name(int s);
/* The status called name, or -999 when no status has that name. */
int mote_test_status_value(const char *name);

#endif
