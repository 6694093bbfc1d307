/* arm_rows.c — portable fits / scratch answers of the Arm DSP rows, read
 * from a step's parameter block (arm_rows.h). */
#include "kernels/arm/arm_rows.h"
#include "kernels/arm/arm_kernels.h"
#include "kernels/arm/arm_mve.h"
#include "kernels/arm/arm_paths.h"
#include "kernels/kernel_table.h"
#include <string.h>

/* The Arm kernels index the requantization table by output channel: a
 * block with one shared entry (per-tensor weights) stays with ref. */
int mote_arm_conv2d_s8_step_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return s->channels == s->out.c && mote_arm_conv2d_s8_fits(&s->p, &s->in, &s->filter, &s->out);
}

/* The path rows (arm_paths.h): each takes the steps the path rule gives
 * its path, not in place or (the _ip rows, which core/steps.c asks for
 * only then) in place. */
int mote_arm_conv2d_s8_step_path(const void *step, int inplace)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    if (s->channels != s->out.c) return MOTE_ARM_CONV_NONE;
    return mote_arm_conv2d_s8_path(&s->p, &s->in, &s->filter, &s->out, inplace);
}

static int conv_rows_path(const void *step);

int mote_arm_conv_pw_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_PW;
}

/* mote_kernel_room_slot (kernel_table.h) for the Arm rows: arm_dsp_pw (out
 * of place), and arm_dsp_pw_ip (in place: with room the step then takes the
 * arm_dsp_pw_ip_room row; KWS's in-place steps get none, so its build links
 * none of this) would use a buffer for its pixels in k chunks (1 .. 11), while a chunk
 * holds more than the stack buffer's (bytes 0 past that), and records the room
 * it got, from its output, + 4 + k, in depth_multiplier (unused by
 * CONV_2D: lowering writes 1), which mote_arm_conv_pw_room_step reads. */
/* (cppcheck 2.10 asks a function pointer to point to const: not a type C has) */
// cppcheck-suppress constParameter
int32_t *mote_arm_room_slot_if(int32_t row, void *step, int (*fits)(const void *))
{
    if (row < 0 || (uint32_t)row >= mote_kernel_row_count || mote_kernel_rows[row].fits != fits)
        return NULL;
    return &((mote_conv_s8_step *)step)->p.depth_multiplier;
}

int32_t *mote_arm_room(int32_t row, void *step, int32_t k, uint32_t *bytes)
{
    mote_conv_s8_step *s = (mote_conv_s8_step *)step;
    uint32_t words;
    if (row < 0 || (uint32_t)row >= mote_kernel_row_count ||
        (mote_kernel_rows[row].fits != mote_arm_conv_pw_fits &&
         mote_kernel_rows[row].fits != mote_arm_conv_pw_ip_fits))
        return NULL;
    /* 32-bit sums (no 64-bit division linked): at most 2^22 pixels of at
     * most 128 bytes, below 2^30 bytes. */
    *bytes = 0;
    if (s->out.n != 1 || s->out.h > 2048 || s->out.w > 2048 || k < 1 || k > 11)
        return &s->p.depth_multiplier;
    /* Useful while its chunks hold more pixels than the stack buffer's, and
     * in one chunk anyway: the room path runs the full unroll
     * (conv2d_s8_pw_room_dsp.c), a few instructions a block fewer. */
    words = (uint32_t)mote_arm_pw_room_words(s->filter.c, s->out.h * s->out.w, k);
    if (k == 1 ||
        words / (uint32_t)s->filter.c * 2u - 2u > (uint32_t)mote_arm_pw_stack_pixels(s->filter.c))
        *bytes = 4u * words;
    return &s->p.depth_multiplier;
}

/* The widened-weight path does out_c rounded down to 4; the rest direct:
 * a row of its own, so that out_c % 4 == 0 links no direct path. */
int mote_arm_conv_widened_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_WIDENED && s->out.c % 4 == 0;
}

int mote_arm_conv_widened_tail_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_WIDENED && s->out.c % 4 != 0;
}

int mote_arm_conv_2x2_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_2X2;
}

/* four pixels x one channel (h-c4) */
int mote_arm_conv_4px_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_4PX;
}

int mote_arm_conv_rows_4px_fits(const void *step)
{
    return conv_rows_path(step) == MOTE_ARM_CONV_4PX;
}

/* The patch path out of place: pixel chunks alone when the geometry allows
 * them (arm_dsp_patch_ck), else arm_dsp_patch (either, by the shifts). */
static int patch_chunks_ok(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return mote_arm_patch_chunks_ok(s->filter.h * s->filter.w * s->in.c, s->out.c);
}

int mote_arm_conv_patch_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_PATCH && !patch_chunks_ok(step);
}

int mote_arm_conv_patch_ck_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_PATCH && patch_chunks_ok(step);
}

/* First layers, few input channels (conv2d_s8_first_dsp.c). */
int mote_arm_conv_first_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_FIRST;
}

int mote_arm_conv_direct_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_DIRECT;
}

int mote_arm_conv_pw_ip_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 1) == MOTE_ARM_CONV_PW;
}

/* In place with the room core/steps.c gave it (mote_arm_room on the
 * arm_dsp_pw_ip row's step): a room tag, k = 1 .. 11, in depth_multiplier. */
int mote_arm_conv_pw_ip_room_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return (s->p.depth_multiplier & 15) > 4 && mote_arm_conv_pw_ip_fits(step);
}

int mote_arm_conv_pw4_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 0) == MOTE_ARM_CONV_PW4;
}

int mote_arm_conv_pw4_ip_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 1) == MOTE_ARM_CONV_PW4;
}

int mote_arm_conv_patch_ip_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 1) == MOTE_ARM_CONV_PATCH;
}

/* In place row by row: each row call is out of place and takes the path
 * the whole step takes out of place (the rule reads no row count for a
 * filter of more than one tap, and a pointwise step in place never gets
 * here unless its K is past every widened buffer): one row per path. */
static int conv_rows_path(const void *step)
{
    return mote_arm_conv2d_s8_step_path(step, 1) == MOTE_ARM_CONV_RING
               ? mote_arm_conv2d_s8_step_path(step, 0)
               : MOTE_ARM_CONV_NONE;
}

int mote_arm_conv_rows_widened_fits(const void *step)
{
    return conv_rows_path(step) == MOTE_ARM_CONV_WIDENED;
}

int mote_arm_conv_rows_2x2_fits(const void *step)
{
    return conv_rows_path(step) == MOTE_ARM_CONV_2X2;
}

int mote_arm_conv_rows_patch_fits(const void *step)
{
    return conv_rows_path(step) == MOTE_ARM_CONV_PATCH;
}

int mote_arm_conv_rows_fits(const void *step)
{
    return conv_rows_path(step) == MOTE_ARM_CONV_DIRECT;
}

int mote_arm_dw_step_path(const void *step, int inplace)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    if (s->channels != s->out.c) return MOTE_ARM_DW_NONE;
    return mote_arm_dw_s8_path(&s->p, &s->in, &s->filter, &s->out, inplace);
}

int mote_arm_dw_3x3_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return mote_arm_dw_step_path(step, 0) == MOTE_ARM_DW_3X3 &&
           !mote_arm_dw_3x3_s2_case(&s->p, &s->in, &s->out) && !mote_arm_dw_3x3_px_case(&s->out);
}

/* The 3x3 path's case out of place with element stride 2: a row of its
 * own (the path rule stays MOTE_ARM_DW_3X3, so firmware with only stride-1
 * layers links none of it). */
int mote_arm_dw_3x3_s2_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return mote_arm_dw_step_path(step, 0) == MOTE_ARM_DW_3X3 &&
           mote_arm_dw_3x3_s2_case(&s->p, &s->in, &s->out) && !mote_arm_dw_3x3_px_case(&s->out);
}

/* The 3x3 path's case out of place with at most 3x3 outputs: the padded
 * int8 rows and the hand-written pixel loop (a row of its own). */
int mote_arm_dw_3x3_px_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return mote_arm_dw_step_path(step, 0) == MOTE_ARM_DW_3X3 && mote_arm_dw_3x3_px_case(&s->out);
}

int mote_arm_dw_general_fits(const void *step)
{
    return mote_arm_dw_step_path(step, 0) == MOTE_ARM_DW_GENERAL;
}

int mote_arm_dw_3x3_ip_fits(const void *step)
{
    return mote_arm_dw_step_path(step, 1) == MOTE_ARM_DW_3X3;
}

/* In place row by row: each row call is not in place, and takes the path
 * the whole step would take out of place (the rule reads no row count). */
int mote_arm_dw_rows_3x3_fits(const void *step)
{
    return mote_arm_dw_step_path(step, 1) == MOTE_ARM_DW_RING &&
           mote_arm_dw_step_path(step, 0) == MOTE_ARM_DW_3X3;
}

int mote_arm_dw_rows_fits(const void *step)
{
    return mote_arm_dw_step_path(step, 1) == MOTE_ARM_DW_RING &&
           mote_arm_dw_step_path(step, 0) == MOTE_ARM_DW_GENERAL;
}

int mote_arm_depthwise_conv2d_s8_step_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return s->channels == s->out.c &&
           mote_arm_depthwise_conv2d_s8_fits(&s->p, &s->in, &s->filter, &s->out);
}

int mote_arm_fully_connected_s8_step_fits(const void *step)
{
    const mote_fc_s8_step *s = (const mote_fc_s8_step *)step;
    mote_fc_s8_params p;
    mote_requant q;
    const mote_fc_s8_dims d = mote_fc_s8_step_unpack(s, &p, &q);
    return mote_arm_fully_connected_s8_fits(&p, d.batches, d.depth, d.out_c);
}

int mote_arm_fc_xw_fits(const void *step)
{
    const mote_fc_s8_step *s = (const mote_fc_s8_step *)step;
    const mote_fc_s8_dims d = mote_fc_s8_step_dims(s);
    return mote_arm_fully_connected_s8_step_fits(step) && mote_arm_fc_xw_ok(d.depth, d.out_c);
}

int mote_arm_fc_dot_fits(const void *step)
{
    const mote_fc_s8_step *s = (const mote_fc_s8_step *)step;
    const mote_fc_s8_dims d = mote_fc_s8_step_dims(s);
    return mote_arm_fully_connected_s8_step_fits(step) && !mote_arm_fc_xw_ok(d.depth, d.out_c);
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

int mote_arm_add_s8_step_fits(const void *step)
{
    const mote_add_s8_step *s = (const mote_add_s8_step *)step;
    return mote_arm_add_s8_fits(&s->p, &s->in1, &s->in2, &s->out);
}

/* The Helium CONV_2D row: every step the DSP kernels take. */
int mote_mve_conv2d_s8_step_fits(const void *step)
{
    return mote_arm_conv2d_s8_step_fits(step);
}

/* The Helium depthwise kernel: depth multiplier 1, any window. */
int mote_mve_depthwise_conv2d_s8_step_fits(const void *step)
{
    const mote_conv_s8_step *s = (const mote_conv_s8_step *)step;
    return s->channels == s->out.c &&
           mote_mve_depthwise_conv2d_s8_fits(&s->p, &s->in, &s->filter, &s->out);
}

#if defined(__ARM_FEATURE_MVE)
#include <arm_mve.h>
/* n bytes, 16 at a time in one Q register, in a tail-predicated loop
 * (Helium: a row of KWS's in-place depthwise layers, 320 bytes, costs 20
 * steps of three instructions; the compiler's predicated loop took 14). */
static void copy_row(int8_t *d, const int8_t *s, size_t n)
{
    __asm__ volatile("wlstp.8 lr, %[n], 2f\n"
                     "1:\n\t"
                     "vldrb.u8 q0, [%[s]], #16\n\t"
                     "vstrb.8 q0, [%[d]], #16\n\t"
                     "letp lr, 1b\n"
                     "2:\n\t"
                     : [d] "+r"(d), [s] "+r"(s)
                     : [n] "r"(n)
                     : "lr", "d0", "d1", "memory");
}
#else
/* n bytes, a word at a time (newlib-nano's memcpy copies bytes). */
static void copy_row(int8_t *d, const int8_t *s, size_t n)
{
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        uint32_t v;
        memcpy(&v, s + i, 4);
        memcpy(d + i, &v, 4);
    }
    for (; i < n; ++i)
        d[i] = s[i];
}
#endif

mote_status mote_arm_conv_rows(mote_arm_conv_fn fn, const mote_conv_s8_step *s,
                               const mote_requant *q, const mote_kernel_io *io)
{
    const mote_dims *id = &s->in;
    int8_t *buf = (int8_t *)io->out[0], *ring = (int8_t *)io->scratch;
    const int one_row = s->filter.h == 1 && s->p.geom.pad_h == 0 && s->p.geom.stride_h == 1;
    mote_conv_s8_params p = s->p;
    mote_dims od = s->out, rid = s->in;
    int32_t rows, d, y;
    size_t row;

    /* Output rows no more than the input's (VALID shrinks them), stride 1
     * along rows (or one output row): as core/plan.c plans it and the
     * reference rows do it (kernels/ref/ref_rows.h). */
    if (buf == NULL || ring == NULL || id->n != 1 || od.n != 1 || od.h > id->h || od.h < 1 ||
        od.w != id->w || od.c != id->c || id->w < 1 || id->c < 1 ||
        (s->p.geom.stride_h != 1 && od.h != 1))
        return MOTE_E_ARG;
    rows = mote_inplace_ring_rows(od.h, s->p.geom.pad_h);
    d = rows - 1;
    row = (size_t)id->w * (size_t)id->c;
    od.h = 1;
    rid.h = 1;
    for (y = 0; y < s->out.h; ++y) {
        mote_status st;
        int8_t *dst = ring + (size_t)(y % rows) * row;
        if (one_row) {
            st = fn(&p, q, &rid, buf + (size_t)y * row, &s->filter, (const int8_t *)io->in[1],
                    (const int32_t *)io->in[2], &od, dst);
        } else {
            p.geom.pad_h = s->p.geom.pad_h - y * s->p.geom.stride_h;
            st = fn(&p, q, id, buf, &s->filter, (const int8_t *)io->in[1],
                    (const int32_t *)io->in[2], &od, dst);
        }
        if (st != MOTE_OK) return st;
        if (y >= d)
            copy_row(buf + (size_t)(y - d) * row, ring + (size_t)((y - d) % rows) * row, row);
    }
    for (y = s->out.h - d; y < s->out.h; ++y)
        copy_row(buf + (size_t)y * row, ring + (size_t)(y % rows) * row, row);
    return MOTE_OK;
}
