import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { mapBounded } from '../../common/concurrency';
import type { DigiCertErrorEntry } from '../../common/errors';
import { entriesText } from '../../common/errors';
import { ORDER_CHANGE_STATUSES, statusOptions } from '../../common/orderStatuses';
import { assertBoolean, quoteValue } from '../../common/inputChecks';
import { mountainTime } from '../shared/mountainTime';
import { checkedMap, MAX_REMEMBERED, newestById, recordId } from '../shared/state';
import { changedTriggerDefault } from '../shared/versions';
import { SAMPLE_ORDER } from './samples';
import type { DigiCertSource, DigiCertTriggerEvent } from './types';

/**
 * The end of the last window asked for (`since`, ms) and the changes reported lately (`seen`: key →
 * when first seen), so the overlap between windows reports nothing twice.
 */
export interface StatusChangesState {
	since: number;
	seen: Record<string, number>;
}

interface Parameters extends IDataObject {
	statuses: string[];
	includeOrderDetails: boolean;
	backfill: boolean;
}

const MINUTE_MS = 60_000;
/**
 * Each window starts this much before the last one ended: changes DigiCert records a little late,
 * or stamps by a clock ahead of n8n's, are still seen (and the overlap is de-duplicated).
 */
export const OVERLAP_MS = 5 * MINUTE_MS;
/** DigiCert refuses status-changes windows longer than 7 days. */
export const MAX_WINDOW_MINUTES = 7 * 24 * 60;

export const TRUNCATED_WARNING =
	"The last poll was more than 7 days ago: order status changes older than DigiCert's 7-day window could not be fetched";

const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/**
 * One backfill request covers at most 6 days: under DigiCert's 7 whether it measures a range in
 * elapsed time or on Mountain Time's clock (a DST change makes them differ by an hour), and the
 * window Keyfactor's CertCentral sync uses.
 */
export const BACKFILL_CHUNK_MS = 6 * DAY_MS;
/**
 * Backfill ranges overlap each other and the 7-day window by an hour: a Mountain Time in the hour
 * repeated when DST ends names two instants, and DigiCert may read the later one.
 */
const BACKFILL_MARGIN_MS = HOUR_MS;
/** The oldest a backfill reaches: 90 days before the 7-day window (16 requests at most); a saved state from further back is not chased. */
export const MAX_BACKFILL_DAYS = 90;

/** One backfill request's range, in ms: DigiCert is asked for `mountainTime(from)...mountainTime(to)`. */
interface BackfillRange {
	from: number;
	to: number;
}

/**
 * The ranges that cover the gap between the last poll (`since`, less the overlap) and the 7-day
 * window that ends at `now`, oldest first, each at most BACKFILL_CHUNK_MS and overlapping its
 * neighbours by BACKFILL_MARGIN_MS; none when the gap is inside the 7 days. `cut` says the gap went
 * back further than MAX_BACKFILL_DAYS (the older part is not asked for).
 */
export function backfillRanges(
	since: number,
	now: number,
): { ranges: BackfillRange[]; cut: boolean } {
	const windowStart = now - MAX_WINDOW_MINUTES * MINUTE_MS;
	const wanted = since - OVERLAP_MS - BACKFILL_MARGIN_MS;
	if (wanted >= windowStart - BACKFILL_MARGIN_MS) return { ranges: [], cut: false };
	const oldest = windowStart - MAX_BACKFILL_DAYS * DAY_MS;
	const end = windowStart + BACKFILL_MARGIN_MS;
	const ranges: BackfillRange[] = [];
	let from = Math.max(wanted, oldest);
	let to: number;
	do {
		to = Math.min(from + BACKFILL_CHUNK_MS, end);
		ranges.push({ from, to });
		from = to - BACKFILL_MARGIN_MS;
	} while (to < end);
	return { ranges, cut: wanted < oldest };
}

/** DigiCert's `filters[status_last_updated]` for a range: both ends in Mountain Time, to the second. */
export function statusLastUpdatedFilter({ from, to }: BackfillRange): string {
	return `${mountainTime(Math.floor(from / 1000) * 1000)}...${mountainTime(Math.ceil(to / 1000) * 1000)}`;
}

/** Marks a change as fetched by a backfill: the range (UTC) DigiCert said it happened in. */
const BACKFILL_MARK = Symbol('backfill');
type BackfilledChange = IDataObject & { [BACKFILL_MARK]?: BackfillRange };

/** What to tell the user about a backfill: how far back, how many changes it found, what it cannot see. */
function backfillWarning(
	since: number,
	now: number,
	ranges: BackfillRange[],
	found: number,
	cut: boolean,
): string {
	const days = Math.floor((now - since) / DAY_MS);
	const changes = found === 1 ? 'one change' : `${found} changes`;
	return (
		`The last poll was ${days} days ago, more than DigiCert's 7-day status-change window: the time before it was backfilled with DigiCert's status_last_updated filter (${ranges.length} ${ranges.length === 1 ? 'request' : 'requests'}, ${changes} not reported before, each marked "backfill" in its item). ` +
		'An order that changed status more than once meanwhile is reported once, with its latest status (DigiCert lists no earlier ones).' +
		(cut
			? ` Changes more than ${MAX_BACKFILL_DAYS} days before the 7-day window were not fetched.`
			: '')
	);
}

/**
 * What DigiCert said when it refused a backfill range (a 4xx answer: a filter it will not take), or
 * undefined for every other failure. A refused key (401, 403), a timeout (408), rate limiting past
 * the retries (429), server and network errors and cancellation fail the poll as before: the next
 * poll retries them. The error's parts are redacted already.
 */
function backfillRefusal(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const status = Number(error.httpCode);
	if (!(status >= 400 && status < 500) || [401, 403, 408, 429].includes(status)) return undefined;
	// The client's NodeApiError carries DigiCert's entries, already redacted and clipped.
	const said = entriesText((error.errorResponse?.errors ?? []) as unknown as DigiCertErrorEntry[]);
	return `HTTP ${status}: ${said || error.message}`;
}

/** What to tell the user when DigiCert refused a backfill range: what was not fetched, and what to do. */
function backfillStoppedWarning(
	refused: BackfillRange,
	refusal: string,
	windowStart: number,
): string {
	return (
		`The backfill stopped at ${statusLastUpdatedFilter(refused)}: DigiCert refused that range (${refusal}). ` +
		`Changes from ${new Date(refused.from).toISOString()} to ${new Date(windowStart).toISOString()} were not fetched; this poll reported the 7-day window and the next polls carry on from now. ` +
		"Check those orders in CertCentral (Orders, by status date), and report the refusal to the node's maintainers if DigiCert names the filter."
	);
}

/** Orders asked for one by one at a time, for their details. */
const DETAILS_CONCURRENCY = 5;

/**
 * The window to ask for at `now`: from the last window's end minus the overlap, never longer than
 * DigiCert's 7 days. `minutes` counts back from DigiCert's own clock, so no time zone is involved.
 * `start` is where that window begins, by n8n's clock.
 */
export function statusChangesWindow(
	since: number | undefined,
	now: number,
): { minutes: number; start: number; truncated: boolean } {
	const wanted = now - (since ?? now) + OVERLAP_MS;
	const minutes = Math.min(MAX_WINDOW_MINUTES, Math.max(1, Math.ceil(wanted / MINUTE_MS)));
	return {
		minutes,
		start: now - minutes * MINUTE_MS,
		truncated: wanted > MAX_WINDOW_MINUTES * MINUTE_MS,
	};
}

/** A DigiCert ID as the trigger stores it: a decimal whole number from 1 (a number, or its digits). */
const STRICT_ID = /^[1-9]\d{0,15}$/;
const strictId = (value: unknown): string | undefined => {
	const text = typeof value === 'number' ? String(value) : value;
	return typeof text === 'string' && STRICT_ID.test(text) && Number.isSafeInteger(Number(text))
		? text
		: undefined;
};
/** A status as DigiCert writes them (`issued`, `reissue_pending` …). */
const STATUS = /^[a-z_]{1,40}$/;
/** The stored form of a changeKey: `<order ID>:<certificate ID or none>:<status>`. */
const CHANGE_KEY = /^[1-9]\d{0,15}:(?:[1-9]\d{0,15}|none):[a-z_]{1,40}$/;

/**
 * One change: an order reached a status (a reissue has a new certificate ID, so it counts apart), or
 * undefined for a change whose order ID or status is not in DigiCert's form ("012", "0x10", "1e3"):
 * such a key would be refused by the state's own reader, and every poll would start over.
 */
export function changeKey(change: IDataObject): string | undefined {
	const order = strictId(change.order_id);
	const status =
		typeof change.status === 'string' && STATUS.test(change.status) ? change.status : undefined;
	if (order === undefined || status === undefined) return undefined;
	return `${order}:${strictId(change.certificate_id) ?? 'none'}:${status}`;
}

/**
 * The changes in this window not reported before, and what to remember: keys first seen before the
 * window's start cannot come back (the change happened before they were seen), so they are dropped;
 * past `max` keys, the newest are kept. A change that has no key (see changeKey) is left out and
 * counted in `unusable`.
 */
export function freshStatusChanges(
	changes: IDataObject[],
	seen: Record<string, number>,
	start: number,
	now: number,
	max = MAX_REMEMBERED,
): { fresh: IDataObject[]; seen: Record<string, number>; unusable: number } {
	const next: Record<string, number> = {};
	for (const [key, at] of Object.entries(seen)) if (at >= start) next[key] = at;
	const fresh: IDataObject[] = [];
	let unusable = 0;
	for (const change of changes) {
		const key = changeKey(change);
		if (key === undefined) unusable++;
		if (key === undefined || Object.hasOwn(next, key)) continue;
		next[key] = now;
		fresh.push(change);
	}
	const entries = Object.entries(next);
	const kept =
		entries.length <= max
			? next
			: Object.fromEntries(entries.sort(([, a], [, b]) => b - a).slice(0, max));
	return { fresh, seen: kept, unusable };
}

/** What to tell the user about changes left out because DigiCert gave them no usable order ID or status. */
export function unusableWarning(count: number): string {
	return `${count === 1 ? 'One order status change was' : `${count} order status changes were`} left out because DigiCert gave no usable order ID (a whole number) or status for ${count === 1 ? 'it' : 'them'}.`;
}

/**
 * The item for one order status change (with the order's details when asked for). A change found by
 * a backfill says so: `backfill` holds the range (UTC) it happened in, since it is reported late.
 */
export function orderChangedItem(change: IDataObject, order?: IDataObject): IDataObject {
	const range = (change as BackfilledChange)[BACKFILL_MARK];
	return {
		event: 'orderStatusChanged',
		orderId: change.order_id,
		certificateId: change.certificate_id,
		status: change.status,
		...(range
			? {
					backfill: {
						changedAfter: new Date(range.from).toISOString(),
						changedBefore: new Date(range.to).toISOString(),
					},
				}
			: {}),
		...(order ? { order } : {}),
	};
}

/** The items for these changes, each with its order's details when asked for (one request per order). */
async function toItems(source: DigiCertSource, changes: IDataObject[], parameters: Parameters) {
	if (!parameters.includeOrderDetails) return changes.map((change) => orderChangedItem(change));
	return await mapBounded(changes, DETAILS_CONCURRENCY, async (change) => {
		const id = recordId(change, 'order_id')!;
		return orderChangedItem(change, await source.get(`/order/certificate/${id}`, `Order ${id}`));
	});
}

/**
 * Backfill After Long Pauses: off for trigger nodes saved at typeVersion 1 (they keep warning only,
 * as before), on from 1.1.
 */
const backfillProperty: INodeProperties = {
	displayName: 'Backfill After Long Pauses',
	name: 'backfill',
	type: 'boolean',
	default: true,
	description:
		"Whether, when the last poll was more than 7 days ago (n8n stopped, the workflow unpublished), to fetch the changes before DigiCert's 7-day window too (up to 90 days more, 6 days per request). Backfilled items carry `backfill`; an order that changed again later comes once, with its latest status.",
};

const properties: INodeProperties[] = [
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: statusOptions(ORDER_CHANGE_STATUSES),
		default: [],
		description:
			'Only changes to these statuses start the workflow (e.g. Issued, to download new certificates; Needs Approval, to ask an approver in Slack). None selected: every change.',
	},
	{
		displayName: 'Include Order Details',
		name: 'includeOrderDetails',
		type: 'boolean',
		default: true,
		description:
			"Whether to add each order's details (common name, validity, product, organization) to its item; this costs one request per changed order",
	},
	...changedTriggerDefault(backfillProperty, false),
];

export const orderStatusChanged: DigiCertTriggerEvent<Parameters, StatusChangesState> = {
	value: 'orderStatusChanged',
	name: 'Order Status Changed',
	description:
		"An order's status changed (e.g. issued, revoked, rejected), from DigiCert's status-changes list: one item per change, with orderId and status",
	properties,
	readParameters(read) {
		const statuses = read<unknown>('statuses', []);
		if (
			!Array.isArray(statuses) ||
			statuses.some((s) => !ORDER_CHANGE_STATUSES.includes(String(s)))
		) {
			throw new Error(
				`Statuses must be a list of ${ORDER_CHANGE_STATUSES.join(', ')}, but it is ${quoteValue(statuses)}`,
			);
		}
		const includeOrderDetails = assertBoolean(
			read<unknown>('includeOrderDetails', true),
			'Include Order Details',
		);
		const backfill = assertBoolean(read<unknown>('backfill', false), 'Backfill After Long Pauses');
		return { statuses: statuses.map(String), includeOrderDetails, backfill };
	},
	readState(stored) {
		const state = stored as IDataObject | undefined;
		// Keys are changeKey()s, which start with the order's ID.
		const seen = checkedMap(
			state?.seen,
			(key) => CHANGE_KEY.test(key),
			(at): at is number => typeof at === 'number' && Number.isFinite(at),
		);
		if (seen && Object.keys(seen).length > MAX_REMEMBERED) return undefined;
		const since = state?.since;
		return seen && typeof since === 'number' && Number.isFinite(since)
			? { since, seen }
			: undefined;
	},
	async poll(source, parameters, previous, now) {
		const window = statusChangesWindow(previous?.since, now);
		const { ranges, cut } =
			parameters.backfill && previous !== undefined && window.truncated
				? backfillRanges(previous.since, now)
				: { ranges: [], cut: false };
		// Oldest first, then the 7-day window: each change is reported once, where it is first listed.
		const backfilled: BackfilledChange[] = [];
		const fetched: BackfillRange[] = [];
		let stopped: string | undefined;
		for (const range of ranges) {
			let failure: unknown;
			try {
				const listed = await source.list(
					'/order/certificate/status-changes',
					{ 'filters[status_last_updated]': statusLastUpdatedFilter(range) },
					'orders',
				);
				fetched.push(range);
				for (const change of listed) backfilled.push({ ...change, [BACKFILL_MARK]: range });
				continue;
			} catch (error) {
				failure = error;
			}
			// A refused range would be refused again at every poll, and the state never move on:
			// keep what earlier ranges found and report the 7-day window, as without a backfill.
			const refusal = backfillRefusal(failure);
			if (refusal === undefined) throw failure;
			stopped = backfillStoppedWarning(range, refusal, window.start);
			break;
		}
		// Every page: a busy account can change more orders in one window than one answer holds.
		const changes = await source.list(
			'/order/certificate/status-changes',
			{ minutes: window.minutes },
			'orders',
		);
		const { fresh, seen, unusable } = freshStatusChanges(
			[...backfilled, ...changes],
			previous?.seen ?? {},
			ranges.length > 0 ? ranges[0].from : window.start,
			now,
		);
		const fromBackfill = fresh.filter((c) => (c as BackfilledChange)[BACKFILL_MARK]).length;
		const warnings = [
			...(fetched.length > 0
				? [backfillWarning(previous!.since, now, fetched, fromBackfill, cut)]
				: window.truncated && previous !== undefined
					? [TRUNCATED_WARNING]
					: []),
			...(stopped !== undefined ? [stopped] : []),
			...(unusable > 0 ? [unusableWarning(unusable)] : []),
		];
		const warning = warnings.length > 0 ? { warning: warnings.join(' ') } : {};
		// The first poll only records what it saw: no details to fetch for changes it will not emit.
		if (previous === undefined) return { events: [], state: { since: now, seen }, ...warning };
		const wanted =
			parameters.statuses.length === 0
				? fresh
				: fresh.filter((c) => parameters.statuses.includes(String(c.status)));
		return {
			events: await toItems(source, wanted, parameters),
			state: { since: now, seen },
			...warning,
		};
	},
	async sample(source, parameters) {
		const changes = await source.list(
			'/order/certificate/status-changes',
			{ minutes: MAX_WINDOW_MINUTES },
			'orders',
		);
		const matching = changes.filter(
			(c) => parameters.statuses.length === 0 || parameters.statuses.includes(String(c.status)),
		);
		// The newest order by ID: DigiCert documents no order for this list.
		const newest = newestById(matching, 'order_id');
		if (newest) return await toItems(source, [newest], parameters);
		const status = parameters.statuses[0] ?? 'issued';
		const change = {
			order_id: SAMPLE_ORDER.id,
			certificate_id: (SAMPLE_ORDER.certificate as IDataObject).id,
			status,
		};
		return [
			{
				...orderChangedItem(
					change,
					parameters.includeOrderDetails ? { ...SAMPLE_ORDER, status } : undefined,
				),
				sample: true,
			},
		];
	},
};
