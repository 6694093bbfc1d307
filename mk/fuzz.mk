# Robustness: libFuzzer targets, arena-guard and overflow tests, coverage.
# See docs/ROBUSTNESS.md.
#
#   make fuzz             build build/fuzz/fuzz_{model,mutate,gen,api,npy} (clang,
#                         libFuzzer, ASan + UBSan, -DMOTE_DEBUG) and the seed directories
#   make test-fuzz        each target for FUZZ_TEST_SECONDS (default 45, fuzz_npy 15: five targets, two
#                         at a time, about 2 minutes of wall time) on the
#                         committed corpus + seeds, after replaying every file in
#                         tests/fuzz/regressions/; fails on any crash   [suite]
#   make fuzz-long        the same for FUZZ_SECONDS (default 600) per target,
#                         growing build/fuzz/work/<target>/ (not part of make test)
#   make test-robust      arena guard + size-overflow tests, plain build     [suite]
#   make fuzz-afl         AFL++ (second engine) on fuzz_gen, fuzz_mutate, fuzz_model for
#                         AFL_SECONDS each (default 600; not part of make test)
#   make test-msan        MemorySanitizer: library + pure-C replay of the corpora  [suite]
#   make coverage         line coverage of src/format + src/core from the corpus
#                         (clang source-based coverage); report in build/coverage/
#   make fuzz-models      regenerate tests/fuzz/models/ and mutate_models.h (venv)

FUZZ_CC      ?= clang
FUZZ_DIR     := build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  := -std=c99 -Wall -Wextra -Werror -pedantic -Wmissing-prototypes -Wshadow \
                -O1 -g -DMOTE_DEBUG -Iinclude -Isrc -Itools/mote $(FUZZ_SAN)
FUZZ_TARGETS := fuzz_model fuzz_mutate fuzz_gen fuzz_api fuzz_npy
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)
FUZZ_LIB_OBJS := $(LIB_SRCS:%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_TEST_SECONDS ?= 45
# fuzz_npy (the CLI's .npy reader, a few hundred edges) reaches its whole
# coverage within seconds, from its corpus; in make test it fuzzes alone in
# the last round, so its smaller budget is wall time saved. fuzz-long gives
# it FUZZ_SECONDS like the others.
FUZZ_TEST_SECONDS_fuzz_npy ?= 15
FUZZ_SECONDS ?= 600
# -rss_limit_mb: the harness allocates at most one arena of 256 MB.
FUZZ_RUN_FLAGS := -timeout=30 -rss_limit_mb=2048 -print_final_stats=1

# Every real model seeds fuzz_model by path (linked, not copied into the repo).
FUZZ_REAL_MODELS := $(sort $(wildcard models/*/*.tflite))

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_DIR)/libmote_fuzz.a: $(FUZZ_LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_DIR)/fuzz_model: tests/fuzz/fuzz_model.c tests/fuzz/harness.h $(FUZZ_DIR)/libmote_fuzz.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_DIR)/libmote_fuzz.a -lm

$(FUZZ_DIR)/fuzz_mutate: tests/fuzz/fuzz_mutate.c tests/fuzz/harness.h tests/fuzz/mutate_models.h \
        $(FUZZ_DIR)/libmote_fuzz.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_DIR)/libmote_fuzz.a -lm

$(FUZZ_DIR)/fuzz_gen: tests/fuzz/fuzz_gen.c tests/fuzz/harness.h $(FUZZ_DIR)/libmote_fuzz.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_DIR)/libmote_fuzz.a -lm

$(FUZZ_DIR)/fuzz_api: tests/fuzz/fuzz_api.c tests/fuzz/harness.h tests/fuzz/mutate_models.h \
        $(FUZZ_DIR)/libmote_fuzz.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_DIR)/libmote_fuzz.a -lm

$(FUZZ_DIR)/fuzz_npy: tests/fuzz/fuzz_npy.c tools/mote/npy.c tools/mote/npy.h
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ tests/fuzz/fuzz_npy.c tools/mote/npy.c

# Seed dirs: fuzz_model gets the real models (symlinks) and the golden .npy
# style inputs are not models, so only .tflite files go there.
$(FUZZ_DIR)/seeds/fuzz_model/.done: $(FUZZ_REAL_MODELS) $(wildcard tests/fuzz/models/*.tflite)
	@mkdir -p $(dir $@)
	@for f in $(FUZZ_REAL_MODELS) tests/fuzz/models/*.tflite; do \
	    ln -sf "$(CURDIR)/$$f" "$(dir $@)$$(basename $$f)"; done
	@touch $@

.PHONY: fuzz fuzz-long test-fuzz fuzz-models test-robust coverage
fuzz: $(FUZZ_BINS) $(FUZZ_DIR)/seeds/fuzz_model/.done

fuzz-models: venv
	$(VENV_PY) tests/fuzz/make_models.py

# Corpus dirs per target: the scratch dir libFuzzer writes to first, then the
# committed corpus (read-only here), then seeds.
fuzz_dirs = $(FUZZ_DIR)/work/$(1) tests/fuzz/corpus/$(1) \
    $(if $(filter fuzz_model,$(1)),$(FUZZ_DIR)/seeds/fuzz_model)

test-fuzz: fuzz
	@sh tests/fuzz/run_fuzz.sh replay $(FUZZ_DIR) tests/fuzz/regressions $(FUZZ_TARGETS)
	@for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_DIR)/work/$$t $(FUZZ_DIR)/artifacts/$$t; \
	done
	@sh tests/fuzz/run_fuzz.sh run $(FUZZ_DIR) $(FUZZ_TEST_SECONDS) "$(FUZZ_RUN_FLAGS)" \
	    $(foreach t,$(FUZZ_TARGETS),"$(t)$(if $(FUZZ_TEST_SECONDS_$(t)),@$(FUZZ_TEST_SECONDS_$(t))):$(call fuzz_dirs,$(t))")

fuzz-long: fuzz
	@for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_DIR)/work/$$t $(FUZZ_DIR)/artifacts/$$t; \
	done
	@sh tests/fuzz/run_fuzz.sh run $(FUZZ_DIR) $(FUZZ_SECONDS) "$(FUZZ_RUN_FLAGS)" \
	    $(foreach t,$(FUZZ_TARGETS),"$(t):$(call fuzz_dirs,$(t))")

# --- robust: arena guard and overflow tests, against the plain library.
ROBUST_BIN := $(BUILD)/tests/robust/test_robust
ROBUST_SRCS := tests/robust/test_main.c tests/robust/test_arena_guard.c tests/robust/test_overflow.c \
    tests/common/status_names.c tools/mote/file.c

$(ROBUST_BIN): $(ROBUST_SRCS) tests/robust/robust.h tests/common/status_names.h tools/mote/file.h \
        $(BUILD)/gen/status_table.h $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LIB) -Itests/common -I$(BUILD)/gen -Itools/mote -D_POSIX_C_SOURCE=200112L -o $@ $(ROBUST_SRCS) $(BUILD)/libmote.a \
	    $(LDLIBS) $(EXTRA_LDFLAGS)

# kws_ref_model_float32 is a hybrid model (int8 weights) mote refuses by design.
# The arena guard expects each operator to write only its output tensor in
# subgraph 0: the zoo's LSTM (state written in place), GRU (a WHILE loop) and
# resource-variable models are outside what it models; make test-zoo runs
# them against TFLite Micro.
ROBUST_SKIP := %kws_ref_model_float32.tflite models/zoo/lstm_% models/zoo/gru_% \
    models/zoo/stream_var_%
ROBUST_MODELS := $(filter-out $(ROBUST_SKIP),$(sort $(wildcard models/*/*.tflite))) \
    $(sort $(wildcard tests/fuzz/models/*.tflite))
ROBUST_EXTRA ?=
test-robust: $(ROBUST_BIN)
	$(ROBUST_BIN) $(ROBUST_EXTRA) --models $(ROBUST_MODELS) --overflow tests/robust/data --hostile tests/data/hostile \
	    --misaligned tests/fuzz/models/chain_f32.tflite

# --- coverage: the reader and core, driven by the corpus + seeds + regressions.
COV_DIR   := build/coverage
COV_FLAGS := -std=c99 -O0 -g -fprofile-instr-generate -fcoverage-mapping -Iinclude -Isrc -Itools/mote
COV_SRCS  := $(LIB_SRCS)
# The local fuzz-long corpus is replayed too when present; COV_WORK= (empty)
# measures only what is committed plus the seeds.
COV_WORK ?= 1
COV_WORK_model  = $(if $(COV_WORK),$(wildcard $(FUZZ_DIR)/work/fuzz_model))
COV_WORK_mutate = $(if $(COV_WORK),$(wildcard $(FUZZ_DIR)/work/fuzz_mutate))
LLVM_PROFDATA ?= $(firstword $(shell command -v llvm-profdata llvm-profdata-14 2>/dev/null))
LLVM_COV      ?= $(firstword $(shell command -v llvm-cov llvm-cov-14 2>/dev/null))

$(COV_DIR)/replay_%: tests/fuzz/%.c tests/fuzz/replay_main.c tools/mote/file.c $(COV_SRCS) tests/fuzz/harness.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(COV_FLAGS) -o $@ $< tests/fuzz/replay_main.c tools/mote/file.c $(COV_SRCS) -lm

coverage: $(COV_DIR)/replay_fuzz_model $(COV_DIR)/replay_fuzz_mutate $(FUZZ_DIR)/seeds/fuzz_model/.done
	@rm -f $(COV_DIR)/*.profraw
	LLVM_PROFILE_FILE=$(COV_DIR)/model.profraw $(COV_DIR)/replay_fuzz_model \
	    tests/fuzz/corpus/fuzz_model $(FUZZ_DIR)/seeds/fuzz_model tests/fuzz/regressions/fuzz_model \
	    $(COV_WORK_model)
	LLVM_PROFILE_FILE=$(COV_DIR)/mutate.profraw $(COV_DIR)/replay_fuzz_mutate \
	    tests/fuzz/corpus/fuzz_mutate tests/fuzz/regressions/fuzz_mutate \
	    $(COV_WORK_mutate)
	$(LLVM_PROFDATA) merge -sparse $(COV_DIR)/model.profraw $(COV_DIR)/mutate.profraw \
	    -o $(COV_DIR)/all.profdata
	$(LLVM_COV) report $(COV_DIR)/replay_fuzz_model -object $(COV_DIR)/replay_fuzz_mutate \
	    -instr-profile=$(COV_DIR)/all.profdata $(sort $(wildcard src/format/*.c src/core/*.c)) \
	    | tee $(COV_DIR)/report.txt
	@echo "per-file report: $(COV_DIR)/report.txt"

# --- AFL++, a second engine beside libFuzzer (Debian's afl++): the same
# targets built with afl-clang-fast (its libFuzzer-compatible driver), ASan +
# UBSan, fuzzing from the committed corpus for AFL_SECONDS each. A long run,
# not part of make test. Crashes land in build/afl/out/<target>/default/crashes/.
AFL_CC      ?= afl-clang-fast
AFL_DIR     := build/afl
AFL_SECONDS ?= 600
AFL_TARGETS ?= fuzz_gen fuzz_mutate fuzz_model
$(AFL_DIR)/%: tests/fuzz/%.c tests/fuzz/harness.h tests/fuzz/mutate_models.h $(LIB_SRCS)
	@mkdir -p $(dir $@)
	AFL_QUIET=1 $(AFL_CC) -std=c99 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -fsanitize=fuzzer -DMOTE_DEBUG -Iinclude -Isrc -Itools/mote -o $@ $< $(LIB_SRCS) -lm

.PHONY: fuzz-afl
fuzz-afl: $(AFL_TARGETS:%=$(AFL_DIR)/%)
	@for t in $(AFL_TARGETS); do \
	    mkdir -p $(AFL_DIR)/out/$$t; \
	    AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
	        afl-fuzz -i tests/fuzz/corpus/$$t -o $(AFL_DIR)/out/$$t -V $(AFL_SECONDS) -m none \
	        -- $(AFL_DIR)/$$t >$(AFL_DIR)/$$t.log 2>&1; \
	    n=$$(ls $(AFL_DIR)/out/$$t/default/crashes 2>/dev/null | grep -vc README); \
	    echo "afl: $$t $$(sed -n 's/^execs_done *: //p' $(AFL_DIR)/out/$$t/default/fuzzer_stats) executions, $$(sed -n 's/^bitmap_cvg *: //p' $(AFL_DIR)/out/$$t/default/fuzzer_stats) map, $$n crashes"; \
	    [ "$$n" = 0 ] || exit 1; \
	done

# --- MemorySanitizer: every linked object instrumented (the library built from
# source with -fsanitize=memory, pure-C replay mains, no libFuzzer), replaying
# the committed corpora, seeds and regressions of the model, generator and
# API-sequence targets. Fails on any MemorySanitizer report.       [suite]
MSAN_DIR   := build/msan
MSAN_FLAGS := -std=c99 -O1 -g -fsanitize=memory -fsanitize-memory-track-origins \
              -fno-omit-frame-pointer -DMOTE_DEBUG -Iinclude -Isrc -Itools/mote
MSAN_TARGETS := fuzz_model fuzz_mutate fuzz_gen fuzz_api
# The library is compiled once (objects in $(MSAN_DIR)/obj/, with make -j) and
# linked into every replay, instead of once per replay in one compiler call:
# the same flags and objects, a quarter of the compiling.
MSAN_LIB_OBJS := $(LIB_SRCS:%.c=$(MSAN_DIR)/obj/%.o)

# (a static pattern rule: the objects are kept, not removed as intermediates)
$(MSAN_LIB_OBJS): $(MSAN_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(MSAN_FLAGS) -MMD -MP -c $< -o $@

$(MSAN_DIR)/replay_%: tests/fuzz/%.c tests/fuzz/msan_main.c $(MSAN_LIB_OBJS) \
        tests/fuzz/harness.h tests/fuzz/mutate_models.h
	@mkdir -p $(dir $@)
	@echo "  LD  $@ (the library's objects from $(MSAN_DIR)/obj/)"
	@$(FUZZ_CC) $(MSAN_FLAGS) -o $@ $< tests/fuzz/msan_main.c $(MSAN_LIB_OBJS) -lm

# One replay per target (two at a time under make -j2), each into its log and
# a status file; test-msan then reports every target in order.
MSAN_RUNS := $(MSAN_TARGETS:%=msan-run-%)
.PHONY: test-msan $(MSAN_RUNS)
$(MSAN_RUNS): msan-run-%: $(MSAN_DIR)/replay_% $(FUZZ_DIR)/seeds/fuzz_model/.done
	@t=$*; rm -f $(MSAN_DIR)/$$t.rc; dirs="tests/fuzz/corpus/$$t"; \
	[ -d tests/fuzz/regressions/$$t ] && dirs="$$dirs tests/fuzz/regressions/$$t"; \
	[ $$t = fuzz_model ] && dirs="$$dirs $(FUZZ_DIR)/seeds/fuzz_model tests/robust/data"; \
	if MSAN_OPTIONS=halt_on_error=1 $(MSAN_DIR)/replay_$$t $$dirs >$(MSAN_DIR)/$$t.log 2>&1 && \
	    ! grep -q MemorySanitizer $(MSAN_DIR)/$$t.log; then echo 0 >$(MSAN_DIR)/$$t.rc; \
	else echo 1 >$(MSAN_DIR)/$$t.rc; fi

test-msan: $(MSAN_RUNS)
	@fail=0; for t in $(MSAN_TARGETS); do \
	    if [ "$$(cat $(MSAN_DIR)/$$t.rc 2>/dev/null)" = 0 ]; then \
	        echo "msan: $$t clean ($$(tail -n 1 $(MSAN_DIR)/$$t.log))"; \
	    else echo "msan: $$t FAILED; log $(MSAN_DIR)/$$t.log"; grep -A12 MemorySanitizer $(MSAN_DIR)/$$t.log | head -30; fail=1; fi; \
	done; \
	if [ $$fail = 0 ]; then echo "msan: 1 passed, 0 failed"; else echo "msan: 0 passed, 1 failed"; exit 1; fi

TEST_SUITES += test-fuzz test-robust test-msan

-include $(wildcard $(FUZZ_LIB_OBJS:.o=.d) $(MSAN_LIB_OBJS:.o=.d))

# Differential check against TFLite Micro (issue 13 item 11; long, not in
# make test): every model the fuzz corpora, regressions, robustness and
# hostile sets hold that mote accepts is run in both with random, all-min and
# all-max inputs; outputs must agree (tests/fuzz/differential.py).
.PHONY: fuzz-diff
fuzz-diff: $(BUILD)/mote venv
	$(VENV_PY) tests/fuzz/differential.py --mote $(BUILD)/mote tests/fuzz/corpus/fuzz_model \
	    tests/fuzz/regressions tests/robust/data tests/data/hostile tests/fuzz/models models
