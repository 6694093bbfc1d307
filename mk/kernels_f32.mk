# Float32 reference kernels: oracle-checked tests.
#
# `make test-kernels-f32` builds the C test against build/libmote.a and runs
# it over the committed cases in tests/kernels_f32/cases/.
# `make kernels-f32-cases` regenerates those cases from LiteRT's reference
# kernels (needs the test venv; only when the case set itself changes).

KF32_TEST := $(BUILD)/tests/kernels_f32/test_kernels_f32

$(KF32_TEST): tests/kernels_f32/test_kernels_f32.c tools/mote/file.c tools/mote/file.h $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LIB) -Itools/mote -o $@ $< tools/mote/file.c $(BUILD)/libmote.a $(LDLIBS) $(EXTRA_LDFLAGS)

.PHONY: test-kernels-f32 kernels-f32-cases
test-kernels-f32: $(KF32_TEST)
	$(KF32_TEST) tests/kernels_f32/cases

kernels-f32-cases: venv
	$(VENV_PY) tests/kernels_f32/make_cases.py

TEST_SUITES += test-kernels-f32
