# Op tests: one harness for every operator and type (tests/ops/).
#
#   make test-ops       the default case set: every spec_<op>.py's edge cases
#                       plus 500 random cases per int8 kernel and 200 per
#                       float kernel, expected outputs from TFLite Micro
#                       (integers, byte for byte) and LiteRT's reference
#                       kernels (float, 1e-5 relative), then run_cases: each
#                       case through mote_model_init / mote_invoke and every
#                       kernel row that fits each step.
#   make test-ops-long  the same with OPS_LONG_ARGS (10x the cases); not in
#                       TEST_SUITES.
#
# Cases are generated once into $(OPS_CASES) and regenerated per kernel only
# when its spec, the harness, the seed or the counts change. The cases do not
# depend on the build, so every build (the sanitizer pass too) shares one
# directory and generates them once. OPS_ARGS /
# OPS_LONG_ARGS pass options to gen_cases.py (--seed, --count, --kernel...);
# OPS_RUN_ARGS to run_cases (--kernel K, --case K/I).

OPS_RUNNER    := $(BUILD)/tests/ops/run_cases
OPS_CASES     ?= build/ops-cases
OPS_LONG_DIR  ?= build/ops-cases-long
OPS_ARGS      ?=
OPS_LONG_ARGS ?= --count 5000 --float-count 2000
OPS_RUN_ARGS  ?=

$(OPS_RUNNER): tests/ops/run_cases.c tools/mote/file.c tools/mote/file.h $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LIB) -Itools/mote -o $@ tests/ops/run_cases.c tools/mote/file.c \
	    $(BUILD)/libmote.a $(LDLIBS) $(EXTRA_LDFLAGS)

.PHONY: test-ops test-ops-long ops-cases
ops-cases: venv
	$(VENV_PY) tests/ops/gen_cases.py --out $(OPS_CASES) $(OPS_ARGS)

# The runner runs whatever was generated even when the generator failed (an
# operator without a spec, say); the suite then fails.
test-ops: $(OPS_RUNNER) venv
	@rc=0; $(VENV_PY) tests/ops/gen_cases.py --out $(OPS_CASES) $(OPS_ARGS) || rc=1; \
	$(OPS_RUNNER) $(OPS_CASES) $(OPS_RUN_ARGS) || rc=1; exit $$rc

test-ops-long: $(OPS_RUNNER) venv
	@rc=0; $(VENV_PY) tests/ops/gen_cases.py --out $(OPS_LONG_DIR) $(OPS_LONG_ARGS) || rc=1; \
	$(OPS_RUNNER) $(OPS_LONG_DIR) $(OPS_RUN_ARGS) || rc=1; exit $$rc

TEST_SUITES += test-ops

# Control flow (IF, WHILE, CALL_ONCE) and resource variables: models with
# several subgraphs, several invokes each, against TFLite Micro
# (tests/ops/test_control_flow.py), run by the same runner.
.PHONY: test-control-flow
test-control-flow: $(OPS_RUNNER) venv
	$(VENV_PY) tests/ops/test_control_flow.py $(OPS_RUNNER) $(BUILD)/control-flow-cases

TEST_SUITES += test-control-flow

# TFLite Micro's Signal library operators chained as an audio front-end
# (micro_speech's feature generator, and a stateless one), several invokes
# against TFLite Micro, plus `mote inspect` / `mote compile` on them
# (tests/ops/test_signal_pipeline.py).
.PHONY: test-signal-pipeline
test-signal-pipeline: $(OPS_RUNNER) $(BUILD)/mote venv
	$(VENV_PY) tests/ops/test_signal_pipeline.py $(OPS_RUNNER) $(BUILD)/signal-pipeline-cases \
	    $(BUILD)/mote

TEST_SUITES += test-signal-pipeline

# GATHER, GATHER_ND, EMBEDDING_LOOKUP fed out-of-range indices at run time
# (model inputs, so lowering cannot see them): `mote run` must fail with
# MOTE_E_PARAM and write nothing, where TFLite Micro refuses too
# (tests/ops/test_bad_index.py). Also run sanitized by test-asan.
.PHONY: test-bad-index
test-bad-index: $(BUILD)/mote venv
	$(VENV_PY) tests/ops/test_bad_index.py $(BUILD)/mote $(BUILD)/bad-index

TEST_SUITES += test-bad-index
