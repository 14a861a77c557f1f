import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { credentialFor } from '../../../helpers/fake';
import { ActiveTrigger, triggerNode } from '../../../helpers/poll';
import { useFakeCertCentral } from '../../../helpers/useFakeCertCentral';
import { clock } from '../../../../nodes/common/clock';
import {
	certificateExpiring,
	expiringItem,
	expiringWithin,
	newlyExpiring,
} from '../../../../nodes/DigiCertTrigger/events/certificateExpiring';

const NOW = Date.parse('2026-11-22T15:30:00Z');
const order = (id: number, validTill: string | undefined, status = 'issued') => ({
	id,
	status,
	certificate: {
		common_name: `h${id}.example.com`,
		...(validTill ? { valid_till: validTill } : {}),
	},
});

describe('expiringWithin', () => {
	it('keeps issued, not yet expired certificates within the days, soonest first, with days_remaining', () => {
		const found = expiringWithin(
			[
				order(1, '2026-12-22'),
				order(2, '2026-11-22'),
				order(3, '2026-12-23'),
				order(4, '2026-11-21'),
				order(5, '2026-12-01', 'revoked'),
				order(6, undefined),
			],
			30,
			NOW,
		).expiring;
		expect(found.map((e) => [e.order.id, e.days_remaining])).toEqual([
			[2, 0],
			[1, 30],
		]);
	});

	it('past the cap keeps the soonest, and counts the others', () => {
		const { expiring, dropped } = expiringWithin(
			[order(1, '2026-12-10'), order(2, '2026-11-30'), order(3, '2026-12-01')],
			30,
			NOW,
			{ max: 2 },
		);
		expect(expiring.map((e) => e.order.id)).toEqual([2, 3]);
		expect(dropped).toBe(1);
	});

	it('keeps orders whose reissue is pending (their current certificate still runs out), marked in the item', () => {
		const { expiring } = expiringWithin(
			[order(1, '2026-12-10', 'reissue_pending'), order(2, '2026-11-30')],
			30,
			NOW,
		);
		expect(expiring.map((e) => e.order.id)).toEqual([2, 1]);
		expect(expiringItem(expiring[1], 30)).toMatchObject({ orderId: 1, reissue_pending: true });
		expect(expiringItem(expiring[0], 30)).not.toHaveProperty('reissue_pending');
	});

	it('leaves renewed orders out when asked, whatever the list held', () => {
		const renewed = { ...order(1, '2026-12-10'), is_renewed: true };
		expect(expiringWithin([renewed], 30, NOW).expiring).toHaveLength(1);
		expect(expiringWithin([renewed], 30, NOW, { excludeRenewed: true }).expiring).toHaveLength(0);
	});
});

describe('newlyExpiring', () => {
	const within = (orders: ReturnType<typeof order>[], days = 30) =>
		expiringWithin(orders, days, NOW).expiring;

	it('on the first poll records what is already within the threshold and reports nothing', () => {
		const { reports, state } = newlyExpiring(undefined, within([order(1, '2026-12-01')]), 30, NOW);
		expect(reports).toEqual([]);
		expect(state).toEqual({ days: 30, reported: { '1': '2026-12-01' } });
	});

	it('reports an order once when it comes within the threshold, not on later polls', () => {
		const first = newlyExpiring(
			{ days: 30, reported: { '1': '2026-12-01' } },
			within([order(1, '2026-12-01'), order(2, '2026-12-20')]),
			30,
			NOW,
		);
		expect(first.reports.map((e) => e.order.id)).toEqual([2]);
		const second = newlyExpiring(
			first.state,
			within([order(1, '2026-12-01'), order(2, '2026-12-20')]),
			30,
			NOW,
		);
		expect(second.reports).toEqual([]);
	});

	it('remembers a report until its certificate expires, even while the order is not listed (a list read while it shifted, a renewal)', () => {
		const unlisted = newlyExpiring(
			{ days: 30, reported: { '1': '2026-12-01' } },
			within([]),
			30,
			NOW,
		);
		expect(unlisted.state.reported).toEqual({ '1': '2026-12-01' });
		expect(
			newlyExpiring(unlisted.state, within([order(1, '2026-12-01')]), 30, NOW).reports,
		).toEqual([]);
		const expired = newlyExpiring(
			{ days: 30, reported: { '1': '2026-11-21', '2': '2026-11-22' } },
			within([]),
			30,
			NOW,
		);
		expect(expired.state.reported).toEqual({ '2': '2026-11-22' });
	});

	it('reports a new certificate on the same order (another valid_till)', () => {
		const newCertificate = newlyExpiring(
			{ days: 30, reported: { '1': '2026-12-01' } },
			within([order(1, '2026-12-15')]),
			30,
			NOW,
		);
		expect(newCertificate.reports.map((e) => e.valid_till)).toEqual(['2026-12-15']);
		expect(newCertificate.state.reported).toEqual({ '1': '2026-12-15' });
	});

	it('past the cap remembers the soonest to expire', () => {
		const { state } = newlyExpiring(
			{ days: 30, reported: { '1': '2026-12-20', '2': '2026-11-25' } },
			within([order(3, '2026-12-01')]),
			30,
			NOW,
			2,
		);
		expect(state.reported).toEqual({ '2': '2026-11-25', '3': '2026-12-01' });
	});

	it('treats a changed threshold as a new baseline (nothing reported at once)', () => {
		const { reports, state } = newlyExpiring(
			{ days: 30, reported: {} },
			within([order(1, '2026-12-01')], 60),
			60,
			NOW,
		);
		expect(reports).toEqual([]);
		expect(state).toEqual({ days: 60, reported: { '1': '2026-12-01' } });
	});
});

describe('certificateExpiring', () => {
	it('shapes an item for notifications', () => {
		const [entry] = expiringWithin([order(1, '2026-12-01')], 30, NOW).expiring;
		expect(expiringItem(entry, 30)).toEqual({
			event: 'certificateExpiring',
			orderId: 1,
			common_name: 'h1.example.com',
			valid_till: '2026-12-01',
			days_remaining: 9,
			threshold_days: 30,
			order: entry.order,
		});
	});

	it('reads Days as a whole number from 0 to 2000', () => {
		const read =
			(days: unknown) =>
			<T>(name: string, fallback?: T) =>
				(name === 'days' ? (days ?? fallback) : fallback) as T;
		expect(certificateExpiring.readParameters(read(7))).toEqual({ days: 7, excludeRenewed: false });
		expect(certificateExpiring.readParameters(read('14'))).toEqual({
			days: 14,
			excludeRenewed: false,
		});
		expect(() => certificateExpiring.readParameters(read(1.5))).toThrow(
			'Days must be a whole number from 0 to 2000, but it is 1.5',
		);
		expect(() => certificateExpiring.readParameters(read(''))).toThrow(/Days must be/);
	});
});

describe('certificateExpiring through the trigger', () => {
	const fake = useFakeCertCentral({ fresh: true });
	let now: number;
	beforeEach(() => {
		now = fake.data.now();
		jest.spyOn(clock, 'now').mockReturnValue(now);
	});
	afterEach(() => jest.restoreAllMocks());
	const DAY_MS = 86_400_000;
	const trigger = (parameters: IDataObject, typeVersion?: number) =>
		new ActiveTrigger(
			triggerNode({ event: 'certificateExpiring', days: 30, ...parameters }, typeVersion),
			credentialFor(fake),
		);
	const ids = (items: INodeExecutionData[] | undefined) => (items ?? []).map((i) => i.json.orderId);

	it('reports an order whose reissue is pending (its current certificate runs out), marked reissue_pending', async () => {
		const active = trigger({});
		await active.activate();
		const order = fake.data.addOrder({ status: 'issued', validDays: 12 });
		fake.data.setOrderStatus(order.id, 'reissue_pending');
		const { emitted } = await active.poll();
		expect(emitted?.map((i) => i.json)).toEqual([
			expect.objectContaining({
				orderId: order.id,
				days_remaining: 12,
				reissue_pending: true,
				order: expect.objectContaining({ status: 'reissue_pending' }),
			}),
		]);
	});

	it.each([
		[1.1, true],
		[1, false],
	])(
		'a typeVersion %s trigger leaves renewed orders out by default: %s',
		async (typeVersion, excluded) => {
			const active = trigger({}, typeVersion);
			await active.activate();
			const renewed = fake.data.addOrder({ status: 'issued', validDays: 9 });
			renewed.is_renewed = true;
			const kept = fake.data.addOrder({ status: 'issued', validDays: 8 });
			const { emitted } = await active.poll();
			expect(ids(emitted)).toEqual(excluded ? [kept.id] : [kept.id, renewed.id]);
			const asked = fake.requests.at(-1)!.query['filters[is_renewed]'];
			expect(asked).toBe(excluded ? 'false' : undefined);
		},
	);

	it('past 10,000 expiring certificates says so in the log, and still reports the soonest', async () => {
		const listed = Array.from({ length: 10_050 }, (_, i) => ({
			id: 50_000_000 + i,
			status: 'issued',
			certificate: {
				common_name: `h${i}.example.com`,
				valid_till: isoDay(now + (5 + (i % 20)) * DAY_MS),
			},
		}));
		const answer = (orders: IDataObject[]) => ({
			status: 200,
			body: { orders, page: { total: orders.length, limit: 100_000, offset: 0 } },
		});
		const warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => {});
		const active = trigger({});
		// DigiCert lists these issued orders, and no order whose reissue is pending.
		const listing = (orders: IDataObject[]) => ({
			times: 2,
			match: (r: { path: string }) => r.path.endsWith('/order/certificate'),
			respond: (r: { query: IDataObject }) =>
				answer(r.query['filters[status]'] === 'issued' ? orders : []),
		});
		fake.fail(listing(listed));
		await active.activate();
		const message =
			'10050 certificates expire within 30 days, more than the 10000 this trigger keeps track of: the 10000 soonest were checked; the other 50 are reported once they are among the soonest. Lower Days, or list them all with the DigiCert node (Order › Get Expiring).';
		expect(warn).toHaveBeenCalledWith(`DigiCert Trigger "DigiCert Trigger": ${message}`, {
			workflowId: 'trigger-workflow',
		});
		// A certificate lapsing sooner than all of them is reported, not lost past the cap.
		const soonest = {
			...listed[0],
			id: 60_000_000,
			certificate: { valid_till: isoDay(now + DAY_MS) },
		};
		fake.fail(listing([...listed, soonest]));
		const { emitted } = await active.poll();
		expect(ids(emitted)).toEqual([soonest.id]);
	});
});

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
