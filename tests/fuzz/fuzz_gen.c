/*
 * fuzz_gen.c — a structure-aware generator: the fuzzer input is decoded as a
 * recipe and a whole .tflite model is BUILT from it (not patched), then run
 * through load, session and invoke with chosen / minimum / maximum inputs
 * (harness.h).
 *
 * Recipe: element type, then 1..4 operators, each drawn from every code
 * ops.def lists (ADD, AVERAGE_POOL_2D, CONV_2D, DEPTHWISE_CONV_2D,
 * FULLY_CONNECTED, MAX_POOL_2D, RESHAPE and SOFTMAX built with their
 * options; any other operator as element-wise), with its options, its weights and bias
 * (constants whose buffers are sized to match their shapes, filled with
 * fuzzer bytes or all-extreme values), quantization (per tensor or per
 * channel, tiny and huge scales, any zero point) and an output shape
 * computed the way TFLite does, sometimes perturbed. Dimensions come from a
 * table that includes 0 and large values (257, 4200, 65537), so zero-size
 * tensors, 257x257 filters and 4200x4200 pooling windows are produced, not
 * waited for. Extra unused tensors and buffers are added or left out.
 * Constant bytes per model are capped (1 MB) to keep runs quick.
 *
 * Seeds: tests/fuzz/corpus/fuzz_gen/ has a single-operator recipe for every
 * operator of ops.def and both types (tests/fuzz/make_gen_seeds.py). FUZZ_GEN_DUMP=x.tflite writes the model built.
 *
 * The flatbuffer is written front to back: a table's vtable sits right
 * before it, and every offset field is patched once its child is written
 * after it (flatbuffer offsets point forward).
 */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- recipe bytes ---------------------------------------------------------- */
typedef struct rd {
    const uint8_t *p;
    size_t n, at;
} rd;

static uint8_t u8(rd *r)
{
    return r->at < r->n ? r->p[r->at++] : 0;
}

static int32_t pick_dim(rd *r)
{
    static const int32_t dims[] = {1, 1, 1, 2, 2, 3, 3, 4, 5, 7, 8, 16, 0, 64, 257, 4200};
    return dims[u8(r) % 16];
}

static int32_t pick_small(rd *r)
{
    static const int32_t v[] = {1, 1, 1, 2, 2, 3, 4, 0, -1, 65537, 7, 2147483647};
    uint8_t b = u8(r);
    return b < 240 ? v[b % 8] : v[8 + b % 4];
}

static float pick_scale(rd *r)
{
    static const float s[] = {0.05f, 0.05f, 0.01f, 1.0f / 256, 0.5f, 1e-10f, 100.0f, 3e38f};
    return s[u8(r) % 8];
}

/* ---- forward flatbuffer writer ------------------------------------------- */
#define GEN_CAP ((size_t)2 << 20)
#define GEN_CONST_MAX ((size_t)1 << 20)

typedef struct fb {
    uint8_t *b;
    size_t n;
    int full;
} fb;

static void put(fb *f, const void *p, size_t k)
{
    if (f->full || f->n + k > GEN_CAP) {
        f->full = 1;
        return;
    }
    if (p != NULL) memcpy(f->b + f->n, p, k);
    else memset(f->b + f->n, 0, k);
    f->n += k;
}

static void align(fb *f, size_t a, size_t extra)
{
    while (!f->full && (f->n + extra) % a != 0) put(f, NULL, 1);
}

static void put32(fb *f, uint32_t v)
{
    put(f, &v, 4);
}

/* A table of up to 12 fields: kind 0 absent, 1 one byte, 4 four bytes,
 * 'o' an offset patched later (slot[] receives its position). */
typedef struct tbl {
    int nf;
    uint8_t kind[12];
    uint32_t val[12];
    size_t slot[12];
} tbl;

static void tf(tbl *t, int k, uint8_t kind, uint32_t v)
{
    t->kind[k] = kind;
    t->val[k] = v;
    if (k + 1 > t->nf) t->nf = k + 1;
}

static size_t table(fb *f, tbl *t)
{
    int k, present = 0;
    size_t vt, start;
    uint16_t h[2];
    for (k = 0; k < t->nf; k++) present += t->kind[k] != 0;
    /* The table (4-aligned) starts right after the vtable. */
    align(f, 4, (size_t)(4 + 2 * t->nf) % 4);
    vt = f->n;
    h[0] = (uint16_t)(4 + 2 * t->nf);
    h[1] = (uint16_t)(4 + 4 * present);
    put(f, h, 4);
    for (k = 0, present = 0; k < t->nf; k++) {
        uint16_t off = t->kind[k] ? (uint16_t)(4 + 4 * present++) : 0;
        put(f, &off, 2);
    }
    start = f->n;
    put32(f, (uint32_t)(start - vt));
    for (k = 0; k < t->nf; k++) {
        if (!t->kind[k]) continue;
        t->slot[k] = f->n;
        if (t->kind[k] == 1) {
            uint8_t v[4] = {(uint8_t)t->val[k], 0, 0, 0};
            put(f, v, 4);
        } else {
            put32(f, t->val[k]);
        }
    }
    return start;
}

/* Point offset slot `slot` at the object about to be written at `to`. */
static void patch(fb *f, size_t slot, size_t to)
{
    uint32_t v = (uint32_t)(to - slot);
    if (!f->full) memcpy(f->b + slot, &v, 4);
}

/* A vector: length then elements, the elements 16-byte aligned. */
static size_t vector(fb *f, const void *elems, uint32_t count, size_t elem)
{
    size_t at;
    align(f, 16, 4);
    at = f->n;
    put32(f, count);
    put(f, elems, (size_t)count * elem);
    return at;
}

/* An offset vector of `count` slots, each patched later. */
static size_t offsets(fb *f, uint32_t count, size_t *slots)
{
    size_t at = vector(f, NULL, count, 4);
    uint32_t k;
    for (k = 0; k < count; k++) slots[k] = at + 4 + 4u * k;
    return at;
}

/* ---- the model being built ------------------------------------------------- */
#define GT 24 /* tensors */
#define GO 6  /* operators */

typedef struct gtensor {
    int32_t rank, dims[4];
    uint8_t type; /* TFLite TensorType: 0 FLOAT32, 2 INT32, 9 INT8 */
    int32_t buffer;
    uint32_t n_scale;
    float scale[8];
    int64_t zp;
    int32_t qdim;
    int used;
} gtensor;

typedef struct gop {
    int32_t code, opt_type;
    int32_t in[3], n_in, out;
    tbl opts;
    int32_t new_shape[2], n_new_shape;
} gop;

typedef struct gmodel {
    gtensor t[GT];
    int32_t nt;
    gop o[GO];
    int32_t no;
    const uint8_t *bufdata[GT + 2];
    size_t buflen[GT + 2];
    uint8_t *owned[GT + 2];
    int32_t nb;
    size_t const_bytes;
    int32_t inputs[4], n_inputs;
} gmodel;

static uint64_t elements(const gtensor *t)
{
    uint64_t e = 1;
    int32_t k;
    for (k = 0; k < t->rank; k++) e *= (uint64_t)(t->dims[k] < 0 ? 0 : t->dims[k]);
    return e;
}

static int32_t add_tensor(gmodel *m, uint8_t type, int32_t n, int32_t h, int32_t w, int32_t c)
{
    gtensor *t;
    if (m->nt >= GT) return m->nt - 1;
    t = &m->t[m->nt];
    memset(t, 0, sizeof *t);
    t->rank = 4;
    t->dims[0] = n;
    t->dims[1] = h;
    t->dims[2] = w;
    t->dims[3] = c;
    t->type = type;
    t->buffer = 0;
    return m->nt++;
}

static void quant(gmodel *m, int32_t ti, rd *r, int act)
{
    gtensor *t = &m->t[ti];
    if (t->type != 9 && t->type != 2) return;
    t->n_scale = 1;
    t->scale[0] = act ? pick_scale(r) : 0.01f;
    t->zp = act ? (int8_t)u8(r) : 0;
    if (act && (u8(r) & 3) == 0) t->zp = 0;
}

/* A constant: its buffer holds exactly the tensor's bytes (fuzzer bytes or
 * an extreme value), unless the cap is reached (then one element; none
 * once not even that fits, so the constants never pass the cap and the
 * room left never wraps). */
static void constant(gmodel *m, int32_t ti, rd *r)
{
    gtensor *t = &m->t[ti];
    size_t esz = t->type == 9 ? 1 : 4, bytes, k;
    const size_t room = m->const_bytes < GEN_CONST_MAX ? GEN_CONST_MAX - m->const_bytes : 0;
    uint64_t e = elements(t);
    uint8_t mode = u8(r), *d;
    if (m->nb >= GT + 2 || room < esz) return;
    if (e == 0 || e > room / esz) {
        t->rank = 1;
        t->dims[0] = 1;
        e = 1;
    }
    bytes = (size_t)e * esz;
    d = (uint8_t *)malloc(bytes);
    if (d == NULL) return;
    for (k = 0; k < bytes; k++) {
        switch (mode % 4) {
        case 0: d[k] = r->at + k < r->n ? r->p[(r->at + k) % r->n] : (uint8_t)k; break;
        case 1: d[k] = t->type == 9 ? 0x80 : (k % 4 == 3 ? 0x80 : 0); break; /* min */
        case 2: d[k] = t->type == 9 ? 0x7F : (k % 4 == 3 ? 0x7F : 0xFF); break; /* max */
        default: d[k] = 0;
        }
    }
    if (t->type == 0 && mode % 4 != 3) /* finite floats: +-1.5 */
        for (k = 0; k + 4 <= bytes; k += 4) {
            float v = (mode % 4 == 1) ? -1.5f : 1.5f;
            memcpy(d + k, &v, 4);
        }
    m->const_bytes += bytes;
    m->owned[m->nb] = d;
    m->bufdata[m->nb] = d;
    m->buflen[m->nb] = bytes;
    t->buffer = m->nb++;
}

/* TFLite's output size along one axis. */
static int32_t out_size(int32_t in, int32_t f, int32_t s, int32_t d, int same)
{
    int64_t eff = (int64_t)(f - 1) * d + 1;
    if (s < 1 || in < 0) return 1;
    if (same) return (int32_t)((in + (int64_t)s - 1) / s);
    return eff > in ? 0 : (int32_t)((in - eff) / s + 1);
}

/* Every operator code ops.def lists (mote_op_find), found once: operators
 * added to the table are generated too, the eight with weights, windows or
 * special quantization by name below, any other as an element-wise
 * operator (one or two same-shape inputs, default options). */
static int32_t op_codes[256];
static int32_t n_op_codes;

static void find_ops(void)
{
    int32_t c;
    if (n_op_codes != 0) return;
    for (c = 0; c < 256; c++)
        if (mote_op_find(c) != NULL) op_codes[n_op_codes++] = c;
}

static void gen_op(gmodel *m, rd *r, int32_t x, uint8_t type)
{
    gop *o = &m->o[m->no];
    const gtensor *in = &m->t[x];
    int32_t n = in->dims[0], h = in->dims[1], w = in->dims[2], c = in->dims[3];
    int32_t y, k;
    memset(o, 0, sizeof *o);
    o->code = op_codes[u8(r) % (uint32_t)n_op_codes];
    o->in[0] = x;
    o->n_in = 1;
    o->in[1] = o->in[2] = -1;
    if (o->code == 3 || o->code == 4) { /* CONV_2D, DEPTHWISE_CONV_2D */
        int dw = o->code == 4, same = u8(r) & 1;
        int32_t kh = pick_dim(r), kw = (u8(r) & 1) ? kh : pick_dim(r);
        int32_t s = pick_small(r), dil = (u8(r) % 4 == 0) ? 2 : 1, mult = dw ? 1 + u8(r) % 2 : 1;
        int32_t oc = dw ? c * mult : pick_dim(r), wq, b;
        int per_channel = u8(r) & 1;
        wq = dw ? add_tensor(m, type, 1, kh, kw, oc) : add_tensor(m, type, oc, kh, kw, c);
        quant(m, wq, r, 0);
        if (per_channel && m->t[wq].n_scale == 1 && oc > 1 && oc <= 8) {
            m->t[wq].n_scale = (uint32_t)oc;
            for (k = 0; k < oc; k++) m->t[wq].scale[k] = pick_scale(r);
            m->t[wq].qdim = dw ? 3 : 0;
        }
        constant(m, wq, r);
        o->in[1] = wq;
        o->n_in = 3;
        if (u8(r) & 1) {
            b = add_tensor(m, type == 9 ? 2 : 0, 1, 1, 1, oc);
            m->t[b].rank = 1;
            m->t[b].dims[0] = oc;
            quant(m, b, r, 0);
            constant(m, b, r);
            o->in[2] = b;
        }
        y = add_tensor(m, type, n, out_size(h, kh, s, dil, same), out_size(w, kw, s, dil, same), oc);
        o->opt_type = dw ? 2 : 1;
        tf(&o->opts, 0, 1, same ? 0u : 1u);
        tf(&o->opts, 1, 4, (uint32_t)s);
        tf(&o->opts, 2, 4, (uint32_t)s);
        if (dw) tf(&o->opts, 3, 4, (uint32_t)mult);
        tf(&o->opts, 3 + dw, 1, u8(r) % 7u); /* fused activation, 6 is past the schema */
        tf(&o->opts, 4 + dw, 4, (uint32_t)dil);
        tf(&o->opts, 5 + dw, 4, (uint32_t)dil);
    } else if (o->code == 1 || o->code == 17) { /* pools */
        int same = u8(r) & 1;
        int32_t fh = pick_dim(r), fw = (u8(r) & 1) ? fh : pick_dim(r), s = pick_small(r);
        if (u8(r) % 4 == 0) { /* the whole input: a global pool */
            fh = h;
            fw = w;
        }
        y = add_tensor(m, type, n, out_size(h, fh, s, 1, same), out_size(w, fw, s, 1, same), c);
        o->opt_type = 5;
        tf(&o->opts, 0, 1, same ? 0u : 1u);
        tf(&o->opts, 1, 4, (uint32_t)s);
        tf(&o->opts, 2, 4, (uint32_t)s);
        tf(&o->opts, 3, 4, (uint32_t)fw);
        tf(&o->opts, 4, 4, (uint32_t)fh);
        tf(&o->opts, 5, 1, u8(r) % 7u);
    } else if (o->code == 9) { /* FULLY_CONNECTED over the last dimension */
        int32_t oc = pick_dim(r), wq, b;
        wq = add_tensor(m, type, 1, 1, oc, c);
        m->t[wq].rank = 2;
        m->t[wq].dims[0] = oc;
        m->t[wq].dims[1] = c;
        quant(m, wq, r, 0);
        constant(m, wq, r);
        o->in[1] = wq;
        o->n_in = 3;
        if (u8(r) & 1) {
            b = add_tensor(m, type == 9 ? 2 : 0, 1, 1, 1, oc);
            m->t[b].rank = 1;
            m->t[b].dims[0] = oc;
            quant(m, b, r, 0);
            constant(m, b, r);
            o->in[2] = b;
        }
        y = add_tensor(m, type, n, h, w, oc);
        o->opt_type = 8;
        tf(&o->opts, 0, 1, u8(r) % 7u);
    } else if (o->code == 0) { /* ADD: a second input that broadcasts */
        int32_t b = add_tensor(m, type, (u8(r) & 1) ? n : 1, (u8(r) & 1) ? h : 1,
                               (u8(r) & 1) ? w : 1, (u8(r) & 1) ? c : 1);
        quant(m, b, r, 1);
        if (u8(r) & 1) constant(m, b, r);
        else if (m->n_inputs < 4) m->inputs[m->n_inputs++] = b;
        o->in[1] = b;
        o->n_in = 2;
        y = add_tensor(m, type, n, h, w, c);
        o->opt_type = 11;
        tf(&o->opts, 0, 1, u8(r) % 7u);
    } else if (o->code == 25) { /* SOFTMAX */
        static const float betas[4] = {1.0f, 0.5f, 1e-9f, 1e9f};
        float beta = betas[u8(r) % 4];
        uint32_t bits;
        y = add_tensor(m, type, n, h, w, c);
        memcpy(&bits, &beta, 4);
        o->opt_type = 9;
        tf(&o->opts, 0, 4, bits);
    } else if (o->code != 22) { /* any other operator: element-wise */
        const mote_op_def *def = mote_op_find(o->code);
        if (u8(r) & 1) {
            int32_t b = add_tensor(m, type, n, h, w, c);
            quant(m, b, r, 1);
            if (u8(r) & 1) constant(m, b, r);
            else if (m->n_inputs < 4) m->inputs[m->n_inputs++] = b;
            o->in[1] = b;
            o->n_in = 2;
        }
        y = add_tensor(m, type, n, h, w, c);
        o->opt_type = def != NULL ? def->options : 0;
        if (o->opt_type) tf(&o->opts, 0, 1, u8(r) % 7u); /* a fused activation, if any */
    } else { /* RESHAPE to [1, elements] (or unchanged when that does not fit) */
        uint64_t e = elements(in);
        y = add_tensor(m, type, 1, 1, 1, e <= 0x7FFFFFFF ? (int32_t)e : c);
        m->t[y].rank = 2;
        m->t[y].dims[0] = 1;
        m->t[y].dims[1] = m->t[y].dims[3];
        o->opt_type = 17;
        o->n_new_shape = 2;
        o->new_shape[0] = 1;
        o->new_shape[1] = m->t[y].dims[1];
    }
    quant(m, y, r, 1);
    if (type == 9 && o->code == 25) {
        m->t[y].scale[0] = 1.0f / 256;
        m->t[y].zp = -128;
    }
    if ((o->code == 1 || o->code == 17 || o->code == 22) && (u8(r) & 3) != 0) {
        m->t[y].scale[0] = m->t[x].scale[0]; /* pools and reshape keep the quantization */
        m->t[y].zp = m->t[x].zp;
    }
    if (u8(r) == 0xFF) m->t[y].dims[1 + u8(r) % 3] += 1; /* a wrong output shape */
    o->out = y;
    m->no++;
}

/* ---- serialisation --------------------------------------------------------- */
static void write_model(fb *f, const gmodel *m, const int32_t *codes, int32_t n_codes)
{
    tbl root = {0}, sg = {0};
    size_t code_slots[GO], sg_slot[1], t_slots[GT], o_slots[GO], b_slots[GT + 2], at;
    int32_t k, out = m->o[m->no - 1].out;
    put32(f, 0);
    put(f, "TFL3", 4);
    tf(&root, 0, 4, 3);
    tf(&root, 1, 'o', 0);
    tf(&root, 2, 'o', 0);
    tf(&root, 4, 'o', 0);
    at = table(f, &root);
    patch(f, 0, at);
    /* operator codes */
    patch(f, root.slot[1], offsets(f, (uint32_t)n_codes, code_slots));
    for (k = 0; k < n_codes; k++) {
        tbl c = {0};
        tf(&c, 0, 1, (uint32_t)(codes[k] < 127 ? codes[k] : 127));
        tf(&c, 2, 4, 1);
        tf(&c, 3, 4, (uint32_t)codes[k]);
        patch(f, code_slots[k], table(f, &c));
    }
    /* the subgraph */
    patch(f, root.slot[2], offsets(f, 1, sg_slot));
    tf(&sg, 0, 'o', 0);
    tf(&sg, 1, 'o', 0);
    tf(&sg, 2, 'o', 0);
    tf(&sg, 3, 'o', 0);
    patch(f, sg_slot[0], table(f, &sg));
    patch(f, sg.slot[0], offsets(f, (uint32_t)m->nt, t_slots));
    for (k = 0; k < m->nt; k++) {
        const gtensor *t = &m->t[k];
        tbl tt = {0};
        tf(&tt, 0, 'o', 0);
        tf(&tt, 1, 1, t->type);
        tf(&tt, 2, 4, (uint32_t)t->buffer);
        if (t->n_scale) tf(&tt, 4, 'o', 0);
        patch(f, t_slots[k], table(f, &tt));
        patch(f, tt.slot[0], vector(f, t->dims, (uint32_t)t->rank, 4));
        if (t->n_scale) {
            tbl q = {0};
            int64_t zps[8];
            uint32_t z;
            tf(&q, 2, 'o', 0);
            tf(&q, 3, 'o', 0);
            tf(&q, 6, 4, (uint32_t)t->qdim);
            patch(f, tt.slot[4], table(f, &q));
            patch(f, q.slot[2], vector(f, t->scale, t->n_scale, 4));
            for (z = 0; z < t->n_scale; z++) zps[z] = t->zp;
            patch(f, q.slot[3], vector(f, zps, t->n_scale, 8));
        }
    }
    patch(f, sg.slot[1], vector(f, m->inputs, (uint32_t)m->n_inputs, 4));
    patch(f, sg.slot[2], vector(f, &out, 1, 4));
    patch(f, sg.slot[3], offsets(f, (uint32_t)m->no, o_slots));
    for (k = 0; k < m->no; k++) {
        const gop *o = &m->o[k];
        tbl ot = {0};
        int32_t ci;
        tbl opts = o->opts;
        for (ci = 0; ci < n_codes && codes[ci] != o->code; ci++) {
        }
        tf(&ot, 0, 4, (uint32_t)ci);
        tf(&ot, 1, 'o', 0);
        tf(&ot, 2, 'o', 0);
        if (o->opt_type) {
            tf(&ot, 3, 1, (uint32_t)o->opt_type);
            tf(&ot, 4, 'o', 0);
        }
        patch(f, o_slots[k], table(f, &ot));
        patch(f, ot.slot[1], vector(f, o->in, (uint32_t)o->n_in, 4));
        patch(f, ot.slot[2], vector(f, &o->out, 1, 4));
        if (o->opt_type) {
            if (o->n_new_shape) tf(&opts, 0, 'o', 0);
            patch(f, ot.slot[4], table(f, &opts));
            if (o->n_new_shape)
                patch(f, opts.slot[0], vector(f, o->new_shape, (uint32_t)o->n_new_shape, 4));
        }
    }
    /* buffers: 0 is the empty one */
    patch(f, root.slot[4], offsets(f, (uint32_t)m->nb, b_slots));
    for (k = 0; k < m->nb; k++) {
        tbl bt = {0};
        if (m->buflen[k] != 0) tf(&bt, 0, 'o', 0);
        patch(f, b_slots[k], table(f, &bt));
        if (m->buflen[k] != 0)
            patch(f, bt.slot[0], vector(f, m->bufdata[k], (uint32_t)m->buflen[k], 1));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static gmodel m;
    rd r;
    fb f;
    uint8_t type;
    int32_t n_ops, k, x, codes[GO], n_codes = 0;

    find_ops();
    memset(&m, 0, sizeof m);
    r.p = data;
    r.n = size;
    r.at = 0;
    type = (u8(&r) & 1) ? 0 : 9;
    n_ops = 1 + u8(&r) % 4;
    m.nb = 1; /* buffer 0: empty */
    x = add_tensor(&m, type, pick_dim(&r), pick_dim(&r), pick_dim(&r), pick_dim(&r));
    quant(&m, x, &r, 1);
    m.inputs[m.n_inputs++] = x;
    for (k = 0; k < n_ops && m.nt < GT - 4; k++) {
        gen_op(&m, &r, x, type);
        x = m.o[m.no - 1].out;
    }
    if (u8(&r) % 8 == 0) (void)add_tensor(&m, type, 1, 1, 1, 1); /* an unused tensor */
    if (u8(&r) % 8 == 0 && m.nb < GT + 2) m.buflen[m.nb++] = 0;   /* an unused buffer */
    for (k = 0; k < m.no; k++) {
        int32_t j;
        for (j = 0; j < n_codes && codes[j] != m.o[k].code; j++) {
        }
        if (j == n_codes) codes[n_codes++] = m.o[k].code;
    }
    f.b = (uint8_t *)malloc(GEN_CAP);
    f.n = 0;
    f.full = 0;
    if (f.b != NULL) {
        write_model(&f, &m, codes, n_codes);
        if (!f.full) {
            /* An exact-size copy, so ASan sees a read past the model's end. */
            uint8_t *model = (uint8_t *)malloc(f.n);
            if (model != NULL) {
                memcpy(model, f.b, f.n);
                if (getenv("FUZZ_GEN_DUMP") != NULL) {
                    FILE *out = fopen(getenv("FUZZ_GEN_DUMP"), "wb");
                    if (out != NULL) {
                        fwrite(model, 1, f.n, out);
                        fclose(out);
                    }
                }
                (void)fuzz_run_model_with(model, f.n, data, size);
                free(model);
            }
        }
        free(f.b);
    }
    for (k = 0; k < m.nb; k++) free(m.owned[k]);
    return 0;
}
