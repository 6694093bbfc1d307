/*
 * SELECT_V2, DYNAMIC_UPDATE_SLICE, MIRROR_PAD and SPACE_TO_BATCH_ND /
 * BATCH_TO_SPACE_ND: elements moved by computed positions.
 */
#include <stddef.h>
#include <string.h>

#include "mote/kernels.h"

#define R MOTE_MAX_RANK

mote_status mote_ref_select_step(const void *step, const mote_kernel_io *io)
{
    const mote_select_step *s = (const mote_select_step *)step;
    const uint8_t *c = (const uint8_t *)io->in[0];
    const uint8_t *x = (const uint8_t *)io->in[1], *y = (const uint8_t *)io->in[2];
    uint8_t *out = (uint8_t *)io->out[0];
    int32_t idx[R] = {0};
    ptrdiff_t oc = 0, ox = 0, oy = 0;
    const size_t es = s->esize;
    int k;
    if (c == NULL || x == NULL || y == NULL || out == NULL) return MOTE_E_ARG;
    for (;;) {
        memcpy(out, c[oc] ? x + (size_t)ox * es : y + (size_t)oy * es, es);
        out += es;
        for (k = R - 1; k >= 0; k--) {
            oc += s->sc[k];
            ox += s->sx[k];
            oy += s->sy[k];
            if (++idx[k] < s->shape[k]) break;
            oc -= (ptrdiff_t)s->sc[k] * s->shape[k];
            ox -= (ptrdiff_t)s->sx[k] * s->shape[k];
            oy -= (ptrdiff_t)s->sy[k] * s->shape[k];
            idx[k] = 0;
        }
        if (k < 0) return MOTE_OK;
    }
}

mote_status mote_ref_dus_step(const void *step, const mote_kernel_io *io)
{
    const mote_dus_step *s = (const mote_dus_step *)step;
    const uint8_t *upd = (const uint8_t *)io->in[1];
    const void *start = io->in[2];
    uint8_t *out = (uint8_t *)io->out[0];
    size_t stride[R], total = 1, base = 0;
    int32_t idx[R] = {0};
    const size_t es = s->esize, row = (size_t)s->upd[R - 1] * es;
    int k;
    if (io->in[0] == NULL || upd == NULL || start == NULL || out == NULL || s->rank > R)
        return MOTE_E_ARG;
    for (k = R - 1; k >= 0; k--) {
        stride[k] = total;
        total *= (size_t)s->dims[k];
    }
    if (io->in[0] != (const void *)out) memcpy(out, io->in[0], total * es);
    for (k = 0; k < s->rank; k++) {
        const int d = R - s->rank + k;
        int64_t v = s->idx_esize == 8 ? ((const int64_t *)start)[k] : ((const int32_t *)start)[k];
        const int64_t hi = (int64_t)s->dims[d] - s->upd[d];
        v = v < 0 ? 0 : v > hi ? hi : v;
        base += (size_t)v * stride[d];
    }
    for (;;) {
        size_t at = base;
        for (k = 0; k < R - 1; k++)
            at += (size_t)idx[k] * stride[k];
        memcpy(out + at * es, upd, row);
        upd += row;
        for (k = R - 2; k >= 0; k--) {
            if (++idx[k] < s->upd[k]) break;
            idx[k] = 0;
        }
        if (k < 0) return MOTE_OK;
    }
}

/* Input position of output coordinate o along a dimension of n elements. */
static int32_t mirror(int32_t o, int32_t before, int32_t n, int32_t offset)
{
    int32_t i = o - before;
    if (i < 0) return -i - 1 + offset;
    if (i >= n) return 2 * n - 1 - offset - i;
    return i;
}

mote_status mote_ref_mirror_pad_step(const void *step, const mote_kernel_io *io)
{
    const mote_mirror_pad_step *s = (const mote_mirror_pad_step *)step;
    const uint8_t *in = (const uint8_t *)io->in[0];
    uint8_t *out = (uint8_t *)io->out[0];
    int32_t idx[R] = {0};
    size_t stride[R], total = 1;
    const size_t es = s->esize;
    int k;
    if (in == NULL || out == NULL) return MOTE_E_ARG;
    for (k = R - 1; k >= 0; k--) {
        stride[k] = total;
        total *= (size_t)s->in_dims[k];
    }
    for (;;) {
        size_t at = 0;
        for (k = 0; k < R; k++)
            at += (size_t)mirror(idx[k], s->before[k], s->in_dims[k], s->offset) * stride[k];
        memcpy(out, in + at * es, es);
        out += es;
        for (k = R - 1; k >= 0; k--) {
            if (++idx[k] < s->out_dims[k]) break;
            idx[k] = 0;
        }
        if (k < 0) return MOTE_OK;
    }
}

mote_status mote_ref_space_batch_step(const void *step, const mote_kernel_io *io)
{
    const mote_space_batch_step *s = (const mote_space_batch_step *)step;
    const uint8_t *in = (const uint8_t *)io->in[0];
    uint8_t *out = (uint8_t *)io->out[0];
    /* The batched side (space side's batches times the blocks). */
    const int32_t *big = s->to_batch ? s->out : s->in, *small = s->to_batch ? s->in : s->out;
    const size_t row = (size_t)s->in[3] * s->esize;
    int32_t nb, y, x;
    if (in == NULL || out == NULL) return MOTE_E_ARG;
    for (nb = 0; nb < big[0]; nb++) {
        const int32_t b = nb % small[0], k = nb / small[0];
        for (y = 0; y < big[1]; y++)
            for (x = 0; x < big[2]; x++) {
                const int32_t sy = y * s->block[0] + k / s->block[1] - s->pad[0];
                const int32_t sx = x * s->block[1] + k % s->block[1] - s->pad[1];
                const int inside = sy >= 0 && sy < small[1] && sx >= 0 && sx < small[2];
                const size_t at_big =
                    (((size_t)nb * (size_t)big[1] + (size_t)y) * (size_t)big[2] + (size_t)x) * row;
                const size_t at_small =
                    inside ? (((size_t)b * (size_t)small[1] + (size_t)sy) * (size_t)small[2] +
                              (size_t)sx) *
                                 row
                           : 0;
                if (s->to_batch) {
                    size_t e;
                    if (inside)
                        memcpy(out + at_big, in + at_small, row);
                    else
                        for (e = 0; e < row; e += s->esize)
                            memcpy(out + at_big + e, s->value, s->esize);
                } else if (inside) {
                    memcpy(out + at_small, in + at_big, row);
                }
            }
    }
    return MOTE_OK;
}
