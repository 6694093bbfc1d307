/*
 * image_io.h — decode BMP, PPM/PGM and (on the host, with libpng) PNG into
 * 8-bit pixels, rows top-down, 1 (gray) or 3 (RGB) channels, in a caller's
 * buffer. Heap-free apart from libpng's own allocations.
 *
 *   BMP: uncompressed 8-bit palette (gray or colour palette), 24-bit and
 *        32-bit (BI_RGB / BI_BITFIELDS with the usual masks), bottom-up or
 *        top-down. A palette whose entries are all gray gives 1 channel.
 *   PPM: binary P6 (RGB) and P5 (gray), maxval 255.
 *   PNG: any libpng reads (palette, 16-bit, alpha dropped), when built with
 *        IMAGE_IO_PNG (mk/apps.mk does so when libpng is installed).
 */
#ifndef IMAGE_IO_H
#define IMAGE_IO_H

#include <stddef.h>
#include <stdint.h>

typedef struct image_u8 {
    uint8_t *px;     /* the caller's buffer */
    size_t cap;      /* its size in bytes */
    uint32_t w, h;   /* pixels */
    uint32_t c;      /* channels: 1 or 3 */
} image_u8;

/* Decode the file at path into img (px and cap set by the caller).
 * Returns 0, or -1 with *why set (unsupported format, too large, ...). */
int image_load(const char *path, image_u8 *img, const char **why);

#endif /* IMAGE_IO_H */
