/* image_io.c — see image_io.h. */
#include "image_io.h"

#include <stdio.h>
#include <string.h>

#ifdef IMAGE_IO_PNG
#include <png.h>
#endif

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static int fits(image_u8 *img, uint32_t w, uint32_t h, uint32_t c)
{
    if (w == 0 || h == 0 || w > 65535u || h > 65535u) return 0;
    return (uint64_t)w * h * c <= img->cap;
}

static int load_bmp(FILE *f, image_u8 *img, const char **why)
{
    unsigned char hd[54], pal[1024], row[4 * 8192];
    uint32_t off, hsize, bpp, comp, colors = 0, stride, y, x, gray = 1;
    int32_t bw, bh;
    if (fread(hd, 1, 54, f) != 54) return (*why = "truncated BMP header", -1);
    off = le32(hd + 10);
    hsize = le32(hd + 14);
    bw = (int32_t)le32(hd + 18);
    bh = (int32_t)le32(hd + 22);
    bpp = le16(hd + 28);
    comp = le32(hd + 30);
    if (hsize < 40 || bw <= 0 || bh == 0 || bh == INT32_MIN) return (*why = "unsupported BMP header", -1);
    if (!((bpp == 8 && comp == 0) || (bpp == 24 && comp == 0) || (bpp == 32 && (comp == 0 || comp == 3))))
        return (*why = "unsupported BMP (8-bit palette, 24 or 32-bit uncompressed only)", -1);
    if (bpp == 8) {
        uint32_t i;
        colors = le32(hd + 46);
        if (colors == 0 || colors > 256) colors = 256;
        if (fseek(f, (long)(14 + hsize), SEEK_SET) != 0 || fread(pal, 4, colors, f) != colors)
            return (*why = "truncated BMP palette", -1);
        for (i = 0; i < colors; i++)
            if (pal[4 * i] != pal[4 * i + 1] || pal[4 * i] != pal[4 * i + 2]) gray = 0;
    } else {
        gray = 0;
    }
    img->w = (uint32_t)bw;
    img->h = (uint32_t)(bh < 0 ? -bh : bh);
    img->c = gray ? 1u : 3u;
    stride = ((img->w * bpp / 8u) + 3u) & ~3u;
    if (stride > sizeof row) return (*why = "BMP too wide", -1);
    if (!fits(img, img->w, img->h, img->c)) return (*why = "image larger than the buffer", -1);
    if (fseek(f, (long)off, SEEK_SET) != 0) return (*why = "bad BMP data offset", -1);
    for (y = 0; y < img->h; y++) {
        uint32_t dy = bh > 0 ? img->h - 1 - y : y;
        uint8_t *d = img->px + (size_t)dy * img->w * img->c;
        if (fread(row, 1, stride, f) != stride) return (*why = "truncated BMP pixels", -1);
        for (x = 0; x < img->w; x++) {
            const unsigned char *p = bpp == 8 ? pal + 4u * row[x] : row + x * (bpp / 8u);
            if (bpp == 8 && row[x] >= colors) return (*why = "BMP index outside the palette", -1);
            if (img->c == 1) {
                d[x] = p[0];
            } else { /* stored B, G, R */
                d[3 * x] = p[2];
                d[3 * x + 1] = p[1];
                d[3 * x + 2] = p[0];
            }
        }
    }
    return 0;
}

/* Next token of a PNM header (skipping blanks and # comments) as a number. */
static long pnm_num(FILE *f)
{
    int ch;
    long v = 0, digits = 0;
    do {
        ch = fgetc(f);
        if (ch == '#')
            while (ch != '\n' && ch != EOF) ch = fgetc(f);
    } while (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r');
    while (ch >= '0' && ch <= '9' && v < 1000000) {
        v = v * 10 + (ch - '0');
        digits++;
        ch = fgetc(f);
    }
    return digits > 0 ? v : -1; /* the single blank after maxval is consumed here */
}

static int load_pnm(FILE *f, image_u8 *img, int rgb, const char **why)
{
    long w = pnm_num(f), h = pnm_num(f), maxval = pnm_num(f);
    size_t n;
    if (w <= 0 || h <= 0 || maxval != 255) return (*why = "unsupported PPM/PGM (maxval 255 only)", -1);
    img->w = (uint32_t)w;
    img->h = (uint32_t)h;
    img->c = rgb ? 3u : 1u;
    if (!fits(img, img->w, img->h, img->c)) return (*why = "image larger than the buffer", -1);
    n = (size_t)img->w * img->h * img->c;
    if (fread(img->px, 1, n, f) != n) return (*why = "truncated PPM/PGM pixels", -1);
    return 0;
}

#ifdef IMAGE_IO_PNG
static int load_png(const char *path, image_u8 *img, const char **why)
{
    png_image pi;
    memset(&pi, 0, sizeof pi);
    pi.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&pi, path)) return (*why = "libpng cannot read it", -1);
    pi.format = (pi.format & PNG_FORMAT_FLAG_COLOR) ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
    img->w = pi.width;
    img->h = pi.height;
    img->c = PNG_IMAGE_PIXEL_CHANNELS(pi.format);
    if (!fits(img, img->w, img->h, img->c)) {
        png_image_free(&pi);
        return (*why = "image larger than the buffer", -1);
    }
    /* no background: alpha is stripped (PNG_FORMAT_RGB has none) by
     * compositing over black, as libpng's simplified API does */
    if (!png_image_finish_read(&pi, NULL, img->px, 0, NULL)) {
        png_image_free(&pi);
        return (*why = "libpng failed to decode it", -1);
    }
    return 0;
}
#endif

int image_load(const char *path, image_u8 *img, const char **why)
{
    unsigned char magic[8];
    FILE *f = fopen(path, "rb");
    int rc = -1;
    *why = "";
    if (f == NULL) return (*why = "cannot open", -1);
    if (fread(magic, 1, 8, f) != 8) {
        fclose(f);
        return (*why = "too short for an image", -1);
    }
    if (magic[0] == 'B' && magic[1] == 'M') {
        rewind(f);
        rc = load_bmp(f, img, why);
    } else if (magic[0] == 'P' && (magic[1] == '5' || magic[1] == '6')) {
        if (fseek(f, 2, SEEK_SET) == 0) rc = load_pnm(f, img, magic[1] == '6', why);
    } else if (memcmp(magic, "\x89PNG\r\n\x1a\n", 8) == 0) {
#ifdef IMAGE_IO_PNG
        fclose(f);
        return load_png(path, img, why);
#else
        *why = "PNG support not built (needs libpng: install libpng-dev and rebuild)";
#endif
    } else {
        *why = "not a BMP, PPM/PGM or PNG file";
    }
    fclose(f);
    return rc;
}
