/**
 * Domain Validation Expiring through the engine, against the fake: it asks DigiCert for the reuse
 * status (the shortened date counts) and, from trigger typeVersion 1.1, UTC times. The fake returns
 * both only when asked, as DigiCert does.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { activeDomainsPageQuery, credentialFor, fakeDomains } from '../../../helpers/fake';
import { ActiveTrigger, triggerNode } from '../../../helpers/poll';
import { useFakeCertCentral } from '../../../helpers/useFakeCertCentral';

const DAY = 86_400_000;
const { DOMAIN_IDS } = fakeDomains;
const server = useFakeCertCentral({ fresh: true });
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = () => Math.floor(Date.now() / DAY) * DAY;
const json = (items: INodeExecutionData[] | undefined) => (items ?? []).map((i) => i.json);

describe('Domain Validation Expiring: DCV dates as DigiCert gives them', () => {
	it('reports a domain when DigiCert shortened its reuse period into Days, asking for UTC times (typeVersion 1.1)', async () => {
		const id = DOMAIN_IDS.ovIn30;
		server.data.setValidationExpiry('domain', id, 'ov', 150);
		server.data.setValidationExpiry('domain', id, 'ev', 160);
		const trigger = new ActiveTrigger(
			triggerNode({ event: 'domainValidationExpiring', days: 20 }, 1.1),
			credentialFor(server),
		);
		expect(await trigger.activate()).toEqual({});
		expect(server.requests[0].query).toEqual(activeDomainsPageQuery({ utcTimes: true }));

		// DigiCert cuts the OV reuse period: it now lapses in 12 days.
		const shortened = `${isoDay(today() + 12 * DAY)}T16:00:00+00:00`;
		server.data.shortenReuse(id, 'ov', shortened);
		const { emitted, error } = await trigger.poll();
		expect(error).toBeUndefined();
		expect(json(emitted)).toEqual([
			expect.objectContaining({
				event: 'domainValidationExpiring',
				id,
				validation_type: 'ov',
				expires: isoDay(today() + 12 * DAY),
				days_remaining: 12,
				threshold_days: 20,
			}),
		]);
		expect((json(emitted)[0].dcv_expiration as IDataObject).ov_shortened).toBe(shortened);
	});
});
