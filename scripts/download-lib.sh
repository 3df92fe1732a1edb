# shellcheck shell=sh
# Downloading and checksums for the plugin install hook (scripts/plugin-install.sh) and
# scripts/fetch-crds.sh (sourced, not run). POSIX sh; works with curl or wget, sha256sum or shasum.

# kc_download URL FILE: writes URL's body to FILE; returns non-zero (FILE removed) when it fails.
# file:// URLs are copied, so a release directory on disk works without a server.
kc_download() {
  case "$1" in
    file://*)
      cp "${1#file://}" "$2" 2>/dev/null && return 0
      ;;
    *)
      if command -v curl >/dev/null 2>&1; then
        curl -fsSL --retry 3 --retry-delay 2 --connect-timeout 20 -o "$2" "$1" && return 0
      elif command -v wget >/dev/null 2>&1; then
        wget -q --tries=3 --timeout=20 -O "$2" "$1" && return 0
      else
        echo "neither curl nor wget found: install one of them" >&2
      fi
      ;;
  esac
  rm -f "$2"
  return 1
}

# kc_sha256 FILE: prints FILE's SHA-256 (lower-case hex).
kc_sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | awk '{print $1}'
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | awk '{print $1}'
  else
    echo "neither sha256sum nor shasum found" >&2
    return 1
  fi
}

# kc_sums_entry SUMS NAME: prints NAME's checksum from a file in `sha256sum` format (text or binary
# mode); returns 1 unless there is exactly one well-formed entry.
kc_sums_entry() {
  awk -v name="$2" '
    $2 == name || $2 == "*" name { found = found + 1; sum = $1 }
    END {
      if (found != 1 || sum !~ /^[0-9a-fA-F]+$/ || length(sum) != 64) exit 1
      print tolower(sum)
    }' "$1"
}
