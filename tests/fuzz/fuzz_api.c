/*
 * fuzz_api.c — API call sequences under ASan + UBSan: the fuzzer input is a
 * list of calls on two models and three sessions, in any order:
 *
 *   init (a valid base model, or a truncated one that is refused), session
 *   init (exact arena, one byte short, misaligned, NULL), invoke, observers
 *   (one that reads every tensor, one that re-initialises the model in the
 *   middle of an invoke), input / output / tensor / step queries with any
 *   index, and model bytes changed between mote_model_init and
 *   mote_session_init.
 *
 * A shadow of what each session should be checks the promises of mote.h:
 * a session is live only from a successful mote_session_init until its
 * model is initialised again; a stale or never-initialised session gives
 * MOTE_E_STATE and NULL I/O; a live one invokes with MOTE_OK; changed bytes
 * never give a session whose invoke fails or overruns its arena.
 */
#include "harness.h"
#include "mutate_models.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define N_MODELS 2
#define N_SESSIONS 3

typedef struct api_model {
    mote_model m;
    uint8_t *bytes; /* a heap copy, so changes and overreads are seen */
    size_t len;
    int ok;         /* last init succeeded */
} api_model;

typedef struct api_session {
    mote_session s;
    uint8_t *arena;
    int model; /* index, or -1 */
    int live;  /* the shadow: should every call work? */
} api_session;

static api_model models[N_MODELS];
static api_session sessions[N_SESSIONS];

static void reinit_observer(void *user, const mote_session *s, uint32_t op)
{
    api_model *am = (api_model *)user;
    (void)s;
    (void)op;
    am->ok = mote_model_init(&am->m, am->bytes, am->len) == MOTE_OK;
}

static void read_observer(void *user, const mote_session *s, uint32_t op)
{
    uint32_t t;
    (void)user;
    (void)op;
    for (t = 0; t < s->model->graph.n_tensors + 1u; t++) {
        const void *d;
        size_t n;
        if (mote_session_tensor_data(s, t, &d, &n) == MOTE_OK) {
            volatile uint8_t sink = 0;
            size_t k;
            for (k = 0; k < n; k++) sink ^= ((const uint8_t *)d)[k];
            (void)sink;
        }
    }
}

static void stale_all(int mi)
{
    int k;
    for (k = 0; k < N_SESSIONS; k++)
        if (sessions[k].model == mi) sessions[k].live = 0;
}

static void do_init(int mi, uint8_t which, int truncate)
{
    api_model *am = &models[mi];
    const uint8_t *base = mutate_models[which % N_MUTATE_MODELS].p;
    size_t len = mutate_models[which % N_MUTATE_MODELS].n;
    mote_status st;
    free(am->bytes);
    am->len = truncate ? len / 2 : len;
    am->bytes = (uint8_t *)malloc(am->len);
    FUZZ_REQUIRE(am->bytes != NULL, "out of memory");
    memcpy(am->bytes, base, am->len);
    st = mote_model_init(&am->m, am->bytes, am->len);
    am->ok = st == MOTE_OK;
    FUZZ_REQUIRE(truncate ? st != MOTE_OK : st == MOTE_OK, "init of a base model");
    stale_all(mi);
}

static void check_session(api_session *as)
{
    mote_status st = mote_invoke(&as->s);
    if (as->live) {
        FUZZ_REQUIRE(st == MOTE_OK || (st == MOTE_E_STATE && as->s.observer == reinit_observer),
                     "a live session failed to invoke");
        if (st == MOTE_E_STATE) stale_all(as->model);
    } else {
        FUZZ_REQUIRE(st == MOTE_E_STATE, "a stale session invoked");
        FUZZ_REQUIRE(mote_input(&as->s, 0) == NULL && mote_output(&as->s, 0) == NULL,
                     "a stale session gave I/O");
    }
}

static void do_session(api_session *as, int mi, uint8_t how)
{
    api_model *am = &models[mi];
    size_t need = mote_model_arena_size(&am->m);
    mote_status st;
    free(as->arena);
    as->arena = NULL;
    as->model = mi;
    as->live = 0;
    if (need == 0 || need > ((size_t)64 << 20)) {
        st = mote_session_init(&as->s, &am->m, &need, 0);
        FUZZ_REQUIRE(st != MOTE_OK, "a session of an uninitialised model");
        return;
    }
    FUZZ_REQUIRE(posix_memalign((void **)&as->arena, MOTE_ARENA_ALIGN, need + 16) == 0, "oom");
    /* The application writes inputs before invoking (mote.h); a sequence
     * here may not, so the arena starts defined (MemorySanitizer). */
    memset(as->arena, 0, need + 16);
    switch (how % 4) {
    case 0:
        st = mote_session_init(&as->s, &am->m, as->arena, need);
        FUZZ_REQUIRE(st == MOTE_OK || st == MOTE_E_STATE, "session init status");
        as->live = st == MOTE_OK;
        break;
    case 1:
        st = mote_session_init(&as->s, &am->m, as->arena, need - 1);
        FUZZ_REQUIRE(st == MOTE_E_ARENA_SMALL, "one byte short accepted");
        break;
    case 2:
        st = mote_session_init(&as->s, &am->m, as->arena + 4, need);
        FUZZ_REQUIRE(st == MOTE_E_ARG, "misaligned arena accepted");
        break;
    default:
        st = mote_session_init(&as->s, NULL, as->arena, need);
        FUZZ_REQUIRE(st == MOTE_E_ARG, "NULL model accepted");
        break;
    }
}

static void do_queries(api_session *as, uint8_t idx)
{
    mote_step_info info;
    const void *d;
    size_t n;
    mote_tensor *in = mote_input(&as->s, idx % 5u);
    const mote_tensor *out = mote_output(&as->s, idx % 5u);
    mote_status st = mote_session_tensor_data(&as->s, idx, &d, &n);
    mote_status si = mote_session_step_info(&as->s, idx % 8u, &info);
    if (!as->live) {
        FUZZ_REQUIRE(in == NULL && out == NULL && st != MOTE_OK && si != MOTE_OK,
                     "a stale session answered");
        return;
    }
    if (in != NULL) memset(in->data, idx, in->bytes);
    if (out != NULL) FUZZ_REQUIRE(fuzz_inside(out->data, out->bytes, as->arena,
                                              mote_model_arena_size(as->s.model)),
                                  "output outside the arena");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t r;
    int k;
    (void)fuzz_run_model_with; /* harness.h: only its checks are used here */
    for (k = 0; k < N_MODELS; k++) {
        memset(&models[k].m, 0, sizeof models[k].m);
        models[k].ok = 0;
    }
    for (k = 0; k < N_SESSIONS; k++) {
        memset(&sessions[k].s, 0, sizeof sessions[k].s);
        sessions[k].model = -1;
        sessions[k].live = 0;
    }
    for (r = 0; r + 2 <= size && r < 64; r += 2) {
        uint8_t op = data[r], arg = data[r + 1];
        int mi = (op >> 4) & 1;
        api_session *as = &sessions[(op >> 5) % N_SESSIONS];
        switch (op % 8) {
        case 0: do_init(mi, arg, 0); break;
        case 1: do_init(mi, arg, 1); break;
        case 2: do_session(as, mi, arg); break;
        case 3: check_session(as); break;
        case 4:
            if (as->model >= 0 && (arg & 1))
                mote_session_set_observer(&as->s, reinit_observer, &models[as->model]);
            else
                mote_session_set_observer(&as->s, (arg & 2) ? read_observer : NULL, NULL);
            break;
        case 5: do_queries(as, arg); break;
        case 6: /* change the model bytes: caught by the next session init */
            if (models[mi].bytes != NULL && models[mi].len > 0) {
                int j, live = 0;
                for (j = 0; j < N_SESSIONS; j++)
                    live |= sessions[j].model == mi && sessions[j].live;
                /* The contract (mote.h): bytes do not change under a live
                 * session; between init and session init they may. */
                if (!live) models[mi].bytes[(size_t)arg * 7u % models[mi].len] ^= (uint8_t)(1u + arg);
            }
            break;
        default: FUZZ_REQUIRE(mote_invoke(NULL) == MOTE_E_ARG, "invoke(NULL)"); break;
        }
    }
    for (k = 0; k < N_SESSIONS; k++) {
        free(sessions[k].arena);
        sessions[k].arena = NULL;
    }
    for (k = 0; k < N_MODELS; k++) {
        free(models[k].bytes);
        models[k].bytes = NULL;
    }
    return 0;
}
