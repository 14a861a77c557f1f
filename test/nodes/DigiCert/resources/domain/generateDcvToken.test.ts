import { fakeDomains } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

const server = useFakeCertCentral({ fresh: true });
const { DOMAIN_IDS } = fakeDomains;
const generate = (domainId: number) =>
	runOperation(server, 'domain', 'generateDcvToken', { domainId });

describe('Domain > Generate DCV Token', () => {
	it('sends POST /domain/{id}/dcv/token and outputs the new token', async () => {
		const before = server.data.domains.get(DOMAIN_IDS.pendingTxt).dcv_token.token;
		const result = await generate(DOMAIN_IDS.pendingTxt);
		expect(server.requests.map((r) => [r.method, r.path])).toEqual([
			['POST', `/services/v2/domain/${DOMAIN_IDS.pendingTxt}/dcv/token`],
		]);
		const token = server.data.domains.get(DOMAIN_IDS.pendingTxt).dcv_token;
		expect(token.token).not.toBe(before);
		expect(result.items()[0].json).toEqual({ domainId: DOMAIN_IDS.pendingTxt, dcv_token: token });
	});

	it("explains DigiCert's refusal for an email-validated domain; a new token is never asked twice by a retry", async () => {
		const email = [...server.data.domains.values()].find((d) => d.dcv_method === 'email');
		let result = await generate(email.id);
		expect(result.error?.message).toBe(
			`Domain ${email.id} is validated by email: change its DCV method first.`,
		);
		server.reset();
		server.fail({ times: 1, respond: { reset: true } });
		result = await generate(DOMAIN_IDS.pendingTxt);
		expect(result.error).toBeDefined();
		expect(server.requests).toHaveLength(1);
	});

	it('fails on an answer without a token', async () => {
		server.fail({ times: 1, respond: { status: 201, body: {} } });
		expect((await generate(DOMAIN_IDS.pendingTxt)).error?.message).toMatch(/unexpected/i);
	});
});
