import type { IDataObject } from 'n8n-workflow';

import {
	changeKey,
	freshStatusChanges,
	MAX_WINDOW_MINUTES,
	orderChangedItem,
	orderStatusChanged,
	OVERLAP_MS,
	statusChangesWindow,
} from '../../../../nodes/DigiCertTrigger/events/orderStatusChanged';

const MINUTE = 60_000;
const NOW = Date.parse('2026-11-22T10:00:00Z');

describe('statusChangesWindow', () => {
	it('on the first poll asks for the overlap only (5 minutes)', () => {
		expect(statusChangesWindow(undefined, NOW)).toEqual({
			minutes: 5,
			start: NOW - 5 * MINUTE,
			truncated: false,
		});
	});

	it('covers the time since the last poll plus the overlap, in whole minutes (rounded up)', () => {
		expect(statusChangesWindow(NOW - 10 * MINUTE, NOW).minutes).toBe(15);
		expect(statusChangesWindow(NOW - 10 * MINUTE - 1, NOW).minutes).toBe(16);
		expect(statusChangesWindow(NOW - 1, NOW)).toEqual({
			minutes: 6,
			start: NOW - 6 * MINUTE,
			truncated: false,
		});
	});

	it('never asks for more than DigiCert allows (7 days), and says when it had to cut', () => {
		expect(statusChangesWindow(NOW - 7 * 24 * 60 * MINUTE + OVERLAP_MS, NOW)).toMatchObject({
			minutes: MAX_WINDOW_MINUTES,
			truncated: false,
		});
		expect(statusChangesWindow(NOW - 8 * 24 * 60 * MINUTE, NOW)).toEqual({
			minutes: 10080,
			start: NOW - 10080 * MINUTE,
			truncated: true,
		});
	});

	it('asks for at least one minute even if the clock went back', () => {
		expect(statusChangesWindow(NOW + 60 * MINUTE, NOW).minutes).toBe(1);
	});
});

describe('freshStatusChanges', () => {
	const a = { order_id: 1, certificate_id: 11, status: 'issued' };
	const b = { order_id: 2, certificate_id: 22, status: 'revoked' };

	it('reports changes not seen, and remembers them at `now`', () => {
		const { fresh, seen } = freshStatusChanges([a, b], {}, NOW - 5 * MINUTE, NOW);
		expect(fresh).toEqual([a, b]);
		expect(seen).toEqual({ [changeKey(a)]: NOW, [changeKey(b)]: NOW });
	});

	it('does not report a change again while the overlapping windows still return it', () => {
		const { fresh, seen } = freshStatusChanges(
			[a, b],
			{ [changeKey(a)]: NOW - 2 * MINUTE },
			NOW - 6 * MINUTE,
			NOW,
		);
		expect(fresh).toEqual([b]);
		expect(seen[changeKey(a)]).toBe(NOW - 2 * MINUTE);
	});

	it('forgets changes first seen before the window starts (they cannot be in it)', () => {
		const { seen } = freshStatusChanges(
			[],
			{ old: NOW - 10 * MINUTE, recent: NOW - MINUTE },
			NOW - 6 * MINUTE,
			NOW,
		);
		expect(seen).toEqual({ recent: NOW - MINUTE });
	});

	it('tells a new status, and a new certificate (reissue), from the same order apart', () => {
		const revoked = { ...a, status: 'revoked' };
		const reissued = { ...a, certificate_id: 12 };
		const { fresh } = freshStatusChanges(
			[revoked, reissued],
			{ [changeKey(a)]: NOW },
			NOW - 6 * MINUTE,
			NOW,
		);
		expect(fresh).toEqual([revoked, reissued]);
	});
});

describe('orderStatusChanged', () => {
	it('shapes an item with orderId, certificateId and status, and the order when given', () => {
		const change = { order_id: 1, certificate_id: 11, status: 'issued' };
		expect(orderChangedItem(change)).toEqual({
			event: 'orderStatusChanged',
			orderId: 1,
			certificateId: 11,
			status: 'issued',
		});
		expect(orderChangedItem(change, { id: 1 })).toMatchObject({ order: { id: 1 } });
	});

	it('reads its parameters and refuses unknown statuses', () => {
		const read =
			(values: Record<string, unknown>) =>
			<T>(name: string, fallback?: T) =>
				(values[name] ?? fallback) as T;
		expect(orderStatusChanged.readParameters(read({ statuses: ['issued'] }))).toEqual({
			statuses: ['issued'],
			includeOrderDetails: true,
		});
		expect(() => orderStatusChanged.readParameters(read({ statuses: ['done'] }))).toThrow(
			/Statuses must be a list of/,
		);
		expect(() => orderStatusChanged.readParameters(read({ includeOrderDetails: 'yes' }))).toThrow(
			/Include Order Details/,
		);
	});

	it('accepts only a state it wrote', () => {
		expect(orderStatusChanged.readState({ since: NOW, seen: { '5:6:issued': NOW } })).toEqual({
			since: NOW,
			seen: { '5:6:issued': NOW },
		});
		expect(orderStatusChanged.readState({ since: NOW, seen: { k: NOW } })).toBeUndefined();
		expect(orderStatusChanged.readState({ seen: {} })).toBeUndefined();
	});
});

describe('orderStatusChanged.poll', () => {
	const change = { order_id: 7, certificate_id: 70, status: 'issued' };
	const source = (orders: IDataObject[]) => {
		const asked: unknown[] = [];
		return {
			asked,
			list: async (path: string, qs: unknown, rootProperty: string) => {
				asked.push({ path, qs, rootProperty });
				return orders;
			},
			get: async (path: string) => ({ id: Number(path.split('/').pop()), path }),
			fetch: async () => {
				throw new Error('status changes are a paged list: list(), not fetch()');
			},
		};
	};
	const parameters = { statuses: [], includeOrderDetails: false };

	it('warns when the window had to be cut to 7 days, and not otherwise', async () => {
		const late = await orderStatusChanged.poll(
			source([change]),
			parameters,
			{ since: NOW - 8 * 24 * 60 * MINUTE, seen: {} },
			NOW,
		);
		expect(late.warning).toMatch(/more than 7 days ago/);
		expect(late.events).toEqual([orderChangedItem(change)]);
		const onTime = await orderStatusChanged.poll(
			source([change]),
			parameters,
			{ since: NOW - MINUTE, seen: {} },
			NOW,
		);
		expect(onTime.warning).toBeUndefined();
	});

	it('on the first poll records the changes without fetching details', async () => {
		const stub = source([change]);
		const first = await orderStatusChanged.poll(
			stub,
			{ statuses: [], includeOrderDetails: true },
			undefined,
			NOW,
		);
		expect(first).toEqual({
			events: [],
			state: { since: NOW, seen: { [changeKey(change)]: NOW } },
		});
		expect(stub.asked).toEqual([
			{ path: '/order/certificate/status-changes', qs: { minutes: 5 }, rootProperty: 'orders' },
		]);
	});
});
