#!/bin/sh
# The kserve-canary version is written in one place: `static let version` in
# Sources/KServeCanaryCLI/KServeCanaryCommand.swift. Helm needs it in every plugin.yaml as well
# (a postrenderer/v1 plugin must have one), so those are copies that this script writes and checks.
#
#   scripts/plugin-version.sh           print the version
#   scripts/plugin-version.sh --check   exit 1 unless every plugin.yaml carries it
#   scripts/plugin-version.sh --write   write it into every plugin.yaml
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/plugin-lib.sh
. "$root/scripts/plugin-lib.sh"
source_file=$root/Sources/KServeCanaryCLI/KServeCanaryCommand.swift
version=$(sed -n 's/^[[:space:]]*public static let version = "\([^"]*\)".*$/\1/p' "$source_file" | head -n 1)
[ -n "$version" ] || { echo "plugin-version.sh: no version in $source_file" >&2; exit 1; }
files="$root/plugin.yaml $root/plugins/kserve-canary-postrenderer/plugin.yaml"

case "${1:-}" in
  "") printf '%s\n' "$version" ;;
  --check)
    status=0
    for f in $files; do
      got=$(kc_plugin_yaml_version "$f")
      if [ "$got" != "$version" ]; then
        echo "plugin-version.sh: $f has version \"$got\", the source has \"$version\"; run scripts/plugin-version.sh --write" >&2
        status=1
      fi
    done
    exit $status
    ;;
  --write)
    for f in $files; do
      sed "s/^version:.*\$/version: \"$version\"/" "$f" >"$f.tmp.$$" && mv -f "$f.tmp.$$" "$f"
    done
    ;;
  *) echo "usage: scripts/plugin-version.sh [--check|--write]" >&2; exit 64 ;;
esac
