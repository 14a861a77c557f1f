import { fakeData } from '../../../../helpers/fake';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { runDigiCert } from '../../../../helpers/runOperation';

const server = useFakeCertCentral();

describe('Get Order', () => {
	it('sends GET /order/certificate/{id} and outputs the order', async () => {
		const result = await runDigiCert(
			server,
			{ resource: 'order', operation: 'get', orderId: '={{ $json.id }}' },
			{ input: [{ id: fakeData.SEED_ORDER_ID }], node: { typeVersion: 1 } },
		);
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: `/services/v2/order/certificate/${fakeData.SEED_ORDER_ID}`,
		});
		const [item] = result.items();
		expect(item.json).toMatchObject({
			id: fakeData.SEED_ORDER_ID,
			status: 'issued',
			certificate: {
				common_name: 'example.com',
				valid_till: expect.any(String),
				days_remaining: expect.any(Number),
			},
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('says an unknown order was not found', async () => {
		const result = await runDigiCert(
			server,
			{ resource: 'order', operation: 'get', orderId: 1 },
			{ node: { typeVersion: 1 } },
		);
		expect(result.error?.message).toBe('Order 1 was not found in DigiCert');
	});

	// DigiCert's Order info: the ID in the path may be the primary certificate's thumbprint or serial number.
	const seed = () =>
		server.data.orders.get(fakeData.SEED_ORDER_ID).certificate as {
			thumbprint: string;
			serial_number: string;
		};

	it("gets an order by its certificate's thumbprint, written in lowercase with colons, sent as 40 hex digits", async () => {
		const { thumbprint } = seed();
		const written = thumbprint.toLowerCase().match(/../g)!.join(':');
		const result = await runDigiCert(
			server,
			{ resource: 'order', operation: 'get', orderId: written },
			{ node: { typeVersion: 1 } },
		);
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => r.path)).toEqual([
			`/services/v2/order/certificate/${thumbprint.toUpperCase()}`,
		]);
		expect(result.items()[0].json).toMatchObject({ id: fakeData.SEED_ORDER_ID });
	});

	it("gets an order by its certificate's serial number, also through the 1.1 locator's By ID mode", async () => {
		const { serial_number } = seed();
		const result = await runDigiCert(
			server,
			{
				resource: 'order',
				operation: 'get',
				orderId: { __rl: true, mode: 'id', value: serial_number.toLowerCase() },
			},
			{ node: { typeVersion: 1.1 } },
		);
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => r.path)).toEqual([
			`/services/v2/order/certificate/${serial_number.toUpperCase()}`,
		]);
		expect(result.items()[0].json).toMatchObject({ id: fakeData.SEED_ORDER_ID });
	});

	it("says no order has the thumbprint of a certificate that is not an order's current one (a reissue's)", async () => {
		const reissued = [...server.data.reissues.values()].flat().find((c: any) => c.thumbprint) as {
			thumbprint: string;
		};
		const result = await runDigiCert(
			server,
			{ resource: 'order', operation: 'get', orderId: reissued.thumbprint },
			{ node: { typeVersion: 1 } },
		);
		expect(result.error?.message).toBe(
			`The order whose certificate has the thumbprint ${reissued.thumbprint} was not found in DigiCert`,
		);
	});

	it.each([
		['12/../../user/me'],
		['ABCDEF?x=1'],
		['%2e%2e'],
		['g'.repeat(40)],
		['0'],
		[-5],
		['A'.repeat(65)],
	])('refuses %j before sending anything: only digits and hex reach the path', async (orderId) => {
		const result = await runDigiCert(
			server,
			{ resource: 'order', operation: 'get', orderId },
			{ node: { typeVersion: 1 } },
		);
		expect(result.error?.message).toMatch(
			/^Order ID must be an order ID \(a whole number\), or the thumbprint \(40 hex digits\) or serial number \(hex\)/,
		);
		expect(server.requests).toHaveLength(0);
	});
});
