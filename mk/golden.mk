# Conformance with TFLite Micro's reference kernels on the bundled golden set.
GOLDEN_BIN := $(BUILD)/tests/test_golden

$(GOLDEN_BIN): tests/golden/test_golden.c $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -D_DEFAULT_SOURCE -Wall -Wextra -Werror -Wno-format-truncation $(OPT) -Iinclude $(EXTRA_CFLAGS) -o $@ $< $(BUILD)/libmote.a $(LDLIBS) $(EXTRA_LDFLAGS)

.PHONY: test-golden
test-golden: $(GOLDEN_BIN)
	$(GOLDEN_BIN) tests/data/golden models/mlperf-tiny models/tflm-examples

TEST_SUITES += test-golden
