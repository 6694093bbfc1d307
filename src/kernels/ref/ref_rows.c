/*
 * ref_rows.c — running a reference CONV_2D / DEPTHWISE_CONV_2D int8 step,
 * in place row by row (the ring of ref_rows.h) or in one call.
 */
#include <stddef.h>
#include <string.h>
#include "kernels/ref/ref_rows.h"

/* Along one dimension: tap k (0 <= k < taps) reads position
 * origin + dilation * k; [*first, *end) are those with 0 <= position < size
 * (none when *end <= *first). */
static void tap_range(int32_t origin, int32_t dilation, int32_t taps, int32_t size, int32_t *first,
                      int32_t *end)
{
    int32_t k = 0, e = taps;
    while (k < taps && origin + dilation * k < 0)
        ++k;
    while (e > k && origin + dilation * (e - 1) >= size)
        --e;
    *first = k;
    *end = e;
}

void mote_ref_window_at(const mote_conv_geom *g, const mote_dims *in, int32_t fh, int32_t fw,
                        int32_t oy, int32_t ox, mote_ref_window *w)
{
    const int32_t y0 = oy * g->stride_h - g->pad_h, x0 = ox * g->stride_w - g->pad_w;
    int32_t ky0, ky1, kx0, kx1;

    tap_range(y0, g->dilation_h, fh, in->h, &ky0, &ky1);
    tap_range(x0, g->dilation_w, fw, in->w, &kx0, &kx1);
    w->rows = w->taps = w->in_first = w->f_first = 0;
    if (ky1 > ky0 && kx1 > kx0) {
        w->rows = ky1 - ky0;
        w->taps = kx1 - kx0;
        w->in_first = (y0 + g->dilation_h * ky0) * in->w + x0 + g->dilation_w * kx0;
        w->f_first = ky0 * fw + kx0;
    }
}

static mote_status rows_in_place(mote_ref_conv_s8_fn fn, const mote_conv_s8_step *s,
                                 const mote_requant *q, int32_t q_step, const mote_kernel_io *io)
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

mote_status mote_ref_conv_s8_run(mote_ref_conv_s8_fn fn, const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    /* channels is out.c (per channel) or 1 (per tensor: one requantization
     * entry for every channel, q_step 0); lowering stores nothing else. */
    const int32_t q_step = s->channels == 1 ? 0 : 1;
    if (s->channels != 1 && s->channels != s->out.c) return MOTE_E_ARG;
    /* In place: the planner gave the output the input's buffer. */
    if (io->in[0] != NULL && io->in[0] == io->out[0]) return rows_in_place(fn, s, &q, q_step, io);
    return fn(&s->p, &q, q_step, &s->in, io->in[0], &s->filter, io->in[1], io->in[2], &s->out,
              io->out[0]);
}
