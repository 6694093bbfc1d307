#!/bin/sh
# Run each named test suite (a make target), keep going after a failure, and
# finish with one summary line. Exit status is non-zero if any suite failed.
# Each suite's wall time is printed after it, so the slow ones are visible
# (make test is meant to stay under ~20 minutes on 2 cores).
# Suites run one after another, each with make -j$TEST_JOBS (default 2, the
# CI machine's cores): its builds, and the runs a suite splits into make
# targets (QEMU cores, sanitizer suites, MSan replays), two at a time.
# TEST_JOBS=1 runs everything serially, as before.
jobs=${TEST_JOBS:-2}
passed=0; failed=0; failed_names=""; all_start=$(date +%s)
for suite in "$@"; do
    echo "=== $suite"
    start=$(date +%s)
    if ${MAKE:-make} -j"$jobs" --no-print-directory "$suite"; then
        passed=$((passed + 1))
        echo "=== $suite passed in $(( $(date +%s) - start )) s"
    else
        failed=$((failed + 1)); failed_names="$failed_names $suite"
        echo "=== $suite FAILED after $(( $(date +%s) - start )) s"
    fi
done
echo "=== all suites took $(( $(date +%s) - all_start )) s"
[ -n "$failed_names" ] && echo "failed suites:$failed_names"
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
