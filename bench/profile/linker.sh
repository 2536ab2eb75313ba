#!/bin/bash
# Linker for profiling evcxr cells (CARGO_TARGET_<triple>_LINKER): runs cc, appends
# "<start_ns> <end_ns> link <output>" to $BENCH_PROFILE_LOG.
out=-
prev=
for arg in "$@"; do
    [ "$prev" = "-o" ] && out=$(basename "$arg")
    prev=$arg
done
start=$(date +%s%N)
cc "$@"
rc=$?
echo "$start $(date +%s%N) link $out" >> "${BENCH_PROFILE_LOG:-/dev/null}"
exit $rc
