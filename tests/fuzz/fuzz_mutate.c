/*
 * fuzz_mutate.c — structure-aware fuzzing of the lowering checks.
 *
 * The byte-level fuzzer mostly breaks the flatbuffer itself, which the reader
 * refuses early; this target instead keeps the file well-formed and changes
 * what it *means*. It starts from one of the small valid models in
 * mutate_models.h (tests/fuzz/make_models.py writes them with every scalar
 * field physically present), locates the byte offset of every field a kernel
 * parameter comes from with a small flatbuffer walker, and decodes the fuzzer
 * input as a list of semantic mutations patched in place at those offsets:
 *
 *   input = [model selector] then 5-byte records [slot u16][op u8][arg u16]
 *
 * Slots: shape dimensions, tensor type, tensor buffer index, quantization
 * scales / zero points / quantized_dimension, operator opcode index and
 * input / output tensor indices (graph edges), every options field (stride,
 * dilation, padding, filter size, depth multiplier, fused activation, beta,
 * keep_num_dims, ...), opcode builtin codes, subgraph inputs / outputs, and
 * buffer offset / size. Ops: small integer, "interesting" integer, add a
 * delta, "interesting" float bits, raw value, copy another slot's value.
 * The patched model then goes through load + session + invoke (harness.h).
 *
 * The walker trusts the base models (they are ours and valid); everything
 * after patching is untrusted and only the runtime reads it.
 *
 * FUZZ_MUTATE_DUMP=file.tflite in the environment writes the patched model
 * (to inspect a finding with `mote inspect`, or to keep it as a test model).
 */
#include "harness.h"
#include "mutate_models.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_SLOTS 1024
#define MAX_MUTATIONS 16
#define OPTS_RESHAPE 17   /* BuiltinOptions.ReshapeOptions: its field 0 is a vector */

typedef struct slot {
    uint32_t pos;     /* byte offset in the model */
    uint8_t width;    /* 1, 2, 4 or 8 bytes */
} slot;

typedef struct slot_set {
    slot s[MAX_SLOTS];
    uint32_t n;
} slot_set;

static uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint16_t rd16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }

static void add_slot(slot_set *ss, uint32_t pos, uint8_t width)
{
    if (ss->n < MAX_SLOTS) {
        ss->s[ss->n].pos = pos;
        ss->s[ss->n].width = width;
        ss->n++;
    }
}

/* Field id of table t: its byte position, or 0 when absent. */
static uint32_t field(const uint8_t *b, uint32_t t, uint32_t id)
{
    uint32_t vt = t - rd32(b + t);
    uint16_t vsize = rd16(b + vt);
    uint16_t off;
    if (4u + 2u * id + 2u > vsize) return 0;
    off = rd16(b + vt + 4u + 2u * id);
    return off ? t + off : 0;
}

static uint32_t deref(const uint8_t *b, uint32_t pos) { return pos + rd32(b + pos); }

/* Vector field: element count, and *elems = position of element 0. */
static uint32_t vec(const uint8_t *b, uint32_t t, uint32_t id, uint32_t *elems)
{
    uint32_t f = field(b, t, id), v;
    if (f == 0) { *elems = 0; return 0; }
    v = deref(b, f);
    *elems = v + 4;
    return rd32(b + v);
}

/* Every field present in table t, each as a slot of the width up to the next
 * field (the builder packs scalars; a 1-byte field followed by padding gets a
 * wider slot, and patching its padding too is harmless). Reference fields
 * (vectors, sub-tables) are skipped: they are offsets, not values. */
static void add_scalar_fields(slot_set *ss, const uint8_t *b, uint32_t t, uint32_t skip_mask)
{
    uint32_t vt = t - rd32(b + t), id, k;
    uint16_t vsize = rd16(b + vt), tsize = rd16(b + vt + 2);
    uint32_t nf = (vsize - 4u) / 2u;
    for (id = 0; id < nf && id < 32; id++) {
        uint16_t off = rd16(b + vt + 4u + 2u * id), next = tsize;
        uint32_t w;
        if (off == 0 || (skip_mask >> id & 1u)) continue;
        for (k = 0; k < nf; k++) {
            uint16_t o2 = rd16(b + vt + 4u + 2u * k);
            if (o2 > off && o2 < next) next = o2;
        }
        w = next - off;
        add_slot(ss, t + off, (uint8_t)(w >= 8 ? 8 : w >= 4 ? 4 : w >= 2 ? 2 : 1));
    }
}

/* Field ids from the TFLite schema (see src/format/tflite.h). */
static void collect(slot_set *ss, const uint8_t *b)
{
    uint32_t root = deref(b, 0), e, n, i, k;
    uint32_t codes_e, n_codes = vec(b, root, 1, &codes_e);
    uint32_t subs_e, bufs_e, n_bufs;
    uint32_t sg, tens_e, n_tens, ops_e, n_ops;

    ss->n = 0;
    for (i = 0; i < n_codes; i++) {      /* deprecated_builtin_code, version, builtin_code */
        uint32_t oc = deref(b, codes_e + 4 * i);
        add_scalar_fields(ss, b, oc, 1u << 1);
    }
    (void)vec(b, root, 2, &subs_e);
    sg = deref(b, subs_e);
    n_tens = vec(b, sg, 0, &tens_e);
    for (i = 0; i < n_tens; i++) {
        uint32_t t = deref(b, tens_e + 4 * i), q, f;
        n = vec(b, t, 0, &e);                       /* shape */
        for (k = 0; k < n; k++) add_slot(ss, e + 4 * k, 4);
        if ((f = field(b, t, 1)) != 0) add_slot(ss, f, 1);   /* type */
        if ((f = field(b, t, 2)) != 0) add_slot(ss, f, 4);   /* buffer */
        if ((f = field(b, t, 4)) != 0) {                     /* quantization */
            q = deref(b, f);
            n = vec(b, q, 2, &e);
            for (k = 0; k < n; k++) add_slot(ss, e + 4 * k, 4);   /* scale */
            n = vec(b, q, 3, &e);
            for (k = 0; k < n; k++) add_slot(ss, e + 8 * k, 8);   /* zero_point */
            if ((f = field(b, q, 6)) != 0) add_slot(ss, f, 4);    /* quantized_dimension */
        }
    }
    n_ops = vec(b, sg, 3, &ops_e);
    for (i = 0; i < n_ops; i++) {
        uint32_t o = deref(b, ops_e + 4 * i), f;
        if ((f = field(b, o, 0)) != 0) add_slot(ss, f, 4);   /* opcode_index */
        n = vec(b, o, 1, &e);
        for (k = 0; k < n; k++) add_slot(ss, e + 4 * k, 4);  /* inputs */
        n = vec(b, o, 2, &e);
        for (k = 0; k < n; k++) add_slot(ss, e + 4 * k, 4);  /* outputs */
        if ((f = field(b, o, 3)) != 0) add_slot(ss, f, 1);   /* builtin_options_type */
        if ((f = field(b, o, 4)) != 0) {                     /* the options table */
            uint32_t opt = deref(b, f), ot = field(b, o, 3);
            if (ot != 0 && b[ot] == OPTS_RESHAPE) {
                n = vec(b, opt, 0, &e);                      /* new_shape */
                for (k = 0; k < n; k++) add_slot(ss, e + 4 * k, 4);
            } else {
                add_scalar_fields(ss, b, opt, 0);
            }
        }
    }
    n = vec(b, sg, 1, &e);
    for (k = 0; k < n; k++) add_slot(ss, e + 4 * k, 4);      /* subgraph inputs */
    n = vec(b, sg, 2, &e);
    for (k = 0; k < n; k++) add_slot(ss, e + 4 * k, 4);      /* subgraph outputs */
    n_bufs = vec(b, root, 4, &bufs_e);
    for (i = 0; i < n_bufs; i++) {
        uint32_t bt = deref(b, bufs_e + 4 * i), f;
        if ((f = field(b, bt, 1)) != 0) add_slot(ss, f, 8);  /* offset */
        if ((f = field(b, bt, 2)) != 0) add_slot(ss, f, 8);  /* size */
    }
}

static const int64_t interesting_int[] = {
    0, 1, -1, 2, 3, 4, 5, 6, 7, 8, 16, 22, 25, 127, 128, -128, -129, 255, 256, 1000,
    32767, -32768, 65535, 65536, 0x7fffffffLL, -0x7fffffffLL - 1, 0x40000000LL, 0x80000000LL,
    0xffffffffLL, 0x100000000LL, 0x7fffffffffffffffLL, 46341, 46340, 1 << 20, 3000000,
};

static const float interesting_float[] = {
    0.0f, -0.0f, 1.0f, -1.0f, 1e-10f, 1e10f, 1e-45f, 1.17549435e-38f, 3.4e38f, 0.5f,
    1.0f / 256.0f, 4.656612873e-10f, 2.0f, 65536.0f, 1e-6f, 1e20f, -1e-10f,
};

static void write_slot(uint8_t *b, const slot *s, uint64_t v)
{
    memcpy(b + s->pos, &v, s->width);   /* little-endian host (flatbuf.h insists) */
}

static uint64_t read_slot(const uint8_t *b, const slot *s)
{
    uint64_t v = 0;
    memcpy(&v, b + s->pos, s->width);
    if (s->width < 8 && (v >> (8 * s->width - 1) & 1u)) v |= ~(uint64_t)0 << (8 * s->width);
    return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static slot_set slots[N_MUTATE_MODELS];
    static int ready;
    const uint8_t *base;
    uint8_t *model;
    size_t len, r;
    unsigned which, n_mut = 0;
    const slot_set *ss;

    if (!ready) {
        for (which = 0; which < N_MUTATE_MODELS; which++)
            collect(&slots[which], mutate_models[which].p);
        ready = 1;
    }
    if (size < 1) return 0;
    which = data[0] % N_MUTATE_MODELS;
    base = mutate_models[which].p;
    len = mutate_models[which].n;
    ss = &slots[which];
    model = (uint8_t *)malloc(len);
    if (model == NULL) return 0;
    memcpy(model, base, len);
    for (r = 1; r + 5 <= size && n_mut < MAX_MUTATIONS; r += 5, n_mut++) {
        const slot *s = &ss->s[(data[r] | data[r + 1] << 8) % ss->n];
        uint16_t arg = (uint16_t)(data[r + 3] | data[r + 4] << 8);
        uint64_t v;
        switch (data[r + 2] % 6) {
        case 0: v = (uint64_t)(int64_t)((int)(arg % 20u) - 4); break;
        case 1: v = (uint64_t)interesting_int[arg % (sizeof interesting_int /
                                                     sizeof interesting_int[0])]; break;
        case 2: v = read_slot(model, s) + (uint64_t)(int64_t)(int16_t)arg; break;
        case 3: {
            float f = interesting_float[arg % (sizeof interesting_float /
                                               sizeof interesting_float[0])];
            uint32_t bits;
            memcpy(&bits, &f, 4);
            v = bits;
            break;
        }
        case 4: v = (uint64_t)(int64_t)(int16_t)arg; break;
        default: v = read_slot(model, &ss->s[arg % ss->n]); break;
        }
        write_slot(model, s, v);
    }
    if (getenv("FUZZ_MUTATE_DUMP") != NULL) {     /* keep the patched model for a look */
        FILE *f = fopen(getenv("FUZZ_MUTATE_DUMP"), "wb");
        if (f != NULL) {
            fwrite(model, 1, len, f);
            fclose(f);
        }
    }
    (void)fuzz_run_model_with(model, len, data, size);
    free(model);
    return 0;
}
