/* inspect_timeline.h — `mote inspect --timeline` and `--svg FILE`: the
 * arena over time, from the runtime's own plan (the data `--plan` prints). */
#ifndef MOTE_INSPECT_TIMELINE_H
#define MOTE_INSPECT_TIMELINE_H

#include "mote/mote.h"

/* Print the arena as a text chart: one row per operator (time), columns
 * are offsets in the activation area, each buffer live at that operator
 * drawn with its letter, kernel scratch as '#'; then the legend and the
 * peak. 0 on success, 1 on error (already reported). */
int inspect_print_timeline(const mote_model *m);

/* Draw the same as an SVG picture into path: time across, offset down,
 * one box per buffer over its lifetime, scratch boxes, the arena end and
 * the step with the most live bytes marked. 0 on success, 1 on error. */
int inspect_write_svg(const mote_model *m, const char *path);

#endif /* MOTE_INSPECT_TIMELINE_H */
