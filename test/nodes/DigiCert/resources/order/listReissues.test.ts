import { fakeData } from '../../../../helpers/fake';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { runDigiCert } from '../../../../helpers/runOperation';

const server = useFakeCertCentral();

describe('List Order Reissues', () => {
	const reissuedOrder = () => [...server.data.reissues.keys()][0] as number;

	it('sends GET /order/certificate/{id}/reissue and outputs one item per reissued certificate', async () => {
		const id = reissuedOrder();
		const result = await runDigiCert(
			server,
			{ resource: 'order', operation: 'listReissues', orderId: id },
			{ node: { typeVersion: 1 } },
		);
		expect(result.error).toBeUndefined();
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: `/services/v2/order/certificate/${id}/reissue`,
			query: {},
		});
		expect(result.items().map((i) => i.json)).toEqual(server.data.reissues.get(id));
	});

	it('sends show_archived when asked', async () => {
		await runDigiCert(
			server,
			{
				resource: 'order',
				operation: 'listReissues',
				orderId: reissuedOrder(),
				options: { show_archived: true },
			},
			{ node: { typeVersion: 1 } },
		);
		expect(server.requests[0].query).toEqual({ show_archived: 'true' });
	});

	it('an order never reissued (DigiCert leaves the array out) is no items', async () => {
		const result = await runDigiCert(
			server,
			{ resource: 'order', operation: 'listReissues', orderId: fakeData.SEED_ORDER_ID },
			{ node: { typeVersion: 1 } },
		);
		expect(result.error).toBeUndefined();
		expect(result.items()).toEqual([]);
	});

	it('says an unknown order was not found', async () => {
		const result = await runDigiCert(
			server,
			{ resource: 'order', operation: 'listReissues', orderId: 2 },
			{ node: { typeVersion: 1 } },
		);
		expect(result.error?.message).toBe('Order 2 was not found in DigiCert');
	});
});
