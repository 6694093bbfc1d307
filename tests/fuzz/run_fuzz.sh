#!/bin/sh
# Driver for mk/fuzz.mk.
#
#   run_fuzz.sh replay FUZZ_DIR REGRESSION_DIR TARGET...
#       run every committed crash input of each target once (they must all pass now)
#   run_fuzz.sh run FUZZ_DIR SECONDS "FLAGS" "TARGET[@SECS]:DIR DIR..."...
#       fuzz each target for SECONDS (SECS when given) on its corpus dirs (the first one is written),
#       FUZZ_JOBS (default 2) targets at a time;
#       print libFuzzer's final stats; fail on any crash, leaving the input in
#       FUZZ_DIR/artifacts/TARGET/ (commit it under tests/fuzz/regressions/TARGET/)
#
# Sanitizer reports are read, not only exit codes: UBSan halts at the first
# error with a stack trace, and a log holding any report text
# (tests/sanitizer/scan_logs.sh) fails the target even if it exited 0.
set -u
mode=$1; fuzz_dir=$2; shift 2
passed=0; failed=0
scan="$(dirname "$0")/../sanitizer/scan_logs.sh"
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:print_stacktrace=1"
export UBSAN_OPTIONS

if [ "$mode" = replay ]; then
    reg=$1; shift
    for t in "$@"; do
        [ -d "$reg/$t" ] || continue
        files=$(find "$reg/$t" -type f ! -name '*.md' | sort)
        [ -n "$files" ] || continue
        n=$(echo "$files" | wc -l)
        # shellcheck disable=SC2086
        if "$fuzz_dir/$t" -runs=1 $files >"$fuzz_dir/replay-$t.log" 2>&1 &&
                sh "$scan" "$fuzz_dir/replay-$t.log" >/dev/null; then
            echo "fuzz: $t replayed $n regression input(s)"
            passed=$((passed + 1))
        else
            echo "fuzz: $t FAILS on a committed regression input; log: $fuzz_dir/replay-$t.log"
            tail -30 "$fuzz_dir/replay-$t.log"
            failed=$((failed + 1))
        fi
    done
    echo "fuzz-replay: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
fi

secs=$1; flags=$2; shift 2
jobs=${FUZZ_JOBS:-2}

# One target for secs seconds; its exit status (99: exited 0 with a
# sanitizer report in its log) goes to its log's .rc file.
fuzz_one() {
    t=${1%%:*}; dirs=${1#*:}
    secs_t=$secs
    case $t in *@*) secs_t=${t#*@}; t=${t%%@*};; esac
    log="$fuzz_dir/run-$t.log"
    # shellcheck disable=SC2086
    "$fuzz_dir/$t" $flags -max_total_time="$secs_t" -artifact_prefix="$fuzz_dir/artifacts/$t/" \
        $dirs >"$log" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ] && ! sh "$scan" "$log" >/dev/null; then rc=99; fi
    echo "$rc" >"$log.rc"
}

# FUZZ_JOBS targets at a time (default 2, one per core of the CI machine):
# the same fuzzing per target in less wall time.
running=0
for spec in "$@"; do
    t=${spec%%:*}
    rm -f "$fuzz_dir/run-${t%%@*}.log.rc"
    fuzz_one "$spec" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait

total=0
for spec in "$@"; do
    t=${spec%%:*}
    secs_t=$secs
    case $t in *@*) secs_t=${t#*@}; t=${t%%@*};; esac
    log="$fuzz_dir/run-$t.log"
    rc=$(cat "$log.rc" 2>/dev/null || echo 98)
    [ "$rc" -eq 99 ] && echo "fuzz: $t exited 0 but its log holds a sanitizer report"
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -E '^#[0-9]+.*(DONE|cov:)' "$log" | tail -1 | sed -n 's/.*\(cov: [0-9]*\).*\(corp: [^ ]*\).*/\1 \2/p')
    echo "fuzz: $t ${secs_t}s: ${execs:-?} executions (${rate:-?}/s) $cov"
    total=$((total + ${execs:-0}))
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "fuzz: $t CRASHED (exit $rc); log $log; input in $fuzz_dir/artifacts/$t/"
        grep -E 'ERROR|runtime error|broken promise|SUMMARY' "$log" | head -5
    fi
done
echo "fuzz: $total executions in total"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
