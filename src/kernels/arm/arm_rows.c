/* arm_rows.c — portable fits / scratch answers of the Arm DSP rows, read
 * from a step's parameter block (arm_rows.h). */
#include "kernels/arm/arm_rows.h"
#include "kernels/arm/arm_kernels.h"

/* The Arm kernels index the requantization table by output channel: a
 * block with one shared entry (per-tensor weights) stays with ref. */
int mote_arm_conv2d_s8_step_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return s->channels == s->out.c && mote_arm_conv2d_s8_fits(&s->p, &s->in, &s->filter, &s->out);
}

uint32_t mote_arm_conv2d_s8_step_scratch(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return mote_arm_conv2d_s8_scratch_bytes(&s->p, &s->in, &s->filter, &s->out);
}

int mote_arm_depthwise_conv2d_s8_step_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return s->channels == s->out.c &&
           mote_arm_depthwise_conv2d_s8_fits(&s->p, &s->in, &s->filter, &s->out);
}

uint32_t mote_arm_depthwise_conv2d_s8_step_scratch(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return mote_arm_depthwise_conv2d_s8_scratch_bytes(&s->p, &s->in, &s->filter, &s->out);
}

int mote_arm_fully_connected_s8_step_fits(const void *step)
{
    const mote_fc_s8_step *s = (const mote_fc_s8_step *)step;
    return mote_arm_fully_connected_s8_fits(&s->p, s->batches, s->depth, s->out_c);
}

uint32_t mote_arm_fully_connected_s8_step_scratch(const void *step)
{
    const mote_fc_s8_step *s = (const mote_fc_s8_step *)step;
    return mote_arm_fully_connected_s8_scratch_bytes(&s->p, s->batches, s->depth, s->out_c);
}

int mote_arm_avg_pool_s8_step_fits(const void *step)
{
    const mote_pool_s8_step *s = (const mote_pool_s8_step *)step;
    return mote_arm_avg_pool_s8_fits(&s->p, &s->in, &s->out);
}

int mote_arm_max_pool_s8_step_fits(const void *step)
{
    const mote_pool_s8_step *s = (const mote_pool_s8_step *)step;
    return mote_arm_max_pool_s8_fits(&s->p, &s->in, &s->out);
}
