import { DIGICERT_RATE_WINDOWS, SlidingWindowLimiter } from '../../../nodes/shared/rateLimiter';

/** A clock that only moves when the limiter waits: the waits are exact, and no real time passes. */
function fakeClock() {
	const clock = { now: 0, waits: [] as number[] };
	const wait = async (ms: number) => {
		clock.waits.push(ms);
		clock.now += ms;
	};
	return { clock, now: () => clock.now, wait };
}

async function sendTimes(limiter: SlidingWindowLimiter, count: number, now: () => number) {
	const times: number[] = [];
	for (let i = 0; i < count; i++) {
		await limiter.acquire();
		times.push(now());
	}
	return times;
}

/** The most requests in any span of `ms` (sliding). */
function busiest(times: number[], ms: number) {
	let most = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= ms) j++;
		most = Math.max(most, i - j + 1);
	}
	return most;
}

describe('SlidingWindowLimiter', () => {
	it('lets a burst up to the limit through at once, then waits for the window to slide', async () => {
		const { clock, now, wait } = fakeClock();
		const limiter = new SlidingWindowLimiter([{ limit: 3, ms: 1000 }], now, wait);
		expect(await sendTimes(limiter, 7, now)).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
		expect(clock.waits).toEqual([1000, 1000]);
	});

	it("keeps DigiCert's two windows over a long run", async () => {
		const { now, wait } = fakeClock();
		const limiter = new SlidingWindowLimiter(DIGICERT_RATE_WINDOWS, now, wait);
		const times = await sendTimes(limiter, 2500, now);
		expect(busiest(times, 5_000)).toBeLessThanOrEqual(90);
		expect(busiest(times, 180_000)).toBeLessThanOrEqual(900);
		// ... and is not slower than it must be: the 900th request in 3 minutes goes without waiting for the next window.
		expect(times[899]).toBeLessThan(180_000);
	});

	it('spaces requests evenly with a one-per-interval window', async () => {
		const { now, wait } = fakeClock();
		const limiter = new SlidingWindowLimiter([{ limit: 1, ms: 200 }], now, wait);
		expect(await sendTimes(limiter, 4, now)).toEqual([0, 200, 400, 600]);
	});

	it('serves concurrent callers in order, within the limit', async () => {
		const { now, wait } = fakeClock();
		const limiter = new SlidingWindowLimiter([{ limit: 2, ms: 100 }], now, wait);
		const order: number[] = [];
		await Promise.all(
			Array.from({ length: 6 }, async (_, i) => {
				await limiter.acquire();
				order.push(i);
			}),
		);
		expect(order).toEqual([0, 1, 2, 3, 4, 5]);
		expect(now()).toBe(200);
	});

	it('holds everyone after a 429, even with no windows', async () => {
		const { clock, now, wait } = fakeClock();
		const limiter = new SlidingWindowLimiter([], now, wait);
		await limiter.acquire();
		limiter.holdFor(500);
		limiter.holdFor(200); // a shorter hold does not shorten the longer one
		await limiter.acquire();
		expect(clock.waits).toEqual([500]);
		await limiter.acquire();
		expect(clock.waits).toEqual([500]);
	});

	it('with no windows never waits', async () => {
		const { clock, now, wait } = fakeClock();
		const limiter = new SlidingWindowLimiter([], now, wait);
		await sendTimes(limiter, 1000, now);
		expect(clock.waits).toEqual([]);
	});
});
