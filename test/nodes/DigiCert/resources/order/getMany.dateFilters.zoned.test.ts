/**
 * Get Many Orders' whole-day filters, run through n8n's engine in the time zone this process was
 * started in. A process's zone (TZ) cannot be changed from inside a jest test, so
 * dateFilters.timeZones.test.ts starts this file in child processes, one per zone, with
 * DIGICERT_ZONED_RUN=1; in the ordinary unit run it is skipped.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { FakeCertCentral } from '../../../../helpers/fake';
import { startFakeCertCentral } from '../../../../helpers/fake';
import { runDigiCert } from '../../../../helpers/runOperation';

const zoned = process.env.DIGICERT_ZONED_RUN === '1';
const { TZ, GENERIC_TIMEZONE } = process.env;

(zoned ? describe : describe.skip)(
	`whole-day filters with TZ=${TZ}, GENERIC_TIMEZONE=${GENERIC_TIMEZONE}`,
	() => {
		let server: FakeCertCentral;
		beforeAll(async () => {
			server = await startFakeCertCentral();
		});
		afterAll(async () => await server.close());
		beforeEach(() => server.reset());

		async function filtersSent(filters: INodeParameters, typeVersion = 1) {
			const result = await runDigiCert(
				server,
				{ resource: 'order', operation: 'getMany', limit: 1, filters },
				{ node: { typeVersion } },
			);
			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(1);
			return {
				validTill: server.requests[0].query['filters[valid_till]'],
				created: server.requests[0].query['filters[date_created]'],
			};
		}

		it('runs in a zone away from UTC (else this file proves nothing)', () => {
			expect(new Date('2026-01-31T00:00:00').getTimezoneOffset()).not.toBe(0);
		});

		it("sends the days picked in n8n's date picker (a local time without a zone)", async () => {
			const sent = await filtersSent({
				validTillFrom: '2026-01-31T00:00:00',
				validTillTo: '2026-02-28T00:00:00',
				createdFrom: '2026-01-01T00:00:00',
				createdTo: '2026-01-31T23:59:59',
			});
			expect(sent).toEqual({
				validTill: '2026-01-31...2026-02-28',
				created: '2026-01-01...2026-01-31',
			});
		});

		it('sends a date given without a time (a date-only value or expression), in typeVersion 1.1 too', async () => {
			const sent = await filtersSent(
				{ validTillFrom: '2026-01-31', validTillTo: '2026-02-28' },
				1.1,
			);
			expect(sent.validTill).toBe('2026-01-31...2026-02-28');
		});

		it("sends the day of a Luxon date made in n8n's time zone (GENERIC_TIMEZONE) by an expression", async () => {
			const sent = await filtersSent({
				validTillFrom: '={{ DateTime.fromObject({ year: 2026, month: 1, day: 31 }) }}',
				validTillTo: '={{ DateTime.fromObject({ year: 2026, month: 3, day: 1 }).toISO() }}',
			});
			expect(sent.validTill).toBe('2026-01-31...2026-03-01');
		});
	},
);
