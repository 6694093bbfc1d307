# Host tool `mote` (tools/mote/): its end-to-end suite.
#
#   make test-cli        build/mote on every model in models/, bad inputs,
#                        bad .npy files, corrupt models; plus the .npy
#                        reader's own checks (tests/cli/npy_check.c)
#   make test-cli-asan   the same with AddressSanitizer + UBSan, in its own
#                        build directory (build/cli-asan); not in `make test`
#                        because it rebuilds the library

NPY_CHECK := $(BUILD)/tests/cli/npy_check

$(NPY_CHECK): tests/cli/npy_check.c tools/mote/npy.c tools/mote/npy.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LIB) -Itools/mote -o $@ tests/cli/npy_check.c tools/mote/npy.c $(EXTRA_LDFLAGS)

.PHONY: test-cli test-cli-asan
test-cli: $(BUILD)/mote $(NPY_CHECK)
	$(PYTHON) tests/cli/test_cli.py $(BUILD)/mote $(NPY_CHECK)

CLI_ASAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
test-cli-asan:
	$(MAKE) --no-print-directory test-cli BUILD=build/cli-asan OPT="-O1 -g" \
	    EXTRA_CFLAGS="$(CLI_ASAN)" EXTRA_LDFLAGS="$(CLI_ASAN)"

TEST_SUITES += test-cli
