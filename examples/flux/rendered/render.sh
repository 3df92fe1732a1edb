#!/bin/sh
# Mode 1, rendered manifests: CI renders kserve-general through the kserve-canary post-renderer
# and commits the result; the Flux Kustomization in flux-kustomization.yaml applies the directory.
# Run from the repository root (needs helm 3 or 4 and kserve-canary, on PATH or in HELM and
# KSERVE_CANARY):
#   examples/flux/rendered/render.sh
# Piping into kserve-canary is what `helm --post-renderer kserve-canary` does, with any Helm major.
set -eu
HELM=${HELM:-helm}
KSERVE_CANARY=${KSERVE_CANARY:-kserve-canary}
out=examples/flux/rendered/sample-dev/sklearn.yaml
"$HELM" template sklearn charts/kserve-general --namespace sample-dev -f examples/sklearn/values.yaml > "$out.helm"
"$KSERVE_CANARY" < "$out.helm" > "$out.tmp"
rm -f "$out.helm"
mv "$out.tmp" "$out"
echo "wrote $out"
