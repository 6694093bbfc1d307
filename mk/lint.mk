# Static analysis of the runtime (src/ and include/): cppcheck and
# clang-tidy with the checked-in configurations (.cppcheck-suppressions,
# .clang-tidy). Both must report nothing.
LINT_SRCS := $(LIB_SRCS)

.PHONY: test-lint
test-lint:
	cppcheck --enable=warning,style,performance,portability --std=c99 --error-exitcode=1 \
	    --inline-suppr --suppressions-list=.cppcheck-suppressions -q \
	    -Iinclude -Isrc src include
	@for f in $(LINT_SRCS); do \
	    clang-tidy --quiet $$f -- -std=c99 -Iinclude -Isrc 2>/dev/null || { echo "clang-tidy: $$f"; exit 1; }; \
	done
	@echo "lint: 2 passed, 0 failed (cppcheck, clang-tidy on $(words $(LINT_SRCS)) files)"

TEST_SUITES += test-lint
