#!/bin/sh
# `helm kserve-canary ARGS...`: runs the kserve-canary CLI with ARGS (Helm 3, and Helm 4 as a
# cli/v1 legacy plugin). With no ARGS it post-renders stdin to stdout, so on Helm 3
#   helm template ... --post-renderer helm --post-renderer-args kserve-canary
# works: Helm 3 shows this command's stderr when it fails.
set -eu
# shellcheck source=scripts/plugin-lib.sh
. "$(dirname "$0")/plugin-lib.sh"
if ! bin=$(kc_binary); then
  kc_missing_binary >&2
  exit 1
fi
exec "$bin" "$@"
