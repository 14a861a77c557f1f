/**
 * Pacing per API key. DigiCert counts requests per key (100 per 5 s, 1,000 per 3 min) and, past
 * either limit, blocks the whole key for a while. So every execution, trigger poll and list search
 * in this n8n process that uses one key shares one KeyPacer: one record of what was sent, one
 * "blocked" state, and turns taken in rotation by the executions waiting (a lane each).
 */
import { createHmac, randomBytes } from 'node:crypto';

import type { Clock } from './clock';
import { REAL_CLOCK } from './clock';

export interface RateWindow {
	/** At most this many requests ... */
	limit: number;
	/** ... in any span of this many milliseconds. */
	ms: number;
}

/** DigiCert's documented limits per API key. */
export const DIGICERT_RATE_WINDOWS: RateWindow[] = [
	{ limit: 100, ms: 5_000 },
	{ limit: 1000, ms: 180_000 },
];

/** No 429 pauses a key longer than DigiCert's longest rate window. */
const LONGEST_BLOCK_MS = longest(DIGICERT_RATE_WINDOWS);

/** The longest a pacer sleeps while it waits for an answer rather than for a time. */
const MAX_IDLE_SLEEP_MS = 1000;

/** Why a request stopped waiting for its turn while DigiCert blocked the key. */
export class BlockedTooLongError extends Error {
	constructor(
		/** How long this request waited while the key was blocked. */
		readonly waitedMs: number,
		/** 429s DigiCert answered in a row on this key. */
		readonly refusals: number,
		/** When the next attempt was due, had the request kept waiting (ms from now). */
		readonly nextAttemptInMs: number,
	) {
		super('DigiCert kept the API key blocked (429)');
	}
}

/** One request's place in the windows: from when it was sent until `ms` after its answer. */
interface Slot {
	at: number;
	answered: boolean;
}

/**
 * How long before one more request fits in every window. A request counts from when it was sent
 * until a window's length after its answer came: DigiCert counted it somewhere in between, so a
 * request sent after that can never meet it in DigiCert's window, however long the network took.
 * Infinity when only an answer still outstanding can make room.
 */
export function windowDelay(
	slots: readonly Slot[],
	windows: readonly RateWindow[],
	now: number,
): number {
	let delay = 0;
	for (const { limit, ms } of windows) {
		let inside = 0;
		const answered: number[] = [];
		for (const slot of slots) {
			if (!slot.answered) inside++;
			else if (slot.at > now - ms) {
				inside++;
				answered.push(slot.at);
			}
		}
		if (inside < limit) continue;
		const leaving = inside - limit + 1;
		if (leaving > answered.length) return Infinity;
		answered.sort((a, b) => a - b);
		delay = Math.max(delay, answered[leaving - 1] + ms - now);
	}
	return delay;
}

export interface LaneOptions {
	/** How fast this lane's requests may go, counted over every request sent with the key. */
	windows: RateWindow[];
	/** How long one request waits in all while DigiCert blocks the key before it gives up. */
	maxBlockedWaitMs: number;
	/** The wait after DigiCert's first 429; it doubles with each 429 in a row. */
	firstBlockedWaitMs: number;
	/** The execution's cancel signal: its waiting requests are dropped. */
	signal?: AbortSignal;
}

interface Waiter {
	/** Since when this request has been waiting, for its patience. */
	since: number;
	/** Whether DigiCert refused this request before (it then waits since its first 429). */
	retry: boolean;
	resolve: (ticket: Ticket) => void;
	reject: (error: Error) => void;
}

/** The state after a 429: nobody is sent before `until`, and then only one request (the probe). */
interface Block {
	since: number;
	until: number;
	refusals: number;
	probe?: Ticket;
}

/** One execution's queue of requests: lanes take turns. */
export class Lane {
	readonly waiters: Waiter[] = [];

	constructor(
		private readonly pacer: KeyPacer,
		readonly options: LaneOptions,
	) {
		options.signal?.addEventListener(
			'abort',
			() => pacer.drop(this, new Error('The execution was cancelled')),
			{ once: true },
		);
	}

	/**
	 * Resolves with a ticket when this request may be sent. `refused` is this request's previous
	 * ticket, which DigiCert answered with 429: it waits at the head of its lane, and its patience
	 * counts from that first 429.
	 */
	async acquire(refused?: Ticket): Promise<Ticket> {
		return await this.pacer.enqueue(this, refused);
	}
}

/** Permission to send one request; `settle` it once with what happened. */
export class Ticket {
	private settled = false;

	/** When DigiCert refused the request this ticket or an earlier one of it was for (429). */
	blockedSince: number | undefined;

	constructor(
		private readonly pacer: KeyPacer,
		readonly slot: Slot,
		readonly lane: Lane,
		/** Whether it is the one request sent to see if a block is over. */
		readonly probe: boolean,
		/** For a request refused before: since when it has waited. */
		waitingSince: number | undefined,
	) {
		this.blockedSince = waitingSince;
	}

	/** `refused`: DigiCert answered 429 (with Retry-After as ms, if any); `failed`: no answer at all. */
	settle(outcome: 'answered' | 'refused' | 'failed', retryAfterMs?: number): void {
		if (this.settled) return;
		this.settled = true;
		this.pacer.settle(this, outcome, retryAfterMs);
	}
}

/** The requests of one API key in this process: windows, turns and blocks. */
export class KeyPacer {
	private slots: Slot[] = [];

	/** Lanes with requests waiting, in turn order; `turn` is the index of the lane whose turn is next. */
	private lanes: Lane[] = [];

	private turn = 0;

	private block: Block | undefined;

	private pumping = false;

	private wake: AbortController | undefined;

	private longestMs: number;

	private lastUsed: number;

	constructor(
		private readonly clock: Clock,
		/** The key's own limits, read when a block needs them (the benchmark scales them). */
		private readonly keyWindows: () => RateWindow[] = () => DIGICERT_RATE_WINDOWS,
	) {
		this.lastUsed = clock.now();
		this.longestMs = longest(keyWindows());
	}

	lane(options: LaneOptions): Lane {
		this.longestMs = Math.max(this.longestMs, longest(options.windows));
		return new Lane(this, options);
	}

	/** Whether this pacer holds nothing worth keeping: nothing waiting or in flight, every window and block over. */
	isIdle(now: number): boolean {
		if (this.lanes.length > 0 || this.slots.some((s) => !s.answered)) return false;
		return now >= Math.max(this.lastUsed + this.longestMs, this.block?.until ?? 0);
	}

	/** Whether DigiCert has the key blocked, as far as this process knows. */
	get blocked(): boolean {
		return this.block !== undefined;
	}

	async enqueue(lane: Lane, refused?: Ticket): Promise<Ticket> {
		if (lane.options.signal?.aborted) throw new Error('The execution was cancelled');
		const now = this.clock.now();
		this.lastUsed = now;
		return await new Promise<Ticket>((resolve, reject) => {
			const waiter = {
				since: refused?.blockedSince ?? now,
				retry: refused !== undefined,
				resolve,
				reject,
			};
			if (refused) lane.waiters.unshift(waiter);
			else lane.waiters.push(waiter);
			// A lane that was not waiting goes next: the others have just had their turns.
			if (!this.lanes.includes(lane)) this.lanes.splice(this.turn, 0, lane);
			this.kick();
		});
	}

	/** Drops a lane's waiting requests (its execution was cancelled). */
	drop(lane: Lane, error: Error): void {
		for (const waiter of lane.waiters.splice(0)) waiter.reject(error);
		this.removeLane(lane);
	}

	settle(ticket: Ticket, outcome: 'answered' | 'refused' | 'failed', retryAfterMs?: number): void {
		const now = this.clock.now();
		ticket.slot.at = now;
		ticket.slot.answered = true;
		if (outcome === 'refused') ticket.blockedSince ??= now;
		this.lastUsed = now;
		const block = this.block;
		if (outcome === 'refused') this.refused(ticket, now, retryAfterMs);
		else if (block?.probe === ticket) {
			// The probe got through: the block is over. With no answer at all, another probe may go.
			if (outcome === 'answered') this.block = undefined;
			else block.probe = undefined;
		}
		if (this.slots.length > 64)
			this.slots = this.slots.filter((s) => !s.answered || s.at > now - this.longestMs);
		this.kick();
	}

	private refused(ticket: Ticket, now: number, retryAfterMs: number | undefined): void {
		let block = this.block;
		// While the key is paused only probes go: any other request was out before, and its 429 says nothing new.
		if (block !== undefined && !ticket.probe) return;
		if (block === undefined) block = this.block = { since: now, until: now, refusals: 0 };
		block.refusals++;
		block.probe = undefined;
		const own = this.blockedWait(block.refusals, now, ticket.lane.options.firstBlockedWaitMs);
		// Retry-After may lengthen the pause, never shorten it (0 would let probes run in a burst), and
		// never past DigiCert's longest window: a key is free again by then, and an absurd header (a
		// year, or Infinity) must not block the key for every workflow until n8n restarts.
		const wait = Math.min(Math.max(own, retryAfterMs ?? 0), LONGEST_BLOCK_MS);
		block.until = Math.max(block.until, now + wait);
	}

	/**
	 * How long to pause every request after the `refusals`-th 429 in a row. DigiCert says neither
	 * how long nor why: a key over its 5-second window is free again within seconds, one over its
	 * 3-minute window may stay blocked for up to that window. So the pause doubles from the first
	 * wait up to a sixth of the longest window (one probe at a time, never a burst), and is never
	 * shorter than it takes this process's own requests to leave the key's windows.
	 */
	private blockedWait(refusals: number, now: number, firstWaitMs: number): number {
		const windows = this.keyWindows();
		const first = Math.max(1, firstWaitMs);
		const backoff = Math.min(first * 2 ** (refusals - 1), Math.max(first, longest(windows) / 6));
		const drain = windowDelay(this.slots, windows, now);
		return Math.max(backoff, Number.isFinite(drain) ? drain : 0);
	}

	private removeLane(lane: Lane): void {
		const index = this.lanes.indexOf(lane);
		if (index < 0) return;
		this.lanes.splice(index, 1);
		if (index < this.turn) this.turn--;
		if (this.turn >= this.lanes.length) this.turn = 0;
	}

	private kick(): void {
		if (this.pumping) this.wake?.abort();
		else void this.pump();
	}

	private async pump(): Promise<void> {
		this.pumping = true;
		try {
			while (this.lanes.length > 0) {
				const wait = this.grantOrWait(this.clock.now());
				if (wait <= 0) continue;
				this.wake = new AbortController();
				await this.clock.sleep(Number.isFinite(wait) ? wait : MAX_IDLE_SLEEP_MS, this.wake.signal);
				this.wake = undefined;
			}
		} finally {
			this.pumping = false;
		}
	}

	/** Sends one request on (or turns one away) and returns 0, or returns how long nothing can happen. */
	private grantOrWait(now: number): number {
		let wait = Infinity;
		const block = this.block;
		if (block !== undefined) {
			const next = block.probe !== undefined ? Infinity : block.until;
			for (const lane of this.lanes) {
				for (const waiter of lane.waiters) {
					const deadline = Math.max(waiter.since, block.since) + lane.options.maxBlockedWaitMs;
					// Give up once out of patience, or at once when the next try would come after it.
					if (now >= deadline || (next !== Infinity && next > deadline)) {
						lane.waiters.splice(lane.waiters.indexOf(waiter), 1);
						if (lane.waiters.length === 0) this.removeLane(lane);
						waiter.reject(
							new BlockedTooLongError(
								now - Math.max(waiter.since, block.since),
								block.refusals,
								Math.max(0, next - now),
							),
						);
						return 0;
					}
					wait = Math.min(wait, deadline - now);
				}
			}
			if (next > now) return Math.min(wait, next - now);
		}
		// One pace for every lane: the strictest setting among the executions waiting holds for all,
		// so none is starved by another with laxer windows, and turns decide who goes.
		const windows = [...new Set(this.lanes.map((lane) => lane.options.windows))].flat();
		const delay = windowDelay(this.slots, windows, now);
		if (delay > 0) return Math.min(wait, delay);
		const lane = this.lanes[this.turn];
		const waiter = lane.waiters.shift()!;
		this.turn++;
		if (lane.waiters.length === 0) this.removeLane(lane);
		if (this.turn >= this.lanes.length) this.turn = 0;
		const slot: Slot = { at: now, answered: false };
		this.slots.push(slot);
		const ticket = new Ticket(
			this,
			slot,
			lane,
			block !== undefined,
			waiter.retry ? waiter.since : undefined,
		);
		if (block !== undefined) block.probe = ticket;
		this.lastUsed = now;
		waiter.resolve(ticket);
		return 0;
	}
}

function longest(windows: readonly RateWindow[]): number {
	return Math.max(0, ...windows.map((w) => w.ms));
}

/**
 * The pacers of this process, one per API key and base URL. A pacer is found by a keyed hash
 * (HMAC with a secret made at start-up) of the two, so the key itself is never kept here; pacers
 * unused for longer than their longest window are dropped.
 */
export class PacerRegistry {
	private readonly pacers = new Map<string, KeyPacer>();

	private readonly secret = randomBytes(32);

	constructor(private clock: Clock = REAL_CLOCK) {}

	pacerFor(apiKey: string, baseUrl: string): KeyPacer {
		const now = this.clock.now();
		for (const [id, pacer] of this.pacers) if (pacer.isIdle(now)) this.pacers.delete(id);
		const id = createHmac('sha256', this.secret)
			.update(JSON.stringify([baseUrl, apiKey]))
			.digest('base64url');
		let pacer = this.pacers.get(id);
		if (pacer === undefined) {
			pacer = new KeyPacer(this.clock);
			this.pacers.set(id, pacer);
		}
		return pacer;
	}

	/** How many keys have a pacer now. */
	get size(): number {
		return this.pacers.size;
	}

	/** Forgets every pacer and, if given, uses another clock from now on (tests). */
	reset(clock?: Clock): void {
		this.pacers.clear();
		if (clock) this.clock = clock;
	}
}

/** The one registry of this process: every client of every node finds its key's pacer here. */
export const keyPacers = new PacerRegistry();
