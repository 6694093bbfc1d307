# Conformance with TFLite Micro's reference kernels on the bundled golden set.
GOLDEN_BIN := $(BUILD)/tests/test_golden

# Files are read with the host tool's bounded reader (tools/mote/file.c).
$(GOLDEN_BIN): tests/golden/test_golden.c tools/mote/file.c tools/mote/file.h $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) -D_DEFAULT_SOURCE -Wall -Wextra -Werror -Wno-format-truncation $(OPT) -Iinclude -Itools/mote \
	    $(EXTRA_CFLAGS) -o $@ $< tools/mote/file.c $(BUILD)/libmote.a $(LDLIBS) $(EXTRA_LDFLAGS)

.PHONY: test-golden
test-golden: $(GOLDEN_BIN)
	$(GOLDEN_BIN) tests/data/golden models/mlperf-tiny models/tflm-examples
	$(GOLDEN_BIN) --requant-at-run tests/data/golden models/mlperf-tiny models/tflm-examples

TEST_SUITES += test-golden
