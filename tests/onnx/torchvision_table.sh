#!/bin/bash
# By-hand tool, not run by the test suite: imports and simulates every model
# exported by tests/onnx/export_torchvision.py under layer, heft and memheft,
# one process at a time, and prints a markdown table, one row per model file
# (issue #14).
#   tests/onnx/torchvision_table.sh MODEL_DIR [CNNSCHED]
# CNNSCHED defaults to build/bin/cnnsched. The platform is
# configs/platforms/default.json (on chip only) with a 1 GiB scratchpad
# (--scratchpad-bytes 1073741824, the largest allowed) so that every plan's
# peak fits; tiles of about 4 KB (--auto-slicing tile-bytes:4096), no traces.
# Per policy: planned / simulated makespan in ms and the simulated peak in
# bytes; wall: seconds per run (/usr/bin/time -f %e) for layer / heft / memheft.
set -u
dir=${1:?usage: torchvision_table.sh MODEL_DIR [CNNSCHED]}
bin=${2:-build/bin/cnnsched}
here=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| model | tasks | layer: ms, peak B | heft: ms, peak B | memheft: ms, peak B | wall s |"
echo "|---|---:|---|---|---|---|"
for model in "$dir"/*.onnx; do
  name=$(basename "$model" .onnx)
  row="" walls="" tasks="" failure=""
  for policy in layer heft memheft; do
    log="$out/$name.$policy.log"
    /usr/bin/time -f "%e" -o "$out/time" "$bin" simulate --network "$model" \
      --platform "$here/configs/platforms/default.json" --scratchpad-bytes 1073741824 \
      --policy "$policy" --auto-slicing tile-bytes:4096 --traces false --out-dir "$out/traces" >"$log" 2>&1
    rc=$?
    walls="$walls${walls:+ / }$(tail -1 "$out/time")"
    if [ $rc -ne 0 ]; then
      # The reason without the model's path, once per model.
      failure="fails (exit $rc): $(head -1 "$log" | sed "s|$model: ||; s|^cnnsched simulate: ||" | cut -c1-160 | tr '|' '/')"
      continue
    fi
    tasks=$(sed -n 's/^tasks: \([0-9]*\),.*/\1/p' "$log")
    cell=$(awk '/^  makespan \(ps\)/ {m = sprintf("%.2f / %.2f", $3 / 1e9, $4 / 1e9)}
                /^  peak memory \(bytes\)/ {p = $5} END {print m ", " p}' "$log")
    row="$row | $cell"
  done
  if [ -n "$failure" ]; then
    echo "| $name | $failure | | | | $walls |"
  else
    echo "| $name | $tasks$row | $walls |"
  fi
done
