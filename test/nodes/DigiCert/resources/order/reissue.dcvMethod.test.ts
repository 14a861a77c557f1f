import type { INodeParameters } from 'n8n-workflow';

import { fakeData } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { NEW_CSR, WILDCARD_CSR } from '../../../../fixtures/csr';

// Reissue's DCV Method option, and the DCV data its answer carries.
const server = useFakeCertCentral({ fresh: true });
const ORDER = fakeData.SEED_ORDER_ID;

// One name (the CSR's, as the SAN too), so each answer has one domain.
const reissue = (options: INodeParameters, csr = NEW_CSR) =>
	runOperation(server, 'order', 'reissue', {
		orderId: ORDER,
		csr,
		options: { dnsNames: 'new.example.com', ...options },
	});

describe('Reissue: DCV Method', () => {
	it("Reissue sends dcv_method and outputs the random value, each domain's token and the record to publish", async () => {
		const result = await reissue({ dcvMethod: 'dns-txt-token', skipApproval: true });
		expect(result.error).toBeUndefined();
		expect(server.requests[0].body).toMatchObject({ dcv_method: 'dns-txt-token' });
		const randomValue = server.data.orderDcv.state(ORDER)!.randomValue;
		const [item] = result.items();
		expect(item.json).toMatchObject({
			orderId: ORDER,
			dcvMethod: 'dns-txt-token',
			dcv_random_value: randomValue,
			domains: [
				{
					name: 'new.example.com',
					dcv_token: { token: randomValue, status: 'pending', expiration_date: expect.any(String) },
				},
			],
			dcvRecords: [
				{
					domain: 'new.example.com',
					type: 'TXT',
					name: '_dnsauth.new.example.com',
					content: randomValue,
					expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				},
			],
		});
		// Approved, but not issued until DCV is done: the order waits in reissue_pending.
		expect(server.data.orders.get(ORDER).status).toBe('reissue_pending');
	});

	it('gives the CNAME and HTTP records to publish for those methods', async () => {
		let result = await reissue({ dcvMethod: 'dns-cname-token' });
		const rv = () => server.data.orderDcv.state(ORDER)!.randomValue;
		expect(result.items()[0].json.dcvRecords).toEqual([
			expect.objectContaining({
				type: 'CNAME',
				name: `${rv()}.new.example.com`,
				content: 'dcv.digicert.com',
			}),
		]);
		server.data.setOrderStatus(ORDER, 'issued');
		result = await reissue({ dcvMethod: 'http-token' });
		expect(result.items()[0].json.dcvRecords).toEqual([
			expect.objectContaining({
				type: 'HTTP',
				name: 'http://new.example.com/.well-known/pki-validation/fileauth.txt',
				content: rv(),
			}),
		]);
	});

	it('without a DCV Method sends none and outputs no DCV fields (saved workflows unchanged)', async () => {
		const result = await reissue({});
		expect(server.requests[0].body).not.toHaveProperty('dcv_method');
		expect(Object.keys(result.items()[0].json).sort()).toEqual(
			['certificateId', 'orderId', 'requestId', 'requestIds', 'status'].sort(),
		);
	});

	it('refuses HTTP File for a wildcard before sending, and an unknown method', async () => {
		let result = await reissue({ dcvMethod: 'http-token' }, WILDCARD_CSR);
		expect(result.error?.message).toBe(
			'DCV Method HTTP File cannot prove control of the wildcard *.example.com: DigiCert checks the file only on the exact host name. Use DNS TXT Record or DNS CNAME Record.',
		);
		result = await reissue({ dcvMethod: 'dns-01' });
		expect(result.error?.message).toMatch(/^DCV Method must be one of dns-txt-token/);
		expect(server.requests).toHaveLength(0);
	});

	it("DigiCert's refusal of a method it does not allow for the product is explained, sent once", async () => {
		server.fail({
			times: 1,
			respond: {
				status: 400,
				body: { errors: [{ code: 'invalid_dcv_method', message: 'DCV method not allowed.' }] },
			},
		});
		const result = await reissue({ dcvMethod: 'dns-cname-token' });
		expect(result.error?.message).toBe('DCV method not allowed.');
		expect(server.requests).toHaveLength(1);
	});
});
