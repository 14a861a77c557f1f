import {
	compareOpenRequests,
	requestStatusChanged,
	settleVanished,
	statusChangedItem,
} from '../../../../nodes/DigiCertTrigger/events/requestStatusChanged';

const req = (id: number, status: string) => ({ id, status });

describe('compareOpenRequests', () => {
	it('reports open requests whose status changed, lists the ones gone from the open lists, remembers the open ones', () => {
		const previous = { '1': 'pending', '2': 'submitted', '3': 'pending' };
		const { changed, vanished, open } = compareOpenRequests(previous, [
			req(2, 'pending'),
			req(3, 'pending'),
			req(4, 'submitted'),
		]);
		expect(changed).toEqual([{ request: req(2, 'pending'), previous_status: 'submitted' }]);
		expect(vanished).toEqual([1]);
		expect(open).toEqual({ '2': 'pending', '3': 'pending', '4': 'submitted' });
	});

	it('does not report requests it had not seen (they are new, not changed)', () => {
		expect(compareOpenRequests({}, [req(9, 'pending')]).changed).toEqual([]);
	});

	it('remembers at most the newest `max` open requests', () => {
		expect(
			Object.keys(
				compareOpenRequests(
					{},
					[1, 2, 3, 4].map((id) => req(id, 'pending')),
					2,
				).open,
			),
		).toEqual(['3', '4']);
	});
});

describe('settleVanished', () => {
	it('reports a decided request, keeps one that is still open, forgets one DigiCert no longer has', () => {
		const previous = { '1': 'pending', '2': 'pending', '3': 'submitted' };
		const { changed, stillOpen } = settleVanished(previous, [
			{ id: 1, request: req(1, 'approved') },
			{ id: 2, request: req(2, 'pending') },
			{ id: 3, request: undefined },
		]);
		expect(changed).toEqual([{ request: req(1, 'approved'), previous_status: 'pending' }]);
		expect(stillOpen).toEqual({ '2': 'pending' });
	});
});

describe('requestStatusChanged', () => {
	it('shapes an item with the status, the previous status and the request', () => {
		const request = { id: 5, status: 'rejected', processor_comment: 'no' };
		expect(statusChangedItem({ request, previous_status: 'pending' })).toEqual({
			event: 'requestStatusChanged',
			requestId: 5,
			status: 'rejected',
			previous_status: 'pending',
			request,
		});
	});

	it('accepts only a state it wrote', () => {
		expect(requestStatusChanged.readState({ open: { '1': 'pending' } })).toEqual({
			open: { '1': 'pending' },
		});
		expect(requestStatusChanged.readState({ open: [1] })).toBeUndefined();
	});
});
