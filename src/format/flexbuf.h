/*
 * flexbuf.h — a bounds-checked reader for the FlexBuffers maps TFLite
 * stores in a CUSTOM operator's custom_options.
 *
 * Only what operators' options need: the root must be a map; values are
 * looked up by key as integers (INT, UINT, BOOL, and their indirect forms),
 * floats (FLOAT, INDIRECT_FLOAT), bools, or typed integer vectors
 * (VECTOR_INT / VECTOR_UINT, or an untyped VECTOR of inline integers).
 * Every width, offset, length and key string is checked against the
 * buffer before it is read; nothing recurses and nothing is copied, so a
 * hostile buffer gives a status, never a read outside it.
 *
 * Statuses: MOTE_E_TRUNCATED (the buffer is too short for what it
 * declares), MOTE_E_OFFSET (an offset points outside the buffer or
 * forwards), MOTE_E_ENUM (a width or type outside the format),
 * MOTE_E_PARAM (the value exists but has another type, or does not fit).
 * On failure, *why (when why is non-NULL) names the problem in a few words.
 */
#ifndef MOTE_FORMAT_FLEXBUF_H
#define MOTE_FORMAT_FLEXBUF_H

#include <stdint.h>
#include "mote/status.h"

typedef struct mote_flexbuf_map {
    const uint8_t *p;
    uint32_t n;       /* buffer bytes */
    uint32_t data;    /* first value */
    uint32_t size;    /* number of entries */
    uint32_t width;   /* bytes per value */
    uint32_t keys;    /* first key offset (of the keys vector) */
    uint32_t k_width; /* bytes per key offset */
} mote_flexbuf_map;

/* Open the root of p[0..n) as a map. */
mote_status mote_flexbuf_map_open(const uint8_t *p, uint32_t n, mote_flexbuf_map *m,
                                  const char **why);

/* Look up key; *found = 0 (and the output untouched) when the map lacks it. */
mote_status mote_flexbuf_get_int(const mote_flexbuf_map *m, const char *key, int64_t *v, int *found,
                                 const char **why);
mote_status mote_flexbuf_get_float(const mote_flexbuf_map *m, const char *key, double *v,
                                   int *found, const char **why);
mote_status mote_flexbuf_get_bool(const mote_flexbuf_map *m, const char *key, int *v, int *found,
                                  const char **why);
/* An integer vector: up to cap elements into v, its length in *len
 * (MOTE_E_PARAM when longer than cap). */
mote_status mote_flexbuf_get_ints(const mote_flexbuf_map *m, const char *key, int64_t *v,
                                  uint32_t cap, uint32_t *len, int *found, const char **why);

#endif /* MOTE_FORMAT_FLEXBUF_H */
