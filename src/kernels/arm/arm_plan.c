/*
 * arm_plan.c — which cases the Cortex-M DSP kernels take, and the scratch
 * they need. Portable C (no ACLE): compiled on the host too, so a host
 * tool can plan memory for a Cortex-M target.
 */
#include "kernels/arm/arm_kernels.h"

static int dims_ok(const mote_dims *d)
{
    return d && d->n > 0 && d->h > 0 && d->w > 0 && d->c > 0;
}

static int geom_ok(const mote_conv_geom *g)
{
    return g->stride_h >= 1 && g->stride_w >= 1 && g->dilation_h >= 1 && g->dilation_w >= 1;
}

/* Bytes of one int16 column pair of depth k (see arm_dsp.h). */
static uint32_t col_pair_bytes(int32_t k)
{
    return (uint32_t)(2 * (k & ~3) + 8) * 2u;
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
    if (!mote_arm_conv2d_s8_fits(p, input_dims, filter_dims, output_dims)) return 0;
    return col_pair_bytes(filter_dims->h * filter_dims->w * filter_dims->c);
}

int mote_arm_depthwise_conv2d_s8_fits(const mote_conv_s8_params *p, const mote_dims *input_dims,
                                      const mote_dims *filter_dims, const mote_dims *output_dims)
{
    const mote_dims *id = input_dims, *fd = filter_dims, *od = output_dims;
    if (!p || !dims_ok(id) || !dims_ok(fd) || !dims_ok(od) || !geom_ok(&p->geom)) return 0;
    return p->depth_multiplier == 1 && fd->n == 1 && od->n == id->n && od->c == id->c &&
           fd->c == id->c;
}

uint32_t mote_arm_depthwise_conv2d_s8_scratch_bytes(const mote_conv_s8_params *p,
                                                    const mote_dims *input_dims,
                                                    const mote_dims *filter_dims,
                                                    const mote_dims *output_dims)
{
    if (!mote_arm_depthwise_conv2d_s8_fits(p, input_dims, filter_dims, output_dims)) return 0;
    /* The filter of every group of four channels, widened to int16 pairs. */
    return (uint32_t)(filter_dims->h * filter_dims->w * (filter_dims->c & ~3)) * 2u;
}

int mote_arm_fully_connected_s8_fits(const mote_fc_s8_params *p, int32_t batches, int32_t depth,
                                     int32_t out_c)
{
    return p && p->filter_offset == 0 && batches >= 1 && depth >= 1 && out_c >= 1;
}

uint32_t mote_arm_fully_connected_s8_scratch_bytes(const mote_fc_s8_params *p, int32_t batches,
                                                   int32_t depth, int32_t out_c)
{
    if (!mote_arm_fully_connected_s8_fits(p, batches, depth, out_c)) return 0;
    return col_pair_bytes(depth);
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
