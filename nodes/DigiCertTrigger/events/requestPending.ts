import type { IDataObject } from 'n8n-workflow';

import { idList, isRecordId, MAX_REMEMBERED, newestById, recordId } from '../shared/state';
import { SAMPLE_REQUEST } from './samples';
import type { DigiCertTriggerEvent } from './types';

/**
 * The requests seen pending so far, at this poll or earlier ones: the IDs (the newest
 * `MAX_REMEMBERED`), and a floor at or below which every ID counts as seen (raised past the cap).
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
	// Every ID seen pending, now or at an earlier poll: a list that shifted while it was read can
	// hide a pending request from one poll, and it must not come back as new. Decided requests cannot
	// be pending again, so remembering them only costs room: the newest `max` are kept, and everything
	// at or below the next one counts as seen (the floor).
	const newestFirst = [...new Set([...previous.pending, ...byId.keys()])].sort((a, b) => b - a);
	const floor = Math.max(previous.floor, newestFirst[max] ?? 0);
	const seen = new Set(previous.pending);
	const added = [...byId.keys()]
		.filter((id) => id > floor && !seen.has(id))
		.sort((a, b) => a - b)
		.map((id) => byId.get(id)!);
	return { added, state: { pending: newestFirst.slice(0, max).sort((a, b) => a - b), floor } };
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
		const pending = idList(state?.pending);
		const floor = state?.floor;
		return pending && (floor === 0 || isRecordId(floor)) ? { pending, floor } : undefined;
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
