# Host tool `mote` (tools/mote/): its end-to-end suite.
#
#   make test-cli        build/mote on every model in models/, bad inputs,
#                        bad .npy files, corrupt models; plus the .npy
#                        reader's own checks (tests/cli/npy_check.c)
#   (the sanitizer pass, `make test-asan` in mk/checks.mk, runs it again
#   under AddressSanitizer + UBSan)

NPY_CHECK := $(BUILD)/tests/cli/npy_check

$(NPY_CHECK): tests/cli/npy_check.c tools/mote/npy.c tools/mote/npy.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LIB) -Itools/mote -o $@ tests/cli/npy_check.c tools/mote/npy.c $(EXTRA_LDFLAGS)

.PHONY: test-cli
test-cli: $(BUILD)/mote $(NPY_CHECK)
	$(PYTHON) tests/cli/test_cli.py $(BUILD)/mote $(NPY_CHECK)


TEST_SUITES += test-cli
