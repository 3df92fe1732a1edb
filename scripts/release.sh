#!/usr/bin/env bash
# Builds a kserve-canary release from this checkout into DIR:
#
#   kserve-canary-<version>-<os>-<arch>.tar.gz   the kserve-canary binary at the top level (plus
#                                               README.md); <os> is linux or darwin, <arch> what
#                                               `uname -m` prints (x86_64, aarch64, arm64)
#   kserve-model-<chart version>.tgz             `helm package charts/kserve-model`
#   kserve-general-<chart version>.tgz           `helm package charts/kserve-general`
#   kserve-canary-postrenderer.tgz               the Helm 4 post-renderer plugin (`helm plugin package`,
#                                               unsigned; scripts/ included), when Helm 4 is at hand;
#                                               no version in the name, so releases/latest/download/
#                                               finds it (its plugin.yaml carries the version)
#   SHA256SUMS                                   `sha256sum` format, every kserve-* archive in DIR
#                                               (so archives of other platforms copied into DIR
#                                               before are covered too)
#
# The binary needs no Swift runtime and no libyaml on the target. Linux: `--static-swift-stdlib`,
# and libyaml linked statically: the CYAML module map autolinks `-lyaml`, so a release-time
# yaml-0.1.pc in a temporary PKG_CONFIG_PATH puts a directory holding only libyaml.a first on the
# library search path (no change to Package.swift). The result is checked: `ldd` must name no
# libswift*, libFoundation*, libdispatch, libBlocksRuntime or libyaml, every library it names must
# resolve, and the binary must post-render under `env -i PATH=/usr/bin:/bin`. Whatever else the
# binary links (a future SwiftNIO/BoringSSL adds only code, zlib would add libz) is listed, not
# refused. macOS: the Swift runtime is the system's; libyaml is linked statically the same way
# and `otool -L` must not name it.
#
# The version is written once (`static let version` in Sources/KServeCanaryCLI, read by
# scripts/plugin-version.sh); the release refuses when the plugin.yaml files, the charts'
# `appVersion` or the built binary's `--version` disagree with it.
#
# Usage: scripts/release.sh --out DIR [--charts-only] [--scratch-path PATH] [--configuration release|debug]
#   --configuration C    SwiftPM configuration (default release). scripts/test.sh packages a debug
#                        build (same static linking, same checks, same archive; unoptimized code)
#                        to keep CI short; published releases are always release builds.
#   --charts-only        no binary: package the charts (and the Helm 4 plugin) and write SHA256SUMS
#                        over DIR (the release workflow merges the platforms' archives this way)
#   --scratch-path PATH  SwiftPM build directory (default .build-release; kept for incremental builds)
# Environment: HELM (default: HELM4 from .tools/env.sh, else helm on PATH).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

out=
charts_only=false
scratch=$root/.build-release
configuration=release
usage() {
  echo "usage: scripts/release.sh --out DIR [--charts-only] [--scratch-path PATH] [--configuration release|debug]" >&2
  exit 64
}
while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
    --out=*) out=${1#--out=}; shift ;;
    --charts-only) charts_only=true; shift ;;
    --scratch-path) [ $# -ge 2 ] || usage; scratch=$2; shift 2 ;;
    --configuration)
      [ $# -ge 2 ] || usage
      case "$2" in release | debug) configuration=$2 ;; *) usage ;; esac
      shift 2
      ;;
    -h | --help) sed -n '2,38p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) usage ;;
  esac
done
[ -n "$out" ] || usage

log() { printf 'release: %s\n' "$*" >&2; }
fail() { printf 'release: error: %s\n' "$*" >&2; exit 1; }

# --- versions ---------------------------------------------------------------------------------
version=$(scripts/plugin-version.sh) || fail "cannot read the version"
scripts/plugin-version.sh --check || fail "the plugin.yaml files or Chart.yaml appVersions disagree with $version"
chart_version() { sed -n 's/^version:[[:space:]]*["'\'']\{0,1\}\([^"'\'' ]*\).*$/\1/p' "charts/$1/Chart.yaml" | head -n 1; }
model_version=$(chart_version kserve-model)
general_version=$(chart_version kserve-general)
if [ -z "$model_version" ] || [ -z "$general_version" ]; then fail "no chart version in charts/*/Chart.yaml"; fi

os=$(uname -s | tr '[:upper:]' '[:lower:]')
arch=$(uname -m)
archive=kserve-canary-$version-$os-$arch.tar.gz

HELM=${HELM:-}
if [ -z "$HELM" ] && [ -f .tools/env.sh ]; then
  # shellcheck source=/dev/null
  HELM=$(. .tools/env.sh && printf '%s' "${HELM4:-}")
fi
[ -n "$HELM" ] || HELM=$(command -v helm || true)
[ -n "$HELM" ] || fail "helm not found: set HELM or run scripts/install-tools.sh"
helm_major=$("$HELM" version --template '{{.Version}}' | sed -E 's/^v([0-9]+).*/\1/')

mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kserve-canary-release.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --- the binary -------------------------------------------------------------------------------
# static_yaml_pkgconfig DIR: writes DIR/yaml-0.1.pc whose Libs put DIR/lib (holding only
# libyaml.a) first on the search path, so the autolinked -lyaml resolves to the archive.
static_yaml_pkgconfig() {
  local dir=$1 libdir includedir static
  libdir=$(pkg-config --variable=libdir yaml-0.1) || fail "pkg-config finds no yaml-0.1 (install libyaml-dev)"
  includedir=$(pkg-config --variable=includedir yaml-0.1)
  static=$libdir/libyaml.a
  [ -f "$static" ] || fail "no static libyaml at $static (Debian: libyaml-dev; macOS: brew install libyaml)"
  mkdir -p "$dir/lib"
  ln -s "$static" "$dir/lib/libyaml.a"
  cat >"$dir/yaml-0.1.pc" <<PC
Name: LibYAML
Description: libyaml linked statically (kserve-canary release build)
Version: $(pkg-config --modversion yaml-0.1)
Cflags: -I$includedir
Libs: -L$dir/lib -lyaml
PC
}

# check_linux_binary BIN: no Swift runtime, Foundation or libyaml; everything resolves; runs bare.
check_linux_binary() {
  local bin=$1 deps
  deps=$(ldd "$bin" 2>&1) || fail "ldd $bin failed: $deps"
  log "ldd $(basename "$bin"):"
  printf '%s\n' "$deps" | sed 's/^/release:   /' >&2
  if printf '%s\n' "$deps" | grep -Eq 'not found'; then fail "$bin needs libraries that are not found"; fi
  if printf '%s\n' "$deps" | grep -Eiq 'libswift|libFoundation|libdispatch|libBlocksRuntime|libyaml|lib_FoundationICU|libicu'; then
    fail "$bin is not self-contained (Swift runtime, Foundation or libyaml linked dynamically)"
  fi
}

# check_runs BIN: --version under an empty environment, and a post-render of a small stream.
check_runs() {
  local bin=$1 got rendered
  got=$(env -i PATH=/usr/bin:/bin "$bin" --version) || fail "$bin --version fails under env -i"
  [ "$got" = "$version" ] || fail "the built binary says $got, the source says $version"
  rendered=$(printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' | env -i PATH=/usr/bin:/bin "$bin") ||
    fail "$bin cannot post-render under env -i"
  [ "$rendered" = "$(printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n')" ] ||
    fail "$bin changed a document it does not own under env -i"
}

if [ "$charts_only" = false ]; then
  command -v swift >/dev/null 2>&1 || fail "swift not found (use --charts-only to package the charts alone)"
  static_yaml_pkgconfig "$tmp/pkgconfig"
  flags=(-c "$configuration" --product kserve-canary --scratch-path "$scratch")
  [ "$os" = linux ] && flags+=(--static-swift-stdlib)
  log "swift build ${flags[*]} (PKG_CONFIG_PATH with a static libyaml)"
  PKG_CONFIG_PATH="$tmp/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" swift build "${flags[@]}" >&2 ||
    fail "swift build failed"
  bin="$(swift build "${flags[@]}" --show-bin-path)/kserve-canary"
  mkdir -p "$tmp/pkg"
  cp "$bin" "$tmp/pkg/kserve-canary"
  case "$os" in
    linux)
      command -v strip >/dev/null 2>&1 && strip "$tmp/pkg/kserve-canary"
      check_linux_binary "$tmp/pkg/kserve-canary"
      ;;
    darwin)
      if otool -L "$tmp/pkg/kserve-canary" | grep -q libyaml; then fail "libyaml is linked dynamically"; fi
      ;;
  esac
  check_runs "$tmp/pkg/kserve-canary"
  cp README.md "$tmp/pkg/README.md"
  chmod 755 "$tmp/pkg/kserve-canary"
  chmod 644 "$tmp/pkg/README.md"
  # Reproducible where GNU tar is available: fixed order, owner and time (the commit's).
  mtime=$(git log -1 --format=%ct 2>/dev/null || echo 0)
  if tar --version 2>/dev/null | grep -q 'GNU tar'; then
    tar -C "$tmp/pkg" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" \
      -cf "$tmp/archive.tar" kserve-canary README.md
  else
    tar -C "$tmp/pkg" -cf "$tmp/archive.tar" kserve-canary README.md
  fi
  gzip -n -9 <"$tmp/archive.tar" >"$out/$archive"
  log "$archive ($(wc -c <"$out/$archive" | tr -d ' ') bytes)"
fi

# --- charts and the Helm 4 plugin -------------------------------------------------------------
rm -f "$out/kserve-model-$model_version.tgz" "$out/kserve-general-$general_version.tgz"
"$HELM" package charts/kserve-model -d "$out" >&2
"$HELM" package charts/kserve-general -d "$out" >&2
if [ ! -f "$out/kserve-model-$model_version.tgz" ] || [ ! -f "$out/kserve-general-$general_version.tgz" ]; then
  fail "helm package wrote no kserve-model-$model_version.tgz / kserve-general-$general_version.tgz"
fi

if [ "$helm_major" -ge 4 ]; then
  # The post-renderer plugin's scripts/ is a symlink to the repository's scripts/: package a copy.
  plugin=$tmp/kserve-canary-postrenderer
  mkdir -p "$plugin/scripts"
  cp plugins/kserve-canary-postrenderer/plugin.yaml "$plugin/"
  cp scripts/plugin-install.sh scripts/plugin-lib.sh scripts/plugin-postrender.sh scripts/download-lib.sh \
    scripts/release.env "$plugin/scripts/"
  rm -f "$out/kserve-canary-postrenderer.tgz"
  "$HELM" plugin package "$plugin" -d "$tmp" --sign=false >&2
  [ -f "$tmp/kserve-canary-postrenderer-$version.tgz" ] || fail "helm plugin package wrote no kserve-canary-postrenderer-$version.tgz"
  mv "$tmp/kserve-canary-postrenderer-$version.tgz" "$out/kserve-canary-postrenderer.tgz"
else
  log "Helm $helm_major cannot package plugins: no kserve-canary-postrenderer.tgz (use Helm 4)"
fi

# --- checksums --------------------------------------------------------------------------------
(
  cd "$out"
  rm -f SHA256SUMS
  files=$(find . -maxdepth 1 -type f \( -name 'kserve-*.tar.gz' -o -name 'kserve-*.tgz' \) | sed 's|^\./||' | LC_ALL=C sort)
  [ -n "$files" ] || fail "nothing to checksum in $out"
  if command -v sha256sum >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    sha256sum $files >SHA256SUMS.tmp
  else
    # shellcheck disable=SC2086
    shasum -a 256 $files >SHA256SUMS.tmp
  fi
  mv SHA256SUMS.tmp SHA256SUMS
)
log "$out: $(wc -l <"$out/SHA256SUMS" | tr -d ' ') files in SHA256SUMS"
printf '%s\n' "$out"
