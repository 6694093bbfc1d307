/*
 * flatbuf.h — bounds-checked reads of an untrusted flatbuffer.
 *
 * Every byte the reader looks at goes through these functions; each one
 * checks that what it follows stays inside the file and returns a status
 * (with a one-line message) when it does not. Nothing is copied or
 * allocated, and nothing recurses: callers walk the schema explicitly.
 *
 * Flatbuffer layout in brief (all little-endian, possibly unaligned here):
 *   - a table starts with an int32 soffset; its vtable sits at table - soffset
 *     and holds uint16 vtable size, uint16 table inline size, then one uint16
 *     per field: the field's byte offset inside the table (0 = absent);
 *   - a reference field holds a uint32 offset relative to its own position;
 *   - a vector (or string) starts with a uint32 element count, elements follow;
 *     strings also carry a NUL after the last byte.
 *
 * Status choice, used throughout the reader: an object that *starts* outside
 * the file is MOTE_E_OFFSET (a bad pointer); one that starts inside but runs
 * past the end is MOTE_E_TRUNCATED (the file is too short for it); a size
 * that does not fit 32 bits is MOTE_E_OVERFLOW (no flatbuffer can hold it).
 */
#ifndef MOTE_FORMAT_FLATBUF_H
#define MOTE_FORMAT_FLATBUF_H

#include <stdint.h>
#include <string.h>
#include "mote/status.h"

/* The model bytes are read in place, as stored: little-endian. */
#if (defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__) ||                      \
    defined(__ARM_BIG_ENDIAN) || defined(__BIG_ENDIAN__)
#error "mote reads flatbuffers in place and needs a little-endian target"
#endif

/* A file being read, and who is reading it (for messages). */
typedef struct mote_fb {
    const uint8_t *p;
    uint32_t n;         /* file length; the reader refuses files >= 4 GiB */
    mote_error *err;    /* detail record, or NULL */
    int32_t op, tensor; /* what is being decoded, -1 if none: prefixes messages */
    int verify;         /* 0: bytes already verified, decode without the semantic checks */
} mote_fb;

/* A verified table: its position, its vtable, and their sizes. */
typedef struct mote_fb_table {
    uint32_t pos;     /* table start (its soffset) */
    uint32_t vt;      /* vtable start */
    uint32_t vt_size; /* vtable bytes: 4 + 2 * fields present in the vtable */
    uint32_t size;    /* table inline bytes (from pos) */
} mote_fb_table;

/* A verified vector or string: element 0 offset and count (0/0 if absent). */
typedef struct mote_fb_vec {
    uint32_t data;
    uint32_t len;
} mote_fb_vec;

/* Unchecked little-endian loads, for offsets already verified. memcpy keeps
 * them legal on unaligned data; compilers turn it into one load. */
static inline uint16_t mote_fb_u16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}
static inline uint32_t mote_fb_u32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}
static inline int32_t mote_fb_i32(const uint8_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}
static inline uint64_t mote_fb_u64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}
static inline int64_t mote_fb_i64(const uint8_t *p)
{
    int64_t v;
    memcpy(&v, p, 8);
    return v;
}
static inline float mote_fb_f32(const uint8_t *p)
{
    float v;
    memcpy(&v, p, 4);
    return v;
}

/* For functions only a refused model reaches (error text buffers): never
 * inlined into the path a good model takes, so their frames do not add to
 * loading's stack. */
#if defined(__GNUC__) || defined(__clang__)
#define MOTE_FB_COLD __attribute__((noinline, cold))
#else
#define MOTE_FB_COLD
#endif

/* For a decoding step that returns before its caller goes deeper: in a
 * frame of its own, so its locals are not in the caller's frame while the
 * deepest call below runs (loading's stack). */
#if defined(__GNUC__) || defined(__clang__)
#define MOTE_FB_APART __attribute__((noinline))
#else
#define MOTE_FB_APART
#endif

/* Record an error about fb's current op/tensor; returns s. */
mote_status mote_fb_fail(const mote_fb *fb, mote_status s, uint32_t offset, const char *fmt, ...);
#ifdef MOTE_NO_STRINGS
#define MOTE_FB_FAIL(fb, s, offset, ...) mote_fb_fail((fb), (s), (offset), "")
#else
#define MOTE_FB_FAIL(fb, s, offset, ...) mote_fb_fail((fb), (s), (offset), __VA_ARGS__)
#endif

/* Verify the table starting at pos: soffset, vtable and inline bytes all in
 * the file; vtable size even and >= 4; inline size >= 4. what names it. */
mote_status mote_fb_table_at(const mote_fb *fb, uint32_t pos, const char *what, mote_fb_table *t);

/* Position of field id holding size bytes, checked to lie inside the table's
 * inline bytes; *pos = 0 when the field is absent. */
mote_status mote_fb_field(const mote_fb *fb, const mote_fb_table *t, uint32_t id, uint32_t size,
                          const char *what, uint32_t *pos);

/* Scalar fields; *out keeps its value (the schema default the caller put
 * there) when the field is absent. */
mote_status mote_fb_get_u8(const mote_fb *fb, const mote_fb_table *t, uint32_t id, const char *what,
                           uint8_t *out);
mote_status mote_fb_get_i8(const mote_fb *fb, const mote_fb_table *t, uint32_t id, const char *what,
                           int8_t *out);
mote_status mote_fb_get_32(const mote_fb *fb, const mote_fb_table *t, uint32_t id, const char *what,
                           void *out); /* int32, uint32 or float */
mote_status mote_fb_get_u64(const mote_fb *fb, const mote_fb_table *t, uint32_t id,
                            const char *what, uint64_t *out);

/* Reference field: *target = where it points (0 if absent), checked to
 * leave room for the 4-byte header every referenced object starts with. */
mote_status mote_fb_ref(const mote_fb *fb, const mote_fb_table *t, uint32_t id, const char *what,
                        uint32_t *target);

/* Sub-table field: *present = 0 if absent, else *sub is verified. */
mote_status mote_fb_sub(const mote_fb *fb, const mote_fb_table *t, uint32_t id, const char *what,
                        mote_fb_table *sub, int *present);

/* Vector field of elem_size-byte elements: count * elem_size checked for
 * 32-bit overflow and against the file end. Absent gives {0, 0}. */
mote_status mote_fb_vector(const mote_fb *fb, const mote_fb_table *t, uint32_t id,
                           uint32_t elem_size, const char *what, mote_fb_vec *v);

/* String field: a byte vector whose terminating NUL is inside the file. */
mote_status mote_fb_string(const mote_fb *fb, const mote_fb_table *t, uint32_t id, const char *what,
                           mote_fb_vec *s);

/* Element i (< v->len) of a vector of tables, verified. */
mote_status mote_fb_vec_table(const mote_fb *fb, const mote_fb_vec *v, uint32_t i, const char *what,
                              mote_fb_table *t);

#endif /* MOTE_FORMAT_FLATBUF_H */
