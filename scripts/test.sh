#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine with the Swift toolchain:
# installs libyaml-dev, Helm 3, Helm 4, kubectl, shellcheck and docker-registry
# (scripts/install-tools.sh), checks the Swift formatting (swift format lint --strict, .swift-format),
# finds or downloads the upstream CRDs (scripts/fetch-crds.sh), builds the release artifacts once
# (scripts/release.sh), builds the package and its tests, then runs every Swift Testing suite (YAML
# layer, canary rules, binary end to end, charts with real Helm against the upstream CRDs, Helm
# plugin, release install, OCI registry, Flux parity, lifecycle).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-tools.sh
# shellcheck source=/dev/null
source .tools/env.sh
# Formatting (.swift-format, 120 columns): any finding fails the run; `swift format format --in-place
# --recursive Sources Tests Package.swift` fixes most of them (docs/architecture.md, Formatting).
if ! swift format lint --strict --recursive --parallel Sources Tests Package.swift; then
  echo "test.sh: swift format lint --strict found the problems above" >&2
  exit 1
fi
# The upstream CRDs: $KSERVE_CANARY_CRDS, ../shared/crds, or downloaded and verified into
# .tools/crds from the URLs and SHA-256s in crds/manifest.tsv (scripts/fetch-crds.sh).
KSERVE_CANARY_CRDS=$(scripts/fetch-crds.sh)
export KSERVE_CANARY_CRDS
# One static release package per run (scripts/release.sh): the release, plugin-install and OCI tests
# read its artifacts from $KSERVE_CANARY_RELEASE_DIR. A debug build (same static linking, checks and
# archive; the release workflow builds -c release) keeps CI short. Incremental in .build-release.
export KSERVE_CANARY_RELEASE_DIR="${KSERVE_CANARY_RELEASE_DIR:-$root/.build-release-out}"
release_start=$(date +%s)
scripts/release.sh --out "$KSERVE_CANARY_RELEASE_DIR" --configuration "${KSERVE_CANARY_RELEASE_CONFIGURATION:-debug}" \
  > .build-release.log 2>&1 || {
  tail -n 60 .build-release.log >&2
  echo "test.sh: scripts/release.sh failed (log: .build-release.log)" >&2
  exit 1
}
echo "test.sh: release artifacts in $KSERVE_CANARY_RELEASE_DIR ($(($(date +%s) - release_start)) s)" >&2
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
