/*
 * run_cases.c — the op test runner: every case tests/ops/gen_cases.py wrote,
 * through the public API, then through every kernel row that fits.
 *
 * Usage: run_cases CASEDIR [--kernel K]... [--case K/I] [--max-report N]
 *                  [--exact-floats]
 *
 * For each line of CASEDIR/manifest.txt ("KERNEL I N_IN N_OUT description";
 * a description starting "invokes=N" marks a stateful case: its input and
 * output files hold N invokes back to back, the session runs them in turn
 * comparing each, then mote_session_reset() and the first invoke again)
 * the case's model CASEDIR/KERNEL/I.tflite goes through mote_model_init and
 * mote_session_init (arena exactly mote_model_arena_size() bytes, followed by
 * guard bytes), its inputs I.in<k> are written and mote_invoke runs it; each
 * output is compared with I.out<k>: byte for byte for integer tensors, within
 * max|diff| <= 1e-5 * max|expected| + 1e-30 for float32 (the expected
 * floats come from LiteRT's reference kernels, not bit-exact by design).
 * --exact-floats compares float32 outputs byte for byte too: a measurement
 * (which float kernels equal LiteRT's bit for bit on this host), not a
 * suite's criterion.
 *
 * Then every row of the kernel table (src/kernels/kernels.def) is checked on
 * every step: from the session observer, each row of the step's kernel that
 * is compiled into this build (run != NULL) and whose fits() accepts the
 * step's parameter block runs on the same block and on copies of the step's
 * inputs taken before the step ran, with fresh output buffers (poisoned, and
 * guarded after their end) and its own scratch (mote_kernel_scratch() bytes,
 * 16-byte aligned); its output bytes must equal the bytes the session's row
 * wrote. The session's own row is replayed that way too, so the check is
 * exercised wherever only `ref` rows exist (the host today); a firmware
 * build of this file runs the Arm DSP rows against `ref` the same way.
 *
 * Prints each failure with the command that reruns that case alone, one
 * line per kernel "<kernel>: N passed, M failed (rows: ref, ...)" and a
 * final "N passed, M failed"; exits non-zero on any failure.
 *
 * Plain C99 with stdio (files through tools/mote/file.c) and malloc: the
 * runtime itself never allocates; the test does.
 */
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "mote/mote.h"
#include "core/step.h"
#include "kernels/kernel_table.h"

#define GUARD 32
#define GUARD_BYTE 0xA5
#define POISON_BYTE 0x5A
#define MAX_ROWS 1024
#define MAX_FILTER 32
#define FLOAT_RTOL 1e-5
#define FLOAT_ATOL 1e-30

typedef struct kstat {
    int passed, failed, reported;
} kstat;

static kstat stats[MOTE_KID_COUNT];
static unsigned char row_ran[MAX_ROWS]; /* rows that produced checked output */
static int max_report = 5;
static const char *prog = "run_cases";
static const char *casedir = ".";

/* ---- one case ------------------------------------------------------------ */

/* Copies of one step's operands, taken before it ran. */
typedef struct snapshot {
    int valid;
    uint32_t op;
    uint32_t n_in, n_out;
    const void *in[MOTE_MAX_OP_INPUTS]; /* copy, model constant, or NULL */
    void *copy[MOTE_MAX_OP_INPUTS];     /* what to free */
    size_t in_bytes[MOTE_MAX_OP_INPUTS];
    int alias[MOTE_MAX_OP_OUTPUTS]; /* input whose buffer output k shares, or -1 */
    uint8_t *state; /* a Signal kernel's state (its block's tail) before it ran, or NULL */
    uint32_t state_at, state_bytes;
} snapshot;

typedef struct case_ctx {
    const mote_model *model;
    snapshot snap;
    int failed;
    char why[512];
    int kernel_seen; /* some step ran the case's kernel */
    mote_kernel_id kernel;
} case_ctx;

static void case_fail(case_ctx *c, const char *fmt, ...)
{
    va_list ap;
    if (c->failed++) return; /* keep the first reason */
    va_start(ap, fmt);
    vsnprintf(c->why, sizeof c->why, fmt, ap);
    va_end(ap);
}

static void snapshot_free(snapshot *sn)
{
    uint32_t k;
    for (k = 0; k < sn->n_in; k++) {
        free(sn->copy[k]);
        sn->copy[k] = NULL;
    }
    free(sn->state);
    sn->state = NULL;
    sn->valid = 0;
}

/* Copy the inputs of step op (all already computed: it has not run yet). */
static void snapshot_take(case_ctx *c, const mote_session *s, uint32_t op)
{
    snapshot *sn = &c->snap;
    const mote_step *st = &s->steps[op];
    const int16_t *ops = mote_step_operands(s->state, st);
    const void *in_ptr[MOTE_MAX_OP_INPUTS];
    uint32_t k, j;

    memset(sn, 0, sizeof *sn);
    if (st->row >= mote_kernel_row_count) return; /* control step: no kernel row */
    sn->op = op;
    sn->n_in = st->n_in;
    sn->n_out = st->n_out;
    if (mote_signal_state(mote_kernel_rows[st->row].kernel, s->state + st->params, &sn->state_at,
                          &sn->state_bytes)) {
        sn->state = malloc(sn->state_bytes + 1u);
        if (sn->state == NULL) {
            case_fail(c, "out of memory (%lu bytes)", (unsigned long)sn->state_bytes);
            return;
        }
        memcpy(sn->state, s->state + st->params + sn->state_at, sn->state_bytes);
    }
    for (k = 0; k < st->n_in; k++) {
        mote_graph_tensor t;
        const void *p;
        size_t bytes;
        in_ptr[k] = NULL;
        if (ops[k] < 0) continue;
        mote_graph_get_tensor(&c->model->graph, (uint32_t)ops[k], &t);
        if (t.data != NULL) { /* constant: read-only, in the model bytes */
            sn->in[k] = t.data;
            sn->in_bytes[k] = t.bytes;
            continue;
        }
        if (mote_session_tensor_data(s, (uint32_t)ops[k], &p, &bytes) != MOTE_OK) continue;
        sn->copy[k] = malloc(bytes ? bytes : 1);
        if (sn->copy[k] == NULL) {
            case_fail(c, "out of memory (%lu bytes)", (unsigned long)bytes);
            continue;
        }
        memcpy(sn->copy[k], p, bytes);
        sn->in[k] = sn->copy[k];
        sn->in_bytes[k] = bytes;
        in_ptr[k] = p;
    }
    for (k = 0; k < st->n_out; k++) {
        const void *p = NULL;
        size_t bytes;
        sn->alias[k] = -1;
        if (mote_session_tensor_data(s, (uint32_t)ops[st->n_in + k], &p, &bytes) != MOTE_OK)
            continue;
        for (j = 0; j < st->n_in; j++)
            if (in_ptr[j] == p && sn->in_bytes[j] == bytes) sn->alias[k] = (int)j;
    }
    sn->valid = 1;
}

static void *aligned16(void *raw)
{
    uintptr_t u = (uintptr_t)raw;
    return (void *)((u + 15u) & ~(uintptr_t)15u);
}

/* Run kernel-table row r on the snapshot of step st; compare with the bytes
 * the session wrote. */
static void check_row(case_ctx *c, const mote_session *s, const mote_step *st, int32_t r)
{
    const mote_kernel_row *row = &mote_kernel_rows[r];
    const void *block = s->state + st->params;
    const int16_t *ops = mote_step_operands(s->state, st);
    snapshot *sn = &c->snap;
    void *out[MOTE_MAX_OP_OUTPUTS];
    const void *want[MOTE_MAX_OP_OUTPUTS];
    size_t bytes[MOTE_MAX_OP_OUTPUTS];
    uint32_t scratch_bytes = mote_kernel_scratch(r, block);
    void *scratch_raw = NULL;
    mote_kernel_io io;
    mote_status status;
    uint32_t k;
    size_t i;

    for (k = 0; k < st->n_out; k++) {
        out[k] = NULL;
        if (mote_session_tensor_data(s, (uint32_t)ops[st->n_in + k], &want[k], &bytes[k]) !=
            MOTE_OK) {
            case_fail(c, "step %lu: output %lu has no data", (unsigned long)sn->op,
                      (unsigned long)k);
            goto done;
        }
        out[k] = malloc(bytes[k] + GUARD);
        if (out[k] == NULL) goto oom;
        if (sn->alias[k] >= 0) /* in place: the output starts as the input */
            memcpy(out[k], sn->in[sn->alias[k]], bytes[k]);
        else
            memset(out[k], POISON_BYTE, bytes[k]);
        memset((uint8_t *)out[k] + bytes[k], GUARD_BYTE, GUARD);
    }
    if (scratch_bytes != 0) {
        scratch_raw = malloc((size_t)scratch_bytes + 16u + GUARD);
        if (scratch_raw == NULL) goto oom;
        memset(aligned16(scratch_raw), POISON_BYTE, (size_t)scratch_bytes + GUARD);
    }
    io.in = sn->in;
    io.out = out;
    io.scratch = scratch_raw != NULL ? aligned16(scratch_raw) : NULL;
    status = row->run(block, &io);
    row_ran[r] = 1;
    if (status != MOTE_OK) {
        case_fail(c, "row %s of step %lu returned %s", row->variant, (unsigned long)sn->op,
                  mote_status_str(status));
        goto done;
    }
    for (k = 0; k < st->n_out; k++) {
        const uint8_t *g = out[k], *w = want[k];
        for (i = 0; i < bytes[k]; i++)
            if (g[i] != w[i]) {
                case_fail(c, "row %s of step %lu differs from the session's row at byte %lu",
                          row->variant, (unsigned long)sn->op, (unsigned long)i);
                goto done;
            }
        for (i = 0; i < GUARD; i++)
            if (g[bytes[k] + i] != GUARD_BYTE) {
                case_fail(c, "row %s of step %lu wrote past the end of output %lu", row->variant,
                          (unsigned long)sn->op, (unsigned long)k);
                goto done;
            }
    }
    if (scratch_raw != NULL) {
        const uint8_t *g = (const uint8_t *)aligned16(scratch_raw) + scratch_bytes;
        for (i = 0; i < GUARD; i++)
            if (g[i] != POISON_BYTE) {
                case_fail(c, "row %s of step %lu wrote past the end of its scratch", row->variant,
                          (unsigned long)sn->op);
                break;
            }
    }
    goto done;
oom:
    case_fail(c, "out of memory in step %lu", (unsigned long)sn->op);
done:
    for (k = 0; k < st->n_out; k++)
        free(out[k]);
    free(scratch_raw);
}

/* Every row of the step's kernel that this build runs and that fits. */
static void check_rows(case_ctx *c, const mote_session *s, uint32_t op)
{
    const mote_step *st = &s->steps[op];
    const void *block = s->state + st->params;
    uint16_t kernel = mote_kernel_rows[st->row].kernel;
    uint8_t *state = c->snap.state ? s->state + st->params + c->snap.state_at : NULL;
    uint8_t *after = NULL;
    uint32_t r;

    if (kernel == (uint16_t)c->kernel) c->kernel_seen = 1;
    row_ran[st->row] = 1;
    /* A stateful kernel: each row starts from the state the session's row
     * started from and must leave the same state; the session's is kept. */
    if (state != NULL) {
        after = malloc(c->snap.state_bytes + 1u);
        if (after == NULL) {
            case_fail(c, "out of memory (%lu bytes)", (unsigned long)c->snap.state_bytes);
            return;
        }
        memcpy(after, state, c->snap.state_bytes);
    }
    for (r = 0; r < mote_kernel_row_count && r < MAX_ROWS; r++) {
        const mote_kernel_row *row = &mote_kernel_rows[r];
        if (row->kernel != kernel || row->run == NULL) continue;
        if (row->fits != NULL && !row->fits(block)) continue;
        if (state != NULL) memcpy(state, c->snap.state, c->snap.state_bytes);
        check_row(c, s, st, (int32_t)r);
        if (state != NULL && memcmp(state, after, c->snap.state_bytes) != 0)
            case_fail(c, "row %s of step %lu leaves another state than the session's row",
                      row->variant, (unsigned long)op);
    }
    if (state != NULL) memcpy(state, after, c->snap.state_bytes);
    free(after);
}

static void observer(void *user, const struct mote_session *s, uint32_t op)
{
    case_ctx *c = user;
    /* A control step (IF, WHILE, CALL_ONCE, variables) runs in the
     * interpreter, no kernel row; ops.def files them under COPY. */
    if (s->steps[op].row >= mote_kernel_row_count && c->kernel == MOTE_KID_COPY)
        c->kernel_seen = 1;
    if (c->snap.valid && c->snap.op == op) check_rows(c, s, op);
    snapshot_free(&c->snap);
    if (op + 1 < c->model->graph.n_ops) snapshot_take(c, s, op + 1);
}

static int exact_floats; /* --exact-floats */

/* Compare one output with the expected file's bytes. */
static void compare_output(case_ctx *c, uint32_t k, const mote_tensor *t, const uint8_t *want,
                           size_t want_len)
{
    const uint8_t *got = t->data;
    size_t i, n;
    if (want_len != t->bytes) {
        case_fail(c, "output %lu is %lu bytes, expected %lu", (unsigned long)k,
                  (unsigned long)t->bytes, (unsigned long)want_len);
        return;
    }
    if (t->type != MOTE_FLOAT32 || exact_floats) {
        for (i = 0; i < want_len; i++)
            if (got[i] != want[i]) {
                n = 0;
                for (; i < want_len; i++)
                    n += got[i] != want[i];
                for (i = 0; got[i] == want[i]; i++) {
                }
                case_fail(c,
                          "output %lu: %lu of %lu bytes differ, the first at %lu (got %d, want %d)",
                          (unsigned long)k, (unsigned long)n, (unsigned long)want_len,
                          (unsigned long)i, (int)(int8_t)got[i], (int)(int8_t)want[i]);
                return;
            }
        return;
    }
    {
        double maxe = 0.0, maxd = 0.0, tol;
        size_t worst = 0;
        n = want_len / 4;
        for (i = 0; i < n; i++) {
            float e;
            memcpy(&e, want + 4 * i, 4);
            if (isfinite(e) && fabs((double)e) > maxe) maxe = fabs((double)e);
        }
        tol = FLOAT_RTOL * maxe + FLOAT_ATOL;
        for (i = 0; i < n; i++) {
            float e, g;
            double d;
            memcpy(&e, want + 4 * i, 4);
            memcpy(&g, got + 4 * i, 4);
            if (!isfinite(e)) {
                if (!(e == g || (isnan(e) && isnan(g)))) {
                    case_fail(c, "output %lu element %lu: expected %g, got %g", (unsigned long)k,
                              (unsigned long)i, (double)e, (double)g);
                    return;
                }
                continue;
            }
            d = fabs((double)e - (double)g);
            if (!(d <= maxd)) { /* also catches NaN */
                maxd = d;
                worst = i;
                if (isnan(d)) break;
            }
        }
        if (!(maxd <= tol)) {
            float e, g;
            memcpy(&e, want + 4 * worst, 4);
            memcpy(&g, got + 4 * worst, 4);
            case_fail(c, "output %lu: max |diff| %.3g > tol %.3g at %lu (expected %.9g, got %.9g)",
                      (unsigned long)k, maxd, tol, (unsigned long)worst, (double)e, (double)g);
        }
    }
}

static int read_exact(case_ctx *c, const char *path, size_t max, uint8_t **data, size_t *len)
{
    char err[FILE_ERR_MAX];
    if (file_read(path, max, data, len, err, sizeof err) != 0) {
        case_fail(c, "%s", err);
        return -1;
    }
    return 0;
}

static mote_model model;
static mote_session session;

/* Invoke the session once with invoke `t` of the inputs (slices of ins[]);
 * compare with slice `t` of the expected outputs (outs[]). 0 on success. */
static int invoke_once(case_ctx *c, uint8_t *const *ins, uint8_t *const *outs, const size_t *out_len,
                       long n_in, long n_out, long t, long invokes, const uint8_t *arena,
                       size_t need)
{
    mote_status st;
    size_t i;
    uint32_t k;
    for (k = 0; k < (uint32_t)n_in; k++) {
        mote_tensor *in = mote_input(&session, k);
        memcpy(in->data, ins[k] + (size_t)t * in->bytes, in->bytes);
    }
    if (model.graph.n_ops > 0) snapshot_take(c, &session, 0);
    if ((st = mote_invoke(&session)) != MOTE_OK) {
        case_fail(c, "mote_invoke %ld: %s", t, mote_status_str(st));
        return -1;
    }
    for (i = 0; i < GUARD; i++)
        if (arena[need + i] != GUARD_BYTE) {
            case_fail(c, "the session wrote past the end of its %lu-byte arena",
                      (unsigned long)need);
            return -1;
        }
    for (k = 0; k < (uint32_t)n_out; k++) {
        const mote_tensor *o = mote_output(&session, k);
        size_t per = out_len[k] / (size_t)invokes;
        if (out_len[k] % (size_t)invokes != 0) {
            case_fail(c, "output file %lu does not hold %ld invokes", (unsigned long)k, invokes);
            return -1;
        }
        compare_output(c, k, o, outs[k] + (size_t)t * per, per);
        if (c->failed) {
            if (invokes > 1) {
                size_t n = strlen(c->why);
                snprintf(c->why + n, sizeof c->why - n, " (invoke %ld of %ld)", t + 1, invokes);
            }
            return -1;
        }
    }
    return 0;
}

static void run_case(case_ctx *c, const char *kname, long index, long n_in, long n_out,
                     long invokes)
{
    char path[1024];
    uint8_t *bytes = NULL, *raw = NULL, *arena;
    uint8_t *ins[MOTE_MAX_IO] = {NULL}, *outs[MOTE_MAX_IO] = {NULL};
    size_t out_len[MOTE_MAX_IO] = {0};
    size_t len, need, dlen;
    mote_status st;
    uint32_t k;
    long t;

    snprintf(path, sizeof path, "%s/%s/%ld.tflite", casedir, kname, index);
    if (read_exact(c, path, FILE_MODEL_MAX, &bytes, &len) != 0) return;
    if ((st = mote_model_init(&model, bytes, len)) != MOTE_OK) {
        case_fail(c, "mote_model_init: %s", model.error.text);
        goto out;
    }
    c->model = &model;
    need = mote_model_arena_size(&model);
    raw = malloc(need + MOTE_ARENA_ALIGN + GUARD);
    if (raw == NULL) {
        case_fail(c, "no memory for a %lu-byte arena", (unsigned long)need);
        goto out;
    }
    arena = raw + (MOTE_ARENA_ALIGN - (uintptr_t)raw % MOTE_ARENA_ALIGN) % MOTE_ARENA_ALIGN;
    memset(arena, POISON_BYTE, need);
    memset(arena + need, GUARD_BYTE, GUARD);
    if ((st = mote_session_init(&session, &model, arena, need)) != MOTE_OK) {
        case_fail(c, "mote_session_init: %s", session.error.text);
        goto out;
    }
    if (model.graph.n_inputs != (uint32_t)n_in || model.graph.n_outputs != (uint32_t)n_out) {
        case_fail(c, "the model has %lu inputs and %lu outputs, not the manifest's",
                  (unsigned long)model.graph.n_inputs, (unsigned long)model.graph.n_outputs);
        goto out;
    }
    /* Each input file holds `invokes` inputs back to back, each output file
     * the outputs of every invoke. */
    for (k = 0; k < (uint32_t)n_in; k++) {
        mote_tensor *in = mote_input(&session, k);
        size_t want = in->bytes * (size_t)invokes;
        snprintf(path, sizeof path, "%s/%s/%ld.in%lu", casedir, kname, index, (unsigned long)k);
        if (read_exact(c, path, want, &ins[k], &dlen) != 0) goto out;
        if (dlen != want) {
            case_fail(c, "input %lu is %lu bytes, the tensor %lu (x %ld invokes)",
                      (unsigned long)k, (unsigned long)dlen, (unsigned long)in->bytes, invokes);
            goto out;
        }
    }
    for (k = 0; k < (uint32_t)n_out; k++) {
        const mote_tensor *o = mote_output(&session, k);
        snprintf(path, sizeof path, "%s/%s/%ld.out%lu", casedir, kname, index, (unsigned long)k);
        if (read_exact(c, path, o->bytes * (size_t)invokes + 1, &outs[k], &out_len[k]) != 0)
            goto out;
    }
    mote_session_set_observer(&session, observer, c);
    for (t = 0; t < invokes; t++)
        if (invoke_once(c, ins, outs, out_len, n_in, n_out, t, invokes, arena, need) != 0)
            goto out;
    /* State: after a reset the first invoke's outputs come back. */
    if (invokes > 1) {
        if ((st = mote_session_reset(&session)) != MOTE_OK) {
            case_fail(c, "mote_session_reset: %s", mote_status_str(st));
            goto out;
        }
        if (invoke_once(c, ins, outs, out_len, n_in, n_out, 0, invokes, arena, need) != 0) {
            size_t n = strlen(c->why);
            snprintf(c->why + n, sizeof c->why - n, " after mote_session_reset");
            goto out;
        }
    }
    if (!c->kernel_seen) case_fail(c, "no step of the model runs kernel %s", kname);
out:
    for (k = 0; k < MOTE_MAX_IO; k++) {
        free(ins[k]);
        free(outs[k]);
    }
    snapshot_free(&c->snap);
    free(raw);
    free(bytes);
}

/* ---- the manifest -------------------------------------------------------- */

/* A crash inside a kernel still names its case (except under the
 * sanitizers, whose own handler reports it). */
static char crash_note[1400];

#if !defined(__SANITIZE_ADDRESS__) && defined(SIGSEGV)
static void on_crash(int sig)
{
    fputs(crash_note, stderr);
    signal(sig, SIG_DFL);
    raise(sig);
}
#endif

static int kernel_by_name(const char *name)
{
    int k;
    for (k = 0; k < (int)MOTE_KID_COUNT; k++)
        if (strcmp(mote_kernel_name((mote_kernel_id)k), name) == 0) return k;
    return -1;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: %s CASEDIR [--kernel K]... [--case K/I] [--max-report N] [--exact-floats]\n",
            prog);
    return 2;
}

int main(int argc, char **argv)
{
    const char *filter[MAX_FILTER];
    int n_filter = 0, argi, k, total_pass = 0, total_fail = 0, lines = 0;
    const char *only_case = NULL;
    char path[1024], err[FILE_ERR_MAX];
    uint8_t *man;
    size_t man_len;
    char *p, *end;

    prog = argv[0];
    if (argc < 2) return usage();
    casedir = argv[1];
    for (argi = 2; argi < argc; argi++) {
        if (strcmp(argv[argi], "--kernel") == 0 && argi + 1 < argc && n_filter < MAX_FILTER)
            filter[n_filter++] = argv[++argi];
        else if (strcmp(argv[argi], "--case") == 0 && argi + 1 < argc)
            only_case = argv[++argi];
        else if (strcmp(argv[argi], "--max-report") == 0 && argi + 1 < argc)
            max_report = atoi(argv[++argi]);
        else if (strcmp(argv[argi], "--exact-floats") == 0)
            exact_floats = 1;
        else
            return usage();
    }
#if !defined(__SANITIZE_ADDRESS__) && defined(SIGSEGV)
    signal(SIGSEGV, on_crash);
#endif
#if !defined(__SANITIZE_ADDRESS__) && defined(SIGBUS)
    signal(SIGBUS, on_crash);
#endif
    snprintf(path, sizeof path, "%s/manifest.txt", casedir);
    if (file_read(path, FILE_MODEL_MAX, &man, &man_len, err, sizeof err) != 0) {
        fprintf(stderr, "%s (generate the cases with tests/ops/gen_cases.py)\n", err);
        return 2;
    }
    /* One case per line: KERNEL INDEX N_IN N_OUT description. */
    for (p = (char *)man, end = (char *)man + man_len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char kname[64], id[96];
        long index, n_in, n_out, invokes;
        int used = 0, kid, f, match;
        case_ctx c;

        if (nl == NULL) nl = end;
        *nl = '\0';
        if (nl == p) {
            p = nl + 1;
            continue;
        }
        lines++;
        if (sscanf(p, "%63s %ld %ld %ld %n", kname, &index, &n_in, &n_out, &used) != 4 ||
            n_in < 0 || n_in > MOTE_MAX_IO || n_out < 0 || n_out > MOTE_MAX_IO) {
            printf("FAIL manifest line %d is malformed: %.80s\n", lines, p);
            total_fail++;
            p = nl + 1;
            continue;
        }
        /* "invokes=N" first in the description: a stateful case run N times. */
        invokes = 1;
        if (strncmp(p + used, "invokes=", 8) == 0) invokes = strtol(p + used + 8, NULL, 10);
        if (invokes < 1 || invokes > 1000) {
            printf("FAIL manifest line %d has a bad invokes count: %.80s\n", lines, p);
            total_fail++;
            p = nl + 1;
            continue;
        }
        snprintf(id, sizeof id, "%s/%ld", kname, index);
        match = n_filter == 0;
        for (f = 0; f < n_filter; f++)
            match |= strcmp(filter[f], kname) == 0;
        if (!match || (only_case != NULL && strcmp(only_case, id) != 0)) {
            p = nl + 1;
            continue;
        }
        kid = kernel_by_name(kname);
        if (kid < 0) {
            printf("FAIL %s: no kernel %s in this build's kernel table\n", id, kname);
            total_fail++;
            p = nl + 1;
            continue;
        }
        memset(&c, 0, sizeof c);
        c.kernel = (mote_kernel_id)kid;
        snprintf(crash_note, sizeof crash_note, "CRASH in case %s\n     rerun: %s %s --case %s\n",
                 id, prog, casedir, id);
        run_case(&c, kname, index, n_in, n_out, invokes);
        if (c.failed) {
            stats[kid].failed++;
            total_fail++;
            if (stats[kid].reported++ < max_report) {
                printf("FAIL %s: %s\n     %s\n", id, c.why, p + used);
                printf("     rerun: %s %s --case %s\n", prog, casedir, id);
                printf("     regenerate alone: .venv/bin/python tests/ops/gen_cases.py --out DIR "
                       "--kernel %s --case %ld\n",
                       kname, index);
            }
        } else {
            stats[kid].passed++;
            total_pass++;
        }
        p = nl + 1;
    }
    free(man);
    for (k = 0; k < (int)MOTE_KID_COUNT; k++) {
        uint32_t r;
        const char *sep = "";
        if (stats[k].passed + stats[k].failed == 0) continue;
        if (stats[k].reported > max_report)
            printf("  ... %d more failures of %s\n", stats[k].reported - max_report,
                   mote_kernel_name((mote_kernel_id)k));
        printf("%s: %d passed, %d failed (rows:", mote_kernel_name((mote_kernel_id)k),
               stats[k].passed, stats[k].failed);
        for (r = 0; r < mote_kernel_row_count && r < MAX_ROWS; r++)
            if (mote_kernel_rows[r].kernel == (uint16_t)k && row_ran[r]) {
                printf("%s %s", sep, mote_kernel_rows[r].variant);
                sep = ",";
            }
        printf(")\n");
    }
    if (total_pass + total_fail == 0) {
        printf("FAIL no case matched\n");
        total_fail = 1;
    }
    printf("%d passed, %d failed\n", total_pass, total_fail);
    return total_fail ? 1 : 0;
}
