/* test_flexbuf.c — the FlexBuffers reader (src/format/flexbuf.c) that reads
 * CUSTOM operators' custom_options (TFLite Micro's Signal library): valid
 * maps, then hostile ones — truncated, bad widths, offsets out of range,
 * deep nesting, wrong value types, every byte flipped — each of which must
 * give a status, never a read outside the buffer (each buffer is malloc'd
 * at its exact size, so ASan sees any overrun: make test-reader under
 * sanitizers, mk/reader.mk). Buffers were written by flatbuffers'
 * flexbuffers.Dumps (Python). */
#include <stdlib.h>
#include <string.h>

#include "format/flexbuf.h"
#include "test_util.h"

/* {"shift": 12, "prefill": True, "fft_length": 512, "T": 7} */
static const uint8_t ok_map[] = {
    0x73, 0x68, 0x69, 0x66, 0x74, 0x00, 0x70, 0x72, 0x65, 0x66, 0x69, 0x6c, 0x6c, 0x00,
    0x66, 0x66, 0x74, 0x5f, 0x6c, 0x65, 0x6e, 0x67, 0x74, 0x68, 0x00, 0x54, 0x00, 0x04,
    0x03, 0x0f, 0x18, 0x1f, 0x04, 0x00, 0x01, 0x00, 0x04, 0x00, 0x07, 0x00, 0x00, 0x02,
    0x01, 0x00, 0x0c, 0x00, 0x05, 0x05, 0x69, 0x05, 0x0c, 0x25, 0x01};
/* {"shift": "x"} */
static const uint8_t str_map[] = {0x73, 0x68, 0x69, 0x66, 0x74, 0x00, 0x01, 0x78, 0x00, 0x01,
                                  0x0a, 0x01, 0x01, 0x01, 0x07, 0x14, 0x02, 0x24, 0x01};
/* {"shift": 1.5} */
static const uint8_t float_map[] = {0x73, 0x68, 0x69, 0x66, 0x74, 0x00, 0x01, 0x07, 0x01, 0x00,
                                    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
                                    0x00, 0x00, 0xc0, 0x3f, 0x0e, 0x05, 0x26, 0x01};
/* {"shift": [1, 2, 3]} */
static const uint8_t vec_map[] = {0x73, 0x68, 0x69, 0x66, 0x74, 0x00, 0x03, 0x01,
                                  0x02, 0x03, 0x04, 0x04, 0x04, 0x01, 0x0e, 0x01,
                                  0x01, 0x01, 0x0b, 0x28, 0x02, 0x24, 0x01};
/* {"shift": {"a": {"b": {"c": 1}}}} */
static const uint8_t nested_map[] = {
    0x73, 0x68, 0x69, 0x66, 0x74, 0x00, 0x61, 0x00, 0x62, 0x00, 0x63, 0x00, 0x01, 0x03, 0x01,
    0x01, 0x01, 0x01, 0x04, 0x01, 0x0c, 0x01, 0x01, 0x01, 0x07, 0x24, 0x01, 0x15, 0x01, 0x01,
    0x01, 0x07, 0x24, 0x01, 0x22, 0x01, 0x01, 0x01, 0x07, 0x24, 0x02, 0x24, 0x01};
/* [[[[[[1]]]]]]: a root that is no map */
static const uint8_t deep_vec[] = {0x01, 0x01, 0x04, 0x01, 0x03, 0x28, 0x01, 0x03, 0x28, 0x01, 0x03,
                                   0x28, 0x01, 0x03, 0x28, 0x01, 0x03, 0x28, 0x02, 0x28, 0x01};
/* {"shift": -3} */
static const uint8_t neg_map[] = {0x73, 0x68, 0x69, 0x66, 0x74, 0x00, 0x01, 0x07,
                                  0x01, 0x01, 0x01, 0xfd, 0x04, 0x02, 0x24, 0x01};
/* {"shift": 70000, "k": 2^33}: 8-byte values */
static const uint8_t wide_map[] = {
    0x73, 0x68, 0x69, 0x66, 0x74, 0x00, 0x6b, 0x00, 0x02, 0x03, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
    0x70, 0x11, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0x07, 0x12, 0x27, 0x01};

static const char *const keys[] = {"shift", "prefill", "fft_length", "T", "k", "", "missing"};

/* A malloc'd copy of exactly n bytes (n 0: a 1-byte allocation, length 0). */
static uint8_t *copy_of(const uint8_t *p, size_t n)
{
    uint8_t *b = malloc(n ? n : 1);
    if (b != NULL && n) memcpy(b, p, n);
    return b;
}

/* The statuses flexbuf.h documents. */
static int known(mote_status s)
{
    return s == MOTE_OK || s == MOTE_E_TRUNCATED || s == MOTE_E_OFFSET || s == MOTE_E_ENUM ||
           s == MOTE_E_PARAM;
}

/* Open and look every key up every way; 1 if everything answered with a
 * known status (the point is that it returns, inside the buffer). */
static int probe(const uint8_t *p, uint32_t n, mote_status *open_status)
{
    mote_flexbuf_map m;
    const char *why = NULL;
    uint32_t k;
    *open_status = mote_flexbuf_map_open(p, n, &m, &why);
    if (*open_status != MOTE_OK) return why != NULL && known(*open_status);
    for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        int64_t v[4];
        double d;
        int b, found;
        uint32_t len;
        mote_status s1 = mote_flexbuf_get_int(&m, keys[k], v, &found, &why);
        mote_status s2 = mote_flexbuf_get_float(&m, keys[k], &d, &found, &why);
        mote_status s3 = mote_flexbuf_get_bool(&m, keys[k], &b, &found, &why);
        mote_status s4 = mote_flexbuf_get_ints(&m, keys[k], v, 4, &len, &found, &why);
        if (!known(s1) || !known(s2) || !known(s3) || !known(s4)) return 0;
    }
    return 1;
}

static void expect_int(const uint8_t *src, size_t n, const char *key, mote_status want,
                       int64_t want_v, const char *what)
{
    uint8_t *b = copy_of(src, n);
    mote_flexbuf_map m;
    const char *why = "";
    int64_t v = 0;
    int found = 0;
    mote_status s = mote_flexbuf_map_open(b, (uint32_t)n, &m, &why);
    CHECK(s == MOTE_OK, "%s: open gave %s (%s)", what, mote_status_str(s), why);
    if (s == MOTE_OK) {
        s = mote_flexbuf_get_int(&m, key, &v, &found, &why);
        CHECK(s == want, "%s: get_int(%s) gave %s (%s), expected %s", what, key,
              mote_status_str(s), why, mote_status_str(want));
        if (want == MOTE_OK)
            CHECK(found && v == want_v, "%s: %s = %ld (found %d), expected %ld", what, key,
                  (long)v, found, (long)want_v);
    }
    free(b);
}

/* A copy with byte `at` (from the end when negative) set to v must not open. */
static void expect_open_fails(const uint8_t *src, size_t n, long at, uint8_t v, const char *what)
{
    uint8_t *b = copy_of(src, n);
    mote_flexbuf_map m;
    const char *why = NULL;
    mote_status s;
    b[at < 0 ? (long)n + at : at] = v;
    s = mote_flexbuf_map_open(b, (uint32_t)n, &m, &why);
    CHECK(s != MOTE_OK && why != NULL, "%s: open gave %s", what, mote_status_str(s));
    free(b);
}

void test_flexbuf(void)
{
    static const struct {
        const uint8_t *p;
        size_t n;
    } all[] = {{ok_map, sizeof ok_map},       {str_map, sizeof str_map},
               {float_map, sizeof float_map}, {vec_map, sizeof vec_map},
               {nested_map, sizeof nested_map}, {deep_vec, sizeof deep_vec},
               {neg_map, sizeof neg_map},     {wide_map, sizeof wide_map}};
    const char *why = NULL;
    mote_flexbuf_map m;
    mote_status s;
    uint32_t i, j, len = 0;
    int64_t v[4];
    int found = 0, flag = 0;
    uint8_t *b;

    /* Valid maps. */
    expect_int(ok_map, sizeof ok_map, "shift", MOTE_OK, 12, "ok");
    expect_int(ok_map, sizeof ok_map, "fft_length", MOTE_OK, 512, "ok");
    expect_int(ok_map, sizeof ok_map, "T", MOTE_OK, 7, "ok");
    expect_int(ok_map, sizeof ok_map, "prefill", MOTE_OK, 1, "ok (a bool as an int)");
    expect_int(neg_map, sizeof neg_map, "shift", MOTE_OK, -3, "negative");
    expect_int(wide_map, sizeof wide_map, "shift", MOTE_OK, 70000, "8-byte values");
    expect_int(wide_map, sizeof wide_map, "k", MOTE_OK, (int64_t)1 << 33, "8-byte values");
    b = copy_of(ok_map, sizeof ok_map);
    s = mote_flexbuf_map_open(b, sizeof ok_map, &m, &why);
    CHECK(s == MOTE_OK, "ok: open gave %s", mote_status_str(s));
    if (s == MOTE_OK) {
        s = mote_flexbuf_get_int(&m, "missing", v, &found, &why);
        CHECK(s == MOTE_OK && !found, "a missing key: %s, found %d", mote_status_str(s), found);
        s = mote_flexbuf_get_bool(&m, "prefill", &flag, &found, &why);
        CHECK(s == MOTE_OK && found && flag == 1, "get_bool(prefill): %s", mote_status_str(s));
    }
    free(b);
    b = copy_of(vec_map, sizeof vec_map);
    s = mote_flexbuf_map_open(b, sizeof vec_map, &m, &why);
    if (s == MOTE_OK) s = mote_flexbuf_get_ints(&m, "shift", v, 4, &len, &found, &why);
    CHECK(s == MOTE_OK && found && len == 3 && v[0] == 1 && v[2] == 3, "get_ints: %s, len %u",
          mote_status_str(s), (unsigned)len);
    if (s == MOTE_OK) {
        s = mote_flexbuf_get_ints(&m, "shift", v, 2, &len, &found, &why);
        CHECK(s == MOTE_E_PARAM, "get_ints past its capacity: %s", mote_status_str(s));
    }
    free(b);

    /* Wrong value types: a string, a float, a vector, a map where an
     * integer is wanted. */
    expect_int(str_map, sizeof str_map, "shift", MOTE_E_PARAM, 0, "a string value");
    expect_int(float_map, sizeof float_map, "shift", MOTE_E_PARAM, 0, "a float value");
    expect_int(vec_map, sizeof vec_map, "shift", MOTE_E_PARAM, 0, "a vector value");
    expect_int(nested_map, sizeof nested_map, "shift", MOTE_E_PARAM, 0, "a nested map value");

    /* Deep nesting: a root that is a vector of vectors is no map. */
    b = copy_of(deep_vec, sizeof deep_vec);
    s = mote_flexbuf_map_open(b, sizeof deep_vec, &m, &why);
    CHECK(s != MOTE_OK, "a nested vector root opened as a map");
    free(b);

    /* No options at all, and every truncation of each buffer. */
    s = mote_flexbuf_map_open(NULL, 0, &m, &why);
    CHECK(s != MOTE_OK, "no custom_options: %s", mote_status_str(s));
    for (i = 0; i < sizeof all / sizeof all[0]; i++)
        for (j = 0; j < all[i].n; j++) {
            b = copy_of(all[i].p, j);
            CHECK(probe(b, j, &s), "buffer %u cut to %u bytes: no status", (unsigned)i,
                  (unsigned)j);
            if (j < 3) CHECK(s == MOTE_E_TRUNCATED, "%u bytes: %s", (unsigned)j,
                             mote_status_str(s));
            free(b);
        }

    /* Bad widths: the root's byte width, the root's packed type (its width
     * bits, a type that is no map), the map's key-vector width. */
    expect_open_fails(ok_map, sizeof ok_map, -1, 3, "root width 3");
    expect_open_fails(ok_map, sizeof ok_map, -1, 0, "root width 0");
    expect_open_fails(ok_map, sizeof ok_map, -1, 16, "root width 16");
    expect_open_fails(ok_map, sizeof ok_map, -1, 200, "root width past the buffer");
    expect_open_fails(ok_map, sizeof ok_map, -2, 0x04, "root type INT, not a map");
    expect_open_fails(ok_map, sizeof ok_map, -2, 0xfc, "root type 63");
    expect_open_fails(ok_map, sizeof ok_map, -2, 0x27, "map of 8-byte values past the buffer");
    /* Offsets out of range: the root offset, the map size, the keys offset. */
    expect_open_fails(ok_map, sizeof ok_map, -3, 0xff, "root offset before the buffer");
    expect_open_fails(ok_map, sizeof ok_map, -3, 0x00, "root offset 0 (map size past its end)");
    expect_open_fails(str_map, sizeof str_map, 11, 0xff, "keys offset before the buffer");
    expect_open_fails(str_map, sizeof str_map, 13, 0xff, "map size past the buffer");
    expect_open_fails(str_map, sizeof str_map, 12, 3, "key vector width 3");

    /* Every byte of every buffer set to a few values: a status each time. */
    for (i = 0; i < sizeof all / sizeof all[0]; i++)
        for (j = 0; j < all[i].n; j++) {
            static const uint8_t vals[] = {0x00, 0x01, 0x03, 0x7f, 0x80, 0xff};
            uint32_t k;
            for (k = 0; k < sizeof vals; k++) {
                b = copy_of(all[i].p, all[i].n);
                b[j] = vals[k];
                CHECK(probe(b, (uint32_t)all[i].n, &s), "buffer %u byte %u = %u: no status",
                      (unsigned)i, (unsigned)j, (unsigned)vals[k]);
                free(b);
            }
        }
}
