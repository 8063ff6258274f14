#!/bin/bash
# By-hand tool, not run by the test suite: imports and simulates every model
# exported by tests/onnx/export_torchvision.py under layer, heft and memheft,
# one process at a time, and prints a markdown table (issue #14).
#   tests/onnx/torchvision_table.sh MODEL_DIR [CNNSCHED]
# CNNSCHED defaults to build/bin/cnnsched. The platform is
# configs/platforms/default.json (on-chip only) with a 1 GiB scratchpad
# (--scratchpad-bytes 1073741824, the largest allowed) so that every plan's
# peak fits; tiles of about 4 KB (--auto-slicing tile-bytes:4096), no traces.
set -u
dir=${1:?usage: torchvision_table.sh MODEL_DIR [CNNSCHED]}
bin=${2:-build/bin/cnnsched}
here=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| model | policy | tasks | planned / simulated makespan (ms) | peak (B) | wall (s) |"
echo "|---|---|---:|---:|---:|---:|"
for model in "$dir"/*.onnx; do
  name=$(basename "$model" .onnx)
  for policy in layer heft memheft; do
    log="$out/$name.$policy.log"
    /usr/bin/time -f "wall %e" -o "$out/time" "$bin" simulate --network "$model" \
      --platform "$here/configs/platforms/default.json" --scratchpad-bytes 1073741824 \
      --policy "$policy" --auto-slicing tile-bytes:4096 --traces false --out-dir "$out/traces" >"$log" 2>&1
    rc=$?
    wall=$(sed -n 's/^wall //p' "$out/time")
    if [ $rc -ne 0 ]; then
      why=$(grep -v '^wall\|^Command exited' "$log" | head -1 | cut -c1-220 | tr '|' '/')
      echo "| $name | $policy | fails (exit $rc): $why | | | $wall |"
      continue
    fi
    tasks=$(sed -n 's/^tasks: \([0-9]*\),.*/\1/p' "$log")
    read -r planned simulated < <(awk '/^  makespan \(ps\)/ {printf "%.3f %.3f", $3 / 1e9, $4 / 1e9}' "$log")
    peak=$(awk '/^  peak memory \(bytes\)/ {print $5}' "$log")
    echo "| $name | $policy | $tasks | $planned / $simulated | $peak | $wall |"
  done
done
