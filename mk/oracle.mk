# Randomized oracle suite: thousands of single-operator models, each run
# through `mote run` and compared with TFLite Micro (int8, byte for byte) and
# TFLite's reference kernels (float, 1e-5 relative). Fixed seeds: a failure
# reproduces with the --kernel/--seed/--case line it prints.
# Override e.g. ORACLE_ARGS="--count 1000 --seed 7" for a longer soak.

ORACLE_ARGS ?=

.PHONY: test-oracle
test-oracle: $(BUILD)/mote venv
	$(VENV_PY) tests/oracle/run_oracle.py --mote $(BUILD)/mote \
		--keep-failures $(BUILD)/oracle-failures $(ORACLE_ARGS)

TEST_SUITES += test-oracle
