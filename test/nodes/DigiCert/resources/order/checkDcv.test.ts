import { fakeData } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { NEW_CSR } from '../../../../fixtures/csr';

const server = useFakeCertCentral({ fresh: true });
const ORDER = fakeData.SEED_ORDER_ID;

/** A reissue of the seed order (new.example.com) waiting for DCV by `method`, approved already. */
async function reissueAwaitingDcv(method = 'dns-txt-token') {
	await runOperation(server, 'order', 'reissue', {
		orderId: ORDER,
		csr: NEW_CSR,
		options: { dnsNames: 'new.example.com', dcvMethod: method, skipApproval: true },
	});
	server.reset();
	return server.data.orderDcv.state(ORDER)!.randomValue as string;
}
const checkDcv = (parameters = {}) =>
	runOperation(server, 'order', 'checkDcv', { orderId: ORDER, ...parameters });

describe('Order > Check DCV', () => {
	it('not found yet is a result (validated: false, the names still pending); once the TXT record is published the reissue is issued', async () => {
		const randomValue = await reissueAwaitingDcv();
		let result = await checkDcv();
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['PUT', `/services/v2/order/certificate/${ORDER}/check-dcv`, undefined],
		]);
		expect(result.items()[0].json).toEqual({
			orderId: ORDER,
			validated: false,
			issued: false,
			pendingNames: ['new.example.com'],
			order_status: 'reissue_pending',
			dcv_status: 'pending',
			dns_name_validations: [{ dns_name: 'new.example.com', status: 'pending' }],
		});
		expect(server.data.orders.get(ORDER).status).toBe('reissue_pending');

		// A wrong value does not count; the right one on _dnsauth.<name> does.
		server.data.orderDcv.publishTxt('_dnsauth.new.example.com', 'not-the-value');
		expect((await checkDcv()).items()[0].json.validated).toBe(false);
		server.data.orderDcv.publishTxt('_dnsauth.new.example.com', randomValue);
		result = await checkDcv();
		const order = server.data.orders.get(ORDER);
		expect(result.items()[0].json).toEqual({
			orderId: ORDER,
			validated: true,
			issued: true,
			pendingNames: [],
			order_status: 'issued',
			certificate_id: order.certificate.id,
			dcv_status: 'valid',
			dns_name_validations: [{ dns_name: 'new.example.com', status: 'approved' }],
		});
		expect(order.certificate).toMatchObject({ common_name: 'new.example.com' });
		expect(order.certificate.csr.replace(/\s/g, '')).toBe(NEW_CSR.replace(/\s/g, ''));
	});

	it('checks only the names asked for', async () => {
		await reissueAwaitingDcv();
		await checkDcv({ options: { dnsNames: 'new.example.com' } });
		expect(server.requests[0].body).toEqual({ dns_names_validations: ['new.example.com'] });
	});

	it("HTTP: DigiCert's 400 file_random_value_not_found is validated: false with its reason", async () => {
		await reissueAwaitingDcv('http-token');
		let result = await checkDcv();
		expect(result.items()[0].json).toEqual({
			orderId: ORDER,
			validated: false,
			code: 'file_random_value_not_found',
			message:
				'Could not find the random value at the expected file location for one or more domains.',
		});
		server.data.orderDcv.place(ORDER);
		result = await checkDcv();
		expect(result.items()[0].json).toMatchObject({ validated: true, issued: true });
	});

	it('fails with an explanation on an order with nothing to validate and on an expired random value', async () => {
		let result = await checkDcv();
		expect(result.error?.message).toBe(
			`Order ${ORDER} has no pending domain validation: its status is issued.`,
		);
		await reissueAwaitingDcv();
		server.data.orderDcv.expire(ORDER);
		result = await checkDcv();
		expect(result.error?.message).toBe(
			'The DCV random value of this order has expired: generate a new one and publish it.',
		);
		expect((result.error as { description?: string }).description).toContain(
			'Get a new value with Order > Get DCV Random Value',
		);
	});

	it("an email-validated order: DigiCert's vague 400 invalid_dns_method is explained", async () => {
		await reissueAwaitingDcv('email');
		const result = await checkDcv();
		expect(result.error?.message).toBe(
			'DigiCert cannot check DCV for this order: its DCV method is email (or none)',
		);
		expect((result.error as { description?: string }).description).toContain(
			'An error occurred while processing your request. [invalid_dns_method]',
		);
	});

	it('is not sent again after a 502 (DigiCert may have acted on it)', async () => {
		await reissueAwaitingDcv();
		server.fail({ times: 1, respond: { status: 502, body: 'Bad Gateway' } });
		const result = await checkDcv();
		expect(result.error).toBeDefined();
		expect(server.requests).toHaveLength(1);
	});

	it('refuses a bad Order ID before sending', async () => {
		const result = await checkDcv({ orderId: '1/../../user/me' });
		expect(result.error?.message).toContain('Order ID must be a positive whole number');
		expect(server.requests).toHaveLength(0);
	});
});
