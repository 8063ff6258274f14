#!/usr/bin/env bash
# Checks that the main job left its outputs and that they are sane: non-empty
# CSVs with the expected headers, VCDs with an occupancy signal, PNG plots.
set -euo pipefail
out=${1:?usage: check_main_job.sh OUTPUT_DIR}
fail() { echo "check_main_job: $*" >&2; exit 1; }

results=$out/results.csv
[ -s "$results" ] || fail "missing $results"
head -1 "$results" | grep -q "policy" || fail "$results has no header"
rows=$(($(wc -l <"$results") - 1))
[ "$rows" -ge 6 ] || fail "$results has only $rows rows"
for p in layer heft memheft; do
  grep -q ",$p," "$results" || fail "$results has no $p row"
  [ -s "$out/lenet5_c1s2c3_$p.vcd" ] || fail "missing VCD for $p"
  grep -q "occupancy" "$out/lenet5_c1s2c3_$p.vcd" || fail "VCD for $p has no occupancy signal"
  [ -s "$out/lenet5_c1s2c3_$p.gtkw" ] || fail "missing GTKWave save file for $p"
  [ -s "$out/lenet5_c1s2c3_${p}.memory.csv" ] || fail "missing memory CSV for $p"
  [ -s "$out/lenet5_c1s2c3_${p}.perfetto.json" ] || fail "missing Perfetto trace for $p"
done
for plot in memory_over_time pareto slicing; do
  f=$out/$plot.png
  [ -s "$f" ] || fail "missing plot $f"
  [ "$(head -c 4 "$f" | tail -c 3)" = "PNG" ] || fail "$f is not a PNG"
done
echo "check_main_job: $rows result rows, traces and plots present in $out"
