#!/usr/bin/env bash
# The CI sweep (configs/sweeps/lenet5_ci.json) on a single-node Slurm started
# and stopped here (tests/sweep/slurm_node.sh: munged, slurmctld, slurmd):
# `cnnsched sweep run --slurm` submits every point as a Slurm job, and the merged
# results.csv must equal the one of the same sweep on local cores.
# usage: sweep_slurm_test.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin=$1/cnnsched
spec=$2/configs/sweeps/lenet5_ci.json
work=$(mktemp -d "${TMPDIR:-/tmp}/cnnsched_sweep_slurm.XXXXXX")
fail() { echo "FAIL: $*" >&2; exit 1; }
# shellcheck source=slurm_node.sh
source "$(dirname "$0")/slurm_node.sh"
export USER=${USER:-$(id -un)}  # snakemake's Slurm executor reads it to guess an account
trap 'slurm_node_stop; rm -rf "$work"' EXIT

slurm_node_start "$work/slurm" || { tail -n 20 "$work"/slurm/log/*.log >&2; fail "could not start Slurm"; }
echo "slurm: $(sinfo -h -o '%P %D node(s) %c CPUs %t')"

"$bin" sweep run "$spec" --out "$work/slurm_sweep" --slurm true --cores 16 >"$work/slurm.log" 2>&1 ||
  { tail -n 30 "$work/slurm.log"; fail "the Slurm sweep failed"; }
total=$(grep -c . "$work/slurm_sweep/points.list")
submitted=$(grep -c 'Job .* has been submitted with SLURM jobid' "$work/slurm.log" || true)
echo "slurm sweep: $total points, $submitted Slurm jobs submitted"
[ "$submitted" -eq "$total" ] || { tail -n 30 "$work/slurm.log"; fail "expected $total Slurm jobs"; }

"$bin" sweep run "$spec" --out "$work/local_sweep" --cores 2 >"$work/local.log" 2>&1 ||
  { tail -n 30 "$work/local.log"; fail "the local sweep failed"; }
cmp "$work/slurm_sweep/results.csv" "$work/local_sweep/results.csv" ||
  { diff "$work/slurm_sweep/results.csv" "$work/local_sweep/results.csv" | head; fail "Slurm and local results differ"; }
echo "results.csv from Slurm equals the local one ($(grep -c ',ok,' "$work/local_sweep/results.csv") ok points)"
