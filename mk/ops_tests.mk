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
# when its spec, the harness, the seed or the counts change. OPS_ARGS /
# OPS_LONG_ARGS pass options to gen_cases.py (--seed, --count, --kernel...);
# OPS_RUN_ARGS to run_cases (--kernel K, --case K/I).

OPS_RUNNER    := $(BUILD)/tests/ops/run_cases
OPS_CASES     ?= $(BUILD)/ops-cases
OPS_LONG_DIR  ?= $(BUILD)/ops-cases-long
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
