import type { IDataObject } from 'n8n-workflow';

import { mapBounded } from '../../common/concurrency';
import { checkedMap, isIdKey, MAX_REMEMBERED, newestById, recordId } from '../shared/state';
import { SAMPLE_REQUEST } from './samples';
import type { DigiCertTriggerEvent } from './types';

/**
 * The requests still open (submitted or pending) at the last poll, with their status. Approved and
 * rejected are final, so only open requests can still change and only they are remembered.
 */
export interface OpenRequestsState {
	open: Record<string, string>;
}

/** The statuses a request can still leave; each is listed with its own filter (one value per filter). */
export const OPEN_STATUSES = ['submitted', 'pending'];

/** How many requests a manual test run reads to pick a sample from: one page. */
const SAMPLE_PAGE = 1000;

/** Requests asked for one by one at a time, when they left the open lists. */
const LOOKUP_CONCURRENCY = 5;

export interface StatusChange {
	request: IDataObject;
	/** null only in a manual test run, where the trigger has no earlier status to compare. */
	previous_status: string | null;
}

/** The item for one request whose status changed. */
export function statusChangedItem({ request, previous_status }: StatusChange): IDataObject {
	return {
		event: 'requestStatusChanged',
		requestId: request.id,
		status: request.status,
		previous_status,
		request,
	};
}

/**
 * Compares the open requests DigiCert lists now with those open at the last poll: the ones whose
 * status changed while staying open (submitted → pending), the IDs that are no longer listed (to
 * look up: approved, rejected or gone), and the open requests to remember (the newest `max`).
 */
export function compareOpenRequests(
	previous: Record<string, string>,
	current: IDataObject[],
	max = MAX_REMEMBERED,
): { changed: StatusChange[]; vanished: number[]; open: Record<string, string> } {
	const byId = new Map<number, IDataObject>();
	for (const request of current) {
		const id = recordId(request);
		if (id !== undefined) byId.set(id, request);
	}
	const changed: StatusChange[] = [];
	for (const [id, request] of [...byId].sort(([a], [b]) => a - b)) {
		const before = previous[id];
		if (before !== undefined && before !== request.status)
			changed.push({ request, previous_status: before });
	}
	const vanished = Object.keys(previous)
		.map(Number)
		.filter((id) => !byId.has(id))
		.sort((a, b) => a - b);
	const open: Record<string, string> = {};
	for (const id of [...byId.keys()].sort((a, b) => b - a).slice(0, max))
		open[id] = String(byId.get(id)!.status);
	return { changed, vanished, open };
}

/**
 * What the looked-up requests say: a changed status is an event; an unchanged one (the lists moved
 * while being read) stays remembered; a request DigiCert no longer has is forgotten.
 */
export function settleVanished(
	previous: Record<string, string>,
	lookedUp: Array<{ id: number; request: IDataObject | undefined }>,
): { changed: StatusChange[]; stillOpen: Record<string, string> } {
	const changed: StatusChange[] = [];
	const stillOpen: Record<string, string> = {};
	for (const { id, request } of lookedUp) {
		if (request === undefined) continue;
		if (request.status !== previous[id]) changed.push({ request, previous_status: previous[id] });
		else stillOpen[id] = previous[id];
	}
	return { changed, stillOpen };
}

export const requestStatusChanged: DigiCertTriggerEvent<IDataObject, OpenRequestsState> = {
	value: 'requestStatusChanged',
	name: 'Request Status Changed',
	description:
		"A certificate request's status changed since the last poll (e.g. pending to approved or rejected): one item per request, with status and previous_status",
	properties: [],
	readParameters: () => ({}),
	readState(stored) {
		const open = checkedMap(
			(stored as IDataObject | undefined)?.open,
			isIdKey,
			(status): status is string => OPEN_STATUSES.includes(status as string),
		);
		return open ? { open } : undefined;
	},
	async poll(source, _parameters, previous) {
		const lists = await Promise.all(
			OPEN_STATUSES.map(
				async (status) => await source.list('/request', { 'filters[status]': status }, 'requests'),
			),
		);
		const before = previous?.open ?? {};
		const { changed, vanished, open } = compareOpenRequests(before, lists.flat());
		const lookedUp = await mapBounded(vanished, LOOKUP_CONCURRENCY, async (id) => ({
			id,
			request: await source.get(`/request/${id}`, `Request ${id}`),
		}));
		const settled = settleVanished(before, lookedUp);
		const events = [...changed, ...settled.changed]
			.sort((a, b) => Number(a.request.id) - Number(b.request.id))
			.map(statusChangedItem);
		return { events, state: { open: { ...settled.stillOpen, ...open } } };
	},
	async sample(source) {
		// A recent request, preferring one that was decided (what this event mostly reports): the highest
		// ID on DigiCert's first page, as it documents no sort for requests (a sample needs no more).
		const firstPage = await source.list('/request', {}, 'requests', SAMPLE_PAGE);
		const decided =
			newestById(firstPage.filter((r) => r.status === 'approved' || r.status === 'rejected')) ??
			newestById(firstPage);
		if (decided) return [statusChangedItem({ request: decided, previous_status: null })];
		return [
			{
				...statusChangedItem({
					request: { ...SAMPLE_REQUEST, status: 'approved' },
					previous_status: 'pending',
				}),
				sample: true,
			},
		];
	},
};
