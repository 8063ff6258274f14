#!/usr/bin/env bash
# Runs every libFuzzer harness found in DIR (a build's fuzz/ folder, e.g.
# build-fuzz/fuzz after configuring with -DCMAKE_CXX_COMPILER=clang++
# -DCNNSCHED_FUZZ=ON and building the target 'fuzzers') for SECONDS each,
# starting from tests/fuzz/corpus/<harness without "fuzz_">/ with a fixed seed. Builds nothing.
# Prints the executions per harness and the number of crashes; exits non-zero
# when any harness crashed (its reproducer is left in DIR/artifacts/).
set -uo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 DIR SECONDS" >&2
  exit 2
fi
dir=$(cd "$1" && pwd) || exit 2
seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir/artifacts" "$dir/logs"
crashes=0
found=0
for harness in "$dir"/fuzz_*; do
  [ -x "$harness" ] || continue
  found=$((found + 1))
  name=$(basename "$harness")
  seeds="$here/corpus/${name#fuzz_}"
  work="$dir/corpus/${name#fuzz_}"  # grows as the fuzzer finds new coverage
  mkdir -p "$work"
  log="$dir/logs/$name.txt"
  # -rss_limit_mb and -timeout turn a blow-up into a reported failure; the
  # harnesses skip legitimately huge graphs before building them.
  ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$harness" "$work" "$seeds" -max_total_time="$seconds" -seed=1 -rss_limit_mb=2048 -timeout=10 \
    -max_len=65536 -artifact_prefix="$dir/artifacts/$name-" -print_final_stats=1 >"$log" 2>&1
  status=$?
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  if [ "$status" -ne 0 ]; then
    crashes=$((crashes + 1))
    echo "$name: ${execs:-?} executions, CRASHED (exit $status), log: $log"
    grep -m3 -E 'ERROR|runtime error|uncaught|deadly|Test unit written' "$log" | sed 's/^/    /'
  else
    echo "$name: ${execs:-?} executions, 0 crashes"
  fi
done
if [ "$found" -eq 0 ]; then
  echo "no fuzz_* executables in $dir" >&2
  exit 2
fi
echo "crashes: $crashes"
[ "$crashes" -eq 0 ]
