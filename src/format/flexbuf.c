/* flexbuf.c — bounds-checked FlexBuffers map reader (see flexbuf.h). */
#include "format/flexbuf.h"

#include <string.h>

/* FlexBuffers value types (flexbuffers.h's Type). */
enum {
    FB_INT = 1,
    FB_UINT = 2,
    FB_FLOAT = 3,
    FB_INDIRECT_INT = 6,
    FB_INDIRECT_UINT = 7,
    FB_INDIRECT_FLOAT = 8,
    FB_MAP = 9,
    FB_VECTOR = 10,
    FB_VECTOR_INT = 11,
    FB_VECTOR_UINT = 12,
    FB_BOOL = 26
};

/* A value: where its bytes are, the width its parent stores it in, and its
 * packed type byte (type << 2 | log2 of the width of what it points at). */
typedef struct fb_ref {
    uint32_t pos, parent_width;
    uint8_t packed;
} fb_ref;

static mote_status fail(const char **why, mote_status s, const char *text)
{
    if (why != NULL) *why = text;
    return s;
}

static int width_ok(uint64_t w)
{
    return w == 1 || w == 2 || w == 4 || w == 8;
}

/* Unsigned little-endian value of w bytes at pos; the caller checked the
 * bytes are inside the buffer. */
static uint64_t read_u(const uint8_t *p, uint32_t pos, uint32_t w)
{
    uint64_t v = 0;
    uint32_t k;
    for (k = w; k > 0; k--)
        v = (v << 8) | p[pos + k - 1];
    return v;
}

static int64_t read_i(const uint8_t *p, uint32_t pos, uint32_t w)
{
    uint64_t u = read_u(p, pos, w);
    if (w < 8 && (u >> (8 * w - 1)) != 0) u |= ~(uint64_t)0 << (8 * w);
    return u > (uint64_t)INT64_MAX ? -(int64_t)(~u) - 1 : (int64_t)u;
}

static int inside(const mote_flexbuf_map *m, uint64_t pos, uint64_t bytes)
{
    return pos <= m->n && bytes <= (uint64_t)m->n - pos;
}

/* The position an offset value at r points to (backwards from r->pos). */
static mote_status follow(const uint8_t *p, uint32_t n, const fb_ref *r, uint32_t *target,
                          const char **why)
{
    uint64_t off;
    if (r->pos > n || r->parent_width > n - r->pos)
        return fail(why, MOTE_E_TRUNCATED, "offset runs past the end");
    off = read_u(p, r->pos, r->parent_width);
    if (off > r->pos) return fail(why, MOTE_E_OFFSET, "offset points before the buffer");
    *target = r->pos - (uint32_t)off;
    return MOTE_OK;
}

mote_status mote_flexbuf_map_open(const uint8_t *p, uint32_t n, mote_flexbuf_map *m,
                                  const char **why)
{
    fb_ref root;
    uint32_t t, w, kpos, klen;
    uint64_t kw, koff, size;
    mote_status s;
    memset(m, 0, sizeof *m);
    if (p == NULL || n < 3) return fail(why, MOTE_E_TRUNCATED, "no FlexBuffer root");
    if (!width_ok(p[n - 1])) return fail(why, MOTE_E_ENUM, "root width is not 1, 2, 4 or 8");
    root.parent_width = p[n - 1];
    root.packed = p[n - 2];
    if (n < 2u + root.parent_width) return fail(why, MOTE_E_TRUNCATED, "root runs past the start");
    root.pos = n - 2u - root.parent_width;
    if ((root.packed >> 2) != FB_MAP) return fail(why, MOTE_E_PARAM, "root is not a map");
    m->p = p;
    m->n = n;
    if ((s = follow(p, n, &root, &t, why)) != MOTE_OK) return s;
    w = 1u << (root.packed & 3u);
    if (t < 3u * w) return fail(why, MOTE_E_OFFSET, "map header before the buffer");
    size = read_u(p, t - w, w);
    kw = read_u(p, t - 2u * w, w);
    koff = read_u(p, t - 3u * w, w);
    if (!width_ok(kw)) return fail(why, MOTE_E_ENUM, "map key width is not 1, 2, 4 or 8");
    if (koff > t - 3u * w) return fail(why, MOTE_E_OFFSET, "map keys before the buffer");
    if (size > n || !inside(m, t, size * (w + 1u)))
        return fail(why, MOTE_E_TRUNCATED, "map values run past the end");
    kpos = t - 3u * w - (uint32_t)koff;
    if (kpos < kw) return fail(why, MOTE_E_OFFSET, "map key count before the buffer");
    klen = (uint32_t)read_u(p, kpos - (uint32_t)kw, (uint32_t)kw);
    if (klen != size) return fail(why, MOTE_E_PARAM, "map has unequal key and value counts");
    if (!inside(m, kpos, size * kw))
        return fail(why, MOTE_E_TRUNCATED, "map keys run past the end");
    m->data = t;
    m->size = (uint32_t)size;
    m->width = w;
    m->keys = kpos;
    m->k_width = (uint32_t)kw;
    return MOTE_OK;
}

/* Does key i equal key? Checks the key string lies in the buffer. */
static mote_status key_is(const mote_flexbuf_map *m, uint32_t i, const char *key, int *eq,
                          const char **why)
{
    fb_ref r;
    uint32_t at, k;
    mote_status s;
    r.pos = m->keys + i * m->k_width;
    r.parent_width = m->k_width;
    r.packed = 0;
    if ((s = follow(m->p, m->n, &r, &at, why)) != MOTE_OK) return s;
    for (k = 0;; k++) {
        if (at + k >= m->n) return fail(why, MOTE_E_TRUNCATED, "map key runs past the end");
        if (m->p[at + k] != (uint8_t)key[k]) {
            /* Still walk to the NUL, so every key is checked whole. */
            *eq = 0;
            while (m->p[at + k] != 0) {
                if (++k + at >= m->n)
                    return fail(why, MOTE_E_TRUNCATED, "map key runs past the end");
            }
            return MOTE_OK;
        }
        if (key[k] == 0) break;
    }
    *eq = 1;
    return MOTE_OK;
}

static mote_status find(const mote_flexbuf_map *m, const char *key, fb_ref *r, int *found,
                        const char **why)
{
    uint32_t i;
    *found = 0;
    if (m == NULL || m->p == NULL || key == NULL) return fail(why, MOTE_E_ARG, "no map");
    for (i = 0; i < m->size; i++) {
        int eq = 0;
        mote_status s = key_is(m, i, key, &eq, why);
        if (s != MOTE_OK) return s;
        if (!eq) continue;
        r->pos = m->data + i * m->width;
        r->parent_width = m->width;
        r->packed = m->p[m->data + m->size * m->width + i];
        *found = 1;
        return MOTE_OK;
    }
    return MOTE_OK;
}

/* Integer value of r (INT, UINT, BOOL, inline or indirect). */
static mote_status as_int(const mote_flexbuf_map *m, const fb_ref *r, int64_t *v, const char **why)
{
    uint32_t type = (uint32_t)r->packed >> 2, w = 1u << (r->packed & 3u), t;
    uint64_t u;
    mote_status s;
    switch (type) {
    case FB_INT: *v = read_i(m->p, r->pos, r->parent_width); return MOTE_OK;
    case FB_UINT:
    case FB_BOOL: u = read_u(m->p, r->pos, r->parent_width); break;
    case FB_INDIRECT_INT:
    case FB_INDIRECT_UINT:
        if ((s = follow(m->p, m->n, r, &t, why)) != MOTE_OK) return s;
        if (!inside(m, t, w)) return fail(why, MOTE_E_TRUNCATED, "value runs past the end");
        if (type == FB_INDIRECT_INT) {
            *v = read_i(m->p, t, w);
            return MOTE_OK;
        }
        u = read_u(m->p, t, w);
        break;
    default: return fail(why, MOTE_E_PARAM, "value is not an integer");
    }
    if (u > (uint64_t)INT64_MAX) return fail(why, MOTE_E_PARAM, "integer above 2^63 - 1");
    *v = (int64_t)u;
    return MOTE_OK;
}

mote_status mote_flexbuf_get_int(const mote_flexbuf_map *m, const char *key, int64_t *v, int *found,
                                 const char **why)
{
    fb_ref r;
    mote_status s = find(m, key, &r, found, why);
    if (s != MOTE_OK || !*found) return s;
    return as_int(m, &r, v, why);
}

mote_status mote_flexbuf_get_bool(const mote_flexbuf_map *m, const char *key, int *v, int *found,
                                  const char **why)
{
    int64_t x = 0;
    mote_status s = mote_flexbuf_get_int(m, key, &x, found, why);
    if (s == MOTE_OK && *found) *v = x != 0;
    return s;
}

static double read_float(const uint8_t *p, uint32_t pos, uint32_t w)
{
    if (w == 4) {
        float f;
        uint32_t u = (uint32_t)read_u(p, pos, 4);
        memcpy(&f, &u, 4);
        return (double)f;
    } else {
        double d;
        uint64_t u = read_u(p, pos, 8);
        memcpy(&d, &u, 8);
        return d;
    }
}

mote_status mote_flexbuf_get_float(const mote_flexbuf_map *m, const char *key, double *v,
                                   int *found, const char **why)
{
    fb_ref r;
    uint32_t type, w, t;
    mote_status s = find(m, key, &r, found, why);
    int64_t x;
    if (s != MOTE_OK || !*found) return s;
    type = (uint32_t)r.packed >> 2;
    w = 1u << (r.packed & 3u);
    if (type == FB_FLOAT) {
        if (r.parent_width < 4) return fail(why, MOTE_E_ENUM, "float narrower than 4 bytes");
        *v = read_float(m->p, r.pos, r.parent_width);
        return MOTE_OK;
    }
    if (type == FB_INDIRECT_FLOAT) {
        if ((s = follow(m->p, m->n, &r, &t, why)) != MOTE_OK) return s;
        if (w < 4) return fail(why, MOTE_E_ENUM, "float narrower than 4 bytes");
        if (!inside(m, t, w)) return fail(why, MOTE_E_TRUNCATED, "value runs past the end");
        *v = read_float(m->p, t, w);
        return MOTE_OK;
    }
    if ((s = as_int(m, &r, &x, why)) != MOTE_OK) return s;
    *v = (double)x;
    return MOTE_OK;
}

mote_status mote_flexbuf_get_ints(const mote_flexbuf_map *m, const char *key, int64_t *v,
                                  uint32_t cap, uint32_t *len, int *found, const char **why)
{
    fb_ref r;
    uint32_t type, w, t, k;
    uint64_t n;
    mote_status s = find(m, key, &r, found, why);
    if (s != MOTE_OK || !*found) return s;
    type = (uint32_t)r.packed >> 2;
    w = 1u << (r.packed & 3u);
    if (type != FB_VECTOR_INT && type != FB_VECTOR_UINT && type != FB_VECTOR)
        return fail(why, MOTE_E_PARAM, "value is not an integer vector");
    if ((s = follow(m->p, m->n, &r, &t, why)) != MOTE_OK) return s;
    if (t < w) return fail(why, MOTE_E_OFFSET, "vector length before the buffer");
    n = read_u(m->p, t - w, w);
    if (n > m->n || !inside(m, t, n * (w + (type == FB_VECTOR ? 1u : 0u))))
        return fail(why, MOTE_E_TRUNCATED, "vector runs past the end");
    if (n > cap) return fail(why, MOTE_E_PARAM, "vector is longer than expected");
    for (k = 0; k < (uint32_t)n; k++) {
        fb_ref e;
        e.pos = t + k * w;
        e.parent_width = w;
        e.packed = (uint8_t)(type == FB_VECTOR ? m->p[t + (uint32_t)n * w + k]
                                               : (type == FB_VECTOR_INT ? FB_INT : FB_UINT) << 2);
        if (type == FB_VECTOR && (e.packed >> 2) != FB_INT && (e.packed >> 2) != FB_UINT)
            return fail(why, MOTE_E_PARAM, "vector element is not an inline integer");
        if ((s = as_int(m, &e, &v[k], why)) != MOTE_OK) return s;
    }
    *len = (uint32_t)n;
    return MOTE_OK;
}
