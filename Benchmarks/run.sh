#!/usr/bin/env bash
# Benchmarks: builds the C pass-through and the C launcher into .build-bench/, then runs
# bench.py, which generates the inputs and times the contenders paired and interleaved.
#   Benchmarks/run.sh [--sizes 10,1000,10000] [--rounds R] [--binary PATH]
#                     [--contenders kserve-canary,c-passthrough,kustomize]
#                     [--kustomize-max N] [--seed S] [--enforce]
# kserve-canary itself is not built here: run `swift build -c release` first.
# See Benchmarks/README.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/.build-bench"
mkdir -p "$out"

build() { # build NAME SOURCE [LIBS...]
  local name=$1 src=$2; shift 2
  if [ ! -x "$out/$name" ] || [ "$src" -nt "$out/$name" ]; then
    echo "bench: ${CC:-cc} -O2 ${src#"$root"/} -> .build-bench/$name" >&2
    ${CC:-cc} -O2 -Wall -o "$out/$name" "$src" "$@"
  fi
}
# shellcheck disable=SC2046
build passthrough "$root/Benchmarks/c-passthrough/passthrough.c" $(pkg-config --cflags --libs yaml-0.1)
build runner "$root/Benchmarks/c-runner/runner.c"

exec python3 "$root/Benchmarks/bench.py" "$@"
