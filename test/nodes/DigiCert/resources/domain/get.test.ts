import { fakeDomains } from '../../../../helpers/fake';
import { runDigiCert } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

const server = useFakeCertCentral();

const { DOMAIN_IDS } = fakeDomains;

describe('Domain > Get', () => {
	it('asks for the domain with its DCV and validations, one request per item, paired', async () => {
		const result = await runDigiCert(
			server,
			{ resource: 'domain', operation: 'get', domainId: '={{ $json.id }}' },
			{ input: [{ id: DOMAIN_IDS.pendingTxt }, { id: String(DOMAIN_IDS.bothIn12) }] },
		);
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.query]).sort()).toEqual([
			[
				'GET',
				`/services/v2/domain/${DOMAIN_IDS.bothIn12}`,
				{ include_dcv: 'true', include_validation: 'true' },
			],
			[
				'GET',
				`/services/v2/domain/${DOMAIN_IDS.pendingTxt}`,
				{ include_dcv: 'true', include_validation: 'true' },
			],
		]);
		const [pending, validated] = result.items();
		expect(pending.json).toMatchObject({
			id: DOMAIN_IDS.pendingTxt,
			name: 'contoso.com',
			is_pending_validation: true,
			dcv_method: 'dns-txt-token',
			dcv_token: { token: expect.any(String), status: 'pending' },
			validations: [
				expect.objectContaining({ type: 'ov', status: 'pending' }),
				expect.objectContaining({ type: 'ev', status: 'pending' }),
			],
		});
		expect(pending.json.dcv_expiration).toBeUndefined();
		expect(validated.json).toMatchObject({
			id: DOMAIN_IDS.bothIn12,
			dcv_expiration: { ov: expect.any(String), ev: expect.any(String) },
		});
		expect(result.items().map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('says an unknown domain was not found, and refuses an ID that could change the path', async () => {
		expect(
			(await runDigiCert(server, { resource: 'domain', operation: 'get', domainId: '987654' }))
				.error?.message,
		).toBe('Domain 987654 was not found in DigiCert');
		server.reset();
		const result = await runDigiCert(server, {
			resource: 'domain',
			operation: 'get',
			domainId: '12/../../user/me',
		});
		expect(result.error?.message).toBe(
			'Domain ID must be a positive whole number, but it is "12/../../user/me"',
		);
		expect(server.requests).toHaveLength(0);
	});
});
