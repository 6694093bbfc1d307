/*
 * ref_rows.h — CONV_2D / DEPTHWISE_CONV_2D int8 in place, row by row.
 *
 * When the planner gives a windowed step's output the buffer of its input
 * (MOTE_OPF_INPLACE_ROWS, core/plan.c: batch 1, the same rows (width and
 * channels), no more of them, stride 1 along rows or a single output row),
 * the reference row is called with in[0] == out[0]. It then computes one
 * output row at a time, with the kernel's own loop (so the bytes are those
 * of the whole-tensor call), into a ring of R rows in its scratch
 * (R = mote_inplace_ring_rows), and after computing row y copies row
 * y - (R - 1) back over input row y - (R - 1): no later output row reads
 * input rows above y + 1 - pad_h, and R - 1 = pad_h (or R = output rows:
 * every row is done). The input rows a call reads are never overwritten
 * yet.
 */
#ifndef MOTE_KERNELS_REF_ROWS_H
#define MOTE_KERNELS_REF_ROWS_H

#include <stddef.h>
#include <string.h>
#include "mote/kernels.h"
#include "kernels/kernel_table.h"

typedef mote_status (*mote_ref_conv_s8_fn)(const mote_conv_s8_params *p, const mote_requant *q,
                                           int32_t q_step, const mote_dims *input_dims,
                                           const int8_t *input, const mote_dims *filter_dims,
                                           const int8_t *filter, const int32_t *bias,
                                           const mote_dims *output_dims, int8_t *output);

static inline mote_status mote_ref_conv_s8_rows(mote_ref_conv_s8_fn fn, const mote_conv_s8_step *s,
                                                const mote_requant *q, int32_t q_step,
                                                const mote_kernel_io *io)
{
    const mote_dims *id = &s->in;
    int8_t *buf = (int8_t *)io->out[0], *ring = (int8_t *)io->scratch;
    mote_conv_s8_params p = s->p;
    mote_dims od = s->out;
    int32_t rows, d, y;
    size_t row;

    if (buf == NULL || ring == NULL || id->n != 1 || od.n != 1 || od.h > id->h || od.h < 1 ||
        od.w != id->w || od.c != id->c || id->w < 1 || id->c < 1 ||
        (s->p.geom.stride_h != 1 && od.h != 1))
        return MOTE_E_ARG;
    rows = mote_inplace_ring_rows(od.h, s->p.geom.pad_h);
    d = rows - 1;
    row = (size_t)id->w * (size_t)id->c;
    od.h = 1;
    for (y = 0; y < s->out.h; ++y) {
        mote_status st;
        p.geom.pad_h = s->p.geom.pad_h - y * s->p.geom.stride_h;
        st = fn(&p, q, q_step, id, buf, &s->filter, (const int8_t *)io->in[1],
                (const int32_t *)io->in[2], &od, ring + (size_t)(y % rows) * row);
        if (st != MOTE_OK) return st;
        if (y >= d) memcpy(buf + (size_t)(y - d) * row, ring + (size_t)((y - d) % rows) * row, row);
    }
    for (y = s->out.h - d; y < s->out.h; ++y)
        memcpy(buf + (size_t)y * row, ring + (size_t)(y % rows) * row, row);
    return MOTE_OK;
}

#endif /* MOTE_KERNELS_REF_ROWS_H */
