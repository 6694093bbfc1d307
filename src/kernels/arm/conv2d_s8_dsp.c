/*
 * conv2d_s8_dsp.c — CONV_2D, int8, for cores with the DSP extension.
 * Bit-exact with mote_ref_conv2d_s8 (groups = 1).
 *
 * No arena scratch. The kernel takes the path mote_arm_conv2d_s8_path
 * (arm_plan.c) names for the case; each path is a file of its own and a
 * kernel-table row of its own (arm_paths.h), so a firmware links only the
 * paths its steps run. This entry point, which takes them all, is for
 * callers outside the table (tests, the in-place row-by-row row).
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_paths.h"

mote_status mote_arm_conv2d_s8(const mote_conv_s8_params *p, const mote_requant *q,
                               const mote_dims *input_dims, const int8_t *input,
                               const mote_dims *filter_dims, const int8_t *filter,
                               const int32_t *bias, const mote_dims *output_dims, int8_t *output,
                               void *scratch)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    (void)scratch;

    if (!p || !q || !q->multiplier || !q->shift || !input_dims || !input || !filter_dims ||
        !filter || !output_dims || !output)
        return MOTE_E_ARG;
    switch (mote_arm_conv2d_s8_path(p, id, fd, od, input == output)) {
    case MOTE_ARM_CONV_PW:
        mote_arm_conv_pw(p, q, fd->c, od->c, od->n * od->h * od->w, input, output, filter, bias);
        return MOTE_OK;
    case MOTE_ARM_CONV_PWK:
        if (!mote_arm_conv_pwk(p, q, fd->c, od->c, od->n * od->h * od->w, input, output, filter,
                               bias))
            mote_arm_conv_pw(p, q, fd->c, od->c, od->n * od->h * od->w, input, output, filter,
                             bias);
        return MOTE_OK;
    case MOTE_ARM_CONV_PWS:
        mote_arm_conv_pws(p, q, id, input, od, filter, bias, output);
        return MOTE_OK;
    case MOTE_ARM_CONV_PW4:
        mote_arm_conv_pw4(p, q, fd->c, od->c, od->n * od->h * od->w, input, output, filter, bias);
        return MOTE_OK;
    case MOTE_ARM_CONV_WIDENED:
        mote_arm_conv_direct(p, q, id, input, fd, filter, bias, od, output,
                             mote_arm_conv_widened(p, q, id, input, fd, filter, bias, od, output));
        return MOTE_OK;
    case MOTE_ARM_CONV_2X2:
        mote_arm_conv_or_patch(mote_arm_conv_2x2, p, q, id, input, fd, filter, bias, od, output);
        return MOTE_OK;
    case MOTE_ARM_CONV_4PX:
        mote_arm_conv_or_patch(mote_arm_conv_4px, p, q, id, input, fd, filter, bias, od, output);
        return MOTE_OK;
    case MOTE_ARM_CONV_PATCH:
        mote_arm_conv_patch(p, q, id, input, fd, filter, bias, od, output);
        return MOTE_OK;
    case MOTE_ARM_CONV_DIRECT:
        mote_arm_conv_direct(p, q, id, input, fd, filter, bias, od, output, 0);
        return MOTE_OK;
    case MOTE_ARM_CONV_FIRST:
        mote_arm_conv_or_patch(mote_arm_conv_first, p, q, id, input, fd, filter, bias, od, output);
        return MOTE_OK;
    default: /* not taken, or in place and not pointwise: mote_arm_conv_rows */ return MOTE_E_ARG;
    }
}

#else
typedef int mote_arm_unused_;
#endif
