import { fakeData } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { NEW_CSR, WILDCARD_CSR } from '../../../../fixtures/csr';

const server = useFakeCertCentral({ fresh: true });
const ORDER = fakeData.SEED_ORDER_ID;
const change = (dcvMethod: string) =>
	runOperation(server, 'order', 'changeDcvMethod', { orderId: ORDER, dcvMethod });
const reissueWith = async (csr: string, dcvMethod: string) => {
	await runOperation(server, 'order', 'reissue', {
		orderId: ORDER,
		csr,
		options: { dnsNames: '', dcvMethod },
	});
	server.reset();
};

describe('Order > Change DCV Method', () => {
	it('sends PUT dcv-method {dcv_method} and outputs the random value to publish', async () => {
		await reissueWith(NEW_CSR, 'email');
		const result = await change('dns-txt-token');
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			[
				'PUT',
				`/services/v2/order/certificate/${ORDER}/dcv-method`,
				{ dcv_method: 'dns-txt-token' },
			],
		]);
		expect(result.items()[0].json).toEqual({
			orderId: ORDER,
			dcvMethod: 'dns-txt-token',
			dcv_random_value: server.data.orderDcv.state(ORDER)!.randomValue,
		});
		expect(server.data.orders.get(ORDER).dcv_method).toBe('dns-txt-token');
	});

	it("DigiCert's refusals are explained: HTTP for a wildcard order, an order with nothing pending", async () => {
		await reissueWith(WILDCARD_CSR, 'dns-txt-token');
		let result = await change('http-token');
		expect(result.error?.message).toBe(
			'http-token cannot validate wildcard domains; use dns-txt-token or dns-cname-token.',
		);
		server.data.setOrderStatus(ORDER, 'issued');
		result = await change('dns-txt-token');
		expect(result.error?.message).toBe(
			`Order ${ORDER} has no pending domain validation: its status is issued.`,
		);
	});

	it('refuses an unknown method before sending', async () => {
		const result = await change('carrier-pigeon');
		expect(result.error?.message).toMatch(/^DCV Method must be one of/);
		expect(server.requests).toHaveLength(0);
	});

	it('a change is never sent twice: not after a 502 or a reset connection', async () => {
		await reissueWith(NEW_CSR, 'email');
		for (const respond of [{ status: 502, body: 'Bad Gateway' }, { reset: true }]) {
			server.reset();
			server.fail({ times: 1, respond });
			const result = await change('dns-txt-token');
			expect(result.error).toBeDefined();
			expect(server.requests).toHaveLength(1);
		}
	});
});
