import { fakeDomains } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

const server = useFakeCertCentral({ fresh: true });
const { DOMAIN_IDS } = fakeDomains;
const change = (domainId: number, dcvMethod: string) =>
	runOperation(server, 'domain', 'changeDcvMethod', { domainId, dcvMethod });

describe('Domain > Change DCV Method', () => {
	it('sends PUT /domain/{id}/dcv/method {dcv_method} and outputs the new token', async () => {
		const email = [...server.data.domains.values()].find((d) => d.dcv_method === 'email');
		const result = await change(email.id, 'dns-txt-token');
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['PUT', `/services/v2/domain/${email.id}/dcv/method`, { dcv_method: 'dns-txt-token' }],
		]);
		expect(server.data.domains.get(email.id).dcv_method).toBe('dns-txt-token');
		expect(result.items()[0].json).toEqual({
			domainId: email.id,
			dcvMethod: 'dns-txt-token',
			dcv_token: server.data.domains.get(email.id).dcv_token,
		});
	});

	it('to email: DigiCert answers without a body, the output says what was done', async () => {
		const result = await change(DOMAIN_IDS.pendingTxt, 'email');
		expect(result.items()[0].json).toEqual({ domainId: DOMAIN_IDS.pendingTxt, dcvMethod: 'email' });
	});

	it('refuses an unknown method before sending; the change is sent once after a 502', async () => {
		expect((await change(DOMAIN_IDS.pendingTxt, 'fax')).error?.message).toMatch(
			/^DCV Method must be one of/,
		);
		expect(server.requests).toHaveLength(0);
		server.fail({ times: 1, respond: { status: 502, body: 'Bad Gateway' } });
		expect((await change(DOMAIN_IDS.pendingTxt, 'dns-txt-token')).error).toBeDefined();
		expect(server.requests).toHaveLength(1);
	});
});
