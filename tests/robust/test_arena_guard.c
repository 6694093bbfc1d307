/*
 * test_arena_guard.c — the arena is the runtime's only writable memory, and
 * it writes only where the plan says.
 *
 * For one model:
 *  - canaries: GUARD bytes of a pattern before and after an arena of exactly
 *    mote_model_arena_size() bytes, checked after session init, after every
 *    operator and after every invoke (two invokes per model);
 *  - planned regions only: the arena is filled with a pattern; a per-operator
 *    observer compares it with a snapshot taken before the operator ran, and
 *    every changed byte must lie inside that operator's output tensor
 *    (mote_session_tensor_data) — no scratch, no stray writes;
 *  - the runtime-state part (the first state_bytes) never changes during
 *    invoke;
 *  - API refusals: an arena one byte short fails with MOTE_E_ARENA_SMALL
 *    and leaves the arena untouched, a misaligned one with MOTE_E_ARG.
 * All of it twice: planned with MOTE_PLAN_NO_PATCH, and as the planner
 * chooses. With bands (core/band.h) the chain's intermediates have no data
 * and the observer runs for the chain's operators once it is done: those
 * get no per-operator attribution, and the chain's last operator may also
 * write its row windows, anywhere in the activation part (never the state,
 * never past the arena); the outputs must equal the no-patch run's.
 */
#define _POSIX_C_SOURCE 200112L
#include <stdlib.h>
#include <string.h>

#include "robust.h"
#include "mote/kernels.h"
#include "mote/mote.h"

#define GUARD 256

typedef struct guard_ctx {
    const mote_model *m;
    const char *model;
    uint8_t *arena;       /* GUARD bytes after the allocation start */
    size_t need;
    uint8_t *prev;        /* the arena before the operator that is running */
    uint32_t ops_seen, stray_ops;
    int in_band;          /* an earlier operator's output had no data: a band chain */
    uint32_t band_ops;    /* operators seen inside band chains */
} guard_ctx;

static uint8_t canary(size_t k) { return (uint8_t)(0xA5u ^ (k * 29u)); }

static int canaries_intact(const guard_ctx *c)
{
    size_t k;
    for (k = 0; k < GUARD; k++) {
        if (c->arena[-(long)GUARD + (long)k] != canary(k)) return 0;
        if (c->arena[c->need + k] != canary(k + GUARD)) return 0;
    }
    return 1;
}

static void observe(void *user, const mote_session *s, uint32_t op)
{
    guard_ctx *c = (guard_ctx *)user;
    mote_graph_op o;
    const void *data = NULL;
    size_t bytes = 0, k, stray = 0, first = 0;
    const uint8_t *lo, *hi;
    int32_t out;

    c->ops_seen++;
    CHECK(canaries_intact(c), "%s: operator %u wrote outside the arena", c->model, op);
    if (mote_graph_get_op(&c->m->graph, op, &o) != MOTE_OK) {
        CHECK(0, "%s: operator %u does not decode", c->model, op);
        return;
    }
    out = mote_graph_op_output(&o, 0);
    if (mote_session_tensor_data(s, (uint32_t)out, &data, &bytes) != MOTE_OK) {
        /* Only a band chain's intermediates have no data. */
        CHECK(!(c->m->plan_flags & MOTE_PLAN_NO_PATCH), "%s: operator %u output tensor %d has no data",
              c->model, op, (int)out);
        c->in_band = 1;
        c->band_ops++;
        return;
    }
    lo = (const uint8_t *)data;
    hi = lo + bytes;
    if (c->in_band) {
        /* The chain's last operator: its output, the windows, anywhere
         * in the activations. */
        c->in_band = 0;
        c->band_ops++;
        lo = c->arena + mote_model_state_size(c->m);
        hi = c->arena + c->need;
    }
    if (!(lo >= c->arena + mote_model_state_size(c->m) && hi <= c->arena + c->need)) {
        CHECK(0, "%s: operator %u output tensor %d is not in the activation part", c->model,
              op, (int)out);
        return;
    }
    /* A kernel variant may also use its step's scratch (mote_step_info),
     * which the planner placed in the activation part for that step only. */
    {
        mote_step_info info;
        const uint8_t *acts = c->arena + mote_model_state_size(c->m);
        const uint8_t *slo = NULL, *shi = NULL;
        if (mote_session_step_info(s, op, &info) == MOTE_OK && info.scratch_bytes != 0) {
            slo = acts + info.scratch_offset;
            shi = slo + info.scratch_bytes;
            CHECK(shi <= c->arena + c->need, "%s: operator %u scratch past the arena", c->model,
                  op);
        }
        for (k = 0; k < c->need; k++) {
            const uint8_t *at = c->arena + k;
            if (c->arena[k] != c->prev[k] && !(at >= lo && at < hi) &&
                !(slo != NULL && at >= slo && at < shi)) {
                if (stray++ == 0) first = k;
            }
        }
    }
    if (stray != 0) {
        c->stray_ops++;
        CHECK(0, "%s: operator %u changed %lu byte(s) outside its output tensor %d "
              "(first at arena offset %lu; output at %lu..%lu)", c->model, op,
              (unsigned long)stray, (int)out, (unsigned long)first,
              (unsigned long)(lo - c->arena), (unsigned long)(hi - c->arena));
    }
    memcpy(c->prev, c->arena, c->need);
}

static void fill_inputs(mote_session *s, const mote_model *m, unsigned round)
{
    uint32_t i;
    size_t k;
    for (i = 0; i < mote_model_input_count(m); i++) {
        mote_tensor *t = mote_input(s, i);
        if (t->type == MOTE_FLOAT32) {
            float *f = (float *)t->data;
            for (k = 0; k < t->bytes / 4; k++)
                f[k] = (float)((int)((k * 37u + round) % 101u) - 50) / 25.0f;
        } else {
            uint8_t *b = (uint8_t *)t->data;
            for (k = 0; k < t->bytes; k++) b[k] = (uint8_t)(k * 37u + 11u + round);
        }
    }
}

static void guard_run(const char *model, uint32_t flags, uint8_t *out, size_t *out_len)
{
    static mote_model m;
    static mote_session s;
    guard_ctx c;
    uint8_t *bytes, *block = NULL, *state0;
    size_t len, k;
    unsigned round;

    bytes = robust_read_file(model, &len);
    CHECK(bytes != NULL, "cannot read %s", model);
    if (bytes == NULL) return;
    if (mote_model_init_plan(&m, bytes, len, mote_build_isa(), flags) != MOTE_OK) {
        CHECK(0, "%s does not load: %s", model, m.error.text);
        free(bytes);
        return;
    }
    memset(&c, 0, sizeof c);
    c.m = &m;
    c.model = model;
    c.need = mote_model_arena_size(&m);
    /* GUARD is a multiple of MOTE_ARENA_ALIGN, so the arena stays aligned. */
    if (posix_memalign((void **)&block, MOTE_ARENA_ALIGN, c.need + 2 * GUARD) != 0) {
        CHECK(0, "out of memory");
        free(bytes);
        return;
    }
    c.arena = block + GUARD;
    c.prev = (uint8_t *)malloc(c.need);
    state0 = (uint8_t *)malloc(mote_model_state_size(&m));
    for (k = 0; k < GUARD; k++) {
        block[k] = canary(k);
        c.arena[c.need + k] = canary(k + GUARD);
    }
    for (k = 0; k < c.need; k++) c.arena[k] = (uint8_t)(k * 131u + 7u);

    CHECK(mote_session_init(&s, &m, c.arena, c.need) == MOTE_OK, "%s: session init", model);
    CHECK(canaries_intact(&c), "%s: session init wrote outside the arena", model);
    memcpy(state0, c.arena, mote_model_state_size(&m));
    mote_session_set_observer(&s, observe, &c);
    for (round = 0; round < 2; round++) {
        mote_status st;
        fill_inputs(&s, &m, round);
        memcpy(c.prev, c.arena, c.need);
        st = mote_invoke(&s);
        CHECK(st == MOTE_OK, "%s: invoke %u returned %s", model, round, mote_test_status_name(st));
        CHECK(canaries_intact(&c), "%s: invoke %u wrote outside the arena", model, round);
        CHECK(memcmp(state0, c.arena, mote_model_state_size(&m)) == 0,
              "%s: invoke %u changed the runtime state part of the arena", model, round);
    }
    CHECK(c.ops_seen == 2 * m.graph.n_ops, "%s: observer saw %u operators, want %u", model,
          c.ops_seen, 2 * m.graph.n_ops);
    *out_len = 0;
    for (k = 0; k < mote_model_output_count(&m); k++) {
        const mote_tensor *t = mote_output(&s, (uint32_t)k);
        if (t == NULL || *out_len + t->bytes > 65536) break;
        memcpy(out + *out_len, t->data, t->bytes);
        *out_len += t->bytes;
    }
    printf("  %-48s arena %8lu bytes (state %lu), %u operators x 2 invokes, %u with stray "
           "writes%s\n", model, (unsigned long)c.need, (unsigned long)mote_model_state_size(&m),
           m.graph.n_ops, c.stray_ops, c.band_ops ? " (bands)" : "");
    free(state0);
    free(c.prev);
    free(block);
    free(bytes);
}

void test_arena_guard(const char *model)
{
    static uint8_t plain[65536], banded[65536];
    size_t n_plain = 0, n_banded = 0;
    guard_run(model, MOTE_PLAN_NO_PATCH, plain, &n_plain);
    guard_run(model, 0, banded, &n_banded);
    CHECK(n_plain == n_banded && memcmp(plain, banded, n_plain) == 0,
          "%s: outputs with and without bands differ", model);
}

/* An observer that re-initialises the model in the middle of an invoke. */
typedef struct reinit_ctx {
    mote_model *m;
    const uint8_t *bytes;
    size_t len;
    uint32_t calls;
} reinit_ctx;

static void reinit_observer(void *user, const mote_session *s, uint32_t op)
{
    reinit_ctx *r = (reinit_ctx *)user;
    (void)s;
    (void)op;
    r->calls++;
    (void)mote_model_init(r->m, r->bytes, r->len);
}

static void check_stale(const char *model, const char *when, mote_session *s)
{
    const void *d = NULL;
    size_t n = 0;
    mote_step_info info;
    mote_status st = mote_invoke(s);
    CHECK(st == MOTE_E_STATE, "%s: invoke %s: %s, want MOTE_E_STATE", model, when,
          mote_test_status_name(st));
    CHECK(mote_input(s, 0) == NULL && mote_output(s, 0) == NULL, "%s: I/O %s", model, when);
    st = mote_session_tensor_data(s, 0, &d, &n);
    CHECK(st == MOTE_E_STATE, "%s: tensor data %s: %s", model, when, mote_test_status_name(st));
    st = mote_session_step_info(s, 0, &info);
    CHECK(st == MOTE_E_STATE, "%s: step info %s: %s", model, when, mote_test_status_name(st));
}

/* Issue 13, finding 7: re-initialising a model with a live session. Every
 * session call must see that the session is stale (a generation stamp),
 * whether the re-init succeeded or failed; changed model bytes are caught
 * by the next mote_session_init. */
static void test_reinit(const char *model, mote_model *m, mote_session *s, const uint8_t *bytes,
                        size_t len, uint8_t *arena, size_t need)
{
    static mote_session other;
    reinit_ctx r;
    uint8_t *changed;
    mote_status st;

    CHECK(mote_session_init(s, m, arena, need) == MOTE_OK, "%s: session", model);
    CHECK(mote_model_init(m, bytes, len) == MOTE_OK, "%s: re-init", model);
    check_stale(model, "after a successful re-init", s);
    CHECK(mote_session_init(s, m, arena, need) == MOTE_OK, "%s: new session", model);
    CHECK(mote_invoke(s) == MOTE_OK, "%s: invoke of the new session", model);

    CHECK(mote_model_init(m, bytes, len < 8 ? len : 8) != MOTE_OK, "%s: truncated re-init", model);
    check_stale(model, "after a refused re-init", s);

    /* An observer that re-initialises the model stops the invoke. */
    CHECK(mote_model_init(m, bytes, len) == MOTE_OK, "%s: init", model);
    CHECK(mote_session_init(s, m, arena, need) == MOTE_OK, "%s: session", model);
    r.m = m;
    r.bytes = bytes;
    r.len = len;
    r.calls = 0;
    mote_session_set_observer(s, reinit_observer, &r);
    st = mote_invoke(s);
    CHECK(st == MOTE_E_STATE && r.calls == 1,
          "%s: invoke whose observer re-initialised the model: %s after %u operators", model,
          mote_test_status_name(st), r.calls);
    mote_session_set_observer(s, NULL, NULL);

    /* Bytes changed between mote_model_init and mote_session_init. */
    changed = (uint8_t *)malloc(len);
    memcpy(changed, bytes, len);
    CHECK(mote_model_init(m, changed, len) == MOTE_OK, "%s: init of a copy", model);
    changed[4] ^= 0x20; /* the file identifier "TFL3" */
    st = mote_session_init(&other, m, arena, need);
    CHECK(st == MOTE_E_STATE && strstr(other.error.text, "changed") != NULL,
          "%s: session of changed bytes: %s \"%s\"", model, mote_test_status_name(st),
          other.error.text);
    free(changed);
    CHECK(mote_model_init(m, bytes, len) == MOTE_OK, "%s: init", model);
}

void test_arena_api(const char *model)
{
    static mote_model m, blank;
    static mote_session s;
    uint8_t *bytes, *block = NULL, *arena, *copy;
    size_t len, need, k;
    mote_status st;

    bytes = robust_read_file(model, &len);
    if (bytes == NULL || mote_model_init(&m, bytes, len) != MOTE_OK) {
        free(bytes);
        return;   /* test_arena_guard already reported it */
    }
    need = mote_model_arena_size(&m);
    if (posix_memalign((void **)&block, MOTE_ARENA_ALIGN, need + MOTE_ARENA_ALIGN) != 0) {
        free(bytes);
        return;
    }
    arena = block;
    copy = (uint8_t *)malloc(need + MOTE_ARENA_ALIGN);
    for (k = 0; k < need + MOTE_ARENA_ALIGN; k++) arena[k] = (uint8_t)(k * 7u + 1u);
    memcpy(copy, arena, need + MOTE_ARENA_ALIGN);

    st = mote_session_init(&s, &m, arena, need - 1);
    CHECK(st == MOTE_E_ARENA_SMALL, "%s: arena one byte short: %s", model, mote_test_status_name(st));
    CHECK(memcmp(copy, arena, need + MOTE_ARENA_ALIGN) == 0,
          "%s: a refused session init wrote to the arena", model);
    CHECK(mote_invoke(&s) == MOTE_E_STATE, "%s: invoke after a refused init", model);
    CHECK(mote_input(&s, 0) == NULL && mote_output(&s, 0) == NULL,
          "%s: I/O of a refused session", model);
    st = mote_session_init(&s, &m, arena, 0);
    CHECK(st == MOTE_E_ARENA_SMALL, "%s: empty arena: %s", model, mote_test_status_name(st));
    for (k = 1; k < MOTE_ARENA_ALIGN; k *= 2) {
        st = mote_session_init(&s, &m, arena + k, need);
        CHECK(st == MOTE_E_ARG, "%s: arena misaligned by %lu: %s", model, (unsigned long)k,
              mote_test_status_name(st));
    }
    CHECK(memcmp(copy, arena, need + MOTE_ARENA_ALIGN) == 0,
          "%s: a refused session init wrote to the arena", model);
    CHECK(mote_session_init(&s, &m, NULL, need) == MOTE_E_ARG, "%s: NULL arena", model);
    CHECK(mote_session_init(&s, NULL, arena, need) == MOTE_E_ARG, "%s: NULL model", model);
    CHECK(mote_session_init(&s, &blank, arena, need) == MOTE_E_ARG, "%s: blank model", model);
    CHECK(mote_session_init(NULL, &m, arena, need) == MOTE_E_ARG, "%s: NULL session", model);
    CHECK(mote_invoke(NULL) == MOTE_E_ARG, "invoke(NULL)");
    CHECK(mote_model_arena_size(&blank) == 0, "arena size of a blank model");

    /* A larger arena is fine; the session uses its first need bytes. */
    st = mote_session_init(&s, &m, arena, need + MOTE_ARENA_ALIGN);
    CHECK(st == MOTE_OK, "%s: larger arena: %s", model, mote_test_status_name(st));
    {
        const void *d;
        size_t n;
        CHECK(mote_input(&s, mote_model_input_count(&m)) == NULL, "%s: input past the end", model);
        CHECK(mote_output(&s, mote_model_output_count(&m)) == NULL, "%s: output past the end",
              model);
        CHECK(mote_session_tensor_data(&s, m.graph.n_tensors, &d, &n) == MOTE_E_ARG,
              "%s: tensor data past the end", model);
    }
    test_reinit(model, &m, &s, bytes, len, arena, need);
    free(copy);
    free(block);
    free(bytes);
}
