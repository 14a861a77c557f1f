import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fakeData } from '../../../../helpers/fake';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { runDigiCert } from '../../../../helpers/runOperation';

const server = useFakeCertCentral();

async function run(parameters: INodeParameters, input: IDataObject[] = [{}], typeVersion = 1) {
	return await runDigiCert(
		server,
		{ resource: 'order', ...parameters },
		{ input, node: { typeVersion } },
	);
}

describe('List Order Reissues', () => {
	const reissuedOrder = () => [...server.data.reissues.keys()][0] as number;

	it('sends GET /order/certificate/{id}/reissue and outputs one item per reissued certificate', async () => {
		const id = reissuedOrder();
		const result = await run({ operation: 'listReissues', orderId: id });
		expect(result.error).toBeUndefined();
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: `/services/v2/order/certificate/${id}/reissue`,
			query: {},
		});
		expect(result.items().map((i) => i.json)).toEqual(server.data.reissues.get(id));
	});

	it('sends show_archived when asked', async () => {
		await run({
			operation: 'listReissues',
			orderId: reissuedOrder(),
			options: { show_archived: true },
		});
		expect(server.requests[0].query).toEqual({ show_archived: 'true' });
	});

	it('an order never reissued (DigiCert leaves the array out) is no items', async () => {
		const result = await run({ operation: 'listReissues', orderId: fakeData.SEED_ORDER_ID });
		expect(result.error).toBeUndefined();
		expect(result.items()).toEqual([]);
	});

	it('says an unknown order was not found', async () => {
		const result = await run({ operation: 'listReissues', orderId: 2 });
		expect(result.error?.message).toBe('Order 2 was not found in DigiCert');
	});
});
