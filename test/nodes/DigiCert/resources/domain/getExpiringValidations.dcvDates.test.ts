/**
 * Domain > Get Expiring Validations reads DCV dates as DigiCert gives them when asked: the shortened
 * date (`filters[include_validation_reuse_status]=true` → `dcv_expiration.ov_shortened`) when DigiCert
 * cut a reuse period, and UTC times (`include_dcv_expiration_time=true`, typeVersion 1.2) instead of
 * Mountain-Time days. The fake returns both only when asked, as DigiCert does: these tests prove the
 * node asks.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { activeDomainsPageQuery, fakeDomains } from '../../../../helpers/fake';
import { runDigiCert } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

const DAY = 86_400_000;
const { DOMAIN_IDS } = fakeDomains;
const server = useFakeCertCentral({ fresh: true });

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = () => Math.floor(Date.now() / DAY) * DAY;

async function audit(days: number, typeVersion: number) {
	const result = await runDigiCert(
		server,
		{ resource: 'domain', operation: 'getExpiringValidations', days } as INodeParameters,
		{ node: { typeVersion } },
	);
	expect(result.error).toBeUndefined();
	return result;
}
/** The audit's item for one domain, if listed. */
const itemFor = (result: Awaited<ReturnType<typeof audit>>, id: number) =>
	result.items().find((item) => item.json.id === id)?.json as IDataObject | undefined;
const firstQuery = () => server.requests[0].query;

/** A domain whose OV and EV lapse in 150 and 160 days: far from any audit below. */
function farDomain(): number {
	const id = DOMAIN_IDS.ovIn30;
	server.data.setValidationExpiry('domain', id, 'ov', 150);
	server.data.setValidationExpiry('domain', id, 'ev', 160);
	return id;
}

describe('Domain > Get Expiring Validations: DCV dates as DigiCert gives them', () => {
	it('asks for the reuse status and UTC times (typeVersion 1.2) and counts the shortened date', async () => {
		const id = farDomain();
		const shortened = `${isoDay(today() + 10 * DAY)}T15:00:00+00:00`;
		server.data.shortenReuse(id, 'ov', shortened);
		const result = await audit(20, 1.2);
		expect(firstQuery()).toEqual(activeDomainsPageQuery({ utcTimes: true }));
		const item = itemFor(result, id);
		expect(item).toMatchObject({
			validation_type: 'ov',
			expires: isoDay(today() + 10 * DAY),
			days_remaining: 10,
			expiring_validations: [
				{ type: 'ov', expires: isoDay(today() + 10 * DAY), days_remaining: 10 },
			],
		});
		// DigiCert's own fields come through: the UTC times and the reuse status.
		expect(item!.dcv_expiration).toMatchObject({
			ov: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
			ov_shortened: shortened,
			ov_status: 'active',
		});
	});

	it('reads a UTC time as its UTC day, not the Mountain-Time day DigiCert writes without include_dcv_expiration_time', async () => {
		const id = farDomain();
		// 03:00 UTC on day 31 is still day 30 in Denver (20:00 or 21:00 the evening before).
		const lapses = `${isoDay(today() + 31 * DAY)}T03:00:00+00:00`;
		server.data.setDcvExpiryTime(id, 'ov', lapses);

		expect(itemFor(await audit(30, 1.2), id)).toBeUndefined();
		server.reset();
		expect(itemFor(await audit(31, 1.2), id)).toMatchObject({
			expires: isoDay(today() + 31 * DAY),
			days_remaining: 31,
		});

		// A node saved before 1.2 keeps DigiCert's days (and its items' dcv_expiration format).
		server.reset();
		const saved = itemFor(await audit(30, 1.1), id);
		expect(firstQuery()).toEqual(activeDomainsPageQuery({ utcTimes: false }));
		expect(saved).toMatchObject({ expires: isoDay(today() + 30 * DAY), days_remaining: 30 });
		expect((saved!.dcv_expiration as IDataObject).ov).toBe(isoDay(today() + 30 * DAY));
	});

	it('counts the shortened date for nodes saved before 1.2 too (it is DigiCert’s, in days)', async () => {
		const id = farDomain();
		server.data.shortenReuse(id, 'ov', `${isoDay(today() + 5 * DAY)}T18:00:00+00:00`);
		const item = itemFor(await audit(7, 1), id);
		expect(item).toMatchObject({ expires: isoDay(today() + 5 * DAY), days_remaining: 5 });
		expect((item!.dcv_expiration as IDataObject).ov_shortened).toBe(isoDay(today() + 5 * DAY));
	});

	it('is not fooled by an ov_shortened that is not a date: the unshortened date counts', async () => {
		const id = farDomain();
		server.data.setValidationExpiry('domain', id, 'ov', 3);
		server.fail({
			times: 1,
			match: (r) => r.path.endsWith('/domain'),
			respond: {
				status: 200,
				body: {
					domains: [
						{
							id,
							name: 'example.net',
							is_active: true,
							dcv_expiration: {
								ov: `${isoDay(today() + 3 * DAY)}T07:00:00+00:00`,
								ov_shortened: true,
							},
						},
					],
					page: { total: 1, limit: 1000, offset: 0 },
				},
			},
		});
		const result = await audit(7, 1.2);
		expect(result.items().map((i) => [i.json.id, i.json.expires])).toEqual([
			[id, isoDay(today() + 3 * DAY)],
		]);
	});
});
