import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeCertCentral } from '../../../../helpers/fake';
import { fakeData, fakeDomains, startFakeCertCentral } from '../../../../helpers/fake';
import { runDigiCert } from '../../../../helpers/runOperation';

let server: FakeCertCentral;
beforeEach(async () => {
	// Each test starts with every pending domain still pending.
	server = await startFakeCertCentral();
});
afterEach(async () => await server.close());

const { DOMAIN_IDS, DCV_REUSE_DAYS } = fakeDomains;

async function checkDcv(input: IDataObject[], settings = {}) {
	return await runDigiCert(
		server,
		{
			resource: 'domain',
			operation: 'checkDcv',
			domainId: '={{ $json.id }}',
		} as INodeParameters,
		{ input, node: settings },
	);
}

describe('Domain > Check DCV', () => {
	it("outputs validated: false with DigiCert's reason while the record or file is not there, per DCV method", async () => {
		const result = await checkDcv([
			{ id: DOMAIN_IDS.pendingTxt },
			{ id: DOMAIN_IDS.pendingCname },
			{ id: DOMAIN_IDS.pendingHttp },
		]);
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual(
			[DOMAIN_IDS.pendingTxt, DOMAIN_IDS.pendingCname, DOMAIN_IDS.pendingHttp].map((id) => [
				'PUT',
				`/services/v2/domain/${id}/dcv/validate-token`,
				undefined,
			]),
		);
		expect(result.items().map((i) => i.json)).toEqual([
			{
				domainId: DOMAIN_IDS.pendingTxt,
				validated: false,
				code: 'invalid_dns_txt',
				message: 'Could not find a valid TXT record for one or more domains.',
			},
			// DigiCert's example code has a leading space: the node trims it.
			{
				domainId: DOMAIN_IDS.pendingCname,
				validated: false,
				code: 'invalid_dns_cname',
				message: 'Requested domain does not have a valid cname.',
			},
			{
				domainId: DOMAIN_IDS.pendingHttp,
				validated: false,
				code: 'file_random_value_not_found',
				message:
					'Could not find the random value at the expected file location for one or more domains.',
			},
		]);
		expect(result.items().map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	it("once the record is in place: validated: true with DigiCert's status, and the domain's DCV runs 199 days", async () => {
		server.data.placeDcvRecord(DOMAIN_IDS.pendingTxt);
		const result = await checkDcv([{ id: DOMAIN_IDS.pendingTxt }]);
		expect(result.items().map((i) => i.json)).toEqual([
			{
				domainId: DOMAIN_IDS.pendingTxt,
				validated: true,
				token: server.data.domains.get(DOMAIN_IDS.pendingTxt).dcv_token.token,
				status: 'active',
			},
		]);
		const lapses = fakeData.isoDate(Date.now() + DCV_REUSE_DAYS * 86_400_000);
		expect(server.data.domains.get(DOMAIN_IDS.pendingTxt).dcv_expiration).toEqual({
			ov: lapses,
			ev: lapses,
		});
	});

	it("a 200 means DigiCert found the token: validated: true whatever its status (the domain's: active or inactive), which cannot overwrite domainId or validated", async () => {
		for (const body of [
			{ token: 'tok', status: 'inactive' },
			{ token: 'tok' },
			{ status: 'active', validated: false, domainId: 1 },
		]) {
			server.fail({ times: 1, respond: { status: 200, body } });
			const result = await checkDcv([{ id: DOMAIN_IDS.pendingTxt }]);
			expect(result.items().map((i) => i.json)).toEqual([
				{ ...body, domainId: DOMAIN_IDS.pendingTxt, validated: true },
			]);
		}
	});

	it('fails on every other refusal (unknown domain, another 400, a key without permission), sent once', async () => {
		expect((await checkDcv([{ id: 987654 }])).error?.message).toBe(
			'Domain 987654 was not found in DigiCert',
		);
		server.reset();
		server.fail({
			times: 1,
			respond: {
				status: 400,
				body: {
					errors: [
						{ code: 'invalid_dns_txt', message: 'x' },
						{ code: 'domain_locked', message: 'Locked.' },
					],
				},
			},
		});
		const mixed = await checkDcv([{ id: DOMAIN_IDS.pendingTxt }]);
		expect(mixed.error?.message).toBe('x');
		expect(server.requests).toHaveLength(1);
		server.reset();
		server.fail({
			times: 1,
			respond: {
				status: 403,
				body: { errors: [{ code: 'access_denied|missing_permission', message: 'No.' }] },
			},
		});
		expect((await checkDcv([{ id: DOMAIN_IDS.pendingTxt }])).error?.message).toBe(
			"The API key's user lacks permission for this operation",
		);
		expect(server.requests).toHaveLength(1);
	});

	it('fails on a server error even when it carries a not-found code: only a 4xx refusal is a result, sent once', async () => {
		server.fail({
			times: 1,
			respond: {
				status: 500,
				body: { errors: [{ code: 'invalid_dns_txt', message: 'Lookup broke.' }] },
			},
		});
		const result = await checkDcv([{ id: DOMAIN_IDS.pendingTxt }]);
		expect(result.error).toBeDefined();
		expect(result.items()).toEqual([]);
		expect(server.requests.map((r) => r.method)).toEqual(['PUT']);
	});

	it("passes on only DigiCert's code and message of a refusal, with the API key redacted", async () => {
		server.fail({
			times: 1,
			respond: (r) => ({
				status: 400,
				body: {
					errors: [
						{
							code: 'invalid_dns_txt',
							message: `No TXT for key ${String(r.headers['x-dc-devkey'])}`,
						},
					],
					echo: r.headers,
				},
			}),
		});
		const result = await checkDcv([{ id: DOMAIN_IDS.pendingTxt }]);
		expect(result.items().map((i) => i.json)).toEqual([
			{
				domainId: DOMAIN_IDS.pendingTxt,
				validated: false,
				code: 'invalid_dns_txt',
				message: 'No TXT for key [redacted]',
			},
		]);
	});

	it('refuses a domain ID given as a list or an object by an expression, before sending anything', async () => {
		expect((await checkDcv([{ id: [1] }])).error?.message).toBe(
			'Domain ID must be a positive whole number, but it is a list [1]',
		);
		expect((await checkDcv([{ id: { id: 1 } }])).error?.message).toBe(
			'Domain ID must be a positive whole number, but it is an object {"id":1}',
		);
		expect(server.requests).toHaveLength(0);
	});

	it('with On Error: Continue an unknown domain becomes an error item in its place', async () => {
		const result = await checkDcv([{ id: 987654 }, { id: DOMAIN_IDS.pendingTxt }], {
			onError: 'continueRegularOutput',
		});
		expect(result.items().map((i) => i.json)).toEqual([
			{ error: 'Domain 987654 was not found in DigiCert', details: expect.any(String) },
			expect.objectContaining({ domainId: DOMAIN_IDS.pendingTxt, validated: false }),
		]);
	});
});
