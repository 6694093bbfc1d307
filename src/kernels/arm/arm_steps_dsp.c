/* arm_steps_dsp.c — the Arm DSP rows' step entry points (arm_rows.h): the
 * parameter block and buffers handed to the kernels of this folder. */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_rows.h"
#include "kernels/arm/arm_kernels.h"

mote_status mote_arm_conv2d_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    return mote_arm_conv2d_s8(&s->p, &q, &s->in, io->in[0], &s->filter, io->in[1], io->in[2],
                              &s->out, io->out[0], io->scratch);
}

mote_status mote_arm_depthwise_conv2d_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    return mote_arm_depthwise_conv2d_s8(&s->p, &q, &s->in, io->in[0], &s->filter, io->in[1],
                                        io->in[2], &s->out, io->out[0], io->scratch);
}

mote_status mote_arm_fully_connected_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_fc_s8_step *s = (const mote_fc_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    return mote_arm_fully_connected_s8(&s->p, &q, s->batches, s->depth, s->out_c, io->in[0],
                                       io->in[1], io->in[2], io->out[0], io->scratch);
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

#else
typedef int mote_arm_steps_unused_; /* ISO C forbids an empty file */
#endif
