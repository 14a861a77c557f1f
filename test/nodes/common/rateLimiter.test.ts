import { inspect } from 'node:util';

import type { LaneOptions, RateWindow, Ticket } from '../../../nodes/common/rateLimiter';
import {
	BlockedTooLongError,
	DIGICERT_RATE_WINDOWS,
	KeyPacer,
	PacerRegistry,
	windowDelay,
} from '../../../nodes/common/rateLimiter';
import { VirtualClock } from '../../helpers/clock';

const KEY = 'dc-secret-key-0123456789abcdef';
const BASE = 'https://www.digicert.com/services/v2';

function setup(keyWindows: RateWindow[] = DIGICERT_RATE_WINDOWS) {
	const clock = new VirtualClock();
	const pacer = new KeyPacer(clock, () => keyWindows);
	const lane = (options: Partial<LaneOptions> = {}) =>
		pacer.lane({
			windows: keyWindows,
			maxBlockedWaitMs: 300_000,
			firstBlockedWaitMs: 1000,
			...options,
		});
	return { clock, pacer, lane };
}

/** The most requests in any span of `ms` (sliding), counted from `times`. */
function busiest(times: number[], ms: number) {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	for (let i = 0, j = 0; i < sorted.length; i++) {
		while (sorted[i] - sorted[j] >= ms) j++;
		most = Math.max(most, i - j + 1);
	}
	return most;
}

/** Queues `count` requests on a lane; each is answered at once (or as `answer` says) when let through. */
function requests(
	lane: ReturnType<ReturnType<typeof setup>['lane']>,
	count: number,
	log: Array<{ name: string; at: number }>,
	name: string,
	clock: VirtualClock,
	answer: (ticket: Ticket) => void = (t) => t.settle('answered'),
) {
	return Array.from({ length: count }, async () => {
		const ticket = await lane.acquire();
		log.push({ name, at: clock.now() });
		answer(ticket);
	});
}

describe('windowDelay', () => {
	it('counts a request until a window after its answer, and an unanswered one for as long as it is out', () => {
		const slots = [
			{ at: 1000, answered: true },
			{ at: 0, answered: false },
		];
		// Full: the answered one leaves 5 s after its answer; with a limit of one, only the answer still out can make room.
		expect(windowDelay(slots, [{ limit: 2, ms: 5000 }], 1000)).toBe(5000);
		expect(windowDelay(slots, [{ limit: 1, ms: 5000 }], 1000)).toBe(Infinity);
		slots[1] = { at: 3000, answered: true };
		// Room for one more once the earlier answer is 5 s old; for two once both are.
		expect(windowDelay(slots, [{ limit: 2, ms: 5000 }], 3000)).toBe(3000);
		expect(windowDelay(slots, [{ limit: 3, ms: 5000 }], 3000)).toBe(0);
		expect(windowDelay(slots, [{ limit: 1, ms: 5000 }], 3000)).toBe(5000);
	});
});

describe('KeyPacer', () => {
	it("keeps the key under DigiCert's two windows over a long run, and is not slower than they allow", async () => {
		const { clock, lane } = setup();
		const log: Array<{ name: string; at: number }> = [];
		const done = Promise.all(requests(lane(), 2500, log, 'a', clock));
		await clock.run(600_000);
		await done;
		const times = log.map((l) => l.at);
		expect(busiest(times, 5_000)).toBe(100);
		expect(busiest(times, 180_000)).toBe(1000);
		// The 1,000th request goes within the first 3 minutes; the 1,001st exactly when the first leaves the window.
		expect(times[999]).toBe(45_000);
		expect(times[1000]).toBe(180_000);
	});

	it('shares the windows between executions: together they stay under them', async () => {
		const { clock, lane } = setup();
		const log: Array<{ name: string; at: number }> = [];
		const lanes = [lane(), lane(), lane()];
		const done = Promise.all(lanes.flatMap((l, i) => requests(l, 400, log, String(i), clock)));
		await clock.run(600_000);
		await done;
		expect(log).toHaveLength(1200);
		expect(
			busiest(
				log.map((l) => l.at),
				5_000,
			),
		).toBe(100);
		expect(
			busiest(
				log.map((l) => l.at),
				180_000,
			),
		).toBe(1000);
	});

	it('takes turns: an execution that arrives behind a long audit goes next, not after it', async () => {
		const { clock, lane } = setup([{ limit: 1, ms: 100 }]);
		const log: Array<{ name: string; at: number }> = [];
		const audit = requests(lane(), 1000, log, 'audit', clock);
		await clock.run(250);
		const late = requests(lane(), 3, log, 'late', clock);
		await clock.run(1000);
		await Promise.all(late);
		const names = log.map((l) => l.name);
		// Three audit requests had gone (at 0, 100, 200); then the two alternate.
		expect(names.slice(0, 9)).toEqual([
			'audit',
			'audit',
			'audit',
			'late',
			'audit',
			'late',
			'audit',
			'late',
			'audit',
		]);
		void audit;
	});

	it('executions with different settings on one key: the strictest holds for all while they wait, and they take turns', async () => {
		const { clock, lane } = setup();
		const log: Array<{ name: string; at: number }> = [];
		const slow = requests(lane({ windows: [{ limit: 1, ms: 10_000 }] }), 2, log, 'slow', clock);
		const unpaced = requests(lane({ windows: [] }), 2, log, 'off', clock);
		await clock.run(60_000);
		await Promise.all([...slow, ...unpaced]);
		expect(log).toEqual([
			{ name: 'slow', at: 0 },
			{ name: 'off', at: 10_000 },
			{ name: 'slow', at: 20_000 },
			// The slow execution has nothing left waiting: its pace no longer holds.
			{ name: 'off', at: 20_000 },
		]);
	});

	it('a 429 pauses every execution on the key; one probe at a time; all go on when one gets through', async () => {
		const { clock, pacer, lane } = setup();
		const a = lane();
		const b = lane();
		const first = await a.acquire();
		const inFlight = await b.acquire();
		first.settle('refused');
		expect(pacer.blocked).toBe(true);
		// A request that was already out when the pause began is refused too: no new information.
		inFlight.settle('refused');

		const log: Array<{ name: string; at: number }> = [];
		const probes: Ticket[] = [];
		const pending = [
			...requests(a, 3, log, 'a', clock, (t) => (t.probe ? probes.push(t) : t.settle('answered'))),
			...requests(b, 3, log, 'b', clock, (t) => (t.probe ? probes.push(t) : t.settle('answered'))),
		];
		await clock.run(999);
		expect(log).toEqual([]);
		await clock.run(1000);
		// After the first wait (1 s, not doubled by the straggler's 429), exactly one request goes.
		expect(log).toEqual([{ name: 'b', at: 1000 }]);
		await clock.run(5000);
		expect(log).toHaveLength(1);
		// The probe's answer comes at 5 s: refused again, the next probe goes 2 s later, from the other execution.
		probes[0].settle('refused');
		await clock.run(6999);
		expect(log).toHaveLength(1);
		await clock.run(7000);
		expect(log).toEqual([
			{ name: 'b', at: 1000 },
			{ name: 'a', at: 7000 },
		]);
		probes[1].settle('answered');
		await clock.run(7000);
		await Promise.all(pending);
		expect(pacer.blocked).toBe(false);
		expect(log).toHaveLength(6);
		expect(log.slice(2).every((l) => l.at === 7000)).toBe(true);
	});

	it('waits for its own requests to leave the 3-minute window when it filled it itself', async () => {
		const { clock, lane } = setup();
		const off = lane({ windows: [] });
		const tickets = [];
		for (let i = 0; i < 1000; i++) {
			tickets.push(await off.acquire());
			clock.time += 100; // 1,000 requests over 100 s, unpaced
		}
		tickets.forEach((t) => t.settle('answered'));
		const refused = await off.acquire();
		refused.settle('refused');
		const log: Array<{ name: string; at: number }> = [];
		requests(off, 1, log, 'next', clock);
		await clock.run(400_000);
		// The first of the 1,000 was answered at 100 s (all at once): the key's window has room at 280 s.
		expect(log).toEqual([{ name: 'next', at: 100_000 + 180_000 }]);
	});

	it('gives up at once when Retry-After asks for longer than the patience set', async () => {
		const { clock, lane } = setup();
		const other = lane({ maxBlockedWaitMs: 60_000 });
		(await other.acquire()).settle('refused', 86_400_000);
		const rejected = other.acquire().catch((e: unknown) => e);
		await clock.run(0);
		const blocked = (await rejected) as BlockedTooLongError;
		expect(blocked).toBeInstanceOf(BlockedTooLongError);
		expect(blocked.waitedMs).toBe(0);
		// A day is more than DigiCert's longest window: the pause is bounded by that window.
		expect(blocked.nextAttemptInMs).toBe(180_000);
	});

	it.each([
		['999999999 seconds', 999_999_999_000],
		['a 400-digit number (Infinity)', Number.POSITIVE_INFINITY],
	])(
		"a Retry-After of %s pauses the key no longer than DigiCert's longest window (180 s), not until a restart",
		async (_name, retryAfterMs) => {
			const { clock, lane } = setup();
			const first = lane();
			(await first.acquire()).settle('refused', retryAfterMs);
			const log: Array<{ name: string; at: number }> = [];
			requests(lane(), 1, log, 'later run', clock);
			await clock.run(400_000);
			expect(log).toEqual([{ name: 'later run', at: 180_000 }]);
		},
	);

	it('a Retry-After of 0 does not cut the back-off short: the probe waits the first blocked wait', async () => {
		const { clock, lane } = setup();
		const first = lane({ firstBlockedWaitMs: 1000 });
		(await first.acquire()).settle('refused', 0);
		const log: Array<{ name: string; at: number }> = [];
		requests(first, 1, log, 'probe', clock);
		await clock.run(10_000);
		expect(log).toEqual([{ name: 'probe', at: 1000 }]);
	});

	it('a request refused again and again gives up once it has waited its patience', async () => {
		const { clock, lane } = setup();
		const patient = lane({ maxBlockedWaitMs: 10_000, firstBlockedWaitMs: 1000 });
		let attempts = 0;
		let refused: Ticket | undefined;
		const attempt = async (): Promise<unknown> => {
			try {
				refused = await patient.acquire(refused);
				attempts++;
				refused.settle('refused');
				return await attempt();
			} catch (error) {
				return error;
			}
		};
		const result = attempt();
		await clock.run(60_000);
		const error = (await result) as BlockedTooLongError;
		expect(error).toBeInstanceOf(BlockedTooLongError);
		// Refused at 0, then probes at 1, 3, 7 s; the next (15 s) would come after the 10 s: it stops at 7 s.
		expect(attempts).toBe(4);
		expect(error.waitedMs).toBe(7000);
		expect(error.refusals).toBe(4);
	});

	it("drops a cancelled execution's waiting requests", async () => {
		const { clock, lane } = setup([{ limit: 1, ms: 1000 }]);
		const controller = new AbortController();
		const cancelled = lane({ signal: controller.signal });
		(await cancelled.acquire()).settle('answered');
		const waiting = cancelled.acquire().catch((e: Error) => e.message);
		controller.abort();
		expect(await waiting).toBe('The execution was cancelled');
		await clock.run(5000);
	});
});

describe('PacerRegistry', () => {
	it('one pacer per API key and base URL, found by a keyed hash: the key itself is not kept', () => {
		const registry = new PacerRegistry(new VirtualClock());
		const pacer = registry.pacerFor(KEY, BASE);
		expect(registry.pacerFor(KEY, BASE)).toBe(pacer);
		expect(registry.pacerFor(KEY, 'https://certcentral.digicert.eu/services/v2')).not.toBe(pacer);
		expect(registry.pacerFor('another-key', BASE)).not.toBe(pacer);
		expect(registry.size).toBe(3);
		expect(inspect(registry, { depth: 10, showHidden: true })).not.toContain(KEY);
		expect(inspect(registry, { depth: 10, showHidden: true })).not.toContain(KEY.slice(0, 8));
	});

	it('drops pacers of keys unused for longer than their windows, but never one in use', async () => {
		const clock = new VirtualClock();
		const registry = new PacerRegistry(clock);
		const busy = registry
			.pacerFor(KEY, BASE)
			.lane({ windows: DIGICERT_RATE_WINDOWS, maxBlockedWaitMs: 1, firstBlockedWaitMs: 1 });
		const ticket = await busy.acquire();
		registry.pacerFor('idle-key', BASE);
		clock.time = 180_000;
		registry.pacerFor('third-key', BASE);
		expect(registry.size).toBe(2); // the idle one went; the one with a request out stays
		ticket.settle('answered');
		clock.time = 360_001;
		registry.pacerFor('third-key', BASE);
		expect(registry.size).toBe(1);
	});
});
