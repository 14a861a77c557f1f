import { inspect } from 'node:util';

import type { LaneOptions, RateWindow, Ticket } from '../../../nodes/common/rateLimiter';
import {
	BlockedTooLongError,
	DIGICERT_RATE_WINDOWS,
	KeyPacer,
	PacerRegistry,
	WindowTracker,
} from '../../../nodes/common/rateLimiter';
import { customRateWindow } from '../../../nodes/DigiCert/shared/requestOptions';
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

describe('WindowTracker', () => {
	it('counts a request until a window after its answer, and an unanswered one for as long as it is out', () => {
		const two = new WindowTracker(2, 5000);
		two.record(1000);
		// One answered at 1 s, one still out: full; the answered one leaves 5 s after its answer.
		expect(two.delay(1000, 1)).toBe(5000);
		// With a limit of one, only the answer still out can make room.
		expect(two.delay(1000, 1, 1)).toBe(Infinity);
		two.record(3000);
		// Room for one more once the earlier answer is 5 s old.
		expect(two.delay(3000, 0)).toBe(3000);
		expect(new WindowTracker(3, 5000).delay(3000, 0)).toBe(0);
		expect(two.delay(3000, 0, 1)).toBe(5000);
		expect(two.delay(6000, 0)).toBe(0);
	});

	it('keeps at most its limit of answers, and forgets those past its span', () => {
		const tracker = new WindowTracker(3, 1000);
		for (let at = 0; at < 100; at++) tracker.record(at);
		expect(tracker.answered(99)).toBe(3);
		// The newest three decide: the oldest of them (97) leaves at 1,097.
		expect(tracker.delay(99, 0)).toBe(97 + 1000 - 99);
		expect(tracker.answered(1098)).toBe(1);
		expect(tracker.answered(5000)).toBe(0);
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
		// The 1,000th request goes within the first 3 minutes (the first window's 100 spread over 1.25 s,
		// see BURST: 45 s and at most 1.25 s); the 1,001st exactly when the first leaves the window.
		expect(times[999]).toBeGreaterThanOrEqual(45_000);
		expect(times[999]).toBeLessThanOrEqual(46_250);
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

	it('a fast Custom rate (1,000 per second) sends its window at once, not one timer per request', async () => {
		const windows = [customRateWindow(1000)]; // 100 per 100 ms
		const { clock, lane } = setup(windows);
		const sleep = clock.sleep;
		let timers = 0;
		clock.sleep = async (ms, wake) => {
			timers++;
			await sleep(ms, wake);
		};
		const log: Array<{ name: string; at: number }> = [];
		const done = Promise.all(requests(lane(), 300, log, 'custom', clock));
		await clock.run(1000);
		await done;
		// Its pace limit would be 0.25 ms apart, below what a timer can wait: each window's 100 go
		// together, so the rate holds however coarse the timers are.
		const at = log.map((l) => l.at);
		expect(at.filter((t) => t === 0)).toHaveLength(100);
		expect(at.filter((t) => t === 100)).toHaveLength(100);
		expect(at.filter((t) => t === 200)).toHaveLength(100);
		// A few timers in all (one per window, and a wake-up or two), not one per request.
		expect(timers).toBeLessThan(10);
	});

	it('a 429 pauses every execution on the key; one probe at a time; all go on when one gets through', async () => {
		const { clock, pacer, lane } = setup();
		const a = lane();
		const b = lane();
		const first = await a.acquire();
		// The next request goes 12.5 ms later (see BURST: 100 per 5 s, at most 4 times that pace).
		const second = b.acquire();
		await clock.run(12.5);
		const inFlight = await second;
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
		await clock.run(1012);
		expect(log).toEqual([]);
		await clock.run(1012.5);
		// After the first wait (1 s from the 429, not doubled by the straggler's 429), exactly one request goes.
		expect(log).toEqual([{ name: 'b', at: 1012.5 }]);
		await clock.run(5000);
		expect(log).toHaveLength(1);
		// The probe's answer comes at 4.9 s: refused again. DigiCert most likely blocked the key for the
		// 5-second window from its first 429 (12.5 ms): the next probe goes just after it, not a
		// doubled wait (2 s) later, from the other execution.
		clock.time = 4900;
		probes[0].settle('refused');
		await clock.run(5062);
		expect(log).toHaveLength(1);
		await clock.run(5062.5);
		expect(log).toEqual([
			{ name: 'b', at: 1012.5 },
			{ name: 'a', at: 5062.5 },
		]);
		probes[1].settle('answered');
		await clock.run(10_000);
		await Promise.all(pending);
		expect(pacer.blocked).toBe(false);
		expect(log).toHaveLength(6);
		// The rest go once the probe got through, spaced out now that the key is shared (see AIMD below).
		expect(log.slice(2).every((l) => l.at >= 5062.5)).toBe(true);
	});

	it('a key blocked longer than the window: probes go back to the doubling wait, not one per 50 ms', async () => {
		const { clock, lane } = setup();
		const a = lane();
		(await a.acquire()).settle('refused');
		const log: Array<{ name: string; at: number }> = [];
		const probes: Ticket[] = [];
		const pending = requests(a, 4, log, 'a', clock, (t) => probes.push(t));
		// Probes at 1 s and 3 s (doubling), then just after the window (5.05 s, not 7 s); that one is
		// refused at 6 s, after the window: the next waits the doubled 8 s (14 s), not 50 ms.
		await clock.run(1000);
		probes[0].settle('refused');
		await clock.run(3000);
		probes[1].settle('refused');
		await clock.run(5050);
		expect(log.map((l) => l.at)).toEqual([1000, 3000, 5050]);
		clock.time = 6000;
		probes[2].settle('refused');
		await clock.run(13_999);
		expect(log).toHaveLength(3);
		await clock.run(14_000);
		expect(log.map((l) => l.at)).toEqual([1000, 3000, 5050, 14_000]);
		probes[3].settle('answered');
		await Promise.all(pending);
	});

	it('waits for its own requests to leave the 3-minute window when it filled it itself', async () => {
		const { clock, lane } = setup();
		// A trigger poll paced by the key's windows: they record every request with the key meanwhile.
		(await lane().acquire()).settle('answered');
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

	it('one request after another (pages of a list): an answer that comes a while after its turn still counts', async () => {
		const { clock, lane } = setup([{ limit: 1, ms: 1000 }]);
		const pages = lane();
		const sent: number[] = [];
		for (let page = 0; page < 4; page++) {
			const ticket = pages.acquire().then((t) => {
				sent.push(clock.now());
				return t;
			});
			await clock.run(clock.now());
			while (sent.length === page) await clock.advance(1);
			// A large page: its answer comes 50 ms after it was sent, over a window after the lane asked.
			clock.time += 50;
			(await ticket).settle('answered');
		}
		// Each page a window after the previous page's answer: never two inside one window.
		expect(sent).toEqual([0, 1050, 2100, 3150]);
	});
});

describe('KeyPacer: cost per request', () => {
	/** Sends `count` requests through `lane`, each answered at once, `gapMs` apart. */
	async function traffic(
		clock: VirtualClock,
		laneOf: ReturnType<ReturnType<typeof setup>['lane']>,
		count: number,
		gapMs: number,
	) {
		for (let i = 0; i < count; i++) {
			const ticket = laneOf.acquire();
			await clock.run(clock.now());
			(await ticket).settle('answered');
			clock.time += gapMs;
		}
	}

	it('with Rate Limit Off, keeps no answered request at all (only the block state)', async () => {
		const { clock, pacer, lane } = setup();
		await traffic(clock, lane({ windows: [] }), 2000, 1);
		expect(pacer.keptAnswers).toBe(0);
		expect(pacer.windowCount).toBe(0);
	});

	it('with a Custom limit, keeps at most the limit of its window, however long the run', async () => {
		const { clock, pacer, lane } = setup();
		const windows = [{ limit: 30, ms: 100 }]; // 300 per second
		await traffic(clock, lane({ windows }), 3000, 4);
		expect(pacer.windowCount).toBe(1);
		expect(pacer.keptAnswers).toBeLessThanOrEqual(30);
	});

	it("with DigiCert's limits, keeps at most their limits: 100 + 1,000 answers", async () => {
		const { clock, pacer, lane } = setup();
		await traffic(clock, lane(), 3000, 200);
		expect(pacer.keptAnswers).toBeLessThanOrEqual(1100);
	});

	it('executions with equal windows (each its own array) share one window in the pacer', async () => {
		const { clock, pacer, lane } = setup();
		const lanes = Array.from({ length: 500 }, () => lane({ windows: [{ limit: 5, ms: 1000 }] }));
		const log: Array<{ name: string; at: number }> = [];
		const done = Promise.all(lanes.flatMap((l, i) => requests(l, 1, log, String(i), clock)));
		expect(pacer.windowCount).toBe(1);
		await clock.run(50_000);
		expect(pacer.windowCount).toBe(1);
		await clock.run(200_000);
		await done;
		// Together they still kept to 5 per second.
		expect(
			busiest(
				log.map((l) => l.at),
				1000,
			),
		).toBe(5);
	});
});

describe("KeyPacer: an execution's own Retry Delay", () => {
	it("delays only that execution's refused request, not the key for the others", async () => {
		const { clock, pacer, lane } = setup();
		const patient = lane({ firstBlockedWaitMs: 600_000, maxBlockedWaitMs: 3_600_000 });
		const other = lane();
		const refused = await patient.acquire();
		refused.settle('refused');
		const log: Array<{ name: string; at: number }> = [];
		const retry = patient.acquire(refused).then((t) => {
			log.push({ name: 'retry', at: clock.now() });
			t.settle('answered');
		});
		requests(other, 3, log, 'other', clock);
		await clock.run(5000);
		// The key's own pause after one 429 (1 s): the other execution's probe goes, then the rest.
		expect(log.map((l) => l.name)).toEqual(['other', 'other', 'other']);
		expect(log[0].at).toBe(1000);
		expect(pacer.blocked).toBe(false);
		await clock.run(400_000);
		await retry;
		// The refused request itself waited its execution's own delay (bounded by DigiCert's longest window).
		expect(log[3]).toEqual({ name: 'retry', at: 180_000 });
	});

	it('a refused request whose own delay outlasts its patience gives up at once, without holding the key', async () => {
		const { clock, lane } = setup();
		const short = lane({ firstBlockedWaitMs: 600_000, maxBlockedWaitMs: 60_000 });
		const refused = await short.acquire();
		refused.settle('refused');
		const error = (await short.acquire(refused).catch((e: unknown) => e)) as BlockedTooLongError;
		expect(error).toBeInstanceOf(BlockedTooLongError);
		expect(error.nextAttemptInMs).toBe(180_000);
		const log: Array<{ name: string; at: number }> = [];
		requests(lane(), 1, log, 'other', clock);
		await clock.run(10_000);
		expect(log).toEqual([{ name: 'other', at: 1000 }]);
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

describe('KeyPacer: processes sharing a key (AIMD)', () => {
	/**
	 * DigiCert as the fake enforces it: at most 100 requests accepted in any 5 s; past that the key is
	 * blocked for 5 s and every request gets 429 (refused requests are not counted).
	 */
	function digiCert(clock: VirtualClock) {
		const accepted: number[] = [];
		let blockedUntil = 0;
		const counts = { accepted: 0, refused: 0 };
		return {
			counts,
			answer(): boolean {
				const now = clock.now();
				const inWindow = accepted.filter((at) => at > now - 5000).length;
				if (now < blockedUntil || inWindow >= 100) {
					if (now >= blockedUntil) blockedUntil = now + 5000;
					counts.refused++;
					return false;
				}
				accepted.push(now);
				counts.accepted++;
				return true;
			},
		};
	}

	/** One process's execution: `count` items, 10 in flight, each resent after a 429 until accepted. */
	async function execution(
		pacer: KeyPacer,
		server: ReturnType<typeof digiCert>,
		clock: VirtualClock,
		count: number,
		done: number[],
	) {
		const lane = pacer.lane({
			windows: DIGICERT_RATE_WINDOWS,
			maxBlockedWaitMs: 360_000,
			firstBlockedWaitMs: 1000,
		});
		let next = 0;
		const worker = async () => {
			while (next < count) {
				const item = next++;
				let refused: Ticket | undefined;
				for (;;) {
					const ticket = await lane.acquire(refused);
					await clock.sleep(20); // the round trip
					if (server.answer()) {
						ticket.settle('answered');
						break;
					}
					ticket.settle('refused');
					refused = ticket;
				}
				done.push(item);
			}
		};
		await Promise.all(Array.from({ length: 10 }, worker));
	}

	it.each([2, 4])(
		'%i processes on one key converge on its budget: every item out, few refused, each refused request retried',
		async (processes) => {
			const clock = new VirtualClock();
			const server = digiCert(clock);
			const pacers = Array.from({ length: processes }, () => new KeyPacer(clock));
			const done = pacers.map(() => [] as number[]);
			const runs = pacers.map(
				async (pacer, i) => await execution(pacer, server, clock, 800 / processes, done[i]),
			);
			await clock.run(600_000);
			await Promise.all(runs);
			done.forEach((items) => expect(items).toHaveLength(800 / processes));
			expect(server.counts.accepted).toBe(800);
			// Each backed off after DigiCert's first refusals, so few more came: under 5 % in all.
			expect(server.counts.refused).toBeGreaterThan(0);
			expect(server.counts.refused).toBeLessThanOrEqual(40);
			pacers.forEach((pacer) => expect(pacer.share).toBeLessThan(1));
		},
	);

	it('processes that start a little apart end up with equal shares, and few requests refused', async () => {
		const clock = new VirtualClock();
		const server = digiCert(clock);
		const pacers = Array.from({ length: 4 }, () => new KeyPacer(clock));
		const done = pacers.map(() => [] as number[]);
		// n8n's workers pick their executions up some 100 ms apart: the first gets most of the first window.
		const runs = pacers.map(async (pacer, i) => {
			await clock.sleep(100 * i);
			await execution(pacer, server, clock, 200, done[i]);
		});
		await clock.run(20_000);
		const shares = pacers.map((pacer) => pacer.share);
		expect(Math.max(...shares) / Math.min(...shares)).toBeLessThanOrEqual(1.25);
		await clock.run(600_000);
		await Promise.all(runs);
		done.forEach((items) => expect(items).toHaveLength(200));
		expect(server.counts.refused).toBeLessThanOrEqual(40);
	});

	it('one process alone keeps its full share: no 429, the share stays whole', async () => {
		const clock = new VirtualClock();
		const server = digiCert(clock);
		const pacer = new KeyPacer(clock);
		const done: number[] = [];
		const run = execution(pacer, server, clock, 800, done);
		await clock.run(600_000);
		await run;
		expect(done).toHaveLength(800);
		expect(server.counts.refused).toBe(0);
		expect(pacer.share).toBe(1);
	});

	it('the share comes back up once the other process is gone', async () => {
		const clock = new VirtualClock();
		const server = digiCert(clock);
		const [alone, leaving] = [new KeyPacer(clock), new KeyPacer(clock)];
		await clock.run(0);
		const both = [
			execution(alone, server, clock, 2000, []),
			execution(leaving, server, clock, 200, []),
		];
		await clock.run(30_000);
		const shared = alone.share;
		expect(shared).toBeLessThan(1);
		await clock.run(1_200_000);
		await Promise.all(both);
		expect(alone.share).toBe(1);
	});
});
