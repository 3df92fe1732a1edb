# shellcheck shell=sh
# Shared by the kserve-canary Helm plugin scripts (sourced, not run).
#
# The binary a plugin runs: $HELM_PLUGIN_DIR/bin/kserve-canary (put there by the install hook,
# scripts/plugin-install.sh), else kserve-canary on PATH (for installs with
# HELM_KSERVE_CANARY_SKIP_BUILD=1 that provide the binary themselves).

# The plugin directory: $HELM_PLUGIN_DIR as Helm sets it, else the directory above scripts/.
kc_plugin_dir() {
  if [ -n "${HELM_PLUGIN_DIR:-}" ]; then
    printf '%s\n' "$HELM_PLUGIN_DIR"
  else
    (cd "$(dirname "$0")/.." && pwd)
  fi
}

# Prints the path of the kserve-canary binary to run; returns 1 when there is none.
kc_binary() {
  kc_dir=$(kc_plugin_dir)
  if [ -x "$kc_dir/bin/kserve-canary" ]; then
    printf '%s\n' "$kc_dir/bin/kserve-canary"
  elif command -v kserve-canary >/dev/null 2>&1; then
    command -v kserve-canary
  else
    return 1
  fi
}

# The message printed when there is no binary.
kc_missing_binary() {
  printf '%s\n' \
    "kserve-canary: the plugin has no binary: neither $(kc_plugin_dir)/bin/kserve-canary nor kserve-canary on PATH" \
    "kserve-canary: reinstall the plugin (its install hook downloads the released binary; see docs/helm-plugin.md), or reinstall with KSERVE_CANARY_BINARY=/path/to/kserve-canary"
}

# The version in a plugin.yaml (its `version:` line).
kc_plugin_yaml_version() {
  sed -n 's/^version:[[:space:]]*["'\'']\{0,1\}\([^"'\'' ]*\).*$/\1/p' "$1" | head -n 1
}
