#!/bin/sh
# usage: run_sanitized.sh LOG_DIR COMMAND [ARG...]
# Run COMMAND (e.g. the sanitizer build of the test suites) so that no
# sanitizer report can go unnoticed:
#   - UBSan stops at the first error with a stack trace
#     (UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1);
#   - every process writes its ASan/LSan/UBSan reports to LOG_DIR/*.<pid>
#     (log_path), even a tool run by a Python test that captures its output;
#   - COMMAND's own output is kept in LOG_DIR/output.log.
# Fails if COMMAND fails or if any report text is found in LOG_DIR
# (tests/sanitizer/scan_logs.sh), even when every exit status was 0.
set -u
[ $# -ge 2 ] || { echo "usage: run_sanitized.sh LOG_DIR COMMAND..." >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$1" && mkdir -p "$1" && dir=$(cd "$1" && pwd) || exit 2
shift
# Ours come last, so they win over the same keys set by the caller.
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:print_stacktrace=1:log_path=$dir/ubsan"
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$dir/asan"
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}log_path=$dir/lsan"
export UBSAN_OPTIONS ASAN_OPTIONS LSAN_OPTIONS
{ "$@" 2>&1; echo $? > "$dir/rc"; } | tee "$dir/output.log"
rc=$(cat "$dir/rc" 2>/dev/null || echo 1)
if ! sh "$here/scan_logs.sh" "$dir"; then
    echo "sanitizers: FAILED: reports above (logs in $dir)"
    exit 1
fi
if [ "$rc" -ne 0 ]; then
    echo "sanitizers: the command failed (exit $rc); no sanitizer report in $dir"
    exit 1
fi
echo "sanitizers: no reports (logs in $dir)"
