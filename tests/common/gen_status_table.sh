#!/bin/sh
# Print one NAME(MOTE_...) line per member of enum mote_status in the given
# header (include/mote/status.h): the C test table tests/common/status_names.c
# includes the result, so the names are listed only in the header itself.
# usage: gen_status_table.sh include/mote/status.h > status_table.h
set -e
[ -r "$1" ] || { echo "gen_status_table.sh: cannot read $1" >&2; exit 1; }
out=$(awk '
    /typedef enum mote_status/ { inside = 1; next }
    inside && /}/ { exit }
    inside && match($0, /MOTE_[A-Z0-9_]+[ \t]*=/) {
        name = substr($0, RSTART, RLENGTH)
        sub(/[ \t]*=$/, "", name)
        printf "    NAME(%s),\n", name
    }' "$1")
[ -n "$out" ] || { echo "gen_status_table.sh: no enum mote_status in $1" >&2; exit 1; }
echo "/* Generated from $1 by tests/common/gen_status_table.sh: do not edit. */"
echo "$out"
