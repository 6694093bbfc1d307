# Kernel unit tests (tests/kernels/): src/ops/quant.c and the fixed-point
# helpers (src/base/fixedpoint*.h) against hand-derived values, quant.c's
# integer multipliers against the double arithmetic they replace, and the
# argument checks of the public kernel API (include/mote/kernels.h).
# Kernel results themselves are checked by the op tests (mk/ops_tests.mk).

KUNIT_TEST := $(BUILD)/tests/kernels/test_kernel_units
KUNIT_SRCS := tests/kernels/test_main.c tests/kernels/test_quant.c tests/kernels/test_quant_ratio.c \
              tests/kernels/test_args.c

$(KUNIT_TEST): $(KUNIT_SRCS) tests/kernels/test_kernels.h $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LIB) -o $@ $(KUNIT_SRCS) $(BUILD)/libmote.a $(LDLIBS) $(EXTRA_LDFLAGS)

.PHONY: test-kernel-units
test-kernel-units: $(KUNIT_TEST)
	$(KUNIT_TEST)

TEST_SUITES += test-kernel-units
