#!/bin/sh
# Run each named test suite (a make target), keep going after a failure, and
# finish with one summary line. Exit status is non-zero if any suite failed.
passed=0; failed=0; failed_names=""
for suite in "$@"; do
    echo "=== $suite"
    if ${MAKE:-make} --no-print-directory "$suite"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); failed_names="$failed_names $suite"
        echo "=== $suite FAILED"
    fi
done
[ -n "$failed_names" ] && echo "failed suites:$failed_names"
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
