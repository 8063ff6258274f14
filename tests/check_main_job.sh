#!/usr/bin/env bash
# Checks that the main job left its outputs and that they are sane: non-empty
# CSVs with the expected headers (DRAM bytes, energy and EDP positive), VCDs with an occupancy signal, PNG plots.
set -euo pipefail
out=${1:?usage: check_main_job.sh OUTPUT_DIR}
fail() { echo "check_main_job: $*" >&2; exit 1; }

results=$out/results.csv
[ -s "$results" ] || fail "missing $results"
head -1 "$results" | grep -q "policy" || fail "$results has no header"
rows=$(($(wc -l <"$results") - 1))
[ "$rows" -ge 6 ] || fail "$results has only $rows rows"
# The DRAM and energy columns: present, and positive wherever the platform has
# a DRAM (every study but the on-chip slicing studies; energy and EDP always).
awk '
  function split_csv(line, f,   n, i, c, q, cur) {  # fields of one CSV line, quotes honoured
    n = 0; q = 0; cur = ""
    for (i = 1; i <= length(line); ++i) {
      c = substr(line, i, 1)
      if (c == "\"") q = !q
      else if (c == "," && !q) { f[++n] = cur; cur = "" }
      else cur = cur c
    }
    f[++n] = cur
    return n
  }
  NR == 1 {
    n = split_csv($0, h)
    for (i = 1; i <= n; ++i) col[h[i]] = i
    split("dram_feature_map_bytes dram_weight_bytes dram_bytes energy_total_pj edp_pj_s", need, " ")
    for (k in need) if (!(need[k] in col)) { print "no column " need[k]; bad = 1; exit 1 }
    next
  }
  {
    split_csv($0, f)
    onchip = f[col["study"]] ~ /slicing/
    for (k in need) {
      v = f[col[need[k]]] + 0
      if (v <= 0 && !(onchip && need[k] ~ /^dram_/)) {
        print "row " NR - 1 " (" f[col["study"]] ", " f[col["config"]] ", " f[col["policy"]] "): " need[k] " = " v
        bad = 1; exit 1
      }
    }
  }
  END { exit bad }' "$results" >&2 || fail "$results: DRAM or energy columns missing or not positive"
for study in policies "capacity sweep" network "PE count" slicing "pool slicing"; do
  grep -q "^$study," "$results" || fail "$results has no '$study' rows"
done
for p in layer heft memheft; do
  grep -q ",$p," "$results" || fail "$results has no $p row"
  [ -s "$out/lenet5_c1s2c3_$p.vcd" ] || fail "missing VCD for $p"
  grep -q "occupancy" "$out/lenet5_c1s2c3_$p.vcd" || fail "VCD for $p has no occupancy signal"
  [ -s "$out/lenet5_c1s2c3_$p.gtkw" ] || fail "missing GTKWave save file for $p"
  [ -s "$out/lenet5_c1s2c3_${p}.memory.csv" ] || fail "missing memory CSV for $p"
  [ -s "$out/lenet5_c1s2c3_${p}.perfetto.json" ] || fail "missing Perfetto trace for $p"
done
for plot in memory_over_time pareto slicing pool_slicing; do
  f=$out/$plot.png
  [ -s "$f" ] || fail "missing plot $f"
  [ "$(head -c 4 "$f" | tail -c 3)" = "PNG" ] || fail "$f is not a PNG"
done
echo "check_main_job: $rows result rows, traces and plots present in $out"
