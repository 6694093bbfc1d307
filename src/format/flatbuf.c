/* flatbuf.c — the checked flatbuffer primitives (see flatbuf.h). */
#include "format/flatbuf.h"
#include "base/error.h"

mote_status mote_fb_fail(const mote_fb *fb, mote_status s, uint32_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    s = mote_error_vfail(fb->err, s, fb->op, fb->tensor, offset, fmt, ap);
    va_end(ap);
    return s;
}

/* Why the header at `at` is bad (check_head). The messages' formatting
 * lives here, taken only by a refused model, so the checks on every
 * good model's path keep small frames (loading's stack, mote.h). */
static MOTE_FB_COLD mote_status fail_head(const mote_fb *fb, uint64_t at, uint32_t from,
                                          const char *what, const char *kind)
{
    (void)what; /* unused when MOTE_NO_STRINGS drops the messages */
    (void)kind;
    if (at >= fb->n) {
        return MOTE_FB_FAIL(fb, MOTE_E_OFFSET, from,
                            "%s %s offset at 0x%x points to 0x%X, outside the file (%u bytes)",
                            what, kind, from, (unsigned long long)at, fb->n);
    }
    return MOTE_FB_FAIL(fb, MOTE_E_TRUNCATED, (uint32_t)at,
                        "file truncated: %s %s at offset 0x%x needs %U bytes, file has %u", what,
                        kind, (unsigned)at, (unsigned long long)at + 4, fb->n);
}

/* The 4-byte header (soffset or length) of an object at 64-bit position at. */
static mote_status check_head(const mote_fb *fb, uint64_t at, uint32_t from, const char *what,
                              const char *kind)
{
    if (at >= fb->n || fb->n - at < 4) {
        return fail_head(fb, at, from, what, kind);
    }
    return MOTE_OK;
}

/* Why the table at pos (vtable at vt) is malformed (mote_fb_table_at). */
static MOTE_FB_COLD mote_status fail_table(const mote_fb *fb, uint32_t pos, int64_t vt,
                                           const char *what)
{
    uint32_t vt_size, size;
    (void)what;
    if (vt < 0 || vt >= (int64_t)fb->n) {
        return MOTE_FB_FAIL(fb, MOTE_E_OFFSET, pos,
                            "%s table at 0x%x: vtable at %D is outside the file (%u bytes)", what,
                            pos, (long long)vt, fb->n);
    }
    if (fb->n - (uint64_t)vt < 4) {
        return MOTE_FB_FAIL(fb, MOTE_E_TRUNCATED, (uint32_t)vt,
                            "file truncated: %s vtable at offset 0x%x needs %U bytes, file has %u",
                            what, (unsigned)vt, (unsigned long long)vt + 4, fb->n);
    }
    vt_size = mote_fb_u16(fb->p + vt);
    size = mote_fb_u16(fb->p + vt + 2);
    if (vt_size < 4 || (vt_size & 1u) != 0 || size < 4) {
        return MOTE_FB_FAIL(fb, MOTE_E_OFFSET, (uint32_t)vt,
                            "%s table at 0x%x: malformed vtable at 0x%x "
                            "(vtable size %u, table size %u)",
                            what, pos, (unsigned)vt, vt_size, size);
    }
    if (fb->n - (uint64_t)vt < vt_size) {
        return MOTE_FB_FAIL(fb, MOTE_E_TRUNCATED, (uint32_t)vt,
                            "file truncated: %s vtable at offset 0x%x needs %U bytes, file has %u",
                            what, (unsigned)vt, (unsigned long long)vt + vt_size, fb->n);
    }
    return MOTE_FB_FAIL(fb, MOTE_E_TRUNCATED, pos,
                        "file truncated: %s table at offset 0x%x needs %U bytes, file has %u", what,
                        pos, (unsigned long long)pos + size, fb->n);
}

mote_status mote_fb_table_at(const mote_fb *fb, uint32_t pos, const char *what, mote_fb_table *t)
{
    mote_status s = check_head(fb, pos, pos, what, "table");
    int64_t vt;
    if (s != MOTE_OK) {
        return s;
    }
    /* The vtable may sit before or after the table: soffset is signed. A
     * vtable holds its own two uint16 sizes plus uint16 slots: even, >= 4.
     * A table holds at least its soffset. Any failure: fail_table says
     * which. */
    vt = (int64_t)pos - (int64_t)mote_fb_i32(fb->p + pos);
    if (vt < 0 || vt >= (int64_t)fb->n || fb->n - (uint64_t)vt < 4) {
        return fail_table(fb, pos, vt, what);
    }
    t->pos = pos;
    t->vt = (uint32_t)vt;
    t->vt_size = mote_fb_u16(fb->p + t->vt);
    t->size = mote_fb_u16(fb->p + t->vt + 2);
    if (t->vt_size < 4 || (t->vt_size & 1u) != 0 || t->size < 4 || fb->n - t->vt < t->vt_size ||
        fb->n - pos < t->size) {
        return fail_table(fb, pos, vt, what);
    }
    return MOTE_OK;
}

/* Field at byte fo of table t runs past the table (mote_fb_field). */
static MOTE_FB_COLD mote_status fail_field(const mote_fb *fb, const mote_fb_table *t, uint32_t fo,
                                           const char *what)
{
    (void)what; /* unused when MOTE_NO_STRINGS drops the messages */
    (void)fo;
    return MOTE_FB_FAIL(fb, MOTE_E_OFFSET, t->pos,
                        "%s field at byte %u of the table at 0x%x overruns its %u bytes", what, fo,
                        t->pos, t->size);
}

mote_status mote_fb_field(const mote_fb *fb, const mote_fb_table *t, uint32_t id, uint32_t size,
                          const char *what, uint32_t *pos)
{
    uint32_t slot = 4u + 2u * id;
    uint32_t fo;
    (void)what;
    *pos = 0;
    /* Fields past the end of a (shorter, older) vtable are absent. */
    if (slot + 2u > t->vt_size) {
        return MOTE_OK;
    }
    fo = mote_fb_u16(fb->p + t->vt + slot);
    if (fo == 0) {
        return MOTE_OK;
    }
    if (fo + size > t->size) {
        return fail_field(fb, t, fo, what);
    }
    *pos = t->pos + fo;
    return MOTE_OK;
}

mote_status mote_fb_get_u8(const mote_fb *fb, const mote_fb_table *t, uint32_t id, const char *what,
                           uint8_t *out)
{
    uint32_t pos;
    mote_status s = mote_fb_field(fb, t, id, 1, what, &pos);
    if (s == MOTE_OK && pos != 0) {
        *out = fb->p[pos];
    }
    return s;
}

mote_status mote_fb_get_i8(const mote_fb *fb, const mote_fb_table *t, uint32_t id, const char *what,
                           int8_t *out)
{
    uint32_t pos;
    mote_status s = mote_fb_field(fb, t, id, 1, what, &pos);
    if (s == MOTE_OK && pos != 0) {
        memcpy(out, fb->p + pos, 1);
    }
    return s;
}

mote_status mote_fb_get_32(const mote_fb *fb, const mote_fb_table *t, uint32_t id, const char *what,
                           void *out)
{
    uint32_t pos;
    mote_status s = mote_fb_field(fb, t, id, 4, what, &pos);
    if (s == MOTE_OK && pos != 0) {
        memcpy(out, fb->p + pos, 4);
    }
    return s;
}

mote_status mote_fb_get_u64(const mote_fb *fb, const mote_fb_table *t, uint32_t id,
                            const char *what, uint64_t *out)
{
    uint32_t pos;
    mote_status s = mote_fb_field(fb, t, id, 8, what, &pos);
    if (s == MOTE_OK && pos != 0) {
        *out = mote_fb_u64(fb->p + pos);
    }
    return s;
}

mote_status mote_fb_ref(const mote_fb *fb, const mote_fb_table *t, uint32_t id, const char *what,
                        uint32_t *target)
{
    uint32_t pos;
    uint64_t at;
    mote_status s = mote_fb_field(fb, t, id, 4, what, &pos);
    *target = 0;
    if (s != MOTE_OK || pos == 0) {
        return s;
    }
    /* Offsets are unsigned and relative to the field: they only point
     * forward, which is also why walking them cannot loop. */
    at = (uint64_t)pos + mote_fb_u32(fb->p + pos);
    s = check_head(fb, at, pos, what, "object");
    if (s == MOTE_OK) {
        *target = (uint32_t)at;
    }
    return s;
}

mote_status mote_fb_sub(const mote_fb *fb, const mote_fb_table *t, uint32_t id, const char *what,
                        mote_fb_table *sub, int *present)
{
    uint32_t at;
    mote_status s = mote_fb_ref(fb, t, id, what, &at);
    *present = 0;
    if (s != MOTE_OK || at == 0) {
        return s;
    }
    *present = 1;
    return mote_fb_table_at(fb, at, what, sub);
}

/* Why the vector of len elements at `at` does not fit (mote_fb_vector). */
static MOTE_FB_COLD mote_status fail_vector(const mote_fb *fb, uint32_t at, uint32_t len,
                                            uint32_t elem_size, const char *what)
{
    const uint64_t bytes = (uint64_t)len * elem_size;
    (void)what;
    if (bytes > UINT32_MAX) {
        return MOTE_FB_FAIL(fb, MOTE_E_OVERFLOW, at,
                            "%s vector at offset 0x%x: %u elements of %u bytes overflow 32 bits",
                            what, at, len, elem_size);
    }
    return MOTE_FB_FAIL(fb, MOTE_E_TRUNCATED, at,
                        "file truncated: %s vector at offset 0x%x needs %U bytes, file has %u",
                        what, at, (unsigned long long)at + 4u + bytes, fb->n);
}

mote_status mote_fb_vector(const mote_fb *fb, const mote_fb_table *t, uint32_t id,
                           uint32_t elem_size, const char *what, mote_fb_vec *v)
{
    uint32_t at;
    uint64_t bytes;
    mote_status s = mote_fb_ref(fb, t, id, what, &at);
    v->data = 0;
    v->len = 0;
    if (s != MOTE_OK || at == 0) {
        return s;
    }
    v->len = mote_fb_u32(fb->p + at);
    bytes = (uint64_t)v->len * elem_size;
    if (bytes > UINT32_MAX || bytes > fb->n - (at + 4u)) {
        return fail_vector(fb, at, v->len, elem_size, what);
    }
    v->data = at + 4u;
    return MOTE_OK;
}

mote_status mote_fb_string(const mote_fb *fb, const mote_fb_table *t, uint32_t id, const char *what,
                           mote_fb_vec *str)
{
    mote_status s = mote_fb_vector(fb, t, id, 1, what, str);
    if (s != MOTE_OK || str->data == 0) {
        return s;
    }
    /* The vector check left data + len <= n; the NUL needs one byte more. */
    if (str->data + str->len >= fb->n) {
        return MOTE_FB_FAIL(fb, MOTE_E_TRUNCATED, str->data - 4u,
                            "file truncated: %s string at offset 0x%x needs %U bytes, file has %u",
                            what, str->data - 4u, (unsigned long long)str->data + str->len + 1u,
                            fb->n);
    }
    if (fb->p[str->data + str->len] != 0) {
        return MOTE_FB_FAIL(fb, MOTE_E_OFFSET, str->data - 4u,
                            "%s string at offset 0x%x (%u bytes) is not NUL-terminated", what,
                            str->data - 4u, str->len);
    }
    return MOTE_OK;
}

mote_status mote_fb_vec_table(const mote_fb *fb, const mote_fb_vec *v, uint32_t i, const char *what,
                              mote_fb_table *t)
{
    uint32_t pos = v->data + 4u * i; /* inside the verified vector */
    uint64_t at = (uint64_t)pos + mote_fb_u32(fb->p + pos);
    mote_status s = check_head(fb, at, pos, what, "table");
    if (s != MOTE_OK) {
        return s;
    }
    return mote_fb_table_at(fb, (uint32_t)at, what, t);
}
