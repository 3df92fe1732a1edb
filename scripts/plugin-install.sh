#!/bin/sh
# Install and update hook of both kserve-canary Helm plugins (plugin.yaml at the top of the
# repository, plugins/kserve-canary-postrenderer/plugin.yaml). Puts the binary that the plugin
# runs at $HELM_PLUGIN_DIR/bin/kserve-canary, by the first route that applies:
#
#   HELM_KSERVE_CANARY_SKIP_BUILD=1               do nothing: the plugin then runs kserve-canary
#                                                 from PATH (put it there yourself)
#   KSERVE_CANARY_BINARY=/path/to/kserve-canary   copy that binary
#   KSERVE_CANARY_BUILD=1                         `swift build -c release` in the source checkout
#                                                 the plugin lives in (the plugin directory, or two
#                                                 levels up for plugins/<name>); needs Swift 6
#   otherwise (the default)                       download the released binary: from
#       ${KSERVE_CANARY_RELEASE_URL:-<releases of the repository in scripts/release.env>}/v<version>/
#       kserve-canary-<version>-<os>-<arch>.tar.gz and SHA256SUMS, <version> being the plugin's,
#       <os> linux or darwin, <arch> as `uname -m` prints it. The archive is installed only when
#       its SHA-256 is the one SHA256SUMS names for it and the binary says `--version` <version>.
#       KSERVE_CANARY_RELEASE_URL may be a file:// URL (a release directory on disk).
#
# A failed install leaves no binary at $HELM_PLUGIN_DIR/bin/kserve-canary; a failed update keeps
# the one that was there. Messages go to stderr (Helm shows them); stdout stays Helm's.
#
# The version is written once, in Sources/KServeCanaryCLI/KServeCanaryCommand.swift; the
# plugin.yaml files carry a copy (scripts/plugin-version.sh --write), and this hook refuses a
# built or downloaded binary whose `--version` differs from plugin.yaml (a given binary only gets
# a warning).
#
# Usage: plugin-install.sh [--update]
set -eu
here=$(dirname "$0")
# shellcheck source=scripts/plugin-lib.sh
. "$here/plugin-lib.sh"
# shellcheck source=scripts/download-lib.sh
. "$here/download-lib.sh"
# shellcheck source=scripts/release.env
. "$here/release.env"

mode=install
[ "${1:-}" = "--update" ] && mode=update
dir=$(kc_plugin_dir)
name=${HELM_PLUGIN_NAME:-kserve-canary}
target=$dir/bin/kserve-canary
staged=$dir/bin/.kserve-canary.$$
tmp=
say() { printf '%s %s: %s\n' "$name" "$mode" "$*" >&2; }

cleanup() {
  status=$?
  [ -n "$tmp" ] && rm -rf "$tmp"
  rm -f "$staged"
  if [ "$status" -ne 0 ] && [ "$mode" = install ] && [ -e "$target" ]; then
    rm -f "$target"
    say "removed $target: the plugin has no binary until an install succeeds"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
fail() { say "error: $*"; exit 1; }

enabled() {
  case "${1:-}" in "" | 0 | false | no) return 1 ;; *) return 0 ;; esac
}

want=$(kc_plugin_yaml_version "$dir/plugin.yaml")
[ -n "$want" ] || fail "no version in $dir/plugin.yaml"

if enabled "${HELM_KSERVE_CANARY_SKIP_BUILD:-}"; then
  say "HELM_KSERVE_CANARY_SKIP_BUILD is set: installing no binary; the plugin runs kserve-canary from PATH"
  exit 0
fi

# download_release: leaves the verified binary at $tmp/kserve-canary.
download_release() {
  os=$(uname -s | tr '[:upper:]' '[:lower:]')
  arch=$(uname -m)
  base=${KSERVE_CANARY_RELEASE_URL:-$KSERVE_CANARY_RELEASES}
  base=${base%/}/v$want
  asset=kserve-canary-$want-$os-$arch.tar.gz
  hint="or install without a download: KSERVE_CANARY_BUILD=1 (with the Swift 6 toolchain and a checkout) or KSERVE_CANARY_BINARY=/path/to/kserve-canary"
  say "downloading $base/$asset"
  kc_download "$base/SHA256SUMS" "$tmp/SHA256SUMS" ||
    fail "could not download $base/SHA256SUMS ($hint)"
  expected=$(kc_sums_entry "$tmp/SHA256SUMS" "$asset") ||
    fail "$base/SHA256SUMS has no (single, valid) entry for $asset: refusing to install an unverified binary"
  kc_download "$base/$asset" "$tmp/$asset" ||
    fail "could not download $base/$asset (no release for $os-$arch? released: linux-x86_64, linux-aarch64, darwin-arm64; $hint)"
  got=$(kc_sha256 "$tmp/$asset") || fail "cannot compute a SHA-256 (install sha256sum or shasum)"
  [ "$got" = "$expected" ] ||
    fail "checksum mismatch for $asset: SHA256SUMS says $expected, the download is $got; nothing installed"
  mkdir -p "$tmp/unpacked"
  tar -xzf "$tmp/$asset" -C "$tmp/unpacked" kserve-canary || fail "$asset holds no kserve-canary at its top level"
  if [ ! -f "$tmp/unpacked/kserve-canary" ] || [ -L "$tmp/unpacked/kserve-canary" ]; then
    fail "$asset: kserve-canary is not a regular file"
  fi
  mv "$tmp/unpacked/kserve-canary" "$tmp/kserve-canary"
  chmod 755 "$tmp/kserve-canary"
  say "verified sha256 $got ($asset)"
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kserve-canary-install.XXXXXX")
if [ -n "${KSERVE_CANARY_BINARY:-}" ]; then
  src=$KSERVE_CANARY_BINARY
  if [ ! -f "$src" ] || [ ! -x "$src" ]; then fail "KSERVE_CANARY_BINARY=$src is not an executable file"; fi
  strict=false
  say "using the given binary $src"
elif enabled "${KSERVE_CANARY_BUILD:-}"; then
  command -v swift >/dev/null 2>&1 ||
    fail "KSERVE_CANARY_BUILD is set but swift is not on PATH: install the Swift 6 toolchain, or unset it to download the released binary"
  physical=$(cd -P "$dir" && pwd)
  root=
  for candidate in "$physical" "$physical/../.."; do
    if [ -f "$candidate/Package.swift" ] && grep -q '"kserve-canary"' "$candidate/Package.swift"; then
      root=$(cd "$candidate" && pwd)
      break
    fi
  done
  [ -n "$root" ] ||
    fail "KSERVE_CANARY_BUILD is set but there is no kserve-canary source checkout around $physical"
  say "swift build -c release --package-path $root"
  # The build log goes to stderr: Helm shows it, and stdout stays Helm's.
  swift build -c release --package-path "$root" >&2 || fail "swift build failed"
  src="$(swift build -c release --package-path "$root" --show-bin-path)/kserve-canary"
  strict=true
else
  download_release
  src=$tmp/kserve-canary
  strict=true
fi

# Check the new binary before it replaces anything.
got=$("$src" --version 2>/dev/null) || fail "$src --version failed (a binary for another platform?)"
if [ "$got" != "$want" ]; then
  if [ "$strict" = true ]; then
    fail "kserve-canary $got but the plugin is $want: refusing it (run scripts/plugin-version.sh --write after changing the version)"
  fi
  say "warning: the given binary is kserve-canary $got, the plugin is $want"
fi

mkdir -p "$dir/bin"
cp "$src" "$staged"
chmod 755 "$staged"
mv -f "$staged" "$target"
say "kserve-canary $got at $target"
