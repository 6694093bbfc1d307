/* arm_steps_dsp.c — the Arm DSP rows' step entry points (arm_rows.h): the
 * parameter block and buffers handed to the kernels of this folder. */
#if defined(__ARM_FEATURE_DSP)

#include <stddef.h>
#include "kernels/arm/arm_rows.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"

/* The operands of a convolution step, and its path (arm_paths.h) for
 * them: a row runs only the steps its path takes (MOTE_ARM_CONV_NONE
 * and MOTE_ARM_DW_NONE are 0: refused). */
static int conv_path(const mote_conv_s8_step *s, const mote_kernel_io *io)
{
    if (io->in[0] == NULL || io->in[1] == NULL || io->out[0] == NULL) return 0;
    return mote_arm_conv2d_s8_step_path(s, io->in[0] == io->out[0]);
}

static int dw_path(const mote_conv_s8_step *s, const mote_kernel_io *io)
{
    if (io->in[0] == NULL || io->in[1] == NULL || io->out[0] == NULL) return 0;
    return mote_arm_dw_step_path(s, io->in[0] == io->out[0]);
}

/* The 2x2 and four-pixel steps: their path, or the patch path for shifts
 * the path refuses (mote_arm_conv_or_patch). */
static inline __attribute__((always_inline)) mote_status
try_or_patch(int path, int want, mote_arm_conv_try_fn fast, const mote_conv_s8_params *p,
             const mote_requant *q, const mote_dims *id, const int8_t *input, const mote_dims *fd,
             const int8_t *filter, const int32_t *bias, const mote_dims *od, int8_t *output)
{
    if (path != want) return MOTE_E_ARG;
    mote_arm_conv_or_patch(fast, p, q, id, input, fd, filter, bias, od, output);
    return MOTE_OK;
}

/* Pointwise in pixel chunks on the stack, in place or not: the body of
 * the arm_dsp_pw_ip row's entry and of arm_dsp_pw's without room (each
 * image links the entries its rows name, no other). */
static inline __attribute__((always_inline)) mote_status pw_stack(const void *step,
                                                                  const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (conv_path(s, io) != MOTE_ARM_CONV_PW) return MOTE_E_ARG;
    mote_arm_conv_pw(&s->p, &q, s->filter.c, s->out.c, s->out.n * s->out.h * s->out.w,
                     (const int8_t *)io->in[0], (int8_t *)io->out[0], (const int8_t *)io->in[1],
                     (const int32_t *)io->in[2]);
    return MOTE_OK;
}

mote_status mote_arm_conv_pw_step(const void *step, const mote_kernel_io *io)
{
    return pw_stack(step, io);
}

/* arm_dsp_pw without room: a frame of its own, entered by a tail call (the
 * room step's frame is not under the stack buffer's). */
static __attribute__((noinline)) mote_status pw_no_room(const void *step, const mote_kernel_io *io)
{
    return pw_stack(step, io);
}

/* Pointwise out of place (the arm_dsp_pw row), with the arena room
 * core/steps.c found free at the step (mote_arm_room: its offset from the
 * output, + 4 + k, in depth_multiplier; 1 without): the pixels in k
 * chunks, fewer than the stack buffer's, so each filter row is widened
 * fewer times. Without room (or a room not word aligned, as a test may
 * give), the stack buffer. */
mote_status mote_arm_conv_pw_room_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const int32_t tag = s->p.depth_multiplier, k = (tag & 15) - 4;
    int8_t *const out = (int8_t *)io->out[0];
    int32_t *const buf = k >= 1 ? (int32_t *)(void *)(out + (tag - 4 - k)) : NULL;
    if (buf == NULL || ((uintptr_t)buf & 3u) != 0) return pw_no_room(step, io);
    if (conv_path(s, io) != MOTE_ARM_CONV_PW) return MOTE_E_ARG;
    {
        const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
        const int32_t npix = s->out.n * s->out.h * s->out.w;
        mote_arm_conv_pw_buf(&s->p, &q, s->filter.c, s->out.c, npix, (const int8_t *)io->in[0], out,
                             (const int8_t *)io->in[1], (const int32_t *)io->in[2], buf,
                             mote_arm_pw_room_words(s->filter.c, npix, k));
    }
    return MOTE_OK;
}

/* Widened weights, out_c % 4 == 0. */
mote_status mote_arm_conv_widened_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (conv_path(s, io) != MOTE_ARM_CONV_WIDENED || s->out.c % 4 != 0) return MOTE_E_ARG;
    (void)mote_arm_conv_widened(&s->p, &q, &s->in, (const int8_t *)io->in[0], &s->filter,
                                (const int8_t *)io->in[1], (const int32_t *)io->in[2], &s->out,
                                (int8_t *)io->out[0]);
    return MOTE_OK;
}

/* Widened weights; the last out_c % 4 channels direct. */
static void widened_tail(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                         const int8_t *in, const mote_dims *fd, const int8_t *w,
                         const int32_t *bias, const mote_dims *od, int8_t *out)
{
    mote_arm_conv_direct(p, q, id, in, fd, w, bias, od, out,
                         mote_arm_conv_widened(p, q, id, in, fd, w, bias, od, out));
}

mote_status mote_arm_conv_widened_tail_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (conv_path(s, io) != MOTE_ARM_CONV_WIDENED) return MOTE_E_ARG;
    widened_tail(&s->p, &q, &s->in, (const int8_t *)io->in[0], &s->filter,
                 (const int8_t *)io->in[1], (const int32_t *)io->in[2], &s->out,
                 (int8_t *)io->out[0]);
    return MOTE_OK;
}

/* 2x2 blocking; the patch path when a shift is outside [-23, -2] (the rule cannot
 * know: the requantization table may be made at run time). */
mote_status mote_arm_conv_2x2_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    const int8_t *in = (const int8_t *)io->in[0], *w = (const int8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int8_t *out = (int8_t *)io->out[0];
    return try_or_patch(conv_path(s, io), MOTE_ARM_CONV_2X2, mote_arm_conv_2x2, &s->p, &q, &s->in,
                        in, &s->filter, w, bias, &s->out, out);
}

/* Four pixels x one channel (h-c4); the patch path when a shift is outside
 * [-23, -2]. */
mote_status mote_arm_conv_4px_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    const int8_t *in = (const int8_t *)io->in[0], *w = (const int8_t *)io->in[1];
    const int32_t *bias = (const int32_t *)io->in[2];
    int8_t *out = (int8_t *)io->out[0];
    return try_or_patch(conv_path(s, io), MOTE_ARM_CONV_4PX, mote_arm_conv_4px, &s->p, &q, &s->in,
                        in, &s->filter, w, bias, &s->out, out);
}

/* One widened patch per pixel, in place (pointwise) or not. */
mote_status mote_arm_conv_patch_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (conv_path(s, io) != MOTE_ARM_CONV_PATCH) return MOTE_E_ARG;
    mote_arm_conv_patch(&s->p, &q, &s->in, (const int8_t *)io->in[0], &s->filter,
                        (const int8_t *)io->in[1], (const int32_t *)io->in[2], &s->out,
                        (int8_t *)io->out[0]);
    return MOTE_OK;
}

/* The patch path's pixel chunks alone (out of place, mote_arm_patch_chunks_ok). */
mote_status mote_arm_conv_patch_ck_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (conv_path(s, io) != MOTE_ARM_CONV_PATCH || io->in[0] == io->out[0] ||
        !mote_arm_patch_chunks_ok(s->filter.h * s->filter.w * s->in.c, s->out.c))
        return MOTE_E_ARG;
    mote_arm_conv_patch_chunks(&s->p, &q, &s->in, (const int8_t *)io->in[0], &s->filter,
                               (const int8_t *)io->in[1], (const int32_t *)io->in[2], &s->out,
                               (int8_t *)io->out[0]);
    return MOTE_OK;
}

mote_status mote_arm_conv_direct_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (conv_path(s, io) != MOTE_ARM_CONV_DIRECT) return MOTE_E_ARG;
    mote_arm_conv_direct(&s->p, &q, &s->in, (const int8_t *)io->in[0], &s->filter,
                         (const int8_t *)io->in[1], (const int32_t *)io->in[2], &s->out,
                         (int8_t *)io->out[0], 0);
    return MOTE_OK;
}

/* In place, not pointwise: row by row through the ring in the scratch
 * (arm_rows.h); each row call is out of place and takes the path the
 * step takes out of place (arm_rows.c): one row per path. */
static mote_status conv_widened_row(const mote_conv_s8_params *p, const mote_requant *q,
                                    const mote_dims *id, const int8_t *input, const mote_dims *fd,
                                    const int8_t *filter, const int32_t *bias, const mote_dims *od,
                                    int8_t *output)
{
    if (mote_arm_conv2d_s8_path(p, id, fd, od, input == output) != MOTE_ARM_CONV_WIDENED)
        return MOTE_E_ARG;
    widened_tail(p, q, id, input, fd, filter, bias, od, output);
    return MOTE_OK;
}

static mote_status conv_2x2_row(const mote_conv_s8_params *p, const mote_requant *q,
                                const mote_dims *id, const int8_t *input, const mote_dims *fd,
                                const int8_t *filter, const int32_t *bias, const mote_dims *od,
                                int8_t *output)
{
    return try_or_patch(mote_arm_conv2d_s8_path(p, id, fd, od, input == output), MOTE_ARM_CONV_2X2,
                        mote_arm_conv_2x2, p, q, id, input, fd, filter, bias, od, output);
}

static mote_status conv_4px_row(const mote_conv_s8_params *p, const mote_requant *q,
                                const mote_dims *id, const int8_t *input, const mote_dims *fd,
                                const int8_t *filter, const int32_t *bias, const mote_dims *od,
                                int8_t *output)
{
    return try_or_patch(mote_arm_conv2d_s8_path(p, id, fd, od, input == output), MOTE_ARM_CONV_4PX,
                        mote_arm_conv_4px, p, q, id, input, fd, filter, bias, od, output);
}

static mote_status conv_patch_row(const mote_conv_s8_params *p, const mote_requant *q,
                                  const mote_dims *id, const int8_t *input, const mote_dims *fd,
                                  const int8_t *filter, const int32_t *bias, const mote_dims *od,
                                  int8_t *output)
{
    if (mote_arm_conv2d_s8_path(p, id, fd, od, input == output) != MOTE_ARM_CONV_PATCH)
        return MOTE_E_ARG;
    mote_arm_conv_patch(p, q, id, input, fd, filter, bias, od, output);
    return MOTE_OK;
}

static mote_status conv_direct_row(const mote_conv_s8_params *p, const mote_requant *q,
                                   const mote_dims *id, const int8_t *input, const mote_dims *fd,
                                   const int8_t *filter, const int32_t *bias, const mote_dims *od,
                                   int8_t *output)
{
    if (mote_arm_conv2d_s8_path(p, id, fd, od, input == output) != MOTE_ARM_CONV_DIRECT)
        return MOTE_E_ARG;
    mote_arm_conv_direct(p, q, id, input, fd, filter, bias, od, output, 0);
    return MOTE_OK;
}

static mote_status conv_rows(const void *step, const mote_kernel_io *io, mote_arm_conv_fn fn)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (conv_path(s, io) != MOTE_ARM_CONV_RING) return MOTE_E_ARG;
    return mote_arm_conv_rows(fn, s, &q, io);
}

mote_status mote_arm_conv_rows_widened_step(const void *step, const mote_kernel_io *io)
{
    return conv_rows(step, io, conv_widened_row);
}

mote_status mote_arm_conv_rows_2x2_step(const void *step, const mote_kernel_io *io)
{
    return conv_rows(step, io, conv_2x2_row);
}

mote_status mote_arm_conv_rows_4px_step(const void *step, const mote_kernel_io *io)
{
    return conv_rows(step, io, conv_4px_row);
}

mote_status mote_arm_conv_rows_patch_step(const void *step, const mote_kernel_io *io)
{
    return conv_rows(step, io, conv_patch_row);
}

mote_status mote_arm_conv_rows_step(const void *step, const mote_kernel_io *io)
{
    return conv_rows(step, io, conv_direct_row);
}

/* 3x3 depthwise in padded rows, in place or not. */
mote_status mote_arm_dw_3x3_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (dw_path(s, io) != MOTE_ARM_DW_3X3) return MOTE_E_ARG;
    mote_arm_dw_3x3(&s->p, &q, &s->in, (const int8_t *)io->in[0], (const int8_t *)io->in[1],
                    (const int32_t *)io->in[2], &s->out, (int8_t *)io->out[0]);
    return MOTE_OK;
}

/* 3x3 depthwise, element stride 2, not in place (its own row). */
mote_status mote_arm_dw_3x3_s2_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (dw_path(s, io) != MOTE_ARM_DW_3X3 || io->in[0] == io->out[0] ||
        !mote_arm_dw_3x3_s2_case(&s->p, &s->in, &s->out))
        return MOTE_E_ARG;
    mote_arm_dw_3x3_s2(&s->p, &q, &s->in, (const int8_t *)io->in[0], (const int8_t *)io->in[1],
                       (const int32_t *)io->in[2], &s->out, (int8_t *)io->out[0]);
    return MOTE_OK;
}

/* 3x3 depthwise, at most 3x3 outputs, not in place (its own row). */
mote_status mote_arm_dw_3x3_px_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (dw_path(s, io) != MOTE_ARM_DW_3X3 || io->in[0] == io->out[0] ||
        !mote_arm_dw_3x3_px_case(&s->out))
        return MOTE_E_ARG;
    mote_arm_dw_3x3_px(&s->p, &q, &s->in, (const int8_t *)io->in[0], (const int8_t *)io->in[1],
                       (const int32_t *)io->in[2], &s->out, (int8_t *)io->out[0]);
    return MOTE_OK;
}

mote_status mote_arm_dw_general_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (dw_path(s, io) != MOTE_ARM_DW_GENERAL) return MOTE_E_ARG;
    mote_arm_dw_general(&s->p, &q, &s->in, (const int8_t *)io->in[0], &s->filter,
                        (const int8_t *)io->in[1], (const int32_t *)io->in[2], &s->out,
                        (int8_t *)io->out[0]);
    return MOTE_OK;
}

/* In place row by row (arm_rows.h): each row call is out of place and
 * takes the path the step takes out of place (arm_rows.c). */
static mote_status dw_3x3_row(const mote_conv_s8_params *p, const mote_requant *q,
                              const mote_dims *id, const int8_t *input, const mote_dims *fd,
                              const int8_t *filter, const int32_t *bias, const mote_dims *od,
                              int8_t *output)
{
    if (mote_arm_dw_s8_path(p, id, fd, od, input == output) != MOTE_ARM_DW_3X3) return MOTE_E_ARG;
    mote_arm_dw_3x3(p, q, id, input, filter, bias, od, output);
    return MOTE_OK;
}

static mote_status dw_general_row(const mote_conv_s8_params *p, const mote_requant *q,
                                  const mote_dims *id, const int8_t *input, const mote_dims *fd,
                                  const int8_t *filter, const int32_t *bias, const mote_dims *od,
                                  int8_t *output)
{
    if (mote_arm_dw_s8_path(p, id, fd, od, input == output) != MOTE_ARM_DW_GENERAL)
        return MOTE_E_ARG;
    mote_arm_dw_general(p, q, id, input, fd, filter, bias, od, output);
    return MOTE_OK;
}

mote_status mote_arm_dw_rows_3x3_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (dw_path(s, io) != MOTE_ARM_DW_RING) return MOTE_E_ARG;
    return mote_arm_conv_rows(dw_3x3_row, s, &q, io);
}

mote_status mote_arm_dw_rows_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (dw_path(s, io) != MOTE_ARM_DW_RING) return MOTE_E_ARG;
    return mote_arm_conv_rows(dw_general_row, s, &q, io);
}

/* The operands of a FULLY_CONNECTED step, checked as the kernel checks
 * them; path: 1 the widened-input one, 0 the dot one. */
static int fc_ok(const mote_fc_s8_step *s, const mote_fc_s8_dims *d, const mote_kernel_io *io,
                 int xw)
{
    return io->in[0] != NULL && io->in[1] != NULL && io->out[0] != NULL &&
           mote_arm_fully_connected_s8_step_fits(s) && d->batches >= 1 && d->depth >= 1 &&
           d->out_c >= 1 && mote_arm_fc_xw_ok(d->depth, d->out_c) == xw;
}

mote_status mote_arm_fc_xw_step(const void *step, const mote_kernel_io *io)
{
    const mote_fc_s8_step *s = (const mote_fc_s8_step *)step;
    mote_fc_s8_params p;
    mote_requant q;
    const mote_fc_s8_dims d = mote_fc_s8_step_unpack(s, &p, &q);
    if (!fc_ok(s, &d, io, 1)) return MOTE_E_ARG;
    mote_arm_fc_xw(&p, &q, d.batches, d.depth, d.out_c, (const int8_t *)io->in[0],
                   (const int8_t *)io->in[1], (const int32_t *)io->in[2], (int8_t *)io->out[0]);
    return MOTE_OK;
}

mote_status mote_arm_fc_dot_step(const void *step, const mote_kernel_io *io)
{
    const mote_fc_s8_step *s = (const mote_fc_s8_step *)step;
    mote_fc_s8_params p;
    mote_requant q;
    const mote_fc_s8_dims d = mote_fc_s8_step_unpack(s, &p, &q);
    if (!fc_ok(s, &d, io, 0)) return MOTE_E_ARG;
    mote_arm_fc_dot(&p, &q, d.batches, d.depth, d.out_c, (const int8_t *)io->in[0],
                    (const int8_t *)io->in[1], (const int32_t *)io->in[2], (int8_t *)io->out[0]);
    return MOTE_OK;
}

mote_status mote_arm_avg_pool_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_pool_s8_step *s = (const mote_pool_s8_step *)step;
    return mote_arm_avg_pool_s8(&s->p, &s->in, io->in[0], &s->out, io->out[0], io->scratch);
}

mote_status mote_arm_max_pool_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_pool_s8_step *s = (const mote_pool_s8_step *)step;
    return mote_arm_max_pool_s8(&s->p, &s->in, io->in[0], &s->out, io->out[0], io->scratch);
}

mote_status mote_arm_add_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_add_s8_step *s = (const mote_add_s8_step *)step;
    return mote_arm_add_s8(&s->p, &s->in1, io->in[0], &s->in2, io->in[1], &s->out, io->out[0],
                           io->scratch);
}

#else
typedef int mote_arm_steps_unused_; /* ISO C forbids an empty file */
#endif
