#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   bash tb/setup.sh          install missing packages, build the tools (Release), run the LeNet-5 experiment
#   bash tb/setup.sh --test   install missing packages, build everything (Release), run the whole test suite
# Both are idempotent: packages already present are not reinstalled and the build is incremental.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

mode=run
case "${1:-}" in
  "" | --run) mode=run ;;
  --test) mode=test ;;
  --deps) mode=deps ;;
  --build) mode=build ;;
  -h | --help)
    sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "tb/setup.sh: unknown option '$1' (allowed: --run, --test, --deps, --build, --help)" >&2
    exit 2
    ;;
esac

# Debian 12 packages the build, the tests, the plots, the fuzzers and the sweeps need
# (snakemake runs them; slurm-wlm and munge for the single-node Slurm test).
packages=(g++ cmake ninja-build pkg-config libsystemc-dev libboost-program-options-dev
  libgtest-dev nlohmann-json3-dev gnuplot-nox clang-format libonnx-dev libprotobuf-dev python3-onnx
  libgecode-dev snakemake slurm-wlm munge)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt_get=(apt-get)
  elif command -v sudo >/dev/null 2>&1; then
    apt_get=(sudo apt-get)
  else
    echo "tb/setup.sh: missing Debian packages: ${missing[*]}" >&2
    echo "install them as root with: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "== installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${apt_get[@]}" update -qq
  "${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}"
fi
[ "$mode" = deps ] && exit 0

build=${CNNSCHED_BUILD_DIR:-build}
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
# The run needs the tools only; the tests and a plain build also compile the test suites.
if [ "$mode" = run ]; then
  cmake --build "$build" --parallel "$(nproc)" --target tools
else
  cmake --build "$build" --parallel "$(nproc)"
fi
[ "$mode" = build ] && exit 0

if [ "$mode" = test ]; then
  ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)"
else
  "$build/bin/lenet_experiment"
fi
