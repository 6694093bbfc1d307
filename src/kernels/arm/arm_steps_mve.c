/* arm_steps_mve.c — the Helium rows' step entry points (arm_rows.h). */
#if defined(__ARM_FEATURE_MVE) && defined(__ARM_FEATURE_DSP)

#include <stddef.h>
#include "kernels/arm/arm_rows.h"
#include "kernels/arm/arm_mve.h"

mote_status mote_mve_conv2d_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    /* in place (arm_rows.h): the planner gave the output the input's buffer.
     * Pointwise with out channels <= in channels runs whole: the patch path
     * gathers each run of pixels before it writes their outputs. */
    if (io->in[0] != NULL && io->in[0] == io->out[0] &&
        !(s->filter.h == 1 && s->filter.w == 1 && s->p.geom.stride_h == 1 &&
          s->p.geom.stride_w == 1 && s->p.geom.pad_h == 0 && s->p.geom.pad_w == 0 &&
          s->out.h == s->in.h && s->out.w == s->in.w && s->out.c <= s->in.c && s->out.c <= 128 &&
          s->filter.c <= 1024)) /* MVE_SEEDS, MVE_PATCH */
        return mote_arm_conv_rows(mote_mve_conv2d_s8, s, &q, io);
    return mote_mve_conv2d_s8(&s->p, &q, &s->in, io->in[0], &s->filter, io->in[1], io->in[2],
                              &s->out, io->out[0]);
}

mote_status mote_mve_depthwise_conv2d_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    /* in place, row by row: short 3x3 rows through the row entry (chosen
     * once per layer: the other layers' row calls pay no test) */
    if (io->in[0] != NULL && io->in[0] == io->out[0])
        return mote_arm_conv_rows(s->filter.h == 3 && s->filter.w == 3 &&
                                          s->out.w < MOTE_MVE_DW_ROW_W
                                      ? mote_mve_depthwise_conv2d_s8_row
                                      : mote_mve_depthwise_conv2d_s8,
                                  s, &q, io);
    return mote_mve_depthwise_conv2d_s8(&s->p, &q, &s->in, io->in[0], &s->filter, io->in[1],
                                        io->in[2], &s->out, io->out[0]);
}

mote_status mote_mve_fully_connected_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_fc_s8_step *s = (const mote_fc_s8_step *)step;
    mote_fc_s8_params p;
    mote_requant q;
    const mote_fc_s8_dims d = mote_fc_s8_step_unpack(s, &p, &q);
    return mote_mve_fully_connected_s8(&p, &q, d.batches, d.depth, d.out_c, io->in[0], io->in[1],
                                       io->in[2], io->out[0]);
}

mote_status mote_mve_add_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_add_s8_step *s = (const mote_add_s8_step *)step;
    return mote_mve_add_s8(&s->p, &s->in1, io->in[0], &s->in2, io->in[1], &s->out, io->out[0]);
}

#else
typedef int mote_arm_steps_mve_unused_; /* ISO C forbids an empty file */
#endif
