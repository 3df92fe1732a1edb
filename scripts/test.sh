#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine with the Swift toolchain:
# installs libyaml-dev, Helm 3, Helm 4 and kubectl (scripts/install-tools.sh), builds the package
# and its tests, then runs every Swift Testing suite (YAML layer, canary rules, binary end to end,
# charts with real Helm against the upstream CRDs, Helm plugin, Flux parity, lifecycle).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-tools.sh
# shellcheck source=/dev/null
source .tools/env.sh
export KSERVE_CANARY_CRDS="${KSERVE_CANARY_CRDS:-$root/../shared/crds}"
if [ ! -d "$KSERVE_CANARY_CRDS/kserve" ]; then
  echo "test.sh: upstream CRDs not found at $KSERVE_CANARY_CRDS (set KSERVE_CANARY_CRDS)" >&2
  exit 1
fi
# A bounded libFuzzer run over the YAML layer and the whole pipeline (CI, or when asked for).
if [ "${CI:-}" = true ] || [ -n "${KSERVE_CANARY_FUZZ_SECONDS:-}" ]; then
  scripts/fuzz.sh "${KSERVE_CANARY_FUZZ_SECONDS:-45}" > .build-fuzz.log 2>&1 || {
    tail -n 60 .build-fuzz.log >&2
    echo "test.sh: the fuzzer found a crash, leak or hang; see .build-fuzz/artifacts" >&2
    exit 1
  }
  grep -E '^(Done|stat::number_of_executed_units)' .build-fuzz.log >&2 || true
fi
swift build --build-tests "$@"
swift test --skip-build "$@"
