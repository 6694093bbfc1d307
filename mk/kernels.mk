# int8 reference kernels and quantization helpers: TFLM-checked tests.
#
# `make test-kernels` builds the C test against build/libmote.a and runs it
# over the committed cases in tests/kernels/cases/kernels_s8.bin, plus unit
# tests of src/base/fixedpoint*.h and src/ops/quant.c.
# `make kernels-s8-cases` regenerates the cases with TFLM's Python
# interpreter (needs the test venv; only when the case set itself changes).

KS8_TEST := $(BUILD)/tests/kernels/test_kernels
KS8_SRCS := tests/kernels/test_kernels.c tests/kernels/test_quant.c tools/mote/file.c

$(KS8_TEST): $(KS8_SRCS) tests/kernels/test_kernels.h tools/mote/file.h $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LIB) -Itools/mote -o $@ $(KS8_SRCS) $(BUILD)/libmote.a $(LDLIBS) $(EXTRA_LDFLAGS)

.PHONY: test-kernels kernels-s8-cases
test-kernels: $(KS8_TEST)
	$(KS8_TEST) tests/kernels/cases/kernels_s8.bin

kernels-s8-cases: venv
	$(VENV_PY) tests/kernels/make_cases.py

TEST_SUITES += test-kernels
