import { fakeData } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { NEW_CSR } from '../../../../fixtures/csr';

const server = useFakeCertCentral({ fresh: true });
const ORDER = fakeData.SEED_ORDER_ID;
const getValue = () => runOperation(server, 'order', 'getDcvRandomValue', { orderId: ORDER });

describe('Order > Get DCV Random Value', () => {
	it('gives the current value while it is valid, and a new one once it has expired', async () => {
		await runOperation(server, 'order', 'reissue', {
			orderId: ORDER,
			csr: NEW_CSR,
			options: { dcvMethod: 'dns-txt-token' },
		});
		const first = server.data.orderDcv.state(ORDER)!.randomValue;
		server.reset();
		let result = await getValue();
		expect(server.requests.map((r) => [r.method, r.path])).toEqual([
			['PUT', `/services/v2/order/certificate/${ORDER}/dcv-random-value`],
		]);
		expect(result.items()[0].json).toEqual({
			orderId: ORDER,
			dcv_random_value: first,
			expiration_date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
		});
		server.data.orderDcv.expire(ORDER);
		result = await getValue();
		expect(result.items()[0].json.dcv_random_value).not.toBe(first);
		expect(result.items()[0].json.dcv_random_value).toBe(
			server.data.orderDcv.state(ORDER)!.randomValue,
		);
	});

	it("fails with DigiCert's reason for an order without pending DCV, sent once", async () => {
		const result = await getValue();
		expect(result.error?.message).toBe(
			`Order ${ORDER} has no pending domain validation: its status is issued.`,
		);
		expect(server.requests).toHaveLength(1);
	});

	it('fails on an answer without a random value rather than output nothing useful', async () => {
		server.fail({ times: 1, respond: { status: 200, body: { something: 'else' } } });
		const result = await getValue();
		expect(result.error?.message).toMatch(/unexpected/i);
	});
});
