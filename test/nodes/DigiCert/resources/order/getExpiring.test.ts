import type { INodeParameters, NodeParameterValue } from 'n8n-workflow';

import { capturedLogs } from '../../../../helpers/engine';
import { fakeData } from '../../../../helpers/fake';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { clock } from '../../../../../nodes/common/clock';
import { runDigiCert } from '../../../../helpers/runOperation';

const server = useFakeCertCentral();
/** The moment the node runs at: the fake's clock, which its dates were made from (no race with midnight). */
let now: number;
beforeEach(() => {
	now = server.data.now();
	jest.spyOn(clock, 'now').mockReturnValue(now);
});
afterEach(() => jest.restoreAllMocks());

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

async function getExpiring(days: NodeParameterValue, extra: INodeParameters = {}, typeVersion = 1) {
	return await runDigiCert(
		server,
		{ resource: 'order', operation: 'getExpiring', days, ...extra },
		{ node: { typeVersion } },
	);
}

/** The statuses whose current certificate runs out: issued, and reissue_pending (a reissue waits). */
const EXPIRING = ['issued', 'reissue_pending'];

/** What the node should list: those orders expiring today..today+days, soonest first (then by ID). */
function expected(days: number, { excludeRenewed = false } = {}) {
	return [...server.data.orders.values()]
		.filter(
			(o: any) =>
				EXPIRING.includes(o.status) &&
				o.certificate.valid_till &&
				!(excludeRenewed && o.is_renewed),
		)
		.map((o: any) => ({
			id: o.id as number,
			remaining: fakeData.daysUntil(o.certificate.valid_till, now),
		}))
		.filter((o) => o.remaining >= 0 && o.remaining <= days)
		.sort((a, b) => a.remaining - b.remaining || a.id - b.id);
}

/** How many orders of `status` the list from today on holds (what the node pages through). */
const listed = (status: string) =>
	[...server.data.orders.values()].filter(
		(o: any) =>
			o.status === status &&
			o.certificate.valid_till &&
			fakeData.daysUntil(o.certificate.valid_till, now) >= 0,
	).length;

describe('Get Expiring Orders', () => {
	it('asks for issued, then reissue_pending orders valid till today or later, and lists those within 30 days soonest first with days_remaining', async () => {
		const result = await getExpiring(30);
		expect(result.error).toBeUndefined();
		const statuses = server.requests.map((r) => r.query['filters[status]']);
		expect([...new Set(statuses)]).toEqual(['issued', 'reissue_pending']);
		for (const request of server.requests) {
			expect(request).toMatchObject({ method: 'GET', path: '/services/v2/order/certificate' });
			expect(request.query).toEqual({
				'filters[status]': request.query['filters[status]'],
				'filters[valid_till]': `${isoDay(now)}...9999-12-31`,
				offset: request.query.offset,
				limit: '1000',
			});
		}
		const want = expected(30);
		expect(want.length).toBeGreaterThan(200);
		const items = result.items();
		expect(items.map((i) => [i.json.id, i.json.days_remaining])).toEqual(
			want.map((o) => [o.id, o.remaining]),
		);
		// Soonest first; no revoked, expired or unissued order.
		const remaining = items.map((i) => i.json.days_remaining as number);
		expect(remaining).toEqual([...remaining].sort((a, b) => a - b));
		expect(items.every((i) => EXPIRING.includes(i.json.status as string))).toBe(true);
		expect(items.some((i) => i.json.days_remaining === 0)).toBe(true);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('lists an order whose reissue is pending with its current certificate, and says so (reissue_pending: true, kept by Simplify)', async () => {
		const pending = expected(30).filter(
			(o) => server.data.orders.get(o.id).status === 'reissue_pending',
		);
		expect(pending.length).toBeGreaterThan(0);
		for (const typeVersion of [1, 1.2]) {
			server.requests.length = 0;
			const items = (await getExpiring(30, {}, typeVersion)).items();
			const item = items.find((i) => i.json.id === pending[0].id)!.json;
			expect(item).toMatchObject({
				status: 'reissue_pending',
				reissue_pending: true,
				days_remaining: pending[0].remaining,
			});
			expect(
				items
					.filter((i) => i.json.status === 'issued')
					.every((i) => !('reissue_pending' in i.json)),
			).toBe(true);
		}
	});

	it('pages through every order from today on, both lists: every expiring order once', async () => {
		const want = expected(400);
		expect(want.length).toBeGreaterThan(1000);
		const result = await getExpiring(400);
		const pages = (count: number) =>
			Array.from({ length: Math.max(1, Math.ceil(count / 1000)) }, (_v, i) => String(i * 1000));
		expect(server.requests.map((r) => r.query.offset)).toEqual([
			...pages(listed('issued')),
			...pages(listed('reissue_pending')),
		]);
		expect(server.requests.every((r) => r.query.limit === '1000')).toBe(true);
		expect(result.items().map((i) => i.json.id)).toEqual(want.map((o) => o.id));
	});

	it('days 0 lists the certificates expiring today', async () => {
		const result = await getExpiring(0);
		expect(result.items().map((i) => i.json.id)).toEqual(expected(0).map((o) => o.id));
		expect(result.items().every((i) => i.json.days_remaining === 0)).toBe(true);
	});

	it("counts from n8n's clock: two days on, the window and every days_remaining move with it", async () => {
		now += 2 * DAY;
		jest.spyOn(clock, 'now').mockReturnValue(now);
		const result = await getExpiring(30);
		expect(server.requests[0].query['filters[valid_till]']).toBe(`${isoDay(now)}...9999-12-31`);
		expect(result.items().map((i) => [i.json.id, i.json.days_remaining])).toEqual(
			expected(30).map((o) => [o.id, o.remaining]),
		);
	});

	it.each(['certificate', 'order'] as const)(
		"lists a multi-year order whose certificate expires soon whether filters[valid_till] is the certificate's end or the order's (here: the %s's)",
		async (filtered) => {
			const order = server.data.addOrder({ commonName: 'multiyear.example.com' });
			server.data.setOrderStatus(order.id, 'issued', { validDays: 10 });
			order.order_valid_till = isoDay(now + 700 * DAY);
			server.data.validTillFilters = filtered;
			try {
				const result = await getExpiring(30);
				expect(result.items().find((i) => i.json.id === order.id)?.json).toMatchObject({
					days_remaining: 10,
				});
			} finally {
				server.data.validTillFilters = 'certificate';
				server.data.setOrderStatus(order.id, 'canceled');
			}
		},
	);

	it.each([
		[1.2, true],
		[1.1, false],
		[1, false],
	])(
		'a typeVersion %s node leaves renewed orders out by default: %s (asks filters[is_renewed]=false, and checks it)',
		async (typeVersion, excluded) => {
			const renewed = expected(30)[0];
			server.data.orders.get(renewed.id).is_renewed = true;
			try {
				const result = await getExpiring(30, {}, typeVersion);
				const ids = result.items().map((i) => i.json.id);
				expect(ids.includes(renewed.id)).toBe(!excluded);
				expect(ids).toEqual(expected(30, { excludeRenewed: excluded }).map((o) => o.id));
				expect(
					server.requests.every(
						(r) => r.query['filters[is_renewed]'] === (excluded ? 'false' : undefined),
					),
				).toBe(true);
			} finally {
				server.data.orders.get(renewed.id).is_renewed = false;
			}
		},
	);

	it('a new certificate issued to expire in 3 days appears first', async () => {
		const order = server.data.addOrder({ commonName: 'soon.example.com' });
		server.data.setOrderStatus(order.id, 'issued', { validDays: 3 });
		const result = await getExpiring(3);
		const found = result.items().find((i) => i.json.id === order.id);
		expect(found?.json).toMatchObject({
			days_remaining: 3,
			certificate: { common_name: 'soon.example.com' },
		});
	});

	it('nothing expiring is no items', async () => {
		server.fail({
			times: 2,
			respond: { status: 200, body: { page: { total: 0, limit: 1000, offset: 0 } } },
		});
		const result = await getExpiring(30);
		expect(result.error).toBeUndefined();
		expect(result.items()).toEqual([]);
	});

	it('an order whose expiry cannot be read is left out with a warning; every readable one is listed', async () => {
		const order = (id: number, validTill: unknown) => ({
			id,
			status: 'issued',
			certificate: { common_name: `o${id}.example.com`, valid_till: validTill },
		});
		server.fail({
			match: (r) => r.path.endsWith('/order/certificate'),
			respond: {
				status: 200,
				body: {
					orders: [
						order(1, isoDay(now + 5 * DAY)),
						order(2, '0000-00-00'),
						order(3, 'soon'),
						order(4, isoDay(now)),
						order(5, null),
						order(6, '2026-02-30'),
					],
					page: { total: 6, limit: 1000, offset: 0 },
				},
			},
		});
		capturedLogs.length = 0;
		const result = await getExpiring(30);

		expect(result.error).toBeUndefined();
		expect(result.items().map((i) => [i.json.id, i.json.days_remaining])).toEqual([
			[4, 0],
			[1, 5],
		]);
		const warning =
			'4 orders were left out because their certificate\'s valid_till is not a date: order 2 ("0000-00-00"), order 3 ("soon"), order 5 (null), order 6 ("2026-02-30")';
		expect(result.taskData()?.hints).toEqual([
			{ message: warning, type: 'warning', location: 'outputPane' },
		]);
		expect(capturedLogs.filter((line) => line.includes(warning))).not.toEqual([]);
	});

	it('refuses a negative or fractional number of days', async () => {
		let result = await getExpiring(-1);
		expect(result.error?.message).toBe('Days must be a whole number from 0 to 2000, but it is -1');
		result = await getExpiring(1.5);
		expect(result.error?.message).toBe('Days must be a whole number from 0 to 2000, but it is 1.5');
		expect(server.requests).toHaveLength(0);
	});
});
