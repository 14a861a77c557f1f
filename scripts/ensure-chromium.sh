#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed (for the browser test) and prints its path.
# Installs it with apt when missing (needs root, as in CI); CHROMIUM_PATH points at another build.
set -euo pipefail
log() { printf '[ensure-chromium] %s\n' "$*" >&2; }
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  # Root (CI containers) runs apt itself; elsewhere only a password-less sudo (e.g. GitHub's runners).
  if [ "$(id -u)" = 0 ]; then as_root=(env); elif sudo -n true 2>/dev/null; then as_root=(sudo -n); else
    log "Chromium is missing: run 'sudo apt-get install -y --no-install-recommends chromium' or set CHROMIUM_PATH"
    exit 1
  fi
  log "installing Debian's chromium with apt (one time)"
  exec 9>/tmp/.ensure-chromium.lock
  flock 9
  if [ ! -x "$chromium" ]; then
    "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >&2 ||
      { "${as_root[@]}" apt-get update >&2 &&
        "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >&2; }
  fi
fi
printf '%s\n' "$chromium"
