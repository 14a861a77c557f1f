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
import { clock } from '../../../../../nodes/common/clock';
import { DigiCert } from '../../../../../nodes/DigiCert/DigiCert.node';
import { shownIn } from '../../../../helpers/versions';

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

/** Parameters Create accepts: each refusal case below changes one thing. */
const valid = {
	product: 'ssl_basic',
	csr: WWW_CSR,
	organizationId: ORGANIZATION,
	validity: 'years',
	years: 1,
};

/** Runs each case and checks its message (the whole of it, or a part), and that nothing was sent. */
async function expectRefusedBeforeSending(
	cases: Array<[INodeParameters, string]>,
	{ whole }: { whole: boolean },
) {
	for (const [parameters, message] of cases) {
		const result = await run(parameters);
		expect({ message: result.error?.message }).toEqual({
			message: whole ? message : expect.stringContaining(message),
		});
	}
	expect(server.requests).toHaveLength(0);
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
		await expectRefusedBeforeSending(cases, { whole: false });
	});

	it('refuses a CSR, SANs or End Date of the wrong type from an expression (object, list, number), before sending anything', async () => {
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
		await expectRefusedBeforeSending(cases, { whole: true });
	});

	it("DigiCert's refusal (an organization the account does not have) is the message", async () => {
		const result = await run({ ...valid, organizationId: 999 });
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
			// From typeVersion 1.2 the product's info is read first (GET /product/{id}).
			const order = server.requests.find((r) => r.method === 'POST')!;
			expect((order.body as { certificate: IDataObject }).certificate.dns_names).toEqual(dnsNames);
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

describe('Create: Certificate Validity, checked before sending', () => {
	const TODAY = Date.parse('2026-12-03T12:00:00Z');
	afterEach(() => jest.restoreAllMocks());
	const pinToday = (ms = TODAY) => jest.spyOn(clock, 'now').mockReturnValue(ms);
	const order = (certificateValidity: INodeParameters, more: INodeParameters = {}) =>
		run(
			{
				product: 'ssl_basic',
				csr: NEW_CSR,
				organizationId: String(ORGANIZATION),
				validity: 'years',
				years: 1,
				options: { certificateValidity: { validity: certificateValidity } },
				...more,
			},
			[{}],
		);
	const posted = () => server.requests.find((r) => r.method === 'POST');

	it('sends certificate.cert_validity {days}; DigiCert (the fake) takes it', async () => {
		const result = await order({ unit: 'days', days: 90 });
		expect(result.error).toBeUndefined();
		expect((posted()!.body as { certificate: IDataObject }).certificate.cert_validity).toEqual({
			days: 90,
		});
		expect(result.items()[0].json.orderId).toEqual(expect.any(Number));
	});

	it('sends certificate.cert_validity {valid_till} for an end date', async () => {
		const end = isoDay(Date.now() + 60 * 86_400_000);
		const result = await order({ unit: 'validTill', validTill: `${end}T00:00:00` });
		expect(result.error).toBeUndefined();
		expect((posted()!.body as { certificate: IDataObject }).certificate.cert_validity).toEqual({
			valid_till: end,
		});
	});

	it.each([
		// From 24 Feb 2026 DigiCert issues at most 199 days; from 15 Mar 2027 99; from 15 Mar 2029 46.
		['2026-12-03', 200, 199],
		['2027-03-15', 100, 99],
		['2029-03-15', 47, 46],
	])('on %s refuses %i days before sending: at most %i', async (day, days, max) => {
		pinToday(Date.parse(`${day}T08:00:00Z`));
		const result = await order({ unit: 'days', days });
		expect(result.error?.message).toBe(
			`Certificate Validity › Days is ${days}, but DigiCert issues public TLS certificates of at most ${max} days on ${day}: set ${max} days or fewer`,
		);
		expect(server.requests).toHaveLength(0);
	});

	it('refuses an end date more than 199 days away, naming the last day allowed', async () => {
		pinToday();
		const result = await order({ unit: 'validTill', validTill: '2027-07-01' });
		expect(result.error?.message).toBe(
			'Certificate Validity › End Date 2027-07-01 is 210 days away, but DigiCert issues public TLS certificates of at most 199 days on 2026-12-03: set an end date on or before 2027-06-20',
		);
		expect(server.requests).toHaveLength(0);
	});

	it('refuses an end date in the past', async () => {
		pinToday();
		const result = await order({ unit: 'validTill', validTill: '2026-11-30' });
		expect(result.error?.message).toBe(
			'Certificate Validity › End Date must be after today (2026-12-03), but it is 2026-11-30',
		);
		expect(server.requests).toHaveLength(0);
	});

	it("refuses a certificate that would outlive the order's end date", async () => {
		pinToday();
		const result = await order(
			{ unit: 'days', days: 90 },
			{ validity: 'endDate', endDate: '2027-01-15' },
		);
		expect(result.error?.message).toBe(
			"Certificate Validity ends 2027-03-03, after the order's end 2027-01-15: a certificate cannot outlive its order. Set a shorter Certificate Validity for the order, or none (DigiCert then ends it with the order).",
		);
		expect(server.requests).toHaveLength(0);
	});

	it('the fake refuses what DigiCert refuses: a certificate longer than issued on its day', async () => {
		// The node's clock says January 2026 (397 days allowed); the fake's day is today (199).
		pinToday(Date.parse('2026-01-10T00:00:00Z'));
		const result = await order({ unit: 'days', days: 300 });
		expect(posted()).toBeDefined();
		expect(result.error?.message).toContain('cert_validity.days contains an invalid value.');
	});
});

describe("Create from typeVersion 1.2: the account's products", () => {
	const v12 = (parameters: INodeParameters) =>
		run(
			{
				csr: NEW_CSR,
				organizationId: String(ORGANIZATION),
				validity: 'years',
				years: 1,
				...parameters,
			},
			[{}],
			{ typeVersion: 1.2 },
		);
	const paths = () => server.requests.map((r) => `${r.method} ${r.path}`);

	it("orders a current product picked from the list: the product's info first, then the order", async () => {
		const result = await v12({
			product: { __rl: true, mode: 'list', value: 'ssl_securesite_flex' },
			years: 2,
		});
		expect(result.error).toBeUndefined();
		expect(paths()).toEqual([
			'GET /services/v2/product/ssl_securesite_flex',
			'POST /services/v2/order/certificate/ssl_securesite_flex',
		]);
		expect(server.requests[1].body).toMatchObject({
			order_validity: { years: 2 },
			organization: { id: ORGANIZATION },
		});
		const created = server.data.orders.get(result.items()[0].json.orderId as number)!;
		expect(created.product.name_id).toBe('ssl_securesite_flex');
	});

	it('a new node orders a one-year plan by default', async () => {
		const result = await run(
			{
				product: { __rl: true, mode: 'id', value: 'ssl_basic' },
				csr: NEW_CSR,
				organizationId: String(ORGANIZATION),
			},
			[{}],
			{ typeVersion: 1.2 },
		);
		expect(result.error).toBeUndefined();
		expect(server.requests[1].body).toMatchObject({ order_validity: { years: 1 } });
	});

	it("refuses years the product's info does not allow, before ordering", async () => {
		const result = await v12({
			product: { __rl: true, mode: 'list', value: 'ssl_dv_geotrust_flex' },
			years: 2,
		});
		expect(result.error?.message).toBe(
			'Product ssl_dv_geotrust_flex allows plans of 1 year(s) on this account, not 2 years. Plans over one year need Multi-year Plans on the account (DigiCert offers them only to some accounts since February 2026). Set Years to 1; nothing was ordered.',
		);
		expect(paths()).toEqual(['GET /services/v2/product/ssl_dv_geotrust_flex']);
	});

	it('refuses an order end date when the product does not allow one', async () => {
		const result = await v12({
			product: { __rl: true, mode: 'id', value: 'ssl_dv_rapidssl' },
			validity: 'endDate',
			endDate: isoDay(Date.now() + 100 * 86_400_000),
		});
		expect(result.error?.message).toBe(
			'Product ssl_dv_rapidssl does not allow an order end date on this account: set Validity to Years; nothing was ordered.',
		);
		expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	it("lets DigiCert decide when the product's info cannot be read; the fake refuses the years as DigiCert does", async () => {
		server.data.productCatalogue.find(
			(p: IDataObject) => p.name_id === 'ssl_basic',
		)!.allowed_order_validity_years = [1];
		server.fail({
			match: (r) => r.path === '/services/v2/product/ssl_basic',
			respond: {
				status: 403,
				body: {
					errors: [{ code: 'access_denied|missing_permission', message: 'Missing permission' }],
				},
			},
		});
		const result = await v12({ product: 'ssl_basic', years: 3 });
		expect(paths()).toEqual([
			'GET /services/v2/product/ssl_basic',
			'POST /services/v2/order/certificate/ssl_basic',
		]);
		expect(result.error?.message).toContain('validity_years contains an invalid value.');
		expect(server.data.orders.size).toBe(fakeOrderCount);
	});

	it("reads the product's info for the order's container: a division's own plan lengths count", async () => {
		const basic: IDataObject = server.data.productCatalogue.find(
			(p: IDataObject) => p.name_id === 'ssl_basic',
		)!;
		basic.allowed_order_validity_years = [1];
		basic.byContainer = { '6': { allowed_order_validity_years: [1, 2] } };
		const inDivision = await v12({ product: 'ssl_basic', years: 2, options: { containerId: '6' } });
		expect(inDivision.error).toBeUndefined();
		const infoRead = server.requests.find((r) => r.path === '/services/v2/product/ssl_basic');
		expect(infoRead?.query).toEqual({ container_id: '6' });
		const outside = await v12({ product: 'ssl_basic', years: 2 });
		expect(outside.error?.message).toContain(
			'allows plans of 1 year(s) on this account, not 2 years',
		);
	});

	it('reads either name DigiCert gives the end-date setting (custom_expiration_date_allowed)', async () => {
		const rapid: IDataObject = server.data.productCatalogue.find(
			(p: IDataObject) => p.name_id === 'ssl_dv_rapidssl',
		)!;
		delete rapid.custom_order_expiration_date_allowed;
		rapid.custom_expiration_date_allowed = false;
		const result = await v12({
			product: { __rl: true, mode: 'id', value: 'ssl_dv_rapidssl' },
			validity: 'endDate',
			endDate: isoDay(Date.now() + 100 * 86_400_000),
		});
		expect(result.error?.message).toContain('does not allow an order end date');
		expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	it('a product not on the account: DigiCert refuses it (not_found|product), sent once', async () => {
		const result = await v12({ product: { __rl: true, mode: 'id', value: 'ssl_unknown_thing' } });
		expect(paths()).toEqual([
			'GET /services/v2/product/ssl_unknown_thing',
			'POST /services/v2/order/certificate/ssl_unknown_thing',
		]);
		expect(result.error?.message).toBe('Product ssl_unknown_thing was not found in DigiCert');
	});

	it('refuses a product ID from an expression that is not one, before any request', async () => {
		const result = await run(
			{ product: '={{ $json.product }}', csr: NEW_CSR, organizationId: String(ORGANIZATION) },
			[{ product: 'Basic OV!' }],
			{ typeVersion: 1.2 },
		);
		expect(result.error?.message).toBe(
			'Product must be DigiCert\'s product ID (lowercase letters, digits and _), e.g. ssl_basic, but it is "Basic OV!"',
		);
		expect(server.requests).toHaveLength(0);
	});
});

describe("Create's Product by node version", () => {
	const productForms = (version: number) =>
		new DigiCert().description.properties
			.filter((p) => p.name === 'product' && p.displayOptions?.show?.operation?.includes('create'))
			.filter(shownIn(version));

	it.each([1, 1.1])(
		'typeVersion %s keeps the fixed list, replaced products included, ssl_basic by default',
		(version) => {
			const [form] = productForms(version);
			expect(productForms(version)).toHaveLength(1);
			expect(form).toMatchObject({ type: 'options', default: 'ssl_basic' });
			expect((form.options as Array<{ value: string }>).map((o) => o.value)).toEqual(
				expect.arrayContaining(['ssl_plus', 'ssl_ev_plus', 'ssl_dv_geotrust']),
			);
		},
	);

	it("typeVersion 1.2 picks from the account's products (list search) or takes an ID", () => {
		const [form] = productForms(1.2);
		expect(productForms(1.2)).toHaveLength(1);
		expect(form).toMatchObject({
			type: 'resourceLocator',
			default: { mode: 'list', value: 'ssl_basic' },
		});
		expect(form.modes?.map((m) => [m.name, m.typeOptions?.searchListMethod])).toEqual([
			['list', 'searchProducts'],
			['id', undefined],
		]);
	});
});

describe("Create from typeVersion 1.2: each product's info is read once per run", () => {
	it('three items ordering one product and one another: one GET per product, then each order once', async () => {
		const result = await run(
			{
				product: '={{ $json.product }}',
				csr: NEW_CSR,
				organizationId: String(ORGANIZATION),
				validity: 'years',
				years: 1,
			},
			[
				{ product: 'ssl_basic' },
				{ product: 'ssl_basic' },
				{ product: 'ssl_securesite_pro' },
				{ product: 'ssl_basic' },
			],
			{ typeVersion: 1.2 },
		);
		expect(result.error).toBeUndefined();
		const reads = server.requests.filter((r) => r.method === 'GET').map((r) => r.path);
		expect(reads.sort()).toEqual([
			'/services/v2/product/ssl_basic',
			'/services/v2/product/ssl_securesite_pro',
		]);
		// Items may be sent in parallel: each order once, in any order.
		expect(
			server.requests
				.filter((r) => r.method === 'POST')
				.map((r) => r.path)
				.sort(),
		).toEqual([
			'/services/v2/order/certificate/ssl_basic',
			'/services/v2/order/certificate/ssl_basic',
			'/services/v2/order/certificate/ssl_basic',
			'/services/v2/order/certificate/ssl_securesite_pro',
		]);
		expect(result.items()).toHaveLength(4);
	});

	it('an item the product refuses stops the batch: items waiting on the same info send nothing', async () => {
		const basic: IDataObject = server.data.productCatalogue.find(
			(p: IDataObject) => p.name_id === 'ssl_basic',
		)!;
		basic.allowed_order_validity_years = [1];
		const result = await run(
			{
				product: 'ssl_basic',
				csr: NEW_CSR,
				organizationId: String(ORGANIZATION),
				validity: 'years',
				years: '={{ $json.years }}',
			},
			[{ years: 3 }, { years: 1 }, { years: 1 }],
			{ typeVersion: 1.2 },
		);
		expect(result.error?.message).toContain('not 3 years');
		expect(result.error?.description).toContain('Not sent: items 1, 2.');
		expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	it('the next run reads the info again (the account may have changed)', async () => {
		const parameters = {
			product: 'ssl_basic',
			csr: NEW_CSR,
			organizationId: String(ORGANIZATION),
		};
		await run(parameters, [{}], { typeVersion: 1.2 });
		await run(parameters, [{}], { typeVersion: 1.2 });
		expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(2);
	});
});
