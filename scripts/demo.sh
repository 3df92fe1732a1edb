#!/usr/bin/env bash
# The main job on the bundled example: renders the example canary (examples/sklearn, the seed's
# sklearn HelmRelease values) with real Helm through the kserve-canary post-renderer, prints the
# post-rendered manifests, then a per-variant summary: model name, storage URI, traffic weight, host.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-tools.sh
# shellcheck source=/dev/null
source .tools/env.sh
swift build -c release --product kserve-canary >&2
bin="$root/.build/release/kserve-canary"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# Helm 3 runs the post-renderer by path; values come from the seed's Flux HelmRelease and its env ConfigMap.
"$HELM3" template sklearn charts/kserve-general --namespace sample-dev \
  -f examples/sklearn/values.yaml \
  --post-renderer "$bin" > "$out"
echo "# ---- helm template sklearn charts/kserve-general --post-renderer kserve-canary ----"
cat "$out"
echo
echo "# ---- per-variant summary (kserve-canary summary) ----"
"$bin" summary "$out"
