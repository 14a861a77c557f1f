import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject } from 'n8n-workflow';

import { credentialFor } from '../../../helpers/fake';
import { ActiveTrigger, triggerNode } from '../../../helpers/poll';
import { useFakeCertCentral } from '../../../helpers/useFakeCertCentral';
import { MAX_REMEMBERED } from '../../../../nodes/DigiCertTrigger/shared/state';

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
		expect(seen).toEqual({ [changeKey(a)!]: NOW, [changeKey(b)!]: NOW });
	});

	it('does not report a change again while the overlapping windows still return it', () => {
		const { fresh, seen } = freshStatusChanges(
			[a, b],
			{ [changeKey(a)!]: NOW - 2 * MINUTE },
			NOW - 6 * MINUTE,
			NOW,
		);
		expect(fresh).toEqual([b]);
		expect(seen[changeKey(a)!]).toBe(NOW - 2 * MINUTE);
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
			{ [changeKey(a)!]: NOW },
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
			backfill: false,
		});
		expect(() => orderStatusChanged.readParameters(read({ statuses: ['done'] }))).toThrow(
			/Statuses must be a list of/,
		);
		expect(() => orderStatusChanged.readParameters(read({ includeOrderDetails: 'yes' }))).toThrow(
			/Include Order Details/,
		);
		expect(() => orderStatusChanged.readParameters(read({ backfill: 'yes' }))).toThrow(
			/Backfill After Long Pauses/,
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
	const parameters = { statuses: [], includeOrderDetails: false, backfill: false };

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
			{ statuses: [], includeOrderDetails: true, backfill: false },
			undefined,
			NOW,
		);
		expect(first).toEqual({
			events: [],
			state: { since: NOW, seen: { [changeKey(change)!]: NOW } },
		});
		expect(stub.asked).toEqual([
			{ path: '/order/certificate/status-changes', qs: { minutes: 5 }, rootProperty: 'orders' },
		]);
	});
});

describe('orderStatusChanged through the trigger: a hostile or odd answer cannot poison the state', () => {
	const fake = useFakeCertCentral({ fresh: true });
	afterEach(() => jest.restoreAllMocks());
	const trigger = () =>
		new ActiveTrigger(
			triggerNode({ event: 'orderStatusChanged', includeOrderDetails: false }),
			credentialFor(fake),
		);
	const answer = (orders: IDataObject[]) => ({
		status: 200,
		body: { orders, page: { total: orders.length, limit: 100_000, offset: 0 } },
	});
	const onStatusChanges = (orders: IDataObject[]) =>
		fake.fail({
			times: 1,
			match: (r) => r.path.endsWith('/status-changes'),
			respond: answer(orders),
		});

	it('leaves out order IDs like "012", "0x10", "1e3" (with a warning) and keeps its state: the next change is still emitted', async () => {
		const warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => {});
		const active = trigger();
		onStatusChanges([
			{ order_id: '012', certificate_id: 1, status: 'issued' },
			{ order_id: '0x10', certificate_id: 2, status: 'issued' },
			{ order_id: '1e3', certificate_id: 3, status: 'issued' },
			{ order_id: 77, certificate_id: 4, status: 'issued' },
		]);
		await active.activate();
		const state = active.nodeStaticData().orderStatusChanged as IDataObject;
		expect(Object.keys(state.seen as IDataObject)).toEqual(['77:4:issued']);
		expect(warn).toHaveBeenCalledWith(
			'DigiCert Trigger "DigiCert Trigger": 3 order status changes were left out because DigiCert gave no usable order ID (a whole number) or status for them.',
			{ workflowId: 'trigger-workflow' },
		);

		onStatusChanges([{ order_id: 78, certificate_id: 5, status: 'revoked' }]);
		const { emitted } = await active.poll();
		expect(emitted?.map((i) => i.json)).toEqual([
			{ event: 'orderStatusChanged', orderId: 78, certificateId: 5, status: 'revoked' },
		]);
	});

	it(`remembers at most ${MAX_REMEMBERED} changes, and the state it saved is still its own`, async () => {
		const active = trigger();
		const many = Array.from({ length: MAX_REMEMBERED + 500 }, (_, i) => ({
			order_id: 1000 + i,
			certificate_id: 1,
			status: 'issued',
		}));
		onStatusChanges(many);
		await active.activate();
		const state = active.nodeStaticData().orderStatusChanged as IDataObject;
		expect(Object.keys(state.seen as IDataObject)).toHaveLength(MAX_REMEMBERED);
		onStatusChanges([{ order_id: 5, certificate_id: 6, status: 'issued' }]);
		const { emitted } = await active.poll();
		expect(emitted?.map((i) => i.json.orderId)).toEqual([5]);
	});
});

describe('orderStatusChanged: every status an order reaches', () => {
	const fake = useFakeCertCentral({ fresh: true });

	it('offers Needs Approval (and processing, needs_csr, expired), so "tell Slack when an order needs approval" can be built', async () => {
		const options = (
			orderStatusChanged.properties.find((p) => p.name === 'statuses')!.options as Array<{
				value: string;
			}>
		).map((o) => o.value);
		expect(options).toEqual(
			expect.arrayContaining(['needs_approval', 'processing', 'needs_csr', 'expired']),
		);

		const active = new ActiveTrigger(
			triggerNode({
				event: 'orderStatusChanged',
				statuses: ['needs_approval'],
				includeOrderDetails: true,
			}),
			credentialFor(fake),
		);
		await active.activate();
		const order = fake.data.addOrder({ status: 'pending' });
		fake.data.setOrderStatus(order.id, 'needs_approval');
		const other = fake.data.addOrder({ status: 'pending' });
		fake.data.setOrderStatus(other.id, 'processing');
		const { emitted, error } = await active.poll();
		expect(error).toBeUndefined();
		expect(emitted?.map((i) => i.json)).toEqual([
			expect.objectContaining({
				orderId: order.id,
				status: 'needs_approval',
				order: expect.objectContaining({ id: order.id, status: 'needs_approval' }),
			}),
		]);
	});
});
