#!/usr/bin/env bash
# The usual Kustomize Helm post-renderer, as the common peer in the benchmarks:
# stdin -> <tmp>/all.yaml, a kustomization.yaml with `resources: [all.yaml]` plus a patch,
# then `kubectl kustomize <tmp>` to stdout. KUBECTL comes from .tools/env.sh
# (scripts/install-tools.sh) unless already set.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${KUBECTL:-}" ] && [ -f "$root/.tools/env.sh" ]; then
  # shellcheck disable=SC1091
  . "$root/.tools/env.sh"
fi
KUBECTL=${KUBECTL:-kubectl}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kustomize-postrenderer.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/all.yaml"
cat > "$tmp/kustomization.yaml" <<'EOF'
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - all.yaml
patches:
  # A typical post-render touch: annotate every HelmRelease.
  - target:
      group: helm.toolkit.fluxcd.io
      kind: HelmRelease
    patch: |-
      - op: add
        path: /metadata/annotations/post-rendered-by
        value: kustomize
EOF
"$KUBECTL" kustomize "$tmp"
