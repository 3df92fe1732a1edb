#!/bin/sh
# The code must also compile on macOS (the release builds a darwin-arm64 binary): every
# `import Glibc` and every `Glibc.` qualified call must sit in a branch that only Linux compiles:
# `#if canImport(Glibc)` / `#if os(Linux)` (or an `#elseif` so conditioned), or the `#else` /
# `#elseif` of an `#if canImport(Darwin)` / `#if os(macOS)`. Prints each unguarded place as
# `file:line: ...` and exits 1 when there is one.
#
# Usage: scripts/check-glibc.sh [DIR...]   (default: Sources)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ $# -gt 0 ] || set -- Sources

files=$(find "$@" -name '*.swift' -type f | LC_ALL=C sort)
[ -n "$files" ] || { echo "check-glibc: no Swift files in $*" >&2; exit 1; }

# shellcheck disable=SC2086 # file names without spaces, one per line
awk '
  function linux(cond) { return cond ~ /canImport\(Glibc\)|os\(Linux\)|canImport\(Musl\)|os\(Android\)/ }
  function darwin(cond) { return cond ~ /canImport\(Darwin\)|os\(macOS\)|os\(iOS\)|os\(Darwin\)/ }
  FNR == 1 { depth = 0 }
  {
    line = $0
    sub(/\/\/.*/, "", line)                      # comments (and doc comments) say nothing
    if (line ~ /^[ \t]*#if[ \t(]/) {
      cond = line; sub(/^[ \t]*#if/, "", cond)
      depth++; guarded[depth] = linux(cond) && cond !~ /!/; sawDarwin[depth] = darwin(cond) && cond !~ /!/
      next
    }
    if (line ~ /^[ \t]*#elseif[ \t(]/) {
      cond = line; sub(/^[ \t]*#elseif/, "", cond)
      guarded[depth] = (linux(cond) && cond !~ /!/) || sawDarwin[depth]
      if (darwin(cond) && cond !~ /!/) sawDarwin[depth] = 1
      next
    }
    if (line ~ /^[ \t]*#else([ \t]|$)/) { guarded[depth] = sawDarwin[depth]; next }
    if (line ~ /^[ \t]*#endif/) { if (depth > 0) depth--; next }
    if (line ~ /(^|[^A-Za-z0-9_])import[ \t]+Glibc([^A-Za-z0-9_]|$)/ || line ~ /(^|[^A-Za-z0-9_.])Glibc\./) {
      ok = 0
      for (d = 1; d <= depth; d++) if (guarded[d]) ok = 1
      if (!ok) {
        text = $0; sub(/^[ \t]+/, "", text)
        printf "%s:%d: unguarded Glibc (wrap it in #if canImport(Glibc) ... #elseif canImport(Darwin) ... #endif): %s\n", FILENAME, FNR, text
        bad++
      }
    }
  }
  END { exit bad ? 1 : 0 }
' $files
