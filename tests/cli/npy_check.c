/*
 * npy_check.c — unit and robustness checks of the .npy reader
 * (tools/mote/npy.c): known headers parse to the right fields; every
 * truncation and thousands of random corruptions are refused or parsed
 * consistently, never read outside the buffer (each case sits in an
 * exact-size heap block so AddressSanitizer builds catch any overread),
 * and every error message is one NUL-terminated line.
 * Prints failures and "npy_check: N passed, N failed"; exit 1 on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "npy.h"

static int passed, failed;

static void check(int ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s\n", what);
    }
}

/* Build a .npy of the given version with the given header text and data length. */
static size_t make_npy(uint8_t *out, size_t cap, int version, const char *header, size_t data)
{
    size_t pre = version == 1 ? 10 : 12, h = strlen(header), i;
    size_t pad = (64 - (pre + h + 1) % 64) % 64, hl = h + pad + 1;

    if (pre + hl + data > cap) {
        return 0;
    }
    memcpy(out, "\x93NUMPY", 6);
    out[6] = (uint8_t)version;
    out[7] = 0;
    out[8] = (uint8_t)(hl & 0xff);
    out[9] = (uint8_t)(hl >> 8);
    if (version != 1) {
        out[10] = (uint8_t)(hl >> 16);
        out[11] = (uint8_t)(hl >> 24);
    }
    memcpy(out + pre, header, h);
    memset(out + pre + h, ' ', pad);
    out[pre + h + pad] = '\n';
    for (i = 0; i < data; i++) {
        out[pre + hl + i] = (uint8_t)i;
    }
    return pre + hl + data;
}

/* Parse a copy of buf in an exact-size heap block; check the invariants. */
static int parse_exact(const uint8_t *buf, size_t len, npy_array *a)
{
    uint8_t *copy = malloc(len != 0 ? len : 1);
    char err[160];
    int rc;

    if (copy == NULL) {
        return -2;
    }
    memcpy(copy, buf, len);
    memset(err, 'x', sizeof err);
    rc = npy_parse(copy, len, a, err, sizeof err);
    if (rc != 0) {
        check(memchr(err, '\0', sizeof err) != NULL && strchr(err, '\n') == NULL &&
                  err[0] != '\0',
              "error message is one non-empty line");
    } else {
        check(a->data_offset + a->data_bytes == len &&
                  (unsigned long long)a->data_bytes ==
                      (unsigned long long)a->elements * a->item_size &&
                  a->rank <= NPY_MAX_RANK,
              "accepted file is self-consistent");
    }
    free(copy);
    return rc;
}

static uint32_t rng = 0x12345678u;

static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

int main(void)
{
    static uint8_t buf[4096], mut[4096];
    npy_array a;
    size_t len, cut;
    char shape[64];
    int i;

    len = make_npy(buf, sizeof buf, 1,
                   "{'descr': '|i1', 'fortran_order': False, 'shape': (1, 49, 10, 1), }", 490);
    check(parse_exact(buf, len, &a) == 0, "v1 |i1 parses");
    check(a.kind == 'i' && a.item_size == 1 && a.byte_order == '|' && !a.fortran_order &&
              a.rank == 4 && a.shape[1] == 49 && a.elements == 490 && a.data_offset == 128 &&
              a.data_bytes == 490 && strcmp(a.descr, "|i1") == 0,
          "v1 |i1 fields");
    npy_format_shape(&a, shape, sizeof shape);
    check(strcmp(shape, "(1, 49, 10, 1)") == 0, "shape text");

    /* Every truncation of a valid file is refused. */
    for (cut = 0; cut < len; cut++) {
        if (parse_exact(buf, cut, &a) == 0) {
            check(0, "truncated file accepted");
            break;
        }
    }
    check(1, "every truncation refused");

    len = make_npy(buf, sizeof buf, 2, "{\"shape\":(3,),\"fortran_order\":True,\"descr\":\"<f4\"}",
                   12);
    check(parse_exact(buf, len, &a) == 0 && a.fortran_order && a.kind == 'f' &&
              a.item_size == 4 && a.byte_order == '<' && a.rank == 1 && a.elements == 3,
          "v2, double quotes, any key order");
    npy_format_shape(&a, shape, sizeof shape);
    check(strcmp(shape, "(3,)") == 0, "rank-1 shape text");

    len = make_npy(buf, sizeof buf, 3, "{'descr': '<i2', 'fortran_order': False, 'shape': (), }",
                   2);
    check(parse_exact(buf, len, &a) == 0 && a.rank == 0 && a.elements == 1, "v3 scalar");

    len = make_npy(buf, sizeof buf, 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 5L), }",
                   0);
    check(parse_exact(buf, len, &a) == 0 && a.elements == 0, "empty array, Python 2 long");

    {
        static const char *bad[] = {
            "{'descr': '<f4', 'fortran_order': False}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'shape': (2,)}",
            "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': [2]}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2,,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} x",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)",
            "{'descr': 'f', 'fortran_order': False, 'shape': (2,)}",
            "{'descr': '<M8[ns]', 'fortran_order': False, 'shape': (2,)}",
            "{'descr': '<f0', 'fortran_order': False, 'shape': (2,)}",
            "{'descr': '<f99999999999', 'fortran_order': False, 'shape': (2,)}",
            "{'descr': '<f4\\', 'fortran_order': False, 'shape': (2,)}",
            "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}",
            "",
        };
        for (i = 0; i < (int)(sizeof bad / sizeof bad[0]); i++) {
            char what[128];
            len = make_npy(buf, sizeof buf, 1, bad[i], 8);
            snprintf(what, sizeof what, "bad header %d refused", i);
            check(parse_exact(buf, len, &a) != 0, what);
        }
    }

    /* Random corruption of a valid file: refused or self-consistent. */
    len = make_npy(buf, sizeof buf, 1,
                   "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 24);
    for (i = 0; i < 20000; i++) {
        size_t n = len, k, flips = 1 + next_rand() % 4;
        memcpy(mut, buf, len);
        for (k = 0; k < flips; k++) {
            size_t pos = next_rand() % len;
            /* A third of the time a byte the header grammar cares about. */
            if (next_rand() % 3 == 0) {
                mut[pos] = (uint8_t)"(),:' 0123456789{}<|fiuTF"[next_rand() % 25];
            } else {
                mut[pos] = (uint8_t)next_rand();
            }
        }
        if (next_rand() % 4 == 0) {
            n = next_rand() % (len + 1);
        }
        if (parse_exact(mut, n, &a) == -2) {
            check(0, "out of memory");
            break;
        }
    }
    printf("npy_check: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
