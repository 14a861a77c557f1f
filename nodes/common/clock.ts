import { sleep } from 'n8n-workflow';

/**
 * Time (ms) and waits, as the client and the pacer use them: `REAL_CLOCK` in n8n, a controlled one
 * in tests (test/helpers/clock.ts).
 */
export interface Clock {
	now(): number;
	/** Resolves after `ms`, or as soon as `wake` aborts. */
	sleep(ms: number, wake?: AbortSignal): Promise<void>;
}

export const REAL_CLOCK: Clock = {
	now: () => Date.now(),
	async sleep(ms, wake) {
		if (wake === undefined) return await sleep(ms);
		// n8n 1.x's sleep ignores the signal: the race still wakes the sleeper at once.
		const woken = new Promise<void>((resolve) =>
			wake.addEventListener('abort', () => resolve(), { once: true }),
		);
		await Promise.race([sleep(ms, wake).catch(() => undefined), woken]);
	},
};

/**
 * The time the nodes count days from (an expiry's days left, a poll's window): the machine's.
 * One place to read it, so tests pin it (`jest.spyOn(clock, 'now')`) rather than race midnight;
 * the pacer and the client keep their own `Clock`, so pinning it does not stop their time.
 */
export const clock: Pick<Clock, 'now'> = { now: (): number => Date.now() };
