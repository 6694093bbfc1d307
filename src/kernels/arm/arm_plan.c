/*
 * arm_plan.c — which cases the Cortex-M DSP kernels take, and the scratch
 * they need. Portable C (no ACLE): compiled on the host too, so a host
 * tool can plan memory for a Cortex-M target.
 */
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_mve.h"
#include "kernels/arm/arm_paths.h"

static int dims_ok(const mote_dims *d)
{
    return d && d->n > 0 && d->h > 0 && d->w > 0 && d->c > 0;
}

static int geom_ok(const mote_conv_geom *g)
{
    return g->stride_h >= 1 && g->stride_w >= 1 && g->dilation_h >= 1 && g->dilation_w >= 1;
}

int mote_arm_conv2d_s8_fits(const mote_conv_s8_params *p, const mote_dims *input_dims,
                            const mote_dims *filter_dims, const mote_dims *output_dims)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    if (!p || !dims_ok(id) || !dims_ok(fd) || !dims_ok(od) || !geom_ok(&p->geom)) return 0;
    /* groups = 1 only; grouped convolution stays with the reference. */
    return od->n == id->n && od->c == fd->n && fd->c == id->c;
}

uint32_t mote_arm_conv2d_s8_scratch_bytes(const mote_conv_s8_params *p, const mote_dims *input_dims,
                                          const mote_dims *filter_dims,
                                          const mote_dims *output_dims)
{
    (void)p;
    (void)input_dims;
    (void)filter_dims;
    (void)output_dims;
    return 0; /* direct: no im2col */
}

int mote_arm_depthwise_conv2d_s8_fits(const mote_conv_s8_params *p, const mote_dims *input_dims,
                                      const mote_dims *filter_dims, const mote_dims *output_dims)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    if (!p || !dims_ok(id) || !dims_ok(fd) || !dims_ok(od) || !geom_ok(&p->geom)) return 0;
    return p->depth_multiplier == 1 && fd->n == 1 && od->n == id->n && od->c == id->c &&
           fd->c == id->c && fd->h * fd->w <= MOTE_ARM_DW_MAX_TAPS;
}

uint32_t mote_arm_depthwise_conv2d_s8_scratch_bytes(const mote_conv_s8_params *p,
                                                    const mote_dims *input_dims,
                                                    const mote_dims *filter_dims,
                                                    const mote_dims *output_dims)
{
    (void)p;
    (void)input_dims;
    (void)filter_dims;
    (void)output_dims;
    return 0; /* the filter of one channel group is widened on the stack */
}

/* The rule mote_arm_conv2d_s8 follows (arm_paths.h): what each path's
 * stack buffers hold and where it executes fewest instructions. */
int mote_arm_conv2d_s8_path(const mote_conv_s8_params *p, const mote_dims *input_dims,
                            const mote_dims *filter_dims, const mote_dims *output_dims, int inplace)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    int32_t K, G, OC;
    int pw1, one;
    if (!mote_arm_conv2d_s8_fits(p, id, fd, od)) return MOTE_ARM_CONV_NONE;
    K = fd->h * fd->w * fd->c;
    G = (K + 3) / 4;
    OC = od->c;
    /* one: 1x1, no padding; pw1: also stride 1, pixel i reads input pixel i, one run */
    one = fd->h == 1 && fd->w == 1 && p->geom.pad_h == 0 && p->geom.pad_w == 0;
    pw1 = one && p->geom.stride_h == 1 && p->geom.stride_w == 1 && od->h == id->h && od->w == id->w;
    /* eight or sixteen input channels (vwwa): the inputs in registers, every
     * channel per pixel */
    if (pw1 && (K == 8 || K == 16) && OC % 4 == 0 && OC * (K / 2 + 4) <= MOTE_ARM_PWK_WORDS &&
        !inplace)
        return MOTE_ARM_CONV_PWK;
    if (pw1 && K % 4 == 0 && OC % 4 == 0 && 2 * K <= MOTE_ARM_PW_WB_WORDS &&
        (inplace ? OC == K : K % 8 == 0))
        return MOTE_ARM_CONV_PW;
    /* deeper pointwise inputs: four-pixel blocks */
    if (pw1 && K % 8 == 0 && K <= MOTE_ARM_PW4_MAX_K && OC % 4 == 0 && (!inplace || OC == K))
        return MOTE_ARM_CONV_PW4;
    /* in place, pointwise: pixel by pixel, each pixel's inputs are in the
     * patch before its outputs overwrite them; other filters row by row */
    if (inplace)
        return pw1 && 2 * G <= MOTE_ARM_CONV_XW_WORDS ? MOTE_ARM_CONV_PATCH : MOTE_ARM_CONV_RING;
    /* 1x1 strided, no padding, out of place (IC's shortcut convolutions):
     * the subsampled pixels gathered and widened for the pixel-chunk
     * engine; every pixel read lies inside the input ((o - 1) s < i, so
     * o <= i), and the output is not the input's shape: a step of that
     * shape (strided along an axis of size 1) may be planned in place,
     * and its row calls then keep the path it took before (the in-place
     * rows have no row of this path) */
    if (one && (od->h != id->h || od->w != id->w) && K % 8 == 0 && 2 * K <= MOTE_ARM_PW_WB_WORDS &&
        OC % 4 == 0 && od->h <= (id->h - 1) / p->geom.stride_h + 1 &&
        od->w <= (id->w - 1) / p->geom.stride_w + 1)
        return MOTE_ARM_CONV_PWS;
    /* first layers (h-first): few input channels, 8 or 16 output channels */
    if (mote_arm_first_ok(p, id, fd, od)) return MOTE_ARM_CONV_FIRST;
    /* few input channels (first layers: 3x3x3), K not whole groups: two
     * pixels by two channels over a padded patch once there are more than
     * 8 channels (with 8 or fewer, the widened weights' pixel runs) */
    if (K % 4 != 0 && OC > 8 && mote_arm_c2_ok(K, fd->c, OC, pw1)) return MOTE_ARM_CONV_2X2;
    /* widened weights pay off over many pixels (a band or row call may
     * hand over a short row), or with few output channels (first layers:
     * the gathered pixel is shared by every block) */
    if (8 * G <= MOTE_ARM_CONV_WB_WORDS && ((pw1 && od->n * od->h * od->w >= 16) || OC <= 16))
        return MOTE_ARM_CONV_WIDENED;
    /* four pixels x one channel (h-c4): where it executes fewer
     * instructions than 2x2 (also needs shifts in [-23, -2]: else the
     * patch path) */
    if (mote_arm_p4_ok(K, fd->c, OC, pw1) && K >= MOTE_ARM_P4_MIN_K) return MOTE_ARM_CONV_4PX;
    /* 2x2 also needs every shift in [-23, -2], known at run time only: otherwise
     * it runs the patch path */
    if (mote_arm_c2_ok(K, fd->c, OC, pw1)) return MOTE_ARM_CONV_2X2;
    if (2 * G <= MOTE_ARM_CONV_XW_WORDS) return MOTE_ARM_CONV_PATCH;
    return MOTE_ARM_CONV_DIRECT;
}

int mote_arm_dw_3x3_s2_case(const mote_conv_s8_params *p, const mote_dims *input_dims,
                            const mote_dims *output_dims)
{
    const mote_dims *od = output_dims;
    return input_dims->n == 1 && (od->h > od->w ? p->geom.stride_h : p->geom.stride_w) == 2;
}

int mote_arm_dw_3x3_px_case(const mote_dims *output_dims)
{
    const int32_t h = output_dims->h, w = output_dims->w;
    /* at most 3x3, or even sides up to 6x6 (the 2 x 2 blocks: every line of
     * the plane in the int16 lines' ring) */
    return (h <= 3 && w <= 3) || (h <= 6 && w <= 6 && h % 2 == 0 && w % 2 == 0);
}

int mote_arm_dw_s8_path(const mote_conv_s8_params *p, const mote_dims *input_dims,
                        const mote_dims *filter_dims, const mote_dims *output_dims, int inplace)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    if (!mote_arm_depthwise_conv2d_s8_fits(p, id, fd, od)) return MOTE_ARM_DW_NONE;
    /* 3x3 in padded rows: three rows of (OW - 1) * stride + 3 pixels of at
     * least four channels on the stack. In place too when the rows hold
     * fewer channels than the input has: a channel block reads and writes
     * its own channels only (depthwise), so blocks never see each other's
     * outputs, and within a block the padded rows keep every input row a
     * later output row reads */
    if (fd->h == 3 && fd->w == 3 && id->c % 4 == 0 && p->geom.dilation_h == 1 &&
        p->geom.dilation_w == 1) {
        const int32_t pcols = (od->w - 1) * p->geom.stride_w + 3;
        int32_t cc = MOTE_ARM_DW3_ROW_BYTES / pcols / 4 * 4;
        if (cc > MOTE_ARM_DW3_CH) cc = MOTE_ARM_DW3_CH;
        if (cc > id->c) cc = id->c;
        if (cc >= 4 &&
            (!inplace || (id->n == 1 && od->w == id->w && (p->geom.stride_h == 1 || od->h == 1))))
            return MOTE_ARM_DW_3X3;
    }
    return inplace ? MOTE_ARM_DW_RING : MOTE_ARM_DW_GENERAL;
}

int mote_arm_fully_connected_s8_fits(const mote_fc_s8_params *p, int32_t batches, int32_t depth,
                                     int32_t out_c)
{
    return p && p->filter_offset == 0 && batches >= 1 && depth >= 1 && out_c >= 1;
}

uint32_t mote_arm_fully_connected_s8_scratch_bytes(const mote_fc_s8_params *p, int32_t batches,
                                                   int32_t depth, int32_t out_c)
{
    (void)p;
    (void)batches;
    (void)depth;
    (void)out_c;
    return 0; /* the input is widened in registers */
}

static int pool_fits(const mote_pool_s8_params *p, const mote_dims *id, const mote_dims *od)
{
    return p && dims_ok(id) && dims_ok(od) && p->filter_h >= 1 && p->filter_w >= 1 &&
           p->geom.stride_h >= 1 && p->geom.stride_w >= 1 && p->geom.pad_h >= 0 &&
           p->geom.pad_w >= 0 && od->n == id->n && od->c == id->c;
}

int mote_arm_avg_pool_s8_fits(const mote_pool_s8_params *p, const mote_dims *input_dims,
                              const mote_dims *output_dims)
{
    return pool_fits(p, input_dims, output_dims);
}

uint32_t mote_arm_avg_pool_s8_scratch_bytes(const mote_pool_s8_params *p,
                                            const mote_dims *input_dims,
                                            const mote_dims *output_dims)
{
    (void)p;
    (void)input_dims;
    (void)output_dims;
    return 0;
}

int mote_arm_max_pool_s8_fits(const mote_pool_s8_params *p, const mote_dims *input_dims,
                              const mote_dims *output_dims)
{
    return pool_fits(p, input_dims, output_dims);
}

uint32_t mote_arm_max_pool_s8_scratch_bytes(const mote_pool_s8_params *p,
                                            const mote_dims *input_dims,
                                            const mote_dims *output_dims)
{
    (void)p;
    (void)input_dims;
    (void)output_dims;
    return 0;
}

static int same_dims(const mote_dims *a, const mote_dims *b)
{
    return a->n == b->n && a->h == b->h && a->w == b->w && a->c == b->c;
}

int mote_arm_add_s8_fits(const mote_add_s8_params *p, const mote_dims *in1_dims,
                         const mote_dims *in2_dims, const mote_dims *output_dims)
{
    return p && dims_ok(in1_dims) && dims_ok(in2_dims) && dims_ok(output_dims) &&
           same_dims(in1_dims, output_dims) && same_dims(in2_dims, output_dims) &&
           p->left_shift >= 0 && p->left_shift <= 20 && p->input1_multiplier >= 0 &&
           p->input2_multiplier >= 0 && p->output_multiplier >= 0 && p->input1_shift <= 0 &&
           p->input2_shift <= 0 && p->output_shift <= 0 && p->input1_shift >= -31 &&
           p->input2_shift >= -31 && p->output_shift >= -31;
}

int mote_mve_depthwise_conv2d_s8_fits(const mote_conv_s8_params *p, const mote_dims *input_dims,
                                      const mote_dims *filter_dims, const mote_dims *output_dims)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    if (!p || !dims_ok(id) || !dims_ok(fd) || !dims_ok(od) || !geom_ok(&p->geom)) return 0;
    /* depth multiplier 1; or one input channel (a convolution in all but
     * the weight layout), window x multiplier <= 256 weights */
    return fd->n == 1 && od->n == id->n && od->c == id->c * p->depth_multiplier && fd->c == od->c &&
           (p->depth_multiplier == 1 ||
            (id->c == 1 && p->depth_multiplier > 1 && fd->h * fd->w <= 256 / od->c));
}
