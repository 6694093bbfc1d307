# Static analysis of the runtime (src/ and include/): cppcheck and
# clang-tidy with the checked-in configurations (.cppcheck-suppressions,
# .clang-tidy), and clang-format (.clang-format; also on the Arm and x86
# kernels and the Arm kernel tests). All must report nothing.
LINT_SRCS := $(LIB_SRCS)
# What cppcheck reads (directories or files); LINT_DIRS and LINT_SRCS may be
# narrowed on the command line while iterating (make test checks them all).
LINT_DIRS := src include

.PHONY: test-lint
# Two at a time (LINT_JOBS), one per core of the CI machine: cppcheck -j with
# a build directory (with -j, cppcheck runs its whole-program checks only
# when given one), clang-tidy two files at a time. Each clang-tidy report is
# printed whole when its file is done; the first failing file stops the
# loop (xargs stops on exit 255) and is named, as before.
LINT_JOBS ?= 2
LINT_DIR  := $(BUILD)/lint
test-lint:
	@rm -rf $(LINT_DIR)/cppcheck && mkdir -p $(LINT_DIR)/cppcheck
	cppcheck -j $(LINT_JOBS) --cppcheck-build-dir=$(LINT_DIR)/cppcheck \
	    --enable=warning,style,performance,portability --std=c99 --error-exitcode=1 \
	    --inline-suppr --suppressions-list=.cppcheck-suppressions -q \
	    -Iinclude -Isrc $(LINT_DIRS)
	@printf '%s\n' $(LINT_SRCS) | xargs -P $(LINT_JOBS) -n 1 sh -c \
	    'out=$$(clang-tidy --quiet "$$1" -- -std=c99 -Iinclude -Isrc 2>/dev/null); rc=$$?; \
	     [ -z "$$out" ] || printf "%s\n" "$$out"; \
	     [ $$rc -eq 0 ] || { echo "clang-tidy: $$1"; exit 255; }' clang-tidy \
	    || { echo "clang-tidy: failed (first failing file named above)"; exit 1; }
	@clang-format --dry-run --Werror src/*/*.c src/*/*.h src/kernels/ref/*.c src/kernels/ref/*.h \
	    src/kernels/arm/*.c src/kernels/arm/*.h src/kernels/x86/*.c src/kernels/x86/*.h \
	    tests/arm_kernels/*.c tests/arm_kernels/*.h \
	    include/mote/*.h || { echo "clang-format: run clang-format -i on the files above"; exit 1; }
	@echo "lint: 3 passed, 0 failed (cppcheck, clang-tidy on $(words $(LINT_SRCS)) files, clang-format)"

TEST_SUITES += test-lint

# The operator table is the only list of operators (tests/lint/check_op_table.py:
# no dispatch on operator codes outside src/ops/, one op file per row, the
# layers include downwards only), and the README's operator table is
# `mote ops --markdown`, so it cannot drift.
.PHONY: test-tables
test-tables: $(BUILD)/mote
	$(PYTHON) tests/lint/check_op_table.py
	@$(BUILD)/mote ops --markdown > $(BUILD)/ops-table.md
	@sed -n '/<!-- ops-table:begin/,/<!-- ops-table:end/p' README.md | sed '1d;$$d' > $(BUILD)/ops-table-readme.md
	@if diff -u $(BUILD)/ops-table-readme.md $(BUILD)/ops-table.md; then \
	    echo "readme-ops: 1 passed, 0 failed"; \
	else echo "readme-ops: 0 passed, 1 failed (README's operator table differs from 'mote ops --markdown'; paste it between the ops-table markers)"; exit 1; fi

TEST_SUITES += test-tables
