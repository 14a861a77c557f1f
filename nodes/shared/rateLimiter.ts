import { sleep } from 'n8n-workflow';

export interface RateWindow {
	/** At most this many requests ... */
	limit: number;
	/** ... in any span of this many milliseconds. */
	ms: number;
}

/** DigiCert's documented limits per API key (100 / 5 s, 1000 / 3 min), with a margin for other users of the key. */
export const DIGICERT_RATE_WINDOWS: RateWindow[] = [
	{ limit: 90, ms: 5_000 },
	{ limit: 900, ms: 180_000 },
];

/**
 * Sliding-window rate limiter: `acquire()` resolves when one more request fits in every window.
 * Callers are served in order. It lives for one execution: no state in module memory, so every
 * worker and every run counts on its own.
 */
export class SlidingWindowLimiter {
	private readonly sent: number[] = [];

	private queue: Promise<void> = Promise.resolve();

	/** No request goes before this time (set when DigiCert said to slow down). */
	private heldUntil = 0;

	private readonly keep: number;

	constructor(
		private readonly windows: RateWindow[],
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {
		this.keep = Math.max(0, ...windows.map((w) => w.limit));
	}

	/**
	 * Holds every request (of every item) for `ms`: after a 429 the key is blocked for a while,
	 * and requests sent meanwhile would only extend the block and spend their retries.
	 */
	holdFor(ms: number): void {
		this.heldUntil = Math.max(this.heldUntil, this.now() + ms);
	}

	/** How long to wait before one more request fits, given what was sent. */
	delayFor(at: number): number {
		let delay = Math.max(0, this.heldUntil - at);
		for (const { limit, ms } of this.windows) {
			if (this.sent.length < limit) continue;
			// The request `limit` places back must have left the window before another may go.
			const oldest = this.sent[this.sent.length - limit];
			delay = Math.max(delay, oldest + ms - at);
		}
		return delay;
	}

	async acquire(): Promise<void> {
		if (this.windows.length === 0 && this.heldUntil <= this.now()) return;
		const turn = this.queue.then(async () => {
			let delay = this.delayFor(this.now());
			while (delay > 0) {
				await this.wait(delay);
				delay = this.delayFor(this.now());
			}
			this.sent.push(this.now());
			if (this.sent.length > this.keep * 2) this.sent.splice(0, this.sent.length - this.keep);
		});
		this.queue = turn;
		return await turn;
	}
}
