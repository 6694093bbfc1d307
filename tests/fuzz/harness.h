/*
 * harness.h — what every model fuzz target does with a candidate model:
 * load it, and if the runtime accepts it, run it once in an arena of exactly
 * mote_model_arena_size() bytes. The arena comes from the heap (test code
 * only) at its exact size, so AddressSanitizer reports the first byte read or
 * written past it; the library itself never allocates.
 *
 * Besides "no crash", the harness traps (a reported finding) when the runtime
 * breaks a promise of include/mote/mote.h:
 *   - a refusal without a documented status, or with m->error disagreeing;
 *   - a session refused in an arena of the advertised size, or accepted in
 *     one byte less;
 *   - an invoke that fails after a successful session init;
 *   - an input or output whose bytes lie outside the arena.
 */
#ifndef MOTE_FUZZ_HARNESS_H
#define MOTE_FUZZ_HARNESS_H

#define _POSIX_C_SOURCE 200112L   /* posix_memalign */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/mote.h"
#include "ops/op.h"
#include "ops/registry.h"

/* Work budget per input. Slow is not unsafe: a hostile model may legally
 * describe an hour of arithmetic (a 2^20-wide pooling window, say), and a
 * fuzzer that waits for it finds nothing else. Models above the budget are
 * loaded and given a session, but not invoked. The real models are all
 * below it (the largest, pretrainedResnet, is 12.5 M MACs). */
#ifndef FUZZ_MAX_WORK
#define FUZZ_MAX_WORK 16000000u
#endif

#define FUZZ_REQUIRE(cond, what)                                                         \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "fuzz: broken promise: %s (%s:%d)\n", what, __FILE__, __LINE__); \
            abort();                                                                     \
        }                                                                                \
    } while (0)

/* Statuses mote_model_init may give for bad bytes (mote.h). */
static int fuzz_init_status_ok(mote_status s)
{
    switch (s) {
    case MOTE_E_TRUNCATED: case MOTE_E_IDENTIFIER: case MOTE_E_OFFSET: case MOTE_E_INDEX:
    case MOTE_E_ENUM: case MOTE_E_UNSUPPORTED_OP: case MOTE_E_UNSUPPORTED_TYPE:
    case MOTE_E_SUBGRAPHS: case MOTE_E_DYNAMIC: case MOTE_E_SHAPE: case MOTE_E_QUANT:
    case MOTE_E_OVERFLOW: case MOTE_E_LIMIT: case MOTE_E_GRAPH: case MOTE_E_PARAM:
        return 1;
    default:
        return 0;
    }
}

static int fuzz_inside(const void *p, size_t n, const uint8_t *base, size_t size)
{
    const uint8_t *q = (const uint8_t *)p;
    return q >= base && n <= size && (size_t)(q - base) <= size - n;
}

/* Deterministic input: a fixed byte pattern for integer tensors, small
 * finite values for float32 ones. */
static void fuzz_fill_input(mote_tensor *t)
{
    size_t i;
    if (t->type == MOTE_FLOAT32) {
        float *f = (float *)t->data;
        for (i = 0; i < t->bytes / sizeof(float); i++) f[i] = (float)((int)(i * 37u % 101u) - 50) / 25.0f;
    } else {
        uint8_t *b = (uint8_t *)t->data;
        for (i = 0; i < t->bytes; i++) b[i] = (uint8_t)(i * 37u + 11u);
    }
}

/* 1 when an operator of g (any subgraph) checks values at run time and may
 * fail the invoke with MOTE_E_PARAM (mote.h, mote_invoke): an index out of
 * range, a zero divisor, a negative RSQRT input, unbroadcastable shapes. */
static int fuzz_checks_values(const mote_graph *g)
{
    uint32_t k, i;
    for (k = 0; k < g->n_subgraphs; k++) {
        mote_graph sub;
        if (k == 0)
            sub = *g;
        else if (mote_graph_subgraph(g, k, &sub) != MOTE_OK)
            return 1;
        for (i = 0; i < sub.n_ops; i++) {
            mote_graph_op op;
            if (mote_graph_get_op(&sub, i, &op) != MOTE_OK) return 1;
            if (op.code == MOTE_OP_GATHER || op.code == MOTE_OP_GATHER_ND ||
                op.code == MOTE_OP_EMBEDDING_LOOKUP || op.code == MOTE_OP_DIV ||
                op.code == MOTE_OP_RSQRT || op.code == MOTE_OP_BROADCAST_ARGS)
                return 1;
        }
    }
    return 0;
}

/* Rough work of one invoke: MACs, plus window x output for pooling, plus
 * every output element. Saturates instead of wrapping. */
static uint64_t fuzz_work(const mote_graph *g)
{
    uint64_t total = 0;
    uint32_t i;
    for (i = 0; i < g->n_ops && total < ((uint64_t)1 << 62); i++) {
        mote_graph_op op;
        mote_graph_tensor in, out;
        uint64_t w = mote_op_macs(g, i);
        if (mote_graph_get_op(g, i, &op) != MOTE_OK ||
            mote_graph_get_tensor(g, (uint32_t)mote_graph_op_output(&op, 0), &out) != MOTE_OK ||
            mote_graph_op_input(&op, 0) < 0 ||
            mote_graph_get_tensor(g, (uint32_t)mote_graph_op_input(&op, 0), &in) != MOTE_OK)
            return UINT64_MAX;
        if (w > ((uint64_t)1 << 62)) return UINT64_MAX;
        w += out.elements + in.elements;
        if ((op.code == MOTE_OP_AVERAGE_POOL_2D || op.code == MOTE_OP_MAX_POOL_2D) &&
            in.rank == 4) {
            /* Pool2DOptions fields 3 and 4: filter width and height. */
            int32_t opt_fw = mote_graph_opt_i32(&op, 3, 0), opt_fh = mote_graph_opt_i32(&op, 4, 0);
            uint64_t fh = (uint64_t)(opt_fh < in.dims[1] ? opt_fh : in.dims[1]);
            uint64_t fw = (uint64_t)(opt_fw < in.dims[2] ? opt_fw : in.dims[2]);
            uint64_t win = fh * fw;                  /* each factor < 2^31 */
            if (out.elements != 0 && win > ((uint64_t)1 << 62) / out.elements)
                return UINT64_MAX;
            w += (uint64_t)out.elements * win;
        }
        total += w;
    }
    return total;
}

/* Input patterns (issue 13, item 9): every accepted model runs with the
 * fuzzer-chosen bytes as input, then with every element at the type's
 * minimum and at its maximum, the values that drive accumulators to their
 * bounds. Float extremes are -FLT_MAX / FLT_MAX (inf and NaN results are
 * fine; no float kernel converts to an integer). */
enum { FUZZ_IN_CHOSEN, FUZZ_IN_MIN, FUZZ_IN_MAX, FUZZ_IN_PATTERNS };

static void fuzz_fill_pattern(mote_tensor *t, int pattern, const uint8_t *chosen, size_t n_chosen)
{
    size_t i;
    if (pattern == FUZZ_IN_CHOSEN) {
        if (n_chosen == 0) {
            fuzz_fill_input(t);
            return;
        }
        for (i = 0; i < t->bytes; i++) ((uint8_t *)t->data)[i] = chosen[i % n_chosen];
    } else if (t->type == MOTE_FLOAT32) {
        const float v = pattern == FUZZ_IN_MIN ? -3.402823466e38f : 3.402823466e38f;
        for (i = 0; i + sizeof v <= t->bytes; i += sizeof v) memcpy((uint8_t *)t->data + i, &v, sizeof v);
    } else {
        memset(t->data, pattern == FUZZ_IN_MIN ? 0x80 : 0x7F, t->bytes);
    }
}

/* Load, size, run with each input pattern (chosen: the fuzzer's input bytes
 * for the chosen pattern). Returns the mote_model_init status. */
static mote_status fuzz_run_model_with(const uint8_t *bytes, size_t len, const uint8_t *chosen,
                                       size_t n_chosen)
{
    int pattern;
    static mote_model m;          /* large-ish; static keeps the fuzzer's stack small */
    static mote_session s;
    void *arena = NULL;
    size_t need;
    uint32_t i;
    mote_status st = mote_model_init(&m, bytes, len);

    if (st != MOTE_OK) {
        FUZZ_REQUIRE(fuzz_init_status_ok(st), "mote_model_init returned an undocumented status");
        FUZZ_REQUIRE(m.error.status == st, "model error record disagrees with the status");
#ifndef MOTE_NO_STRINGS
        FUZZ_REQUIRE(m.error.text[0] != '\0' && memchr(m.error.text, 0, sizeof m.error.text),
                     "refusal without a message");
#endif
        FUZZ_REQUIRE(mote_model_arena_size(&m) == 0, "arena size of a refused model");
        return st;
    }
    need = mote_model_arena_size(&m);
    FUZZ_REQUIRE(need >= mote_model_state_size(&m) && need > 0, "arena size below the state size");
    if (need > ((size_t)256 << 20)) return st;  /* legal, but too big for the fuzzer's RAM */
    FUZZ_REQUIRE(posix_memalign(&arena, MOTE_ARENA_ALIGN, need) == 0, "out of memory");
    FUZZ_REQUIRE(mote_session_init(&s, &m, arena, need - 1) == MOTE_E_ARENA_SMALL,
                 "a session accepted an arena one byte short");
    st = mote_session_init(&s, &m, arena, need);
    FUZZ_REQUIRE(st == MOTE_OK, "session refused in an arena of the advertised size");
    if (fuzz_work(&m.graph) > FUZZ_MAX_WORK) {
        free(arena);
        return MOTE_OK;
    }
    for (pattern = 0; pattern < FUZZ_IN_PATTERNS; pattern++) {
        for (i = 0; i < mote_model_input_count(&m); i++) {
            mote_tensor *t = mote_input(&s, i);
            FUZZ_REQUIRE(t != NULL && fuzz_inside(t->data, t->bytes, (uint8_t *)arena, need),
                         "input outside the arena");
            fuzz_fill_pattern(t, pattern, chosen, n_chosen);
        }
        st = mote_invoke(&s);
        if (st == MOTE_E_PARAM && fuzz_checks_values(&m.graph)) continue; /* documented */
        FUZZ_REQUIRE(st == MOTE_OK, "invoke failed on a model that loaded and got a session");
        for (i = 0; i < mote_model_output_count(&m); i++) {
            const mote_tensor *t = mote_output(&s, i);
            volatile uint8_t sink = 0;
            size_t k;
            FUZZ_REQUIRE(t != NULL && fuzz_inside(t->data, t->bytes, (uint8_t *)arena, need),
                         "output outside the arena");
            for (k = 0; k < t->bytes; k++) sink ^= ((const uint8_t *)t->data)[k];
            (void)sink;
        }
    }
    free(arena);
    return MOTE_OK;
}



#endif /* MOTE_FUZZ_HARNESS_H */
