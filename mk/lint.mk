# Static analysis of the runtime (src/ and include/): cppcheck and
# clang-tidy with the checked-in configurations (.cppcheck-suppressions,
# .clang-tidy), and clang-format (.clang-format). All must report nothing.
LINT_SRCS := $(LIB_SRCS)

.PHONY: test-lint
test-lint:
	cppcheck --enable=warning,style,performance,portability --std=c99 --error-exitcode=1 \
	    --inline-suppr --suppressions-list=.cppcheck-suppressions -q \
	    -Iinclude -Isrc src include
	@for f in $(LINT_SRCS); do \
	    clang-tidy --quiet $$f -- -std=c99 -Iinclude -Isrc 2>/dev/null || { echo "clang-tidy: $$f"; exit 1; }; \
	done
	@clang-format --dry-run --Werror src/*/*.c src/*/*.h src/kernels/ref/*.c src/kernels/ref/*.h \
	    include/mote/*.h || { echo "clang-format: run clang-format -i on the files above"; exit 1; }
	@echo "lint: 3 passed, 0 failed (cppcheck, clang-tidy on $(words $(LINT_SRCS)) files, clang-format)"

TEST_SUITES += test-lint
