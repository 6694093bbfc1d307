/* escape.c — see escape.h. */
#include "escape.h"

/* The escaped form of byte c into out (at most 4 bytes); its length. */
static size_t esc_byte(unsigned char c, char out[4])
{
    static const char hex[] = "0123456789abcdef";

    if (c == '\\') {
        out[0] = '\\';
        out[1] = '\\';
        return 2;
    }
    if (c >= 0x20 && c <= 0x7e) {
        out[0] = (char)c;
        return 1;
    }
    out[0] = '\\';
    out[1] = 'x';
    out[2] = hex[c >> 4];
    out[3] = hex[c & 0x0f];
    return 4;
}

int esc_print(FILE *f, const char *s, size_t n)
{
    char tmp[4];
    size_t i, cols = 0;

    for (i = 0; i < n; i++) {
        size_t k = esc_byte((unsigned char)s[i], tmp);
        fwrite(tmp, 1, k, f);
        cols += k;
    }
    return cols > (size_t)0x7fffffff ? 0x7fffffff : (int)cols;
}
