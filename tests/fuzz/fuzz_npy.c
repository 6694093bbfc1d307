/*
 * fuzz_npy.c — the host tool's .npy reader (tools/mote/npy.c) on arbitrary
 * bytes, plus the size checks `mote run` makes before it copies an input
 * file into a model input tensor.
 *
 * npy_parse() promises (npy.h): on success data_offset + data_bytes == len,
 * data_bytes == elements * item_size, rank <= NPY_MAX_RANK, descr is a
 * NUL-terminated string; on failure a NUL-terminated reason. The target traps
 * on any broken promise, then copies the array the way cmd_run.c does into a
 * tensor buffer of exactly the model's size — for each of a few tensor
 * sizes — only when the sizes agree, so a wrong verdict shows as an ASan
 * overrun. npy_format_shape() runs with every small capacity.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "npy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond, what)                                              \
    do {                                                                 \
        if (!(cond)) {                                                   \
            fprintf(stderr, "fuzz_npy: broken promise: %s\n", what);     \
            abort();                                                     \
        }                                                                \
    } while (0)

/* Tensor sizes a model input might have: (element size, element count). */
static const struct { uint32_t esize; uint64_t count; } tensors[] = {
    {1, 0}, {1, 1}, {1, 16}, {4, 4}, {4, 250}, {1, 490}, {2, 3}, {8, 2},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    npy_array a;
    char err[200], shape[128];
    size_t cap, k;
    int rc;

    memset(err, 0x55, sizeof err);
    rc = npy_parse(data, size, &a, err, sizeof err);
    if (rc != 0) {
        REQUIRE(rc == -1, "npy_parse returned neither 0 nor -1");
        REQUIRE(memchr(err, 0, sizeof err) != NULL && err[0] != '\0', "error text");
        return 0;
    }
    REQUIRE(npy_has_magic(data, size), "accepted without the magic");
    REQUIRE(a.rank <= NPY_MAX_RANK, "rank");
    REQUIRE(memchr(a.descr, 0, sizeof a.descr) != NULL, "descr not terminated");
    REQUIRE(a.data_offset <= size && a.data_bytes == size - a.data_offset, "data span");
    REQUIRE(a.item_size != 0 && a.data_bytes / a.item_size == a.elements &&
            a.data_bytes % a.item_size == 0, "data bytes vs elements");
    for (cap = 0; cap <= sizeof shape; cap += cap < 40 ? 1u : 29u) {
        char *buf = (char *)malloc(cap ? cap : 1u);   /* exact size: overruns show */
        npy_format_shape(&a, buf, cap);
        REQUIRE(cap == 0 || memchr(buf, 0, cap) != NULL, "shape text not terminated");
        free(buf);
    }
    /* What `mote run` does with a parsed input (cmd_run.c, fill_input). */
    for (k = 0; k < sizeof tensors / sizeof tensors[0]; k++) {
        size_t bytes = (size_t)(tensors[k].esize * tensors[k].count);
        if (a.item_size == tensors[k].esize && a.elements == bytes / tensors[k].esize &&
            a.data_bytes == bytes) {
            uint8_t *dst = (uint8_t *)malloc(bytes ? bytes : 1u);
            memcpy(dst, data + a.data_offset, a.data_bytes);
            free(dst);
        }
    }
    return 0;
}
