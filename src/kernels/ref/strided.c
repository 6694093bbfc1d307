/*
 * Strided copy on any element type (TRANSPOSE, SLICE, STRIDED_SLICE...):
 * the output is written in order, each element read at its input offset.
 */
#include <stddef.h>
#include <string.h>

#include "mote/kernels.h"

mote_status mote_ref_strided_step(const void *step, const mote_kernel_io *io)
{
    const mote_strided_step *s = (const mote_strided_step *)step;
    const int last = MOTE_MAX_RANK - 1;
    const uint8_t *in = (const uint8_t *)io->in[s->input];
    uint8_t *out = (uint8_t *)io->out[0];
    int32_t idx[MOTE_MAX_RANK] = {0};
    const ptrdiff_t es = (ptrdiff_t)s->esize;
    const int32_t n = s->dims[last];
    const ptrdiff_t step_bytes = (ptrdiff_t)s->strides[last] * es;
    ptrdiff_t base = (ptrdiff_t)s->offset; /* input element of the row's start */
    int k;
    if (in == NULL || out == NULL) return MOTE_E_ARG;
    for (;;) {
        const uint8_t *p = in + base * es;
        if (s->strides[last] == 1) {
            memcpy(out, p, (size_t)n * (size_t)es);
            out += (size_t)n * (size_t)es;
        } else {
            int32_t i;
            for (i = 0; i < n; i++) {
                memcpy(out, p, (size_t)es);
                out += es;
                p += step_bytes;
            }
        }
        for (k = last - 1; k >= 0; k--) {
            base += s->strides[k];
            if (++idx[k] < s->dims[k]) break;
            base -= (ptrdiff_t)s->strides[k] * s->dims[k];
            idx[k] = 0;
        }
        if (k < 0) return MOTE_OK;
    }
}
