/*
 * main.c — run the model kept in flash on input files from the host.
 *
 * The .tflite is linked in by model.S (one firmware per model). Arguments
 * come from the semihosting command line (QEMU: -append "..."):
 *
 *   fw.elf [-arena] [-bench] [-layers] [-requant-run] [-no-patch] <in.bin> [<in.bin> ...]
 *
 * For each input file (raw bytes of input 0, as tests/data/golden/ holds
 * them) it invokes the model and prints one line per output:
 *
 *   out <file> <output index> <hex bytes>
 *
 * -arena prints, once the session is laid out (before any invoke):
 *
 *   arena bytes=<mote_model_arena_size()>
 *
 * -bench adds, for the first input:
 *
 *   bench instructions=<N> macs=<N> arena=<bytes> stack=<bytes>
 *
 * where instructions are those of the second invoke (counted with SysTick
 * under -icount shift=0, see icount.h) and stack is the peak stack of
 * model init + session init + the first invoke (painting, see stack.h);
 * stack_load is that of model and session init, stack_invoke that of the
 * first invoke.
 * -layers (with -bench) adds one line per operator from a third invoke:
 *
 *   layer=<i> op=<name> macs=<N> instructions=<N>
 *
 * -requant-run loads with MOTE_REQUANT_AT_RUN (mote.h): requantization
 * tables computed before each step instead of kept in the state.
 *
 * Exit status: 0 when every run succeeded, 1 otherwise (3 on a fault).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mote/mote.h"
#include "ops/registry.h"
#include "icount.h"
#include "semihost.h"
#include "stack.h"

#ifndef FW_ARENA_BYTES
#define FW_ARENA_BYTES (256u * 1024u)
#endif
#ifndef FW_INPUT_MAX
#define FW_INPUT_MAX (64u * 1024u)
#endif
#define MAX_ARGS 24

extern const uint8_t mote_fw_model[], mote_fw_model_end[];   /* model.S */

static mote_model model;
static mote_session session;
static uint8_t arena[FW_ARENA_BYTES] __attribute__((aligned(MOTE_ARENA_ALIGN)));
static uint8_t input[FW_INPUT_MAX];
static uint64_t layer_instructions[MOTE_MAX_OPS];
static uint64_t layer_mark;

/* Read a whole file into input[]; returns its size, or 0 on failure. */
static size_t read_input(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        printf("error: cannot open %s\n", path);
        return 0;
    }
    size_t n = fread(input, 1, sizeof input, f);
    int more = fgetc(f) != EOF;
    fclose(f);
    if (more) {
        printf("error: %s is larger than FW_INPUT_MAX (%u bytes)\n", path, FW_INPUT_MAX);
        return 0;
    }
    return n;
}

/* Copy the input bytes into the model's input 0; the sizes must agree. */
static int load_input(size_t n)
{
    mote_tensor *in = mote_input(&session, 0);
    if (in == NULL || in->bytes != n) {
        printf("error: input file has %u bytes, the model's input 0 takes %u\n",
               (unsigned)n, in ? (unsigned)in->bytes : 0u);
        return -1;
    }
    memcpy(in->data, input, n);
    return 0;
}

static int invoke(void)
{
    mote_status s = mote_invoke(&session);
    if (s != MOTE_OK) {
        printf("error: invoke: %s\n", mote_status_str(s));
        return -1;
    }
    return 0;
}

static void print_outputs(const char *path)
{
    for (uint32_t i = 0; i < mote_model_output_count(&model); i++) {
        const mote_tensor *out = mote_output(&session, i);
        const uint8_t *b = out->data;
        printf("out %s %u ", path, (unsigned)i);
        for (size_t k = 0; k < out->bytes; k++)
            printf("%02x", b[k]);
        printf("\n");
    }
}

static uint64_t model_macs(uint32_t op_first, uint32_t op_count)
{
    uint64_t sum = 0;
    for (uint32_t i = op_first; i < op_first + op_count; i++)
        sum += mote_op_macs(mote_model_graph(&model), i);
    return sum;
}

/* Observer: charge the instructions since the previous operator finished
 * (or since the invoke started) to this one. Includes a few dozen
 * instructions of interpreter and observer overhead per operator. */
static void on_layer(void *user, const mote_session *s, uint32_t op)
{
    (void)user;
    (void)s;
    uint64_t now = mcu_icount_now();
    if (op < MOTE_MAX_OPS)
        layer_instructions[op] = now - layer_mark;
    layer_mark = mcu_icount_now();
}

static void print_layers(void)
{
    const mote_graph *g = mote_model_graph(&model);
    for (uint32_t i = 0; i < mote_model_op_count(&model); i++) {
        mote_graph_op op;
        mote_step_info info;
        const char *name = "?", *kernel = "?", *variant = "?";
        if (mote_graph_get_op(g, i, &op) == MOTE_OK)
            name = mote_op_name(op.code);
        if (mote_session_step_info(&session, i, &info) == MOTE_OK) {
            kernel = info.kernel;
            variant = info.variant;
        }
        printf("layer=%u op=%s macs=%llu instructions=%llu kernel=%s variant=%s\n", (unsigned)i,
               name, (unsigned long long)mote_op_macs(g, i),
               (unsigned long long)layer_instructions[i], kernel, variant);
    }
}

/* Second (and third) invoke of the first input, counted. */
static int bench(size_t n, size_t stack_load, size_t stack_invoke, int layers)
{
    if (mcu_icount_calibrate() == 0) {
        printf("error: SysTick did not tick; run QEMU with -icount shift=0\n");
        return -1;
    }
    /* What reading the counter itself costs, subtracted from the total. */
    uint64_t t0 = mcu_icount_now();
    uint64_t overhead = mcu_icount_now() - t0;

    if (load_input(n) != 0) return -1;
    t0 = mcu_icount_now();
    if (invoke() != 0) return -1;
    uint64_t total = mcu_icount_now() - t0 - overhead;
    printf("bench instructions=%llu macs=%llu arena=%u stack=%u stack_load=%u stack_invoke=%u "
           "state=%u requant=%s\n",
           (unsigned long long)total,
           (unsigned long long)model_macs(0, mote_model_op_count(&model)),
           (unsigned)mote_model_arena_size(&model),
           (unsigned)(stack_load > stack_invoke ? stack_load : stack_invoke),
           (unsigned)stack_load, (unsigned)stack_invoke, (unsigned)mote_model_state_size(&model),
           mote_model_requant_at_run(&model) ? "run" : "stored");

    if (layers) {
        if (load_input(n) != 0) return -1;
        mote_session_set_observer(&session, on_layer, NULL);
        layer_mark = mcu_icount_now();
        if (invoke() != 0) return -1;
        mote_session_set_observer(&session, NULL, NULL);
        print_layers();
    }
    return 0;
}

int main(void)
{
    char *argv[MAX_ARGS];
    int argc = mcu_semihost_args(argv, MAX_ARGS);
    int do_bench = 0, do_layers = 0, do_arena = 0, first = 1;
    static mote_load_options opts; /* static: not counted as loading's stack */
    mote_status s;

    while (first < argc && argv[first][0] == '-') {
        if (strcmp(argv[first], "-bench") == 0) do_bench = 1;
        else if (strcmp(argv[first], "-layers") == 0) do_layers = 1;
        else if (strcmp(argv[first], "-arena") == 0) do_arena = 1;
        else if (strcmp(argv[first], "-requant-run") == 0) opts.requant = MOTE_REQUANT_AT_RUN;
        else if (strcmp(argv[first], "-no-patch") == 0) opts.plan_flags = MOTE_PLAN_NO_PATCH;
        else {
            printf("error: unknown option %s\n", argv[first]);
            return 1;
        }
        first++;
    }
    if (first >= argc) {
        printf("usage: fw.elf [-arena] [-bench] [-layers] [-requant-run] [-no-patch] <in.bin>... (QEMU -append)\n");
        return 1;
    }
    /* Read the first input before painting the stack, so stdio's use of
     * the stack does not count. */
    size_t n = read_input(argv[first]);
    if (n == 0) return 1;

    mcu_icount_stop();
    uintptr_t base = mcu_stack_pointer();
    mcu_stack_paint();
    /* The arena lends the planner its memory while loading (mote.h). */
    {
        mote_requant_mode requant = opts.requant;
        uint32_t plan_flags = opts.plan_flags;
        mote_load_options_default(&opts);
        opts.plan_flags = plan_flags;
        opts.work = arena;
        opts.work_size = sizeof arena;
        opts.requant = requant;
    }
    s = mote_model_init_opts(&model, mote_fw_model, (size_t)(mote_fw_model_end - mote_fw_model),
                             &opts);
    if (s != MOTE_OK) {
        printf("error: model: %s: %s\n", mote_status_str(s), model.error.text);
        return 1;
    }
    s = mote_session_init(&session, &model, arena, sizeof arena);
    if (s != MOTE_OK) {
        printf("error: session: %s (arena needs %u bytes, FW_ARENA_BYTES is %u)\n",
               mote_status_str(s), (unsigned)mote_model_arena_size(&model),
               (unsigned)sizeof arena);
        return 1;
    }
    /* Loading (model and session init) and the first invoke are measured
     * apart: the stack is painted again in between. */
    size_t stack_load = mcu_stack_used(base);
    if (do_arena) printf("arena bytes=%u\n", (unsigned)mote_model_arena_size(&model));
    if (load_input(n) != 0) return 1;
    mcu_stack_paint();
    if (invoke() != 0) return 1;
    size_t stack_invoke = mcu_stack_used(base);
    print_outputs(argv[first]);

    if (do_bench && bench(n, stack_load, stack_invoke, do_layers) != 0) return 1;

    for (int i = first + 1; i < argc; i++) {
        if ((n = read_input(argv[i])) == 0 || load_input(n) != 0 || invoke() != 0)
            return 1;
        print_outputs(argv[i]);
    }
    return 0;
}
