import {
	newPendingRequests,
	pendingItem,
	requestPending,
} from '../../../../nodes/DigiCertTrigger/events/requestPending';

const req = (id: number, status = 'pending') => ({ id, status });

describe('newPendingRequests', () => {
	it('reports the pending requests not seen before, oldest first, and remembers every pending one', () => {
		const { added, state } = newPendingRequests({ pending: [10, 12], floor: 0 }, [
			req(14),
			req(10),
			req(13),
			req(12),
		]);
		expect(added.map((r) => r.id)).toEqual([13, 14]);
		expect(state).toEqual({ pending: [10, 12, 13, 14], floor: 0 });
	});

	it('remembers a request that is not listed this time (a list read while it shifted): it is not new when it is back', () => {
		const hidden = newPendingRequests({ pending: [10, 11, 12], floor: 0 }, [req(10), req(12)]);
		expect(hidden.state.pending).toEqual([10, 11, 12]);
		expect(newPendingRequests(hidden.state, [req(10), req(11), req(12)]).added).toEqual([]);
	});

	it('reports nothing when the same requests are pending, in any order', () => {
		const { added, state } = newPendingRequests({ pending: [10, 12], floor: 0 }, [
			req(12),
			req(10),
		]);
		expect(added).toEqual([]);
		expect(state.pending).toEqual([10, 12]);
	});

	it('ignores list entries without a usable id, and duplicates from shifting pages', () => {
		const { added } = newPendingRequests({ pending: [], floor: 0 }, [
			{ status: 'pending' },
			req(5),
			req(5),
			{ id: 'x' },
		]);
		expect(added.map((r) => r.id)).toEqual([5]);
	});

	it('past the cap keeps the newest IDs and raises the floor, so dropped ones are never reported again', () => {
		const first = newPendingRequests(
			{ pending: [], floor: 0 },
			[1, 2, 3, 4, 5].map((id) => req(id)),
			3,
		);
		expect(first.state).toEqual({ pending: [3, 4, 5], floor: 2 });
		// 1 and 2 are still pending but were dropped: they stay unreported; 6 is new.
		const second = newPendingRequests(
			first.state,
			[1, 2, 3, 4, 5, 6].map((id) => req(id)),
			3,
		);
		expect(second.added.map((r) => r.id)).toEqual([6]);
		expect(second.state).toEqual({ pending: [4, 5, 6], floor: 3 });
		const third = newPendingRequests(
			second.state,
			[1, 2, 3, 4, 5, 6].map((id) => req(id)),
			3,
		);
		expect(third.added).toEqual([]);
		// Decided requests count towards the cap too: the newest seen are kept, whatever their status now.
		const fourth = newPendingRequests(third.state, [req(7)], 3);
		expect(fourth.state).toEqual({ pending: [5, 6, 7], floor: 4 });
	});
});

describe('requestPending', () => {
	it('shapes an item for the Approve/Reject operations', () => {
		const request = { id: 7, status: 'pending', order: { id: 9 } };
		expect(pendingItem(request)).toEqual({
			event: 'requestPending',
			requestId: 7,
			status: 'pending',
			request,
		});
	});

	it('accepts only a state it wrote', () => {
		expect(requestPending.readState({ pending: [1, 2], floor: 0 })).toEqual({
			pending: [1, 2],
			floor: 0,
		});
		expect(requestPending.readState({ pending: 'x' })).toBeUndefined();
		expect(requestPending.readState(undefined)).toBeUndefined();
	});
});
