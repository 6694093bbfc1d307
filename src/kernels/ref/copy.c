/*
 * RESHAPE (and any other operator that only moves bytes): copy the input's
 * bytes to the output, or nothing when the planner put both in one buffer.
 */
#include <string.h>

#include "mote/kernels.h"

mote_status mote_ref_copy_step(const void *step, const mote_kernel_io *io)
{
    const mote_copy_step *s = (const mote_copy_step *)step;
    if (io->in[0] == NULL || io->out[0] == NULL) return MOTE_E_ARG;
    /* Input and output are both live during the step, so the planner never
     * overlaps them unless it made them one buffer. */
    if (io->out[0] != io->in[0]) memcpy(io->out[0], io->in[0], s->bytes);
    return MOTE_OK;
}
