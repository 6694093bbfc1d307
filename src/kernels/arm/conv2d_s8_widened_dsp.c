/*
 * conv2d_s8_widened_dsp.c — CONV_2D, int8, DSP extension: the widened-weight
 * path (K = kh*kw*in_c <= 76; arm_paths.h). The filter rows of a block of
 * four output channels are widened once per block into int16 pairs on the
 * stack (mote_arm_widen_rows), then every output pixel runs
 * mote_arm_wdot4: per four depth values one input word widened with the
 * offset, one LDRD and two SMLAD per row. Interior pixels read their kh
 * filter-row runs straight from the input when kw*in_c is a multiple of 4;
 * other pixels (borders, dilation, odd run lengths) first gather their K
 * inputs into a stack patch in filter order, writing the input zero point
 * for padded taps: (zp + input_offset) = 0, so a padded tap adds exactly 0,
 * as the reference's skipped taps do. Bit-exact with mote_ref_conv2d_s8.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_paths.h"

#define CONV_PATCH 152    /* bytes of one pixel's gathered inputs */
#define CONV_MAX_BLOCKS 3 /* channel blocks sharing one pixel's input */

/* Pointwise, nb blocks of four channels widened at wb (8 * g words each):
 * pixel by pixel, every block against the pixel's run of 4 * g inputs. */
static __attribute__((noinline)) void pw_blocks(const int32_t *wb, int32_t g, int32_t nb,
                                                const int8_t *x, int32_t C, int32_t npix,
                                                int8_t *out, int32_t OC, int32_t off2,
                                                const int32_t (*bs)[4], const mote_arm_rq4 *rq)
{
    int32_t i, bl;
    for (i = 0; i < npix; ++i, x += C, out += OC)
        for (bl = 0; bl < nb; ++bl) {
            int32_t acc[4];
            acc[0] = bs[bl][0];
            acc[1] = bs[bl][1];
            acc[2] = bs[bl][2];
            acc[3] = bs[bl][3];
            mote_arm_wdot4_run(wb + bl * 8 * g, x, g, off2, acc);
            mote_arm_st32(out + 4 * bl, mote_arm_rq4_pack(&rq[bl], acc[0], acc[1], acc[2], acc[3]));
        }
}

/* npix pixels wholly inside, along a row (src: the first one's window,
 * sstep bytes to the next), whose kh rows of n = kw * C bytes are not
 * whole groups (few channels: first layers): each row copied word by word
 * into the patch pt, its last word ending at the row's last byte (it
 * overlaps the one before; nothing past the row is read), then every
 * block of four channels against the patch (g groups). */
static __attribute__((noinline)) void few_run(const int32_t *wb, int32_t g, int32_t nb,
                                              const int8_t *src, int32_t sstep, int32_t rstride,
                                              int32_t kh, int32_t n, int32_t npix, int8_t *out,
                                              int32_t OC, int32_t off2, const int32_t (*bs)[4],
                                              const mote_arm_rq4 *rq, int8_t *pt)
{
    int32_t i, r, j, bl;
    for (i = 0; i < npix; ++i, src += sstep, out += OC) {
        const int8_t *s = src;
        int8_t *d = pt;
        for (r = 0; r < kh; ++r, s += rstride, d += n) {
            for (j = 0; j + 4 < n; j += 4)
                mote_arm_st32(d + j, mote_arm_ld32(s + j));
            mote_arm_st32(d + n - 4, mote_arm_ld32(s + n - 4));
        }
        for (bl = 0; bl < nb; ++bl) {
            int32_t acc[4];
            acc[0] = bs[bl][0];
            acc[1] = bs[bl][1];
            acc[2] = bs[bl][2];
            acc[3] = bs[bl][3];
            mote_arm_wdot4_run(wb + bl * 8 * g, pt, g, off2, acc);
            mote_arm_st32(out + 4 * bl, mote_arm_rq4_pack(&rq[bl], acc[0], acc[1], acc[2], acc[3]));
        }
    }
}

/* The widened-weight path; returns the number of output channels done
 * (a multiple of its block size, 0 when K is too large). */
int32_t mote_arm_conv_widened(const mote_conv_s8_params *p, const mote_requant *q,
                              const mote_dims *id, const int8_t *input, const mote_dims *fd,
                              const int8_t *filter, const int32_t *bias, const mote_dims *od,
                              int8_t *output)
{
    int32_t wb[MOTE_ARM_CONV_WB_WORDS];
    int32_t pt32[CONV_PATCH / 4]; /* the patch, word aligned */
    mote_arm_rq4 rq[CONV_MAX_BLOCKS];
    int8_t *pt = (int8_t *)pt32;
    const mote_conv_geom *g = &p->geom;
    const int32_t C = id->c, K = fd->h * fd->w * C, G = (K + 3) / 4, OC = od->c;
    const int32_t R =
        8 * G <= MOTE_ARM_CONV_WB_WORDS ? 4 : 0; /* 2-row blocks (wdot2) lose to dot4 */
    const int32_t IH = id->h, IW = id->w, KH = fd->h, KW = fd->w;
    const int32_t rstride = g->dilation_h * IW * C;
    /* rows of kw * C inputs map onto whole groups of the widened weights */
    const int rowwise = (KW * C) % 4 == 0;
    const int32_t gd = (KW * C) / 4, off2 = mote_arm_dup16(p->input_offset);
    const int8_t zp = (int8_t)(-p->input_offset);
    int32_t o, b, oy, ox, nb, blk;

    if (R == 0 || 4 * G > CONV_PATCH) return 0;
    mote_arm_fill_zp(pt + K, zp, 4 * G - K); /* the patch tail past K */
    nb = MOTE_ARM_CONV_WB_WORDS / (2 * R * G);
    if (nb > CONV_MAX_BLOCKS) nb = CONV_MAX_BLOCKS;
    for (o = 0; o + R <= OC;) {
        int32_t bs[CONV_MAX_BLOCKS][4];
        if (nb > (OC - o) / R) nb = (OC - o) / R;
        for (blk = 0; blk < nb; ++blk) {
            const int32_t c0 = o + blk * R;
            int32_t r;
            mote_arm_widen_rows(wb + blk * 2 * R * G, filter + c0 * K, K, R, G);
            for (r = 0; r < 4; ++r)
                bs[blk][r] = bias && r < R ? bias[c0 + r] : 0;
            if (R == 4)
                mote_arm_rq4_prep(&rq[blk], q->multiplier, q->shift, c0, 0, p->output_offset,
                                  p->act_min, p->act_max);
        }
        if (R == 4 && nb > 1 && KH == 1 && KW == 1 && C % 4 == 0 && g->stride_h == 1 &&
            g->stride_w == 1 && g->pad_h == 0 && g->pad_w == 0 && od->h == IH && od->w == IW) {
            pw_blocks(wb, G, nb, input, C, od->n * IH * IW, output + o, OC, off2,
                      (const int32_t(*)[4])bs, rq);
            o += nb * R;
            continue;
        }
        if (R == 4 && nb == 1 && KH == 1 && KW == 1 && C % 4 == 0 && g->stride_h == 1 &&
            g->stride_w == 1 && g->pad_h == 0 && g->pad_w == 0 && od->h == IH && od->w == IW) {
            /* 1x1, stride 1: pixel i reads input pixel i, one run of C */
            const int32_t npix = od->n * IH * IW;
            const int8_t *x = input;
            int8_t *out = output + o;
            int32_t i;
            for (i = 0; i < npix; ++i, x += C, out += OC) {
                int32_t acc[4];
                acc[0] = bs[0][0];
                acc[1] = bs[0][1];
                acc[2] = bs[0][2];
                acc[3] = bs[0][3];
                mote_arm_wdot4_run(wb, x, G, off2, acc);
                mote_arm_st32(out, mote_arm_rq4_pack(&rq[0], acc[0], acc[1], acc[2], acc[3]));
            }
            o += R;
            continue;
        }
        for (b = 0; b < od->n; ++b) {
            const int8_t *in_batch = input + b * IH * IW * C;
            int8_t *out = output + b * od->h * od->w * OC + o;
            for (oy = 0; oy < od->h; ++oy) {
                const int32_t y0 = oy * g->stride_h - g->pad_h;
                int32_t ky_lo = 0, ky_hi = KH;
                if (y0 < 0 || y0 + g->dilation_h * (KH - 1) >= IH)
                    mote_arm_tap_range(y0, g->dilation_h, IH, KH, &ky_lo, &ky_hi);
                for (ox = 0; ox < od->w; ++ox, out += OC) {
                    const int32_t x0 = ox * g->stride_w - g->pad_w;
                    const int8_t *x;
                    int32_t nrows, gr, rs, w0, kx_lo, kx_hi;
                    if (x0 >= 0 && x0 + g->dilation_w * (KW - 1) < IW) {
                        kx_lo = 0;
                        kx_hi = KW;
                    } else {
                        mote_arm_tap_range(x0, g->dilation_w, IW, KW, &kx_lo, &kx_hi);
                    }
                    if (rowwise) {
                        /* rows wholly outside add nothing: skipped, as the
                         * reference skips them; the weights start at ky_lo */
                        nrows = ky_hi - ky_lo;
                        gr = gd;
                        w0 = ky_lo * gd;
                        if (g->dilation_w == 1 && kx_lo == 0 && kx_hi == KW && gd > 2) {
                            x = in_batch + ((y0 + g->dilation_h * ky_lo) * IW + x0) * C;
                            rs = rstride;
                        } else if (g->dilation_w == 1 && kx_lo == 0 && kx_hi == KW) {
                            /* short rows (first layers, few channels): copied
                             * word by word into one run */
                            const int8_t *src =
                                in_batch + ((y0 + g->dilation_h * ky_lo) * IW + x0) * C;
                            int32_t r, j;
                            for (r = 0; r < nrows; ++r, src += rstride)
                                for (j = 0; j < gd; ++j)
                                    pt32[r * gd + j] = (int32_t)mote_arm_ld32(src + 4 * j);
                            x = pt;
                            gr = nrows * gd;
                            nrows = 1;
                            rs = 0;
                        } else {
                            /* the patch rows are contiguous: one run */
                            mote_arm_gather_rows(pt, g, id, in_batch, fd, y0, x0, ky_lo, ky_hi,
                                                 kx_lo, kx_hi, zp);
                            x = pt;
                            gr = nrows * gd;
                            nrows = 1;
                            rs = 0;
                        }
                    } else if (R == 4 && g->dilation_w == 1 && ky_lo == 0 && ky_hi == KH &&
                               kx_lo == 0 && kx_hi == KW && KW * C >= 4) {
                        /* the run of pixels wholly inside from here on */
                        int32_t last = (IW - KW + g->pad_w) / g->stride_w, npix;
                        if (last > od->w - 1) last = od->w - 1;
                        npix = last - ox + 1;
                        few_run(wb, G, nb, in_batch + (y0 * IW + x0) * C, g->stride_w * C, rstride,
                                KH, KW * C, npix, out, OC, off2, (const int32_t(*)[4])bs, rq, pt);
                        ox += npix - 1;
                        out += (npix - 1) * OC;
                        continue;
                    } else if (g->dilation_w == 1 && ky_lo == 0 && ky_hi == KH && kx_lo == 0 &&
                               kx_hi == KW && KW * C >= 4) {
                        /* wholly inside, rows of KW * C bytes that are not
                         * whole groups (few channels: first layers): each
                         * row copied word by word into the patch, its last
                         * word ending at the row's last byte (it overlaps
                         * the one before; nothing past the row is read) */
                        const int8_t *src = in_batch + (y0 * IW + x0) * C;
                        const int32_t n = KW * C;
                        int8_t *d = pt;
                        int32_t r, j;
                        for (r = 0; r < KH; ++r, src += rstride, d += n) {
                            for (j = 0; j + 4 < n; j += 4)
                                mote_arm_st32(d + j, mote_arm_ld32(src + j));
                            mote_arm_st32(d + n - 4, mote_arm_ld32(src + n - 4));
                        }
                        x = pt;
                        nrows = 1;
                        gr = G;
                        w0 = 0;
                        rs = 0;
                    } else {
                        mote_arm_gather_window(pt, 4 * G, g, id, in_batch, fd, y0, x0, ky_lo, ky_hi,
                                               kx_lo, kx_hi, zp);
                        x = pt;
                        nrows = 1;
                        gr = G;
                        w0 = 0;
                        rs = 0;
                    }
                    if (nrows <= 0) {
                        gr = 0;
                        nrows = 0;
                    }
                    for (blk = 0; blk < nb; ++blk) {
                        const int32_t *wk = wb + blk * 2 * R * G + w0 * 2 * R;
                        int8_t *ob = out + blk * R;
                        int32_t acc[4];
                        acc[0] = bs[blk][0];
                        acc[1] = bs[blk][1];
                        acc[2] = bs[blk][2];
                        acc[3] = bs[blk][3];
                        if (R == 4 && nrows == 1 && gr > 0) {
                            mote_arm_wdot4_run(wk, x, gr, off2, acc);
                            mote_arm_st32(
                                ob, mote_arm_rq4_pack(&rq[blk], acc[0], acc[1], acc[2], acc[3]));
                        } else if (R == 4) {
                            mote_arm_wdot4(wk, x, rs, nrows, gr, off2, acc);
                            mote_arm_st32(
                                ob, mote_arm_rq4_pack(&rq[blk], acc[0], acc[1], acc[2], acc[3]));
                        } else {
                            const int32_t c0 = o + blk * R;
                            mote_arm_wdot2(wk, x, rs, nrows, gr, off2, acc);
                            ob[0] = mote_arm_out_s8(acc[0], q->multiplier[c0], q->shift[c0],
                                                    p->output_offset, p->act_min, p->act_max);
                            ob[1] = mote_arm_out_s8(acc[1], q->multiplier[c0 + 1], q->shift[c0 + 1],
                                                    p->output_offset, p->act_min, p->act_max);
                        }
                    }
                }
            }
        }
        o += nb * R;
    }
    return o;
}

#else
typedef int mote_arm_unused_;
#endif
