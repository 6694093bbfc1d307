/*
 * arm_paths.h — the paths of the Arm DSP CONV_2D, DEPTHWISE_CONV_2D and
 * FULLY_CONNECTED kernels, each a kernel-table row of its own (kernels.def).
 *
 * mote_arm_conv2d_s8 and mote_arm_depthwise_conv2d_s8 (arm_kernels.h) take
 * every case their _fits accepts and choose a path inside. A firmware that
 * called them would link every path, so the table has one row per path
 * instead: lowering chooses the path once per step, with the same rule the
 * two kernels follow (mote_arm_conv2d_s8_path, mote_arm_dw_s8_path, in
 * arm_plan.c: portable, so the host plans for the device), and a build
 * links only the rows its steps run.
 *
 * The rule reads the geometry only: the requantization table is not known
 * when a step is lowered. Where a path also needs every shift in [-23, -2] (2x2
 * blocking) it falls back at run time to the path the kernel took before
 * it (the patch path).
 *
 * In place (the planner gave the output input 0's buffer; core/steps.c
 * knows it when it lowers the step): pointwise steps run whole through
 * the pixel-chunk or the patch path, 3x3 depthwise steps through the
 * padded-row path; every other step the rows run through
 * mote_arm_conv_rows (arm_rows.h), one output row at a time.
 */
#ifndef MOTE_KERNELS_ARM_PATHS_H
#define MOTE_KERNELS_ARM_PATHS_H

#include <stdint.h>
#include "mote/kernels.h"

/* Stack buffers of the paths, which bound the cases they take. */
#define MOTE_ARM_CONV_WB_WORDS 152 /* widened weights: 4 rows x 19 groups */
#define MOTE_ARM_PW_WB_WORDS 256   /* pixel chunks: four widened filter rows, C <= 128 */
#define MOTE_ARM_PW_XW_WORDS 512   /* pixel chunks: widened inputs of a chunk (2 KB) */
#define MOTE_ARM_PW_BUF_WORDS 768  /* pixel chunks: widened rows (2C words), then inputs */
#define MOTE_ARM_PW4_MAX_K 256     /* pointwise past the chunks' 128: four-pixel blocks (pw4) */
#define MOTE_ARM_CONV_XW_WORDS 320 /* patch: widened inputs of one pixel, K <= 640 */
#define MOTE_ARM_C2_XW_WORDS 288   /* 2x2: two interleaved widened patches, K <= 288 */
#define MOTE_ARM_C2_XW_BIG 576     /* 2x2, in_c % 4 == 0: K <= 576 (a frame of its own) */
#define MOTE_ARM_C2_MAX_PAIRS 32   /* 2x2: output channels <= 64 */
#define MOTE_ARM_C2_SMALL_K 64     /* 2x2, K % 4 != 0 (few input channels): K < 64 */
#define MOTE_ARM_DW3_ROW_BYTES 448 /* 3x3 depthwise: one padded input row (3 on the stack) */
#define MOTE_ARM_DW3_CH 64         /* 3x3 depthwise: channels prepared at once */
#define MOTE_ARM_PWK_WORDS 512     /* pointwise K = 8 / 16: the channels' stream (2 KB) */

/* CONV_2D paths, in the order the kernel tries them. */
typedef enum mote_arm_conv_path {
    MOTE_ARM_CONV_NONE = 0, /* the DSP kernel does not take the case */
    MOTE_ARM_CONV_PW,       /* 1x1 stride 1: pixel chunks (conv2d_s8_pw_dsp.c) */
    MOTE_ARM_CONV_WIDENED,  /* widened weights (conv2d_s8_widened_dsp.c) */
    MOTE_ARM_CONV_2X2,      /* two pixels x two channels (conv2d_s8_2x2_dsp.c) */
    MOTE_ARM_CONV_PATCH,    /* one widened patch per pixel (conv2d_s8_patch_dsp.c) */
    MOTE_ARM_CONV_DIRECT,   /* int8 runs, any size (conv2d_s8_direct_dsp.c) */
    MOTE_ARM_CONV_RING,     /* in place, not pointwise: row by row (mote_arm_conv_rows) */
    MOTE_ARM_CONV_PW4,      /* 1x1 stride 1, 128 < K <= 256: four-pixel blocks (pw4_dsp.c) */
    MOTE_ARM_CONV_4PX,      /* four pixels x one channel (conv2d_s8_4px_dsp.c) */
    MOTE_ARM_CONV_FIRST,    /* first layers, C <= 4: widened rows, 8 channels (first_dsp.c) */
    MOTE_ARM_CONV_PWK,      /* 1x1 stride 1, K = 8 / 16, not in place: inputs in registers (pwk) */
    MOTE_ARM_CONV_PWS       /* 1x1 strided, no padding, K % 8 == 0, K <= 128, not in place (pws) */
} mote_arm_conv_path;

/* The cases of the 2x2 path (K = kh * kw * C, pw1: 1x1, stride 1, no
 * padding): K % 8 == 0 and 64 <= K <= 288, or up to 576 when C % 4 == 0
 * (every tap whole groups: no byte patch is gathered); or, for first
 * layers of few input channels, 16 < K < 64 with K % 4 != 0, the patch
 * padded to a multiple of 8 with zero taps. OC even, <= 64. */
/* Words of a pointwise chunk buffer for npix pixels of depth C in k chunks
 * (pw_chunks: a channel pair's widened rows, C words, then C / 2 words a
 * pixel, chunks of an even number of pixels, an odd last pixel twice):
 * each filter row is widened k times, once with k = 1. */
static inline int32_t mote_arm_pw_room_words(int32_t C, int32_t npix, int32_t k)
{
    return C * (1 + ((npix + k - 1) / k + 1) / 2);
}

/* The stack buffers of mote_arm_conv_pw (words): up to C = 96, past it. */
#define MOTE_ARM_PW_BUF_SMALL (MOTE_ARM_PW_BUF_WORDS + 64)
#define MOTE_ARM_PW_BUF_BIG (MOTE_ARM_PW_BUF_WORDS + 128)

/* Pixels a chunk of mote_arm_conv_pw's stack buffer holds at depth C. */
static inline int32_t mote_arm_pw_stack_pixels(int32_t C)
{
    return ((C > 96 ? MOTE_ARM_PW_BUF_BIG : MOTE_ARM_PW_BUF_SMALL) - C) / C * 2;
}

static inline int mote_arm_c2_ok(int32_t K, int32_t C, int32_t OC, int pw1)
{
    if (OC % 2 != 0 || OC > 2 * MOTE_ARM_C2_MAX_PAIRS) return 0;
    if (K % 8 == 0 && K >= 64) return K <= (C % 4 == 0 ? MOTE_ARM_C2_XW_BIG : MOTE_ARM_C2_XW_WORDS);
    return !pw1 && K % 4 != 0 && K > 16 && K < MOTE_ARM_C2_SMALL_K;
}

/* The cases of the four-pixel path (conv2d_s8_4px_dsp.c): every tap whole
 * groups (C % 4 == 0), not pointwise, OC <= 64, K <= MOTE_ARM_P4_MAX_K (the
 * four widened patches, 2K words, fit the 2x2 path's large frame) or, in
 * parts with the sums carried in int32 (h-ic), K <= MOTE_ARM_P4_SPLIT_K. */
#define MOTE_ARM_P4_MAX_K 288
#define MOTE_ARM_P4_MAX_OC 64
/* the rule routes K >= 64 only (arm_plan.c): 1x1 stride-2 K = 16, 32 lose */
#define MOTE_ARM_P4_MIN_K 64
/* h-ic: K up to twice MOTE_ARM_P4_MAX_K in parts (int32 sums carried) */
#define MOTE_ARM_P4_SPLIT_K (2 * MOTE_ARM_P4_MAX_K)
static inline int mote_arm_p4_ok(int32_t K, int32_t C, int32_t OC, int pw1)
{
    return !pw1 && C % 4 == 0 && K <= MOTE_ARM_P4_SPLIT_K && OC <= MOTE_ARM_P4_MAX_OC;
}

/* The output-stage constants of output channel o for mote_arm_requant_e2
 * with the output zero point folded into the high-word addend (the 2x2
 * and four-pixel paths): mhe = {multiplier, hq, e - 1}, hq = 2^(e-2) +
 * ooff 2^(e-1). 0 when the shift is outside [-23, -2] (the fold's range;
 * the caller checks the zero point is in [-128, 127]). */
static inline int mote_arm_c2_chan(const mote_conv_s8_params *p, const mote_requant *q, int32_t o,
                                   int32_t *mhe)
{
    const int32_t sh = q->shift[o];
    if (sh > -2 || sh < -23) return 0;
    mhe[0] = q->multiplier[o];
    mhe[1] = (int32_t)((1u << (-sh - 2)) + ((uint32_t)p->output_offset << (-sh - 1)));
    mhe[2] = -sh - 1;
    return 1;
}

/* First layers (conv2d_s8_first_dsp.c): C <= 4 input channels, 8 or 16
 * output channels, dilation 1, not 1x1; the KH input rows of an output
 * row widened to int16 on the stack (KH rows of L values, L = the row's
 * window columns times C, even, one spare, at most MOTE_ARM_FIRST_XW in
 * all); filter rows of WR = ceil(KW * C / 2) words, KH * WR <=
 * MOTE_ARM_FIRST_NW. */
#define MOTE_ARM_FIRST_XW 896
#define MOTE_ARM_FIRST_NW 16
#define MOTE_ARM_FIRST_WR 8 /* words per filter row */
static inline int mote_arm_first_ok(const mote_conv_s8_params *p, const mote_dims *id,
                                    const mote_dims *fd, const mote_dims *od)
{
    const int32_t C = id->c, KH = fd->h, KW = fd->w, WR = (KW * C + 1) / 2;
    if (C > 4 || od->c % 8 != 0 || od->c > 16 || p->geom.dilation_h != 1 ||
        p->geom.dilation_w != 1 || KH > 4 || WR > MOTE_ARM_FIRST_WR ||
        KH * WR > MOTE_ARM_FIRST_NW || (KH == 1 && KW == 1) || od->w > MOTE_ARM_FIRST_XW ||
        p->geom.stride_w > 4)
        return 0;
    return KH * ((((od->w - 1) * p->geom.stride_w + KW) * C + 2) & ~1) <= MOTE_ARM_FIRST_XW;
}
int mote_arm_conv_first(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                        const int8_t *input, const mote_dims *fd, const int8_t *filter,
                        const int32_t *bias, const mote_dims *od, int8_t *output);

/* The path of a case mote_arm_conv2d_s8_fits accepts (NONE otherwise).
 * inplace: the output is the input's buffer. */
int mote_arm_conv2d_s8_path(const mote_conv_s8_params *p, const mote_dims *input_dims,
                            const mote_dims *filter_dims, const mote_dims *output_dims,
                            int inplace);

/* DEPTHWISE_CONV_2D paths. */
typedef enum mote_arm_dw_path {
    MOTE_ARM_DW_NONE = 0,
    MOTE_ARM_DW_3X3,     /* 3x3, padded rows on the stack (depthwise_conv2d_s8_3x3_dsp.c) */
    MOTE_ARM_DW_GENERAL, /* any window up to 25 taps (depthwise_conv2d_s8_dsp.c) */
    MOTE_ARM_DW_RING     /* in place, not the 3x3 path's case: row by row */
} mote_arm_dw_path;

int mote_arm_dw_s8_path(const mote_conv_s8_params *p, const mote_dims *input_dims,
                        const mote_dims *filter_dims, const mote_dims *output_dims, int inplace);
/* Within MOTE_ARM_DW_3X3, out of place: batch 1 and stride 2 along the
 * int16 lines (columns when od->h > od->w), the arm_dsp_3x3_s2 row's case
 * (mote_arm_dw_3x3_s2). */
int mote_arm_dw_3x3_s2_case(const mote_conv_s8_params *p, const mote_dims *input_dims,
                            const mote_dims *output_dims);
/* Within MOTE_ARM_DW_3X3, out of place: at most 3x3 output pixels, or even
 * sides up to 6x6, the arm_dsp_3x3_px row's case (mote_arm_dw_3x3_px; before
 * the stride-2 row). */
int mote_arm_dw_3x3_px_case(const mote_dims *output_dims);

/* FULLY_CONNECTED: the widened-input path takes depth % 4 == 0, depth <=
 * MOTE_ARM_FC_XW_DEPTH, out_c % 4 == 0 (fully_connected_s8_dsp.c); the
 * dot path everything else. */
#define MOTE_ARM_FC_XW_DEPTH 640
static inline int mote_arm_fc_xw_ok(int32_t depth, int32_t out_c)
{
    return depth % 4 == 0 && depth <= MOTE_ARM_FC_XW_DEPTH && out_c % 4 == 0;
}

/* The paths themselves (DSP builds only). They assume a case their path
 * rule gave them (the kernels and the rows check it first). */
void mote_arm_conv_pw(const mote_conv_s8_params *p, const mote_requant *q, int32_t C, int32_t OC,
                      int32_t npix, const int8_t *input, int8_t *output, const int8_t *filter,
                      const int32_t *bias);
/* mote_arm_conv_pw's chunks on buf (words words, at least 2C: word
 * aligned), not the stack. */
void mote_arm_conv_pw_buf(const mote_conv_s8_params *p, const mote_requant *q, int32_t C,
                          int32_t OC, int32_t npix, const int8_t *input, int8_t *output,
                          const int8_t *filter, const int32_t *bias, int32_t *buf, int32_t words);
/* Pointwise, C = 8 or 16, OC % 4 == 0, OC * (C / 2 + 4) <= MOTE_ARM_PWK_WORDS,
 * not in place (conv2d_s8_pwk_dsp.c): 1, or 0 (nothing written) when a
 * shift is outside [-23, -2]. */
int mote_arm_conv_pwk(const mote_conv_s8_params *p, const mote_requant *q, int32_t C, int32_t OC,
                      int32_t npix, const int8_t *input, int8_t *output, const int8_t *filter,
                      const int32_t *bias);
/* 1x1, stride > 1, no padding, C % 8 == 0, C <= 128, OC % 4 == 0, not in
 * place (conv2d_s8_pws_dsp.c): the subsampled pixels gathered and widened,
 * then mote_arm_pw_chunk. */
void mote_arm_conv_pws(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                       const int8_t *input, const mote_dims *od, const int8_t *filter,
                       const int32_t *bias, int8_t *output);
/* Pointwise, 128 < C <= MOTE_ARM_PW4_MAX_K, C % 8 == 0, OC % 4 == 0, in
 * place or not (conv2d_s8_pw4_dsp.c). */
void mote_arm_conv_pw4(const mote_conv_s8_params *p, const mote_requant *q, int32_t C, int32_t OC,
                       int32_t npix, const int8_t *input, int8_t *output, const int8_t *filter,
                       const int32_t *bias);
/* n widened pixels (2G words each) against all OC (% 4 == 0) output
 * channels, filter rows of 4G bytes, G <= 32; outputs at output + t * OC
 * (the pixel-chunk path's inner part, also run by the patch path); wb
 * (8G words) takes a channel pair's widened rows and the pixels' pairing:
 * the n pixels at xw are left interleaved in pairs (xw is scratch). */
void mote_arm_pw_chunk(const mote_conv_s8_params *p, const mote_requant *q, int32_t G, int32_t OC,
                       int32_t n, const int32_t *xw, int8_t *output, const int8_t *filter,
                       const int32_t *bias, int32_t *wb);
/* g >= 1 groups of four int8 (any alignment) widened with the offset pair
 * off2 into d: 2g words (conv2d_s8_pw_dsp.c). */
void mote_arm_widen_in(int32_t *d, const int8_t *src, int32_t g, int32_t off2);
/* Returns the output channels done (a multiple of 4); the rest go to
 * mote_arm_conv_direct from there. */
int32_t mote_arm_conv_widened(const mote_conv_s8_params *p, const mote_requant *q,
                              const mote_dims *id, const int8_t *input, const mote_dims *fd,
                              const int8_t *filter, const int32_t *bias, const mote_dims *od,
                              int8_t *output);
/* 0 (nothing written) when a shift is outside [-23, -2]. */
int mote_arm_conv_2x2(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                      const int8_t *input, const mote_dims *fd, const int8_t *filter,
                      const int32_t *bias, const mote_dims *od, int8_t *output);
/* Four pixels x one channel (mote_arm_p4_ok, out of place); 0 (nothing
 * written) when a shift is outside [-23, -2]. */
int mote_arm_conv_4px(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                      const int8_t *input, const mote_dims *fd, const int8_t *filter,
                      const int32_t *bias, const mote_dims *od, int8_t *output);
/* The 2x2 path's widening (conv2d_s8_2x2_dsp.c), shared with the
 * four-pixel path: n groups of four inputs from src into one pixel's slots
 * of a patch interleaving two pixels (d[0], d[1], d[4], d[5], ...; returns
 * d past the last group), and the K inputs of the pixel at (y0, x0), taps
 * outside the input as zero words (C % 4 == 0). */
int32_t *mote_arm_c2_widen(int32_t *d, const int8_t *src, int32_t n, int32_t off2);
void mote_arm_c2_taps(int32_t *xw, const mote_conv_geom *g, const mote_dims *id,
                      const int8_t *in_batch, const mote_dims *fd, int32_t y0, int32_t x0,
                      int32_t ky_lo, int32_t ky_hi, int32_t kx_lo, int32_t kx_hi, int32_t off2);
void mote_arm_conv_patch(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                         const int8_t *input, const mote_dims *fd, const int8_t *filter,
                         const int32_t *bias, const mote_dims *od, int8_t *output);
/* The patch path's pixel chunks take K = kh * kw * C and OC when this holds
 * (mote_arm_pw_chunk: G <= 32, whole channel blocks; any shift, a pair
 * with one above -2 through its general stage). mote_arm_conv_patch also
 * wants every shift <= -2 (else pixel by pixel); the arm_dsp_patch_ck row,
 * whose steps all meet it, runs the chunks alone, so that an image with no
 * other patch step links no pixel-by-pixel code (KWS's first layer). */
static inline int mote_arm_patch_chunks_ok(int32_t K, int32_t OC)
{
    return K % 8 == 0 && K <= 128 && OC % 4 == 0;
}
void mote_arm_conv_patch_chunks(const mote_conv_s8_params *p, const mote_requant *q,
                                const mote_dims *id, const int8_t *input, const mote_dims *fd,
                                const int8_t *filter, const int32_t *bias, const mote_dims *od,
                                int8_t *output);
/* nb blocks of four output rows (filter rows from w, stride K, the last
 * group's words inside the filter) against one widened patch xw of g
 * groups: bias (or 0) + mote_arm_xdot4, then channel o's mult[o] / shift[o]
 * (o from 0), lims = {output zero point, range is full, act_min in every
 * byte, act_max in every byte}; one word stored per block at out, out + 4,
 * ... (conv2d_s8_patch_dsp.c). */
void mote_arm_xw_blocks(const int32_t *xw, const int8_t *w, int32_t K, int32_t g, int32_t nb,
                        const int32_t *bias, int8_t *out, const int32_t *mult, const int8_t *shift,
                        const uint32_t *lims);
/* A fast path that takes only shifts in [-23, -2] (2x2, four pixels; the
 * first layer: [-23, -1] and biases in [-2^29, 2^29]) returns 0 for other
 * cases; those go to the patch path. The rule
 * cannot know them when it lowers a step (the requantization table may be
 * made at run time), so every caller of such a path runs this. Always
 * inlined: each caller keeps a direct call to its path. */
typedef int (*mote_arm_conv_try_fn)(const mote_conv_s8_params *p, const mote_requant *q,
                                    const mote_dims *id, const int8_t *input, const mote_dims *fd,
                                    const int8_t *filter, const int32_t *bias, const mote_dims *od,
                                    int8_t *output);
static inline __attribute__((always_inline)) void
mote_arm_conv_or_patch(mote_arm_conv_try_fn fast, const mote_conv_s8_params *p,
                       const mote_requant *q, const mote_dims *id, const int8_t *input,
                       const mote_dims *fd, const int8_t *filter, const int32_t *bias,
                       const mote_dims *od, int8_t *output)
{
    if (!fast(p, q, id, input, fd, filter, bias, od, output))
        mote_arm_conv_patch(p, q, id, input, fd, filter, bias, od, output);
}
/* Output channels o0 .. OC - 1. */
void mote_arm_conv_direct(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                          const int8_t *input, const mote_dims *fd, const int8_t *filter,
                          const int32_t *bias, const mote_dims *od, int8_t *output, int32_t o0);
void mote_arm_fc_xw(const mote_fc_s8_params *p, const mote_requant *q, int32_t batches,
                    int32_t depth, int32_t out_c, const int8_t *input, const int8_t *filter,
                    const int32_t *bias, int8_t *output);
void mote_arm_fc_dot(const mote_fc_s8_params *p, const mote_requant *q, int32_t batches,
                     int32_t depth, int32_t out_c, const int8_t *input, const int8_t *filter,
                     const int32_t *bias, int8_t *output);
void mote_arm_dw_3x3(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                     const int8_t *input, const int8_t *filter, const int32_t *bias,
                     const mote_dims *od, int8_t *output);
void mote_arm_dw_3x3_s2(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                        const int8_t *input, const int8_t *filter, const int32_t *bias,
                        const mote_dims *od, int8_t *output);
void mote_arm_dw_3x3_px(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                        const int8_t *input, const int8_t *filter, const int32_t *bias,
                        const mote_dims *od, int8_t *output);
void mote_arm_dw_general(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                         const int8_t *input, const mote_dims *fd, const int8_t *filter,
                         const int32_t *bias, const mote_dims *od, int8_t *output);

/* First filter tap index whose coordinate o + d * t lies in [0, n), and
 * one past the last, clamped to [0, taps]. */
static inline void mote_arm_tap_range(int32_t o, int32_t d, int32_t n, int32_t taps, int32_t *lo,
                                      int32_t *hi)
{
    int32_t a = o >= 0 ? 0 : (-o + d - 1) / d;
    int32_t b = o >= n ? 0 : (n - 1 - o) / d + 1;
    if (a > taps) a = taps;
    if (b > taps) b = taps;
    if (b < a) b = a;
    *lo = a;
    *hi = b;
}

/* 3x3 depthwise at stride 1, padding 1, out of place, on planes six
 * or three pixels wide and at most six rows (depthwise_conv2d_s8_tiny_dsp.c, the
 * arm_dsp_tiny row, on the 3x3 path's cases): its case, and the kernel
 * (DSP builds only). */
int mote_arm_dw_tiny_case(const mote_conv_s8_params *p, const mote_dims *id, const mote_dims *od);
void mote_arm_dw_tiny(const mote_conv_s8_params *p, const mote_requant *q, const mote_dims *id,
                      const int8_t *input, const int8_t *filter, const int32_t *bias,
                      const mote_dims *od, int8_t *output);

#endif /* MOTE_KERNELS_ARM_PATHS_H */
