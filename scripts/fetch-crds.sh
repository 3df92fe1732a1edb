#!/bin/sh
# Finds the upstream CRDs the tests validate against, downloading them when needed, and prints
# their directory on stdout (scripts/test.sh: KSERVE_CANARY_CRDS=$(scripts/fetch-crds.sh)).
#
#   1. $KSERVE_CANARY_CRDS when set (it must then hold kserve/, istio/ and flux/);
#   2. ../shared/crds next to the repository, when it exists;
#   3. otherwise DIR (default .tools/crds): every file named in crds/manifest.tsv is downloaded
#      from its upstream URL (or $KSERVE_CANARY_CRDS_URL/<relative path>, a mirror laid out like
#      the directory) and kept only when its SHA-256 matches the manifest. Files already there
#      with the right checksum are not downloaded again.
#
# A download that fails or does not match leaves nothing behind for that file and exits 1 with
# a message that says what to do (offline: set KSERVE_CANARY_CRDS or KSERVE_CANARY_CRDS_URL).
#
# Usage: scripts/fetch-crds.sh [--out DIR]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/download-lib.sh
. "$root/scripts/download-lib.sh"
manifest=$root/crds/manifest.tsv
out=$root/.tools/crds

while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || { echo "fetch-crds.sh: --out needs a directory" >&2; exit 64; }; out=$2; shift 2 ;;
    --out=*) out=${1#--out=}; shift ;;
    -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fetch-crds.sh: unknown argument $1 (usage: scripts/fetch-crds.sh [--out DIR])" >&2; exit 64 ;;
  esac
done

say() { printf 'fetch-crds: %s\n' "$*" >&2; }
has_crds() { [ -d "$1/kserve" ] && [ -d "$1/istio" ] && [ -d "$1/flux" ]; }

if [ -n "${KSERVE_CANARY_CRDS:-}" ]; then
  has_crds "$KSERVE_CANARY_CRDS" || {
    say "KSERVE_CANARY_CRDS=$KSERVE_CANARY_CRDS does not hold kserve/, istio/ and flux/ (see crds/manifest.tsv)"
    exit 1
  }
  (cd "$KSERVE_CANARY_CRDS" && pwd)
  exit 0
fi
if has_crds "$root/../shared/crds"; then
  (cd "$root/../shared/crds" && pwd)
  exit 0
fi

[ -f "$manifest" ] || { say "no manifest at $manifest"; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
base=${KSERVE_CANARY_CRDS_URL:-}
base=${base%/}
tab=$(printf '\t')
fetched=0
kept=0
while IFS="$tab" read -r path sum url _commit; do
  case "$path" in "" | "#"*) continue ;; esac
  case "$path" in /* | *..*) say "refusing the manifest path $path"; exit 1 ;; esac
  target=$out/$path
  if [ -f "$target" ] && [ "$(kc_sha256 "$target")" = "$sum" ]; then
    kept=$((kept + 1))
    continue
  fi
  [ -n "$base" ] && url=$base/$path
  mkdir -p "$(dirname "$target")"
  tmp=$target.part.$$
  if ! kc_download "$url" "$tmp"; then
    rm -f "$tmp"
    say "could not download $url"
    say "the tests need the upstream CRDs listed in crds/manifest.tsv. Offline, either set"
    say "KSERVE_CANARY_CRDS=/path/to/crds (a directory with kserve/, istio/, flux/ as in the manifest), or"
    say "KSERVE_CANARY_CRDS_URL=<mirror> (serving the same relative paths), or put them in ../shared/crds"
    exit 1
  fi
  got=$(kc_sha256 "$tmp")
  if [ "$got" != "$sum" ]; then
    rm -f "$tmp" "$target"
    say "checksum mismatch for $path from $url: expected sha256 $sum, got $got; not kept"
    exit 1
  fi
  mv -f "$tmp" "$target"
  fetched=$((fetched + 1))
done <"$manifest"
say "$out: $fetched downloaded, $kept already there, all verified against crds/manifest.tsv"
printf '%s\n' "$out"
