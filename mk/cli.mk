# Host tool `mote` (tools/mote/): its end-to-end suite.
#
#   make test-cli        build/mote on every model in models/, bad inputs,
#                        bad .npy files, corrupt models, /dev/zero, FIFOs;
#                        plus the .npy reader's own checks
#                        (tests/cli/npy_check.c), the bounded file reader's
#                        (tests/cli/file_check.c) and hostile tensor names
#                        in every inspect output (tests/cli/test_names.py,
#                        venv); operator selections (`mote ops --for
#                        --target`: the rows chosen, a selected build runs
#                        its model, refuses others clearly;
#                        tests/cli/test_opset.py)
#   (the sanitizer pass, `make test-asan` in mk/checks.mk, runs it again
#   under AddressSanitizer + UBSan)

NPY_CHECK := $(BUILD)/tests/cli/npy_check

$(NPY_CHECK): tests/cli/npy_check.c tools/mote/npy.c tools/mote/npy.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LIB) -Itools/mote -o $@ tests/cli/npy_check.c tools/mote/npy.c $(EXTRA_LDFLAGS)

# file_check wraps malloc/realloc at link time to see the largest block
# file.c asks for.
FILE_CHECK := $(BUILD)/tests/cli/file_check

$(FILE_CHECK): tests/cli/file_check.c tools/mote/file.c tools/mote/file.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_LIB) -Itools/mote -o $@ tests/cli/file_check.c tools/mote/file.c \
	    -Wl,--wrap=malloc,--wrap=realloc $(EXTRA_LDFLAGS)

.PHONY: test-cli
test-cli: $(BUILD)/mote $(NPY_CHECK) $(FILE_CHECK) venv
	@tmp=$$(mktemp -d) && $(FILE_CHECK) $$tmp; rc=$$?; rm -rf $$tmp; exit $$rc
	$(VENV_PY) tests/cli/test_names.py $(BUILD)/mote
	$(PYTHON) tests/cli/test_cli.py $(BUILD)/mote $(NPY_CHECK)
	$(VENV_PY) tests/cli/test_describe.py $(BUILD)/mote
	CC="$(CC)" OPSET_CFLAGS="$(EXTRA_CFLAGS)" OPSET_LDFLAGS="$(EXTRA_LDFLAGS)" \
	    $(PYTHON) tests/cli/test_opset.py $(BUILD)/mote $(BUILD)/libmote.a


TEST_SUITES += test-cli
