/*
 * CONCATENATION / PACK and SPLIT / SPLIT_V / UNPACK on any element type:
 * interleave or de-interleave contiguous chunks.
 */
#include <string.h>

#include "mote/kernels.h"

mote_status mote_ref_concat_step(const void *step, const mote_kernel_io *io)
{
    const mote_concat_step *s = (const mote_concat_step *)step;
    uint8_t *out = (uint8_t *)io->out[0];
    uint32_t o, k;
    if (out == NULL) return MOTE_E_ARG;
    for (k = 0; k < s->n; k++)
        if (io->in[k] == NULL) return MOTE_E_ARG;
    for (o = 0; o < s->outer; o++) {
        for (k = 0; k < s->n; k++) {
            memcpy(out, (const uint8_t *)io->in[k] + (size_t)o * s->chunk[k], s->chunk[k]);
            out += s->chunk[k];
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_split_step(const void *step, const mote_kernel_io *io)
{
    const mote_split_step *s = (const mote_split_step *)step;
    const uint8_t *in = (const uint8_t *)io->in[s->input];
    uint32_t o, k;
    if (in == NULL) return MOTE_E_ARG;
    for (k = 0; k < s->n; k++)
        if (io->out[k] == NULL) return MOTE_E_ARG;
    for (o = 0; o < s->outer; o++) {
        for (k = 0; k < s->n; k++) {
            memcpy((uint8_t *)io->out[k] + (size_t)o * s->chunk[k], in, s->chunk[k]);
            in += s->chunk[k];
        }
    }
    return MOTE_OK;
}
