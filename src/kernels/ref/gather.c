/*
 * GATHER, EMBEDDING_LOOKUP (plain and hybrid) and GATHER_ND: slices copied
 * from positions read at run time, each checked against its dimension
 * first (MOTE_E_PARAM, nothing read out of bounds).
 */
#include <stddef.h>
#include <string.h>

#include "mote/kernels.h"

static int64_t position(const void *idx, uint32_t esize, size_t i)
{
    if (esize == 8) return ((const int64_t *)idx)[i];
    return ((const int32_t *)idx)[i];
}

/* Row (b, o, j) of the gather: its source slice, or NULL for a bad position. */
static const int8_t *gather_row(const mote_gather_step *s, const int8_t *data, const void *idx,
                                int32_t b, int32_t o, int32_t j)
{
    const int64_t p = position(idx, s->idx_esize, (size_t)b * (size_t)s->coords + (size_t)j);
    size_t row;
    if (p < 0 || p >= s->axis) return NULL;
    row = ((size_t)b * (size_t)s->outer + (size_t)o) * (size_t)s->axis + (size_t)p;
    return data + row * (size_t)s->inner * s->esize;
}

mote_status mote_ref_gather_step(const void *step, const mote_kernel_io *io)
{
    const mote_gather_step *s = (const mote_gather_step *)step;
    const int8_t *data = (const int8_t *)io->in[s->data_input];
    const void *idx = io->in[s->index_input];
    uint8_t *out = (uint8_t *)io->out[0];
    const size_t bytes = (size_t)s->inner * s->esize;
    int32_t b, o, j;
    if (data == NULL || idx == NULL || out == NULL) return MOTE_E_ARG;
    for (b = 0; b < s->batch; b++)
        for (o = 0; o < s->outer; o++)
            for (j = 0; j < s->coords; j++) {
                const int8_t *src = gather_row(s, data, idx, b, o, j);
                if (src == NULL) return MOTE_E_PARAM;
                memcpy(out, src, bytes);
                out += bytes;
            }
    return MOTE_OK;
}

mote_status mote_ref_embedding_hybrid_step(const void *step, const mote_kernel_io *io)
{
    const mote_gather_step *s = (const mote_gather_step *)step;
    const int8_t *data = (const int8_t *)io->in[s->data_input];
    const void *idx = io->in[s->index_input];
    float *out = (float *)io->out[0];
    int32_t j, k;
    if (data == NULL || idx == NULL || out == NULL) return MOTE_E_ARG;
    for (j = 0; j < s->coords; j++) {
        const int8_t *src = gather_row(s, data, idx, 0, 0, j);
        if (src == NULL) return MOTE_E_PARAM;
        for (k = 0; k < s->inner; k++)
            *out++ = (float)src[k] * s->scale;
    }
    return MOTE_OK;
}

mote_status mote_ref_gather_nd_step(const void *step, const mote_kernel_io *io)
{
    const mote_gather_nd_step *s = (const mote_gather_nd_step *)step;
    const uint8_t *data = (const uint8_t *)io->in[0];
    const int32_t *idx = (const int32_t *)io->in[1];
    uint8_t *out = (uint8_t *)io->out[0];
    const size_t bytes = (size_t)s->slice * s->esize;
    int32_t i, k;
    if (data == NULL || idx == NULL || out == NULL || s->nd > MOTE_MAX_RANK) return MOTE_E_ARG;
    for (i = 0; i < s->n_slices; i++) {
        size_t from = 0;
        for (k = 0; k < s->nd; k++) {
            const int32_t v = idx[(size_t)i * (size_t)s->nd + (size_t)k];
            if (v < 0 || v >= s->dims[k]) return MOTE_E_PARAM;
            from += (size_t)v * (size_t)s->counts[k];
        }
        memcpy(out, data + from * s->esize, bytes);
        out += bytes;
    }
    return MOTE_OK;
}
