#!/usr/bin/env bash
# Bounded libFuzzer run over the YAML layer and the whole post-render pipeline.
#   scripts/fuzz.sh [SECONDS]   (default 60)
# Builds Tests/Fuzz/FuzzPostRender.swift with -sanitize=fuzzer,address into .build-fuzz, seeds the corpus with
# the golden fixtures, and fails on any crash, leak, or timeout. Inputs that crashed are kept in
# .build-fuzz/artifacts; turn each into a fixture under Tests/CanaryRulesTests/Fixtures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-60}
out=.build-fuzz
mkdir -p "$out/modules" "$out/corpus" "$out/artifacts"
# shellcheck disable=SC2054 # the comma belongs to -sanitize=fuzzer,address
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -package-name kserve_canary -D READBACK_CROSSCHECK)
pc=$(pkg-config --cflags-only-I yaml-0.1 || true)
# shellcheck disable=SC2086 # $pc: pkg-config's flags, split on purpose
# The library targets post-render needs, in dependency order (Package.swift), each a static module.
modules=(Platform YAMLScalars YAMLSource YAMLStream YAMLEditing YAMLValues YAMLReadBack KServeCanaryModel StreamObjects CanaryGroups CanaryRules)
libs=()
for module in "${modules[@]}"; do
  mapfile -t files < <(find "Sources/$module" -name '*.swift' | sort)
  # shellcheck disable=SC2086 # $pc: pkg-config's flags, split on purpose
  swiftc "${flags[@]}" -emit-library -static -emit-module -module-name "$module" -I "$out/modules" -I Sources/CYAML \
    $pc "${files[@]}" -o "$out/modules/lib$module.a" -emit-module-path "$out/modules/$module.swiftmodule"
  libs=("$out/modules/lib$module.a" "${libs[@]}")
done
swiftc "${flags[@]}" -I "$out/modules" -I Sources/CYAML Tests/Fuzz/FuzzPostRender.swift "${libs[@]}" -lyaml \
  -o "$out/fuzz-post-render"
for f in Tests/CanaryRulesTests/Fixtures/*/input.yaml Tests/CanaryRulesTests/Fixtures/*/output.yaml; do
  cp "$f" "$out/corpus/$(echo "$f" | tr '/' '_')"
done
"$out/fuzz-post-render" "$out/corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -artifact_prefix="$out/artifacts/" -print_final_stats=1
