import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fakeData } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

// A fresh fake each test: revocations and cancellations change its data.
const server = useFakeCertCentral({ fresh: true });

const ORDER = fakeData.SEED_ORDER_ID;
const run = (
	resource: string,
	operation: string,
	parameters: INodeParameters,
	input: IDataObject[] = [{}],
	extra = {},
) => runOperation(server, resource, operation, parameters, input, extra);
const order = (id = ORDER) => server.data.orders.get(id);

describe('Cancel Order', () => {
	it('PUT /order/certificate/{id}/status {status: "canceled", note}, 204: the pending order is canceled and its request rejected', async () => {
		const request = server.data.addRequest();
		const orderId = request.order.id;
		const result = await run('order', 'cancel', { orderId, note: 'CHG-3 withdrawn' });
		expect(server.requests[0]).toMatchObject({
			method: 'PUT',
			path: `/services/v2/order/certificate/${orderId}/status`,
			body: { status: 'canceled', note: 'CHG-3 withdrawn' },
		});
		expect(result.items()[0].json).toEqual({
			orderId,
			status: 'canceled',
			note: 'CHG-3 withdrawn',
		});
		expect(order(orderId).status).toBe('canceled');
		expect(server.data.requests.get(request.id)).toMatchObject({
			status: 'rejected',
			processor_comment: 'CHG-3 withdrawn',
		});
	});

	it('requires a note, before sending anything', async () => {
		const result = await run('order', 'cancel', { orderId: ORDER, note: '  ' });
		expect(result.error?.message).toBe('Note is required');
		expect(server.requests).toHaveLength(0);
	});

	it("an issued order cannot be canceled: DigiCert's refusal is the message", async () => {
		const result = await run('order', 'cancel', { orderId: ORDER, note: 'x' });
		expect(result.error?.message).toMatch(
			new RegExp(`Order ${ORDER} cannot be canceled: its status is issued`),
		);
		expect(order().status).toBe('issued');
	});
});
