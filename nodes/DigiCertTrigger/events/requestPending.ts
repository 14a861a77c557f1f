import type { IDataObject } from 'n8n-workflow';

import { MAX_REMEMBERED, newestById, numberList, recordId } from '../shared/state';
import { SAMPLE_REQUEST } from './samples';
import type { DigiCertTriggerEvent } from './types';

/**
 * The pending requests seen so far: the IDs (the newest `MAX_REMEMBERED`), and a floor at or below
 * which every ID counts as seen (raised only when the list is longer than the cap).
 */
export interface PendingState {
	pending: number[];
	floor: number;
}

export const PENDING_REQUESTS_QUERY = { 'filters[status]': 'pending' };

/** The item for one request that waits for approval. */
export function pendingItem(request: IDataObject): IDataObject {
	return { event: 'requestPending', requestId: request.id, status: request.status, request };
}

/**
 * Compares the pending requests DigiCert lists now with those seen before: the ones not seen
 * (oldest first), and what to remember next. A request stays "seen" while it is pending; once
 * approved or rejected it is forgotten (it cannot become pending again).
 */
export function newPendingRequests(
	previous: PendingState,
	current: IDataObject[],
	max = MAX_REMEMBERED,
): { added: IDataObject[]; state: PendingState } {
	const byId = new Map<number, IDataObject>();
	for (const request of current) {
		const id = recordId(request);
		if (id !== undefined) byId.set(id, request);
	}
	const newestFirst = [...byId.keys()].sort((a, b) => b - a);
	const kept = newestFirst.slice(0, max);
	// Past the cap, the oldest are dropped and everything at or below them counts as seen.
	const floor = Math.max(previous.floor, newestFirst[max] ?? 0);
	const seen = new Set(previous.pending);
	const added = kept
		.filter((id) => id > previous.floor && !seen.has(id))
		.sort((a, b) => a - b)
		.map((id) => byId.get(id)!);
	return { added, state: { pending: kept.sort((a, b) => a - b), floor } };
}

export const requestPending: DigiCertTriggerEvent<IDataObject, PendingState> = {
	value: 'requestPending',
	name: 'Request Pending',
	description:
		'A new certificate request waits for approval (status pending): one item per request, with its ID, ready for an Approve or Reject step',
	properties: [],
	readParameters: () => ({}),
	readState(stored) {
		const state = stored as IDataObject | undefined;
		const pending = numberList(state?.pending);
		const floor = Number(state?.floor ?? 0);
		return pending && Number.isSafeInteger(floor) ? { pending, floor } : undefined;
	},
	async poll(source, _parameters, previous) {
		const current = await source.list('/request', PENDING_REQUESTS_QUERY, 'requests');
		const { added, state } = newPendingRequests(previous ?? { pending: [], floor: 0 }, current);
		return { events: added.map(pendingItem), state };
	},
	async sample(source) {
		// The newest by ID, whatever order DigiCert lists them in (it documents no sort for requests).
		const newest = newestById(await source.list('/request', PENDING_REQUESTS_QUERY, 'requests'));
		return [newest ? pendingItem(newest) : { ...pendingItem(SAMPLE_REQUEST), sample: true }];
	},
};
