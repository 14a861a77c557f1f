/**
 * The benchmark's processes: the fake CertCentral and one engine worker per variant, each a child
 * answering over IPC, and `measure`, which runs the variants against the fake in interleaved rounds.
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { join } from 'node:path';

import { expectedItems } from './data';
import type { RunAnswer, RunRequest } from './worker';
import type { JobName, Target, Variant } from './workflows';

export const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);

/** A child process answering requests by id over IPC. */
export class Child {
	private nextId = 1;

	private readonly pending = new Map<number, (answer: never) => void>();

	readonly ready: Promise<Record<string, unknown>>;

	constructor(readonly process: ChildProcess) {
		this.ready = new Promise((resolve, reject) => {
			process.once('error', reject);
			process.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
			process.on('message', (message: { id?: number; ready?: boolean }) => {
				if (message.ready) resolve(message as Record<string, unknown>);
				else if (message.id !== undefined) {
					this.pending.get(message.id)?.(message as never);
					this.pending.delete(message.id);
				}
			});
		});
	}

	ask<T>(message: Record<string, unknown>): Promise<T> {
		const id = this.nextId++;
		return new Promise<T>((resolve) => {
			this.pending.set(id, resolve as (answer: never) => void);
			this.process.send({ ...message, id });
		});
	}

	stop() {
		this.process.removeAllListeners('exit');
		this.process.kill();
	}
}

/** The fake CertCentral in its own process, and where the variants find it. */
export interface Fake {
	child: Child;
	target: Target;
}

/**
 * `rateLimit`: windows to enforce; `blockMs`: how long the key stays blocked past one (by default the
 * window crossed); `timeScale`: the fake's clock runs this many times faster than the real one;
 * `data: 'audit'`: the duplicate audit's account (5,000 orders, 2 % with a duplicate).
 */
export async function startFake(
	rateLimit?: Array<{ limit: number; ms: number }>,
	blockMs?: number,
	more: { timeScale?: number; data?: 'audit' } = {},
): Promise<Fake> {
	const env = { ...process.env };
	if (rateLimit) env.BENCH_FAKE_RATE_LIMIT = JSON.stringify(rateLimit);
	if (blockMs !== undefined) env.BENCH_FAKE_BLOCK_MS = String(blockMs);
	if (more.timeScale !== undefined) env.BENCH_FAKE_TIME_SCALE = String(more.timeScale);
	if (more.data) env.BENCH_FAKE_DATA = more.data;
	const child = new Child(
		fork(join(__dirname, 'fakeHost.js'), [], {
			env,
			stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
		}),
	);
	const ready = await child.ready;
	return {
		child,
		target: { baseUrl: String(ready.baseUrl), apiKey: String(ready.apiKey) } as Target,
	};
}

export async function stopFake(fake: Fake) {
	await fake.child.ask({ command: 'close' }).catch(() => undefined);
	fake.child.stop();
}

export function startWorker() {
	// The engine logs node errors to stdout: keep it out of the table.
	return new Child(
		fork(join(__dirname, 'worker.js'), [], {
			execArgv: ['--expose-gc'],
			stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
		}),
	);
}

export interface Measurement {
	time: number[];
	cpu: number[];
	requests: number[];
	heapPerItem: number[];
	retainedPerItem: number[];
	items: number[];
	rateLimited: number[];
	errors: string[];
}

const emptyMeasurement = (): Measurement => ({
	time: [],
	cpu: [],
	requests: [],
	heapPerItem: [],
	retainedPerItem: [],
	items: [],
	rateLimited: [],
	errors: [],
});

/** Runs every variant `runs` times, interleaved (the order rotates each round), after one warm-up round (unless `warmUp` is false). */
export async function measure(
	job: JobName,
	variants: Variant[],
	fake: Fake,
	runs: number,
	timeScale?: number,
	warmUp = true,
	/** After the measured runs, one more run per engine variant under the CPU profiler, written here. */
	profileDir?: string,
) {
	const workers = new Map(variants.map((v) => [v, startWorker()] as const));
	await Promise.all([...workers.values()].map((w) => w.ready));
	const results = new Map(variants.map((v) => [v, emptyMeasurement()] as const));
	try {
		for (let round = warmUp ? 0 : 1; round <= runs; round++) {
			const order = variants.map((_, i) => variants[(i + round) % variants.length]);
			for (const variant of order) {
				await fake.child.ask({ command: 'reset' });
				const request: Omit<RunRequest, 'id'> = { job, variant, target: fake.target, timeScale };
				const answer = await workers
					.get(variant)!
					.ask<RunAnswer>(request as unknown as Record<string, unknown>);
				const counts = await fake.child.ask<{ requests: number; rateLimited: number }>({
					command: 'count',
				});
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
				log(
					`${job}/${variant} ${round === 0 ? 'warm-up' : `run ${round}`}: ${answer.timeMs!.toFixed(0)} ms, ${counts.requests} requests, ${answer.items} items, heap +${((answer.heapPeakBytes ?? 0) / 1e6).toFixed(1)} MB peak, ${((answer.retainedBytes ?? 0) / 1e6).toFixed(1)} MB retained`,
				);
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
		if (profileDir !== undefined) {
			for (const variant of variants.filter((v) => v !== 'fetch')) {
				await fake.child.ask({ command: 'reset' });
				const profileFile = join(profileDir, `${job}-${variant}.cpuprofile`);
				const request: Omit<RunRequest, 'id'> = { job, variant, target: fake.target, profileFile };
				await workers.get(variant)!.ask<RunAnswer>(request as unknown as Record<string, unknown>);
			}
		}
	} finally {
		for (const w of workers.values()) w.stop();
	}
	return results;
}
