#!/bin/sh
# The kserve-canary version is written in one place: `static let version = "X.Y.Z"` of
# KServeCanaryCommand in Sources/KServeCanaryCLI/KServeCanaryCommand.swift (found anywhere under
# Sources/ should that file move). Helm needs it in every plugin.yaml (a postrenderer/v1 plugin
# must have one) and the charts carry it as `appVersion`, so those are copies that this script
# writes and checks (scripts/release.sh refuses to release while they differ).
#
#   scripts/plugin-version.sh           print the version
#   scripts/plugin-version.sh --check   exit 1 unless every plugin.yaml and Chart.yaml appVersion carries it
#   scripts/plugin-version.sh --write   write it into every plugin.yaml and Chart.yaml appVersion
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/plugin-lib.sh
. "$root/scripts/plugin-lib.sh"

# The declaration, with any modifiers before `static` (public, package, nonisolated, ...).
pattern='^[[:space:]]*\([a-z]\{1,\}[[:space:]]\{1,\}\)*static let version = "\([^"]*\)".*$'
read_version() { sed -n "s/$pattern/\\2/p" "$1" | head -n 1; }
source_file=$root/Sources/KServeCanaryCLI/KServeCanaryCommand.swift
version=
[ -f "$source_file" ] && version=$(read_version "$source_file")
if [ -z "$version" ]; then
  candidates=$(grep -rlE '^[[:space:]]*([a-z]+[[:space:]]+)*static let version = "' "$root/Sources" --include='*.swift' || true)
  if [ "$(printf '%s' "$candidates" | grep -c .)" = 1 ]; then
    source_file=$candidates
    version=$(read_version "$source_file")
  fi
fi
[ -n "$version" ] || {
  echo "plugin-version.sh: no \`static let version = \"X.Y.Z\"\` in $source_file (nor exactly one under Sources/)" >&2
  exit 1
}
plugins="$root/plugin.yaml $root/plugins/kserve-canary-postrenderer/plugin.yaml"
charts="$root/charts/kserve-model/Chart.yaml $root/charts/kserve-general/Chart.yaml"

# The appVersion of a Chart.yaml.
app_version() {
  sed -n 's/^appVersion:[[:space:]]*["'\'']\{0,1\}\([^"'\'' ]*\).*$/\1/p' "$1" | head -n 1
}

case "${1:-}" in
  "") printf '%s\n' "$version" ;;
  --check)
    status=0
    for f in $plugins; do
      got=$(kc_plugin_yaml_version "$f")
      if [ "$got" != "$version" ]; then
        echo "plugin-version.sh: $f has version \"$got\", the source has \"$version\"; run scripts/plugin-version.sh --write" >&2
        status=1
      fi
    done
    for f in $charts; do
      got=$(app_version "$f")
      if [ "$got" != "$version" ]; then
        echo "plugin-version.sh: $f has appVersion \"$got\", the source has \"$version\"; run scripts/plugin-version.sh --write" >&2
        status=1
      fi
    done
    exit $status
    ;;
  --write)
    for f in $plugins; do
      sed "s/^version:.*\$/version: \"$version\"/" "$f" >"$f.tmp.$$" && mv -f "$f.tmp.$$" "$f"
    done
    for f in $charts; do
      sed "s/^appVersion:.*\$/appVersion: \"$version\"/" "$f" >"$f.tmp.$$" && mv -f "$f.tmp.$$" "$f"
    done
    ;;
  *) echo "usage: scripts/plugin-version.sh [--check|--write]" >&2; exit 64 ;;
esac
