/** The benchmark's child processes: the fake CertCentral host and the workers, talked to over IPC. */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { join } from 'node:path';

import type { Target } from './jobs';

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

export interface FakeOptions {
	/** Windows to enforce (none: no rate limit). */
	rateLimit?: Array<{ limit: number; ms: number }>;
	/** How long the key stays blocked past a window (default: the window crossed). */
	blockMs?: number;
	/** Run the windows on a clock this many times faster than the real one. */
	timeScale?: number;
	/** `audit`: the duplicate audit's account (5,000 orders, 2 % with a duplicate). */
	data?: 'audit';
}

export async function startFake(options: FakeOptions = {}) {
	const env = { ...process.env };
	if (options.rateLimit) env.BENCH_FAKE_RATE_LIMIT = JSON.stringify(options.rateLimit);
	if (options.blockMs !== undefined) env.BENCH_FAKE_BLOCK_MS = String(options.blockMs);
	if (options.timeScale !== undefined) env.BENCH_FAKE_TIME_SCALE = String(options.timeScale);
	if (options.data) env.BENCH_FAKE_DATA = options.data;
	const child = new Child(fork(join(__dirname, 'fakeHost.js'), [], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
	const ready = await child.ready;
	return { child, target: { baseUrl: String(ready.baseUrl), apiKey: String(ready.apiKey) } as Target };
}

export function startWorker() {
	// The engine logs node errors to stdout: keep it out of the table.
	return new Child(fork(join(__dirname, 'worker.js'), [], { execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
}

