#!/bin/sh
# Runtime of the Helm 4 postrenderer/v1 plugin kserve-canary-postrenderer:
#   helm template|install|upgrade ... --post-renderer kserve-canary-postrenderer [--post-renderer-args ARG]...
# runs `kserve-canary post-render ARG...` on the stream Helm pipes in.
#
# Helm 4 (checked with 4.1.4) throws a post-renderer's stderr away: when it exits non-zero, Helm
# says only `plugin "kserve-canary-postrenderer" exited with error`, even with --debug. So when
# kserve-canary fails, this wrapper
#   1. keeps its whole report in $HELM_CACHE_HOME/kserve-canary/last-error.log, and
#   2. exits 0 with one document that Helm cannot use: its `kind` is not a string, and its
#      postrenderer.helm.sh/postrender-filename annotation (the file name Helm 4 gives every
#      post-rendered document) is the report. Helm 4 then stops before anything reaches the cluster
#      with `Error: YAML parse error on <the report>: ...`, on a terminal and in a CI log alike.
# HELM_KSERVE_CANARY_PLAIN_ERRORS=1 turns this off (report on stderr, exit with kserve-canary's
# status), as does running the script outside Helm (no HELM_PLUGIN_NAME).
set -u
# shellcheck source=scripts/plugin-lib.sh
. "$(dirname "$0")/plugin-lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kserve-canary.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

if bin=$(kc_binary); then
  "$bin" post-render "$@" >"$tmp/out" 2>"$tmp/err"
  status=$?
else
  cat >/dev/null
  kc_missing_binary >"$tmp/err"
  status=127
fi

if [ "$status" -eq 0 ]; then
  cat "$tmp/out"
  exit
fi

cache=${HELM_CACHE_HOME:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/helm}/kserve-canary
log=$cache/last-error.log
if mkdir -p "$cache" 2>/dev/null && cp "$tmp/err" "$log" 2>/dev/null; then
  where="full report: $log"
else
  where="could not write $log"
fi
cat "$tmp/err" >&2

case "${HELM_KSERVE_CANARY_PLAIN_ERRORS:-}" in
  "" | 0 | false | no) [ -n "${HELM_PLUGIN_NAME:-}" ] || exit "$status" ;;
  *) exit "$status" ;;
esac

# The report as a literal block scalar: every line indented, control characters dropped,
# at most $max lines (the log keeps all of them).
max=40
lines=$(wc -l <"$tmp/err" | tr -d ' ')
{
  printf '%s\n' "kserve-canary-postrenderer: kserve-canary failed (exit status $status):"
  if [ -s "$tmp/err" ]; then
    head -n "$max" "$tmp/err"
  else
    printf '%s\n' "(no error output)"
  fi
  if [ "$lines" -gt "$max" ]; then
    printf '%s\n' "... $((lines - max)) more lines"
  fi
  printf '%s\n' "($where; Helm 4 hides a post-renderer's stderr, hence \"YAML parse error\")"
} | tr -d '\000-\010\013-\037\177' | sed 's/^/      /' >"$tmp/report"

cat <<DOC
# kserve-canary refused the rendered manifests. Helm 4 discards a post-renderer's stderr, so the
# report travels in the file name below and Helm prints it as "YAML parse error on <report>".
# kind is deliberately not a string: this document can never be installed.
apiVersion: kserve-canary.io/v1
kind:
  refused: true
metadata:
  name: kserve-canary-refused
  annotations:
    postrenderer.helm.sh/postrender-filename: |-
$(cat "$tmp/report")
DOC
exit 0
