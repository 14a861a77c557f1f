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

/**
 * What one window needs to know: when the latest requests answered inside its span were answered
 * (at most `limit` of them, oldest first, in a ring). A request counts from when it was sent (the
 * pacer's count of requests out) until `ms` after its answer: DigiCert counted it somewhere in
 * between, so a request sent after that can never meet it in DigiCert's window, however long the
 * network took. Older answers can never decide when the next request fits, so nothing more is kept:
 * the cost per request is constant, whatever the traffic.
 */
export class WindowTracker {
	private readonly times: Float64Array;

	private head = 0;

	private count = 0;

	/** Lanes waiting that pace by this window. */
	users = 0;

	/** Whether the pacer records answers in it. */
	registered = false;

	/** When a lane pacing by it last asked for a turn. */
	named = 0;

	/** The share of its limit this process uses: 1 until DigiCert refuses while this window is busy. */
	share = 1;

	/** Its limit at this process's share of the key. */
	get sharedLimit(): number {
		return this.share >= 1 ? this.limit : Math.max(1, Math.floor(this.limit * this.share));
	}

	constructor(
		readonly limit: number,
		readonly ms: number,
	) {
		this.times = new Float64Array(Math.max(1, Math.ceil(limit)));
	}

	record(at: number): void {
		const size = this.times.length;
		if (this.count < size) {
			this.times[(this.head + this.count) % size] = at;
			this.count++;
		} else {
			this.times[this.head] = at;
			this.head = (this.head + 1) % size;
		}
	}

	/** How many answers it keeps that are still inside the window at `now` (it forgets the others). */
	answered(now: number): number {
		while (this.count > 0 && this.times[this.head] <= now - this.ms) {
			this.head = (this.head + 1) % this.times.length;
			this.count--;
		}
		return this.count;
	}

	/**
	 * How long before one more request fits, with `out` requests unanswered and at most `limit`
	 * (not above the window's own) in the window. Infinity when only an answer still out can make room.
	 */
	delay(now: number, out: number, limit = this.limit): number {
		const answered = this.answered(now);
		const inside = out + answered;
		if (inside < limit) return 0;
		// Only the newest `limit` answers can be the one whose leaving makes room (see record).
		const leaving = inside - limit + 1;
		if (leaving > answered) return Infinity;
		return this.times[(this.head + leaving - 1) % this.times.length] + this.ms - now;
	}
}

export interface LaneOptions {
	/** How fast this lane's requests may go, counted over every request sent with the key. */
	windows: readonly RateWindow[];
	/** How long one request waits in all while DigiCert blocks the key before it gives up. */
	maxBlockedWaitMs: number;
	/**
	 * This lane's own wait before it sends a refused request again; it doubles with each 429 to that
	 * request. It delays only this lane's retries: the key's pause is the pacer's, the same for all.
	 */
	firstBlockedWaitMs: number;
	/** The execution's cancel signal: its waiting requests are dropped. */
	signal?: AbortSignal;
}

interface Waiter {
	/** Since when this request has been waiting, for its patience. */
	since: number;
	/** For a request DigiCert refused before: its 429s so far; it waits since its first. */
	refusals: number;
	/** Not sent before this (the lane's own wait after a 429). */
	notBefore: number;
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

	/** The windows it paces by, as the pacer keeps them. */
	trackers: WindowTracker[];

	/** Its neighbours in the pacer's ring of lanes waiting, while it waits. */
	next: Lane | undefined;

	prev: Lane | undefined;

	constructor(
		private readonly pacer: KeyPacer,
		readonly options: LaneOptions,
	) {
		this.trackers = options.windows.map((w) => pacer.tracker(w));
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

	/** When DigiCert refused this ticket's request, if it did. */
	refusedAt: number | undefined;

	constructor(
		private readonly pacer: KeyPacer,
		readonly lane: Lane,
		/** Whether it is the one request sent to see if a block is over. */
		readonly probe: boolean,
		/** For a request refused before: since when it has waited. */
		waitingSince: number | undefined,
		/** 429s to this request so far. */
		public refusals = 0,
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

/** The first pause of the key after DigiCert's 429; it doubles with each 429 in a row. */
export const FIRST_BLOCKED_WAIT_MS = 1000;

/**
 * Sharing a key with other processes (n8n's queue-mode workers, other tools): each backs off on
 * DigiCert's 429 and probes back up slowly, the way TCP shares a link. A process refused for the
 * first time cannot tell how many others there are, nor (starting a few ms apart) take its part of
 * the window it just filled as its fair part: it halves its share, the same for all ...
 */
const FIRST_SHARE = 0.5;
/**
 * ... and they all restart together when the key is free again, at the same pace (BURST): if the
 * halves are still too many, the next 429 comes at once, with each process's part of the window now
 * its fair part. From then on, after a 429 the pacer uses at most DECREASE of its share before
 * (multiplicative decrease), and at most HEADROOM of what it had in the window when the key filled
 * up (its part of DigiCert's count: together the processes fit, with a little room) ...
 */
const DECREASE = 0.7;
const HEADROOM = 0.95;
/** ... but never less than this of its share before (a process that got nothing through still gets some) ... */
const SMALLEST_STEP = 0.1;
/** ... holds it for this many of its shortest windows after the key is free again ... */
const HOLD_WINDOWS = 8;
/** ... then takes this much more of its windows per shortest window (additive increase). */
const INCREASE = 0.05;

/**
 * A lane never sends faster than this many times its (shared) limit spread evenly over its shortest
 * window: alone it still fills a 5-second window in 1.25 s, but processes that start together reach
 * DigiCert at the same pace (their parts of the window are fair), and a 429 finds few requests in flight.
 */
const BURST = 4;
/**
 * ... unless that pace is finer than a timer can wait (fast Custom rates: 0.25 ms at 1,000 a
 * second): one timer per request would cap the rate below the one set, so the window alone paces.
 */
const TIMER_GRANULARITY_MS = 1;

/** How long after the window a refused probe most likely ended the next probe goes. */
const PROBE_MARGIN_MS = 50;

/** The requests of one API key in this process: windows, turns, blocks and its share of the key. */
export class KeyPacer {
	/** Windows that lanes pace by (one per distinct limit and span), recording every answer. */
	private readonly trackers = new Map<string, WindowTracker>();

	/** Trackers of the lanes waiting now: the windows that hold for every request. */
	private readonly active = new Set<WindowTracker>();

	/** Requests sent and not answered yet. */
	private out = 0;

	/** The lane whose turn is next, in a ring of the lanes waiting. */
	private current: Lane | undefined;

	private block: Block | undefined;

	/** No increase of the share before this. */
	private holdUntil = 0;

	private lastRaise = 0;

	/** When the latest request went (see BURST). */
	private lastGrant = -Infinity;

	/** Whether this process uses less than its full windows (DigiCert refused it). */
	private sharing = false;

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

	/** The tracker of one window: one per distinct limit and span, whichever lanes name it. */
	tracker(window: RateWindow): WindowTracker {
		const id = `${window.limit}/${window.ms}`;
		let tracker = this.trackers.get(id);
		if (tracker === undefined) {
			tracker = new WindowTracker(window.limit, window.ms);
			tracker.registered = true;
			this.trackers.set(id, tracker);
		}
		return tracker;
	}

	/** A lane uses its windows now: the pacer keeps them (again) and records answers in them. */
	private name(lane: Lane, now: number): void {
		for (let i = 0; i < lane.trackers.length; i++) {
			if (!lane.trackers[i].registered) lane.trackers[i] = this.tracker(lane.trackers[i]);
			lane.trackers[i].named = now;
		}
	}

	/** Whether this pacer holds nothing worth keeping: nothing waiting or in flight, every window and block over. */
	isIdle(now: number): boolean {
		if (this.current !== undefined || this.out > 0) return false;
		return now >= Math.max(this.lastUsed + this.longestMs, this.block?.until ?? 0);
	}

	/** Whether DigiCert has the key blocked, as far as this process knows. */
	get blocked(): boolean {
		return this.block !== undefined;
	}

	/** How many answer times the pacer keeps (over all its windows): bounded by the windows' limits. */
	get keptAnswers(): number {
		let kept = 0;
		for (const tracker of this.trackers.values()) kept += tracker.answered(this.clock.now());
		return kept;
	}

	/** How many distinct windows the pacer keeps. */
	get windowCount(): number {
		return this.trackers.size;
	}

	/** The smallest share of a window's limit this process uses now: 1 alone, less once DigiCert refused. */
	get share(): number {
		let share = 1;
		for (const tracker of this.trackers.values()) share = Math.min(share, tracker.share);
		return share;
	}

	async enqueue(lane: Lane, refused?: Ticket): Promise<Ticket> {
		if (lane.options.signal?.aborted) throw new Error('The execution was cancelled');
		const now = this.clock.now();
		this.lastUsed = now;
		this.name(lane, now);
		// Nobody else waiting, the key free, room in the windows: go at once, without a turn to take.
		if (refused === undefined && this.current === undefined && this.block === undefined) {
			if (this.paceDelay(lane.trackers, now) <= 0) return this.grant(lane, undefined, now);
		}
		const refusals = refused?.refusals ?? 0;
		const since = refused?.blockedSince ?? now;
		const notBefore =
			refused?.refusedAt === undefined ? now : refused.refusedAt + this.ownWait(lane, refusals);
		if (notBefore > since + lane.options.maxBlockedWaitMs) {
			// Its own wait would take it past its patience: it gives up now rather than wait in vain.
			throw new BlockedTooLongError(now - since, this.block?.refusals ?? refusals, notBefore - now);
		}
		return await new Promise<Ticket>((resolve, reject) => {
			const waiter = { since, refusals, notBefore, resolve, reject };
			if (refused) lane.waiters.unshift(waiter);
			else lane.waiters.push(waiter);
			this.join(lane);
			this.kick();
		});
	}

	/** Drops a lane's waiting requests (its execution was cancelled). */
	drop(lane: Lane, error: Error): void {
		for (const waiter of lane.waiters.splice(0)) waiter.reject(error);
		this.leave(lane);
	}

	settle(ticket: Ticket, outcome: 'answered' | 'refused' | 'failed', retryAfterMs?: number): void {
		const now = this.clock.now();
		this.out--;
		if (outcome === 'refused') {
			ticket.blockedSince ??= now;
			ticket.refusedAt = now;
			ticket.refusals++;
		}
		this.lastUsed = now;
		// The answer belongs in its lane's windows, however long the lane waited for its turn and the
		// answer took: else the next request (a list's next page) would find the window forgotten.
		this.name(ticket.lane, now);
		const block = this.block;
		if (outcome === 'refused') this.refused(ticket, now, retryAfterMs);
		else if (block?.probe === ticket) {
			// The probe got through: the block is over. With no answer at all, another probe may go.
			if (outcome === 'answered') this.unblocked(now);
			else block.probe = undefined;
		}
		for (const [id, tracker] of this.trackers) {
			// A window no lane has named for longer than its span: forgotten until a lane names it again.
			if (tracker.users === 0 && now - tracker.named > tracker.ms) {
				this.trackers.delete(id);
				tracker.registered = false;
			} else tracker.record(now);
		}
		this.kick();
	}

	private refused(ticket: Ticket, now: number, retryAfterMs: number | undefined): void {
		let block = this.block;
		// While the key is paused only probes go: any other request was out before, and its 429 says nothing new.
		if (block !== undefined && !ticket.probe) return;
		if (block === undefined) {
			block = this.block = { since: now, until: now, refusals: 0 };
			this.decrease(now);
		}
		block.refusals++;
		block.probe = undefined;
		let own = this.blockedWait(block.refusals, now, ticket.lane.options.firstBlockedWaitMs);
		// A probe refused too: the key was most likely blocked for the window it was over, from (at the
		// latest) this process's first 429 of the block. The next probe goes just after that window,
		// not a whole doubled wait later (a window's worth of the key's budget lost for every process).
		// Once that window is over, the doubling alone decides (a longer block: no probe every 50 ms).
		const windowEnd = block.since + this.shortestMs() + PROBE_MARGIN_MS;
		if (block.refusals >= 2 && windowEnd > now) own = Math.min(own, windowEnd - now);
		// Retry-After may lengthen the pause, never shorten it (0 would let probes run in a burst), and
		// never past DigiCert's longest window: a key is free again by then, and an absurd header (a
		// year, or Infinity) must not block the key for every workflow until n8n restarts.
		const wait = Math.min(Math.max(own, retryAfterMs ?? 0), LONGEST_BLOCK_MS);
		block.until = Math.max(block.until, now + wait);
	}

	/**
	 * DigiCert refused: someone else uses the key too (or this process went too fast). The window this
	 * process is busiest in (the largest part of its limit: the one DigiCert most likely counted full)
	 * gets a smaller share from now on (see DECREASE); a short burst does not cut the 3-minute window,
	 * a long run does.
	 */
	private decrease(now: number): void {
		let busiest = 0;
		for (const tracker of this.trackers.values())
			busiest = Math.max(busiest, tracker.answered(now) / tracker.limit);
		const shortestMs = this.shortestMs();
		for (const tracker of this.trackers.values()) {
			const used = tracker.answered(now) / tracker.limit;
			// With nothing of its own in any window, the key is someone else's: the shortest window shares.
			if (busiest === 0 ? tracker.ms > shortestMs : used < busiest * 0.9) continue;
			tracker.share =
				tracker.share >= 1
					? FIRST_SHARE
					: Math.max(
							tracker.share * SMALLEST_STEP,
							Math.min(tracker.share * DECREASE, used * HEADROOM),
							1 / tracker.limit,
						);
		}
		this.holdUntil = Infinity;
		this.sharing = true;
	}

	/** The probe got through: the key is free again; the shares hold a while, then grow slowly. */
	private unblocked(now: number): void {
		this.block = undefined;
		if (!this.sharing) return;
		this.holdUntil = now + HOLD_WINDOWS * this.shortestMs();
		this.lastRaise = this.holdUntil;
	}

	/** Additive increase: a step more of each share per shortest window without a 429, after the hold. */
	private raise(now: number): void {
		if (now < this.holdUntil || now - this.lastRaise < this.shortestMs()) return;
		for (const tracker of this.trackers.values())
			tracker.share = Math.min(1, tracker.share + INCREASE);
		this.lastRaise = now;
		this.sharing = this.share < 1;
	}

	private shortestMs(): number {
		let shortest = Infinity;
		for (const tracker of this.trackers.values()) shortest = Math.min(shortest, tracker.ms);
		return shortest;
	}

	/** How long before one more request fits in `trackers` (and BURST allows one). */
	private paceDelay(trackers: Iterable<WindowTracker>, now: number): number {
		let delay = 0;
		for (const tracker of trackers)
			delay = Math.max(delay, tracker.delay(now, this.out, tracker.sharedLimit));
		if (this.sharing) this.raise(now);
		return Math.max(delay, this.lastGrant + burstGap(trackers) - now);
	}

	/**
	 * How long to pause every request after the `refusals`-th 429 in a row. DigiCert says neither
	 * how long nor why: a key over its 5-second window is free again within seconds, one over its
	 * 3-minute window may stay blocked for up to that window. So the pause doubles from the first
	 * wait up to a sixth of the longest window (one probe at a time, never a burst), and is never
	 * shorter than it takes this process's own requests to leave the key's windows. It is the key's
	 * pause: an execution's Retry Delay may shorten its first wait (a probe is one request) but never
	 * lengthen it, so one workflow's long delay does not hold every other workflow on the key.
	 */
	private blockedWait(refusals: number, now: number, laneFirstMs: number): number {
		const windows = this.keyWindows();
		const first = Math.max(1, Math.min(FIRST_BLOCKED_WAIT_MS, laneFirstMs));
		const backoff = Math.min(first * 2 ** (refusals - 1), Math.max(first, longest(windows) / 6));
		let drain = 0;
		for (const window of windows) {
			const tracker = this.trackers.get(`${window.limit}/${window.ms}`);
			const delay = tracker?.delay(now, this.out) ?? 0;
			if (Number.isFinite(delay)) drain = Math.max(drain, delay);
		}
		return Math.max(backoff, drain);
	}

	/** A lane's own wait before it sends a request refused `refusals` times again (its Retry Delay). */
	private ownWait(lane: Lane, refusals: number): number {
		const first = Math.max(0, lane.options.firstBlockedWaitMs);
		const longestMs = longest(this.keyWindows());
		return Math.min(first * 2 ** (refusals - 1), Math.max(first, longestMs / 6), LONGEST_BLOCK_MS);
	}

	/** Puts a lane in the ring of lanes waiting, next in turn (the others have just had theirs). */
	private join(lane: Lane): void {
		if (lane.next !== undefined) return;
		const current = this.current;
		if (current === undefined) {
			lane.next = lane.prev = lane;
		} else {
			lane.prev = current.prev;
			lane.next = current;
			current.prev!.next = lane;
			current.prev = lane;
		}
		this.current = lane;
		for (const tracker of lane.trackers) {
			if (tracker.users++ === 0) this.active.add(tracker);
		}
	}

	private leave(lane: Lane): void {
		if (lane.next === undefined) return;
		if (lane.next === lane) this.current = undefined;
		else {
			lane.prev!.next = lane.next;
			lane.next.prev = lane.prev;
			if (this.current === lane) this.current = lane.next;
		}
		lane.next = lane.prev = undefined;
		for (const tracker of lane.trackers) {
			if (--tracker.users === 0) this.active.delete(tracker);
		}
	}

	private kick(): void {
		if (this.pumping) this.wake?.abort();
		else if (this.current !== undefined) void this.pump();
	}

	private async pump(): Promise<void> {
		this.pumping = true;
		try {
			while (this.current !== undefined) {
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

	/** Turns away every request out of patience while the key is blocked; returns the earliest deadline to come. */
	private dropImpatient(block: Block, now: number): number {
		const next = block.probe !== undefined ? Infinity : block.until;
		let wait = Infinity;
		const lanes: Lane[] = [];
		let lane = this.current!;
		do {
			lanes.push(lane);
			lane = lane.next!;
		} while (lane !== this.current);
		for (const lane of lanes) {
			for (let i = 0; i < lane.waiters.length; i++) {
				const waiter = lane.waiters[i];
				const deadline = Math.max(waiter.since, block.since) + lane.options.maxBlockedWaitMs;
				const attempt = Math.max(next, waiter.notBefore);
				// Give up once out of patience, or at once when the next try would come after it.
				if (now >= deadline || (attempt !== Infinity && attempt > deadline)) {
					lane.waiters.splice(i--, 1);
					waiter.reject(
						new BlockedTooLongError(
							now - Math.max(waiter.since, block.since),
							block.refusals,
							Math.max(0, attempt - now),
						),
					);
				} else wait = Math.min(wait, deadline - now);
			}
			if (lane.waiters.length === 0) this.leave(lane);
		}
		return wait;
	}

	/** Sends one request on and returns 0, or returns how long nothing can happen. */
	private grantOrWait(now: number): number {
		let wait = Infinity;
		const block = this.block;
		if (block !== undefined) {
			wait = this.dropImpatient(block, now);
			if (this.current === undefined) return 0;
			const next = block.probe !== undefined ? Infinity : block.until;
			if (next > now) return Math.min(wait, next - now);
		}
		// One pace for every lane: the strictest setting among the executions waiting holds for all,
		// so none is starved by another with laxer windows, and turns decide who goes.
		const delay = this.paceDelay(this.active, now);
		if (delay > 0) return Math.min(wait, delay);
		// The lane whose turn it is goes, unless all its requests wait out their own delay: then the next.
		let lane = this.current!;
		let soonest = Infinity;
		for (;;) {
			const index = lane.waiters.findIndex((w) => w.notBefore <= now);
			if (index >= 0) {
				const [waiter] = lane.waiters.splice(index, 1);
				this.current = lane.next;
				if (lane.waiters.length === 0) this.leave(lane);
				waiter.resolve(this.grant(lane, waiter, now));
				return 0;
			}
			for (const waiter of lane.waiters) soonest = Math.min(soonest, waiter.notBefore - now);
			lane = lane.next!;
			if (lane === this.current) return Math.min(wait, soonest);
		}
	}

	private grant(lane: Lane, waiter: Waiter | undefined, now: number): Ticket {
		const block = this.block;
		const retried = waiter !== undefined && waiter.refusals > 0;
		const ticket = new Ticket(
			this,
			lane,
			block !== undefined,
			retried ? waiter.since : undefined,
			waiter?.refusals ?? 0,
		);
		if (block !== undefined) block.probe = ticket;
		this.out++;
		this.lastUsed = now;
		this.lastGrant = now;
		return ticket;
	}
}

/** The least time between two requests of a lane pacing by `trackers` (see BURST, TIMER_GRANULARITY_MS). */
function burstGap(trackers: Iterable<WindowTracker>): number {
	let gap = Infinity;
	for (const tracker of trackers) gap = Math.min(gap, tracker.ms / (BURST * tracker.sharedLimit));
	return Number.isFinite(gap) && gap > TIMER_GRANULARITY_MS ? gap : 0;
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
