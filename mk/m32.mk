# 32-bit build: the library, the reader suite and the robust (arena guard,
# size-overflow) suite built with -m32 and run, so the size-wrap claims of
# docs/ROBUSTNESS.md are tested on a 32-bit size_t, not only argued.
# Needs a multilib compiler (Debian: gcc-multilib, installed on demand by
# tools/ci/install-test-tools.sh). Build dir: build/m32.
M32_FLAGS := -m32

.PHONY: test-32bit
test-32bit:
	$(MAKE) --no-print-directory BUILD=build/m32 EXTRA_CFLAGS="$(M32_FLAGS)" EXTRA_LDFLAGS="$(M32_FLAGS)" \
	    ROBUST_EXTRA="--size-bits 32" test-reader test-robust

TEST_SUITES += test-32bit
