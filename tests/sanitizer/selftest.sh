#!/bin/sh
# usage: selftest.sh CC WORK_DIR
# Checks that the sanitizer checks fail when they must: a report in the
# output fails even with exit status 0, a report from a process whose output
# is thrown away still fails (log_path), UBSan halts at the first error, and
# a clean run passes. Prints one summary line; exit 1 on any failure.
set -u
cc=$1; work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work" || exit 2
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL sanitizer selftest: $1"; }

# Scanner: a clean log passes, each report kind fails.
echo "all good" > "$work/clean.log"
if sh "$here/scan_logs.sh" "$work/clean.log" >/dev/null; then ok; else bad "clean log flagged"; fi
for text in 'x.c:3:9: runtime error: signed integer overflow' \
            '==1==ERROR: AddressSanitizer: heap-buffer-overflow' \
            '==1==ERROR: LeakSanitizer: detected memory leaks'; do
    mkdir -p "$work/one" && printf 'before\n%s\nafter\n' "$text" > "$work/one/x.log"
    if sh "$here/scan_logs.sh" "$work/one" >/dev/null; then bad "not flagged: $text"; else ok; fi
    rm -rf "$work/one"
done

# The runner: report text with exit status 0 fails.
fake='printf "%s\n" "t.c:1:1: runtime""" error: fake"; exit 0'
if sh "$here/run_sanitized.sh" "$work/fake" sh -c "$fake" >/dev/null 2>&1; then
    bad "a report with exit status 0 passed"; else ok; fi
if sh "$here/run_sanitized.sh" "$work/clean" sh -c 'echo fine' >/dev/null 2>&1; then ok; else
    bad "a clean command failed"; fi
if sh "$here/run_sanitized.sh" "$work/false" false >/dev/null 2>&1; then
    bad "a failing command passed"; else ok; fi

# A real, recoverable UBSan error in a process whose output is discarded:
# halt_on_error stops it and log_path keeps the report for the scan.
cat > "$work/ub.c" <<'C'
#include <limits.h>
#include <stdio.h>
int main(int argc, char **argv)
{
    int x = INT_MAX - 1 + argc; /* argc is 1: INT_MAX; + argc again overflows */
    (void)argv;
    x += argc;
    printf("%d\n", x);
    return 0;
}
C
if $cc -fsanitize=undefined -O0 -o "$work/ub" "$work/ub.c" >"$work/cc.log" 2>&1; then
    if "$work/ub" >/dev/null 2>&1; then ok; else bad "recoverable UB did not recover without options"; fi
    if sh "$here/run_sanitized.sh" "$work/real" sh -c "'$work/ub' >/dev/null 2>&1" >/dev/null 2>&1
    then bad "a hidden UBSan report passed"; else ok; fi
    if ls "$work/real"/ubsan.* >/dev/null 2>&1; then ok; else bad "no UBSan log file written"; fi
else
    bad "cannot build a UBSan program with $cc (see $work/cc.log)"
fi
echo "sanitizer selftest: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
