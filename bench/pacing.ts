/**
 * The pacing jobs of `npm run bench`, against a fake CertCentral that enforces DigiCert's windows
 * (100 per 5 s, 1,000 per 3 min) and blocks the key past them, in scaled time:
 * - `sharedPacing`: three executions of 1,000 Get Requests started at the same moment in one process,
 *   with one pacer per key (the per-execution pacing it replaced is in docs/benchmarks.md, as text);
 * - `audit`: a duplicate audit of 5,000 orders of which 2 % have duplicates, the old example's way
 *   (Get Many Orders, then List Order Duplicates for every order) against Include Duplicate Certificates.
 */
import { BENCH_DATA, DIGICERT_LIMITS } from './data';
import type { PacingAnswer, PacingJob, PacingRequest, PacingVariant } from './pacingWorker';
import type { JobReport } from './report';
import { verdict } from './report';
import type { Child } from './runner';
import { log, startFake, startWorker, stopFake } from './runner';
import { formatRange, markdownTable, minimumSendTime, summarize } from './stats';

interface Options {
	/** Runs per variant. */
	runs: number;
	timeScale: number;
	wanted: (job: string) => boolean;
}

interface Measured {
	answer: PacingAnswer;
	requests: number;
	rateLimited: number;
	paths: string[];
}

async function measure(job: PacingJob, variants: PacingVariant[], options: Options) {
	const fake = await startFake(DIGICERT_LIMITS, undefined, {
		timeScale: options.timeScale,
		data: job === 'audit' ? 'audit' : undefined,
	});
	const results = new Map<PacingVariant, Measured[]>(variants.map((v) => [v, []]));
	try {
		for (let round = 0; round < options.runs; round++) {
			for (const variant of variants) {
				// A fresh worker per run: nothing of one run's pacer is left for the next.
				const worker: Child = startWorker();
				await worker.ready;
				await fake.child.ask({ command: 'reset' });
				const request: Omit<PacingRequest, 'id'> = {
					pacing: job,
					variant,
					target: fake.target,
					timeScale: options.timeScale,
				};
				const answer = await worker.ask<PacingAnswer>(
					request as unknown as Record<string, unknown>,
				);
				worker.stop();
				const counts = await fake.child.ask<{ requests: number; rateLimited: number }>({
					command: 'count',
				});
				const { paths } = await fake.child.ask<{ paths: string[] }>({ command: 'arrivals' });
				log(
					`${job}/${variant} run ${round + 1}: ${answer.ok ? `${((answer.wallMs ?? 0) / 1000).toFixed(0)} s (scaled back)` : answer.error}, ${counts.requests} requests, ${counts.rateLimited} answered 429`,
				);
				results.get(variant)!.push({ answer, ...counts, paths });
			}
		}
	} finally {
		await stopFake(fake);
	}
	return results;
}

/** Of the requests that arrived while all executions were still sending, the smallest execution's share. */
export function slowestShare(
	paths: string[],
	executions: number,
	perExecution: number,
	firstId: number,
): number {
	const owner = (path: string) =>
		Math.floor((Number(path.split('/').pop()) - firstId) / perExecution);
	const owners = paths.map(owner).filter((e) => e >= 0 && e < executions);
	const lastOf = Array.from({ length: executions }, (_, e) => owners.lastIndexOf(e));
	const whileAll = owners.slice(0, Math.min(...lastOf) + 1);
	const counts = Array.from(
		{ length: executions },
		(_, e) => whileAll.filter((o) => o === e).length,
	);
	return Math.min(...counts) / Math.max(1, whileAll.length);
}

const seconds = (values: number[]) => formatRange(summarize(values.map((ms) => ms / 1000)), 's');

const VARIANT_NAMES: Record<PacingVariant, string> = {
	shared: 'one pacer per API key (this package)',
	oldExample: 'the old example: Get Many Orders, then List Order Duplicates for every order',
	includeDuplicates: 'Get Many Orders with Include Duplicate Certificates',
};

/**
 * Processes sharing one API key, as n8n's queue-mode workers do: `processes` engine processes
 * started at once (each its own pacer), `total` Get Requests split between them, against the fake
 * enforcing DigiCert's windows and blocking the key past them. The processes do not talk.
 */
async function sharedKeyRun(processes: number, total: number, options: Options) {
	const fake = await startFake(DIGICERT_LIMITS, undefined, { timeScale: options.timeScale });
	const workers = Array.from({ length: processes }, () => startWorker());
	try {
		await Promise.all(workers.map((w) => w.ready));
		const per = Math.ceil(total / processes);
		const started = Date.now();
		const answers = await Promise.all(
			workers.map((worker, p) => {
				const first = BENCH_DATA.firstConcurrentRequestId + p * per;
				const ids = Array.from({ length: Math.min(per, total - p * per) }, (_, i) => first + i);
				const request: Omit<PacingRequest, 'id'> = {
					pacing: 'sharedKey',
					variant: 'shared',
					target: fake.target,
					timeScale: options.timeScale,
					ids,
				};
				return worker.ask<PacingAnswer>(request as unknown as Record<string, unknown>);
			}),
		);
		const wallMs = (Date.now() - started) * options.timeScale;
		const counts = await fake.child.ask<{ requests: number; rateLimited: number }>({
			command: 'count',
		});
		return { answers, wallMs, ...counts };
	} finally {
		for (const worker of workers) worker.stop();
		await stopFake(fake);
	}
}

async function sharedKeyJob(options: Options): Promise<JobReport> {
	const total = 800;
	const minimum = minimumSendTime(total, DIGICERT_LIMITS);
	const rows: string[][] = [];
	const targets: string[][] = [];
	for (const processes of [1, 2, 4]) {
		for (let run = 0; run < options.runs; run++) {
			log(`pacing: ${processes} processes sharing one key, ${total} Get Requests`);
			const r = await sharedKeyRun(processes, total, options);
			const failed = r.answers.find((a) => !a.ok);
			const items = r.answers.reduce((n, a) => n + (a.items?.[0] ?? 0), 0);
			const inOrder = r.answers.every((a) => a.ok && a.inOrder);
			const refused = (100 * r.rateLimited) / Math.max(1, r.requests);
			const ratio = r.wallMs / minimum;
			log(
				`pacing: ${processes} processes: ${r.rateLimited} of ${r.requests} refused, ${(r.wallMs / 1000).toFixed(0)} s (${ratio.toFixed(2)}×), ${items} items`,
			);
			rows.push([
				String(processes),
				failed ? `failed: ${failed.error}` : `${(r.wallMs / 1000).toFixed(0)} s`,
				`${ratio.toFixed(2)}×`,
				`${r.rateLimited} of ${r.requests} (${refused.toFixed(1)} %)`,
				`${items} of ${total}${inOrder ? ', in order' : ', NOT in order'}`,
			]);
			const alone = processes === 1;
			targets.push([
				alone
					? 'One process alone: 0 × 429, ≤ 1.1× the least time'
					: `${processes} processes on one key: ≤ 5 % refused, ≤ 1.3× the least time, every item out in order`,
				`${r.rateLimited} × 429 (${refused.toFixed(1)} %), ${ratio.toFixed(2)}×, ${items} items`,
				verdict(
					!failed &&
						inOrder &&
						items === total &&
						(alone ? r.rateLimited === 0 && ratio <= 1.1 : refused <= 5 && ratio <= 1.3),
				),
			]);
		}
	}
	const section =
		`### Processes sharing one API key (queue-mode workers; issue 26)\n\n` +
		`${total} Get Requests split evenly between 1, 2 or 4 engine processes started at once, each with its own pacer (DigiCert's Limits, the default) and nothing shared between them, ` +
		`against the fake enforcing DigiCert's windows (100 per 5 s, 1,000 per 3 min) and blocking the key past them (for the window crossed). ` +
		`Least time for ${total} requests under those windows: ${(minimum / 1000).toFixed(0)} s. Scaled time: the fake's clock and the pacers run ${options.timeScale} times faster than real time; times are scaled back.\n\n` +
		markdownTable(
			[
				'processes',
				'wall time (scaled back)',
				'vs least time',
				'429s (of requests sent)',
				'items out',
			],
			rows,
		);
	return { section, targets };
}

export async function pacingJobs(options: Options): Promise<JobReport[]> {
	const reports: JobReport[] = [];
	const { timeScale } = options;
	const scaleNote = `Scaled time: the fake's clock and the node's pacer run ${timeScale} times faster than real time; times are scaled back to DigiCert's.`;

	if (options.wanted('sharedPacing')) {
		const {
			concurrentExecutions: executions,
			requestsPerExecution: perExecution,
			firstConcurrentRequestId,
		} = BENCH_DATA;
		const total = executions * perExecution;
		const minimum = minimumSendTime(total, DIGICERT_LIMITS);
		log(`pacing: ${executions} executions × ${perExecution} Get Requests at once, in one process`);
		const results = await measure('concurrent', ['shared'], options);
		const rows = [...results].map(([variant, runs]) => {
			const ok = runs.filter((r) => r.answer.ok);
			const failed = runs.length - ok.length;
			const walls = ok.map((r) => r.answer.wallMs!);
			const lastFinish = ok.map(
				(r) => (100 * Math.max(...r.answer.finishedMs!)) / r.answer.wallMs!,
			);
			const firstFinish = ok.map(
				(r) => (100 * Math.min(...r.answer.finishedMs!)) / r.answer.wallMs!,
			);
			const shares = runs.map(
				(r) => 100 * slowestShare(r.paths, executions, perExecution, firstConcurrentRequestId),
			);
			return [
				VARIANT_NAMES[variant],
				ok.length > 0 ? seconds(walls) : `failed: ${runs[0]?.answer.error ?? 'no runs'}`,
				ok.length > 0 ? `${(summarize(walls).median / minimum).toFixed(2)}×` : 'n/a',
				String(summarize(runs.map((r) => r.rateLimited)).max),
				formatRange(summarize(runs.map((r) => r.requests)), ''),
				ok.length > 0
					? `${formatRange(summarize(firstFinish), '', 0)} % / ${formatRange(summarize(lastFinish), '', 0)} %`
					: 'n/a',
				`${formatRange(summarize(shares), '', 1)} %`,
				`${ok.length} of ${runs.length}${failed ? ` (${failed} failed)` : ''}`,
			];
		});
		const section =
			`### Shared pacing: ${executions} executions × ${perExecution.toLocaleString('en')} Get Requests started at once in one process\n\n` +
			`Against the fake enforcing DigiCert's windows (100 per 5 s, 1,000 per 3 min) and blocking the key past them (for the window crossed). ` +
			`Theoretical minimum for ${total.toLocaleString('en')} requests at DigiCert's limits: ${(minimum / 1000).toFixed(0)} s. ${scaleNote} ` +
			`"Slowest share": of the requests that arrived while all three executions were still sending, the share of the one that got the fewest (fair: 33.3 %).\n\n` +
			markdownTable(
				[
					'pacing',
					'wall time (scaled back)',
					'vs theoretical minimum',
					'429s received (max)',
					'requests sent',
					'first / last execution done (% of wall time)',
					'slowest share',
					'runs completed',
				],
				rows,
			);
		const targets: string[][] = [];
		const shared = results.get('shared')!.filter((r) => r.answer.ok);
		const measured = shared.length > 0 ? true : undefined;
		targets.push([
			'Shared pacing: 0 × 429 with three executions at once',
			String(Math.max(...results.get('shared')!.map((r) => r.rateLimited))),
			verdict(measured && results.get('shared')!.every((r) => r.rateLimited === 0)),
		]);
		const ratio = shared.length
			? summarize(shared.map((r) => r.answer.wallMs!)).median / minimum
			: NaN;
		targets.push([
			'Shared pacing: wall time within 10 % of the theoretical minimum',
			Number.isNaN(ratio) ? 'n/a' : `${ratio.toFixed(2)}×`,
			verdict(measured && ratio <= 1.1),
		]);
		reports.push({ section, targets });
	}

	if (options.wanted('sharedKey')) reports.push(await sharedKeyJob({ ...options, timeScale: 4 }));

	if (options.wanted('audit')) {
		const { auditOrders, auditDuplicateEvery } = BENCH_DATA;
		const duplicated = Math.ceil(auditOrders / auditDuplicateEvery);
		const best = Math.ceil(auditOrders / 1000) + duplicated;
		log(`pacing: duplicate audit of ${auditOrders} orders, ${duplicated} with duplicates`);
		const results = await measure('audit', ['oldExample', 'includeDuplicates'], options);
		const rows = [...results].map(([variant, runs]) => {
			const ok = runs.filter((r) => r.answer.ok);
			return [
				VARIANT_NAMES[variant],
				formatRange(summarize(runs.map((r) => r.requests)), ''),
				ok.length > 0
					? seconds(ok.map((r) => r.answer.wallMs!))
					: `failed: ${runs[0]?.answer.error ?? 'no runs'}`,
				String(summarize(runs.map((r) => r.rateLimited)).max),
				ok.length > 0 ? String(ok[0].answer.items![0]) : 'n/a',
			];
		});
		const section =
			`### Duplicate audit: ${auditOrders.toLocaleString('en')} orders, ${duplicated} (2 %) with duplicates, under DigiCert's limits\n\n` +
			`Minimum: ceil(N / 1000) + D = ${best} requests. ${scaleNote}\n\n` +
			markdownTable(
				['workflow', 'requests sent', 'wall time (scaled back)', '429s received', 'items out'],
				rows,
			);
		const ours = results.get('includeDuplicates')!;
		const sent = ours.length ? Math.max(...ours.map((r) => r.requests)) : NaN;
		reports.push({
			section,
			targets: [
				[
					`Duplicate audit: requests ≤ 5 + D (${best})`,
					Number.isNaN(sent) ? 'n/a' : String(sent),
					verdict(ours.length ? sent <= best : undefined),
				],
			],
		});
	}
	return reports;
}
