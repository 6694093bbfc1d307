/* s16_rows.c — which steps the 16x8 Arm rows take (arm_s16.h): portable,
 * so the host plans for a Cortex-M target as the device lowers. */
#include "kernels/arm/arm_s16.h"

static int dims_ok(const mote_dims *d)
{
    return d->n >= 1 && d->h >= 1 && d->w >= 1 && d->c >= 1;
}

/* The reference's own shape checks, so a refused step reaches the
 * reference row and its status. */
static int conv_ok(const mote_conv_s16_step *s)
{
    return dims_ok(&s->in) && dims_ok(&s->filter) && dims_ok(&s->out) && s->out.n == s->in.n &&
           (s->channels == 1 || s->channels == s->out.c) && s->geom.stride_h >= 1 &&
           s->geom.stride_w >= 1 && s->geom.dilation_h >= 1 && s->geom.dilation_w >= 1;
}

int mote_arm_conv2d_s16_step_fits(const void *step)
{
    const mote_conv_s16_step *s = (const mote_conv_s16_step *)step;
    return conv_ok(s) && s->filter.c == s->in.c && s->out.c == s->filter.n;
}

int mote_arm_depthwise_conv2d_s16_step_fits(const void *step)
{
    const mote_conv_s16_step *s = (const mote_conv_s16_step *)step;
    return conv_ok(s) && s->depth_multiplier == 1 && s->filter.n == 1 && s->out.c == s->in.c &&
           s->filter.c == s->out.c && (int64_t)s->filter.h * s->filter.w <= MOTE_S16_DW_MAX_TAPS;
}

int mote_arm_fully_connected_s16_step_fits(const void *step)
{
    const mote_fc_s16_step *s = (const mote_fc_s16_step *)step;
    return s->batches >= 1 && s->depth >= 1 && s->out_c >= 1 &&
           s->channels == (s->per_channel ? s->out_c : 1);
}
