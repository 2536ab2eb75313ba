#!/bin/bash
# RUSTC_WRAPPER for profiling evcxr cells: runs rustc, appends "<start_ns> <end_ns> rustc <crate>"
# to $BENCH_PROFILE_LOG. (cargo calls it as: rustc_wrapper.sh /path/to/rustc ARGS...)
# With BENCH_LIGHT_DEPS=1 it also simulates a per-package cargo profile that evcxr cannot express
# (it writes its own Cargo.toml and .cargo/config.toml): every crate except tiny_lm and the cell
# crate `ctx` is compiled at opt-level 0 instead of evcxr's opt_level.
crate=-
prev=
args=()
for arg in "$@"; do
    [ "$prev" = "--crate-name" ] && crate=$arg
    prev=$arg
done
for arg in "$@"; do
    if [ "$BENCH_LIGHT_DEPS" = 1 ] && [[ $arg == opt-level=* ]] && [ "$crate" != tiny_lm ] && [ "$crate" != ctx ]; then
        arg=opt-level=0
    fi
    args+=("$arg")
done
start=$(date +%s%N)
"${args[@]}"
rc=$?
echo "$start $(date +%s%N) rustc $crate" >> "${BENCH_PROFILE_LOG:-/dev/null}"
exit $rc
