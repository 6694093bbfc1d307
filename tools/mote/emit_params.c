/* emit_params.c — kernel parameter blocks (include/mote/kernels.h) as C
 * initializers with named fields, for `mote compile` (emit.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "emit.h"
#include "kernels/kernel_table.h"

/* The blocks printed by name below: one that grows a field must grow its
 * printer too, and these fail the build until it does. Kernels without a
 * printer are written as the block's raw 32-bit words (raw_block), which
 * is exact for any block (blocks hold no pointers, kernels.h). */
#define EMIT_CHECK(name, cond) typedef char emit_check_##name[(cond) ? 1 : -1]
EMIT_CHECK(conv_s8, sizeof(mote_conv_s8_step) == 24 * 4 && sizeof(mote_conv_s8_params) == 11 * 4);
EMIT_CHECK(fc_s8, sizeof(mote_fc_s8_step) == 4 * 4 && sizeof(mote_fc_s8_params) == 6 * 4);
EMIT_CHECK(pool_s8, sizeof(mote_pool_s8_step) == 18 * 4 && sizeof(mote_pool_s8_params) == 10 * 4);
EMIT_CHECK(add_s8, sizeof(mote_add_s8_step) == 24 * 4 && sizeof(mote_add_s8_params) == 12 * 4);
EMIT_CHECK(softmax_s8, sizeof(mote_softmax_s8_step) == 5 * 4);
EMIT_CHECK(conv_f32, sizeof(mote_conv_f32_step) == 21 * 4 && sizeof(mote_conv_f32_params) == 9 * 4);
EMIT_CHECK(fc_f32, sizeof(mote_fc_f32_step) == 5 * 4);
EMIT_CHECK(pool_f32,
           sizeof(mote_pool_f32_step) == 18 * 4 && sizeof(mote_pool_f32_params) == 10 * 4);
EMIT_CHECK(add_f32, sizeof(mote_add_f32_step) == 14 * 4);
EMIT_CHECK(softmax_f32, sizeof(mote_softmax_f32_step) == 3 * 4);
EMIT_CHECK(copy, sizeof(mote_copy_step) == 4);

void emit_float(char *buf, size_t cap, float v)
{
    if (isnan(v)) {
        snprintf(buf, cap, "NAN");
    } else if (isinf(v)) {
        snprintf(buf, cap, "%sINFINITY", v < 0 ? "-" : "");
    } else {
        /* Nine significant digits read back as the same float. */
        size_t n;
        snprintf(buf, cap, "%.9g", (double)v);
        n = strlen(buf);
        if (strpbrk(buf, ".e") == NULL && n + 3 < cap) {
            memcpy(buf + n, ".0", 3);
            n += 2;
        }
        if (n + 2 < cap) {
            buf[n] = 'f';
            buf[n + 1] = '\0';
        }
    }
}

static const char *fl(char *buf, float v)
{
    emit_float(buf, 32, v);
    return buf;
}

static void dims(FILE *f, const char *field, const mote_dims *d)
{
    fprintf(f, "        .%s = {%ld, %ld, %ld, %ld},\n", field, (long)d->n, (long)d->h, (long)d->w,
            (long)d->c);
}

static void geom(FILE *f, const mote_conv_geom *g)
{
    fprintf(f,
            "            .geom = {.stride_h = %ld, .stride_w = %ld, .dilation_h = %ld, "
            ".dilation_w = %ld, .pad_h = %ld, .pad_w = %ld},\n",
            (long)g->stride_h, (long)g->stride_w, (long)g->dilation_h, (long)g->dilation_w,
            (long)g->pad_h, (long)g->pad_w);
}

/* The requantization table after a block: multipliers, then shifts. */
static void requant(FILE *f, const uint8_t *block, uint32_t step_bytes, int32_t channels)
{
    const uint8_t *m = block + step_bytes, *s = m + 4 * (size_t)channels;
    int32_t k;
    fprintf(f, "    {");
    for (k = 0; k < channels; k++) {
        int32_t v;
        memcpy(&v, m + 4 * (size_t)k, 4);
        fprintf(f, "%s%ld", k == 0 ? "" : (k % 8 == 0 ? ",\n     " : ", "), (long)v);
    }
    fprintf(f, "},\n    {");
    for (k = 0; k < channels; k++)
        fprintf(f, "%s%d", k == 0 ? "" : (k % 16 == 0 ? ",\n     " : ", "), (int)(int8_t)s[k]);
    fprintf(f, "}};\n");
}

/* "static const BLOCK(type, n) var = {" or "static const type var = {". */
static void open_block(FILE *f, const char *type, const char *var, int32_t channels)
{
    if (channels > 0)
        fprintf(f, "static const MOTE_AOT_REQUANT_BLOCK(%s, %ld) %s = {\n    {\n", type,
                (long)channels, var);
    else
        fprintf(f, "static const %s %s = {\n", type, var);
}

static int conv_s8(FILE *f, const char *var, const uint8_t *block, uint32_t block_bytes)
{
    mote_conv_s8_step s;
    memcpy(&s, block, sizeof s);
    if (s.channels <= 0 || sizeof s + 5u * (uint64_t)s.channels > block_bytes) return -1;
    open_block(f, "mote_conv_s8_step", var, s.channels);
    fprintf(f, "        .p = {\n");
    geom(f, &s.p.geom);
    fprintf(f,
            "            .depth_multiplier = %ld, .input_offset = %ld, .output_offset = %ld,\n"
            "            .act_min = %ld, .act_max = %ld},\n",
            (long)s.p.depth_multiplier, (long)s.p.input_offset, (long)s.p.output_offset,
            (long)s.p.act_min, (long)s.p.act_max);
    dims(f, "in", &s.in);
    dims(f, "filter", &s.filter);
    dims(f, "out", &s.out);
    fprintf(f, "        .channels = %ld},\n", (long)s.channels);
    requant(f, block, sizeof s, s.channels);
    return 0;
}

static int raw_block(FILE *f, const char *var, const char *type, const uint8_t *block,
                     uint32_t block_bytes);

static int fc_s8(FILE *f, const char *var, const uint8_t *block, uint32_t block_bytes)
{
    mote_fc_s8_step s;
    int32_t n;
    memcpy(&s, block, sizeof s);
    if (s.flags & ~(MOTE_FC_PER_CHANNEL | MOTE_FC_WIDE)) return -1;
    /* Wide dimensions follow the block: as raw words, exact. */
    if (s.flags & MOTE_FC_WIDE) return raw_block(f, var, "mote_fc_s8_step", block, block_bytes);
    n = mote_fc_s8_step_channels(&s);
    if (n < 0 || sizeof s + 5u * (uint64_t)n > block_bytes) return -1;
    open_block(f, "mote_fc_s8_step", var, n);
    fprintf(f,
            "        .multiplier = %ld, .batches = %u, .depth = %u, .out_c = %u,\n"
            "        .input_zero_point = %d, .output_offset = %d, .act_min = %d, .act_max = %d,\n"
            "        .shift = %d, .flags = %u%s\n",
            (long)s.multiplier, (unsigned)s.batches, (unsigned)s.depth, (unsigned)s.out_c,
            (int)s.input_zero_point, (int)s.output_offset, (int)s.act_min, (int)s.act_max,
            (int)s.shift, (unsigned)s.flags, n > 0 ? "}," : "};");
    if (n > 0) requant(f, block, sizeof s, n);
    return 0;
}

static int pool_s8(FILE *f, const char *var, const uint8_t *block)
{
    mote_pool_s8_step s;
    memcpy(&s, block, sizeof s);
    open_block(f, "mote_pool_s8_step", var, 0);
    fprintf(f, "        .p = {\n");
    geom(f, &s.p.geom);
    fprintf(f, "            .filter_h = %ld, .filter_w = %ld, .act_min = %ld, .act_max = %ld},\n",
            (long)s.p.filter_h, (long)s.p.filter_w, (long)s.p.act_min, (long)s.p.act_max);
    dims(f, "in", &s.in);
    dims(f, "out", &s.out);
    fprintf(f, "};\n");
    return 0;
}

static int add_s8(FILE *f, const char *var, const uint8_t *block)
{
    mote_add_s8_step s;
    memcpy(&s, block, sizeof s);
    open_block(f, "mote_add_s8_step", var, 0);
    fprintf(f,
            "        .p = {.input1_offset = %ld, .input2_offset = %ld, .output_offset = %ld,\n"
            "              .left_shift = %ld,\n"
            "              .input1_multiplier = %ld, .input1_shift = %ld,\n"
            "              .input2_multiplier = %ld, .input2_shift = %ld,\n"
            "              .output_multiplier = %ld, .output_shift = %ld,\n"
            "              .act_min = %ld, .act_max = %ld},\n",
            (long)s.p.input1_offset, (long)s.p.input2_offset, (long)s.p.output_offset,
            (long)s.p.left_shift, (long)s.p.input1_multiplier, (long)s.p.input1_shift,
            (long)s.p.input2_multiplier, (long)s.p.input2_shift, (long)s.p.output_multiplier,
            (long)s.p.output_shift, (long)s.p.act_min, (long)s.p.act_max);
    dims(f, "in1", &s.in1);
    dims(f, "in2", &s.in2);
    dims(f, "out", &s.out);
    fprintf(f, "};\n");
    return 0;
}

static int softmax_s8(FILE *f, const char *var, const uint8_t *block)
{
    mote_softmax_s8_step s;
    memcpy(&s, block, sizeof s);
    open_block(f, "mote_softmax_s8_step", var, 0);
    fprintf(f,
            "        .p = {.input_multiplier = %ld, .input_left_shift = %ld, .diff_min = %ld},\n"
            "        .rows = %ld, .depth = %ld};\n",
            (long)s.p.input_multiplier, (long)s.p.input_left_shift, (long)s.p.diff_min,
            (long)s.rows, (long)s.depth);
    return 0;
}

static int conv_f32(FILE *f, const char *var, const uint8_t *block)
{
    mote_conv_f32_step s;
    char a[32], b[32];
    memcpy(&s, block, sizeof s);
    open_block(f, "mote_conv_f32_step", var, 0);
    fprintf(f, "        .p = {\n");
    geom(f, &s.p.geom);
    fprintf(f, "            .depth_multiplier = %ld, .act_min = %s, .act_max = %s},\n",
            (long)s.p.depth_multiplier, fl(a, s.p.act_min), fl(b, s.p.act_max));
    dims(f, "in", &s.in);
    dims(f, "filter", &s.filter);
    dims(f, "out", &s.out);
    fprintf(f, "};\n");
    return 0;
}

static int fc_f32(FILE *f, const char *var, const uint8_t *block)
{
    mote_fc_f32_step s;
    char a[32], b[32];
    memcpy(&s, block, sizeof s);
    open_block(f, "mote_fc_f32_step", var, 0);
    fprintf(f,
            "        .act_min = %s, .act_max = %s,\n"
            "        .batches = %ld, .depth = %ld, .out_c = %ld};\n",
            fl(a, s.act_min), fl(b, s.act_max), (long)s.batches, (long)s.depth, (long)s.out_c);
    return 0;
}

static int pool_f32(FILE *f, const char *var, const uint8_t *block)
{
    mote_pool_f32_step s;
    char a[32], b[32];
    memcpy(&s, block, sizeof s);
    open_block(f, "mote_pool_f32_step", var, 0);
    fprintf(f, "        .p = {\n");
    geom(f, &s.p.geom);
    fprintf(f, "            .filter_h = %ld, .filter_w = %ld, .act_min = %s, .act_max = %s},\n",
            (long)s.p.filter_h, (long)s.p.filter_w, fl(a, s.p.act_min), fl(b, s.p.act_max));
    dims(f, "in", &s.in);
    dims(f, "out", &s.out);
    fprintf(f, "};\n");
    return 0;
}

static int add_f32(FILE *f, const char *var, const uint8_t *block)
{
    mote_add_f32_step s;
    char a[32], b[32];
    memcpy(&s, block, sizeof s);
    open_block(f, "mote_add_f32_step", var, 0);
    fprintf(f, "        .act_min = %s, .act_max = %s,\n", fl(a, s.act_min), fl(b, s.act_max));
    dims(f, "in1", &s.in1);
    dims(f, "in2", &s.in2);
    dims(f, "out", &s.out);
    fprintf(f, "};\n");
    return 0;
}

static int softmax_f32(FILE *f, const char *var, const uint8_t *block)
{
    mote_softmax_f32_step s;
    char a[32];
    memcpy(&s, block, sizeof s);
    open_block(f, "mote_softmax_f32_step", var, 0);
    fprintf(f, "        .beta = %s, .rows = %ld, .depth = %ld};\n", fl(a, s.beta), (long)s.rows,
            (long)s.depth);
    return 0;
}

static int copy(FILE *f, const char *var, const uint8_t *block)
{
    mote_copy_step s;
    memcpy(&s, block, sizeof s);
    open_block(f, "mote_copy_step", var, 0);
    fprintf(f, "        .bytes = %lu};\n", (unsigned long)s.bytes);
    return 0;
}

/* Any block, as the words the runtime wrote (the host and every supported
 * core are little-endian, so the words read back as the same bytes). */
static int raw_block(FILE *f, const char *var, const char *type, const uint8_t *block,
                     uint32_t block_bytes)
{
    uint32_t k;
    fprintf(f,
            "/* %s, as raw words: the compiler has no field printer for it */\n"
            "static const uint32_t %s[%lu] MOTE_AOT_ALIGNED = {",
            type, var, (unsigned long)(block_bytes / 4));
    for (k = 0; k + 4 <= block_bytes; k += 4) {
        uint32_t w = (uint32_t)block[k] | (uint32_t)block[k + 1] << 8 |
                     (uint32_t)block[k + 2] << 16 | (uint32_t)block[k + 3] << 24;
        fprintf(f, "%s0x%08lxu", k == 0 ? "\n    " : (k % 32 == 0 ? ",\n    " : ", "),
                (unsigned long)w);
    }
    fprintf(f, "};\n");
    return 0;
}

int emit_param_block(FILE *f, const char *var, int kernel, const char *type, const uint8_t *block,
                     uint32_t block_bytes)
{
    if (kernel < 0 || kernel >= MOTE_KID_COUNT || block_bytes == 0 || block_bytes % 4 != 0 ||
        block_bytes < mote_kernel_step_bytes((mote_kernel_id)kernel))
        return -1;
    switch (kernel) {
    case MOTE_KID_CONV_2D_S8:
    case MOTE_KID_DEPTHWISE_CONV_2D_S8: return conv_s8(f, var, block, block_bytes);
    case MOTE_KID_FULLY_CONNECTED_S8: return fc_s8(f, var, block, block_bytes);
    case MOTE_KID_AVERAGE_POOL_2D_S8:
    case MOTE_KID_MAX_POOL_2D_S8: return pool_s8(f, var, block);
    case MOTE_KID_ADD_S8: return add_s8(f, var, block);
    case MOTE_KID_SOFTMAX_S8: return softmax_s8(f, var, block);
    case MOTE_KID_CONV_2D_F32:
    case MOTE_KID_DEPTHWISE_CONV_2D_F32: return conv_f32(f, var, block);
    case MOTE_KID_FULLY_CONNECTED_F32: return fc_f32(f, var, block);
    case MOTE_KID_AVERAGE_POOL_2D_F32:
    case MOTE_KID_MAX_POOL_2D_F32: return pool_f32(f, var, block);
    case MOTE_KID_ADD_F32: return add_f32(f, var, block);
    case MOTE_KID_SOFTMAX_F32: return softmax_f32(f, var, block);
    case MOTE_KID_COPY: return copy(f, var, block);
    default: return raw_block(f, var, type, block, block_bytes);
    }
}

static int nonfinite(float a, float b)
{
    return !isfinite(a) || !isfinite(b);
}

int emit_block_needs_math(int kernel, const uint8_t *block)
{
    switch (kernel) {
    case MOTE_KID_CONV_2D_F32:
    case MOTE_KID_DEPTHWISE_CONV_2D_F32: {
        mote_conv_f32_step s;
        memcpy(&s, block, sizeof s);
        return nonfinite(s.p.act_min, s.p.act_max);
    }
    case MOTE_KID_FULLY_CONNECTED_F32: {
        mote_fc_f32_step s;
        memcpy(&s, block, sizeof s);
        return nonfinite(s.act_min, s.act_max);
    }
    case MOTE_KID_AVERAGE_POOL_2D_F32:
    case MOTE_KID_MAX_POOL_2D_F32: {
        mote_pool_f32_step s;
        memcpy(&s, block, sizeof s);
        return nonfinite(s.p.act_min, s.p.act_max);
    }
    case MOTE_KID_ADD_F32: {
        mote_add_f32_step s;
        memcpy(&s, block, sizeof s);
        return nonfinite(s.act_min, s.act_max);
    }
    case MOTE_KID_SOFTMAX_F32: {
        mote_softmax_f32_step s;
        memcpy(&s, block, sizeof s);
        return !isfinite(s.beta);
    }
    default: return 0;
    }
}
