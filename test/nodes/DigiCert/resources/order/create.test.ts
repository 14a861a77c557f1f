import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fakeData } from '../../../../helpers/fake';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import {
	NEW_CSR,
	NO_COMMON_NAME_CSR,
	SAN_CSR,
	WWW_CSR,
	bmpCommonNameCsr,
	oneLineCsr,
} from '../../../../fixtures/csr';
import { runDigiCert } from '../../../../helpers/runOperation';

const server = useFakeCertCentral({ fresh: true });

const ORGANIZATION = 112233;
const fakeOrderCount = fakeData.TOTAL_ORDERS;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function run(parameters: INodeParameters, input: IDataObject[] = [{}], extra = {}) {
	return await runDigiCert(
		server,
		{ resource: 'order', operation: 'create', ...parameters },
		{ input, node: extra },
	);
}

describe('Create Order', () => {
	it("POST /order/certificate/{product} with DigiCert's body; 201 gives an item with the order and request IDs; the order is pending with a pending request", async () => {
		const result = await run(
			{
				product: 'ssl_basic',
				csr: '={{ $json.csr }}',
				dnsNames: 'www.example.com',
				organizationId: String(ORGANIZATION),
				validity: 'years',
				years: 1,
				options: {
					comments: 'for the shop',
					containerId: '6',
					paymentMethod: 'balance',
					serverPlatformId: 45,
					signatureHash: 'sha256',
				},
			},
			[{ csr: NEW_CSR }],
		);

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: 'POST',
			path: '/services/v2/order/certificate/ssl_basic',
		});
		expect(server.requests[0].body).toEqual({
			certificate: {
				common_name: 'new.example.com',
				csr: oneLineCsr(NEW_CSR),
				dns_names: ['www.example.com'],
				signature_hash: 'sha256',
				server_platform: { id: 45 },
			},
			order_validity: { years: 1 },
			payment_method: 'balance',
			comments: 'for the shop',
			organization: { id: ORGANIZATION },
			container: { id: 6 },
		});
		const item = result.items()[0].json;
		expect(item).toEqual({
			orderId: expect.any(Number),
			requestId: expect.any(Number),
			requestIds: [item.requestId],
			status: 'pending',
			certificateId: null,
		});
		const created = server.data.orders.get(item.orderId as number);
		expect(created).toMatchObject({
			status: 'pending',
			product: { name_id: 'ssl_basic' },
			organization: { id: ORGANIZATION },
			container: { id: 6 },
			certificate: { common_name: 'new.example.com' },
		});
		expect(server.data.requests.get(item.requestId as number)).toMatchObject({
			type: 'new_request',
			status: 'pending',
		});

		// Approved, the order is issued and Get Order shows it.
		await runDigiCert(server, {
			resource: 'request',
			operation: 'approve',
			requestId: item.requestId as number,
		});
		const got = await runDigiCert(server, {
			resource: 'order',
			operation: 'get',
			orderId: item.orderId as number,
		});
		expect(got.items()[0].json).toMatchObject({
			id: item.orderId,
			status: 'issued',
			certificate: { valid_till: expect.any(String) },
		});
	});

	it('a DV product sends no organization; an end date is sent as order_validity.custom_expiration_date', async () => {
		const end = isoDay(Date.now() + 100 * 86_400_000);
		await run({
			product: 'ssl_dv_geotrust',
			csr: WWW_CSR,
			validity: 'endDate',
			endDate: `${end}T00:00:00.000Z`,
			organizationId: '',
		});
		expect(server.requests[0].body).toMatchObject({
			certificate: { common_name: 'www.example.com' },
			order_validity: { custom_expiration_date: end },
		});
		expect(server.requests[0].body).not.toHaveProperty('organization');
	});

	it('refuses bad input before sending anything, naming the field', async () => {
		const valid = {
			product: 'ssl_basic',
			csr: WWW_CSR,
			organizationId: ORGANIZATION,
			validity: 'years',
			years: 1,
		};
		const cases: Array<[INodeParameters, string]> = [
			[
				{ ...valid, csr: NO_COMMON_NAME_CSR },
				'Common Name is required: the CSR has no common name',
			],
			[
				{ ...valid, commonName: 'shop', csr: WWW_CSR },
				'Common Name "shop" is not a host name: it needs at least two labels',
			],
			[
				{ ...valid, dnsNames: 'a.example.com, *.com' },
				'Other Host Names (SANs) "*.com" is not a host name',
			],
			[
				{ ...valid, organizationId: '={{ $json.missing }}' },
				'Organization ID must be a positive whole number, but it is nothing',
			],
			[{ ...valid, years: 5 }, 'Years must be a whole number from 1 to 3, but it is 5'],
			// Number() would read these as 1, 3, 0 and 1: nothing but a whole number passes.
			[
				{ ...valid, years: '={{ true }}' },
				'Years must be a whole number from 1 to 3, but it is true',
			],
			[
				{ ...valid, years: '={{ [3] }}' },
				'Years must be a whole number from 1 to 3, but it is a list [3]',
			],
			[
				{ ...valid, years: '={{ 1.5 }}' },
				'Years must be a whole number from 1 to 3, but it is 1.5',
			],
			[
				{ ...valid, options: { serverPlatformId: '={{ null }}' } },
				'Server Platform ID must be a whole number from -1, but it is null',
			],
			[
				{ ...valid, options: { serverPlatformId: '={{ true }}' } },
				'Server Platform ID must be a whole number from -1, but it is true',
			],
			[
				{ ...valid, options: { serverPlatformId: '={{ [45] }}' } },
				'Server Platform ID must be a whole number from -1, but it is a list [45]',
			],
			[{ ...valid, validity: 'endDate', endDate: '2020-01-01' }, 'End Date must be after today'],
			[{ ...valid, product: '={{ "ssl_basic/../../user" }}' }, 'but it is "ssl_basic/../../user"'],
			[
				{ ...valid, options: { paymentMethod: '={{ "cash" }}' } },
				'Payment Method must be one of balance, profile, but it is "cash"',
			],
		];
		for (const [parameters, message] of cases) {
			const result = await run(parameters);
			expect({ message: result.error?.message }).toEqual({
				message: expect.stringContaining(message),
			});
		}
		expect(server.requests).toHaveLength(0);
	});

	it('refuses a CSR, SANs or End Date of the wrong type from an expression (object, list, number), before sending anything', async () => {
		const valid = {
			product: 'ssl_basic',
			csr: WWW_CSR,
			organizationId: ORGANIZATION,
			validity: 'years',
			years: 1,
		};
		const byDate = { ...valid, validity: 'endDate' };
		const cases: Array<[INodeParameters, string]> = [
			[
				{ ...valid, csr: '={{ { a: 1 } }}' },
				'CSR must be a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----…), but it is an object {"a":1}',
			],
			[
				{ ...valid, csr: '={{ 5 }}' },
				'CSR must be a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----…), but it is 5',
			],
			[
				{ ...valid, dnsNames: '={{ { a: 1 } }}' },
				'Other Host Names (SANs) must be host names separated by commas, but it is an object {"a":1}',
			],
			[
				{ ...valid, dnsNames: '={{ 5 }}' },
				'Other Host Names (SANs) must be host names separated by commas, but it is 5',
			],
			[
				{ ...valid, dnsNames: '={{ [5] }}' },
				'Other Host Names (SANs) must be a host name like www.example.com, but it is 5',
			],
			[
				{ ...byDate, endDate: '={{ { a: 1 } }}' },
				'End Date must be a date (YYYY-MM-DD), but it is an object {"a":1}',
			],
			[
				{ ...byDate, endDate: '={{ 20991231 }}' },
				'End Date must be a date (YYYY-MM-DD), but it is 20991231',
			],
			[
				{ ...byDate, endDate: '={{ ["2099-01-01"] }}' },
				'End Date must be a date (YYYY-MM-DD), but it is a list ["2099-01-01"]',
			],
		];
		for (const [parameters, message] of cases) {
			const result = await run(parameters);
			expect({ message: result.error?.message }).toEqual({ message });
		}
		expect(server.requests).toHaveLength(0);
	});

	it("DigiCert's refusal (an organization the account does not have) is the message", async () => {
		const result = await run({
			product: 'ssl_basic',
			csr: WWW_CSR,
			organizationId: 999,
			validity: 'years',
			years: 1,
		});
		expect(result.error?.message).toBe('organization.id must be an organization of the account.');
		expect((result.error as { httpCode?: string }).httpCode).toBe('400');
		expect(server.requests).toHaveLength(1);
	});
});

describe("Create Order: the certificate's names", () => {
	const base = {
		product: 'ssl_basic',
		organizationId: String(ORGANIZATION),
		validity: 'years',
		years: 1,
	};

	it("takes the CSR's other host names when Use the CSR's Host Names is on and none are typed (DigiCert does not read them)", async () => {
		const result = await run({ ...base, csr: SAN_CSR, useCsrHostNames: true });
		expect(result.error).toBeUndefined();
		expect(server.requests[0].body).toMatchObject({
			certificate: {
				common_name: 'san.example.com',
				dns_names: ['san.example.com', 'www.san.example.com', 'api.san.example.com'],
			},
		});
		const order = server.data.orders.get(result.items()[0].json.orderId as number);
		expect(order.certificate.dns_names).toEqual([
			'san.example.com',
			'www.san.example.com',
			'api.san.example.com',
		]);
	});

	it.each([
		[1.2, ['san.example.com', 'www.san.example.com', 'api.san.example.com']],
		[1.1, undefined],
		[1, undefined],
	])(
		"by default a typeVersion %s node orders the CSR's host names: %j (saved nodes keep ordering the common name only)",
		async (typeVersion, dnsNames) => {
			const result = await run({ ...base, csr: SAN_CSR }, [{}], { typeVersion });
			expect(result.error).toBeUndefined();
			expect(
				(server.requests[0].body as { certificate: IDataObject }).certificate.dns_names,
			).toEqual(dnsNames);
		},
	);

	it("typed Other Host Names win over the CSR's; with the option off the CSR's are not sent", async () => {
		await run({ ...base, csr: SAN_CSR, useCsrHostNames: true, dnsNames: 'shop.example.com' });
		expect(server.requests[0].body).toMatchObject({
			certificate: { dns_names: ['shop.example.com'] },
		});
		await run({ ...base, csr: SAN_CSR, useCsrHostNames: false });
		expect((server.requests[1].body as IDataObject).certificate).not.toHaveProperty('dns_names');
	});

	it('sends public IP addresses as SANs, and refuses a private one before sending anything', async () => {
		const ok = await run({ ...base, csr: NEW_CSR, dnsNames: '93.184.216.34, 2a00:1450::1' });
		expect(ok.error).toBeUndefined();
		expect(server.requests[0].body).toMatchObject({
			certificate: { dns_names: ['93.184.216.34', '2a00:1450::1'] },
		});
		const refused = await run({ ...base, csr: NEW_CSR, dnsNames: '93.184.216.34, 10.0.0.8' });
		expect(refused.error?.message).toBe(
			'Other Host Names (SANs) "10.0.0.8" cannot be on a public certificate: it is a private address (RFC 1918). DigiCert issues public IP addresses only (validated over HTTP: DCV method http-token).',
		);
		expect(server.requests).toHaveLength(1);
	});

	it('refuses more names than DigiCert puts on a certificate before sending anything, quickly', async () => {
		const names = Array.from({ length: 80_000 }, (_, i) => `h${i}.example.com`).join(',');
		const result = await run({ ...base, csr: NEW_CSR, dnsNames: '={{ $json.names }}' }, [
			{ names },
		]);
		expect(result.error?.message).toBe(
			'Other Host Names (SANs) has more than 250 different names: DigiCert puts at most 250 names on one certificate. Split them over several orders.',
		);
		expect(server.requests).toHaveLength(0);
	});

	it('the fake refuses what DigiCert refuses: a private IP address, or more than 250 names', async () => {
		const send = async (certificate: IDataObject) =>
			await fetch(`${server.baseUrl}/order/certificate/ssl_basic`, {
				method: 'POST',
				headers: { 'X-DC-DEVKEY': server.apiKey, 'Content-Type': 'application/json' },
				body: JSON.stringify({
					certificate: { csr: oneLineCsr(NEW_CSR), common_name: 'new.example.com', ...certificate },
					organization: { id: ORGANIZATION },
					order_validity: { years: 1 },
				}),
			});
		const privateIp = await send({ dns_names: ['192.168.1.1'] });
		expect(privateIp.status).toBe(400);
		const tooMany = await send({
			dns_names: Array.from({ length: 250 }, (_, i) => `h${i}.example.com`),
		});
		expect(tooMany.status).toBe(400);
		expect(server.data.orders.size).toBe(fakeOrderCount);
	});

	it('says what to do with a CSR whose common name has an odd byte count (not "Buffer size must be a multiple of 16-bits")', async () => {
		const odd = bmpCommonNameCsr(Buffer.from('www.example.com', 'utf16le').swap16().subarray(1));
		const result = await run({ ...base, csr: odd });
		expect(result.error?.message).toBe(
			'CSR cannot be used: its common name is a BMPString (UTF-16) of 29 bytes, an odd number, so it cannot be read: the CSR is damaged or was made by a faulty tool. Make the CSR again (e.g. openssl req -new -utf8 …)',
		);
		expect((result.error as { description?: string }).description).toMatch(/no request was sent/);
		expect(server.requests).toHaveLength(0);
	});
});

describe('Create Order: Payment Method', () => {
	const base = {
		product: 'ssl_basic',
		csr: NEW_CSR,
		organizationId: String(ORGANIZATION),
		validity: 'years',
		years: 1,
	};

	it("offers the saved card as a payment profile (the key's user's), and sends profile", async () => {
		const { create } = await import('../../../../../nodes/DigiCert/resources/order/create');
		const options = create.properties.find((p) => p.name === 'options')!.options as Array<{
			name: string;
			options?: Array<{ name: string; value: string }>;
		}>;
		expect(options.find((o) => o.name === 'paymentMethod')!.options).toEqual([
			{ name: 'Account Balance', value: 'balance' },
			expect.objectContaining({
				name: "Payment Profile (Saved Card of the Key's User)",
				value: 'profile',
			}),
		]);
		await run({ ...base, options: { paymentMethod: 'profile' } });
		expect(server.requests[0].body).toMatchObject({ payment_method: 'profile' });
	});

	it("refuses a saved 'card' (DigiCert needs the card's details, never sent) before sending, saying what to pick", async () => {
		const result = await run({ ...base, options: { paymentMethod: 'card' } });
		expect(result.error?.message).toBe(
			"Payment Method 'card' needs the card's details, which this node does not send: choose Payment Profile (the credit card saved in CertCentral by the API key's user) or Account Balance",
		);
		expect(server.requests).toHaveLength(0);
		// DigiCert's side: card without credit_card is refused.
		const answer = await fetch(`${server.baseUrl}/order/certificate/ssl_basic`, {
			method: 'POST',
			headers: { 'X-DC-DEVKEY': server.apiKey, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				certificate: { csr: oneLineCsr(NEW_CSR), common_name: 'new.example.com' },
				organization: { id: ORGANIZATION },
				order_validity: { years: 1 },
				payment_method: 'card',
			}),
		});
		expect(answer.status).toBe(400);
	});
});
