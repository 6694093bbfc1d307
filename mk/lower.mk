# Lowering and graph-structure refusals (well-formed files mote must refuse).
.PHONY: test-lower
test-lower: $(BUILD)/mote venv
	$(VENV_PY) tests/lower/test_lower.py $(BUILD)/mote

TEST_SUITES += test-lower
