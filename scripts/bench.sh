#!/usr/bin/env bash
# npm run bench: builds the package, compiles the benchmark with the project's tsc into .cache/bench
# (no ts-node), makes sure the pinned real n8n is installed (its n8n-nodes-base provides the HTTP
# Request node to compare with), and runs it. Arguments go to bench/run.ts (--quick, --runs N, --no-write, --only ...).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent >/dev/null
rm -rf .cache/bench
npx tsc -p bench/tsconfig.json --outDir .cache/bench
scripts/ensure-n8n.sh 2 >/dev/null
exec node .cache/bench/bench/run.js "$@"
