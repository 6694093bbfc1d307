/*
 * test_golden.c — conformance with TensorFlow Lite Micro's reference kernels.
 *
 * For every model folder under the golden directory: every in_<k>.bin must
 * give exactly out_<k>.bin, and for layers/case_0 and case_zp every
 * intermediate tensor must match the layer dump byte for byte (checked from
 * the per-operator observer, right after the producing operator ran).
 * All models stay loaded at once and their cases run interleaved, so this
 * also shows that sessions are independent; each case runs twice to show
 * invokes repeat exactly; the arena has guard bytes around it and starts
 * filled with a different pattern per model.
 * Every model is loaded twice: as the planner chooses (band execution of a
 * leading chain where it lowers the arena, core/band.h) and with
 * MOTE_PLAN_NO_PATCH; both must give the golden bytes. The layer dumps are
 * checked on the second (a band chain's intermediates never exist whole).
 *
 * usage: test_golden GOLDEN_DIR MODELS_DIR...   (model <name>.tflite is
 * looked up in each MODELS_DIR)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "mote/kernels.h"
#include "mote/mote.h"

#define GUARD 64
#define MAX_MODELS 16 /* model files; each is loaded twice (below) */

static int passed, failed;

static void check(int ok, const char *what, const char *name)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s: %s\n", name, what);
    }
}

/* Whole file (at most FILE_MODEL_MAX bytes) through the shared bounded
 * reader, tools/mote/file.c, into a block of exactly its size; NULL if
 * unreadable (the caller reports it). */
static unsigned char *read_file(const char *path, size_t *len)
{
    uint8_t *buf;
    if (file_read(path, FILE_MODEL_MAX, &buf, len, NULL, 0) != 0) return NULL;
    return buf;
}

typedef struct {
    char name[128];
    char dir[512];
    unsigned char *bytes;
    size_t len;
    mote_model model;
    mote_session session;
    unsigned char *block;     /* guard + arena + guard */
    size_t arena;
    unsigned char fill;
    uint32_t flags; /* MOTE_PLAN_* */
} loaded;

static int guards_intact(const loaded *m)
{
    size_t i;
    for (i = 0; i < GUARD; i++) {
        if (m->block[i] != 0xA5 || m->block[GUARD + m->arena + i] != 0x5A) return 0;
    }
    return 1;
}

/* --requant-at-run: every model loaded with MOTE_REQUANT_AT_RUN, so the
 * tables computed before each step must give the same bytes. */
static mote_requant_mode requant_mode = MOTE_REQUANT_STORED;

/* The load options on one model: the state's parts add up, run mode stores
 * no table without bands (with bands, only the chain's: fewer than stored
 * mode; a model with no table reports stored), SMALLEST keeps the smaller
 * arena, an unknown mode is refused. */
static void check_requant_modes(const unsigned char *bytes, size_t len, const char *name)
{
    static mote_model mm;
    mote_load_options o;
    mote_state_parts p;
    size_t arena[2], state_run = 0, tables_stored = 0;
    int mode;
    for (mode = 0; mode < 3; mode++) {
        mote_load_options_default(&o);
        o.requant = mode ? MOTE_REQUANT_AT_RUN : MOTE_REQUANT_STORED;
        o.plan_flags = mode == 2 ? MOTE_PLAN_NO_PATCH : 0u;
        if (mote_model_init_opts(&mm, bytes, len, &o) != MOTE_OK ||
            mote_model_state_parts(&mm, &p) != MOTE_OK) {
            check(0, "mote_model_init_opts", name);
            return;
        }
        if (mode < 2) arena[mode] = mote_model_arena_size(&mm);
        check(p.steps + p.operands + p.tensors + p.params + p.requant + p.padding ==
                  mote_model_state_size(&mm),
              "state parts add up to the state", name);
        /* A model without tables (per-tensor FULLY_CONNECTED keeps its one
         * entry in the block) has none to make at run time: stored. */
        check(mote_model_requant_at_run(&mm) == (mode != 0 && tables_stored > 0),
              "requant mode reported", name);
        if (mode == 0) tables_stored = p.requant;
        if (mode == 1) {
            check(p.requant == 0 || p.requant < tables_stored,
                  "run mode keeps at most the band chain's tables in the state", name);
            state_run = mote_model_state_size(&mm);
        }
        if (mode == 2) check(p.requant == 0, "run mode without bands keeps no table", name);
    }
    mote_load_options_default(&o);
    o.requant = MOTE_REQUANT_SMALLEST;
    check(mote_model_init_opts(&mm, bytes, len, &o) == MOTE_OK &&
              mote_model_arena_size(&mm) == (arena[1] < arena[0] ? arena[1] : arena[0]) &&
              mote_model_requant_at_run(&mm) == (arena[1] < arena[0]),
          "SMALLEST keeps the smaller arena", name);
    check(state_run > 0, "run mode has a state", name);
    o.requant = (mote_requant_mode)7;
    check(mote_model_init_opts(&mm, bytes, len, &o) == MOTE_E_ARG, "unknown mode refused", name);
}

/* Tables made at run time plan the same band chain as stored tables (the
 * chain's steps keep theirs stored), so the golden cases run bands and
 * tables made at run time together. */
static void check_same_band(const loaded *m, const char *name)
{
    static mote_model stored;
    mote_session ss;
    mote_load_options o;
    unsigned char *arena;
    mote_load_options_default(&o);
    o.plan_flags = m->flags;
    if (mote_model_init_opts(&stored, m->bytes, m->len, &o) != MOTE_OK) {
        check(0, "stored-table load", name);
        return;
    }
    arena = malloc(mote_model_arena_size(&stored) + 1);
    check(arena != NULL &&
              mote_session_init(&ss, &stored, arena, mote_model_arena_size(&stored)) == MOTE_OK &&
              ss.band_first == m->session.band_first && ss.band_last == m->session.band_last,
          "same band chain as with stored tables", name);
    if (m->session.band_first >= 0)
        printf("  %s: bands over operators %d..%d with tables made at run time\n", name,
               (int)m->session.band_first, (int)m->session.band_last);
    free(arena);
}

static int load(loaded *m, const char *golden, const char *name, char **model_dirs, int n_dirs,
                unsigned char fill, uint32_t flags)
{
    int d;
    char path[1024];
    mote_status s;
    snprintf(m->name, sizeof m->name, "%s%s", name, flags & MOTE_PLAN_NO_PATCH ? " (no patch)" : "");
    m->flags = flags;
    snprintf(m->dir, sizeof m->dir, "%s/%s", golden, name);
    m->bytes = NULL;
    for (d = 0; d < n_dirs && m->bytes == NULL; d++) {
        snprintf(path, sizeof path, "%s/%s.tflite", model_dirs[d], name);
        m->bytes = read_file(path, &m->len);
    }
    if (m->bytes == NULL) {
        check(0, "model file not found", name);
        return -1;
    }
    {
        mote_load_options o;
        mote_load_options_default(&o);
        o.requant = requant_mode;
        o.plan_flags = flags;
        s = mote_model_init_opts(&m->model, m->bytes, m->len, &o);
    }
    if (s == MOTE_OK && requant_mode == MOTE_REQUANT_AT_RUN) {
        /* Or the model has no table at all (the state holds none). */
        mote_state_parts p;
        check(mote_model_requant_at_run(&m->model) ||
                  (mote_model_state_parts(&m->model, &p) == MOTE_OK && p.requant == 0),
              "tables made at run time", name);
    }
    if (s == MOTE_OK && requant_mode == MOTE_REQUANT_STORED)
        check_requant_modes(m->bytes, m->len, name);
    if (s != MOTE_OK) {
        printf("  %s: %s\n", mote_status_str(s), m->model.error.text);
        check(0, "mote_model_init", name);
        return -1;
    }
    m->arena = mote_model_arena_size(&m->model);
    printf("  %s: arena %lu bytes\n", name, (unsigned long)m->arena);
    /* 16-byte alignment of arena = block + GUARD: malloc gives >= 16 here. */
    m->block = malloc(m->arena + 2 * GUARD);
    memset(m->block, 0xA5, GUARD);
    memset(m->block + GUARD, fill, m->arena);
    memset(m->block + GUARD + m->arena, 0x5A, GUARD);
    m->fill = fill;
    if (m->arena > 0) {
        mote_session tmp;
        check(mote_session_init(&tmp, &m->model, m->block + GUARD, m->arena - 1) ==
                  MOTE_E_ARENA_SMALL, "arena one byte short is refused", name);
    }
    s = mote_session_init(&m->session, &m->model, m->block + GUARD, m->arena);
    check(s == MOTE_OK, "mote_session_init", name);
    if (s == MOTE_OK && requant_mode == MOTE_REQUANT_AT_RUN) check_same_band(m, name);
    return s == MOTE_OK ? 0 : -1;
}

/* Layer-dump checking through the observer. */
typedef struct {
    const loaded *m;
    char dump[1024];
    int tensors[512];
    int producer[512];
    int n;
    int bad;
    int checked;
} layer_check;

static void observe(void *user, const struct mote_session *s, uint32_t op)
{
    layer_check *lc = user;
    int i;
    for (i = 0; i < lc->n; i++) {
        char path[1200];
        const void *data;
        size_t bytes, want_len;
        unsigned char *want;
        if (lc->producer[i] != (int)op) continue;
        snprintf(path, sizeof path, "%s/t%d.bin", lc->dump, lc->tensors[i]);
        want = read_file(path, &want_len);
        if (want == NULL) continue;
        if (mote_session_tensor_data(s, (uint32_t)lc->tensors[i], &data, &bytes) != MOTE_OK ||
            bytes != want_len || memcmp(data, want, bytes) != 0) {
            if (!lc->bad)
                printf("  %s: first differing layer: operator %u, tensor %d (%s)\n",
                       lc->m->name, (unsigned)op, lc->tensors[i], path);
            lc->bad = 1;
        }
        lc->checked++;
        free(want);
    }
}

static void run_layers(loaded *m, const char *case_name)
{
    char path[1200], line[4096];
    layer_check lc;
    FILE *f;
    unsigned char *in;
    size_t in_len;
    mote_tensor *input = mote_input(&m->session, 0);
    memset(&lc, 0, sizeof lc);
    lc.m = m;
    snprintf(lc.dump, sizeof lc.dump, "%s/layers/%s", m->dir, case_name);
    snprintf(path, sizeof path, "%s/index.tsv", lc.dump);
    f = fopen(path, "r");
    if (f == NULL) return;   /* this model has no layer dump */
    while (fgets(line, sizeof line, f) != NULL && lc.n < 512) {
        int t, op;
        char *q;
        if (sscanf(line, "%d", &t) != 1) continue;
        /* column 6 (producer_op) is "<op>:<NAME>" or "-" */
        q = line;
        for (op = 0; op < 5 && q != NULL; op++) {
            q = strchr(q, '\t');
            if (q) q++;
        }
        if (q == NULL || sscanf(q, "%d:", &op) != 1) continue;
        lc.tensors[lc.n] = t;
        lc.producer[lc.n] = op;
        lc.n++;
    }
    fclose(f);
    snprintf(path, sizeof path, "%s/in_%s.bin", m->dir,
             strcmp(case_name, "case_zp") == 0 ? "zp" : "0");
    in = read_file(path, &in_len);
    if (in == NULL || input == NULL || in_len != input->bytes) {
        check(0, "layer case input", m->name);
        free(in);
        return;
    }
    memcpy(input->data, in, in_len);
    mote_session_set_observer(&m->session, observe, &lc);
    check(mote_invoke(&m->session) == MOTE_OK, "invoke (layers)", m->name);
    mote_session_set_observer(&m->session, NULL, NULL);
    snprintf(line, sizeof line, "every layer of %s matches (%d tensors)", case_name, lc.checked);
    check(!lc.bad && lc.checked > 0, line, m->name);
    free(in);
}

static void run_case(loaded *m, const char *k)
{
    char path[1200], label[256];
    unsigned char *in, *want, *first;
    size_t in_len, want_len, out_bytes = 0;
    uint32_t o, n_out = mote_model_output_count(&m->model);
    mote_tensor *input = mote_input(&m->session, 0);

    snprintf(label, sizeof label, "%s/%s", m->name, k);
    snprintf(path, sizeof path, "%s/in_%s.bin", m->dir, k);
    in = read_file(path, &in_len);
    snprintf(path, sizeof path, "%s/out_%s.bin", m->dir, k);
    want = read_file(path, &want_len);
    if (in == NULL || want == NULL || input == NULL || in_len != input->bytes) {
        check(0, "case files readable and input size right", label);
        free(in);
        free(want);
        return;
    }
    for (o = 0; o < n_out; o++) out_bytes += mote_output(&m->session, o)->bytes;
    first = malloc(out_bytes ? out_bytes : 1);
    memcpy(input->data, in, in_len);
    check(mote_invoke(&m->session) == MOTE_OK, "invoke", label);
    {
        size_t at = 0;
        for (o = 0; o < n_out; o++) {
            const mote_tensor *t = mote_output(&m->session, o);
            memcpy(first + at, t->data, t->bytes);
            at += t->bytes;
        }
    }
    check(out_bytes == want_len && memcmp(first, want, want_len) == 0,
          "output matches TFLM byte for byte", label);
    /* Again, with the input rewritten: identical bytes. */
    memcpy(input->data, in, in_len);
    check(mote_invoke(&m->session) == MOTE_OK && n_out == 1 &&
              memcmp(mote_output(&m->session, 0)->data, first, out_bytes) == 0,
          "second invoke identical", label);
    check(guards_intact(m), "arena guard bytes intact", label);
    free(first);
    free(in);
    free(want);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    static loaded models[2 * MAX_MODELS];
    char *names[MAX_MODELS];
    int n = 0, i, round;
    DIR *dir;
    struct dirent *de;

    if (argc > 1 && strcmp(argv[1], "--requant-at-run") == 0) {
        requant_mode = MOTE_REQUANT_AT_RUN;
        printf("requantization tables made at run time (MOTE_REQUANT_AT_RUN)\n");
        argv++;
        argc--;
    }
    if (argc < 3) {
        fprintf(stderr, "usage: test_golden [--requant-at-run] GOLDEN_DIR MODELS_DIR...\n");
        return 2;
    }
    dir = opendir(argv[1]);
    if (dir == NULL) {
        fprintf(stderr, "cannot open %s\n", argv[1]);
        return 2;
    }
    while ((de = readdir(dir)) != NULL && n < MAX_MODELS) {
        char p[1024];
        FILE *f;
        if (de->d_name[0] == '.') continue;
        snprintf(p, sizeof p, "%s/%s/info.txt", argv[1], de->d_name);
        if ((f = fopen(p, "r")) == NULL) continue;
        fclose(f);
        names[n++] = strdup(de->d_name);
    }
    closedir(dir);
    qsort(names, (size_t)n, sizeof names[0], cmp_str);
    for (i = 0; i < 2 * n; i++)
        if (load(&models[i], argv[1], names[i % n], argv + 2, argc - 2,
                 (unsigned char)(0x11 * (i + 1)), i < n ? 0 : MOTE_PLAN_NO_PATCH) != 0) {
            free(models[i].bytes);
            free(models[i].block);
            models[i].bytes = NULL;
            models[i].block = NULL;
        }
    n *= 2;

    /* Interleave: case k of every model, then case k+1 ... */
    for (round = 0; round < 32; round++) {
        int any = 0;
        for (i = 0; i < n; i++) {
            char k[64];
            char **cases;
            int nc = 0, c;
            DIR *dd;
            if (models[i].bytes == NULL) continue;
            dd = opendir(models[i].dir);
            cases = calloc(64, sizeof *cases);
            while (dd != NULL && (de = readdir(dd)) != NULL && nc < 64) {
                size_t L = strlen(de->d_name);
                if (strncmp(de->d_name, "in_", 3) == 0 && L > 7 &&
                    strcmp(de->d_name + L - 4, ".bin") == 0) {
                    cases[nc] = strdup(de->d_name + 3);
                    cases[nc][L - 7] = '\0';
                    nc++;
                }
            }
            if (dd) closedir(dd);
            qsort(cases, (size_t)nc, sizeof cases[0], cmp_str);
            if (round < nc) {
                snprintf(k, sizeof k, "%s", cases[round]);
                run_case(&models[i], k);
                any = 1;
            }
            for (c = 0; c < nc; c++) free(cases[c]);
            free(cases);
        }
        if (!any) break;
    }
    for (i = 0; i < n; i++) {
        if (models[i].bytes == NULL || !(models[i].flags & MOTE_PLAN_NO_PATCH)) continue;
        run_layers(&models[i], "case_0");
        run_layers(&models[i], "case_zp");
    }
    for (i = 0; i < n; i++) {
        free(models[i].bytes);
        free(models[i].block);
        if (i < n / 2) free(names[i]);
    }
    printf("golden: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
