import type { NodeParameterValue } from 'n8n-workflow';

import { digiCertNode, inputNodes, runWorkflow } from '../../../../helpers/engine';
import { credentialFor, fakeData } from '../../../../helpers/fake';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

const server = useFakeCertCentral();

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

async function getExpiring(days: NodeParameterValue) {
	return await runWorkflow(
		[...inputNodes([{}]), digiCertNode({ resource: 'order', operation: 'getExpiring', days })],
		{ credentials: credentialFor(server) },
	);
}

/** What the node should list: issued orders expiring today..today+days, soonest first (then by ID). */
function expected(days: number) {
	const now = Date.now();
	return (
		[...server.data.orders.values()]
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			.filter((o: any) => o.status === 'issued' && o.certificate.valid_till)
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			.map((o: any) => ({ id: o.id as number, remaining: fakeData.daysUntil(o.certificate.valid_till, now) }))
			.filter((o) => o.remaining >= 0 && o.remaining <= days)
			.sort((a, b) => a.remaining - b.remaining || a.id - b.id)
	);
}

describe('Get Expiring Orders', () => {
	it('asks for issued orders with valid_till in today...today+30 and lists them soonest first with days_remaining', async () => {
		const result = await getExpiring(30);
		expect(result.error).toBeUndefined();
		const now = Date.now();
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/services/v2/order/certificate' });
		expect(server.requests[0].query).toEqual({
			'filters[status]': 'issued',
			'filters[valid_till]': `${isoDay(now)}...${isoDay(now + 30 * DAY)}`,
			offset: '0',
			limit: '1000',
		});
		const want = expected(30);
		expect(want.length).toBeGreaterThan(200);
		const items = result.items();
		expect(items.map((i) => [i.json.id, i.json.days_remaining])).toEqual(want.map((o) => [o.id, o.remaining]));
		// Soonest first; no revoked, expired or unissued order.
		const remaining = items.map((i) => i.json.days_remaining as number);
		expect(remaining).toEqual([...remaining].sort((a, b) => a - b));
		expect(items.every((i) => i.json.status === 'issued')).toBe(true);
		expect(items.some((i) => i.json.days_remaining === 0)).toBe(true);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('pages through a window larger than a page: every expiring order once', async () => {
		const want = expected(400);
		expect(want.length).toBeGreaterThan(1000);
		const result = await getExpiring(400);
		expect(server.requests.map((r) => r.query.offset)).toEqual(
			Array.from({ length: Math.ceil(want.length / 1000) }, (_v, i) => String(i * 1000)),
		);
		expect(server.requests.every((r) => r.query.limit === '1000')).toBe(true);
		expect(result.items().map((i) => i.json.id)).toEqual(want.map((o) => o.id));
	});

	it('days 0 lists the certificates expiring today', async () => {
		const result = await getExpiring(0);
		const now = Date.now();
		expect(server.requests[0].query['filters[valid_till]']).toBe(`${isoDay(now)}...${isoDay(now)}`);
		expect(result.items().map((i) => i.json.id)).toEqual(expected(0).map((o) => o.id));
		expect(result.items().every((i) => i.json.days_remaining === 0)).toBe(true);
	});

	it('a new certificate issued to expire in 3 days appears first', async () => {
		const order = server.data.addOrder({ commonName: 'soon.example.com' });
		server.data.setOrderStatus(order.id, 'issued', { validDays: 3 });
		const result = await getExpiring(3);
		const found = result.items().find((i) => i.json.id === order.id);
		expect(found?.json).toMatchObject({ days_remaining: 3, certificate: { common_name: 'soon.example.com' } });
	});

	it('nothing expiring is no items', async () => {
		server.fail({ times: 1, respond: { status: 200, body: { page: { total: 0, limit: 1000, offset: 0 } } } });
		const result = await getExpiring(30);
		expect(result.error).toBeUndefined();
		expect(result.items()).toEqual([]);
	});

	it('refuses a negative or fractional number of days', async () => {
		let result = await getExpiring(-1);
		expect(result.error?.message).toBe('Days must be a whole number from 0 to 2000, but it is -1');
		result = await getExpiring(1.5);
		expect(result.error?.message).toBe('Days must be a whole number from 0 to 2000, but it is 1.5');
		expect(server.requests).toHaveLength(0);
	});
});
