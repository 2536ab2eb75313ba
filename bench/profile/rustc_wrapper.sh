#!/bin/bash
# RUSTC_WRAPPER for profiling evcxr cells: runs rustc, appends "<start_ns> <end_ns> rustc <crate>"
# to $BENCH_PROFILE_LOG. (cargo calls it as: rustc_wrapper.sh /path/to/rustc ARGS...)
crate=-
prev=
for arg in "$@"; do
    [ "$prev" = "--crate-name" ] && crate=$arg
    prev=$arg
done
start=$(date +%s%N)
"$@"
rc=$?
echo "$start $(date +%s%N) rustc $crate" >> "${BENCH_PROFILE_LOG:-/dev/null}"
exit $rc
