/* cmd_run.c — `mote run`: one or more inferences on inputs from files. */
#define _POSIX_C_SOURCE 200112L /* posix_memalign, clock_gettime */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mote/kernels.h"
#include "cli.h"
#include "file.h"
#include "npy.h"

static const char help[] =
    "usage: mote run MODEL --input FILE [--input FILE ...] [--output FILE ...]\n"
    "                [--print] [--top K] [--repeat N] [--time] [--no-patch] [--no-reorder]\n"
    "                [--requant stored|run|auto]\n"
    "\n"
    "Run MODEL (int8 or float32 .tflite) on the given inputs and write its\n"
    "outputs to --output and/or print them (--print). At least one of the two.\n"
    "\n"
    "options:\n"
    "  --input FILE   one per model input, in order; or a single raw file holding\n"
    "                 all inputs one after another. A file is raw bytes of exactly\n"
    "                 the input tensor's size, or a .npy array (C order) whose\n"
    "                 dtype is the tensor type's (|i1 for INT8, |u1 UINT8, <i2\n"
    "                 INT16, <i4 INT32, <f4 FLOAT32; any other is refused) and\n"
    "                 whose shape is the tensor's, give or take dimensions of\n"
    "                 size 1: (49, 10) or (1, 49, 10) fit [1,49,10,1], while\n"
    "                 (490,) or (10, 49) are refused although the element count\n"
    "                 matches. A float .npy (<f4 or <f8) given for a quantized\n"
    "                 integer input is quantized into the input's scale and zero\n"
    "                 point (round half away from zero, saturate). An input file\n"
    "                 is read only up to 8 times the tensor's size (its elements\n"
    "                 as float64) plus 16384 bytes of .npy header, a model file\n"
    "                 up to 256 MiB\n"
    "  --output FILE  where the outputs go ('-' for stdout): one FILE gets the raw\n"
    "                 bytes of every output, concatenated in output order, or,\n"
    "                 when it ends in .npy and the model has one output, a .npy\n"
    "                 array of the output's dtype and shape; or give one --output\n"
    "                 per model output (raw, or .npy by suffix)\n"
    "  --print        print every output: shape, type, the values (dequantized\n"
    "                 to real numbers when the output is quantized) and, for a\n"
    "                 classifier-like output ([N] or [1,N]), the top K classes\n"
    "  --top K        how many classes --print ranks (default 5)\n"
    "  --arena BYTES  give the session this many bytes of arena instead of the\n"
    "                 exact size the model needs (try a device's budget: too\n"
    "                 little fails with the bytes needed and given)\n"
    "  --repeat N     run N inferences (default 1), writing the inputs before\n"
    "                 each; outputs are from the last\n"
    "  --time         print the median time per inference to stderr\n"
    "  --no-patch     plan without band (patch) execution (a larger arena, the\n"
    "                 same output bytes; see mote inspect)\n"
    "  --no-reorder   run the operators in the model's order, not the order the\n"
    "                 planner may choose for a smaller arena (the same output\n"
    "                 bytes; see mote inspect)\n"
    "  --requant M    where the int8 requantization tables live: stored (default),\n"
    "                 run (made before each step), auto (the smaller arena);\n"
    "                 the same output bytes (see mote inspect)\n"
    "  -h, --help     this text\n";

#define MAX_INPUT_FILES 64
#define MAX_REPEAT 10000000UL
#define MAX_TOP 1000UL
#define PRINT_MAX_VALUES 64 /* --print shows this many values of a large output */

typedef struct run_args {
    const char *model;
    const char *inputs[MAX_INPUT_FILES];
    int n_inputs;
    const char *outputs[MOTE_MAX_IO];
    int n_outputs;
    unsigned long repeat;
    unsigned long top;
    unsigned long arena; /* --arena: bytes to give the session; 0: what it needs */
    int time;
    int no_patch;   /* --no-patch: MOTE_PLAN_NO_PATCH */
    int no_reorder; /* --no-reorder: MOTE_PLAN_NO_REORDER */
    mote_requant_mode requant; /* --requant */
    int print;
} run_args;

/* The value of option name at argv[*i] ("--name VALUE" or "--name=VALUE"),
 * or NULL if argv[*i] is not that option. *bad is set when it is but the
 * value is missing. */
static const char *option_value(int argc, char **argv, int *i, const char *name, int *bad)
{
    size_t n = strlen(name);
    const char *a = argv[*i];

    if (strncmp(a, name, n) != 0) {
        return NULL;
    }
    if (a[n] == '=') {
        if (a[n + 1] == '\0') {
            *bad = 1;
        }
        return a + n + 1;
    }
    if (a[n] != '\0') {
        return NULL;
    }
    if (*i + 1 >= argc) {
        *bad = 1;
        return a;
    }
    *i += 1;
    return argv[*i];
}

static int parse_count(const char *s, unsigned long max, unsigned long *out)
{
    unsigned long v = 0;
    const char *p = s;

    if (*p == '\0') {
        return -1;
    }
    for (; *p != '\0'; p++) {
        if (*p < '0' || *p > '9') {
            return -1;
        }
        v = v * 10 + (unsigned long)(*p - '0');
        if (v > max) {
            return -1;
        }
    }
    if (v == 0) {
        return -1;
    }
    *out = v;
    return 0;
}

/* 0: run; 1: help printed; -1: error printed. */
static int parse_args(int argc, char **argv, run_args *a)
{
    int i, bad = 0;
    const char *v;

    memset(a, 0, sizeof *a);
    a->repeat = 1;
    a->top = 5;
    for (i = 1; i < argc; i++) {
        if (cli_is_help(argv[i])) {
            fputs(help, stdout);
            return 1;
        }
    }
    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if ((v = option_value(argc, argv, &i, "--input", &bad)) != NULL) {
            if (bad) {
                cli_error("run: --input needs a FILE");
                return -1;
            }
            if (a->n_inputs == MAX_INPUT_FILES) {
                cli_error("run: more than %d --input files", MAX_INPUT_FILES);
                return -1;
            }
            a->inputs[a->n_inputs++] = v;
        } else if ((v = option_value(argc, argv, &i, "--output", &bad)) != NULL) {
            if (bad) {
                cli_error("run: --output needs a FILE");
                return -1;
            }
            if (a->n_outputs == MOTE_MAX_IO) {
                cli_error("run: more than %d --output files (one per model output at most)",
                          MOTE_MAX_IO);
                return -1;
            }
            a->outputs[a->n_outputs++] = v;
        } else if ((v = option_value(argc, argv, &i, "--top", &bad)) != NULL) {
            if (bad || parse_count(v, MAX_TOP, &a->top) != 0) {
                cli_error("run: --top needs a whole number from 1 to %lu", MAX_TOP);
                return -1;
            }
        } else if ((v = option_value(argc, argv, &i, "--arena", &bad)) != NULL) {
            if (bad || parse_count(v, 0xFFFFFFFFUL, &a->arena) != 0) {
                cli_error("run: --arena needs a byte count from 1 to 4294967295");
                return -1;
            }
        } else if (strcmp(arg, "--print") == 0) {
            a->print = 1;
        } else if ((v = option_value(argc, argv, &i, "--repeat", &bad)) != NULL) {
            if (bad || parse_count(v, MAX_REPEAT, &a->repeat) != 0) {
                cli_error("run: --repeat needs a whole number from 1 to %lu", MAX_REPEAT);
                return -1;
            }
        } else if (strcmp(arg, "--time") == 0) {
            a->time = 1;
        } else if (strcmp(arg, "--no-patch") == 0) {
            a->no_patch = 1;
        } else if (strcmp(arg, "--no-reorder") == 0) {
            a->no_reorder = 1;
        } else if ((v = option_value(argc, argv, &i, "--requant", &bad)) != NULL) {
            if (!bad && strcmp(v, "stored") == 0) {
                a->requant = MOTE_REQUANT_STORED;
            } else if (!bad && strcmp(v, "run") == 0) {
                a->requant = MOTE_REQUANT_AT_RUN;
            } else if (!bad && strcmp(v, "auto") == 0) {
                a->requant = MOTE_REQUANT_SMALLEST;
            } else {
                cli_error("run: --requant needs stored, run or auto");
                return -1;
            }
        } else if (arg[0] == '-' && arg[1] != '\0') {
            cli_error("run: unknown option '%s' (try 'mote run --help')", arg);
            return -1;
        } else if (a->model != NULL) {
            cli_error("run: more than one MODEL given ('%s' and '%s')", a->model, arg);
            return -1;
        } else {
            a->model = arg;
        }
    }
    if (a->model == NULL) {
        cli_error("run: missing MODEL (try 'mote run --help')");
        return -1;
    }
    if (a->n_inputs == 0) {
        cli_error("run: missing --input FILE (try 'mote run --help')");
        return -1;
    }
    if (a->n_outputs == 0 && !a->print) {
        cli_error("run: missing --output FILE or --print (try 'mote run --help')");
        return -1;
    }
    return 0;
}

/* "model input 0 ([1,49,10,1] INT8)" */
static void describe(char *buf, size_t cap, const char *what, uint32_t i, const mote_tensor *t)
{
    char shape[CLI_SHAPE_MAX];

    cli_format_shape(shape, sizeof shape, t->dims, t->rank);
    snprintf(buf, cap, "model %s %lu (%s %s)", what, (unsigned long)i, shape,
             mote_type_name(t->type));
}

/* The NumPy dtype kind that stores a tensor type, 0 if none. */
static char npy_kind(mote_type t)
{
    switch (t) {
    case MOTE_INT8:
    case MOTE_INT16:
    case MOTE_INT32:
    case MOTE_INT64:
        return 'i';
    case MOTE_UINT8:
        return 'u';
    case MOTE_FLOAT16:
    case MOTE_FLOAT32:
    case MOTE_FLOAT64:
        return 'f';
    case MOTE_BOOL:
        return 'b';
    default:
        return 0;
    }
}

static int has_npy_suffix(const char *path)
{
    size_t n = strlen(path);
    return n >= 4 && strcmp(path + n - 4, ".npy") == 0;
}

/* The .npy shape policy: an array fits a tensor when both shapes are the
 * same once every dimension of size 1 is left out, e.g. (49, 10) or
 * (1, 49, 10) for [1,49,10,1]. Dimensions of size 1 never change the order
 * of the elements in memory (C order), so the bytes mean the same thing;
 * any other difference ((490,), (10, 49)) is refused even when the element
 * count matches, since it usually means the data was laid out for another
 * model. */
static int same_layout(const npy_array *a, const mote_tensor *t)
{
    uint32_t i = 0;
    int32_t k = 0;

    for (;;) {
        while (i < a->rank && a->shape[i] == 1) {
            i++;
        }
        while (k < t->rank && t->dims[k] == 1) {
            k++;
        }
        if (i == a->rank || k == t->rank) {
            return i == a->rank && k == t->rank;
        }
        if (t->dims[k] < 0 || a->shape[i] != (uint64_t)t->dims[k]) {
            return 0;
        }
        i++;
        k++;
    }
}

/* Real values (float32 or float64, little-endian) into a quantized integer
 * tensor: q = round(x / scale) + zero_point, half away from zero,
 * saturated to the type's range. */
static int quantize_input(const uint8_t *src, const npy_array *a, mote_tensor *t)
{
    size_t esize = mote_type_size(t->type), k, n = (size_t)a->elements;
    int64_t lo, hi;

    switch (t->type) {
    case MOTE_INT8: lo = INT8_MIN; hi = INT8_MAX; break;
    case MOTE_INT16: lo = INT16_MIN; hi = INT16_MAX; break;
    case MOTE_INT32: lo = INT32_MIN; hi = INT32_MAX; break;
    default:
        cli_error("run: cannot quantize into a %s input", mote_type_name(t->type));
        return -1;
    }
    for (k = 0; k < n; k++) {
        double x, q;
        int64_t v;
        if (a->item_size == 4) {
            float f;
            memcpy(&f, src + 4 * k, 4);
            x = f;
        } else {
            memcpy(&x, src + 8 * k, 8);
        }
        q = x / (double)t->scale;
        q = q != q ? 0.0 : (q < -3e9 ? -3e9 : (q > 3e9 ? 3e9 : q)); /* NaN, huge */
        v = (int64_t)round(q) + t->zero_point;
        v = v < lo ? lo : (v > hi ? hi : v);
        if (esize == 1) {
            int8_t b = (int8_t)v;
            memcpy((uint8_t *)t->data + k, &b, 1);
        } else if (esize == 2) {
            int16_t b = (int16_t)v;
            memcpy((uint8_t *)t->data + 2 * k, &b, 2);
        } else {
            int32_t b = (int32_t)v;
            memcpy((uint8_t *)t->data + 4 * k, &b, 4);
        }
    }
    return 0;
}

/* Fill input i from a file already read into buf (len bytes). */
static int fill_input(const char *path, const uint8_t *buf, size_t len, uint32_t i, mote_tensor *t)
{
    char want[160], err[200], shape[96], tshape[CLI_SHAPE_MAX];
    size_t esize = mote_type_size(t->type);
    char kind = npy_kind(t->type);
    npy_array a;

    describe(want, sizeof want, "input", i, t);
    if (!npy_has_magic(buf, len) && !has_npy_suffix(path)) {
        if (len != t->bytes) {
            cli_error("input %lu: file %s has %lu bytes, %s needs %lu", (unsigned long)i, path,
                      (unsigned long)len, want, (unsigned long)t->bytes);
            return -1;
        }
        memcpy(t->data, buf, len);
        return 0;
    }
    if (npy_parse(buf, len, &a, err, sizeof err) != 0) {
        cli_error("input %lu: %s: %s", (unsigned long)i, path, err);
        return -1;
    }
    if (a.fortran_order) {
        cli_error("input %lu: %s is in Fortran order; only C order is supported",
                  (unsigned long)i, path);
        return -1;
    }
    if (a.kind == 'f' && (a.item_size == 4 || a.item_size == 8) && a.byte_order != '>' &&
        kind == 'i' && t->scale > 0.0f && !a.fortran_order) {
        if (!same_layout(&a, t) || a.elements * esize != t->bytes) {
            cli_format_shape(tshape, sizeof tshape, t->dims, t->rank);
            npy_format_shape(&a, shape, sizeof shape);
            cli_error("input %lu: %s has shape %s, %s needs shape %s", (unsigned long)i, path,
                      shape, want, tshape);
            return -1;
        }
        return quantize_input(buf + a.data_offset, &a, t);
    }
    if (kind == 0 || a.kind != kind || a.item_size != esize ||
        (esize > 1 && a.byte_order == '>')) {
        cli_error("input %lu: %s has dtype '%s', %s needs '%c%c%lu'", (unsigned long)i, path,
                  a.descr, want, esize > 1 ? '<' : '|', kind != 0 ? kind : '?',
                  (unsigned long)esize);
        return -1;
    }
    if (esize == 0 || !same_layout(&a, t) || a.data_bytes != t->bytes) {
        cli_format_shape(tshape, sizeof tshape, t->dims, t->rank);
        npy_format_shape(&a, shape, sizeof shape);
        cli_error("input %lu: %s has shape %s (%llu elements), %s needs shape %s (%lu elements;"
                  " only dimensions of size 1 may be added or left out)",
                  (unsigned long)i, path, shape, (unsigned long long)a.elements, want, tshape,
                  (unsigned long)(esize != 0 ? t->bytes / esize : 0));
        return -1;
    }
    memcpy(t->data, buf + a.data_offset, a.data_bytes);
    return 0;
}

/* One file holding every input back to back (raw bytes only). */
static int fill_concatenated(const char *path, const uint8_t *buf, size_t len, mote_session *s,
                             uint32_t n)
{
    size_t total = 0, off = 0;
    uint32_t i;

    for (i = 0; i < n; i++) {
        total += mote_input(s, i)->bytes;
    }
    if (npy_has_magic(buf, len) || has_npy_suffix(path)) {
        cli_error("inputs: %s is a .npy file, but the model has %lu inputs: give one --input "
                  "per input", path, (unsigned long)n);
        return -1;
    }
    if (len != total) {
        cli_error("inputs: file %s has %lu bytes, the model's %lu inputs need %lu together", path,
                  (unsigned long)len, (unsigned long)n, (unsigned long)total);
        return -1;
    }
    for (i = 0; i < n; i++) {
        mote_tensor *t = mote_input(s, i);
        memcpy(t->data, buf + off, t->bytes);
        off += t->bytes;
    }
    return 0;
}

static int fill_inputs(const run_args *a, mote_session *s, uint32_t n)
{
    int k, rc = 0;

    if (a->n_inputs != (int)n && a->n_inputs != 1) {
        cli_error("run: the model has %lu input%s, got %d --input files", (unsigned long)n,
                  n == 1 ? "" : "s", a->n_inputs);
        return -1;
    }
    for (k = 0; k < a->n_inputs && rc == 0; k++) {
        uint8_t *buf;
        size_t len, need = 0, limit;
        char why[400], want[160];
        uint32_t i;
        if (a->n_inputs == (int)n) {
            need = mote_input(s, (uint32_t)k)->bytes;
            describe(want, sizeof want, "input", (uint32_t)k, mote_input(s, (uint32_t)k));
        } else {
            for (i = 0; i < n; i++) {
                need += mote_input(s, i)->bytes;
            }
            snprintf(want, sizeof want, "the model's %lu inputs", (unsigned long)n);
        }
        /* Never read more than the tensor's elements as float64 plus a
         * .npy header (cli.h). */
        limit = need > (SIZE_MAX - CLI_NPY_HEADER_MAX) / CLI_INPUT_WIDEN
                    ? SIZE_MAX
                    : need * CLI_INPUT_WIDEN + CLI_NPY_HEADER_MAX;
        snprintf(why, sizeof why, " for an input (%s take%s %lu bytes; an input file may hold "
                 "%d times that, plus %lu bytes of .npy header)", want,
                 a->n_inputs == (int)n ? "s" : "", (unsigned long)need, CLI_INPUT_WIDEN,
                 (unsigned long)CLI_NPY_HEADER_MAX);
        if (cli_read_file(a->inputs[k], limit, why, &buf, &len) != 0) {
            return -1;
        }
        if (a->n_inputs == (int)n) {
            rc = fill_input(a->inputs[k], buf, len, (uint32_t)k, mote_input(s, (uint32_t)k));
        } else {
            rc = fill_concatenated(a->inputs[k], buf, len, s, n);
        }
        free(buf);
    }
    return rc;
}

/* The .npy dtype string of a tensor type, NULL if none. */
static const char *npy_descr(mote_type t)
{
    switch (t) {
    case MOTE_INT8: return "|i1";
    case MOTE_UINT8: return "|u1";
    case MOTE_INT16: return "<i2";
    case MOTE_INT32: return "<i4";
    case MOTE_INT64: return "<i8";
    case MOTE_FLOAT16: return "<f2";
    case MOTE_FLOAT32: return "<f4";
    case MOTE_FLOAT64: return "<f8";
    case MOTE_BOOL: return "|b1";
    default: return NULL;
    }
}

/* One output as a .npy (format 1.0) file. */
static int write_npy(const char *path, const mote_tensor *t)
{
    char header[256], err[FILE_ERR_MAX];
    const char *descr = npy_descr(t->type);
    size_t used, total, hlen;
    uint8_t *buf;
    int32_t k;
    int rc;

    if (descr == NULL) {
        cli_error("run: output type %s has no .npy dtype", mote_type_name(t->type));
        return -1;
    }
    used = (size_t)snprintf(header, sizeof header,
                            "{'descr': '%s', 'fortran_order': False, 'shape': (", descr);
    for (k = 0; k < t->rank; k++) {
        used += (size_t)snprintf(header + used, sizeof header - used, "%ld%s", (long)t->dims[k],
                                 t->rank == 1 ? "," : (k + 1 < t->rank ? ", " : ""));
    }
    used += (size_t)snprintf(header + used, sizeof header - used, "), }");
    /* magic (6) + version (2) + length (2) + header, padded with spaces to a
     * multiple of 64 and ended by a newline. */
    hlen = (10 + used + 1 + 63) / 64 * 64 - 10;
    total = 10 + hlen + t->bytes;
    buf = malloc(total);
    if (buf == NULL) {
        cli_error("run: out of memory");
        return -1;
    }
    memcpy(buf, "\x93NUMPY\x01\x00", 8);
    buf[8] = (uint8_t)(hlen & 0xff);
    buf[9] = (uint8_t)(hlen >> 8);
    memset(buf + 10, ' ', hlen);
    memcpy(buf + 10, header, used);
    buf[10 + hlen - 1] = '\n';
    memcpy(buf + 10 + hlen, t->data, t->bytes);
    rc = file_write(path, buf, total, err, sizeof err);
    if (rc != 0) {
        cli_error("%s", err);
    }
    free(buf);
    return rc;
}

static int write_raw(const char *path, const mote_session *s, uint32_t first, uint32_t count)
{
    size_t total = 0, off = 0;
    uint8_t *buf;
    uint32_t i;
    int rc;
    char err[FILE_ERR_MAX];

    for (i = first; i < first + count; i++) {
        total += mote_output(s, i)->bytes;
    }
    buf = malloc(total != 0 ? total : 1);
    if (buf == NULL) {
        cli_error("run: out of memory");
        return -1;
    }
    for (i = first; i < first + count; i++) {
        const mote_tensor *t = mote_output(s, i);
        memcpy(buf + off, t->data, t->bytes);
        off += t->bytes;
    }
    rc = file_write(path, buf, total, err, sizeof err);
    if (rc != 0) {
        cli_error("%s", err);
    }
    free(buf);
    return rc;
}

/* One file for all outputs (raw, or .npy for a single output), or one per
 * output. */
static int write_outputs(const run_args *a, const mote_session *s, uint32_t n)
{
    uint32_t i;

    if (a->n_outputs == 0) {
        return 0;
    }
    if (a->n_outputs == 1 && n != 1) {
        if (has_npy_suffix(a->outputs[0])) {
            cli_error("run: %s: the model has %lu outputs; a .npy file holds one: give one "
                      "--output per output", a->outputs[0], (unsigned long)n);
            return -1;
        }
        return write_raw(a->outputs[0], s, 0, n);
    }
    if (a->n_outputs != (int)n) {
        cli_error("run: the model has %lu output%s, got %d --output files", (unsigned long)n,
                  n == 1 ? "" : "s", a->n_outputs);
        return -1;
    }
    for (i = 0; i < n; i++) {
        int rc = has_npy_suffix(a->outputs[i]) ? write_npy(a->outputs[i], mote_output(s, i))
                                               : write_raw(a->outputs[i], s, i, 1);
        if (rc != 0) {
            return -1;
        }
    }
    return 0;
}

/* Element k of a tensor as a real number (dequantized when quantized). */
static double element(const mote_tensor *t, size_t k, int *ok)
{
    const uint8_t *p = (const uint8_t *)t->data;
    double v;

    *ok = 1;
    switch (t->type) {
    case MOTE_INT8: { int8_t x; memcpy(&x, p + k, 1); v = x; break; }
    case MOTE_UINT8: v = p[k]; break;
    case MOTE_INT16: { int16_t x; memcpy(&x, p + 2 * k, 2); v = x; break; }
    case MOTE_INT32: { int32_t x; memcpy(&x, p + 4 * k, 4); v = x; break; }
    case MOTE_FLOAT32: { float x; memcpy(&x, p + 4 * k, 4); return x; }
    default: *ok = 0; return 0.0;
    }
    return t->scale > 0.0f ? (v - t->zero_point) * (double)t->scale : v;
}

/* --print: every output's values and, for a [N] or [1,N] output, the top K. */
static int print_outputs(const run_args *a, const mote_session *s, uint32_t n)
{
    uint32_t i;

    for (i = 0; i < n; i++) {
        const mote_tensor *t = mote_output(s, i);
        size_t esize = mote_type_size(t->type), count = esize ? t->bytes / esize : 0, k;
        char shape[CLI_SHAPE_MAX];
        int ok = 1, classes;

        cli_format_shape(shape, sizeof shape, t->dims, t->rank);
        printf("output %lu: %s %s", (unsigned long)i, mote_type_name(t->type), shape);
        if (t->scale > 0.0f) {
            printf(" scale %.9g zero_point %ld (values dequantized)", (double)t->scale,
                   (long)t->zero_point);
        }
        printf("\n  values:");
        for (k = 0; k < count && k < PRINT_MAX_VALUES && ok; k++) {
            double v = element(t, k, &ok);
            if (ok) {
                printf(" %.6g", v);
            }
        }
        if (!ok) {
            printf(" (type not printable)\n");
            continue;
        }
        if (count > PRINT_MAX_VALUES) {
            printf(" ... (%lu values)", (unsigned long)count);
        }
        printf("\n");
        classes = count >= 2 && (t->rank == 1 || (t->rank == 2 && t->dims[0] == 1));
        if (classes) {
            unsigned long shown, r;
            size_t *order = malloc(count * sizeof *order);
            if (order == NULL) {
                cli_error("run: out of memory");
                return -1;
            }
            for (k = 0; k < count; k++) {
                order[k] = k;
            }
            shown = a->top < count ? a->top : (unsigned long)count;
            for (r = 0; r < shown; r++) { /* selection: K is small */
                size_t best = r, j;
                for (j = r + 1; j < count; j++) {
                    if (element(t, order[j], &ok) > element(t, order[best], &ok)) {
                        best = j;
                    }
                }
                k = order[r];
                order[r] = order[best];
                order[best] = k;
                printf("  top %lu: class %lu score %.6g\n", r + 1, (unsigned long)order[r],
                       element(t, order[r], &ok));
            }
            free(order);
        }
    }
    return fflush(stdout) == 0 ? 0 : -1;
}

static double now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* Copy every input between the session and a host buffer (to_session:
 * direction). The plan may reuse an input's arena bytes for activations
 * once the input is consumed, as TFLite Micro's planner does, so each
 * repeated inference gets its inputs written afresh. */
static void copy_inputs(mote_session *s, uint32_t n, uint8_t *stage, int to_session)
{
    size_t off = 0;
    uint32_t i;

    for (i = 0; i < n; i++) {
        mote_tensor *t = mote_input(s, i);
        if (to_session) {
            memcpy(t->data, stage + off, t->bytes);
        } else {
            memcpy(stage + off, t->data, t->bytes);
        }
        off += t->bytes;
    }
}

/* Invoke a->repeat times; with --time report the median of the invoke
 * times (input copies excluded) to stderr. */
static int invoke_timed(const run_args *a, mote_session *s, uint32_t n_in)
{
    double *times = NULL, median;
    uint8_t *stage = NULL;
    size_t total = 0;
    unsigned long r;
    mote_status st;
    uint32_t i;
    int rc = -1;

    for (i = 0; i < n_in; i++) {
        total += mote_input(s, i)->bytes;
    }
    stage = malloc(total != 0 ? total : 1);
    times = malloc((a->time ? a->repeat : 1) * sizeof *times);
    if (stage == NULL || times == NULL) {
        cli_error("run: out of memory");
        goto out;
    }
    copy_inputs(s, n_in, stage, 0);
    for (r = 0; r < a->repeat; r++) {
        double t0;
        if (r > 0) {
            copy_inputs(s, n_in, stage, 1);
        }
        t0 = a->time ? now_seconds() : 0.0;
        st = mote_invoke(s);
        if (st != MOTE_OK) {
            cli_error("run: inference failed: %s (status %d)", mote_status_str(st), (int)st);
            goto out;
        }
        if (a->time) {
            times[r] = now_seconds() - t0;
        }
    }
    if (a->time) {
        qsort(times, a->repeat, sizeof *times, cmp_double);
        median = a->repeat % 2 ? times[a->repeat / 2]
                               : 0.5 * (times[a->repeat / 2 - 1] + times[a->repeat / 2]);
        fprintf(stderr, "time: %.3f ms per inference (median of %lu run%s)\n", median * 1e3,
                a->repeat, a->repeat == 1 ? "" : "s");
    }
    rc = 0;
out:
    free(stage);
    free(times);
    return rc;
}

int cmd_run(int argc, char **argv)
{
    static mote_model model;     /* static: large structs, off the stack */
    static mote_session session;
    run_args a;
    uint8_t *bytes = NULL;
    void *arena = NULL;
    size_t len, need, align;
    mote_status st;
    int rc = 1;

    switch (parse_args(argc, argv, &a)) {
    case 1:
        return 0;
    case 0:
        break;
    default:
        return 1;
    }
    {
        mote_load_options o;
        mote_load_options_default(&o);
        o.requant = a.requant;
        o.plan_flags = (a.no_patch ? MOTE_PLAN_NO_PATCH : 0) |
                       (a.no_reorder ? MOTE_PLAN_NO_REORDER : 0);
        if (cli_load_model_opts(a.model, &model, &bytes, &len, &o) != 0) {
            return 1;
        }
    }
    /* Exactly the size the runtime asks for, so a sanitizer flags any
     * access past it. posix_memalign needs at least pointer alignment. */
    need = mote_model_arena_size(&model);
    if (a.arena != 0) {
        need = (size_t)a.arena;
    }
    align = MOTE_ARENA_ALIGN < sizeof(void *) ? sizeof(void *) : MOTE_ARENA_ALIGN;
    if (posix_memalign(&arena, align, need != 0 ? need : 1) != 0) {
        arena = NULL;
        cli_error("run: cannot allocate a %lu-byte arena", (unsigned long)need);
        goto out;
    }
    st = mote_session_init(&session, &model, arena, need);
    if (st != MOTE_OK) {
        session.error.text[sizeof session.error.text - 1] = '\0';
        cli_error("run: session setup failed: %s%s%s (status %d)", mote_status_str(st),
                  session.error.text[0] != '\0' ? ": " : "", session.error.text, (int)st);
        goto out;
    }
    if (fill_inputs(&a, &session, mote_model_input_count(&model)) != 0 ||
        invoke_timed(&a, &session, mote_model_input_count(&model)) != 0 ||
        write_outputs(&a, &session, mote_model_output_count(&model)) != 0 ||
        (a.print && print_outputs(&a, &session, mote_model_output_count(&model)) != 0)) {
        goto out;
    }
    rc = 0;
out:
    free(arena);
    free(bytes);
    return rc;
}
