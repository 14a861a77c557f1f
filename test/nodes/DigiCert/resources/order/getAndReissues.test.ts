import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { digiCertNode, inputNodes, runWorkflow } from '../../../../helpers/engine';
import { credentialFor, fakeData } from '../../../../helpers/fake';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

const server = useFakeCertCentral();

async function run(parameters: INodeParameters, input: IDataObject[] = [{}]) {
	return await runWorkflow([...inputNodes(input), digiCertNode({ resource: 'order', ...parameters })], {
		credentials: credentialFor(server),
	});
}

describe('Get Order', () => {
	it('sends GET /order/certificate/{id} and outputs the order', async () => {
		const result = await run({ operation: 'get', orderId: '={{ $json.id }}' }, [{ id: fakeData.SEED_ORDER_ID }]);
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: `/services/v2/order/certificate/${fakeData.SEED_ORDER_ID}` });
		const [item] = result.items();
		expect(item.json).toMatchObject({
			id: fakeData.SEED_ORDER_ID,
			status: 'issued',
			certificate: { common_name: 'example.com', valid_till: expect.any(String), days_remaining: expect.any(Number) },
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('says an unknown order was not found', async () => {
		const result = await run({ operation: 'get', orderId: 1 });
		expect(result.error?.message).toBe('Order 1 was not found in DigiCert');
	});
});

describe('List Order Reissues', () => {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const reissuedOrder = () => [...server.data.reissues.keys()][0] as number;

	it('sends GET /order/certificate/{id}/reissue and outputs one item per reissued certificate', async () => {
		const id = reissuedOrder();
		const result = await run({ operation: 'listReissues', orderId: id });
		expect(result.error).toBeUndefined();
		expect(server.requests[0]).toMatchObject({ method: 'GET', path: `/services/v2/order/certificate/${id}/reissue`, query: {} });
		expect(result.items().map((i) => i.json)).toEqual(server.data.reissues.get(id));
	});

	it('sends show_archived when asked', async () => {
		await run({ operation: 'listReissues', orderId: reissuedOrder(), options: { show_archived: true } });
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
