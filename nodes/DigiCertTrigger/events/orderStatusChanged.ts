import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { mapBounded } from '../../common/concurrency';
import { ORDER_STATUS_OPTIONS, ORDER_STATUSES } from '../../common/orderStatuses';
import { assertBoolean, quoteValue } from '../../common/inputChecks';
import { checkedMap, newestById, recordId } from '../shared/state';
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

/** One change: an order reached a status (a reissue has a new certificate ID, so it counts apart). */
export function changeKey(change: IDataObject): string {
	return `${String(change.order_id)}:${String(change.certificate_id)}:${String(change.status)}`;
}

/**
 * The changes in this window not reported before, and what to remember: keys first seen before the
 * window's start cannot come back (the change happened before they were seen), so they are dropped.
 */
export function freshStatusChanges(
	changes: IDataObject[],
	seen: Record<string, number>,
	start: number,
	now: number,
): { fresh: IDataObject[]; seen: Record<string, number> } {
	const next: Record<string, number> = {};
	for (const [key, at] of Object.entries(seen)) if (at >= start) next[key] = at;
	const fresh: IDataObject[] = [];
	for (const change of changes) {
		const key = changeKey(change);
		if (Object.hasOwn(next, key) || recordId(change, 'order_id') === undefined) continue;
		next[key] = now;
		fresh.push(change);
	}
	return { fresh, seen: next };
}

/** The item for one order status change (with the order's details when asked for). */
export function orderChangedItem(change: IDataObject, order?: IDataObject): IDataObject {
	return {
		event: 'orderStatusChanged',
		orderId: change.order_id,
		certificateId: change.certificate_id,
		status: change.status,
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

const properties: INodeProperties[] = [
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: ORDER_STATUS_OPTIONS,
		default: [],
		description:
			'Only changes to these statuses start the workflow (e.g. Issued, to download new certificates). None selected: every change.',
	},
	{
		displayName: 'Include Order Details',
		name: 'includeOrderDetails',
		type: 'boolean',
		default: true,
		description:
			"Whether to add each order's details (common name, validity, product, organization) to its item; this costs one request per changed order",
	},
];

export const orderStatusChanged: DigiCertTriggerEvent<Parameters, StatusChangesState> = {
	value: 'orderStatusChanged',
	name: 'Order Status Changed',
	description:
		"An order's status changed (e.g. issued, revoked, rejected), from DigiCert's status-changes list: one item per change, with orderId and status",
	properties,
	readParameters(read) {
		const statuses = read<unknown>('statuses', []);
		if (!Array.isArray(statuses) || statuses.some((s) => !ORDER_STATUSES.includes(String(s)))) {
			throw new Error(
				`Statuses must be a list of ${ORDER_STATUSES.join(', ')}, but it is ${quoteValue(statuses)}`,
			);
		}
		const includeOrderDetails = assertBoolean(
			read<unknown>('includeOrderDetails', true),
			'Include Order Details',
		);
		return { statuses: statuses.map(String), includeOrderDetails };
	},
	readState(stored) {
		const state = stored as IDataObject | undefined;
		// Keys are changeKey()s, which start with the order's ID.
		const seen = checkedMap(
			state?.seen,
			(key) => /^[1-9]\d*:/.test(key),
			(at): at is number => typeof at === 'number' && Number.isFinite(at),
		);
		const since = state?.since;
		return seen && typeof since === 'number' && Number.isFinite(since)
			? { since, seen }
			: undefined;
	},
	async poll(source, parameters, previous, now) {
		const window = statusChangesWindow(previous?.since, now);
		// Every page: a busy account can change more orders in one window than one answer holds.
		const changes = await source.list(
			'/order/certificate/status-changes',
			{ minutes: window.minutes },
			'orders',
		);
		const { fresh, seen } = freshStatusChanges(changes, previous?.seen ?? {}, window.start, now);
		// The first poll only records what it saw: no details to fetch for changes it will not emit.
		if (previous === undefined) return { events: [], state: { since: now, seen } };
		const wanted =
			parameters.statuses.length === 0
				? fresh
				: fresh.filter((c) => parameters.statuses.includes(String(c.status)));
		return {
			events: await toItems(source, wanted, parameters),
			state: { since: now, seen },
			...(window.truncated ? { warning: TRUNCATED_WARNING } : {}),
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
