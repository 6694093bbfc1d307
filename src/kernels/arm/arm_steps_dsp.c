/* arm_steps_dsp.c — the Arm DSP rows' step entry points (arm_rows.h): the
 * parameter block and buffers handed to the kernels of this folder. */
#if defined(__ARM_FEATURE_DSP)

#include <stddef.h>
#include "kernels/arm/arm_rows.h"
#include "kernels/arm/arm_kernels.h"

static mote_status conv_noscratch(const mote_conv_s8_params *p, const mote_requant *q,
                                  const mote_dims *id, const int8_t *input, const mote_dims *fd,
                                  const int8_t *filter, const int32_t *bias, const mote_dims *od,
                                  int8_t *output)
{
    return mote_arm_conv2d_s8(p, q, id, input, fd, filter, bias, od, output, NULL);
}

static mote_status dw_noscratch(const mote_conv_s8_params *p, const mote_requant *q,
                                const mote_dims *id, const int8_t *input, const mote_dims *fd,
                                const int8_t *filter, const int32_t *bias, const mote_dims *od,
                                int8_t *output)
{
    return mote_arm_depthwise_conv2d_s8(p, q, id, input, fd, filter, bias, od, output, NULL);
}

mote_status mote_arm_conv2d_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    /* in place (arm_rows.h): the planner gave the output the input's buffer */
    if (io->in[0] != NULL && io->in[0] == io->out[0]) {
        /* 1x1 pointwise: the kernel runs it in place in one call (pixel by
         * pixel, conv2d_s8_dsp.c); the ring goes unused */
        if (s->filter.h == 1 && s->filter.w == 1 && s->p.geom.stride_h == 1 &&
            s->p.geom.stride_w == 1 && s->p.geom.pad_h == 0 && s->p.geom.pad_w == 0 &&
            s->out.h == s->in.h && s->out.w == s->in.w && s->filter.c <= 512 &&
            mote_arm_conv2d_s8_fits(&s->p, &s->in, &s->filter, &s->out))
            return mote_arm_conv2d_s8(&s->p, &q, &s->in, io->in[0], &s->filter, io->in[1],
                                      io->in[2], &s->out, io->out[0], NULL);
        return mote_arm_conv_rows(conv_noscratch, s, &q, io);
    }
    return mote_arm_conv2d_s8(&s->p, &q, &s->in, io->in[0], &s->filter, io->in[1], io->in[2],
                              &s->out, io->out[0], io->scratch);
}

mote_status mote_arm_depthwise_conv2d_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    if (io->in[0] != NULL && io->in[0] == io->out[0]) {
        /* 3x3 (depthwise_conv2d_s8_dsp.c, padded rows on the stack): the
         * kernel runs it in place in one call; it refuses (MOTE_E_ARG,
         * nothing written) what it cannot, which then goes through the ring */
        if (s->filter.h == 3 && s->filter.w == 3 &&
            mote_arm_depthwise_conv2d_s8(&s->p, &q, &s->in, io->in[0], &s->filter, io->in[1],
                                         io->in[2], &s->out, io->out[0], NULL) == MOTE_OK)
            return MOTE_OK;
        return mote_arm_conv_rows(dw_noscratch, s, &q, io);
    }
    return mote_arm_depthwise_conv2d_s8(&s->p, &q, &s->in, io->in[0], &s->filter, io->in[1],
                                        io->in[2], &s->out, io->out[0], io->scratch);
}

mote_status mote_arm_fully_connected_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_fc_s8_step *s = (const mote_fc_s8_step *)step;
    mote_fc_s8_params p;
    mote_requant q;
    const mote_fc_s8_dims d = mote_fc_s8_step_unpack(s, &p, &q);
    return mote_arm_fully_connected_s8(&p, &q, d.batches, d.depth, d.out_c, io->in[0], io->in[1],
                                       io->in[2], io->out[0], io->scratch);
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
