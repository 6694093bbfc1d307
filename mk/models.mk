# Whole float32 models against LiteRT's reference kernels.
.PHONY: test-float-models
test-float-models: $(BUILD)/mote venv
	$(VENV_PY) tests/models/test_float_models.py $(BUILD)/mote

TEST_SUITES += test-float-models
