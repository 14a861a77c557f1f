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
# The shared-pacing job's baseline: the node as it was with per-execution pacing (bench/data.ts names the commit).
baseline=$(sed -n "s/^export const PER_EXECUTION_PACING_COMMIT = '\([0-9a-f]*\)';/\1/p" bench/data.ts)
if [ ! -f ".cache/bench-baseline/$baseline" ]; then
	rm -rf .cache/bench-baseline && mkdir -p .cache/bench-baseline
	git archive "$baseline" nodes credentials tsconfig.json tsconfig.build.json | tar -x -C .cache/bench-baseline
	ln -s ../../node_modules .cache/bench-baseline/node_modules
	npx tsc -p .cache/bench-baseline/tsconfig.build.json --outDir .cache/bench-baseline/dist
	touch ".cache/bench-baseline/$baseline"
fi
exec node .cache/bench/bench/run.js "$@"
