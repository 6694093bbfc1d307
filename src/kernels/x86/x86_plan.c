/*
 * x86_plan.c — which steps the x86-64 rows take, and the scratch they need.
 * Portable C (no intrinsics), so it compiles on every target; only x86-64
 * hosts list the rows that call it (kernels.def).
 */
#include "kernels/x86/x86_rows.h"
#include "kernels/x86/x86_kernels.h"

static int dims_ok(const mote_dims *d)
{
    return d->n > 0 && d->h > 0 && d->w > 0 && d->c > 0;
}

static int geom_ok(const mote_conv_geom *g)
{
    return g->stride_h >= 1 && g->stride_w >= 1 && g->dilation_h >= 1 && g->dilation_w >= 1 &&
           g->pad_h >= 0 && g->pad_w >= 0;
}

/* Requantization entries: one per output channel, or one for all. */
static int channels_ok(const mote_conv_s8_step *s)
{
    return s->channels == 1 || s->channels == s->out.c;
}

int mote_x86_conv2d_s8_step_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    if (!dims_ok(&s->in) || !dims_ok(&s->filter) || !dims_ok(&s->out) || !geom_ok(&s->p.geom))
        return 0;
    /* The kernels step between filter rows by dilation_h input rows in
     * int32: a dilation that only a 1-row filter can have (lowering bounds
     * the dilated window, not the unused stride) stays with the reference. */
    if ((int64_t)s->p.geom.dilation_h * s->in.w * s->in.c > INT32_MAX ||
        (int64_t)s->p.geom.dilation_w * s->in.c > INT32_MAX)
        return 0;
    /* groups = 1 only; grouped convolution stays with the reference. */
    return channels_ok(s) && s->out.n == s->in.n && s->out.c == s->filter.n &&
           s->filter.c == s->in.c;
}

int mote_x86_conv2d_s8_pw_ip(const mote_conv_s8_step *s)
{
    const mote_conv_geom *g = &s->p.geom;
    return s->filter.h == 1 && s->filter.w == 1 && g->stride_h == 1 && g->stride_w == 1 &&
           g->pad_h == 0 && g->pad_w == 0 && s->in.n == 1 && s->out.n == 1 && s->out.h == s->in.h &&
           s->out.w == s->in.w && s->out.c == s->in.c && s->out.c <= MOTE_X86_IP_C_MAX;
}

/* The rows for steps the planner put in place (MOTE_ISA_ROW_INPLACE in
 * kernels.def): they need no scratch beyond the planner's ring. */
int mote_x86_conv2d_s8_ip_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return mote_x86_conv2d_s8_step_fits(step) && mote_x86_conv2d_s8_pw_ip(s);
}

int mote_x86_depthwise_conv2d_s8_ip_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return mote_x86_depthwise_conv2d_s8_step_fits(step) && s->in.n == 1 && s->out.n == 1 &&
           s->out.h <= s->in.h && s->out.w == s->in.w && (s->p.geom.stride_h == 1 || s->out.h == 1);
}

int mote_x86_conv2d_s8_direct(const mote_conv_s8_step *s)
{
    const mote_conv_geom *g = &s->p.geom;
    /* Every window inside the input, each of its rows contiguous. */
    return (s->filter.w == 1 || g->dilation_w == 1) && g->pad_h == 0 && g->pad_w == 0 &&
           (s->out.h - 1) * g->stride_h + (s->filter.h - 1) * g->dilation_h < s->in.h &&
           (s->out.w - 1) * g->stride_w + (s->filter.w - 1) * g->dilation_w < s->in.w;
}

int mote_x86_conv2d_s8_small(const mote_conv_s8_step *s)
{
    const int32_t k = s->filter.h * s->filter.w * s->filter.c;
    return !mote_x86_conv2d_s8_direct(s) && k <= MOTE_X86_SMALL_K &&
           s->filter.w * s->filter.c < MOTE_X86_SMALL_ROW;
}

int mote_x86_conv2d_s8_in_place(const mote_conv_s8_step *s)
{
    return mote_x86_conv2d_s8_direct(s) && s->filter.h == 1;
}

int mote_x86_pk_mode(const mote_conv_s8_step *s)
{
    const int32_t row = s->filter.w * s->filter.c;
    if (s->filter.w != 1 && s->p.geom.dilation_w != 1) return MOTE_X86_PK_COLUMN;
    if (row % 4 == 0) return MOTE_X86_PK_ROWS;
    /* Rows read to a multiple of 4 bytes: at most a third more taps. */
    return (int64_t)s->filter.h * ((row + 3) & ~3) * 3 <= (int64_t)s->filter.h * row * 4
               ? MOTE_X86_PK_PADDED
               : MOTE_X86_PK_COLUMN;
}

int32_t mote_x86_pk_k(const mote_conv_s8_step *s)
{
    const int32_t row = s->filter.w * s->filter.c;
    if (mote_x86_pk_mode(s) == MOTE_X86_PK_PADDED) return s->filter.h * ((row + 3) & ~3);
    return (s->filter.h * row + 3) & ~3;
}

uint32_t mote_x86_pk_cols(const mote_conv_s8_step *s)
{
    const int mode = mote_x86_pk_mode(s);
    const uint32_t kp = (uint32_t)mote_x86_pk_k(s);
    const uint32_t k_pad =
        ((uint32_t)s->filter.h * (uint32_t)s->filter.w * (uint32_t)s->filter.c + 3u) & ~3u;
    if (mode == MOTE_X86_PK_ROWS && mote_x86_conv2d_s8_direct(s)) return 0;
    /* MOTE_X86_PK_PADDED: a window is copied first, then padded. */
    return MOTE_X86_PK_PX * kp + (mode == MOTE_X86_PK_PADDED ? k_pad : 0u);
}

int32_t mote_x86_pk_groups(const mote_conv_s8_step *s)
{
    const int64_t kp = mote_x86_pk_k(s);
    const int32_t need = (s->out.c + 15) / 16;
    int32_t ng = 4;
    while (ng > 1 && (ng > need || (int64_t)ng * 16 * kp > MOTE_X86_PK_BYTES))
        ng /= 2;
    return ng;
}

uint32_t mote_x86_conv2d_s8_step_scratch(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    uint32_t k, k_pad;
    if (!mote_x86_conv2d_s8_step_fits(step)) return 0;
    k = (uint32_t)s->filter.h * (uint32_t)s->filter.w * (uint32_t)s->filter.c;
    k_pad = (k + 3u) & ~3u;
    /* im2col columns, for windows that cross the padding: one (windows
     * inside the input are read in place, row by row), or one per pixel of
     * a block for short windows (a first layer's few channels), whose rows
     * are too short to read in place. None when every window is inside. */
    if (mote_x86_conv2d_s8_direct(s)) return 0;
    if (mote_x86_conv2d_s8_small(s)) return MOTE_X86_PX_MAX * k_pad;
    return k_pad;
}

uint32_t mote_x86_conv2d_s8_step_scratch_avx512(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    const uint32_t per_group = 16u * (uint32_t)mote_x86_pk_k(s);
    if (!mote_x86_conv2d_s8_step_fits(step)) return 0;
    /* im2col columns, the padded weights (MOTE_X86_PK_PADDED), the packed
     * weights (conv_pk in matmul_s8_x86.c). */
    return mote_x86_pk_cols(s) + (uint32_t)mote_x86_pk_groups(s) * per_group *
                                     (mote_x86_pk_mode(s) == MOTE_X86_PK_PADDED ? 2u : 1u);
}

int mote_x86_depthwise_conv2d_s8_step_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    if (!dims_ok(&s->in) || !dims_ok(&s->filter) || !dims_ok(&s->out) || !geom_ok(&s->p.geom))
        return 0;
    return channels_ok(s) && s->p.depth_multiplier == 1 && s->filter.n == 1 &&
           s->out.n == s->in.n && s->out.c == s->in.c && s->filter.c == s->in.c;
}

int mote_x86_fully_connected_s8_step_fits(const void *step)
{
    const mote_fc_s8_step *s = (const mote_fc_s8_step *)step;
    const mote_fc_s8_dims d = mote_fc_s8_step_dims(s);
    return d.batches >= 1 && d.depth >= 1 && d.out_c >= 1;
}

int mote_x86_pool_s8_step_fits(const void *step)
{
    const mote_pool_s8_step *s = (const mote_pool_s8_step *)step;
    return dims_ok(&s->in) && dims_ok(&s->out) && s->p.filter_h >= 1 && s->p.filter_w >= 1 &&
           s->p.geom.stride_h >= 1 && s->p.geom.stride_w >= 1 && s->p.geom.pad_h >= 0 &&
           s->p.geom.pad_w >= 0 && s->out.n == s->in.n && s->out.c == s->in.c;
}

static int same_dims(const mote_dims *a, const mote_dims *b)
{
    return a->n == b->n && a->h == b->h && a->w == b->w && a->c == b->c;
}

static int lt1_shift_ok(int32_t shift)
{
    return shift <= 0 && shift >= -31;
}

int mote_x86_add_s8_step_fits(const void *step)
{
    const mote_add_s8_step *s = (const mote_add_s8_step *)step;
    /* Element-wise only (no broadcasting). */
    return dims_ok(&s->out) && same_dims(&s->in1, &s->out) && same_dims(&s->in2, &s->out) &&
           s->p.left_shift >= 0 && s->p.left_shift <= 20 && lt1_shift_ok(s->p.input1_shift) &&
           lt1_shift_ok(s->p.input2_shift) && lt1_shift_ok(s->p.output_shift);
}
