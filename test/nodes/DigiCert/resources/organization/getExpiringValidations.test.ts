import type { IDataObject } from 'n8n-workflow';

import { capturedLogs } from '../../../../helpers/engine';
import { fakeData } from '../../../../helpers/fake';
import { expectNoKey } from '../../../../helpers/secrets';
import { runDigiCert } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

const server = useFakeCertCentral();

const today = (days = 0) => fakeData.isoDate(Date.now() + days * 86_400_000);

describe('Organization > Get Expiring Validations', () => {
	it('refuses a wrong type from an expression (an object) for a filter or Days, before sending anything', async () => {
		expect(
			(
				await runDigiCert(server, {
					resource: 'organization',
					operation: 'getMany',
					filters: { status: '={{ { a: 1 } }}' },
				})
			).error?.message,
		).toBe('Status must be a single text or number, but it is an object {"a":1}');
		expect(
			(
				await runDigiCert(server, {
					resource: 'organization',
					operation: 'getMany',
					filters: { search: '={{ { a: 1 } }}' },
				})
			).error?.message,
		).toBe('Search must be a single text or number, but it is an object {"a":1}');
		expect(
			(
				await runDigiCert(server, {
					resource: 'organization',
					operation: 'getExpiringValidations',
					days: '={{ { a: 1 } }}',
				})
			).error?.message,
		).toBe('Days must be a whole number from 0 to 2000, but it is an object {"a":1}');
		expect(server.requests).toHaveLength(0);
	});

	it('lists active organizations with a validation lapsing within Days (today and exactly Days included), soonest first', async () => {
		const result = await runDigiCert(server, {
			resource: 'organization',
			operation: 'getExpiringValidations',
			days: 30,
		});
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => r.query)).toEqual([
			{ 'filters[status]': 'active', include_validation: 'true', offset: '0', limit: '1000' },
		]);
		const listed = result
			.items()
			.map((i) => [
				i.json.id,
				i.json.validation_type,
				i.json.days_remaining,
				(i.json.expiring_validations as IDataObject[]).length,
			]);
		// Fabrikam (inactive, OV in 2 days), Northwind (no validations), an EV that lapsed 3 days ago and
		// Tailspin's OV in 31 days are not listed; Tailspin's code signing validation in 10 days is.
		expect(listed.slice(0, 4)).toEqual([
			[112234, 'ov', 0, 1],
			[112233, 'ov', 5, 1],
			[112238, 'cs', 10, 1],
			[112300, 'ev', 10, 2], // a generated one: EV in 10 days (tie with Tailspin: lower ID first), OV in 20
		]);
		expect(listed.map(([id]) => id)).not.toContain(112236);
		expect(listed.map(([id]) => id)).not.toContain(112237);
		expect(result.items().find((i) => i.json.id === 112235)?.json).toMatchObject({
			validation_type: 'ov',
			expires: today(30),
			days_remaining: 30,
		});
		const remaining = result.items().map((i) => i.json.days_remaining as number);
		expect(remaining).toEqual([...remaining].sort((a, b) => a - b));
		expect(remaining.every((d) => d >= 0 && d <= 30)).toBe(true);
	});

	it('Days 0 lists only what lapses today; Days 29 leaves out what lapses in exactly 30', async () => {
		const todayOnly = (
			await runDigiCert(server, {
				resource: 'organization',
				operation: 'getExpiringValidations',
				days: 0,
			})
		)
			.items()
			.map((i) => i.json);
		expect(todayOnly.map((o) => [o.id, o.validation_type, o.expires, o.days_remaining])).toEqual([
			[112234, 'ov', today(), 0],
		]);
		const ids = (
			await runDigiCert(server, {
				resource: 'organization',
				operation: 'getExpiringValidations',
				days: 29,
			})
		)
			.items()
			.map((i) => i.json.id);
		expect(ids).not.toContain(112235);
		expect(ids).toContain(112234);
	});

	it('a validation at the end of the window counts by its day, whatever the time in validated_until', async () => {
		// DigiCert gives midnight Mountain Time (07:00 UTC); a time late in the day is still that day.
		const late = {
			id: 7,
			status: 'active',
			name: 'Late Co',
			validations: [
				{ type: 'ev', status: 'active', validated_until: `${today(30)}T23:59:59+00:00` },
			],
		};
		server.fail({
			times: 1,
			respond: {
				status: 200,
				body: { organizations: [late], page: { total: 1, limit: 1000, offset: 0 } },
			},
		});
		const items = (
			await runDigiCert(server, {
				resource: 'organization',
				operation: 'getExpiringValidations',
				days: 30,
			})
		)
			.items()
			.map((i) => i.json);
		expect(items.map((o) => [o.id, o.expires, o.days_remaining])).toEqual([[7, today(30), 30]]);
	});

	it('skips an unreadable validated_until with a warning, and keeps the others', async () => {
		server.fail({
			times: 1,
			respond: {
				status: 200,
				body: {
					organizations: [
						{
							id: 1,
							status: 'active',
							name: 'Broken Co',
							validations: [{ type: 'ov', status: 'active', validated_until: 'tomorrow' }],
						},
						{
							id: 2,
							status: 'active',
							name: 'Fine Co',
							validations: [
								{ type: 'ev', status: 'active', validated_until: `${today(3)}T07:00:00+00:00` },
							],
						},
					],
					page: { total: 2, limit: 1000, offset: 0 },
				},
			},
		});
		const result = await runDigiCert(server, {
			resource: 'organization',
			operation: 'getExpiringValidations',
			days: 30,
		});
		expect(result.items().map((i) => [i.json.id, i.json.days_remaining])).toEqual([[2, 3]]);
		expect(result.taskData()?.hints).toEqual([
			{
				message:
					'One validation expiry from DigiCert could not be read as a date and was left out of the audit (Broken Co, ID 1: OV expires a text of 8 characters). Check these organizations in CertCentral.',
				type: 'warning',
				location: 'outputPane',
			},
		]);
	});

	it('a warning about an answer that repeats the API key does not repeat it: not in the hint, the log or the items', async () => {
		const leaky = {
			id: 3,
			status: 'active',
			name: `Leaky ${server.apiKey} Co`,
			validations: [{ type: 'ov', status: 'active', validated_until: server.apiKey }],
		};
		server.fail({
			times: 1,
			respond: {
				status: 200,
				body: { organizations: [leaky], page: { total: 1, limit: 1000, offset: 0 } },
			},
		});
		capturedLogs.length = 0;
		const result = await runDigiCert(server, {
			resource: 'organization',
			operation: 'getExpiringValidations',
			days: 30,
		});
		expect(result.error).toBeUndefined();
		const [hint] = result.taskData()?.hints ?? [];
		expect(hint?.message).toMatch(
			/^One validation expiry from DigiCert could not be read as a date .*ID 3: OV expires a text of \d+ characters/,
		);
		expect(capturedLogs.some((line) => line.includes('ID 3: OV expires'))).toBe(true);
		expectNoKey([hint?.message, capturedLogs, result.items()], server.apiKey);
	});

	it('an answer that is not a list fails the run with advice', async () => {
		server.fail({ times: 1, respond: { status: 200, body: ['not', 'a', 'page'] } });
		const result = await runDigiCert(server, {
			resource: 'organization',
			operation: 'getExpiringValidations',
			days: 30,
		});
		expect(result.error?.message).toMatch(
			/DigiCert answered unexpectedly: HTTP 200 with something other than a list/,
		);
	});
});
