/*
 * PAD / PADV2 on any element type: rows of the output (its last dimension)
 * are either all padding, or padding, a row of the input, padding.
 */
#include <string.h>

#include "mote/kernels.h"

static void fill(uint8_t *out, const uint8_t *value, uint32_t esize, int32_t count)
{
    int32_t i;
    for (i = 0; i < count; i++) {
        memcpy(out, value, esize);
        out += esize;
    }
}

mote_status mote_ref_pad_step(const void *step, const mote_kernel_io *io)
{
    const mote_pad_step *s = (const mote_pad_step *)step;
    const int last = MOTE_MAX_RANK - 1;
    const uint8_t *in = (const uint8_t *)io->in[0];
    const uint8_t *value = s->value;
    uint8_t *out = (uint8_t *)io->out[0];
    int32_t idx[MOTE_MAX_RANK] = {0};
    const size_t es = s->esize;
    const int32_t row = s->out_dims[last], left = s->before[last], width = s->in_dims[last];
    int k;
    if (in == NULL || out == NULL) return MOTE_E_ARG;
    if (s->value_input >= 0) {
        value = (const uint8_t *)io->in[s->value_input];
        if (value == NULL) return MOTE_E_ARG;
    }
    for (;;) {
        int inside = 1;
        for (k = 0; k < last; k++)
            if (idx[k] < s->before[k] || idx[k] >= s->before[k] + s->in_dims[k]) inside = 0;
        if (inside) {
            fill(out, value, s->esize, left);
            out += (size_t)left * es;
            memcpy(out, in, (size_t)width * es);
            in += (size_t)width * es;
            out += (size_t)width * es;
            fill(out, value, s->esize, row - left - width);
            out += (size_t)(row - left - width) * es;
        } else {
            fill(out, value, s->esize, row);
            out += (size_t)row * es;
        }
        for (k = last - 1; k >= 0; k--) {
            if (++idx[k] < s->out_dims[k]) break;
            idx[k] = 0;
        }
        if (k < 0) return MOTE_OK;
    }
}
