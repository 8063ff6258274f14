#!/usr/bin/env bash
# The CI sweep through Snakemake on local cores: starts configs/sweeps/lenet5_ci.json
# (51 LeNet-5 points), kills the whole run (snakemake and its jobs, SIGKILL) once
# part of the points have results, resumes it, and checks that
#   - the resumed run starts from the points already done and runs only the rest
#     (snakemake's "rule point" jobs = points left), leaving finished results untouched
#     (same inode and mtime: a recomputed result would be a new file);
#   - the merged results.csv equals the one merged from the same points run one by
#     one with `cnnsched run --point`.
# usage: sweep_resume_test.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin=$1/cnnsched
spec=$2/configs/sweeps/lenet5_ci.json
work=$(mktemp -d "${TMPDIR:-/tmp}/cnnsched_sweep_resume.XXXXXX")
trap 'rm -rf "$work"' EXIT
out=$work/sweep
fail() { echo "FAIL: $*" >&2; exit 1; }
results() { find "$out/points" -name '*.json' ! -name '*.point.json' 2>/dev/null | sort || true; }

total=$("$bin" sweep expand "$spec" | wc -l)
[ "$total" -ge 40 ] || fail "expected about 50 points, the spec gives $total"

# 1. Start, and kill everything once about half of the points are done.
setsid "$bin" sweep run "$spec" --out "$out" --cores 2 >"$work/first.log" 2>&1 &
leader=$!
for _ in $(seq 1 600); do
  n=$(results | wc -l)
  [ "$n" -ge $((total / 2)) ] && break
  kill -0 "$leader" 2>/dev/null || break
  sleep 0.05
done
kill -KILL -- "-$leader" 2>/dev/null || true
wait "$leader" 2>/dev/null || true
done_before=$(results | wc -l)
echo "killed after $done_before of $total points"
[ "$done_before" -gt 0 ] && [ "$done_before" -lt "$total" ] || fail "the kill did not land halfway ($done_before of $total done)"
[ ! -e "$out/results.csv" ] || fail "results.csv exists although the run was killed"
results | xargs stat -c '%n %i %Y.%y' >"$work/before.txt"

# 2. Resume: only the points without a result run.
"$bin" sweep run "$spec" --out "$out" --cores 2 >"$work/second.log" 2>&1 || { cat "$work/second.log"; fail "resume failed"; }
grep -q "sweep: $total points in $out, $done_before done, $((total - done_before)) left" "$work/second.log" ||
  { cat "$work/second.log"; fail "the resumed run did not report $done_before done"; }
jobs=$(grep -c '^rule point:' "$work/second.log" || true)
echo "resumed: $jobs point jobs for $((total - done_before)) points left"
[ "$jobs" -eq $((total - done_before)) ] || fail "the resumed run ran $jobs point jobs, expected $((total - done_before))"
while read -r file rest; do
  [ "$(stat -c '%n %i %Y.%y' "$file")" = "$file $rest" ] || fail "$file was recomputed"
done <"$work/before.txt"
[ "$(results | wc -l)" -eq "$total" ] || fail "not every point has a result"
grep -q "sweep: $total points, .* 0 without a result" "$work/second.log" || fail "merge summary missing"

# 3. The same points one by one, merged the same way.
one=$work/one
mkdir -p "$one/points"
"$bin" sweep expand "$spec" | while read -r line; do
  hash=$(sed -E 's/^\{"hash":"([0-9a-f]+)".*/\1/' <<<"$line")
  sed -E 's/^\{"hash":"[0-9a-f]+","point":(.*)\}$/\1/' <<<"$line" >"$one/$hash.point.json"
  echo "$hash" >>"$one/points.list"
  "$bin" run --point "$one/$hash.point.json" --out "$one/points/$hash.json" --record-failure true 2>/dev/null
done
"$bin" sweep merge "$one" >/dev/null
cmp "$out/results.csv" "$one/results.csv" || { diff "$out/results.csv" "$one/results.csv" | head; fail "CSV differs"; }
ok=$(grep -c ',ok,' "$out/results.csv" || true)
failed=$(grep -c ',error,' "$out/results.csv" || true)
echo "results.csv: $ok ok, $failed recorded failures, identical to the points run one by one"
[ "$ok" -gt 0 ] && [ "$failed" -gt 0 ] || fail "expected both ok and failed points"
