# Band (patch) execution of a leading convolution chain (src/core/band.h):
# synthetic chains, with and without bands, byte for byte against TFLite
# Micro, and the planner must choose the bands and lower the activations.
.PHONY: test-band
test-band: $(BUILD)/mote venv
	$(VENV_PY) tests/plan/test_band.py $(BUILD)/mote

TEST_SUITES += test-band
