/*
 * npy.h — parse a NumPy .npy file held in memory.
 *
 * Format (numpy.lib.format): the magic "\x93NUMPY", a major and minor
 * version byte, the header length (uint16 little-endian for version 1,
 * uint32 for versions 2 and 3), then the header: a Python dict literal
 * with exactly the keys 'descr' (a dtype string such as '<f4' or '|i1'),
 * 'fortran_order' (True/False) and 'shape' (a tuple of non-negative ints),
 * padded with spaces and ending in a newline. The array bytes follow.
 *
 * npy_parse() is a pure function of the bytes (no I/O, no allocation) so a
 * fuzzer can drive it; it checks every length against the buffer and the
 * data length against dtype size x element count. Structured dtypes (a list
 * in 'descr') and dtype strings other than <order><kind><size> are refused.
 */
#ifndef MOTE_CLI_NPY_H
#define MOTE_CLI_NPY_H

#include <stddef.h>
#include <stdint.h>

/* NumPy's own rank limit. */
#define NPY_MAX_RANK 64

typedef struct npy_array {
    char descr[24];         /* dtype string as written, NUL-terminated */
    char byte_order;        /* '<', '>', '|' or '=' ('|' if the string had none) */
    char kind;              /* 'i', 'u', 'f', 'b', 'c', ... */
    uint32_t item_size;     /* bytes per element */
    int major, minor;       /* format version */
    int fortran_order;      /* 1 if stored column-major */
    uint32_t rank;
    uint64_t shape[NPY_MAX_RANK];
    uint64_t elements;      /* product of shape; 1 for rank 0 */
    size_t data_offset;     /* first array byte in the buffer */
    size_t data_bytes;      /* == elements * item_size == len - data_offset */
} npy_array;

/* True if buf starts with the .npy magic. */
int npy_has_magic(const uint8_t *buf, size_t len);

/* Parse buf (len bytes) into *out. Returns 0, or -1 with a one-line,
 * NUL-terminated reason in err (errcap bytes). */
int npy_parse(const uint8_t *buf, size_t len, npy_array *out, char *err, size_t errcap);

/* The shape as NumPy prints it, "(1, 49, 10, 1)", into buf (cap bytes;
 * cut short with "..." if it does not fit). */
void npy_format_shape(const npy_array *a, char *buf, size_t cap);

#endif /* MOTE_CLI_NPY_H */
