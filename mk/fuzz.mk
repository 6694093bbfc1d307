# Robustness: libFuzzer targets, arena-guard and overflow tests, coverage.
# See docs/ROBUSTNESS.md.
#
#   make fuzz             build build/fuzz/fuzz_{model,mutate,npy} (clang, libFuzzer,
#                         ASan + UBSan, -DMOTE_DEBUG) and the seed directories
#   make test-fuzz        each target for FUZZ_TEST_SECONDS (default 60) on the
#                         committed corpus + seeds, after replaying every file in
#                         tests/fuzz/regressions/; fails on any crash   [suite]
#   make fuzz-long        the same for FUZZ_SECONDS (default 600) per target,
#                         growing build/fuzz/work/<target>/ (not part of make test)
#   make test-robust      arena guard + size-overflow tests, plain build     [suite]
#   make coverage         line coverage of src/format + src/core from the corpus
#                         (clang source-based coverage); report in build/coverage/
#   make fuzz-models      regenerate tests/fuzz/models/ and mutate_models.h (venv)

FUZZ_CC      ?= clang
FUZZ_DIR     := build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  := -std=c99 -Wall -Wextra -Werror -pedantic -Wmissing-prototypes -Wshadow \
                -O1 -g -DMOTE_DEBUG -Iinclude -Isrc -Itools/mote $(FUZZ_SAN)
FUZZ_TARGETS := fuzz_model fuzz_mutate fuzz_npy
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)
FUZZ_LIB_OBJS := $(LIB_SRCS:%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_TEST_SECONDS ?= 60
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
	    $(foreach t,$(FUZZ_TARGETS),"$(t):$(call fuzz_dirs,$(t))")

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
ROBUST_MODELS := $(filter-out %kws_ref_model_float32.tflite,$(sort $(wildcard models/*/*.tflite))) \
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

TEST_SUITES += test-fuzz test-robust

-include $(FUZZ_LIB_OBJS:.o=.d)
