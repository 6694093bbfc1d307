# Band (patch) execution of a leading convolution chain (src/core/band.h):
# synthetic chains, with and without bands, byte for byte against TFLite
# Micro, and the planner must choose the bands and lower the activations;
# chains whose output would overwrite input rows still to be read must not
# get their output over their input (band.c's overlap check).
.PHONY: test-band
test-band: $(BUILD)/mote venv
	$(VENV_PY) tests/plan/test_band.py $(BUILD)/mote

TEST_SUITES += test-band

# Execution order (src/core/order.h): branchy graphs whose own order keeps
# big tensors alive must be reordered to the live peaks worked out by hand,
# with outputs byte for byte TFLite Micro's, reordered or not.
.PHONY: test-order
test-order: $(BUILD)/mote venv
	$(VENV_PY) tests/plan/test_order.py $(BUILD)/mote

TEST_SUITES += test-order
