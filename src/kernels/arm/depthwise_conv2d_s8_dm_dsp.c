/*
 * depthwise_conv2d_s8_dm_dsp.c — DEPTHWISE_CONV_2D int8 with one input
 * channel and a depth multiplier M > 1 (first layers such as
 * person_detect's 96x96x1 -> 48x48x8) as a convolution on the Arm DSP
 * paths (the arm_dsp_dm row, kernels.def).
 *
 * With one input channel, output channel o of a depthwise layer is the
 * sum over the window of input * filter[ky][kx][o]: a CONV_2D with M
 * filters of [KH][KW][1] whose weights are the depthwise filter
 * [KH][KW][M] transposed. The row transposes the K * M <= 256 weights into
 * a stack buffer and runs the conv path the CONV_2D rule gives that
 * convolution (widened weights, 2x2, or patch; arm_paths.h); the
 * requantization table (per output channel), the bias and the output
 * layout are the same. Band calls (core/band_run.c) hand over fewer rows
 * and top padding: the fits reads them, and the rule chooses the same way.
 */
#include <stddef.h>
#include "kernels/arm/arm_rows.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"

#define DM_MAX_WEIGHTS 256

/* The convolution's filter dims, and its path (NONE when the row does not
 * take the step). Portable: the host plans with it. */
static int dm_path(const mote_conv_s8_step *s, mote_dims *cfd)
{
    const mote_dims *id = &s->in, *fd = &s->filter, *od = &s->out;
    int path;
    if (s->channels != od->c || id->c != 1 || s->p.depth_multiplier <= 1 ||
        s->p.depth_multiplier != od->c || fd->n != 1 || fd->c != od->c || fd->h <= 0 ||
        fd->w <= 0 || fd->h * fd->w > DM_MAX_WEIGHTS / od->c)
        return MOTE_ARM_CONV_NONE;
    cfd->n = od->c;
    cfd->h = fd->h;
    cfd->w = fd->w;
    cfd->c = 1;
    path = mote_arm_conv2d_s8_path(&s->p, id, cfd, od, 0);
    return path == MOTE_ARM_CONV_WIDENED || path == MOTE_ARM_CONV_2X2 ||
                   path == MOTE_ARM_CONV_PATCH || path == MOTE_ARM_CONV_FIRST
               ? path
               : MOTE_ARM_CONV_NONE;
}

/* Two rows, so that a firmware links only the paths its steps take: the
 * widened weights with M % 4 == 0 (person_detect's first layer: no
 * direct tail), and every other case (the widened path with its direct
 * tail, 2x2, patch). */
int mote_arm_dw_dm_fits(const void *step)
{
    mote_dims cfd;
    return dm_path((const mote_conv_s8_step *)step, &cfd) == MOTE_ARM_CONV_WIDENED &&
           cfd.n % 4 == 0;
}

int mote_arm_dw_dm_any_fits(const void *step)
{
    mote_dims cfd;
    const int path = dm_path((const mote_conv_s8_step *)step, &cfd);
    return path != MOTE_ARM_CONV_NONE && path != MOTE_ARM_CONV_FIRST &&
           (path != MOTE_ARM_CONV_WIDENED || cfd.n % 4 != 0);
}

/* 8 or 16 channels (h-first): the first-layer path (conv2d_s8_first_dsp.c). */
int mote_arm_dw_dm_first_fits(const void *step)
{
    mote_dims cfd;
    return dm_path((const mote_conv_s8_step *)step, &cfd) == MOTE_ARM_CONV_FIRST;
}

#if defined(__ARM_FEATURE_DSP)
/* One call of a step entry: the step's tensors and requantization, the
 * convolution's filter dims and its weights transposed (K * M <= 256
 * bytes, dm_path). */
typedef struct dm_call {
    mote_requant q;
    mote_dims cfd;
    const int8_t *in, *wt;
    const int32_t *bias;
    int8_t *out;
    int32_t wt32[DM_MAX_WEIGHTS / 4];
} dm_call;

/* Fills c and returns the path, or NONE (nothing done) when the row does
 * not take the step. */
static int dm_prepare(const mote_conv_s8_step *s, const mote_kernel_io *io, dm_call *c)
{
    const int8_t *filter = (const int8_t *)io->in[1];
    const int path = dm_path(s, &c->cfd);
    int8_t *wt = (int8_t *)c->wt32;
    int32_t M, K, k, o;
    if (path == MOTE_ARM_CONV_NONE || io->in[0] == NULL || filter == NULL || io->out[0] == NULL ||
        (const void *)io->in[0] == (const void *)io->out[0])
        return MOTE_ARM_CONV_NONE;
    c->q = mote_step_requant(s, sizeof *s, s->channels);
    c->in = (const int8_t *)io->in[0];
    c->bias = (const int32_t *)io->in[2];
    c->out = (int8_t *)io->out[0];
    c->wt = wt;
    M = c->cfd.n;
    K = c->cfd.h * c->cfd.w;
    for (o = 0; o < M; ++o)
        for (k = 0; k < K; ++k)
            wt[o * K + k] = filter[k * M + o];
    return path;
}

mote_status mote_arm_dw_dm_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    dm_call c;
    if (!mote_arm_dw_dm_fits(step) || dm_prepare(s, io, &c) != MOTE_ARM_CONV_WIDENED)
        return MOTE_E_ARG;
    (void)mote_arm_conv_widened(&s->p, &c.q, &s->in, c.in, &c.cfd, c.wt, c.bias, &s->out, c.out);
    return MOTE_OK;
}

/* The first-layer path (the patch path for shifts it refuses). */
mote_status mote_arm_dw_dm_first_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    dm_call c;
    if (dm_prepare(s, io, &c) != MOTE_ARM_CONV_FIRST) return MOTE_E_ARG;
    mote_arm_conv_or_patch(mote_arm_conv_first, &s->p, &c.q, &s->in, c.in, &c.cfd, c.wt, c.bias,
                           &s->out, c.out);
    return MOTE_OK;
}

mote_status mote_arm_dw_dm_any_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    dm_call c;
    int path;
    if (!mote_arm_dw_dm_any_fits(step)) return MOTE_E_ARG;
    path = dm_prepare(s, io, &c);
    if (path == MOTE_ARM_CONV_NONE) return MOTE_E_ARG;
    if (path == MOTE_ARM_CONV_WIDENED) {
        const int32_t done =
            mote_arm_conv_widened(&s->p, &c.q, &s->in, c.in, &c.cfd, c.wt, c.bias, &s->out, c.out);
        mote_arm_conv_direct(&s->p, &c.q, &s->in, c.in, &c.cfd, c.wt, c.bias, &s->out, c.out, done);
    } else if (path == MOTE_ARM_CONV_2X2) {
        mote_arm_conv_or_patch(mote_arm_conv_2x2, &s->p, &c.q, &s->in, c.in, &c.cfd, c.wt, c.bias,
                               &s->out, c.out);
    } else {
        mote_arm_conv_patch(&s->p, &c.q, &s->in, c.in, &c.cfd, c.wt, c.bias, &s->out, c.out);
    }
    return MOTE_OK;
}
#endif
