import type { Clock } from '../../nodes/common/clock';
import { REAL_CLOCK } from '../../nodes/common/clock';

/** Lets every promise chain that can move now move (several turns of the event loop). */
export async function settle(): Promise<void> {
	for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * A clock that moves only when a test runs it: sleeps become timers that fire in time order, so
 * waits are exact and no real time passes.
 */
export class VirtualClock implements Clock {
	time = 0;

	private timers: Array<{ at: number; seq: number; fire: () => void }> = [];

	private seq = 0;

	now = () => this.time;

	sleep = async (ms: number, wake?: AbortSignal) =>
		await new Promise<void>((resolve) => {
			const timer = { at: this.time + Math.max(0, ms), seq: this.seq++, fire: resolve };
			this.timers.push(timer);
			this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
			wake?.addEventListener(
				'abort',
				() => {
					this.timers = this.timers.filter((t) => t !== timer);
					resolve();
				},
				{ once: true },
			);
		});

	/** Lets everything due happen, moving time from timer to timer up to `until`, and stops there. */
	async run(until: number): Promise<void> {
		for (;;) {
			await settle();
			const next = this.timers[0];
			if (next === undefined || next.at > until) break;
			this.timers.shift();
			this.time = Math.max(this.time, next.at);
			next.fire();
		}
		this.time = Math.max(this.time, until);
	}

	/** Runs for `ms` from now. */
	async advance(ms: number): Promise<void> {
		await this.run(this.time + ms);
	}
}

/** Real time, `scale` times faster (from now on): for a fake and a pacer that must share one clock. */
export function scaledClock(scale: number): Clock {
	const start = Date.now();
	return {
		now: () => start + (Date.now() - start) * scale,
		sleep: async (ms, wake) => await REAL_CLOCK.sleep(ms / scale, wake),
	};
}
