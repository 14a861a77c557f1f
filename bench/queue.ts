/**
 * `npm run bench -- --only queue`: n8n's real queue mode with workers sharing one API key (issue 26).
 * n8n 2.41.1 as one main instance and 2, then 4, `n8n worker` processes on Redis and PostgreSQL,
 * started as `npm run test:queue` starts them (test/queue/cluster.ts); four webhook-started
 * executions of 200 Get Requests each on one key, spread over the workers; the fake CertCentral (in
 * its own process, real time) enforcing DigiCert's windows (100 per 5 s, 1,000 per 3 min) and
 * blocking the key past them. Each worker count runs with the pacer of QUEUE_BEFORE_COMMIT ("before")
 * and with this tree's ("after"), swapped into the installed package between runs, in one cluster.
 * Heavy: run it under `flock /tmp/n8n-suite.lock`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

import { BENCH_DATA, DIGICERT_LIMITS, PROJECT_ROOT } from './data';
import type { JobReport } from './report';
import { verdict } from './report';
import { log, startFake, stopFake } from './runner';
import { markdownTable, minimumSendTime } from './stats';
import type * as ClusterModule from '../test/queue/cluster';

/** main before this branch: the per-process AIMD pacer issue 26's scale-out started from. */
export const QUEUE_BEFORE_COMMIT = 'c41e42779d0a7aab7061d75502045ab45f7f2e66';

const EXECUTIONS = 4;
const PER_EXECUTION = 200;
const WORKER_COUNTS = [2, 4];

type Pacer = 'before' | 'after';

interface QueueRun {
	pacer: Pacer;
	workers: number;
	wallMs: number;
	requests: number;
	rateLimited: number;
	itemsOut: number;
	inOrder: boolean;
	/** Executions each worker ran in this run. */
	perWorker: number[];
	/** When each execution's webhook answered (s from the start), in execution order. */
	finishedS: number[];
	errors: string[];
	load: string;
}

/** The pacer of QUEUE_BEFORE_COMMIT, compiled once into .cache/queue-before. */
function beforePacer(): string {
	const dir = join(PROJECT_ROOT, '.cache', 'queue-before');
	const built = join(dir, 'dist', 'nodes', 'common', 'rateLimiter.js');
	const stamp = join(dir, QUEUE_BEFORE_COMMIT);
	if (!existsSync(stamp)) {
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		execFileSync(
			'bash',
			[
				'-c',
				`git archive ${QUEUE_BEFORE_COMMIT} nodes credentials tsconfig.json tsconfig.build.json | tar -x -C "${dir}"`,
			],
			{ cwd: PROJECT_ROOT, stdio: 'inherit' },
		);
		symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'));
		execFileSync(
			'npx',
			['tsc', '-p', join(dir, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')],
			{ cwd: PROJECT_ROOT, stdio: 'inherit' },
		);
		writeFileSync(stamp, '');
	}
	return built;
}

/**
 * test/queue/cluster.ts, compiled with the benchmark, imports the e2e runner (plain JS, which tsc does
 * not copy): a stub in the compiled tree hands over to the project's own, so its paths stay the project's.
 */
function loadCluster(): typeof ClusterModule {
	const stub = join(__dirname, '..', 'test', 'e2e', 'support', 'n8n.js');
	mkdirSync(join(stub, '..'), { recursive: true });
	writeFileSync(
		stub,
		`module.exports = require(${JSON.stringify(join(PROJECT_ROOT, 'test/e2e/support/n8n.js'))});\n`,
	);
	return require('../test/queue/cluster') as typeof ClusterModule;
}

/** Webhook (POST, body `{ items: [{ requestId }] }`) → Split Out → Get Request; answers with every item. */
function workflow(path: string, credential: { id: string; name: string }, nodeType: string) {
	const node = (
		name: string,
		type: string,
		typeVersion: number,
		x: number,
		parameters: object,
	) => ({
		id: `${name}-${path}`,
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
	});
	return {
		name: `Bench queue: ${path}`,
		nodes: [
			{
				...node('Webhook', 'n8n-nodes-base.webhook', 2, 0, {
					httpMethod: 'POST',
					path,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				}),
				webhookId: `bench-${path}`,
			},
			node('Split Out', 'n8n-nodes-base.splitOut', 1, 200, {
				fieldToSplitOut: 'body.items',
				include: 'noOtherFields',
			}),
			{
				...node('DigiCert', nodeType, 1, 400, {
					resource: 'request',
					operation: 'get',
					requestId: '={{ $json.requestId }}',
				}),
				credentials: { digiCertApi: credential },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'DigiCert', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

async function callWebhook(url: string, ids: number[]) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items: ids.map((requestId) => ({ requestId })) }),
	});
	const text = await res.text();
	if (!res.ok) return { error: `webhook answered ${res.status}: ${text.slice(0, 300)}` };
	const items = JSON.parse(text) as Array<{ id?: number }>;
	return { items: Array.isArray(items) ? items : [items] };
}

export async function queueJob(): Promise<JobReport> {
	const { QueueCluster, N8nRestClient, PACKAGE_NAME, workerExecutions } = loadCluster();
	const before = beforePacer();
	const after = join(PROJECT_ROOT, 'dist', 'nodes', 'common', 'rateLimiter.js');
	const total = EXECUTIONS * PER_EXECUTION;
	const minimum = minimumSendTime(total, DIGICERT_LIMITS);
	const fake = await startFake(DIGICERT_LIMITS);
	const cluster = new QueueCluster();
	const runs: QueueRun[] = [];
	try {
		log('queue: installing n8n 2.41.1, starting Redis, PostgreSQL and the main instance');
		await cluster.installN8n();
		cluster.startServices();
		await cluster.startMain();
		const rest = new N8nRestClient(cluster.mainUrl);
		await rest.setUpOwner();
		const credential = await rest.createCredential('DigiCert (fake)', 'digiCertApi', {
			region: 'custom',
			baseUrl: fake.target.baseUrl,
			apiKey: fake.target.apiKey,
		});
		const paths = Array.from({ length: EXECUTIONS }, (_, e) => `bench-queue-${e + 1}`);
		for (const path of paths)
			await rest.createActiveWorkflow(workflow(path, credential, `${PACKAGE_NAME}.digiCert`));
		const installed = join(
			cluster.userFolder,
			'.n8n/nodes/node_modules',
			PACKAGE_NAME,
			'dist/nodes/common/rateLimiter.js',
		);
		for (const workers of WORKER_COUNTS) {
			for (const pacer of ['before', 'after'] as const) {
				copyFileSync(pacer === 'before' ? before : after, installed);
				// Every execution on its own slot: 4 executions over the workers, none idle.
				const concurrency = Math.ceil(EXECUTIONS / workers);
				const procs = await Promise.all(
					Array.from({ length: workers }, (_, w) =>
						cluster.startWorker(`${pacer}-${workers}-w${w + 1}`, concurrency),
					),
				);
				await fake.child.ask({ command: 'reset' });
				const load = loadavg()
					.map((l) => l.toFixed(1))
					.join(' / ');
				log(`queue: ${pacer}, ${workers} workers (load ${load})`);
				const started = Date.now();
				const answers = await Promise.all(
					paths.map(async (path, e) => {
						const first = BENCH_DATA.firstConcurrentRequestId + e * PER_EXECUTION;
						const ids = Array.from({ length: PER_EXECUTION }, (_, i) => first + i);
						const answer = await callWebhook(`${cluster.mainUrl}/webhook/${path}`, ids);
						return { ids, finishedS: (Date.now() - started) / 1000, ...answer };
					}),
				);
				const wallMs = Date.now() - started;
				const counts = await fake.child.ask<{ requests: number; rateLimited: number }>({
					command: 'count',
				});
				const perWorker = procs.map((p) => workerExecutions(p.log()).finished.size);
				for (const proc of procs) await cluster.stopProcess(proc);
				const run: QueueRun = {
					pacer,
					workers,
					wallMs,
					...counts,
					itemsOut: answers.reduce((n, a) => n + (a.items?.length ?? 0), 0),
					inOrder: answers.every(
						(a) =>
							a.items !== undefined &&
							JSON.stringify(a.items.map((item) => Number(item.id))) === JSON.stringify(a.ids),
					),
					perWorker,
					finishedS: answers.map((a) => a.finishedS),
					errors: answers.flatMap((a) => (a.error ? [a.error] : [])),
					load,
				};
				log(
					`queue: ${pacer}, ${workers} workers: ${run.rateLimited} of ${run.requests} refused, ${(wallMs / 1000).toFixed(1)} s (${(wallMs / minimum).toFixed(2)}×), ${run.itemsOut} items${run.inOrder ? ' in order' : ' NOT in order'}, executions per worker ${perWorker.join('/')}, done at ${run.finishedS.map((f) => f.toFixed(0)).join('/')} s${run.errors.length ? `; ${run.errors[0]}` : ''}`,
				);
				runs.push(run);
				// Nothing of this run may count in the next one's windows (the fake resets, DigiCert would not).
				await new Promise((done) => setTimeout(done, 6_000));
			}
		}
	} finally {
		await cluster.stop();
		await stopFake(fake);
	}
	return queueReport(runs, minimum, total);
}

function queueReport(runs: QueueRun[], minimum: number, total: number): JobReport {
	const percent = (r: QueueRun) => (100 * r.rateLimited) / Math.max(1, r.requests);
	const cell = (r: QueueRun | undefined) =>
		r === undefined
			? 'not run'
			: `${r.rateLimited} of ${r.requests} (${percent(r).toFixed(1)} %), ${(r.wallMs / 1000).toFixed(1)} s = ${(r.wallMs / minimum).toFixed(2)}×, ${r.itemsOut} of ${total} items${r.inOrder ? ' in order' : ' NOT in order'}`;
	const rows = WORKER_COUNTS.map((workers) => {
		const of = (pacer: Pacer) => runs.find((r) => r.pacer === pacer && r.workers === workers);
		const after = of('after');
		return [
			String(workers),
			cell(of('before')),
			cell(after),
			after ? after.perWorker.join(' / ') : '',
			[of('before'), after]
				.map((r) => (r ? r.finishedS.map((f) => f.toFixed(0)).join(' / ') : ''))
				.join('; '),
			after ? after.load : '',
		];
	});
	const section =
		`### Queue mode: n8n main + workers on one API key (issue 26)\n\n` +
		`n8n 2.41.1 in queue mode (Redis, PostgreSQL, test/queue/cluster.ts), ${EXECUTIONS} webhook-started executions of ${PER_EXECUTION} Get Requests on one key, ` +
		`against the fake enforcing DigiCert's windows (100 per 5 s, 1,000 per 3 min; key blocked for the window crossed), real time. ` +
		`Least time for ${total} requests: ${(minimum / 1000).toFixed(0)} s. Before: the pacer of ${QUEUE_BEFORE_COMMIT}; after: this tree's; one run each, same cluster.\n\n` +
		markdownTable(
			[
				'workers',
				'before: 429s, wall time, items',
				'after: 429s, wall time, items',
				'executions per worker (after)',
				'each execution done at, s (before; after)',
				'load (1/5/15 min, after)',
			],
			rows,
		);
	const targets = WORKER_COUNTS.map((workers) => {
		const r = runs.find((run) => run.pacer === 'after' && run.workers === workers);
		return [
			`Queue mode, ${workers} workers on one key: ≤ 5 % refused, ≤ 1.3× the least time, every item out in order`,
			r
				? `${percent(r).toFixed(1)} %, ${(r.wallMs / minimum).toFixed(2)}×, ${r.itemsOut} items`
				: 'n/a',
			verdict(
				r
					? r.errors.length === 0 &&
							r.inOrder &&
							r.itemsOut === total &&
							percent(r) <= 5 &&
							r.wallMs / minimum <= 1.3
					: undefined,
			),
		];
	});
	return { section, targets };
}
