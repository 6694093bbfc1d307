/*
 * band_run.c — run a session's band chain (band.h): the walk of
 * core/band.c with the kernels called on each band's rows.
 *
 * A layer's kernel is called through its step's own kernel-table row with
 * the parameter block (in the session's state) changed for the call —
 * input rows, output rows, top padding — and restored right after, so the
 * kernels are the ones the whole-tensor step runs and the bytes are the
 * same. A row whose `fits` refuses the band's shape, or that would need
 * more scratch than planned, gives way to the kernel's reference row
 * (every row of a kernel computes the same bytes).
 */
#include <string.h>

#include "mote/mote.h"
#include "core/band.h"
#include "core/control.h"
#include "core/step.h"
#include "kernels/kernel_table.h"

typedef struct band_ctx {
    const mote_session *s;
    mote_band_layer l[MOTE_BAND_MAX_OPS];
    int32_t cap[MOTE_BAND_MAX_OPS];
    uint32_t n;
    uint8_t *work;
    uint8_t *in, *out; /* the chain's input and output tensors */
} band_ctx;

/* The chain's conv step for layer k, or NULL. */
static mote_conv_s8_step *conv_step(const mote_session *s, uint32_t i)
{
    const mote_step *st = &s->steps[i];
    uint16_t kid;
    if (st->row >= mote_kernel_row_count || st->n_in < 2 || st->n_out != 1) return NULL;
    kid = mote_kernel_rows[st->row].kernel;
    if (kid != MOTE_KID_CONV_2D_S8 && kid != MOTE_KID_DEPTHWISE_CONV_2D_S8) return NULL;
    return (mote_conv_s8_step *)(void *)(s->state + st->params);
}

/* Layers from the steps (what the kernels will be told), the windows'
 * rows and the chain's tensors: 0, or -1 when they do not form the chain
 * the plan made. */
static int load(band_ctx *c, const mote_session *s)
{
    uint32_t k;
    int ok;
    const int16_t *ops;
    if (s->band_first < 0 || s->band_last <= s->band_first ||
        s->band_last - s->band_first + 1 > MOTE_BAND_MAX_OPS)
        return -1;
    c->s = s;
    c->n = (uint32_t)(s->band_last - s->band_first) + 1;
    for (k = 0; k < c->n; k++) {
        const mote_conv_s8_step *cs = conv_step(s, (uint32_t)s->band_first + k);
        mote_band_layer *l = &c->l[k];
        if (cs == NULL || cs->in.n != 1 || cs->out.n != 1) return -1;
        l->in_h = cs->in.h;
        l->out_h = cs->out.h;
        l->stride = cs->p.geom.stride_h;
        l->pad = cs->p.geom.pad_h;
        l->span = (cs->filter.h - 1) * cs->p.geom.dilation_h + 1;
        l->in_row = (uint32_t)cs->in.w * (uint32_t)cs->in.c;
        l->out_row = (uint32_t)cs->out.w * (uint32_t)cs->out.c;
    }
    if (mote_band_walk(c->l, c->n, c->cap, &ok, NULL) != 0) return -1;
    c->work = s->activations + s->band_work;
    ops = s->operands + s->steps[s->band_first].operands;
    c->in = mote_session_ref(s, ops[0]);
    ops = s->operands + s->steps[s->band_last].operands;
    c->out = mote_session_ref(s, ops[s->steps[s->band_last].n_in]);
    return c->in != NULL && c->out != NULL ? 0 : -1;
}

static int drop(void *user, uint32_t j, int32_t d, int32_t keep)
{
    band_ctx *c = (band_ctx *)user;
    uint8_t *w = c->work + mote_band_window_at(c->l, j, c->cap);
    memmove(w, w + (size_t)d * c->l[j].in_row, (size_t)keep * c->l[j].in_row);
    return 0;
}

/* The reference row of kernel kid (isa 0, fits every step, no scratch). */
static int32_t ref_row(uint16_t kid)
{
    uint32_t r;
    for (r = 0; r < mote_kernel_row_count; r++) {
        const mote_kernel_row *row = &mote_kernel_rows[r];
        if (row->kernel == kid && row->isa == 0 && row->fits == NULL &&
            row->scratch_bytes == NULL && row->run != NULL)
            return (int32_t)r;
    }
    return -1;
}

static int call(void *user, const mote_band_call *bc)
{
    band_ctx *c = (band_ctx *)user;
    const mote_session *s = c->s;
    const uint32_t i = (uint32_t)s->band_first + bc->k;
    const mote_step *st = &s->steps[i];
    const int16_t *ops = s->operands + st->operands;
    const mote_band_layer *l = &c->l[bc->k];
    mote_conv_s8_step *cs = conv_step(s, i), keep;
    const void *in[MOTE_MAX_OP_INPUTS];
    void *out[1];
    const uint8_t *src;
    mote_kernel_io io;
    int32_t first, off, r;
    uint32_t k;
    mote_status status;

    if (cs == NULL) return (int)MOTE_E_STATE;
    /* The first input row the band reads, and from where in the window. */
    first = bc->row * l->stride - l->pad;
    off = first - bc->in_base > 0 ? first - bc->in_base : 0;
    src = bc->k == 0 ? c->in : c->work + mote_band_window_at(c->l, bc->k, c->cap);
    in[0] = src + (size_t)off * l->in_row;
    for (k = 1; k < MOTE_MAX_OP_INPUTS; k++)
        in[k] = k < st->n_in && ops[k] >= 0 ? mote_session_ref(s, ops[k]) : NULL;
    out[0] = bc->k + 1 < c->n
                 ? c->work + mote_band_window_at(c->l, bc->k + 1, c->cap) +
                       (size_t)bc->out_at * l->out_row
                 : c->out + (size_t)bc->row * l->out_row;
    io.in = in;
    io.out = out;
    io.scratch = st->scratch != MOTE_NO_SCRATCH ? s->activations + st->scratch : NULL;
    keep = *cs;
    cs->in.h = bc->in_count - off;
    cs->out.h = bc->count;
    cs->p.geom.pad_h = bc->in_base + off - first;
    r = (int32_t)st->row;
    {
        const mote_kernel_row *row = &mote_kernel_rows[r];
        if ((row->fits != NULL && !row->fits(cs)) ||
            (row->scratch_bytes != NULL &&
             (io.scratch == NULL || row->scratch_bytes(cs) > row->scratch_bytes(&keep))))
            r = ref_row(row->kernel);
    }
    status = r >= 0 ? mote_kernel_rows[r].run(cs, &io) : MOTE_E_STATE;
    *cs = keep;
    return (int)status;
}

mote_status mote_band_check(const mote_session *s, uint32_t work_bytes)
{
    band_ctx c;
    if (load(&c, s) != 0 || mote_band_work_bytes(c.l, c.n, c.cap) > work_bytes) return MOTE_E_STATE;
    return MOTE_OK;
}

mote_status mote_band_run(const mote_session *s)
{
    band_ctx c;
    mote_band_visit v;
    int rc, ok;
    if (load(&c, s) != 0) return MOTE_E_STATE;
    v.drop = drop;
    v.call = call;
    v.user = &c;
    rc = mote_band_walk(c.l, c.n, c.cap, &ok, &v);
    return (mote_status)rc;
}
