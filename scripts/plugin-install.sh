#!/bin/sh
# Install and update hook of both kserve-canary Helm plugins (plugin.yaml at the top of the
# repository, plugins/kserve-canary-postrenderer/plugin.yaml). Puts the binary that the plugin
# runs at $HELM_PLUGIN_DIR/bin/kserve-canary:
#
#   KSERVE_CANARY_BINARY=/path/to/kserve-canary   copy that binary, build nothing
#   HELM_KSERVE_CANARY_SKIP_BUILD=1               do nothing: the plugin then runs kserve-canary
#                                                 from PATH (put it there yourself)
#   otherwise                                     `swift build -c release` in the source checkout
#                                                 the plugin lives in (the plugin directory, or two
#                                                 levels up for plugins/<name>), then copy
#                                                 .build/release/kserve-canary
#
# The version is written once, in Sources/KServeCanaryCLI/KServeCanaryCommand.swift; the
# plugin.yaml files carry a copy (scripts/plugin-version.sh --write), and this hook refuses a
# built binary whose `--version` differs from plugin.yaml (a given binary only gets a warning).
#
# Usage: plugin-install.sh [--update]
set -eu
# shellcheck source=scripts/plugin-lib.sh
. "$(dirname "$0")/plugin-lib.sh"

mode=install
[ "${1:-}" = "--update" ] && mode=update
dir=$(kc_plugin_dir)
name=${HELM_PLUGIN_NAME:-kserve-canary}
say() { printf '%s %s: %s\n' "$name" "$mode" "$*" >&2; }
fail() { say "error: $*"; exit 1; }

want=$(kc_plugin_yaml_version "$dir/plugin.yaml")
[ -n "$want" ] || fail "no version in $dir/plugin.yaml"

case "${HELM_KSERVE_CANARY_SKIP_BUILD:-}" in
  "" | 0 | false | no) ;;
  *)
    say "HELM_KSERVE_CANARY_SKIP_BUILD is set: not building; the plugin runs kserve-canary from PATH"
    exit 0
    ;;
esac

if [ -n "${KSERVE_CANARY_BINARY:-}" ]; then
  src=$KSERVE_CANARY_BINARY
  [ -f "$src" ] && [ -x "$src" ] || fail "KSERVE_CANARY_BINARY=$src is not an executable file"
  built=false
  say "using the given binary $src"
else
  command -v swift >/dev/null 2>&1 ||
    fail "swift not found: install the Swift 6 toolchain, or set KSERVE_CANARY_BINARY=/path/to/kserve-canary (or HELM_KSERVE_CANARY_SKIP_BUILD=1)"
  physical=$(cd -P "$dir" && pwd)
  root=
  for candidate in "$physical" "$physical/../.."; do
    if [ -f "$candidate/Package.swift" ] && grep -q '"kserve-canary"' "$candidate/Package.swift"; then
      root=$(cd "$candidate" && pwd)
      break
    fi
  done
  [ -n "$root" ] ||
    fail "no kserve-canary source checkout around $physical: set KSERVE_CANARY_BINARY=/path/to/kserve-canary (or HELM_KSERVE_CANARY_SKIP_BUILD=1)"
  say "swift build -c release --package-path $root"
  # The build log goes to stderr: Helm shows it, and stdout stays Helm's.
  swift build -c release --package-path "$root" >&2 || fail "swift build failed"
  src="$(swift build -c release --package-path "$root" --show-bin-path)/kserve-canary"
  built=true
fi

mkdir -p "$dir/bin"
cp "$src" "$dir/bin/.kserve-canary.$$"
chmod 755 "$dir/bin/.kserve-canary.$$"
mv -f "$dir/bin/.kserve-canary.$$" "$dir/bin/kserve-canary"

got=$("$dir/bin/kserve-canary" --version 2>/dev/null) || fail "$dir/bin/kserve-canary --version failed"
if [ "$got" != "$want" ]; then
  if [ "$built" = true ]; then
    fail "built kserve-canary $got but plugin.yaml says $want: run scripts/plugin-version.sh --write"
  fi
  say "warning: the given binary is kserve-canary $got, the plugin is $want"
fi
say "kserve-canary $got at $dir/bin/kserve-canary"
