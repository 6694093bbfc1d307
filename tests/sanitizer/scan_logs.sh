#!/bin/sh
# usage: scan_logs.sh FILE_OR_DIR...
# Fail (exit 1) if any sanitizer report appears in the given logs (folders
# are searched recursively), printing where; exit 0 when none does. A
# report counts whatever the exit status of the process that printed it:
# a recovered UBSan error, a leak report or an ASan report from a child
# process whose output a test captured all leave this text behind.
set -u
PATTERN='runtime error:|ERROR: AddressSanitizer|ERROR: LeakSanitizer|ERROR: UndefinedBehaviorSanitizer'
hits=$(grep -r -l -a -E "$PATTERN" "$@" 2>/dev/null)
if [ -n "$hits" ]; then
    echo "sanitizer reports found in:"
    for f in $hits; do
        echo "--- $f"
        grep -a -n -E -A8 "$PATTERN" "$f" | head -40
    done
    exit 1
fi
exit 0
