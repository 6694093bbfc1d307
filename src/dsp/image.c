/* image.c — crop, bilinear resize and grayscale <-> RGB for 8-bit images
 * (interleaved channels, rows top-down, no padding). Integer arithmetic
 * only; see dsp.h. */
#include "dsp/dsp.h"

#define IMG_MAX_SIDE 65535u
#define IMG_MAX_CH 4u

static int dims_ok(size_t w, size_t h, size_t c)
{
    return w >= 1 && h >= 1 && w <= IMG_MAX_SIDE && h <= IMG_MAX_SIDE && c >= 1 && c <= IMG_MAX_CH;
}

mote_status mote_dsp_image_crop_u8(const uint8_t *src, size_t w, size_t h, size_t c, size_t x0,
                                   size_t y0, size_t cw, size_t ch, uint8_t *dst)
{
    size_t y, i;
    if (src == NULL || dst == NULL || !dims_ok(w, h, c) || cw == 0 || ch == 0 || x0 >= w ||
        y0 >= h || cw > w - x0 || ch > h - y0)
        return MOTE_E_ARG;
    for (y = 0; y < ch; y++) {
        const uint8_t *s = src + ((y0 + y) * w + x0) * c;
        uint8_t *d = dst + y * cw * c;
        for (i = 0; i < cw * c; i++)
            d[i] = s[i];
    }
    return MOTE_OK;
}

/* Source coordinate of output index i (Q16) with half-pixel centres:
 * (i + 0.5) * src / dst - 0.5, clamped to [0, src - 1]; *i0, *frac. */
static void coord(size_t i, size_t src, size_t dst, size_t *i0, uint32_t *frac)
{
    int64_t num = ((int64_t)(2 * i + 1) * (int64_t)src - (int64_t)dst) * 65536;
    int64_t q = num / (int64_t)(2 * dst); /* num >= -dst * 65536: truncation */
    if (q < 0) q = 0;
    if (q >= (int64_t)(src - 1) * 65536) {
        *i0 = src - 1;
        *frac = 0;
        return;
    }
    *i0 = (size_t)(q >> 16);
    *frac = (uint32_t)(q & 0xFFFF);
}

mote_status mote_dsp_image_resize_bilinear_u8(const uint8_t *src, size_t sw, size_t sh, size_t c,
                                              uint8_t *dst, size_t dw, size_t dh)
{
    size_t x, y, k;
    if (src == NULL || dst == NULL || !dims_ok(sw, sh, c) || !dims_ok(dw, dh, c)) return MOTE_E_ARG;
    for (y = 0; y < dh; y++) {
        size_t y0, y1;
        uint32_t fy;
        coord(y, sh, dh, &y0, &fy);
        y1 = y0 + 1 < sh ? y0 + 1 : y0;
        for (x = 0; x < dw; x++) {
            size_t x0, x1;
            uint32_t fx;
            coord(x, sw, dw, &x0, &fx);
            x1 = x0 + 1 < sw ? x0 + 1 : x0;
            for (k = 0; k < c; k++) {
                uint64_t p00 = src[(y0 * sw + x0) * c + k], p01 = src[(y0 * sw + x1) * c + k];
                uint64_t p10 = src[(y1 * sw + x0) * c + k], p11 = src[(y1 * sw + x1) * c + k];
                uint64_t top = p00 * (65536u - fx) + p01 * fx;
                uint64_t bot = p10 * (65536u - fx) + p11 * fx;
                uint64_t v = top * (65536u - fy) + bot * fy; /* Q32 */
                dst[(y * dw + x) * c + k] = (uint8_t)((v + ((uint64_t)1 << 31)) >> 32);
            }
        }
    }
    return MOTE_OK;
}

mote_status mote_dsp_image_gray_to_rgb_u8(const uint8_t *src, size_t n_pixels, uint8_t *dst)
{
    size_t i;
    if (src == NULL || dst == NULL) return MOTE_E_ARG;
    for (i = n_pixels; i-- > 0;) { /* backwards: src may equal dst */
        uint8_t g = src[i];
        dst[3 * i] = dst[3 * i + 1] = dst[3 * i + 2] = g;
    }
    return MOTE_OK;
}

mote_status mote_dsp_image_rgb_to_gray_u8(const uint8_t *src, size_t n_pixels, uint8_t *dst)
{
    size_t i;
    if (src == NULL || dst == NULL) return MOTE_E_ARG;
    for (i = 0; i < n_pixels; i++) { /* forwards: src may equal dst */
        uint32_t r = src[3 * i], g = src[3 * i + 1], b = src[3 * i + 2];
        dst[i] = (uint8_t)((r * 19595u + g * 38470u + b * 7471u + 0x8000u) >> 16);
    }
    return MOTE_OK;
}
