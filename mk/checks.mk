# Build-level promises: no heap in the library, clang builds it, CMake
# consumers link it, and the suites pass under ASan + UBSan.

.PHONY: test-noheap test-clang test-cmake test-asan test-nostrings

# The archive must not reference the heap at all.
test-noheap: $(BUILD)/libmote.a
	@if nm $(BUILD)/libmote.a | grep -E ' U (malloc|calloc|realloc|free|aligned_alloc|posix_memalign)$$'; then \
	    echo "noheap: 0 passed, 1 failed (libmote.a references the heap)"; exit 1; \
	else echo "noheap: 1 passed, 0 failed"; fi

# The library and CLI build warning-free with clang too.
test-clang:
	$(MAKE) --no-print-directory BUILD=build/clang CC=clang all
	@echo "clang: 1 passed, 0 failed"

# A firmware-style project adds mote with add_subdirectory and runs it.
test-cmake:
	cmake -S tests/cmake_consumer -B build/cmake-consumer -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build build/cmake-consumer -j2 >/dev/null
	build/cmake-consumer/consumer models/mlperf-tiny/kws_ref_model.tflite | grep -q '^arena_bytes=[1-9]'
	@echo "cmake: 1 passed, 0 failed"

# Every C suite again, built with AddressSanitizer + UndefinedBehaviorSanitizer
# and MOTE_DEBUG asserts on. Reports are read, not only exit codes:
# tests/sanitizer/run_sanitized.sh sends every process's report to
# build/asan/sanitizer-logs/ (even a tool whose output a Python test
# captures) and fails on any report text there or in the suites' output,
# whatever the exit status; its selftest runs first.
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ASAN_SUITES ?= test-golden test-reader test-kernel-units test-ops test-cli test-lower test-float-models test-robust \
    test-band test-bad-index
ASAN_BUILD ?= build/asan
test-asan:
	@sh tests/sanitizer/selftest.sh "$(CC)" $(ASAN_BUILD)/sanitizer-selftest
	@sh tests/sanitizer/run_sanitized.sh $(ASAN_BUILD)/sanitizer-logs \
	    $(MAKE) -k --no-print-directory --output-sync=target BUILD=$(ASAN_BUILD) OPT=-O1 \
	    EXTRA_CFLAGS="$(SAN_FLAGS) -DMOTE_DEBUG" EXTRA_LDFLAGS="$(SAN_FLAGS)" $(ASAN_SUITES)

# With every message compiled out (MOTE_NO_STRINGS, the smallest firmware)
# the runtime still builds warning-free and still matches the golden set.
test-nostrings:
	$(MAKE) --no-print-directory BUILD=build/nostrings EXTRA_CFLAGS=-DMOTE_NO_STRINGS test-golden

TEST_SUITES += test-noheap test-clang test-cmake test-asan test-nostrings
