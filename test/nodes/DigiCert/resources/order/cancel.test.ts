import { fakeData } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { WWW_CSR } from '../../../../fixtures/csr';

// A fresh fake each test: revocations and cancellations change its data.
const server = useFakeCertCentral({ fresh: true });

const ORDER = fakeData.SEED_ORDER_ID;
const order = (id = ORDER) => server.data.orders.get(id);

describe('Cancel Order', () => {
	it('PUT /order/certificate/{id}/status {status: "canceled", note}, 204: the pending order is canceled and its request rejected', async () => {
		const request = server.data.addRequest();
		const orderId = request.order.id;
		const result = await runOperation(server, 'order', 'cancel', {
			orderId,
			note: 'CHG-3 withdrawn',
		});
		// The order is read first: what a cancel does depends on its status.
		expect(server.requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
		expect(server.requests[1]).toMatchObject({
			method: 'PUT',
			path: `/services/v2/order/certificate/${orderId}/status`,
			body: { status: 'canceled', note: 'CHG-3 withdrawn' },
		});
		expect(result.items()[0].json).toEqual({
			orderId,
			canceled: 'order',
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
		const result = await runOperation(server, 'order', 'cancel', { orderId: ORDER, note: '  ' });
		expect(result.error?.message).toBe('Note is required');
		expect(server.requests).toHaveLength(0);
	});

	it("an issued order cannot be canceled: DigiCert's refusal is the message", async () => {
		const result = await runOperation(server, 'order', 'cancel', { orderId: ORDER, note: 'x' });
		expect(result.error?.message).toMatch(
			new RegExp(`Order ${ORDER} cannot be canceled: its status is issued`),
		);
		expect(order().status).toBe('issued');
	});
});

describe('Cancel on an order whose reissue is pending', () => {
	it('cancels the reissue, not the order: the output says the order is issued again and the reissue request rejected', async () => {
		const reissued = await runOperation(server, 'order', 'reissue', {
			orderId: ORDER,
			csr: WWW_CSR,
		});
		const { requestId } = reissued.items()[0].json as { requestId: number };
		expect(server.data.orders.get(ORDER).status).toBe('reissue_pending');
		server.requests.length = 0;

		const result = await runOperation(server, 'order', 'cancel', {
			orderId: ORDER,
			note: 'Wrong CSR',
		});
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /services/v2/order/certificate/${ORDER}`,
			`PUT /services/v2/order/certificate/${ORDER}/status`,
		]);
		expect(result.items()[0].json).toEqual({
			orderId: ORDER,
			canceled: 'reissue',
			status: 'issued',
			reissueRequestStatus: 'rejected',
			message:
				'The pending reissue was canceled (its request is rejected); the order is issued again with its current certificate',
			note: 'Wrong CSR',
		});
		// What DigiCert's page says happens, and the fake does.
		expect(server.data.orders.get(ORDER).status).toBe('issued');
		expect(server.data.requests.get(requestId)).toMatchObject({
			status: 'rejected',
			processor_comment: 'Wrong CSR',
		});
	});

	it('an unknown order is refused before anything is changed', async () => {
		const result = await runOperation(server, 'order', 'cancel', { orderId: 424242, note: 'x' });
		expect(result.error?.message).toBe('Order 424242 was not found in DigiCert');
		expect(server.requests.map((r) => r.method)).toEqual(['GET']);
	});
});

describe('Cancel when the order read before is not an order', () => {
	it.each([
		['a JSON list', [{ id: 1 }]],
		['an order without a status', { id: 0 }],
		['a status that is not text', { id: 0, status: 7 }],
	])(
		'still cancels (one PUT), and the output says what is not known, not "canceled": %s',
		async (_label, body) => {
			const request = server.data.addRequest();
			const orderId = request.order.id;
			server.fail({
				times: 1,
				match: (r) => r.method === 'GET' && r.path.endsWith(`/order/certificate/${orderId}`),
				respond: { status: 200, body },
			});
			const result = await runOperation(server, 'order', 'cancel', { orderId, note: 'CHG-9' });
			expect(result.error).toBeUndefined();
			expect(server.requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
			expect(result.items()[0].json).toEqual({
				orderId,
				canceled: 'order or reissue',
				message: `DigiCert accepted the cancel of order ${orderId}, but its answer for the order beforehand had no status, so whether the order or only its pending reissue was canceled is not known: Order > Get shows its status now (canceled, or issued when a pending reissue was canceled)`,
				note: 'CHG-9',
			});
			expect(order(orderId).status).toBe('canceled');
		},
	);
});
