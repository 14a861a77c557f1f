import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { capturedLogs, digiCertNode } from '../../../../helpers/engine';
import { fakeData, fakeDomains } from '../../../../helpers/fake';
import { expectNoKey } from '../../../../helpers/secrets';
import { runDigiCert } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

const server = useFakeCertCentral();

const { DOMAIN_IDS } = fakeDomains;

async function audit(days: unknown, settings: Partial<Parameters<typeof digiCertNode>[1]> = {}) {
	return await runDigiCert(
		server,
		{ resource: 'domain', operation: 'getExpiringValidations', days } as INodeParameters,
		{ node: settings },
	);
}

/** What the audit should list, worked out from the fake's own records: active domains, DCV lapsing in 0..days. */
function expected(days: number): Array<[number, Array<[string, number]>]> {
	const now = Date.now();
	const domains = [...server.data.domains.values()] as any[];
	return domains
		.filter((d) => d.is_active && d.dcv_expiration)
		.map((d): [number, Array<[string, number]>] => [
			d.id,
			Object.entries(d.dcv_expiration as Record<string, string>)
				.map(([type, day]): [string, number] => [type, fakeData.daysUntil(day, now)])
				.filter(([, remaining]) => remaining >= 0 && remaining <= days)
				.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])),
		])
		.filter(([, validations]) => validations.length > 0)
		.sort((a, b) => a[1][0][1] - b[1][0][1] || a[0] - b[0]);
}

const shape = (items: Array<{ json: IDataObject }>) =>
	items.map(({ json }) => [
		json.id,
		(json.expiring_validations as IDataObject[]).map((v) => [v.type, v.days_remaining]),
	]);

describe('Domain > Get Expiring Validations', () => {
	it('pages through every active domain with its validations and lists those whose DCV lapses within Days, soonest first', async () => {
		const result = await audit(30);
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			[
				'GET',
				'/services/v2/domain',
				{
					'filters[status]': 'active',
					include_validation: 'true',
					'filters[include_validation_reuse_status]': 'true',
					offset: '0',
					limit: '1000',
				},
			],
			[
				'GET',
				'/services/v2/domain',
				{
					'filters[status]': 'active',
					include_validation: 'true',
					'filters[include_validation_reuse_status]': 'true',
					offset: '1000',
					limit: '1000',
				},
			],
		]);
		const items = result.items();
		const want = expected(30);
		expect(want.length).toBeGreaterThan(100);
		expect(shape(items)).toEqual(want);
		expect(new Set(items.map((i) => JSON.stringify(i.pairedItem)))).toEqual(
			new Set([JSON.stringify({ item: 0 })]),
		);
	});

	it('includes a DCV lapsing today and one exactly Days away; not one lapsed yesterday, an inactive or a never-validated domain', async () => {
		const items = (await audit(30)).items();
		const byId = new Map(items.map((i) => [i.json.id, i.json]));
		expect(byId.get(DOMAIN_IDS.ovToday)).toMatchObject({
			name: 'example.org',
			validation_type: 'ov',
			expires: fakeData.isoDate(Date.now()),
			days_remaining: 0,
			// Its EV DCV lapsed two days ago: not "expiring" any more.
			expiring_validations: [
				{ type: 'ov', expires: fakeData.isoDate(Date.now()), days_remaining: 0 },
			],
		});
		expect(byId.get(DOMAIN_IDS.ovIn30)).toMatchObject({
			validation_type: 'ov',
			days_remaining: 30,
			expiring_validations: [{ type: 'ov', days_remaining: 30 }],
		});
		expect(byId.get(DOMAIN_IDS.bothIn12)).toMatchObject({
			validation_type: 'ev',
			days_remaining: 12,
			expiring_validations: [
				{ type: 'ev', days_remaining: 12 },
				{ type: 'ov', days_remaining: 12 },
			],
			organization: { id: 112233 },
			dcv_expiration: { ov: expect.any(String), ev: expect.any(String) },
		});
		expect(byId.has(DOMAIN_IDS.inactive)).toBe(false);
		expect(byId.has(DOMAIN_IDS.pendingTxt)).toBe(false);
		expect(items[0].json.days_remaining).toBe(0);
	});

	it('Days 0 lists only what lapses today; Days 29 leaves out what lapses in exactly 30', async () => {
		const today = (await audit(0)).items();
		expect(shape(today)).toEqual(expected(0));
		expect(today.every((i) => i.json.days_remaining === 0)).toBe(true);
		const ids = (await audit(29)).items().map((i) => i.json.id);
		expect(ids).not.toContain(DOMAIN_IDS.ovIn30);
		expect(ids).toContain(DOMAIN_IDS.ovToday);
	});

	it('skips a date it cannot read, lists the rest, and warns in the output pane and the log', async () => {
		const unreadable = {
			...server.data.domains.get(DOMAIN_IDS.ovToday),
			dcv_expiration: { ov: '2026-02-31', ev: 'soon' },
		};
		const fine = server.data.domains.get(DOMAIN_IDS.bothIn12);
		server.fail({
			times: 1,
			respond: {
				status: 200,
				body: { domains: [unreadable, fine], page: { total: 2, limit: 1000, offset: 0 } },
			},
		});
		capturedLogs.length = 0;
		const result = await audit(30);
		expect(result.error).toBeUndefined();
		expect(result.items().map((i) => i.json.id)).toEqual([DOMAIN_IDS.bothIn12]);
		const warning =
			'2 validation expiries from DigiCert could not be read as a date and were left out of the audit (example.org, ID 1003: OV expires "2026-02-31"; example.org, ID 1003: EV expires a text of 4 characters). Check these domains in CertCentral.';
		expect(result.taskData()?.hints).toEqual([
			{ message: warning, type: 'warning', location: 'outputPane' },
		]);
		expect(capturedLogs.some((line) => line.includes(warning))).toBe(true);
	});

	it('a warning about an answer that repeats the API key does not repeat it: not in the hint, the log or the items', async () => {
		const leaky = {
			...server.data.domains.get(DOMAIN_IDS.ovToday),
			name: `${server.apiKey}.example.org`,
			dcv_expiration: { ov: server.apiKey },
		};
		server.fail({
			times: 1,
			respond: {
				status: 200,
				body: { domains: [leaky], page: { total: 1, limit: 1000, offset: 0 } },
			},
		});
		capturedLogs.length = 0;
		const result = await audit(30);
		expect(result.error).toBeUndefined();
		const [hint] = result.taskData()?.hints ?? [];
		expect(hint?.message).toMatch(
			/^One validation expiry from DigiCert could not be read as a date .*ID 1003: OV expires a text of \d+ characters/,
		);
		expectNoKey([hint?.message, capturedLogs, result.items()], server.apiKey);
	});

	it('an account without domains (DigiCert leaves the array out) gives no items and no warning', async () => {
		server.fail({
			times: 1,
			respond: { status: 200, body: { page: { total: 0, limit: 1000, offset: 0 } } },
		});
		const result = await audit(30);
		expect(result.error).toBeUndefined();
		expect(result.items()).toEqual([]);
		expect(result.taskData()?.hints ?? []).toEqual([]);
	});

	it('fails with what DigiCert said when the key may not list domains; continues with an error item when asked', async () => {
		const refusal = {
			status: 403,
			body: {
				errors: [{ code: 'access_denied|missing_permission', message: 'Missing permission.' }],
			},
		};
		server.fail({ times: 1, respond: refusal });
		expect((await audit(30)).error?.message).toBe(
			"The API key's user lacks permission for this operation",
		);
		server.fail({ times: 1, respond: refusal });
		const continued = await audit(30, { onError: 'continueRegularOutput' });
		expect(continued.items().map((i) => i.json)).toEqual([
			{
				error: "The API key's user lacks permission for this operation",
				details: expect.stringContaining('Missing permission. [access_denied|missing_permission]'),
			},
		]);
	});

	it('refuses Days that are not a whole number from 0, before sending anything', async () => {
		expect((await audit(-1)).error?.message).toBe(
			'Days must be a whole number from 0 to 2000, but it is -1',
		);
		expect((await audit('a week')).error?.message).toBe(
			'Days must be a whole number from 0 to 2000, but it is "a week"',
		);
		expect((await audit('={{ [30] }}')).error?.message).toBe(
			'Days must be a whole number from 0 to 2000, but it is a list [30]',
		);
		expect(server.requests).toHaveLength(0);
	});
});

describe('Domain > Get Expiring Validations: what to do next', () => {
	it('each item says how to revalidate before the date, and that an email-validated domain needs a person', async () => {
		const result = await audit(12);
		const byId = new Map(result.items().map((i) => [i.json.id, i.json]));
		expect(byId.get(DOMAIN_IDS.bothIn12)?.next_step).toBe(
			`Revalidate before ${String(byId.get(DOMAIN_IDS.bothIn12)?.expires)}: Domain > Submit for Validation (OV, EV) outputs the DCV token to publish, then Domain > Check DCV.`,
		);
		const email = result.items().find((i) => i.json.dcv_method === 'email');
		expect(email?.json.next_step).toMatch(
			/Its DCV method is email, which needs a person: Domain > Change DCV Method to DNS TXT lets a workflow do it\.$/,
		);
		expect(result.items().every((i) => typeof i.json.next_step === 'string')).toBe(true);
	});
});
